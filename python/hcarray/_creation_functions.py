"""Array API creation functions."""

import math as _math

import numpy as _np

from . import _core, _dtypes
from ._array_object import _copy_from_numpy, _from_numpy
from ._device import as_device
from ._validation import check_array as _check_array, as_int as _int

__all__ = [
    "arange", "asarray", "empty", "empty_like", "eye", "full", "full_like", "linspace",
    "meshgrid", "ones", "ones_like", "tril", "triu", "zeros", "zeros_like",
]


def asarray(obj, /, *, dtype=None, device=None, copy=None):
    """Converts obj to an hcarray. NumPy arrays and buffer-protocol objects are wrapped without a
    copy when dtype and copy allow; copy=False raises ValueError when a copy is unavoidable."""
    if dtype is None and copy is None and device is None:
        # the common calls in one step: an hcarray, a NumPy array (zero-copy), a Python scalar
        t = type(obj)
        if t is _core.ndarray:
            return obj
        if t is _np.ndarray:
            v = _core.adopt(obj)
            if v is not None:
                return v
        elif t is float or t is int or t is bool or t is complex:
            v = _core.from_python_scalar(obj)
            if v is not None:
                return v
    if device is not None:
        as_device(device, "asarray")
    code = None if dtype is None else _dtypes.dtype_code(dtype, "asarray")
    if isinstance(obj, _core.ndarray):
        if code is None or code == obj._dtype_code:
            return obj.copy() if copy else obj
        if copy is False:
            raise ValueError("asarray: changing the dtype needs a copy, but copy=False")
        return _core.astype(obj, _dtypes._DTYPES[code])
    if isinstance(obj, _np.ndarray):
        if code is not None and _dtypes._DTYPES[code] != obj.dtype:
            if copy is False:
                raise ValueError("asarray: changing the dtype needs a copy, but copy=False")
            return _copy_from_numpy(obj.astype(_dtypes._DTYPES[code]))
        v = _from_numpy(obj)
        return v.copy() if copy else v
    if copy is not True and not isinstance(obj, (bool, int, float, complex, list, tuple)):
        try:
            v = _core.from_buffer(obj)
        except TypeError:
            v = None
        if v is not None:
            if code is not None and code != v._dtype_code:
                if copy is False:
                    raise ValueError("asarray: changing the dtype needs a copy, but copy=False")
                return _core.astype(v, _dtypes._DTYPES[code])
            return v
    if copy is False:
        raise ValueError(f"asarray: a {type(obj).__name__} cannot be converted without a copy")
    if (type(obj) is list or type(obj) is tuple) and obj and type(obj[0]) is _core.ndarray:
        # a list of hcarrays of one dtype and shape (rows, or the 0-d items of an iteration):
        # stacked by memcpy in C++; NumPy converted each item through its buffer (3000 0-d
        # items: 1.7 ms, NumPy 0.08)
        v = _core._concat(obj, 0, True)
        if v is not None:
            return v if code is None or code == v._dtype_code else \
                _core.astype(v, _dtypes._DTYPES[code])
    a = _np.asarray(obj, dtype=None if code is None else _dtypes._DTYPES[code])
    if a.dtype == object or a.dtype.kind in "USVMmO":
        raise TypeError(f"asarray: cannot convert {type(obj).__name__} to an array of numbers")
    return _copy_from_numpy(a)


# ---------------------------------------------------------------------------------------------
# Helpers

_BOOL = _np.dtype(_np.bool_)
_INT64 = _np.dtype(_np.int64)
_FLOAT64 = _np.dtype(_np.float64)
_COMPLEX128 = _np.dtype(_np.complex128)
_MAX_BYTES = 1 << 62


def _dtype(dtype, fn, default=None):
    if dtype is None:
        return default
    if isinstance(dtype, _core.ndarray):
        raise TypeError(f"{fn}: dtype must be a data type, not an array")
    return _dtypes._DTYPES[_dtypes.dtype_code(dtype, fn)]


def _shape(shape, fn, itemsize=1):
    """A validated shape tuple: ints, non-negative, at most 64 dims, addressable in bytes."""
    if isinstance(shape, (tuple, list)):
        shp = tuple(_int(s, fn, "shape entries") for s in shape)
    else:
        try:
            shp = (_int(shape, fn, "shape"),)
        except TypeError:
            raise TypeError(f"{fn}: shape must be an int or a tuple of ints, "
                            f"not {type(shape).__name__}") from None
    if len(shp) > 64:
        raise ValueError(f"{fn}: at most 64 dimensions are supported, got {len(shp)}")
    n = 1
    for s in shp:
        if s < 0:
            raise ValueError(f"{fn}: negative dimensions are not allowed: {shp}")
        n *= s
    if n * itemsize > _MAX_BYTES:
        raise ValueError(f"{fn}: array is too big; shape {shp} exceeds the addressable size")
    return shp


def _device(device, fn, like=None):
    if device is None and like is not None and _core._current_device() is None:
        device = like._device_str  # precedence: keyword, then `using`, then the operand
    return as_device(device, fn).name


def _check_int_fits(value, d, fn):
    if d.kind in "iu" and type(value) is float and _math.isfinite(value):
        value = int(value)
    if d.kind in "iu" and type(value) is int:
        info = _np.iinfo(d)
        if not info.min <= value <= info.max:
            raise OverflowError(f"{fn}: Python integer {value} out of bounds for {d}")


def _scalar_dtype(value, fn):
    """The default dtype of a Python scalar fill value (the standard's rule)."""
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, int):
        if not -(1 << 63) <= value < (1 << 63):
            raise OverflowError(f"{fn}: Python integer {value} out of bounds for int64")
        return _INT64
    if isinstance(value, float):
        return _FLOAT64
    if isinstance(value, complex):
        return _COMPLEX128
    return None


# ---------------------------------------------------------------------------------------------
# Filled arrays


def empty(shape, *, dtype=None, device=None):
    """An uninitialised array of this shape (default dtype float64)."""
    d = _dtype(dtype, "empty", _FLOAT64)
    return _core.empty(_shape(shape, "empty", d.itemsize), d, _device(device, "empty"))


def zeros(shape, *, dtype=None, device=None):
    """An array of zeros (default dtype float64)."""
    d = _dtype(dtype, "zeros", _FLOAT64)
    return _core.full(_shape(shape, "zeros", d.itemsize), 0, d, _device(device, "zeros"))


def ones(shape, *, dtype=None, device=None):
    """An array of ones (default dtype float64)."""
    d = _dtype(dtype, "ones", _FLOAT64)
    return _core.full(_shape(shape, "ones", d.itemsize), 1, d, _device(device, "ones"))


def _full(shape, fill_value, dtype, dev, fn):
    if isinstance(fill_value, (bool, int, float, complex)):
        d = dtype if dtype is not None else _scalar_dtype(fill_value, fn)
        _check_int_fits(fill_value, d, fn)
        return _core.full(_shape(shape, fn, d.itemsize), fill_value, d, dev)
    if isinstance(fill_value, _np.generic):
        fill_value = _np.asarray(fill_value)
    if isinstance(fill_value, (_core.ndarray, _np.ndarray)):
        v = fill_value if isinstance(fill_value, _core.ndarray) else asarray(fill_value)
        d = dtype if dtype is not None else v.dtype
        out = _core.empty(_shape(shape, fn, d.itemsize), d, dev)
        try:
            _core.copyto(out, v)
        except ValueError as e:
            raise ValueError(f"{fn}: fill value of shape {v.shape} does not broadcast to "
                             f"{out.shape}") from e
        return out
    raise TypeError(f"{fn}: fill_value must be a bool, int, float or complex, "
                    f"not {type(fill_value).__name__}")


def full(shape, fill_value, *, dtype=None, device=None):
    """An array filled with fill_value. Without dtype: bool -> bool, int -> int64,
    float -> float64, complex -> complex128."""
    return _full(shape, fill_value, _dtype(dtype, "full"), _device(device, "full"), "full")


def empty_like(x, /, *, dtype=None, device=None):
    """An uninitialised array with x's shape (and x's dtype and device unless given)."""
    _check_array(x, "empty_like")
    d = _dtype(dtype, "empty_like", x.dtype)
    return _core.empty(x.shape, d, _device(device, "empty_like", x))


def zeros_like(x, /, *, dtype=None, device=None):
    """Zeros with x's shape (and x's dtype and device unless given)."""
    _check_array(x, "zeros_like")
    d = _dtype(dtype, "zeros_like", x.dtype)
    return _core.full(x.shape, 0, d, _device(device, "zeros_like", x))


def ones_like(x, /, *, dtype=None, device=None):
    """Ones with x's shape (and x's dtype and device unless given)."""
    _check_array(x, "ones_like")
    d = _dtype(dtype, "ones_like", x.dtype)
    return _core.full(x.shape, 1, d, _device(device, "ones_like", x))


def full_like(x, /, fill_value, *, dtype=None, device=None):
    """fill_value with x's shape (and x's dtype and device unless given)."""
    _check_array(x, "full_like")
    d = _dtype(dtype, "full_like", x.dtype)
    return _full(x.shape, fill_value, d, _device(device, "full_like", x), "full_like")


# ---------------------------------------------------------------------------------------------
# Ranges


def _real_number(v, fn, what):
    """A Python int or float for an arange bound; TypeError otherwise."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, _core.ndarray):
        if v.ndim != 0:
            raise TypeError(f"{fn}: {what} must be a scalar, not an array of shape {v.shape}")
        v = v.item()
        if isinstance(v, complex):
            raise TypeError(f"{fn}: {what} must be real, not complex")
        return v
    if isinstance(v, _np.integer):
        return int(v)
    if isinstance(v, _np.floating):
        return float(v)
    raise TypeError(f"{fn}: {what} must be an int or a float, not {type(v).__name__}")


def arange(start, /, stop=None, step=1, *, dtype=None, device=None):
    """Evenly spaced values in [start, stop) as NumPy's arange computes them. Without dtype:
    int64 when start, stop and step are all integers, float64 otherwise."""
    fn = "arange"
    d = _dtype(dtype, fn)
    dev = _device(device, fn)
    if stop is None:
        start, stop = 0, start
    start = _real_number(start, fn, "start")
    stop = _real_number(stop, fn, "stop")
    step = _real_number(step, fn, "step")
    if d is None:
        d = _INT64 if all(type(v) is int for v in (start, stop, step)) else _FLOAT64
    if step == 0:
        raise ZeroDivisionError(f"{fn}: step must not be zero")
    try:
        q = (stop - start) / step
    except OverflowError:
        raise ValueError(f"{fn}: cannot compute the length") from None
    if _math.isnan(q):
        raise ValueError(f"{fn}: cannot compute the length (NaN)")
    if _math.isinf(q):
        raise ValueError(f"{fn}: the length is infinite")
    n = max(0, _math.ceil(q))
    _shape((n,), fn, d.itemsize)
    if d == _BOOL and n > 2:
        raise TypeError(f"{fn}: a bool range can have at most 2 elements")
    out = _core.empty((n,), d, dev)
    if n == 0:
        return out
    if d.kind in "iu":
        _check_int_fits(start, d, fn)
    out[0] = start
    if n > 1:
        nxt = start + step
        if d.kind in "iu":
            _check_int_fits(nxt, d, fn)
        out[1] = nxt
        _core._arange_fill(out)
    return out


def linspace(start, stop, /, num, *, dtype=None, device=None, endpoint=True):
    """num evenly spaced values from start to stop (NumPy's algorithm: computed in float64, or
    complex128 for complex bounds, then cast). Default dtype float64 (complex128 for complex
    bounds)."""
    fn = "linspace"
    d = _dtype(dtype, fn)
    dev = _device(device, fn)
    num = _int(num, fn, "num")
    if num < 0:
        raise ValueError(f"{fn}: the number of samples, {num}, must be non-negative")
    if not isinstance(endpoint, bool):
        raise TypeError(f"{fn}: endpoint must be True or False")
    bounds = []
    for v, what in ((start, "start"), (stop, "stop")):
        if isinstance(v, _core.ndarray):
            if v.ndim != 0:
                raise TypeError(f"{fn}: {what} must be a scalar, not an array of shape {v.shape}")
            v = v.item()
        elif isinstance(v, _np.generic) and v.dtype.kind in "biufc":
            v = v.item()
        if not isinstance(v, (bool, int, float, complex)):
            raise TypeError(f"{fn}: {what} must be a real or complex number, "
                            f"not {type(v).__name__}")
        bounds.append(v)
    is_complex = any(isinstance(v, complex) for v in bounds)
    if d is None:
        d = _COMPLEX128 if is_complex else _FLOAT64
    elif is_complex and d.kind != "c":
        raise TypeError(f"{fn}: complex start or stop needs a complex dtype, not {d}")
    try:
        lo, hi = (complex(v) for v in bounds)
    except OverflowError:
        raise OverflowError(f"{fn}: start or stop is too large for float64") from None
    out = _core.empty(_shape((num,), fn, d.itemsize), d, dev)
    _core._linspace_fill(out, lo, hi, is_complex, endpoint)
    return out


# ---------------------------------------------------------------------------------------------
# Matrices


def eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None):
    """A 2-D array with ones on the k-th diagonal and zeros elsewhere (default dtype float64)."""
    fn = "eye"
    d = _dtype(dtype, fn, _FLOAT64)
    n_rows = _int(n_rows, fn, "n_rows")
    n_cols = n_rows if n_cols is None else _int(n_cols, fn, "n_cols")
    k = _int(k, fn, "k")
    out = _core.full(_shape((n_rows, n_cols), fn, d.itemsize), 0, d, _device(device, fn))
    if k >= 0:
        row, col = 0, k
        n = min(n_rows, n_cols - k)
    else:
        row, col = -k, 0
        n = min(n_rows + k, n_cols)
    if n > 0:
        isz = d.itemsize
        diag = _core.as_strided(out, (n,), ((n_cols + 1) * isz,), (row * n_cols + col) * isz)
        _core.copyto(diag, 1)
    return out


def _tri(x, k, upper, fn):
    _check_array(x, fn)
    k = _int(k, fn, "k")
    if x.ndim < 2:
        raise ValueError(f"{fn}: x must have at least 2 dimensions, got {x.ndim}")
    m, n = x.shape[-2], x.shape[-1]
    k = max(-(m + 1), min(k, n + 1))
    out = _core.astype(x, x.dtype)
    _core._tri_zero(out, k, upper)
    return out


def tril(x, /, *, k=0):
    """A copy of x with the elements above the k-th diagonal of each matrix zeroed."""
    return _tri(x, k, False, "tril")


def triu(x, /, *, k=0):
    """A copy of x with the elements below the k-th diagonal of each matrix zeroed."""
    return _tri(x, k, True, "triu")


def meshgrid(*arrays, indexing="xy"):
    """Coordinate matrices from 1-D coordinate vectors (copies, as NumPy's default)."""
    fn = "meshgrid"
    if indexing not in ("xy", "ij"):
        raise ValueError(f"{fn}: indexing must be 'xy' or 'ij', not {indexing!r}")
    for a in arrays:
        _check_array(a, fn)
        if a.ndim != 1:
            raise ValueError(f"{fn}: every input must be 1-D, got an array of shape {a.shape}")
    n = len(arrays)
    shape = [a.shape[0] for a in arrays]
    if indexing == "xy" and n >= 2:
        shape[0], shape[1] = shape[1], shape[0]
    shape = tuple(shape)
    _shape(shape, fn, max([a.dtype.itemsize for a in arrays], default=1))
    out = []
    for i, a in enumerate(arrays):
        pos = i
        if indexing == "xy" and n >= 2 and i < 2:
            pos = 1 - i
        strides = [0] * n
        strides[pos] = a.strides[0]
        v = _core.as_strided(a, shape, tuple(strides), a._offset)
        out.append(_core.astype(v, a.dtype))
    return out
