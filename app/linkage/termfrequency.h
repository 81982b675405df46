// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace bv::linkage {

// How often each value of one field (normalised family names, say) occurs among records:
// the frequencies FellegiSunterModel::termFrequencyAdjustedWeight takes. Count every record
// once, not every pair.
class TermFrequencyTable
{
public:
    // Empty values are not counted: they are missing, not a value.
    void add(const QString &value, qint64 count = 1);

    // The value's share of all counted values; 0 when it was never counted (the model then
    // uses the unadjusted weight).
    [[nodiscard]] double frequency(const QString &value) const;
    qint64 total() const { return m_total; }
    qsizetype distinctValues() const { return m_counts.size(); }

private:
    QHash<QString, qint64> m_counts;
    qint64 m_total = 0;
};

} // namespace bv::linkage
