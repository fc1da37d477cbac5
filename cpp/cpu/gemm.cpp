// The GEMM driver (see gemm.h): target choice, packing, cache blocking, the small-size path
// without packing, and the split over threads. The micro-kernels are in
// cpp/cpu/simd/gemm_kernel_target.cpp (one copy per SIMD target).
#include "cpu/gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include "core/parallel.h"

namespace hc::cpu::gemmk {

#if defined(HC_VMATH_X86)
const Table* table_avx512();
const Table* table_avx2();
#endif
#if defined(HC_VMATH_NEON)
const Table* table_neon();
#endif
const Table* table_scalar();

const Table* table_for(const char* name) {
#if defined(HC_VMATH_X86)
  if (!std::strcmp(name, "avx512"))
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                   __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
               ? table_avx512()
               : nullptr;
  if (!std::strcmp(name, "avx2"))
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? table_avx2()
                                                                            : nullptr;
#endif
#if defined(HC_VMATH_NEON)
  if (!std::strcmp(name, "neon")) return table_neon();
#endif
  if (!std::strcmp(name, "scalar")) return table_scalar();
  return nullptr;
}

static const Table* choose() {
  if (const char* env = std::getenv("HCARRAY_SIMD"))
    if (const Table* t = table_for(env)) return t;
  for (const char* name : {"avx512", "avx2", "neon"})
    if (const Table* t = table_for(name)) return t;
  return table_scalar();
}

const Table& table() {
  static const Table* t = choose();
  return *t;
}

const char* target_name() { return table().target; }

namespace {

// Cache blocks (elements). Loop order (outer to inner): jc over NC columns, pc over KC depths
// (pack B's KC x NC panel), ic over MC rows (pack A's MC x KC block), ir over MR-row micro-panels
// of A, jr over NR-column micro-panels of B, then the micro-kernel. One A micro-panel
// (MR x KC, 24 KiB) stays in L1 while the inner loop walks the B panel (KC x NC, 1 MiB,
// kept in L2: the micro-kernel prefetches it 16 rows ahead). KC = 2 KiB / itemsize (512
// float32, 256 float64: each depth block is one more read and write of C, which at N = 2048
// was the largest memory stream), NC = 1 MiB / (KC * itemsize), MC = 192 KiB / (KC *
// itemsize) = 96 rows (the packed A block stays in L2 beside the B panel: at N = 2048 on two
// threads 96 rows measured a few percent faster than 384 across alternating rounds), each
// rounded down to whole micro-panels.
// HCARRAY_GEMM_KC / _MC / _NC override them (tuning only).
struct Blocking {
  int64_t kc, mc, nc;
};

int64_t env_int(const char* name, int64_t dflt) {
  if (const char* s = std::getenv(name)) {
    long long v = std::atoll(s);
    if (v > 0) return v;
  }
  return dflt;
}

template <class T>
Blocking blocking(int mr, int nr) {
  static const Blocking b = [&] {
    const int64_t kc = env_int("HCARRAY_GEMM_KC", 2048 / int64_t(sizeof(T)));
    int64_t mc = env_int("HCARRAY_GEMM_MC", 196608 / (kc * int64_t(sizeof(T))));
    int64_t nc = env_int("HCARRAY_GEMM_NC", 1048576 / (kc * int64_t(sizeof(T))));
    mc = std::max<int64_t>(mr, mc / mr * mr);
    nc = std::max<int64_t>(nr, nc / nr * nr);
    return Blocking{kc, mc, nc};
  }();
  return b;
}

// Per-thread packing buffers (64-byte aligned, grown on demand, freed at thread exit).
struct Buffers {
  void* p[3] = {nullptr, nullptr, nullptr};
  size_t cap[3] = {0, 0, 0};
  ~Buffers() {
    for (void* q : p) std::free(q);
  }
  template <class T>
  T* get(int which, int64_t n) {
    const size_t bytes = (size_t(n) * sizeof(T) + 63) / 64 * 64 + 64;
    if (cap[which] < bytes) {
      std::free(p[which]);
      p[which] = std::aligned_alloc(64, bytes);
      if (!p[which]) throw std::bad_alloc();
      cap[which] = bytes;
    }
    return static_cast<T*>(p[which]);
  }
};

Buffers& buffers() {
  thread_local Buffers b;
  return b;
}

template <class T> inline T ld(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// One full panel of MR rows of A whose columns are contiguous and element-aligned (row-major A):
// the loop runs over the depth and writes the panel in order, reading the MR rows as MR
// streams (a row at a time with strided writes was 2-3x slower: ~1-2 ns per element against
// ~0.6 from L3/memory, measured at N = 2048).
template <class T, int MR>
void pack_a_rows(int64_t kc, const T* a, int64_t lda, T* out) {
  const T* r[MR];
  for (int i = 0; i < MR; ++i) r[i] = a + i * lda;
  for (int64_t p = 0; p < kc; ++p) {
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) out[p * MR + i] = r[i][p];
  }
}

// Rows [0, mc) x columns [0, kc) of A (byte strides rs, cs) as panels of MR rows:
// out[panel * MR * kc + p * MR + i]; rows past mc are zero.
template <class T>
void pack_a(int MR, int64_t mc, int64_t kc, const char* a, int64_t rs, int64_t cs, T* out) {
  constexpr int64_t e = sizeof(T);
  for (int64_t i0 = 0; i0 < mc; i0 += MR) {
    const int mr = int(std::min<int64_t>(MR, mc - i0));
    const char* base = a + i0 * rs;
    if (mr == MR && cs == e && rs % e == 0 && reinterpret_cast<uintptr_t>(base) % alignof(T) == 0 &&
        (MR == 12 || MR == 8 || MR == 6)) {
      const T* at = reinterpret_cast<const T*>(base);
      if (MR == 12) pack_a_rows<T, 12>(kc, at, rs / e, out);
      else if (MR == 8) pack_a_rows<T, 8>(kc, at, rs / e, out);
      else pack_a_rows<T, 6>(kc, at, rs / e, out);
      out += MR * kc;
      continue;
    }
    if (rs == e) {  // each column's MR values are contiguous
      for (int64_t p = 0; p < kc; ++p) {
        std::memcpy(out + p * MR, base + p * cs, size_t(mr) * e);
        for (int i = mr; i < MR; ++i) out[p * MR + i] = T(0);
      }
    } else {
      for (int i = 0; i < mr; ++i) {
        const char* row = base + i * rs;
        T* o = out + i;
        if (cs == e) {
          const T* r = reinterpret_cast<const T*>(row);
          if (reinterpret_cast<uintptr_t>(row) % alignof(T) == 0) {
            for (int64_t p = 0; p < kc; ++p) o[p * MR] = r[p];
            continue;
          }
        }
        for (int64_t p = 0; p < kc; ++p) o[p * MR] = ld<T>(row + p * cs);
      }
      for (int i = mr; i < MR; ++i)
        for (int64_t p = 0; p < kc; ++p) out[p * MR + i] = T(0);
    }
    out += MR * kc;
  }
}

// Rows [0, kc) x columns [0, nc) of B as panels of NR columns: out[panel * kc * NR + p * NR + j];
// columns past nc are zero.
template <class T>
void pack_b(int NR, int64_t kc, int64_t nc, const char* b, int64_t rs, int64_t cs, T* out) {
  constexpr int64_t e = sizeof(T);
  if (cs == e && rs % e == 0 && reinterpret_cast<uintptr_t>(b) % alignof(T) == 0) {
    // Rows contiguous: read B a row at a time (one sequential stream, which the hardware
    // prefetchers follow) and deal each row's NR-wide pieces out to the panels. Column panel
    // by column panel, the reads were NR values from each row in turn, one or two lines a
    // row apart, which no prefetcher follows when the rows are a page apart (N = 1024). Share
    // of the time spent packing B, two threads of this VM, rdtsc around each step: N = 1024
    // 4.8-5.5% -> 4.2-4.5%, N = 2048 2.5-2.7% -> 2.1% (packing A: 6-7%, the kernel: 86-88%).
    const int64_t full = nc / NR;
    const int64_t rest = nc - full * NR;
    const int64_t panel = kc * NR;
    for (int64_t p = 0; p < kc; ++p) {
      const T* src = reinterpret_cast<const T*>(b + p * rs);
      T* dst = out + p * NR;
      for (int64_t j = 0; j < full; ++j) std::memcpy(dst + j * panel, src + j * NR, size_t(NR) * e);
      if (rest) {
        T* d = dst + full * panel;
        std::memcpy(d, src + full * NR, size_t(rest) * e);
        for (int64_t j = rest; j < NR; ++j) d[j] = T(0);
      }
    }
    return;
  }
  for (int64_t j0 = 0; j0 < nc; j0 += NR) {
    const int nr = int(std::min<int64_t>(NR, nc - j0));
    const char* base = b + j0 * cs;
    if (cs == e) {  // each row's NR values are contiguous
      for (int64_t p = 0; p < kc; ++p) {
        std::memcpy(out + p * NR, base + p * rs, size_t(nr) * e);
        for (int j = nr; j < NR; ++j) out[p * NR + j] = T(0);
      }
    } else {
      for (int j = 0; j < nr; ++j) {
        const char* col = base + j * cs;
        T* o = out + j;
        for (int64_t p = 0; p < kc; ++p) o[p * NR] = ld<T>(col + p * rs);
      }
      for (int j = nr; j < NR; ++j)
        for (int64_t p = 0; p < kc; ++p) out[p * NR + j] = T(0);
    }
    out += NR * kc;
  }
}

template <class T> struct Kern;
template <> struct Kern<float> {
  static int mr(const Table& t) { return t.mr32; }
  static int nr(const Table& t) { return t.nr32; }
  static KernelF32 packed(const Table& t) { return t.packed32; }
  static KernelF32 direct(const Table& t) { return t.direct32; }
  static KernelF32 direct_half(const Table& t) { return t.direct32_half; }
  static int nr_half(const Table& t) { return t.nrh32; }
  static KernelF32 direct_r8(const Table& t) { return t.direct32_r8; }
};
template <> struct Kern<double> {
  static int mr(const Table& t) { return t.mr64; }
  static int nr(const Table& t) { return t.nr64; }
  static KernelF64 packed(const Table& t) { return t.packed64; }
  static KernelF64 direct(const Table& t) { return t.direct64; }
  static KernelF64 direct_half(const Table& t) { return t.direct64_half; }
  static int nr_half(const Table& t) { return t.nrh64; }
  static KernelF64 direct_r8(const Table& t) { return t.direct64_r8; }
};

// Stores (or adds) the valid mr x nr part of a full tile computed into tmp (rows NR apart).
template <class T>
inline void put_tile(const T* tmp, int NR, int mr, int nr, T* c, int64_t ldc, bool add) {
  for (int i = 0; i < mr; ++i) {
    T* row = c + i * ldc;
    const T* t = tmp + i * NR;
    if (add)
      for (int j = 0; j < nr; ++j) row[j] += t[j];
    else
      for (int j = 0; j < nr; ++j) row[j] = t[j];
  }
}

// The whole product with packed operands and cache blocking, on the calling thread.
template <class T>
void blocked(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
             const char* B, int64_t rsb, int64_t csb, T* C, int64_t ldc) {
  const Table& tb = table();
  const int MR = Kern<T>::mr(tb), NR = Kern<T>::nr(tb);
  const auto kern = Kern<T>::packed(tb);
  const Blocking bl = blocking<T>(MR, NR);
  const int64_t KC = bl.kc, MC = bl.mc, NC = bl.nc;
  const int64_t kcmax = std::min(K, KC);
  const int64_t mcmax = (std::min(M, MC) + MR - 1) / MR * MR;
  const int64_t ncmax = (std::min(N, NC) + NR - 1) / NR * NR;
  Buffers& bufs = buffers();
  T* ap = bufs.get<T>(0, mcmax * kcmax);
  T* bp = bufs.get<T>(1, ncmax * kcmax);
  alignas(64) T tmp[32 * 64];  // one tile (MR * NR <= 2048 on every target)
  for (int64_t jc = 0; jc < N; jc += NC) {
    const int64_t nc = std::min(NC, N - jc);
    for (int64_t pc = 0; pc < K; pc += KC) {
      const int64_t kc = std::min(KC, K - pc);
      const bool add = pc > 0;
      pack_b<T>(NR, kc, nc, B + pc * rsb + jc * csb, rsb, csb, bp);
      for (int64_t ic = 0; ic < M; ic += MC) {
        const int64_t mc = std::min(MC, M - ic);
        pack_a<T>(MR, mc, kc, A + ic * rsa + pc * csa, rsa, csa, ap);
        for (int64_t ir = 0; ir < mc; ir += MR) {
          const int mr = int(std::min<int64_t>(MR, mc - ir));
          const T* apanel = ap + ir * kc;
          for (int64_t jr = 0; jr < nc; jr += NR) {
            const int nr = int(std::min<int64_t>(NR, nc - jr));
            const T* bpanel = bp + jr * kc;
            T* c = C + (ic + ir) * ldc + jc + jr;
            if (mr == MR && nr == NR) {
              kern(kc, apanel, 1, MR, bpanel, NR, c, ldc, add);
            } else {
              kern(kc, apanel, 1, MR, bpanel, NR, tmp, NR, 0);
              put_tile(tmp, NR, mr, nr, c, ldc, add);
            }
          }
        }
      }
    }
  }
}

// Mid-sized unpacked products (N, K >= 128) pack each MR-row panel of a row-major A (MR x K, in
// L1) before walking B's columns with the packed-A kernel: read in place, A's MR rows sit
// lda apart, and with power-of-two strides (N = 256: 1 KiB) they share a few L1 sets with the
// B rows streaming through, which evict them. Packing a panel costs MR x K copies against
// MR x N x K multiply-adds. Measured at N = 256 / 512, 2 threads (device host, best of 4
// alternating rounds): 257 / 266 GFLOP/s packed, 241 / 238 in place; at N = 64 packing lost
// (103 against 147), hence the floor.
template <class T>
bool pack_a_panels(int64_t M, int64_t N, int64_t K, int64_t csa) {
  const Table& tb = table();
  return N >= 128 && K >= 128 && M >= Kern<T>::mr(tb) && csa == int64_t(sizeof(T)) &&
         (Kern<T>::mr(tb) == 12 || Kern<T>::mr(tb) == 8 || Kern<T>::mr(tb) == 6);
}

// Small products whose operands the direct kernel can read in place (A element-aligned, B's
// columns contiguous) and that hold at least one full tile: no packing and no temporary tile.
// The last row panel starts at M - MR and the last column panel at N - NR, overlapping the
// previous ones; the overlapped elements are computed again by the same instructions in the
// same order, so they are written twice with the same value. Rows [r0, r1) only (threads).
template <class T>
bool small_overlapped(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
                      const char* B, int64_t rsb, int64_t csb, T* C, int64_t ldc, int64_t r0,
                      int64_t r1) {
  constexpr int64_t e = sizeof(T);
  const Table& tb = table();
  int MR = Kern<T>::mr(tb);
  int NR = Kern<T>::nr(tb);
  auto kd = Kern<T>::direct(tb);
  const bool packa = pack_a_panels<T>(M, N, K, csa);
  if (N < NR) {
    // The half kernel's own width (NR / 2 on AVX-512 and AVX2, but 4 of NEON's 12 float32
    // columns: with NR / 2 = 6 there, columns 4 and 5 of each tile were never written, which
    // tests/cpp/test_gemm.cpp found under qemu in session 5).
    NR = Kern<T>::nr_half(tb);
    kd = Kern<T>::direct_half(tb);
  } else if (packa) {
    // MR rows of A packed per row panel (below): full MR-row tiles, the last one overlapping.
  } else if (M % MR != 0 && tb.mr8 == 8 && M % 8 == 0 && Kern<T>::direct_r8(tb) != nullptr) {
    MR = 8;  // full-width 8-row tiles: no row computed twice
    kd = Kern<T>::direct_r8(tb);
  }
  if (M < MR || N < NR || kd == nullptr) return false;
  if (!(csb == e && rsb % e == 0 && reinterpret_cast<uintptr_t>(B) % alignof(T) == 0)) return false;
  if (!(rsa % e == 0 && csa % e == 0 && reinterpret_cast<uintptr_t>(A) % alignof(T) == 0))
    return false;
  const T* Bt = reinterpret_cast<const T*>(B);
  const T* At = reinterpret_cast<const T*>(A);
  const int64_t ra = rsa / e, ca = csa / e, lb = rsb / e;
  if (packa && N >= NR) {
    const auto kp = Kern<T>::packed(tb);
    T* ap = buffers().get<T>(0, int64_t(MR) * K);
    for (int64_t ir = r0; ir < r1; ir += MR) {
      const int64_t i = std::min<int64_t>(ir, M - MR);
      if (MR == 12) pack_a_rows<T, 12>(K, At + i * ra, ra, ap);
      else if (MR == 8) pack_a_rows<T, 8>(K, At + i * ra, ra, ap);
      else pack_a_rows<T, 6>(K, At + i * ra, ra, ap);
      for (int64_t jr = 0; jr < N; jr += NR) {
        const int64_t j = std::min<int64_t>(jr, N - NR);
        kp(K, ap, 1, MR, Bt + j, lb, C + i * ldc + j, ldc, 0);
      }
    }
    return true;
  }
  // The last column panel: the half-width kernel when the remaining columns fit it, else a
  // full panel overlapping the one before; the last row panel likewise with the 8-row kernel
  // (session 5: N = 48 computed 64 columns, 80 computed 96 and 84 rows; float32, one thread,
  // N = 48 / 80: see specs/gemm.md). Each element is the same chain of fused multiply-adds
  // whichever kernel computes it, so results do not change.
  const auto kh = Kern<T>::direct_half(tb);
  const int nrh = Kern<T>::nr_half(tb);
  const auto k8 = Kern<T>::direct_r8(tb);
  const int64_t nfull = N / NR * NR;
  const bool half_tail = N > nfull && N - nfull <= nrh && kh != nullptr && NR > nrh &&
                         MR == Kern<T>::mr(tb);  // the half kernel has the full MR rows
  for (int64_t ir = r0; ir < r1; ir += MR) {
    int64_t i = std::min<int64_t>(ir, M - MR);
    auto kr = kd;
    bool rows8 = false;
    if (ir + MR > M && M - ir <= 8 && MR > 8 && tb.mr8 == 8 && k8 != nullptr &&
        NR == Kern<T>::nr(tb)) {  // the 8-row kernel has the full width
      i = M - 8;
      kr = k8;
      rows8 = true;
    }
    for (int64_t jr = 0; jr < nfull; jr += NR)
      kr(K, At + i * ra, ra, ca, Bt + jr, lb, C + i * ldc + jr, ldc, 0);
    if (N > nfull) {
      if (half_tail && !rows8) {
        const int64_t j = N - nrh;
        kh(K, At + i * ra, ra, ca, Bt + j, lb, C + i * ldc + j, ldc, 0);
      } else {
        const int64_t j = N - NR;
        kr(K, At + i * ra, ra, ca, Bt + j, lb, C + i * ldc + j, ldc, 0);
      }
    }
  }
  return true;
}

// Small products: no cache blocking; the micro-kernel reads A through its strides and B's rows
// in place when their layout allows (element-aligned, B's columns contiguous); only the edge
// rows of A and edge columns of B (or an operand whose layout does not allow it) are packed.
template <class T>
void small(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
           const char* B, int64_t rsb, int64_t csb, T* C, int64_t ldc) {
  constexpr int64_t e = sizeof(T);
  const Table& tb = table();
  const int MR = Kern<T>::mr(tb), NR = Kern<T>::nr(tb);
  const auto kp = Kern<T>::packed(tb);
  const auto kd = Kern<T>::direct(tb);
  const bool bdirect = csb == e && rsb % e == 0 && reinterpret_cast<uintptr_t>(B) % alignof(T) == 0;
  const bool adirect = rsa % e == 0 && csa % e == 0 && reinterpret_cast<uintptr_t>(A) % alignof(T) == 0;
  const int64_t nfull = bdirect ? N / NR * NR : 0;
  const int64_t mfull = adirect ? M / MR * MR : 0;
  Buffers& bufs = buffers();
  T* bp = nullptr;
  T* ap = nullptr;
  if (nfull < N) {
    bp = bufs.get<T>(1, (N - nfull + NR - 1) / NR * NR * K);
    pack_b<T>(NR, K, N - nfull, B + nfull * csb, rsb, csb, bp);
  }
  if (mfull < M) {
    ap = bufs.get<T>(0, (M - mfull + MR - 1) / MR * MR * K);
    pack_a<T>(MR, M - mfull, K, A + mfull * rsa, rsa, csa, ap);
  }
  alignas(64) T tmp[32 * 64];
  const T* Bt = reinterpret_cast<const T*>(B);
  const T* At = reinterpret_cast<const T*>(A);
  for (int64_t ir = 0; ir < M; ir += MR) {
    const int mr = int(std::min<int64_t>(MR, M - ir));
    for (int64_t jr = 0; jr < N; jr += NR) {
      const int nr = int(std::min<int64_t>(NR, N - jr));
      const T* b;
      int64_t ldb;
      if (jr < nfull) {
        b = Bt + jr + 0;
        ldb = rsb / e;
      } else {
        b = bp + (jr - nfull) * K;
        ldb = NR;
      }
      const bool full = mr == MR && nr == NR;
      T* c = full ? C + ir * ldc + jr : tmp;
      const int64_t lc = full ? ldc : NR;
      if (ir < mfull)
        kd(K, At + ir * (rsa / e), rsa / e, csa / e, b, ldb, c, lc, 0);
      else
        kp(K, ap + (ir - mfull) * K, 1, MR, b, ldb, c, lc, 0);
      if (!full) put_tile(tmp, NR, mr, nr, C + ir * ldc + jr, ldc, false);
    }
  }
}

template <class T>
void run(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
         const char* B, int64_t rsb, int64_t csb, T* C, int64_t ldc, int max_threads) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    for (int64_t i = 0; i < M; ++i) std::fill(C + i * ldc, C + i * ldc + N, T(0));
    return;
  }
  const double work = double(M) * double(N) * double(K);
  int nt = std::min(max_threads, num_threads());
  const bool is_small = M <= 96 && N <= 96 && K <= 512;
  // Unpacked products: the direct kernel reads A and B in place (no packing, no temporary
  // tile). For small products and for mid-sized ones whose B (K x N) stays in L2 and whose A
  // micro-panel (MR x K) stays in L1, packing costs more than it saves (N = 256: packing was
  // ~40% of the time). Row panels split over the threads.
  // B rows a multiple of 4 KiB apart (slices of 1024-wide arrays...) map a column panel of B
  // onto a few cache sets, which its K rows overflow: those products pack B (blocked path).
  // With this and the kernels' B prefetch along ldb, N = 512 on one thread (device host, best
  // of 3 alternating rounds): rows 4 KiB apart 151 GFLOP/s (was 69), 4000 B apart 158 (was 85).
  const bool b_aliases = std::abs(rsb) % 4096 == 0 && K > 64;
  if (is_small || (N <= 512 && K <= 512 && !b_aliases)) {
    const Table& tb = table();
    int MR = Kern<T>::mr(tb);
    if (N >= Kern<T>::nr(tb) && !pack_a_panels<T>(M, N, K, csa) && M % MR != 0 &&
        tb.mr8 == 8 && M % 8 == 0 && Kern<T>::direct_r8(tb) != nullptr)
      MR = 8;  // as small_overlapped chooses
    const int64_t panels = (M + MR - 1) / MR;
    const int ntt = work >= 4e5 ? int(std::min<int64_t>(nt, panels)) : 1;
    if (ntt > 1 && small_overlapped<T>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, 0, 0)) {
      // One row panel per chunk, taken dynamically: a thread slowed by another process on its
      // CPU (OpenBLAS's idle threads yield-spin for a while after a NumPy matmul) does fewer of
      // them, and the threads end within one panel of each other (two threads, device host,
      // best of 12 alternating rounds: N = 256 / 384 / 512 135 / 397 / 1122 us, against 143 /
      // 506 / 1254 with four chunks per thread and 140 / 441 / 1242 with eight). Only when
      // every thread of the pool takes part (parallel_for's chunks may use them all); each panel
      // is computed the same way whatever the chunking.
      const int chunks = ntt == num_threads() ? int(std::min<int64_t>(panels, 1 << 20)) : ntt;
      parallel_for(panels, 1, chunks, [&](int64_t b, int64_t e2, int) {
        small_overlapped<T>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, b * MR,
                            std::min<int64_t>(e2 * MR, M));
      });
      return;
    }
    if (small_overlapped<T>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, 0, M)) return;
    if (is_small) return small<T>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc);
  }
  if (work < 1.5e6) nt = 1;
  if (nt <= 1) return blocked<T>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc);
  const Table& tb = table();
  const int MR = Kern<T>::mr(tb), NR = Kern<T>::nr(tb);
  // Split the larger of M and N into nt parts (whole tiles); each part is an independent
  // blocked product with its own packing buffers (no barrier needed between threads).
  if (N >= M) {
    const int64_t tiles = (N + NR - 1) / NR;
    nt = int(std::min<int64_t>(nt, tiles));
    parallel_for(N, int64_t(NR) * ((tiles + nt - 1) / nt), nt, [&](int64_t b, int64_t e2, int) {
      blocked<T>(M, e2 - b, K, A, rsa, csa, B + b * csb, rsb, csb, C + b, ldc);
    });
  } else {
    const int64_t tiles = (M + MR - 1) / MR;
    nt = int(std::min<int64_t>(nt, tiles));
    parallel_for(M, int64_t(MR) * ((tiles + nt - 1) / nt), nt, [&](int64_t b, int64_t e2, int) {
      blocked<T>(e2 - b, N, K, A + b * rsa, rsa, csa, B, rsb, csb, C + b * ldc, ldc);
    });
  }
}

template <class T> struct Gemv;
template <> struct Gemv<float> {
  static GemvF32 rows(const Table& t) { return t.gemv_rows32; }
  static GemvF32 cols(const Table& t) { return t.gemv_cols32; }
  static auto dot(const Table& t) { return t.dot32; }
};
template <> struct Gemv<double> {
  static GemvF64 rows(const Table& t) { return t.gemv_rows64; }
  static GemvF64 cols(const Table& t) { return t.gemv_cols64; }
  static auto dot(const Table& t) { return t.dot64; }
};

// One dot product of length k (contiguous operands): from 2^15 terms in kDotChunks fixed chunks
// (each on whichever thread takes it), their sums added in order, so the result does not depend
// on the thread count. Two threads on 1e5 float64: see specs/gemm.md.
constexpr int64_t kDotChunks = 16;
template <class T>
T dot_product(int64_t k, const T* a, const T* x, int max_threads) {
  const auto f = Gemv<T>::dot(table());
  if (k < (int64_t(1) << 15)) return f(k, a, x);
  T part[kDotChunks];
  // Chunks of whole 256-element blocks (every target's block of eight vectors divides 256), so
  // only the last chunk has a tail.
  const int64_t chunk = ((k + kDotChunks - 1) / kDotChunks + 255) / 256 * 256;
  const int nt = std::min(max_threads, num_threads());
  auto body = [&](int64_t b, int64_t e, int) {
    for (int64_t c = b; c < e; ++c) {
      const int64_t lo = c * chunk, hi = std::min(k, lo + chunk);
      part[c] = lo < hi ? f(hi - lo, a + lo, x + lo) : T(0);
    }
  };
  if (nt > 1)
    parallel_for(kDotChunks, 1, int(kDotChunks), body);
  else
    body(0, kDotChunks, 0);
  T s = part[0];
  for (int64_t c = 1; c < kDotChunks; ++c) s += part[c];
  return s;
}

// y[i * os] for i < n from the n x k matrix P (byte strides prs along n, pcs along k) and the
// contiguous vector x: P's rows contiguous (pcs == itemsize) -> dot products of rows, P's columns
// contiguous (prs == itemsize) -> axpy over the k rows of P^T. Split over the threads from
// 2^17 multiply-adds (about 15-30 us on one thread), in chunks of whole vector blocks so each
// output is computed the same way whatever the split.
template <class T>
bool gemv(int64_t n, int64_t k, const char* P, int64_t prs, int64_t pcs, const T* x, T* y,
          int64_t os, int max_threads) {
  constexpr int64_t e = sizeof(T);
  if (reinterpret_cast<uintptr_t>(P) % alignof(T) != 0 || prs % e != 0 || pcs % e != 0) return false;
  const Table& tb = table();
  const T* p = reinterpret_cast<const T*>(P);
  const int nt = double(n) * double(k) >= 131072.0 ? std::min(max_threads, num_threads()) : 1;
  if (n == 1 && pcs == e && k > 1) {
    *y = dot_product<T>(k, p, x, max_threads);
    return true;
  }
  if (pcs == e && k > 1) {
    const auto f = Gemv<T>::rows(tb);
    const int64_t lda = prs / e;
    parallel_for(n, 16, nt, [&](int64_t b, int64_t e2, int) {
      f(e2 - b, k, p + b * lda, lda, x, y + b * os, os);
    });
    return true;
  }
  if (prs == e) {
    const auto f = Gemv<T>::cols(tb);
    const int64_t lda = pcs / e;
    parallel_for(n, 512 / e * 8, nt, [&](int64_t b, int64_t e2, int) {
      f(e2 - b, k, p + b, lda, x, y + b * os, os);
    });
    return true;
  }
  return false;
}

}  // namespace

bool gemv_f32(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, float* C, int64_t ldc, int max_threads) {
  if (N == 1) return gemv<float>(M, K, A, rsa, csa, reinterpret_cast<const float*>(B), C, ldc, max_threads);
  return gemv<float>(N, K, B, csb, rsb, reinterpret_cast<const float*>(A), C, 1, max_threads);
}
bool gemv_f64(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, double* C, int64_t ldc, int max_threads) {
  if (N == 1) return gemv<double>(M, K, A, rsa, csa, reinterpret_cast<const double*>(B), C, ldc, max_threads);
  return gemv<double>(N, K, B, csb, rsb, reinterpret_cast<const double*>(A), C, 1, max_threads);
}

void gemm_f32(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, float* C, int64_t ldc, int max_threads) {
  run<float>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, max_threads);
}
void gemm_f64(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, double* C, int64_t ldc, int max_threads) {
  run<double>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, max_threads);
}

}  // namespace hc::cpu::gemmk
