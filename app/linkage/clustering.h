// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace bv::linkage {

struct RecordPair
{
    std::uint32_t a = 0; // record indexes
    std::uint32_t b = 0;
};

// What people decided, as record pairs: these two records are one person; these two are not.
// related: two records an agency recorded as related people (parent, child, sibling, twin,
// partner, household member), so never one person, unless people decided they are.
struct LinkConstraints
{
    std::vector<RecordPair> together;
    std::vector<RecordPair> apart;
    std::vector<RecordPair> related;
};

enum class JoinOutcome : std::uint8_t {
    Joined,      // (or already together)
    NhsConflict, // the two persons hold different valid NHS numbers
    KeptApart,   // a person decided that records of the two are not one person
};

// Groups records into persons by joining linked pairs, and refuses any join that would put two
// different valid NHS numbers in one person, whether the two records are the pair itself or
// are reached through a chain (A with B, B with C, A and C holding different numbers), or
// would put together two records a person decided are not one person.
class ClusterBuilder
{
public:
    // nhsNumbers: per record, its valid NHS number or 0.
    explicit ClusterBuilder(std::vector<std::uint64_t> nhsNumbers);

    // From now on, no join puts a and b in one person.
    void keepApart(std::uint32_t a, std::uint32_t b);
    // A person's decision that a and b are one person: joined whatever NHS numbers they hold
    // (a person may know a number was recorded wrongly). Such a person then refuses every
    // automatic join with a person holding any valid number. KeptApart when a decision to
    // keep them apart stands in the way.
    JoinOutcome joinByDecision(std::uint32_t a, std::uint32_t b);

    // Joins the persons of a and b, changing nothing when refused. Joins made in a different
    // order give the same persons unless a refusal intervenes, so callers join in a fixed order
    // (strongest evidence first).
    JoinOutcome tryJoin(std::uint32_t a, std::uint32_t b);
    // What tryJoin would say, joining nothing.
    JoinOutcome joinable(std::uint32_t a, std::uint32_t b);
    // Whether the persons of a and b hold different valid NHS numbers (or one holds several).
    bool nhsNumbersConflict(std::uint32_t a, std::uint32_t b);
    bool join(std::uint32_t a, std::uint32_t b) { return tryJoin(a, b) == JoinOutcome::Joined; }
    bool together(std::uint32_t a, std::uint32_t b) { return root(a) == root(b); }
    // Whether a decision keeps the persons of a and b apart.
    bool keptApart(std::uint32_t a, std::uint32_t b) { return rootsKeptApart(root(a), root(b)); }

    // Per record, the smallest record index of its person: a label that does not depend on
    // the order the joins were made in.
    [[nodiscard]] std::vector<std::uint32_t> labels();

private:
    std::uint32_t root(std::uint32_t record);
    bool rootsKeptApart(std::uint32_t rootA, std::uint32_t rootB);
    void unite(std::uint32_t rootA, std::uint32_t rootB, std::uint64_t nhsNumber);

    std::vector<std::uint32_t> m_parent;
    std::vector<std::uint32_t> m_size;
    std::vector<std::uint64_t> m_nhsNumber; // per root: the person's NHS number, or 0
    // Per root with decisions against it: the records it must never be joined with. Few roots
    // have any, so a map rather than a vector per record.
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_apart;
};

} // namespace bv::linkage
