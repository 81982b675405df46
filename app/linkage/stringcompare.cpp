// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/stringcompare.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace bv::linkage {

namespace {

// Which characters of each string have been matched. Names fit in one machine word each, so
// the comparison that runs millions of times keeps its flags in registers; longer text
// spills to the heap.
class InlineFlags
{
public:
    explicit InlineFlags(qsizetype) {}
    bool test(qsizetype i) const { return (m_bits >> i) & 1U; }
    void set(qsizetype i) { m_bits |= std::uint64_t(1) << i; }

private:
    std::uint64_t m_bits = 0;
};

class HeapFlags
{
public:
    explicit HeapFlags(qsizetype size)
        : m_flags(std::size_t(size), 0)
    {}
    bool test(qsizetype i) const { return m_flags[std::size_t(i)] != 0; }
    void set(qsizetype i) { m_flags[std::size_t(i)] = 1; }

private:
    std::vector<char> m_flags;
};

constexpr qsizetype kInlineLength = 64;

// a is the shorter string (or the smaller of two of equal length).
template<typename Flags>
double jaroOrdered(const QChar *a, qsizetype sizeA, const QChar *b, qsizetype sizeB)
{
    const qsizetype window = std::max<qsizetype>(0, sizeB / 2 - 1);
    Flags matchedA(sizeA);
    Flags matchedB(sizeB);
    qsizetype matches = 0;
    for (qsizetype i = 0; i < sizeA; ++i) {
        const qsizetype to = std::min(sizeB - 1, i + window);
        for (qsizetype j = std::max<qsizetype>(0, i - window); j <= to; ++j) {
            if (a[i] == b[j] && !matchedB.test(j)) {
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
    for (qsizetype i = 0; i < sizeA; ++i) {
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
    return (m / double(sizeA) + m / double(sizeB) + (m - t) / m) / 3.0;
}

// Whether b should come first: shorter first, then the smaller in code-unit order. A plain
// loop, as names are a handful of characters.
bool comesFirst(QStringView b, QStringView a)
{
    if (b.size() != a.size())
        return b.size() < a.size();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i] != b[i])
            return b[i] < a[i];
    }
    return false;
}

} // namespace

double jaro(QStringView a, QStringView b)
{
    if (a.isEmpty() && b.isEmpty())
        return 1.0;
    if (a.isEmpty() || b.isEmpty())
        return 0.0;
    // Greedy matching can count differently from either side; a fixed order makes
    // jaro(a, b) == jaro(b, a), so a pair's comparison does not depend on which came first.
    if (comesFirst(b, a))
        std::swap(a, b);
    if (b.size() <= kInlineLength)
        return jaroOrdered<InlineFlags>(a.data(), a.size(), b.data(), b.size());
    return jaroOrdered<HeapFlags>(a.data(), a.size(), b.data(), b.size());
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

bool withinOneEdit(QStringView a, QStringView b)
{
    if (a.size() > b.size())
        std::swap(a, b);
    if (b.size() - a.size() > 1)
        return false;
    qsizetype first = 0;
    while (first < a.size() && a[first] == b[first])
        ++first;
    if (first == a.size())
        return true;          // equal, or b has one character more at the end
    if (a.size() != b.size()) // one character inserted into b at first
        return a.sliced(first) == b.sliced(first + 1);
    if (a.sliced(first + 1) == b.sliced(first + 1)) // one replaced
        return true;
    // Two neighbours exchanged.
    return first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first]
           && a.sliced(first + 2) == b.sliced(first + 2);
}

} // namespace bv::linkage
