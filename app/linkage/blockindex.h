// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/blocking.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bv::linkage {

// The blocks of a set of records, kept so that one record's candidates can be found without
// making every pair: what linking a few new records against many needs. Agrees with
// candidatePairs(): b is among a's candidates exactly when (a, b) is a candidate pair.
class BlockIndex
{
public:
    BlockIndex(std::span<const LinkRecord> records, const BlockingOptions &options);

    // The records candidatePairs() would pair with `record`, sorted, without itself.
    void candidatesOf(std::uint32_t record, std::vector<std::uint32_t> &candidates) const;
    // The keys of the blocks too large to use, sorted.
    [[nodiscard]] const std::vector<std::uint64_t> &oversizedKeys() const { return m_oversized; }
    // The records in the blocks with these keys, sorted.
    [[nodiscard]] std::vector<std::uint32_t> recordsIn(std::span<const std::uint64_t> keys) const;

private:
    struct Entry
    {
        std::uint64_t key;
        std::uint32_t record;
    };
    // [first, last) of the entries with this key.
    std::pair<std::size_t, std::size_t> block(std::uint64_t key) const;

    std::span<const LinkRecord> m_records;
    BlockingOptions m_options;
    std::vector<Entry> m_entries;         // by key, then record
    std::vector<std::uint64_t> m_keys;    // every record's keys, record after record
    std::vector<std::uint32_t> m_keyFrom; // per record, where its keys start in m_keys; + end
    std::vector<std::uint64_t> m_oversized;
};

} // namespace bv::linkage
