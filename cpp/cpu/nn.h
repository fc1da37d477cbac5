// hcarray.nn: fused neural-network ops over rows (see specs/nn.md). Each op reads its input
// once per row, computes in float32 (float16, bfloat16, float32) or float64, threads over rows
// for large inputs, and returns a new C-contiguous array of the input's dtype. Errors name fn.
#pragma once
#include "core/array.h"

namespace hc::cpu::nn {

// Elementwise: op is "sigmoid", "silu", "gelu_tanh" or "gelu_erf".
Array activation(const Array& x, const char* op, const char* fn);

// softmax / log_softmax of x along axis (normalised, 0 <= axis < ndim; ndim >= 1).
Array softmax(const Array& x, int axis, bool log, const char* fn);

// Layer norm (rms=false) or RMS norm over the trailing `nnorm` dims of x. w and b (may be null)
// have exactly those dims' shape.
Array norm(const Array& x, int nnorm, const Array* w, const Array* b, double eps, bool rms,
           const char* fn);

// Scaled dot-product attention: q (..., Lq, E), k (..., Lk, E), v (..., Lk, Ev), batch dims
// broadcast; mask (bool: true takes part; float: added to the scores) broadcastable to
// (..., Lq, Lk); causal keeps keys j <= i. Result (..., Lq, Ev) in q's dtype.
Array attention(const Array& q, const Array& k, const Array& v, const Array* mask, bool causal,
                double scale, const char* fn);

}  // namespace hc::cpu::nn
