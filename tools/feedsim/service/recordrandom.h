// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <cstddef>
#include <initializer_list>

namespace bv::feedsim {

// splitmix64: one step of the mixer, also used to fold several keys into one seed.
inline quint64 mix64(quint64 value)
{
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

inline quint64 hashKeys(std::initializer_list<quint64> keys)
{
    quint64 hash = 0x6a09e667f3bcc908ULL;
    for (quint64 key : keys)
        hash = mix64(hash ^ key);
    return hash;
}

// The chance behind one record's text: seeded from (seed, feed, table, record), so a page
// renders the same bytes whenever it is asked for and no text is stored. splitmix64 rather
// than SeededRandom's Mersenne Twister because a page seeds hundreds of these.
class RecordRandom
{
public:
    explicit RecordRandom(quint64 seed)
        : m_state(seed)
    {}

    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        quint64 z = m_state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound); bound must be positive. The bias of a plain modulo is below
    // 2^-40 for the small bounds used here, far under what a page could show.
    quint64 below(quint64 bound) { return next() % bound; }
    // Uniform in [low, high]; low when the range is empty, so a caller's edge case (a
    // person born today) never divides by zero.
    qint64 between(qint64 low, qint64 high)
    {
        return high <= low ? low : low + qint64(below(quint64(high - low) + 1));
    }
    double unit() { return double(next() >> 11) * 0x1.0p-53; }
    bool chance(double probability) { return unit() < probability; }

    // Small means only (Knuth's method).
    int poisson(double mean);

    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[below(N)];
    }

private:
    quint64 m_state;
};

inline int RecordRandom::poisson(double mean)
{
    // e^-mean by plain arithmetic, not <cmath>'s exp, so every platform draws the same counts.
    double threshold = 1.0;
    double remaining = mean;
    while (remaining > 1.0) {
        threshold *= 0.36787944117144233;
        remaining -= 1.0;
    }
    // e^-x for x in [0, 1] by its series; enough terms for double precision.
    double term = 1.0;
    double sum = 1.0;
    for (int k = 1; k < 20; ++k) {
        term *= -remaining / k;
        sum += term;
    }
    threshold *= sum;
    int count = 0;
    double product = unit();
    while (product > threshold && count < 64) {
        ++count;
        product *= unit();
    }
    return count;
}

} // namespace bv::feedsim
