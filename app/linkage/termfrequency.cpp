// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/termfrequency.h"

namespace bv::linkage {

void TermFrequencyTable::add(const QString &value, qint64 count)
{
    if (value.isEmpty() || count <= 0)
        return;
    m_counts[value] += count;
    m_total += count;
}

double TermFrequencyTable::frequency(const QString &value) const
{
    if (m_total == 0)
        return 0.0;
    return double(m_counts.value(value, 0)) / double(m_total);
}

} // namespace bv::linkage
