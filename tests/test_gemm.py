"""hcarray's own GEMM (cpp/cpu/gemm.cpp + cpp/cpu/simd/gemm_kernel_target.cpp) through matmul.

Oracle: NumPy. Accuracy contract: every element of a float32/float64 product lies within
    (K + 2) * eps * (|A| @ |B|)[i, j] + tiny
of the exact product (computed in float64 for float32 inputs, in long double for float64), K the
contracted length, eps the dtype's machine epsilon, tiny its smallest subnormal. This is the
standard bound for any summation order, so it holds for every blocking, tile and target.
float16/bfloat16 inputs accumulate in float32 and round once: compared with NumPy's float32
product of the same values, rounded to the input dtype (exact match up to one rounding).
Shapes cover the micro-tile edges (MR = 12, NR = 32/16 on AVX-512; 6 x 16/8 on AVX2; 4 x 4
scalar), the small path (every dimension <= 96), the mid-sized unpacked path (N, K <= 512; with
A's row panels packed from N, K >= 128), and the cache blocks (KC = 512/256, MC = 96/96,
NC = 512/512 for float32/float64).
"""

import os
import subprocess
import sys
import textwrap

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hcarray as hc
from strategies import assert_same

F32, F64 = np.dtype(np.float32), np.dtype(np.float64)
BF16 = np.dtype(ml_dtypes.bfloat16)


def _exact(a, b):
    if a.dtype == F32:
        return a.astype(np.float64) @ b.astype(np.float64), np.abs(a.astype(np.float64)) @ np.abs(b.astype(np.float64))
    la, lb = a.astype(np.longdouble), b.astype(np.longdouble)
    return la @ lb, np.abs(la) @ np.abs(lb)


def check_product(h, a, b):
    """h (hcarray) against the exact product of NumPy arrays a @ b, within the K*eps bound."""
    got = np.asarray(h)
    want = a @ b
    assert got.dtype == want.dtype and got.shape == want.shape
    if got.size == 0:
        return
    k = a.shape[-1]
    exact, mag = _exact(a, b)
    fi = np.finfo(a.dtype)
    bound = (k + 2) * fi.eps * mag + fi.smallest_subnormal
    err = np.abs(got.astype(exact.dtype) - exact)
    bad = ~(err <= bound)
    assert not bad.any(), (f"max error {err.max()} over bound at {np.argwhere(bad)[:3].tolist()}; "
                           f"shapes {a.shape} @ {b.shape}")


def _rand(rng, shape, dtype):
    return (rng.standard_normal(shape)).astype(dtype)


def _same_on_threads(f, threads=(1, 2, 3)):
    """f() computed with each thread count: asserts every result equals the first bit for bit
    and returns that one (the pool's size restored afterwards)."""
    old = hc.get_num_threads()
    try:
        res = []
        for t in threads:
            hc.set_num_threads(t)
            res.append(f())
    finally:
        hc.set_num_threads(old)
    for r in res[1:]:
        np.testing.assert_array_equal(res[0], r)
    return res[0]


SIZES = [1, 2, 3, 5, 11, 12, 13, 16, 17, 31, 32, 33, 47, 64, 95, 96, 97, 100, 129]


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("m", SIZES)
def test_square_and_edges(dtype, m):
    rng = np.random.default_rng(m)
    for n in (m, 1, 7, 33):
        for k in (m, 1, 3, 40):
            a, b = _rand(rng, (m, k), dtype), _rand(rng, (k, n), dtype)
            check_product(hc.asarray(a) @ hc.asarray(b), a, b)


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("shape", [
    (300, 257, 513),    # K over two float32 KC blocks (512), edges everywhere
    (300, 600, 1100),   # K over two float32 KC blocks, N over NC (512): blocked
    (800, 40, 300),     # M over several MC blocks (96)
    (400, 30, 70),      # M over several MC blocks (96)
    (97, 600, 600),     # M one row over an MC block, blocked path
    (20, 1100, 50),     # N over two NC blocks (512)
    (25, 530, 260),     # N over the NC block (512), K over the float64 KC (256)
    (12, 128, 128),     # one packed A row panel
    (13, 200, 130),     # two packed A row panels, the second overlapping
    (97, 97, 600),      # small M, N with K beyond the small path's limit
    (256, 256, 256),
    (333, 300, 400),    # mid-sized, unpacked (N, K <= 512): overlapping edge tiles
    (130, 500, 512),
    (50, 513, 100),     # N just over the unpacked limit: blocked
])
def test_blocked(dtype, shape):
    m, n, k = shape
    rng = np.random.default_rng(m * n + k)
    a, b = _rand(rng, (m, k), dtype), _rand(rng, (k, n), dtype)
    check_product(hc.asarray(a) @ hc.asarray(b), a, b)


def _layout(x, kind):
    """A view of a copy of x with the same values and the requested memory layout."""
    if kind == "c":
        return np.ascontiguousarray(x)
    if kind == "f":
        return np.asfortranarray(x)
    if kind == "step":  # every other row and column of a larger array
        big = np.zeros((2 * x.shape[0], 2 * x.shape[1]), x.dtype)
        big[::2, ::2] = x
        return big[::2, ::2]
    if kind == "neg":  # both axes reversed
        return np.ascontiguousarray(x[::-1, ::-1])[::-1, ::-1]
    if kind == "negrow":  # rows reversed, columns contiguous
        return np.ascontiguousarray(x[::-1])[::-1]
    if kind == "bcast0":  # zero strides are for vectors; here a column-step view
        big = np.zeros((x.shape[0], 3 * x.shape[1]), x.dtype)
        big[:, ::3] = x
        return big[:, ::3]
    raise AssertionError(kind)


LAYOUTS = ["c", "f", "step", "neg", "negrow", "bcast0"]


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("la", LAYOUTS)
@pytest.mark.parametrize("lb", LAYOUTS)
@pytest.mark.parametrize("shape", [(13, 35, 19), (70, 200, 300)])
def test_layouts(dtype, la, lb, shape):
    m, n, k = shape
    rng = np.random.default_rng(m + n)
    a0, b0 = _rand(rng, (m, k), dtype), _rand(rng, (k, n), dtype)
    a, b = _layout(a0, la), _layout(b0, lb)
    ha, hb = hc.asarray(a), hc.asarray(b)
    check_product(ha @ hb, a0, b0)
    # hcarray views of hcarray arrays (no copy through NumPy): transpose and negative steps.
    ht = hc.asarray(np.ascontiguousarray(b0.T))
    check_product(ha @ hc.matrix_transpose(ht), a0, b0)
    hr = hc.asarray(np.ascontiguousarray(a0[::-1]))[::-1]
    check_product(hr @ hb, a0, b0)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_unaligned(dtype):
    """Operands whose data pointer is not a multiple of the item size."""
    rng = np.random.default_rng(5)
    for m, n, k in [(5, 7, 9), (40, 50, 60), (200, 130, 270)]:
        a0, b0 = _rand(rng, (m, k), dtype), _rand(rng, (k, n), dtype)
        raw_a = np.zeros(a0.nbytes + 1, np.uint8)
        raw_b = np.zeros(b0.nbytes + 1, np.uint8)
        a = raw_a[1:].view(dtype).reshape(m, k)
        b = raw_b[1:].view(dtype).reshape(k, n)
        a[...] = a0
        b[...] = b0
        check_product(hc.asarray(a) @ hc.asarray(b), a0, b0)


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("bshape", [
    ((4, 16, 16), (4, 16, 16)),       # many small: parallel over the batch
    ((64, 8, 5), (64, 5, 9)),
    ((3, 1, 40, 30), (5, 30, 20)),    # broadcast batch dims
    ((2, 150, 140), (140, 130)),      # shared B: one merged GEMM
    ((3, 200, 100), (3, 100, 300)),   # large products one after another
    ((7, 33, 0), (7, 0, 12)),         # K = 0 in a batch
    ((0, 5, 6), (0, 6, 7)),           # empty batch
])
def test_batched(dtype, bshape):
    sa, sb = bshape
    rng = np.random.default_rng(len(sa) * 100 + sa[-1])
    a, b = _rand(rng, sa, dtype), _rand(rng, sb, dtype)
    h = hc.asarray(a) @ hc.asarray(b)
    want = a @ b
    assert h.shape == want.shape
    if want.size == 0 or a.shape[-1] == 0:
        assert_same(h, want)
        return
    ab, bb = np.broadcast_arrays(a[..., :1, :1], b[..., :1, :1])  # batch shapes only
    bshape_ = ab.shape[:-2]
    A = np.broadcast_to(a, bshape_ + a.shape[-2:])
    B = np.broadcast_to(b, bshape_ + b.shape[-2:])
    got = np.asarray(h)
    for idx in np.ndindex(*bshape_):
        check_product(hc.asarray(got[idx]), A[idx], B[idx])


@pytest.mark.parametrize("dtype", [F32, F64])
def test_k_zero_and_empty(dtype):
    for m, n in [(3, 4), (40, 70), (130, 2)]:
        a, b = np.ones((m, 0), dtype), np.ones((0, n), dtype)
        assert_same(hc.asarray(a) @ hc.asarray(b), np.zeros((m, n), dtype))
    for sa, sb in [((0, 5), (5, 3)), ((4, 5), (5, 0)), ((0, 0), (0, 0))]:
        a, b = np.ones(sa, dtype), np.ones(sb, dtype)
        assert_same(hc.asarray(a) @ hc.asarray(b), a @ b)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_large_product_threads_do_not_change_results(dtype):
    """Large blocked products split over the threads: several depth (KC) and column (NC)
    blocks, edge tiles, a transposed A, and more threads than CPUs give bitwise the one-thread
    result."""
    rng = np.random.default_rng(11)
    a = _rand(rng, (1100, 611), dtype).T  # (611, 1100), columns contiguous
    b = _rand(rng, (1100, 1030), dtype)
    r = _same_on_threads(lambda: np.asarray(hc.asarray(a) @ hc.asarray(b)), (1, 2, 3, 5))
    check_product(hc.asarray(r), a, b)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_threads_do_not_change_results(dtype):
    """Each tile is computed the same way whatever the split: bitwise-equal results."""
    rng = np.random.default_rng(9)
    a, b = _rand(rng, (333, 517), dtype), _rand(rng, (517, 289), dtype)
    ba, bb = _rand(rng, (16, 20, 24), dtype), _rand(rng, (16, 24, 28), dtype)
    # small products split by row panels over the threads (overlapping last panels)
    sa, sb = _rand(rng, (300, 64), dtype), _rand(rng, (64, 270), dtype)
    # mid-sized: A's row panels packed one at a time, the last one overlapping
    ma, mb = _rand(rng, (250, 256), dtype), _rand(rng, (256, 200), dtype)
    old = hc.get_num_threads() if hasattr(hc, "get_num_threads") else None
    try:
        hc.set_num_threads(1)
        one = np.asarray(hc.asarray(a) @ hc.asarray(b))
        one_b = np.asarray(hc.asarray(ba) @ hc.asarray(bb))
        one_s = np.asarray(hc.asarray(sa) @ hc.asarray(sb))
        one_m = np.asarray(hc.asarray(ma) @ hc.asarray(mb))
        hc.set_num_threads(2)
        two = np.asarray(hc.asarray(a) @ hc.asarray(b))
        two_b = np.asarray(hc.asarray(ba) @ hc.asarray(bb))
        two_s = np.asarray(hc.asarray(sa) @ hc.asarray(sb))
        two_m = np.asarray(hc.asarray(ma) @ hc.asarray(mb))
    finally:
        hc.set_num_threads(old if old else os.cpu_count() or 1)
    np.testing.assert_array_equal(one, two)
    np.testing.assert_array_equal(one_b, two_b)
    np.testing.assert_array_equal(one_s, two_s)
    np.testing.assert_array_equal(one_m, two_m)
    check_product(hc.asarray(two_s), sa, sb)
    check_product(hc.asarray(two_m), ma, mb)
    check_product(hc.asarray(two), a, b)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_special_values(dtype):
    """inf and NaN propagate where NumPy's do (padding of edge tiles adds nothing)."""
    rng = np.random.default_rng(3)
    for m, n, k in [(13, 35, 19), (70, 100, 300)]:
        a, b = _rand(rng, (m, k), dtype), _rand(rng, (k, n), dtype)
        a[1, 2] = np.inf
        b[3, 4] = np.nan
        b[5, :] = -np.inf
        with np.errstate(all="ignore"):
            want = a @ b
        got = np.asarray(hc.asarray(a) @ hc.asarray(b))
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
        np.testing.assert_array_equal(np.isinf(got), np.isinf(want))
        fin = np.isfinite(want)
        np.testing.assert_array_equal(np.sign(got[fin]), np.sign(want[fin]))


@pytest.mark.parametrize("dtype", [np.dtype(np.float16), BF16])
@pytest.mark.parametrize("shape", [(5, 6, 7), (40, 33, 300), (130, 70, 50)])
def test_half_accumulates_in_float32(dtype, shape):
    m, n, k = shape
    rng = np.random.default_rng(k)
    a = rng.uniform(-2, 2, (m, k)).astype(dtype)
    b = rng.uniform(-2, 2, (k, n)).astype(dtype)
    got = hc.asarray(a) @ hc.asarray(b)
    assert got.dtype == dtype
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    ref32 = np.asarray(hc.asarray(a32) @ hc.asarray(b32))
    np.testing.assert_array_equal(np.asarray(got).astype(np.float32), ref32.astype(dtype).astype(np.float32))
    check_product(hc.asarray(ref32), a32, b32)


@settings(max_examples=int(os.environ.get("GEMM_EXAMPLES", "60")), deadline=None)
@given(m=st.integers(1, 70), n=st.integers(1, 70), k=st.integers(0, 70),
       dtype=st.sampled_from([F32, F64]), la=st.sampled_from(LAYOUTS),
       lb=st.sampled_from(LAYOUTS), seed=st.integers(0, 2**31))
def test_hypothesis_layouts(m, n, k, dtype, la, lb, seed):
    rng = np.random.default_rng(seed)
    a0, b0 = _rand(rng, (m, k), dtype), _rand(rng, (k, n), dtype)
    if k == 0:
        assert_same(hc.asarray(_layout(a0, la)) @ hc.asarray(_layout(b0, lb)), a0 @ b0)
        return
    check_product(hc.asarray(_layout(a0, la)) @ hc.asarray(_layout(b0, lb)), a0, b0)


# Matrix-vector products (M == 1 or N == 1): vectorised dot products of contiguous rows or axpy
# over contiguous columns (cpp/cpu/gemm.cpp gemv), split over the threads from 2^17 multiply-adds.
# Sizes around the kernels' blocks: 4 rows, 2 vectors of depth, 8 vectors of columns (AVX-512
# float32: 32 and 128), with the matrix in either order, strided vectors, and a matrix with
# neither rows nor columns contiguous (the generic loops).
@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("n, k", [(1, 1), (3, 31), (4, 32), (5, 33), (127, 129), (129, 127),
                                  (300, 1000), (1000, 300), (2, 4100)])
def test_matrix_vector(dtype, n, k):
    rng = np.random.default_rng(n * 7 + k)
    a = _rand(rng, (n, k), dtype)
    x, y = _rand(rng, k * 2, dtype), _rand(rng, n, dtype)
    xs = x[::2]  # strided vector
    for ha, na in ((hc.asarray(a), a), (hc.asarray(np.asfortranarray(a)), a)):
        check_product(ha @ hc.asarray(x[:k]), na, x[:k])
        check_product(ha @ hc.asarray(x)[::2], na, xs)
        check_product(hc.asarray(y) @ ha, y, na)
        check_product(ha.T @ hc.asarray(y), na.T, y)
        check_product(hc.asarray(x[:k]) @ ha.T, x[:k], na.T)
    big = _rand(rng, (n, 2 * k), dtype)
    check_product(hc.asarray(big)[:, ::2] @ hc.asarray(x[:k]), big[:, ::2], x[:k])  # no contiguous axis
    check_product(hc.asarray(y)[None, :] @ hc.asarray(a), y[None, :], a)  # 2-D, M == 1
    check_product(hc.asarray(a) @ hc.asarray(x[:k])[:, None], a, x[:k][:, None])  # 2-D, N == 1


@pytest.mark.parametrize("dtype", [F32, F64])
def test_matrix_vector_threads_do_not_change_results(dtype):
    rng = np.random.default_rng(3)
    a = _rand(rng, (1003, 517), dtype)
    x, y = _rand(rng, 517, dtype), _rand(rng, 1003, dtype)
    old = hc.get_num_threads()
    res = []
    try:
        for t in (1, 2, 3):
            hc.set_num_threads(t)
            res.append([np.asarray(hc.asarray(a) @ hc.asarray(x)),
                        np.asarray(hc.asarray(y) @ hc.asarray(a)),
                        np.asarray(hc.asarray(a).T @ hc.asarray(y))])
    finally:
        hc.set_num_threads(old)
    for r in res[1:]:
        for got, want in zip(r, res[0]):
            np.testing.assert_array_equal(got, want)
    check_product(hc.asarray(res[1][0]), a, x)


_TARGET_SCRIPT = textwrap.dedent("""
    import numpy as np, hcarray as hc
    rng = np.random.default_rng(1)
    worst = 0.0
    for dt in (np.float32, np.float64):
        for m, n, k in [(1, 1, 1), (3, 5, 7), (13, 35, 19), (64, 64, 64), (97, 33, 130),
                        (300, 257, 513), (20, 1100, 50),
                        (1, 300, 70), (1, 1029, 33), (301, 1, 70), (7, 1, 1029)]:  # matrix-vector
            a = rng.standard_normal((m, k)).astype(dt)
            b = rng.standard_normal((k, n)).astype(dt)
            for x, y in ((a, b), (np.asfortranarray(a), b[::-1][::-1]), (a, np.asfortranarray(b))):
                got = np.asarray(hc.asarray(x) @ hc.asarray(y)).astype(np.longdouble)
                ex = a.astype(np.longdouble) @ b.astype(np.longdouble)
                mag = np.abs(a.astype(np.longdouble)) @ np.abs(b.astype(np.longdouble))
                r = float((np.abs(got - ex) / ((k + 2) * np.finfo(dt).eps * mag
                                             + np.finfo(dt).smallest_subnormal)).max())
                worst = max(worst, r)
    print(worst)
""")


@pytest.mark.parametrize("target", ["avx512", "avx2", "neon", "scalar"])
def test_each_simd_target(target):
    """Every micro-kernel built for this machine, forced with HCARRAY_SIMD (a target this CPU
    cannot run falls back to the best one, so the products must still be right)."""
    env = dict(os.environ, HCARRAY_SIMD=target)
    r = subprocess.run([sys.executable, "-c", _TARGET_SCRIPT], env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert float(r.stdout.strip()) <= 1.0, r.stdout


def test_bad_input():
    with pytest.raises(ValueError, match="matmul"):
        hc.ones((3, 4), dtype=hc.float32) @ hc.ones((5, 6), dtype=hc.float32)
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(hc.ones((2, 3, 4)), hc.ones((3, 4, 5)))
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(hc.asarray(1.0), hc.ones((2, 2)))
    with pytest.raises(ValueError, match="matmul"):
        hc.matmul(hc.ones((2, 2)), 1.0)
    with pytest.raises(TypeError):
        hc.ones((2, 2)) @ "x"


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("width", [1000, 4096 // 4, 4096 // 8, 2048])
def test_slices_of_wide_arrays(dtype, width):
    # Operands that are slices of wider arrays: B's rows far apart (the kernels prefetch along
    # the row stride) or a multiple of 4 KiB apart (those products pack B).
    rng = np.random.default_rng(width)
    big_a, big_b = _rand(rng, (300, width), dtype), _rand(rng, (400, width), dtype)
    for m, n, k in [(250, 200, 300), (64, 64, 64), (97, 300, 130), (13, 40, 400)]:
        a, b = big_a[:m, :k], big_b[:k, :n]
        check_product(hc.asarray(big_a)[:m, :k] @ hc.asarray(big_b)[:k, :n], a, b)


# Complex products run through the real GEMM (A as a real M x 2K matrix, B' built from B's
# parts; cpp/cpu/matmul.cpp gemm_complex_real) from 4096 multiply-adds, the portable complex
# kernel below that. Checked against a long double reference within 2 (2K + 2) eps |a| @ |b|
# per part, for every layout the packing and the A copy take, and bitwise across threads.
@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
@pytest.mark.parametrize("m, k, n", [(3, 4, 5), (16, 16, 16), (33, 17, 40), (100, 129, 97),
                                     (1, 300, 7), (64, 1, 64), (200, 600, 50)])
@pytest.mark.parametrize("layout", ["c", "a_t", "b_t", "neg", "slices"])
def test_complex_products(dtype, m, k, n, layout):
    rng = np.random.default_rng(m * 1000 + k * 10 + n)

    def rnd(shape):
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)

    if layout == "a_t":
        a, b = rnd((k, m)).T, rnd((k, n))
    elif layout == "b_t":
        a, b = rnd((m, k)), rnd((n, k)).T
    elif layout == "neg":
        a, b = rnd((m, k))[::-1], rnd((k, n))[:, ::-1]
    elif layout == "slices":
        a, b = rnd((m, 2 * k))[:, ::2], rnd((2 * k, n + 3))[::2, 1:-2]
    else:
        a, b = rnd((m, k)), rnd((k, n))
    got = np.asarray(hc.asarray(a) @ hc.asarray(b))
    assert got.dtype == (a @ b).dtype and got.shape == (m, n)
    exact = a.astype(np.clongdouble) @ b.astype(np.clongdouble)
    mag = np.abs(a).astype(np.longdouble) @ np.abs(b).astype(np.longdouble)
    bound = 2 * (2 * k + 2) * np.finfo(dtype).eps * mag + np.finfo(dtype).smallest_subnormal
    for part in (np.real, np.imag):
        err = np.abs(part(got).astype(np.longdouble) - part(exact))
        assert (err <= bound).all(), f"{part.__name__}: max error {err.max()}"
    _same_on_threads(lambda: np.asarray(hc.asarray(a) @ hc.asarray(b)))


def test_complex_product_nan_propagates_as_numpy():
    # (With infinities the parts that come out NaN depend on how a kernel pairs the products:
    # NumPy itself differs between its BLAS and non-BLAS loops, so only NaN is compared.)
    a = np.array([[3 + 0j, 1 + 1j], [np.nan + 1j, 2 - 1j]], np.complex128)
    b = np.array([[1 + 0j, 0 + 1j], [2 + 0j, 1 - 1j]], np.complex128)
    for x, y in ((a, b), (np.tile(a, (20, 20)), np.tile(b, (20, 20)))):  # both kernels
        with np.errstate(all="ignore"):
            want = x @ y
        got = np.asarray(hc.asarray(x) @ hc.asarray(y))
        for part in (np.real, np.imag):
            np.testing.assert_array_equal(np.isnan(part(got)), np.isnan(part(want)))
            fin = ~np.isnan(part(want))
            np.testing.assert_array_equal(part(got)[fin], part(want)[fin])


# Single-output products (vector dot products) use their own kernel (eight accumulators) and,
# from 2^15 terms, 16 fixed chunks summed in order: bitwise the same on 1, 2 or 3 threads, and
# within the K eps bound of the exact sum, for every length around the block edges.
@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("k", [1, 2, 15, 16, 17, 127, 128, 129, 1000, 32767, 32768, 32769,
                               100_003, 1_000_000])
def test_dot_product_kernel(dtype, k):
    rng = np.random.default_rng(k)
    a, b = _rand(rng, k, dtype), _rand(rng, k, dtype)
    r = _same_on_threads(lambda: np.asarray(hc.asarray(a) @ hc.asarray(b)))
    np.testing.assert_array_equal(np.asarray(hc.dot(hc.asarray(a), hc.asarray(b))), r)
    check_product(hc.asarray(r), a, b)
