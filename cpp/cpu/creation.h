// Fill kernels of the creation group (arange, linspace, tril/triu). Plain functions: they are
// not elementwise ops, so they bypass the registry.
#pragma once
#include "core/array.h"

namespace hc::cpu {

// a: 1-D, C-contiguous; a[0] and a[1] already hold start and start+step in a's dtype. Fills
// a[2:] as NumPy's arange does: a[i] = a[0] + i*(a[1]-a[0]) in the dtype's arithmetic
// (integers wrap; float16/bfloat16 compute in float32).
void arange_fill(const Array& a);

// a: 1-D, C-contiguous, of length num. NumPy's linspace: computed in float64 (complex128 when
// `complex_` is set), floored for integer dtypes, then cast to a's dtype.
void linspace_fill(const Array& a, std::complex<double> start, std::complex<double> stop,
                   bool complex_, bool endpoint);

// a: C-contiguous with ndim >= 2. Zeroes the elements above (upper=false: tril) or below
// (upper=true: triu) the k-th diagonal of every matrix in the stack.
void tri_zero(const Array& a, int64_t k, bool upper);

}  // namespace hc::cpu
