// Per-target row kernels of hcarray.nn (activations, softmax, layer/RMS norm, the dot/axpy of
// attention). The template code is cpu/nn_impl.h, compiled once per SIMD target by the
// cpu/nn_target_*.cpp files (each sets its target with a pragma, so no CMake change is needed);
// kernels() picks the set matching the vector math table's target (vmath::table().target), so
// HCARRAY_SIMD selects both together. Transcendentals always go through vmath's table.
#pragma once
#include <cstdint>

#include "cpu/vmath.h"

namespace hc::cpu::nn {

enum Act : int { Sigmoid, Silu, GeluTanh, GeluErf, kNumAct };

template <class T> struct Fns {
  // y[i] = act(x[i]), i < n; y may equal x (otherwise no overlap).
  void (*act)(int op, const T* x, T* y, int64_t n, const vmath::Table& t);
  // One row of n elements: softmax (log=false) or log_softmax; y may equal x.
  void (*softmax)(const T* x, T* y, int64_t n, bool log, const vmath::Table& t);
  // One row: layer norm ((x - mean) / sqrt(var + eps)) or RMS norm (x / sqrt(mean(x^2) + eps)),
  // then * w (if w), + b (if b). y may equal x.
  void (*norm)(const T* x, T* y, int64_t n, const T* w, const T* b, double eps, bool rms);
  T (*dot)(const T* a, const T* b, int64_t n);
  void (*axpy)(T a, const T* x, T* y, int64_t n);  // y += a * x
  void (*scale)(T* y, int64_t n, T s);             // y *= s
};

struct Kernels {
  const char* target;
  Fns<float> f32;
  Fns<double> f64;
};

const Kernels* kernels_avx512();  // nullptr where not built
const Kernels* kernels_avx2();
const Kernels* kernels_neon();
const Kernels* kernels_scalar();
const Kernels& kernels();  // the set for vmath::table().target

}  // namespace hc::cpu::nn
