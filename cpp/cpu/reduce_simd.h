// Vectorised reduction kernels (cpu/reduce_simd_impl.h, one copy per SIMD target) behind a
// table chosen once: outer reductions (rows of contiguous columns folded elementwise), the
// extreme of a contiguous run, and argmax/argmin of a contiguous run.
#pragma once
#include <cstdint>

#include "core/dtype.h"
#include "core/reduce.h"

namespace hc::cpu {

struct ReduceSimd {
  const char* target = "";
  OuterLoop outer_sum[kNumDTypes] = {};
  OuterLoop outer_prod[kNumDTypes] = {};
  OuterLoop outer_max[kNumDTypes] = {};
  OuterLoop outer_min[kNumDTypes] = {};
  // *out = max/min of a[0, n), n >= 1 (NaN if any); out holds one element of the dtype.
  void (*max[kNumDTypes])(const void* a, int64_t n, void* out) = {};
  void (*min[kNumDTypes])(const void* a, int64_t n, void* out) = {};
  // Index of the first max/min of a[0, n), n >= 1; the first NaN wins.
  int64_t (*argmax[kNumDTypes])(const void* a, int64_t n) = {};
  int64_t (*argmin[kNumDTypes])(const void* a, int64_t n) = {};
};

const ReduceSimd& reduce_simd();

}  // namespace hc::cpu
