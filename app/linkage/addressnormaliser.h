// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace bv::linkage {

// An address reduced to what two agencies are likely to have typed alike.
struct NormalisedAddress
{
    // Upper case words separated by one space (as feeds::normaliseName), common street
    // abbreviations spelt out (RD -> ROAD, ST -> STREET), the record's postcode removed since
    // the postcode is compared on its own and would otherwise count twice.
    QString text;
    // A hash of text, so two different addresses are told apart without reading the text.
    std::uint64_t textHash = 0;
    // The distinct words of text, hashed and sorted, so overlap is a merge with no strings
    // touched. The lowest bit marks a word with a digit in it (house or flat number).
    std::vector<std::uint64_t> tokens;

    bool isEmpty() const { return text.isEmpty(); }
};

// postcode, when given, is the record's canonical postcode ("NR1 3JB"); its outward and
// inward codes are dropped from the address wherever they appear.
[[nodiscard]] NormalisedAddress normaliseAddress(QStringView address, QStringView postcode = {});

struct TokenOverlap
{
    double dice = 0.0; // 2 |A and B| / (|A| + |B|) over distinct words; 0 when both are empty
    // The numbered words of the address with fewer of them all appear in the other ("FLAT 2
    // 14 HIGH STREET" against "14 HIGH STREET"), so the two cannot be different houses.
    bool numbersConsistent = true;
};

// Does not allocate.
[[nodiscard]] TokenOverlap tokenOverlap(const std::vector<std::uint64_t> &a,
                                        const std::vector<std::uint64_t> &b);

} // namespace bv::linkage
