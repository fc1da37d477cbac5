// The vectorised reduction kernels of cpu/reduce_simd_impl.h, compiled for AVX-512 and AVX2
// (x86-64, chosen at first use from the CPU and HCARRAY_SIMD=avx512|avx2|scalar, like
// vmath/gemm) and for the baseline target. Every target computes bit-identical results: the
// kernels only add, multiply and compare, in the same order whatever the vector width.
#include "cpu/reduce_simd.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace hc::cpu {

// -O3's unroll-and-jam fuses pairs of row loops into a scalar loop over the columns that is
// then left unvectorised; the kernels are written to vectorise across the columns instead.
#pragma GCC optimize("no-loop-unroll-and-jam")

namespace rk_base {
#include "cpu/reduce_simd_impl.h"
}

#if defined(__x86_64__)
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi2")
namespace rk_avx2 {
#include "cpu/reduce_simd_impl.h"
}
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl,prefer-vector-width=512")
namespace rk_avx512 {
#include "cpu/reduce_simd_impl.h"
}
#pragma GCC pop_options
#endif

namespace {

template <DType... Ds, class F> void each(F f) { (f(std::integral_constant<DType, Ds>{}), ...); }

#define HC_FILL_TABLE(NS)                                                                        \
  [] {                                                                                           \
    ReduceSimd t{};                                                                              \
    t.target = #NS;                                                                              \
    each<DType::Bool, DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::UInt8,       \
         DType::UInt16, DType::UInt32, DType::UInt64, DType::Float32, DType::Float64>(           \
        [&](auto tag) {                                                                          \
          constexpr DType D = decltype(tag)::value;                                              \
          using T = ctype_t<D>;                                                                  \
          t.outer_max[int(D)] = &NS::outer_extreme<T, true>;                                     \
          t.outer_min[int(D)] = &NS::outer_extreme<T, false>;                                    \
          t.max[int(D)] = [](const void* a, int64_t n, void* out) {                              \
            T r = NS::contig_extreme<T, true>(static_cast<const T*>(a), n);                      \
            std::memcpy(out, &r, sizeof(T));                                                     \
          };                                                                                     \
          t.min[int(D)] = [](const void* a, int64_t n, void* out) {                              \
            T r = NS::contig_extreme<T, false>(static_cast<const T*>(a), n);                     \
            std::memcpy(out, &r, sizeof(T));                                                     \
          };                                                                                     \
          if constexpr (D != DType::Bool) {                                                      \
            t.outer_sum[int(D)] = &NS::outer_sum<T>;                                             \
            t.outer_prod[int(D)] = &NS::outer_prod<T>;                                           \
            t.argmax[int(D)] = [](const void* a, int64_t n) {                                    \
              return NS::contig_arg<T, true>(static_cast<const T*>(a), n);                       \
            };                                                                                   \
            t.argmin[int(D)] = [](const void* a, int64_t n) {                                    \
              return NS::contig_arg<T, false>(static_cast<const T*>(a), n);                      \
            };                                                                                   \
            t.outer_argmax[int(D)] = &NS::outer_arg<T, true>;                                    \
            t.outer_argmin[int(D)] = &NS::outer_arg<T, false>;                                   \
          }                                                                                      \
          if constexpr (D != DType::Float32 && D != DType::Float64) {                            \
            t.sum_f64[int(D)] = &NS::sum_run_f64<T>;                                             \
            t.outer_sum_f64[int(D)] = &NS::outer_sum_f64<T>;                                     \
            if constexpr (sizeof(T) == 8) {  /* int64/uint64 sum_loop/prod_loop */              \
              t.sum_u64[int(D)] = &NS::sum_run_u64<T>;                                           \
              t.prod_u64[int(D)] = &NS::prod_run_u64<T>;                                         \
            }                                                                                    \
            if constexpr (sizeof(T) <= 4) {                                                      \
              t.sum_u64[int(D)] = &NS::sum_run_u64<T>;                                           \
              t.prod_u64[int(D)] = &NS::prod_run_u64<T>;                                         \
              t.outer_sum_u64[int(D)] = &NS::outer_sum_u64<T>;                                   \
              t.outer_prod_u64[int(D)] = &NS::outer_prod_u64<T>;                                 \
            }                                                                                    \
          }                                                                                      \
        });                                                                                      \
    return t;                                                                                    \
  }()

#if defined(__x86_64__)
bool has_avx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}
bool has_avx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
#endif

const ReduceSimd* choose() {
  static const ReduceSimd base = HC_FILL_TABLE(rk_base);
#if defined(__x86_64__)
  static const ReduceSimd avx2 = HC_FILL_TABLE(rk_avx2);
  static const ReduceSimd avx512 = HC_FILL_TABLE(rk_avx512);
  const char* env = std::getenv("HCARRAY_SIMD");
  const bool any = !env || !*env;
  if ((any || !std::strcmp(env, "avx512")) && has_avx512()) return &avx512;
  if ((any || !std::strcmp(env, "avx512") || !std::strcmp(env, "avx2")) && has_avx2()) return &avx2;
#endif
  return &base;
}

}  // namespace

const ReduceSimd& reduce_simd() {
  static const ReduceSimd* t = choose();
  return *t;
}

}  // namespace hc::cpu
