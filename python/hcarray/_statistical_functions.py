"""Array API statistical functions over the core's reductions (cpp/core/reduce.h) and scans
(cpp/cpu/scan.cpp).

Result and accumulator dtypes (the standard's rules, which are NumPy's on a 64-bit platform):
- sum, prod, cumulative_sum, cumulative_prod without dtype=: signed integers and bool give int64,
  unsigned integers uint64, floating and complex types their own dtype. With dtype= the input is
  cast to that dtype first.
- mean, var, std: floating and complex inputs keep their dtype (var/std of complex give the real
  dtype of the same precision); integer and bool inputs give float64 (as NumPy; the standard
  allows it). float16/bfloat16 are computed in float32 and rounded once at the end.
Float sums are pairwise, scans sequential (specs/reductions.md gives the error bounds).
Empty inputs: sum 0, prod 1, mean/var/std NaN, max/min raise ValueError.
"""


import numpy as _np

from . import _core, _dtypes
from ._validation import check_array as _check, as_int as _int

__all__ = ["cumulative_prod", "cumulative_sum", "max", "mean", "min", "prod", "std", "sum", "var"]

_INT64 = _np.dtype(_np.int64)
_UINT64 = _np.dtype(_np.uint64)
_FLOAT32 = _np.dtype(_np.float32)
_FLOAT64 = _np.dtype(_np.float64)
_BF16 = _dtypes._DTYPES[10]
_AxisError = _np.exceptions.AxisError


def _one_axis(a, ndim, fn):
    a = _int(a, fn, "axis")
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim, fn)
    return a % ndim


def _axes(axis, ndim, fn):
    """None, an int or a tuple of ints -> a tuple of distinct axes in [0, ndim)."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, tuple):
        out = tuple(_one_axis(a, ndim, fn) for a in axis)
        if len(set(out)) != len(out):
            raise ValueError(f"{fn}: repeated axis in {axis!r}")
        return out
    if isinstance(axis, (list, _core.ndarray)) or isinstance(axis, float):
        raise TypeError(f"{fn}: axis must be None, an int or a tuple of ints, got {axis!r}")
    return (_one_axis(axis, ndim, fn),)


def _keepdims(keepdims, fn):
    if not isinstance(keepdims, (bool, _np.bool_)):
        raise TypeError(f"{fn}: keepdims must be a bool, got {type(keepdims).__name__}")
    return bool(keepdims)


def _is_half(d):
    return d == _BF16 or (d.kind == "f" and d.itemsize == 2)


def _accumulator(x, dtype, fn):
    """The dtype of sum/prod/cumulative_* results (see the module docstring)."""
    if dtype is not None:
        if isinstance(dtype, _core.ndarray):
            raise TypeError(f"{fn}: dtype must be a data type, not an array")
        return _dtypes._DTYPES[_dtypes.dtype_code(dtype, fn)]
    k = x.dtype.kind
    if k in "bi":
        return _INT64
    if k == "u":
        return _UINT64
    return x.dtype


def sum(x, /, *, axis=None, dtype=None, keepdims=False):  # noqa: A001
    """The sum of x over axis (None: all axes). Floating-point sums are pairwise."""
    _check(x, "sum")
    axes = _axes(axis, x.ndim, "sum")
    acc = _accumulator(x, dtype, "sum")
    if acc.kind == "b":  # bool addition is logical or (NumPy)
        return _core.reduce("any", _core.astype(x, acc), axes, _keepdims(keepdims, "sum"), acc)
    return _core.reduce("sum", x, axes, _keepdims(keepdims, "sum"), acc)


def prod(x, /, *, axis=None, dtype=None, keepdims=False):
    """The product of x over axis (None: all axes)."""
    _check(x, "prod")
    axes = _axes(axis, x.ndim, "prod")
    acc = _accumulator(x, dtype, "prod")
    if acc.kind == "b":  # bool multiplication is logical and (NumPy)
        return _core.reduce("all", _core.astype(x, acc), axes, _keepdims(keepdims, "prod"), acc)
    return _core.reduce("prod", x, axes, _keepdims(keepdims, "prod"), acc)


def _extreme(op, x, axis, keepdims):
    _check(x, op)
    if x.dtype.kind == "c":
        raise TypeError(f"{op}: complex arrays have no ordering")
    axes = _axes(axis, x.ndim, op)
    keepdims = _keepdims(keepdims, op)
    if _is_half(x.dtype):  # float16/bfloat16 compare exactly in float32
        r = _core.reduce(op, _core.astype(x, _FLOAT32), axes, keepdims)
        return _core.astype(r, x.dtype)
    return _core.reduce(op, x, axes, keepdims)


def max(x, /, *, axis=None, keepdims=False):  # noqa: A001
    """The maximum of x over axis; NaN propagates; ValueError over an empty axis."""
    return _extreme("max", x, axis, keepdims)


def min(x, /, *, axis=None, keepdims=False):  # noqa: A001
    """The minimum of x over axis; NaN propagates; ValueError over an empty axis."""
    return _extreme("min", x, axis, keepdims)


def _count(x, axes):
    n = 1
    for a in axes:
        n *= x.shape[a]
    return n


def _work_dtype(x, fn):
    """(dtype computed in, dtype returned) for mean/var/std."""
    d = x.dtype
    if d.kind in "biu":
        return _FLOAT64, _FLOAT64
    if _is_half(d):
        return _FLOAT32, d
    if d.kind in "fc":
        return d, d
    raise TypeError(f"{fn}: unsupported data type {d}")


def _finish(r, out_dtype):
    return r if r.dtype == out_dtype else _core.astype(r, out_dtype)


def _mean(x, axes, keepdims, work):
    # The core converts x to `work` itself; integer and bool inputs are read without a float64
    # copy (the same additions, so the same bits; cpp/core/reduce.cpp).
    s = _core.reduce("sum", x, axes, keepdims, work)
    n = _count(x, axes)
    return _core.binary("divide", s, float(n) if n else float("nan"))


def mean(x, /, *, axis=None, keepdims=False):
    """The arithmetic mean of x over axis (pairwise sum / count); NaN over an empty axis."""
    _check(x, "mean")
    axes = _axes(axis, x.ndim, "mean")
    work, out = _work_dtype(x, "mean")
    return _finish(_mean(x, axes, _keepdims(keepdims, "mean"), work), out)


def _correction(c, fn):
    if isinstance(c, (bool, _np.bool_)) or not isinstance(c, (int, float, _np.integer, _np.floating)):
        raise TypeError(f"{fn}: correction must be an int or a float, got {type(c).__name__}")
    c = float(c)
    if c != c:
        raise ValueError(f"{fn}: correction must not be NaN")
    return c


def _var(x, axis, correction, keepdims, fn):
    _check(x, fn)
    axes = _axes(axis, x.ndim, fn)
    keepdims = _keepdims(keepdims, fn)
    c = _correction(correction, fn)
    work, out = _work_dtype(x, fn)
    xs = x if x.dtype == work else _core.astype(x, work)
    # Two passes: the mean, then the sum of squared deviations (no cancellation of large sums).
    if work.itemsize * (2 if work.kind == "f" else 1) <= 8:
        # float32/complex64: the mean is summed in double and rounded once, so a constant
        # array has exactly zero variance (a float32 sum of many equal values rounds).
        wide = _np.dtype(_np.float64 if work.kind == "f" else _np.complex128)
        m = _core.astype(_mean(_core.astype(xs, wide), axes, True, wide), work)
    else:
        m = _mean(xs, axes, True, work)
    d = _core.binary("subtract", xs, m)
    if work.kind == "c":
        re, im = _core.unary("real", d), _core.unary("imag", d)
        sq = _core.binary("add", _core.binary("multiply", re, re), _core.binary("multiply", im, im))
        out = sq.dtype if out.kind == "c" else out
    else:
        sq = _core.binary("multiply", d, d)
    s = _core.reduce("sum", sq, axes, keepdims, sq.dtype)
    n = _count(x, axes) - c
    # The standard: NaN when N - correction <= 0.
    return _finish(_core.binary("divide", s, n if n > 0 else float("nan")), out)


def _fused(x, axis, correction, keepdims, fn):
    """var/std of a C-contiguous float32/float64 x over trailing axes (axis=None included) in
    the fused kernel (cpp/cpu/reduce.cpp moments: the same two passes and summation trees as
    _var, so the same bits, without the temporaries); None for anything else."""
    if not isinstance(x, _core.ndarray) or (x.dtype != _FLOAT64 and x.dtype != _FLOAT32):
        return None
    nd = x.ndim
    axes = _axes(axis, nd, fn)
    k = len(axes)
    if not k or sorted(axes) != list(range(nd - k, nd)):
        return None
    r = _core._moments(x, k, _correction(correction, fn), fn == "std")
    if r is None:
        return None
    keepdims = _keepdims(keepdims, fn)
    return _core.reshape(r, x.shape[:nd - k] + (1,) * k, -1) if keepdims else r


def var(x, /, *, axis=None, correction=0.0, keepdims=False):
    """The variance of x over axis: sum(|x - mean|^2) / (N - correction); NaN when
    N - correction <= 0. Complex input gives the real dtype of its precision."""
    r = _fused(x, axis, correction, keepdims, "var")
    if r is not None:
        return r
    return _var(x, axis, correction, keepdims, "var")


def std(x, /, *, axis=None, correction=0.0, keepdims=False):
    """The standard deviation: sqrt(var(x, ...))."""
    r = _fused(x, axis, correction, keepdims, "std")
    if r is not None:
        return r
    v = _var(x, axis, correction, keepdims, "std")
    if _is_half(v.dtype):
        return _core.astype(_core.unary("sqrt", _core.astype(v, _FLOAT32)), v.dtype)
    return _core.unary("sqrt", v)


def _cumulative(fn, x, axis, dtype, include_initial):
    _check(x, fn)
    if not isinstance(include_initial, (bool, _np.bool_)):
        raise TypeError(f"{fn}: include_initial must be a bool, got {type(include_initial).__name__}")
    acc = _accumulator(x, dtype, fn)
    if x.ndim == 0:
        # Unspecified by the standard; as NumPy, a 0-d array scans as the 1-d array [x].
        x = _core.reshape(x, (1,), -1)
        if axis is not None:
            _one_axis(axis, 1, fn)
        axis = 0
    elif axis is None:
        if x.ndim > 1:
            raise ValueError(f"{fn}: axis must be given for arrays with more than one dimension")
        axis = 0
    else:
        axis = _one_axis(axis, x.ndim, fn)
    return _core.cumulative(fn, x, axis, acc, bool(include_initial))


def cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False):
    """Running sums of x along axis (needed unless x is 1-d), by successive additions in the
    result dtype; include_initial prepends 0."""
    return _cumulative("cumulative_sum", x, axis, dtype, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False):
    """Running products of x along axis (needed unless x is 1-d), by successive
    multiplications in the result dtype; include_initial prepends 1."""
    return _cumulative("cumulative_prod", x, axis, dtype, include_initial)
