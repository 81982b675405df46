// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/personsearchmodel.h"

#include "store/cipherthreadstate.h"
#include "store/database.h"
#include "store/storefiles.h"

#include <QLocale>

#include <optional>

namespace bv::models {

// Runs searches on the model's thread, on a connection of its own, opened on first use.
class PersonSearchWorker final : public QObject
{
    Q_OBJECT

public:
    explicit PersonSearchWorker(std::shared_ptr<std::atomic<int>> latest)
        : m_latest(std::move(latest))
    {}

    void setStore(const QString &path, SecretBytes key, const store::StorePragmas &pragmas,
                  const access::AccessContext &context)
    {
        close();
        m_path = path;
        m_key = std::move(key);
        m_pragmas = pragmas;
        m_context = context;
    }

public Q_SLOTS:
    void search(int ticket, const QString &text, QDate today)
    {
        if (ticket != m_latest->load())
            return; // typed over: a newer search is queued behind this one
        search::SearchResult result;
        QString error;
        if (!m_db) {
            auto opened = store::StoreFiles::openWithKey(m_path, m_key, m_pragmas);
            if (!opened.ok()) {
                Q_EMIT done(ticket, text, result, opened.error().message);
                return;
            }
            m_db = std::move(opened.value());
        }
        auto found = search::PersonSearch(*m_db).search(m_context, search::SearchQuery::parse(text),
                                                        today);
        if (found.ok())
            result = std::move(found.value());
        else
            error = found.error().message;
        Q_EMIT done(ticket, text, result, error);
    }

    // Closes the connection and forgets the key, on this thread.
    void close()
    {
        m_db.reset();
        m_key = SecretBytes();
        m_release.reset();
        m_release.emplace();
    }

Q_SIGNALS:
    void done(int ticket, const QString &text, const bv::search::SearchResult &result,
              const QString &error);

private:
    std::shared_ptr<std::atomic<int>> m_latest;
    QString m_path;
    SecretBytes m_key;
    store::StorePragmas m_pragmas;
    access::AccessContext m_context;
    std::unique_ptr<store::Database> m_db;
    // OpenSSL's per-thread state, released with the connection on this thread.
    std::optional<store::CipherThreadStateRelease> m_release;
};

PersonSearchModel::PersonSearchModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(new PersonSearchWorker(m_latest))
{
    qRegisterMetaType<bv::search::SearchResult>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PersonSearchWorker::done, this, &PersonSearchModel::onDone);
    m_thread.setObjectName(QStringLiteral("person search"));
    m_thread.start();
}

PersonSearchModel::~PersonSearchModel()
{
    clearStore();
    m_thread.quit();
    m_thread.wait();
}

void PersonSearchModel::setStore(const QString &storePath, const SecretBytes &storeKey,
                                 const store::StorePragmas &pragmas,
                                 const access::AccessContext &context)
{
    SecretBytes key(storeKey.data(), storeKey.size());
    // The worker is idle between queued calls; this runs before any later search.
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, storePath, pragmas, context,
         key = std::make_shared<SecretBytes>(std::move(key))] {
            worker->setStore(storePath, std::move(*key), pragmas, context);
        },
        Qt::BlockingQueuedConnection);
}

void PersonSearchModel::clearStore()
{
    m_latest->store(++m_ticket); // queued searches are skipped, not run, before the close
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(m_worker, &PersonSearchWorker::close,
                                  Qt::BlockingQueuedConnection);
    beginResetModel();
    m_result = {};
    m_shownQuery.clear();
    endResetModel();
}

void PersonSearchModel::setQuery(const QString &text, QDate today)
{
    const int ticket = ++m_ticket;
    m_latest->store(ticket);
    if (search::SearchQuery::parse(text).isEmpty()) {
        onDone(ticket, text, {}, QString());
        return;
    }
    QMetaObject::invokeMethod(m_worker, "search", Qt::QueuedConnection, Q_ARG(int, ticket),
                              Q_ARG(QString, text), Q_ARG(QDate, today));
}

void PersonSearchModel::onDone(int ticket, const QString &query,
                               const bv::search::SearchResult &result, const QString &error)
{
    if (ticket != m_ticket)
        return; // a newer query is on its way
    beginResetModel();
    m_result = result;
    m_shownQuery = query;
    endResetModel();
    Q_EMIT searchFinished(query, error);
}

qint64 PersonSearchModel::personId(int row) const
{
    return row >= 0 && std::size_t(row) < m_result.persons.size()
               ? m_result.persons[std::size_t(row)].personId
               : 0;
}

int PersonSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.persons.size());
}

int PersonSearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PersonSearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || std::size_t(index.row()) >= m_result.persons.size())
        return {};
    const search::PersonHit &hit = m_result.persons[std::size_t(index.row())];
    if (role == PersonIdRole)
        return hit.personId;
    if (role == AgencyCodesRole)
        return hit.agencies;
    if (role == WithheldRecordsRole)
        return hit.withheldRecords;
    const QLocale locale;
    const auto labels = [](const QStringList &codes, QString (*label)(const QString &)) {
        QStringList out;
        for (const QString &code : codes)
            out << label(code);
        return out.join(QStringLiteral(", "));
    };
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case NameColumn:
            return hit.name.isEmpty() ? tr("(no name recorded)") : hit.name;
        case BornColumn:
            return hit.birthDate.isValid() ? locale.toString(hit.birthDate, QLocale::ShortFormat)
                                           : tr("Not known");
        case AgeColumn:
            return hit.age ? QVariant(*hit.age) : QVariant(tr("Not known"));
        case AgenciesColumn: {
            QString text = labels(hit.agencies, &search::agencyLabel);
            if (hit.withheldRecords > 0)
                text += tr(" (and %n record(s) withheld)", nullptr, hit.withheldRecords);
            return text;
        }
        case FlagsColumn:
            return hit.flags.isEmpty() && role == Qt::AccessibleTextRole
                       ? tr("No active flags")
                       : labels(hit.flags, &search::flagLabel);
        default:
            break;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == AgeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PersonSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case BornColumn:
        return tr("Born");
    case AgeColumn:
        return tr("Age");
    case AgenciesColumn:
        return tr("Known to");
    case FlagsColumn:
        return tr("Active flags");
    default:
        return {};
    }
}

} // namespace bv::models

#include "personsearchmodel.moc"
