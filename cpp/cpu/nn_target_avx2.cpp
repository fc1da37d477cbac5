// hcarray.nn row kernels for the avx2 target (cpu/nn_impl.h compiled with this target's
// instruction set; see cpu/nn_kernels.h). The target is set by pragma here so that the
// cpu/*.cpp glob builds it without a CMake change; kernels() only picks it on a CPU that runs it.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "cpu/nn_kernels.h"

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC target("avx2,fma")
#endif
#define HC_SIMD_TARGET 1
#include "cpu/nn_impl.h"
HC_NN_DEFINE_KERNELS()
#if defined(__clang__)
#pragma clang attribute pop
#endif
#else
namespace hc::cpu::nn {
const Kernels* kernels_avx2() { return nullptr; }
}  // namespace hc::cpu::nn
#endif
