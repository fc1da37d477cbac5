"""Array API linear algebra functions: matmul, tensordot, vecdot (matrix_transpose lives in
_manipulation_functions), and the ``@`` operators of hcarray.ndarray.

All products run in the native kernel cpp/cpu/matmul.cpp (_core.matmul): a cache-blocked GEMM
for float32/float64/complex, wrap-around integer loops, float16/bfloat16 accumulated in
float32. Shapes and dtypes follow NumPy 2 and the standard (specs/linalg.md).
"""

import builtins as _builtins

import numpy as _np

from . import _core
from ._core import ndarray as _ndarray
from ._validation import as_int as _int
from ._validation import check_array as _check_array

__all__ = ["matmul", "tensordot", "vecdot"]

_AxisError = _np.exceptions.AxisError


def _norm_axis(a, ndim, fn):
    a = _int(a, fn, "axis")
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim, fn)
    return a % ndim


def _view(x, shape, strides):
    return _core.as_strided(x, tuple(shape), tuple(strides), x._offset)


def _permute(x, order):
    return _view(x, [x.shape[i] for i in order], [x.strides[i] for i in order])


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def matmul(x1, x2, /):
    """Matrix product of x1 and x2 (the semantics of ``@``): 1-D operands are promoted to
    matrices and the added dimension removed from the result, batch dimensions broadcast, the
    result dtype follows type promotion. 0-d operands and mismatched inner dimensions raise
    ValueError."""
    _check_array(x1, "matmul")
    _check_array(x2, "matmul")
    return _core.matmul(x1, x2)


def tensordot(x1, x2, /, *, axes=2):
    """Contraction of x1 and x2 over axes: an int N (the last N axes of x1 with the first N of
    x2) or a pair of sequences of axes of equal length. The result has x1's free axes followed
    by x2's; contracted sizes must be equal (no broadcasting)."""
    fn = "tensordot"
    _check_array(x1, fn)
    _check_array(x2, fn)
    if isinstance(axes, (tuple, list)):
        if len(axes) != 2:
            raise ValueError(f"{fn}: axes must be an int or a pair of sequences of axes")
        a1, a2 = axes
        if isinstance(a1, (tuple, list)) and isinstance(a2, (tuple, list)):
            a1 = [_norm_axis(a, x1.ndim, fn) for a in a1]
            a2 = [_norm_axis(a, x2.ndim, fn) for a in a2]
        else:
            # NumPy also accepts a pair of ints.
            a1 = [_norm_axis(a1, x1.ndim, fn)]
            a2 = [_norm_axis(a2, x2.ndim, fn)]
        if len(a1) != len(a2):
            raise ValueError(f"{fn}: the two sequences of axes differ in length "
                             f"({len(a1)} and {len(a2)})")
    else:
        n = _int(axes, fn, "axes")
        if n < 0:
            raise ValueError(f"{fn}: axes must be non-negative, got {n}")
        if n > x1.ndim or n > x2.ndim:
            raise ValueError(f"{fn}: cannot contract {n} axes of arrays with {x1.ndim} and "
                             f"{x2.ndim} dimensions")
        a1 = list(range(x1.ndim - n, x1.ndim))
        a2 = list(range(n))
    if len(set(a1)) != len(a1) or len(set(a2)) != len(a2):
        raise ValueError(f"{fn}: repeated axis in axes {axes!r}")
    for i, j in zip(a1, a2):
        if x1.shape[i] != x2.shape[j]:
            raise ValueError(f"{fn}: shape mismatch: axis {i} of x1 has size {x1.shape[i]}, "
                             f"axis {j} of x2 has size {x2.shape[j]}")
    free1 = [i for i in range(x1.ndim) if i not in a1]
    free2 = [j for j in range(x2.ndim) if j not in a2]
    s1 = [x1.shape[i] for i in free1]
    s2 = [x2.shape[j] for j in free2]
    k = _prod(x1.shape[i] for i in a1)
    a = _core.reshape(_permute(x1, free1 + a1), (_prod(s1), k))
    b = _core.reshape(_permute(x2, a2 + free2), (k, _prod(s2)))
    return _core.reshape(_core.matmul(a, b), tuple(s1 + s2))


def vecdot(x1, x2, /, *, axis=-1):
    """Dot products of the vectors along axis of x1 and x2 (x1 conjugated when complex); the
    other dimensions broadcast. The contracted sizes must be equal."""
    fn = "vecdot"
    if axis == -1 and type(x1) is _ndarray and type(x2) is _ndarray and x1.ndim and x2.ndim \
            and x1.dtype.kind != "c":
        # The common case with fewer Python steps (7.5 -> ~3 us for (100, 3) float32; the
        # general path below gives the same result).
        r = _core._vecdot_last(x1, x2)  # the steps below, in one C++ call
        if r is not None:
            return r
    _check_array(x1, fn)
    _check_array(x2, fn)
    if x1.ndim == 0 or x2.ndim == 0:
        raise ValueError(f"{fn}: operands must have at least one dimension")
    a1 = _norm_axis(axis, x1.ndim, fn)
    a2 = _norm_axis(axis, x2.ndim, fn)
    if x1.shape[a1] != x2.shape[a2]:
        raise ValueError(f"{fn}: the contracted axis has size {x1.shape[a1]} in x1 and "
                         f"{x2.shape[a2]} in x2")
    if x1.dtype.kind == "c":
        x1 = _core.unary("conj", x1)
    if x1.ndim == 1 and x2.ndim == 1:
        return _core.matmul(x1, x2)  # 1-D . 1-D: matmul's dot product (0-d), no views needed
    # (..., 1, K) @ (..., K, 1) -> (..., 1, 1): the GEMM's accumulation (float32 for the
    # 16-bit floats) and its broadcasting of the batch dimensions.
    o1 = [i for i in range(x1.ndim) if i != a1]
    o2 = [i for i in range(x2.ndim) if i != a2]
    v1 = _view(x1, [x1.shape[i] for i in o1] + [1, x1.shape[a1]],
               [x1.strides[i] for i in o1] + [0, x1.strides[a1]])
    v2 = _view(x2, [x2.shape[i] for i in o2] + [x2.shape[a2], 1],
               [x2.strides[i] for i in o2] + [x2.strides[a2], 0])
    r = _core.matmul(v1, v2)
    return _view(r, r.shape[:-2], r.strides[:-2])


# --- the @ operators ----------------------------------------------------------------------------

def _operand(other):
    """other as an hcarray for @, or None when @ should return NotImplemented."""
    if isinstance(other, _ndarray):
        return other
    if isinstance(other, (_builtins.bool, int, float, complex)):
        raise ValueError("matmul: a Python scalar cannot be an operand of @ (matmul needs "
                         "arrays of at least one dimension)")
    if isinstance(other, (str, bytes, dict, set)) or other is None:
        return None
    from ._creation_functions import asarray
    try:
        return asarray(other)
    except (TypeError, ValueError, RuntimeError):
        return None


def __matmul__(self, other):
    o = _operand(other)
    if o is None:
        return NotImplemented
    return _core.matmul(self, o)


def __rmatmul__(self, other):
    o = _operand(other)
    if o is None:
        return NotImplemented
    return _core.matmul(o, self)


def __imatmul__(self, other):
    """self @= other: the product must keep self's shape, and its dtype must cast to self's
    under the same-kind rule (as NumPy)."""
    o = _operand(other)
    if o is None:
        return NotImplemented
    if o.ndim < 2:
        raise ValueError("matmul: in-place matrix multiplication needs the second operand to "
                         f"have at least 2 dimensions, got shape {o.shape}")
    if not self._writeable:
        raise ValueError("matmul: in-place destination is read-only")
    r = _core.matmul(self, o)
    if r.shape != self.shape:
        raise ValueError(f"matmul: in-place result of shape {r.shape} does not fit the operand "
                         f"of shape {self.shape}")
    if r.dtype != self.dtype and not _np.can_cast(r.dtype, self.dtype, "same_kind"):
        raise TypeError(f"matmul: cannot cast the result dtype {r.dtype} to the in-place "
                        f"operand's dtype {self.dtype}")
    _core.copyto(self, r)
    return self


# x @ y with two hcarrays is the type's C slot (cpp/python/array_type.cpp); other operands
# come here.
_core._set_matmul_hooks(__matmul__, __rmatmul__)
_ndarray.__imatmul__ = __imatmul__
