// Timing helpers shared by the benchmark harnesses.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace eci::bench {

// Median of the samples (upper median for an even count).
inline double mediane(std::vector<double> t) {
    std::nth_element(t.begin(), t.begin() + static_cast<long>(t.size() / 2), t.end());
    return t[t.size() / 2];
}

// Median wall time of `runs` calls of f, in microseconds.
template <class F>
double medianeMicro(int runs, F&& f) {
    std::vector<double> t;
    t.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        auto a = std::chrono::steady_clock::now();
        f();
        auto b = std::chrono::steady_clock::now();
        t.push_back(std::chrono::duration<double, std::micro>(b - a).count());
    }
    return mediane(std::move(t));
}

}  // namespace eci::bench
