// hcarray._core: the nanobind module. Each binding file adds one group.
#include <cstdlib>
#include "python/convert.h"

namespace hc::py {
void bind_array(nb::module_& m);
void bind_indexing(nb::module_& m);
void bind_interop(nb::module_& m);
void bind_creation(nb::module_& m);
void bind_reduce(nb::module_& m);
void bind_device(nb::module_& m);
void bind_parallel(nb::module_& m);
void bind_sort(nb::module_& m);
void bind_linalg(nb::module_& m);
void bind_scan(nb::module_& m);
void bind_memory(nb::module_& m);
void bind_nn(nb::module_& m);
void bind_numpy_interop(nb::module_& m);
void bind_fastcall(nb::module_& m);
}  // namespace hc::py

NB_MODULE(_core, m) {
  using namespace hc;
  register_cpu_kernels();
  // nanobind lists the instances still alive when the interpreter tears the module down. Python
  // does not promise to free everything at exit, and NumPy's reduce/accumulate leak their
  // operands when an __array_ufunc__ override raises (numpy/numpy#31677), so the list is noise
  // for users; HCARRAY_LEAK_WARNINGS=1 turns it on (tests/test_refcount.py uses it).
  {
    const char* w = std::getenv("HCARRAY_LEAK_WARNINGS");
    nb::set_leak_warnings(w != nullptr && w[0] == '1');
  }
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    if (!py::set_core_error(p)) std::rethrow_exception(p);  // to nanobind's own translators
  });
  py::bind_array(m);
  py::bind_numpy_interop(m);
  py::bind_fastcall(m);
  py::bind_indexing(m);
  py::bind_interop(m);
  py::bind_creation(m);
  py::bind_reduce(m);
  py::bind_device(m);
  py::bind_parallel(m);
  py::bind_sort(m);
  py::bind_linalg(m);
  py::bind_scan(m);
  py::bind_memory(m);
  py::bind_nn(m);
}
