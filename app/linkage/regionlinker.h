// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/blockindex.h"
#include "linkage/clustering.h"
#include "linkage/linker.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bv::linkage {

struct RegionLinkResult
{
    std::vector<std::uint32_t> region; // the records relinked, sorted
    std::vector<std::uint32_t> person; // per region record: the smallest index in its person
    std::vector<ScoredPair> linked;    // pairs that joined region records
    std::vector<ScoredPair> review;    // review pairs with a record in the region
    std::vector<RecordPair> contradicted;
    std::uint64_t comparisons = 0;
};

// Links some records again (new ones, changed ones, ones whose person lost a record) without
// comparing everything. Starting from the seeds, the region grows along every pair strong
// enough to link, every decision to keep records together, and every current person, until
// nothing outside it could join anything inside it. The persons inside are then assembled
// exactly as link() assembles them (the same pairs, the same order, the same decisions), and
// persons outside cannot change, since nothing links them to the region: so with the same
// frozen model, linking records as they arrive ends where linking them all at once does.
//
// currentPerson: per record, its person id now (0 for none); a person is relinked whole.
[[nodiscard]] Result<RegionLinkResult>
linkRegion(std::span<const LinkRecord> records, const BlockIndex &blocks, const LinkModel &model,
           const LinkConstraints &constraints, std::span<const std::int64_t> currentPerson,
           std::span<const std::uint32_t> seeds, int threads);

} // namespace bv::linkage
