"""The Array API's elementwise functions. Each is one call into the core's op registry; the
core picks the loop dtype (NumPy's rules), broadcasts, and raises TypeError for dtypes an op
has no loop for."""

from . import _core
from ._validation import check_array as _check_array

_UNARY = [
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "bitwise_invert", "ceil", "conj",
    "cos", "cosh", "exp", "expm1", "floor", "imag", "isfinite", "isinf", "isnan", "log", "log1p",
    "log2", "log10", "logical_not", "negative", "positive", "real", "reciprocal", "round", "sign",
    "signbit", "sin", "sinh", "sqrt", "square", "tan", "tanh", "trunc",
    "exp2",  # NumPy's (not in the Array API): the core op, as exp
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


def clip(x, /, min=None, max=None):
    """Clamps x to [min, max]; min/max may be scalars or arrays; the result keeps x's dtype."""
    _check_array(x, "clip")
    out = x
    if min is not None:
        out = _core.binary("maximum", out, min)
    if max is not None:
        out = _core.binary("minimum", out, max)
    if out is x:
        return x.copy()
    if out.dtype != x.dtype:
        out = _core.astype(out, x.dtype)
    return out


__all__ = _UNARY + _BINARY + ["clip"]
