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

template <class T>
HC_R const T* row_ptr(const char* in, const int64_t* roff, int64_t r) {
  return reinterpret_cast<const T*>(in + roff[r]);
}

// acc[0, nc) = sum of rows [r0, r1): pairwise over the rows, leaves of kLeafRows rows summed
// sequentially. At most (kLeafRows - 1) + ceil(log2(nrows / kLeafRows)) roundings per element.
template <class T>
void pairwise_rows(const char* in, const int64_t* roff, int64_t r0, int64_t r1, int64_t nc,
                   T* __restrict acc) {
  const int64_t n = r1 - r0;
  if (n <= kLeafRows) {
    const T* a = row_ptr<T>(in, roff, r0);
    for (int64_t c = 0; c < nc; ++c) acc[c] = a[c];
    for (int64_t r = r0 + 1; r < r1; ++r) {
      const T* __restrict b = row_ptr<T>(in, roff, r);
      for (int64_t c = 0; c < nc; ++c) acc[c] += b[c];
    }
    return;
  }
  const int64_t half = n / 2;
  T tmp[outer_block<T>()];
  pairwise_rows<T>(in, roff, r0, r0 + half, nc, acc);
  pairwise_rows<T>(in, roff, r0 + half, r1, nc, tmp);
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
template <class T, bool Max>
int64_t contig_arg(const T* a, int64_t n) {
  constexpr int K = int(128 / sizeof(T)) < 32 ? 32 : int(128 / sizeof(T));  // >16: not fully unrolled, vectorised
  constexpr int64_t kArgChunk = 2048;
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

#undef HC_R
