// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace bv::linkage {

// Runs work(slice, begin, end) over [0, count), one slice per thread (at most `threads`
// slices); returns when all are done.
template<typename Work>
void parallelFor(std::size_t count, int threads, const Work &work)
{
    const std::size_t slices
        = std::max<std::size_t>(1, std::min<std::size_t>(std::size_t(std::max(threads, 1)), count));
    if (slices == 1) {
        work(std::size_t{0}, std::size_t{0}, count);
        return;
    }
    std::vector<std::jthread> workers;
    workers.reserve(slices);
    for (std::size_t s = 0; s < slices; ++s) {
        const std::size_t begin = count * s / slices;
        const std::size_t end = count * (s + 1) / slices;
        workers.emplace_back([&work, s, begin, end] { work(s, begin, end); });
    }
}

// 0 asks for one thread per core.
inline int threadCount(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

} // namespace bv::linkage
