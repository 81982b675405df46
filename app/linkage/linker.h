// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/blocking.h"
#include "linkage/clustering.h"
#include "linkage/comparisonvector.h"
#include "linkage/fellegisunter.h"
#include "linkage/linkmodel.h"
#include "linkage/linkrecord.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bv::linkage {

enum class PairReason : std::uint8_t {
    Weight,        // the match probability decided
    SameNhsNumber, // both hold the same valid NHS number
    NhsConflict,   // linking would put two different valid NHS numbers in one person
    Ambiguous,     // a record links about as strongly to two persons who cannot be one
};

struct ScoredPair
{
    std::uint32_t a = 0; // record indexes, a < b
    std::uint32_t b = 0;
    ComparisonVector vector;
    double weight = 0.0; // bits, term-frequency adjusted, without the prior
    double probability = 0.0;
    PairReason reason = PairReason::Weight;
};

struct LinkOptions
{
    BlockingOptions blocking;
    LinkThresholds thresholds; // unless frozen: then the frozen model's
    int threads = 0;           // 0: one per core
    std::uint64_t seed = 1;    // of the random pairs u is estimated from
    int randomPairs = 200000;  // how many
    // A model frozen by an earlier, audited estimation: used as it is, not estimated.
    std::optional<LinkModel> frozen;
    // People's decisions, as indexes into the records.
    LinkConstraints constraints;
};

struct LinkStatistics
{
    std::uint64_t records = 0;
    std::uint64_t candidatePairs = 0;
    std::uint64_t comparisons = 0; // candidate pairs plus random pairs
    std::uint64_t oversizedBlocks = 0;
    std::uint64_t patterns = 0;
    int emIterations = 0;
    bool emConverged = false;
    std::uint64_t persons = 0;
};

struct LinkResult
{
    // As estimated (or as frozen). lambda is the prior among all pairs of records, not among
    // the candidate pairs EM saw: see link().
    LinkModel model;
    std::vector<ScoredPair> linked;       // the pairs that joined records into persons
    std::vector<ScoredPair> review;       // uncertain pairs, and links refused for NHS numbers
    std::vector<std::uint32_t> person;    // per record: the smallest record index of its person
    std::vector<RecordPair> contradicted; // "together" decisions an "apart" decision blocked
    LinkStatistics statistics;
};

// Term-frequency tables and the model, which score any pair of the records they were built
// from; link() keeps one to score pairs it did not compare (within a person, for output).
class PairScorer
{
public:
    PairScorer(const FellegiSunterModel &model, std::span<const LinkRecord> records,
               const TermShares &givenNames, const TermShares &familyNames);
    [[nodiscard]] ScoredPair score(std::uint32_t a, std::uint32_t b) const;
    [[nodiscard]] ScoredPair score(std::uint32_t a, std::uint32_t b,
                                   const ComparisonVector &vector) const;
    // The per-field weights of a pair, adjusted as score() adjusts them, for explanations.
    [[nodiscard]] FieldWeights fieldWeights(std::uint32_t a, std::uint32_t b,
                                            const ComparisonVector &vector) const;

private:
    const FellegiSunterModel &m_model;
    std::span<const LinkRecord> m_records;
    std::vector<double> m_givenFrequency; // per record, its given name's share of records
    std::vector<double> m_familyFrequency;
};

// Links records into persons: blocking, comparison on every core, m and u by EM (u from random
// pairs, m and lambda from the candidate pairs), term-frequency adjusted weights, then persons
// joined strongest pair first under the NHS number guard. Deterministic for the same records
// in the same order, options and seed.
[[nodiscard]] Result<LinkResult> link(std::span<const LinkRecord> records,
                                      const LinkOptions &options);

} // namespace bv::linkage
