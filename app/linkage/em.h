// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/comparisonvector.h"
#include "linkage/fellegisunter.h"

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

// Fitting m, u and lambda to the comparison vectors of candidate pairs.
namespace bv::linkage {

// A distinct comparison vector and how many pairs gave it. Millions of pairs reduce to a few
// thousand patterns, and EM works on those.
struct PatternCount
{
    ComparisonVector vector;
    std::uint64_t count = 0;
};

// Counts comparison vectors by pattern. Not thread-safe: use one per thread and merge().
class PatternCounter
{
public:
    void add(const ComparisonVector &vector, std::uint64_t count = 1);
    void merge(const PatternCounter &other);

    // Sorted by packed vector, so the same pairs always give the same list in the same order
    // and EM is deterministic.
    [[nodiscard]] std::vector<PatternCount> patterns() const;
    std::uint64_t total() const { return m_total; }
    qsizetype distinctPatterns() const { return qsizetype(m_counts.size()); }

private:
    std::unordered_map<std::uint32_t, std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
};

struct EmOptions
{
    // Converged when no parameter (lambda, any m or u) moves by more than this in one
    // iteration.
    double tolerance = 1e-6;
    int maxIterations = 1000;
    // False: keep the starting u as it is (estimated from random pairs, which is more robust
    // when matches are a tiny share of the pairs) and fit only m and lambda.
    bool estimateU = true;
    // Fields whose m EM keeps as it starts (estimated from known matches: see
    // estimateMFromMatches), indexed by Field.
    std::array<bool, kFieldCount> fixedM{};
    // 0: lambda is the match share among the patterns' pairs. Otherwise the patterns are the
    // blocked pairs among this many (at least their total), the rest taken as non-matches,
    // and lambda is the match share among them all.
    double allPairs = 0.0;
};

struct EmResult
{
    ModelParameters parameters;
    int iterations = 0;
    bool converged = false;
    double logLikelihood = 0.0; // natural log, of the patterns at the last E step
};

// Expectation-maximisation under conditional independence (the Fellegi-Sunter model), from
// start. Missing levels count towards neither m nor u. A level no pair shows keeps m = u = 0,
// which the model treats as weight 0. The result is the same for the same input on every
// run. Errors: no pairs, a level outside its field's range, start lambda not strictly
// between 0 and 1, or options out of range.
[[nodiscard]] Result<EmResult> estimateParameters(std::span<const PatternCount> patterns,
                                                  const ModelParameters &start,
                                                  const EmOptions &options = {});

// u from pairs drawn at random from all records, which are almost all non-matches: the
// share of each level among the pairs where the field is present. A level no random pair
// showed gets half a pair's share (it is rare, not impossible), and the rest is scaled to
// keep the sum 1. observed says how many pairs had the field present; a field never present
// keeps u all 0, so the caller keeps its starting u for it.
struct UEstimate
{
    std::array<LevelProbabilities, kFieldCount> u{};
    std::array<std::uint64_t, kFieldCount> observed{};
};

[[nodiscard]] Result<UEstimate>
estimateUFromRandomPairs(std::span<const ComparisonVector> randomPairs);

// parameters with u replaced, for each field that the estimate observed at least once.
[[nodiscard]] ModelParameters withEstimatedU(ModelParameters parameters, const UEstimate &estimate);

// m from pairs known to be matches (two records with the same valid NHS number), counted as
// u is from random pairs: the share of each level among the pairs where the field is present,
// a level never seen getting half a pair's share. Why not EM alone: blocking on postcode and
// UPRN brings in every household's members, who agree on family name, postcode, address and
// UPRN, and EM's latent "match" class then settles on households rather than persons (given
// names and dates of birth disagreeing in half its pairs), so disagreement on a given name or
// date of birth would count for almost nothing. Known matches say what a person's records
// look like without that confusion. The same structure as UEstimate; empty input is no error
// (no field observed).
using MEstimate = UEstimate;
[[nodiscard]] Result<MEstimate> estimateMFromMatches(std::span<const ComparisonVector> matches);

// Known matches in which a field is present at least this often give its m; with fewer, a
// rare level's share is too uncertain and EM estimates the field's m instead.
inline constexpr std::uint64_t kMinimumKnownMatches = 200;

// parameters with m replaced for each field the estimate observed at least minimumObserved
// times; fixed (if not null) marks those fields, for EmOptions::fixedM.
[[nodiscard]] ModelParameters withEstimatedM(ModelParameters parameters, const MEstimate &estimate,
                                             std::uint64_t minimumObserved = kMinimumKnownMatches,
                                             std::array<bool, kFieldCount> *fixed = nullptr);

} // namespace bv::linkage
