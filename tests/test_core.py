"""The core layers: casts between every dtype pair, the strided iterator through copies of odd
layouts, reshape views, the allocator, and shape checks."""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcarray as hc
from hcarray import _core
from strategies import ALL, FLOAT, assert_same, np_arrays, pair

BF16 = np.dtype(ml_dtypes.bfloat16)


def _safe_values(src, dst):
    """Values of dtype src that every conversion to dst defines the same way everywhere
    (in range for integer targets; finite for float -> int)."""
    vals = np.array([0, 1, 2, 3, 5, 7, 100, 127], dtype=np.float64)
    if src.kind in "fc" or src == BF16:
        vals = np.concatenate([vals, [0.5, -0.0, 2.75, 1e3]])
    if src.kind in "iufc" or src == BF16:
        if src.kind != "u":
            vals = np.concatenate([vals, -vals[1:]])
    if dst.kind in "iu" and src.kind in "fc" or dst.kind in "iu" and src == BF16:
        info = np.iinfo(dst)
        vals = vals[(vals >= info.min) & (vals <= info.max)]
    if dst.kind == "u":
        vals = vals[vals >= 0]
    if dst.kind == "i" and src.kind in "iu":
        vals = vals[np.abs(vals) <= np.iinfo(dst).max]
    if src.kind == "b":
        vals = np.array([0, 1])
    return vals.astype(src) if src != BF16 else vals.astype(np.float32).astype(BF16)


@pytest.mark.parametrize("src", ALL, ids=str)
@pytest.mark.parametrize("dst", ALL, ids=str)
def test_cast_every_pair(src, dst):
    a = _safe_values(src, dst)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = a.astype(dst)
    got = _core.astype(hc.asarray(a), dst)
    assert got.dtype == dst
    np.testing.assert_array_equal(np.asarray(got), expected)


def test_integer_casts_wrap_like_numpy():
    a = np.array([-129, 128, 255, 256, 70000, -1, 2**40 + 3], dtype=np.int64)
    for t in (np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.uint64):
        assert_same(_core.astype(hc.asarray(a), t), a.astype(t))


def test_float_to_int_out_of_range_is_defined():
    # NumPy leaves these values to the platform; ours are fixed and never undefined behaviour.
    a = np.array([np.nan, np.inf, -np.inf, 1e30, -1e30])
    got = np.asarray(_core.astype(hc.asarray(a), np.int64))
    assert (got == np.iinfo(np.int64).min).all()


def test_half_conversions_exhaustive():
    h = np.arange(65536, dtype=np.uint16).view(np.float16)
    f = np.asarray(_core.astype(hc.asarray(h), np.float32))
    np.testing.assert_array_equal(f, h.astype(np.float32))
    finite = h[np.isfinite(h)].astype(np.float64)
    s = np.sort(finite)
    mids = (s[1:] + s[:-1]) / 2  # exact ties: round half to even
    for src in (mids, mids.astype(np.float32)):
        got = np.asarray(_core.astype(hc.asarray(src), np.float16))
        np.testing.assert_array_equal(got, src.astype(np.float16))


def test_bfloat16_from_float32_matches_ml_dtypes():
    rng = np.random.default_rng(1)
    v = np.concatenate([rng.standard_normal(100_000).astype(np.float32) * 1e3,
                        np.array([0.0, -0.0, np.inf, -np.inf, 3.4e38, 1e-40], np.float32)])
    got = np.asarray(_core.astype(hc.asarray(v), BF16))
    np.testing.assert_array_equal(got.view(np.uint16), v.astype(BF16).view(np.uint16))


def test_bfloat16_from_float64_rounds_once():
    # ml_dtypes rounds float64 -> float32 -> bfloat16 (twice); hcarray rounds once, to nearest.
    d = np.array([690.00001883])
    assert float(np.asarray(_core.astype(hc.asarray(d), BF16))[0]) == 692.0


@given(np_arrays())
def test_copy_any_layout(a):
    got = hc.asarray(a).copy()
    assert_same(got, a)
    assert got._c_contiguous


@given(pair(dtypes=FLOAT), st.sampled_from(["C", "T"]))
def test_copy_into_views(p, order):
    a, h = p
    dst_np = np.zeros(a.shape, a.dtype) if order == "C" else np.zeros(a.shape[::-1], a.dtype).T
    dst = hc.asarray(dst_np)  # zero-copy: writes land in dst_np
    _core.copyto(dst, h)
    np.testing.assert_array_equal(dst_np, a)


def test_reshape_views_and_copies():
    base = np.arange(24.0).reshape(2, 3, 4)
    h = hc.asarray(base)
    v = h.reshape(6, 4)
    assert v._shares_storage(h)
    t = h.mT  # (2, 4, 3), not contiguous
    r = t.reshape(8, 3)  # must copy
    assert_same(r, base.transpose(0, 2, 1).reshape(8, 3))
    s = h[:, ::2, :]  # (2, 2, 4) with a gap: (2, 8) needs a copy, (2, 2, 2, 2) is a view
    assert_same(s.reshape(2, 2, 2, 2), base[:, ::2, :].reshape(2, 2, 2, 2))
    assert s.reshape(2, 2, 2, 2)._shares_storage(h)
    assert_same(s.reshape(-1), base[:, ::2, :].reshape(-1))
    with pytest.raises(ValueError, match="reshape"):
        t.reshape(8, 3, copy=False)
    with pytest.raises(ValueError, match="reshape"):
        h.reshape(5, 5)
    with pytest.raises(ValueError, match="unknown dimension"):
        h.reshape(-1, -1)


@given(np_arrays(), st.data())
def test_reshape_hypothesis(a, data):
    h = hc.asarray(a)
    n = a.size
    divisors = [d for d in range(1, max(n, 1) + 1) if n % d == 0] or [1]
    d = data.draw(st.sampled_from(divisors))
    shape = (d, -1) if n else (0, 3)
    assert_same(h.reshape(shape), a.reshape(shape))


def test_writes_through_views_reach_the_base():
    base = np.zeros((4, 5))
    h = hc.asarray(base)
    h[1:3, ::-2] = 7.0
    expected = np.zeros((4, 5))
    expected[1:3, ::-2] = 7.0
    np.testing.assert_array_equal(base, expected)


def test_overlapping_inplace_reads_before_writing():
    n = np.arange(10.0)
    h = hc.asarray(n.copy())
    h[1:] += h[:-1]
    n[1:] += n[:-1]
    assert_same(h, n)
    h = hc.asarray(np.arange(6.0))
    h += h[::-1]
    assert_same(h, np.full(6, 5.0))


def test_allocator_reuses_freed_memory():
    _core._memory_clear_cache()
    before = _core._memory_stats()
    for _ in range(20):
        _core.empty((1 << 16,), np.float32)
    after = _core._memory_stats()
    assert after["cache_hits"] - before["cache_hits"] >= 18
    assert after["bytes_cached"] >= 1 << 18


@pytest.mark.parametrize("shape", [(2**40, 2**40), (2**62,), (-1, 3), (2**31, 2**31, 4)])
def test_bad_shapes_raise(shape):
    with pytest.raises((ValueError, MemoryError)):
        _core.empty(shape, np.float64)


def test_memory_limit_raises_memoryerror():
    _core._memory_clear_cache()
    _core._memory_set_limit(1 << 20)
    try:
        with pytest.raises(MemoryError):
            _core.empty((1 << 21,), np.uint8)
    finally:
        _core._memory_set_limit(0)


def test_unknown_dtype_is_typeerror():
    with pytest.raises(TypeError, match="empty"):
        _core.empty((2,), "U3")
    with pytest.raises(TypeError):
        _core.empty((2,), object)
