"""Array API data type functions: astype, can_cast, finfo, iinfo, isdtype, result_type.

Dtype rules are NumPy 2's (ml_dtypes' for bfloat16); Python scalars in result_type are "weak"
as NEP 50 and the standard say: they adopt the dtype of the arrays and dtypes next to them when
their kind allows.
"""

import builtins as _builtins

import ml_dtypes as _ml_dtypes
import numpy as _np

from . import _core, _dtypes
from ._device import as_device

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"]

_BF16 = _np.dtype(_ml_dtypes.bfloat16)

_KINDS = {
    "bool": frozenset("b"),
    "signed integer": frozenset("i"),
    "unsigned integer": frozenset("u"),
    "integral": frozenset("iu"),
    "real floating": frozenset("f"),
    "complex floating": frozenset("c"),
    "numeric": frozenset("iufc"),
}


def _kind(d):
    """'b', 'i', 'u', 'f' or 'c' for one of hcarray's dtypes (bfloat16 counts as 'f')."""
    return "f" if d == _BF16 else d.kind


def _as_dtype(obj, fn):
    """One of hcarray's 15 dtypes as a numpy.dtype; TypeError naming fn otherwise."""
    if isinstance(obj, _core.ndarray):
        return obj.dtype
    if isinstance(obj, _np.generic):  # a NumPy scalar counts as its dtype, as in NumPy
        return _dtypes._DTYPES[_dtypes.dtype_code(obj.dtype, fn)]
    if obj is None or isinstance(obj, (str, _builtins.bool, int, float, complex)):
        # Strings would be accepted by numpy.dtype; the standard wants dtype objects.
        if isinstance(obj, str):
            return _dtypes._DTYPES[_dtypes.dtype_code(obj, fn)]
        raise TypeError(f"{fn}: {obj!r} is not a data type")
    return _dtypes._DTYPES[_dtypes.dtype_code(obj, fn)]


def _promote2(a, b, fn):
    if a == b:
        return a
    try:
        r = _np.result_type(a, b)
    except TypeError:
        raise TypeError(f"{fn}: no common data type for {a} and {b}") from None
    if r not in _dtypes._CODE:
        raise TypeError(f"{fn}: no common data type for {a} and {b} within hcarray's dtypes")
    return r


def _promote_dtypes(dtypes, fn):
    # NumPy promotes several dtypes at once, which is not always a left fold (int8, uint16 and
    # float32 give float32, while (int8, uint16) -> int32 then with float32 gives float64).
    dtypes = list(dtypes)
    if len(dtypes) > 2:
        try:
            r = _np.result_type(*dtypes)
        except TypeError:
            r = None
        if r is not None and r in _dtypes._CODE:
            return r
    it = iter(dtypes)
    r = next(it)
    for d in it:
        r = _promote2(r, d, fn)
    return r


def _weak(r, s, fn):
    """The dtype of dtype r combined with Python scalar s (NEP 50's weak-scalar rule)."""
    k = _kind(r)
    if isinstance(s, _builtins.bool):
        return r
    if isinstance(s, int):
        return _np.dtype(_np.int64) if k == "b" else r
    if isinstance(s, float):
        return _np.dtype(_np.float64) if k in "biu" else r
    if isinstance(s, complex):
        if k == "c":
            return r
        if k == "f":
            return _np.dtype(_np.complex128) if r == _np.dtype(_np.float64) else _np.dtype(_np.complex64)
        return _np.dtype(_np.complex128)
    raise TypeError(f"{fn}: {type(s).__name__} is neither an array, a data type nor a Python scalar")


def result_type(*arrays_and_dtypes):
    """The dtype that results from applying type promotion to arrays, dtypes and Python scalars.
    At least one array or dtype must be given."""
    strong, weak = [], []
    for a in arrays_and_dtypes:
        if isinstance(a, (_builtins.bool, int, float, complex)):
            weak.append(a)
        else:
            strong.append(_as_dtype(a, "result_type"))
    if not strong:
        raise ValueError("result_type: at least one array or data type is required")
    r = _promote_dtypes(strong, "result_type")
    for s in weak:
        r = _weak(r, s, "result_type")
    return r


def can_cast(from_, to, /):
    """Whether from_ (a dtype or an array) can be cast to dtype `to` under the "safe" rule."""
    f = _as_dtype(from_, "can_cast")
    t = _as_dtype(to, "can_cast")
    if isinstance(to, _core.ndarray):
        raise TypeError("can_cast: `to` must be a data type, not an array")
    return _builtins.bool(_np.can_cast(f, t, "safe"))


def astype(x, dtype, /, *, copy=True, device=None):
    """x converted to dtype; with copy=False, x itself when it already has that dtype."""
    if copy is True and device is None and type(x) is _core.ndarray:
        d = _FAST_DTYPES.get(dtype) if isinstance(dtype, (type, _np.dtype)) else None
        if d is not None:  # a dtype object or scalar type hcarray has: no checks needed
            return _core.astype(x, d)
    if not isinstance(x, _core.ndarray):
        raise TypeError(f"astype: expected an hcarray.ndarray, got {type(x).__name__}")
    d = _as_dtype(dtype, "astype")
    if isinstance(dtype, _core.ndarray):
        raise TypeError("astype: dtype must be a data type, not an array")
    if not isinstance(copy, _builtins.bool):
        raise TypeError("astype: copy must be True or False")
    as_device(device if device is not None else x._device_str, "astype")
    if not copy and d == x.dtype:
        return x
    return _core.astype(x, d)


# dtype objects and scalar types of hcarray's dtypes -> the dtype (astype's fast path)
_FAST_DTYPES = {**{d: d for d in _dtypes._DTYPES}, **{d.type: d for d in _dtypes._DTYPES}}


def isdtype(dtype, kind):
    """Whether dtype is of `kind`: a dtype, one of the standard's kind names, or a tuple of
    these."""
    if isinstance(dtype, _core.ndarray):
        raise TypeError("isdtype: dtype must be a data type, not an array")
    d = _as_dtype(dtype, "isdtype")
    return _isdtype(d, kind)


def _isdtype(d, kind):
    if isinstance(kind, tuple):
        return any(_isdtype(d, k) for k in kind)
    if isinstance(kind, str):
        kinds = _KINDS.get(kind)
        if kinds is None:
            raise ValueError(f"isdtype: unknown kind {kind!r}; expected one of {sorted(_KINDS)}")
        return _kind(d) in kinds
    return d == _as_dtype(kind, "isdtype")


class finfo_object:
    """Machine limits of a floating-point dtype (Array API finfo). For complex dtypes the limits
    are those of the real and imaginary components, and `dtype` is that real dtype."""

    __slots__ = ("bits", "eps", "max", "min", "smallest_normal", "tiny", "resolution",
                 "precision", "smallest_subnormal", "dtype")

    def __init__(self, d):
        real = _np.dtype(_np.float32) if d == _np.dtype(_np.complex64) else (
            _np.dtype(_np.float64) if d == _np.dtype(_np.complex128) else d)
        fi = _ml_dtypes.finfo(real) if real == _BF16 else _np.finfo(real)
        self.bits = int(fi.bits)
        self.eps = float(fi.eps)
        self.max = float(fi.max)
        self.min = float(fi.min)
        self.smallest_normal = float(fi.smallest_normal)
        self.tiny = float(fi.tiny)
        self.resolution = float(fi.resolution)
        self.precision = int(fi.precision)
        self.smallest_subnormal = float(fi.smallest_subnormal)
        self.dtype = real

    def __repr__(self):
        return (f"finfo(bits={self.bits}, eps={self.eps!r}, max={self.max!r}, min={self.min!r}, "
                f"smallest_normal={self.smallest_normal!r}, dtype={self.dtype})")


class iinfo_object:
    """Machine limits of an integer dtype (Array API iinfo)."""

    __slots__ = ("bits", "max", "min", "dtype")

    def __init__(self, d):
        ii = _np.iinfo(d)
        self.bits = int(ii.bits)
        self.max = int(ii.max)
        self.min = int(ii.min)
        self.dtype = d

    def __repr__(self):
        return f"iinfo(bits={self.bits}, max={self.max}, min={self.min}, dtype={self.dtype})"


def finfo(type, /):
    """Limits of a real or complex floating-point dtype, given as a dtype or an array."""
    d = _as_dtype(type, "finfo")
    if _kind(d) not in "fc":
        raise TypeError(f"finfo: data type {d} is not a floating-point data type")
    return finfo_object(d)


def iinfo(type, /):
    """Limits of an integer dtype, given as a dtype or an array."""
    d = _as_dtype(type, "iinfo")
    if _kind(d) not in "iu":
        raise TypeError(f"iinfo: data type {d} is not an integer data type")
    return iinfo_object(d)
