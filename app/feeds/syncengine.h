// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "feeds/feedclient.h"
#include "feeds/feedconfig.h"

#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::feeds {

struct SyncProgress
{
    QString feedId;
    QString stream;
    qsizetype pages = 0;   // pages written in this sync, for this feed
    qsizetype records = 0; // records read from them
    qsizetype rejected = 0;
};

struct FeedSyncSummary
{
    QString feedId;
    qsizetype pages = 0;
    qsizetype records = 0;   // read from the feed, rejected ones included
    qsizetype written = 0;   // inserted or changed in the store
    qsizetype unchanged = 0; // already there (a repeated page, an overlap)
    qsizetype removed = 0;   // withdrawn by the agency
    qsizetype rejected = 0;  // quarantined
    int retries = 0;
    qint64 elapsedMs = 0;
    std::optional<Error> error; // why the feed stopped early; pages before it are kept

    bool ok() const { return !error.has_value(); }
};

// Brings the store up to date with each feed, stream by stream and page by page. Each page
// goes in with the stream's read position in one transaction (PageWriter), so a sync that
// stops, for a crash, a cancel or a feed that fails, resumes where it was. Runs on the
// thread that calls it (a worker thread in the app, the main thread in the CLI);
// cancel() may be called from any thread.
class SyncEngine
{
public:
    SyncEngine(store::Database &db, SecretLookup secrets, const Clock &clock,
               RetryPolicy policy = {});

    void setProgressHandler(std::function<void(const SyncProgress &)> handler);

    FeedSyncSummary syncFeed(const FeedConfig &feed);
    std::vector<FeedSyncSummary> syncAll(const std::vector<FeedConfig> &feeds);
    // A feed not tried, for `why`: its summary, with `why` kept as the feed's last error.
    FeedSyncSummary skipFeed(const FeedConfig &feed, const Error &why);

    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

private:
    [[nodiscard]] Result<void> syncFeedInto(const FeedConfig &feed, FeedSyncSummary &summary);
    void recordError(const FeedConfig &feed, const Error &error);

    store::Database &m_db;
    SecretLookup m_secrets;
    const Clock &m_clock;
    RetryPolicy m_policy;
    std::function<void(const SyncProgress &)> m_progress;
    std::atomic<bool> m_cancelled{false};
};

// The next read position after a page: the page's next link while a pass goes on; at the
// end of a pass the high-water mark moves up to the latest update the pass read.
StreamState advanceStreamState(const StreamState &state, const FeedPage &page);

// Secrets kept in the store's `secret` table.
SecretLookup storeSecretLookup(store::Database &db);

} // namespace bv::feeds
