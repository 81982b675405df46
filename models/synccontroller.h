// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/clock.h"
#include "common/secretbytes.h"
#include "feeds/feedclient.h"
#include "feeds/feedconfig.h"
#include "store/database.h"
#include "sync/storerefresh.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace bv::models {

class SyncWorker;
struct SyncHandle;

// Runs the app's "Sync now" (sync::StoreRefresh: every feed, the audit, the link) on a thread
// of its own with its own connection to the store, so the window stays live while pages come
// in; progress and the outcome arrive as signals on the GUI thread.
class SyncController final : public QObject
{
    Q_OBJECT

public:
    explicit SyncController(const Clock &clock, QObject *parent = nullptr);
    ~SyncController() override;

    // The store to sync into and as whom; the key is copied into the worker's connection.
    void setStore(const QString &storePath, const SecretBytes &storeKey,
                  const store::StorePragmas &pragmas, const access::AccessContext &context);
    // Stops a sync under way, waits for it and closes the worker's connection (on lock).
    void clearStore();
    void setRetryPolicy(const feeds::RetryPolicy &policy) { m_policy = policy; }

    // False if a sync is already under way.
    bool start(const std::vector<feeds::FeedConfig> &feeds);
    // Stops reading the feeds; what came in is still linked.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressed(const bv::sync::RefreshProgress &progress);
    void finished(const bv::sync::RefreshOutcome &outcome);

private:
    void onFinished(int generation, const bv::sync::RefreshOutcome &outcome);

    std::shared_ptr<SyncHandle> m_handle;
    QThread m_thread;
    SyncWorker *m_worker = nullptr; // lives in m_thread
    feeds::RetryPolicy m_policy;
    bool m_running = false;
    int m_generation = 0; // of the store set; signals of an earlier one are dropped
};

} // namespace bv::models

Q_DECLARE_METATYPE(bv::sync::RefreshProgress)
Q_DECLARE_METATYPE(bv::sync::RefreshOutcome)
