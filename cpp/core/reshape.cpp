#include "core/reshape.h"

#include <string>

namespace hc {

Dims resolve_shape(const Dims& shape, int64_t size, const char* fn) {
  Dims out = shape;
  int unknown = -1;
  int64_t known = 1;
  for (int i = 0; i < out.size(); ++i) {
    if (out[i] < 0) {  // any negative value is the unknown dimension, as in NumPy (2.4)
      if (unknown >= 0) throw ValueError(std::string(fn) + ": can only specify one unknown dimension");
      unknown = i;
    } else if (__builtin_mul_overflow(known, out[i], &known)) {
      throw ValueError(std::string(fn) + ": shape " + shape_str(shape) + " is too large");
    }
  }
  if (unknown >= 0) {
    if (known == 0 || size % known != 0)
      throw ValueError(std::string(fn) + ": cannot reshape array of size " + std::to_string(size) +
                       " into shape " + shape_str(shape));
    out[unknown] = size / known;
  } else if (known != size) {
    throw ValueError(std::string(fn) + ": cannot reshape array of size " + std::to_string(size) +
                     " into shape " + shape_str(shape));
  }
  return out;
}

bool reshape_view(const Array& a, const Dims& shape, Array* out) {
  if (a.is_c_contiguous()) {
    *out = a.view(shape, c_strides(shape, a.itemsize()), a.offset);
    return true;
  }
  // Drop size-1 dims of the source, then match groups of old dims to groups of new dims whose
  // products agree; each old group must be contiguous in itself.
  Dims os, ost;
  for (int i = 0; i < a.ndim(); ++i)
    if (a.shape[i] != 1) { os.push_back(a.shape[i]); ost.push_back(a.strides[i]); }
  int64_t size = a.size();
  if (size == 0) {
    *out = a.view(shape, c_strides(shape, a.itemsize()), a.offset);
    return true;
  }
  int nn = shape.size();
  Dims nst(nn, 0);
  int oi = 0, oj = 1, ni = 0, nj = 1;
  int on = os.size();
  while (ni < nn && oi < on) {
    int64_t np_ = shape[ni], op = os[oi];
    while (np_ != op) {
      if (np_ < op) np_ *= shape[nj++];
      else op *= os[oj++];
    }
    for (int k = oi; k < oj - 1; ++k)
      if (ost[k] != os[k + 1] * ost[k + 1]) return false;
    nst[nj - 1] = ost[oj - 1];
    for (int k = nj - 1; k > ni; --k) nst[k - 1] = nst[k] * shape[k];
    ni = nj++;
    oi = oj++;
  }
  // Remaining new dims are 1s.
  for (int k = ni; k < nn; ++k) nst[k] = a.itemsize();
  *out = a.view(shape, nst, a.offset);
  return true;
}

}  // namespace hc
