"""hcarray's ufunc objects: ``hc.add``, ``hc.maximum``, ``hc.logical_and``... (every name hcarray
exports that is a NumPy ufunc) are objects with NumPy's ufunc interface:

- calling one runs hcarray's function of that name, unchanged (the object's class has that
  function as its ``__call__``, a static method: no extra Python frame on the call path);
- ``.reduce``, ``.accumulate``, ``.outer``, ``.reduceat`` and ``.at`` turn array_like operands
  into hcarray arrays (NumPy arrays zero-copy) and run NumPy's ufunc method on them. NumPy hands
  a call with hcarray operands to hcarray's ``__array_ufunc__`` (_numpy_protocols), which runs
  hcarray's kernels where it has them (add.reduce -> sum, maximum.reduce -> max, logical_and
  .reduce -> all, add/multiply.accumulate -> cumulative_sum/prod, outer by broadcasting the
  elementwise kernel) and otherwise NumPy's loop on zero-copy views; results are hcarray, and
  ``.at`` writes in place into the hcarray's memory;
- NumPy's attributes (``nin``, ``nout``, ``nargs``, ``ntypes``, ``types``, ``identity``,
  ``signature``, ``__name__``, ``__doc__``) are those of NumPy's ufunc.

``isinstance(hc.add, numpy.ufunc)`` is False (NumPy's ufunc type cannot be subclassed);
``hc.ufunc`` is an abstract base that both hcarray's ufunc objects and NumPy's ufuncs are
instances of, so ``isinstance(f, np.ufunc)`` is True for both in code run with
``import hcarray as np``. specs/numpy-compat.md documents this.
"""

import abc
import inspect

import numpy as _np

from . import _core
from ._numpy_bridge import as_hc as _as_hc
from ._numpy_bridge import renamed as _renamed

_NoValue = _np._NoValue
_ndarray = _core.ndarray
_np_ndarray = _np.ndarray

__all__ = ["ufunc"]


class ufunc(metaclass=abc.ABCMeta):
    """A NumPy-style universal function whose calls run hcarray's kernels (module docstring)."""

    __slots__ = ()
    __module__ = "hcarray"
    _u = None  # NumPy's ufunc (class attribute of each ufunc's own class)
    _name = None  # hcarray's name for it (hc.pow's is "pow"; NumPy's __name__ is "power")

    # -- NumPy's attributes ----------------------------------------------------------------
    @property
    def __name__(self):
        return self._u.__name__

    @property
    def nin(self):
        return self._u.nin

    @property
    def nout(self):
        return self._u.nout

    @property
    def nargs(self):
        return self._u.nargs

    @property
    def ntypes(self):
        return self._u.ntypes

    @property
    def types(self):
        return self._u.types

    @property
    def identity(self):
        return self._u.identity

    @property
    def signature(self):
        return self._u.signature

    @property
    def __signature__(self):
        """The signature of the call (hcarray's function: NumPy's keywords plus device=)."""
        sig = type(self).__dict__.get("_sig")
        if sig is None:
            sig = inspect.signature(type(self).__dict__["_py_call"].__func__)
            type(self)._sig = sig
        return sig

    def __repr__(self):
        return f"<ufunc '{self._u.__name__}'>"

    def __reduce__(self):
        return self._name  # pickled by name: hcarray.<name>

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    # -- NumPy's methods -------------------------------------------------------------------
    def _run(self, method, args, kwargs):
        try:
            return getattr(self._u, method)(*args, **kwargs)
        except (TypeError, ValueError, IndexError, ArithmeticError) as e:
            new = _named_error(f"{self._name}.{method}", e)
            if new is e:
                raise
            raise new from e

    def _operand(self, x, method):
        """x as an hcarray (NumPy arrays zero-copy); NumPy's dtypes hcarray lacks stay NumPy."""
        if type(x) is _ndarray:
            return x
        try:
            return _as_hc(x, f"{self._name}.{method}")
        except TypeError:
            if isinstance(x, _ndarray):
                return x
            if isinstance(x, _np_ndarray):
                return x
            try:
                return _np.asarray(x)
            except Exception:
                raise TypeError(f"{self._name}.{method}: cannot convert "
                                f"{type(x).__name__} to an array") from None

    def reduce(self, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NoValue,
               where=True):
        """Reduces array's dimension(s) by applying the ufunc along axis (NumPy's reduce)."""
        kw = {"axis": axis}
        if dtype is not None:
            kw["dtype"] = dtype
        if out is not None:
            kw["out"] = out
        if keepdims:
            kw["keepdims"] = keepdims
        if initial is not _NoValue:
            kw["initial"] = initial
        if where is not True:
            kw["where"] = self._operand(where, "reduce")
        return self._run("reduce", (self._operand(array, "reduce"),), kw)

    def accumulate(self, array, axis=0, dtype=None, out=None):
        """The running results of the ufunc along axis (NumPy's accumulate)."""
        kw = {"axis": axis}
        if dtype is not None:
            kw["dtype"] = dtype
        if out is not None:
            kw["out"] = out
        return self._run("accumulate", (self._operand(array, "accumulate"),), kw)

    def reduceat(self, array, indices, axis=0, dtype=None, out=None):
        """Reductions over the slices [indices[i], indices[i+1]) along axis (NumPy's)."""
        kw = {"axis": axis}
        if dtype is not None:
            kw["dtype"] = dtype
        if out is not None:
            kw["out"] = out
        return self._run("reduceat", (self._operand(array, "reduceat"), indices), kw)

    def outer(self, A, B, /, **kwargs):
        """The ufunc applied to every pair (a, b) of A's and B's elements (NumPy's outer)."""
        return self._run("outer", (self._operand(A, "outer"), self._operand(B, "outer")),
                         kwargs)

    def at(self, a, indices, b=None, /):
        """In place: a[indices] = ufunc(a[indices], b), unbuffered (repeated indices
        accumulate), writing into a's memory (NumPy's at)."""
        if not isinstance(a, (_ndarray, _np_ndarray)):
            raise TypeError(f"{self._name}.at: first operand must be an array, "
                            f"not {type(a).__name__}")
        if isinstance(a, _ndarray) and not a._writeable:
            raise ValueError(f"{self._name}.at: assignment destination is read-only")
        args = (a, indices) if b is None else (a, indices, b)
        return self._run("at", args, {})


def _named_error(name, e):
    """e with its message prefixed by name, keeping e's type (_numpy_bridge.renamed)."""
    return _renamed(name, e)


_CLASSES = {}


def make(name, f, np_ufunc, fast=None):
    """The ufunc object `name` whose call is f (kept as it is) and whose methods and
    attributes are NumPy ufunc np_ufunc's. fast = (op, arity, scalars): the call is then
    _core.fastcall's C++ object, which runs op itself for hcarray operands (and Python scalars
    when `scalars`) with no keywords, and calls f for everything else."""
    call = f if fast is None else _core.fastcall(*fast, f)
    cls = type("ufunc", (ufunc,), {
        "__slots__": (), "__call__": staticmethod(call), "__doc__": getattr(f, "__doc__", None),
        "__qualname__": "ufunc", "__module__": "hcarray", "_u": np_ufunc, "_name": name,
        "_py_call": staticmethod(f),
    })
    _CLASSES[name] = cls
    return cls()


ufunc.register(_np.ufunc)
