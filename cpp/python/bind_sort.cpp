// Bindings of the sorting, searching and set kernels (cpu/sort.h). Internal primitives: the
// Python layer (_sorting_functions.py, _searching_functions.py, _set_functions.py) checks the
// arguments, normalises axes and promotes dtypes first.
#include "cpu/sort.h"
#include "python/convert.h"

namespace hc::py {

namespace {
nb::object maybe(bool want, Array& a) { return want ? wrap(std::move(a)) : nb::none(); }
}  // namespace

void bind_sort(nb::module_& m) {
  m.def("sort", [](const Array& x, int axis, bool descending, bool stable) {
    return cpu::sort(x, axis, descending, stable);
  }, nb::arg("x"), nb::arg("axis"), nb::arg("descending") = false, nb::arg("stable") = true,
  "x sorted along axis (normalised, x.ndim >= 1); a new C-contiguous array. Internal.");

  m.def("argsort", [](const Array& x, int axis, bool descending, bool stable) {
    return cpu::argsort(x, axis, descending, stable);
  }, nb::arg("x"), nb::arg("axis"), nb::arg("descending") = false, nb::arg("stable") = true,
  "int64 indices that sort x along axis (normalised); stable. Internal.");

  m.def("argextreme", [](const Array& x, int axis, bool is_max, bool keepdims) {
    return cpu::argextreme(x, axis, is_max, keepdims);
  }, nb::arg("x"), nb::arg("axis"), nb::arg("is_max"), nb::arg("keepdims") = false,
  "argmax (is_max) or argmin of x along axis (normalised; -1: the flattened array). Internal.");

  m.def("searchsorted", [](const Array& x1, const Array& x2, bool right, nb::handle sorter) {
    if (sorter.is_none()) return cpu::searchsorted(x1, x2, right, nullptr);
    return cpu::searchsorted(x1, x2, right, &as_array(sorter));
  }, nb::arg("x1"), nb::arg("x2"), nb::arg("right") = false, nb::arg("sorter") = nb::none(),
  "Insertion points of x2 in 1-D x1 (same dtype; sorted, or through sorter). Internal.");

  m.def("unique", [](const Array& x, bool indices, bool inverse, bool counts) {
    cpu::UniqueResult r = cpu::unique(x, indices, inverse, counts);
    return nb::make_tuple(wrap(std::move(r.values)), maybe(indices, r.indices),
                          maybe(inverse, r.inverse), maybe(counts, r.counts));
  }, nb::arg("x"), nb::arg("indices") = true, nb::arg("inverse") = true, nb::arg("counts") = true,
  "(values, indices, inverse_indices, counts) of flattened x; values sorted, NaNs distinct; "
  "None for the parts not asked for. Internal.");
}

}  // namespace hc::py
