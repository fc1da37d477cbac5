// Bindings of the indexing group: internal _core primitives used by hcarray/_indexing.py and
// hcarray/_indexing_functions.py. The parsing of index keys lives in Python; the work here.
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <string>
#include <vector>

#include "cpu/index.h"
#include "python/convert.h"

namespace hc::py {

namespace {

AdvancedIndex make_index(const Array& v, const std::vector<int>& axes, const std::vector<int>& report,
                         nb::handle idx, const std::string& prefix, bool front, const char* fn) {
  AdvancedIndex ix;
  ix.front = front;
  ix.v = v;
  ix.axes = axes;
  ix.report_axes = report;
  ix.prefix = prefix;
  for (nb::handle h : idx) ix.idx.push_back(to_array(h, fn));
  return ix;
}

}  // namespace

void bind_indexing(nb::module_& m) {
  m.def("_nonzero", [](const Array& mask) {
    std::vector<nb::object> out;
    for (Array& a : nonzero(mask, "nonzero")) out.push_back(wrap(std::move(a)));
    return out;
  }, nb::arg("mask"),
  "The C-order positions of the True elements of a boolean array of rank >= 1: one 1-D int64 "
  "array per dimension. Internal.");

  m.def("_argwhere", [](const Array& mask) { return wrap(nonzero_matrix(mask, "argwhere")); },
  nb::arg("mask"),
  "The C-order positions of the True elements of a boolean array of rank >= 1 as one "
  "(count, ndim) int64 array. Internal.");

  m.def("_count_nonzero", [](const Array& x) {
    return wrap(scalar_array(Scalar::from_int(count_nonzero(x)), DType::Int64, x.device()));
  }, nb::arg("x"), "The number of nonzero elements of x (any dtype and layout) as a 0-d int64 "
  "array. Internal.");

  m.def("_compress", [](const Array& x, const Array& mask) -> nb::object {
    Array out;
    if (!compress(x, mask, &out, "__getitem__")) return nb::none();
    return wrap(std::move(out));
  }, nb::arg("x"), nb::arg("mask"),
  "x[mask] for a boolean mask of x's shape when both are C-contiguous (else None). Internal.");

  m.def("_masked_fill", [](const Array& x, const Array& mask, nb::handle value) -> bool {
    const char* fn = "__setitem__";
    Array val;
    Scalar s;
    if (python_scalar(value, &s)) {
      check_setitem_value(value, x.dtype, fn);
      DType t = weak_scalar_dtype(s, x.dtype, fn);
      val = scalar_array(s, t, x.device());
    } else {
      val = to_array(value, fn);
    }
    if (val.ndim() != 0) return false;
    if (val.dtype != x.dtype) val = astype(val, x.dtype);
    return masked_fill(x, mask, val);
  }, nb::arg("x"), nb::arg("mask"), nb::arg("value"),
  "x[mask] = value for a mask of x's shape and a 0-d value when both are C-contiguous (value "
  "converted as _scatter converts it); False when not done. Internal.");

  m.def("_take_flat", [](const Array& x, const Array& idx, const std::string& prefix) -> nb::object {
    Array out;
    if (!take_flat(x, idx, &out, prefix)) return nb::none();
    return wrap(std::move(out));
  }, nb::arg("x"), nb::arg("idx"), nb::arg("prefix") = "",
  "x[idx] for a 1-D x and a C-contiguous int64/int32 index array, else None. Internal.");

  m.def("_gather", [](const Array& v, const std::vector<int>& axes, const std::vector<int>& report,
                      nb::handle idx, const std::string& prefix, bool front) {
    return gather(make_index(v, axes, report, idx, prefix, front, "__getitem__"));
  }, nb::arg("v"), nb::arg("axes"), nb::arg("report_axes"), nb::arg("indices"), nb::arg("prefix") = "",
  nb::arg("front") = false,
  "v indexed on `axes` (ascending) by the integer arrays `indices` (NumPy's advanced-indexing "
  "result layout); a new array. Internal.");

  m.def("_scatter", [](const Array& v, const std::vector<int>& axes, const std::vector<int>& report,
                       nb::handle idx, nb::handle value, const std::string& prefix, bool front) {
    const char* fn = "__setitem__";
    if (!v.writeable) throw ValueError(prefix + "assignment destination is read-only");
    AdvancedIndex ix = make_index(v, axes, report, idx, prefix, front, fn);
    Array val;
    Scalar s;
    if (python_scalar(value, &s)) {
      check_setitem_value(value, v.dtype, fn);
      DType t = weak_scalar_dtype(s, v.dtype, fn);
      val = scalar_array(s, t, v.device());
    } else {
      val = to_array(value, fn);
    }
    if (val.dtype != v.dtype) val = astype(val, v.dtype);
    scatter(ix, val);
  }, nb::arg("v"), nb::arg("axes"), nb::arg("report_axes"), nb::arg("indices"), nb::arg("value"),
  nb::arg("prefix") = "", nb::arg("front") = false,
  "v[indices on axes] = value (broadcast, cast to v's dtype as NumPy's setitem does). Internal.");

  m.def("_take_along_axis", [](const Array& x, nb::handle indices, int axis) {
    return take_along_axis(x, to_array(indices, "take_along_axis"), axis, "take_along_axis");
  }, nb::arg("x"), nb::arg("indices"), nb::arg("axis"), "Internal; axis already normalised.");
}

}  // namespace hc::py
