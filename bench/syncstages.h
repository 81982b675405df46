// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "feeds/feedclient.h"
#include "feeds/feedconfig.h"

#include <QtGlobal>

namespace bv::store {
class Database;
}

namespace bv::bench {

// One feed read the way SyncEngine reads it (the same FeedClient, adapter, PageWriter and
// stream positions), but one step at a time with a timer around each: no page is asked for
// before the previous one is written. What each step costs alone, for the same pages.
struct StagedFeed
{
    qsizetype pages = 0;
    qsizetype records = 0; // read, of every kind
    qsizetype persons = 0; // source records in the pages
    qsizetype events = 0;
    qsizetype bodyBytes = 0;
    double fetchSeconds = 0; // request to the whole body (the token included)
    double parseSeconds = 0; // FeedAdapter::parsePage
    double writeSeconds = 0; // PageWriter::write: one transaction per page
    // CPU time of the same: the whole process while fetching (Qt's HTTP thread does the TLS
    // and HTTP work), this thread while parsing and writing. Wall minus CPU is waiting: for
    // the simulator, the disk (fsync), or a core on a busy machine.
    double fetchCpuSeconds = 0;
    double parseCpuSeconds = 0;
    double writeCpuSeconds = 0;

    double totalSeconds() const { return fetchSeconds + parseSeconds + writeSeconds; }
};

[[nodiscard]] Result<StagedFeed> runStaged(store::Database &db, const feeds::FeedConfig &feed,
                                           const feeds::SecretLookup &secrets, const Clock &clock);

} // namespace bv::bench
