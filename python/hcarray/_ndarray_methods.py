"""NumPy's ndarray methods and attributes on hcarray.ndarray (attached at import).

Each method is the namespace function of the same name applied to the array (so natives stay
native); in-place methods (sort, fill, put, partition) write into the array's own memory.
"""

import builtins as _b

import numpy as _np

from . import _core, _dtypes
from . import _numpy_namespace as _ns
from ._array_object import _from_numpy, _to_numpy
from ._numpy_bridge import call_numpy as _call_numpy
from ._numpy_bridge import numpy_only_dtype as _numpy_only_dtype
from ._numpy_bridge import wrap as _wrap

ndarray = _core.ndarray
_NoValue = _np._NoValue
_core_reshape = ndarray.reshape
_core_item = ndarray.item


def _m_sum(self, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue,
           where=_NoValue):
    return _ns.sum(self, axis, dtype, out, keepdims, initial, where)


def _m_prod(self, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue,
            where=_NoValue):
    return _ns.prod(self, axis, dtype, out, keepdims, initial, where)


def _m_max(self, axis=None, out=None, keepdims=False, initial=_NoValue, where=_NoValue):
    return _ns.max(self, axis, out, keepdims, initial, where)


def _m_min(self, axis=None, out=None, keepdims=False, initial=_NoValue, where=_NoValue):
    return _ns.min(self, axis, out, keepdims, initial, where)


def _m_mean(self, axis=None, dtype=None, out=None, keepdims=False, *, where=_NoValue):
    return _ns.mean(self, axis, dtype, out, keepdims, where=where)


def _m_var(self, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NoValue,
           mean=_NoValue, correction=_NoValue):
    return _ns.var(self, axis, dtype, out, ddof, keepdims, where=where, mean=mean,
                   correction=correction)


def _m_std(self, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=_NoValue,
           mean=_NoValue, correction=_NoValue):
    return _ns.std(self, axis, dtype, out, ddof, keepdims, where=where, mean=mean,
                   correction=correction)


def _m_any(self, axis=None, out=None, keepdims=False, *, where=_NoValue):
    return _ns.any(self, axis, out, keepdims, where=where)


def _m_all(self, axis=None, out=None, keepdims=False, *, where=_NoValue):
    return _ns.all(self, axis, out, keepdims, where=where)


def _m_argmax(self, axis=None, out=None, *, keepdims=False):
    return _ns.argmax(self, axis, out, keepdims=keepdims)


def _m_argmin(self, axis=None, out=None, *, keepdims=False):
    return _ns.argmin(self, axis, out, keepdims=keepdims)


def _m_cumsum(self, axis=None, dtype=None, out=None):
    return _ns.cumsum(self, axis, dtype, out)


def _m_cumprod(self, axis=None, dtype=None, out=None):
    return _ns.cumprod(self, axis, dtype, out)


def _m_reshape(self, *shape, order="C", copy=None, **kwargs):
    """NumPy's forms: reshape(2, 3), reshape((2, 3)), order= and copy=."""
    if not shape and "shape" in kwargs:
        shape = (kwargs.pop("shape"),)
    if kwargs:
        raise TypeError(f"reshape: unexpected keyword argument {next(iter(kwargs))!r}")
    if len(shape) == 1:
        shape = shape[0]
    elif not shape:
        raise TypeError("reshape: missing the shape argument")
    copy = _ns._copy_flag(copy, "reshape")  # NumPy's reading: strings are a ValueError
    if order == "C":
        if copy is None:
            return _core_reshape(self, shape)
        return _core_reshape(self, shape, copy=copy)
    return _ns.reshape(self, shape, order, copy=copy)


def _m_ravel(self, order="C"):
    if order == "C" and self._c_contiguous:
        return _core_reshape(self, (-1,))  # a view
    return _ns.ravel(self, order)


def _m_flatten(self, order="C"):
    """A flattened copy (always a copy)."""
    if order == "C" or (order in "AK" and self._c_contiguous):
        return self.copy().reshape((-1,)) if not self._c_contiguous else \
            _core_reshape(self, (-1,)).copy()
    return _ns.ravel(self, order).copy()


def _m_fill(self, value):
    """Sets every element to value (in place). The value is converted as NumPy's fill converts
    it (one item assignment): a Python complex into a real array is a TypeError, a float NaN/inf
    or an out-of-range number into an integer array a ValueError/OverflowError."""
    if type(value) in (float, int, bool, complex):
        # A Python number: the core's setitem converts it as NumPy's item assignment does
        # (the same errors as fill), without a NumPy temporary.
        try:
            _core.ndarray.__setitem__(self, Ellipsis, value)
        except (TypeError, ValueError, OverflowError) as e:
            raise type(e)(f"fill: {e}") from None
        return None
    if isinstance(value, ndarray):
        if value.ndim != 0:
            raise ValueError("fill: value must be a scalar or a 0-d array")
        value = _to_numpy(value)[()]
    elif isinstance(value, _np.ndarray):
        if value.ndim != 0:
            raise ValueError("fill: value must be a scalar or a 0-d array")
        value = value[()]
    item = _np.empty((), dtype=self.dtype)
    try:
        item[()] = value
    except (TypeError, ValueError, OverflowError) as e:
        raise type(e)(f"fill: {e}") from None
    _to_numpy(self)[...] = item
    return None
    _core.copyto(self, _core.astype(value, self.dtype) if isinstance(value, ndarray) else value)
    return None


def _m_clip(self, min=None, max=None, out=None, **kwargs):  # noqa: A002
    return _ns.clip(self, min, max, out, **kwargs)


def _m_round(self, decimals=0, out=None):
    return _ns.round(self, decimals, out)


def _m_nonzero(self):
    return _ns.nonzero(self)


def _m_sort(self, axis=-1, kind=None, order=None, *, stable=None):
    """Sorts in place (stable)."""
    if self.ndim == 0:
        raise _np.exceptions.AxisError(axis, 0, "sort")
    if not self._writeable:
        raise ValueError("sort: array is read-only")
    _core.copyto(self, _ns.sort(self, axis, kind, order))


def _m_argsort(self, axis=-1, kind=None, order=None, *, stable=None):
    return _ns.argsort(self, axis, kind, order)


def _m_dot(self, b, out=None):
    return _ns.dot(self, b, out)


def _m_view(self, dtype=None, type=None):  # noqa: A002
    """A view of the same memory: as another dtype (same itemsize natively; other itemsizes
    through NumPy's rules for the last axis), or as hcarray.ndarray / numpy.ndarray (same)."""
    if type is None and isinstance(dtype, _b.type) and issubclass(dtype, (ndarray, _np.ndarray)):
        dtype, type = None, dtype
    if type is not None and type not in (ndarray, _np.ndarray):
        raise TypeError(f"view: type must be hcarray.ndarray, not {type!r}")
    v = _core.as_strided(self, self.shape, self.strides, self._offset)
    if not self._writeable:
        v._writeable = False
    if dtype is None:
        return v
    d = _np.dtype(dtype)
    code = _dtypes._CODE.get(d)
    if code is None:
        raise TypeError(f"view: data type {d} is not supported by hcarray")
    if d.itemsize == self.itemsize:
        return self._reinterpret(code)
    try:
        r = _to_numpy(self).view(d)
    except ValueError as e:
        raise ValueError(f"view: {e}") from e
    return _from_numpy(r)


def _m_tobytes(self, order="C"):
    return _to_numpy(self).tobytes(order)


def _m_tofile(self, fid, sep="", format="%s"):  # noqa: A002
    return _to_numpy(self).tofile(fid, sep, format)


def _m_squeeze(self, axis=None):
    return _ns.squeeze(self, axis)


def _m_transpose(self, *axes):
    if not axes:
        return self.T
    if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
        axes = axes[0]
    return _ns.transpose(self, axes if axes else None)


def _m_swapaxes(self, axis1, axis2):
    return _ns.swapaxes(self, axis1, axis2)


def _m_repeat(self, repeats, axis=None):
    return _ns.repeat(self, repeats, axis)


def _m_take(self, indices, axis=None, out=None, mode="raise"):
    return _ns.take(self, indices, axis, out, mode)


def _m_diagonal(self, offset=0, axis1=0, axis2=1):
    return _call_numpy("diagonal", _np.diagonal, (self, offset, axis1, axis2), {})


def _m_trace(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return _call_numpy("trace", _np.trace, (self, offset, axis1, axis2, dtype, out), {})


def _m_conj(self):
    return _ns.conj(self)


def _real(self):
    if self.dtype.kind == "c":
        return _wrap(_to_numpy(self).real, [self])
    return self


def _set_real(self, value):
    _to_numpy(self).real = _np.asarray(value)


def _imag(self):
    if self.dtype.kind == "c":
        return _wrap(_to_numpy(self).imag, [self])
    v = _core.full(self.shape, 0, self.dtype)
    v._writeable = False
    return v


def _set_imag(self, value):
    if self.dtype.kind != "c":
        raise TypeError("imag: array does not have imaginary part to set")
    _to_numpy(self).imag = _np.asarray(value)


class flagsobj:
    """NumPy's flags: C_CONTIGUOUS, F_CONTIGUOUS, WRITEABLE, ALIGNED, OWNDATA (item and
    attribute access; writeable can be set). OWNDATA is approximate: True for an array whose
    view starts at its storage's beginning and is C-contiguous (hcarray does not record whether
    an array object allocated its storage)."""

    _NAMES = {"C": "C_CONTIGUOUS", "CONTIGUOUS": "C_CONTIGUOUS", "F": "F_CONTIGUOUS",
              "FORTRAN": "F_CONTIGUOUS", "W": "WRITEABLE", "A": "ALIGNED", "O": "OWNDATA"}

    def __init__(self, arr):
        object.__setattr__(self, "_a", arr)

    def _get(self, key):
        a = self._a
        k = self._NAMES.get(key.upper(), key.upper())
        if k == "C_CONTIGUOUS":
            return bool(a._c_contiguous) or a.size == 0
        if k == "F_CONTIGUOUS":
            return bool(a._f_contiguous) or a.size == 0
        if k == "WRITEABLE":
            return bool(a._writeable)
        if k == "ALIGNED":
            return a._data_ptr % _b.max(a.itemsize, 1) == 0 or a.itemsize > 16
        if k == "OWNDATA":
            return a._offset == 0 and bool(a._c_contiguous)
        if k in ("WRITEBACKIFCOPY", "FNC", "FORC", "BEHAVED", "CARRAY", "FARRAY"):
            c, f = bool(a._c_contiguous), bool(a._f_contiguous)
            return {"WRITEBACKIFCOPY": False, "FNC": f and not c, "FORC": f or c,
                    "BEHAVED": bool(a._writeable), "CARRAY": c and bool(a._writeable),
                    "FARRAY": f and not c and bool(a._writeable)}[k]
        raise KeyError(f"flags: unknown flag {key!r}")

    def _set(self, key, value):
        k = self._NAMES.get(key.upper(), key.upper())
        if k != "WRITEABLE":
            raise ValueError(f"flags: cannot set flag {key!r}")
        self._a._writeable = bool(value)

    def __getitem__(self, key):
        return self._get(key)

    def __setitem__(self, key, value):
        self._set(key, value)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._get(name)
        except KeyError:
            raise AttributeError(f"flags has no attribute {name!r}") from None

    def __setattr__(self, name, value):
        self._set(name, value)

    def __repr__(self):
        keys = ["C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE", "ALIGNED",
                "WRITEBACKIFCOPY"]
        return "\n".join(f"  {k} : {self._get(k)}" for k in keys) + "\n"


def _setflags(self, write=None, align=None, uic=None):
    if write is not None:
        self._writeable = bool(write)


class flatiter:
    """x.flat: iterates the elements in C order; indexing reads and writes x's memory."""

    def __init__(self, arr):
        self.base = arr
        self._i = 0

    def __iter__(self):
        r = self.base.reshape((-1,)) if self.base._c_contiguous else self.base.copy().reshape(
            (-1,))
        for i in range(r.shape[0]):
            yield r[i]

    def __len__(self):
        return self.base.size

    def __getitem__(self, key):
        return _call_numpy("flat", lambda k: _to_numpy(self.base).flat[k], (key,), {})

    def __setitem__(self, key, value):
        from ._numpy_bridge import to_np
        _to_numpy(self.base).flat[to_np(key)] = to_np(value)

    def __array__(self, dtype=None, copy=None):
        a = _to_numpy(self.base).ravel()
        return a if dtype is None else a.astype(dtype)

    def copy(self):
        return _ns.ravel(self.base).copy()

    @property
    def index(self):
        return self._i


def _flat(self):
    return flatiter(self)


def _set_flat(self, value):
    from ._numpy_bridge import to_np
    _to_numpy(self).flat = to_np(value)


def __format__(self, spec):
    """0-d arrays format as NumPy's scalar does (f"{x:.2f}"); others like str() (empty spec)."""
    if self.ndim == 0:
        return format(_to_numpy(self)[()], spec)
    if spec:
        raise TypeError("unsupported format string passed to hcarray.ndarray.__format__")
    return str(self)


def __round__(self, ndigits=None):
    if ndigits is None:
        if self.ndim == 0:
            return round(_to_numpy(self)[()])
        return _ns.round(self)
    return _ns.round(self, ndigits)


def __contains__(self, value):
    return bool(_ns.any(_ns.equal(self, value)))


def __divmod__(self, other):
    return _call_numpy("divmod", _np.divmod, (self, other), {})


def __rdivmod__(self, other):
    return _call_numpy("divmod", _np.divmod, (other, self), {})


def __bytes__(self):
    """bytes(x): the elements' bytes in C order (NumPy's buffer); a 0-d integer array gives
    that many zero bytes, as bytes(n) does (NumPy's __index__)."""
    if self.ndim == 0 and self.dtype.kind in "iu":
        return bytes(int(self))
    return _to_numpy(self).tobytes()


def _fast_codes():
    codes = {}
    for code, d in enumerate(_dtypes._DTYPES):
        codes[d] = code
        codes[d.type] = code
    # Python's types name NumPy's defaults.
    codes.update({bool: 0, int: _dtypes._CODE[_np.dtype(int)], float: 12, complex: 14})
    return codes


_FAST_CODES = _fast_codes()


def _m_astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True, *, device=None):
    """NumPy's astype (order/casting/subok accepted; casting other than 'unsafe' checked). A
    dtype hcarray has no arrays for (str, bytes, object, datetime...) gives NumPy's array."""
    # Fast path: a dtype object or scalar type hcarray knows, NumPy's defaults otherwise.
    code = _FAST_CODES.get(dtype) if isinstance(dtype, (type, _np.dtype)) else None
    if code is not None and order == "K" and casting == "unsafe" and device is None:
        if copy or code != self._dtype_code:
            return _core.astype(self, _dtypes._DTYPES[code])
        return self
    if _numpy_only_dtype(dtype):
        return _to_numpy(self).astype(dtype, order=order, casting=casting, copy=True)
    if casting != "unsafe" and not _np.can_cast(self.dtype, dtype, casting):
        raise TypeError(f"astype: cannot cast from {self.dtype} to {_np.dtype(dtype)} "
                        f"according to the rule {casting!r}")
    r = _orig_astype(self, dtype, copy=bool(copy), device=device)
    if order == "F" and r.ndim > 1 and not r._f_contiguous:
        r = _ns.asfortranarray(r)
    return r


_orig_astype = ndarray.astype


def _m_copy(self, order="C"):
    if order == "F" and self.ndim > 1:
        return _ns.asfortranarray(self.copy())
    return _orig_copy(self)


_orig_copy = ndarray.copy


def _m_item(self, *args):
    if not args:
        return _core_item(self)
    return _to_numpy(self).item(*args)


def _m_searchsorted(self, v, side="left", sorter=None):
    return _call_numpy("searchsorted", _np.searchsorted, (self, v, side, sorter), {})


def _m_put(self, indices, values, mode="raise"):
    from ._numpy_bridge import to_np
    _np.put(_to_numpy(self), to_np(indices), to_np(values), mode)


def _m_partition(self, kth, axis=-1, kind="introselect", order=None):
    _to_numpy(self).partition(kth, axis, kind, order)


def _m_argpartition(self, kth, axis=-1, kind="introselect", order=None):
    return _call_numpy("argpartition", _np.argpartition, (self, kth, axis, kind, order), {})


def _m_compress(self, condition, axis=None, out=None):
    return _call_numpy("compress", _np.compress, (condition, self, axis, out), {})


def _m_choose(self, choices, out=None, mode="raise"):
    return _call_numpy("choose", _np.choose, (self, choices, out, mode), {})


def _m_byteswap(self, inplace=False):
    if inplace:
        _to_numpy(self).byteswap(True)
        return self
    return _wrap(_to_numpy(self).byteswap(False))


def _m_dump(self, file):
    _to_numpy(self).dump(file)


def _m_dumps(self):
    return _to_numpy(self).dumps()


def _m_getfield(self, dtype, offset=0):
    return _wrap(_to_numpy(self).getfield(dtype, offset), [self])


_METHODS = {
    "sum": _m_sum, "prod": _m_prod, "max": _m_max, "min": _m_min, "mean": _m_mean,
    "var": _m_var, "std": _m_std, "any": _m_any, "all": _m_all, "argmax": _m_argmax,
    "argmin": _m_argmin, "cumsum": _m_cumsum, "cumprod": _m_cumprod, "reshape": _m_reshape,
    "ravel": _m_ravel, "flatten": _m_flatten, "fill": _m_fill, "clip": _m_clip,
    "round": _m_round, "nonzero": _m_nonzero, "sort": _m_sort, "argsort": _m_argsort,
    "dot": _m_dot, "view": _m_view, "tobytes": _m_tobytes, "tofile": _m_tofile,
    "squeeze": _m_squeeze, "transpose": _m_transpose, "swapaxes": _m_swapaxes,
    "repeat": _m_repeat, "take": _m_take, "diagonal": _m_diagonal, "trace": _m_trace,
    "conj": _m_conj, "conjugate": _m_conj, "setflags": _setflags, "astype": _m_astype,
    "copy": _m_copy, "item": _m_item, "searchsorted": _m_searchsorted, "put": _m_put,
    "partition": _m_partition, "argpartition": _m_argpartition, "compress": _m_compress,
    "choose": _m_choose, "byteswap": _m_byteswap, "dump": _m_dump, "dumps": _m_dumps,
    "getfield": _m_getfield,
    "real": property(_real, _set_real, doc="The real part (a view for complex arrays)."),
    "imag": property(_imag, _set_imag, doc="The imaginary part (a view for complex arrays)."),
    "flags": property(lambda self: flagsobj(self), doc="NumPy's memory-layout flags."),
    "flat": property(_flat, _set_flat, doc="A flat iterator/indexer over the elements."),
    "__format__": __format__, "__round__": __round__, "__contains__": __contains__,
    "__divmod__": __divmod__, "__rdivmod__": __rdivmod__, "__bytes__": __bytes__,
}
for _name, _value in _METHODS.items():
    if callable(_value) and not isinstance(_value, property):
        _value.__name__ = _value.__qualname__ = _name
    setattr(ndarray, _name, _value)
del _name, _value

# x.sum(), x.prod(), x.max(), x.min() with no arguments run in C++ at once
# (cpp/python/fastcall.cpp); every other call goes to the method defined above.
for _name in ("sum", "prod", "max", "min"):
    setattr(ndarray, _name, _core.fastcall_reduce(_name, _METHODS[_name]))
# x.reshape(ints or a tuple of ints), x.copy(), x.tolist(), x.astype(dtype) with no keywords:
# in C++ as well (fastcall.cpp, try_method).
for _name in ("reshape", "copy", "astype", "ravel"):
    setattr(ndarray, _name, _core.fastcall_method(_name, _METHODS[_name]))
ndarray.tolist = _core.fastcall_method("tolist", ndarray.tolist)
del _name
