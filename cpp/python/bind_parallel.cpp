// Threads: hc.set_num_threads / hc.get_num_threads and the parallel threshold.
#include "core/iter.h"
#include "core/parallel.h"
#include "cpu/gemm.h"
#include "cpu/vmath.h"
#include "python/convert.h"

namespace hc::py {

void bind_parallel(nb::module_& m) {
  m.def("get_num_threads", &num_threads, "Threads an op may use (the caller included).");
  m.def("set_num_threads", &set_num_threads, nb::arg("n"),
        "Sets the threads an op may use (>= 1); HCARRAY_NUM_THREADS sets it at start.");
  m.def("_parallel_threshold_bytes", &parallel_threshold_bytes);
  m.def("_set_parallel_threshold_bytes", &set_parallel_threshold_bytes);
  // The SIMD targets chosen at import from the CPU's features (python -m hcarray prints them).
  m.def("_cpu_isa", [] {
    std::string built;
    for (const char* t : {"avx512", "avx2", "neon", "scalar"}) {
      if (cpu::vmath::table_for(t) == nullptr) continue;
      built += built.empty() ? t : std::string(", ") + t;
    }
    return std::string("vector math ") + cpu::vmath::table().target + ", GEMM " +
           cpu::gemmk::table().target + " (targets runnable here: " + built + ")";
  });
}

}  // namespace hc::py
