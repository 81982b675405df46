// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/linkrecord.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bv::linkage {

struct BlockingOptions
{
    // Only pairs of records from different sides (linking two inputs, not deduplicating).
    bool acrossSidesOnly = false;
    // A block larger than this is left out of its rule: a very common key ("JN" and "SM0",
    // born in 1980) would cost quadratic time and the other rules still reach its pairs.
    int maxBlockSize = 400;
};

struct BlockingStatistics
{
    std::uint64_t pairsBeforeDeduplication = 0;
    std::uint64_t oversizedBlocks = 0; // blocks left out of their rule
};

// The candidate pairs: records that share a key of at least one blocking rule, each pair once,
// sorted. The rules, each chosen to catch what the others miss:
// - the same valid NHS number;
// - the same date of birth, day and month in either order (catches a swap);
// - both names sounding alike, in either order (catches a wrong or missing date of birth and
//   a given/family swap);
// - the same given name sound and date of birth (catches a new family name after marriage);
// - the same postcode unit and the same initial (catches a date of birth and family name
//   both wrong, as for a child registered under another name);
// - the same UPRN;
// - the same normalised address text (catches names, date of birth and postcode all with a
//   slip).
// threads: how many to make them on (the pairs are the same for any number).
[[nodiscard]] std::vector<std::uint64_t> candidatePairs(std::span<const LinkRecord> records,
                                                        const BlockingOptions &options,
                                                        BlockingStatistics *statistics = nullptr,
                                                        int threads = 1);

// The blocking keys of one record, one per rule that applies to it, appended to `keys`: what
// candidatePairs() groups records by. Keys are the same in every run, on every machine.
void appendBlockingKeys(const LinkRecord &record, std::vector<std::uint64_t> &keys);

} // namespace bv::linkage
