// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "linkage/linker.h"

#include <QString>

#include <functional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::linkage {

enum class LinkMode : std::uint8_t {
    // Link what changed since the last link (new and changed records, persons that lost a
    // record, decisions just made) under the frozen model; estimates the model the first time.
    Incremental,
    Full,       // every record again, under the frozen model
    Reestimate, // estimate the model afresh from the records, then every record again
};

struct StoreLinkRequest
{
    LinkMode mode = LinkMode::Incremental;
    int threads = 0;        // 0: one per core
    std::uint64_t seed = 1; // of the random pairs u is estimated from
    BlockingOptions blocking;
    LinkThresholds thresholds; // when the model is estimated; a frozen model keeps its own
    // Records (source_person ids) to link again whether or not they changed: those a decision
    // was just made about.
    std::vector<qint64> alsoRelink;
};

struct StoreLinkOutcome
{
    LinkStatistics statistics;
    bool estimated = false;           // the model was estimated by this run
    qint64 relinked = 0;              // records linked again (every record, unless incremental)
    qint64 persons = 0;               // persons in the store afterwards
    qint64 newPersons = 0;            // of those, made by this run
    qint64 retiredPersons = 0;        // persons left with no records by this run, ids kept unused
    qint64 reviewPairs = 0;           // in the review queue afterwards
    qint64 contradictedDecisions = 0; // "together" decisions an "apart" decision blocked
    qint64 pairsWritten = 0;          // to pairsOut, when asked for
};

// Links the source records of a store into persons: person, person_link (with the fields as
// linked), the review queue, the frozen model and the blocks too large to use. Person ids are
// stable: each previous person's id goes to the new group holding most of its records, and an
// id whose records have all gone elsewhere is retired, never given to anyone else.
class StoreLinker
{
public:
    // In one transaction from the first read to the last write, so a sync in another process
    // cannot change records between reading and linking them. beforeCommit runs inside it
    // (the audit entry belongs there). pairsOut: also write every linked pair as CSV with ids
    // `<feed>/<external id>`, the ids of the simulator's source truth, after the commit.
    [[nodiscard]] static Result<StoreLinkOutcome>
    link(store::Database &db, const Clock &clock, const StoreLinkRequest &request,
         const std::function<Result<void>(const StoreLinkOutcome &)> &beforeCommit = {},
         const QString &pairsOut = {});

    // The same inside the caller's transaction (a decision and the relink it causes commit
    // together).
    [[nodiscard]] static Result<StoreLinkOutcome>
    linkInTransaction(store::Database &db, const Clock &clock, const StoreLinkRequest &request);
};

} // namespace bv::linkage
