#include "core/iter.h"

#include <atomic>

#include "core/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

namespace hc {

IterPlan plan_iteration(int nop, const Array* const* ops, const Dims& shape) {
  IterPlan p;
  p.nop = nop;
  p.size = 1;
  for (int64_t d : shape) p.size *= d;
  for (int k = 0; k < nop; ++k) p.base[k] = ops[k]->data();
  if (p.size == 0) return p;

  // Keep dims of extent > 1.
  int nd = shape.size();
  int keep[kMaxDims + 1];
  int nk = 0;
  for (int i = 0; i < nd; ++i)
    if (shape[i] != 1) keep[nk++] = i;

  // Order dims so the first operand walks memory forwards-ish: stable sort by |stride| descending.
  // Only reorder when operand 0 is not already in that order (the common case is C order).
  const Dims& s0 = ops[0]->strides;
  bool sorted = true;
  for (int j = 1; j < nk; ++j)
    if (std::llabs(s0[keep[j - 1]]) < std::llabs(s0[keep[j]])) { sorted = false; break; }
  if (!sorted)
    std::stable_sort(keep, keep + nk, [&](int a, int b) { return std::llabs(s0[a]) > std::llabs(s0[b]); });

  p.shape.resize(0);
  for (int k = 0; k < nop; ++k) p.strides[k].resize(0);
  for (int j = 0; j < nk; ++j) {
    int i = keep[j];
    int last = p.shape.size() - 1;
    bool merge = last >= 0;
    for (int k = 0; merge && k < nop; ++k)
      merge = p.strides[k][last] == ops[k]->strides[i] * shape[i];
    if (merge) {
      p.shape[last] *= shape[i];
      for (int k = 0; k < nop; ++k) p.strides[k][last] = ops[k]->strides[i];
    } else {
      p.shape.push_back(shape[i]);
      for (int k = 0; k < nop; ++k) p.strides[k].push_back(ops[k]->strides[i]);
    }
  }
  p.ndim = p.shape.size();
  return p;
}

void run_loop(const IterPlan& p, Loop loop, const void* ctx) {
  if (p.size == 0) return;
  char* ptrs[kMaxOperands];
  int64_t inner_strides[kMaxOperands];
  for (int k = 0; k < p.nop; ++k) ptrs[k] = p.base[k];
  if (p.ndim == 0) {
    for (int k = 0; k < p.nop; ++k) inner_strides[k] = 0;
    loop(ptrs, inner_strides, 1, ctx);
    return;
  }
  int in = p.ndim - 1;
  for (int k = 0; k < p.nop; ++k) inner_strides[k] = p.strides[k][in];
  int64_t n = p.shape[in];
  if (p.ndim == 1) {
    loop(ptrs, inner_strides, n, ctx);
    return;
  }
  // Odometer over the outer dims.
  int64_t idx[kMaxDims] = {0};
  int outer = p.ndim - 1;
  for (;;) {
    loop(ptrs, inner_strides, n, ctx);
    int d = outer - 1;
    for (; d >= 0; --d) {
      for (int k = 0; k < p.nop; ++k) ptrs[k] += p.strides[k][d];
      if (++idx[d] < p.shape[d]) break;
      for (int k = 0; k < p.nop; ++k) ptrs[k] -= p.strides[k][d] * p.shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

void for_each(int nop, const Array* const* ops, Loop loop, const void* ctx) {
  run_loop(plan_iteration(nop, ops, ops[0]->shape), loop, ctx);
}

}  // namespace hc

namespace hc {

void run_range(const IterPlan& p, Loop loop, const void* ctx, int64_t begin, int64_t end) {
  if (begin >= end) return;
  char* ptrs[kMaxOperands];
  int64_t inner_strides[kMaxOperands];
  if (p.ndim == 0) {
    for (int k = 0; k < p.nop; ++k) {
      ptrs[k] = p.base[k];
      inner_strides[k] = 0;
    }
    loop(ptrs, inner_strides, 1, ctx);
    return;
  }
  int in = p.ndim - 1;
  int64_t n = p.shape[in];
  for (int k = 0; k < p.nop; ++k) inner_strides[k] = p.strides[k][in];
  // Multi-index of `begin`.
  int64_t idx[kMaxDims];
  int64_t rem = begin;
  for (int d = in; d >= 0; --d) {
    idx[d] = rem % p.shape[d];
    rem /= p.shape[d];
  }
  for (int k = 0; k < p.nop; ++k) {
    char* q = p.base[k];
    for (int d = 0; d <= in; ++d) q += idx[d] * p.strides[k][d];
    ptrs[k] = q;
  }
  int64_t pos = begin;
  while (pos < end) {
    int64_t run = n - idx[in];
    if (run > end - pos) run = end - pos;
    loop(ptrs, inner_strides, run, ctx);
    pos += run;
    if (pos >= end) return;
    // Move to the start of the next inner run.
    for (int k = 0; k < p.nop; ++k) ptrs[k] += (n - idx[in]) * p.strides[k][in];
    idx[in] = 0;
    for (int k = 0; k < p.nop; ++k) ptrs[k] -= n * p.strides[k][in];
    int d = in - 1;
    for (; d >= 0; --d) {
      for (int k = 0; k < p.nop; ++k) ptrs[k] += p.strides[k][d];
      if (++idx[d] < p.shape[d]) break;
      for (int k = 0; k < p.nop; ++k) ptrs[k] -= p.strides[k][d] * p.shape[d];
      idx[d] = 0;
    }
  }
}

namespace {
// Set from benchmarks/bench_threads.py on the 2-core development machine (shared with other
// work, so noisy): splitting a+b, exp and sum over 2 threads gained nothing up to 64K float32
// elements (1.5 MiB counted traffic) and paid from 256K elements (6 MiB: a+b 1.2x, exp 1.3x).
// 2 MiB sits between the two.
std::atomic<int64_t> g_threshold_bytes{2 * 1024 * 1024};
}  // namespace

int64_t parallel_threshold_bytes() { return g_threshold_bytes.load(); }
void set_parallel_threshold_bytes(int64_t bytes) { g_threshold_bytes.store(bytes < 0 ? 0 : bytes); }

void run_loop_parallel(const IterPlan& p, Loop loop, const void* ctx, int64_t align,
                       int64_t cost) {
  if (p.size == 0) return;
  int nt = num_threads();
  // Bytes touched per element: the operands' strides give the item sizes for contiguous runs;
  // 8 bytes per operand is a fair stand-in otherwise.
  int64_t bytes = p.size * 8 * p.nop * (cost < 1 ? 1 : cost);
  if (nt <= 1 || p.ndim == 0 || bytes < g_threshold_bytes.load()) {
    run_loop(p, loop, ctx);
    return;
  }
  // Each thread owns a run of chunks and takes the others' when done with its own
  // (parallel_for), so a worker that starts late (woken from sleep, or its CPU held by another
  // process) does less. More chunks per thread balance better on a loaded machine (load average
  // ~2 on 2 CPUs, n = 4e5, best of 5 alternating rounds: int32 a + b 202 -> 101 us, float32
  // a * b 212 -> 112, exp 215 -> 98, sqrt 107 -> 68 from one chunk per thread to four; one
  // thread 194, 162, 157, 134), but each extra chunk costs ~0.2 us on a quiet one (two threads,
  // out= given: float32 a + b at n = 1e3 / 1e5 2.0 / 9.5 us with one chunk per thread, 3.5 /
  // 10.6 with four; exp at 3e4 7.4 against 9.1). So one chunk per thread up to twice the
  // threshold, then one more per further 2x threshold of bytes, up to four.
  const int64_t th = std::max<int64_t>(g_threshold_bytes.load(), 1);
  const int per_thread = int(std::min<int64_t>(4, std::max<int64_t>(1, bytes / (2 * th))));
  parallel_for(p.size, align, per_thread * nt,
               [&](int64_t b, int64_t e, int) { run_range(p, loop, ctx, b, e); });
}

}  // namespace hc
