// SPDX-License-Identifier: GPL-3.0-or-later
#include "seededrandom.h"

namespace bv::feedsim {

std::uint64_t SeededRandom::below(std::uint64_t bound)
{
    // Rejecting the short last bucket keeps small ranges unbiased.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t value = next();
        if (value >= threshold)
            return value % bound;
    }
}

std::int64_t SeededRandom::between(std::int64_t low, std::int64_t high)
{
    const auto span = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<std::int64_t>(below(span));
}

double SeededRandom::unit()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

} // namespace bv::feedsim
