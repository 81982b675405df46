// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace bv::linkage {

// Groups records into persons by joining linked pairs, and refuses any join that would put two
// different valid NHS numbers in one person, whether the two records are the pair itself or
// are reached through a chain (A with B, B with C, A and C holding different numbers).
class ClusterBuilder
{
public:
    // nhsNumbers: per record, its valid NHS number or 0.
    explicit ClusterBuilder(std::vector<std::uint64_t> nhsNumbers);

    // Joins the persons of a and b. False, changing nothing, when they hold different NHS
    // numbers. Joins made in a different order give the same persons unless a refusal
    // intervenes, so callers join in a fixed order (strongest evidence first).
    bool join(std::uint32_t a, std::uint32_t b);
    bool together(std::uint32_t a, std::uint32_t b) { return root(a) == root(b); }

    // Per record, the smallest record index of its person: a label that does not depend on
    // the order the joins were made in.
    [[nodiscard]] std::vector<std::uint32_t> labels();

private:
    std::uint32_t root(std::uint32_t record);

    std::vector<std::uint32_t> m_parent;
    std::vector<std::uint32_t> m_size;
    std::vector<std::uint64_t> m_nhsNumber; // per root: the person's NHS number, or 0
};

} // namespace bv::linkage
