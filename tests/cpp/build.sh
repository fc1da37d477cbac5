#!/usr/bin/env bash
# Builds and runs the C++ vector type / vector math tests natively (x86-64: avx512, avx2 and
# scalar targets, each that this CPU runs). Use: tests/cpp/build.sh [points] ; CXX overrides g++.
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT_DIR:-$here/build/cpp-tests}
mkdir -p "$out"
cxx=${CXX:-g++}
# The flags CMake builds the module with (-O3, gnu++17: GCC contracts a*b+c into fma there, so
# the kernels are measured as they ship).
flags="-std=gnu++17 -O3 -fno-math-errno -I$here/cpp"
src=$here/cpp/cpu/simd/vmath_target.cpp
$cxx $flags -DHC_SIMD_TARGET=2 -mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma -c $src -o "$out/t512.o"
$cxx $flags -DHC_SIMD_TARGET=1 -mavx2 -mfma -c $src -o "$out/t2.o"
$cxx $flags -DHC_SIMD_TARGET=0 -c $src -o "$out/t0.o"
$cxx $flags -DHC_VMATH_X86=1 -c "$here/cpp/cpu/vmath.cpp" -o "$out/vmath.o"
$cxx $flags "$here/tests/cpp/test_vmath.cpp" "$out"/t512.o "$out"/t2.o "$out"/t0.o "$out/vmath.o" -o "$out/test_vmath"
"$out/test_vmath" "$@"

# GEMM (driver + micro-kernels of each x86 target) against a long double reference, 1 and 3
# threads bit for bit: tests/cpp/test_gemm.cpp (NEON: tools/test-neon.sh).
gsrc=$here/cpp/cpu/simd/gemm_kernel_target.cpp
$cxx $flags -DHC_SIMD_TARGET=2 -mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma -c $gsrc -o "$out/g512.o"
$cxx $flags -DHC_SIMD_TARGET=1 -mavx2 -mfma -c $gsrc -o "$out/g2.o"
$cxx $flags -DHC_SIMD_TARGET=0 -c $gsrc -o "$out/g0.o"
$cxx $flags -DHC_VMATH_X86=1 -c "$here/cpp/cpu/gemm.cpp" -o "$out/gemm.o"
$cxx $flags "$here/tests/cpp/test_gemm.cpp" "$out"/g512.o "$out"/g2.o "$out"/g0.o "$out/gemm.o" \
  "$here/cpp/core/parallel.cpp" "$here/cpp/core/dtype.cpp" "$here/cpp/core/half_convert.cpp" \
  -o "$out/test_gemm" -lpthread
for t in avx512 avx2 scalar; do
  if [ "$t" = avx512 ] && ! grep -q avx512f /proc/cpuinfo 2>/dev/null; then continue; fi
  if [ "$t" = avx2 ] && ! grep -q avx2 /proc/cpuinfo 2>/dev/null; then continue; fi
  HCARRAY_SIMD=$t "$out/test_gemm"
done
