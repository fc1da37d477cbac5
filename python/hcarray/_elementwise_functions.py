"""The Array API's elementwise functions. Each is one call into the core's op registry; the
core picks the loop dtype (NumPy's rules), broadcasts, and raises TypeError for dtypes an op
has no loop for."""

import math as _math

import numpy as _np

from . import _core
from ._validation import check_array as _check_array

_UNARY = [
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "bitwise_invert", "ceil", "conj",
    "cos", "cosh", "exp", "expm1", "floor", "imag", "isfinite", "isinf", "isnan", "log", "log1p",
    "log2", "log10", "logical_not", "negative", "positive", "real", "reciprocal", "round", "sign",
    "signbit", "sin", "sinh", "sqrt", "square", "tan", "tanh", "trunc",
    "exp2",  # NumPy's (not in the Array API): the core op, as exp
    "cbrt",  # NumPy's (not in the Array API): the core op (cpu/elementwise_cbrt.cpp)
]
_BINARY = [
    "add", "atan2", "bitwise_and", "bitwise_left_shift", "bitwise_or", "bitwise_right_shift",
    "bitwise_xor", "copysign", "divide", "equal", "floor_divide", "greater", "greater_equal",
    "hypot", "less", "less_equal", "logaddexp", "logical_and", "logical_or", "logical_xor",
    "maximum", "minimum", "multiply", "nextafter", "not_equal", "pow", "remainder", "subtract",
]


def _make_unary(name):
    def f(x, /, *, device=None):
        _check_array(x, name)
        return _core.unary(name, x, None, device)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"Elementwise {name} (Array API 2024.12)."
    return f


_LOGICAL = {"logical_and", "logical_or", "logical_xor"}
_PY_SCALARS = (bool, int, float, complex)


def _make_binary(name):
    logical = name in _LOGICAL

    def f(x1, x2, /, *, device=None):
        if not isinstance(x1, _core.ndarray) and not isinstance(x2, _core.ndarray):
            raise TypeError(f"{name}: at least one argument must be an hcarray.ndarray")
        if logical:
            # A Python scalar enters a logical op by its truth value, never rounded first
            # (4.5e-61 next to a float32 array is true, though it rounds to float32 zero).
            if isinstance(x1, _PY_SCALARS):
                x1 = bool(x1)
            if isinstance(x2, _PY_SCALARS):
                x2 = bool(x2)
        return _core.binary(name, x1, x2, None, device)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"Elementwise {name} (Array API 2024.12); Python scalars follow NumPy 2's rules."
    return f


for _n in _UNARY:
    globals()[_n] = _make_unary(_n)
for _n in _BINARY:
    globals()[_n] = _make_binary(_n)


# clip with scalar bounds runs in one pass: the core's "_clip_pair" loop reads (lo, hi) from a
# stride-0 view of a two-element array in x's dtype (cpu/elementwise_arith.cpp). Taken only
# where the bounds are exactly what maximum/minimum would compare with: Python ints inside an
# integer dtype's range, Python floats (or small ints) for float32/float64; anything else (array
# bounds, float bounds for ints, 16-bit floats, bool) keeps the maximum/minimum composition.
_CLIP_DTYPES = frozenset(_np.dtype(t) for t in (
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32",
    "float64"))
_FMAX = {_np.dtype(t): float(_np.finfo(t).max) for t in ("float32", "float64")}
_clip_cache = {}


def _clip_value(v, dt, default):
    """v as a value to store in dt for the one-pass loop, or None when it cannot be."""
    if v is None:
        return default
    t = type(v)
    if dt.kind == "f":
        if t is float:
            if v != v or v == _math.inf or v == -_math.inf or -_FMAX[dt] <= v <= _FMAX[dt]:
                return v
            return None
        if t is int and -(1 << 24) <= v <= (1 << 24):
            return float(v)
        return None
    if t is int:
        info = _np.iinfo(dt)
        if info.min <= v <= info.max:
            return v
    return None


def _clip_bounds(x, lo, hi):
    dt = x.dtype
    # 0-d x: the core runs two 0-d operands as contiguous runs (the bounds' stride would not
    # be 0), so the composition runs.
    if dt not in _CLIP_DTYPES or x.ndim == 0 or x._device_str != "cpu" or \
            _core._current_device() is not None:
        return None
    if dt.kind == "f":
        lo = _clip_value(lo, dt, -_math.inf)
        hi = _clip_value(hi, dt, _math.inf)
    else:
        info = _np.iinfo(dt)
        lo = _clip_value(lo, dt, int(info.min))
        hi = _clip_value(hi, dt, int(info.max))
    if lo is None or hi is None:
        return None
    # Keyed by the values' reprs as well: 0.0 == -0.0 and nan != nan as dict keys.
    key = (dt, lo, hi, repr(lo), repr(hi))
    b = _clip_cache.get(key)
    if b is None:
        pair = _core.from_buffer(_np.array([lo, hi], dtype=dt))
        b = _core.as_strided(pair, (), (), 0)
        if len(_clip_cache) > 256:
            _clip_cache.clear()
        _clip_cache[key] = b
    return b


def clip(x, /, min=None, max=None):
    """Clamps x to [min, max]; min/max may be scalars or arrays; the result keeps x's dtype."""
    _check_array(x, "clip")
    if (min is None or type(min) in _PY_SCALARS) and (max is None or type(max) in _PY_SCALARS):
        b = _clip_bounds(x, min, max)
        if b is not None:
            return _core.binary("_clip_pair", x, b)
    out = x
    try:
        if min is not None:
            out = _core.binary("maximum", out, min)
        if max is not None:
            out = _core.binary("minimum", out, max)
    except (TypeError, ValueError, OverflowError) as e:
        raise type(e)(f"clip: {e}") from None
    if out is x:
        return x.copy()
    if out.dtype != x.dtype:
        out = _core.astype(out, x.dtype)
    return out


__all__ = _UNARY + _BINARY + ["clip"]
