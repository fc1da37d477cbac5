"""The bridge the NumPy drop-in layer uses to run NumPy on hcarray memory.

``to_np`` turns hcarray arrays (also inside lists and tuples) into zero-copy NumPy views;
``wrap`` turns NumPy results back into hcarray: a result that is a view of an input's memory
becomes an hcarray view of that input's storage (so writes through it reach the input, as in
NumPy); any other array is copied into memory from hcarray's allocator; a NumPy scalar of a
supported dtype becomes a 0-d hcarray (the project's decision: 0-d arrays, never NumPy scalars);
results NumPy gives in dtypes hcarray lacks (object, str, datetime) are returned as NumPy objects.
``delegate(name)`` builds a NumPy-signature function from these, naming itself in errors.
"""

import functools as _functools

import numpy as _np

from . import _core, _dtypes
from ._array_object import _copy_from_numpy, _from_numpy, _to_numpy

ndarray = _core.ndarray


def to_np(obj):
    """obj with every hcarray (also inside lists/tuples/dicts) replaced by a NumPy view."""
    if isinstance(obj, ndarray):
        return _to_numpy(obj)
    if type(obj) is list:
        return [to_np(o) for o in obj]
    if type(obj) is tuple:
        return tuple(to_np(o) for o in obj)
    if type(obj) is dict:
        return {k: to_np(v) for k, v in obj.items()}
    return obj


def _collect(obj, acc):
    if isinstance(obj, ndarray):
        acc.append(obj)
    elif isinstance(obj, (list, tuple)):
        for o in obj:
            _collect(o, acc)
    elif isinstance(obj, dict):
        for o in obj.values():
            _collect(o, acc)
    return acc


def _supported(d):
    return d in _dtypes._CODE or (d.byteorder == ">" and d.newbyteorder("=") in _dtypes._CODE)


def _view_of(res, sources):
    """An hcarray view of res when res lies in the memory of one of sources (hcarray arrays)."""
    if res.dtype not in _dtypes._CODE:
        return None
    for h in sources:
        a = _to_numpy(h)
        if not _np.may_share_memory(res, a):
            continue
        code = _dtypes._CODE[res.dtype]
        base = h if code == h._dtype_code else (
            h._reinterpret(code) if res.dtype.itemsize == h.itemsize else None)
        if base is None:
            # Another itemsize (x.real of complex, x.view(dtype)): an hcarray over NumPy's view,
            # which holds the same memory alive (the buffer protocol keeps h's storage).
            return _from_numpy(res)
        off = h._offset + (res.__array_interface__["data"][0] - a.__array_interface__["data"][0])
        v = _core.as_strided(base, res.shape, res.strides, off)
        if not res.flags.writeable:
            v._writeable = False
        return v
    return None


def wrap(res, sources=()):
    """A NumPy result as hcarray (see the module's notes). sources: the hcarray inputs."""
    if isinstance(res, _np.ndarray):
        if not _supported(res.dtype):
            return res
        if sources and res.base is not None:  # an array owning its memory shares none of theirs
            v = _view_of(res, sources)
            if v is not None:
                return v
        if res.dtype not in _dtypes._CODE:
            res = res.astype(res.dtype.newbyteorder("="))
        return _from_numpy(res)  # NumPy's new memory is adopted, not copied (as the protocols do)
    if isinstance(res, _np.generic):
        v = _core.adopt_scalar(res)  # a new 0-d hcarray (C API); None for dtypes hcarray lacks
        if v is not None:
            return v
        if not _supported(res.dtype):
            return res
        return _copy_from_numpy(_np.asarray(res))
    if type(res) is tuple:
        return tuple(wrap(r, sources) for r in res)
    if type(res) is list:
        return [wrap(r, sources) for r in res]
    if hasattr(res, "_fields") and isinstance(res, tuple):  # named tuples (linalg results)
        return type(res)(*(wrap(r, sources) for r in res))
    return res


_NAMED_TYPES = {}


def _prefixed_subclass(t):
    """A subclass of exception type t whose str is prefixed by the instance's _hc_name."""
    sub = _NAMED_TYPES.get(t)
    if sub is None:
        def __str__(self):
            return f"{self._hc_name}: {t.__str__(self)}"
        sub = type(t.__name__, (t,), {"__str__": __str__, "__module__": t.__module__})
        _NAMED_TYPES[t] = sub
    return sub


def renamed(name, e):
    """The exception e with its message prefixed by the function's name, keeping e's type: a
    new exception of e's type when its constructor takes a message, else e's own data under a
    subclass of its type whose str is prefixed (NumPy's UFuncTypeError family builds its message
    from the ufunc and dtypes)."""
    msg = str(e)
    if msg.startswith(name + ":"):
        return e
    try:
        new = type(e)(f"{name}: {msg}")
        if str(new) == f"{name}: {msg}":
            return new
    except Exception:  # exception types whose constructors take other arguments
        pass
    try:
        import copy
        new = copy.copy(e)
        new.__class__ = _prefixed_subclass(type(e))
        new._hc_name = name
    except Exception:
        return e
    return new


def _convert(obj, acc):
    """to_np(obj), appending the hcarrays met to acc as _collect does (one pass over obj)."""
    if isinstance(obj, ndarray):
        acc.append(obj)
        return _to_numpy(obj)
    t = type(obj)
    if t is list:
        return [_convert(o, acc) for o in obj]
    if t is tuple:
        return tuple(_convert(o, acc) for o in obj)
    if t is dict:
        return {k: _convert(v, acc) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, dict)):  # subclasses: collected, not converted (to_np)
        _collect(obj, acc)
    return obj


def call_numpy(name, fn, args, kwargs):
    """fn(*args, **kwargs) on NumPy views of the hcarray arguments, the result wrapped; an `out`
    argument that is an hcarray is written in place (through its NumPy view) and returned."""
    sources = []
    np_args = _convert(args, sources)
    np_kwargs = _convert(kwargs, sources) if kwargs else kwargs
    out = kwargs.get("out")
    try:
        res = fn(*np_args, **np_kwargs)
    except (TypeError, ValueError, IndexError, ArithmeticError, _np.linalg.LinAlgError) as e:
        new = renamed(name, e)
        if new is e:
            raise
        raise new from e
    if isinstance(out, ndarray):
        return out
    return wrap(res, sources)


def delegate(name, fn=None, module=_np):
    """A function running NumPy's `name` (or fn) on NumPy views of its hcarray arguments."""
    f = fn if fn is not None else getattr(module, name)

    @_functools.wraps(f)
    def run(*args, **kwargs):
        return call_numpy(name, f, args, kwargs)

    run.__module__ = "hcarray"
    run.__wrapped_numpy__ = f
    try:
        del run.__wrapped__  # keep inspect.signature on NumPy's text signature via __signature__
    except AttributeError:
        pass
    try:
        import inspect
        run.__signature__ = inspect.signature(f)
    except (TypeError, ValueError):
        pass
    return run


class NumpyOnly(TypeError):
    """as_hc: the operand is (or makes) a NumPy array of a dtype hcarray has no arrays for (str,
    bytes, object, datetime, structured...). The NumPy-compatible entry points catch it and run
    NumPy's function, returning NumPy's result (specs/numpy-compat.md, "Text and other NumPy-only
    dtypes"); ``array`` holds the NumPy array."""

    def __init__(self, msg, array):
        super().__init__(msg)
        self.array = array


def numpy_only_dtype(dtype):
    """True when dtype is a valid NumPy dtype hcarray has no arrays for (str, object, ...)."""
    if dtype is None or isinstance(dtype, ndarray):
        return False
    try:
        d = _np.dtype(dtype)
    except (TypeError, ValueError):
        return False
    return not _supported(d)


def as_hc(obj, fn, dtype=None):
    """obj as an hcarray (array_like accepted, as NumPy's functions do). NumpyOnly (a TypeError)
    when obj is or makes a NumPy array of a dtype hcarray lacks."""
    if isinstance(obj, ndarray) and dtype is None:
        return obj
    if isinstance(obj, _np.ndarray):
        h = _from_numpy(obj) if _supported(obj.dtype) else None
        if h is None:
            raise NumpyOnly(f"{fn}: data type {obj.dtype} is not supported by hcarray", obj)
        return h if dtype is None else _core.astype(h, _np.dtype(dtype))
    if isinstance(obj, ndarray):
        return _core.astype(obj, _np.dtype(dtype))
    if dtype is None and (type(obj) is list or type(obj) is tuple) and obj and \
            type(obj[0]) is ndarray:
        # a list of hcarrays of one dtype and shape (rows, or the 0-d items of an iteration):
        # stacked by memcpy in C++ (NumPy converts each item through its buffer: 0.6 us each)
        v = _core._concat(obj, 0, True)
        if v is not None:
            return v
    try:
        a = _np.asarray(obj, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise renamed(fn, e) from e
    if not _supported(a.dtype):
        raise NumpyOnly(f"{fn}: cannot convert {type(obj).__name__} to an array of numbers "
                        f"(NumPy makes dtype {a.dtype}, which hcarray does not support)", a)
    return _copy_from_numpy(a)
