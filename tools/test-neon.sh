#!/usr/bin/env bash
# Builds the C++ vector type / vector math tests (tests/cpp/test_vmath.cpp) for aarch64 with
# Debian's cross compiler (static, -O3: NEON and scalar targets) and runs them under
# qemu-aarch64. The test checks every function of both targets against the long double C
# library (IEEE quad on aarch64) within the bounds of specs/accuracy.md -- the same bounds the
# x86 build (tests/cpp/build.sh) is held to. Then the GEMM test (tests/cpp/test_gemm.cpp: the
# driver with the NEON and the scalar micro-kernels against a long double reference, 1 and 3
# threads bit for bit). Needs: apt-get install g++-aarch64-linux-gnu qemu-user
# Use: tools/test-neon.sh [points]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT_DIR:-$here/build/cpp-tests-aarch64}
mkdir -p "$out"
cxx=${CXX:-aarch64-linux-gnu-g++}
flags="-std=gnu++17 -O3 -fno-math-errno -I$here/cpp"  # as CMake builds the module
src=$here/cpp/cpu/simd/vmath_target.cpp
$cxx $flags -DHC_SIMD_TARGET=3 -c "$src" -o "$out/tneon.o"
$cxx $flags -DHC_SIMD_TARGET=0 -c "$src" -o "$out/t0.o"
$cxx $flags -DHC_VMATH_NEON=1 -c "$here/cpp/cpu/vmath.cpp" -o "$out/vmath.o"
$cxx $flags -static "$here/tests/cpp/test_vmath.cpp" "$out/tneon.o" "$out/t0.o" "$out/vmath.o" -o "$out/test_vmath"
qemu-aarch64 "$out/test_vmath" "${@:-100000}"

# GEMM (driver + NEON and scalar micro-kernels) against a long double reference, 1 and 3
# threads bit for bit: tests/cpp/test_gemm.cpp.
gsrc=$here/cpp/cpu/simd/gemm_kernel_target.cpp
$cxx $flags -DHC_SIMD_TARGET=3 -c "$gsrc" -o "$out/gneon.o"
$cxx $flags -DHC_SIMD_TARGET=0 -c "$gsrc" -o "$out/g0.o"
$cxx $flags -DHC_VMATH_NEON=1 -c "$here/cpp/cpu/gemm.cpp" -o "$out/gemm.o"
for f in parallel dtype half_convert; do
  $cxx $flags -c "$here/cpp/core/$f.cpp" -o "$out/core_$f.o"
done
$cxx $flags -static "$here/tests/cpp/test_gemm.cpp" "$out/gneon.o" "$out/g0.o" "$out/gemm.o" \
  "$out"/core_*.o -o "$out/test_gemm" -lpthread
HCARRAY_SIMD=neon qemu-aarch64 "$out/test_gemm"
HCARRAY_SIMD=scalar qemu-aarch64 "$out/test_gemm"
