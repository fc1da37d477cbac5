// The one strided iterator every op uses. It takes N operands that share a (broadcast) shape,
// drops size-1 dims, orders dims by the first operand's strides, merges dims that are contiguous
// for every operand, and calls an inner loop over the innermost run.
#pragma once
#include <cstdint>

#include "core/array.h"

namespace hc {

// ptrs[k] and strides[k] (bytes) for each operand k; n elements.
using Loop = void (*)(char** ptrs, const int64_t* strides, int64_t n, const void* ctx);

constexpr int kMaxOperands = 8;

struct IterPlan {
  int nop = 0;
  int ndim = 0;  // after coalescing; 0 means a single run of length 1 (or empty when size==0)
  int64_t size = 0;
  Dims shape;                       // coalesced shape, innermost last
  Dims strides[kMaxOperands];       // per operand, same order
  char* base[kMaxOperands];
};

// ops[k] must all have `shape` (broadcast them first); ops[0] is usually the output.
IterPlan plan_iteration(int nop, const Array* const* ops, const Dims& shape);
void run_loop(const IterPlan& plan, Loop loop, const void* ctx);
// The elements [begin, end) of the plan (C order over its coalesced shape).
void run_range(const IterPlan& plan, Loop loop, const void* ctx, int64_t begin, int64_t end);
// Like run_loop, split over the thread pool when the work is large enough. Only for loops whose
// writes at distinct positions are independent (elementwise ops, casts, fills). Chunk
// boundaries are multiples of `align` elements.
void run_loop_parallel(const IterPlan& plan, Loop loop, const void* ctx, int64_t align = 1,
                       int64_t cost = 1);
// Below this many elements (times bytes touched per element, see iter.cpp) ops run on one thread.
int64_t parallel_threshold_bytes();
void set_parallel_threshold_bytes(int64_t bytes);

// Convenience: iterate arrays that already have identical shapes.
void for_each(int nop, const Array* const* ops, Loop loop, const void* ctx = nullptr);

}  // namespace hc
