// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/feedstatusmodel.h"

#include "common/agencies.h"
#include "models/agencybadge.h"
#include "models/agencystyle.h"
#include "search/personsearch.h"

#include <QGuiApplication>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace bv::models {

Connectivity Connectivity::of(const QList<store::SourceCount> &sources, const QStringList *feeds)
{
    Connectivity result;
    QDateTime oldestSync;
    QDateTime newestSync;
    for (const auto &source : sources) {
        const QDateTime synced = QDateTime::fromString(source.lastSyncAt, Qt::ISODateWithMs);
        if (source.lastSyncAt.isEmpty() && source.lastError.isEmpty())
            continue; // never tried
        if (feeds && !feeds->contains(source.code))
            continue; // turned off or no longer in the file
        ++result.feeds;
        if (!source.lastError.isEmpty())
            ++result.failing;
        if (synced.isValid()) {
            if (!oldestSync.isValid() || synced < oldestSync)
                oldestSync = synced;
            if (!newestSync.isValid() || synced > newestSync)
                newestSync = synced;
        }
    }
    if (result.feeds == 0)
        return result;
    result.oldest = oldestSync;
    if (result.failing == result.feeds) {
        result.state = State::Offline;
        result.since = newestSync; // invalid: never reached at all
    } else {
        result.state = result.failing > 0 ? State::Partial : State::Online;
        result.since = oldestSync;
    }
    return result;
}

FeedStatusModel::FeedStatusModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void FeedStatusModel::setFeeds(const std::vector<feeds::FeedConfig> &feeds)
{
    m_feeds = feeds;
    rebuild();
}

void FeedStatusModel::setSources(const QList<store::SourceCount> &sources)
{
    m_sources = sources;
    rebuild();
}

void FeedStatusModel::clear()
{
    m_feeds.clear();
    m_sources.clear();
    m_syncing = false;
    rebuild();
}

void FeedStatusModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    for (const auto &feed : m_feeds)
        m_rows.push_back(
            {feed.id, feed.agency, feed.baseUrl.toDisplayString(), true, feed.enabled, -1});
    for (qsizetype i = 0; i < m_sources.size(); ++i) {
        const store::SourceCount &source = m_sources.at(i);
        auto row = std::find_if(m_rows.begin(), m_rows.end(),
                                [&source](const Row &r) { return r.id == source.code; });
        if (row == m_rows.end())
            m_rows.push_back({source.code, source.agency, QString(), false, true, i});
        else
            row->source = i;
    }
    // The agencies in their usual order, as the timeline shows them.
    const QStringList order = agencyOrder();
    std::stable_sort(m_rows.begin(), m_rows.end(), [&order](const Row &a, const Row &b) {
        return order.indexOf(a.agency) < order.indexOf(b.agency);
    });
    m_syncOrder.clear();
    for (const auto &feed : m_feeds) {
        if (feed.enabled)
            m_syncOrder << feed.id;
    }
    endResetModel();
}

void FeedStatusModel::showProgress(const sync::RefreshProgress &progress)
{
    m_syncing = true;
    m_syncIndex = progress.stage == sync::RefreshProgress::Stage::Feeds ? progress.feedIndex
                                                                        : int(m_syncOrder.size());
    m_live = progress.feed;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void FeedStatusModel::endProgress()
{
    m_syncing = false;
    m_syncIndex = -1;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

FeedStatusModel::State FeedStatusModel::state(int row) const
{
    const Row &r = m_rows.at(std::size_t(row));
    if (!r.inFile)
        return State::NotInFeedsFile;
    if (!r.enabled)
        return State::Disabled;
    if (m_syncing) {
        const int position = int(m_syncOrder.indexOf(r.id));
        if (position == m_syncIndex)
            return State::Syncing;
        if (position > m_syncIndex)
            return State::Waiting;
    }
    const store::SourceCount *source = sourceOf(r);
    if (!source || (source->lastSyncAt.isEmpty() && source->lastError.isEmpty()))
        return State::NotSynced;
    return source->lastError.isEmpty() ? State::UpToDate : State::Failed;
}

QString FeedStatusModel::stateLabel(State state)
{
    switch (state) {
    case State::NotSynced:
        return tr("Not synced yet");
    case State::UpToDate:
        return tr("Up to date");
    case State::Failed:
        return tr("Failed");
    case State::Disabled:
        return tr("Turned off");
    case State::NotInFeedsFile:
        return tr("Not in the feeds file");
    case State::Waiting:
        return tr("Waiting");
    case State::Syncing:
        return tr("Syncing");
    }
    return {};
}

int FeedStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FeedStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FeedStatusModel::whenText(const QDateTime &utc, const QDateTime &nowUtc)
{
    if (!utc.isValid())
        return {};
    const QTimeZone london("Europe/London");
    const QDateTime at = utc.toTimeZone(london);
    const QDate today = nowUtc.toTimeZone(london).date();
    const QString time = QLocale().toString(at.time(), QStringLiteral("HH:mm"));
    if (at.date() == today)
        return tr("today %1").arg(time);
    if (at.date() == today.addDays(-1))
        return tr("yesterday %1").arg(time);
    return QLocale().toString(at, QLocale::ShortFormat);
}

QVariant FeedStatusModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows.at(std::size_t(index.row()));
    const store::SourceCount *source = sourceOf(row);
    const State rowState = state(index.row());
    const QLocale locale;
    if (role == FeedIdRole)
        return row.id;
    if (role == AgencyRole)
        return row.agency;
    if (role == StateRole)
        return int(rowState);
    if (role == Qt::DecorationRole && index.column() == AgencyColumn)
        return agencyIcon(row.agency, isDarkPalette(QGuiApplication::palette()));
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == RecordsColumn || index.column() == QuarantinedColumn;
        return number ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                      : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case AgencyColumn:
        if (role == Qt::ToolTipRole)
            return row.address.isEmpty() ? tr("Feed %1").arg(row.id)
                                         : tr("Feed %1 at %2").arg(row.id, row.address);
        return search::agencyLabel(row.agency);
    case StateColumn:
        if (rowState == State::Syncing && !m_live.stream.isEmpty())
            return tr("Syncing %1: %n page(s)", nullptr, int(m_live.pages)).arg(m_live.stream);
        return stateLabel(rowState);
    case LastSyncColumn:
        if (!source || source->lastSyncAt.isEmpty())
            return role == Qt::ToolTipRole ? tr("No complete sync yet") : tr("Never");
        return whenText(QDateTime::fromString(source->lastSyncAt, Qt::ISODateWithMs),
                        m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
    case RecordsColumn:
        return source ? locale.toString(source->persons) : QString();
    case QuarantinedColumn:
        if (!source)
            return QString();
        if (role == Qt::ToolTipRole)
            return tr("%n input record(s) held back as unreadable; see broadview quarantine list",
                      nullptr, int(source->quarantined));
        return locale.toString(source->quarantined);
    case ProblemColumn:
        return source ? source->lastError : QString();
    default:
        return {};
    }
}

QVariant FeedStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AgencyColumn:
        return tr("Agency");
    case StateColumn:
        return tr("State");
    case LastSyncColumn:
        return tr("Last sync");
    case RecordsColumn:
        return tr("Records");
    case QuarantinedColumn:
        return tr("Quarantined");
    case ProblemColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace bv::models
