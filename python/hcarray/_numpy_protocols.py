"""NumPy's override protocols on hcarray.ndarray: NEP 13 ``__array_ufunc__`` and NEP 18
``__array_function__`` (specs/numpy-protocols.md).

Every NumPy ufunc or NumPy function called with an hcarray operand lands here and returns
hcarray results:

- native: when hcarray has a kernel for the call (np.add -> the core's "add", np.add.reduce ->
  sum, np.sum -> hcarray's sum, ...), the call runs on hcarray arrays directly;
- fallback: otherwise every hcarray in the arguments (nested in tuples, lists and dicts too) is
  replaced by a zero-copy NumPy view of its memory, NumPy's implementation runs, and its results
  are wrapped back without a copy (hcarray adopts the memory NumPy allocated). ``out=`` arrays
  are views too, so NumPy writes straight into hcarray memory.

Result wrapping (the fallback's rule, shared by the native paths): NumPy arrays -> hcarray
arrays (zero-copy); NumPy scalars -> 0-d hcarray arrays (the drop-in decision: reductions to 0-d
give arrays); tuples, lists and namedtuples -> the same container of wrapped items; Python
objects (bool from np.array_equal, int from np.ndim, str, dtype, None) are returned as they are.
A result hcarray cannot hold (object, string, datetime, structured dtypes) raises TypeError
naming the NumPy function.

This module is imported last by hcarray/__init__.py, so the assignments at the bottom replace
``__array_ufunc__ = None`` set in _array_object.py.
"""

import numpy as _np

from . import _core, _dtypes
from . import _elementwise_functions as _ew
from . import _linear_algebra_functions as _la
from . import _manipulation_functions as _mf
from . import _searching_functions as _sf
from . import _sorting_functions as _so
from . import _statistical_functions as _st
from . import _utility as _ut
from ._core import ndarray

__all__ = []

_CODE = _dtypes._CODE
_BF16_CODE = 10
_BF16 = _dtypes._DTYPES[_BF16_CODE]
_from_buffer = _core.from_buffer
_asarray_np = _np.asarray
_np_ndarray = _np.ndarray
_np_generic = _np.generic
_PY_SCALARS = (bool, int, float, complex)
# Types that are never arrays nor containers of arrays: passed and returned as they are.
_PLAIN = frozenset((bool, int, float, complex, str, type(None), slice, type(Ellipsis),
                    _np.dtype, type))
# NumPy scalar types hcarray holds (their 0-d arrays wrap without a dtype check; not bfloat16,
# whose buffer has no format).
_SCALAR_TYPES = frozenset(d.type for c, d in enumerate(_dtypes._DTYPES) if c != 10)
_ufunc_type = _np.ufunc


class _Defer(Exception):
    """Raised by a native path: the call is outside what it handles; use the fallback."""


# -------------------------------------------------------------------------------------------------
# Zero-copy conversions


_view = _core.np_view  # a zero-copy NumPy view of an hcarray, built with NumPy's C API
_adopt = _core.adopt  # NumPy array -> hcarray on its memory (None: no hcarray dtype for it)
_adopt_scalar = _core.adopt_scalar  # NumPy scalar -> new 0-d hcarray (None likewise)


def _unwrap(obj):
    """obj with every hcarray (also inside tuples, lists and dicts) replaced by a NumPy view."""
    t = type(obj)
    if t is ndarray:
        return _view(obj)
    if t is tuple or t is list:
        for item in obj:
            ti = type(item)
            if ti is ndarray or ti is tuple or ti is list or ti is dict or (
                    ti not in _PLAIN and isinstance(item, ndarray)):
                return t([_unwrap(i) for i in obj])
        return obj
    if t is dict:
        return {k: _unwrap(v) for k, v in obj.items()}
    if t not in _PLAIN and isinstance(obj, ndarray):
        return _view(obj)
    return obj


def _unwrap_args(args):
    """The positional arguments (a tuple) with hcarrays replaced by views; fast for the usual
    one or two plain arguments."""
    n = len(args)
    if n == 1:
        a = args[0]
        if type(a) is ndarray:
            return (_view(a),)
        return (_unwrap(a),)
    if n == 2:
        a, b = args
        ta, tb = type(a), type(b)
        return (_view(a) if ta is ndarray else a if ta in _PLAIN else _unwrap(a),
                _view(b) if tb is ndarray else b if tb in _PLAIN else _unwrap(b))
    return tuple([_unwrap(a) for a in args])


def _unsupported(d, fn):
    return TypeError(f"{fn}: NumPy returned a result of dtype {d}, which hcarray cannot hold "
                     "(hcarray has boolean, integer, floating and complex dtypes)")


def _wrap_array(a, fn):
    """hcarray adopting NumPy array a's memory (no copy)."""
    v = _adopt(a)
    if v is not None:
        return v
    code = _CODE.get(a.dtype)
    if code is None or code == _BF16_CODE:
        d = a.dtype
        if code is None:
            if d.kind in "USMm" and d.fields is None:
                return a  # text and datetime arrays stay NumPy's, as in the namespace (no such dtypes here)
            if d.kind not in "biufc" or d.fields is not None:
                raise _unsupported(d, fn)  # object, structured, void: a TypeError naming fn
            if not d.isnative:
                a = a.astype(d.newbyteorder("="))
            code = _CODE.get(a.dtype)
            if code is None:  # e.g. longdouble
                raise _unsupported(d, fn)
        if code == _BF16_CODE:
            v = _from_buffer(a.view(_np.uint16), _BF16_CODE)
            if v.strides != a.strides:
                v = _core.as_strided(v, a.shape, a.strides, v._offset)
            return v
    v = _from_buffer(a)
    if a.ndim > 1 and v.strides != a.strides:
        # NumPy's buffer export normalises the strides of contiguous arrays with size-1 or
        # empty dimensions; keep NumPy's own, which address the same elements.
        v = _core.as_strided(v, a.shape, a.strides, v._offset)
    return v


def _wrap_scalar(s, fn):
    """A NumPy scalar -> a new, writeable 0-d hcarray."""
    v = _adopt_scalar(s)
    if v is not None:
        return v
    # a fresh 0-d array (never NumPy's shared True_/False_ objects)
    return _wrap_array(_asarray_np(s), fn)


def _wrap(r, fn):
    """NumPy's result -> hcarray's (see the module docstring)."""
    t = type(r)
    if t is _np_ndarray:
        return _wrap_array(r, fn)
    if t in _SCALAR_TYPES:
        return _adopt_scalar(r)
    if t in _PLAIN:
        return r
    if isinstance(r, _np_generic):
        return _wrap_array(_asarray_np(r), fn)
    if t is tuple or t is list:
        return t([_wrap(i, fn) for i in r])
    if isinstance(r, _np_ndarray):  # subclasses (matrix, masked arrays): their data
        return _wrap_array(_asarray_np(r), fn)
    if isinstance(r, tuple) and hasattr(r, "_fields"):  # namedtuples (EigResult, ...)
        return t(*(_wrap(i, fn) for i in r))
    if isinstance(r, (tuple, list)):
        return t([_wrap(i, fn) for i in r])
    return r


def _to_hc(x):
    """An operand for a native path: hcarray as is, NumPy arrays and NumPy scalars as zero-copy
    hcarray views / 0-d arrays, Python scalars as they are (weak, NEP 50); else _Defer."""
    t = type(x)
    if t is ndarray or t is bool or t is int or t is float or t is complex:
        return x
    if t is _np_ndarray:
        if _CODE.get(x.dtype) is None:
            raise _Defer
        return _wrap_array(x, "")
    if isinstance(x, _np_generic):
        if _CODE.get(x.dtype) is None:
            raise _Defer
        return _wrap_scalar(x, "")
    if isinstance(x, ndarray):
        return x
    raise _Defer


# -------------------------------------------------------------------------------------------------
# The fallback


# NumPy's implementation of func on zero-copy views of the hcarray arguments, the result
# adopted (cpp/python/numpy_interop.cpp; _wrap handles what is neither array nor scalar).
_fallback_function = _core.fallback_function


def _fallback_ufunc(ufunc, method, inputs, kwargs):
    name = ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"
    out = kwargs.get("out")
    r = getattr(ufunc, method)(*_unwrap(inputs), **_unwrap(kwargs))
    if out is not None:
        # NumPy wrote into the views of the out arrays; give back the caller's objects.
        if type(out) is not tuple:
            out = (out,)
        if method == "__call__" and ufunc.nout > 1:
            return tuple(o if o is not None else _wrap(ri, name) for o, ri in zip(out, r))
        if out[0] is not None and method not in ("at",):
            return out[0]
    return _wrap(r, name)


# -------------------------------------------------------------------------------------------------
# __array_ufunc__: native elementwise calls

_UNARY_NAMES = {
    "absolute": "abs", "arccos": "acos", "arccosh": "acosh", "arcsin": "asin",
    "arcsinh": "asinh", "arctan": "atan", "arctanh": "atanh", "invert": "bitwise_invert",
    "ceil": "ceil", "conjugate": "conj", "cos": "cos", "cosh": "cosh", "exp": "exp",
    "expm1": "expm1", "floor": "floor", "isfinite": "isfinite", "isinf": "isinf",
    "isnan": "isnan", "log": "log", "log1p": "log1p", "log2": "log2", "log10": "log10",
    "logical_not": "logical_not", "negative": "negative", "positive": "positive",
    "reciprocal": "reciprocal", "rint": "round", "sign": "sign", "signbit": "signbit",
    "sin": "sin", "sinh": "sinh", "sqrt": "sqrt", "square": "square", "tan": "tan",
    "tanh": "tanh", "trunc": "trunc",
}
_BINARY_NAMES = {
    "add": "add", "arctan2": "atan2", "bitwise_and": "bitwise_and",
    "bitwise_or": "bitwise_or", "bitwise_xor": "bitwise_xor",
    "left_shift": "bitwise_left_shift", "right_shift": "bitwise_right_shift",
    "copysign": "copysign", "divide": "divide", "equal": "equal",
    "floor_divide": "floor_divide", "greater": "greater", "greater_equal": "greater_equal",
    "hypot": "hypot", "less": "less", "less_equal": "less_equal", "logaddexp": "logaddexp",
    "logical_and": "logical_and", "logical_or": "logical_or", "logical_xor": "logical_xor",
    "maximum": "maximum", "minimum": "minimum", "multiply": "multiply",
    "nextafter": "nextafter", "not_equal": "not_equal", "power": "pow",
    "remainder": "remainder", "subtract": "subtract",
}
# (ufunc, dtype kind) pairs whose hcarray kernel differs from NumPy's loop: those use NumPy.
# Filled from tests/test_protocols.py's comparison over every ufunc and dtype.
_NOT_NATIVE = {
    (_np.rint, "b"), (_np.rint, "i"), (_np.rint, "u"), (_np.rint, "V"),  # NumPy gives floats
    (_np.matmul, "V"),  # ml_dtypes' bfloat16 matmul gives float32
}

# ufunc -> hcarray function taking (x) or (x1, x2)
_NATIVE = {}
for _u, _h in _UNARY_NAMES.items():
    _NATIVE[getattr(_np, _u)] = getattr(_ew, _h)
for _u, _h in _BINARY_NAMES.items():
    _NATIVE[getattr(_np, _u)] = getattr(_ew, _h)
_NATIVE[_np.matmul] = _la.matmul
# ufunc -> core op name, for the keyword-free hot path (ops whose hcarray function is exactly
# one core call; logical ops and ops with dtype exclusions take the general path).
_EXCLUDED = {u for u, _ in _NOT_NATIVE}
_FAST1 = {getattr(_np, _u): _h for _u, _h in _UNARY_NAMES.items()
          if getattr(_np, _u) not in _EXCLUDED}
_FAST2 = {getattr(_np, _u): _h for _u, _h in _BINARY_NAMES.items()
          if getattr(_np, _u) not in _EXCLUDED and not _h.startswith("logical")}
_core_unary = _core.unary
_core_binary = _core.binary
del _u, _h


def _reduce_sum(x, axis, dtype, keepdims):
    return _st.sum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def _reduce_prod(x, axis, dtype, keepdims):
    return _st.prod(x, axis=axis, dtype=dtype, keepdims=keepdims)


def _no_dtype(f):
    def g(x, axis, dtype, keepdims):
        if dtype is not None:
            raise _Defer
        return f(x, axis=axis, keepdims=keepdims)
    return g


def _reduce_extreme(f):
    def g(x, axis, dtype, keepdims):
        if dtype is not None or x.dtype.kind == "c" or x.size == 0:
            raise _Defer
        return f(x, axis=axis, keepdims=keepdims)
    return g


_REDUCE = {
    _np.add: _reduce_sum,
    _np.multiply: _reduce_prod,
    _np.maximum: _reduce_extreme(_st.max),
    _np.minimum: _reduce_extreme(_st.min),
    _np.logical_and: _no_dtype(_ut.all),
    _np.logical_or: _no_dtype(_ut.any),
}
_ACCUMULATE = {_np.add: _st.cumulative_sum, _np.multiply: _st.cumulative_prod}

_OK_KW_CALL = frozenset(("out", "dtype", "casting"))


def _out_target(out):
    """The single hcarray output of out= (as NumPy passes it: a tuple), or _Defer."""
    if type(out) is tuple:
        if len(out) != 1:
            raise _Defer
        out = out[0]
    if out is None:
        return None
    if type(out) is not ndarray:
        raise _Defer
    return out


def _store(r, out, casting, name):
    """Writes native result r into hcarray out (NumPy's casting check) and returns out."""
    if out.dtype != r.dtype and not _np.can_cast(r.dtype, out.dtype, casting):
        raise _Defer  # NumPy raises its UFuncTypeError with its message
    if out.shape != r.shape:
        raise _Defer  # broadcasting into a larger out, or a shape error: NumPy decides
    if not out._writeable:
        raise _Defer
    _core.copyto(out, r)
    return out


def _native_call(ufunc, inputs, kwargs):
    f = _NATIVE.get(ufunc)
    if f is None:
        raise _Defer
    out = None
    casting = "same_kind"
    dtype = None
    if kwargs:
        for k in kwargs:
            if k not in _OK_KW_CALL:
                raise _Defer
        casting = kwargs.get("casting", "same_kind")
        if casting == "no" or casting == "equiv":
            raise _Defer  # inputs must match the loop exactly: NumPy checks that
        out = _out_target(kwargs.get("out"))
        dtype = kwargs.get("dtype")
    if len(inputs) == 1:
        x = _to_hc(inputs[0])
        if type(x) is not ndarray:
            raise _Defer
        if dtype is not None:
            x = _cast_for_dtype(x, dtype, casting)
        elif _NOT_NATIVE and (ufunc, x.dtype.kind) in _NOT_NATIVE:
            raise _Defer
        r = f(x)
    else:
        a = _to_hc(inputs[0])
        b = _to_hc(inputs[1])
        if type(a) is not ndarray:
            if b.dtype == _BF16:
                raise _Defer  # ml_dtypes: bfloat16 with a Python scalar gives float32
        elif type(b) is not ndarray:
            if a.dtype == _BF16:
                raise _Defer
        if dtype is not None:
            if type(a) is not ndarray or type(b) is not ndarray:
                raise _Defer
            a = _cast_for_dtype(a, dtype, casting)
            b = _cast_for_dtype(b, dtype, casting)
        elif _NOT_NATIVE:
            if (type(a) is ndarray and (ufunc, a.dtype.kind) in _NOT_NATIVE) or (
                    type(b) is ndarray and (ufunc, b.dtype.kind) in _NOT_NATIVE):
                raise _Defer
        r = f(a, b)
    if dtype is not None and r.dtype != _np.dtype(dtype):
        raise _Defer  # dtype= names the output type of a loop hcarray does not have
    if out is not None:
        return _store(r, out, casting, ufunc.__name__)
    return r


def _cast_for_dtype(x, dtype, casting):
    d = _np.dtype(dtype)
    if _CODE.get(d) is None:
        raise _Defer
    if x.dtype == d:
        return x
    if not _np.can_cast(x.dtype, d, casting):
        raise _Defer
    return _core.astype(x, d)


def _reduce_args(ufunc, inputs, kwargs):
    if len(inputs) != 1:
        raise _Defer
    x = _to_hc(inputs[0])
    if type(x) is not ndarray:
        raise _Defer
    axis = kwargs.get("axis", 0)
    dtype = kwargs.get("dtype")
    keepdims = kwargs.get("keepdims", False)
    out = _out_target(kwargs.get("out"))
    for k in kwargs:
        if k not in ("axis", "dtype", "keepdims", "out"):
            raise _Defer  # initial=, where=
    if isinstance(axis, list) or (type(axis) is not int and axis is not None
                                  and type(axis) is not tuple):
        raise _Defer
    if x.ndim == 0:
        raise _Defer
    return x, axis, dtype, keepdims, out


def _native_reduce(ufunc, inputs, kwargs):
    f = _REDUCE.get(ufunc)
    if f is None:
        raise _Defer
    x, axis, dtype, keepdims, out = _reduce_args(ufunc, inputs, kwargs)
    if dtype is None and ufunc in (_np.add, _np.multiply) and x.dtype.kind in "biu":
        dtype = None  # NumPy's add/multiply.reduce widen small integers like sum/prod
    elif dtype is not None and _CODE.get(_np.dtype(dtype)) is None:
        raise _Defer
    if x.dtype == _BF16 or x.dtype.kind == "f" and x.dtype.itemsize == 2:
        raise _Defer  # NumPy rounds to half after every step; hcarray once at the end
    r = f(x, axis, dtype, bool(keepdims))
    if out is not None:
        return _store(r, out, "unsafe", ufunc.__name__)
    return r


def _native_accumulate(ufunc, inputs, kwargs):
    f = _ACCUMULATE.get(ufunc)
    if f is None or len(inputs) != 1:
        raise _Defer
    x = _to_hc(inputs[0])
    if type(x) is not ndarray or x.ndim == 0 or x.dtype.kind == "b":
        raise _Defer
    for k in kwargs:
        if k not in ("axis", "dtype", "out"):
            raise _Defer
    axis = kwargs.get("axis", 0)
    if type(axis) is not int:
        raise _Defer
    dtype = kwargs.get("dtype")  # None: small integers widen to int64/uint64, as NumPy
    d = x.dtype if dtype is None else _np.dtype(dtype)
    if _CODE.get(d) is None or d == _BF16 or (d.kind == "f" and d.itemsize == 2):
        raise _Defer  # NumPy rounds to half after every step
    r = f(x, axis=axis, dtype=dtype)
    out = _out_target(kwargs.get("out"))
    if out is not None:
        return _store(r, out, "unsafe", ufunc.__name__)
    return r


def _native_outer(ufunc, inputs, kwargs):
    if ufunc.nin != 2 or ufunc.nout != 1 or len(inputs) != 2 or kwargs:
        raise _Defer
    f = _NATIVE.get(ufunc)
    if f is None:
        raise _Defer
    a = _to_hc(inputs[0])
    b = _to_hc(inputs[1])
    if type(a) is not ndarray or type(b) is not ndarray:
        raise _Defer
    a = _core.reshape(a, a.shape + (1,) * b.ndim)
    return _native_call(ufunc, (a, b), {})


_NATIVE_METHOD = {
    "__call__": _native_call,
    "reduce": _native_reduce,
    "accumulate": _native_accumulate,
    "outer": _native_outer,
}


def _foreign(objs):
    """True when some operand's type overrides __array_ufunc__ and is neither hcarray nor
    NumPy's ndarray: NEP 13 says to return NotImplemented so that type gets its turn."""
    for o in objs:
        t = type(o)
        if t is ndarray or t is _np_ndarray or t in _PY_SCALARS_SET or o is None:
            continue
        if t is tuple:
            if _foreign(o):
                return True
            continue
        h = getattr(t, "__array_ufunc__", None)
        if h is not None and h is not _ndarray_ufunc and h is not _np_array_ufunc:
            return True
    return False


_PY_SCALARS_SET = frozenset(_PY_SCALARS)
_np_array_ufunc = _np.ndarray.__array_ufunc__


def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
    """NEP 13: NumPy ufuncs on hcarray operands. Native kernels where hcarray has them, NumPy's
    loops on zero-copy views otherwise; results are hcarray (out= arrays are returned as given)."""
    for x in inputs:
        if type(x) is not ndarray and _foreign((x,)):
            return NotImplemented
    if kwargs:
        out = kwargs.get("out")
        if out is not None and _foreign(out):
            return NotImplemented
    if method == "__call__":
        if not kwargs and ufunc in _FAST2 and len(inputs) == 2:
            # The hot path: a binary ufunc on arrays/Python scalars with no keywords.
            a, b = inputs
            ta, tb = type(a), type(b)
            if (ta is ndarray and (tb is ndarray or (tb in _PY_SCALARS_SET
                                                      and a._dtype_code != _BF16_CODE))) or (
                    tb is ndarray and ta in _PY_SCALARS_SET and b._dtype_code != _BF16_CODE):
                try:
                    return _core_binary(_FAST2[ufunc], a, b)
                except (TypeError, ValueError, OverflowError):
                    pass
        elif not kwargs and ufunc in _FAST1 and len(inputs) == 1 and type(inputs[0]) is ndarray:
            try:
                return _core_unary(_FAST1[ufunc], inputs[0])
            except (TypeError, ValueError, OverflowError):
                pass
        elif not kwargs and ufunc not in _NATIVE:
            # No hcarray kernel: NumPy's loop on the views, inlined.
            r = ufunc(*[_view(x) if type(x) is ndarray else _unwrap(x) for x in inputs])
            t = type(r)
            if t is _np_ndarray:
                return _wrap_array(r, ufunc.__name__)
            if t in _SCALAR_TYPES:
                return _adopt_scalar(r)
            return _wrap(r, ufunc.__name__)
    native = _NATIVE_METHOD.get(method)
    if native is not None:
        try:
            return native(ufunc, inputs, kwargs)
        except _Defer:
            pass
        except (TypeError, ValueError, OverflowError, IndexError):
            pass  # NumPy decides: its result, or its own error message
    return _fallback_ufunc(ufunc, method, inputs, kwargs)


# -------------------------------------------------------------------------------------------------
# __array_function__: native NumPy functions

_NoValue = _np._NoValue


def _arr(x):
    if type(x) is ndarray:
        return x
    raise _Defer


def _axis_arg(axis):
    if axis is None or type(axis) is int or type(axis) is tuple:
        return axis
    raise _Defer


def _absent(*vals):
    for v in vals:
        if v is not None and v is not _NoValue:
            raise _Defer


def _not_half(x):
    d = x.dtype
    if d == _BF16 or (d.kind == "f" and d.itemsize == 2):
        raise _Defer
    return x


def _f_sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue,
           where=_NoValue):
    _absent(out, initial, where)
    return _st.sum(_not_half(_arr(a)), axis=_axis_arg(axis), dtype=dtype,
                   keepdims=bool(keepdims))


def _f_prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue,
            where=_NoValue):
    _absent(out, initial, where)
    return _st.prod(_not_half(_arr(a)), axis=_axis_arg(axis), dtype=dtype,
                    keepdims=bool(keepdims))


def _extreme(f):
    def g(a, axis=None, out=None, keepdims=False, initial=_NoValue, where=_NoValue):
        _absent(out, initial, where)
        x = _arr(a)
        if x.dtype.kind == "c" or x.size == 0:
            raise _Defer
        return f(x, axis=_axis_arg(axis), keepdims=bool(keepdims))
    return g


def _f_mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=_NoValue):
    _absent(dtype, out, where)
    x = _arr(a)
    if x.size == 0:
        raise _Defer  # NumPy warns "Mean of empty slice"
    return _st.mean(x, axis=_axis_arg(axis), keepdims=bool(keepdims))


def _moment(f):
    def g(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NoValue,
          mean=_NoValue, correction=_NoValue):
        _absent(dtype, out, where, mean)
        x = _arr(a)
        if x.size == 0:
            raise _Defer
        if correction is not _NoValue:
            if ddof != 0:
                raise _Defer
            ddof = correction
        if type(ddof) is not int and type(ddof) is not float:
            raise _Defer
        return f(x, axis=_axis_arg(axis), correction=ddof, keepdims=bool(keepdims))
    return g


def _any_all(f):
    def g(a, axis=None, out=None, keepdims=False, *, where=_NoValue):
        _absent(out, where)
        return f(_arr(a), axis=_axis_arg(axis), keepdims=bool(keepdims))
    return g


def _argext(f):
    def g(a, axis=None, out=None, *, keepdims=False):
        _absent(out)
        x = _arr(a)
        if x.dtype.kind == "c" or x.size == 0 or (axis is not None and type(axis) is not int):
            raise _Defer
        return f(x, axis=axis, keepdims=bool(keepdims))
    return g


def _arrays(seq):
    if type(seq) is not list and type(seq) is not tuple:
        raise _Defer
    return [_to_hc(s) if type(s) is not ndarray else s for s in seq]


def _f_concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    if axis == 0 and out is None and dtype is None and type(axis) is int:
        # C-contiguous CPU hcarrays of one dtype and one trailing shape: one allocation and a
        # memcpy each (_core._concat0; None for anything else, which takes the path below).
        r = _concat0(arrays)
        if r is not None:
            return r
    _absent(out, dtype)
    if axis is None or type(axis) is not int:
        raise _Defer
    xs = _arrays(arrays)
    for x in xs:
        if type(x) is not ndarray:
            raise _Defer
    return _mf.concat(xs, axis=axis)


def _f_stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    _absent(out, dtype)
    if type(axis) is not int:
        raise _Defer
    xs = _arrays(arrays)
    for x in xs:
        if type(x) is not ndarray:
            raise _Defer
    return _mf.stack(xs, axis=axis)


def _f_tile(A, reps):
    if type(reps) is not int:
        raise _Defer  # NumPy's tile on the view is faster than hcarray's general tile
    return _mf.tile(_arr(A), reps)  # its short path for one count


def _f_transpose(a, axes=None):
    x = _arr(a)
    if axes is None:
        axes = tuple(range(x.ndim - 1, -1, -1))
    return _mf.permute_dims(x, tuple(axes))


def _f_reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    if order != "C" or newshape is not None or shape is None:
        raise _Defer
    x = _arr(a)
    if type(shape) is int:
        shape = (shape,)
    return _mf.reshape(x, tuple(shape), copy=copy)


def _f_ravel(a, order="C"):
    if order != "C":
        raise _Defer
    return _mf.reshape(_arr(a), (-1,))


def _f_where(condition, x=_NoValue, y=_NoValue):
    if x is _NoValue or y is _NoValue:
        raise _Defer
    c = _arr(_to_hc(condition))
    a = _to_hc(x)
    b = _to_hc(y)
    if type(a) is not ndarray and type(b) is not ndarray:
        raise _Defer
    return _ut.where(c, a, b)


def _f_matmul(x1, x2, /, out=None, **kwargs):
    _absent(out)
    if kwargs:
        raise _Defer
    return _la.matmul(_arr(_to_hc(x1)), _arr(_to_hc(x2)))


def _f_dot(a, b, out=None):
    _absent(out)
    x1 = _arr(_to_hc(a))
    x2 = _arr(_to_hc(b))
    if not (1 <= x1.ndim <= 2 and 1 <= x2.ndim <= 2):
        raise _Defer
    return _la.matmul(x1, x2)


def _f_sort(a, axis=-1, kind=None, order=None, *, stable=None):
    _absent(order)
    x = _arr(a)
    if axis is None or x.ndim == 0 or x.dtype.kind == "c":
        raise _Defer
    return _so.sort(x, axis=axis)


def _cum(f):
    def g(a, axis=None, dtype=None, out=None):
        _absent(out)
        x = _arr(a)
        if axis is None:
            x = _mf.reshape(x, (-1,))
            axis = 0
        elif type(axis) is not int or x.ndim == 0:
            raise _Defer
        if dtype is None:
            _not_half(x)
        return f(x, axis=axis, dtype=dtype)
    return g


def _f_flip(m, axis=None):
    return _mf.flip(_arr(m), axis=_axis_arg(axis))


def _f_squeeze(a, axis=None):
    x = _arr(a)
    if axis is None:
        axis = tuple(i for i, s in enumerate(x.shape) if s == 1)
    return _mf.squeeze(x, axis=_axis_arg(axis))


def _f_moveaxis(a, source, destination):
    return _mf.moveaxis(_arr(a), source, destination)


def _like(kind):
    def g(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
        if shape is not None:
            raise _Defer
        x = _arr(prototype)
        d = x.dtype if dtype is None else _np.dtype(dtype)
        if _CODE.get(d) is None:
            raise _Defer
        if kind == "empty":
            return _core.empty(x.shape, d)
        return _core.full(x.shape, 0 if kind == "zeros" else 1, d)
    return g


def _f_full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *,
                 device=None):
    if shape is not None or type(fill_value) not in _PY_SCALARS_SET:
        raise _Defer
    x = _arr(a)
    d = x.dtype if dtype is None else _np.dtype(dtype)
    if _CODE.get(d) is None:
        raise _Defer
    # NumPy casts the fill value unsafely into the dtype; go through a NumPy 0-d array.
    v = _np.array(fill_value).astype(d)
    return _core.full(x.shape, v.item() if d != _BF16 else float(v), d)


def _f_copy(a, order="K", subok=False):
    return _arr(a).copy()


def _f_shape(a):
    return _arr(a).shape


def _f_ndim(a):
    return _arr(a).ndim


def _f_size(a, axis=None):
    x = _arr(a)
    if axis is None:
        return x.size
    raise _Defer


_concat0 = _core._concat0


def _whole(op, f):
    """f behind a C++ function object that reduces a whole hcarray at once when it is the only
    argument (cpp/python/fastcall.cpp, try_reduce: the same results as f; bool sums, complex
    or empty extremes and, as numpy=True asks, half floats go to f, as does every other call)."""
    return _core.fastcall_reduce(op, f, None, True)


_FUNCS = {
    _np.sum: _whole("sum", _f_sum),
    _np.prod: _whole("prod", _f_prod),
    _np.max: _whole("max", _extreme(_st.max)),
    _np.min: _whole("min", _extreme(_st.min)),
    _np.amax: _whole("max", _extreme(_st.max)),
    _np.amin: _whole("min", _extreme(_st.min)),
    _np.mean: _f_mean,
    _np.var: _moment(_st.var),
    _np.std: _moment(_st.std),
    _np.all: _any_all(_ut.all),
    _np.any: _any_all(_ut.any),
    _np.argmax: _argext(_sf.argmax),
    _np.argmin: _argext(_sf.argmin),
    _np.concatenate: _core.fastcall_create("concatenate", _f_concatenate),
    _np.stack: _f_stack,
    _np.tile: _f_tile,
    _np.transpose: _f_transpose,
    _np.reshape: _f_reshape,
    _np.ravel: _f_ravel,
    _np.where: _f_where,
    _np.matmul: _f_matmul,
    _np.dot: _f_dot,
    _np.sort: _f_sort,
    _np.cumsum: _cum(_st.cumulative_sum),
    _np.cumprod: _cum(_st.cumulative_prod),
    _np.flip: _f_flip,
    _np.squeeze: _f_squeeze,
    _np.moveaxis: _f_moveaxis,
    _np.empty_like: _like("empty"),
    _np.zeros_like: _like("zeros"),
    _np.ones_like: _like("ones"),
    _np.full_like: _f_full_like,
    _np.copy: _f_copy,
    _np.shape: _f_shape,
    _np.ndim: _f_ndim,
    _np.size: _f_size,
}
# NEP 18, ndarray.__array_function__, is C++ (cpp/python/numpy_interop.cpp): hcarray's own
# implementation where _FUNCS has one that takes NumPy's calling convention (a _Defer, TypeError,
# ValueError, OverflowError or IndexError from it hands the call to NumPy, which then gives its
# result or its own error message), else NumPy's on zero-copy views; NotImplemented when
# another array type is among the arguments.
_core._set_protocol_hooks(_FUNCS, _Defer, _wrap)


# The keyword-free __call__ of a _FAST1/_FAST2 ufunc on hcarray operands (and Python scalars)
# runs in C++ (cpp/python/fastcall.cpp, try_ufunc_hook); every other call: the hook above.
ndarray.__array_ufunc__ = _core.fastcall_ufunc_hook(_FAST1, _FAST2, __array_ufunc__)
_ndarray_ufunc = ndarray.__array_ufunc__
