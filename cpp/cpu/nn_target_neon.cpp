// hcarray.nn row kernels for the neon target (cpu/nn_impl.h compiled with this target's
// instruction set; see cpu/nn_kernels.h). The target is set by pragma here so that the
// cpu/*.cpp glob builds it without a CMake change; kernels() only picks it on a CPU that runs it.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "cpu/nn_kernels.h"

#if defined(__aarch64__)

#define HC_SIMD_TARGET 3
#include "cpu/nn_impl.h"
HC_NN_DEFINE_KERNELS()

#else
namespace hc::cpu::nn {
const Kernels* kernels_neon() { return nullptr; }
}  // namespace hc::cpu::nn
#endif
