// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/personassembly.h"

#include <algorithm>

namespace bv::linkage {

namespace {

bool differentNhsNumbers(const LinkRecord &a, const LinkRecord &b)
{
    return a.nhsNumber != 0 && b.nhsNumber != 0 && a.nhsNumber != b.nhsNumber;
}

} // namespace

Assembly assemblePersons(std::span<const LinkRecord> records, std::vector<ScoredPair> strong,
                         const LinkThresholds &thresholds, const LinkConstraints &constraints,
                         ClusterBuilder &persons)
{
    Assembly assembly;
    for (const RecordPair &apart : constraints.apart)
        persons.keepApart(apart.a, apart.b);
    for (const RecordPair &together : constraints.together) {
        if (persons.joinByDecision(together.a, together.b) != JoinOutcome::Joined)
            assembly.contradicted.push_back(together);
    }

    // Strongest evidence first, so a refusal under the NHS guard falls on the weaker link.
    std::sort(strong.begin(), strong.end(), [](const ScoredPair &x, const ScoredPair &y) {
        const bool xNhs = x.reason == PairReason::SameNhsNumber;
        const bool yNhs = y.reason == PairReason::SameNhsNumber;
        if (xNhs != yNhs)
            return xNhs;
        if (x.weight != y.weight)
            return x.weight > y.weight;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });

    std::vector<ScoredPair> uncertain;
    for (ScoredPair pair : strong) {
        if (differentNhsNumbers(records[pair.a], records[pair.b])) {
            // Unless people decided: then it is settled either way.
            if (pair.probability >= thresholds.link && !persons.together(pair.a, pair.b)
                && !persons.keptApart(pair.a, pair.b)) {
                pair.reason = PairReason::NhsConflict;
                assembly.review.push_back(pair);
            }
            continue;
        }
        if (pair.reason == PairReason::SameNhsNumber || pair.probability >= thresholds.link) {
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

} // namespace bv::linkage
