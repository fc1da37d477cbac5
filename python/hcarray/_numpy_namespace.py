"""NumPy names beyond the Array API, so that ``import hcarray as np`` runs common NumPy code.

Star-imported by ``hcarray/__init__.py`` after the Array API modules: a name defined here replaces
the Array API function of that name, so each such function keeps the standard's parameters (a
superset: NumPy's extra parameters come after them, with defaults) and, given only the standard's
arguments, runs the native function. NumPy's extras (array_like inputs, ``out=``, ``where=``,
``initial=``, ``ddof=``, ``order=``...) are handled here; what hcarray has no kernel for runs
NumPy on zero-copy views of hcarray memory with the result copied into hcarray memory
(``_numpy_bridge``). specs/numpy-compat.md lists which names are native.
"""

import builtins as _b
import math as _math
import operator as _operator

import numpy as _np

from . import _core, _dtypes
from . import _creation_functions as _cf
from . import _elementwise_functions as _ef
from . import _manipulation_functions as _mf
from . import _searching_functions as _sf
from . import _sorting_functions as _sortf
from . import _statistical_functions as _stf
from . import _utility as _uf
from ._array_object import _to_numpy
from ._numpy_bridge import as_hc as _as_hc
from ._numpy_bridge import call_numpy as _call_numpy
from ._numpy_bridge import NumpyOnly as _NumpyOnly
from ._numpy_bridge import delegate as _delegate
from ._numpy_bridge import numpy_only_dtype as _numpy_only_dtype
from ._numpy_bridge import to_np as _to_np
from ._numpy_bridge import wrap as _wrap

ndarray = _core.ndarray
_NoValue = _np._NoValue
__all__ = []


def _export(*names):
    __all__.extend(names)


# ---------------------------------------------------------------------------------------------
# Types, dtypes, constants and exceptions: NumPy's own objects (hcarray's dtypes are NumPy's).

_PASS = [
    "dtype", "generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
    "floating", "complexfloating", "bool_", "intp", "uintp", "intc", "uintc", "byte", "ubyte",
    "short", "ushort", "longlong", "ulonglong", "long", "ulong", "half", "single", "double",
    "csingle", "cdouble", "character", "flexible", "object_", "str_", "bytes_", "void",
    "datetime64", "timedelta64", "longdouble", "clongdouble",
    "euler_gamma", "little_endian", "typecodes", "sctypeDict",
    "issubdtype", "isscalar", "ndim", "shape", "size", "iterable", "promote_types",
    "min_scalar_type", "format_float_positional", "format_float_scientific", "binary_repr",
    "base_repr", "set_printoptions", "get_printoptions", "printoptions", "errstate", "seterr",
    "geterr", "seterrcall", "geterrcall", "array2string", "array_repr", "array_str",
    "ndindex", "ndenumerate", "s_", "index_exp", "r_", "c_", "ogrid", "mgrid",
    "exceptions", "AxisError", "ComplexWarning", "broadcast_shapes", "info", "show_config",
    "get_include", "busday_count", "datetime_data",
]
for _n in _PASS:
    if hasattr(_np, _n):
        globals()[_n] = getattr(_np, _n)
        __all__.append(_n)

if not hasattr(_np, "AxisError"):
    AxisError = _np.exceptions.AxisError
    _export("AxisError")

# mgrid/ogrid/r_/c_ build NumPy arrays; wrap them so results are hcarray.


class _Wrapped:
    def __init__(self, obj, name):
        self._obj, self._name = obj, name

    def __getitem__(self, key):
        return _call_numpy(self._name, self._obj.__getitem__, (key,), {})

    def __len__(self):
        return len(self._obj)

    def __repr__(self):
        return f"hcarray.{self._name}"


for _n in ("mgrid", "ogrid", "r_", "c_"):
    globals()[_n] = _Wrapped(getattr(_np, _n), _n)


# ---------------------------------------------------------------------------------------------
# Helpers


def _arr(a, fn, dtype=None):
    return _as_hc(a, fn, dtype)


def _is_hc(a):
    return isinstance(a, ndarray)


def _given(v):
    return v is not _NoValue


def _np_call(name, *args, **kwargs):
    """NumPy's name on views; _NoValue keywords dropped."""
    kwargs = {k: v for k, v in kwargs.items() if v is not _NoValue}
    return _call_numpy(name, getattr(_np, name), args, kwargs)


def _out(res, out, fn):
    """Writes res into out (an hcarray) when given, NumPy's casting 'same_kind'."""
    if out is None:
        return res
    if isinstance(out, tuple) and len(out) == 1:
        out = out[0]
    if not _is_hc(out):
        raise TypeError(f"{fn}: out must be an hcarray.ndarray, not {type(out).__name__}")
    if out.shape != res.shape:
        raise ValueError(f"{fn}: out has shape {out.shape}, the result has shape {res.shape}")
    if not _np.can_cast(res.dtype, out.dtype, "same_kind"):
        raise TypeError(f"{fn}: cannot cast the result from {res.dtype} to out's {out.dtype}")
    _core.copyto(out, res)
    return out


def _dt(dtype, fn):
    if dtype is None:
        return None
    if _is_hc(dtype):
        raise TypeError(f"{fn}: dtype must be a data type, not an array")
    return _dtypes._DTYPES[_dtypes.dtype_code(dtype, fn)]


def _order(order, fn, allowed="CFAK"):
    if order is None:
        return "K" if "K" in allowed else "C"
    if not isinstance(order, str) or order.upper() not in allowed:
        raise ValueError(f"{fn}: order must be one of {', '.join(allowed)}, not {order!r}")
    return order.upper()


def _f_order(h):
    """A Fortran-ordered copy of h."""
    t = _core.empty(h.shape[::-1], h.dtype, h._device_str)
    v = _mf.permute_dims(t, tuple(range(h.ndim - 1, -1, -1)))
    _core.copyto(v, h)
    return v


# ---------------------------------------------------------------------------------------------
# Creation


def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None):
    """NumPy's array: a new hcarray from an array_like (copy=True), or the input itself when
    copy=None/False allows. ndmin prepends axes of length 1."""
    fn = "array"
    if like is not None:
        raise TypeError(f"{fn}: like= is not supported")
    order = _order(order, fn)
    if _numpy_only_dtype(dtype):  # str, bytes, object, datetime...: NumPy's array
        return _np.array(_to_np(object), dtype=dtype, copy=copy, order=order, ndmin=ndmin)
    d = _dt(dtype, fn)
    if copy is not None and not isinstance(copy, (bool, _np.bool_)):
        raise TypeError(f"{fn}: copy must be True, False or None, not {copy!r}")
    if _is_hc(object):
        h = object
        if d is not None and d != h.dtype:
            if copy is False:
                raise ValueError(f"{fn}: changing the dtype needs a copy, but copy=False")
            h = _core.astype(h, d)
        elif copy:
            h = h.copy()
    elif copy is False:
        h = _cf.asarray(object, dtype=d, copy=False)
    else:
        try:
            h = _cf.asarray(object, dtype=d, copy=None if copy is None else True)
        except TypeError as e:
            a = _np.array(_to_np(object), dtype=d, order=order, ndmin=ndmin)
            h = _wrap(a)
            if not _is_hc(h):  # a dtype hcarray has no arrays for (str, object...): NumPy's
                return h
    if order == "F" and h.ndim > 1 and not h._f_contiguous:
        h = _f_order(h)
    ndmin = _mf._int(ndmin, fn, "ndmin")
    if h.ndim < ndmin:
        h = h.reshape((1,) * (ndmin - h.ndim) + h.shape) if h._c_contiguous else \
            _mf._view(h, (1,) * (ndmin - h.ndim) + h.shape, (0,) * (ndmin - h.ndim) + h.strides)
    return h


def asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """The Array API's asarray with NumPy's extras (order; lists of hcarray arrays)."""
    if dtype is None and order is None and copy is None and device is None and like is None:
        t = type(a)
        if t is _core.ndarray:
            return a
        if t is float or t is int or t is bool or t is complex:
            v = _core.from_python_scalar(a)
            if v is not None:
                return v
    fn = "asarray"
    order = _order(order, fn)
    if _numpy_only_dtype(dtype) or (isinstance(a, _np.ndarray) and _numpy_only_dtype(a.dtype)):
        return _np.asarray(_to_np(a), dtype=dtype, order=order, copy=copy)
    try:
        h = _cf.asarray(a, dtype=dtype, device=device, copy=copy)
    except TypeError:
        if copy is False or not isinstance(a, (list, tuple, str, bytes, _np.generic)):
            raise
        h = array(a, dtype=dtype, copy=True)
        if not _is_hc(h):  # str, object...: NumPy's array
            return h
    if order == "F" and h.ndim > 1 and not h._f_contiguous:
        h = _f_order(h)
    elif order == "C" and not h._c_contiguous:
        h = h.copy()
    return h


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    return asarray(a, dtype, order, device=device, copy=copy)


def ascontiguousarray(a, dtype=None, *, like=None):
    h = a if dtype is None and type(a) is ndarray else asarray(a, dtype)  # (skip asarray's steps)
    if h.ndim == 0:
        return h.reshape((1,))
    return h if h._c_contiguous else h.copy()


def asfortranarray(a, dtype=None, *, like=None):
    h = asarray(a, dtype)
    return h if h._f_contiguous else _f_order(h)


def copy(a, order="K", subok=False):
    """A copy of a (always a new hcarray)."""
    h = _arr(a, "copy")
    if _order(order, "copy") == "F" and h.ndim > 1:
        return _f_order(h)
    return h.copy() if _is_hc(a) else h


def _filled(fn, maker, shape, dtype, order, device):
    if order not in ("C", "F", "A", "K"):
        raise ValueError(f"{fn}: order must be 'C' or 'F', not {order!r}")
    if _numpy_only_dtype(dtype):  # str, object, datetime...: NumPy's array
        return getattr(_np, fn)(_to_np(shape), dtype, order)
    h = maker(shape, dtype=dtype, device=device)
    if order == "F" and h.ndim > 1:
        h = _f_order(h)
    return h


def zeros(shape, dtype=None, order="C", *, device=None, like=None):
    """An array of zeros; dtype may be given positionally (NumPy) or by keyword."""
    return _filled("zeros", _cf.zeros, shape, dtype, order, device)


def ones(shape, dtype=None, order="C", *, device=None, like=None):
    """An array of ones; dtype may be given positionally (NumPy) or by keyword."""
    return _filled("ones", _cf.ones, shape, dtype, order, device)


def empty(shape, dtype=None, order="C", *, device=None, like=None):
    """An uninitialised array; dtype may be given positionally (NumPy) or by keyword."""
    return _filled("empty", _cf.empty, shape, dtype, order, device)


def full(shape, fill_value, dtype=None, order="C", *, device=None, like=None):
    """An array filled with fill_value (a scalar, 0-d array, or an array broadcast to shape)."""
    fn = "full"
    if _numpy_only_dtype(dtype) or isinstance(fill_value, (str, bytes)) or (
            dtype is None and isinstance(fill_value, (_np.generic, _np.ndarray))
            and _numpy_only_dtype(fill_value.dtype)):
        return _np.full(_to_np(shape), _to_np(fill_value), dtype, order)
    if isinstance(fill_value, (list, tuple)):
        fill_value = _arr(fill_value, fn)
    if dtype is None and isinstance(fill_value, _np.generic):
        dtype = fill_value.dtype
    h = _cf.full(shape, fill_value, dtype=dtype, device=device)
    if order == "F" and h.ndim > 1:
        h = _f_order(h)
    return h


def _like(fn, maker, a, dtype, shape, *extra, device=None):
    h = _arr(a, fn)
    d = h.dtype if dtype is None else dtype
    if shape is None:
        if extra:
            return maker(h, *extra, dtype=d, device=device)
        return maker(h, dtype=d, device=device)
    proto = _cf.empty(shape, dtype=d)
    if extra:
        return maker(proto, *extra, dtype=d, device=device)
    return maker(proto, dtype=d, device=device)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    return _like("zeros_like", _cf.zeros_like, a, dtype, shape, device=device)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    return _like("ones_like", _cf.ones_like, a, dtype, shape, device=device)


def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    return _like("empty_like", _cf.empty_like, prototype, dtype, shape, device=device)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """fill_value with a's shape; a's dtype unless given (the fill value is cast to it)."""
    fn = "full_like"
    h = _arr(a, fn)
    d = _dt(dtype, fn) or h.dtype
    shp = h.shape if shape is None else shape
    if isinstance(fill_value, (bool, int, float, complex)):
        # NumPy copies the fill value in with casting='unsafe': full_like(int_array, 2.7) fills
        # 2, a float array takes 2**70, but a Python int out of an integer dtype's range raises.
        tmp = _np.empty((), d)
        try:
            _np.copyto(tmp, fill_value, casting="unsafe")
        except OverflowError as e:
            raise OverflowError(f"{fn}: {e}") from None
        fill_value = tmp
    if isinstance(fill_value, (list, tuple, _np.generic, _np.ndarray)):
        fill_value = _arr(fill_value, fn)
    if _is_hc(fill_value) and fill_value.dtype != d:
        fill_value = _core.astype(fill_value, d)
    return _cf.full(shp, fill_value, dtype=d, device=device)


def arange(start=None, /, stop=None, step=None, dtype=None, *, device=None, like=None):
    """NumPy's arange: arange(stop), arange(start, stop[, step]), dtype positional or keyword."""
    fn = "arange"
    if start is None and stop is None:
        raise TypeError(f"{fn}: missing the required argument 'start' (or 'stop')")
    if _numpy_only_dtype(dtype) or _b.any(
            isinstance(v, (str, _np.datetime64, _np.timedelta64)) for v in (start, stop, step)):
        # datetime64/timedelta64 ranges: NumPy's array (hcarray has no datetime arrays)
        args = [v for v in (start, stop, step) if v is not None]
        return _np.arange(*args, dtype=dtype)
    if start is None:
        start, stop = 0, stop
    if step is None:
        step = 1
    if stop is None:
        return _cf.arange(start, step=step, dtype=dtype, device=device) if step != 1 else \
            _cf.arange(start, dtype=dtype, device=device)
    if isinstance(start, (_np.generic,)) or isinstance(stop, _np.generic) or \
            isinstance(step, _np.generic):
        if dtype is None:
            dtype = _np.result_type(*(v for v in (start, stop, step)))
    return _cf.arange(start, stop, step, dtype=dtype, device=device)


def linspace(start, stop, /, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *,
             device=None):
    """num evenly spaced samples in [start, stop] (NumPy's signature; array bounds and retstep
    supported)."""
    fn = "linspace"
    if _b.isinstance(endpoint, (_np.bool_, int)) and not isinstance(endpoint, bool):
        endpoint = bool(endpoint)
    scalar = _b.all(isinstance(v, (bool, int, float, complex, _np.generic)) or
                 (_is_hc(v) and v.ndim == 0) for v in (start, stop))
    if scalar and axis == 0:
        h = _cf.linspace(start, stop, num, dtype=dtype, device=device, endpoint=endpoint)
        if dtype is None and _is_hc(start) and start.dtype.kind == "f" and False:
            pass
        if retstep:
            n = num - 1 if endpoint else num
            if n > 0:
                step = (complex(stop) - complex(start)) / n if \
                    isinstance(start, complex) or isinstance(stop, complex) else \
                    (float(stop) - float(start)) / n
            else:
                step = _math.nan
            return h, step
        return h
    return _call_numpy(fn, _np.linspace, (start, stop),
                       dict(num=num, endpoint=endpoint, retstep=retstep, dtype=dtype, axis=axis))


for _n in ("logspace", "geomspace", "indices", "fromfunction", "diag", "diagflat", "tri",
           "vander", "fromiter", "fromstring", "frombuffer", "identity"):
    globals()[_n] = _delegate(_n)
_export("logspace", "geomspace", "indices", "fromfunction", "diag", "diagflat", "tri", "vander",
        "fromiter", "fromstring", "frombuffer", "identity")


def eye(N, M=None, /, k=0, dtype=None, order="C", *, device=None, like=None):
    """Ones on the k-th diagonal (NumPy's eye(N, M, k, dtype) and the Array API's keywords)."""
    h = _cf.eye(N, M, k=k, dtype=dtype, device=device)
    return _f_order(h) if order == "F" and h.ndim > 1 else h


def identity(n, dtype=None, *, like=None):
    return _cf.eye(n, dtype=dtype)


def tril(m, /, k=0):
    """The lower triangle (NumPy: 1-D input is broadcast to a square first; k may be a float)."""
    h = _arr(m, "tril")
    if h.ndim < 2 or isinstance(k, bool) or not isinstance(k, (int, _np.integer)):
        return _np_call("tril", h, k)
    return _cf.tril(h, k=k)


def triu(m, /, k=0):
    """The upper triangle (NumPy: 1-D input is broadcast to a square first; k may be a float)."""
    h = _arr(m, "triu")
    if h.ndim < 2 or isinstance(k, bool) or not isinstance(k, (int, _np.integer)):
        return _np_call("triu", h, k)
    return _cf.triu(h, k=k)


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate matrices from coordinate vectors (NumPy's copy/sparse keywords)."""
    arrs = [_arr(x, "meshgrid") for x in xi]
    if copy and not sparse and _b.all(a.ndim == 1 for a in arrs):
        return _cf.meshgrid(*arrs, indexing=indexing)
    # A list, as the standard's (and the native path's) result; NumPy 2 returns a tuple.
    return list(_np_call("meshgrid", *arrs, copy=copy, sparse=sparse, indexing=indexing))


_export("array", "asarray", "asanyarray", "ascontiguousarray", "asfortranarray", "copy",
        "zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like", "full_like",
        "arange", "linspace", "eye", "identity", "tril", "triu", "meshgrid")


# ---------------------------------------------------------------------------------------------
# Elementwise: the Array API's names with NumPy's array_like operands and out=; NumPy's aliases.


def _operand(x, fn):
    if _is_hc(x):
        return x
    return _arr(x, fn)


def _ufunc_extras(kw):
    return {k: v for k, v in kw.items() if v is not None and not (k == "where" and v is True)}


def _make_unary(name, np_name):
    native = getattr(_ef, name)
    np_f = getattr(_np, np_name)

    def f(x, /, out=None, *, where=True, dtype=None, device=None, **kwargs):
        if kwargs or where is not True or dtype is not None or \
                (out is not None and not _is_hc(out[0] if isinstance(out, tuple) else out)):
            kw = dict(kwargs)
            if where is not True:
                kw["where"] = where
            if dtype is not None:
                kw["dtype"] = dtype
            if out is not None:
                kw["out"] = out
            return _call_numpy(np_name, np_f, (x,), kw)
        x = _operand(x, np_name)
        if out is not None:
            o = out[0] if isinstance(out, tuple) else out
            _core.unary(name, x, o, device)
            return o  # NumPy returns out itself
        if device is None:
            return native(x)
        return native(x, device=device)

    f.__name__ = f.__qualname__ = np_name
    f.__doc__ = native.__doc__ + " NumPy's array_like operands and out= accepted."
    f._hc_fast = (name, 1, False)  # the ufunc object's C++ fast call (_make_ufuncs)
    return f


def _make_binary(name, np_name):
    native = getattr(_ef, name)
    np_f = getattr(_np, np_name)

    def f(x1, x2, /, out=None, *, where=True, dtype=None, device=None, **kwargs):
        if kwargs or where is not True or dtype is not None or \
                (out is not None and not _is_hc(out[0] if isinstance(out, tuple) else out)):
            kw = dict(kwargs)
            if where is not True:
                kw["where"] = where
            if dtype is not None:
                kw["dtype"] = dtype
            if out is not None:
                kw["out"] = out
            return _call_numpy(np_name, np_f, (x1, x2), kw)
        if not _is_hc(x1) and not _is_hc(x2):
            x1 = _arr(x1, np_name)
        if isinstance(x1, (list, tuple, _np.ndarray)):
            x1 = _arr(x1, np_name)
        if isinstance(x2, (list, tuple, _np.ndarray)):
            x2 = _arr(x2, np_name)
        if isinstance(x1, _np.generic):
            x1 = _arr(x1, np_name)
        if isinstance(x2, _np.generic):
            x2 = _arr(x2, np_name)
        if out is not None:
            o = out[0] if isinstance(out, tuple) else out
            if name in _ef._LOGICAL:
                return _out(native(x1, x2), o, np_name)
            _core.binary(name, x1, x2, o, device)
            return o  # NumPy returns out itself
        if device is None:
            return native(x1, x2)
        return native(x1, x2, device=device)

    f.__name__ = f.__qualname__ = np_name
    f.__doc__ = native.__doc__ + " NumPy's array_like operands and out= accepted."
    # the ufunc object's C++ fast call (_make_ufuncs); logical ops take Python scalars by truth
    f._hc_fast = (name, 2, name not in _ef._LOGICAL)
    return f


_NP_ALIASES = {
    "abs": ["absolute"], "acos": ["arccos"], "acosh": ["arccosh"], "asin": ["arcsin"],
    "asinh": ["arcsinh"], "atan": ["arctan"], "atanh": ["arctanh"], "atan2": ["arctan2"],
    "bitwise_invert": ["invert", "bitwise_not"], "bitwise_left_shift": ["left_shift"],
    "bitwise_right_shift": ["right_shift"], "conj": ["conjugate"], "pow": ["power"],
    "remainder": ["mod"], "divide": ["true_divide"],
}
for _name in _ef._UNARY:
    if _name in ("real", "imag", "round"):
        continue
    _np_name = _NP_ALIASES.get(_name, [_name])[0] if not hasattr(_np, _name) else _name
    globals()[_name] = _make_unary(_name, _np_name)
    _export(_name)
    for _alias in _NP_ALIASES.get(_name, []):
        globals()[_alias] = _make_unary(_name, _alias)
        _export(_alias)
for _name in _ef._BINARY:
    _np_name = _name if hasattr(_np, _name) else _NP_ALIASES[_name][0]
    globals()[_name] = _make_binary(_name, _np_name)
    _export(_name)
    for _alias in _NP_ALIASES.get(_name, []):
        globals()[_alias] = _make_binary(_name, _alias)
        _export(_alias)


def real(val, /):
    """The real part (NumPy: a view for complex input, the input itself otherwise)."""
    if isinstance(val, (int, float, complex)):
        val = val.real  # NumPy takes a Python scalar's .real: real(True) is the int 1
    h = _operand(val, "real")
    return h.real  # no copy: h itself, or a view of the real parts


def imag(val, /):
    """The imaginary part (NumPy: a view for complex input, read-only zeros otherwise)."""
    if isinstance(val, (int, float, complex)):
        val = val.imag  # NumPy takes a Python scalar's .imag: imag(True) is the int 0
    h = _operand(val, "imag")
    return h.imag


_ROUND_NATIVE = (_np.dtype(_np.float16), _np.dtype(_np.float32), _np.dtype(_np.float64))
_P10 = (1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8)


def _pow10(n):
    """10.0**n for n >= 0 as NumPy's power_of_ten computes it (a table, then products)."""
    if n < 9:
        return _P10[n]
    r = 1e9
    for _ in range(n - 9):
        r *= 10.0
    return r


def round(a, /, decimals=0, out=None):  # noqa: A001
    """Rounds half to even to `decimals` places (NumPy's algorithm for decimals != 0)."""
    fn = "round"
    decimals = _mf._int(decimals, fn, "decimals")
    h = _operand(a, fn)
    if decimals == 0 and out is None:
        return _ef.round(h)
    if out is None and h.dtype in _ROUND_NATIVE:
        # NumPy's algorithm (PyArray_Round): scale by 10**|decimals| (a double built as NumPy
        # builds it, applied as a weak scalar, so in the array's dtype), round half to even,
        # undo the scale: the same three operations, natively (session 6: 5.0 -> ~1.2 us).
        f = _pow10(-decimals if decimals < 0 else decimals)
        if decimals > 0:
            return _ef.divide(_ef.round(_ef.multiply(h, f)), f)
        return _ef.multiply(_ef.round(_ef.divide(h, f)), f)
    return _np_call(fn, h, decimals, out=out) if out is not None else _np_call(fn, h, decimals)


def around(a, decimals=0, out=None):
    return round(a, decimals, out)


def clip(x, /, min=None, max=None, out=None, *, a_min=_NoValue, a_max=_NoValue, **kwargs):  # noqa: A002
    """Clamps to [min, max] (NumPy's positional a_min/a_max are the standard's min/max)."""
    fn = "clip"
    if _given(a_min):
        min = a_min  # noqa: A001
    if _given(a_max):
        max = a_max  # noqa: A001
    if kwargs or (out is not None and not _is_hc(out)):
        return _call_numpy(fn, _np.clip, (x, min, max), dict(kwargs, out=out))
    h = _operand(x, fn)
    if isinstance(min, (list, tuple, _np.ndarray)):
        min = _arr(min, fn)  # noqa: A001
    if isinstance(max, (list, tuple, _np.ndarray)):
        max = _arr(max, fn)  # noqa: A001
    if h.dtype.kind in "iu" and (isinstance(min, float) or isinstance(max, float) or
                                 (_is_hc(min) and min.dtype.kind in "fc") or
                                 (_is_hc(max) and max.dtype.kind in "fc")):
        return _call_numpy(fn, _np.clip, (h, min, max), {} if out is None else {"out": out})
    if out is not None and _is_hc(out) and out.dtype == h.dtype and out.shape == h.shape and \
            (min is None or type(min) in _ef._PY_SCALARS) and \
            (max is None or type(max) in _ef._PY_SCALARS):
        b = _ef._clip_bounds(h, min, max)
        if b is not None:  # one pass straight into out (no result array, no copy)
            _core.binary("_clip_pair", h, b, out)
            return out
    return _out(_ef.clip(h, min, max), out, fn)


_export("real", "imag", "round", "around", "clip")

# Elementwise functions hcarray has no kernel for: NumPy's ufuncs on views (exact NumPy values).
_NP_ELEMENTWISE = [
    "fmod", "float_power", "rint", "fix", "sinc", "heaviside", "logaddexp2",
    "fmax", "fmin", "gcd", "lcm", "ldexp", "frexp", "modf", "divmod", "isneginf", "isposinf",
    "isreal", "iscomplex", "isrealobj", "iscomplexobj", "real_if_close", "nan_to_num", "angle",
    "unwrap", "spacing", "deg2rad", "rad2deg", "degrees", "radians", "fabs", "reciprocal_",
    "i0", "isin", "bitwise_count",
]
for _n in _NP_ELEMENTWISE:
    if hasattr(_np, _n):
        globals()[_n] = _delegate(_n)
        _export(_n)


# ---------------------------------------------------------------------------------------------
# Reductions and statistics


def _keep(keepdims, fn):
    """NumPy's reading of a reduction's keepdims: an integer (operator.index), by truth value."""
    try:
        return _operator.index(keepdims) != 0
    except TypeError:
        raise TypeError(f"{fn}: keepdims must be a bool or an integer, not "
                        f"{type(keepdims).__name__}") from None


def _plain(*extras):
    return _b.all(e is None or e is _NoValue or e is False for e in extras)


def _reduction(name, native, has_dtype=True):
    np_f = getattr(_np, name)

    def f(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue,
          where=_NoValue):
        if _given(initial) or _given(where) or (out is not None and not _is_hc(out)):
            return _call_numpy(name, np_f, (a,), dict(
                axis=axis, dtype=dtype, out=out, keepdims=keepdims,
                **({"initial": initial} if _given(initial) else {}),
                **({"where": where} if _given(where) else {})))
        h = _operand(a, name)
        r = native(h, axis=axis, dtype=_dt(dtype, name), keepdims=_keep(keepdims, name))
        return _out(r, out, name)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"NumPy's {name}: native over any axes; initial=/where= run NumPy's on views.")
    return f


sum = _reduction("sum", _stf.sum)  # noqa: A001
prod = _reduction("prod", _stf.prod)


def _extreme(name, native, np_name):
    np_f = getattr(_np, np_name)

    def f(a, axis=None, out=None, keepdims=False, initial=_NoValue, where=_NoValue):
        if _given(initial) or _given(where) or (out is not None and not _is_hc(out)):
            return _call_numpy(np_name, np_f, (a,), dict(
                axis=axis, out=out, keepdims=keepdims,
                **({"initial": initial} if _given(initial) else {}),
                **({"where": where} if _given(where) else {})))
        h = _operand(a, np_name)
        keepdims = _keep(keepdims, np_name)
        if h.size == 0 and (axis is None or _b.any(
                h.shape[_mf._axis(ax, h.ndim, np_name)] == 0
                for ax in (axis if isinstance(axis, tuple) else (axis,)))):
            raise ValueError(f"{np_name}: zero-size array to reduction operation {name} which "
                             "has no identity")
        return _out(native(h, axis=axis, keepdims=keepdims), out, np_name)

    f.__name__ = f.__qualname__ = np_name
    f.__doc__ = f"NumPy's {np_name}: native; initial=/where= run NumPy's on views."
    return f


max = _extreme("maximum", _stf.max, "max")  # noqa: A001
min = _extreme("minimum", _stf.min, "min")  # noqa: A001
amax = _extreme("maximum", _stf.max, "amax")
amin = _extreme("minimum", _stf.min, "amin")


def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=_NoValue):
    """NumPy's mean: integer and bool input averages in float64; native for float/complex."""
    fn = "mean"
    if _given(where) or (out is not None and not _is_hc(out)) or dtype is not None:
        return _np_call(fn, a, axis=axis, dtype=dtype, out=out, keepdims=keepdims, where=where)
    h = _operand(a, fn)
    keepdims = _keep(keepdims, fn)
    if h.size == 0:
        return _np_call(fn, h, axis=axis, keepdims=keepdims)
    # Integers and bool: the Array API mean sums them into float64 without a converted copy
    # (8- to 32-bit: exact partial sums; 64-bit: converted as read, the additions of the sum of
    # a converted copy; specs/reductions.md)
    return _out(_stf.mean(h, axis=axis, keepdims=keepdims), out, fn)


def _var_like(name, native, np_f):
    def f(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NoValue,
          mean=_NoValue, correction=_NoValue):
        if _given(where) or _given(mean) or dtype is not None or \
                (out is not None and not _is_hc(out)):
            kw = dict(axis=axis, dtype=dtype, out=out, keepdims=keepdims)
            for k, v in (("where", where), ("mean", mean), ("correction", correction)):
                if _given(v):
                    kw[k] = v
            if not _given(correction):
                kw["ddof"] = ddof
            return _call_numpy(name, np_f, (a,), kw)
        if _given(correction):
            if ddof != 0:
                raise ValueError(f"{name}: ddof and correction can't be provided simultaneously.")
            ddof = correction
        h = _operand(a, name)
        keepdims = _keep(keepdims, name)
        if h.dtype.kind in "biu":
            h = _core.astype(h, _np.float64)
        if h.size == 0:
            return _call_numpy(name, np_f, (h,), dict(axis=axis, ddof=ddof, keepdims=keepdims))
        return _out(native(h, axis=axis, correction=ddof, keepdims=keepdims), out, name)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (f"NumPy's {name} (ddof, or the standard's correction); native for floats, "
                 "integers averaged in float64.")
    return f


var = _var_like("var", _stf.var, _np.var)
std = _var_like("std", _stf.std, _np.std)


def _bool_reduction(name, native):
    np_f = getattr(_np, name)

    def f(a, axis=None, out=None, keepdims=False, *, where=_NoValue):
        if _given(where) or (out is not None and not _is_hc(out)):
            return _np_call(name, a, axis=axis, out=out, keepdims=keepdims, where=where)
        h = _operand(a, name)
        return _out(native(h, axis=axis, keepdims=_keep(keepdims, name)), out, name)

    f.__name__ = f.__qualname__ = name
    f.__wrapped_numpy__ = np_f
    return f


all = _bool_reduction("all", _uf.all)  # noqa: A001
any = _bool_reduction("any", _uf.any)  # noqa: A001


def _arg_reduction(name, native):
    def f(a, axis=None, out=None, *, keepdims=False):
        h = _operand(a, name)
        if h.size == 0:
            return _np_call(name, h, axis=axis, keepdims=keepdims)
        r = native(h, axis=axis, keepdims=bool(keepdims))
        if keepdims and axis is None:
            r = r.reshape((1,) * h.ndim)
        return _out(r, out, name)

    f.__name__ = f.__qualname__ = name
    return f


argmax = _arg_reduction("argmax", _sf.argmax)
argmin = _arg_reduction("argmin", _sf.argmin)


def _scan(name, native, np_f):
    def f(a, axis=None, dtype=None, out=None):
        h = _operand(a, name)
        if axis is None:
            h = h.reshape((-1,))
            axis = 0
        if h.ndim == 0:
            h = h.reshape((1,))
        r = native(h, axis=axis, dtype=_dt(dtype, name))
        return _out(r, out, name)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"NumPy's {name}: the native cumulative kernel; axis=None flattens first."
    return f


cumsum = _scan("cumsum", _stf.cumulative_sum, _np.cumsum)
cumprod = _scan("cumprod", _stf.cumulative_prod, _np.cumprod)


def cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False):
    return _stf.cumulative_sum(_operand(x, "cumulative_sum"), axis=axis, dtype=dtype,
                               include_initial=include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False):
    return _stf.cumulative_prod(_operand(x, "cumulative_prod"), axis=axis, dtype=dtype,
                                include_initial=include_initial)


def ptp(a, axis=None, out=None, keepdims=False):
    """max - min along axis (NumPy's ptp)."""
    h = _operand(a, "ptp")
    r = _ef.subtract(max(h, axis, keepdims=keepdims), min(h, axis, keepdims=keepdims))
    return _out(r, out, "ptp")


def count_nonzero(a, axis=None, *, keepdims=False):
    if axis is None and keepdims is False and type(a) is ndarray:
        return _core._count_nonzero(a)  # one pass of the count kernel, any dtype and strides
    return _sf.count_nonzero(_operand(a, "count_nonzero"), axis=axis,
                             keepdims=_keep(keepdims, "count_nonzero"))


def diff(a, /, n=1, axis=-1, prepend=_NoValue, append=_NoValue):
    """NumPy's diff(a, n, axis, prepend, append); native."""
    fn = "diff"
    if n == 1 and type(n) is int and axis == -1 and type(a) is ndarray and a.ndim == 1 and \
            prepend is _NoValue and append is _NoValue:
        # The common call: one subtraction of two views made by the core's slicing.
        return _core.binary("not_equal" if a.dtype == _np.bool_ else "subtract", a[1:], a[:-1])
    h = _operand(a, fn)
    if h.ndim == 0:
        raise ValueError(f"{fn}: diff requires input that is at least one dimensional")
    kw = {}
    if _given(prepend) and prepend is not None:
        p = _operand(prepend, fn)
        if p.ndim == 0:
            shp = list(h.shape)
            shp[axis] = 1
            p = _mf.broadcast_to(p, tuple(shp))
        kw["prepend"] = p
    if _given(append) and append is not None:
        p = _operand(append, fn)
        if p.ndim == 0:
            shp = list(h.shape)
            shp[axis] = 1
            p = _mf.broadcast_to(p, tuple(shp))
        kw["append"] = p
    if _mf._int(n, fn, "n") == 0 and not kw:
        return h
    return _uf.diff(h, axis=axis, n=n, **kw)


_export("sum", "prod", "max", "min", "amax", "amin", "mean", "var", "std", "all", "any",
        "argmax", "argmin", "cumsum", "cumprod", "cumulative_sum", "cumulative_prod", "ptp",
        "count_nonzero", "diff")

_NP_STATS = [
    "median", "average", "percentile", "quantile", "nansum", "nanprod", "nanmean", "nanstd",
    "nanvar", "nanmin", "nanmax", "nanmedian", "nanpercentile", "nanquantile", "nanargmax",
    "nanargmin", "nancumsum", "nancumprod", "histogram", "histogram2d", "histogramdd",
    "histogram_bin_edges", "bincount", "digitize", "cov", "corrcoef", "correlate", "convolve",
    "interp", "trapezoid", "gradient", "ediff1d", "cross", "einsum", "einsum_path", "kron",
    "polyfit", "polyval", "polyder", "polyint", "roots", "poly", "polyadd", "polysub",
    "polymul", "polydiv", "allclose", "isclose", "array_equal", "array_equiv", "argwhere",
    "flatnonzero", "searchsorted", "lexsort", "partition", "argpartition", "sort_complex",
    "unique", "union1d", "intersect1d", "setdiff1d", "setxor1d", "packbits", "unpackbits",
    "select", "piecewise", "extract", "place", "put", "putmask", "copyto", "choose",
    "compress", "take_along_axis", "put_along_axis", "apply_along_axis", "apply_over_axes",
    "vectorize", "frompyfunc", "shares_memory", "may_share_memory", "result_type",
    "can_cast", "common_type", "mintypecode", "trim_zeros", "tensordot", "vecdot", "matvec",
    "vecmat", "blackman", "hamming", "hanning", "bartlett", "kaiser", "ix_", "diag_indices",
    "diag_indices_from", "tril_indices", "tril_indices_from", "triu_indices",
    "triu_indices_from", "mask_indices", "unravel_index", "ravel_multi_index", "fill_diagonal",
    "nditer", "nested_iters", "info", "isfortran", "astype", "unique_all", "unique_counts",
    "unique_inverse", "unique_values", "isdtype",
]
# Names the Array API modules define natively keep the native function (they are array-only);
# the ones listed here that hcarray lacks delegate to NumPy.
_NATIVE_KEEP = {"searchsorted", "result_type", "can_cast", "tensordot", "vecdot",
                "take_along_axis", "astype", "unique_all", "unique_counts", "unique_inverse",
                "unique_values", "isdtype"}
for _n in _NP_STATS:
    if _n in _NATIVE_KEEP or not hasattr(_np, _n):
        continue
    if _n in ("vectorize", "frompyfunc", "nditer", "nested_iters", "info"):
        continue
    globals()[_n] = _delegate(_n)
    _export(_n)

# Native unique, isin, histogram, median, percentile, quantile (NumPy's own function for the
# cases they do not cover).
from ._numpy_sorting import histogram, isin, median, percentile, quantile, unique  # noqa


for _n in ("allclose", "array_equal", "array_equiv", "isfortran", "shares_memory",
           "may_share_memory"):
    # Plain Python results already; the delegate returns them as they are.
    pass


_nansum_np = nansum  # noqa: F821  (the NumPy delegate made above)
_nanmean_np = nanmean  # noqa: F821
_NAN_NATIVE = (_np.dtype(_np.float32), _np.dtype(_np.float64), _np.dtype(_np.complex64),
               _np.dtype(_np.complex128))


def nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue,
           where=_NoValue):
    """NumPy's nansum: native for float32/float64/complex (NaN counts as 0; sum's pairwise
    trees) and integers/bool (sum); NumPy's on views with dtype=/out=/initial=/where=."""
    fn = "nansum"
    if dtype is not None or out is not None or _given(initial) or _given(where):
        return _nansum_np(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims,
                          initial=initial, where=where)
    h = _operand(a, fn)
    if h.dtype.kind in "biu":
        return sum(h, axis=axis, keepdims=keepdims)
    if h.dtype not in _NAN_NATIVE:
        return _nansum_np(h, axis=axis, keepdims=keepdims)
    return _core.reduce(fn, h, _stf._axes(axis, h.ndim, fn), _keep(keepdims, fn))


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=_NoValue):
    """NumPy's nanmean: native for float32/float64 (the NaN-free sum, as nansum, divided by
    the count of non-NaN elements in float64, rounded to the input dtype) and integers/bool
    (mean); NumPy's on views otherwise. An all-NaN slice gives NaN and a RuntimeWarning."""
    fn = "nanmean"
    if dtype is not None or out is not None or _given(where):
        return _nanmean_np(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims, where=where)
    h = _operand(a, fn)
    if h.dtype.kind in "biu":
        return mean(h, axis=axis, keepdims=keepdims)
    if h.dtype.kind != "f" or h.dtype not in _NAN_NATIVE:
        return _nanmean_np(h, axis=axis, keepdims=keepdims)
    axes = _stf._axes(axis, h.ndim, fn)
    keepdims = _keep(keepdims, fn)
    tot = _core.reduce("nansum", h, axes, keepdims)
    nans = _core.reduce("sum", _core.unary("isnan", h), axes, keepdims, _np.int64)
    n = 1
    for ax in axes:
        n *= h.shape[ax]
    cnt = _core.binary("subtract", n, nans)
    if _core._count_nonzero(cnt) != cnt.size:
        import warnings
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=2)
    avg = _core.binary("divide", tot if h.dtype == _np.float64 else _core.astype(tot, _np.float64),
                       _core.astype(cnt, _np.float64))
    return avg if h.dtype == _np.float64 else _core.astype(avg, h.dtype)


def flatnonzero(a):
    """NumPy's flatnonzero: the int64 positions of the nonzero elements of ravel(a)."""
    h = _operand(a, "flatnonzero")
    if h.dtype != _np.bool_:
        h = _core.astype(h, _np.bool_)
    if h.ndim != 1:
        h = _core.reshape(h, (-1,), -1)
    return _core._nonzero(h)[0]


def argwhere(a):
    """NumPy's argwhere: the (N, a.ndim) int64 positions of the nonzero elements, in C order
    (one pass of the nonzero kernel; 0-d input runs NumPy's)."""
    h = _operand(a, "argwhere")
    if h.ndim == 0:
        return _np_call("argwhere", h)
    if h.dtype != _np.bool_:
        h = _core.astype(h, _np.bool_)
    return _core._argwhere(h)


def vectorize(pyfunc=_NoValue, otypes=None, doc=None, excluded=None, cache=False,
              signature=None):
    """NumPy's vectorize; the vectorized function's array results are hcarray."""
    if not _given(pyfunc):
        return lambda f: vectorize(f, otypes, doc, excluded, cache, signature)
    v = _np.vectorize(pyfunc, otypes=otypes, doc=doc, excluded=excluded, cache=cache,
                      signature=signature)

    def run(*args, **kwargs):
        return _call_numpy("vectorize", v, args, kwargs)

    run.__doc__ = v.__doc__
    return run


_export("vectorize")


# ---------------------------------------------------------------------------------------------
# Searching, sorting, where


def where(condition, x=None, y=None, /):
    """where(condition, x, y) natively; where(condition) is nonzero(condition)."""
    fn = "where"
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError(f"{fn}: either both or neither of x and y should be given")
    c = _operand(condition, fn)
    if c.dtype != _np.bool_:
        c = _core.astype(c, _np.bool_)
    if isinstance(x, (list, tuple, _np.ndarray, _np.generic)):
        x = _arr(x, fn)
    if isinstance(y, (list, tuple, _np.ndarray, _np.generic)):
        y = _arr(y, fn)
    if not _is_hc(x) and not _is_hc(y):
        x = _arr(x, fn)
    return _uf.where(c, x, y)


def nonzero(a):
    """Indices of the non-zero elements, one int64 array per axis (0-d input raises TypeError,
    the native function's error; NumPy 2 raises ValueError)."""
    return _sf.nonzero(_operand(a, "nonzero"))


def sort(a, axis=-1, kind=None, order=None, *, descending=False, stable=None):
    """A sorted copy (native, stable). axis=None sorts the flattened array."""
    fn = "sort"
    if type(a) is ndarray and type(axis) is int and axis == -1 and kind is None and \
            order is None and descending is False and a.ndim:
        return _core.sort(a, a.ndim - 1, False, True)  # the common call, without the checks
    if order is not None:
        raise TypeError(f"{fn}: order= (structured arrays) is not supported")
    h = _operand(a, fn)
    if axis is None:
        h = h.reshape((-1,))
        axis = -1
    if h.ndim == 0:
        raise _np.exceptions.AxisError(axis, 0, fn)
    return _sortf.sort(h, axis=axis, descending=descending, stable=True)


def argsort(a, axis=-1, kind=None, order=None, *, descending=False, stable=None):
    """Indices that sort a (native, stable). axis=None sorts the flattened array."""
    fn = "argsort"
    if type(a) is ndarray and type(axis) is int and axis == -1 and kind is None and \
            order is None and descending is False and a.ndim:
        return _core.argsort(a, a.ndim - 1, False, True)  # the common call, without the checks
    if order is not None:
        raise TypeError(f"{fn}: order= (structured arrays) is not supported")
    h = _operand(a, fn)
    if axis is None:
        h = h.reshape((-1,))
        axis = -1
    if h.ndim == 0:
        return _np_call(fn, h)
    return _sortf.argsort(h, axis=axis, descending=descending, stable=True)


_export("where", "nonzero", "sort", "argsort")


# ---------------------------------------------------------------------------------------------
# Shapes, stacking, splitting


def _copy_flag(copy, fn):
    """NumPy's reading of a copy= argument: None, a _CopyMode, or any object by truth value;
    a string is a ValueError."""
    if copy is None or isinstance(copy, bool):
        return copy
    if isinstance(copy, _np._CopyMode):
        return {_np._CopyMode.ALWAYS: True, _np._CopyMode.IF_NEEDED: None,
                _np._CopyMode.NEVER: False}[copy]
    if isinstance(copy, str):
        raise ValueError(f"{fn}: strings are not allowed for 'copy' keyword. Use True/False/None "
                         "instead.")
    return bool(copy)


def reshape(a, /, shape=None, order="C", *, newshape=None, copy=None):
    """NumPy's reshape (order 'C' native; 'F'/'A' through NumPy on views)."""
    fn = "reshape"
    if shape is None:
        shape = newshape
    if shape is None:
        raise TypeError(f"{fn}: missing the shape argument")
    h = _operand(a, fn)
    copy = _copy_flag(copy, fn)
    if order == "C":
        return _mf.reshape(h, shape, copy=copy)
    return _np_call(fn, h, shape, order=order, copy=copy)


def ravel(a, order="C"):
    """The flattened array: a view when a is C-contiguous (order 'C')."""
    h = _operand(a, "ravel")
    if order in ("C", "K", "A") and (order == "C" or h._c_contiguous):
        return h.reshape((-1,))
    return _np_call("ravel", h, order)


def transpose(a, axes=None):
    fn = "transpose"
    h = _operand(a, fn)
    if axes is None:
        return h.T  # every axis reversed (a C++ view)
    if isinstance(axes, (int, _np.integer)):
        axes = (axes,)  # NumPy: a single integer (valid for 1-D input)
    else:
        try:
            axes = tuple(axes)
        except TypeError:
            raise TypeError(f"{fn}: expected a sequence of integers or a single integer, got "
                            f"{axes!r}") from None
    if len(axes) != h.ndim:
        raise ValueError(f"{fn}: axes don't match array (axes {axes} for {h.ndim} dimensions)")
    return _mf.permute_dims(h, axes)


def permute_dims(a, /, axes=None):
    return transpose(a, axes)


def matrix_transpose(x, /):
    return _mf.matrix_transpose(_operand(x, "matrix_transpose"))


def swapaxes(a, axis1, axis2):
    fn = "swapaxes"
    h = _operand(a, fn)
    i, j = _mf._axis(axis1, h.ndim, fn), _mf._axis(axis2, h.ndim, fn)
    p = list(range(h.ndim))
    p[i], p[j] = p[j], p[i]
    return _mf.permute_dims(h, tuple(p))


def moveaxis(a, source, destination, /):
    return _mf.moveaxis(_operand(a, "moveaxis"), source, destination)


def rollaxis(a, axis, start=0):
    return _np_call("rollaxis", _operand(a, "rollaxis"), axis, start)


def squeeze(a, /, axis=None):
    """Removes axes of length one (all of them when axis is None)."""
    fn = "squeeze"
    if type(a) is ndarray:
        r = _core._squeeze(a, axis)
        if r is not None:
            return r
    h = _operand(a, fn)
    if axis is None:
        axis = tuple(i for i, s in enumerate(h.shape) if s == 1)
    elif h.ndim == 0 and type(axis) is int and axis in (0, -1):
        return h.reshape(())  # NumPy accepts an int axis 0 or -1 on a 0-d array (a view)
    return _mf.squeeze(h, axis)


def expand_dims(a, /, axis=0):
    """Inserts axes of length one (an int or a tuple of positions in the result)."""
    fn = "expand_dims"
    h = _operand(a, fn)
    if isinstance(axis, list):
        axis = tuple(axis)
    return _mf.expand_dims(h, axis=axis)  # a view, for a tuple of axes too


def broadcast_to(array, /, shape, subok=False):
    return _mf.broadcast_to(_operand(array, "broadcast_to"),
                            tuple(shape) if isinstance(shape, (tuple, list)) else (shape,))


def broadcast_arrays(*args, subok=False):
    return _mf.broadcast_arrays(*(_operand(a, "broadcast_arrays") for a in args))


def flip(m, /, axis=None):
    if type(m) is ndarray:
        r = _core._flip(m, axis)
        if r is not None:
            return r
    return _mf.flip(_operand(m, "flip"), axis=axis)


def fliplr(m):
    h = _operand(m, "fliplr")
    if h.ndim < 2:
        raise ValueError("fliplr: input must be >= 2-d.")
    return _mf.flip(h, axis=1)


def flipud(m):
    h = _operand(m, "flipud")
    if h.ndim < 1:
        raise ValueError("flipud: input must be >= 1-d.")
    return _mf.flip(h, axis=0)


def roll(a, /, shift, axis=None):
    return _mf.roll(_operand(a, "roll"), shift, axis=axis)


def repeat(a, repeats, /, axis=None):
    h = _operand(a, "repeat")
    if isinstance(repeats, (list, tuple, _np.ndarray)):
        repeats = _arr(repeats, "repeat", _np.int64)
    if axis is None and h.ndim != 1:
        h = h.reshape((-1,))
    return _mf.repeat(h, repeats, axis=axis)


def tile(A, reps, /):
    h = _operand(A, "tile")
    if type(reps) is int:
        return _mf.tile(h, reps)  # its short path for one count
    if not isinstance(reps, (tuple, list)):
        reps = (reps,)
    return _mf.tile(h, tuple(reps))


def take(a, indices, /, axis=None, out=None, mode="raise"):
    """NumPy's take: indices may be a scalar, a list or an array of any shape."""
    fn = "take"
    h = _operand(a, fn)
    if mode != "raise" or out is not None:
        return _np_call(fn, h, indices, axis=axis, out=out, mode=mode)
    scalar = isinstance(indices, (int, _np.integer)) and not isinstance(indices, bool)
    idx = _arr(indices, fn)
    if idx.dtype == _np.bool_:
        idx = _core.astype(idx, _np.int64)  # NumPy casts bool indices to intp (a safe cast)
    if axis is None:
        h = h.reshape((-1,))
        axis = 0
    if idx.ndim == 1:
        from ._indexing_functions import take as _take
        return _take(h, idx, axis=axis)
    return _np_call(fn, h, idx if not scalar else int(indices), axis=axis)


def _seq(arrays, fn):
    if _is_hc(arrays) or isinstance(arrays, _np.ndarray):
        return [arrays[i] for i in range(len(arrays))]
    try:
        items = list(arrays)
    except TypeError:
        raise TypeError(f"{fn}: expected a sequence of arrays, got {type(arrays).__name__}") \
            from None
    if not items:
        raise ValueError(f"{fn}: need at least one array to concatenate")
    return [_operand(x, fn) for x in items]


def concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Joins arrays along an existing axis (native); axis=None joins the flattened arrays."""
    fn = "concatenate"
    if type(axis) is int and out is None and dtype is None:
        r = _core._concat(arrays, axis)  # C-contiguous hcarrays of one dtype: memcpy
        if r is not None:
            return r
    hs = _seq(arrays, fn)
    if dtype is not None:
        hs = [_core.astype(h, _dt(dtype, fn)) for h in hs]
    if axis is None:
        hs = [h.reshape((-1,)) for h in hs]
        axis = 0
    for h in hs:
        if h.ndim == 0:
            raise ValueError(f"{fn}: zero-dimensional arrays cannot be concatenated")
    return _out(_mf.concat(hs, axis=axis), out, fn)


def concat(arrays, /, *, axis=0):
    return concatenate(arrays, axis=axis)


def stack(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    fn = "stack"
    if type(axis) is int and out is None and dtype is None:
        r = _core._concat(arrays, axis, True)  # C-contiguous hcarrays of one shape and dtype
        if r is not None:
            return r
    hs = _seq(arrays, fn)
    if dtype is not None:
        hs = [_core.astype(h, _dt(dtype, fn)) for h in hs]
    return _out(_mf.stack(hs, axis=axis), out, fn)


def atleast_1d(*arys):
    res = []
    for a in arys:
        h = a if type(a) is ndarray else _operand(a, "atleast_1d")
        res.append(h.reshape((1,)) if h.ndim == 0 else h)
    return res[0] if len(res) == 1 else tuple(res)


def atleast_2d(*arys):
    res = []
    for a in arys:
        h = a if type(a) is ndarray else _operand(a, "atleast_2d")
        nd = h.ndim
        if nd == 0:
            h = h.reshape((1, 1))
        elif nd == 1:
            h = h.reshape((1, h.shape[0]))  # a view; C-contiguous x gives C-contiguous h,
            # so that vstack/concatenate of the results take the memcpy path
        res.append(h)
    return res[0] if len(res) == 1 else tuple(res)


def atleast_3d(*arys):
    res = []
    for a in arys:
        h = a if type(a) is ndarray else _operand(a, "atleast_3d")
        nd = h.ndim
        if nd == 0:
            h = h.reshape((1, 1, 1))
        elif nd == 1:
            h = h.reshape((1, h.shape[0], 1))  # views (see atleast_2d)
        elif nd == 2:
            h = h.reshape(h.shape + (1,))
        res.append(h)
    return res[0] if len(res) == 1 else tuple(res)


def _stack_fast(tup, dtype, axis_1d, stack_1d, axis_nd):
    """hstack/vstack of a list or tuple of hcarrays of one ndim (>= 1) in C++, or None."""
    if dtype is not None or type(tup) not in (list, tuple) or not tup:
        return None
    first = tup[0]
    if type(first) is not ndarray or first.ndim == 0:
        return None
    if first.ndim == 1:
        return _core._concat(tup, axis_1d, stack_1d)
    return _core._concat(tup, axis_nd)


def hstack(tup, *, dtype=None, casting="same_kind"):
    r = _stack_fast(tup, dtype, 0, False, 1)
    if r is not None:
        return r
    hs = [atleast_1d(h) for h in _seq(tup, "hstack")]
    return concatenate(hs, axis=0 if hs[0].ndim == 1 else 1, dtype=dtype)


def vstack(tup, *, dtype=None, casting="same_kind"):
    r = _stack_fast(tup, dtype, 0, True, 0)
    if r is not None:
        return r
    return concatenate([atleast_2d(h) for h in _seq(tup, "vstack")], axis=0, dtype=dtype)


row_stack = vstack


def _concat_last_assign(hs, axis):
    """Concatenation along the last axis of hcarrays of one dtype and one shape outside it, by
    one strided copy per operand into a new array, or None. Used where the
    memcpy blocks of _core._concat would be single rows (dstack([a, b]) of two 300 x 300:
    90000 memcpy calls per operand, 4x slower than NumPy)."""
    f = hs[0]
    dt, nd, shp = f.dtype, f.ndim, f.shape
    outer = 1
    for d in shp[:axis]:
        outer *= d
    if outer < 256 or len(hs) > 64 or nd != axis + 1:
        return None
    total = 0
    for h in hs:
        if type(h) is not ndarray or h.dtype != dt or h.ndim != nd or \
                h.shape[:axis] != shp[:axis]:
            return None
        total += h.shape[axis]
    out = _core.empty(shp[:axis] + (total,), dt)
    pre = (slice(None),) * axis
    lo = 0
    for h in hs:
        hi = lo + h.shape[axis]
        _core.copyto(out[pre + (slice(lo, hi),)], h)
        lo = hi
    return out


def dstack(tup):
    hs = [atleast_3d(h) for h in _seq(tup, "dstack")]
    if hs:
        r = _concat_last_assign(hs, 2)
        if r is not None:
            return r
    return concatenate(hs, axis=2)


def column_stack(tup):
    hs = []
    for h in _seq(tup, "column_stack"):
        nd = h.ndim
        if nd == 0:
            h = h.reshape((1, 1))
        elif nd == 1:
            h = h.reshape((h.shape[0], 1))  # a view (NumPy: array(v, ndmin=2).T)
        hs.append(h)
    r = _concat_last_assign(hs, 1)
    if r is not None:
        return r
    return concatenate(hs, axis=1)


def _split_points(n, sections, fn, even):
    if isinstance(sections, (int, _np.integer)) and not isinstance(sections, bool):
        k = int(sections)
        if k <= 0:
            raise ValueError(f"{fn}: number sections must be larger than 0.")
        if even and n % k:
            raise ValueError(f"{fn}: array split does not result in an equal division")
        q, r = _b.divmod(n, k)
        pts, acc = [], 0
        for i in range(k):
            acc += q + (1 if i < r else 0)
            pts.append(acc)
        return [0] + pts
    idx = [int(i) for i in (_to_numpy(sections) if _is_hc(sections) else sections)]
    return [0] + idx + [n]


def array_split(ary, indices_or_sections, axis=0):
    """Splits into sub-arrays (views), allowing unequal division."""
    return _split(ary, indices_or_sections, axis, "array_split", False)


def split(ary, indices_or_sections, axis=0):
    """Splits into equal sub-arrays (views); ValueError when the division is unequal."""
    return _split(ary, indices_or_sections, axis, "split", True)


def _split(ary, ios, axis, fn, even):
    h = _operand(ary, fn)
    if h.ndim == 0:
        raise ValueError(f"{fn}: cannot split a 0-d array")
    ax = _mf._axis(axis, h.ndim, fn)
    n = h.shape[ax]
    pts = _split_points(n, ios, fn, even)
    out = []
    pre = (slice(None),) * ax  # views by the C++ basic indexing (0.1 us a piece)
    for i in range(len(pts) - 1):
        lo = _b.min(_b.max(pts[i] + (n if pts[i] < 0 else 0), 0), n)
        hi = _b.min(_b.max(pts[i + 1] + (n if pts[i + 1] < 0 else 0), 0), n)
        hi = _b.max(hi, lo)
        out.append(h[pre + (slice(lo, hi),)])
    return out


def hsplit(ary, indices_or_sections):
    h = _operand(ary, "hsplit")
    if h.ndim == 0:
        raise ValueError("hsplit: hsplit only works on arrays of 1 or more dimensions")
    return split(h, indices_or_sections, 1 if h.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    h = _operand(ary, "vsplit")
    if h.ndim < 2:
        raise ValueError("vsplit: vsplit only works on arrays of 2 or more dimensions")
    return split(h, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    h = _operand(ary, "dsplit")
    if h.ndim < 3:
        raise ValueError("dsplit: dsplit only works on arrays of 3 or more dimensions")
    return split(h, indices_or_sections, 2)


def unstack(x, /, *, axis=0):
    return _mf.unstack(_operand(x, "unstack"), axis=axis)


_export("reshape", "ravel", "transpose", "permute_dims", "matrix_transpose", "swapaxes",
        "moveaxis", "rollaxis", "squeeze", "expand_dims", "broadcast_to", "broadcast_arrays",
        "flip", "fliplr", "flipud", "roll", "repeat", "tile", "take", "concatenate", "concat",
        "stack", "atleast_1d", "atleast_2d", "atleast_3d", "hstack", "vstack", "row_stack",
        "dstack", "column_stack", "array_split", "split", "hsplit", "vsplit", "dsplit",
        "unstack")

for _n in ("rot90", "resize", "append", "insert", "delete", "pad", "block", "trace",
           "diagonal", "dot", "vdot", "inner", "outer", "matmul_", "linalg_"):
    if hasattr(_np, _n):
        globals()[_n] = _delegate(_n)
        _export(_n)


def dot(a, b, out=None):
    """NumPy's dot: native matmul for 1-D/2-D operands, NumPy on views otherwise."""
    fn = "dot"
    x, y = _operand(a, fn), _operand(b, fn)
    if x.ndim == 0 or y.ndim == 0:
        return _out(_ef.multiply(x, y), out, fn)
    if x.ndim <= 2 and y.ndim <= 2:
        from ._linear_algebra_functions import matmul as _matmul
        if x.dtype == _np.bool_ or y.dtype == _np.bool_:
            return _np_call(fn, x, y)
        return _out(_matmul(x, y), out, fn)
    return _np_call(fn, x, y) if out is None else _np_call(fn, x, y, out=out)


def matmul(x1, x2, /, out=None, **kwargs):
    from ._linear_algebra_functions import matmul as _matmul
    if kwargs:
        return _call_numpy("matmul", _np.matmul, (x1, x2), dict(kwargs, out=out))
    return _out(_matmul(_operand(x1, "matmul"), _operand(x2, "matmul")), out, "matmul")


def outer(a, b, out=None):
    x = _operand(a, "outer").reshape((-1, 1))
    y = _operand(b, "outer").reshape((-1,))
    return _out(x * y, out, "outer")


def tensordot(a, b, /, axes=2):
    """NumPy's tensordot: array_like operands, axes positional or keyword; native kernel."""
    from ._linear_algebra_functions import tensordot as _tensordot
    return _tensordot(_operand(a, "tensordot"), _operand(b, "tensordot"), axes=axes)


_export("dot", "matmul", "outer", "tensordot")


def searchsorted(a, v, side="left", sorter=None):
    """Insertion points of v in the sorted 1-D a (native); v and sorter may be lists, NumPy
    arrays or scalars, as in NumPy."""
    fn = "searchsorted"
    h = _operand(a, fn)
    if h.ndim != 1:
        return _np_call(fn, h, v, side=side, sorter=sorter)
    if not _is_hc(v) and not isinstance(v, (bool, int, float, complex)):
        v = _arr(v, fn)
    if sorter is not None and not _is_hc(sorter):
        s = _np.asarray(_to_np(sorter))
        sorter = _arr(s if s.size else s.astype(_np.intp), fn)
    return _sf.searchsorted(h, v, side=side, sorter=sorter)


_export("searchsorted")


def _called_from_numpy():
    """True when the function calling this one was called from NumPy's own code."""
    import sys
    name = sys._getframe(2).f_globals.get("__name__", "")
    return name == "numpy" or name.startswith("numpy.")


class poly1d(_np.poly1d):
    """NumPy's poly1d (a subclass): coefficients given as hcarray arrays are read as NumPy's;
    evaluating it, its coefficients and its roots give hcarray arrays (0-d at a scalar, the
    drop-in decision); arithmetic gives hcarray.poly1d; printing is NumPy's."""

    __module__ = "hcarray"

    def __init__(self, c_or_r, r=False, variable=None):
        if isinstance(c_or_r, _np.poly1d):
            c_or_r = _np.poly1d(c_or_r.coeffs, variable=c_or_r.variable)
        super().__init__(_to_np(c_or_r), r, variable)

    def __call__(self, val):
        if isinstance(val, _np.poly1d):
            return poly1d(super().__call__(val))
        return _wrap(super().__call__(_to_np(val)))

    @property
    def coeffs(self):
        # numpy's own methods (printing, arithmetic) read NumPy's array; user code gets hcarray
        return self._coeffs if _called_from_numpy() else _wrap(self._coeffs)

    @coeffs.setter
    def coeffs(self, value):
        if value is not self._coeffs:
            raise AttributeError("Cannot set attribute")

    c = coef = coefficients = coeffs

    @property
    def roots(self):
        r = _np.roots(self._coeffs)
        return r if _called_from_numpy() else _wrap(r)

    r = roots

    def deriv(self, m=1):
        return poly1d(super().deriv(m))

    def integ(self, m=1, k=0):
        return poly1d(super().integ(m, _to_np(k)))


def _poly_op(name):
    op = getattr(_np.poly1d, name)

    def f(self, *args):
        r = op(self, *(_to_np(x) for x in args))
        if isinstance(r, tuple):
            return tuple(poly1d(x) if isinstance(x, _np.poly1d) else x for x in r)
        return poly1d(r) if isinstance(r, _np.poly1d) else r

    f.__name__ = f.__qualname__ = name
    return f


for _n in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__pow__",
           "__truediv__", "__div__", "__neg__", "__pos__"):
    if hasattr(_np.poly1d, _n):
        setattr(poly1d, _n, _poly_op(_n))
_export("poly1d")

# Calendar functions: NumPy's (datetime64 values are NumPy's; boolean/integer results hcarray).
for _n in ("is_busday", "busday_offset", "busday_count", "isnat", "datetime_as_string"):
    globals()[_n] = _delegate(_n)
    _export(_n)
busdaycalendar = _np.busdaycalendar
_export("busdaycalendar")


def _linalg_svd(native, svdvals):
    """linalg.svd with NumPy's compute_uv= and hermitian= (the standard's svd otherwise; like
    the rest of hcarray.linalg, its argument must be an hcarray)."""
    import functools

    @functools.wraps(native)
    def svd(x, /, full_matrices=True, compute_uv=True, hermitian=False):
        fn = "svd"
        if hermitian:
            if not _is_hc(x):
                native(x)  # the standard function's TypeError
            return _call_numpy(fn, _np.linalg.svd, (x,),
                               dict(full_matrices=full_matrices, compute_uv=compute_uv,
                                    hermitian=True))
        if not compute_uv:
            try:
                return svdvals(x)
            except (TypeError, ValueError) as e:
                msg = str(e)
                if not msg.startswith("svdvals:"):
                    raise
                raise type(e)("svd:" + msg[len("svdvals:"):]) from None
        return native(x, full_matrices=full_matrices)

    del svd.__wrapped__
    return svd


def _patch_linalg():
    from . import linalg
    if not getattr(linalg.svd, "__hc_numpy_svd__", False):
        linalg.svd = _linalg_svd(linalg.svd, linalg.svdvals)
        linalg.svd.__hc_numpy_svd__ = True


_patch_linalg()


# ---------------------------------------------------------------------------------------------
# Submodules' NumPy extras, I/O, ndarray methods

def _named(f, name):
    """f with TypeError/ValueError/IndexError messages prefixed by NumPy's name for it."""
    import functools

    from ._numpy_bridge import renamed

    np_f = getattr(_np, name, None)

    def handle(e, args, kwargs):
        """What run does with the exception e of f(*args, **kwargs): NumPy's result for an
        operand of a dtype hcarray has no arrays for (str, object, datetime...;
        specs/numpy-compat.md), else e re-raised, prefixed with the function's name."""
        if isinstance(e, _NumpyOnly):
            if np_f is None or kwargs.get("device") is not None:
                raise e
            kwargs.pop("device", None)
            return _call_numpy(name, np_f, args, kwargs)
        if isinstance(e, (TypeError, ValueError, IndexError)):
            new = renamed(name, e)
            if new is not e:
                raise new from e
        raise e

    @functools.wraps(f)
    def run(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except Exception as e:
            return handle(e, args, kwargs)

    # (f, handle): _device_kw merges its device= wrapper with this one (one Python call level
    # less: ~125 ns per call).
    run.__hc_named__ = (f, handle)
    return run


for _n in list(__all__):
    _f = globals().get(_n)
    if callable(_f) and getattr(_f, "__module__", None) == __name__ and \
            not isinstance(_f, type) and not hasattr(_f, "__wrapped_numpy__"):
        globals()[_n] = _named(_f, _n)
del _n, _f


from . import _linalg_numpy  # noqa: E402,F401  (attaches linalg/fft extras)
from . import _ndarray_methods  # noqa: E402,F401
from ._io import *  # noqa: E402,F401,F403
from ._io import __all__ as _io_all  # noqa: E402

__all__ += _io_all


# ---------------------------------------------------------------------------------------------
# Ufunc objects: every exported name that is a NumPy ufunc becomes an hcarray ufunc object
# (_ufunc.py) whose call is the function defined above, unchanged, and whose .reduce,
# .accumulate, .outer, .reduceat and .at run on hcarray arrays.

def _make_ufuncs():
    from . import _ufunc
    from ._device_kw import _takes_device, _wrap as _device_wrap
    from ._linear_algebra_functions import vecdot as _vecdot

    g = globals()
    g.setdefault("vecdot", _vecdot)
    if "vecdot" not in __all__:
        __all__.append("vecdot")
    for name in list(__all__):
        u = getattr(_np, name, None)
        if not isinstance(u, _np.ufunc):
            continue
        f = g[name]
        if isinstance(f, _ufunc.ufunc):
            continue
        if not _takes_device(f):
            f = _device_wrap(f, name)
        inner = f
        while getattr(inner, "_hc_fast", None) is None and hasattr(inner, "__wrapped__"):
            inner = inner.__wrapped__
        fast = getattr(inner, "_hc_fast", None)
        g[name] = _ufunc.make(name, f, u, fast)
    g["ufunc"] = _ufunc.ufunc
    __all__.append("ufunc")


_make_ufuncs()

from .char import strings  # noqa: E402  (numpy.strings; hcarray.char is NumPy's char)

_export("strings")
