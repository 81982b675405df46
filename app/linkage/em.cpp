// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/em.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace bv::linkage {

namespace {

// Over all pairs of a county, lambda is of the order of one in a million or less.
constexpr double kLambdaFloor = 1e-12;

using LevelSums = std::array<std::array<double, kMaxLevels>, kFieldCount>;

double logOf(double probability)
{
    return std::log(std::max(probability, kProbabilityFloor));
}

// log(exp(a) + exp(b)) without overflow or underflow.
double logSumExp(double a, double b)
{
    const double high = std::max(a, b);
    return high + std::log1p(std::exp(std::min(a, b) - high));
}

Result<void> checkPatterns(std::span<const PatternCount> patterns)
{
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        for (const Field field : kFields) {
            if (patterns[i].vector.level(field) >= levelCount(field))
                return makeError(ErrorCode::Failure,
                                 QObject::tr("Pattern %1 has a level outside the range of %2.")
                                     .arg(i)
                                     .arg(fieldKey(field)));
        }
        total += patterns[i].count;
    }
    if (total == 0)
        return makeError(ErrorCode::Failure,
                         QObject::tr("There are no compared pairs to estimate from."));
    return {};
}

// Level sums normalised over each field's present levels into m or u; a field no pair had
// present keeps what it had.
void normaliseInto(const LevelSums &sums, LevelProbabilities FieldParameters::*target,
                   ModelParameters &parameters)
{
    for (const Field field : kFields) {
        const auto &fieldSums = sums[std::size_t(field)];
        double total = 0.0;
        for (int level = kExactLevel; level < levelCount(field); ++level)
            total += fieldSums[std::size_t(level)];
        if (total <= 0.0)
            continue;
        LevelProbabilities &values = parameters[field].*target;
        for (int level = kExactLevel; level < levelCount(field); ++level)
            values[std::size_t(level)] = fieldSums[std::size_t(level)] / total;
    }
}

double largestChange(const ModelParameters &a, const ModelParameters &b)
{
    // lambda relative to itself: over all pairs of a county it is a millionth or less, so an
    // absolute change would always look settled.
    double change = std::abs(a.lambda - b.lambda) / std::max(a.lambda, b.lambda);
    for (const Field field : kFields) {
        for (int level = kExactLevel; level < levelCount(field); ++level) {
            const auto i = std::size_t(level);
            change = std::max({change, std::abs(a[field].m[i] - b[field].m[i]),
                               std::abs(a[field].u[i] - b[field].u[i])});
        }
    }
    return change;
}

} // namespace

void PatternCounter::add(const ComparisonVector &vector, std::uint64_t count)
{
    m_counts[vector.packed()] += count;
    m_total += count;
}

void PatternCounter::merge(const PatternCounter &other)
{
    for (const auto &[key, count] : other.m_counts)
        m_counts[key] += count;
    m_total += other.m_total;
}

std::vector<PatternCount> PatternCounter::patterns() const
{
    std::vector<std::pair<std::uint32_t, std::uint64_t>> sorted(m_counts.begin(), m_counts.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<PatternCount> out;
    out.reserve(sorted.size());
    for (const auto &[key, count] : sorted)
        out.push_back(PatternCount{ComparisonVector::fromPacked(key), count});
    return out;
}

Result<EmResult> estimateParameters(std::span<const PatternCount> patterns,
                                    const ModelParameters &start, const EmOptions &options)
{
    if (!(start.lambda > 0.0 && start.lambda < 1.0))
        return makeError(ErrorCode::Failure,
                         QObject::tr("The starting lambda must lie strictly between 0 and 1."));
    if (!(options.tolerance > 0.0) || options.maxIterations < 1)
        return makeError(ErrorCode::Usage,
                         QObject::tr("The tolerance must be positive and the iteration cap at "
                                     "least 1."));
    BV_TRY(checkPatterns(patterns));
    double patternPairs = 0.0;
    for (const PatternCount &pattern : patterns)
        patternPairs += double(pattern.count);
    if (!(options.allPairs == 0.0 || options.allPairs >= patternPairs))
        return makeError(ErrorCode::Usage,
                         QObject::tr("All pairs (%1) cannot be fewer than the pairs given (%2).")
                             .arg(options.allPairs)
                             .arg(patternPairs));

    EmResult result;
    result.parameters = start;
    ModelParameters &current = result.parameters;
    while (result.iterations < options.maxIterations) {
        // E step: each pattern's probability of being a match, accumulated by level.
        LevelSums mSums{};
        LevelSums uSums{};
        double matchMass = 0.0;
        double totalMass = 0.0;
        double logLikelihood = 0.0;
        const double logLambda = std::log(current.lambda);
        const double logNotLambda = std::log1p(-current.lambda);
        for (const PatternCount &pattern : patterns) {
            if (pattern.count == 0)
                continue;
            double logM = logLambda;
            double logU = logNotLambda;
            for (const Field field : kFields) {
                const int level = pattern.vector.level(field);
                if (level == kMissingLevel)
                    continue;
                logM += logOf(current[field].m[std::size_t(level)]);
                logU += logOf(current[field].u[std::size_t(level)]);
            }
            const double logTotal = logSumExp(logM, logU);
            const double matchShare = std::exp(logM - logTotal);
            const double count = double(pattern.count);
            logLikelihood += count * logTotal;
            matchMass += count * matchShare;
            totalMass += count;
            for (const Field field : kFields) {
                const auto level = std::size_t(pattern.vector.level(field));
                if (level == kMissingLevel)
                    continue;
                mSums[std::size_t(field)][level] += count * matchShare;
                uSums[std::size_t(field)][level] += count * (1.0 - matchShare);
            }
        }
        result.logLikelihood = logLikelihood;

        // M step.
        const ModelParameters previous = current;
        // Kept off 0 and 1 so the next E step's logarithms stay finite.
        current.lambda
            = std::clamp(matchMass / (options.allPairs > 0.0 ? options.allPairs : totalMass),
                         kLambdaFloor, 1.0 - kProbabilityFloor);
        normaliseInto(mSums, &FieldParameters::m, current);
        for (const Field field : kFields) {
            if (options.fixedM[std::size_t(field)])
                current[field].m = previous[field].m;
        }
        if (options.estimateU)
            normaliseInto(uSums, &FieldParameters::u, current);
        ++result.iterations;
        if (largestChange(previous, current) < options.tolerance) {
            result.converged = true;
            break;
        }
    }
    return result;
}

namespace {

// The shares of each level among pairs, as estimateUFromRandomPairs documents.
Result<UEstimate> levelShares(std::span<const ComparisonVector> pairs)
{
    std::array<std::array<std::uint64_t, kMaxLevels>, kFieldCount> counts{};
    UEstimate estimate;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        for (const Field field : kFields) {
            const int level = pairs[i].level(field);
            if (level >= levelCount(field))
                return makeError(ErrorCode::Failure,
                                 QObject::tr("Pair %1 has a level outside the range of %2.")
                                     .arg(i)
                                     .arg(fieldKey(field)));
            if (level == kMissingLevel)
                continue;
            ++counts[std::size_t(field)][std::size_t(level)];
            ++estimate.observed[std::size_t(field)];
        }
    }
    for (const Field field : kFields) {
        const auto f = std::size_t(field);
        if (estimate.observed[f] == 0)
            continue;
        double total = 0.0;
        for (int level = kExactLevel; level < levelCount(field); ++level) {
            const std::uint64_t count = counts[f][std::size_t(level)];
            estimate.u[f][std::size_t(level)] = count == 0 ? 0.5 : double(count);
            total += estimate.u[f][std::size_t(level)];
        }
        for (int level = kExactLevel; level < levelCount(field); ++level)
            estimate.u[f][std::size_t(level)] /= total;
    }
    return estimate;
}

} // namespace

Result<UEstimate> estimateUFromRandomPairs(std::span<const ComparisonVector> randomPairs)
{
    if (randomPairs.empty())
        return makeError(ErrorCode::Failure,
                         QObject::tr("There are no random pairs to estimate u from."));
    return levelShares(randomPairs);
}

Result<MEstimate> estimateMFromMatches(std::span<const ComparisonVector> matches)
{
    return levelShares(matches);
}

ModelParameters withEstimatedM(ModelParameters parameters, const MEstimate &estimate,
                               std::uint64_t minimumObserved, std::array<bool, kFieldCount> *fixed)
{
    for (const Field field : kFields) {
        const auto f = std::size_t(field);
        const bool enough = estimate.observed[f] > 0 && estimate.observed[f] >= minimumObserved;
        if (enough)
            parameters[field].m = estimate.u[f];
        if (fixed)
            (*fixed)[f] = enough;
    }
    return parameters;
}

ModelParameters withEstimatedU(ModelParameters parameters, const UEstimate &estimate)
{
    for (const Field field : kFields) {
        if (estimate.observed[std::size_t(field)] > 0)
            parameters[field].u = estimate.u[std::size_t(field)];
    }
    return parameters;
}

} // namespace bv::linkage
