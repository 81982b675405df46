// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/comparablerecord.h"

#include <QString>

#include <cstdint>

namespace bv::linkage {

// One source record as the linker sees it.
struct LinkRecord
{
    QString id;                  // the caller's, opaque (a store row id, a CSV id column)
    std::uint64_t nhsNumber = 0; // an NHS number whose check digit holds, as a number; 0 none
    int side = 0;                // which input it came from, when linking two inputs
    ComparableRecord fields;
};

// The pair (a, b) of record indexes, a < b, packed into one integer so millions of pairs sort
// and deduplicate as plain numbers.
constexpr std::uint64_t packPair(std::uint32_t a, std::uint32_t b)
{
    return a < b ? (std::uint64_t(a) << 32) | b : (std::uint64_t(b) << 32) | a;
}
constexpr std::uint32_t pairFirst(std::uint64_t pair)
{
    return std::uint32_t(pair >> 32);
}
constexpr std::uint32_t pairSecond(std::uint64_t pair)
{
    return std::uint32_t(pair & 0xffffffffU);
}

} // namespace bv::linkage
