// SPDX-License-Identifier: GPL-3.0-or-later
#include "weightedtable.h"

#include "seededrandom.h"

#include <algorithm>

namespace bv::feedsim {

void WeightedTable::add(quint32 item, quint64 weight)
{
    if (weight == 0)
        return;
    m_items.push_back(item);
    m_cumulative.push_back(totalWeight() + weight);
}

quint32 WeightedTable::pick(SeededRandom &random) const
{
    const quint64 target = random.below(totalWeight());
    const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), target);
    return m_items[std::size_t(it - m_cumulative.begin())];
}

quint32 WeightedTable::heaviest() const
{
    std::size_t best = 0;
    quint64 bestWeight = 0;
    for (std::size_t i = 0; i < m_cumulative.size(); ++i) {
        const quint64 weight = m_cumulative[i] - (i == 0 ? 0 : m_cumulative[i - 1]);
        if (weight > bestWeight) {
            best = i;
            bestWeight = weight;
        }
    }
    return m_items[best];
}

} // namespace bv::feedsim
