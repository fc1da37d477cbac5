"""Hypothesis strategies shared by the tests: NumPy arrays over dtypes x shapes x strides
(0-d, empty, non-contiguous and negative-stride included) and their hcarray twins.

Use: ``@given(pair(dtypes=FLOAT))`` gives ``(np_array, hc_array)`` holding the same values, where
hc_array is a zero-copy view with the same (possibly odd) strides as np_array.
"""

import ml_dtypes
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc

BOOL = [np.dtype(np.bool_)]
INT = [np.dtype(t) for t in (np.int8, np.int16, np.int32, np.int64)]
UINT = [np.dtype(t) for t in (np.uint8, np.uint16, np.uint32, np.uint64)]
FLOAT = [np.dtype(np.float32), np.dtype(np.float64)]
HALF = [np.dtype(np.float16), np.dtype(ml_dtypes.bfloat16)]
COMPLEX = [np.dtype(np.complex64), np.dtype(np.complex128)]
INTEGRAL = INT + UINT
REAL = INTEGRAL + FLOAT
NUMERIC = REAL + COMPLEX
ALL = BOOL + NUMERIC + HALF

shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)


def _elements(dtype, allow_special):
    if dtype == np.dtype(ml_dtypes.bfloat16):
        return st.floats(-100, 100, width=32).map(lambda v: float(np.float32(v)))
    if dtype.kind == "f":
        return st.floats(width=dtype.itemsize * 8, allow_nan=allow_special,
                         allow_infinity=allow_special)
    if dtype.kind == "c":
        w = dtype.itemsize * 4
        f = st.floats(width=w, allow_nan=allow_special, allow_infinity=allow_special)
        return st.builds(complex, f, f)
    return None


@st.composite
def np_arrays(draw, dtypes=ALL, shape=shapes, allow_special=True):
    """A NumPy array; half the time a strided (possibly reversed) view of a larger one."""
    dtype = draw(st.sampled_from(dtypes))
    shp = draw(shape) if not isinstance(shape, tuple) else shape
    layout = draw(st.sampled_from(["c", "strided", "reversed", "transposed"]))
    store_dtype = np.dtype(np.float32) if dtype == np.dtype(ml_dtypes.bfloat16) else dtype
    if layout == "strided" and len(shp) > 0:
        big = tuple(2 * s for s in shp)
        base = draw(hnp.arrays(store_dtype, big, elements=_elements(dtype, allow_special)))
        arr = base[tuple(slice(None, None, 2) for _ in shp)]
    elif layout == "reversed" and len(shp) > 0:
        base = draw(hnp.arrays(store_dtype, shp, elements=_elements(dtype, allow_special)))
        arr = base[tuple(slice(None, None, -1) for _ in shp)]
    elif layout == "transposed" and len(shp) > 1:
        base = draw(hnp.arrays(store_dtype, shp[::-1], elements=_elements(dtype, allow_special)))
        arr = base.T
    else:
        arr = draw(hnp.arrays(store_dtype, shp, elements=_elements(dtype, allow_special)))
    if dtype != store_dtype:
        arr = arr.astype(dtype)  # bfloat16: a contiguous copy
    return arr


def to_hc(a):
    """A zero-copy hcarray view of NumPy array a, keeping its strides."""
    return hc.asarray(a)


@st.composite
def pair(draw, dtypes=ALL, shape=shapes, allow_special=True):
    a = draw(np_arrays(dtypes, shape, allow_special))
    return a, to_hc(a)


def assert_same(h, expected, *, rtol=0.0, atol=0.0, check_dtype=True, signed_zero=True):
    """Asserts hcarray h equals NumPy array expected: shape, dtype and values (NaN == NaN; the
    sign of zero matters when rtol == atol == 0 and signed_zero). signed_zero=False is for
    results where the standard leaves it open which of -0.0 and +0.0 comes out (max/min of
    equal zeros, the order of equal zeros after an unstable sort); NumPy's choice there
    depends on the SIMD path of the machine."""
    assert isinstance(h, hc.ndarray), f"expected hcarray.ndarray, got {type(h).__name__}"
    got = np.asarray(h)
    expected = np.asarray(expected)
    bf16 = np.dtype(ml_dtypes.bfloat16)
    if check_dtype:
        assert got.dtype == expected.dtype, f"dtype {got.dtype} != {expected.dtype}"
    if got.dtype == bf16 or expected.dtype == bf16:
        # NumPy's comparisons do not know bfloat16's NaN; compare exactly in float32.
        got = got.astype(np.float32)
        expected = expected.astype(np.float32)
    assert got.shape == expected.shape, f"shape {got.shape} != {expected.shape}"
    if check_dtype:
        assert got.dtype == expected.dtype, f"dtype {got.dtype} != {expected.dtype}"
    if rtol == 0 and atol == 0:
        np.testing.assert_array_equal(got, expected, strict=False)
        if signed_zero and got.dtype.kind == "f" and got.size:
            g = got.astype(np.float64)
            e = expected.astype(np.float64)
            zero = (g == 0) & (e == 0)
            assert np.array_equal(np.signbit(g[zero]), np.signbit(e[zero])), "sign of zero differs"
    else:
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)


# Operand layouts for the long-vector tests of the elementwise paths (tests/test_*_paths.py): a
# and b of 2n elements each give two n-element operands (or one and a 0-d array).
LAYOUTS = ["contiguous", "strided", "reversed", "scalar_b", "scalar_a"]


def layout_operands(a, b, n, layout):
    """contiguous, strided (b offset by one), reversed a, or one operand 0-d."""
    if layout == "contiguous":
        return a[:n], b[:n]
    if layout == "strided":
        return a[::2], b[1::2]
    if layout == "reversed":
        return a[::-1][:n], b[:n]
    if layout == "scalar_b":
        return a[:n], b[5:6].reshape(())
    if layout == "scalar_a":
        return a[7:8].reshape(()), b[:n]
    raise ValueError(layout)
