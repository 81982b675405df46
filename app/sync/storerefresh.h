// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "access/auditlog.h"
#include "common/clock.h"
#include "feeds/feedclient.h"
#include "feeds/feedconfig.h"
#include "feeds/syncengine.h"
#include "linkage/storelinker.h"

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::sync {

struct RefreshProgress
{
    enum class Stage { Feeds, Linking };
    Stage stage = Stage::Feeds;
    int feedIndex = 0; // of the feed being read, from 0
    int feedCount = 0; // enabled feeds in this refresh
    feeds::SyncProgress feed;
};

struct RefreshOutcome
{
    std::optional<Error> notStarted; // the store could not be opened for it
    std::vector<feeds::FeedSyncSummary> feeds;
    bool cancelled = false;
    std::optional<linkage::StoreLinkOutcome> link; // absent when the link failed
    std::optional<Error> linkError;
    std::optional<Error> auditError; // the sync itself stands; its entry could not be written

    qsizetype changed() const; // rows written or removed across the feeds
    qsizetype failedFeeds() const;
};

// The audit entries of a sync and of a link: counts and feed ids, never who came in or who
// was linked to whom. Shared by the CLI and the app so both record the same thing.
access::AuditEvent syncAuditEvent(const std::vector<feeds::FeedSyncSummary> &summaries);
access::AuditEvent linkAuditEvent(linkage::LinkMode mode, const linkage::StoreLinkOutcome &outcome,
                                  bool pairsExported);

// What the app's "Sync now" does: every enabled feed in turn, the sync audited, then an
// incremental link of what came in (audited in the link's own transaction). A feed that cannot
// be reached at all makes the others at the same origin fail at once instead of each waiting
// out its retries, so a laptop with no network learns it is offline in seconds, not minutes.
// Runs on the calling thread; cancel() may be called from any thread and stops the feeds, not
// the link, which runs on what came in so no record is left unlinked.
class StoreRefresh
{
public:
    StoreRefresh(store::Database &db, access::AuditLog &audit, access::AccessContext context,
                 const Clock &clock, feeds::RetryPolicy policy = {});

    void setProgressHandler(std::function<void(const RefreshProgress &)> handler);
    void cancel() { m_engine.cancel(); }

    RefreshOutcome run(const std::vector<feeds::FeedConfig> &feeds);

private:
    store::Database &m_db;
    access::AuditLog &m_audit;
    access::AccessContext m_context;
    const Clock &m_clock;
    feeds::SyncEngine m_engine;
    std::function<void(const RefreshProgress &)> m_progress;
};

} // namespace bv::sync
