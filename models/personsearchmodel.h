// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/secretbytes.h"
#include "search/personsearch.h"
#include "store/database.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QThread>

#include <atomic>
#include <memory>

namespace bv::models {

class PersonSearchWorker;

// The persons a search found, for the search panel. Queries run on a thread of their own with
// their own connection to the store (opened with the session's key), so typing never waits on
// the store: each setQuery() supersedes the one before, and only the newest answer is shown.
class PersonSearchModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, BornColumn, AgeColumn, AgenciesColumn, FlagsColumn, ColumnCount };
    enum Role {
        PersonIdRole = Qt::UserRole + 1,
        AgencyCodesRole,     // the agencies that know them (codes, in the usual order)
        WithheldRecordsRole, // records of them the reader may not see
    };

    explicit PersonSearchModel(QObject *parent = nullptr);
    ~PersonSearchModel() override;

    // The store to search and as whom; the key is copied into the worker's connection.
    void setStore(const QString &storePath, const SecretBytes &storeKey,
                  const store::StorePragmas &pragmas, const access::AccessContext &context);
    // Closes the worker's connection (on lock) and empties the model.
    void clearStore();
    void setQuery(const QString &text, QDate today);

    const search::SearchResult &result() const { return m_result; }
    const QString &query() const { return m_shownQuery; }
    qint64 personId(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The newest query's answer is shown (error empty), or it failed (error says why).
    void searchFinished(const QString &query, const QString &error);

private:
    void onDone(int ticket, const QString &query, const bv::search::SearchResult &result,
                const QString &error);

    // The newest ticket, read by the worker so it skips searches already superseded. Before
    // m_worker, which is made with it.
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    QThread m_thread;
    PersonSearchWorker *m_worker = nullptr; // lives in m_thread
    int m_ticket = 0;
    search::SearchResult m_result;
    QString m_shownQuery;
};

} // namespace bv::models
