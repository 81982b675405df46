// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/fellegisunter.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bv::linkage {

namespace {

constexpr double kSumTolerance = 1e-6;

double bits(double m, double u)
{
    return std::log2(std::max(m, kProbabilityFloor) / std::max(u, kProbabilityFloor));
}

// Relative values, most specific agreement first; normalised over the field's levels.
void setStart(ModelParameters &parameters, Field field, std::initializer_list<double> m,
              std::initializer_list<double> u)
{
    FieldParameters &values = parameters[field];
    const double mSum = std::accumulate(m.begin(), m.end(), 0.0);
    const double uSum = std::accumulate(u.begin(), u.end(), 0.0);
    std::size_t level = kExactLevel;
    for (const double value : m)
        values.m[level++] = value / mSum;
    level = kExactLevel;
    for (const double value : u)
        values.u[level++] = value / uSum;
}

Error invalid(const QString &what)
{
    return makeError(ErrorCode::Failure,
                     QObject::tr("The linkage model parameters are not valid: %1").arg(what));
}

} // namespace

ModelParameters ModelParameters::startingValues()
{
    ModelParameters p;
    p.lambda = 0.01;
    // Exact, Swapped, JW 0.94, JW 0.88, Phonetic, Nickname, Disagree.
    setStart(p, Field::GivenName, {0.80, 0.005, 0.05, 0.03, 0.02, 0.03, 0.065},
             {0.01, 0.0005, 0.005, 0.01, 0.01, 0.002, 0.9725});
    // Exact, JW 0.94, JW 0.88, Phonetic, Disagree (no Swapped: see FamilyNameLevel).
    setStart(p, Field::FamilyName, {0.85, 0.05, 0.02, 0.02, 0.06},
             {0.005, 0.003, 0.01, 0.01, 0.972});
    // Exact, day and month swapped, one component differs, disagree.
    // Exact, day and month swapped, one component differs, ruled out, disagree.
    setStart(p, Field::BirthDate, {0.90, 0.01, 0.06, 0.0001, 0.0299},
             {0.0003, 0.00003, 0.01, 0.001, 0.98867});
    setStart(p, Field::Sex, {0.97, 0.03}, {0.5, 0.5});
    // Exact, same sector, same district, one slip apart, disagree.
    setStart(p, Field::Postcode, {0.70, 0.05, 0.05, 0.02, 0.18},
             {0.0005, 0.003, 0.02, 0.0005, 0.976});
    setStart(p, Field::Address, {0.50, 0.20, 0.30}, {0.0005, 0.001, 0.9985});
    // Exact, one slip apart, disagree.
    setStart(p, Field::Uprn, {0.80, 0.02, 0.18}, {0.0005, 0.0005, 0.999});
    return p;
}

Result<FellegiSunterModel> FellegiSunterModel::create(const ModelParameters &parameters)
{
    if (!(parameters.lambda > 0.0 && parameters.lambda < 1.0))
        return invalid(QObject::tr("lambda must lie strictly between 0 and 1."));
    for (const Field field : kFields) {
        const FieldParameters &values = parameters[field];
        double mSum = 0.0;
        double uSum = 0.0;
        for (int level = kExactLevel; level < levelCount(field); ++level) {
            const double m = values.m[std::size_t(level)];
            const double u = values.u[std::size_t(level)];
            if (!(m >= 0.0 && m <= 1.0 && u >= 0.0 && u <= 1.0))
                return invalid(
                    QObject::tr("a probability of %1 is outside 0 to 1.").arg(fieldKey(field)));
            mSum += m;
            uSum += u;
        }
        if (std::abs(mSum - 1.0) > kSumTolerance || std::abs(uSum - 1.0) > kSumTolerance)
            return invalid(
                QObject::tr("the probabilities of %1 do not sum to 1.").arg(fieldKey(field)));
    }
    return FellegiSunterModel(parameters);
}

FellegiSunterModel::FellegiSunterModel(const ModelParameters &parameters)
    : m_parameters(parameters)
    , m_priorWeight(std::log2(parameters.lambda / (1.0 - parameters.lambda)))
{
    for (const Field field : kFields) {
        const FieldParameters &values = parameters[field];
        auto &weights = m_weights[std::size_t(field)];
        for (int level = kExactLevel; level < levelCount(field); ++level)
            weights[std::size_t(level)]
                = bits(values.m[std::size_t(level)], values.u[std::size_t(level)]);
    }
}

FieldWeights FellegiSunterModel::fieldWeights(const ComparisonVector &vector) const
{
    FieldWeights weights{};
    for (const Field field : kFields)
        weights[std::size_t(field)] = levelWeight(field, vector.level(field));
    return weights;
}

double FellegiSunterModel::matchWeight(const ComparisonVector &vector) const
{
    double weight = 0.0;
    for (const Field field : kFields)
        weight += levelWeight(field, vector.level(field));
    return weight;
}

double FellegiSunterModel::matchProbability(const ComparisonVector &vector) const
{
    return probabilityFromWeight(matchWeight(vector), lambda());
}

bool FellegiSunterModel::adjustsForFrequency(Field field, int level)
{
    if (level == kExactLevel)
        return true;
    // Names exchanged are both names agreeing crosswise, counted once on the given name: as
    // common as the two names together (the caller passes the product of their shares).
    return field == Field::GivenName && level == int(GivenNameLevel::Swapped);
}

double FellegiSunterModel::termFrequencyAdjustedWeight(Field field, int level,
                                                       double frequency) const
{
    if (!adjustsForFrequency(field, level) || !(frequency > 0.0 && frequency <= 1.0))
        return levelWeight(field, level);
    return bits(m(field, level), frequency);
}

double FellegiSunterModel::probabilityFromWeight(double weight, double lambda)
{
    const double total = weight + std::log2(lambda / (1.0 - lambda));
    return 1.0 / (1.0 + std::exp2(-total));
}

} // namespace bv::linkage
