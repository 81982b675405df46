// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/clustering.h"

#include <numeric>
#include <utility>

namespace bv::linkage {

ClusterBuilder::ClusterBuilder(std::vector<std::uint64_t> nhsNumbers)
    : m_parent(nhsNumbers.size())
    , m_size(nhsNumbers.size(), 1)
    , m_nhsNumber(std::move(nhsNumbers))
{
    std::iota(m_parent.begin(), m_parent.end(), std::uint32_t{0});
}

std::uint32_t ClusterBuilder::root(std::uint32_t record)
{
    while (m_parent[record] != record) {
        m_parent[record] = m_parent[m_parent[record]]; // path halving
        record = m_parent[record];
    }
    return record;
}

bool ClusterBuilder::join(std::uint32_t a, std::uint32_t b)
{
    std::uint32_t ra = root(a);
    std::uint32_t rb = root(b);
    if (ra == rb)
        return true;
    // A person holds at most one valid NHS number, so comparing the two roots' numbers is
    // the whole check, however long the chains behind them.
    const std::uint64_t na = m_nhsNumber[ra];
    const std::uint64_t nb = m_nhsNumber[rb];
    if (na != 0 && nb != 0 && na != nb)
        return false;
    if (m_size[ra] < m_size[rb])
        std::swap(ra, rb);
    m_parent[rb] = ra;
    m_size[ra] += m_size[rb];
    if (m_nhsNumber[ra] == 0)
        m_nhsNumber[ra] = m_nhsNumber[rb];
    return true;
}

std::vector<std::uint32_t> ClusterBuilder::labels()
{
    const auto count = std::uint32_t(m_parent.size());
    std::vector<std::uint32_t> smallest(count, count);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t &label = smallest[root(i)];
        if (i < label)
            label = i;
    }
    std::vector<std::uint32_t> labels(count);
    for (std::uint32_t i = 0; i < count; ++i)
        labels[i] = smallest[root(i)];
    return labels;
}

} // namespace bv::linkage
