// Matrix products: the GEMM entry point and batched matmul with NumPy's rules.
#pragma once
#include <cstdint>

#include "core/array.h"

namespace hc::cpu {

// C[M, N] = A[M, K] @ B[K, N] for one matrix. A and B are addressed by byte strides (any sign,
// any alignment); C is written row by row, rows `ldc` elements apart, columns contiguous.
// dtype: bool (or of ands), the integers (wrap-around as NumPy), float32, float64, complex64,
// complex128. float16/bfloat16 are converted to float32 by the caller. This is the one function
// a faster GEMM replaces.
void gemm(DType t, int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
          const char* B, int64_t rsb, int64_t csb, char* C, int64_t ldc);

// NumPy's matmul: promotion of the dtypes, the 1-D rules (prepend/append a dimension and drop
// it after), broadcasting of the batch dimensions; any strides. Errors (0-d operands,
// mismatched inner dimensions, unbroadcastable batches) are ValueError/TypeError naming fn.
// float16 and bfloat16 accumulate in float32 and round once. Returns a new C-contiguous array.
Array matmul(const Array& x1, const Array& x2, const char* fn = "matmul");

}  // namespace hc::cpu
