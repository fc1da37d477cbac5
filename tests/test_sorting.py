"""sort and argsort against NumPy: every dtype x shapes x strides, NaNs, stability, descending,
complex order, bad input."""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import ALL, COMPLEX, FLOAT, HALF, INTEGRAL, assert_same, pair

BF16 = np.dtype(ml_dtypes.bfloat16)
nd_shapes = hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=6)


def ref(a):
    """a in a dtype NumPy sorts natively with the same order (16-bit floats widen exactly)."""
    return a.astype(np.float32) if a.dtype in HALF else a


def np_argsort(a, axis, descending):
    """NumPy's stable argsort; descending as the standard wants it: the reverse order with equal
    elements (NaNs included) still in their original order."""
    r = ref(a)
    if not descending:
        return np.argsort(r, axis=axis, kind="stable")
    n = r.shape[axis]
    flipped = np.argsort(np.flip(r, axis), axis=axis, kind="stable")
    return np.flip(n - 1 - flipped, axis)


def np_sort(a, axis, descending):
    return np.take_along_axis(a, np_argsort(a, axis, descending), axis)


def values_equal(h, expected):
    """Equal values (NaN == NaN, -0 == +0): what an unstable sort guarantees."""
    got = np.asarray(h)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    if got.dtype == BF16:
        got, expected = got.astype(np.float32), expected.astype(np.float32)
    np.testing.assert_array_equal(got, expected)


@given(pair(dtypes=ALL, shape=nd_shapes), st.data())
def test_sort_argsort(p, data):
    a, h = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1), label="axis")
    descending = data.draw(st.booleans(), label="descending")
    stable = data.draw(st.booleans(), label="stable")
    idx = hc.argsort(h, axis=axis, descending=descending, stable=stable)
    # Ours is always stable, so even stable=False gives exactly the stable permutation.
    assert_same(idx, np_argsort(a, axis, descending))
    got = hc.sort(h, axis=axis, descending=descending, stable=stable)
    if stable:
        assert_same(got, np_sort(a, axis, descending))  # signed zeros in their original order
    else:
        values_equal(got, np_sort(a, axis, descending))
    assert np.asarray(h).tobytes() == a.tobytes() or a.dtype == BF16  # input untouched


@given(pair(dtypes=INTEGRAL + FLOAT, shape=nd_shapes, allow_special=False), st.data())
def test_sort_defaults_match_numpy(p, data):
    a, h = p
    assert_same(hc.sort(h), np.sort(a, kind="stable"))
    assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    assert_same(hc.argsort(h, axis=axis), np.argsort(a, axis=axis, kind="stable"))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, BF16])
def test_nan_inf_signed_zero_order(dtype):
    vals = [np.nan, 1.0, -np.inf, -0.0, np.inf, 0.0, np.nan, -1.0, 0.0, -0.0]
    a = np.array(vals, dtype=np.float32).astype(dtype)
    h = hc.asarray(a)
    assert_same(hc.argsort(h), [2, 7, 3, 5, 8, 9, 1, 4, 0, 6])
    assert_same(hc.sort(h), a[[2, 7, 3, 5, 8, 9, 1, 4, 0, 6]])
    # Descending: NaNs first (in their order), then the stable reverse.
    assert_same(hc.argsort(h, descending=True), [0, 6, 4, 1, 3, 5, 8, 9, 7, 2])
    assert_same(hc.sort(h, descending=True), a[[0, 6, 4, 1, 3, 5, 8, 9, 7, 2]])


def test_stability_many_duplicates():
    rng = np.random.default_rng(0)
    for dtype in [np.int8, np.uint16, np.int64, np.float32, np.float64]:
        a = rng.integers(0, 5, size=5000).astype(dtype)
        h = hc.asarray(a)
        assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
        assert_same(hc.argsort(h, stable=False), np.argsort(a, kind="stable"))
        assert_same(hc.argsort(h, descending=True), np_argsort(a, 0, True))


def test_large_with_nans():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((7, 3001))
    a[rng.random(a.shape) < 0.05] = np.nan
    h = hc.asarray(a)
    for axis in (0, 1):
        assert_same(hc.sort(h, axis=axis), np.sort(a, axis=axis, kind="stable"))
        assert_same(hc.argsort(h, axis=axis), np.argsort(a, axis=axis, kind="stable"))
        assert_same(hc.sort(h, axis=axis, stable=False), np.sort(a, axis=axis))
        assert_same(hc.sort(h, axis=axis, descending=True), np_sort(a, axis, True))


@pytest.mark.parametrize("dtype", COMPLEX)
def test_complex_lexicographic(dtype):
    n = np.nan
    vals = [complex(1, n), complex(n, 1), 5 + 1j, 1 + 2j, complex(n, n), complex(2, n),
            complex(n, 0), 1 + 1j, 5 + 1j, complex(1, n), -3 - 0j, complex(n, n)]
    a = np.array(vals, dtype=dtype)
    h = hc.asarray(a)
    order = np.argsort(a, kind="stable")
    assert_same(hc.argsort(h), order)
    assert_same(hc.sort(h), np.sort(a, kind="stable"))
    assert_same(hc.argsort(h, descending=True), np_argsort(a, 0, True))


def test_bool():
    a = np.array([True, False, True, False, False])
    h = hc.asarray(a)
    assert_same(hc.sort(h), np.sort(a))
    assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
    assert_same(hc.sort(h, descending=True), a[[0, 2, 1, 3, 4]])


def test_results_are_new_c_contiguous():
    a = np.arange(24, dtype=np.int32).reshape(2, 3, 4)[:, ::-1, ::2]
    h = hc.asarray(a)
    for axis in (0, 1, 2):
        s = hc.sort(h, axis=axis)
        assert np.asarray(s).flags.c_contiguous
        assert not s._shares_storage(h)
        assert np.asarray(hc.argsort(h, axis=axis)).flags.c_contiguous


def test_empty_and_size_one():
    for shape, axis in [((0,), 0), ((3, 0), 0), ((0, 4), 1), ((1,), -1), ((2, 1, 0), 1)]:
        a = np.zeros(shape, dtype=np.float32)
        h = hc.asarray(a)
        assert_same(hc.sort(h, axis=axis), np.sort(a, axis=axis))
        assert_same(hc.argsort(h, axis=axis), np.argsort(a, axis=axis))


@pytest.mark.parametrize("fn", [hc.sort, hc.argsort])
def test_bad_input(fn):
    name = fn.__name__
    h = hc.asarray(np.arange(6.0).reshape(2, 3))
    strict = getattr(hc._sorting_functions, name)  # the standard's: hcarray only
    with pytest.raises(TypeError, match=name):
        strict(np.arange(3))
    with pytest.raises(TypeError, match=name):
        strict([3, 1, 2])
    # The top-level names are NumPy's: array_likes, axis=None flattens.
    assert_same(fn(np.array([3, 1, 2])), getattr(np, name)(np.array([3, 1, 2])))
    assert_same(fn([[3, 1], [0, 2]], axis=None), getattr(np, name)([[3, 1], [0, 2]], axis=None))
    for axis in (2, -3):
        with pytest.raises((IndexError, ValueError), match=name):
            fn(h, axis=axis)
    with pytest.raises(TypeError, match=name):
        fn(h, axis=1.0)
    with pytest.raises(TypeError, match=name):
        fn(h, axis=True)
    with pytest.raises(TypeError, match=name):
        fn(h, descending="yes")
    with pytest.raises(TypeError, match=name):
        strict(h, stable=None)
    with pytest.raises(TypeError):
        strict(h, 0)  # the standard's axis is keyword-only
    # NumPy's: stable=None is the default, axis may be positional.
    a = np.arange(6.0).reshape(2, 3)[:, ::-1]
    assert_same(fn(hc.asarray(a), stable=None), getattr(np, name)(a, stable=None))
    assert_same(fn(hc.asarray(a), 0), getattr(np, name)(a, 0))
    # 0-d: no axis to sort along (NumPy's sort raises AxisError too; NumPy's argsort of a 0-d
    # array gives array([0]), which the top-level argsort follows).
    with pytest.raises((IndexError, ValueError), match=name):
        strict(hc.asarray(5.0))
    if name == "sort":
        with pytest.raises((IndexError, ValueError), match=name):
            fn(hc.asarray(5.0))
    else:
        assert_same(fn(hc.asarray(5.0)), np.argsort(np.array(5.0)))


def test_broadcast_and_unaligned_inputs():
    # Stride-0 (broadcast) lanes and a misaligned borrowed buffer.
    b = hc.broadcast_to(hc.asarray(np.array([3.0, np.nan, 1.0, 2.0])), (3, 4))
    nb = np.broadcast_to(np.array([3.0, np.nan, 1.0, 2.0]), (3, 4))
    for axis in (0, 1):
        assert_same(hc.sort(b, axis=axis), np.sort(nb, axis=axis, kind="stable"))
        assert_same(hc.argsort(b, axis=axis), np.argsort(nb, axis=axis, kind="stable"))
        assert_same(hc.argsort(b, axis=axis, descending=True), np_argsort(nb, axis, True))
    raw = bytearray(8 * 9 + 1)
    u = np.frombuffer(raw, dtype=np.float64, offset=1)
    u[:] = [5.0, -1.0, np.nan, 2.0, 2.0, 0.0, -0.0, 7.0, 1.0]
    h = hc.asarray(u)
    assert_same(hc.sort(h), np.sort(u, kind="stable"))
    assert_same(hc.argsort(h), np.argsort(u, kind="stable"))
    assert_same(hc.argsort(h[::-1]), np.argsort(u[::-1], kind="stable"))
    assert int(hc.argmax(h)) == 2
    assert_same(hc.unique_counts(h).counts, np.unique_counts(np.sort(u)).counts)
    s = np.frombuffer(bytearray(8 * 4 + 3), dtype=np.float64, offset=3)
    s[:] = [0.0, 1.0, 2.0, 3.0]
    assert_same(hc.searchsorted(hc.asarray(s), h), np.searchsorted(s, u))


# ---- the radix lane kernels (cpp/cpu/sort_radix.cpp) -------------------------------------------
# Sizes that reach every path: insertion (< 32), 8-bit local radix (sort: keyed LSD from 256),
# 11-bit digits (>= 8192), the long-lane MSD paths (>= 65536; split over 2 threads from 131072).
RADIX_DTYPES = [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64,
                np.uint64, np.float16, BF16, np.float32, np.float64, np.bool_]
RADIX_SIZES = [17, 31, 32, 300, 9000, 70000, 140000]


def special_array(rng, dtype, n, narrow=False, special=0.05):
    """n values of dtype with many duplicates; floats with NaNs of both signs, -0.0/+0.0, +-inf;
    integers over the whole range or (narrow) a small range around an offset."""
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return rng.random(n) < 0.5
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        if narrow:
            width = min(1000, int(info.max) - int(info.min))
            lo = rng.integers(info.min, int(info.max) - width, dtype=dtype, endpoint=True)
            return rng.integers(0, width, n, endpoint=True).astype(dtype) + lo
        return rng.integers(info.min, info.max, n, endpoint=True, dtype=dtype)
    a = rng.standard_normal(n) * (1e3 if narrow else 1.0)
    a = np.round(a * 8) / 8  # duplicates
    for v in (np.nan, -np.nan, 0.0, -0.0, np.inf, -np.inf):
        a[rng.random(n) < special / 3] = v
    return a.astype(np.float32).astype(dtype) if dtype in HALF else a.astype(dtype)


def check_lane_order(h, a, axis=-1):
    for descending in (False, True):
        order = np_argsort(a, axis, descending)
        assert_same(hc.argsort(h, axis=axis, descending=descending), order)
        assert_same(hc.argsort(h, axis=axis, descending=descending, stable=False), order)
        expected = np.take_along_axis(a, order, axis)
        got = hc.sort(h, axis=axis, descending=descending)
        assert_same(got, expected)  # signed zeros in their input order
        if a.dtype.kind == "f" and a.dtype != BF16:  # NaN payloads and signs kept, bit for bit
            assert np.asarray(got).tobytes() == expected.tobytes()
        values_equal(hc.sort(h, axis=axis, descending=descending, stable=False), expected)


@pytest.fixture(params=[1, 2], ids=["1thread", "2threads"])
def threads(request):
    old = hc.get_num_threads()
    hc.set_num_threads(request.param)
    yield request.param
    hc.set_num_threads(old)


@pytest.mark.parametrize("n", RADIX_SIZES)
@pytest.mark.parametrize("dtype", RADIX_DTYPES, ids=lambda d: np.dtype(d).name)
def test_radix_paths(dtype, n, threads):
    rng = np.random.default_rng(n)
    a = special_array(rng, dtype, n)
    check_lane_order(hc.asarray(a), a)
    if np.dtype(dtype).kind in "iuf" and n >= 300:
        b = special_array(rng, dtype, n, narrow=True)
        check_lane_order(hc.asarray(b), b)


@pytest.mark.parametrize("dtype", [np.int32, np.uint64, np.float32, np.float64])
def test_radix_constant_and_extreme_lanes(dtype, threads):
    for n in (40, 9000, 140000):
        dt = np.dtype(dtype)
        if dt.kind == "f":
            vals = [np.nan, -0.0, 0.0, -np.inf, np.inf, np.finfo(dt).max, -np.finfo(dt).tiny]
        else:
            vals = [np.iinfo(dt).min, np.iinfo(dt).max, 0]
        for v in vals:  # one value repeated (every digit constant)
            a = np.full(n, v, dtype=dt)
            check_lane_order(hc.asarray(a), a)
        a = np.resize(np.array(vals, dtype=dt), n)  # the extremes interleaved
        check_lane_order(hc.asarray(a), a)
        check_lane_order(hc.asarray(a[::-1]), a[::-1])


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.int16, np.float16])
def test_radix_many_lanes_every_layout(dtype, threads):
    rng = np.random.default_rng(7)
    a = special_array(rng, dtype, 120 * 700).reshape(120, 700)
    for view in (a, a.T, a[::-1, ::-2], a[:, ::3].T, np.asfortranarray(a)):
        h = hc.asarray(view)
        for axis in (0, 1):
            check_lane_order(h, view, axis)
    b = special_array(rng, dtype, 3 * 4 * 9000).reshape(3, 9000, 4)[:, ::-1]
    check_lane_order(hc.asarray(b), b, axis=1)


@given(st.data())
def test_radix_hypothesis_large(data):
    dtype = data.draw(st.sampled_from([np.float32, np.float64, np.int32, np.int64, np.uint32,
                                       np.int8, np.float16]), label="dtype")
    n = data.draw(st.sampled_from([0, 1, 33, 257, 5000, 66000, 150000]), label="n")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    narrow = data.draw(st.booleans(), label="narrow")
    special = data.draw(st.sampled_from([0.0, 0.01, 0.3, 1.0]), label="special")
    a = special_array(np.random.default_rng(seed), dtype, n, narrow, special)
    check_lane_order(hc.asarray(a), a)


def test_radix_unique_and_sets_large():
    rng = np.random.default_rng(3)
    a = special_array(rng, np.float32, 100000)
    u = hc.unique_all(hc.asarray(a))
    r = np.unique_all(a)
    assert_same(u.values, r.values)
    assert_same(u.counts, r.counts)
    assert_same(u.indices, r.indices)


@pytest.mark.parametrize("dtype", [np.float32, np.int64])
def test_radix_two_halves_merge(dtype):
    # A lane of 4M elements on two threads: the MSD pass split over both, buckets shared out.
    old = hc.get_num_threads()
    hc.set_num_threads(2)
    try:
        a = special_array(np.random.default_rng(11), dtype, (1 << 22) + 3, narrow=True)
        h = hc.asarray(a)
        for descending in (False, True):
            expected = np.take_along_axis(a, np_argsort(a, 0, descending), 0)
            got = hc.sort(h, descending=descending)
            assert np.asarray(got).tobytes() == expected.tobytes()
    finally:
        hc.set_num_threads(old)


@pytest.mark.parametrize("n", [300, 70000, 300000])
@pytest.mark.parametrize("dtype,udt", [(np.float32, np.uint32), (np.float64, np.uint64)])
def test_radix_nan_payloads_and_zero_runs(dtype, udt, n, threads):
    # sort's keyed paths take zeros and NaNs out and put them back by their bits: every NaN
    # payload and sign, and each zero's sign, must come back in the stable order.
    rng = np.random.default_rng(n)
    a = rng.standard_normal(n).astype(dtype)
    bits = a.view(udt)
    nbits = np.dtype(udt).itemsize * 8
    nan_mask = rng.random(n) < 0.05
    exp = np.array(((1 << (nbits - 1)) - 1) & ~((1 << (np.finfo(dtype).nmant)) - 1), dtype=udt)
    payload = rng.integers(1, 1 << np.finfo(dtype).nmant, n, dtype=udt)
    sign = rng.integers(0, 2, n, dtype=udt) << np.array(nbits - 1, dtype=udt)
    bits[nan_mask] = (exp | payload | sign)[nan_mask]
    zero_mask = ~nan_mask & (rng.random(n) < 0.1)
    bits[zero_mask] = sign[zero_mask]
    for view in (a, a[::-1], np.concatenate([a[nan_mask | zero_mask], a[:7]])):
        h = hc.asarray(view)
        for descending in (False, True):
            expected = np.take_along_axis(view, np_argsort(view, 0, descending), 0)
            assert np.asarray(hc.sort(h, descending=descending)).tobytes() == expected.tobytes()


# ---- the AVX-512 quicksort (cpp/cpu/sort_avx512.cpp) -------------------------------------------
# On AVX-512 machines (unless HCARRAY_SIMD forces another target) sort of float32/float64,
# int32/uint32, int64/uint64 (and float16/bfloat16, sorted as float32) runs it; elsewhere these
# tests check the radix path with the same oracle. Sizes cross every internal threshold: the
# sorting networks (1, 2, 4, 8, 16 vectors: 16/32/64/128/256 keys of 32 bits, 8/16/32/64/128
# of 64 bits), the partition's 2 x 4 saved vectors (128 / 64 keys) and its masked tail, the
# two-thread split (131072) and long lanes.
SIMD_DTYPES = [np.float32, np.float64, np.int32, np.uint32, np.int64, np.uint64]
# Around every leaf-network size (in-register bitonic up to 8 vectors, column networks of 8/16/32
# vectors: 64-512 elements of 32 bits, 64-256 of 64 bits) and the partition's minimum lengths.
NET_SIZES = sorted({m + d for m in (8, 16, 32, 64, 128, 256, 512, 1024) for d in (-1, 0, 1)}
                   | {2, 3, 5, 100, 200, 300, 400, 700, 1000, 4099, 40000, 131071, 131072,
                      131073})


def patterned(rng, dtype, n, kind):
    """n values of dtype laid out as `kind` (random data with specials for floats)."""
    a = special_array(rng, dtype, n)
    if kind == "random":
        return a
    if kind == "few":  # a handful of distinct values, many copies of each
        return np.resize(a[:3] if n >= 3 else a, n)
    if kind == "equal":
        return np.full(n, a[0] if n else 0, dtype=a.dtype)
    s = np.sort(a)
    if kind == "sorted":
        return s
    if kind == "reversed":
        return s[::-1].copy()
    if kind == "organ":  # ascending then descending
        return np.concatenate([s[::2], s[1::2][::-1]])
    if kind == "sawtooth":
        return np.resize(s[: max(1, n // 7)], n)
    raise AssertionError(kind)


PATTERNS = ["random", "few", "equal", "sorted", "reversed", "organ", "sawtooth"]


def check_sort_bits(a):
    """hc.sort (ascending, descending; stable and not) is bit for bit the stable sort."""
    h = hc.asarray(a)
    for descending in (False, True):
        expected = np.take_along_axis(a, np_argsort(a, 0, descending), 0)
        for stable in (True, False):
            got = np.asarray(hc.sort(h, descending=descending, stable=stable))
            assert got.dtype == expected.dtype
            assert got.tobytes() == expected.tobytes(), (a.dtype, a.size, descending, stable)


@pytest.mark.parametrize("n", NET_SIZES)
@pytest.mark.parametrize("dtype", SIMD_DTYPES, ids=lambda d: np.dtype(d).name)
def test_simd_sort_sizes(dtype, n):
    rng = np.random.default_rng(n)
    check_sort_bits(special_array(rng, dtype, n))
    if np.dtype(dtype).kind in "iu":
        check_sort_bits(special_array(rng, dtype, n, narrow=True))


@pytest.mark.parametrize("kind", PATTERNS)
@pytest.mark.parametrize("dtype", SIMD_DTYPES, ids=lambda d: np.dtype(d).name)
def test_simd_sort_patterns(dtype, kind, threads):
    rng = np.random.default_rng(5)
    for n in (130, 257, 3000, 20000, 140001):
        check_sort_bits(patterned(rng, dtype, n, kind))


@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.float64, np.uint64])
def test_simd_sort_long_lanes(dtype, threads):
    rng = np.random.default_rng(9)
    n = 10**6 + 5 if dtype == np.float32 else 300001
    check_sort_bits(special_array(rng, dtype, n))
    check_sort_bits(special_array(rng, dtype, n, special=0.0))
    a = special_array(rng, dtype, n, narrow=True)
    assert_same(hc.sort(hc.asarray(a)), np.sort(a, kind="stable"))


@pytest.mark.parametrize("dtype,udt", [(np.float32, np.uint32), (np.float64, np.uint64)])
def test_simd_sort_specials(dtype, udt, threads):
    # NaNs of every sign and many payloads, -0.0/+0.0 mixes, infinities, subnormals, extremes.
    fi = np.finfo(dtype)
    nbits = np.dtype(udt).itemsize * 8
    sign = np.array(1 << (nbits - 1), dtype=udt)
    exp_bits = np.array(((1 << (nbits - 1)) - 1) & ~((1 << fi.nmant) - 1), dtype=udt)
    rng = np.random.default_rng(2)
    for n in (7, 17, 100, 255, 256, 257, 1000, 20001):
        a = rng.standard_normal(n).astype(dtype)
        bits = a.view(udt)
        r = rng.random(n)
        payload = rng.integers(1, 1 << fi.nmant, n, dtype=udt)
        signs = rng.integers(0, 2, n).astype(udt) * sign
        nan = r < 0.1
        bits[nan] = (exp_bits | payload | signs)[nan]
        zero = (r >= 0.1) & (r < 0.3)
        bits[zero] = signs[zero]
        a[(r >= 0.3) & (r < 0.35)] = np.inf
        a[(r >= 0.35) & (r < 0.4)] = -np.inf
        a[(r >= 0.4) & (r < 0.45)] = fi.smallest_subnormal * rng.integers(-3, 4, n)[(r >= 0.4) & (r < 0.45)]
        a[(r >= 0.45) & (r < 0.5)] = fi.max
        a[(r >= 0.5) & (r < 0.55)] = fi.min
        check_sort_bits(a)
        check_sort_bits(np.where(nan, a, dtype(0.0) * np.where(r < 0.2, -1, 1)).astype(dtype))
        only_zeros = np.where(r < 0.5, dtype(-0.0), dtype(0.0)).astype(dtype)
        check_sort_bits(only_zeros)
        check_sort_bits(a[nan])  # NaNs only


@pytest.mark.parametrize("depth", ["0", "1", "3"])
@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.uint32, np.float64])
def test_simd_sort_depth_fallback(dtype, depth, monkeypatch, threads):
    # HCARRAY_SORT_MAX_DEPTH lowers the quicksort's depth limit (read on each call), so the
    # O(n log n) fallback sorts (part of) the lane; organ-pipe and sorted data as well.
    monkeypatch.setenv("HCARRAY_SORT_MAX_DEPTH", depth)
    rng = np.random.default_rng(int(depth))
    for kind in ("random", "organ", "sorted", "few"):
        for n in (300, 5000, 70000):
            check_sort_bits(patterned(rng, dtype, n, kind))


def test_simd_sort_many_lanes_and_half_floats():
    rng = np.random.default_rng(4)
    for dtype in (np.float32, np.int64, np.float16, BF16):
        a = special_array(rng, dtype, 300 * 257).reshape(300, 257)
        for view in (a, a.T, a[::-1, ::-3]):
            h = hc.asarray(view)
            for axis in (0, 1):
                for descending in (False, True):
                    assert_same(hc.sort(h, axis=axis, descending=descending),
                                np.take_along_axis(view, np_argsort(view, axis, descending), axis))


_RADIX_CHECK = """
import numpy as np, hcarray as hc
rng = np.random.default_rng(0)
for dt in (np.float32, np.float64, np.int32, np.uint64):
    for n in (5, 300, 70000):
        a = (rng.standard_normal(n) * 100).astype(dt)
        if a.dtype.kind == "f":
            a[::7] = np.nan
            a[1::5] = -0.0
        got = np.asarray(hc.sort(hc.asarray(a)))
        assert got.tobytes() == np.sort(a, kind="stable").tobytes(), (dt, n)
        order = n - 1 - np.argsort(a[::-1], kind="stable")[::-1]  # stable descending
        got = np.asarray(hc.sort(hc.asarray(a), descending=True))
        assert got.tobytes() == a[order].tobytes(), (dt, n)
print("ok")
"""


@pytest.mark.parametrize("target", ["avx2", "scalar"])
def test_sort_other_simd_targets(target):
    # HCARRAY_SIMD=avx2/scalar turns the AVX-512 sort off: the radix sorts must still be right.
    import os
    import subprocess
    import sys
    env = dict(os.environ, HCARRAY_SIMD=target)
    r = subprocess.run([sys.executable, "-c", _RADIX_CHECK], env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
