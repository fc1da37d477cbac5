"""Linear algebra against NumPy: matmul (and @), tensordot, vecdot, matrix_transpose, and the
linalg extension.

Accuracy of the native products (matmul, tensordot, vecdot, matrix_power): every element must
lie within  (K + 2) * eps_acc * (|x1| @ |x2|) + eps_out * |exact|  of the exact product,
computed in float64/complex128 from the same inputs (K the contracted length, eps_acc the
accumulation dtype's epsilon: float32's for float16/bfloat16, eps_out the result dtype's),
plus the result dtype's smallest subnormal (its absolute spacing near zero).
Integer and bool products are exact (NumPy's wrap-around). Decompositions call NumPy's LAPACK on
the same values, so they are compared with NumPy at rtol 1e-5 (single) / 1e-12 (double).
Norms, trace and cross are compared with NumPy at rtol 1e-5 / 1e-12 (float16 1e-2).
"""

import math

import ml_dtypes
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import (ALL, BOOL, COMPLEX, FLOAT, HALF, INT, INTEGRAL, NUMERIC, REAL, UINT,
                        assert_same, np_arrays, pair)

BF16 = np.dtype(ml_dtypes.bfloat16)
F16 = np.dtype(np.float16)
PRODUCT_DTYPES = BOOL + INTEGRAL + FLOAT + COMPLEX + HALF
LAPACK_DTYPES = FLOAT + COMPLEX


def _tame(a):
    """a with NaN/inf replaced and values bounded (|v| <= 100), strides kept."""
    if a.dtype.kind in "fc" and a.dtype != BF16:
        if a.size:
            a[...] = np.clip(np.nan_to_num(a.real, posinf=1, neginf=-1), -100, 100) + (
                1j * np.clip(np.nan_to_num(a.imag, posinf=1, neginf=-1), -100, 100)
                if a.dtype.kind == "c" else 0)
    return a


@st.composite
def arrays(draw, dtypes, shape):
    a = draw(np_arrays(dtypes, shape, allow_special=False))
    return _tame(a)


def _eps(d):
    if d == BF16:
        return float(ml_dtypes.finfo(BF16).eps)
    if d.kind in "fc":
        return float(np.finfo(d).eps)
    return 0.0


def _wide(a):
    if a.dtype.kind == "c":
        return a.astype(np.complex128)
    return a.astype(np.float64)


def assert_product(got, x1, x2, product, expected_dtype, k):
    """got (hcarray) against product(x1, x2) computed exactly in float64/complex128."""
    g = np.asarray(got)
    assert g.dtype == expected_dtype, f"dtype {g.dtype} != {expected_dtype}"
    if expected_dtype.kind in "biu":
        with np.errstate(all="ignore"):
            e = product(x1.astype(expected_dtype), x2.astype(expected_dtype))
        assert g.shape == e.shape
        np.testing.assert_array_equal(g, e)
        return
    exact = product(_wide(x1), _wide(x2))
    bound = product(np.abs(_wide(x1)), np.abs(_wide(x2)))
    assert g.shape == exact.shape, f"shape {g.shape} != {exact.shape}"
    eps_acc = _eps(np.dtype(np.float32)) if expected_dtype in (F16, BF16) else _eps(
        np.dtype(np.float32) if expected_dtype == np.complex64 else
        np.dtype(np.float64) if expected_dtype == np.complex128 else expected_dtype)
    eps_out = _eps(expected_dtype if expected_dtype.kind != "c" else
                   np.dtype(np.float32) if expected_dtype == np.complex64 else np.dtype(np.float64))
    real_out = (np.dtype(np.float32) if expected_dtype == np.complex64 else
                np.dtype(np.float64) if expected_dtype == np.complex128 else expected_dtype)
    fi = ml_dtypes.finfo(real_out) if real_out == BF16 else np.finfo(real_out)
    # the last term: the spacing of subnormal results
    tol = (k + 2) * eps_acc * 2 * bound + eps_out * np.abs(exact) + float(fi.smallest_subnormal)
    err = np.abs(_wide(g.astype(np.float32) if g.dtype == BF16 else g) - exact)
    assert (err <= tol).all(), f"max error {err.max()} exceeds the bound"


def _result_dtype(a, b):
    return np.dtype(hc.result_type(hc.asarray(a), hc.asarray(b)))


# --- matmul -------------------------------------------------------------------------------------

dims = st.integers(0, 6)
batches = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3)


@st.composite
def matmul_operands(draw):
    d1 = draw(st.sampled_from(PRODUCT_DTYPES))
    d2 = d1 if draw(st.booleans()) else draw(st.sampled_from(PRODUCT_DTYPES))
    try:
        hc.result_type(d1, d2)
    except TypeError:
        d2 = d1
    m, k, n = draw(dims), draw(dims), draw(dims)
    kind = draw(st.sampled_from(["mm", "vm", "mv", "vv"]))
    (b1, b2), _ = draw(batches)
    s1 = (k,) if kind in ("vm", "vv") else b1 + (m, k)
    s2 = (k,) if kind in ("mv", "vv") else b2 + (k, n)
    return draw(arrays([d1], s1)), draw(arrays([d2], s2))


@given(matmul_operands())
def test_matmul(ops):
    a, b = ops
    t = _result_dtype(a, b)
    got = hc.matmul(hc.asarray(a), hc.asarray(b))
    assert_product(got, a, b, np.matmul, t, a.shape[-1])
    # the operator, both ways
    assert_product(hc.asarray(a) @ hc.asarray(b), a, b, np.matmul, t, a.shape[-1])


@pytest.mark.parametrize("dtype", FLOAT + COMPLEX)
@pytest.mark.parametrize("layout", ["c", "f", "strided", "reversed"])
def test_matmul_large_blocks(dtype, layout):
    # Crosses the GEMM's block sizes (KC = 256; MC and NC per dtype) with ragged edges.
    rng = np.random.default_rng(1)
    m, k, n = 131, 300, 77

    def make(r, c):
        base = rng.standard_normal((2 * r, 2 * c))
        if dtype.kind == "c":
            base = base + 1j * rng.standard_normal((2 * r, 2 * c))
        base = base.astype(dtype)
        if layout == "c":
            return np.ascontiguousarray(base[:r, :c])
        if layout == "f":
            return np.asfortranarray(base[:r, :c])
        if layout == "strided":
            return base[::2, ::2]
        return base[::-2, ::-2]

    a, b = make(m, k), make(k, n)
    assert_product(hc.matmul(hc.asarray(a), hc.asarray(b)), a, b, np.matmul, dtype, k)
    # matrix-vector and vector-matrix paths
    v = make(k, 1)[:, 0]
    assert_product(hc.matmul(hc.asarray(a), hc.asarray(v)), a, v, np.matmul, dtype, k)
    assert_product(hc.matmul(hc.asarray(v), hc.asarray(b)), v, b, np.matmul, dtype, k)
    # batched with a shared right operand (merged into one GEMM) and with broadcast batches
    x = make(3 * 20, k).reshape(3, 20, k) if layout == "c" else make(60, k)[None].repeat(2, 0)
    assert_product(hc.matmul(hc.asarray(x), hc.asarray(b)), x, b, np.matmul, dtype, k)
    y = np.stack([b, b[::-1]])[:, None]  # (2, 1, k, n)
    assert_product(hc.matmul(hc.asarray(x), hc.asarray(y)), x, y, np.matmul, dtype, k)


@pytest.mark.parametrize("dtype", INT + UINT)
def test_matmul_integer_wraparound(dtype):
    info = np.iinfo(dtype)
    a = np.full((3, 40), info.max, dtype=dtype)
    b = np.full((40, 2), info.max - 1, dtype=dtype)
    a[1, ::3] = info.min
    assert_same(hc.matmul(hc.asarray(a), hc.asarray(b)), np.matmul(a, b))


def test_matmul_bool_and_half():
    a = np.array([[True, False], [False, False]])
    b = np.array([[False, True], [True, True]])
    assert_same(hc.matmul(hc.asarray(a), hc.asarray(b)), a @ b)
    # float16 accumulates in float32: 2048 + 1 + 1 ... is exact there, not in float16
    x = np.ones((1, 4097), np.float16)
    assert_same(hc.matmul(hc.asarray(x), hc.asarray(x.T)), np.array([[4096]], np.float16))
    y = np.ones((1, 300), BF16)
    got = hc.matmul(hc.asarray(y), hc.asarray(np.ascontiguousarray(y.T)))
    assert got.dtype == BF16 and float(np.asarray(got, np.float32)[0, 0]) == 300.0


def test_matmul_special_values():
    a = np.array([[np.inf, 1.0], [np.nan, 0.0], [1.0, 2.0]])
    b = np.array([[1.0, 0.0], [2.0, 3.0]])
    with np.errstate(invalid="ignore"):
        expected = a @ b
    assert_same(hc.matmul(hc.asarray(a), hc.asarray(b)), expected)


def test_matmul_empty():
    for s1, s2 in [((0, 3), (3, 4)), ((2, 0), (0, 4)), ((2, 3), (3, 0)), ((0, 2, 3), (3, 1)),
                   ((0,), (0,)), ((4, 0, 3), (1, 3, 2))]:
        a, b = np.ones(s1, np.float32), np.ones(s2, np.float32)
        assert_same(hc.matmul(hc.asarray(a), hc.asarray(b)), a @ b)


def test_matmul_errors():
    m = hc.ones((2, 3))
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(m, m)
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(hc.asarray(1.0), m)
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(hc.ones(3), hc.ones(4))
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(hc.ones((2, 2, 3)), hc.ones((3, 3, 2)))
    # The Array API's matmul (hcarray.linalg's, and the strict module's) takes hcarray only.
    with pytest.raises(TypeError, match="matmul"):
        hc._linear_algebra_functions.matmul(np.ones((2, 2)), m)
    # hcarray.linalg's functions take NumPy's array_likes (drop-in: np.linalg.inv(list)).
    assert_same(hc.linalg.matmul(m, [[1.0], [2.0], [3.0]]), np.ones((2, 3)) @ [[1.0], [2.0], [3.0]])
    with pytest.raises(TypeError, match="matmul"):
        hc.linalg.matmul(m, [["a"], ["b"], ["c"]])
    # The top-level matmul is NumPy's: array_like operands, an hcarray result.
    assert_same(hc.matmul(np.ones((2, 2)), m), np.ones((2, 2)) @ np.ones((2, 3)))
    assert_same(hc.matmul([[1.0, 2.0]], [[3.0], [4.0]]), np.matmul([[1.0, 2.0]], [[3.0], [4.0]]))
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul([[1.0, 2.0]], [[3.0, 4.0]])
    a, b = np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4)
    assert_same(hc.linalg.matmul(hc.asarray(a), hc.asarray(b)), hc.matmul(a, b))


def test_matmul_operator_operands():
    a = np.arange(6.0).reshape(2, 3)
    b = np.arange(12, dtype=np.int32).reshape(3, 4)
    h = hc.asarray(a)
    assert_same(h @ b, a @ b)                      # NumPy array on the right
    assert_same(b.T @ h.mT, b.T @ a.T)            # NumPy array on the left: __rmatmul__
    assert_same(h @ b.tolist(), a @ np.array(b.tolist()))
    assert_same(a.T.tolist() @ h, np.array(a.T.tolist()) @ a)
    with pytest.raises(ValueError, match="matmul"):
        h @ 2
    with pytest.raises(ValueError, match="matmul"):
        2.5 @ h
    for bad in ("ab", None, object()):
        with pytest.raises(TypeError):
            h @ bad
        with pytest.raises(TypeError):
            bad @ h


def test_imatmul():
    a = np.arange(9.0).reshape(3, 3)
    h = hc.asarray(a.copy())
    before = h
    h @= hc.asarray(np.eye(3) * 2)
    assert h is before
    assert_same(h, a * 2)
    h @= (np.eye(3, dtype=np.int64) * 3)
    assert_same(h, a * 6)
    hi = hc.asarray(np.arange(4, dtype=np.int32).reshape(2, 2))
    with pytest.raises(TypeError, match="matmul"):
        hi @= hc.ones((2, 2))                     # float result into int
    with pytest.raises(ValueError, match="matmul"):
        hi @= hc.ones((2, 3), dtype=hc.int32)     # shape would change
    with pytest.raises(ValueError, match="matmul"):
        hi @= hc.ones(2, dtype=hc.int32)          # 1-D right operand (as NumPy)
    assert_same(hi, np.arange(4, dtype=np.int32).reshape(2, 2))


# --- tensordot ----------------------------------------------------------------------------------

@st.composite
def tensordot_args(draw):
    dt = draw(st.sampled_from(INTEGRAL + FLOAT + COMPLEX + [F16]))
    n1, n2 = draw(st.integers(0, 4)), draw(st.integers(0, 4))
    s1 = list(draw(st.lists(st.integers(0, 4), min_size=n1, max_size=n1)))
    s2 = list(draw(st.lists(st.integers(0, 4), min_size=n2, max_size=n2)))
    if draw(st.booleans()):
        n = draw(st.integers(0, min(n1, n2)))
        for i in range(n):
            s2[i] = s1[n1 - n + i]
        axes = n
    else:
        c = draw(st.integers(0, min(n1, n2)))
        ax1 = draw(st.permutations(range(n1)))[:c]
        ax2 = draw(st.permutations(range(n2)))[:c]
        for i, j in zip(ax1, ax2):
            s2[j] = s1[i]
        neg = draw(st.booleans())
        axes = ([i - n1 if neg else i for i in ax1], list(ax2))
    a = draw(arrays([dt], tuple(s1)))
    b = draw(arrays([dt], tuple(s2)))
    return a, b, axes


@given(tensordot_args())
def test_tensordot(args):
    a, b, axes = args
    t = _result_dtype(a, b)
    k = math.prod(a.shape[-axes:] if isinstance(axes, int) and axes else
                  [] if isinstance(axes, int) else [a.shape[i] for i in axes[0]])
    got = hc.tensordot(hc.asarray(a), hc.asarray(b), axes=axes)
    assert_product(got, a, b, lambda x, y: np.tensordot(x, y, axes=axes), t, k)
    # hcarray.linalg's (the standard's) and the top-level (NumPy's, array_like operands too).
    assert_same(hc.linalg.tensordot(hc.asarray(a), hc.asarray(b), axes=axes), got)
    assert_same(hc.tensordot(a, b, axes), got)


def test_tensordot_errors():
    a, b = hc.ones((2, 3)), hc.ones((3, 4))
    with pytest.raises(ValueError, match="tensordot"):
        hc.tensordot(a, b)                        # axes=2: (2, 3) vs (3, 4)
    with pytest.raises(ValueError, match="tensordot"):
        hc.tensordot(a, b, axes=-1)
    with pytest.raises(ValueError, match="tensordot"):
        hc.tensordot(a, b, axes=3)
    with pytest.raises(ValueError, match="tensordot"):
        hc.tensordot(a, b, axes=([0, 1], [0]))
    with pytest.raises(ValueError, match="tensordot"):
        hc.tensordot(a, b, axes=([1, 1], [0, 0]))
    with pytest.raises(IndexError):
        hc.tensordot(a, b, axes=([2], [0]))
    with pytest.raises(TypeError, match="tensordot"):
        hc.tensordot(a, b, axes=1.0)
    with pytest.raises(TypeError, match="tensordot"):
        hc._linear_algebra_functions.tensordot(np.ones((2, 3)), b, axes=1)  # strict: hcarray
    assert_same(hc.tensordot(np.ones((2, 3)), b, axes=1),  # NumPy's: array_likes
                np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=1))
    assert_same(hc.tensordot([[1, 2]], [[3], [4]], 1), np.tensordot([[1, 2]], [[3], [4]], 1))
    # contracted axes are not broadcast (size 1 against size 3)
    with pytest.raises(ValueError, match="tensordot"):
        hc.tensordot(hc.ones((2, 1)), b, axes=1)


# --- vecdot -------------------------------------------------------------------------------------

@st.composite
def vecdot_args(draw):
    d1 = draw(st.sampled_from(INTEGRAL + FLOAT + COMPLEX + [F16]))
    d2 = d1 if draw(st.booleans()) else draw(st.sampled_from(INTEGRAL + FLOAT + COMPLEX))
    (s1, s2), _ = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=3,
                                                         max_side=4))
    nd = min(len(s1), len(s2))
    axis = draw(st.integers(-nd, -1))
    k = draw(st.integers(0, 6))
    s1, s2 = list(s1), list(s2)
    s1[axis] = s2[axis] = k
    return draw(arrays([d1], tuple(s1))), draw(arrays([d2], tuple(s2))), axis


@given(vecdot_args())
def test_vecdot(args):
    a, b, axis = args
    t = _result_dtype(a, b)
    got = hc.vecdot(hc.asarray(a), hc.asarray(b), axis=axis)
    assert_product(got, a, b, lambda x, y: np.vecdot(x, y, axis=axis), t, a.shape[axis])
    assert_product(hc.linalg.vecdot(hc.asarray(a), hc.asarray(b), axis=axis), a, b,
                   lambda x, y: np.vecdot(x, y, axis=axis), t, a.shape[axis])


def test_vecdot_conjugates_x1():
    x1 = hc.asarray([1j, 2j, 3j])
    x2 = hc.asarray([1, 2j, 3])
    assert complex(hc.vecdot(x1, x2)) == 4 - 10j


def test_vecdot_errors():
    with pytest.raises(ValueError, match="vecdot"):
        hc.vecdot(hc.ones((2, 3)), hc.ones((2, 4)))
    with pytest.raises(ValueError, match="vecdot"):
        hc.vecdot(hc.ones(3), hc.asarray(1.0))
    with pytest.raises(IndexError):
        hc.vecdot(hc.ones((2, 3)), hc.ones(3), axis=-2)
    with pytest.raises(ValueError):
        hc.vecdot(hc.ones((2, 3)), hc.ones((2, 3)), axis=2)   # AxisError
    with pytest.raises(TypeError, match="vecdot"):
        hc.vecdot(hc.ones(3), [1.0, 2.0, 3.0])


@given(pair(dtypes=ALL, shape=hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=4)))
def test_matrix_transpose(p):
    a, h = p
    assert_same(hc.linalg.matrix_transpose(h), np.matrix_transpose(a))
    assert_same(hc.matrix_transpose(h), np.matrix_transpose(a))
    assert_same(hc.matrix_transpose(a), np.matrix_transpose(a))  # NumPy's: array_likes too


# --- linalg: native -----------------------------------------------------------------------------

matrices = hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=5)


@given(pair(dtypes=ALL, shape=matrices), st.integers(-7, 7))
def test_diagonal(p, offset):
    a, h = p
    got = hc.linalg.diagonal(h, offset=offset)
    assert_same(got, np.linalg.diagonal(a, offset=offset))
    assert got._shares_storage(h)


@given(pair(dtypes=BOOL + INTEGRAL + FLOAT + COMPLEX + [F16], shape=matrices, allow_special=False),
       st.integers(-6, 6), st.sampled_from([None, np.int64, np.float64, np.complex128]))
def test_trace(p, offset, dtype):
    a, h = p
    if dtype in (np.int64, np.float64) and a.dtype.kind == "c":
        dtype = np.complex128  # no complex -> real casts
    _tame(a)
    with np.errstate(all="ignore"):
        expected = np.trace(a, offset=offset, axis1=-2, axis2=-1, dtype=dtype)
    got = hc.linalg.trace(hc.asarray(a), offset=offset, dtype=dtype)
    if expected.dtype.kind in "fc":
        assert_same(got, expected, rtol=1e-2 if a.dtype == F16 else 1e-5, atol=1e-6)
    else:
        assert_same(got, expected)


def test_trace_dtypes():
    for d, r in [(np.int8, np.int64), (np.uint16, np.uint64), (np.int64, np.int64),
                 (np.bool_, np.int64), (np.float32, np.float32), (np.complex64, np.complex64)]:
        assert hc.linalg.trace(hc.ones((3, 3), dtype=d)).dtype == r
    with pytest.raises(ValueError, match="trace"):
        hc.linalg.trace(hc.ones(3))
    with pytest.raises(TypeError, match="trace"):
        hc.linalg.trace(hc.ones((3, 3)), offset=1.5)


@given(pair(dtypes=BOOL + INTEGRAL + FLOAT + COMPLEX + HALF,
            shape=hnp.array_shapes(min_dims=1, max_dims=1, max_side=6)), st.data())
def test_outer(p, data):
    a, h = p
    b = data.draw(np_arrays([a.dtype], hnp.array_shapes(min_dims=1, max_dims=1, max_side=6)))
    with np.errstate(all="ignore"):
        expected = np.outer(a, b)
    assert_same(hc.linalg.outer(h, hc.asarray(b)), expected)


def test_outer_errors():
    with pytest.raises(ValueError, match="outer"):
        hc.linalg.outer(hc.ones((2, 2)), hc.ones(2))
    assert_same(hc.linalg.outer([1.0, 2.0], hc.ones(2)), np.outer([1.0, 2.0], np.ones(2)))
    with pytest.raises(TypeError, match="outer"):
        hc.linalg.outer(["x"], hc.ones(2))


@st.composite
def cross_args(draw):
    dt = draw(st.sampled_from(INT + FLOAT + COMPLEX))
    (s1, s2), _ = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=3,
                                                         max_side=3))
    nd = min(len(s1), len(s2))
    axis = draw(st.integers(-nd, -1))
    s1, s2 = list(s1), list(s2)
    s1[axis] = s2[axis] = 3
    return draw(arrays([dt], tuple(s1))), draw(arrays([dt], tuple(s2))), axis


@given(cross_args())
def test_cross(args):
    a, b, axis = args
    with np.errstate(all="ignore"):
        expected = np.linalg.cross(a, b, axis=axis)
    got = hc.linalg.cross(hc.asarray(a), hc.asarray(b), axis=axis)
    if a.dtype.kind in "fc":
        assert_same(got, expected, rtol=1e-5, atol=1e-3)
    else:
        assert_same(got, expected)


def test_cross_errors():
    with pytest.raises(ValueError, match="cross"):
        hc.linalg.cross(hc.ones((2, 2)), hc.ones((2, 2)))
    with pytest.raises(ValueError, match="cross"):
        hc.linalg.cross(hc.ones((3, 2)), hc.ones((3, 2)), axis=-1)
    with pytest.raises(IndexError):
        hc.linalg.cross(hc.ones(3), hc.ones(3), axis=-2)
    with pytest.raises(TypeError, match="cross"):
        hc.linalg.cross(hc.ones(3, dtype=hc.bool_), hc.ones(3, dtype=hc.bool_))


@given(pair(dtypes=FLOAT + COMPLEX + INT + [F16], shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4),
            allow_special=False), st.data())
def test_vector_norm(p, data):
    a, h = p
    _tame(a)
    axis = None
    if a.ndim and data.draw(st.booleans()):
        axes = data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=1, max_size=a.ndim,
                                  unique_by=lambda v: v % a.ndim))
        axis = axes[0] if len(axes) == 1 else tuple(axes)
    keep = data.draw(st.booleans())
    order = data.draw(st.sampled_from([2, 1, 0, -1, -2, 3, 0.5, math.inf, -math.inf]))
    with np.errstate(all="ignore"):
        expected = np.linalg.vector_norm(a, axis=axis, keepdims=keep, ord=order)
    got = hc.linalg.vector_norm(h, axis=axis, keepdims=keep, ord=order)
    rtol = 1e-2 if a.dtype == F16 else 1e-5 if a.dtype in (np.float32, np.complex64) else 1e-12
    assert_same(got, expected, rtol=rtol, atol=0)


def test_vector_norm_errors():
    with pytest.raises(ValueError, match="vector_norm"):
        hc.linalg.vector_norm(hc.ones(3), ord="fro")
    with pytest.raises(ValueError, match="vector_norm"):
        hc.linalg.vector_norm(hc.ones((2, 3)), axis=(0, -2))
    with pytest.raises(IndexError):
        hc.linalg.vector_norm(hc.ones((2, 3)), axis=2)
    assert_same(hc.linalg.vector_norm([3.0, 4.0]), np.linalg.vector_norm([3.0, 4.0]))
    with pytest.raises(TypeError, match="vector_norm"):
        hc.linalg.vector_norm(["x"])


@given(pair(dtypes=FLOAT + COMPLEX + INT, shape=hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=4),
            allow_special=False), st.sampled_from(["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf]),
       st.booleans())
def test_matrix_norm(p, order, keep):
    a, h = p
    _tame(a)
    expected = np.linalg.matrix_norm(a, ord=order, keepdims=keep)
    got = hc.linalg.matrix_norm(h, ord=order, keepdims=keep)
    rtol = 1e-4 if a.dtype in (np.float32, np.complex64) else 1e-10
    assert_same(got, expected, rtol=rtol, atol=1e-12)


def test_matrix_norm_errors():
    with pytest.raises(ValueError, match="matrix_norm"):
        hc.linalg.matrix_norm(hc.ones((2, 2)), ord=3)
    with pytest.raises(ValueError, match="matrix_norm"):
        hc.linalg.matrix_norm(hc.ones((2, 2)), ord="max")
    with pytest.raises(ValueError, match="matrix_norm"):
        hc.linalg.matrix_norm(hc.ones(3))
    with pytest.raises(TypeError, match="matrix_norm"):
        hc.linalg.matrix_norm(hc.ones((2, 2)), keepdims=1)


@given(st.sampled_from(FLOAT + COMPLEX + [np.dtype(np.int64)]), st.integers(0, 3),
       st.integers(-4, 6), st.data())
def test_matrix_power(dtype, n, power, data):
    batch = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    rng = np.random.default_rng(data.draw(st.integers(0, 1000)))
    a = rng.uniform(-1, 1, batch + (n, n))
    if dtype.kind in "fc":
        a = a + np.eye(n) * 3  # well conditioned for negative powers
        if dtype.kind == "c":
            a = a + 0.5j * rng.uniform(-1, 1, a.shape)
    else:
        a = np.round(a * 3)
        power = abs(power)
    a = a.astype(dtype)
    expected = np.linalg.matrix_power(a, power)
    got = hc.linalg.matrix_power(hc.asarray(a), power)
    if dtype.kind in "fc":
        rtol = 1e-4 if dtype in (np.float32, np.complex64) else 1e-11
        assert_same(got, expected, rtol=rtol, atol=rtol)
    else:
        assert_same(got, expected)


def test_matrix_power_errors():
    with pytest.raises(np.linalg.LinAlgError, match="matrix_power"):
        hc.linalg.matrix_power(hc.ones((2, 3)), 2)
    with pytest.raises(TypeError, match="matrix_power"):
        hc.linalg.matrix_power(hc.ones((2, 2)), 1.5)
    with pytest.raises(TypeError, match="matrix_power"):
        hc.linalg.matrix_power(hc.ones((2, 2), dtype=hc.int32), -1)
    with pytest.raises(hc.linalg.LinAlgError, match="inv"):
        hc.linalg.matrix_power(hc.zeros((2, 2)), -1)
    r = hc.linalg.matrix_power(hc.ones((2, 2)), 1)
    assert not r._shares_storage(hc.ones((2, 2)))


# --- linalg: NumPy's LAPACK on views ------------------------------------------------------------

def _rng_matrix(rng, shape, dtype):
    a = rng.standard_normal(shape)
    if dtype.kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dtype)


def _layout(a, kind):
    if kind == "f":
        return np.asfortranarray(a)
    if kind == "reversed":
        return np.ascontiguousarray(a[..., ::-1, ::-1])[..., ::-1, ::-1]
    if kind == "strided":
        big = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), a.dtype)
        big[..., ::2] = a
        return big[..., ::2]
    return a


def _close(got, expected):
    rtol = 1e-4 if np.dtype(expected.dtype) in (np.float32, np.complex64) else 1e-10
    assert_same(got, expected, rtol=rtol, atol=rtol)


def _allocated(make):
    before = hc._core._memory_stats()["allocations"]
    r = make()
    return r, hc._core._memory_stats()["allocations"] > before


lapack_cases = st.tuples(st.sampled_from(LAPACK_DTYPES),
                         hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3),
                         st.integers(0, 4), st.sampled_from(["c", "f", "reversed", "strided"]),
                         st.integers(0, 2**16))


@given(lapack_cases)
def test_square_decompositions(case):
    dtype, batch, n, layout, seed = case
    rng = np.random.default_rng(seed)
    a = _layout(_rng_matrix(rng, batch + (n, n), dtype), layout)
    h = hc.asarray(a)
    spd = a @ np.conj(np.swapaxes(a, -1, -2)) + np.eye(n, dtype=dtype) * n
    sym = (a + np.conj(np.swapaxes(a, -1, -2))) / 2
    _close(hc.linalg.det(h), np.linalg.det(a))
    sign, logabs = hc.linalg.slogdet(h)
    es, el = np.linalg.slogdet(a)
    _close(sign, es)
    _close(logabs, el)
    _close(hc.linalg.inv(h), np.linalg.inv(a))
    for upper in (False, True):
        _close(hc.linalg.cholesky(hc.asarray(spd), upper=upper), np.linalg.cholesky(spd, upper=upper))
    w, v = hc.linalg.eigh(hc.asarray(sym))
    ew, ev = np.linalg.eigh(sym)
    _close(w, ew)
    assert v.shape == ev.shape and v.dtype == ev.dtype
    # eigenvectors are unique up to phase: check the decomposition instead
    V = np.asarray(v)
    recon = V @ (np.asarray(w)[..., :, None] * np.conj(np.swapaxes(V, -1, -2)))
    np.testing.assert_allclose(recon, sym, rtol=1e-3, atol=1e-3 * max(1, n))
    _close(hc.linalg.eigvalsh(hc.asarray(sym)), np.linalg.eigvalsh(sym))
    b = _rng_matrix(rng, batch + (n, 2), dtype)
    _close(hc.linalg.solve(h, hc.asarray(b)), np.linalg.solve(a, b))
    bv = _rng_matrix(rng, (n,), dtype)
    _close(hc.linalg.solve(h, hc.asarray(bv)), np.linalg.solve(a, bv))


@given(lapack_cases, st.integers(0, 4))
def test_rectangular_decompositions(case, m):
    dtype, batch, n, layout, seed = case
    rng = np.random.default_rng(seed)
    a = _layout(_rng_matrix(rng, batch + (m, n), dtype), layout)
    h = hc.asarray(a)
    for mode in ("reduced", "complete"):
        q, r = hc.linalg.qr(h, mode=mode)
        eq, er = np.linalg.qr(a, mode=mode)
        assert q.shape == eq.shape and r.shape == er.shape
        assert q.dtype == dtype and r.dtype == dtype
        np.testing.assert_allclose(np.asarray(q) @ np.asarray(r), a, rtol=1e-4, atol=1e-4)
        assert_same(r, np.triu(np.asarray(r)))
    for full in (True, False):
        u, s, vh = hc.linalg.svd(h, full_matrices=full)
        eu, es, evh = np.linalg.svd(a, full_matrices=full)
        assert (u.shape, s.shape, vh.shape) == (eu.shape, es.shape, evh.shape)
        assert s.dtype == es.dtype and u.dtype == dtype
        _close(s, es)
    _close(hc.linalg.svdvals(h), np.linalg.svdvals(a))
    _close(hc.linalg.pinv(h), np.linalg.pinv(a, rtol=None))
    _close(hc.linalg.pinv(h, rtol=0.5), np.linalg.pinv(a, rtol=0.5))
    assert_same(hc.linalg.matrix_rank(h), np.asarray(np.linalg.matrix_rank(a), np.int64))
    rt = rng.uniform(0, 1, batch)
    assert_same(hc.linalg.matrix_rank(h, rtol=hc.asarray(rt)),
                np.asarray(np.linalg.matrix_rank(a, rtol=rt), np.int64))


def test_results_are_named_tuples_in_hcarray_memory():
    a = np.array([[4.0, 1.0], [1.0, 3.0]], np.float32)
    h = hc.asarray(a)
    r, alloc = _allocated(lambda: hc.linalg.eigh(h))
    assert alloc and type(r).__name__ == "EighResult"
    assert r.eigenvalues is r[0] and r.eigenvectors is r[1]
    assert isinstance(r.eigenvalues, hc.ndarray) and r.eigenvalues.dtype == np.float32
    assert hc.linalg.qr(h)._fields == ("Q", "R")
    assert hc.linalg.slogdet(h)._fields == ("sign", "logabsdet")
    assert hc.linalg.svd(h)._fields == ("U", "S", "Vh")
    for f in (hc.linalg.inv, hc.linalg.det, hc.linalg.pinv, hc.linalg.svdvals):
        out, alloc = _allocated(lambda: f(h))
        assert alloc and isinstance(out, hc.ndarray) and out.dtype == np.float32
    assert hc.linalg.det(h).shape == ()
    # integers compute in float64 as NumPy
    assert hc.linalg.inv(hc.asarray([[2, 0], [0, 4]])).dtype == np.float64
    assert hc.linalg.eigh(hc.asarray(np.eye(2, dtype=np.complex64))).eigenvalues.dtype == np.float32


def test_lapack_errors():
    sing = hc.zeros((2, 2))
    with pytest.raises(hc.linalg.LinAlgError, match="inv"):
        hc.linalg.inv(sing)
    with pytest.raises(hc.linalg.LinAlgError, match="solve"):
        hc.linalg.solve(sing, hc.ones(2))
    with pytest.raises(hc.linalg.LinAlgError, match="cholesky"):
        hc.linalg.cholesky(hc.asarray([[1.0, 2.0], [2.0, 1.0]]))
    assert hc.linalg.LinAlgError is np.linalg.LinAlgError
    assert issubclass(hc.linalg.LinAlgError, ValueError)
    rect = hc.ones((2, 3))
    for f in (hc.linalg.inv, hc.linalg.det, hc.linalg.slogdet, hc.linalg.eigh,
              hc.linalg.eigvalsh, hc.linalg.cholesky):
        with pytest.raises(hc.linalg.LinAlgError, match=f.__name__):
            f(rect)
    with pytest.raises(hc.linalg.LinAlgError, match="solve"):
        hc.linalg.solve(rect, hc.ones(2))
    for f in (hc.linalg.inv, hc.linalg.svd, hc.linalg.qr, hc.linalg.pinv, hc.linalg.matrix_rank):
        with pytest.raises(ValueError, match=f.__name__):
            f(hc.ones(3))
        with pytest.raises(TypeError, match=f.__name__):
            f(np.array([["a", "b"], ["c", "d"]]))
    with pytest.raises(TypeError, match="inv"):
        hc.linalg.inv(hc.ones((2, 2), dtype=hc.float16))
    with pytest.raises(TypeError, match="svd"):
        hc.linalg.svd(hc.ones((2, 2), dtype=hc.bfloat16))
    with pytest.raises(ValueError, match="qr"):
        hc.linalg.qr(hc.ones((2, 2)), mode="r")
    with pytest.raises(ValueError, match="solve"):
        hc.linalg.solve(hc.eye(2), hc.ones(3))
    with pytest.raises(ValueError, match="solve"):
        hc.linalg.solve(hc.ones((2, 2, 2)), hc.ones((3, 2, 1)))
    with pytest.raises(TypeError, match="pinv"):
        hc.linalg.pinv(hc.ones((2, 2)), rtol="big")
    with pytest.raises(TypeError, match="cholesky"):
        hc.linalg.cholesky(hc.eye(2), upper=None)


def test_namespace():
    names = ["cholesky", "cross", "det", "diagonal", "eigh", "eigvalsh", "inv", "matmul",
             "matrix_norm", "matrix_power", "matrix_rank", "matrix_transpose", "outer", "pinv",
             "qr", "slogdet", "solve", "svd", "svdvals", "tensordot", "trace", "vecdot",
             "vector_norm"]
    # The standard's names, and NumPy's extras documented in specs/numpy-compat.md (attached by
    # _linalg_numpy.py, each NumPy's function on views); nothing else.
    extras = ["cond", "eig", "eigvals", "lstsq", "multi_dot", "norm", "tensorinv", "tensorsolve"]
    assert set(names) <= set(hc.linalg.__all__)
    assert sorted(set(hc.linalg.__all__) - set(names)) == extras
    assert len(hc.linalg.__all__) == len(set(hc.linalg.__all__))
    assert sorted(hc._linalg_numpy.LINALG_EXTRAS) == extras
    for n in names + extras:
        assert callable(getattr(hc.linalg, n))
    for n in extras:
        assert hasattr(np.linalg, n)
    a = np.array([[2.0, 1.0], [1.0, 3.0]])
    assert_same(hc.linalg.norm(hc.asarray(a)), np.asarray(np.linalg.norm(a)))
    assert_same(hc.linalg.eigvals(hc.asarray(a)), np.linalg.eigvals(a))
    for n in ("matmul", "tensordot", "vecdot", "matrix_transpose"):
        assert callable(getattr(hc, n))


@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("k", [0, 1, 7, 64, 300])
@pytest.mark.parametrize("layout", ["same", "broadcast", "strided"])
def test_vecdot_batched_dots(dt, k, layout):
    """Batches of contiguous float dot products run the dot kernel directly (matmul.cpp): each
    result equals the 1-D vecdot of its own row bit for bit, and NumPy's within the K eps bound.
    A broadcast vector (one GEMM: matrix-vector kernel) and strided rows (the general path) are
    held to the bound."""
    rng = np.random.default_rng(k)
    a = rng.standard_normal((150, k)).astype(dt)
    b = rng.standard_normal((k,) if layout == "broadcast" else (150, k)).astype(dt)
    if layout == "strided":
        a = rng.standard_normal((150, 2 * k)).astype(dt)[:, ::2]
    ha, hb = hc.asarray(a), hc.asarray(b)
    got = np.asarray(hc.vecdot(ha, hb))
    assert got.shape == (150,) and got.dtype == dt
    if layout == "same":  # the direct dot kernel: the 1-D product's bits
        for i in (0, 1, 77, 149):
            assert np.asarray(hc.vecdot(ha[i], hb[i])).tobytes() == got[i].tobytes()
    ref = np.vecdot(a.astype(np.float64), b.astype(np.float64))
    mag = np.vecdot(np.abs(a).astype(np.float64), np.abs(b).astype(np.float64))
    assert np.all(np.abs(got - ref) <= (k + 2) * np.finfo(dt).eps * mag)
