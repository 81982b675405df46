// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <vector>

namespace bv::feedsim {

class SeededRandom;

// Items drawn in proportion to integer weights. Integers, not doubles, so a draw is the same
// on every platform.
class WeightedTable
{
public:
    // A zero weight is ignored.
    void add(quint32 item, quint64 weight);

    bool isEmpty() const { return m_items.empty(); }
    qsizetype size() const { return qsizetype(m_items.size()); }
    quint64 totalWeight() const { return m_cumulative.empty() ? 0 : m_cumulative.back(); }

    // The table must not be empty.
    quint32 pick(SeededRandom &random) const;

    // The item with the largest weight (the first such one), or the table must not be empty.
    quint32 heaviest() const;

private:
    std::vector<quint32> m_items;
    std::vector<quint64> m_cumulative;
};

} // namespace bv::feedsim
