// Indexing kernels: nonzero (boolean masks to integer indices), gather (advanced getitem, take,
// take_along_axis) and scatter (advanced setitem). Elements move as raw bytes (memcpy of the
// itemsize), so every dtype is handled by item size alone; any strides, including negative and
// zero (broadcast) strides.
#pragma once
#include <string>
#include <vector>

#include "core/array.h"

namespace hc {

// The positions of the nonzero elements of `mask` (any dtype; bool usually), in C order: one
// 1-D int64 array per dimension of mask, all of the same length. 0-d masks are not accepted.
std::vector<Array> nonzero(const Array& mask, const char* fn);

// The same positions as one (count, ndim) C-contiguous int64 array (NumPy's argwhere); a view
// of a buffer that may hold one more row. Bool masks of rank >= 1 only.
Array nonzero_matrix(const Array& mask, const char* fn);

// The number of nonzero elements of x, any dtype and layout (floating point: a value is
// nonzero unless it is +0 or -0, so NaN counts; complex: either part nonzero).
int64_t count_nonzero(const Array& x);

// x[mask] for a boolean mask of x's own shape, both C-contiguous: the selected elements in C
// order, in one count pass and one copy pass (no index arrays). Returns false, leaving out
// alone, for other layouts (the caller uses nonzero + gather).
bool compress(const Array& x, const Array& mask, Array* out, const char* fn);

// x[mask] = value for a boolean mask of x's own shape and a 0-d value of x's dtype, x and mask
// C-contiguous: every selected element set in one pass. Returns false, writing nothing, for
// other layouts (the caller uses nonzero + scatter).
bool masked_fill(const Array& x, const Array& mask, const Array& value);

// x[idx] for a 1-D x (any stride) and a C-contiguous int64 or int32 index array of any rank
// (negative indices count from the end; out of range is IndexError naming `prefix`): one
// pass. Returns false for other dtypes/layouts (the caller uses gather).
bool take_flat(const Array& x, const Array& idx, Array* out, const std::string& prefix);

// One advanced-indexing problem, after basic indexing has been applied: the view `v` indexed on
// `axes` (ascending, distinct) by the integer arrays `idx` (broadcast together to shape B).
// report_axes[k] is the axis number used in error messages for axes[k] (the axis of the array
// the user indexed). `prefix` starts every error message ("" for x[...], "take: " ...).
struct AdvancedIndex {
  Array v;
  std::vector<int> axes;
  std::vector<int> report_axes;
  std::vector<Array> idx;
  std::string prefix;
  // Put B first even when the axes are adjacent in v: NumPy does so when the key had anything
  // (a slice, None, even an Ellipsis that expands to nothing) between its advanced indices.
  bool front = false;
};

// The shape of v[idx...] under NumPy's rule: when the indexed axes are adjacent, the broadcast
// index shape B replaces them in place; otherwise B comes first, followed by the other axes.
Dims advanced_result_shape(const AdvancedIndex& ix);

// out = v[idx...], a new C-contiguous array.
Array gather(const AdvancedIndex& ix);

// v[idx...] = value: `value` must already have v's dtype; it is broadcast to the result shape
// (leading size-1 dims beyond the result's rank are dropped, as NumPy does). Duplicated indices:
// the last one in C order wins. value may share memory with v (it is copied first then).
void scatter(const AdvancedIndex& ix, const Array& value);

// take_along_axis(x, indices, axis): x and indices have the same rank; dims other than `axis`
// broadcast; axis must already be normalised.
Array take_along_axis(const Array& x, const Array& indices, int axis, const char* fn);

}  // namespace hc
