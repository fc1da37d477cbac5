// Fill kernels of the creation group; see creation.h.
#include "cpu/creation.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/cast.h"

namespace hc::cpu {

namespace {

template <class T> void arange_typed(char* p, int64_t n) {
  T* b = reinterpret_cast<T*>(p);
  if constexpr (std::is_same_v<T, bool>) {
    // NumPy refuses bool ranges longer than 2; the caller checks that.
    (void)b; (void)n;
  } else if constexpr (std::is_integral_v<T>) {
    // NumPy computes start + i*delta in integer arithmetic and truncates; unsigned arithmetic
    // gives the same bits without signed overflow.
    using U = std::make_unsigned_t<T>;
    U start = U(b[0]);
    U delta = U(U(b[1]) - start);
    for (int64_t i = 2; i < n; ++i) b[i] = T(U(uint64_t(start) + uint64_t(i) * uint64_t(delta)));
  } else if constexpr (is_half_v<T>) {
    float start = widen(b[0]);
    float delta = widen(b[1]);
    delta -= start;
    for (int64_t i = 2; i < n; ++i) {
      float prod = float(i) * delta;
      b[i] = cast_value<T>(float(start + prod));
    }
  } else if constexpr (is_complex_v<T>) {
    using R = typename T::value_type;
    R sr = b[0].real(), si = b[0].imag();
    R dr = b[1].real() - sr, di = b[1].imag() - si;
    for (int64_t i = 2; i < n; ++i) {
      R pr = R(i) * dr, pi = R(i) * di;
      b[i] = T(sr + pr, si + pi);
    }
  } else {
    T start = b[0];
    T delta = b[1] - start;
    for (int64_t i = 2; i < n; ++i) {
      T prod = T(i) * delta;
      b[i] = start + prod;
    }
  }
}

// NumPy's scalar complex division a / (c + 0j) (Smith's method with a zero imaginary part).
std::complex<double> cdiv_real(std::complex<double> a, double c) {
  double ar = a.real(), ai = a.imag();
  if (c == 0) {
    double ac = std::fabs(c);
    return {ar / ac, ai / ac};
  }
  double rat = 0.0 / c;
  double scl = 1.0 / (c + 0.0 * rat);
  return {(ar + ai * rat) * scl, (ai - ar * rat) * scl};
}

// (yr + 0j) * s as NumPy multiplies complex numbers.
std::complex<double> cmul_real(double yr, std::complex<double> s) {
  double yi = 0.0;
  double re = yr * s.real() - yi * s.imag();
  double im = yr * s.imag() + yi * s.real();
  return {re, im};
}

template <class T> void store_real(char* p, int64_t i, double v, bool floor_it) {
  if (floor_it) v = std::floor(v);
  T r = cast_value<T>(v);
  std::memcpy(p + i * sizeof(T), &r, sizeof(T));
}

template <class T> void store_complex(char* p, int64_t i, std::complex<double> v) {
  T r;
  if constexpr (is_complex_v<T>) r = cast_value<T>(v);
  else r = cast_value<T>(v.real());
  std::memcpy(p + i * sizeof(T), &r, sizeof(T));
}

}  // namespace

void arange_fill(const Array& a) {
  if (a.ndim() != 1 || !a.is_c_contiguous()) throw ValueError("arange: internal: bad buffer");
  int64_t n = a.shape[0];
  if (n <= 2) return;
  if (a.dtype == DType::Bool) throw ValueError("arange: a bool range can have at most 2 elements");
  visit_dtype(a.dtype, [&](auto tag) { arange_typed<ctype_t<decltype(tag)::value>>(a.data(), n); });
}

void linspace_fill(const Array& a, std::complex<double> start, std::complex<double> stop,
                   bool complex_, bool endpoint) {
  if (a.ndim() != 1 || !a.is_c_contiguous()) throw ValueError("linspace: internal: bad buffer");
  int64_t num = a.shape[0];
  if (num == 0) return;
  int64_t div = endpoint ? num - 1 : num;
  char* p = a.data();
  visit_dtype(a.dtype, [&](auto tag) {
    using T = ctype_t<decltype(tag)::value>;
    if (!complex_) {
      bool floor_it = std::is_integral_v<T> && !std::is_same_v<T, bool>;
      double s = start.real(), delta = stop.real() - s;
      if (div > 0) {
        double step = delta / double(div);
        if (step == 0) {
          for (int64_t i = 0; i < num; ++i) {
            double y = double(i) / double(div);
            y = y * delta;
            store_real<T>(p, i, y + s, floor_it);
          }
        } else {
          for (int64_t i = 0; i < num; ++i) {
            double y = double(i) * step;
            store_real<T>(p, i, y + s, floor_it);
          }
        }
      } else {
        for (int64_t i = 0; i < num; ++i) {
          double y = double(i) * delta;
          store_real<T>(p, i, y + s, floor_it);
        }
      }
      if (endpoint && num > 1) store_real<T>(p, num - 1, stop.real(), floor_it);
    } else {
      std::complex<double> delta(stop.real() - start.real(), stop.imag() - start.imag());
      auto add = [](std::complex<double> x, std::complex<double> y) {
        return std::complex<double>(x.real() + y.real(), x.imag() + y.imag());
      };
      if (div > 0) {
        std::complex<double> step = cdiv_real(delta, double(div));
        if (step.real() == 0 && step.imag() == 0) {
          for (int64_t i = 0; i < num; ++i) {
            std::complex<double> y = cdiv_real({double(i), 0.0}, double(div));
            // y * delta, full complex product
            double re = y.real() * delta.real() - y.imag() * delta.imag();
            double im = y.real() * delta.imag() + y.imag() * delta.real();
            store_complex<T>(p, i, add({re, im}, start));
          }
        } else {
          for (int64_t i = 0; i < num; ++i) store_complex<T>(p, i, add(cmul_real(double(i), step), start));
        }
      } else {
        for (int64_t i = 0; i < num; ++i) store_complex<T>(p, i, add(cmul_real(double(i), delta), start));
      }
      if (endpoint && num > 1) store_complex<T>(p, num - 1, stop);
    }
  });
}

void tri_zero(const Array& a, int64_t k, bool upper) {
  if (a.ndim() < 2 || !a.is_c_contiguous()) throw ValueError("tril/triu: internal: bad buffer");
  int64_t m = a.shape[a.ndim() - 2], n = a.shape[a.ndim() - 1];
  if (a.size() == 0) return;
  // Beyond these bounds the result no longer changes; clamping keeps i + k from overflowing.
  k = std::clamp(k, -(m + 1), n + 1);
  int64_t isz = a.itemsize();
  int64_t batch = a.size() / (m * n);
  char* base = a.data();
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t i = 0; i < m; ++i) {
      char* row = base + (b * m + i) * n * isz;
      int64_t lo, hi;  // columns [lo, hi) to zero
      if (upper) {  // triu: keep j - i >= k, zero j < i + k
        lo = 0;
        hi = std::clamp(i + k, int64_t(0), n);
      } else {  // tril: keep j - i <= k, zero j > i + k
        lo = std::clamp(i + k + 1, int64_t(0), n);
        hi = n;
      }
      if (hi > lo) std::memset(row + lo * isz, 0, size_t((hi - lo) * isz));
    }
  }
}

}  // namespace hc::cpu
