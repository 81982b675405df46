// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/blockindex.h"

#include <algorithm>

namespace bv::linkage {

BlockIndex::BlockIndex(std::span<const LinkRecord> records, const BlockingOptions &options)
    : m_records(records)
    , m_options(options)
{
    m_keyFrom.reserve(records.size() + 1);
    m_keys.reserve(records.size() * 5);
    for (const LinkRecord &record : records) {
        m_keyFrom.push_back(std::uint32_t(m_keys.size()));
        appendBlockingKeys(record, m_keys);
    }
    m_keyFrom.push_back(std::uint32_t(m_keys.size()));
    m_entries.reserve(m_keys.size());
    for (std::uint32_t record = 0; record < records.size(); ++record) {
        for (std::uint32_t k = m_keyFrom[record]; k < m_keyFrom[record + 1]; ++k)
            m_entries.push_back({m_keys[k], record});
    }
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry &x, const Entry &y) {
        return x.key != y.key ? x.key < y.key : x.record < y.record;
    });
    for (std::size_t begin = 0; begin < m_entries.size();) {
        std::size_t end = begin + 1;
        while (end < m_entries.size() && m_entries[end].key == m_entries[begin].key)
            ++end;
        if (end - begin > std::size_t(options.maxBlockSize))
            m_oversized.push_back(m_entries[begin].key);
        begin = end;
    }
}

std::pair<std::size_t, std::size_t> BlockIndex::block(std::uint64_t key) const
{
    const auto first
        = std::lower_bound(m_entries.begin(), m_entries.end(), key,
                           [](const Entry &entry, std::uint64_t k) { return entry.key < k; });
    auto last = first;
    while (last != m_entries.end() && last->key == key)
        ++last;
    return {std::size_t(first - m_entries.begin()), std::size_t(last - m_entries.begin())};
}

void BlockIndex::candidatesOf(std::uint32_t record, std::vector<std::uint32_t> &candidates) const
{
    candidates.clear();
    for (std::uint32_t k = m_keyFrom[record]; k < m_keyFrom[record + 1]; ++k) {
        const auto [first, last] = block(m_keys[k]);
        if (last - first > std::size_t(m_options.maxBlockSize))
            continue;
        for (std::size_t e = first; e < last; ++e) {
            const std::uint32_t other = m_entries[e].record;
            if (other == record
                || (m_options.acrossSidesOnly && m_records[other].side == m_records[record].side))
                continue;
            candidates.push_back(other);
        }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
}

std::vector<std::uint32_t> BlockIndex::recordsIn(std::span<const std::uint64_t> keys) const
{
    std::vector<std::uint32_t> records;
    for (const std::uint64_t key : keys) {
        const auto [first, last] = block(key);
        for (std::size_t e = first; e < last; ++e)
            records.push_back(m_entries[e].record);
    }
    std::sort(records.begin(), records.end());
    records.erase(std::unique(records.begin(), records.end()), records.end());
    return records;
}

} // namespace bv::linkage
