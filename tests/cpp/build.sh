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
