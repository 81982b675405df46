// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/stringcompare.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace bv::linkage {

namespace {

// Which characters of a string have been matched. Names fit in two machine words, so the
// comparison that runs millions of times never touches the heap; longer text falls back.
class MatchFlags
{
public:
    explicit MatchFlags(qsizetype size)
    {
        if (size > kInline)
            m_spill.assign(size_t(size), false);
    }

    bool test(qsizetype i) const
    {
        return m_spill.empty() ? (m_bits >> i) & 1U : bool(m_spill[size_t(i)]);
    }

    void set(qsizetype i)
    {
        if (m_spill.empty())
            m_bits |= std::uint64_t(1) << i;
        else
            m_spill[size_t(i)] = true;
    }

private:
    static constexpr qsizetype kInline = 64;
    std::uint64_t m_bits = 0;
    std::vector<bool> m_spill;
};

} // namespace

double jaro(QStringView a, QStringView b)
{
    if (a.isEmpty() && b.isEmpty())
        return 1.0;
    if (a.isEmpty() || b.isEmpty())
        return 0.0;
    // Greedy matching can count differently from either side; a fixed order makes
    // jaro(a, b) == jaro(b, a), so a pair's comparison does not depend on which came first.
    if (b.size() < a.size() || (b.size() == a.size() && b < a))
        std::swap(a, b);

    const qsizetype window = std::max<qsizetype>(0, std::max(a.size(), b.size()) / 2 - 1);
    MatchFlags matchedA(a.size());
    MatchFlags matchedB(b.size());
    qsizetype matches = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const qsizetype from = std::max<qsizetype>(0, i - window);
        const qsizetype to = std::min(b.size() - 1, i + window);
        for (qsizetype j = from; j <= to; ++j) {
            if (!matchedB.test(j) && a[i] == b[j]) {
                matchedA.set(i);
                matchedB.set(j);
                ++matches;
                break;
            }
        }
    }
    if (matches == 0)
        return 0.0;

    // Walk both strings' matched characters in order; each position where they differ is
    // half a transposition.
    qsizetype outOfOrder = 0;
    qsizetype j = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!matchedA.test(i))
            continue;
        while (!matchedB.test(j))
            ++j;
        if (a[i] != b[j])
            ++outOfOrder;
        ++j;
    }
    const double m = double(matches);
    const double t = double(outOfOrder) / 2.0;
    return (m / double(a.size()) + m / double(b.size()) + (m - t) / m) / 3.0;
}

double jaroWinkler(QStringView a, QStringView b)
{
    const double j = jaro(a, b);
    if (j <= kWinklerBoostThreshold)
        return j;
    const qsizetype limit = std::min<qsizetype>({a.size(), b.size(), kWinklerMaxPrefix});
    qsizetype prefix = 0;
    while (prefix < limit && a[prefix] == b[prefix])
        ++prefix;
    return j + double(prefix) * kWinklerPrefixScale * (1.0 - j);
}

} // namespace bv::linkage
