// Cumulative sums and products along one axis (cumulative_sum / cumulative_prod).
#pragma once
#include "core/array.h"

namespace hc::cpu {

// The cumulative sum (prod=false) or product (prod=true) of x along `axis` (already
// normalised), computed and returned in dtype acc (x is cast first when it differs). With
// include_initial the result has one more element along axis, starting with 0 (sum) or 1
// (prod). Each step is one application of add / multiply in acc, rounded as those functions
// round (float16/bfloat16 in float32 and back each step, complex products as multiply).
// Integer overflow wraps. fn names the caller in errors.
Array cumulative(const Array& x, int axis, DType acc, bool prod, bool include_initial,
                 const char* fn);

}  // namespace hc::cpu
