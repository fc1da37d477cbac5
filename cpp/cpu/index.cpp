// Indexing kernels: nonzero, gather, scatter, take_along_axis. See index.h.
//
// Gather and scatter share one shape of work: for every point b of the broadcast index shape B,
// a byte offset off[b] into the indexed array is computed (bounds-checked, negative indices
// wrapped), then an R-shaped block (R: the axes that were not indexed) is copied between
// `base[b] + off[b]` and the b-th block of the other side. B is walked with the strided iterator,
// off first so that the walk is in C order (the last duplicate index wins in scatter).
#include "cpu/index.h"

#include <cstring>
#include <string>

#include "core/iter.h"
#include "core/registry.h"

namespace hc {
namespace {

// ---------------------------------------------------------------------------------------------
// Offsets

struct OffCtx {
  int64_t stride;     // bytes per step along the indexed axis
  int64_t size;       // the axis' length
  int report_axis;
  bool first;         // store instead of accumulate
  const std::string* prefix;
};

[[noreturn]] void out_of_bounds(const OffCtx& c, const std::string& value) {
  throw IndexError(*c.prefix + "index " + value + " is out of bounds for axis " +
                   std::to_string(c.report_axis) + " with size " + std::to_string(c.size));
}

template <class T>
void offsets_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  const OffCtx& c = *static_cast<const OffCtx*>(ctx);
  char* o = p[0];
  const char* a = p[1];
  for (int64_t i = 0; i < n; ++i) {
    T raw;
    std::memcpy(&raw, a + i * s[1], sizeof(T));
    int64_t v;
    if constexpr (std::is_unsigned_v<T>) {
      if (uint64_t(raw) >= uint64_t(c.size)) out_of_bounds(c, std::to_string(uint64_t(raw)));
      v = int64_t(raw);
    } else {
      v = int64_t(raw);
      if (v < 0) v += c.size;
      if (v < 0 || v >= c.size) out_of_bounds(c, std::to_string(int64_t(raw)));
    }
    int64_t add = v * c.stride;
    int64_t* q = reinterpret_cast<int64_t*>(o + i * s[0]);
    if (c.first) *q = add;
    else *q += add;
  }
}

Loop offsets_loop_for(DType t) {
  switch (t) {
    case DType::Int8: return &offsets_loop<int8_t>;
    case DType::Int16: return &offsets_loop<int16_t>;
    case DType::Int32: return &offsets_loop<int32_t>;
    case DType::Int64: return &offsets_loop<int64_t>;
    case DType::UInt8: return &offsets_loop<uint8_t>;
    case DType::UInt16: return &offsets_loop<uint16_t>;
    case DType::UInt32: return &offsets_loop<uint32_t>;
    case DType::UInt64: return &offsets_loop<uint64_t>;
    default: return nullptr;
  }
}

// off (int64, C-contiguous, shape B) = or += normalised(idx) * stride. idx has shape B.
void add_offsets(const Array& off, const Array& idx, int64_t stride, int64_t size, int report_axis,
                 bool first, const std::string& prefix) {
  Loop loop = offsets_loop_for(idx.dtype);
  if (!loop) throw IndexError(prefix + "arrays used as indices must be of integer (or boolean) type");
  OffCtx c{stride, size, report_axis, first, &prefix};
  const Array* ops[2] = {&off, &idx};
  run_loop(plan_iteration(2, ops, off.shape), loop, &c);
}

// ---------------------------------------------------------------------------------------------
// Element moves over the result shape. Every operand is seen with the result's shape: the
// offsets (and index arrays) with stride 0 on the non-indexed dims, the base of v with stride 0
// on the index dims, so that an element's source/destination in v is base + offset.

template <int N>
inline void copy_item(char* d, const char* s) { std::memcpy(d, s, N); }

// p[0] = out, p[1] = off (int64), p[2] = base in v.
template <int N>
void gather_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* off = p[1];
  const char* vb = p[2];
  if (s[1] == 0) {  // one offset for the whole run: a strided copy
    const char* src = vb + *reinterpret_cast<const int64_t*>(off);
    if (s[0] == N && s[2] == N) {
      std::memcpy(o, src, size_t(n) * N);
      return;
    }
    for (int64_t i = 0; i < n; ++i) copy_item<N>(o + i * s[0], src + i * s[2]);
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    copy_item<N>(o + i * s[0], vb + i * s[2] + *reinterpret_cast<const int64_t*>(off + i * s[1]));
}

// p[0] = off (int64), p[1] = base in v, p[2] = value.
template <int N>
void scatter_loop(char** p, const int64_t* s, int64_t n, const void*) {
  const char* off = p[0];
  char* vb = p[1];
  const char* val = p[2];
  for (int64_t i = 0; i < n; ++i)
    copy_item<N>(vb + i * s[1] + *reinterpret_cast<const int64_t*>(off + i * s[0]), val + i * s[2]);
}

// Single index array, gather fused with the bounds check: p[0] = out, p[1] = index, p[2] = base.
template <class T, int N>
void fused_gather_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  const OffCtx& c = *static_cast<const OffCtx*>(ctx);
  char* o = p[0];
  const char* ix = p[1];
  const char* vb = p[2];
  const int64_t runs = s[1] == 0 ? 1 : n;  // a run with one index value: check it once
  for (int64_t i = 0; i < runs; ++i) {
    T raw;
    std::memcpy(&raw, ix + i * s[1], sizeof(T));
    int64_t v;
    if constexpr (std::is_unsigned_v<T>) {
      if (uint64_t(raw) >= uint64_t(c.size)) out_of_bounds(c, std::to_string(uint64_t(raw)));
      v = int64_t(raw);
    } else {
      v = int64_t(raw);
      if (v < 0) v += c.size;
      if (v < 0 || v >= c.size) out_of_bounds(c, std::to_string(int64_t(raw)));
    }
    if (s[1] != 0) {
      copy_item<N>(o + i * s[0], vb + i * s[2] + v * c.stride);
      continue;
    }
    const char* src = vb + v * c.stride;
    if (s[0] == N && s[2] == N) {
      std::memcpy(o, src, size_t(n) * N);
    } else {
      for (int64_t j = 0; j < n; ++j) copy_item<N>(o + j * s[0], src + j * s[2]);
    }
  }
}

template <class T>
Loop fused_for_size(int itemsize) {
  switch (itemsize) {
    case 1: return &fused_gather_loop<T, 1>;
    case 2: return &fused_gather_loop<T, 2>;
    case 4: return &fused_gather_loop<T, 4>;
    case 8: return &fused_gather_loop<T, 8>;
    case 16: return &fused_gather_loop<T, 16>;
  }
  return nullptr;
}

Loop fused_loop_for(DType idx, int itemsize) {
  switch (idx) {
    case DType::Int8: return fused_for_size<int8_t>(itemsize);
    case DType::Int16: return fused_for_size<int16_t>(itemsize);
    case DType::Int32: return fused_for_size<int32_t>(itemsize);
    case DType::Int64: return fused_for_size<int64_t>(itemsize);
    case DType::UInt8: return fused_for_size<uint8_t>(itemsize);
    case DType::UInt16: return fused_for_size<uint16_t>(itemsize);
    case DType::UInt32: return fused_for_size<uint32_t>(itemsize);
    case DType::UInt64: return fused_for_size<uint64_t>(itemsize);
    default: return nullptr;
  }
}

Loop gather_loop_for(int itemsize) {
  switch (itemsize) {
    case 1: return &gather_loop<1>;
    case 2: return &gather_loop<2>;
    case 4: return &gather_loop<4>;
    case 8: return &gather_loop<8>;
    case 16: return &gather_loop<16>;
  }
  throw ValueError("indexing: unsupported itemsize " + std::to_string(itemsize));
}

Loop scatter_loop_for(int itemsize) {
  switch (itemsize) {
    case 1: return &scatter_loop<1>;
    case 2: return &scatter_loop<2>;
    case 4: return &scatter_loop<4>;
    case 8: return &scatter_loop<8>;
    case 16: return &scatter_loop<16>;
  }
  throw ValueError("indexing: unsupported itemsize " + std::to_string(itemsize));
}

// ---------------------------------------------------------------------------------------------
// Shared preparation of an AdvancedIndex

std::string shapes_list(const std::vector<Array>& idx) {
  std::string s;
  for (const Array& a : idx) s += shape_str(a.shape) + " ";
  return s;
}

struct Prepared {
  Dims B;
  std::vector<int> rest;  // axes of v not indexed, in order
  bool front = false;     // B goes first (indexed axes not adjacent)
  Dims result;            // result shape
  // For every result dim: -1 - j for B dim j, or the position r in `rest`.
  std::vector<int> where;
};

Prepared prepare(const AdvancedIndex& ix) {
  const int m = int(ix.axes.size());
  if (m == 0 || ix.idx.size() != size_t(m) || ix.report_axes.size() != size_t(m))
    throw ValueError(ix.prefix + "internal error: malformed advanced index");
  Prepared p;
  for (int k = 0; k < m; ++k) {
    int ax = ix.axes[k];
    if (ax < 0 || ax >= ix.v.ndim() || (k && ax <= ix.axes[k - 1]))
      throw ValueError(ix.prefix + "internal error: bad advanced axes");
    if (!is_integer(ix.idx[k].dtype))
      throw IndexError(ix.prefix + "arrays used as indices must be of integer (or boolean) type");
  }
  // Broadcast the index shapes (NumPy's IndexError wording).
  int nb = 0;
  for (const Array& a : ix.idx) nb = std::max(nb, a.ndim());
  p.B = Dims(nb, 1);
  for (const Array& a : ix.idx) {
    for (int i = 0; i < a.ndim(); ++i) {
      int j = nb - a.ndim() + i;
      int64_t d = a.shape[i];
      if (d == p.B[j] || d == 1) continue;
      if (p.B[j] == 1) { p.B[j] = d; continue; }
      throw IndexError(ix.prefix + "shape mismatch: indexing arrays could not be broadcast together with shapes " +
                       shapes_list(ix.idx));
    }
  }
  if (nb + ix.v.ndim() - m > kMaxDims)
    throw IndexError(ix.prefix + "the indexing result would have more than " + std::to_string(kMaxDims) +
                     " dimensions");
  p.front = ix.front;
  for (int k = 1; k < m; ++k)
    if (ix.axes[k] != ix.axes[k - 1] + 1) p.front = true;
  for (int i = 0, k = 0; i < ix.v.ndim(); ++i) {
    if (k < m && ix.axes[k] == i) { ++k; continue; }
    p.rest.push_back(i);
  }
  int before = p.front ? 0 : ix.axes[0];
  for (int r = 0; r < before; ++r) p.where.push_back(r);
  for (int j = 0; j < nb; ++j) p.where.push_back(-1 - j);
  for (int r = before; r < int(p.rest.size()); ++r) p.where.push_back(r);
  for (int w : p.where) p.result.push_back(w < 0 ? p.B[-1 - w] : ix.v.shape[p.rest[w]]);
  return p;
}

// off[b] = sum_k idx_k[b] * v.strides[axes[k]], checked. As in NumPy, only values that take
// part in the broadcast result are checked (none when it is empty); the Python layer checks
// integers and 0-d index arrays up front.
Array compute_offsets(const AdvancedIndex& ix, const Prepared& p) {
  Array off = Array::empty(p.B, DType::Int64, ix.v.device(), "indexing");
  for (size_t k = 0; k < ix.idx.size(); ++k) {
    Array b = broadcast_to(ix.idx[k], p.B, "indexing");
    int ax = ix.axes[k];
    add_offsets(off, b, ix.v.strides[ax], ix.v.shape[ax], ix.report_axes[k], k == 0, ix.prefix);
  }
  return off;
}

// A result-shaped view of `a` (which has shape B) : its B strides on the index dims, 0 elsewhere.
Array on_index_dims(const Prepared& p, const Array& a) {
  Dims st;
  for (int w : p.where) st.push_back(w < 0 ? a.strides[-1 - w] : 0);
  return a.view(p.result, st, a.offset);
}

// A result-shaped view of v's memory: v's strides on the kept dims, 0 on the index dims.
Array on_rest_dims(const Prepared& p, const Array& v) {
  Dims st;
  for (int w : p.where) st.push_back(w < 0 ? 0 : v.strides[p.rest[w]]);
  return v.view(p.result, st, v.offset);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Dims advanced_result_shape(const AdvancedIndex& ix) { return prepare(ix).result; }

Array gather(const AdvancedIndex& ix) {
  Prepared p = prepare(ix);
  Array out = Array::empty(p.result, ix.v.dtype, ix.v.device(), "indexing");
  if (out.size() == 0) {
    compute_offsets(ix, p);  // the indices are still checked, as in NumPy
    return out;
  }
  Array vb = on_rest_dims(p, ix.v);
  if (ix.idx.size() == 1) {
    // One index array: check and copy in one pass.
    Array b = broadcast_to(ix.idx[0], p.B, "indexing");
    Array ib = on_index_dims(p, b);
    int ax = ix.axes[0];
    OffCtx c{ix.v.strides[ax], ix.v.shape[ax], ix.report_axes[0], true, &ix.prefix};
    const Array* ops[3] = {&out, &ib, &vb};
    run_loop(plan_iteration(3, ops, p.result), fused_loop_for(b.dtype, int(out.itemsize())), &c);
    return out;
  }
  Array off = compute_offsets(ix, p);
  Array ob = on_index_dims(p, off);
  const Array* ops[3] = {&out, &ob, &vb};
  run_loop(plan_iteration(3, ops, p.result), gather_loop_for(int(out.itemsize())), nullptr);
  return out;
}

void scatter(const AdvancedIndex& ix, const Array& value_in) {
  if (!ix.v.writeable) throw ValueError(ix.prefix + "assignment destination is read-only");
  if (value_in.dtype != ix.v.dtype) throw ValueError(ix.prefix + "internal error: value dtype differs");
  Prepared p = prepare(ix);
  // NumPy drops leading size-1 dims of the value beyond the result's rank.
  Array value = value_in;
  if (value.ndim() > p.result.size()) {
    int extra = value.ndim() - p.result.size();
    bool ok = true;
    for (int i = 0; i < extra; ++i) ok = ok && value.shape[i] == 1;
    if (ok) {
      Dims s, st;
      for (int i = extra; i < value.ndim(); ++i) {
        s.push_back(value.shape[i]);
        st.push_back(value.strides[i]);
      }
      value = value.view(s, st, value.offset);
    }
  }
  bool fits = value.ndim() <= p.result.size();
  for (int i = 0; fits && i < value.ndim(); ++i) {
    int64_t d = value.shape[i], t = p.result[p.result.size() - value.ndim() + i];
    fits = d == t || d == 1;
  }
  if (!fits)
    throw ValueError(ix.prefix + "shape mismatch: value array of shape " + shape_str(value_in.shape) +
                     " could not be broadcast to indexing result of shape " + shape_str(p.result));
  Array off = compute_offsets(ix, p);  // every index is checked before anything is written
  int64_t n = 1;
  for (int64_t d : p.result) n *= d;
  if (n == 0) return;
  if (value.storage == ix.v.storage) value = astype(value, value.dtype);
  Array vbc = broadcast_to(value, p.result, "__setitem__");
  Array ob = on_index_dims(p, off);
  Array vb = on_rest_dims(p, ix.v);
  // off first: the walk goes over the index dims in C order (the last duplicate wins).
  const Array* ops[3] = {&ob, &vb, &vbc};
  run_loop(plan_iteration(3, ops, p.result), scatter_loop_for(int(vbc.itemsize())), nullptr);
}

Array take_along_axis(const Array& x, const Array& indices, int axis, const char* fn) {
  std::string prefix = std::string(fn) + ": ";
  if (!is_integer(indices.dtype))
    throw IndexError(prefix + "indices must have an integer data type, not " + name(indices.dtype));
  if (x.ndim() != indices.ndim())
    throw ValueError(prefix + "indices must have the same number of dimensions as x (" +
                     std::to_string(indices.ndim()) + " != " + std::to_string(x.ndim()) + ")");
  if (axis < 0 || axis >= x.ndim()) throw ValueError(prefix + "axis out of range");
  int nd = x.ndim();
  Dims B(nd), vst(nd);
  for (int i = 0; i < nd; ++i) {
    if (i == axis) {
      B[i] = indices.shape[i];
      vst[i] = 0;
      continue;
    }
    int64_t a = x.shape[i], b = indices.shape[i];
    if (a != b && a != 1 && b != 1)
      throw ValueError(prefix + "shapes " + shape_str(x.shape) + " of x and " + shape_str(indices.shape) +
                       " of indices cannot be broadcast together outside axis " + std::to_string(axis));
    B[i] = a == 1 ? b : a;
    vst[i] = a == 1 ? 0 : x.strides[i];
  }
  Array out = Array::empty(B, x.dtype, x.device(), fn);
  Array ib = broadcast_to(indices, B, fn);
  Array vb = x.view(B, vst, x.offset);
  OffCtx c{x.strides[axis], x.shape[axis], axis, true, &prefix};
  const Array* ops[3] = {&out, &ib, &vb};
  run_loop(plan_iteration(3, ops, B), fused_loop_for(ib.dtype, int(out.itemsize())), &c);
  return out;
}

// ---------------------------------------------------------------------------------------------
// nonzero

namespace {
// Copies the selected elements: every element is stored at out[j] and j advances by the mask
// byte (no branch on the mask), until all `count` are placed.
template <size_t N>
void compress_items(const char* x, const uint8_t* m, int64_t n, int64_t count, char* out) {
  int64_t j = 0, i = 0;
  for (; i < n && j < count; ++i) {
    std::memcpy(out + j * int64_t(N), x + i * int64_t(N), N);
    j += m[i] != 0;
  }
}

int64_t count_bytes(const uint8_t* m, int64_t n) {
  // Nonzero bytes, 8 at a time: the high bit of each byte of z is set exactly when that byte
  // of v is zero (any byte value counts as True, as m[i] != 0 does below).
  constexpr uint64_t k7f = 0x7f7f7f7f7f7f7f7full;
  int64_t c = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    std::memcpy(&v, m + i, 8);
    const uint64_t z = ~(((v & k7f) + k7f) | v | k7f);
    c += 8 - __builtin_popcountll(z);
  }
  for (; i < n; ++i) c += m[i] != 0;
  return c;
}
}  // namespace

bool compress(const Array& x, const Array& mask, Array* out, const char* fn) {
  if (mask.dtype != DType::Bool || mask.shape != x.shape || !x.is_c_contiguous() ||
      !mask.is_c_contiguous() || x.ndim() == 0)
    return false;
  const int64_t n = x.size();
  const uint8_t* m = reinterpret_cast<const uint8_t*>(mask.data());
  const int64_t count = count_bytes(m, n);
  *out = Array::empty(Dims{count}, x.dtype, x.device(), fn);
  if (count == 0) return true;
  const char* xp = x.data();
  char* o = out->data();
  switch (itemsize(x.dtype)) {
    case 1: compress_items<1>(xp, m, n, count, o); break;
    case 2: compress_items<2>(xp, m, n, count, o); break;
    case 4: compress_items<4>(xp, m, n, count, o); break;
    case 8: compress_items<8>(xp, m, n, count, o); break;
    case 16: compress_items<16>(xp, m, n, count, o); break;
    default: return false;
  }
  return true;
}

namespace {
template <class U>
void fill_where(U* x, const uint8_t* m, int64_t n, U v) {
  for (int64_t i = 0; i < n; ++i) x[i] = m[i] ? v : x[i];  // a select, no branch on the mask
}
}  // namespace

bool masked_fill(const Array& x, const Array& mask, const Array& value) {
  if (mask.dtype != DType::Bool || mask.shape != x.shape || !x.is_c_contiguous() ||
      !mask.is_c_contiguous() || x.ndim() == 0 || value.ndim() != 0 || value.dtype != x.dtype ||
      !x.writeable)
    return false;
  const int64_t n = x.size();
  const uint8_t* m = reinterpret_cast<const uint8_t*>(mask.data());
  const char* vp = value.data();
  char* xp = x.data();
  switch (itemsize(x.dtype)) {
    case 1: { uint8_t v; std::memcpy(&v, vp, 1); fill_where(reinterpret_cast<uint8_t*>(xp), m, n, v); return true; }
    case 2: { uint16_t v; std::memcpy(&v, vp, 2); fill_where(reinterpret_cast<uint16_t*>(xp), m, n, v); return true; }
    case 4: { uint32_t v; std::memcpy(&v, vp, 4); fill_where(reinterpret_cast<uint32_t*>(xp), m, n, v); return true; }
    case 8: { uint64_t v; std::memcpy(&v, vp, 8); fill_where(reinterpret_cast<uint64_t*>(xp), m, n, v); return true; }
    default: {
      const int64_t e = itemsize(x.dtype);
      for (int64_t i = 0; i < n; ++i)
        if (m[i]) std::memcpy(xp + i * e, vp, size_t(e));
      return true;
    }
  }
}

namespace {
template <class I, size_t N>
void take_items(const char* x, int64_t xs, int64_t n, const I* idx, int64_t m, char* out,
                const OffCtx& c) {
  for (int64_t k = 0; k < m; ++k) {
    const int64_t raw = int64_t(idx[k]);
    const int64_t v = raw < 0 ? raw + n : raw;
    if (uint64_t(v) >= uint64_t(n)) out_of_bounds(c, std::to_string(raw));
    std::memcpy(out + int64_t(N) * k, x + v * xs, N);
  }
}
template <class I>
bool take_typed(const Array& x, const I* idx, int64_t m, char* out, const OffCtx& c) {
  const char* xp = x.data();
  const int64_t xs = x.strides[0], n = x.shape[0];
  switch (itemsize(x.dtype)) {
    case 1: take_items<I, 1>(xp, xs, n, idx, m, out, c); return true;
    case 2: take_items<I, 2>(xp, xs, n, idx, m, out, c); return true;
    case 4: take_items<I, 4>(xp, xs, n, idx, m, out, c); return true;
    case 8: take_items<I, 8>(xp, xs, n, idx, m, out, c); return true;
    case 16: take_items<I, 16>(xp, xs, n, idx, m, out, c); return true;
  }
  return false;
}
}  // namespace

bool take_flat(const Array& x, const Array& idx, Array* out, const std::string& prefix) {
  if (x.ndim() != 1 || idx.ndim() == 0 || !idx.is_c_contiguous() ||
      (idx.dtype != DType::Int64 && idx.dtype != DType::Int32))
    return false;
  const int s = itemsize(x.dtype);
  if (s != 1 && s != 2 && s != 4 && s != 8 && s != 16) return false;
  Array r = Array::empty(idx.shape, x.dtype, x.device(), "indexing");
  OffCtx c{x.strides[0], x.shape[0], 0, true, &prefix};
  const int64_t m = idx.size();
  if (idx.dtype == DType::Int64)
    take_typed(x, reinterpret_cast<const int64_t*>(idx.data()), m, r.data(), c);
  else
    take_typed(x, reinterpret_cast<const int32_t*>(idx.data()), m, r.data(), c);
  *out = std::move(r);
  return true;
}

namespace {
// Nonzero items of a run of n items of U read with byte stride s: (item & M) != 0 (M drops
// the sign bit of floating point types, so -0 counts as zero and NaN as nonzero). Contiguous
// runs count into a U-wide counter in blocks short enough not to wrap it, a loop the compiler
// vectorises with U-wide lanes (no widening); compiled for AVX-512/AVX2 and the baseline
// (64-bit lanes need SSE4.1's compare), chosen at load.
template <class U, U M>
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
int64_t count_run(const char* p, int64_t s, int64_t n) {
  int64_t total = 0, i = 0;
  if (s == int64_t(sizeof(U))) {
    constexpr int64_t B = sizeof(U) == 1 ? 240 : sizeof(U) == 2 ? 65520 : (int64_t(1) << 30);
    while (i < n) {
      const int64_t e = n - i < B ? n : i + B;
      U c = 0;
      for (; i < e; ++i) {
        U v;
        std::memcpy(&v, p + i * int64_t(sizeof(U)), sizeof(U));
        c = U(c + U((v & M) != 0));
      }
      total += int64_t(c);
    }
    return total;
  }
  for (; i < n; ++i) {
    U v;
    std::memcpy(&v, p + i * s, sizeof(U));
    total += (v & M) != 0;
  }
  return total;
}

template <class U, U M>
void count_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  *static_cast<int64_t*>(const_cast<void*>(ctx)) += count_run<U, M>(p[0], s[0], n);
}

// Complex: nonzero when either part is (the parts are W-wide floats, sign bits masked by M).
template <class W, W M>
void count_loop_complex(char** p, const int64_t* s, int64_t n, const void* ctx) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; ++i) {
    W v[2];
    std::memcpy(v, p[0] + i * s[0], sizeof(v));
    c += ((v[0] & M) | (v[1] & M)) != 0;
  }
  *static_cast<int64_t*>(const_cast<void*>(ctx)) += c;
}

constexpr uint16_t kM16 = 0x7fff;
constexpr uint32_t kM32 = 0x7fffffffu;
constexpr uint64_t kM64 = 0x7fffffffffffffffull;
}  // namespace

int64_t count_nonzero(const Array& x) {
  Loop fn = nullptr;
  switch (x.dtype) {
    case DType::Bool: case DType::Int8: case DType::UInt8:
      fn = &count_loop<uint8_t, uint8_t(0xff)>; break;
    case DType::Int16: case DType::UInt16: fn = &count_loop<uint16_t, uint16_t(0xffff)>; break;
    case DType::Int32: case DType::UInt32: fn = &count_loop<uint32_t, ~uint32_t(0)>; break;
    case DType::Int64: case DType::UInt64: fn = &count_loop<uint64_t, ~uint64_t(0)>; break;
    case DType::Float16: case DType::BFloat16: fn = &count_loop<uint16_t, kM16>; break;
    case DType::Float32: fn = &count_loop<uint32_t, kM32>; break;
    case DType::Float64: fn = &count_loop<uint64_t, kM64>; break;
    case DType::Complex64: fn = &count_loop_complex<uint32_t, kM32>; break;
    case DType::Complex128: fn = &count_loop_complex<uint64_t, kM64>; break;
    default: throw TypeError(std::string("count_nonzero: unsupported dtype ") + name(x.dtype));
  }
  int64_t nnz = 0;
  if (x.size() == 0) return 0;
  if (x.is_c_contiguous()) {
    int64_t st = x.itemsize();
    char* p = const_cast<char*>(x.data());
    fn(&p, &st, x.size(), &nnz);
    return nnz;
  }
  const Array* ops[1] = {&x};
  run_loop(plan_iteration(1, ops, x.shape), fn, &nnz);
  return nnz;
}

Array nonzero_matrix(const Array& mask, const char* fn) {
  if (mask.dtype != DType::Bool)
    throw TypeError(std::string(fn) + ": nonzero expects a boolean array, not " + name(mask.dtype));
  const int nd = mask.ndim();
  if (nd == 0) throw ValueError(std::string(fn) + ": nonzero of a 0-d array is not supported");
  const int64_t nnz = count_nonzero(mask);
  // One spare row: every position is written and the write pointer advances only past
  // nonzero ones (no branch on the mask), so the last write may land one row past the end.
  Array all = Array::empty(Dims{nnz + 1, int64_t(nd)}, DType::Int64, mask.device(), fn);
  int64_t* q = reinterpret_cast<int64_t*>(all.data());
  const int in = nd - 1;
  const int64_t n = mask.shape[in], step = mask.strides[in];
  if (nnz > 0 && nd == 1 && step == 1) {
    const uint8_t* m = reinterpret_cast<const uint8_t*>(mask.data());
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, m + i, 8);
      if (w == 0) continue;  // runs of False cost one test per 8 elements
      for (int k = 0; k < 8; ++k) {
        *q = i + k;
        q += m[i + k] != 0;
      }
    }
    for (; i < n; ++i) {
      *q = i;
      q += m[i] != 0;
    }
  } else if (nnz > 0) {
    // C-order walk over the mask, whatever its strides.
    int64_t idx[kMaxDims] = {0};
    const char* ptr = mask.data();
    for (;;) {
      for (int64_t i = 0; i < n; ++i) {
        for (int d = 0; d < in; ++d) q[d] = idx[d];
        q[in] = i;
        q += ptr[i * step] != 0 ? nd : 0;
      }
      int d = in - 1;
      for (; d >= 0; --d) {
        ptr += mask.strides[d];
        if (++idx[d] < mask.shape[d]) break;
        ptr -= mask.strides[d] * mask.shape[d];
        idx[d] = 0;
      }
      if (d < 0) break;
    }
  }
  return all.view(Dims{nnz, int64_t(nd)}, Dims{int64_t(nd) * 8, 8}, all.offset);
}

std::vector<Array> nonzero(const Array& mask, const char* fn) {
  Array all = nonzero_matrix(mask, fn);
  const int nd = mask.ndim();
  const int64_t nnz = all.shape[0];
  std::vector<Array> cols;
  for (int d = 0; d < nd; ++d)
    cols.push_back(all.view(Dims{nnz}, Dims{int64_t(nd) * 8}, all.offset + 8 * d));
  return cols;
}

}  // namespace hc
