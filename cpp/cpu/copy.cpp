// The cast/copy kernel and fill. One loop per (from, to) dtype pair.
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/cast.h"
#include "core/registry.h"
#include "cpu/loops_target.h"

namespace hc {
namespace {

template <class From, class To>
void cast_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  if constexpr (std::is_same_v<From, To>) {
    if (s[0] == sizeof(To) && s[1] == sizeof(From)) {
      std::memcpy(o, a, size_t(n) * sizeof(To));
      return;
    }
    if (s[0] == sizeof(To)) {  // gather into a contiguous result (x[::2].copy())
      To* __restrict op = reinterpret_cast<To*>(o);
      const int64_t sa = s[1];
      int64_t i = 0;
      for (; i + 4 <= n; i += 4) {
        To v0, v1, v2, v3;
        std::memcpy(&v0, a + i * sa, sizeof(To));
        std::memcpy(&v1, a + (i + 1) * sa, sizeof(To));
        std::memcpy(&v2, a + (i + 2) * sa, sizeof(To));
        std::memcpy(&v3, a + (i + 3) * sa, sizeof(To));
        op[i] = v0;
        op[i + 1] = v1;
        op[i + 2] = v2;
        op[i + 3] = v3;
      }
      for (; i < n; ++i) std::memcpy(op + i, a + i * sa, sizeof(To));
      return;
    }
    // Strides in locals: the byte stores could alias s[], which would be reloaded per element.
    const int64_t s0 = s[0], s1 = s[1];
    for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * s0, a + i * s1, sizeof(To));
  } else if constexpr (is_half_v<From> || is_half_v<To>) {
    const int64_t s0 = s[0], s1 = s[1];
    if (s0 == int64_t(sizeof(To)) && s1 == int64_t(sizeof(From))) {
      // Contiguous runs in blocks (session 5: element by element, float16 -> float32 of 1e5
      // took 88 us, float32 -> float16 149 us; NumPy 48 / 36). cast_value<To>(half) is
      // cast_value<To>(float(half)), so widening a block first (F16C for float16) gives the
      // same values; float32 and the small integers (exact in float32) narrow to float16
      // through floats_to_halves, as cast_value's float_to_half would.
      constexpr int64_t B = 256;
      To* __restrict op = reinterpret_cast<To*>(o);
      if constexpr (is_half_v<From>) {
        float buf[B];
        for (int64_t b = 0; b < n; b += B) {
          const int64_t m = n - b < B ? n - b : B;
          cpu::widen_block<From>(a + b * int64_t(sizeof(From)), int64_t(sizeof(From)), buf, m);
          if constexpr (std::is_same_v<To, float>) {
            std::memcpy(op + b, buf, size_t(m) * sizeof(float));
          } else {
            for (int64_t i = 0; i < m; ++i) op[b + i] = cast_value<To>(buf[i]);
          }
        }
        return;
      } else if constexpr (std::is_same_v<To, half> &&
                           (std::is_same_v<From, float> || std::is_same_v<From, bool> ||
                            (std::is_integral_v<From> && sizeof(From) <= 2))) {
        const From* __restrict ap = reinterpret_cast<const From*>(a);
        float buf[B];
        for (int64_t b = 0; b < n; b += B) {
          const int64_t m = n - b < B ? n - b : B;
          const float* src = buf;
          if constexpr (std::is_same_v<From, float>) src = ap + b;
          else for (int64_t i = 0; i < m; ++i) buf[i] = float(ap[b + i]);
          floats_to_halves(src, reinterpret_cast<uint16_t*>(op + b), m);
        }
        return;
      } else if constexpr ((std::is_same_v<To, half> || std::is_same_v<To, bfloat16>) &&
                           (std::is_same_v<From, double> ||
                            (std::is_integral_v<From> && sizeof(From) >= 4))) {
        // Through double (as cast_value: double_to_half / double_to_bf16 of double(x)), then a
        // float rounded to odd, then the 16-bit rounding (F16C for float16): one correct
        // rounding (n = 1e5: float64 -> float16 1415 -> ~60 us, NumPy 228; -> bfloat16 870 ->
        // 45 us, NumPy 78).
        const From* __restrict ap = reinterpret_cast<const From*>(a);
        double dbuf[B];
        float fbuf[B];
        for (int64_t b = 0; b < n; b += B) {
          const int64_t m = n - b < B ? n - b : B;
          const double* src = dbuf;
          if constexpr (std::is_same_v<From, double>) src = ap + b;
          else for (int64_t i = 0; i < m; ++i) dbuf[i] = double(ap[b + i]);
          uint16_t* dst = reinterpret_cast<uint16_t*>(op + b);
          if constexpr (std::is_same_v<To, half>) {
            cpu::doubles_to_odd_floats(src, fbuf, m);
            floats_to_halves(fbuf, dst, m);
          } else {
            cpu::doubles_to_bf16(src, dst, m);
          }
        }
        return;
      } else if constexpr (!is_complex_v<From>) {
        const From* __restrict ap = reinterpret_cast<const From*>(a);
        for (int64_t i = 0; i < n; ++i) op[i] = cast_value<To>(ap[i]);
        return;
      }
    }
    for (int64_t i = 0; i < n; ++i) {
      From x;
      std::memcpy(&x, a + i * s1, sizeof(From));
      To r = cast_value<To>(x);
      std::memcpy(o + i * s0, &r, sizeof(To));
    }
  } else if (s[0] == sizeof(To) && s[1] == sizeof(From)) {
    To* __restrict op = reinterpret_cast<To*>(o);
    const From* __restrict ap = reinterpret_cast<const From*>(a);
    if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To> &&
                  std::is_signed_v<To> && sizeof(To) >= 4) {
      // Float to int32/int64: blocks whose values all lie in To's range (NaN fails the test)
      // convert with a plain truncating conversion, which vectorises; a block with any other
      // value takes cast_value, whose results for those are defined in core/cast.h.
      // In range: |x| < 2^(bits - 1), tested on the bits (|x|'s bits below those of the bound;
      // NaN's are above) as an integer compare that vectorises. -2^(bits-1) itself takes the
      // element path, which gives the same value.
      using U = std::conditional_t<sizeof(From) == 4, uint32_t, uint64_t>;
      constexpr From bound = From(std::numeric_limits<To>::max()) + From(1);  // 2^31 / 2^63
      U bound_bits;
      std::memcpy(&bound_bits, &bound, sizeof bound);
      constexpr U abs_mask = ~U(0) >> 1;
      constexpr int64_t kBlock = 256;
      for (int64_t b = 0; b < n; b += kBlock) {
        const int64_t e = b + kBlock < n ? b + kBlock : n;
        U bad = 0;
        for (int64_t i = b; i < e; ++i) {
          U u;
          std::memcpy(&u, ap + i, sizeof u);
          bad |= U((u & abs_mask) >= bound_bits);
        }
        if (!bad) {
          for (int64_t i = b; i < e; ++i) op[i] = To(ap[i]);
        } else {
          for (int64_t i = b; i < e; ++i) op[i] = cast_value<To>(ap[i]);
        }
      }
      return;
    }
    for (int64_t i = 0; i < n; ++i) op[i] = cast_value<To>(ap[i]);
  } else {
    const int64_t s0 = s[0], s1 = s[1];
    for (int64_t i = 0; i < n; ++i)
      *reinterpret_cast<To*>(o + i * s0) = cast_value<To>(*reinterpret_cast<const From*>(a + i * s1));
  }
}

Loop g_cast[kNumDTypes][kNumDTypes];

// Conversions between float32/float64 and the other real dtypes, contiguous runs: cast_value
// through the per-target loops of cpu/loops_target.h (AVX-512 has conversions for every width:
// float64 -> int32 at 1e5 ran at 0.25x NumPy in the baseline loop, whose range test needs the
// 64-bit compare SSE2 lacks). Strided runs and every other pair keep cast_loop.
template <class From, class To> struct CastOp {
  To operator()(From x) const { return cast_value<To>(x); }
};
template <class From, class To>
void cast_loop_v512(char** p, const int64_t* s, int64_t n, const void* c) {
#if HC_EW_TARGETS
  if (s[0] == sizeof(To) && s[1] == sizeof(From))
    return cpu::ew_avx512::unary_loop<CastOp<From, To>, From, To>(p, s, n, c);
#endif
  cast_loop<From, To>(p, s, n, c);
}
template <class From, class To>
void cast_loop_v256(char** p, const int64_t* s, int64_t n, const void* c) {
#if HC_EW_TARGETS
  if (s[0] == sizeof(To) && s[1] == sizeof(From))
    return cpu::ew_avx2::unary_loop<CastOp<From, To>, From, To>(p, s, n, c);
#endif
  cast_loop<From, To>(p, s, n, c);
}
template <DType F, DType T> void set_cast() {
  using From = ctype_t<F>;
  using To = ctype_t<T>;
  constexpr bool fl_f = F == DType::Float32 || F == DType::Float64;
  constexpr bool fl_t = T == DType::Float32 || T == DType::Float64;
  constexpr bool real_f = !is_half_v<From> && !is_complex_v<From>;
  constexpr bool real_t = !is_half_v<To> && !is_complex_v<To>;
  g_cast[int(F)][int(T)] = &cast_loop<From, To>;
  if constexpr (F != T && real_f && real_t && (fl_f || fl_t) && F != DType::Bool) {
    if (cpu::ew_simd_level() == 2) g_cast[int(F)][int(T)] = &cast_loop_v512<From, To>;
    else if (cpu::ew_simd_level() == 1) g_cast[int(F)][int(T)] = &cast_loop_v256<From, To>;
  }
}

template <DType F> void set_casts_from() {
  set_cast<F, DType::Bool>(); set_cast<F, DType::Int8>(); set_cast<F, DType::Int16>();
  set_cast<F, DType::Int32>(); set_cast<F, DType::Int64>(); set_cast<F, DType::UInt8>();
  set_cast<F, DType::UInt16>(); set_cast<F, DType::UInt32>(); set_cast<F, DType::UInt64>();
  set_cast<F, DType::Float16>(); set_cast<F, DType::BFloat16>(); set_cast<F, DType::Float32>();
  set_cast<F, DType::Float64>(); set_cast<F, DType::Complex64>(); set_cast<F, DType::Complex128>();
}

struct CastInit {
  CastInit() {
    set_casts_from<DType::Bool>(); set_casts_from<DType::Int8>(); set_casts_from<DType::Int16>();
    set_casts_from<DType::Int32>(); set_casts_from<DType::Int64>(); set_casts_from<DType::UInt8>();
    set_casts_from<DType::UInt16>(); set_casts_from<DType::UInt32>(); set_casts_from<DType::UInt64>();
    set_casts_from<DType::Float16>(); set_casts_from<DType::BFloat16>(); set_casts_from<DType::Float32>();
    set_casts_from<DType::Float64>(); set_casts_from<DType::Complex64>(); set_casts_from<DType::Complex128>();
  }
};

void ensure_casts() { static CastInit init; }

// True when a and b might touch the same bytes.
}  // namespace

bool may_overlap(const Array& a, const Array& b) {
  if (a.storage != b.storage) return false;
  auto extent = [](const Array& x, int64_t* lo, int64_t* hi) {
    *lo = *hi = x.offset;
    for (int i = 0; i < x.ndim(); ++i) {
      if (x.shape[i] == 0) { *hi = *lo - 1; return; }
      int64_t d = x.strides[i] * (x.shape[i] - 1);
      if (d < 0) *lo += d; else *hi += d;
    }
    *hi += x.itemsize() - 1;
  };
  int64_t alo, ahi, blo, bhi;
  extent(a, &alo, &ahi);
  extent(b, &blo, &bhi);
  return alo <= bhi && blo <= ahi;
}

namespace {
}  // namespace

void copy_into(const Array& dst, const Array& src, const char* fn) {
  ensure_casts();
  if (!dst.writeable) throw ValueError(std::string(fn) + ": assignment destination is read-only");
  Array s = src;
  // NumPy's assignment drops leading size-1 dims of the source beyond the destination's rank.
  if (s.ndim() > dst.ndim()) {
    int extra = s.ndim() - dst.ndim();
    Dims shp, st;
    for (int i = 0; i < s.ndim(); ++i) {
      if (i < extra) {
        if (s.shape[i] != 1)
          throw ValueError(std::string(fn) + ": could not broadcast input array from shape " +
                           shape_str(src.shape) + " into shape " + shape_str(dst.shape));
        continue;
      }
      shp.push_back(s.shape[i]);
      st.push_back(s.strides[i]);
    }
    s = s.view(shp, st, s.offset);
  }
  s = broadcast_to(s, dst.shape, fn);
  if (may_overlap(dst, s) &&
      !(dst.offset == s.offset && dst.strides == s.strides && dst.dtype == s.dtype)) {
    s = astype(s, s.dtype);  // the source is read in full before any write
  }
  const Array* ops[2] = {&dst, &s};
  run_loop_parallel(plan_iteration(2, ops, dst.shape), g_cast[int(src.dtype)][int(dst.dtype)], nullptr);
}

Array astype(const Array& a, DType t) {
  Array out = Array::empty(a.shape, t, a.device(), "astype");
  ensure_casts();
  const Array* ops[2] = {&out, &a};
  run_loop_parallel(plan_iteration(2, ops, out.shape), g_cast[int(a.dtype)][int(t)], nullptr);
  return out;
}

Array ascontiguous(const Array& a) { return a.is_c_contiguous() ? a : astype(a, a.dtype); }

namespace {
struct FillCtx { char value[16]; int size; };
void fill_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  auto* c = static_cast<const FillCtx*>(ctx);
  char* o = p[0];
  switch (c->size) {
    case 1: { char v = c->value[0]; if (s[0] == 1) { std::memset(o, v, size_t(n)); return; } break; }
    case 4: if (s[0] == 4) { uint32_t v; std::memcpy(&v, c->value, 4); auto* q = reinterpret_cast<uint32_t*>(o); for (int64_t i = 0; i < n; ++i) q[i] = v; return; } break;
    case 8: if (s[0] == 8) { uint64_t v; std::memcpy(&v, c->value, 8); auto* q = reinterpret_cast<uint64_t*>(o); for (int64_t i = 0; i < n; ++i) q[i] = v; return; } break;
  }
  const int64_t s0 = s[0];
  for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * s0, c->value, size_t(c->size));
}
}  // namespace

void fill(const Array& dst, const Scalar& value) {
  if (!dst.writeable) throw ValueError("fill: assignment destination is read-only");
  FillCtx c;
  c.size = int(dst.itemsize());
  store_scalar(value, dst.dtype, c.value);
  const Array* ops[1] = {&dst};
  run_loop_parallel(plan_iteration(1, ops, dst.shape), &fill_loop, &c);
}

}  // namespace hc
