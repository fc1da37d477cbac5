// Bulk float16 <-> float32 conversion of contiguous buffers: F16C on x86 CPUs that have it
// (vcvtph2ps / vcvtps2ph, 8 values per instruction), else the branch-free element functions of
// core/dtype.h. Results are those of half_to_float / float_to_half bit for bit (every NaN
// becomes the quiet NaN 0x7e00 with its sign), whichever path runs.
#pragma once
#include <cstdint>

namespace hc {

void halves_to_floats(const uint16_t* in, float* out, int64_t n);
void floats_to_halves(const float* in, uint16_t* out, int64_t n);

}  // namespace hc
