"""Indexing: basic (views), integer-array and boolean-mask indexing mixed with slices/None/
Ellipsis, __setitem__ through all of them with broadcasting and casting, take and
take_along_axis. NumPy is the oracle, over dtypes x shapes x strides; every misuse raises."""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from hcarray import _core
from strategies import ALL, INTEGRAL, assert_same, np_arrays, pair

BF16 = np.dtype(ml_dtypes.bfloat16)
INDEX_DTYPES = [np.dtype(t) for t in (np.int8, np.int16, np.int32, np.int64, np.uint8,
                                      np.uint16, np.uint32, np.uint64)]


def _np_of(h):
    return np.asarray(h)


def _same_values(got_np, expected):
    """Bitwise-faithful equality for every dtype (NaN == NaN, -0.0 vs 0.0 distinguished)."""
    assert got_np.shape == expected.shape, f"shape {got_np.shape} != {expected.shape}"
    assert got_np.dtype == expected.dtype
    np.testing.assert_array_equal(got_np.view(np.uint16) if got_np.dtype == BF16 else got_np,
                                  expected.view(np.uint16) if expected.dtype == BF16 else expected)


# ---------------------------------------------------------------------------------------------
# Strategies for keys


def _int_values(n, allow_oob):
    if n == 0:
        return st.integers(-2, 1) if allow_oob else st.nothing()
    lo, hi = (-n - 1, n) if allow_oob else (-n, n - 1)
    return st.integers(lo, hi)


@st.composite
def _int_array(draw, n, bshape, allow_oob):
    """An integer index array whose shape broadcasts to bshape, values for an axis of size n."""
    k = draw(st.integers(0, len(bshape)))
    shp = tuple(d if draw(st.booleans()) else 1 for d in bshape[len(bshape) - k:])
    if n == 0 and not allow_oob:
        # only an empty index can index an empty axis
        assume(0 in bshape)
        shp = bshape
    dtype = draw(st.sampled_from(INDEX_DTYPES))
    vals = _int_values(n, allow_oob)
    if dtype.kind == "u":
        vals = vals.filter(lambda v: v >= 0) if not allow_oob else vals.map(abs)
    if np.prod(shp, dtype=np.int64) == 0:
        return np.zeros(shp, dtype=dtype)
    if dtype.itemsize == 1:
        vals = vals.filter(lambda v: -128 <= v <= 127)
    arr = draw(hnp.arrays(dtype, shp, elements=vals))
    return arr


def _wrap(draw, arr):
    """The same index as a NumPy array, an hcarray or a nested list."""
    form = draw(st.sampled_from(["np", "hc", "list"]))
    if form == "hc":
        return hc.asarray(arr)
    if form == "list" and arr.ndim > 0 and arr.size > 0:
        return arr.tolist()
    return arr


@st.composite
def mixed_keys(draw, shape, allow_oob=False, allow_masks=True):
    """A key for an array of `shape` mixing ints, slices, None, Ellipsis, integer arrays,
    boolean masks (any rank, 0-d too)."""
    nd = len(shape)
    bshape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3))
    items = []
    simple = []  # (position in items, dim) of int and slice items
    dim = 0
    n_left = draw(st.integers(min(nd, 1), nd))
    kinds = ["int", "slice", "none", "array", "array", "mask", "bool0"]
    if not allow_masks:
        kinds = ["int", "slice", "none", "array", "array"]
    while dim < n_left:
        kind = draw(st.sampled_from(kinds))
        n = shape[dim]
        if kind == "int":
            simple.append((len(items), dim))
            items.append(draw(_int_values(n, allow_oob)) if n or allow_oob else slice(None))
            dim += 1
        elif kind == "slice":
            simple.append((len(items), dim))
            items.append(draw(st.slices(max(n, 1))))
            dim += 1
        elif kind == "none":
            items.append(None)
        elif kind == "bool0":
            b = draw(st.booleans())
            items.append(draw(st.sampled_from([b, np.bool_(b), hc.asarray(np.bool_(b))])))
        elif kind == "array":
            items.append(_wrap(draw, draw(_int_array(n, bshape, allow_oob))))
            dim += 1
        else:
            r = draw(st.integers(1, min(2, n_left - dim)))
            m = draw(hnp.arrays(np.bool_, shape[dim:dim + r]))
            items.append(_wrap(draw, m))
            dim += r
    if draw(st.booleans()):
        items.append(Ellipsis)
        rest = nd - dim
        for d in range(nd - draw(st.integers(0, rest)), nd):
            n = shape[d]
            kind = draw(st.sampled_from(["slice", "array", "int"]))
            if kind != "array":
                simple.append((len(items), d))
            if kind == "array":
                items.append(_wrap(draw, draw(_int_array(n, bshape, allow_oob))))
            elif kind == "int" and (n or allow_oob):
                items.append(draw(_int_values(n, allow_oob)))
            else:
                items.append(draw(st.slices(max(n, 1))))
    if not any(_is_advanced(it) for it in items):
        # make sure the key is not basic: turn an int/slice into an array, or add a 0-d bool
        if simple:
            pos, d = draw(st.sampled_from(simple))
            items[pos] = _wrap(draw, draw(_int_array(shape[d], bshape, allow_oob)))
        else:
            items.insert(draw(st.integers(0, len(items))), draw(st.booleans()))
    if len(items) == 1 and items[0] is not None and draw(st.booleans()):
        return items[0]
    return tuple(items)


def _is_advanced(item):
    return isinstance(item, (bool, np.bool_, list, np.ndarray, hc.ndarray))


def _np_key(key):
    """The key with hcarray arrays replaced by NumPy ones (for the oracle)."""
    if isinstance(key, tuple):
        return tuple(_np_key(k) for k in key)
    if isinstance(key, hc.ndarray):
        return np.asarray(key)
    return key


def _outcome(f):
    try:
        return f(), None
    except (IndexError, ValueError, TypeError, OverflowError) as e:
        return None, type(e)


def _has_array(key):
    items = key if isinstance(key, tuple) else (key,)
    return any(not isinstance(k, (int, slice, type(None), type(Ellipsis))) or isinstance(k, bool)
               for k in items)


# ---------------------------------------------------------------------------------------------
# getitem


@given(pair(), st.data())
def test_basic_getitem_is_a_view(p, data):
    a, h = p
    key = data.draw(hnp.basic_indices(a.shape, allow_newaxis=True, allow_ellipsis=True))
    expected = a[key]
    got = h[key]
    assert isinstance(got, hc.ndarray)
    _same_values(_np_of(got), np.asarray(expected))
    assert got._shares_storage(h)
    if got.size:
        assert np.shares_memory(_np_of(got), a)
        # writes through the view are seen in the base
        one = np.ones((), dtype=a.dtype)
        got[...] = hc.asarray(one)
        assert (np.asarray(a[key]) == one).all()


@given(pair(), st.data())
def test_advanced_getitem(p, data):
    a, h = p
    key = data.draw(mixed_keys(a.shape))
    expected, err = _outcome(lambda: a[_np_key(key)])
    if err is not None:
        with pytest.raises(err):
            h[key]
        return
    got = h[key]
    assert isinstance(got, hc.ndarray)
    _same_values(_np_of(got), np.asarray(expected))
    if _has_array(key):
        assert not got._shares_storage(h), "advanced indexing must copy"


@given(pair(), st.data())
def test_advanced_getitem_out_of_bounds(p, data):
    a, h = p
    key = data.draw(mixed_keys(a.shape, allow_oob=True, allow_masks=False))
    expected, err = _outcome(lambda: a[_np_key(key)])
    if err is not None:
        with pytest.raises(err):
            h[key]
    else:
        _same_values(_np_of(h[key]), np.asarray(expected))


@given(pair(shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4)), st.data())
def test_full_mask(p, data):
    a, h = p
    m = data.draw(np_arrays([np.dtype(np.bool_)], shape=a.shape))
    hm = hc.asarray(m)
    _same_values(_np_of(h[hm]), a[m])
    _same_values(_np_of(h[m]), a[m])


@pytest.mark.parametrize("dtype", ["bool", "int8", "float16", "int32", "float32", "float64",
                                   "complex128"])
def test_full_mask_one_pass(dtype):
    # x[mask] with a C-contiguous mask of x's shape takes the one-pass kernel (_core._compress):
    # the selected elements in C order, a new array; every nonzero mask byte counts as True.
    rng = np.random.default_rng(4)
    for shape in [(1000, 1003), (9,), (5, 0), (2, 3, 4)]:
        a = (rng.standard_normal(shape) * 50).astype(dtype)
        for m in (rng.standard_normal(shape) > 0.3, np.zeros(shape, bool), np.ones(shape, bool)):
            h = hc.asarray(a)
            got = h[hc.asarray(m)]
            assert isinstance(got, hc.ndarray)
            _same_values(_np_of(got), a[m])
            assert _core._compress(h, hc.asarray(m)) is not None
            if got.size:
                got[0] = a.flat[0] if a.size else 0  # a copy: x is unchanged
                _same_values(_np_of(h), a)
    raw = np.array([0, 1, 2, 255, 0, 7, 128, 0, 64, 3], np.uint8).view(np.bool_)
    x = np.arange(10.0)
    _same_values(_np_of(hc.asarray(x)[hc.asarray(raw)]), x[raw])
    # other layouts fall back to the general path with the same result
    big = rng.standard_normal((40, 60))
    mk = rng.standard_normal((40, 60)) > 0
    assert _core._compress(hc.asarray(big)[:, ::2], hc.asarray(mk)[:, ::2]) is None
    _same_values(_np_of(hc.asarray(big)[:, ::2][hc.asarray(mk)[:, ::2]]), big[:, ::2][mk[:, ::2]])


@given(np_arrays([np.dtype(np.bool_)],
                 shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4)))
def test_nonzero_kernel(m):
    cols = _core._nonzero(hc.asarray(m))
    expected = np.nonzero(m)
    assert len(cols) == len(expected)
    for c, e in zip(cols, expected):
        assert c.dtype == np.int64
        np.testing.assert_array_equal(np.asarray(c), e)


def test_known_layouts():
    a = np.arange(24).reshape(2, 3, 4)
    h = hc.asarray(a)
    cases = [
        (slice(None), [0, 2]),            # adjacent: in place
        (0, slice(None), [1, 2]),         # separated by a slice: in front
        ([0], None, [0]),                 # separated by None: in front
        (True,), (False,), (True, [0, 1]), (0, True),
        (Ellipsis, [0, 1]), ([0, 1], Ellipsis, [0, 1]),
        ([[0], [1]], slice(None), [0, 1, 2, 3]),
        np.array(1), (np.array(1), slice(None), np.array(2)),
        [], (slice(None, None, -1), [2, 0]), ([True, False],),
        (1, [0, -1], slice(1, None)), a > 5, (slice(None), a[0] > 3),
        (np.int64(1), [0]), [np.int8(1), np.int64(0)], ([True, False], [True, False, True]),
        (Ellipsis, None, [1], None),
    ]
    for key in cases:
        _same_values(_np_of(h[key]), a[key])


def test_bare_none_key():
    a = np.arange(3)
    _same_values(_np_of(hc.asarray(a)[None]), a[None])


def test_empty_mask_dims():
    # NumPy accepts a mask dim of size 0 against any axis size (it selects nothing)
    for xs, ms in [((3,), (0,)), ((1,), (0,)), ((2, 1), (2, 0)), ((2, 3), (0, 3)), ((2, 3), (0,)),
                   ((2, 3), (0, 0))]:
        a = np.arange(int(np.prod(xs)), dtype=np.float32).reshape(xs)
        m = np.zeros(ms, dtype=bool)
        _same_values(_np_of(hc.asarray(a)[hc.asarray(m)]), a[m])
        h = hc.asarray(a)
        h[m] = 1.0
        np.testing.assert_array_equal(a, np.arange(a.size, dtype=np.float32).reshape(xs))
    with pytest.raises(IndexError, match="along axis 1; size of axis is 1 but size of "
                                         "corresponding boolean axis is 2"):
        hc.asarray(np.zeros((1, 1)))[np.zeros((0, 2), bool)]


def test_zero_d_array():
    a = np.array(3.5)
    h = hc.asarray(a)
    for key in [True, False, (None, True), np.bool_(True), (Ellipsis, False)]:
        _same_values(_np_of(h[key]), a[key])
    with pytest.raises(IndexError, match="too many indices"):
        h[[0]]


def test_large_and_strided_gather():
    a = np.arange(60000, dtype=np.float64).reshape(300, 200)[::-2, 1::3]
    h = hc.asarray(a)
    idx = np.random.default_rng(0).integers(-a.shape[0], a.shape[0], size=500)
    _same_values(_np_of(h[idx]), a[idx])
    _same_values(_np_of(h[:, idx % a.shape[1]]), a[:, idx % a.shape[1]])
    m = a > 30000
    _same_values(_np_of(h[m]), a[m])


# ---------------------------------------------------------------------------------------------
# setitem


def _has_duplicates(shape, key):
    pos = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)[key]
    pos = np.asarray(pos).ravel()
    return np.unique(pos).size != pos.size


@given(pair(), st.data())
def test_advanced_setitem(p, data):
    a, _ = p
    key = data.draw(mixed_keys(a.shape))
    nkey = _np_key(key)
    shape, err = _outcome(lambda: a[nkey].shape)
    assume(err is None)
    # the value: a scalar array, or an array that broadcasts to the result shape (maybe with
    # an extra leading 1); a scalar whenever indices repeat (NumPy leaves the winner unspecified)
    if _has_duplicates(a.shape, nkey) or data.draw(st.booleans()):
        vshape = ()
    else:
        k = data.draw(st.integers(0, len(shape)))
        vshape = tuple(d if data.draw(st.booleans()) else 1 for d in shape[len(shape) - k:])
        if shape and data.draw(st.booleans()):
            vshape = (1,) + vshape  # an extra leading 1 is dropped, as NumPy does
    val = data.draw(np_arrays([a.dtype], shape=vshape))
    expected = a.copy()
    try:
        if a.dtype == BF16:  # ml_dtypes' setitem is patchy for 0-d; same bytes through uint16
            expected.view(np.uint16)[nkey] = val.view(np.uint16)
        else:
            expected[nkey] = val
    except TypeError as e:
        # NumPy's single-boolean-key fast path refuses values of rank > 1 that broadcast fine
        assert "boolean array indexing assignment" in str(e)
        assume(False)
    target = a.copy() if data.draw(st.booleans()) else a  # a keeps its odd strides
    h = hc.asarray(target)
    h[key] = hc.asarray(val) if data.draw(st.booleans()) else val
    _same_values(target, expected)


@given(pair(dtypes=[np.dtype(t) for t in (np.int8, np.uint8, np.float32, np.bool_)]), st.data())
def test_setitem_python_scalars(p, data):
    a, h = p
    assume(a.ndim >= 1 and a.shape[0] > 0)
    idx = data.draw(hnp.arrays(np.int64, (3,), elements=st.integers(0, a.shape[0] - 1)))
    if a.dtype.kind == "b":
        value = data.draw(st.booleans())
    elif a.dtype.kind == "f":
        value = data.draw(st.sampled_from([1.5, -2.0, 7, True]))
    else:
        info = np.iinfo(a.dtype)
        value = data.draw(st.integers(int(info.min), int(info.max)))
    expected = a.copy()
    expected[idx] = value
    h[hc.asarray(idx)] = value
    _same_values(a, expected)


def test_setitem_casts_and_broadcasts():
    a = np.zeros((3, 4), dtype=np.int32)
    h = hc.asarray(a)
    h[[0, 2], 1:3] = np.array([1.7, -2.9])          # float -> int truncates, as NumPy
    h[:, [True, False, False, True]] = [[5], [6], [7]]  # list value, broadcast
    h[np.array([1]), ...] = np.ones((1, 1, 4), np.int64)  # extra leading 1 is dropped
    e = np.zeros((3, 4), dtype=np.int32)
    e[[0, 2], 1:3] = np.array([1.7, -2.9])
    e[:, [True, False, False, True]] = [[5], [6], [7]]
    e[np.array([1]), ...] = np.ones((1, 1, 4), np.int64)
    np.testing.assert_array_equal(a, e)
    b = np.zeros(4, dtype=np.float64)
    hb = hc.asarray(b)
    hb[[0, 1]] = 300  # weak Python int into float
    hb[[2]] = True
    np.testing.assert_array_equal(b, [300, 300, 1, 0])
    f = np.zeros(3, dtype=np.float16)
    hf = hc.asarray(f)
    hf[[0, 2]] = hc.asarray(np.array([1.5, 2.5], dtype=np.float64))
    np.testing.assert_array_equal(f, np.array([1.5, 0, 2.5], np.float16))


def test_setitem_last_duplicate_wins_and_overlap():
    a = np.zeros(5)
    h = hc.asarray(a)
    h[[1, 1, 1]] = np.array([1.0, 2.0, 3.0])
    assert a[1] == 3.0
    x = np.arange(10.0)
    hx = hc.asarray(x)
    hx[[0, 1, 2, 3, 4]] = hx[::-1][:5]   # value shares memory with the target
    e = np.arange(10.0)
    e[[0, 1, 2, 3, 4]] = e[::-1][:5].copy()
    np.testing.assert_array_equal(x, e)
    y = np.arange(6, dtype=np.int64)
    hy = hc.asarray(y)
    hy[hy] = hc.asarray(np.arange(6)[::-1].copy())   # indices are the target itself
    np.testing.assert_array_equal(y, [5, 4, 3, 2, 1, 0])


def test_setitem_mask_full():
    a = np.arange(12.0).reshape(3, 4)[:, ::-1]
    h = hc.asarray(a)
    h[h > 5] = -1.0
    e = np.arange(12.0).reshape(3, 4)[:, ::-1]
    e[e > 5] = -1.0
    np.testing.assert_array_equal(a, e)
    h[a < 0] = hc.asarray(np.array([10.0]))
    e[e < 0] = 10.0
    np.testing.assert_array_equal(a, e)


# ---------------------------------------------------------------------------------------------
# take / take_along_axis


@given(pair(shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=5)), st.data())
def test_take(p, data):
    a, h = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    n = a.shape[axis]
    ishape = data.draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=0 if n else 0,
                                        max_side=4))
    if n == 0:
        ishape = (0,)
    idx = data.draw(hnp.arrays(data.draw(st.sampled_from([np.int8, np.int32, np.int64, np.uint16])),
                               ishape, elements=st.integers(-min(n, 100), max(n - 1, 0))
                               .filter(lambda v: v >= 0) if False else
                               st.integers(0, max(n - 1, 0))))
    if n and data.draw(st.booleans()) and idx.dtype.kind == "i":
        idx = (idx - n).astype(idx.dtype)  # negative indices count from the end
    expected = np.take(a, idx, axis=axis)
    got = hc.take(h, hc.asarray(idx), axis=axis)
    _same_values(_np_of(got), expected)
    if a.ndim == 1:
        _same_values(_np_of(hc.take(h, hc.asarray(idx))), np.take(a, idx))


@given(pair(shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4)), st.data())
def test_take_along_axis(p, data):
    a, h = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    ax = axis % a.ndim
    n = a.shape[ax]
    ishape = []
    for i, d in enumerate(a.shape):
        if i == ax:
            ishape.append(data.draw(st.integers(0, 4)) if n else 0)
        else:
            ishape.append(data.draw(st.sampled_from([d, 1] if d != 1 else [1, 3])))
    dtype = data.draw(st.sampled_from([np.int8, np.int64, np.uint32]))
    idx = data.draw(hnp.arrays(dtype, tuple(ishape), elements=st.integers(0, max(n - 1, 0))))
    expected = np.take_along_axis(a, idx, axis=axis)
    got = hc.take_along_axis(h, hc.asarray(idx), axis=axis)
    _same_values(_np_of(got), expected)


def test_take_along_axis_sorting_use():
    a = np.random.default_rng(1).normal(size=(4, 5, 6))
    for axis in (0, 1, -1):
        idx = np.argsort(a, axis=axis)
        got = hc.take_along_axis(hc.asarray(a), hc.asarray(idx), axis=axis)
        np.testing.assert_array_equal(np.asarray(got), np.sort(a, axis=axis))
    neg = np.array([[-1, 0]])
    np.testing.assert_array_equal(
        np.asarray(hc.take_along_axis(hc.asarray(a[0]), hc.asarray(neg), axis=1)),
        np.take_along_axis(a[0], neg, axis=1))


# ---------------------------------------------------------------------------------------------
# Bad input


X = np.arange(24.0).reshape(2, 3, 4)

BAD_GETITEM = [
    (1.0, IndexError, "only integers, slices"),
    ("a", IndexError, "only integers, slices"),
    ({}, IndexError, "only integers, slices"),
    ([1.0], IndexError, "only integers, slices"),
    ([np.int8(1), np.uint64(0)], IndexError, "only integers, slices"),  # promotes to float
    ([1, 2**63], IndexError, "only integers, slices"),
    ([[0, 1], [0]], IndexError, "only integers, slices"),   # ragged
    ([slice(None), 0], IndexError, "only integers, slices"),
    (np.array([1.0]), IndexError, "integer \\(or boolean\\) type"),
    ("hc-float", IndexError, "integer \\(or boolean\\) type"),
    ("hc-complex", IndexError, "integer \\(or boolean\\) type"),
    (np.array([1], dtype=BF16), IndexError, "integer \\(or boolean\\) type"),
    ((slice(None), [5]), IndexError, "index 5 is out of bounds for axis 1 with size 3"),
    ((None, slice(None), [-4]), IndexError, "index -4 is out of bounds for axis 1 with size 3"),
    (np.array([2**64 - 1], dtype=np.uint64), IndexError, "out of bounds for axis 0 with size 2"),
    ((5, [0]), IndexError, "index 5 is out of bounds for axis 0"),
    ((slice(None), slice(0, 0), [7]), IndexError, "index 7 is out of bounds for axis 2 with size 4"),
    ((2**70, [0]), IndexError, "cannot fit 'int'"),
    ([True, False, True], IndexError, "boolean index did not match indexed array along axis 0"),
    ((slice(None), [True, False]), IndexError, "along axis 1; size of axis is 3"),
    (([0, 1], [0, 1, 2]), IndexError, "shape mismatch: indexing arrays could not be broadcast"),
    ((0, 0, 0, [0]), IndexError, "too many indices for array: array is 3-dimensional, but 4"),
    ((X > 1, 0), IndexError, "too many indices"),
    ((Ellipsis, Ellipsis, [0]), IndexError, "single ellipsis"),
    ((False, [0, 1]), IndexError, "shape mismatch"),
]


@pytest.mark.parametrize("key,exc,msg", BAD_GETITEM, ids=[repr(c[0])[:30] for c in BAD_GETITEM])
def test_bad_getitem(key, exc, msg):
    h = hc.asarray(X)
    if isinstance(key, str) and key.startswith("hc-"):
        key = hc.asarray(np.array([1.0 if key == "hc-float" else 1j]))
    with pytest.raises(exc, match=msg):
        h[key]
    with pytest.raises(exc, match=msg):
        h[key] = 0.0


def test_bad_setitem():
    h = hc.asarray(np.zeros((3, 4), dtype=np.int8))
    with pytest.raises(OverflowError, match="300 out of bounds for int8"):
        h[[0]] = 300
    with pytest.raises(ValueError, match="shape mismatch: value array of shape \\(3,\\) could "
                                         "not be broadcast to indexing result of shape \\(2, 4\\)"):
        h[[0, 1]] = np.ones(3, np.int8)
    with pytest.raises(ValueError, match="shape mismatch"):
        h[[0, 1]] = np.ones((2, 2, 4), np.int8)
    with pytest.raises((TypeError, ValueError)):
        h[[0]] = "abc"
    with pytest.raises(TypeError):
        h[[0]] = object()
    ro = np.zeros(3)
    ro.flags.writeable = False
    hro = hc.asarray(ro)
    with pytest.raises(ValueError, match="read-only"):
        hro[[0]] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        hro[np.array([True, False, True])] = 1.0
    np.testing.assert_array_equal(ro, 0)
    # an out-of-bounds index writes nothing
    z = np.zeros(4)
    hz = hc.asarray(z)
    with pytest.raises(IndexError, match="out of bounds"):
        hz[[0, 1, 9]] = 7.0
    np.testing.assert_array_equal(z, 0)


def test_bad_take():
    x = hc.asarray(X)
    x1 = hc.asarray(np.arange(5))
    strict = hc._indexing_functions.take  # the standard's take: hcarray, integer indices, axis
    with pytest.raises(TypeError, match="take"):
        strict(np.arange(3), hc.asarray(np.array([0])))
    with pytest.raises(TypeError, match="take: indices must have an integer"):
        strict(x1, hc.asarray(np.array([0.0])))
    with pytest.raises(TypeError, match="take: indices must have an integer"):
        strict(x1, hc.asarray(np.array([True])))
    with pytest.raises(TypeError, match="take"):
        strict(x1, "ab")
    with pytest.raises(ValueError, match="take: axis must be given"):
        strict(x, hc.asarray(np.array([0])))
    with pytest.raises(ValueError, match="take: axis must be given"):
        strict(hc.asarray(np.array(1.0)), hc.asarray(np.array([0])))
    # The top-level take is NumPy's: array_likes, bool indices cast to integers, axis=None
    # flattens; float indices and strings are still refused.
    a5 = np.arange(5)
    assert_same(hc.take(np.arange(3), hc.asarray(np.array([0]))), np.take(np.arange(3), [0]))
    assert_same(hc.take(x1, hc.asarray(np.array([True, False]))), np.take(a5, [True, False]))
    assert_same(hc.take(x, hc.asarray(np.array([4]))), np.take(X, [4]))
    assert_same(hc.take(hc.asarray(np.array(1.0)), [0]), np.take(np.array(1.0), [0]))
    with pytest.raises(TypeError, match="take"):
        hc.take(x1, hc.asarray(np.array([0.0])))
    with pytest.raises(ValueError, match="take"):
        hc.take(x1, "ab")
    with pytest.raises(np.exceptions.AxisError, match="take"):
        hc.take(x, hc.asarray(np.array([0])), axis=3)
    with pytest.raises(IndexError, match="take"):  # AxisError is an IndexError and a ValueError
        hc.take(x, hc.asarray(np.array([0])), axis=-4)
    with pytest.raises(TypeError, match="take: axis must be an integer"):
        hc.take(x, hc.asarray(np.array([0])), axis=1.0)
    with pytest.raises(IndexError, match="take: index 5 is out of bounds for axis 0 with size 5"):
        hc.take(x1, hc.asarray(np.array([5])))
    with pytest.raises(IndexError, match="take: index -6 is out of bounds"):
        hc.take(x1, [-6])
    with pytest.raises(IndexError, match="take: index 0 is out of bounds for axis 1 with size 0"):
        hc.take(hc.asarray(np.zeros((2, 0))), [0], axis=1)
    np.testing.assert_array_equal(np.asarray(hc.take(x1, [1, -1])), [1, 4])


def test_bad_take_along_axis():
    x = hc.asarray(X)
    i3 = hc.asarray(np.zeros((2, 3, 1), dtype=np.int64))
    # a NumPy array is accepted (NumPy's take_along_axis takes array_likes); text is not
    assert_same(hc.take_along_axis(X, i3), np.take_along_axis(X, np.zeros((2, 3, 1), np.int64), -1))
    with pytest.raises(TypeError, match="take_along_axis"):
        hc.take_along_axis(np.array([["a"]]), i3)
    with pytest.raises(ValueError, match="take_along_axis: indices must have the same number"):
        hc.take_along_axis(x, hc.asarray(np.zeros((3, 1), dtype=np.int64)))
    with pytest.raises(IndexError, match="take_along_axis: indices must have an integer"):
        hc.take_along_axis(x, hc.asarray(np.zeros((2, 3, 1))))
    with pytest.raises(ValueError, match="take_along_axis: shapes"):
        hc.take_along_axis(x, hc.asarray(np.zeros((2, 2, 1), dtype=np.int64)))
    with pytest.raises(np.exceptions.AxisError, match="take_along_axis"):
        hc.take_along_axis(x, i3, axis=3)
    with pytest.raises(TypeError, match="take_along_axis: axis must be an integer"):
        hc.take_along_axis(x, i3, axis=None)
    with pytest.raises(ValueError, match="take_along_axis: x must have at least one"):
        hc.take_along_axis(hc.asarray(np.array(1.0)), hc.asarray(np.array(0)))
    with pytest.raises(IndexError, match="take_along_axis: index 4 is out of bounds for axis 2"):
        hc.take_along_axis(x, hc.asarray(np.full((2, 3, 1), 4)), axis=2)


def test_exports():
    assert "take" in hc.__all__ if hasattr(hc, "__all__") else hasattr(hc, "take")
    from hcarray import _indexing_functions
    assert set(_indexing_functions.__all__) == {"take", "take_along_axis"}


_SETITEM_VALUES = [1, -1, 2.5, -2.5, True, 300, 300.0, 1e30, -1.0, np.float64(1.5), np.int8(3),
                   1 + 2j, np.complex128(1 + 2j), -0.0, float("nan"), float("inf"), 2**64 - 1,
                   -2**63]


@pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::numpy.exceptions.ComplexWarning")
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int64", "uint64", "float16", "float32",
                                   "float64", "complex64", "bool"])
def test_setitem_scalar_values_as_numpy(dtype):
    # x[key] = scalar through every path (a mask of x's shape: the one-pass fill; a strided
    # mask: nonzero + scatter; basic and integer keys: fill) gives NumPy's result or NumPy's
    # exception: a Python complex into a real array is a TypeError, a Python float NaN/inf or
    # out-of-range value into an integer array ValueError/OverflowError, never a silent
    # truncation or wrap.
    rng = np.random.default_rng(6)
    a = (rng.standard_normal((7, 9)) * 10).astype(dtype)
    m = rng.standard_normal((7, 9)) > 0
    wide = np.zeros((7, 18), bool)
    wide[:, ::2] = m
    for v in _SETITEM_VALUES:
        for kind in ("full", "strided", "basic", "int"):
            na = a.copy()
            if kind == "strided":
                ha = hc.asarray(np.zeros((7, 18), dtype))[:, ::2]
                ha[...] = hc.asarray(a)
                key, nkey = hc.asarray(wide)[:, ::2], m
            else:
                ha = hc.asarray(a.copy())
                key = {"full": hc.asarray(m), "basic": (slice(1, 3),), "int": (2, 3)}[kind]
                nkey = m if kind == "full" else key
            expected, err = _outcome(lambda: na.__setitem__(nkey, v))
            if err is not None:
                with pytest.raises(err):
                    ha[key] = v
            else:
                ha[key] = v
                np.testing.assert_array_equal(np.asarray(ha), na)


def test_masked_fill_one_pass():
    rng = np.random.default_rng(8)
    for dtype in ["bool", "int16", "float32", "float64", "complex128"]:
        a = (rng.standard_normal((300, 301)) * 9).astype(dtype)
        m = rng.standard_normal((300, 301)) > 0
        h = hc.asarray(a.copy())
        assert _core._masked_fill(h, hc.asarray(m), 3)
        a[m] = 3
        np.testing.assert_array_equal(np.asarray(h), a)
        # a non-0-d value or another layout is left to the general path
        assert not _core._masked_fill(h, hc.asarray(m), hc.asarray(a[0]))
        assert not _core._masked_fill(hc.asarray(a)[:, ::2], hc.asarray(m)[:, ::2], 1)


@pytest.mark.parametrize("dtype", ["bool", "int8", "float16", "int32", "float64", "complex128"])
def test_take_flat_one_pass(dtype):
    # x[idx] and take(x, idx) for a 1-D x (any stride) and int64/int32 indices of any rank take
    # the one-pass kernel (_core._take_flat); NumPy's values and NumPy's IndexError.
    rng = np.random.default_rng(10)
    base = (rng.standard_normal(2001) * 20).astype(dtype)
    hb = hc.asarray(base)
    for xv, hx in ((base, hb), (base[::3], hb[::3]), (base[::-2], hb[::-2]), (base[:0], hb[:0])):
        n = xv.shape[0]
        for it in (np.int64, np.int32):
            for shape in [(0,), (7,), (3, 4), (2, 1, 5)]:
                idx = rng.integers(-n, n, shape).astype(it) if n else np.zeros(shape, it)[..., :0]
                if n == 0 and idx.size:
                    continue
                hidx = hc.asarray(idx)
                _same_values(_np_of(hx[hidx]), xv[idx])
                _same_values(_np_of(hc.take(hx, hidx)), np.take(xv, idx))
            if n:
                for bad in (n, -n - 1):
                    with pytest.raises(IndexError, match="out of bounds"):
                        hx[hc.asarray(np.array([0, bad], it))]
                    with pytest.raises(IndexError, match="take"):
                        hc.take(hx, hc.asarray(np.array([bad], it)))
