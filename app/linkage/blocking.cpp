// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/blocking.h"

#include <algorithm>

namespace bv::linkage {

namespace {

enum class Rule : std::uint64_t {
    Nhs = 1,
    BirthDate,
    Names,
    GivenAndBirthDate,
    PostcodeInitial,
    Uprn
};

// A key of one rule: the rule in the top byte so two rules never share a key, the rest a mix
// of the rule's fields. A collision only adds a candidate pair, which comparison then scores.
std::uint64_t mix(std::uint64_t hash, std::uint64_t value)
{
    hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    return hash * 0xff51afd7ed558ccdULL;
}

std::uint64_t keyOf(Rule rule, std::initializer_list<std::uint64_t> values)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const std::uint64_t value : values)
        hash = mix(hash, value);
    return (std::uint64_t(rule) << 56) | (hash & 0x00ffffffffffffffULL);
}

struct KeyedRecord
{
    std::uint64_t key;
    std::uint32_t record;
    friend bool operator<(const KeyedRecord &a, const KeyedRecord &b)
    {
        return a.key != b.key ? a.key < b.key : a.record < b.record;
    }
};

void addKeys(const LinkRecord &record, std::uint32_t index, std::vector<KeyedRecord> &keys)
{
    const ComparableRecord &r = record.fields;
    if (record.nhsNumber != 0)
        keys.push_back({keyOf(Rule::Nhs, {record.nhsNumber}), index});
    const DateParts &birth = r.birthParts;
    if (birth.isValid()) {
        const auto low = std::uint64_t(std::min(birth.day, birth.month));
        const auto high = std::uint64_t(std::max(birth.day, birth.month));
        keys.push_back({keyOf(Rule::BirthDate, {std::uint64_t(birth.year), low, high}), index});
    }
    const std::uint64_t given = r.givenPhonetic.primary;
    const std::uint64_t family = r.familyPhonetic.primary;
    if (given != 0 && family != 0) {
        keys.push_back(
            {keyOf(Rule::Names, {std::min(given, family), std::max(given, family)}), index});
    }
    if (given != 0 && birth.isValid()) {
        keys.push_back(
            {keyOf(Rule::GivenAndBirthDate, {given, std::uint64_t(birth.year),
                                             std::uint64_t(birth.month), std::uint64_t(birth.day)}),
             index});
    }
    if (!r.postcodeKey.isEmpty() && !r.givenName.isEmpty()) {
        keys.push_back({keyOf(Rule::PostcodeInitial,
                              {r.postcodeKey.unit, std::uint64_t(r.givenName.front().unicode())}),
                        index});
    }
    if (r.uprn != 0)
        keys.push_back({keyOf(Rule::Uprn, {r.uprn}), index});
}

} // namespace

std::vector<std::uint64_t> candidatePairs(std::span<const LinkRecord> records,
                                          const BlockingOptions &options,
                                          BlockingStatistics *statistics)
{
    std::vector<KeyedRecord> keys;
    keys.reserve(records.size() * 5);
    for (std::size_t i = 0; i < records.size(); ++i)
        addKeys(records[i], std::uint32_t(i), keys);
    std::sort(keys.begin(), keys.end());

    BlockingStatistics stats;
    std::vector<std::uint64_t> pairs;
    for (std::size_t begin = 0; begin < keys.size();) {
        std::size_t end = begin + 1;
        while (end < keys.size() && keys[end].key == keys[begin].key)
            ++end;
        const std::size_t size = end - begin;
        if (size > std::size_t(options.maxBlockSize)) {
            ++stats.oversizedBlocks;
        } else {
            for (std::size_t i = begin; i < end; ++i) {
                for (std::size_t j = i + 1; j < end; ++j) {
                    const std::uint32_t a = keys[i].record;
                    const std::uint32_t b = keys[j].record;
                    if (a == b || (options.acrossSidesOnly && records[a].side == records[b].side))
                        continue;
                    pairs.push_back(packPair(a, b));
                }
            }
        }
        begin = end;
    }
    stats.pairsBeforeDeduplication = pairs.size();
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    if (statistics)
        *statistics = stats;
    return pairs;
}

} // namespace bv::linkage
