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
// Block copies

struct BlockCtx {
  bool scatter;  // false: block <- v; true: v <- block
  int rnd = 0;   // rank of the (coalesced) block; 0: one element
  int64_t rshape[kMaxDims];
  int64_t rs_blk[kMaxDims];
  int64_t rs_v[kMaxDims];
};

template <int N>
inline void copy_item(char* d, const char* s) { std::memcpy(d, s, N); }

template <int N>
void copy_block(const BlockCtx& c, char* dst, const int64_t* ds, const char* src, const int64_t* ss) {
  if (c.rnd == 0) {
    copy_item<N>(dst, src);
    return;
  }
  int in = c.rnd - 1;
  int64_t n = c.rshape[in], dstep = ds[in], sstep = ss[in];
  if (c.rnd == 1) {
    for (int64_t i = 0; i < n; ++i) copy_item<N>(dst + i * dstep, src + i * sstep);
    return;
  }
  int64_t idx[kMaxDims] = {0};
  for (;;) {
    for (int64_t i = 0; i < n; ++i) copy_item<N>(dst + i * dstep, src + i * sstep);
    int d = in - 1;
    for (; d >= 0; --d) {
      dst += ds[d];
      src += ss[d];
      if (++idx[d] < c.rshape[d]) break;
      dst -= ds[d] * c.rshape[d];
      src -= ss[d] * c.rshape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

// Operands: p[0] = off (int64), p[1] = block side, p[2] = base of v for this b.
template <int N>
void block_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  const BlockCtx& c = *static_cast<const BlockCtx*>(ctx);
  const char* o = p[0];
  char* blk = p[1];
  char* vb = p[2];
  if (c.rnd == 0) {
    if (c.scatter) {
      for (int64_t i = 0; i < n; ++i)
        copy_item<N>(vb + i * s[2] + *reinterpret_cast<const int64_t*>(o + i * s[0]), blk + i * s[1]);
    } else {
      for (int64_t i = 0; i < n; ++i)
        copy_item<N>(blk + i * s[1], vb + i * s[2] + *reinterpret_cast<const int64_t*>(o + i * s[0]));
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    char* v = vb + i * s[2] + *reinterpret_cast<const int64_t*>(o + i * s[0]);
    char* b = blk + i * s[1];
    if (c.scatter) copy_block<N>(c, v, c.rs_v, b, c.rs_blk);
    else copy_block<N>(c, b, c.rs_blk, v, c.rs_v);
  }
}

Loop block_loop_for(int itemsize) {
  switch (itemsize) {
    case 1: return &block_loop<1>;
    case 2: return &block_loop<2>;
    case 4: return &block_loop<4>;
    case 8: return &block_loop<8>;
    case 16: return &block_loop<16>;
  }
  throw ValueError("indexing: unsupported itemsize " + std::to_string(itemsize));
}

// Runs the block copy. off, blk and vb all have shape B; blk_r/v_r are the block geometry
// (shape R, strides of the block side and of v).
void run_blocks(const Array& off, const Array& blk, const Array& vb, const Dims& rshape,
                const Dims& rs_blk, const Dims& rs_v, bool scatter) {
  BlockCtx c;
  c.scatter = scatter;
  // Coalesce the block dims with the iterator's planner (geometry only).
  Array a = blk.view(rshape, rs_blk, blk.offset);
  Array b = vb.view(rshape, rs_v, vb.offset);
  const Array* rops[2] = {&a, &b};
  IterPlan rp = plan_iteration(2, rops, rshape);
  if (rp.size == 0) return;
  c.rnd = rp.ndim;
  for (int i = 0; i < rp.ndim; ++i) {
    c.rshape[i] = rp.shape[i];
    c.rs_blk[i] = rp.strides[0][i];
    c.rs_v[i] = rp.strides[1][i];
  }
  const Array* ops[3] = {&off, &blk, &vb};
  run_loop(plan_iteration(3, ops, off.shape), block_loop_for(int(blk.itemsize())), &c);
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

// Splits the geometry `strides` of a result-shaped array into its B part and its R part.
void split(const Prepared& p, const Dims& strides, Dims* sb, Dims* sr) {
  *sb = Dims(p.B.size());
  *sr = Dims(int(p.rest.size()));
  for (size_t i = 0; i < p.where.size(); ++i) {
    int w = p.where[i];
    if (w < 0) (*sb)[-1 - w] = strides[int(i)];
    else (*sr)[w] = strides[int(i)];
  }
}

Dims rest_dims(const Array& v, const std::vector<int>& rest, bool strides) {
  Dims d;
  for (int r : rest) d.push_back(strides ? v.strides[r] : v.shape[r]);
  return d;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Dims advanced_result_shape(const AdvancedIndex& ix) { return prepare(ix).result; }

Array gather(const AdvancedIndex& ix) {
  Prepared p = prepare(ix);
  Array out = Array::empty(p.result, ix.v.dtype, ix.v.device(), "indexing");
  Array off = compute_offsets(ix, p);
  if (out.size() == 0) return out;
  Dims sb, sr;
  split(p, out.strides, &sb, &sr);
  Array blk = out.view(p.B, sb, out.offset);
  Array vb = ix.v.view(p.B, Dims(p.B.size(), 0), ix.v.offset);
  run_blocks(off, blk, vb, rest_dims(ix.v, p.rest, false), sr, rest_dims(ix.v, p.rest, true), false);
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
  Dims sb, sr;
  split(p, vbc.strides, &sb, &sr);
  Array blk = vbc.view(p.B, sb, vbc.offset);
  Array vb = ix.v.view(p.B, Dims(p.B.size(), 0), ix.v.offset);
  run_blocks(off, blk, vb, rest_dims(ix.v, p.rest, false), sr, rest_dims(ix.v, p.rest, true), true);
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
  Array off = Array::empty(B, DType::Int64, x.device(), fn);
  Array ib = broadcast_to(indices, B, fn);
  add_offsets(off, ib, x.strides[axis], x.shape[axis], axis, true, prefix);
  if (out.size() == 0) return out;
  Array vb = x.view(B, vst, x.offset);
  run_blocks(off, out, vb, Dims(), Dims(), Dims(), false);
  return out;
}

// ---------------------------------------------------------------------------------------------
// nonzero

namespace {
void count_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  int64_t* count = static_cast<int64_t*>(const_cast<void*>(ctx));
  const char* a = p[0];
  int64_t c = 0;
  for (int64_t i = 0; i < n; ++i) c += a[i * s[0]] != 0;
  *count += c;
}
}  // namespace

std::vector<Array> nonzero(const Array& mask, const char* fn) {
  if (mask.dtype != DType::Bool)
    throw TypeError(std::string(fn) + ": nonzero expects a boolean array, not " + name(mask.dtype));
  int nd = mask.ndim();
  if (nd == 0) throw ValueError(std::string(fn) + ": nonzero of a 0-d array is not supported");
  int64_t nnz = 0;
  {
    const Array* ops[1] = {&mask};
    run_loop(plan_iteration(1, ops, mask.shape), &count_loop, &nnz);
  }
  Array all = Array::empty(Dims{nnz, int64_t(nd)}, DType::Int64, mask.device(), fn);
  if (nnz > 0) {
    // C-order walk over the mask, whatever its strides.
    int64_t* q = reinterpret_cast<int64_t*>(all.data());
    int64_t idx[kMaxDims] = {0};
    const char* ptr = mask.data();
    const int in = nd - 1;
    const int64_t n = mask.shape[in], step = mask.strides[in];
    for (;;) {
      for (int64_t i = 0; i < n; ++i) {
        if (ptr[i * step]) {
          for (int d = 0; d < in; ++d) *q++ = idx[d];
          *q++ = i;
        }
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
  std::vector<Array> cols;
  for (int d = 0; d < nd; ++d)
    cols.push_back(all.view(Dims{nnz}, Dims{int64_t(nd) * 8}, all.offset + 8 * d));
  return cols;
}

}  // namespace hc
