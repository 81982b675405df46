// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/comparisonvector.h"
#include "linkage/fellegisunter.h"

#include <QString>

#include <vector>

// Why a pair scored what it did, field by field: the bars of a waterfall chart (the prior,
// then one bar per field) and a sentence for each that a practitioner can read aloud. Says
// what agreed and how much that counts, never the values themselves, so an explanation can
// be logged or exported without personal data.
namespace bv::linkage {

struct FieldContribution
{
    Field field = Field::GivenName;
    int level = kMissingLevel;
    QLatin1StringView levelKey;         // stable, for storage (see comparisonvector.h)
    QString fieldLabel;                 // "Date of birth"
    QString levelLabel;                 // "Day and month swapped"
    double weight = 0.0;                // bits; 0 for a missing field
    bool termFrequencyAdjusted = false; // the weight differs from the level's average weight
    QString sentence;                   // en_GB source text, translated
};

struct MatchExplanation
{
    double priorWeight = 0.0; // log2(lambda / (1 - lambda)): where the waterfall starts
    QString priorSentence;
    std::vector<FieldContribution> contributions; // one per field, in Field order
    double matchWeight = 0.0;                     // the sum of the contributions, without the prior
    double probability = 0.0;                     // of a match, from matchWeight and lambda
    QString summary; // one sentence: what counted most for and against, and the probability
};

// With the model's level weights.
[[nodiscard]] MatchExplanation explainMatch(const FellegiSunterModel &model,
                                            const ComparisonVector &vector);
// With weights the caller worked out, such as term-frequency adjusted ones
// (FellegiSunterModel::termFrequencyAdjustedWeight); a weight that differs from the level's
// model weight is marked as adjusted and its sentence says so.
[[nodiscard]] MatchExplanation explainMatch(const FellegiSunterModel &model,
                                            const ComparisonVector &vector,
                                            const FieldWeights &weights);

} // namespace bv::linkage
