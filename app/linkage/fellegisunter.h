// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/comparisonvector.h"

#include <array>

// The Fellegi-Sunter model of record linkage. For each field and level:
//   m = P(level | the two records are the same person),
//   u = P(level | they are two different people),
// and lambda = P(a compared pair is the same person). Fields are taken as conditionally
// independent given match status, so a pair's evidence is the sum of per-field weights
// log2(m / u) in bits: +1 bit doubles the odds of a match, -1 halves them.
namespace bv::linkage {

// One value per level of one field, indexed by level. Index 0 (Missing) is never used:
// a missing field is no evidence.
using LevelProbabilities = std::array<double, kMaxLevels>;
using FieldWeights = std::array<double, kFieldCount>; // bits, one per field, in Field order

// m and u below this are treated as this when taking logarithms, so a level never seen in
// one class gives a large but finite weight (about 20 bits) instead of infinity.
inline constexpr double kProbabilityFloor = 1e-6;

struct FieldParameters
{
    LevelProbabilities m{};
    LevelProbabilities u{};
};

struct ModelParameters
{
    double lambda = 0.0;
    std::array<FieldParameters, kFieldCount> fields{};

    FieldParameters &operator[](Field field) { return fields[std::size_t(field)]; }
    const FieldParameters &operator[](Field field) const { return fields[std::size_t(field)]; }

    // Plausible values to start EM from: agreement far likelier among matches than among
    // non-matches, lambda 0.01. Not fitted to any data.
    [[nodiscard]] static ModelParameters startingValues();
};

// A validated model with its weights worked out once. Immutable; share it across threads.
class FellegiSunterModel
{
public:
    // Checks that lambda lies strictly between 0 and 1 and that, for every field, the m and u
    // of levels 1 to levelCount - 1 are in [0, 1] and each sum to 1 (within 1e-6).
    [[nodiscard]] static Result<FellegiSunterModel> create(const ModelParameters &parameters);

    const ModelParameters &parameters() const { return m_parameters; }
    double lambda() const { return m_parameters.lambda; }
    // 0 for a level outside the table.
    double m(Field field, int level) const { return valueAt(m_parameters[field].m, level); }
    double u(Field field, int level) const { return valueAt(m_parameters[field].u, level); }

    // log2(m / u) in bits; 0 for Missing, and for a level the field does not have (a caller's
    // bug, answered harmlessly rather than by reading past the table).
    double levelWeight(Field field, int level) const
    {
        return valueAt(m_weights[std::size_t(field)], level);
    }
    // log2(lambda / (1 - lambda)): the odds before any field is looked at.
    double priorWeight() const { return m_priorWeight; }

    // The per-field weights of a comparison, which a caller may adjust (term frequencies)
    // before summing or explaining them.
    [[nodiscard]] FieldWeights fieldWeights(const ComparisonVector &vector) const;
    // The sum of the field weights, without the prior.
    [[nodiscard]] double matchWeight(const ComparisonVector &vector) const;
    [[nodiscard]] double matchProbability(const ComparisonVector &vector) const;

    // Term-frequency adjustment. Agreeing on a rare name says more than agreeing on a common
    // one: among non-matches, two records agree exactly on a value of relative frequency f
    // (its share of all records) with probability about f squared, and among matches with
    // probability about m_exact * f, so the weight of that agreement is log2(m_exact / f) in
    // place of the average log2(m_exact / u_exact). Applies to the exact level, and to given
    // names swapped (both names agreeing crosswise, one event whose u from random pairs is
    // next to nothing: unadjusted, "SMITH HANNAH" would say more for every HANNAH SMITH of the
    // county than "HANNAH SMITH" itself); frequency is then the chance that a random record
    // holds the other record's names the other way round: the share of one record's given
    // name among given names times that of its family name among family names. Any other
    // level, or a frequency outside (0, 1], gives the unadjusted level weight.
    [[nodiscard]] double termFrequencyAdjustedWeight(Field field, int level,
                                                     double frequency) const;
    // Whether termFrequencyAdjustedWeight adjusts this level of this field.
    [[nodiscard]] static bool adjustsForFrequency(Field field, int level);

    // The probability of a match given the summed field weights and the prior lambda:
    // 1 / (1 + 2^-(weight + log2(lambda / (1 - lambda)))).
    [[nodiscard]] static double probabilityFromWeight(double weight, double lambda);

private:
    explicit FellegiSunterModel(const ModelParameters &parameters);

    static double valueAt(const LevelProbabilities &values, int level)
    {
        return level >= 0 && level < kMaxLevels ? values[std::size_t(level)] : 0.0;
    }

    ModelParameters m_parameters;
    std::array<LevelProbabilities, kFieldCount> m_weights{}; // bits, per field and level
    double m_priorWeight = 0.0;
};

} // namespace bv::linkage
