"""The Array API linalg extension.

Native (hcarray kernels and ops): matmul, tensordot, vecdot (cpp/cpu/matmul.cpp), outer, cross,
diagonal, trace, vector_norm, matrix_norm (except ord 2, -2 and 'nuc'), matrix_power (repeated
squaring with the native matmul; inv first for negative powers), matrix_transpose.

Through NumPy's LAPACK on zero-copy NumPy views of the input, the result copied back into
hcarray memory: cholesky, det, eigh, eigvalsh, inv, pinv, qr, slogdet, solve, svd, svdvals,
matrix_rank, and the singular values used by matrix_norm for ord 2, -2 and 'nuc'. These keep
float32/complex64 in single precision; integer and bool inputs compute in float64 as NumPy's;
float16 and bfloat16 are refused (TypeError) as NumPy's linalg refuses float16.

Failures of LAPACK (singular or not positive definite matrices) raise LinAlgError (NumPy's
numpy.linalg.LinAlgError, a ValueError) naming the function. See specs/linalg.md.
"""

import builtins as _builtins
import math as _math
from collections import namedtuple as _namedtuple

import numpy as _np

from . import _core, _dtypes
from ._array_object import _copy_from_numpy
from ._core import ndarray as _ndarray
from ._validation import as_int as _int
from ._validation import check_array as _check_array
from ._linear_algebra_functions import matmul, tensordot, vecdot
from ._manipulation_functions import matrix_transpose

__all__ = [
    "cholesky", "cross", "det", "diagonal", "eigh", "eigvalsh", "inv", "matmul", "matrix_norm",
    "matrix_power", "matrix_rank", "matrix_transpose", "outer", "pinv", "qr", "slogdet", "solve",
    "svd", "svdvals", "tensordot", "trace", "vecdot", "vector_norm",
]

LinAlgError = _np.linalg.LinAlgError

EighResult = _namedtuple("EighResult", ["eigenvalues", "eigenvectors"])
QRResult = _namedtuple("QRResult", ["Q", "R"])
SlogdetResult = _namedtuple("SlogdetResult", ["sign", "logabsdet"])
SVDResult = _namedtuple("SVDResult", ["U", "S", "Vh"])

_AxisError = _np.exceptions.AxisError
_BF16 = _np.dtype(_dtypes.bfloat16)
_F32 = _np.dtype(_np.float32)
_F64 = _np.dtype(_np.float64)
_INT64 = _np.dtype(_np.int64)
_UINT64 = _np.dtype(_np.uint64)


# --- helpers ------------------------------------------------------------------------------------

def _bool(v, fn, what):
    if not isinstance(v, (_builtins.bool, _np.bool_)):
        raise TypeError(f"{fn}: {what} must be True or False, not {v!r}")
    return _builtins.bool(v)


def _matrix(x, fn, square=False):
    _check_array(x, fn)
    if x.ndim < 2:
        raise ValueError(f"{fn}: expected an array of at least 2 dimensions, got shape {x.shape}")
    if square and x.shape[-1] != x.shape[-2]:
        raise LinAlgError(f"{fn}: the last two dimensions must be square, got shape {x.shape}")


def _is_half(d):
    return d == _BF16 or d == _np.dtype(_np.float16)


def _lapack_view(x, fn):
    """A zero-copy NumPy view of x for NumPy's LAPACK wrappers; 16-bit floats are refused."""
    if _is_half(x.dtype):
        raise TypeError(f"{fn}: {x.dtype} is not supported by linalg (LAPACK has no 16-bit "
                        "floats); convert to float32 first")
    return _np.asarray(x)


def _back(a):
    """A NumPy result as a new hcarray in hcarray's memory."""
    a = _np.asarray(a)  # NumPy returns scalars for single matrices
    return _copy_from_numpy(a if a.flags.c_contiguous else a.copy())


def _lapack(fn, f, *args, **kw):
    """Calls NumPy's f, re-raising its errors with fn named."""
    try:
        with _np.errstate(all="ignore"):
            return f(*args, **kw)
    except LinAlgError as e:
        raise LinAlgError(f"{fn}: {e}") from None
    except ValueError as e:
        raise ValueError(f"{fn}: {e}") from None
    except TypeError as e:
        raise TypeError(f"{fn}: {e}") from None


def _view(x, shape, strides, offset=None):
    return _core.as_strided(x, tuple(shape), tuple(strides), x._offset if offset is None else offset)


def _real_dtype(d):
    if d.kind == "c":
        return _F32 if d == _np.dtype(_np.complex64) else _F64
    return d


def _to_inexact(x):
    """Integer and bool arrays as float64 (NumPy's linalg does the same); others unchanged."""
    if x.dtype.kind in "biu":
        return _core.astype(x, _F64)
    return x


def _abs_real(x):
    """|x| as a real array (x's dtype, or its real counterpart for complex)."""
    return _core.unary("abs", x)


def _reduce(op, x, axis, keepdims, dtype=None):
    if op in ("max", "min") and _is_half(x.dtype):
        r = _core.reduce(op, _core.astype(x, _F32), axis, keepdims)
        return _core.astype(r, x.dtype)
    if dtype is None and op in ("sum", "max", "min"):
        dtype = x.dtype
    return _core.reduce(op, x, axis, keepdims, dtype)


def _rtol(rtol, fn):
    if rtol is None:
        return None
    if isinstance(rtol, _ndarray):
        return _np.asarray(rtol)
    if isinstance(rtol, (_builtins.bool, complex)) or not isinstance(rtol, (int, float, _np.generic)):
        raise TypeError(f"{fn}: rtol must be None, a real number or an array, not {rtol!r}")
    return float(rtol)


# --- native -------------------------------------------------------------------------------------

def diagonal(x, /, *, offset=0):
    """The offset diagonal of each matrix in x (shape (..., M, N) -> (..., K)); a read-only
    view as NumPy's. offset > 0: above the main diagonal, < 0: below."""
    fn = "diagonal"
    _matrix(x, fn)
    k = _int(offset, fn, "offset")
    m, n = x.shape[-2:]
    sm, sn = x.strides[-2:]
    if k >= 0:
        size = max(0, min(m, n - k))
        start = k * sn
    else:
        size = max(0, min(m + k, n))
        start = -k * sm
    off = x._offset + (start if size else 0)
    v = _view(x, x.shape[:-2] + (size,), x.strides[:-2] + (sm + sn,), off)
    v._writeable = False
    return v


def trace(x, /, *, offset=0, dtype=None):
    """Sums of the offset diagonals of x (..., M, N) -> (...). dtype None: x's, except that
    smaller signed integers (and bool) sum in int64 and unsigned in uint64, as NumPy."""
    fn = "trace"
    _matrix(x, fn)
    d = diagonal(x, offset=_int(offset, fn, "offset"))
    if dtype is None:
        k = x.dtype.kind
        acc = _INT64 if k in "bi" else _UINT64 if k == "u" else x.dtype
    else:
        acc = _dtypes._DTYPES[_dtypes.dtype_code(dtype, fn)]
    return _core.reduce("sum", d, -1, False, acc)


def outer(x1, x2, /):
    """Outer product of 1-D x1 (M,) and x2 (N,) -> (M, N), dtype by type promotion."""
    fn = "outer"
    _check_array(x1, fn)
    _check_array(x2, fn)
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError(f"{fn}: expected 1-D arrays, got shapes {x1.shape} and {x2.shape}")
    a = _view(x1, (x1.shape[0], 1), (x1.strides[0], 0))
    b = _view(x2, (1, x2.shape[0]), (0, x2.strides[0]))
    return _core.binary("multiply", a, b)


def cross(x1, x2, /, *, axis=-1):
    """Cross products of the 3-element vectors along axis of x1 and x2 (other dimensions
    broadcast); the result has the broadcast shape, dtype by type promotion."""
    fn = "cross"
    _check_array(x1, fn)
    _check_array(x2, fn)
    ax = _int(axis, fn, "axis")
    if x1.ndim == 0 or x2.ndim == 0:
        raise ValueError(f"{fn}: operands must have at least one dimension")
    for x in (x1, x2):
        if not -x.ndim <= ax < x.ndim:
            raise _AxisError(ax, x.ndim, fn)
    a1, a2 = ax % x1.ndim, ax % x2.ndim
    if x1.shape[a1] != 3 or x2.shape[a2] != 3:
        raise ValueError(f"{fn}: the vectors along axis {ax} must have 3 elements, got shapes "
                         f"{x1.shape} and {x2.shape}")
    if x1.dtype.kind == "b" or x2.dtype.kind == "b":
        raise TypeError(f"{fn}: expected numeric arrays, got {x1.dtype} and {x2.dtype}")

    def comp(x, a, i):
        return _view(x, x.shape[:a] + x.shape[a + 1:], x.strides[:a] + x.strides[a + 1:],
                     x._offset + i * x.strides[a])

    u = [comp(x1, a1, i) for i in range(3)]
    v = [comp(x2, a2, i) for i in range(3)]
    mul = lambda p, q: _core.binary("multiply", p, q)  # noqa: E731
    sub = lambda p, q: _core.binary("subtract", p, q)  # noqa: E731
    c = [sub(mul(u[1], v[2]), mul(u[2], v[1])),
         sub(mul(u[2], v[0]), mul(u[0], v[2])),
         sub(mul(u[0], v[1]), mul(u[1], v[0]))]
    rest = c[0].shape
    nd = len(rest) + 1
    pos = ax % nd if ax >= 0 else nd + ax
    if not 0 <= pos < nd:
        raise _AxisError(ax, nd, fn)
    shape = rest[:pos] + (3,) + rest[pos:]
    out = _core.empty(shape, c[0].dtype, x1._device_str)
    for i in range(3):
        _core.copyto(_view(out, rest, out.strides[:pos] + out.strides[pos + 1:],
                           out._offset + i * out.strides[pos]), c[i])
    return out


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """The ord-norm of the vectors along axis (None: all of x; an int or a tuple of ints).
    ord: inf, -inf, 0 (count of non-zeros), or any other real p (sum(|x|**p)**(1/p)). The
    result is real floating: x's precision for floating inputs, float64 for integers."""
    fn = "vector_norm"
    _check_array(x, fn)
    keepdims = _bool(keepdims, fn, "keepdims")
    if isinstance(ord, (_builtins.bool, complex, str)) or not isinstance(ord, (int, float, _np.integer, _np.floating)):
        raise ValueError(f"{fn}: ord must be a real number, got {ord!r}")
    ord = float(ord)
    if axis is None:
        ax = tuple(range(x.ndim))
    elif isinstance(axis, tuple):
        ax = tuple(_int(a, fn, "axis") for a in axis)
    else:
        ax = (_int(axis, fn, "axis"),)
    norm = []
    for a in ax:
        if not -x.ndim <= a < x.ndim:
            raise _AxisError(a, x.ndim, fn)
        norm.append(a % x.ndim if x.ndim else a)
    if len(set(norm)) != len(norm):
        raise ValueError(f"{fn}: repeated axis in {axis!r}")
    ax = tuple(norm)
    x = _to_inexact(x)
    rt = _real_dtype(x.dtype)
    if ord == 0:
        nz = _core.binary("not_equal", x, 0)
        return _core.reduce("sum", nz, ax, keepdims, rt)
    a = _abs_real(x)
    if ord == _math.inf:
        return _reduce("max", a, ax, keepdims)
    if ord == -_math.inf:
        return _reduce("min", a, ax, keepdims)
    if ord == 1:
        return _reduce("sum", a, ax, keepdims)
    if ord == 2:
        if x.dtype.kind == "c":
            re, im = _core.unary("real", x), _core.unary("imag", x)
            sq = _core.binary("add", _core.binary("multiply", re, re),
                              _core.binary("multiply", im, im))
        else:
            sq = _core.binary("multiply", x, x)
        return _core.unary("sqrt", _reduce("sum", sq, ax, keepdims))
    s = _reduce("sum", _core.binary("pow", a, ord), ax, keepdims)
    return _core.binary("pow", s, 1.0 / ord)


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """Norms of the matrices in x (..., M, N): 'fro', 'nuc', 1, -1, 2, -2, inf, -inf. 'fro',
    1, -1, inf and -inf are native; 2, -2 and 'nuc' use the singular values from NumPy's
    LAPACK. The result is real floating (x's precision; float64 for integers)."""
    fn = "matrix_norm"
    _matrix(x, fn)
    keepdims = _bool(keepdims, fn, "keepdims")
    x = _to_inexact(x)
    rt = _real_dtype(x.dtype)
    if isinstance(ord, str):
        if ord not in ("fro", "nuc"):
            raise ValueError(f"{fn}: invalid ord {ord!r}; expected 'fro', 'nuc', 1, -1, 2, -2, "
                             "inf or -inf")
    elif isinstance(ord, _builtins.bool) or ord not in (1, -1, 2, -2, _math.inf, -_math.inf):
        raise ValueError(f"{fn}: invalid ord {ord!r}; expected 'fro', 'nuc', 1, -1, 2, -2, inf "
                         "or -inf")
    if ord == "fro":
        r = vector_norm(x, axis=(-2, -1), keepdims=False, ord=2)
    elif ord in ("nuc", 2, -2):
        s = svdvals(x) if not _is_half(x.dtype) else _core.astype(svdvals(_core.astype(x, _F32)), rt)
        if ord == "nuc":
            r = _reduce("sum", s, -1, False)
        else:
            r = _reduce("max" if ord == 2 else "min", s, -1, False)
    else:
        a = _abs_real(x)
        col = ord in (1, -1)  # column sums (over rows) for 1/-1, row sums for inf/-inf
        sums = _reduce("sum", a, -2 if col else -1, False)
        r = _reduce("max" if ord > 0 else "min", sums, -1, False)
    if keepdims:
        r = _core.reshape(r, tuple(r.shape) + (1, 1))
    return r


def matrix_power(x, n, /):
    """x (..., M, M) raised to the integer power n by repeated squaring with the native matmul;
    n == 0 gives identity matrices, n < 0 powers of inv(x)."""
    fn = "matrix_power"
    _matrix(x, fn, square=True)
    n = _int(n, fn, "n")
    if n == 0:
        m = x.shape[-1]
        eye = _np.eye(m, dtype=_np.float32 if x.dtype == _BF16 else x.dtype)
        e = _core.astype(_copy_from_numpy(eye), x.dtype)
        out = _core.empty(x.shape, x.dtype, x._device_str)
        _core.copyto(out, e)
        return out
    if n < 0:
        if x.dtype.kind in "biu":
            raise TypeError(f"{fn}: integer matrices can only be raised to non-negative powers")
        x = inv(x)
        n = -n
    result = None
    base = x
    while True:
        if n & 1:
            result = base if result is None else _core.matmul(result, base)
        n >>= 1
        if not n:
            break
        base = _core.matmul(base, base)
    if result is x:
        result = result.copy()
    return result


# --- NumPy's LAPACK on views --------------------------------------------------------------------

def cholesky(x, /, *, upper=False):
    """Cholesky factor of Hermitian positive-definite matrices: L with x = L L^H, or (upper)
    U with x = U^H U. LinAlgError when a matrix is not positive definite."""
    fn = "cholesky"
    _matrix(x, fn, square=True)
    upper = _bool(upper, fn, "upper")
    return _back(_lapack(fn, _np.linalg.cholesky, _lapack_view(x, fn), upper=upper))


def det(x, /):
    """Determinants of the square matrices in x (..., M, M) -> (...)."""
    fn = "det"
    _matrix(x, fn, square=True)
    return _back(_lapack(fn, _np.linalg.det, _lapack_view(x, fn)))


def slogdet(x, /):
    """Sign (dtype of x) and log of the absolute value (real dtype) of the determinants."""
    fn = "slogdet"
    _matrix(x, fn, square=True)
    s, l = _lapack(fn, _np.linalg.slogdet, _lapack_view(x, fn))
    return SlogdetResult(_back(s), _back(l))


def eigh(x, /):
    """Eigenvalues (ascending, real dtype) and eigenvectors (columns) of Hermitian matrices."""
    fn = "eigh"
    _matrix(x, fn, square=True)
    w, v = _lapack(fn, _np.linalg.eigh, _lapack_view(x, fn))
    return EighResult(_back(w), _back(v))


def eigvalsh(x, /):
    """Eigenvalues (ascending, real dtype) of Hermitian matrices."""
    fn = "eigvalsh"
    _matrix(x, fn, square=True)
    return _back(_lapack(fn, _np.linalg.eigvalsh, _lapack_view(x, fn)))


def inv(x, /):
    """Inverses of the square matrices in x; LinAlgError for singular ones."""
    fn = "inv"
    _matrix(x, fn, square=True)
    return _back(_lapack(fn, _np.linalg.inv, _lapack_view(x, fn)))


def pinv(x, /, *, rtol=None):
    """Moore-Penrose pseudo-inverses (..., M, N) -> (..., N, M). Singular values below
    rtol * largest are treated as zero; rtol None: max(M, N) * eps."""
    fn = "pinv"
    _matrix(x, fn)
    return _back(_lapack(fn, _np.linalg.pinv, _lapack_view(x, fn), rtol=_rtol(rtol, fn)))


def matrix_rank(x, /, *, rtol=None):
    """Ranks (int64) of the matrices in x: the number of singular values above rtol * largest;
    rtol None: max(M, N) * eps."""
    fn = "matrix_rank"
    _matrix(x, fn)
    r = _lapack(fn, _np.linalg.matrix_rank, _lapack_view(x, fn), rtol=_rtol(rtol, fn))
    return _back(_np.asarray(r, dtype=_np.int64))


def qr(x, /, *, mode="reduced"):
    """QR decompositions: Q with orthonormal columns and upper-triangular R. mode 'reduced':
    Q (..., M, K), R (..., K, N) with K = min(M, N); 'complete': Q (..., M, M), R (..., M, N)."""
    fn = "qr"
    _matrix(x, fn)
    if mode not in ("reduced", "complete"):
        raise ValueError(f"{fn}: mode must be 'reduced' or 'complete', got {mode!r}")
    q, r = _lapack(fn, _np.linalg.qr, _lapack_view(x, fn), mode=mode)
    return QRResult(_back(q), _back(r))


def solve(x1, x2, /):
    """Solutions X of x1 X = x2 for square x1 (..., M, M). x2 of shape (M,) is one vector for
    every matrix; otherwise x2 is (..., M, K) and the batch dimensions broadcast. LinAlgError
    for singular matrices."""
    fn = "solve"
    _matrix(x1, fn, square=True)
    _check_array(x2, fn)
    if x2.ndim == 0:
        raise ValueError(f"{fn}: x2 must have at least one dimension")
    m = x1.shape[-1]
    if x2.ndim == 1 and x2.shape[0] != m or x2.ndim > 1 and x2.shape[-2] != m:
        raise ValueError(f"{fn}: x2 of shape {x2.shape} does not match x1 of shape {x1.shape}")
    from ._data_type_functions import result_type
    t = result_type(x1, x2)
    a, b = _lapack_view(x1, fn), _lapack_view(x2, fn)
    if _is_half(t):
        raise TypeError(f"{fn}: {t} is not supported by linalg; convert to float32 first")
    if t.kind in "fc":
        a, b = a.astype(t, copy=False), b.astype(t, copy=False)
    return _back(_lapack(fn, _np.linalg.solve, a, b))


def svd(x, /, *, full_matrices=True):
    """Singular value decompositions x = U diag(S) Vh; S descending, real dtype. full_matrices:
    U (..., M, M) and Vh (..., N, N); else (..., M, K) and (..., K, N), K = min(M, N)."""
    fn = "svd"
    _matrix(x, fn)
    full_matrices = _bool(full_matrices, fn, "full_matrices")
    u, s, vh = _lapack(fn, _np.linalg.svd, _lapack_view(x, fn), full_matrices=full_matrices)
    return SVDResult(_back(u), _back(s), _back(vh))


def svdvals(x, /):
    """Singular values (..., K), descending, real dtype."""
    fn = "svdvals"
    _matrix(x, fn)
    return _back(_lapack(fn, _np.linalg.svdvals, _lapack_view(x, fn)))


# --- NumPy's norm ---------------------------------------------------------------------------

_norm_numpy = None


def norm(x, ord=None, axis=None, keepdims=False):
    """NumPy's linalg.norm. The 2-norm of a whole real array (ord=None, axis=None, no
    keepdims) is native, computed as NumPy computes it: sqrt(dot(x, x)) of the flattened array
    (integers and bool converted to float64 first). Everything else runs NumPy's on views."""
    if ord is None and axis is None and keepdims is False and type(x) is _ndarray and x.ndim and \
            (x.dtype.kind in "biu" or (x.dtype.kind == "f" and x.dtype.itemsize >= 4)):
        v = x if x.ndim == 1 else _core.reshape(x, (-1,), -1)
        if v.dtype.kind != "f":
            v = _core.astype(v, _np.float64)
        return _core.unary("sqrt", _core.matmul(v, v))
    global _norm_numpy
    if _norm_numpy is None:
        from ._numpy_bridge import delegate
        _norm_numpy = delegate("linalg.norm", _np.linalg.norm)
    return _norm_numpy(x, ord=ord, axis=axis, keepdims=keepdims)


__all__.append("norm")
