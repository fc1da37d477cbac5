// The vector math table of one SIMD target. CMake compiles this file once per target with that
// target's flags and HC_SIMD_TARGET set (see CMakeLists.txt); it is not part of the cpu/*.cpp glob.
#include "cpu/simd/vmath_impl.h"
#include "cpu/vmath.h"

#define HC_CAT2(a, b) a##b
#define HC_CAT(a, b) HC_CAT2(a, b)
#define HC_STR2(a) #a
#define HC_STR(a) HC_STR2(a)

namespace hc::simd::HC_SIMD_NS {
namespace {

// Contiguous drivers: whole vectors, then the tail through a small buffer (never reads past n).
// run64: two vectors per step with a software prefetch 4 KiB ahead (as vm32::run: arrays beyond
// the caches otherwise leave the loop waiting on memory); addresses as integers, so no pointer
// is formed past the arrays, and a prefetch never faults.
template <Vd (*F)(Vd)>
void run64(const double* x, double* y, int64_t n) {
  int64_t i = 0;
  for (; i + 2 * Vd::N <= n; i += 2 * Vd::N) {
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(x + i) + 4096));
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(y + i) + 4096), 1);
    Vd a = loadu(x + i), b = loadu(x + i + Vd::N);
    storeu(y + i, F(a));
    storeu(y + i + Vd::N, F(b));
  }
  for (; i + Vd::N <= n; i += Vd::N) storeu(y + i, F(loadu(x + i)));
  if (i < n) {
    double tx[Vd::N] = {}, ty[Vd::N];
    for (int64_t j = i; j < n; ++j) tx[j - i] = x[j];
    storeu(ty, F(loadu(tx)));
    for (int64_t j = i; j < n; ++j) y[j] = ty[j - i];
  }
}
template <Vd (*F)(Vd)>
void run32(const float* x, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + 2 * Vd::N <= n; i += 2 * Vd::N) {
    Vd a = load_f32(x + i), b = load_f32(x + i + Vd::N);
    store_f32(y + i, F(a));
    store_f32(y + i + Vd::N, F(b));
  }
  for (; i + Vd::N <= n; i += Vd::N) store_f32(y + i, F(load_f32(x + i)));
  if (i < n) {
    float tx[Vd::N] = {}, ty[Vd::N];
    for (int64_t j = i; j < n; ++j) tx[j - i] = x[j];
    store_f32(ty, F(load_f32(tx)));
    for (int64_t j = i; j < n; ++j) y[j] = ty[j - i];
  }
}
template <Vd (*F)(Vd, Vd)>
void run64b(const double* a, const double* b, double* y, int64_t n) {
  int64_t i = 0;
  for (; i + Vd::N <= n; i += Vd::N) storeu(y + i, F(loadu(a + i), loadu(b + i)));
  if (i < n) {
    double ta[Vd::N] = {}, tb[Vd::N] = {}, ty[Vd::N];
    for (int64_t j = i; j < n; ++j) ta[j - i] = a[j], tb[j - i] = b[j];
    storeu(ty, F(loadu(ta), loadu(tb)));
    for (int64_t j = i; j < n; ++j) y[j] = ty[j - i];
  }
}
template <Vd (*F)(Vd, Vd)>
void run32b(const float* a, const float* b, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + Vd::N <= n; i += Vd::N) store_f32(y + i, F(load_f32(a + i), load_f32(b + i)));
  if (i < n) {
    float ta[Vd::N] = {}, tb[Vd::N] = {}, ty[Vd::N];
    for (int64_t j = i; j < n; ++j) ta[j - i] = a[j], tb[j - i] = b[j];
    store_f32(ty, F(load_f32(ta), load_f32(tb)));
    for (int64_t j = i; j < n; ++j) y[j] = ty[j - i];
  }
}

inline Vd sin_(Vd x) { return vm::trig<vm::kSin>(x); }
inline Vd cos_(Vd x) { return vm::trig<vm::kCos>(x); }
inline Vd tan_(Vd x) { return vm::trig<vm::kTan>(x); }
inline Vd exp2_(Vd x) { return vm::exp2(x); }

#define HC_FNS(X) X(vm::exp) X(exp2_) X(vm::expm1) X(vm::log) X(vm::log2) X(vm::log10) \
  X(vm::log1p) X(sin_) X(cos_) X(tan_) X(vm::tanh) X(vm::sinh) X(vm::cosh) X(vm::asin)     \
  X(vm::acos) X(vm::atan) X(vm::asinh) X(vm::acosh) X(vm::atanh) X(vm::sqrt_) X(vm::erf) X(vm::cbrt)
#define HC_F64(f) &run64<f>,
#define HC_F32(f) &run32<f>,

hc::cpu::vmath::Table make_table() {
  hc::cpu::vmath::Table t{HC_STR(HC_SIMD_NS), {HC_FNS(HC_F32)}, {HC_FNS(HC_F64)},
                          &run32b<vm::atan2>, &run32b<vm::pow>, &run64b<vm::atan2>,
                          &run64b<vm::pow>};
  t.f32[hc::cpu::vmath::Exp] = &run32<vm::exp_f32>;
  return t;
}

}  // namespace
}  // namespace hc::simd::HC_SIMD_NS

namespace hc::cpu::vmath {
const Table* HC_CAT(table_, HC_SIMD_NS)() {
  static const Table t = hc::simd::HC_SIMD_NS::make_table();
  return &t;
}
}  // namespace hc::cpu::vmath
