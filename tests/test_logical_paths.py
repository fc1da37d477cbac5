"""The logical ops on long vectors (session 5: bool, ints and float32/64 through the per-target
loops, & and | instead of the short-circuit operators, bool logical_not / invert through the
byte): every dtype, random truth values with zeros, NaN, -0.0 and infinities, contiguous,
strided, reversed and broadcast operands; NumPy is the oracle, element for element."""

import hcarray as hc
import ml_dtypes
import numpy as np
import pytest
from strategies import LAYOUTS, layout_operands

DTYPES = [np.bool_, np.int8, np.uint8, np.int16, np.int32, np.uint32, np.int64, np.uint64,
          np.float16, ml_dtypes.bfloat16, np.float32, np.float64, np.complex64, np.complex128]


def values(dt, n, rng):
    if dt is np.bool_:
        return rng.random(n) > 0.5
    v = np.where(rng.random(n) > 0.5, rng.integers(-3, 4, n), 0)
    if np.dtype(dt).kind in "fcV":
        v = v.astype(np.float64)
        v[rng.random(n) < 0.05] = np.nan
        v[rng.random(n) < 0.05] = -0.0
        v[rng.random(n) < 0.05] = np.inf
        if np.dtype(dt).kind == "c":
            with np.errstate(invalid="ignore"):  # 1j * inf has a NaN real part: test data
                return (v + 1j * np.where(rng.random(n) > 0.7, v[::-1], 0)).astype(dt)
    elif np.dtype(dt).kind == "u":
        v = np.abs(v)
    return v.astype(dt)


@pytest.mark.parametrize("dt", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_logical_ops_match_numpy(dt, layout):
    rng = np.random.default_rng(7)
    n = 3001  # vector bodies and tails
    a, b = layout_operands(values(dt, 2 * n, rng), values(dt, 2 * n, rng), n, layout)
    ha, hb = hc.asarray(a), hc.asarray(b)
    for name in ("logical_and", "logical_or", "logical_xor"):
        got = np.asarray(getattr(hc, name)(ha, hb))
        exp = getattr(np, name)(a, b)
        assert got.dtype == np.bool_ and np.array_equal(got, exp), name
    assert np.array_equal(np.asarray(hc.logical_not(ha)), np.logical_not(a))
    if dt is np.bool_:
        assert np.array_equal(np.asarray(~ha), ~a)
        assert np.array_equal(np.asarray(hc.bitwise_invert(ha)), ~a)
