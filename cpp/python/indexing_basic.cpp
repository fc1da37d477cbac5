#include "python/indexing_basic.h"

#include <string>

namespace hc::py {

namespace {

enum class ItemKind { Int, Slice, Ellipsis, NewAxis, Other };

ItemKind classify(PyObject* o) {
  if (PyLong_CheckExact(o)) return ItemKind::Int;
  if (PySlice_Check(o)) return ItemKind::Slice;
  if (o == Py_Ellipsis) return ItemKind::Ellipsis;
  if (o == Py_None) return ItemKind::NewAxis;
  if (PyBool_Check(o)) return ItemKind::Other;
  if (PyLong_Check(o)) return ItemKind::Int;  // int subclasses (numpy ints are not)
  // NumPy integer scalars index like ints: they have __index__ and are not sequences.
  // NumPy's bool scalar is a mask, not an int.
  if (!is_array(o) && PyIndex_Check(o) && !PySequence_Check(o) &&
      std::string(Py_TYPE(o)->tp_name) != "numpy.bool")
    return ItemKind::Int;
  return ItemKind::Other;
}

}  // namespace

bool basic_index(const Array& x, nb::handle key, Array* out) {
  PyObject* items_buf[1];
  PyObject** items;
  Py_ssize_t n;
  if (PyTuple_Check(key.ptr())) {
    n = PyTuple_GET_SIZE(key.ptr());
    items = &PyTuple_GET_ITEM(key.ptr(), 0);
  } else {
    items_buf[0] = key.ptr();
    items = items_buf;
    n = 1;
  }
  ItemKind kinds[kMaxDims * 2 + 2];
  if (n > kMaxDims * 2) throw IndexError("too many indices for array");
  int consumed = 0, ellipses = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    kinds[i] = classify(items[i]);
    switch (kinds[i]) {
      case ItemKind::Int: case ItemKind::Slice: ++consumed; break;
      case ItemKind::Ellipsis: ++ellipses; break;
      case ItemKind::NewAxis: break;
      case ItemKind::Other: return false;
    }
  }
  if (ellipses > 1) throw IndexError("an index can only have a single ellipsis ('...')");
  if (consumed > x.ndim())
    throw IndexError("too many indices for array: array is " + std::to_string(x.ndim()) +
                     "-dimensional, but " + std::to_string(consumed) + " were indexed");

  Dims shape, strides;
  int64_t offset = x.offset;
  int dim = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* o = items[i];
    switch (kinds[i]) {
      case ItemKind::Int: {
        Py_ssize_t v = PyNumber_AsSsize_t(o, PyExc_IndexError);
        if (v == -1 && PyErr_Occurred()) throw nb::python_error();
        int64_t size = x.shape[dim];
        if (v < -size || v >= size)
          throw IndexError("index " + std::to_string(v) + " is out of bounds for axis " +
                           std::to_string(dim) + " with size " + std::to_string(size));
        if (v < 0) v += size;
        offset += v * x.strides[dim];
        ++dim;
        break;
      }
      case ItemKind::Slice: {
        Py_ssize_t start, stop, step;
        if (PySlice_Unpack(o, &start, &stop, &step) < 0) throw nb::python_error();
        Py_ssize_t len = PySlice_AdjustIndices(x.shape[dim], &start, &stop, step);
        shape.push_back(len);
        strides.push_back(x.strides[dim] * step);
        if (len > 0) offset += start * x.strides[dim];
        ++dim;
        break;
      }
      case ItemKind::Ellipsis: {
        int fill = x.ndim() - consumed;
        for (int k = 0; k < fill; ++k, ++dim) {
          shape.push_back(x.shape[dim]);
          strides.push_back(x.strides[dim]);
        }
        break;
      }
      case ItemKind::NewAxis:
        shape.push_back(1);
        strides.push_back(0);
        break;
      case ItemKind::Other:
        return false;
    }
  }
  for (; dim < x.ndim(); ++dim) {
    shape.push_back(x.shape[dim]);
    strides.push_back(x.strides[dim]);
  }
  *out = x.view(std::move(shape), std::move(strides), offset);
  return true;
}

}  // namespace hc::py
