// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <random>

namespace bv::feedsim {

// The county's only source of chance. std::mt19937_64's output sequence is fixed by the
// standard, but the std distributions are not, so the mapping onto ranges is written here:
// one seed gives the same county with any standard library on any platform.
class SeededRandom
{
public:
    explicit SeededRandom(std::uint64_t seed)
        : m_engine(seed)
    {}

    std::uint64_t next() { return m_engine(); }

    // Uniform in [0, bound); bound must be positive.
    std::uint64_t below(std::uint64_t bound);

    // Uniform in [low, high], both included; low <= high.
    std::int64_t between(std::int64_t low, std::int64_t high);

    // Uniform in [0, 1) with 53 random bits.
    double unit();

    bool chance(double probability) { return unit() < probability; }

private:
    std::mt19937_64 m_engine;
};

} // namespace bv::feedsim
