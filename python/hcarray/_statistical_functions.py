"""Array API statistical functions over the core's reductions (cpp/core/reduce.h).

Accumulator dtypes follow NumPy / the standard: sums and products of signed integers (and bool)
accumulate in int64, of unsigned integers in uint64, of floating types in their own dtype
(float16/bfloat16 internally in float32, rounded once). Float sums are pairwise (specs/reductions.md).
"""

import numpy as _np

from . import _core, _dtypes

__all__ = ["max", "mean", "min", "prod", "std", "sum", "var"]

_INT64 = _np.dtype(_np.int64)
_UINT64 = _np.dtype(_np.uint64)


def _check(x, fn):
    if not isinstance(x, _core.ndarray):
        raise TypeError(f"{fn}: expected an hcarray.ndarray, got {type(x).__name__}")


def _axis(axis, fn):
    if axis is None or isinstance(axis, int) and not isinstance(axis, bool):
        return axis
    if isinstance(axis, tuple) and all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        return axis
    raise TypeError(f"{fn}: axis must be None, an int or a tuple of ints, got {axis!r}")


def _sum_dtype(x, dtype, fn):
    if dtype is not None:
        return _dtypes._DTYPES[_dtypes.dtype_code(dtype, fn)]
    k = x.dtype.kind
    if k in "bi":
        return _INT64
    if k == "u":
        return _UINT64
    return x.dtype


def sum(x, /, *, axis=None, dtype=None, keepdims=False):  # noqa: A001
    _check(x, "sum")
    return _core.reduce("sum", x, _axis(axis, "sum"), keepdims, _sum_dtype(x, dtype, "sum"))


def prod(x, /, *, axis=None, dtype=None, keepdims=False):
    _check(x, "prod")
    return _core.reduce("prod", x, _axis(axis, "prod"), keepdims, _sum_dtype(x, dtype, "prod"))


def max(x, /, *, axis=None, keepdims=False):  # noqa: A001
    _check(x, "max")
    if x.dtype.kind == "c":
        raise TypeError("max: complex arrays have no ordering")
    return _reduce_via_float("max", x, _axis(axis, "max"), keepdims)


def min(x, /, *, axis=None, keepdims=False):  # noqa: A001
    _check(x, "min")
    if x.dtype.kind == "c":
        raise TypeError("min: complex arrays have no ordering")
    return _reduce_via_float("min", x, _axis(axis, "min"), keepdims)


def _reduce_via_float(op, x, axis, keepdims):
    # float16/bfloat16 compare exactly in float32.
    if x.dtype.itemsize == 2 and x.dtype.kind == "f" or x.dtype == _dtypes._DTYPES[10]:
        r = _core.reduce(op, _core.astype(x, _np.float32), axis, keepdims)
        return _core.astype(r, x.dtype)
    return _core.reduce(op, x, axis, keepdims)


def _count(x, axis):
    if axis is None:
        return x.size
    axes = (axis,) if isinstance(axis, int) else axis
    n = 1
    for a in axes:
        if not -x.ndim <= a < x.ndim:
            raise IndexError(f"axis {a} is out of bounds for array of dimension {x.ndim}")
        n *= x.shape[a]
    return n


def mean(x, /, *, axis=None, keepdims=False):
    _check(x, "mean")
    if x.dtype.kind not in "fc" and x.dtype != _dtypes._DTYPES[10]:
        raise TypeError(f"mean: expected a floating-point array, got {x.dtype}")
    axis = _axis(axis, "mean")
    s = _core.reduce("sum", x, axis, keepdims, x.dtype)
    n = _count(x, axis)
    return _core.binary("divide", s, float(n) if n else float("nan"))


def var(x, /, *, axis=None, correction=0.0, keepdims=False):
    _check(x, "var")
    if x.dtype.kind not in "fc" and x.dtype != _dtypes._DTYPES[10]:
        raise TypeError(f"var: expected a floating-point array, got {x.dtype}")
    axis = _axis(axis, "var")
    m = mean(x, axis=axis, keepdims=True)
    d = _core.binary("subtract", x, m)
    if x.dtype.kind == "c":
        sq = _core.binary("add", _core.binary("multiply", _core.unary("real", d), _core.unary("real", d)),
                          _core.binary("multiply", _core.unary("imag", d), _core.unary("imag", d)))
    else:
        sq = _core.binary("multiply", d, d)
    s = _core.reduce("sum", sq, axis, keepdims, sq.dtype)
    n = _count(x, axis) - correction
    return _core.binary("divide", s, float(n) if n > 0 else float("nan"))


def std(x, /, *, axis=None, correction=0.0, keepdims=False):
    _check(x, "std")
    return _core.unary("sqrt", var(x, axis=axis, correction=correction, keepdims=keepdims))
