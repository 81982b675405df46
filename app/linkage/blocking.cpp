// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/blocking.h"

#include "linkage/parallel.h"

#include <algorithm>
#include <thread>

namespace bv::linkage {

namespace {

enum class Rule : std::uint64_t {
    Nhs = 1,
    BirthDate,
    Names,
    GivenAndBirthDate,
    PostcodeInitial,
    Uprn,
    Address
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
    // The same address text: a record whose names, date of birth and postcode all carry a
    // slip shares nothing else (one home's records, which UPRN and postcode blocks mostly
    // bring together already).
    if (!r.address.isEmpty())
        keys.push_back({keyOf(Rule::Address, {r.address.textHash}), index});
}

} // namespace

std::vector<std::uint64_t> candidatePairs(std::span<const LinkRecord> records,
                                          const BlockingOptions &options,
                                          BlockingStatistics *statistics, int threads)
{
    const auto count = std::uint32_t(records.size());
    const int workers = std::max(1, threads);

    // Every record's keys, record after record, made on every thread.
    std::vector<KeyedRecord> keys;
    {
        std::vector<std::vector<KeyedRecord>> sliceKeys(static_cast<std::size_t>(workers));
        parallelFor(count, workers, [&](std::size_t slice, std::size_t begin, std::size_t end) {
            std::vector<KeyedRecord> &mine = sliceKeys[slice];
            mine.reserve((end - begin) * 6);
            for (std::size_t i = begin; i < end; ++i)
                addKeys(records[i], std::uint32_t(i), mine);
        });
        std::size_t total = 0;
        for (const std::vector<KeyedRecord> &slice : sliceKeys)
            total += slice.size();
        keys.reserve(total);
        for (std::vector<KeyedRecord> &slice : sliceKeys) {
            keys.insert(keys.end(), slice.begin(), slice.end());
            slice = {};
        }
    }
    // (key, record) is unique (a record has one key per rule, and rules never share a key), so
    // any sort gives the one order: halves sorted on two threads, then merged.
    if (workers > 1 && keys.size() > 4096) {
        const auto middle = keys.begin() + std::ptrdiff_t(keys.size() / 2);
        {
            std::jthread lower([&] { std::sort(keys.begin(), middle); });
            std::sort(middle, keys.end());
        }
        std::inplace_merge(keys.begin(), middle, keys.end());
    } else {
        std::sort(keys.begin(), keys.end());
    }

    // Per key entry, where its block ends (0 for an oversized block, whose pairs are left out);
    // per record, where its entries are.
    BlockingStatistics stats;
    std::vector<std::uint32_t> blockEnd(keys.size(), 0);
    std::vector<std::uint32_t> entryFrom(std::size_t(count) + 1, 0);
    for (std::size_t begin = 0; begin < keys.size();) {
        std::size_t end = begin + 1;
        while (end < keys.size() && keys[end].key == keys[begin].key)
            ++end;
        if (end - begin > std::size_t(options.maxBlockSize)) {
            ++stats.oversizedBlocks;
        } else {
            for (std::size_t i = begin; i < end; ++i)
                blockEnd[i] = std::uint32_t(end);
        }
        begin = end;
    }
    for (const KeyedRecord &entry : keys)
        ++entryFrom[entry.record + 1];
    for (std::uint32_t i = 0; i < count; ++i)
        entryFrom[i + 1] += entryFrom[i];
    std::vector<std::uint32_t> entries(keys.size());
    {
        std::vector<std::uint32_t> next(entryFrom.begin(), entryFrom.end() - 1);
        for (std::size_t i = 0; i < keys.size(); ++i)
            entries[next[keys[i].record]++] = std::uint32_t(i);
    }

    // Each record's partners after it in its blocks (a block's records are in index order),
    // deduplicated per record: the pairs come out sorted and unique, in chunks of records
    // spread over the threads, without the list of every pair of every block that sorting
    // and deduplicating all at once would hold.
    const std::size_t chunks = std::size_t(workers) * 16;
    std::vector<std::vector<std::uint64_t>> chunkPairs(chunks);
    std::vector<std::uint64_t> chunkBefore(chunks, 0);
    parallelFor(chunks, workers, [&](std::size_t, std::size_t firstChunk, std::size_t lastChunk) {
        std::vector<std::uint32_t> partners;
        for (std::size_t c = firstChunk; c < lastChunk; ++c) {
            std::vector<std::uint64_t> &out = chunkPairs[c];
            const auto from = std::uint32_t(std::uint64_t(count) * c / chunks);
            const auto to = std::uint32_t(std::uint64_t(count) * (c + 1) / chunks);
            for (std::uint32_t a = from; a < to; ++a) {
                partners.clear();
                for (std::uint32_t e = entryFrom[a]; e < entryFrom[a + 1]; ++e) {
                    const std::uint32_t position = entries[e];
                    for (std::uint32_t j = position + 1; j < blockEnd[position]; ++j) {
                        const std::uint32_t b = keys[j].record;
                        if (b == a
                            || (options.acrossSidesOnly && records[a].side == records[b].side))
                            continue;
                        partners.push_back(b);
                    }
                }
                chunkBefore[c] += partners.size();
                std::sort(partners.begin(), partners.end());
                partners.erase(std::unique(partners.begin(), partners.end()), partners.end());
                for (const std::uint32_t b : partners)
                    out.push_back(packPair(a, b));
            }
        }
    });
    keys = {};
    blockEnd = {};
    entries = {};

    std::size_t total = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
        total += chunkPairs[c].size();
        stats.pairsBeforeDeduplication += chunkBefore[c];
    }
    std::vector<std::uint64_t> pairs;
    pairs.reserve(total);
    for (std::vector<std::uint64_t> &chunk : chunkPairs) {
        pairs.insert(pairs.end(), chunk.begin(), chunk.end());
        chunk = {};
    }
    if (statistics)
        *statistics = stats;
    return pairs;
}

void appendBlockingKeys(const LinkRecord &record, std::vector<std::uint64_t> &keys)
{
    std::vector<KeyedRecord> keyed;
    addKeys(record, 0, keyed);
    for (const KeyedRecord &entry : keyed)
        keys.push_back(entry.key);
}

} // namespace bv::linkage
