// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/regionlinker.h"

#include "linkage/parallel.h"
#include "linkage/personassembly.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace bv::linkage {

namespace {

// Records of each current person, and the partners of each record in decisions to keep records
// together: what the region must take in whole.
struct Ties
{
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> personMembers;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> decidedTogether;
};

Ties tiesOf(std::span<const std::int64_t> currentPerson, const LinkConstraints &constraints)
{
    Ties ties;
    for (std::uint32_t i = 0; i < currentPerson.size(); ++i) {
        if (currentPerson[i] != 0)
            ties.personMembers[currentPerson[i]].push_back(i);
    }
    for (const RecordPair &pair : constraints.together) {
        ties.decidedTogether[pair.a].push_back(pair.b);
        ties.decidedTogether[pair.b].push_back(pair.a);
    }
    return ties;
}

} // namespace

Result<RegionLinkResult> linkRegion(std::span<const LinkRecord> records, const BlockIndex &blocks,
                                    const LinkModel &model, const LinkConstraints &constraints,
                                    std::span<const std::int64_t> currentPerson,
                                    std::span<const std::uint32_t> seeds, int threads)
{
    auto fellegiSunter = FellegiSunterModel::create(model.parameters);
    BV_TRY(fellegiSunter);
    const PairScorer scorer(fellegiSunter.value(), records, model.givenNames, model.familyNames);
    const LinkThresholds &thresholds = model.thresholds;
    const Ties ties = tiesOf(currentPerson, constraints);
    const int workers = threadCount(threads);

    RegionLinkResult result;
    std::vector<bool> inRegion(records.size(), false);
    std::vector<std::uint32_t> frontier;
    const auto take = [&](std::uint32_t record) {
        if (inRegion[record])
            return;
        inRegion[record] = true;
        frontier.push_back(record);
    };
    for (const std::uint32_t seed : seeds)
        take(seed);

    std::vector<ScoredPair> strong;
    while (!frontier.empty()) {
        // Whole persons and whole decisions first: cheap, and they widen this round's scoring.
        for (std::size_t i = 0; i < frontier.size(); ++i) {
            const std::uint32_t record = frontier[i];
            if (const auto found = ties.personMembers.find(currentPerson[record]);
                currentPerson[record] != 0 && found != ties.personMembers.end()) {
                for (const std::uint32_t member : found->second)
                    take(member);
            }
            if (const auto found = ties.decidedTogether.find(record);
                found != ties.decidedTogether.end()) {
                for (const std::uint32_t partner : found->second)
                    take(partner);
            }
        }
        // Score each record of this round against its candidates; a pair between two region
        // records is scored from its smaller end only, the first time both are in.
        std::vector<std::vector<ScoredPair>> found(static_cast<std::size_t>(workers));
        std::vector<std::uint64_t> comparisons(static_cast<std::size_t>(workers), 0);
        const std::vector<std::uint32_t> round = std::move(frontier);
        frontier.clear();
        std::vector<bool> inRound(records.size(), false);
        for (const std::uint32_t record : round)
            inRound[record] = true;
        parallelFor(
            round.size(), workers, [&](std::size_t slice, std::size_t begin, std::size_t end) {
                std::vector<std::uint32_t> candidates;
                for (std::size_t i = begin; i < end; ++i) {
                    const std::uint32_t record = round[i];
                    blocks.candidatesOf(record, candidates);
                    for (const std::uint32_t other : candidates) {
                        // Already scored in an earlier round (other was in it), or in this round
                        // from the other end.
                        const bool otherEarlier = inRegion[other] && !inRound[other];
                        if (otherEarlier || (inRound[other] && other < record))
                            continue;
                        ++comparisons[slice];
                        // In index order, as link() compares them.
                        const ScoredPair pair
                            = scorer.score(std::min(record, other), std::max(record, other));
                        if (pair.reason == PairReason::SameNhsNumber
                            || pair.probability >= thresholds.review)
                            found[slice].push_back(pair);
                    }
                }
            });
        for (std::size_t slice = 0; slice < found.size(); ++slice) {
            result.comparisons += comparisons[slice];
            for (const ScoredPair &pair : found[slice]) {
                strong.push_back(pair);
                if (pair.reason == PairReason::SameNhsNumber
                    || pair.probability >= thresholds.link) {
                    take(pair.a);
                    take(pair.b);
                }
            }
        }
    }

    for (std::uint32_t i = 0; i < records.size(); ++i) {
        if (inRegion[i])
            result.region.push_back(i);
    }
    LinkConstraints inside;
    for (const RecordPair &pair : constraints.together) {
        if (inRegion[pair.a] && inRegion[pair.b])
            inside.together.push_back(pair);
    }
    for (const RecordPair &pair : constraints.apart) {
        if (inRegion[pair.a] && inRegion[pair.b])
            inside.apart.push_back(pair);
    }
    for (const RecordPair &pair : constraints.related) {
        if (inRegion[pair.a] && inRegion[pair.b])
            inside.related.push_back(pair);
    }
    std::vector<std::uint64_t> nhsNumbers(records.size());
    for (const std::uint32_t i : result.region)
        nhsNumbers[i] = records[i].nhsNumber;
    ClusterBuilder persons(std::move(nhsNumbers));
    Assembly assembly = assemblePersons(records, std::move(strong), thresholds, inside, persons);
    result.linked = std::move(assembly.linked);
    result.review = std::move(assembly.review);
    result.contradicted = std::move(assembly.contradicted);
    const std::vector<std::uint32_t> labels = persons.labels();
    result.person.reserve(result.region.size());
    for (const std::uint32_t i : result.region)
        result.person.push_back(labels[i]);
    return result;
}

} // namespace bv::linkage
