// Reduction kernels written as plain loops over contiguous memory for the compiler to
// vectorise. cpp/cpu/reduce_simd.cpp includes this file once per target (inside a
// `#pragma GCC target` region and a namespace of its own on x86-64, once plainly elsewhere), so
// no include guard and no includes here: the includer provides <cmath>, <cstdint>, <cstring>.
//
// Outer kernels reduce `nrows` rows of `ncols` contiguous elements (row r starts at in + roff[r]
// bytes) into out[c * ostride], c < ncols: the reduced axes are the rows, the kept contiguous
// axis the columns, so every step is an elementwise vector operation on a row. The result of a
// column never depends on how the columns are blocked or split over threads.

#define HC_R inline __attribute__((always_inline))

// Columns per block: the block's accumulators (and the pairwise stack) stay in L1.
template <class T> constexpr int64_t outer_block() { return 2048 / int64_t(sizeof(T)); }
// Rows per pairwise leaf (summed one after another into the block's accumulators).
constexpr int64_t kLeafRows = 16;

// Inputs are read as Stored<In> and converted by ext (bool: its bytes, nonzero = 1).
template <class In> using Stored = std::conditional_t<std::is_same_v<In, bool>, uint8_t, In>;

template <class In, class R>
HC_R R ext(Stored<In> v) {
  if constexpr (std::is_same_v<In, bool>) return R(v != 0);
  else return R(v);
}

template <class T>
HC_R const T* row_ptr(const char* in, const int64_t* roff, int64_t r) {
  return reinterpret_cast<const T*>(in + roff[r]);
}

// acc[0, nc) = sum of rows [r0, r1): pairwise over the rows, leaves of kLeafRows rows summed
// sequentially. At most (kLeafRows - 1) + ceil(log2(nrows / kLeafRows)) roundings per element.
// The rows hold In (T itself, or an integer type converted to T = double on load: the same
// additions in the same order as on a converted copy).
template <class T, class In = T>
void pairwise_rows(const char* in, const int64_t* roff, int64_t r0, int64_t r1, int64_t nc,
                   T* __restrict acc) {
  const int64_t n = r1 - r0;
  if (n <= kLeafRows) {
    const Stored<In>* a = row_ptr<Stored<In>>(in, roff, r0);
    for (int64_t c = 0; c < nc; ++c) acc[c] = ext<In, T>(a[c]);
    for (int64_t r = r0 + 1; r < r1; ++r) {
      const Stored<In>* __restrict b = row_ptr<Stored<In>>(in, roff, r);
      for (int64_t c = 0; c < nc; ++c) acc[c] += ext<In, T>(b[c]);
    }
    return;
  }
  const int64_t half = n / 2;
  T tmp[outer_block<T>()];
  pairwise_rows<T, In>(in, roff, r0, r0 + half, nc, acc);
  pairwise_rows<T, In>(in, roff, r0 + half, r1, nc, tmp);
  for (int64_t c = 0; c < nc; ++c) acc[c] += tmp[c];
}

template <class T>
HC_R void store_block(const T* acc, int64_t nc, char* out, int64_t ostride) {
  if (ostride == int64_t(sizeof(T))) {
    std::memcpy(out, acc, size_t(nc) * sizeof(T));
    return;
  }
  for (int64_t c = 0; c < nc; ++c) std::memcpy(out + c * ostride, &acc[c], sizeof(T));
}

template <class T>
void outer_sum(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols, char* out,
               int64_t ostride) {
  constexpr int64_t B = outer_block<T>();
  alignas(64) T acc[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    const char* base = in + c0 * int64_t(sizeof(T));
    if constexpr (std::is_floating_point_v<T>) {
      pairwise_rows<T>(base, roff, 0, nrows, nc, acc);
    } else {
      // Integers wrap (unsigned arithmetic); any order gives the same result.
      using U = std::conditional_t<std::is_same_v<T, bool>, bool, std::make_unsigned_t<T>>;
      U* __restrict u = reinterpret_cast<U*>(acc);
      const U* a = reinterpret_cast<const U*>(base + roff[0]);
      for (int64_t c = 0; c < nc; ++c) u[c] = a[c];
      for (int64_t r = 1; r < nrows; ++r) {
        const U* __restrict b = reinterpret_cast<const U*>(base + roff[r]);
        for (int64_t c = 0; c < nc; ++c) u[c] = U(u[c] + b[c]);
      }
    }
    store_block<T>(acc, nc, out + c0 * ostride, ostride);
  }
}

template <class T>
void outer_prod(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols, char* out,
                int64_t ostride) {
  constexpr int64_t B = outer_block<T>();
  alignas(64) T acc[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    const char* base = in + c0 * int64_t(sizeof(T));
    if constexpr (std::is_floating_point_v<T>) {
      const T* a = row_ptr<T>(base, roff, 0);
      for (int64_t c = 0; c < nc; ++c) acc[c] = a[c];
      for (int64_t r = 1; r < nrows; ++r) {
        const T* __restrict b = row_ptr<T>(base, roff, r);
        for (int64_t c = 0; c < nc; ++c) acc[c] *= b[c];
      }
    } else {
      // At least unsigned int wide, so 16-bit products do not overflow a promoted int.
      using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
      const T* a = row_ptr<T>(base, roff, 0);
      for (int64_t c = 0; c < nc; ++c) acc[c] = a[c];
      for (int64_t r = 1; r < nrows; ++r) {
        const T* __restrict b = row_ptr<T>(base, roff, r);
        for (int64_t c = 0; c < nc; ++c) acc[c] = T(U(acc[c]) * U(b[c]));
      }
    }
    store_block<T>(acc, nc, out + c0 * ostride, ostride);
  }
}

// max/min: a NaN anywhere in a column makes the column's result NaN (once acc is NaN no
// comparison replaces it); equal values (-0.0, +0.0) keep the first.
template <class T, bool Max>
void outer_extreme(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols, char* out,
                   int64_t ostride) {
  constexpr int64_t B = outer_block<T>();
  alignas(64) T acc[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    const char* base = in + c0 * int64_t(sizeof(T));
    const T* a = row_ptr<T>(base, roff, 0);
    for (int64_t c = 0; c < nc; ++c) acc[c] = a[c];
    for (int64_t r = 1; r < nrows; ++r) {
      const T* __restrict b = row_ptr<T>(base, roff, r);
      for (int64_t c = 0; c < nc; ++c) {
        const T v = b[c];
        const bool take = (Max ? v > acc[c] : v < acc[c]) | (v != v);
        acc[c] = take ? v : acc[c];
      }
    }
    store_block<T>(acc, nc, out + c0 * ostride, ostride);
  }
}

// The extreme of n >= 1 contiguous elements; NaN if there is one (the first NaN's bits).
template <class T, bool Max>
T contig_extreme(const T* a, int64_t n) {
  constexpr int K = int(256 / sizeof(T)) < 32 ? 32 : int(256 / sizeof(T));
  int64_t i = 0;
  T r = a[0];
  bool nan = false;
  if (n >= 2 * K) {
    T m[K], f[K];
    for (int k = 0; k < K; ++k) {
      m[k] = a[k];
      f[k] = a[k] != a[k] ? a[k] : T(0);
    }
    for (i = K; i + K <= n; i += K)
      for (int k = 0; k < K; ++k) {
        const T v = a[i + k];
        m[k] = (Max ? v > m[k] : v < m[k]) ? v : m[k];
        if constexpr (std::is_floating_point_v<T>) f[k] = v != v ? v : f[k];
      }
    for (int w = K / 2; w >= 1; w /= 2)
      for (int k = 0; k < w; ++k) {
        m[k] = (Max ? m[k + w] > m[k] : m[k + w] < m[k]) ? m[k + w] : m[k];
        if constexpr (std::is_floating_point_v<T>) f[k] = f[k + w] != f[k + w] ? f[k + w] : f[k];
      }
    r = m[0];
    if constexpr (std::is_floating_point_v<T>) nan = f[0] != f[0];
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (nan) {
      for (int64_t j = 0; j < n; ++j)
        if (a[j] != a[j]) return a[j];
    }
  }
  for (; i < n; ++i) {
    const T v = a[i];
    if constexpr (std::is_floating_point_v<T>)
      if (v != v) return v;
    if (Max ? v > r : v < r) r = v;
  }
  return r;
}

// Index of the first extreme of n >= 1 contiguous elements; the first NaN wins outright; equal
// values (-0.0 == +0.0) count as the same extreme, so the first of them wins (NumPy). Chunks of
// kArgChunk (2048) elements are reduced with vector compare-and-select (value and NaN flag per lane);
// the chunk that first reached the extreme is rescanned for its first occurrence.
// Lane trees for short_arg, unrolled at compile time (W = K/2, K/4, ..., 1): mv[0] becomes the
// best of mv[0, 2W) (a NaN wins), cand[0] the smallest of cand[0, 2W).
template <class T, bool Max, int W>
HC_R void best_tree(T* mv) {
  if constexpr (W >= 1) {
    for (int k = 0; k < W; ++k) {
      const T x = mv[k], y = mv[k + W];
      bool t = Max ? y > x : y < x;
      if constexpr (std::is_floating_point_v<T>) t = (t | (y != y)) & (x == x);
      mv[k] = t ? y : x;
    }
    best_tree<T, Max, W / 2>(mv);
  }
}
template <class I, int W>
HC_R void min_tree(I* c) {
  if constexpr (W >= 1) {
    for (int k = 0; k < W; ++k) c[k] = c[k + W] < c[k] ? c[k + W] : c[k];
    min_tree<I, W / 2>(c);
  }
}

// One pass for short runs (K <= n <= 2048) of 4- and 8-byte types: K lanes each keep their
// best value and its index (the lane's first occurrence; once NaN, the lane keeps it). The
// last n mod K elements are covered by one more step over the last K elements (overlapping
// ones already seen, in other lanes: every recorded index is a true position of its value, and
// the first position of the extreme is recorded by the lane that first sees it). Then the lanes
// are combined: the smallest index among the lanes holding NaN, else among those holding the
// best value. No second pass over the run (rows of an axis=-1 argmax).
template <class T, bool Max, int K>
int64_t short_arg(const T* a, int64_t n) {
  using I = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  T m[K];
  I at[K];
  for (int k = 0; k < K; ++k) {
    m[k] = a[k];
    at[k] = I(k);
  }
  auto step = [&](int64_t i) {
    for (int k = 0; k < K; ++k) {
      const T v = a[i + k], b = m[k];
      bool take = Max ? v > b : v < b;
      if constexpr (std::is_floating_point_v<T>) take = (take | (v != v)) & (b == b);
      m[k] = take ? v : b;
      at[k] = take ? I(i + k) : at[k];
    }
  };
  int64_t i = K;
  for (; i + K <= n; i += K) step(i);
  if (i < n) step(n - K);
  T mv[K];
  for (int k = 0; k < K; ++k) mv[k] = m[k];
  best_tree<T, Max, K / 2>(mv);
  const T best = mv[0];
  bool nan = false;
  if constexpr (std::is_floating_point_v<T>) nan = best != best;
  I cand[K];
  for (int k = 0; k < K; ++k) {
    bool hit = m[k] == best;
    if constexpr (std::is_floating_point_v<T>) hit |= nan & (m[k] != m[k]);
    cand[k] = hit ? at[k] : ~I(0);
  }
  min_tree<I, K / 2>(cand);
  return int64_t(cand[0]);
}

template <class T, bool Max>
int64_t contig_arg(const T* a, int64_t n) {
  constexpr int K = int(128 / sizeof(T)) < 32 ? 32 : int(128 / sizeof(T));  // >16: not fully unrolled, vectorised
  constexpr int64_t kArgChunk = 2048;
  if constexpr (sizeof(T) >= 4)
    if (n >= K && n <= kArgChunk) return short_arg<T, Max, K>(a, n);
  T best = a[0];
  int64_t best_at = 0;  // start of the chunk holding the first occurrence of best
  for (int64_t s = 0; s < n; s += kArgChunk) {
    const int64_t e = n - s < kArgChunk ? n : s + kArgChunk;
    T cm;
    bool nan = false;
    int64_t i = s;
    if (e - s >= K) {
      T m[K], f[K];
      for (int k = 0; k < K; ++k) {
        m[k] = a[s + k];
        f[k] = T(0);
      }
      for (i = s + K; i + K <= e; i += K)
        for (int k = 0; k < K; ++k) {
          const T v = a[i + k];
          m[k] = (Max ? v > m[k] : v < m[k]) ? v : m[k];
          if constexpr (std::is_floating_point_v<T>) f[k] = v != v ? v : f[k];
        }
      for (int k = 0; k < K; ++k) {
        const T v = a[s + k];
        if constexpr (std::is_floating_point_v<T>) f[k] = v != v ? v : f[k];
      }
      for (int w = K / 2; w >= 1; w /= 2)
        for (int k = 0; k < w; ++k) {
          m[k] = (Max ? m[k + w] > m[k] : m[k + w] < m[k]) ? m[k + w] : m[k];
          if constexpr (std::is_floating_point_v<T>) f[k] = f[k + w] != f[k + w] ? f[k + w] : f[k];
        }
      cm = m[0];
      if constexpr (std::is_floating_point_v<T>) nan = f[0] != f[0];
    } else {
      cm = a[s];
      i = s;
    }
    for (; i < e; ++i) {
      const T v = a[i];
      if constexpr (std::is_floating_point_v<T>) nan |= v != v;
      if (Max ? v > cm : v < cm) cm = v;
    }
    if constexpr (std::is_floating_point_v<T>) {
      if (nan) {
        for (int64_t j = s; j < e; ++j)
          if (a[j] != a[j]) return j;
      }
    }
    if (Max ? cm > best : cm < best) {
      best = cm;
      best_at = s;
    }
  }
  // The first occurrence: vector compares K at a time, then the matching group one by one.
  int64_t j = best_at;
  for (; j + K <= n; j += K) {
    // An unsigned flag of T's width keeps the OR-reduction in vector lanes.
    using M = std::conditional_t<sizeof(T) == 1, uint8_t, std::conditional_t<sizeof(T) == 2, uint16_t,
              std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>>;
    M hit = 0;
    for (int k = 0; k < K; ++k) hit |= M(a[j + k] == best);
    if (hit) break;
  }
  for (; j < n; ++j)
    if (a[j] == best) return j;
  return best_at;  // not reached
}

// ---- Sums and products that read the input in its own, narrower dtype ----
// The accumulator dtype is wider: int64/uint64 for integer and bool inputs, float64 for means
// of integers; so no converted copy of the input is made. In = bool is read as its bytes,
// nonzero = 1. Integer accumulators are uint64: int64 and uint64 results have the same bits
// modulo 2^64, and In is sign- or zero-extended first, as a cast would.

// 8- and 16-bit inputs are first added in 32-bit lanes over blocks of at most 2^16 elements:
// the exact block sum fits (|sum| <= 2^31 signed, < 2^32 unsigned), so the uint32 lanes (no
// overflow UB) hold it modulo 2^32, read back as int32 for signed inputs.
constexpr int64_t kMidBlock = 65536;
template <class In>
HC_R uint64_t mid_to_u64(uint32_t m) {
  if constexpr (std::is_signed_v<In>) return uint64_t(int64_t(int32_t(m)));
  else return uint64_t(m);
}

template <class In>
uint64_t sum_run_u64(const void* p, int64_t n) {
  const Stored<In>* a = static_cast<const Stored<In>*>(p);
  uint64_t total = 0;
  if constexpr (sizeof(In) <= 2) {
    for (int64_t s = 0; s < n; s += kMidBlock) {
      const int64_t e = n - s < kMidBlock ? n : s + kMidBlock;
      uint32_t m = 0;
      for (int64_t i = s; i < e; ++i) m += uint32_t(ext<In, int32_t>(a[i]));
      total += mid_to_u64<In>(m);
    }
  } else {
    for (int64_t i = 0; i < n; ++i) total += ext<In, uint64_t>(a[i]);
  }
  return total;
}

template <class In>
uint64_t prod_run_u64(const void* p, int64_t n) {
  const Stored<In>* a = static_cast<const Stored<In>*>(p);
  constexpr int K = 32;  // independent products (a vector multiply has a long latency)
  if (n < 2 * K) {
    uint64_t r = 1;
    for (int64_t i = 0; i < n; ++i) r *= ext<In, uint64_t>(a[i]);
    return r;
  }
  uint64_t m[K];
  for (int k = 0; k < K; ++k) m[k] = 1;
  int64_t i = 0;
  for (; i + K <= n; i += K)
    for (int k = 0; k < K; ++k) m[k] *= ext<In, uint64_t>(a[i + k]);
  for (int k = 0; i + k < n; ++k) m[k] *= ext<In, uint64_t>(a[i + k]);
  uint64_t r = 1;
  for (int k = 0; k < K; ++k) r *= m[k];
  return r;
}

// The float64 pairwise sum of a[0, n) converted on load, with the additions of the float64 sum
// of a converted copy (cpu/reduce.cpp: numpy_block_sum up to 128 elements, else
// wide_pairwise_sum with 16 partial sums), so the result has the same bits.
template <class In>
double block_sum_f64(const Stored<In>* a, int64_t n) {
  if (n < 8) {
    double r = 0.0;
    for (int64_t i = 0; i < n; ++i) r += ext<In, double>(a[i]);
    return r;
  }
  double acc[8];
  for (int k = 0; k < 8; ++k) acc[k] = ext<In, double>(a[k]);
  int64_t i = 8;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) acc[k] += ext<In, double>(a[i + k]);
  double r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) r += ext<In, double>(a[i]);
  return r;
}

template <class In>
double wide_sum_f64(const Stored<In>* a, int64_t n) {
  constexpr int K = 16;
  if (n <= 16 * K) {
    double acc[K] = {};
    int64_t i = 0;
    for (; i + K <= n; i += K)
      for (int k = 0; k < K; ++k) acc[k] += ext<In, double>(a[i + k]);
    for (int k = 0; i + k < n; ++k) acc[k] += ext<In, double>(a[i + k]);
    for (int w = K / 2; w >= 1; w /= 2)
      for (int k = 0; k < w; ++k) acc[k] = acc[k] + acc[k + w];
    return acc[0];
  }
  const int64_t half = (n / 2) & ~int64_t(K - 1);
  return wide_sum_f64<In>(a, half) + wide_sum_f64<In>(a + half, n - half);
}

// Inputs of at most 32 bits: a run of at most exact_run<In>() elements has only exact partial
// sums (integers below 2^53 in magnitude) in any order, so its float64 pairwise sum IS its
// integer sum: computed as one (vectorised, no conversions) and converted once. Longer runs are
// split exactly as wide_sum_f64 splits them, so the upper additions are the same.
template <class In>
constexpr int64_t exact_run() {
  return sizeof(In) > 4 ? 0 : int64_t(1) << (53 - 8 * int(sizeof(In)));
}

template <class In>
HC_R double exact_sum(const Stored<In>* a, int64_t n) {
  const uint64_t u = sum_run_u64<In>(a, n);
  if constexpr (std::is_signed_v<In>) return double(int64_t(u));
  else return double(u);
}

template <class In>
double wide_sum_f64_exact(const Stored<In>* a, int64_t n) {
  if (n <= exact_run<In>()) return exact_sum<In>(a, n);
  const int64_t half = (n / 2) & ~int64_t(15);
  return wide_sum_f64_exact<In>(a, half) + wide_sum_f64_exact<In>(a + half, n - half);
}

template <class In>
double sum_run_f64(const void* p, int64_t n) {
  const Stored<In>* a = static_cast<const Stored<In>*>(p);
  if constexpr (exact_run<In>() > 0) return wide_sum_f64_exact<In>(a, n);
  return n <= 128 ? block_sum_f64<In>(a, n) : wide_sum_f64<In>(a, n);
}

constexpr int64_t kWideBlock = 256;  // columns per block of the widening outer kernels

// acc[0, nc) = the integer sums (modulo 2^64) of rows [rb, re) of nc <= kWideBlock columns.
template <class In>
void col_sums_u64(const char* base, const int64_t* roff, int64_t rb, int64_t re, int64_t nc,
                  uint64_t* __restrict acc) {
  using S = Stored<In>;
  for (int64_t c = 0; c < nc; ++c) acc[c] = 0;
  if constexpr (sizeof(In) <= 2) {
    alignas(64) uint32_t mid[kWideBlock];
    for (int64_t r0 = rb; r0 < re; r0 += kMidBlock) {
      const int64_t r1 = re - r0 < kMidBlock ? re : r0 + kMidBlock;
      for (int64_t c = 0; c < nc; ++c) mid[c] = 0;
      for (int64_t r = r0; r < r1; ++r) {
        const S* __restrict b = row_ptr<S>(base, roff, r);
        for (int64_t c = 0; c < nc; ++c) mid[c] += uint32_t(ext<In, int32_t>(b[c]));
      }
      for (int64_t c = 0; c < nc; ++c) acc[c] += mid_to_u64<In>(mid[c]);
    }
  } else {
    for (int64_t r = rb; r < re; ++r) {
      const S* __restrict b = row_ptr<S>(base, roff, r);
      for (int64_t c = 0; c < nc; ++c) acc[c] += ext<In, uint64_t>(b[c]);
    }
  }
}

template <class In>
void outer_sum_u64(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols, char* out,
                   int64_t ostride) {
  using S = Stored<In>;
  constexpr int64_t B = kWideBlock;
  alignas(64) uint64_t acc[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    col_sums_u64<In>(in + c0 * int64_t(sizeof(S)), roff, 0, nrows, nc, acc);
    store_block<uint64_t>(acc, nc, out + c0 * ostride, ostride);
  }
}

// The exact counterpart of pairwise_rows<double, In> for inputs of at most 32 bits: a row range
// of at most exact_run<In>() rows sums exactly (see exact_run), so its pairwise float64 sum is
// its integer sum; larger ranges are halved as pairwise_rows halves them.
template <class In>
void pairwise_rows_exact(const char* in, const int64_t* roff, int64_t r0, int64_t r1, int64_t nc,
                         double* __restrict acc) {
  const int64_t n = r1 - r0;
  if (n <= exact_run<In>()) {
    alignas(64) uint64_t u[kWideBlock];
    col_sums_u64<In>(in, roff, r0, r1, nc, u);
    for (int64_t c = 0; c < nc; ++c) {
      if constexpr (std::is_signed_v<In>) acc[c] = double(int64_t(u[c]));
      else acc[c] = double(u[c]);
    }
    return;
  }
  const int64_t half = n / 2;
  double tmp[kWideBlock];
  pairwise_rows_exact<In>(in, roff, r0, r0 + half, nc, acc);
  pairwise_rows_exact<In>(in, roff, r0 + half, r1, nc, tmp);
  for (int64_t c = 0; c < nc; ++c) acc[c] += tmp[c];
}

template <class In>
void outer_prod_u64(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols, char* out,
                    int64_t ostride) {
  using S = Stored<In>;
  constexpr int64_t B = kWideBlock;
  alignas(64) uint64_t acc[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    const char* base = in + c0 * int64_t(sizeof(S));
    for (int64_t c = 0; c < nc; ++c) acc[c] = 1;
    for (int64_t r = 0; r < nrows; ++r) {
      const S* __restrict b = row_ptr<S>(base, roff, r);
      for (int64_t c = 0; c < nc; ++c) acc[c] *= ext<In, uint64_t>(b[c]);
    }
    store_block<uint64_t>(acc, nc, out + c0 * ostride, ostride);
  }
}

// float64 sums of integer rows: pairwise over the rows exactly as outer_sum<double> on a copy.
template <class In>
void outer_sum_f64(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols, char* out,
                   int64_t ostride) {
  using S = Stored<In>;
  constexpr int64_t B = outer_block<double>();
  static_assert(B <= kWideBlock);
  alignas(64) double acc[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    if constexpr (exact_run<In>() > 0)
      pairwise_rows_exact<In>(in + c0 * int64_t(sizeof(S)), roff, 0, nrows, nc, acc);
    else
      pairwise_rows<double, In>(in + c0 * int64_t(sizeof(S)), roff, 0, nrows, nc, acc);
    store_block<double>(acc, nc, out + c0 * ostride, ostride);
  }
}

// ---- argmax/argmin along a strided axis, vectorised across contiguous columns ----
// nrows rows (row r at in + r * rstride bytes) of ncols contiguous elements; out[c * ostride]
// (int64 elements) = the first row holding column c's extreme; the first NaN wins (once a
// column's best is NaN nothing replaces it); equal values (-0.0, +0.0) keep the first. Row
// indices are kept in lanes of T's width (32 bits for narrower T): nrows < 2^32.
template <class T, bool Max>
void outer_arg(const char* in, int64_t rstride, int64_t nrows, int64_t ncols, int64_t* out,
               int64_t ostride) {
  using I = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  constexpr int64_t B = 512;
  alignas(64) T best[B];
  alignas(64) I at[B];
  for (int64_t c0 = 0; c0 < ncols; c0 += B) {
    const int64_t nc = ncols - c0 < B ? ncols - c0 : B;
    const T* a = reinterpret_cast<const T*>(in) + c0;
    for (int64_t c = 0; c < nc; ++c) {
      best[c] = a[c];
      at[c] = 0;
    }
    for (int64_t r = 1; r < nrows; ++r) {
      const T* __restrict b = reinterpret_cast<const T*>(in + r * rstride) + c0;
      const I ri = I(r);
      for (int64_t c = 0; c < nc; ++c) {
        const T v = b[c], m = best[c];
        bool take = Max ? v > m : v < m;
        if constexpr (std::is_floating_point_v<T>) take = (take | (v != v)) & (m == m);
        best[c] = take ? v : m;
        at[c] = take ? ri : at[c];
      }
    }
    for (int64_t c = 0; c < nc; ++c) out[(c0 + c) * ostride] = int64_t(at[c]);
  }
}

#undef HC_R
