"""unique_all, unique_counts, unique_inverse, unique_values against np.unique (sorted values;
NaNs distinct; first-occurrence indices; inverse_indices with x's shape; int64 indices)."""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given

import hcarray as hc
from strategies import ALL, COMPLEX, HALF, assert_same, pair

BF16 = np.dtype(ml_dtypes.bfloat16)


def np_unique(a):
    """np.unique of flattened a (equal_nan=False), in a's dtype; inverse reshaped to a's shape."""
    r = a.astype(np.float32) if a.dtype in HALF else a
    v, i, inv, c = np.unique(r.ravel(), return_index=True, return_inverse=True, return_counts=True,
                             equal_nan=False)
    return v.astype(a.dtype), i.astype(np.int64), inv.reshape(a.shape).astype(np.int64), c.astype(np.int64)


def same_values(h, expected):
    """Values equal as == sees them (NaN == NaN here); -0 and +0 are one value, and which of
    them np.unique reports depends on its (unstable) sort."""
    got = np.asarray(h)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    if got.dtype == BF16:
        got, expected = got.astype(np.float32), expected.astype(np.float32)
    np.testing.assert_array_equal(got, expected)


@given(pair(dtypes=ALL))
def test_unique_all(p):
    a, h = p
    v, i, inv, c = np_unique(a)
    r = hc.unique_all(h)
    assert type(r).__name__ == "UniqueAllResult"
    assert r._fields == ("values", "indices", "inverse_indices", "counts")
    same_values(r.values, v)
    assert_same(r.indices, i)
    assert_same(r.inverse_indices, inv)
    assert_same(r.counts, c)
    # Each value is the first occurrence itself (signed zeros included).
    flat = np.asarray(h).ravel()
    assert np.asarray(r.values).tobytes() == flat[np.asarray(r.indices)].tobytes()


@given(pair(dtypes=ALL))
def test_unique_counts_inverse_values(p):
    a, h = p
    v, _, inv, c = np_unique(a)
    rc = hc.unique_counts(h)
    assert rc._fields == ("values", "counts")
    same_values(rc.values, v)
    assert_same(rc.counts, c)
    ri = hc.unique_inverse(h)
    assert ri._fields == ("values", "inverse_indices")
    same_values(ri.values, v)
    assert_same(ri.inverse_indices, inv)
    same_values(hc.unique_values(h), v)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, BF16])
def test_nans_distinct_signed_zeros_merged(dtype):
    a = np.array([[np.nan, 0.0, -0.0], [np.nan, 1.0, 0.0]], dtype=np.float32).astype(dtype)
    r = hc.unique_all(hc.asarray(a))
    vals = np.asarray(r.values).astype(np.float32)
    assert vals.shape == (4,)
    assert vals[0] == 0 and not np.signbit(vals[0])  # the first occurrence is +0
    assert vals[1] == 1 and np.isnan(vals[2:]).all()
    assert_same(r.indices, np.array([1, 4, 0, 3]))
    assert_same(r.counts, np.array([3, 1, 1, 1]))
    assert_same(r.inverse_indices, np.array([[2, 0, 0], [3, 1, 0]]))


@pytest.mark.parametrize("dtype", COMPLEX)
def test_complex_nan_components_distinct(dtype):
    n = np.nan
    a = np.array([complex(1, n), 1 + 0j, complex(1, n), complex(n, 0), 1 - 0j, 2j], dtype=dtype)
    v, i, inv, c = np_unique(a)
    r = hc.unique_all(hc.asarray(a))
    same_values(r.values, v)
    assert_same(r.indices, i)
    assert_same(r.inverse_indices, inv)
    assert_same(r.counts, c)
    assert np.asarray(r.counts).tolist() == [1, 2, 1, 1, 1]


def test_empty_0d_bool():
    r = hc.unique_all(hc.zeros((2, 0), dtype=hc.int16))
    assert r.values.shape == (0,) and r.values.dtype == hc.int16
    assert r.indices.shape == r.counts.shape == (0,) and r.inverse_indices.shape == (2, 0)
    assert r.indices.dtype == r.inverse_indices.dtype == r.counts.dtype == hc.int64
    r0 = hc.unique_inverse(hc.asarray(np.uint8(7)))
    assert_same(r0.values, np.array([7], np.uint8))
    assert_same(r0.inverse_indices, np.asarray(0))
    b = np.array([[True, False], [True, True]])
    assert_same(hc.unique_counts(hc.asarray(b)).counts, np.array([1, 3]))


@pytest.mark.parametrize("fn", [hc.unique_all, hc.unique_counts, hc.unique_inverse, hc.unique_values])
def test_bad_input(fn):
    # NumPy's array_likes are accepted at the top level (NumPy's unique_* take them): the same
    # result as for the hcarray; text is refused
    for like in (np.array([3, 1, 3]), [3, 1, 3]):
        got, want = fn(like), fn(hc.asarray(np.array([3, 1, 3])))
        for g, w in zip(got if isinstance(got, tuple) else (got,),
                        want if isinstance(want, tuple) else (want,)):
            assert_same(g, np.asarray(w))
    with pytest.raises(TypeError, match=fn.__name__):
        fn(["a", "b"])
