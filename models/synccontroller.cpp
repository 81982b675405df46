// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/synccontroller.h"

#include "access/auditlog.h"
#include "store/cipherthreadstate.h"
#include "store/storefiles.h"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace bv::models {

// What the GUI thread shares with the worker: the refresh under way, so cancel() reaches it
// even while it waits out a retry, and whether a run is queued or under way, so a lock waits
// for it. The feed client waits in nested event loops on the worker's thread, which would
// deliver a queued close() in the middle of a run: close() is queued only once it is idle.
struct SyncHandle
{
    std::mutex mutex;
    std::condition_variable idle;
    sync::StoreRefresh *current = nullptr;
    bool active = false; // from start() to the end of the run
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

    void run(int generation, const std::vector<feeds::FeedConfig> &feeds,
             const feeds::RetryPolicy &policy)
    {
        sync::RefreshOutcome outcome = runOnce(generation, feeds, policy);
        {
            std::lock_guard lock(m_handle->mutex);
            m_handle->current = nullptr;
            m_handle->cancelRequested = false;
            m_handle->active = false;
        }
        m_handle->idle.notify_all();
        Q_EMIT finished(generation, outcome);
    }

    // Closes the connection and forgets the key, on this thread, between runs.
    void close()
    {
        m_audit.reset();
        m_db.reset();
        m_key = SecretBytes();
        m_release.reset();
        m_release.emplace();
    }

Q_SIGNALS:
    void progressed(int generation, const bv::sync::RefreshProgress &progress);
    void finished(int generation, const bv::sync::RefreshOutcome &outcome);

private:
    sync::RefreshOutcome runOnce(int generation, const std::vector<feeds::FeedConfig> &feeds,
                                 const feeds::RetryPolicy &policy)
    {
        sync::RefreshOutcome outcome;
        if (!m_db) {
            auto opened = store::StoreFiles::openWithKey(m_paths.store, m_key, m_pragmas);
            if (!opened.ok()) {
                outcome.notStarted = opened.error();
                return outcome;
            }
            m_db = std::move(opened.value());
            m_audit
                = std::make_unique<access::AuditLog>(*m_db, m_paths.auditMirror(), m_key, m_clock);
        }
        sync::StoreRefresh refresh(*m_db, *m_audit, m_context, m_clock, policy);
        refresh.setProgressHandler([this, generation](const sync::RefreshProgress &progress) {
            Q_EMIT progressed(generation, progress);
        });
        {
            std::lock_guard lock(m_handle->mutex);
            m_handle->current = &refresh;
            if (m_handle->cancelRequested)
                refresh.cancel();
        }
        return refresh.run(feeds);
    }

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
    connect(m_worker, &SyncWorker::progressed, this,
            [this](int generation, const bv::sync::RefreshProgress &progress) {
                if (generation == m_generation)
                    Q_EMIT progressed(progress);
            });
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
    {
        // The run stops at the page under way; the link, if it has begun, runs to its end.
        std::unique_lock lock(m_handle->mutex);
        m_handle->idle.wait(lock, [this] { return !m_handle->active; });
    }
    ++m_generation; // what the stopped run still has queued for us is dropped
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
        m_handle->active = true;
    }
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation = m_generation, feeds, policy = m_policy] {
            worker->run(generation, feeds, policy);
        },
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

void SyncController::onFinished(int generation, const bv::sync::RefreshOutcome &outcome)
{
    if (generation != m_generation)
        return; // a run stopped by a lock: its store and reader are gone
    m_running = false;
    Q_EMIT finished(outcome);
}

} // namespace bv::models

#include "synccontroller.moc"
