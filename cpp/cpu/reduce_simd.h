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

  // By input dtype (bool read as 0/1), for accumulators wider than the input, so that no
  // converted copy is made. Integer sums/products of a[0, n) modulo 2^64 (the bits of the
  // int64 and of the uint64 result); bool and 8- to 32-bit integers.
  uint64_t (*sum_u64[kNumDTypes])(const void* a, int64_t n) = {};
  uint64_t (*prod_u64[kNumDTypes])(const void* a, int64_t n) = {};
  // The float64 pairwise sum of a[0, n) converted on load: the additions (and bits) of the
  // float64 sum of a converted copy. bool and every integer dtype.
  double (*sum_f64[kNumDTypes])(const void* a, int64_t n) = {};
  // Outer kernels (see OuterLoop) reading the input dtype into uint64/int64 (sum, prod) or
  // float64 (sum, pairwise over the rows as outer_sum<double>) results.
  OuterLoop outer_sum_u64[kNumDTypes] = {};
  OuterLoop outer_prod_u64[kNumDTypes] = {};
  OuterLoop outer_sum_f64[kNumDTypes] = {};
  // argmax/argmin along a strided axis: nrows (< 2^32) rows, row r at in + r * rstride bytes,
  // of ncols contiguous elements; out[c * ostride] = the first row holding column c's extreme
  // (the first NaN wins).
  using OuterArg = void (*)(const char* in, int64_t rstride, int64_t nrows, int64_t ncols,
                            int64_t* out, int64_t ostride);
  OuterArg outer_argmax[kNumDTypes] = {};
  OuterArg outer_argmin[kNumDTypes] = {};
};

const ReduceSimd& reduce_simd();

}  // namespace hc::cpu
