"""argmax, argmin, count_nonzero, nonzero, searchsorted (and where's re-export) against NumPy:
every dtype x shapes x strides, NaNs, empty arrays, bad input."""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import ALL, BOOL, COMPLEX, FLOAT, HALF, INTEGRAL, REAL, assert_same, np_arrays, pair

BF16 = np.dtype(ml_dtypes.bfloat16)


def ref(a):
    return a.astype(np.float32) if a.dtype in HALF else a


@st.composite
def axes_for(draw, ndim):
    if ndim == 0 or draw(st.booleans()):
        return None
    axes = draw(st.lists(st.integers(-ndim, ndim - 1), min_size=1, max_size=ndim,
                         unique_by=lambda a: a % ndim))
    return axes[0] if len(axes) == 1 and draw(st.booleans()) else tuple(axes)


# ---- argmax / argmin -------------------------------------------------------------------------

@given(pair(dtypes=ALL), st.data())
def test_argmax_argmin(p, data):
    a, h = p
    axis = data.draw(st.none() | st.integers(-a.ndim, a.ndim - 1) if a.ndim else st.none())
    keepdims = data.draw(st.booleans())
    for name in ("argmax", "argmin"):
        try:
            expected = getattr(np, name)(ref(a), axis=axis, keepdims=keepdims)
        except ValueError:
            with pytest.raises(ValueError, match=name):
                getattr(hc, name)(h, axis=axis, keepdims=keepdims)
            continue
        assert_same(getattr(hc, name)(h, axis=axis, keepdims=keepdims), np.asarray(expected, np.int64))


def test_argmax_nan_and_ties():
    a = np.array([[1.0, 3.0, 3.0, np.nan, np.nan], [-np.inf, -np.inf, 0.0, -0.0, np.inf]])
    h = hc.asarray(a)
    for axis in (None, 0, 1, -1):
        for name in ("argmax", "argmin"):
            assert_same(getattr(hc, name)(h, axis=axis), np.asarray(getattr(np, name)(a, axis=axis)))
    assert int(hc.argmax(h)) == 3 and int(hc.argmin(h)) == 3  # the first NaN, as NumPy


@pytest.mark.parametrize("dtype", COMPLEX)
def test_argmax_complex(dtype):
    n = np.nan
    for vals in ([1 + 2j, 2 - 1j, 2 + 0j, 2 - 5j], [3 + 0j, complex(1, n), 5 + 5j],
                 [0j, complex(n, 0), complex(n, n)]):
        a = np.array(vals, dtype=dtype)
        h = hc.asarray(a)
        assert int(hc.argmax(h)) == np.argmax(a)
        assert int(hc.argmin(h)) == np.argmin(a)


def test_argmax_0d_and_empty():
    h = hc.asarray(np.float32(4))
    for axis in (None, 0, -1):
        assert_same(hc.argmax(h, axis=axis), np.asarray(np.argmax(np.float32(4), axis=axis)))
    assert_same(hc.argmin(h, keepdims=True), np.asarray(0))
    with pytest.raises((IndexError, ValueError), match="argmax"):
        hc.argmax(h, axis=1)
    for shape, axis in [((0,), None), ((0,), 0), ((3, 0), 1), ((0, 0), 1)]:
        e = hc.zeros(shape)
        with pytest.raises(ValueError, match="argmax"):
            hc.argmax(e, axis=axis)
        with pytest.raises(ValueError, match="argmin"):
            hc.argmin(e, axis=axis)
    # Empty lanes elsewhere but a non-empty axis: an empty result, as NumPy.
    assert_same(hc.argmax(hc.zeros((0, 3)), axis=1), np.argmax(np.zeros((0, 3)), axis=1))
    assert_same(hc.argmin(hc.zeros((0, 3)), axis=1, keepdims=True),
                np.argmin(np.zeros((0, 3)), axis=1, keepdims=True))


@pytest.mark.parametrize("name", ["argmax", "argmin"])
def test_argmax_bad_input(name):
    fn = getattr(hc, name)
    h = hc.ones((2, 3))
    with pytest.raises(TypeError, match=name):
        getattr(hc._searching_functions, name)([1, 2, 3])  # the standard's: hcarray only
    assert_same(fn([1, 3, 2]), getattr(np, name)([1, 3, 2]))  # NumPy's: array_likes
    assert_same(fn(np.eye(3)[::-1], axis=0), getattr(np, name)(np.eye(3)[::-1], axis=0))
    with pytest.raises((IndexError, ValueError), match=name):
        fn(h, axis=2)
    with pytest.raises(TypeError, match=name):
        fn(h, axis=(0, 1))
    with pytest.raises(TypeError, match=name):
        fn(h, axis=0.5)
    with pytest.raises(TypeError, match=name):
        getattr(hc._searching_functions, name)(h, keepdims="no")  # the standard's: a bool
    # NumPy's argmax/argmin take keepdims by truth value.
    a = np.arange(6.0).reshape(2, 3)
    assert_same(fn(hc.asarray(a), axis=1, keepdims="no"), getattr(np, name)(a, axis=1, keepdims="no"))


# ---- count_nonzero ---------------------------------------------------------------------------

@given(pair(dtypes=ALL), st.data())
def test_count_nonzero(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    keepdims = data.draw(st.booleans())
    expected = np.count_nonzero(ref(a), axis=axis, keepdims=keepdims)
    assert_same(hc.count_nonzero(h, axis=axis, keepdims=keepdims), np.asarray(expected, np.int64))


def test_count_nonzero_special_values():
    n = np.nan
    a = np.array([0.0, -0.0, n, np.inf, 1e-300])
    assert int(hc.count_nonzero(hc.asarray(a))) == 3
    c = np.array([0j, complex(0, -0.0), complex(0, 1), complex(n, 0), complex(-0.0, 0)])
    assert int(hc.count_nonzero(hc.asarray(c))) == 2
    assert_same(hc.count_nonzero(hc.zeros((0, 3)), axis=0), np.zeros(3, np.int64))
    # axis=(): nothing reduced, as NumPy.
    b = np.array([[0, 2], [3, 0]], np.int8)
    assert_same(hc.count_nonzero(hc.asarray(b), axis=()), np.count_nonzero(b, axis=()))


def test_count_nonzero_bad_input():
    h = hc.ones((2, 3))
    with pytest.raises(TypeError, match="count_nonzero"):
        hc._searching_functions.count_nonzero(np.ones(3))  # the standard's: hcarray only
    assert_same(hc.count_nonzero([[0, 1], [2, 0]], axis=0),  # NumPy's: array_likes
                np.count_nonzero([[0, 1], [2, 0]], axis=0))
    with pytest.raises((IndexError, ValueError), match="count_nonzero"):
        hc.count_nonzero(h, axis=2)
    with pytest.raises((IndexError, ValueError), match="count_nonzero"):
        hc.count_nonzero(h, axis=(0, -3))
    with pytest.raises(ValueError, match="count_nonzero"):
        hc.count_nonzero(h, axis=(1, -1))
    with pytest.raises(TypeError, match="count_nonzero"):
        hc.count_nonzero(h, axis=1.0)


# ---- nonzero ---------------------------------------------------------------------------------

@given(pair(dtypes=ALL, shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=5)))
def test_nonzero(p):
    a, h = p
    got = hc.nonzero(h)
    expected = np.nonzero(ref(a))
    assert isinstance(got, tuple) and len(got) == a.ndim
    for g, e in zip(got, expected):
        assert_same(g, e.astype(np.int64))


@pytest.mark.parametrize("dtype", [np.bool_, np.int8, np.float64, np.complex64, BF16])
def test_nonzero_0d_raises(dtype):
    with pytest.raises(ValueError, match="nonzero"):
        hc.nonzero(hc.asarray(np.ones((), dtype=dtype)))
    with pytest.raises(TypeError, match="nonzero"):
        hc._searching_functions.nonzero(np.ones(3))  # the standard's: hcarray only
    a = np.array([0, 1, 2, 0], dtype=dtype)
    got, expected = hc.nonzero(a), np.nonzero(a)  # NumPy's: array_likes
    assert isinstance(got, tuple) and len(got) == 1
    assert_same(got[0], expected[0])
    with pytest.raises(ValueError, match="nonzero"):
        hc.nonzero(np.ones((), dtype=dtype))


# ---- searchsorted ----------------------------------------------------------------------------

@given(np_arrays(dtypes=REAL + HALF + BOOL, shape=hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=12)),
       st.data())
def test_searchsorted(x1, data):
    x2 = data.draw(np_arrays(dtypes=[x1.dtype]), label="x2")
    side = data.draw(st.sampled_from(["left", "right"]), label="side")
    use_sorter = data.draw(st.booleans(), label="use_sorter")
    r1, r2 = ref(x1), ref(x2)
    if use_sorter:
        sorter = np.argsort(r1, kind="stable")
        expected = np.searchsorted(r1, r2, side=side, sorter=sorter)
        got = hc.searchsorted(hc.asarray(x1), hc.asarray(x2), side=side, sorter=hc.asarray(sorter))
    else:
        s = np.sort(x1) if x1.dtype != BF16 else np.sort(r1).astype(BF16)
        expected = np.searchsorted(ref(s), r2, side=side)
        got = hc.searchsorted(hc.asarray(s), hc.asarray(x2), side=side)
    assert_same(got, np.asarray(expected, np.int64))


def test_searchsorted_nan_and_strides():
    base = np.array([np.nan, 5.0, 3.0, 1.0, np.inf, -1.0, np.nan, 0.0])
    s = np.sort(base)  # [-1, 0, 1, 3, 5, inf, nan, nan]
    v = np.array([[np.nan, -np.inf], [1.0, np.inf], [6.0, -0.0]])
    h1 = hc.asarray(s[::-1])[::-1]  # a negative-stride view of a reversed copy: same values
    for side in ("left", "right"):
        assert_same(hc.searchsorted(h1, hc.asarray(v.T), side=side),
                    np.searchsorted(s, v.T, side=side))
        assert_same(hc.searchsorted(h1[::2], hc.asarray(v)[:, ::-1], side=side),
                    np.searchsorted(s[::2], v[:, ::-1], side=side))


def test_searchsorted_mixed_and_scalars():
    i8 = np.array([-5, 0, 3, 100], np.int8)
    h = hc.asarray(i8)
    for v in (2, 300, -200, 2.5, True):
        assert_same(hc.searchsorted(h, v), np.asarray(np.searchsorted(i8, v), np.int64))
        assert hc.searchsorted(h, v).shape == ()
    f = np.array([0.5, 1.5, 2.5])
    assert_same(hc.searchsorted(hc.asarray(f), hc.asarray(np.array([1, 2], np.int16))),
                np.searchsorted(f, np.array([1, 2], np.int16)))
    assert_same(hc.searchsorted(hc.asarray(f), hc.asarray(np.zeros((2, 0)))), np.zeros((2, 0), np.int64))
    assert_same(hc.searchsorted(hc.asarray(np.zeros(0)), hc.asarray(f)), np.zeros(3, np.int64))


def test_searchsorted_bad_input():
    x1 = hc.asarray(np.array([1.0, 2.0, 3.0]))
    x2 = hc.asarray(np.array([2.0]))
    strict = hc._searching_functions.searchsorted  # the standard's: hcarray operands
    with pytest.raises(ValueError, match="searchsorted"):
        hc.searchsorted(hc.ones((2, 2)), x2)
    with pytest.raises(ValueError, match="searchsorted"):
        hc.searchsorted(hc.asarray(1.0), x2)
    with pytest.raises(TypeError, match="searchsorted"):
        strict([1, 2, 3], x2)
    with pytest.raises(TypeError, match="searchsorted"):
        strict(x1, "a")
    with pytest.raises(ValueError, match="searchsorted"):
        hc.searchsorted(x1, x2, side="middle")
    with pytest.raises(TypeError, match="searchsorted"):
        hc.searchsorted(x1, x2, sorter=hc.asarray(np.array([0.0, 1.0, 2.0])))
    with pytest.raises(ValueError, match="searchsorted"):
        hc.searchsorted(x1, x2, sorter=hc.asarray(np.array([0, 1])))
    with pytest.raises(ValueError, match="searchsorted"):
        hc.searchsorted(x1, x2, sorter=hc.asarray(np.array([0, 1, 3])))
    with pytest.raises(ValueError, match="searchsorted"):
        hc.searchsorted(x1, x2, sorter=hc.asarray(np.array([0, -1, 2])))
    with pytest.raises(TypeError, match="searchsorted"):
        strict(x1, x2, sorter=[0, 1, 2])
    with pytest.raises(TypeError):
        strict(x1, x2, "left")  # the standard's side is keyword-only
    # The top-level searchsorted is NumPy's: array_likes, side positional, NumPy's errors.
    a = np.array([1.0, 2.0, 3.0])
    assert_same(hc.searchsorted([1, 2, 3], x2), np.searchsorted([1, 2, 3], [2.0]))
    assert_same(hc.searchsorted(x1, [0.5, 2.0], "right"), np.searchsorted(a, [0.5, 2.0], "right"))
    assert_same(hc.searchsorted(x1, 2.5), np.searchsorted(a, 2.5))
    assert_same(hc.searchsorted(x1, x2, sorter=[0, 1, 2]), np.searchsorted(a, [2.0], sorter=[0, 1, 2]))
    for bad in (dict(side="middle"), dict(sorter=np.array([0, 1]))):
        with pytest.raises(Exception) as e:
            np.searchsorted(a, [2.0], **bad)
        with pytest.raises(e.type, match="searchsorted"):
            hc.searchsorted(x1, x2, **bad)
    with pytest.raises(TypeError, match="searchsorted"):
        hc.searchsorted(x1, x2, sorter=np.array([0.0, 1.0, 2.0]))


def test_where_reexported():
    from hcarray import _searching_functions, _utility
    assert _searching_functions.where is _utility.where
    # The top-level where is NumPy's: where(c) is nonzero(c), array_likes, any condition.
    cl = [[0, 1], [2, 0]]
    got, expected = hc.where(cl), np.where(cl)
    assert isinstance(got, tuple) and len(got) == len(expected) == 2
    for g, e in zip(got, expected):
        assert_same(g, e)
    assert_same(hc.where([1, 0, 2], [1, 2, 3], -1.5), np.where([1, 0, 2], [1, 2, 3], -1.5))
    with pytest.raises(ValueError, match="where"):
        hc.where([True], [1])
    c = np.array([True, False, True])
    assert_same(hc.where(hc.asarray(c), hc.asarray(np.arange(3.0)), 7.0), np.where(c, np.arange(3.0), 7.0))


# The vectorised argmax/argmin of contiguous lanes (cpu/reduce_simd_impl.h contig_arg): chunks
# of 2048 elements, the first chunk reaching the extreme rescanned.


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int8, np.int16, np.int32, np.int64,
                                   np.uint8, np.uint16, np.uint32, np.uint64])
@pytest.mark.parametrize("n", [1, 7, 31, 33, 100, 2047, 2048, 2049, 4097, 8193, 100_003])
def test_argmax_contiguous_runs(dtype, n):
    rng = np.random.default_rng(n)
    dt = np.dtype(dtype)
    few = rng.integers(0, 4, n).astype(dt)  # many ties: the first occurrence must win
    if dt.kind == "f":
        full = (rng.standard_normal(n) * 1e3).astype(dt)
    else:
        info = np.iinfo(dt)
        full = rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)
    for a in (few, full):
        for name in ("argmax", "argmin"):
            f, g = getattr(hc, name), getattr(np, name)
            assert_same(f(hc.asarray(a)), g(a))
            if n > 1:
                m = a[: n - n % 2].reshape(2, -1)
                assert_same(f(hc.asarray(m), axis=1), g(m, axis=1))
                assert_same(f(hc.asarray(m), axis=1, keepdims=True), g(m, axis=1, keepdims=True))
    # The extreme at chunk edges and the very end; equal extremes in two chunks.
    for pos in {0, n // 2, min(2047, n - 1), min(2048, n - 1), min(4096, n - 1), n - 1}:
        a = few.copy()
        a[pos] = 9
        assert int(np.asarray(hc.argmax(hc.asarray(a)))) == int(np.argmax(a))
        a[n - 1] = 9
        assert int(np.asarray(hc.argmax(hc.asarray(a)))) == int(np.argmax(a))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [5, 64, 4097, 20_000])
def test_argmax_contiguous_nan_and_zeros(dtype, n):
    """The first NaN wins for both argmax and argmin wherever it sits (chunk edges included);
    -0.0 and +0.0 are the same extreme, so the first of either is found (NumPy)."""
    rng = np.random.default_rng(3)
    base = rng.standard_normal(n).astype(dtype)
    for pos in sorted({0, 1, n // 2, min(2047, n - 1), min(2048, n - 1), min(4096, n - 1), n - 1}):
        a = base.copy()
        a[pos] = np.nan
        a[-1] = np.nan
        for name in ("argmax", "argmin"):
            assert int(np.asarray(getattr(hc, name)(hc.asarray(a)))) == int(getattr(np, name)(a)) == pos
    z = np.zeros(n, dtype)
    z[::3] = -0.0
    z[n // 2] = -1.0
    for a in (z, -z, z[::-1].copy()):
        for name in ("argmax", "argmin"):
            assert int(np.asarray(getattr(hc, name)(hc.asarray(a)))) == int(getattr(np, name)(a))
    inf = base.copy()
    inf[n // 3] = np.inf
    inf[n - 1] = np.inf
    inf[n // 4] = -np.inf
    for name in ("argmax", "argmin"):
        assert int(np.asarray(getattr(hc, name)(hc.asarray(inf)))) == int(getattr(np, name)(inf))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64, np.uint32])
@pytest.mark.parametrize("n", [31, 32, 33, 47, 63, 64, 65, 100, 129, 1000, 2048])
def test_argmax_short_rows_every_position(dtype, n):
    """Rows of up to 2048 elements take one pass with an index per lane and a last, overlapping
    step over the final K elements (contig_arg's short_arg): row p holds the extreme at p and
    again at a later position (and, for floats, another row set holds NaN at p and later), so
    every position, lane and the overlap are checked for the first occurrence."""
    rng = np.random.default_rng(n)
    dt = np.dtype(dtype)
    base = rng.integers(10, 20, (n, n)).astype(dt)
    later = np.array([rng.integers(p, n) for p in range(n)])
    for name, ext in (("argmax", 30), ("argmin", 1)):
        a = base.copy()
        a[np.arange(n), np.arange(n)] = ext
        a[np.arange(n), later] = ext
        assert_same(getattr(hc, name)(hc.asarray(a), axis=1), getattr(np, name)(a, axis=1))
        assert_same(getattr(hc, name)(hc.asarray(a[:, ::-1]), axis=1), getattr(np, name)(a[:, ::-1], axis=1))
        if dt.kind == "f":
            b = base.copy()
            b[np.arange(n), np.arange(n)] = np.nan
            b[np.arange(n), later] = np.nan
            b[:, 0] = ext  # an extreme before the NaN does not win
            b[0, 0] = np.nan
            assert_same(getattr(hc, name)(hc.asarray(b), axis=1), getattr(np, name)(b, axis=1))
            z = np.zeros((n, n), dt)
            z[np.arange(n), later] = -0.0
            assert_same(getattr(hc, name)(hc.asarray(z), axis=1), getattr(np, name)(z, axis=1))


# argmax/argmin along a strided axis with a contiguous kept axis of 8+ elements are vectorised
# across that axis (cpp/cpu/search.cpp outer_arg, cpu/reduce_simd_impl.h outer_arg).


@st.composite
def strided_axis_case(draw):
    """An array with a contiguous axis of 8..70 elements and up to 3 more, sliced with steps in
    {1, 2, -1, -2} and maybe transposed, few distinct values (many ties) and maybe NaN/-0.0."""
    ndim = draw(st.integers(2, 4))
    lead = draw(st.lists(st.integers(1, 9), min_size=ndim - 1, max_size=ndim - 1))
    shape = tuple(lead) + (draw(st.integers(8, 70)),)
    dtype = draw(st.sampled_from(REAL + BOOL + HALF))
    full = tuple(2 * s for s in shape)
    vals = draw(hnp.arrays(np.int8, full, elements=st.integers(-3, 3)))
    a = vals.astype(dtype)
    if a.dtype.kind == "f" or a.dtype in HALF:
        special = draw(hnp.arrays(np.int8, full, elements=st.sampled_from([0] * 12 + [1, 2])))
        a[special == 1] = np.nan
        a[special == 2] = -0.0
    steps = draw(st.lists(st.sampled_from([1, 2, -1, -2]), min_size=ndim, max_size=ndim))
    a = a[tuple(slice(None, None, s) for s in steps)][tuple(slice(0, n) for n in shape)]
    if draw(st.booleans()):
        a = a.transpose(draw(st.permutations(range(ndim))))
    return a, draw(st.integers(-ndim, ndim - 1))


@given(strided_axis_case(), st.booleans())
def test_argmax_strided_axis(case, keep):
    a, axis = case
    h = hc.asarray(a)
    for name in ("argmax", "argmin"):
        assert_same(getattr(hc, name)(h, axis=axis, keepdims=keep),
                    getattr(np, name)(ref(a), axis=axis, keepdims=keep))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int8, np.uint16, np.int32, np.int64])
def test_argmax_axis0_first_occurrence_and_nan(dtype):
    """Along axis 0 of C-ordered (and reversed / strided) matrices: the first of equal extremes,
    the first NaN wherever it is (first row, after the extreme, several NaNs in a column),
    -0.0/+0.0 ties, columns at block edges (512 per block)."""
    rng = np.random.default_rng(4)
    a = rng.integers(10, 90, size=(41, 1100)).astype(dtype)
    a[[3, 17, 30], 5] = 100          # ties of the maximum: the first (3) wins
    a[[2, 9], 6] = 0                 # ties of the minimum
    a[:, 7] = 1                      # all equal: 0
    if a.dtype.kind == "f":
        a[0, 8] = np.nan             # NaN in the first row
        a[[20, 25], 9] = np.nan      # the first of two NaNs
        a[40, 10] = np.nan           # NaN in the last row, after the extreme
        a[:, 511:514] = 0.0
        a[[4, 6], 512] = -0.0
        a[10, 1099] = np.inf
        a[11, 1098] = -np.inf
    for v in (a, a[::-1], a[:, ::-1], a[::3, 1::2], a[::-2, ::-3]):
        h = hc.asarray(v)
        for name in ("argmax", "argmin"):
            assert_same(getattr(hc, name)(h, axis=0), getattr(np, name)(v, axis=0))
            assert_same(getattr(hc, name)(h, axis=0, keepdims=True),
                        getattr(np, name)(v, axis=0, keepdims=True))
    b = a.reshape(41, 11, 100)
    for axis in (0, 1):
        for name in ("argmax", "argmin"):
            assert_same(getattr(hc, name)(hc.asarray(b), axis=axis), getattr(np, name)(b, axis=axis))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int8, np.uint16, np.int64])
@pytest.mark.parametrize("shape", [(8, 8), (9, 10), (100, 10), (1001, 8), (257, 63), (5, 300, 12)])
def test_argmax_narrow_columns_super_rows(dtype, shape):
    """Fewer than 64 columns of back-to-back rows: G rows at a time form one super-row and the
    G candidates per column (plus the rows after the last whole super-row) are combined; ties
    in different sub-rows, NaN in any of them and in the leftover rows."""
    rng = np.random.default_rng(shape[-2])
    a = rng.integers(0, 4, size=shape).astype(dtype)  # many ties
    n = shape[-2]
    if a.dtype.kind == "f":
        col = a[..., 1]
        col[..., n // 2] = np.nan
        col[..., n - 1] = np.nan
        a[..., n - 1, 2] = np.nan  # NaN only in the last (maybe leftover) row
        a[..., 0, 3] = np.nan
        a[..., :, 4] = -0.0
        a[..., 1::3, 4] = 0.0
    a[..., n - 1, 5] = 9  # the extreme in the last row
    a[..., [n // 3, n - 2], 6] = 9  # two equal extremes
    axis = a.ndim - 2
    for v in (a, a[..., ::-1]):
        for name in ("argmax", "argmin"):
            assert_same(getattr(hc, name)(hc.asarray(v), axis=axis), getattr(np, name)(v, axis=axis))
            assert_same(getattr(hc, name)(hc.asarray(v), axis=axis, keepdims=True),
                        getattr(np, name)(v, axis=axis, keepdims=True))


def _with_threads(n, f):
    old = hc.get_num_threads()
    hc.set_num_threads(n)
    try:
        return np.asarray(f()).copy()
    finally:
        hc.set_num_threads(old)


@pytest.mark.parametrize("case", [((3000, 700), 0), ((10, 200_000), 0), ((64, 300, 64), 1),
                                  ((300, 64, 64), 0), ((2000, 1000), 1)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int8, np.int32])
def test_argmax_thread_count_independent(case, dtype):
    shape, axis = case
    rng = np.random.default_rng(13)
    a = rng.integers(-100, 100, size=shape).astype(dtype)
    h = hc.asarray(a)
    for name in ("argmax", "argmin"):
        f = lambda: getattr(hc, name)(h, axis=axis)  # noqa: E731
        one, two = _with_threads(1, f), _with_threads(2, f)
        assert one.tobytes() == two.tobytes()
        assert_same(hc.asarray(one), getattr(np, name)(a, axis=axis))


@pytest.mark.parametrize("dtype", ["bool", "int8", "float16", "int32", "float64", "complex128"])
def test_where_select_paths(dtype):
    # where() selects on the bits without branching: contiguous, reversed and broadcast operands,
    # random masks, and condition bytes other than 0/1 (any nonzero byte is True).
    rng = np.random.default_rng(14)
    x = (rng.standard_normal(3001) * 9).astype(dtype)
    y = (rng.standard_normal(3001) * 9).astype(dtype)
    c = rng.random(3001) > 0.5
    hx, hy, hcnd = hc.asarray(x), hc.asarray(y), hc.asarray(c)
    np.testing.assert_array_equal(np.asarray(hc.where(hcnd, hx, hy)), np.where(c, x, y))
    np.testing.assert_array_equal(np.asarray(hc.where(hcnd[::-1], hx[::-1], hy[::-1])),
                                  np.where(c[::-1], x[::-1], y[::-1]))
    np.testing.assert_array_equal(np.asarray(hc.where(hcnd, hx[:1], hy)), np.where(c, x[:1], y))
    raw = rng.integers(0, 4, 3001).astype(np.uint8).view(np.bool_)
    np.testing.assert_array_equal(np.asarray(hc.where(hc.asarray(raw), hx, hy)),
                                  np.where(raw, x, y))
