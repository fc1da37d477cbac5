// The row kernels of hcarray.nn, written once against simd.h. Included by the
// cpu/nn_target_*.cpp files only, each after choosing HC_SIMD_TARGET (and the compiler's target
// for the functions that follow). Everything lives in hc::simd::<target>::nnk so the copies for
// different targets never share a symbol.
//
// Methods (per row, the row cache-resident, blocks of kBlock elements for long rows):
//   sigmoid(x) = 1 / (1 + e) for x >= 0, e / (1 + e) otherwise, e = exp(-|x|): never overflows;
//   silu(x) = x * sigmoid(x); gelu(tanh form) = x * sigmoid(2u), u = sqrt(2/pi) (x + 0.044715
//   x^3) (equal to 0.5 x (1 + tanh u), without the cancellation of 1 + tanh u for x << 0);
//   gelu(erf form) = 0.5 x (1 + erf(x / sqrt 2)).
//   softmax: m = row max (NaN skipped here; a NaN reaches the sum below), then y = exp(x - m)
//   with the sum s accumulated block by block in double, then y *= 1/s. log_softmax:
//   y = (x - m) - log(s). A row of -inf (m = -inf) gives NaN (as torch), a NaN gives a NaN row.
//   norms: mean, then the sum of squared deviations (two passes over the cached row, so no
//   cancellation), sums of each block added in double; y = (x - mean) * rstd [* w] [+ b].
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

#include "cpu/nn_kernels.h"
#include "cpu/simd/simd.h"

namespace hc::simd::HC_SIMD_NS {
namespace nnk {

constexpr int64_t kBlock = 1024;

template <class T> struct VecOf;
template <> struct VecOf<float> { using V = Vf; };
template <> struct VecOf<double> { using V = Vd; };

template <class T>
inline auto unary(const hc::cpu::vmath::Table& t, int f) {
  if constexpr (sizeof(T) == 4) return t.f32[f];
  else return t.f64[f];
}

// ---- activations ----

template <class T>
void act(int op, const T* x, T* y, int64_t n, const hc::cpu::vmath::Table& t) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  alignas(64) T buf[kBlock];
  const T kC = T(0.7978845608028654), kA = T(0.044715), kR2 = T(0.7071067811865476);
  const auto exp_f = unary<T>(t, hc::cpu::vmath::Exp);
  const auto erf_f = unary<T>(t, hc::cpu::vmath::Erf);
  const V one = set1<V>(T(1)), zero = set1<V>(T(0)), half = set1<V>(T(0.5));
  for (int64_t i0 = 0; i0 < n; i0 += kBlock) {
    const int64_t m = n - i0 < kBlock ? n - i0 : kBlock;
    const T* xs = x + i0;
    T* ys = y + i0;
    int64_t i = 0;
    if (op == hc::cpu::nn::GeluErf) {
      for (; i + N <= m; i += N) storeu(buf + i, loadu(xs + i) * set1<V>(kR2));
      for (; i < m; ++i) buf[i] = xs[i] * kR2;
      erf_f(buf, buf, m);
      for (i = 0; i + N <= m; i += N) {
        V xv = loadu(xs + i);
        storeu(ys + i, (half * xv) * (one + loadu(buf + i)));
      }
      for (; i < m; ++i) ys[i] = (T(0.5) * xs[i]) * (T(1) + buf[i]);
      continue;
    }
    // buf = -|z| with z = x (sigmoid, silu) or 2u (gelu tanh form); sign(z) = sign(x).
    if (op == hc::cpu::nn::GeluTanh) {
      const V c = set1<V>(kC), a = set1<V>(kA), two = set1<V>(T(2));
      for (; i + N <= m; i += N) {
        V xv = loadu(xs + i);
        V u = c * fma(a * xv, xv * xv, xv);
        storeu(buf + i, -abs(two * u));
      }
      for (; i < m; ++i) {
        T xv = xs[i];
        T u = kC * (kA * xv * (xv * xv) + xv);
        buf[i] = -std::fabs(T(2) * u);
      }
    } else {
      for (; i + N <= m; i += N) storeu(buf + i, -abs(loadu(xs + i)));
      for (; i < m; ++i) buf[i] = -std::fabs(xs[i]);
    }
    exp_f(buf, buf, m);
    const bool times_x = op != hc::cpu::nn::Sigmoid;
    for (i = 0; i + N <= m; i += N) {
      V xv = loadu(xs + i), e = loadu(buf + i);
      V s = select(xv >= zero, one, e) / (one + e);
      storeu(ys + i, times_x ? xv * s : s);
    }
    for (; i < m; ++i) {
      T xv = xs[i], e = buf[i];
      T s = (xv >= T(0) ? T(1) : e) / (T(1) + e);
      ys[i] = times_x ? xv * s : s;
    }
  }
}

// ---- softmax ----

template <class T>
T row_max(const T* x, int64_t n) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  T m = -std::numeric_limits<T>::infinity();
  int64_t i = 0;
  if (n >= 2 * N) {
    V a = set1<V>(m), b = a;
    for (; i + 2 * N <= n; i += 2 * N) {
      a = max(loadu(x + i), a);  // a NaN element keeps the running max (the sum sees it)
      b = max(loadu(x + i + N), b);
    }
    a = max(a, b);
    alignas(64) T lanes[N];
    storeu(lanes, a);
    for (int k = 0; k < N; ++k) m = lanes[k] > m ? lanes[k] : m;
  }
  for (; i < n; ++i) m = x[i] > m ? x[i] : m;
  return m;
}

template <class T>
T block_sum(const T* x, int64_t n) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  int64_t i = 0;
  T s = 0;
  if (n >= 4 * N) {
    V a = set1<V>(T(0)), b = a, c = a, d = a;
    for (; i + 4 * N <= n; i += 4 * N) {
      a = a + loadu(x + i);
      b = b + loadu(x + i + N);
      c = c + loadu(x + i + 2 * N);
      d = d + loadu(x + i + 3 * N);
    }
    s = hsum((a + b) + (c + d));
  }
  for (; i + N <= n; i += N) s += hsum(loadu(x + i));
  for (; i < n; ++i) s += x[i];
  return s;
}

template <class T>
void softmax(const T* x, T* y, int64_t n, bool log, const hc::cpu::vmath::Table& t) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  if (n <= 0) return;
  const T m = row_max(x, n);
  const V mv = set1<V>(m);
  const auto exp_f = unary<T>(t, hc::cpu::vmath::Exp);
  alignas(64) T buf[kBlock];
  double s = 0;
  for (int64_t i0 = 0; i0 < n; i0 += kBlock) {
    const int64_t len = n - i0 < kBlock ? n - i0 : kBlock;
    const T* xs = x + i0;
    T* d = y + i0;
    int64_t i = 0;
    for (; i + N <= len; i += N) storeu(d + i, loadu(xs + i) - mv);
    for (; i < len; ++i) d[i] = xs[i] - m;
    if (log) {
      exp_f(d, buf, len);  // y keeps x - m
      s += double(block_sum(buf, len));
    } else {
      exp_f(d, d, len);
      s += double(block_sum(d, len));
    }
  }
  int64_t i = 0;
  if (log) {
    const T ls = T(std::log(s));
    const V lv = set1<V>(ls);
    for (; i + N <= n; i += N) storeu(y + i, loadu(y + i) - lv);
    for (; i < n; ++i) y[i] = y[i] - ls;
  } else {
    const T inv = T(1.0 / s);
    const V iv = set1<V>(inv);
    for (; i + N <= n; i += N) storeu(y + i, loadu(y + i) * iv);
    for (; i < n; ++i) y[i] = y[i] * inv;
  }
}

// ---- norms ----

template <class T>
void norm(const T* x, T* y, int64_t n, const T* w, const T* b, double eps, bool rms) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  if (n <= 0) return;
  double mean = 0;
  if (!rms) {
    // The mean is summed in double, element by element: float block sums are not exact even for
    // a constant row, and every output of the row inherits the error (hypothesis found it).
    double s = 0;
    for (int64_t i = 0; i < n; ++i) s += double(x[i]);
    mean = s / double(n);
  }
  const T mu = T(mean);
  const V muv = set1<V>(mu);
  // Squared deviations in double too: in float32 they overflow for |x| above ~1e19 and
  // underflow for tiny rows (rms_norm of subnormals); hypothesis found both.
  double ss = 0;
  for (int64_t i = 0; i < n; ++i) {
    double d0 = double(x[i]) - mean;
    ss += d0 * d0;
  }
  const T rstd = T(1.0 / std::sqrt(ss / double(n) + eps));
  const V rv = set1<V>(rstd);
  int64_t i = 0;
  for (; i + N <= n; i += N) {
    V r = (loadu(x + i) - muv) * rv;
    if (w) r = r * loadu(w + i);
    if (b) r = r + loadu(b + i);
    storeu(y + i, r);
  }
  for (; i < n; ++i) {
    T r = (x[i] - mu) * rstd;
    if (w) r = r * w[i];
    if (b) r = r + b[i];
    y[i] = r;
  }
}

// ---- attention helpers ----

template <class T>
T dot(const T* a, const T* b, int64_t n) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  int64_t i = 0;
  T s = 0;
  if (n >= N) {
    V acc0 = set1<V>(T(0)), acc1 = acc0;
    for (; i + 2 * N <= n; i += 2 * N) {
      acc0 = fma(loadu(a + i), loadu(b + i), acc0);
      acc1 = fma(loadu(a + i + N), loadu(b + i + N), acc1);
    }
    for (; i + N <= n; i += N) acc0 = fma(loadu(a + i), loadu(b + i), acc0);
    s = hsum(acc0 + acc1);
  }
  for (; i < n; ++i) s += a[i] * b[i];
  return s;
}

template <class T>
void axpy(T a, const T* x, T* y, int64_t n) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  const V av = set1<V>(a);
  int64_t i = 0;
  for (; i + N <= n; i += N) storeu(y + i, fma(av, loadu(x + i), loadu(y + i)));
  for (; i < n; ++i) y[i] += a * x[i];
}

template <class T>
void scale(T* y, int64_t n, T s) {
  using V = typename VecOf<T>::V;
  constexpr int N = V::N;
  const V sv = set1<V>(s);
  int64_t i = 0;
  for (; i + N <= n; i += N) storeu(y + i, loadu(y + i) * sv);
  for (; i < n; ++i) y[i] *= s;
}

template <class T>
hc::cpu::nn::Fns<T> fns() {
  return {&act<T>, &softmax<T>, &norm<T>, &dot<T>, &axpy<T>, &scale<T>};
}

}  // namespace nnk
}  // namespace hc::simd::HC_SIMD_NS

#define HC_NN_CAT2(a, b) a##b
#define HC_NN_CAT(a, b) HC_NN_CAT2(a, b)
#define HC_NN_STR2(a) #a
#define HC_NN_STR(a) HC_NN_STR2(a)

// Defines hc::cpu::nn::kernels_<target>().
#define HC_NN_DEFINE_KERNELS()                                                       \
  namespace hc::cpu::nn {                                                            \
  const Kernels* HC_NN_CAT(kernels_, HC_SIMD_NS)() {                                 \
    static const Kernels k{HC_NN_STR(HC_SIMD_NS),                                    \
                           hc::simd::HC_SIMD_NS::nnk::fns<float>(),                  \
                           hc::simd::HC_SIMD_NS::nnk::fns<double>()};                \
    return &k;                                                                       \
  }                                                                                  \
  }
