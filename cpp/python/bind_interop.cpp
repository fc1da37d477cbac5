// Bindings of the interop group: DLPack export (capsules of either kind) and import.
//
// Export: the capsule owns a heap-allocated managed tensor whose manager_ctx holds a heap copy of
// the Array (so the storage outlives the producer object) plus the shape and element strides.
// An unconsumed capsule calls the deleter when collected; a consumer renames it "used_..." and
// calls the deleter itself.
// Import: the producer's memory is wrapped with Storage::borrow; the release calls the producer's
// deleter once the last view of it goes away.
#include <cstring>
#include <string>
#include <vector>

#include "python/convert.h"
#include "python/dlpack.h"

namespace hc::py {

namespace {

[[noreturn]] void buffer_error(const std::string& msg) {
  PyErr_SetString(PyExc_BufferError, msg.c_str());
  throw nb::python_error();
}

bool dl_dtype(DType t, dl::DataType* out) {
  uint8_t bits = uint8_t(itemsize(t) * 8);
  switch (kind(t)) {
    case Kind::Bool: *out = {dl::kBool, 8, 1}; return true;
    case Kind::Int: *out = {dl::kInt, bits, 1}; return true;
    case Kind::UInt: *out = {dl::kUInt, bits, 1}; return true;
    case Kind::Float:
      *out = {t == DType::BFloat16 ? uint8_t(dl::kBfloat) : uint8_t(dl::kFloat), bits, 1};
      return true;
    case Kind::Complex: *out = {dl::kComplex, bits, 1}; return true;
  }
  return false;
}

bool dtype_from_dl(dl::DataType d, DType* out) {
  if (d.lanes != 1) return false;
  switch (d.code) {
    case dl::kBool:
      if (d.bits != 8) return false;
      *out = DType::Bool;
      return true;
    case dl::kInt:
      switch (d.bits) {
        case 8: *out = DType::Int8; return true;
        case 16: *out = DType::Int16; return true;
        case 32: *out = DType::Int32; return true;
        case 64: *out = DType::Int64; return true;
      }
      return false;
    case dl::kUInt:
      switch (d.bits) {
        case 8: *out = DType::UInt8; return true;
        case 16: *out = DType::UInt16; return true;
        case 32: *out = DType::UInt32; return true;
        case 64: *out = DType::UInt64; return true;
      }
      return false;
    case dl::kFloat:
      switch (d.bits) {
        case 16: *out = DType::Float16; return true;
        case 32: *out = DType::Float32; return true;
        case 64: *out = DType::Float64; return true;
      }
      return false;
    case dl::kBfloat:
      if (d.bits != 16) return false;
      *out = DType::BFloat16;
      return true;
    case dl::kComplex:
      switch (d.bits) {
        case 64: *out = DType::Complex64; return true;
        case 128: *out = DType::Complex128; return true;
      }
      return false;
  }
  return false;
}

// What a managed tensor's manager_ctx points at.
struct ExportCtx {
  Array array;
  std::vector<int64_t> shape;
  std::vector<int64_t> strides;
};

template <class M> void delete_managed(M* m) {
  delete static_cast<ExportCtx*>(m->manager_ctx);
  delete m;
}

template <class M> constexpr const char* capsule_name();
template <> constexpr const char* capsule_name<dl::ManagedTensor>() { return dl::kCapsule; }
template <> constexpr const char* capsule_name<dl::ManagedTensorVersioned>() { return dl::kCapsuleVersioned; }

// Destructor of an exported capsule: frees the tensor unless a consumer took it (renamed it).
template <class M> void capsule_destructor(PyObject* cap) {
  if (!PyCapsule_IsValid(cap, capsule_name<M>())) return;  // consumed: the consumer owns it
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  auto* m = static_cast<M*>(PyCapsule_GetPointer(cap, capsule_name<M>()));
  if (m && m->deleter) m->deleter(m);
  PyErr_Clear();
  PyErr_Restore(type, value, tb);
}

void fill_tensor(dl::Tensor* t, ExportCtx* ctx) {
  const Array& a = ctx->array;
  dl::DataType d{};
  dl_dtype(a.dtype, &d);
  t->data = a.data();
  t->device = {dl::kCPU, 0};
  t->ndim = a.ndim();
  t->dtype = d;
  t->shape = ctx->shape.empty() ? nullptr : ctx->shape.data();
  t->strides = ctx->strides.empty() ? nullptr : ctx->strides.data();
  t->byte_offset = 0;
}

// copy: -1 (None: copy only if unavoidable), 0 (never), 1 (always).
nb::object dlpack_export(const Array& x, bool versioned, int copy) {
  Array a = x;
  bool copied = false;
  bool strides_ok = true;
  for (int i = 0; i < a.ndim(); ++i)
    if (a.strides[i] % a.itemsize() != 0) strides_ok = false;
  if (copy == 1 || (!strides_ok && copy == -1)) {
    a = astype(x, x.dtype);
    copied = true;
  } else if (!strides_ok) {
    buffer_error("__dlpack__: the array's strides are not a multiple of its itemsize; DLPack "
                 "needs a copy, but copy=False");
  }
  if (!versioned && !a.writeable)
    buffer_error("__dlpack__: a read-only array cannot be exported as a legacy DLPack capsule "
                 "(it cannot signal read-only); pass max_version=(1, 0) or copy=True");
  auto* ctx = new ExportCtx{a, {}, {}};
  ctx->shape.assign(a.shape.begin(), a.shape.end());
  ctx->strides.resize(a.ndim());
  for (int i = 0; i < a.ndim(); ++i) ctx->strides[i] = a.strides[i] / a.itemsize();
  PyObject* cap;
  if (versioned) {
    auto* m = new dl::ManagedTensorVersioned();
    m->version = {dl::kMajorVersion, dl::kMinorVersion};
    m->manager_ctx = ctx;
    m->deleter = &delete_managed<dl::ManagedTensorVersioned>;
    m->flags = (a.writeable ? 0 : dl::kFlagReadOnly) | (copied ? dl::kFlagIsCopied : 0);
    fill_tensor(&m->dl_tensor, ctx);
    cap = PyCapsule_New(m, dl::kCapsuleVersioned, &capsule_destructor<dl::ManagedTensorVersioned>);
    if (!cap) {
      delete_managed(m);
      throw nb::python_error();
    }
  } else {
    auto* m = new dl::ManagedTensor();
    m->manager_ctx = ctx;
    m->deleter = &delete_managed<dl::ManagedTensor>;
    fill_tensor(&m->dl_tensor, ctx);
    cap = PyCapsule_New(m, dl::kCapsule, &capsule_destructor<dl::ManagedTensor>);
    if (!cap) {
      delete_managed(m);
      throw nb::python_error();
    }
  }
  return nb::steal(cap);
}

bool host_accessible(int32_t device_type) {
  return device_type == dl::kCPU || device_type == dl::kCUDAHost ||
         device_type == dl::kROCMHost || device_type == dl::kCUDAManaged;
}

// Imports a capsule; returns (array, producer_copied). Consumes (renames) the capsule only on
// success, so a capsule that fails to import is still freed by its own destructor.
nb::tuple dlpack_import(nb::handle cap) {
  PyObject* o = cap.ptr();
  if (!PyCapsule_CheckExact(o))
    throw TypeError("from_dlpack: expected a DLPack capsule, got " +
                    nb::cast<std::string>(nb::str(nb::handle((PyObject*)Py_TYPE(o)))));
  const char* nm = PyCapsule_GetName(o);
  if (!nm && PyErr_Occurred()) throw nb::python_error();
  std::string name = nm ? nm : "";
  if (name == dl::kUsedCapsule || name == dl::kUsedCapsuleVersioned)
    buffer_error("from_dlpack: this DLPack capsule has already been consumed; a capsule can be "
                 "imported only once (call __dlpack__ again for a new one)");
  bool versioned = name == dl::kCapsuleVersioned;
  if (!versioned && name != dl::kCapsule)
    throw TypeError("from_dlpack: capsule named '" + name + "' is not a DLPack capsule");
  void* p = PyCapsule_GetPointer(o, nm);
  if (!p) throw nb::python_error();

  dl::Tensor* t;
  uint64_t flags = 0;
  std::function<void()> release;
  if (versioned) {
    auto* m = static_cast<dl::ManagedTensorVersioned*>(p);
    if (m->version.major != dl::kMajorVersion)
      buffer_error("from_dlpack: unsupported DLPack version " + std::to_string(m->version.major) +
                   "." + std::to_string(m->version.minor) + "; hcarray reads 1.x");
    t = &m->dl_tensor;
    flags = m->flags;
    release = [m]() {
      if (!m->deleter) return;
      PyGILState_STATE st = PyGILState_Ensure();
      m->deleter(m);
      PyGILState_Release(st);
    };
  } else {
    auto* m = static_cast<dl::ManagedTensor*>(p);
    t = &m->dl_tensor;
    release = [m]() {
      if (!m->deleter) return;
      PyGILState_STATE st = PyGILState_Ensure();
      m->deleter(m);
      PyGILState_Release(st);
    };
  }
  if (!host_accessible(t->device.device_type))
    buffer_error("from_dlpack: DLPack device type " + std::to_string(t->device.device_type) +
                 " is not reachable from the CPU");
  DType dt;
  if (!dtype_from_dl(t->dtype, &dt))
    buffer_error("from_dlpack: unsupported DLPack dtype (code " + std::to_string(t->dtype.code) +
                 ", bits " + std::to_string(t->dtype.bits) + ", lanes " +
                 std::to_string(t->dtype.lanes) + ")");
  if (t->ndim < 0 || t->ndim > kMaxDims)
    buffer_error("from_dlpack: unsupported number of dimensions " + std::to_string(t->ndim));
  if (t->ndim > 0 && !t->shape) buffer_error("from_dlpack: DLPack tensor has no shape");
  int nd = t->ndim;
  int64_t isz = itemsize(dt);
  Dims shape(nd), strides(nd);
  for (int i = 0; i < nd; ++i) shape[i] = t->shape[i];
  int64_t n = 0;
  try {
    n = checked_size(shape, isz, "from_dlpack");
  } catch (const ValueError& e) {
    buffer_error(e.what());
  }
  if (t->strides) {
    for (int i = 0; i < nd; ++i)
      if (__builtin_mul_overflow(t->strides[i], isz, &strides[i]))
        buffer_error("from_dlpack: DLPack strides overflow");
  } else {
    strides = c_strides(shape, isz);
  }

  Array a;
  if (n == 0) {
    // No data to share: an empty array of our own; the producer's tensor is freed at once.
    a = Array::empty(shape, dt, Device(), "from_dlpack");
    if (PyCapsule_SetName(o, versioned ? dl::kUsedCapsuleVersioned : dl::kUsedCapsule) != 0)
      throw nb::python_error();
    release();
  } else {
    // The extent [lo, hi) in bytes, relative to the first element, that the view reaches.
    int64_t lo = 0, hi = isz;
    for (int i = 0; i < nd; ++i) {
      int64_t span;
      if (__builtin_mul_overflow(shape[i] - 1, strides[i], &span) ||
          __builtin_add_overflow(span < 0 ? lo : hi, span, span < 0 ? &lo : &hi))
        buffer_error("from_dlpack: DLPack strides overflow");
    }
    char* first = static_cast<char*>(t->data) + t->byte_offset;
    if (PyCapsule_SetName(o, versioned ? dl::kUsedCapsuleVersioned : dl::kUsedCapsule) != 0)
      throw nb::python_error();
    a.storage = Storage::borrow(first + lo, size_t(hi - lo), std::move(release));
    a.dtype = dt;
    a.shape = shape;
    a.strides = strides;
    a.offset = -lo;
  }
  a.writeable = !(flags & dl::kFlagReadOnly);
  return nb::make_tuple(wrap(std::move(a)), bool(flags & dl::kFlagIsCopied));
}

}  // namespace

void bind_interop(nb::module_& m) {
  m.def("_dlpack_export", [](nb::handle x, bool versioned, int copy) {
    if (!is_array(x)) throw TypeError("__dlpack__: expected an hcarray.ndarray");
    return dlpack_export(as_array(x), versioned, copy);
  }, nb::arg("x"), nb::arg("versioned"), nb::arg("copy") = -1,
        "A DLPack capsule of x ('dltensor_versioned' or legacy 'dltensor'). Internal.");
  m.def("_dlpack_import", &dlpack_import, nb::arg("capsule"),
        "(array, producer_copied) from a DLPack capsule, which it consumes. Internal.");
  m.def("_dlpack_capsule_name", [](nb::handle cap) -> nb::object {
    if (!PyCapsule_CheckExact(cap.ptr())) return nb::none();
    const char* nm = PyCapsule_GetName(cap.ptr());
    if (!nm) {
      PyErr_Clear();
      return nb::none();
    }
    return nb::str(nm);
  }, "The name of a capsule, or None. Internal (tests).");
}

}  // namespace hc::py
