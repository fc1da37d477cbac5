// where(cond, x1, x2): one loop per item size (the values are moved, not computed).
#include <cstring>

#include "core/registry.h"
#include "cpu/kernels.h"

namespace hc {
namespace {

template <size_t N>
void where_loop(char** p, const int64_t* s, int64_t n, const void*) {
  for (int64_t i = 0; i < n; ++i) {
    bool c = *reinterpret_cast<const bool*>(p[1] + i * s[1]);
    std::memcpy(p[0] + i * s[0], c ? p[2] + i * s[2] : p[3] + i * s[3], N);
  }
}

}  // namespace

Array where(const Array& cond, const Array& a, const Array& b) {
  if (cond.dtype != DType::Bool) throw TypeError(std::string("where: condition must be a bool array, got ") + name(cond.dtype));
  DType t = promote(a.dtype, b.dtype, "where");
  Dims shape = broadcast_shapes(broadcast_shapes(cond.shape, a.shape, "where"), b.shape, "where");
  Array c = broadcast_to(cond, shape, "where");
  Array x = broadcast_to(a.dtype == t ? a : astype(a, t), shape, "where");
  Array y = broadcast_to(b.dtype == t ? b : astype(b, t), shape, "where");
  Array out = Array::empty(shape, t, a.device(), "where");
  Loop fn = nullptr;
  switch (itemsize(t)) {
    case 1: fn = &where_loop<1>; break;
    case 2: fn = &where_loop<2>; break;
    case 4: fn = &where_loop<4>; break;
    case 8: fn = &where_loop<8>; break;
    case 16: fn = &where_loop<16>; break;
  }
  const Array* ops[4] = {&out, &c, &x, &y};
  run_loop_parallel(plan_iteration(4, ops, shape), fn, nullptr);
  return out;
}

}  // namespace hc
