// The persistent thread pool every op shares, and parallel_for over an index range.
// Thread count: HCARRAY_NUM_THREADS at start, else the CPUs this process may run on (its
// affinity mask on Linux: taskset, cgroup cpusets), else the machine's hardware threads;
// set_num_threads() changes it at run time. The calling thread always takes part.
#pragma once
#include <cstdint>
#include <functional>

namespace hc {

int num_threads();
void set_num_threads(int n);  // n >= 1; ValueError otherwise

// Calls f(begin, end, worker) on disjoint chunks covering [0, n) whose boundaries are multiples
// of `align` (except n itself), using at most num_threads() threads; runs inline when there is
// only one chunk. worker is in [0, num_threads()). Exceptions from f propagate (the first one).
void parallel_for(int64_t n, int64_t align, int nchunks,
                  const std::function<void(int64_t, int64_t, int)>& f);

}  // namespace hc
