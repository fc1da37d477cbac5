#include "core/registry.h"
#include "cpu/kernels.h"

namespace hc {

void register_cpu_kernels() {
  static bool done = false;
  if (done) return;
  done = true;
  cpu::register_arithmetic();
  cpu::register_comparison();
  cpu::register_bitwise();
  cpu::register_math();
  cpu::register_rounding();
  cpu::register_reduce();
}

}  // namespace hc
