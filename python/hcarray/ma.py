"""``hcarray.ma``: NumPy's masked arrays (``numpy.ma``) for code run with ``import hcarray as np``.

hcarray has no masked array type of its own; this module delegates to ``numpy.ma``
(specs/numpy-compat.md, "Masked arrays"):

- every function of ``numpy.ma`` is available under its name; hcarray arguments enter as
  zero-copy NumPy views, so ``np.ma.masked_less(x, 0)`` reads the hcarray ``x`` without copying
  (the masked array copies the data where numpy.ma does);
- masked results are ``hcarray.ma.MaskedArray``, a subclass of ``numpy.ma.MaskedArray`` (so
  they print, compute and mask exactly as NumPy's);
- results that NumPy gives as plain arrays (``np.ma.filled(m)``, ``m.filled(v)``,
  ``m.compressed()``, ``m.count(axis)``, ``np.ma.getdata(m)``) are hcarray arrays, zero-copy
  where the dtype allows, so unmasked data flows back into hcarray code. Calls from numpy.ma's
  own code (its reductions and printing call ``filled`` internally) still see NumPy arrays.
- scalars (``m.sum()`` of floats: ``np.float64``), ``masked``, ``nomask`` and the mask arrays
  (``m.mask``) are NumPy's.
"""

import functools as _functools
import sys as _sys

import numpy as _np
import numpy.ma as _nma

from ._array_object import _from_numpy
from ._numpy_bridge import _supported
from ._numpy_bridge import renamed as _renamed
from ._numpy_bridge import to_np as _to_np

_NoValue = _np._NoValue
_np_ndarray = _np.ndarray
_NP_MA = _nma.MaskedArray


def _hc(r):
    """A plain NumPy array result as hcarray (zero-copy; NumPy-only dtypes stay NumPy)."""
    if type(r) is _np_ndarray and _supported(r.dtype):
        return _from_numpy(r)
    return r


def _out(r):
    """numpy.ma's result as hcarray.ma's: masked arrays as MaskedArray, plain arrays as hcarray,
    tuples/lists item by item, anything else as it is."""
    t = type(r)
    if t is _NP_MA:
        return r.view(MaskedArray)
    if t is _np_ndarray:
        return _hc(r)
    if t is tuple or t is list:
        return t(_out(i) for i in r)
    return r


def _from_user():
    """True when the method calling this was called from outside NumPy (user code)."""
    name = _sys._getframe(2).f_globals.get("__name__", "")
    return not (name == "numpy" or name.startswith("numpy."))


class MaskedArray(_NP_MA):
    """numpy.ma.MaskedArray whose plain-array results (filled, compressed, count) are hcarray
    arrays when user code asks for them (module docstring)."""

    def filled(self, fill_value=None):
        r = super().filled(fill_value)
        return _hc(r) if _from_user() else r

    def compressed(self):
        r = super().compressed()
        return _hc(r) if _from_user() else r

    def count(self, axis=None, keepdims=_NoValue):
        r = super().count(axis, keepdims)
        return _hc(r) if _from_user() else r


masked_array = MaskedArray


def _wrap_function(name, f):
    @_functools.wraps(f)
    def run(*args, **kwargs):
        try:
            return _out(f(*_to_np(args), **_to_np(kwargs)))
        except (TypeError, ValueError, IndexError, _nma.MaskError) as e:
            new = _renamed(f"ma.{name}", e)
            if new is e:
                raise
            raise new from e

    run.__module__ = "hcarray.ma"
    for method in ("reduce", "outer", "accumulate"):
        m = getattr(f, method, None)
        if callable(m):
            setattr(run, method, _wrap_function(f"{name}.{method}", m))
    return run


_PASS = {"core", "extras", "MAError", "MaskError", "MaskType", "MaskedArray", "masked_array",
         "bool_", "masked", "masked_singleton", "nomask", "masked_print_option", "mvoid",
         "mr_", "ndenumerate"}

__all__ = []
for _name in _nma.__all__:
    _obj = getattr(_nma, _name, None)
    if _obj is None:
        continue
    if _name not in ("MaskedArray", "masked_array"):
        if _name in _PASS or isinstance(_obj, type) or not callable(_obj):
            globals()[_name] = _obj
        else:
            globals()[_name] = _wrap_function(_name, _obj)
    __all__.append(_name)
del _name, _obj
