// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/linker.h"

#include "linkage/clustering.h"
#include "linkage/comparison.h"
#include "linkage/em.h"
#include "linkage/parallel.h"
#include "linkage/personassembly.h"

#include <QObject>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <random>
#include <thread>

namespace bv::linkage {

namespace {

// Pairs drawn at random, almost all of two different people: what u is measured on. Drawn in
// order, compared on every thread.
std::vector<ComparisonVector> randomPairVectors(std::span<const LinkRecord> records,
                                                const LinkOptions &options, int threads)
{
    if (records.size() < 2)
        return {};
    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, records.size() - 1);
    std::vector<std::uint64_t> drawn;
    drawn.reserve(std::size_t(options.randomPairs));
    const int attempts = options.randomPairs * 4;
    for (int i = 0; i < attempts && int(drawn.size()) < options.randomPairs; ++i) {
        const std::size_t a = pick(random);
        const std::size_t b = pick(random);
        if (a == b || (options.blocking.acrossSidesOnly && records[a].side == records[b].side))
            continue;
        drawn.push_back((std::uint64_t(a) << 32) | b); // in drawn order, not packPair's
    }
    std::vector<ComparisonVector> vectors(drawn.size());
    parallelFor(drawn.size(), threads, [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            vectors[i] = compare(records[pairFirst(drawn[i])].fields,
                                 records[pairSecond(drawn[i])].fields);
    });
    return vectors;
}

std::vector<double> frequencies(std::span<const LinkRecord> records,
                                QString ComparableRecord::*name, const TermShares &table)
{
    std::vector<double> shares(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        shares[i] = table.share(records[i].fields.*name);
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

// A date of birth ruled out by a relationship says "not this person" at least as firmly as
// one that disagrees; learned from few pairs (few records carry relationships) its weight
// could say less, or even count for. So its m is capped to give the disagreeing weight at
// most, the mass moved to the disagreeing level.
void capRuledOutBirthDate(ModelParameters &parameters)
{
    FieldParameters &birth = parameters[Field::BirthDate];
    const auto ruledOut = std::size_t(BirthDateLevel::RuledOut);
    const auto disagree = std::size_t(BirthDateLevel::Disagree);
    if (!(birth.u[disagree] > 0.0 && birth.u[ruledOut] > 0.0))
        return;
    const double cap = birth.u[ruledOut] * birth.m[disagree] / birth.u[disagree];
    if (birth.m[ruledOut] > cap) {
        birth.m[disagree] += birth.m[ruledOut] - cap;
        birth.m[ruledOut] = cap;
    }
}

bool sameNhsNumber(const LinkRecord &a, const LinkRecord &b)
{
    return a.nhsNumber != 0 && a.nhsNumber == b.nhsNumber;
}

// Comparing candidate pairs waits on memory more than it computes: a pair's second record is
// anywhere among the records, and its names and address words are on the heap beside it. The
// loop asks for them a few pairs ahead, the record first, then what it points to.
constexpr std::size_t kPrefetchRecordsAhead = 24;
constexpr std::size_t kPrefetchTextAhead = 12;

// The largest ComparisonVector::packed() there can be: every field at its last possible level.
std::uint32_t largestPackedPattern()
{
    ComparisonVector vector;
    for (const Field field : kFields)
        vector.setLevel(field, kMaxLevels - 1);
    return vector.packed();
}

void prefetchRecord(const LinkRecord &record)
{
    const auto *bytes = reinterpret_cast<const char *>(&record);
    for (std::size_t offset = 0; offset < sizeof(LinkRecord); offset += 64)
        __builtin_prefetch(bytes + offset);
}

void prefetchText(const LinkRecord &record)
{
    const ComparableRecord &fields = record.fields;
    __builtin_prefetch(fields.givenName.constData());
    __builtin_prefetch(fields.familyName.constData());
    __builtin_prefetch(fields.address.tokens.data());
    __builtin_prefetch(fields.givenNicknames.data());
}

} // namespace

PairScorer::PairScorer(const FellegiSunterModel &model, std::span<const LinkRecord> records,
                       const TermShares &givenNames, const TermShares &familyNames)
    : m_model(model)
    , m_records(records)
    , m_givenFrequency(frequencies(records, &ComparableRecord::givenName, givenNames))
    , m_familyFrequency(frequencies(records, &ComparableRecord::familyName, familyNames))
{}

FieldWeights PairScorer::fieldWeights(std::uint32_t a, std::uint32_t b,
                                      const ComparisonVector &vector) const
{
    FieldWeights weights = m_model.fieldWeights(vector);
    // Exact agreement on a rare name says more than on a common one. The two records agree,
    // so either's frequency serves; the larger is the cautious choice. Names exchanged are
    // as rare as both names together (see termFrequencyAdjustedWeight).
    const auto adjust = [&](Field field, double share) {
        // Levels termFrequencyAdjustedWeight does not adjust keep their weight.
        weights[std::size_t(field)]
            = m_model.termFrequencyAdjustedWeight(field, vector.level(field), share);
    };
    if (vector.level(Field::GivenName) == int(GivenNameLevel::Swapped))
        adjust(Field::GivenName, std::max(m_givenFrequency[a] * m_familyFrequency[a],
                                          m_givenFrequency[b] * m_familyFrequency[b]));
    else
        adjust(Field::GivenName, std::max(m_givenFrequency[a], m_givenFrequency[b]));
    adjust(Field::FamilyName, std::max(m_familyFrequency[a], m_familyFrequency[b]));
    return weights;
}

namespace {

// Per packed pattern (ComparisonVector::packed()), whether no pair with it can reach
// `review`: its weight with each name level that term frequency adjusts at the weight of the
// rarest share in the model's tables (the most PairScorer::fieldWeights() could give it) is
// below the threshold. The scorer's adjustment can only lower a weight from that ceiling, and
// the sum and the probability only grow with each weight, so a pair screened out would have
// been dropped after scoring too: keep this in step with PairScorer::fieldWeights().
std::vector<std::uint8_t> patternsBelow(double review, const FellegiSunterModel &model,
                                        const LinkModel &linkModel,
                                        std::span<const PatternCount> patterns)
{
    using Ceilings = std::array<double, kMaxLevels>;
    // The weight only falls as the share grows, so the rarest share gives the ceiling.
    const auto rarest = [](const TermShares &table) {
        double least = 0.0;
        for (const double share : table.shares()) {
            if (share > 0.0 && (least == 0.0 || share < least))
                least = share;
        }
        return least;
    };
    const double rarestGiven = rarest(linkModel.givenNames);
    const double rarestFamily = rarest(linkModel.familyNames);
    const auto ceilings = [&](Field field, double rarestShare) {
        Ceilings best{};
        for (int level = 0; level < levelCount(field); ++level) {
            // A share of 0 (a name not in the table) gives the unadjusted weight.
            double weight = model.termFrequencyAdjustedWeight(field, level, 0.0);
            if (FellegiSunterModel::adjustsForFrequency(field, level)) {
                const bool swapped
                    = field == Field::GivenName && level == int(GivenNameLevel::Swapped);
                weight = std::max(
                    weight, model.termFrequencyAdjustedWeight(
                                field, level, swapped ? rarestShare * rarestFamily : rarestShare));
            }
            best[std::size_t(level)] = weight;
        }
        return best;
    };
    const Ceilings given = ceilings(Field::GivenName, rarestGiven);
    const Ceilings family = ceilings(Field::FamilyName, rarestFamily);
    std::uint32_t largest = 0;
    for (const PatternCount &pattern : patterns)
        largest = std::max(largest, pattern.vector.packed());
    std::vector<std::uint8_t> below(patterns.empty() ? 0 : std::size_t(largest) + 1, 0);
    for (const PatternCount &pattern : patterns) {
        FieldWeights weights = model.fieldWeights(pattern.vector);
        const auto raise = [&](Field field, const Ceilings &ceiling) {
            double &weight = weights[std::size_t(field)];
            weight = std::max(weight, ceiling[std::size_t(pattern.vector.level(field))]);
        };
        raise(Field::GivenName, given);
        raise(Field::FamilyName, family);
        double weight = 0.0;
        for (const double fieldWeight : weights)
            weight += fieldWeight;
        // The slack only keeps more pairs for scoring; it cannot drop one.
        constexpr double kSlackBits = 1e-6;
        below[pattern.vector.packed()]
            = FellegiSunterModel::probabilityFromWeight(weight + kSlackBits, model.lambda())
              < review;
    }
    return below;
}

} // namespace

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
    const LinkThresholds &thresholds
        = options.frozen ? options.frozen->thresholds : options.thresholds;
    if (!thresholds.valid())
        return makeError(ErrorCode::Usage,
                         QObject::tr("The thresholds must satisfy 0 < review <= link < 1."));
    LinkResult result;
    LinkStatistics &stats = result.statistics;
    stats.records = records.size();
    const int threads = threadCount(options.threads);

    BlockingStatistics blocking;
    const std::vector<std::uint64_t> pairs
        = candidatePairs(records, options.blocking, &blocking, threads);
    stats.candidatePairs = pairs.size();
    stats.oversizedBlocks = blocking.oversizedBlocks;
    // The patterns EM fits and the pairs known to be one person are gathered as the pairs are
    // compared, on every thread, while both records are in the cache; slices in order, so
    // the known pairs are in pair order. Vectors are kept packed (four bytes, not seven), with
    // a bit for two records holding the same NHS number, which scoring must not pass over.
    constexpr std::uint32_t kSameNhs = 1U << 31;
    static_assert(3 * kFieldCount < 31, "ComparisonVector::packed() takes three bits a field");
    std::vector<std::uint32_t> vectors(pairs.size());
    // Per slice, how often each packed pattern comes: a flat table, as there are few
    // patterns and millions of pairs.
    const std::size_t patternKeys = std::size_t(largestPackedPattern()) + 1;
    std::vector<std::vector<std::uint64_t>> sliceCounts(static_cast<std::size_t>(threads));
    std::vector<std::vector<ComparisonVector>> sliceKnown(static_cast<std::size_t>(threads));
    parallelFor(pairs.size(), threads, [&](std::size_t slice, std::size_t begin, std::size_t end) {
        std::vector<std::uint64_t> &counts = sliceCounts[slice];
        counts.assign(patternKeys, 0);
        for (std::size_t i = begin; i < end; ++i) {
            if (i + kPrefetchRecordsAhead < end)
                prefetchRecord(records[pairSecond(pairs[i + kPrefetchRecordsAhead])]);
            if (i + kPrefetchTextAhead < end)
                prefetchText(records[pairSecond(pairs[i + kPrefetchTextAhead])]);
            const LinkRecord &a = records[pairFirst(pairs[i])];
            const LinkRecord &b = records[pairSecond(pairs[i])];
            const ComparisonVector vector = compare(a.fields, b.fields);
            const bool same = sameNhsNumber(a, b);
            const std::uint32_t key = vector.packed();
            vectors[i] = key | (same ? kSameNhs : 0U);
            ++counts[key];
            if (same)
                sliceKnown[slice].push_back(vector);
        }
    });
    stats.comparisons = pairs.size();
    PatternCounter counter;
    for (std::size_t key = 0; key < patternKeys; ++key) {
        std::uint64_t count = 0;
        for (const std::vector<std::uint64_t> &slice : sliceCounts)
            count += slice.empty() ? 0 : slice[key];
        if (count != 0)
            counter.add(ComparisonVector::fromPacked(std::uint32_t(key)), count);
    }
    sliceCounts = {};
    const std::vector<PatternCount> patterns = counter.patterns();

    if (options.frozen) {
        result.model = *options.frozen;
    } else {
        result.model.thresholds = thresholds;
        {
            std::optional<std::jthread> given;
            const auto countGiven = [&] {
                result.model.givenNames = TermShares::count(records, &ComparableRecord::givenName);
            };
            if (threads > 1)
                given.emplace(countGiven);
            else
                countGiven();
            result.model.familyNames = TermShares::count(records, &ComparableRecord::familyName);
        }
        const std::vector<ComparisonVector> random = randomPairVectors(records, options, threads);
        stats.comparisons += random.size();
        if (random.empty() || vectors.empty())
            return makeError(ErrorCode::Usage,
                             QObject::tr("Too few records or candidate pairs to estimate the "
                                         "linkage model from."));
        auto u = estimateUFromRandomPairs(random);
        BV_TRY(u);
        stats.patterns = std::uint64_t(counter.distinctPatterns());
        EmOptions em;
        em.estimateU = false; // u from random pairs: the candidates are too rich in matches
        // lambda over every pair blocking could have made, the pairs it left out taken as two
        // people: fitted over the candidates alone, the candidates' non-matches (which agree on
        // a blocking key, so are far likelier than u says) look like matches, lambda runs
        // towards 1 and the disagreements of those non-matches leak into m.
        const double allPairs = allPairCount(records, options.blocking.acrossSidesOnly);
        em.allPairs = std::max(allPairs, double(pairs.size()));
        // m from the pairs known to be one person (the same valid NHS number) where there are
        // enough of them, EM the rest and lambda: see estimateMFromMatches.
        std::vector<ComparisonVector> known;
        for (const std::vector<ComparisonVector> &slice : sliceKnown)
            known.insert(known.end(), slice.begin(), slice.end());
        auto m = estimateMFromMatches(known);
        BV_TRY(m);
        ModelParameters start
            = withEstimatedM(withEstimatedU(ModelParameters::startingValues(), u.value()),
                             m.value(), kMinimumKnownMatches, &em.fixedM);
        // Half the candidates, as a share of all pairs: EM moves it from there.
        start.lambda = std::clamp(0.5 * double(pairs.size()) / em.allPairs, 1e-12, 0.5);
        auto fitted = estimateParameters(patterns, start, em);
        BV_TRY(fitted);
        // The prior of a pair being one person: a pair must carry its own evidence to link.
        result.model.parameters = fitted->parameters;
        capRuledOutBirthDate(result.model.parameters);
        stats.emIterations = fitted->iterations;
        stats.emConverged = fitted->converged;
    }
    auto model = FellegiSunterModel::create(result.model.parameters);
    BV_TRY(model);
    const PairScorer scorer(model.value(), records, result.model.givenNames,
                            result.model.familyNames);

    // Only pairs that could link or go to review need scoring in full and ordering; most
    // patterns cannot get there (see patternsBelow), nor their pairs unless an NHS number
    // they share decides.
    const std::vector<std::uint8_t> below
        = patternsBelow(thresholds.review, model.value(), result.model, patterns);
    std::vector<std::vector<ScoredPair>> kept(static_cast<std::size_t>(threads));
    parallelFor(pairs.size(), threads, [&](std::size_t slice, std::size_t begin, std::size_t end) {
        std::vector<ScoredPair> &mine = kept[slice];
        for (std::size_t i = begin; i < end; ++i) {
            if ((vectors[i] & kSameNhs) == 0 && below[vectors[i]])
                continue;
            const ScoredPair pair
                = scorer.score(pairFirst(pairs[i]), pairSecond(pairs[i]),
                               ComparisonVector::fromPacked(vectors[i] & ~kSameNhs));
            if (pair.probability >= thresholds.review)
                mine.push_back(pair);
        }
    });
    std::vector<ScoredPair> strong;
    std::size_t strongCount = 0;
    for (const std::vector<ScoredPair> &slice : kept)
        strongCount += slice.size();
    strong.reserve(strongCount);
    for (std::vector<ScoredPair> &slice : kept) {
        strong.insert(strong.end(), slice.begin(), slice.end());
        slice = {};
    }

    std::vector<std::uint64_t> nhsNumbers(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        nhsNumbers[i] = records[i].nhsNumber;
    ClusterBuilder persons(std::move(nhsNumbers));
    Assembly assembly
        = assemblePersons(records, std::move(strong), thresholds, options.constraints, persons);
    result.linked = std::move(assembly.linked);
    result.review = std::move(assembly.review);
    result.contradicted = std::move(assembly.contradicted);
    result.person = persons.labels();
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < result.person.size(); ++i)
        count += result.person[i] == i ? 1 : 0;
    stats.persons = count;
    return result;
}

} // namespace bv::linkage
