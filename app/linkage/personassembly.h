// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/clustering.h"
#include "linkage/linker.h"

#include <span>
#include <vector>

namespace bv::linkage {

struct Assembly
{
    std::vector<ScoredPair> linked; // the pairs that joined records into persons
    // Uncertain pairs, links refused for NHS numbers, and the links of ambiguous records.
    std::vector<ScoredPair> review;
    // Decisions that could not be applied: "together" decisions blocked by "apart" ones.
    std::vector<RecordPair> contradicted;
};

// Turns scored pairs into persons: people's decisions first, then the pairs strongest
// evidence first under the NHS number guard. `strong` holds the pairs at or above the review
// threshold, in any order: they are ordered here by evidence, then by record index, so the
// persons depend only on the pairs, never on the order they were found in or the thread
// count. A pair people decided apart is neither linked nor put to review: it was decided.
// A record without an NHS number whose strongest links to two persons holding different NHS
// numbers are within 6 bits of each other is linked to neither: its links go to review
// (PairReason::Ambiguous), as the order of two near-equal links is chance. Found by
// assembling once, then again holding those records back.
[[nodiscard]] Assembly assemblePersons(std::span<const LinkRecord> records,
                                       std::vector<ScoredPair> strong,
                                       const LinkThresholds &thresholds,
                                       const LinkConstraints &constraints, ClusterBuilder &persons);

} // namespace bv::linkage
