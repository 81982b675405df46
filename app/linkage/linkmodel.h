// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/fellegisunter.h"
#include "linkage/linkrecord.h"

#include <QHash>
#include <QString>

#include <span>

namespace bv::linkage {

// Each value's share of the records a model was estimated on, for term-frequency adjustment.
// Frozen with the model: were shares counted afresh on every run, each new record would move
// every pair's weight a little, and linking new records alone could never agree with
// relinking everything.
class TermShares
{
public:
    [[nodiscard]] static TermShares count(std::span<const LinkRecord> records,
                                          QString ComparableRecord::*field);

    // 0 for a value not seen at estimation (or empty): the model's unadjusted weight then.
    [[nodiscard]] double share(const QString &value) const { return m_shares.value(value, 0.0); }
    void insert(const QString &value, double share) { m_shares.insert(value, share); }
    [[nodiscard]] const QHash<QString, double> &shares() const { return m_shares; }

private:
    QHash<QString, double> m_shares;
};

// Where a pair's match probability puts it. Set once, from the simulated county (see
// docs/linkage.md), and the same for every data set: m and u adapt to the data, these do not.
struct LinkThresholds
{
    double link = 0.5;    // at or above: the same person
    double review = 0.05; // from here up to link: a person decides

    [[nodiscard]] bool valid() const { return review > 0.0 && review <= link && link < 1.0; }
};

// Everything a link decision depends on besides the records themselves. Frozen in the store
// between explicit, audited re-estimations.
struct LinkModel
{
    ModelParameters parameters;
    TermShares givenNames;
    TermShares familyNames;
    LinkThresholds thresholds;
};

// The parameters and thresholds as compact JSON (term shares are stored as rows, not JSON).
[[nodiscard]] QString parametersToJson(const ModelParameters &parameters,
                                       const LinkThresholds &thresholds);
[[nodiscard]] Result<void> parametersFromJson(const QString &json, ModelParameters &parameters,
                                              LinkThresholds &thresholds);

} // namespace bv::linkage
