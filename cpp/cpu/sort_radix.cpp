// LSD radix sort lane kernels for 1/2/4/8-byte integers and float32/float64 (cpu/sort.h).
//
// Each element maps to an unsigned key whose unsigned order is the sort order:
//   unsigned: the value; signed: the value with its sign bit flipped;
//   float: +x -> bits | sign bit, -x -> ~bits (so more negative = smaller), -0 -> the key of +0
//   (equal values get equal keys, so the stable radix keeps zeros in their input order), every
//   NaN (any sign or payload) -> all ones, after +inf, all NaNs equal (stable among themselves).
// Descending complements the keys: greatest first, NaNs first, equal keys still in input order
// (LSD radix sort is stable), which is the standard's stable descending order.
//
// sort moves the original bits (the key is recomputed on each pass, so NaN payloads and the
// sign of zero survive); argsort builds the keys once and moves (key, uint32 index) pairs, the
// last pass writing int64 indices. Digits of 8 bits (small lanes) or 11 bits (large: 3 passes
// for 32-bit keys); a pass whose digit is the same for every element is skipped. Large lanes
// run over `threads` threads: per-thread histograms of contiguous chunks, one prefix sum over
// (bucket, thread), each thread scattering its chunk (stable: chunk order is input order).
#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "cpu/sort.h"

namespace hc::cpu {
namespace {

enum class Kind { Unsigned, Signed, Float };

template <class T> constexpr Kind kind_of() {
  if constexpr (std::is_floating_point_v<T>) return Kind::Float;
  else if constexpr (std::is_signed_v<T>) return Kind::Signed;
  else return Kind::Unsigned;
}

template <class T> struct UInt;
template <> struct UInt<int8_t> { using type = uint8_t; };
template <> struct UInt<uint8_t> { using type = uint8_t; };
template <> struct UInt<int16_t> { using type = uint16_t; };
template <> struct UInt<uint16_t> { using type = uint16_t; };
template <> struct UInt<int32_t> { using type = uint32_t; };
template <> struct UInt<uint32_t> { using type = uint32_t; };
template <> struct UInt<int64_t> { using type = uint64_t; };
template <> struct UInt<uint64_t> { using type = uint64_t; };
template <> struct UInt<float> { using type = uint32_t; };
template <> struct UInt<double> { using type = uint64_t; };

template <class U, Kind K> inline U radix_key(U u) {
  constexpr int W = int(sizeof(U)) * 8;
  constexpr U sign = U(U(1) << (W - 1));
  if constexpr (K == Kind::Unsigned) {
    return u;
  } else if constexpr (K == Kind::Signed) {
    return U(u ^ sign);
  } else {
    constexpr U inf = W == 32 ? U(0x7f800000u) : U(0x7ff0000000000000ull);
    // Branch-free (the sign of random data is unpredictable): negatives flip every bit,
    // positives the sign bit; zeros (either sign) and NaNs are rare and predictable.
    const U a = U(u & U(~sign));
    U k = U(u ^ (U(U(0) - U(u >> (W - 1))) | sign));
    k = a == 0 ? sign : k;              // -0 -> +0
    return a > inf ? U(~U(0)) : k;      // NaN -> top
  }
}

// Runs f(t) for t in [0, T): on the pool when T > 1.
template <class F> void run_chunks(int T, const F& f) {
  if (T <= 1) {
    f(0);
    return;
  }
  parallel_for(T, 1, T, [&](int64_t b, int64_t e, int) {
    for (int64_t t = b; t < e; ++t) f(int(t));
  });
}

// Threads worth using for n elements (each at least 64K elements).
int chunks_for(int64_t n, int threads) {
  int64_t t = std::min<int64_t>(threads, n >> 16);
  return t < 1 ? 1 : int(t);
}

// Exclusive prefix over (bucket, thread) of hist[t * stride + b]: thread t's first slot for b.
template <size_t R>
void offsets(const uint32_t* hist, size_t stride, int T, size_t* off) {
  size_t s = 0;
  for (size_t b = 0; b < R; ++b)
    for (int t = 0; t < T; ++t) {
      off[size_t(t) * R + b] = s;
      s += hist[size_t(t) * stride + b];
    }
}

// ---- cache-local LSD (one lane, or one MSD bucket) ---------------------------------------

constexpr int64_t kInsertion = 32;       // buckets shorter than this: insertion sort
constexpr int64_t kWide = 8192;          // buckets this long: 11-bit digits, else 8-bit

// Sorts m values by the low `nbits` bits of key(u) (the higher bits are equal or already in
// order), stably. Data starts in a; b is scratch of m; the result ends in b when into_b, else
// in a.
template <int LB, class U, class KeyF>
void local_values(U* a, U* b, int64_t m, int nbits, const KeyF& key, bool into_b) {
  U* dst_final = into_b ? b : a;
  if (m < kInsertion) {
    if (into_b) std::memcpy(b, a, size_t(m) * sizeof(U));
    for (int64_t i = 1; i < m; ++i) {
      const U u = dst_final[i];
      const U k = key(u);
      int64_t j = i;
      for (; j > 0 && key(dst_final[j - 1]) > k; --j) dst_final[j] = dst_final[j - 1];
      dst_final[j] = u;
    }
    return;
  }
  constexpr size_t LR = size_t(1) << LB;
  constexpr int PMAX = (int(sizeof(U)) * 8 + LB - 1) / LB;
  const int P = (nbits + LB - 1) / LB;
  static thread_local uint32_t h[PMAX][LR];
  std::memset(h, 0, sizeof(uint32_t) * LR * size_t(P));
  for (int64_t i = 0; i < m; ++i) {
    const U k = key(a[i]);
    for (int p = 0; p < P; ++p) ++h[p][size_t(k >> (p * LB)) & (LR - 1)];
  }
  const U k0 = key(a[0]);
  U* src = a;
  U* dst = b;
  for (int p = 0; p < P; ++p) {
    uint32_t* hp = h[p];
    if (hp[size_t(k0 >> (p * LB)) & (LR - 1)] == uint32_t(m)) continue;
    uint32_t s = 0;
    for (size_t d = 0; d < LR; ++d) {
      const uint32_t c = hp[d];
      hp[d] = s;
      s += c;
    }
    for (int64_t i = 0; i < m; ++i) {
      const U u = src[i];
      dst[hp[size_t(key(u) >> (p * LB)) & (LR - 1)]++] = u;
    }
    std::swap(src, dst);
  }
  if (src != dst_final) std::memcpy(dst_final, src, size_t(m) * sizeof(U));
}

// The same for (key, index) pairs; the sorted indices are written to out (int64).
template <int LB, class U>
void local_pairs(U* ka, uint32_t* ia, U* kb, uint32_t* ib, int64_t m, int nbits, U base,
                 int64_t* out) {
  if (m < kInsertion) {
    for (int64_t i = 1; i < m; ++i) {
      const U k = ka[i];
      const uint32_t x = ia[i];
      int64_t j = i;
      for (; j > 0 && ka[j - 1] > k; --j) {
        ka[j] = ka[j - 1];
        ia[j] = ia[j - 1];
      }
      ka[j] = k;
      ia[j] = x;
    }
    for (int64_t i = 0; i < m; ++i) out[i] = ia[i];
    return;
  }
  constexpr size_t LR = size_t(1) << LB;
  constexpr int PMAX = (int(sizeof(U)) * 8 + LB - 1) / LB;
  const int P = (nbits + LB - 1) / LB;
  static thread_local uint32_t h[PMAX][LR];
  std::memset(h, 0, sizeof(uint32_t) * LR * size_t(P));
  for (int64_t i = 0; i < m; ++i) {
    const U k = U(ka[i] - base);
    ka[i] = k;
    for (int p = 0; p < P; ++p) ++h[p][size_t(k >> (p * LB)) & (LR - 1)];
  }
  int passes[PMAX], np = 0;
  for (int p = 0; p < P; ++p)
    if (h[p][size_t(ka[0] >> (p * LB)) & (LR - 1)] != uint32_t(m)) passes[np++] = p;
  U *ks = ka, *kd = kb;
  uint32_t *is = ia, *id = ib;
  for (int j = 0; j < np; ++j) {
    const int p = passes[j];
    uint32_t* hp = h[p];
    uint32_t s = 0;
    for (size_t d = 0; d < LR; ++d) {
      const uint32_t c = hp[d];
      hp[d] = s;
      s += c;
    }
    if (j == np - 1) {
      for (int64_t i = 0; i < m; ++i) out[hp[size_t(ks[i] >> (p * LB)) & (LR - 1)]++] = is[i];
      return;
    }
    for (int64_t i = 0; i < m; ++i) {
      const U k = ks[i];
      const uint32_t pos = hp[size_t(k >> (p * LB)) & (LR - 1)]++;
      kd[pos] = k;
      id[pos] = is[i];
    }
    std::swap(ks, kd);
    std::swap(is, id);
  }
  for (int64_t i = 0; i < m; ++i) out[i] = is[i];  // no pass needed: all keys equal
}

template <class U> int bit_length(U x) {
  return x == 0 ? 0 : 64 - __builtin_clzll(static_cast<unsigned long long>(x));
}

// The dispatchers: 32/64-bit keys are first reduced to key - min (digits above the range's
// bit length are then skipped: small-range integers need few passes).
template <class U, class KeyF>
void local_values(U* a, U* b, int64_t m, int nbits, const KeyF& key, bool into_b) {
  if (sizeof(U) >= 4 && m >= kInsertion) {
    U mn = key(a[0]), mx = mn;
    for (int64_t i = 1; i < m; ++i) {
      const U k = key(a[i]);
      mn = k < mn ? k : mn;
      mx = k > mx ? k : mx;
    }
    const int bits = bit_length(U(mx - mn));
    if (bits == 0) {  // all keys equal: already in order
      if (into_b) std::memcpy(b, a, size_t(m) * sizeof(U));
      return;
    }
    auto rk = [&key, mn](U u) { return U(key(u) - mn); };
    if (m >= kWide) local_values<11>(a, b, m, bits, rk, into_b);
    else local_values<8>(a, b, m, bits, rk, into_b);
    return;
  }
  local_values<8>(a, b, m, nbits, key, into_b);
}
template <class U>
void local_pairs(U* ka, uint32_t* ia, U* kb, uint32_t* ib, int64_t m, int nbits, int64_t* out) {
  if (sizeof(U) >= 4 && m >= kInsertion) {
    U mn = ka[0], mx = mn;
    for (int64_t i = 1; i < m; ++i) {
      mn = ka[i] < mn ? ka[i] : mn;
      mx = ka[i] > mx ? ka[i] : mx;
    }
    const int bits = bit_length(U(mx - mn));
    if (m >= kWide) local_pairs<11>(ka, ia, kb, ib, m, bits, mn, out);
    else local_pairs<8>(ka, ia, kb, ib, m, bits, mn, out);
    return;
  }
  local_pairs<8>(ka, ia, kb, ib, m, nbits, U(0), out);
}

// Calls f(i, 0) for i in [b0, e0) and f(i, 1) for i in [b1, e1), the two runs interleaved (two
// independent chains of counter updates: skewed data hits one counter many times in a row).
template <class F> inline void two_streams(int64_t b0, int64_t e0, int64_t b1, int64_t e1, F&& f) {
  const int64_t m = std::min(e0 - b0, e1 - b1);
  for (int64_t k = 0; k < m; ++k) {
    f(b0 + k, 0);
    f(b1 + k, 1);
  }
  for (int64_t i = b0 + m; i < e0; ++i) f(i, 0);
  for (int64_t i = b1 + m; i < e1; ++i) f(i, 1);
}

// ---- large lanes: one MSD pass on the top 11 bits, then each bucket locally ------------------

constexpr int MB = 11;
constexpr size_t MR = size_t(1) << MB;
constexpr int64_t kMsdMin = int64_t(1) << 16;  // shorter lanes: local_* on the whole lane

// Buckets of the MSD pass: [start[d], start[d+1]).
template <class F>
void for_buckets(const std::vector<size_t>& start, int Tn, const F& f) {
  auto body = [&](int64_t b, int64_t e, int) {
    for (int64_t d = b; d < e; ++d) f(start[size_t(d)], start[size_t(d) + 1]);
  };
  if (Tn > 1) parallel_for(int64_t(MR), 1, 16 * Tn, body);
  else body(0, int64_t(MR), 0);
}

// The MSD digit: (key - base) >> shift. Normally the key's top MB bits (base 0); when those
// take few distinct values (a narrow range, e.g. small integers), the top MB bits of the range.
template <class U> struct Msd {
  U base;
  int shift;
  size_t operator()(U k) const { return size_t(U(k - base) >> shift); }
};

// Per-run counts of the raw top digits and the key range; returns the digit to use and, in
// hist, its counts per run (recounted when the digit changed).
template <class U, class KeyAt>
Msd<U> msd_histogram(int64_t n, int Tn, std::vector<uint32_t>& hist, const KeyAt& key_at) {
  constexpr int W = int(sizeof(U)) * 8;
  const int V = 2 * Tn;
  auto lo = [&](int c) { return n * c / V; };
  std::vector<U> mn(size_t(V), U(~U(0))), mx(size_t(V), U(0));
  Msd<U> raw{U(0), W > MB ? W - MB : 0};
  run_chunks(Tn, [&](int t) {
    uint32_t* h = hist.data() + size_t(2 * t) * MR;
    U lo_[2] = {U(~U(0)), U(~U(0))}, hi_[2] = {U(0), U(0)};
    two_streams(lo(2 * t), lo(2 * t + 1), lo(2 * t + 1), lo(2 * t + 2), [&](int64_t i, int r) {
      const U k = key_at(i);
      lo_[r] = k < lo_[r] ? k : lo_[r];
      hi_[r] = k > hi_[r] ? k : hi_[r];
      ++h[size_t(r) * MR + raw(k)];
    });
    for (int r = 0; r < 2; ++r) {
      mn[size_t(2 * t + r)] = lo_[r];
      mx[size_t(2 * t + r)] = hi_[r];
    }
  });
  const U kmin = *std::min_element(mn.begin(), mn.end());
  const U kmax = *std::max_element(mx.begin(), mx.end());
  if (raw(kmax) - raw(kmin) >= MR / 4) return raw;
  const int bits = bit_length(U(kmax - kmin));
  Msd<U> fit{kmin, bits > MB ? bits - MB : 0};
  std::fill(hist.begin(), hist.end(), 0u);
  run_chunks(Tn, [&](int t) {
    uint32_t* h = hist.data() + size_t(2 * t) * MR;
    two_streams(lo(2 * t), lo(2 * t + 1), lo(2 * t + 1), lo(2 * t + 2), [&](int64_t i, int r) {
      ++h[size_t(r) * MR + fit(key_at(i))];
    });
  });
  return fit;
}

// Sorts the n values of a (as unsigned bits) by key(u), stably (tmp: scratch of n). Long
// lanes: LSD with 11-bit digits (a digit that is the same for every key is skipped), all digit
// counts taken in one pass; with several threads, each pass recounts per-thread chunks of the
// moved values. The key is recomputed on each pass: the original bits move (NaN payloads and
// the sign of zero survive), and that measured faster than moving precomputed keys.
template <class U, class KeyF>
void lsd_values(U* a, U* tmp, int64_t n, int threads, const KeyF& key) {
  constexpr int W = int(sizeof(U)) * 8;
  constexpr int B = MB;
  constexpr int P = (W + B - 1) / B;
  constexpr size_t R = MR;
  auto digit = [&key](U u, int p) { return size_t(key(u) >> (p * B)) & (R - 1); };
  const int Tn = chunks_for(n, threads);
  auto lo = [&](int t) { return n * t / Tn; };
  std::vector<uint32_t> hist(size_t(Tn) * P * R, 0);
  run_chunks(Tn, [&](int t) {
    uint32_t* h = hist.data() + size_t(t) * P * R;
    for (int64_t i = lo(t), e = lo(t + 1); i < e; ++i) {
      const U k = key(a[i]);
      for (int p = 0; p < P; ++p) ++h[size_t(p) * R + (size_t(k >> (p * B)) & (R - 1))];
    }
  });
  int passes[P], np = 0;
  for (int p = 0; p < P; ++p) {
    size_t c = 0;
    for (int t = 0; t < Tn; ++t) c += hist[size_t(t) * P * R + size_t(p) * R + digit(a[0], p)];
    if (c != size_t(n)) passes[np++] = p;
  }
  U* src = a;
  U* dst = tmp;
  std::vector<size_t> off(size_t(Tn) * R);
  for (int j = 0; j < np; ++j) {
    const int p = passes[j];
    if (j > 0 && Tn > 1) {  // chunk counts of the moved values (the totals do not change)
      run_chunks(Tn, [&](int t) {
        uint32_t* h = hist.data() + size_t(t) * P * R + size_t(p) * R;
        std::fill(h, h + R, 0u);
        for (int64_t i = lo(t), e = lo(t + 1); i < e; ++i) ++h[digit(src[i], p)];
      });
    }
    offsets<R>(hist.data() + size_t(p) * R, size_t(P) * R, Tn, off.data());
    run_chunks(Tn, [&](int t) {
      size_t* o = off.data() + size_t(t) * R;
      for (int64_t i = lo(t), e = lo(t + 1); i < e; ++i) {
        const U u = src[i];
        dst[o[digit(u, p)]++] = u;
      }
    });
    std::swap(src, dst);
  }
  if (src != a) std::memcpy(a, src, size_t(n) * sizeof(U));
}

// Number of elements of L among the first k of the stable merge of L (nl) and R (nr).
template <class U, class KeyF>
int64_t co_rank(const U* L, int64_t nl, const U* R, int64_t nr, int64_t k, const KeyF& key) {
  int64_t lo = std::max<int64_t>(0, k - nr), hi = std::min(k, nl);
  while (lo < hi) {
    const int64_t i = (lo + hi) / 2;
    if (key(L[i]) <= key(R[k - i - 1])) lo = i + 1;  // L[i] precedes R[k-i-1]: take more of L
    else hi = i;
  }
  return lo;
}

// out[0, (i1-i0)+(j1-j0)) = stable merge of L[i0, i1) and R[j0, j1) (L first on ties).
template <class U, class KeyF>
void merge_runs(const U* L, int64_t i0, int64_t i1, const U* R, int64_t j0, int64_t j1, U* out,
                const KeyF& key) {
  int64_t i = i0, j = j0;
  while (i < i1 && j < j1) {  // branch-free: random data mispredicts a branchy merge
    const U l = L[i], r = R[j];
    const bool take_l = key(l) <= key(r);
    *out++ = take_l ? l : r;
    i += take_l;
    j += !take_l;
  }
  out = std::copy(L + i, L + i1, out);
  std::copy(R + j, R + j1, out);
}

// From this length, sort uses two threads (below it the merge and the wake-up cost more than
// they save: measured 1e6 float32 10.2 ms on one thread, 14.3 on two; 1e7: 154 vs 113).
constexpr int64_t kHalvesMin = int64_t(1) << 22;

// Long lanes on several threads: each half sorted by one thread (no synchronisation inside),
// then the halves merged stably, each thread writing one half of the result (merge path).
template <class U, class KeyF>
void sort_halves(U* a, U* tmp, int64_t n, const KeyF& key) {
  const int64_t h = n / 2;
  run_chunks(2, [&](int t) {
    const int64_t b = t ? h : 0, m = t ? n - h : h;
    lsd_values(a + b, tmp + b, m, 1, key);
    std::memcpy(tmp + b, a + b, size_t(m) * sizeof(U));
  });
  const U* L = tmp;
  const U* R = tmp + h;
  run_chunks(2, [&](int t) {
    const int64_t k0 = t ? n / 2 : 0, k1 = t ? n : n / 2;
    const int64_t i0 = co_rank(L, h, R, n - h, k0, key), i1 = co_rank(L, h, R, n - h, k1, key);
    merge_runs(L, i0, i1, R, k0 - i0, k1 - i1, a + k0, key);
  });
}

template <class T>
void sort_values(T* v, int64_t n, bool descending, int threads) {
  using U = typename UInt<T>::type;
  constexpr int W = int(sizeof(U)) * 8;
  constexpr Kind K = kind_of<T>();
  const U dm = descending ? U(~U(0)) : U(0);
  auto key = [dm](U u) { return U(radix_key<U, K>(u) ^ dm); };
  U* a = reinterpret_cast<U*>(v);  // bits moved as unsigned (no float compares anywhere)
  std::unique_ptr<U[]> tmp(new U[size_t(n)]);
  if (W <= 16 || n < kMsdMin) {
    local_values(a, tmp.get(), n, W, key, false);
    return;
  }
  const bool halves = threads > 1 && n >= kHalvesMin;
  auto run = [&](const auto& k) {
    if (halves) sort_halves(a, tmp.get(), n, k);
    else lsd_values(a, tmp.get(), n, 1, k);
  };
  if constexpr (K != Kind::Float) {
    // Integers often span a narrow range: key - min has constant high digits (skipped).
    U mn = key(a[0]);
    for (int64_t i = 1; i < n; ++i) {
      const U k = key(a[i]);
      mn = k < mn ? k : mn;
    }
    run([key, mn](U u) { return U(key(u) - mn); });
  } else {
    run(key);
  }
}

template <class T>
void argsort_values(const T* v, int64_t* out, int64_t n, bool descending, int threads) {
  using U = typename UInt<T>::type;
  constexpr int W = int(sizeof(U)) * 8;
  constexpr Kind K = kind_of<T>();
  const U dm = descending ? U(~U(0)) : U(0);
  const U* a = reinterpret_cast<const U*>(v);
  std::unique_ptr<U[]> ka(new U[size_t(n)]), kb(new U[size_t(n)]);
  std::unique_ptr<uint32_t[]> ia(new uint32_t[size_t(n)]), ib(new uint32_t[size_t(n)]);
  if (W <= 16 || n < kMsdMin) {
    for (int64_t i = 0; i < n; ++i) {
      ka[i] = U(radix_key<U, K>(a[i]) ^ dm);
      ia[i] = uint32_t(i);
    }
    local_pairs(ka.get(), ia.get(), kb.get(), ib.get(), n, W, out);
    return;
  }
  const int Tn = chunks_for(n, threads), V = 2 * Tn;
  auto lo = [&](int c) { return n * c / V; };
  std::vector<uint32_t> hist(size_t(V) * MR, 0);
  U* kp = ka.get();
  const Msd<U> msd = msd_histogram<U>(n, Tn, hist, [&](int64_t i) {
    const U k = U(radix_key<U, K>(a[i]) ^ dm);
    kp[i] = k;  // (rewritten with the same value if the digit is recounted)
    return k;
  });
  std::vector<size_t> off(size_t(V) * MR), start(MR + 1);
  offsets<MR>(hist.data(), MR, V, off.data());
  for (size_t d = 0; d < MR; ++d) start[d] = off[d];
  start[MR] = size_t(n);
  run_chunks(Tn, [&](int t) {
    size_t* o = off.data() + size_t(2 * t) * MR;
    const U* ks = ka.get();
    U* kd = kb.get();
    uint32_t* id = ib.get();
    two_streams(lo(2 * t), lo(2 * t + 1), lo(2 * t + 1), lo(2 * t + 2), [&](int64_t i, int r) {
      const U k = ks[i];
      const size_t pos = o[size_t(r) * MR + msd(k)]++;
      kd[pos] = k;
      id[pos] = uint32_t(i);
    });
  });
  for_buckets(start, Tn, [&](size_t s, size_t e) {
    if (e > s) local_pairs(kb.get() + s, ib.get() + s, ka.get() + s, ia.get() + s,
                           int64_t(e - s), W, out + s);
  });
}

// ---- argsort through the AVX-512 sort of packed 64-bit words -------------------------------
//
// Each element becomes the word (key << 32) | index (key: the radix key above, complemented for
// descending, made relative to the minimum when the keys span less than 2^32); sorting the words
// as uint64 (cpu/sort_avx512.cpp) orders by key and, among equal keys, by index: the stable
// order. 64-bit keys spanning more: the words carry the key's high 32 bits, then each run of
// equal high halves is sorted again on (low half << 32) | index.

constexpr uint64_t kLow = 0xffffffffull;

// Sorts the m words w[0..m) (key32 << 32 | index) in place.
inline void sort_words(uint64_t* w, int64_t m, int threads) {
  if (m < 2) return;
  if (m <= 16) {
    for (int64_t i = 1; i < m; ++i) {
      const uint64_t x = w[i];
      int64_t j = i;
      for (; j > 0 && w[j - 1] > x; --j) w[j] = w[j - 1];
      w[j] = x;
    }
    return;
  }
  simd_sort<uint64_t>(w, w, m, false, threads);
}

template <class T>
bool packed_argsort_impl(const T* v, int64_t* out, int64_t n, bool descending, int threads) {
  using U = typename UInt<T>::type;
  constexpr Kind K = kind_of<T>();
  const U dm = descending ? U(~U(0)) : U(0);
  const U* a = reinterpret_cast<const U*>(v);
  uint64_t* w = reinterpret_cast<uint64_t*>(out);
  U mn = U(~U(0)), mx = 0;
  for (int64_t i = 0; i < n; ++i) {
    const U k = U(radix_key<U, K>(a[i]) ^ dm);
    mn = k < mn ? k : mn;
    mx = k > mx ? k : mx;
  }
  // Narrow integer ranges: the radix sort takes one or two passes, faster than a full sort.
  if (K != Kind::Float && uint64_t(mx - mn) <= 0xffffu) {
    const int64_t range = int64_t(mx - mn) + 1;
    if (range > 4 * n + 1024) return false;  // sparse: the radix sort's one or two passes
    // Counting sort: one histogram, then every index scattered in input order (stable).
    std::vector<int64_t> pos(size_t(range) + 1, 0);
    for (int64_t i = 0; i < n; ++i) ++pos[size_t(U(U(radix_key<U, K>(a[i]) ^ dm) - mn)) + 1];
    for (int64_t r = 1; r <= range; ++r) pos[size_t(r)] += pos[size_t(r) - 1];
    for (int64_t i = 0; i < n; ++i) out[pos[size_t(U(U(radix_key<U, K>(a[i]) ^ dm) - mn))]++] = i;
    return true;
  }
  if (sizeof(U) <= 4 || uint64_t(mx - mn) <= kLow) {
    for (int64_t i = 0; i < n; ++i)
      w[i] = (uint64_t(U(U(radix_key<U, K>(a[i]) ^ dm) - mn)) << 32) | uint64_t(i);
    sort_words(w, n, threads);
  } else {
    for (int64_t i = 0; i < n; ++i)
      w[i] = (uint64_t(U(radix_key<U, K>(a[i]) ^ dm)) >> 32 << 32) | uint64_t(i);
    sort_words(w, n, threads);
    for (int64_t s = 0; s < n;) {
      const uint64_t hi = w[s] >> 32;
      int64_t e = s + 1;
      while (e < n && (w[e] >> 32) == hi) ++e;
      if (e - s > 1) {
        for (int64_t j = s; j < e; ++j) {
          const uint64_t i = w[j] & kLow;
          w[j] = (uint64_t(U(radix_key<U, K>(a[i]) ^ dm)) << 32) | i;
        }
        sort_words(w + s, e - s, threads);
        for (int64_t j = s; j < e; ++j) w[j] = (uint64_t(hi) << 32) | (w[j] & kLow);
      }
      s = e;
    }
  }
  for (int64_t i = 0; i < n; ++i) out[i] = int64_t(w[i] & kLow);
  return true;
}

}  // namespace

template <class T> void radix_sort(T* v, int64_t n, bool descending, int threads) {
  sort_values<T>(v, n, descending, threads);
}

template <class T>
void radix_argsort(const T* v, int64_t* idx, int64_t n, bool descending, int threads) {
  argsort_values<T>(v, idx, n, descending, threads);
}

template <class T>
bool packed_argsort(const T* v, int64_t* idx, int64_t n, bool descending, int threads) {
  if constexpr (sizeof(T) < 4) {
    return false;
  } else {
    if (n < 2 || uint64_t(n) > kLow || !simd_sort_enabled()) return false;
    return packed_argsort_impl<T>(v, idx, n, descending, threads);
  }
}

#define HC_RADIX(T)                                                       \
  template bool packed_argsort<T>(const T*, int64_t*, int64_t, bool, int); \
  template void radix_sort<T>(T*, int64_t, bool, int);                    \
  template void radix_argsort<T>(const T*, int64_t*, int64_t, bool, int);
HC_RADIX(int8_t)
HC_RADIX(int16_t)
HC_RADIX(int32_t)
HC_RADIX(int64_t)
HC_RADIX(uint8_t)
HC_RADIX(uint16_t)
HC_RADIX(uint32_t)
HC_RADIX(uint64_t)
HC_RADIX(float)
HC_RADIX(double)
#undef HC_RADIX

}  // namespace hc::cpu
