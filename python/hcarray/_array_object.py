"""Methods and protocols of hcarray.ndarray written in Python on top of the core.

The C++ class accepts attribute assignment, so everything here is attached onto
``hcarray.ndarray`` at import: NumPy interop (``__array__``, repr/str), DLPack export, the Array
API object methods (``__array_namespace__``, ``device``, ``to_device``), conversions (``astype``,
``tolist``, iteration), copying and pickling.
"""

import pickle as _pickle
import sys as _sys

import numpy as _np

from . import _core, _dtypes
from ._core import ndarray
from ._core import np_view as _np_view
from ._device import CPU as _CPU
from ._device import Device, as_device
from ._dlpack import DLDeviceType as _DLDeviceType

_BF16_CODE = 10
_UINT16_CODE = 6
_BF16 = _np.dtype(_dtypes.bfloat16)


def _to_numpy(x):
    """A NumPy view of x (no copy): built with NumPy's C API (_core.np_view: the canonical dtype
    object, bfloat16 included, x as the base, writeable as x is). Through the buffer protocol
    (np.asarray) and a dtype check it took ~640 ns; np_view ~150 (session 5)."""
    return _np_view(x)


def asarray_hook(obj):
    if isinstance(obj, _np.ndarray):
        return _from_numpy(obj)
    a = _np.asarray(obj)
    if a.dtype == object:
        raise TypeError(f"asarray: cannot convert {type(obj).__name__} to an array")
    return _copy_from_numpy(a)


def _from_numpy(a):
    """Zero-copy hcarray view of a NumPy array (copies only when the dtype needs converting)."""
    v = _core.adopt(a)
    if v is not None:
        return v
    d = a.dtype
    code = _dtypes._CODE.get(d)
    if code is None:
        code = _dtypes.dtype_code(d, "asarray")
        a = a.astype(_dtypes._DTYPES[code])
    if code == _BF16_CODE:
        v = _core.from_buffer(a.view(_np.uint16), _BF16_CODE)
    else:
        if not a.dtype.isnative:
            a = a.astype(a.dtype.newbyteorder("="))
        v = _core.from_buffer(a)
    if v.strides != a.strides:
        # NumPy's buffer export normalises the strides of contiguous arrays (size-1 and empty
        # dimensions); keep NumPy's own, which address the same elements.
        v = _core.as_strided(v, a.shape, a.strides, v._offset)
    return v


def _copy_from_numpy(a):
    """A new hcarray (memory from the allocator) holding a copy of NumPy array a."""
    v = _from_numpy(a)
    return v.copy()


def _getitem_hook(x, key):
    raise IndexError(f"__getitem__: unsupported index {key!r}")


def _setitem_hook(x, key, value):
    raise IndexError(f"__setitem__: unsupported index {key!r}")


_core._set_hooks(asarray_hook, _dtypes.dtype_code, _getitem_hook, _setitem_hook)


def _check_copy(copy, fn):
    if copy is not None and not isinstance(copy, (bool, _np.bool_)):
        raise TypeError(f"{fn}: copy must be True, False or None, not {copy!r}")
    return None if copy is None else bool(copy)


# --- NumPy interop -------------------------------------------------------------------------------

def __array__(self, dtype=None, copy=None):
    """NumPy's conversion protocol with NumPy 2's copy semantics: copy=None copies only when the
    dtype changes, copy=True always copies, copy=False never does (ValueError if it must)."""
    copy = _check_copy(copy, "__array__")
    a = _to_numpy(self)
    if dtype is not None and _np.dtype(dtype) != a.dtype:
        if copy is False:
            raise ValueError("__array__: a copy is needed to change the dtype, but copy=False")
        return a.astype(dtype)
    if copy:
        return a.copy()
    return a


def __repr__(self):
    # A 0-d array stands where NumPy returns a scalar (x[0], x.sum()), so it prints as NumPy's
    # scalar does (np.float64(3.0)): lists and tuples of results then print as in NumPy.
    # specs/numpy-compat.md.
    a = _to_numpy(self)
    if a.ndim == 0:
        return repr(a[()])
    return repr(a)


def __str__(self):
    return str(_to_numpy(self))


# --- DLPack export -------------------------------------------------------------------------------

def _dl_device_of(x, fn):
    if x._device_str != "cpu":
        raise BufferError(f"{fn}: arrays on device {x._device_str!r} cannot be exported yet")
    return (_DLDeviceType.kDLCPU, 0)


def __dlpack_device__(self):
    """(device type, device id) in DLPack's terms: (kDLCPU = 1, 0) for CPU memory."""
    return _dl_device_of(self, "__dlpack_device__")


def __dlpack__(self, /, *, stream=None, max_version=None, dl_device=None, copy=None):
    """Exports the array as a DLPack capsule: 'dltensor_versioned' (DLPack 1.0, with read-only and
    is-copied flags) when max_version >= (1, 0), else a legacy 'dltensor' capsule."""
    fn = "__dlpack__"
    copy = _check_copy(copy, fn)
    here = _dl_device_of(self, fn)
    if stream is not None:
        raise ValueError(f"{fn}: stream must be None for CPU arrays, got {stream!r}")
    versioned = False
    if max_version is not None:
        try:
            major, _minor = (int(v) for v in max_version)
        except (TypeError, ValueError):
            raise TypeError(f"{fn}: max_version must be a (major, minor) tuple of ints, got "
                            f"{max_version!r}") from None
        versioned = major >= 1
    if dl_device is not None:
        try:
            dev_type, dev_id = (int(v) for v in dl_device)
        except (TypeError, ValueError):
            raise TypeError(f"{fn}: dl_device must be a (device_type, device_id) tuple, got "
                            f"{dl_device!r}") from None
        if (dev_type, dev_id) != (int(here[0]), here[1]):
            if copy is False:
                raise BufferError(f"{fn}: exporting to device {dl_device!r} needs a copy, but "
                                  "copy=False")
            raise BufferError(f"{fn}: cannot export to DLPack device {dl_device!r}; only CPU "
                              "(1, 0) is supported")
    return _core._dlpack_export(self, versioned, -1 if copy is None else int(copy))


# --- Array API object methods --------------------------------------------------------------------

_API_VERSIONS = ("2024.12", "2023.12", "2022.12", "2021.12")


def __array_namespace__(self, /, *, api_version=None):
    """The hcarray module. api_version: None or one of the supported standard versions."""
    if api_version is not None:
        if not isinstance(api_version, str):
            raise TypeError("__array_namespace__: api_version must be a string such as "
                            f"'2024.12' or None, not {type(api_version).__name__}")
        if api_version not in _API_VERSIONS:
            raise ValueError(f"__array_namespace__: unsupported api_version {api_version!r}; "
                             f"supported: {', '.join(_API_VERSIONS)}")
    return _sys.modules[__name__.rpartition(".")[0]]


def _device(self):
    s = self._device_str
    return _CPU if s == "cpu" else Device(s)


def to_device(self, device, /, *, stream=None):
    """The array on `device`: itself when it is already there."""
    d = as_device(device, "to_device")
    if stream is not None:
        raise ValueError(f"to_device: stream must be None for CPU arrays, got {stream!r}")
    if d == _device(self):
        return self
    raise ValueError(f"to_device: cannot move an array to {d.name!r}")  # pragma: no cover


def astype(self, dtype, /, *, copy=True, device=None):
    """A copy of the array cast to dtype (NumPy's casting); with copy=False, the array itself
    when it already has that dtype."""
    as_device(device, "astype")
    copy = _check_copy(copy, "astype")
    if copy is None:
        raise TypeError("astype: copy must be True or False")
    if isinstance(dtype, ndarray):
        raise TypeError("astype: expected a data type, got an array")
    code = _dtypes.dtype_code(dtype, "astype")
    if code == self._dtype_code and not copy:
        return self
    return self._astype_code(code)


def _iterate(x):
    # map over the C++ __getitem__: no Python frame per item (~25% less per element)
    return map(x.__getitem__, range(x.shape[0]))


def __iter__(self):
    """Iterates over the first axis; a 0-d array is not iterable (TypeError)."""
    if self.ndim == 0:
        raise TypeError("iteration over a 0-d array")
    return _iterate(self)


def tolist(self):
    """The values as nested lists of Python scalars (a Python scalar for a 0-d array)."""
    a = _to_numpy(self)
    if a.dtype == _BF16:
        a = a.astype(_np.float32)
    return a.tolist()


def __copy__(self):
    return self.copy()


def __deepcopy__(self, memo):
    return self.copy()


# --- pickling ------------------------------------------------------------------------------------

def _reconstruct(dtype_name, shape, data):
    """Unpickles: data holds the C-ordered bytes (bytes, bytearray or an out-of-band buffer).
    Writable buffers are wrapped without a copy; read-only ones are copied."""
    dt = _dtypes._DTYPES[_dtypes.dtype_code(_np.dtype(dtype_name), "unpickle")]
    a = _np.frombuffer(data, dtype=dt).reshape(shape)
    if a.flags.writeable:
        return _from_numpy(a)
    return _copy_from_numpy(a)


def _contiguous_buffer_source(x):
    """A C-contiguous array with the buffer protocol holding x's bytes."""
    c = x if x._c_contiguous else x.copy()
    if c._dtype_code == _BF16_CODE:
        c = c._reinterpret(_UINT16_CODE)
    return c


def __reduce_ex__(self, protocol):
    name = str(self.dtype)
    if protocol >= 5:
        data = _pickle.PickleBuffer(_contiguous_buffer_source(self))
    else:
        data = _to_numpy(self).tobytes()
    return (_reconstruct, (name, self.shape, data))


def __reduce__(self):
    return __reduce_ex__(self, 2)


for _name, _value in {
    "__array__": __array__,
    "__repr__": __repr__,
    "__str__": __str__,
    "__dlpack__": __dlpack__,
    "__dlpack_device__": __dlpack_device__,
    "__array_namespace__": __array_namespace__,
    "device": property(_device, doc="The device the array's memory is on (hcarray.Device)."),
    "to_device": to_device,
    "astype": astype,
    "__iter__": __iter__,
    "tolist": tolist,
    "__copy__": __copy__,
    "__deepcopy__": __deepcopy__,
    "__reduce_ex__": __reduce_ex__,
    "__reduce__": __reduce__,
    "__hash__": None,
    # NumPy defers binary operators to hcarray (np_array + hc_array -> hc_array.__radd__).
    "__array_ufunc__": None,
    "__array_priority__": 100.0,
}.items():
    setattr(ndarray, _name, _value)
del _name, _value
