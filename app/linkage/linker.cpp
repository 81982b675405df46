// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/linker.h"

#include "linkage/clustering.h"
#include "linkage/comparison.h"
#include "linkage/em.h"
#include "linkage/termfrequency.h"

#include <QObject>

#include <algorithm>
#include <array>
#include <limits>
#include <random>
#include <thread>

namespace bv::linkage {

namespace {

// Runs work(slice, begin, end) over [0, count), one slice per thread (at most `threads`
// slices); returns when all are done.
template<typename Work>
void parallelFor(std::size_t count, int threads, const Work &work)
{
    const std::size_t slices
        = std::max<std::size_t>(1, std::min<std::size_t>(std::size_t(threads), count));
    if (slices == 1) {
        work(std::size_t{0}, std::size_t{0}, count);
        return;
    }
    std::vector<std::jthread> workers;
    workers.reserve(slices);
    for (std::size_t s = 0; s < slices; ++s) {
        const std::size_t begin = count * s / slices;
        const std::size_t end = count * (s + 1) / slices;
        workers.emplace_back([&work, s, begin, end] { work(s, begin, end); });
    }
}

int threadCount(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

// Pairs drawn at random, almost all of two different people: what u is measured on.
std::vector<ComparisonVector> randomPairVectors(std::span<const LinkRecord> records,
                                                const LinkOptions &options)
{
    std::vector<ComparisonVector> vectors;
    if (records.size() < 2)
        return vectors;
    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, records.size() - 1);
    vectors.reserve(std::size_t(options.randomPairs));
    const int attempts = options.randomPairs * 4;
    for (int i = 0; i < attempts && int(vectors.size()) < options.randomPairs; ++i) {
        const std::size_t a = pick(random);
        const std::size_t b = pick(random);
        if (a == b || (options.blocking.acrossSidesOnly && records[a].side == records[b].side))
            continue;
        vectors.push_back(compare(records[a].fields, records[b].fields));
    }
    return vectors;
}

std::vector<double> frequencies(std::span<const LinkRecord> records,
                                QString ComparableRecord::*name)
{
    TermFrequencyTable table;
    for (const LinkRecord &record : records)
        table.add(record.fields.*name);
    std::vector<double> shares(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        shares[i] = table.frequency(records[i].fields.*name);
    return shares;
}

double allPairCount(std::span<const LinkRecord> records, bool acrossSidesOnly)
{
    if (!acrossSidesOnly) {
        const auto n = double(records.size());
        return n * (n - 1) / 2;
    }
    std::array<double, 2> sides{};
    for (const LinkRecord &record : records)
        sides[record.side == 0 ? 0 : 1] += 1;
    return sides[0] * sides[1];
}

bool sameNhsNumber(const LinkRecord &a, const LinkRecord &b)
{
    return a.nhsNumber != 0 && a.nhsNumber == b.nhsNumber;
}

bool differentNhsNumbers(const LinkRecord &a, const LinkRecord &b)
{
    return a.nhsNumber != 0 && b.nhsNumber != 0 && a.nhsNumber != b.nhsNumber;
}

} // namespace

PairScorer::PairScorer(const FellegiSunterModel &model, std::span<const LinkRecord> records)
    : m_model(model)
    , m_records(records)
    , m_givenFrequency(frequencies(records, &ComparableRecord::givenName))
    , m_familyFrequency(frequencies(records, &ComparableRecord::familyName))
{}

FieldWeights PairScorer::fieldWeights(std::uint32_t a, std::uint32_t b,
                                      const ComparisonVector &vector) const
{
    FieldWeights weights = m_model.fieldWeights(vector);
    // Exact agreement on a rare name says more than on a common one. The two records agree,
    // so either's frequency serves; the larger is the cautious choice.
    const auto adjust = [&](Field field, const std::vector<double> &shares) {
        const int level = vector.level(field);
        if (level != kExactLevel)
            return;
        const double share = std::max(shares[a], shares[b]);
        weights[std::size_t(field)] = m_model.termFrequencyAdjustedWeight(field, level, share);
    };
    adjust(Field::GivenName, m_givenFrequency);
    adjust(Field::FamilyName, m_familyFrequency);
    return weights;
}

ScoredPair PairScorer::score(std::uint32_t a, std::uint32_t b, const ComparisonVector &vector) const
{
    ScoredPair pair;
    pair.a = std::min(a, b);
    pair.b = std::max(a, b);
    pair.vector = vector;
    const FieldWeights weights = fieldWeights(a, b, vector);
    for (const double weight : weights)
        pair.weight += weight;
    pair.probability = FellegiSunterModel::probabilityFromWeight(pair.weight, m_model.lambda());
    if (sameNhsNumber(m_records[a], m_records[b])) {
        pair.reason = PairReason::SameNhsNumber;
        pair.probability = 1.0;
    }
    return pair;
}

ScoredPair PairScorer::score(std::uint32_t a, std::uint32_t b) const
{
    return score(a, b, compare(m_records[a].fields, m_records[b].fields));
}

Result<LinkResult> link(std::span<const LinkRecord> records, const LinkOptions &options)
{
    if (records.size() >= std::numeric_limits<std::uint32_t>::max())
        return makeError(ErrorCode::Usage, QObject::tr("Too many records to link at once."));
    if (!(options.thresholds.review > 0.0 && options.thresholds.review <= options.thresholds.link
          && options.thresholds.link < 1.0))
        return makeError(ErrorCode::Usage,
                         QObject::tr("The thresholds must satisfy 0 < review <= link < 1."));
    LinkResult result;
    LinkStatistics &stats = result.statistics;
    stats.records = records.size();
    const int threads = threadCount(options.threads);

    BlockingStatistics blocking;
    const std::vector<std::uint64_t> pairs = candidatePairs(records, options.blocking, &blocking);
    stats.candidatePairs = pairs.size();
    stats.oversizedBlocks = blocking.oversizedBlocks;
    std::vector<ComparisonVector> vectors(pairs.size());
    parallelFor(pairs.size(), threads, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            vectors[i] = compare(records[pairFirst(pairs[i])].fields,
                                 records[pairSecond(pairs[i])].fields);
    });
    stats.comparisons = pairs.size();

    if (options.frozen) {
        result.parameters = *options.frozen;
    } else {
        const std::vector<ComparisonVector> random = randomPairVectors(records, options);
        stats.comparisons += random.size();
        if (random.empty() || vectors.empty())
            return makeError(ErrorCode::Usage,
                             QObject::tr("Too few records or candidate pairs to estimate the "
                                         "linkage model from."));
        auto u = estimateUFromRandomPairs(random);
        BV_TRY(u);
        PatternCounter counter;
        for (const ComparisonVector &vector : vectors)
            counter.add(vector);
        stats.patterns = std::uint64_t(counter.distinctPatterns());
        EmOptions em;
        em.estimateU = false; // u from random pairs: the candidates are too rich in matches
        const std::vector<PatternCount> patterns = counter.patterns();
        auto fitted = estimateParameters(
            patterns, withEstimatedU(ModelParameters::startingValues(), u.value()), em);
        BV_TRY(fitted);
        result.parameters = fitted->parameters;
        // EM's lambda is the share of matches among the candidate pairs, which blocking made
        // rich in matches (often most of them). The prior of a pair being one person is their
        // share among all pairs of records: the same matches, over every pair blocking could
        // have made. Used as the prior, a pair must carry its own evidence to link.
        const double allPairs = allPairCount(records, options.blocking.acrossSidesOnly);
        result.parameters.lambda = std::clamp(
            fitted->parameters.lambda * double(pairs.size()) / std::max(1.0, allPairs), 1e-12, 0.5);
        stats.emIterations = fitted->iterations;
        stats.emConverged = fitted->converged;
    }
    auto model = FellegiSunterModel::create(result.parameters);
    BV_TRY(model);
    const PairScorer scorer(model.value(), records);

    // Only pairs that could link or go to review need scoring in full and ordering.
    std::vector<std::vector<ScoredPair>> kept(static_cast<std::size_t>(threads));
    parallelFor(pairs.size(), threads, [&](std::size_t slice, std::size_t begin, std::size_t end) {
        std::vector<ScoredPair> &mine = kept[slice];
        for (std::size_t i = begin; i < end; ++i) {
            const ScoredPair pair
                = scorer.score(pairFirst(pairs[i]), pairSecond(pairs[i]), vectors[i]);
            if (pair.probability >= options.thresholds.review)
                mine.push_back(pair);
        }
    });
    std::vector<ScoredPair> strong;
    for (std::vector<ScoredPair> &slice : kept)
        strong.insert(strong.end(), slice.begin(), slice.end());
    // Strongest evidence first, so a refusal under the NHS guard falls on the weaker link;
    // ties broken by record order, so the result never depends on the thread count.
    std::sort(strong.begin(), strong.end(), [](const ScoredPair &x, const ScoredPair &y) {
        const bool xNhs = x.reason == PairReason::SameNhsNumber;
        const bool yNhs = y.reason == PairReason::SameNhsNumber;
        if (xNhs != yNhs)
            return xNhs;
        if (x.weight != y.weight)
            return x.weight > y.weight;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });

    std::vector<std::uint64_t> nhsNumbers(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        nhsNumbers[i] = records[i].nhsNumber;
    ClusterBuilder persons(std::move(nhsNumbers));
    std::vector<ScoredPair> uncertain;
    for (ScoredPair pair : strong) {
        if (differentNhsNumbers(records[pair.a], records[pair.b])) {
            pair.reason = PairReason::NhsConflict;
            if (pair.probability >= options.thresholds.link)
                result.review.push_back(pair);
            continue;
        }
        if (pair.reason == PairReason::SameNhsNumber
            || pair.probability >= options.thresholds.link) {
            if (persons.join(pair.a, pair.b)) {
                result.linked.push_back(pair);
            } else {
                pair.reason = PairReason::NhsConflict;
                result.review.push_back(pair);
            }
            continue;
        }
        uncertain.push_back(pair);
    }
    // An uncertain pair already in one person through stronger links needs no one's time.
    for (const ScoredPair &pair : uncertain) {
        if (!persons.together(pair.a, pair.b))
            result.review.push_back(pair);
    }
    result.person = persons.labels();
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < result.person.size(); ++i)
        count += result.person[i] == i ? 1 : 0;
    stats.persons = count;
    return result;
}

} // namespace bv::linkage
