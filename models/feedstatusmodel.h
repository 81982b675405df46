// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/feedconfig.h"
#include "store/storeinspector.h"
#include "sync/storerefresh.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace bv::models {

// Whether the store is keeping up with its feeds, as the status bar says it.
struct Connectivity
{
    enum class State {
        NotSynced, // no feed has been synced or tried yet
        Online,    // every feed's last sync went through
        Partial,   // some feeds failed last time
        Offline,   // every feed failed last time: what the store holds is as of `since`
    };
    State state = State::NotSynced;
    QDateTime since;  // Online: the oldest feed's last sync; Offline: the newest (UTC)
    QDateTime oldest; // the oldest feed's last sync: how old the stalest records may be
    int failing = 0;
    int feeds = 0;

    // Read from the store's record of each feed's last sync and error, so a laptop opened in
    // the field says how old its data is before anyone presses Sync.
    // feeds: the ids of the feeds in use (enabled in the feeds file), or null for every source
    // the store knows.
    static Connectivity of(const QList<store::SourceCount> &sources,
                           const QStringList *feeds = nullptr);
};

// Each agency feed: its state, last sync, records, quarantined input and last error, from the
// store, with the live state of a sync under way. Feeds come from feeds.json and from the
// store, so one synced before and since removed from the file still shows.
class FeedStatusModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AgencyColumn, // the feed's id and address in its tooltip
        StateColumn,
        LastSyncColumn,
        RecordsColumn,
        QuarantinedColumn,
        ProblemColumn,
        ColumnCount
    };
    enum class State { NotSynced, UpToDate, Failed, Disabled, NotInFeedsFile, Waiting, Syncing };
    enum Role { FeedIdRole = Qt::UserRole + 1, AgencyRole, StateRole };

    explicit FeedStatusModel(QObject *parent = nullptr);

    // "today 10:15", "yesterday 18:02", or the date and time, in UK time.
    static QString whenText(const QDateTime &utc, const QDateTime &nowUtc);
    void setNow(const QDateTime &nowUtc) { m_now = nowUtc; }

    void setFeeds(const std::vector<feeds::FeedConfig> &feeds);
    void setSources(const QList<store::SourceCount> &sources);
    void clear();

    // A sync under way: feeds not reached yet wait, the one being read shows its progress.
    void showProgress(const sync::RefreshProgress &progress);
    void endProgress();

    State state(int row) const;
    const QList<store::SourceCount> &sources() const { return m_sources; }
    static QString stateLabel(State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString id;
        QString agency;
        QString address; // the feed's base URL, from the feeds file
        bool inFile = false;
        bool enabled = true;
        qsizetype source = -1; // into m_sources
    };
    void rebuild();
    const store::SourceCount *sourceOf(const Row &row) const
    {
        return row.source < 0 ? nullptr : &m_sources.at(row.source);
    }

    std::vector<feeds::FeedConfig> m_feeds;
    QList<store::SourceCount> m_sources;
    std::vector<Row> m_rows;
    bool m_syncing = false;
    int m_syncIndex = -1;       // of the enabled feed being read
    QStringList m_syncOrder;    // enabled feeds, in the order the sync reads them
    feeds::SyncProgress m_live; // of the feed being read
    QDateTime m_now;            // for "today" and "yesterday"
};

} // namespace bv::models
