// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/personassembly.h"

#include <algorithm>
#include <cmath>

namespace bv::linkage {

namespace {

bool differentNhsNumbers(const LinkRecord &a, const LinkRecord &b)
{
    return a.nhsNumber != 0 && b.nhsNumber != 0 && a.nhsNumber != b.nhsNumber;
}

// Two links this close (a factor of 64, about what one name field says either way) are of
// comparable strength: which is right is for a person to judge. Set once from the simulated
// county (docs/linkage.md).
constexpr double kAmbiguityBits = 6.0;

bool linkLevel(const ScoredPair &pair, const LinkThresholds &thresholds)
{
    return pair.reason == PairReason::SameNhsNumber || pair.probability >= thresholds.link;
}

// Strongest evidence first, so a refusal under the NHS guard falls on the weaker link.
void orderByEvidence(std::vector<ScoredPair> &pairs)
{
    std::sort(pairs.begin(), pairs.end(), [](const ScoredPair &x, const ScoredPair &y) {
        const bool xNhs = x.reason == PairReason::SameNhsNumber;
        const bool yNhs = y.reason == PairReason::SameNhsNumber;
        if (xNhs != yNhs)
            return xNhs;
        if (x.weight != y.weight)
            return x.weight > y.weight;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
}

// People's decisions, then every pair in order: the persons, and what goes to review. A pair
// with a record in `held` is never linked automatically: it goes to review.
Assembly assemble(std::span<const LinkRecord> records, std::span<const ScoredPair> ordered,
                  const LinkThresholds &thresholds, const LinkConstraints &constraints,
                  const std::vector<bool> &held, ClusterBuilder &persons)
{
    Assembly assembly;
    for (const RecordPair &apart : constraints.apart)
        persons.keepApart(apart.a, apart.b);
    for (const RecordPair &together : constraints.together) {
        if (persons.joinByDecision(together.a, together.b) != JoinOutcome::Joined)
            assembly.contradicted.push_back(together);
    }
    // A parent and child of one name at one address, with no date of birth on one record,
    // score as one person; the agency that recorded them as related knows better.
    for (const RecordPair &related : constraints.related) {
        if (!persons.together(related.a, related.b))
            persons.keepApart(related.a, related.b);
    }

    std::vector<ScoredPair> uncertain;
    for (ScoredPair pair : ordered) {
        if (differentNhsNumbers(records[pair.a], records[pair.b])) {
            // Unless people decided: then it is settled either way.
            if (pair.probability >= thresholds.link && !persons.together(pair.a, pair.b)
                && !persons.keptApart(pair.a, pair.b)) {
                pair.reason = PairReason::NhsConflict;
                assembly.review.push_back(pair);
            }
            continue;
        }
        if (linkLevel(pair, thresholds) && !held[pair.a] && !held[pair.b]) {
            switch (persons.tryJoin(pair.a, pair.b)) {
            case JoinOutcome::Joined:
                assembly.linked.push_back(pair);
                break;
            case JoinOutcome::NhsConflict:
                pair.reason = PairReason::NhsConflict;
                assembly.review.push_back(pair);
                break;
            case JoinOutcome::KeptApart:
                break;
            }
            continue;
        }
        if (linkLevel(pair, thresholds))
            pair.reason = PairReason::Ambiguous; // held
        uncertain.push_back(pair);
    }
    // An uncertain pair already in one person through stronger links, or decided apart, needs
    // no one's time.
    for (const ScoredPair &pair : uncertain) {
        if (!persons.together(pair.a, pair.b) && !persons.keptApart(pair.a, pair.b))
            assembly.review.push_back(pair);
    }
    return assembly;
}

// Records that link strongly to two persons who cannot be one (different NHS numbers), the
// strongest link to one within kAmbiguityBits of the strongest to the other: a namesake's
// record with its name but another's address, a parent's record with no date of birth at a
// home where a son has the same name. Whichever link came first would win, which is chance,
// not evidence; a person must choose. A record people placed by a decision is not in doubt.
std::vector<bool> ambiguousRecords(std::span<const LinkRecord> records,
                                   std::span<const ScoredPair> ordered,
                                   const LinkThresholds &thresholds,
                                   const LinkConstraints &constraints, ClusterBuilder &persons)
{
    std::vector<bool> decided(records.size(), false);
    for (const RecordPair &together : constraints.together)
        decided[together.a] = decided[together.b] = true;
    // (record, partner) for each record with no NHS number of its own, grouped by record.
    struct Partner
    {
        std::uint32_t record;
        std::uint32_t partner;
        double weight;
        bool operator<(const Partner &other) const
        {
            return record != other.record ? record < other.record : partner < other.partner;
        }
    };
    std::vector<Partner> partners;
    for (const ScoredPair &pair : ordered) {
        if (pair.reason == PairReason::SameNhsNumber || pair.probability < thresholds.link
            || differentNhsNumbers(records[pair.a], records[pair.b]))
            continue;
        if (records[pair.a].nhsNumber == 0 && !decided[pair.a])
            partners.push_back({pair.a, pair.b, pair.weight});
        if (records[pair.b].nhsNumber == 0 && !decided[pair.b])
            partners.push_back({pair.b, pair.a, pair.weight});
    }
    std::sort(partners.begin(), partners.end());
    const std::vector<std::uint32_t> person = persons.labels();
    // What each record is kept apart from by its own decisions and relationships: a person it
    // cannot be is no candidate.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> apart;
    for (const auto *list : {&constraints.apart, &constraints.related}) {
        for (const RecordPair &pair : *list) {
            apart.emplace_back(pair.a, pair.b);
            apart.emplace_back(pair.b, pair.a);
        }
    }
    std::sort(apart.begin(), apart.end());
    const auto keptFrom = [&](std::uint32_t record, std::uint32_t of) {
        auto it = std::lower_bound(apart.begin(), apart.end(), std::pair(record, 0U));
        for (; it != apart.end() && it->first == record; ++it) {
            if (person[it->second] == of)
                return true;
        }
        return false;
    };
    std::vector<bool> ambiguous(records.size(), false);
    // Per person the record links to: its strongest link there, and a record of it.
    struct Candidate
    {
        std::uint32_t person;
        std::uint32_t partner;
        double weight;
    };
    std::vector<Candidate> candidates;
    for (std::size_t first = 0, end = 0; first < partners.size(); first = end) {
        const std::uint32_t record = partners[first].record;
        end = first + 1;
        while (end < partners.size() && partners[end].record == record)
            ++end;
        candidates.clear();
        for (std::size_t i = first; i < end; ++i) {
            const std::uint32_t of = person[partners[i].partner];
            if (keptFrom(record, of))
                continue;
            const auto known = std::find_if(candidates.begin(), candidates.end(),
                                            [of](const Candidate &c) { return c.person == of; });
            if (known == candidates.end())
                candidates.push_back({of, partners[i].partner, partners[i].weight});
            else if (partners[i].weight > known->weight)
                *known = {of, partners[i].partner, partners[i].weight};
        }
        if (candidates.size() < 2)
            continue;
        const auto best = std::max_element(
            candidates.begin(), candidates.end(), [](const Candidate &x, const Candidate &y) {
                return x.weight != y.weight ? x.weight < y.weight : x.person > y.person;
            });
        // Only NHS numbers judge: other decisions and relationships keep persons apart for
        // reasons of their own.
        for (const Candidate &other : candidates) {
            if (other.person != best->person && other.weight > best->weight - kAmbiguityBits
                && persons.nhsNumbersConflict(best->partner, other.partner)) {
                ambiguous[record] = true;
                break;
            }
        }
    }
    return ambiguous;
}

} // namespace

Assembly assemblePersons(std::span<const LinkRecord> records, std::vector<ScoredPair> strong,
                         const LinkThresholds &thresholds, const LinkConstraints &constraints,
                         ClusterBuilder &persons)
{
    orderByEvidence(strong);
    const ClusterBuilder start = persons;
    const std::vector<bool> none(records.size(), false);
    Assembly first = assemble(records, strong, thresholds, constraints, none, persons);
    // The persons the first pass made, the ambiguous records' own links included, say which
    // persons cannot be one; the second pass holds those records back.
    const std::vector<bool> ambiguous
        = ambiguousRecords(records, strong, thresholds, constraints, persons);
    if (std::find(ambiguous.begin(), ambiguous.end(), true) == ambiguous.end())
        return first;
    persons = start;
    return assemble(records, strong, thresholds, constraints, ambiguous, persons);
}

} // namespace bv::linkage
