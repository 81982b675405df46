// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/clustering.h"

#include <limits>
#include <numeric>
#include <utility>

namespace bv::linkage {

namespace {

// The NHS number of a person a decision gave two different numbers: unequal to every real
// number (which have ten digits), so the guard refuses any automatic join with one.
constexpr std::uint64_t kSeveralNhsNumbers = std::numeric_limits<std::uint64_t>::max();

} // namespace

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

void ClusterBuilder::keepApart(std::uint32_t a, std::uint32_t b)
{
    m_apart[root(a)].push_back(b);
    m_apart[root(b)].push_back(a);
}

bool ClusterBuilder::rootsKeptApart(std::uint32_t rootA, std::uint32_t rootB)
{
    // Both sides hold each decision, so one side's list is the whole check.
    const auto found = m_apart.find(rootA);
    if (found == m_apart.end())
        return false;
    for (const std::uint32_t other : found->second) {
        if (root(other) == rootB)
            return true;
    }
    return false;
}

void ClusterBuilder::unite(std::uint32_t rootA, std::uint32_t rootB, std::uint64_t nhsNumber)
{
    if (m_size[rootA] < m_size[rootB])
        std::swap(rootA, rootB);
    m_parent[rootB] = rootA;
    m_size[rootA] += m_size[rootB];
    m_nhsNumber[rootA] = nhsNumber;
    const auto moved = m_apart.find(rootB);
    if (moved != m_apart.end()) {
        std::vector<std::uint32_t> apart = std::move(moved->second);
        m_apart.erase(moved);
        std::vector<std::uint32_t> &kept = m_apart[rootA];
        kept.insert(kept.end(), apart.begin(), apart.end());
    }
}

JoinOutcome ClusterBuilder::joinable(std::uint32_t a, std::uint32_t b)
{
    const std::uint32_t ra = root(a);
    const std::uint32_t rb = root(b);
    if (ra == rb)
        return JoinOutcome::Joined;
    const std::uint64_t na = m_nhsNumber[ra];
    const std::uint64_t nb = m_nhsNumber[rb];
    if (na != 0 && nb != 0 && (na != nb || na == kSeveralNhsNumbers))
        return JoinOutcome::NhsConflict;
    return rootsKeptApart(ra, rb) ? JoinOutcome::KeptApart : JoinOutcome::Joined;
}

bool ClusterBuilder::nhsNumbersConflict(std::uint32_t a, std::uint32_t b)
{
    const std::uint32_t ra = root(a);
    const std::uint32_t rb = root(b);
    const std::uint64_t na = m_nhsNumber[ra];
    const std::uint64_t nb = m_nhsNumber[rb];
    return ra != rb && na != 0 && nb != 0 && (na != nb || na == kSeveralNhsNumbers);
}

JoinOutcome ClusterBuilder::tryJoin(std::uint32_t a, std::uint32_t b)
{
    const std::uint32_t ra = root(a);
    const std::uint32_t rb = root(b);
    if (ra == rb)
        return JoinOutcome::Joined;
    // A person holds at most one valid NHS number (or the marker of several, which equals no
    // number), so comparing the two roots' numbers is the whole check, however long the
    // chains behind them.
    const std::uint64_t na = m_nhsNumber[ra];
    const std::uint64_t nb = m_nhsNumber[rb];
    if (na != 0 && nb != 0 && (na != nb || na == kSeveralNhsNumbers))
        return JoinOutcome::NhsConflict;
    if (rootsKeptApart(ra, rb))
        return JoinOutcome::KeptApart;
    unite(ra, rb, na != 0 ? na : nb);
    return JoinOutcome::Joined;
}

JoinOutcome ClusterBuilder::joinByDecision(std::uint32_t a, std::uint32_t b)
{
    const std::uint32_t ra = root(a);
    const std::uint32_t rb = root(b);
    if (ra == rb)
        return JoinOutcome::Joined;
    if (rootsKeptApart(ra, rb))
        return JoinOutcome::KeptApart;
    const std::uint64_t na = m_nhsNumber[ra];
    const std::uint64_t nb = m_nhsNumber[rb];
    unite(ra, rb, na == 0 ? nb : (nb == 0 || nb == na ? na : kSeveralNhsNumbers));
    return JoinOutcome::Joined;
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
