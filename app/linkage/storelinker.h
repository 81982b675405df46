// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "linkage/linker.h"

#include <QString>

namespace bv::store {
class Database;
}

namespace bv::linkage {

struct StoreLinkOutcome
{
    LinkStatistics statistics;
    qint64 persons = 0;    // persons in the store afterwards
    qint64 newPersons = 0; // of those, made by this run
    qint64 reviewPairs = 0;
    qint64 pairsWritten = 0; // to pairsOut, when asked for
};

// Links every source record of a store into persons and writes the result in one transaction:
// person, person_link (decided_by 'auto'), the review queue, and the model's parameters.
// A person keeps its id while any of its records stays in it: each new group of records takes
// the smallest person id its records had, if no other group has taken it.
class StoreLinker
{
public:
    // pairsOut: also write the linked pairs as CSV with ids `<feed>/<external id>`, the ids of
    // the simulator's source truth, for `broadview link-eval --truth`.
    [[nodiscard]] static Result<StoreLinkOutcome> linkAll(store::Database &db, const Clock &clock,
                                                          const QString &decidedBy,
                                                          const LinkOptions &options,
                                                          const QString &pairsOut = {});
};

} // namespace bv::linkage
