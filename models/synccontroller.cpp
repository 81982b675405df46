// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/synccontroller.h"

#include "access/auditlog.h"
#include "store/cipherthreadstate.h"
#include "store/storefiles.h"

#include <mutex>
#include <optional>

namespace bv::models {

// What the GUI thread shares with the worker: the refresh under way, so cancel() reaches it
// even while it waits out a retry.
struct SyncHandle
{
    std::mutex mutex;
    sync::StoreRefresh *current = nullptr;
    bool cancelRequested = false;
};

class SyncWorker final : public QObject
{
    Q_OBJECT

public:
    SyncWorker(std::shared_ptr<SyncHandle> handle, const Clock &clock)
        : m_handle(std::move(handle))
        , m_clock(clock)
    {}

    void setStore(const QString &path, SecretBytes key, const store::StorePragmas &pragmas,
                  const access::AccessContext &context)
    {
        close();
        m_paths = store::StorePaths::forStore(path);
        m_key = std::move(key);
        m_pragmas = pragmas;
        m_context = context;
    }

    void run(const std::vector<feeds::FeedConfig> &feeds, const feeds::RetryPolicy &policy)
    {
        sync::RefreshOutcome outcome;
        if (!m_db) {
            auto opened = store::StoreFiles::openWithKey(m_paths.store, m_key, m_pragmas);
            if (!opened.ok()) {
                outcome.notStarted = opened.error();
                Q_EMIT finished(outcome);
                return;
            }
            m_db = std::move(opened.value());
            m_audit
                = std::make_unique<access::AuditLog>(*m_db, m_paths.auditMirror(), m_key, m_clock);
        }
        sync::StoreRefresh refresh(*m_db, *m_audit, m_context, m_clock, policy);
        refresh.setProgressHandler(
            [this](const sync::RefreshProgress &progress) { Q_EMIT progressed(progress); });
        {
            std::lock_guard lock(m_handle->mutex);
            m_handle->current = &refresh;
            if (m_handle->cancelRequested)
                refresh.cancel();
        }
        outcome = refresh.run(feeds);
        {
            std::lock_guard lock(m_handle->mutex);
            m_handle->current = nullptr;
            m_handle->cancelRequested = false;
        }
        Q_EMIT finished(outcome);
    }

    // Closes the connection and forgets the key, on this thread.
    void close()
    {
        m_audit.reset();
        m_db.reset();
        m_key = SecretBytes();
        m_release.reset();
        m_release.emplace();
    }

Q_SIGNALS:
    void progressed(const bv::sync::RefreshProgress &progress);
    void finished(const bv::sync::RefreshOutcome &outcome);

private:
    std::shared_ptr<SyncHandle> m_handle;
    const Clock &m_clock;
    store::StorePaths m_paths;
    SecretBytes m_key;
    store::StorePragmas m_pragmas;
    access::AccessContext m_context;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<access::AuditLog> m_audit; // on m_db, for the sync's and link's entries
    // OpenSSL's per-thread state, released with the connection on this thread.
    std::optional<store::CipherThreadStateRelease> m_release;
};

SyncController::SyncController(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_handle(std::make_shared<SyncHandle>())
    , m_worker(new SyncWorker(m_handle, clock))
{
    qRegisterMetaType<bv::sync::RefreshProgress>();
    qRegisterMetaType<bv::sync::RefreshOutcome>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::progressed, this, &SyncController::progressed);
    connect(m_worker, &SyncWorker::finished, this, &SyncController::onFinished);
    m_thread.setObjectName(QStringLiteral("sync"));
    m_thread.start();
}

SyncController::~SyncController()
{
    clearStore();
    m_thread.quit();
    m_thread.wait();
}

void SyncController::setStore(const QString &storePath, const SecretBytes &storeKey,
                              const store::StorePragmas &pragmas,
                              const access::AccessContext &context)
{
    SecretBytes key(storeKey.data(), storeKey.size());
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, storePath, pragmas, context,
         key = std::make_shared<SecretBytes>(std::move(key))] {
            worker->setStore(storePath, std::move(*key), pragmas, context);
        },
        Qt::BlockingQueuedConnection);
}

void SyncController::clearStore()
{
    cancel();
    // Queued behind a sync under way, so it waits for it to finish.
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(m_worker, &SyncWorker::close, Qt::BlockingQueuedConnection);
    m_running = false;
}

bool SyncController::start(const std::vector<feeds::FeedConfig> &feeds)
{
    if (m_running)
        return false;
    m_running = true;
    {
        std::lock_guard lock(m_handle->mutex);
        m_handle->cancelRequested = false;
    }
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, feeds, policy = m_policy] { worker->run(feeds, policy); },
        Qt::QueuedConnection);
    return true;
}

void SyncController::cancel()
{
    std::lock_guard lock(m_handle->mutex);
    if (m_handle->current)
        m_handle->current->cancel();
    else if (m_running)
        m_handle->cancelRequested = true; // queued, not started yet
}

void SyncController::onFinished(const bv::sync::RefreshOutcome &outcome)
{
    m_running = false;
    Q_EMIT finished(outcome);
}

} // namespace bv::models

#include "synccontroller.moc"
