// Radix sort lane kernels for 1/2/4/8-byte integers and float32/float64 (cpu/sort.h).
//
// Each element maps to an unsigned key whose unsigned order is the sort order:
//   unsigned: the value; signed: the value with its sign bit flipped;
//   float: +x -> bits | sign bit, -x -> ~bits (so more negative = smaller), -0 -> the key of +0
//   (equal values get equal keys, so the stable radix keeps zeros in their input order), every
//   NaN (any sign or payload) -> all ones, after +inf, all NaNs equal (stable among themselves).
// Descending complements the keys: greatest first, NaNs first, equal keys still in input order
// (LSD radix sort is stable), which is the standard's stable descending order.
//
// sort: lanes under 256 elements (and 1/2-byte types) move the original bits with local_values
// (the key recomputed on each pass); longer lanes of 32/64-bit types compute each key once
// (a bijection of the bits, mapped back at the end) with zeros and NaNs taken out in input order
// and put back between the signs / at the end (keyed_values: LSD with 8-bit digits under 64K;
// msd_values from 64K: one MSD pass on the top 11 key bits, chunks over the threads, then each
// bucket sorted in cache and written as bits straight to its final place, buckets shared out).
// argsort builds the keys once and moves (key, uint32 index) pairs, the last pass writing int64
// indices. A pass whose digit is the same for every element is skipped, and 32/64-bit keys are
// taken relative to their minimum first (small-range integers need one or two passes).
//   lanes < 64K: local LSD, 8-bit digits (11-bit from 8192 elements), insertion under 32;
//   argsort, longer: one MSD pass on the top 11 key bits (per-thread counts of contiguous runs,
//     stable), then each bucket sorted in cache by the local LSD, buckets shared out.
// (Measured on this machine, 1e6 float32 from normal data: LSD with precomputed keys 7-7.5 ms,
// 11-bit digits over 3 passes of ~1.8 ms; the MSD path 6.0-6.5 ms on one thread, 5.0-7 ms on
// two (noisy shared machine); the old two-halves merge lost to it at 1e7: 230 vs 156 ms.)
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

// ---- values sort on precomputed keys (long lanes) -------------------------------------------
//
// One read of the input writes the keys (a bijection of the bits, so the bits come back from the
// key) to a buffer and counts every digit of every pass; the passes then move plain keys; a last
// pass maps them back to bits. Floats: zeros and NaNs (the values whose key is not their order)
// are taken out in that first read, in input order, into the front of the lane (already read,
// so free); the key of every other value is bits ^ (sign ? all ones : sign bit), whose unsigned
// order is the value order. At the end the zeros go between the negatives and the positives and
// the NaNs last (first when descending), each group in input order: exactly the stable order,
// with every payload and zero sign unchanged. Integers: key - min (min found first), so narrow
// ranges skip their constant high digits.
template <class U, Kind K> inline U to_key(U u) {
  constexpr int W = int(sizeof(U)) * 8;
  constexpr U sign = U(U(1) << (W - 1));
  if constexpr (K == Kind::Unsigned) return u;
  else if constexpr (K == Kind::Signed) return U(u ^ sign);
  else return U(u ^ (U(U(0) - U(u >> (W - 1))) | sign));
}
template <class U, Kind K> inline U from_key(U k) {
  constexpr int W = int(sizeof(U)) * 8;
  constexpr U sign = U(U(1) << (W - 1));
  if constexpr (K == Kind::Unsigned) return k;
  else if constexpr (K == Kind::Signed) return U(k ^ sign);
  else return U(k ^ (U(U(k >> (W - 1)) - U(1)) | sign));
}

// dst[i] = from_key((src[i] + base) ^ dm), i ascending (dst may overlap src at or below it).
template <class U, Kind K>
void keys_back(const U* src, int64_t m, U* dst, U base, U dm) {
  for (int64_t i = 0; i < m; ++i) dst[i] = from_key<U, K>(U(U(src[i] + base) ^ dm));
}

template <int B, class U, Kind K>
void keyed_values(U* a, int64_t n, bool descending) {
  constexpr int W = int(sizeof(U)) * 8;
  constexpr int P = (W + B - 1) / B;
  constexpr size_t R = size_t(1) << B;
  constexpr U sign = U(U(1) << (W - 1));
  constexpr U inf = W == 32 ? U(0x7f800000u) : U(0x7ff0000000000000ull);
  const U dm = descending ? U(~U(0)) : U(0);
  std::unique_ptr<U[]> kbuf(new U[size_t(n)]);
  U* keys = kbuf.get();
  std::vector<uint32_t> hist(size_t(P) * R, 0u);
  uint32_t* h = hist.data();
  int64_t m = 0, ne = 0;
  U base = 0;
  if constexpr (K == Kind::Float) {
    for (int64_t i = 0; i < n; ++i) {
      const U u = a[i];
      const U k = U(to_key<U, K>(u) ^ dm);
      const bool exc = U(U(u & U(~sign)) - U(1)) >= inf;  // +-0 or NaN
      keys[m] = k;
      m += !exc;
      a[ne] = u;  // ne <= i: a[ne] was read already
      ne += exc;
      for (int p = 0; p < P; ++p) ++h[size_t(p) * R + (size_t(k >> (p * B)) & (R - 1))];
    }
    for (int64_t j = 0; j < ne; ++j) {  // uncount the zeros and NaNs
      const U k = U(to_key<U, K>(a[j]) ^ dm);
      for (int p = 0; p < P; ++p) --h[size_t(p) * R + (size_t(k >> (p * B)) & (R - 1))];
    }
  } else {
    U mn = U(~U(0));
    for (int64_t i = 0; i < n; ++i) {
      const U k = U(to_key<U, K>(a[i]) ^ dm);
      mn = k < mn ? k : mn;
    }
    base = mn;
    for (int64_t i = 0; i < n; ++i) {
      const U k = U(U(to_key<U, K>(a[i]) ^ dm) - mn);
      keys[i] = k;
      for (int p = 0; p < P; ++p) ++h[size_t(p) * R + (size_t(k >> (p * B)) & (R - 1))];
    }
    m = n;
  }
  U* src = keys;
  U* dst = a + ne;
  if (m > 0) {
    for (int p = 0; p < P; ++p) {
      uint32_t* hp = h + size_t(p) * R;
      if (hp[size_t(keys[0] >> (p * B)) & (R - 1)] == uint32_t(m)) continue;  // constant digit
      uint32_t s = 0;
      for (size_t d = 0; d < R; ++d) {
        const uint32_t c = hp[d];
        hp[d] = s;
        s += c;
      }
      for (int64_t i = 0; i < m; ++i) {
        const U k = src[i];
        dst[hp[size_t(k >> (p * B)) & (R - 1)]++] = k;
      }
      std::swap(src, dst);
    }
  }
  if constexpr (K == Kind::Float) {
    if (ne == 0) {
      keys_back<U, K>(src, m, a, U(0), dm);
      return;
    }
    std::vector<U> zero, nan;
    for (int64_t j = 0; j < ne; ++j) (U(a[j] & U(~sign)) == 0 ? zero : nan).push_back(a[j]);
    const int64_t nz = int64_t(zero.size()), nn = int64_t(nan.size());
    // Keys below the sign bit: the negatives (ascending) or the positives (descending).
    const int64_t split = std::partition_point(src, src + m, [](U k) { return k < sign; }) - src;
    U* out = a + (descending ? nn : 0);
    // (src may be a + ne: every destination is at or below its source, written in order.)
    keys_back<U, K>(src, split, out, U(0), dm);
    keys_back<U, K>(src + split, m - split, out + split + nz, U(0), dm);
    std::copy(zero.begin(), zero.end(), out + split);
    std::copy(nan.begin(), nan.end(), descending ? a : a + m + nz);
  } else {
    keys_back<U, K>(src, m, a, base, dm);
  }
}

// A bucket of 32-bit keys that share their top MB bits, sorted by the low 21 bits (two passes,
// 11 + 10 bits, both counted in one read) and written to out as bits: the last pass maps each
// key back (no separate pass). sc: scratch of len.
template <class U, Kind K>
void bucket32(U* k, U* sc, int64_t len, U* out, U dm) {
  if (len < kInsertion) {
    for (int64_t i = 1; i < len; ++i) {
      const U x = k[i];
      int64_t j = i;
      for (; j > 0 && k[j - 1] > x; --j) k[j] = k[j - 1];
      k[j] = x;
    }
    keys_back<U, K>(k, len, out, U(0), dm);
    return;
  }
  uint32_t h0[2048] = {}, h1[1024] = {};
  for (int64_t i = 0; i < len; ++i) {
    const U x = k[i];
    ++h0[x & 2047u];
    ++h1[(x >> 11) & 1023u];
  }
  const bool p0 = h0[k[0] & 2047u] != uint32_t(len), p1 = h1[(k[0] >> 11) & 1023u] != uint32_t(len);
  U* src = k;
  if (p0) {
    uint32_t s = 0;
    for (int d = 0; d < 2048; ++d) { const uint32_t c = h0[d]; h0[d] = s; s += c; }
    for (int64_t i = 0; i < len; ++i) {
      const U x = k[i];
      sc[h0[x & 2047u]++] = x;
    }
    src = sc;
  }
  if (p1) {
    uint32_t s = 0;
    for (int d = 0; d < 1024; ++d) { const uint32_t c = h1[d]; h1[d] = s; s += c; }
    for (int64_t i = 0; i < len; ++i) {
      const U x = src[i];
      out[h1[(x >> 11) & 1023u]++] = from_key<U, K>(U(x ^ dm));
    }
  } else {
    keys_back<U, K>(src, len, out, U(0), dm);
  }
}

// Long lanes: one MSD pass on the top MB bits of the key, then each bucket sorted in cache.
//   1. counts of the top digit per chunk of the input (zeros and NaNs counted apart);
//   2. every key written once, stably, into its bucket of a key buffer (zeros and NaNs, whose
//      keys also map back to their exact bits, to a last region in input order);
//   3. each bucket (its keys share the top bits) sorted by local_values on key - min, then
//      mapped back to bits straight into its final place in the lane: negatives, zeros,
//      positives, NaNs (NaNs first and positives before negatives when descending).
// Phases 1 and 2 split the lane into contiguous chunks over the threads, phase 3 shares the
// buckets out. Integers use the same path without the zero/NaN region.
template <class U, Kind K>
void msd_values(U* a, int64_t n, bool descending, int threads) {
  constexpr int W = int(sizeof(U)) * 8;
  constexpr int SH = W - MB;
  constexpr size_t R = MR;
  constexpr size_t RX = R + 1;  // bucket R: zeros and NaNs
  constexpr U sign = U(U(1) << (W - 1));
  constexpr U inf = W == 32 ? U(0x7f800000u) : U(0x7ff0000000000000ull);
  const U dm = descending ? U(~U(0)) : U(0);
  auto exc = [](U u) {
    if constexpr (K == Kind::Float) return U(U(u & U(~sign)) - U(1)) >= inf;  // +-0 or NaN
    else return false;
  };
  auto digit = [&](U u, U k) { return exc(u) ? R : size_t(k >> SH); };
  const int Tn = chunks_for(n, threads);
  auto lo = [&](int t) { return n * t / Tn; };
  std::vector<uint32_t> hist(size_t(Tn) * RX, 0u);
  run_chunks(Tn, [&](int t) {
    uint32_t* h = hist.data() + size_t(t) * RX;
    for (int64_t i = lo(t), e = lo(t + 1); i < e; ++i) {
      const U u = a[i];
      ++h[digit(u, U(to_key<U, K>(u) ^ dm))];
    }
  });
  std::vector<size_t> off(size_t(Tn) * RX), start(RX + 1);
  offsets<RX>(hist.data(), RX, Tn, off.data());
  for (size_t d = 0; d < RX; ++d) start[d] = off[d];
  start[RX] = size_t(n);
  std::unique_ptr<U[]> kbuf(new U[size_t(n)]);
  U* kb = kbuf.get();
  run_chunks(Tn, [&](int t) {
    size_t* o = off.data() + size_t(t) * RX;
    for (int64_t i = lo(t), e = lo(t + 1); i < e; ++i) {
      const U u = a[i];
      const U k = U(to_key<U, K>(u) ^ dm);
      kb[o[digit(u, k)]++] = k;
    }
  });
  // Final places: the zeros and NaNs taken out apart.
  const int64_t m = int64_t(start[R]), split = int64_t(start[R / 2]);
  int64_t nz = 0;
  for (int64_t i = m; i < n; ++i) nz += U(from_key<U, K>(U(kb[i] ^ dm)) & U(~sign)) == 0;
  const int64_t nn = n - m - nz;
  const int64_t base = descending ? nn : 0;
  size_t maxb = 0;
  for (size_t d = 0; d < R; ++d) maxb = std::max(maxb, start[d + 1] - start[d]);
  std::vector<std::unique_ptr<U[]>> scratch{size_t(num_threads())};
  auto body = [&](int64_t b, int64_t e, int w) {
    std::unique_ptr<U[]>& sc = scratch[size_t(w)];
    if (!sc) sc.reset(new U[maxb]);
    for (int64_t d = b; d < e; ++d) {
      const size_t s = start[size_t(d)], len = start[size_t(d) + 1] - s;
      if (len == 0) continue;
      U* k = kb + s;
      U* out = a + base + int64_t(s) + (size_t(d) >= R / 2 ? nz : 0);
      if (W == 32 && len >= 2048) {  // (shorter: the 3K counters would cost more than the keys)
        bucket32<U, K>(k, sc.get(), int64_t(len), out, dm);
      } else {
        local_values(k, sc.get(), int64_t(len), SH, [](U x) { return x; }, false);
        keys_back<U, K>(k, int64_t(len), out, U(0), dm);
      }
    }
  };
  if (Tn > 1) parallel_for(int64_t(R), 1, 16 * Tn, body);
  else body(0, int64_t(R), 0);
  if (m < n) {  // zeros between the two signs, NaNs last (first), each in input order
    U* zo = a + base + split;
    U* no = descending ? a : a + m + nz;
    for (int64_t i = m; i < n; ++i) {
      const U u = from_key<U, K>(U(kb[i] ^ dm));
      if (U(u & U(~sign)) == 0) *zo++ = u;
      else *no++ = u;
    }
  }
}

// Lanes from this length sort on precomputed keys (keyed_values); shorter ones by local_values.
constexpr int64_t kKeyedMin = 256;

template <class T>
void sort_values(T* v, int64_t n, bool descending, int threads) {
  using U = typename UInt<T>::type;
  constexpr int W = int(sizeof(U)) * 8;
  constexpr Kind K = kind_of<T>();
  const U dm = descending ? U(~U(0)) : U(0);
  auto key = [dm](U u) { return U(radix_key<U, K>(u) ^ dm); };
  U* a = reinterpret_cast<U*>(v);  // bits moved as unsigned (no float compares anywhere)
  if (W <= 16 || n < kKeyedMin) {
    std::unique_ptr<U[]> tmp(new U[size_t(n)]);
    local_values(a, tmp.get(), n, W, key, false);
    return;
  }
  if constexpr (W >= 32) {
    if (W == 32 && n >= kMsdMin) msd_values<U, K>(a, n, descending, threads);
    else if (n >= kMsdMin) keyed_values<MB, U, K>(a, n, descending);
    else keyed_values<8, U, K>(a, n, descending);
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

}  // namespace

template <class T> void radix_sort(T* v, int64_t n, bool descending, int threads) {
  sort_values<T>(v, n, descending, threads);
}

template <class T>
void radix_argsort(const T* v, int64_t* idx, int64_t n, bool descending, int threads) {
  argsort_values<T>(v, idx, n, descending, threads);
}

#define HC_RADIX(T)                                                       \
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
