"""NumPy's ndarray methods and attributes on hcarray.ndarray, against NumPy."""

import numpy
import numpy as np
import pytest
from hypothesis import given

import hcarray as hc
from strategies import ALL, FLOAT, NUMERIC, REAL, assert_same, pair


@given(pair(dtypes=REAL, allow_special=False))
def test_reduction_methods(p):
    a, h = p
    assert_same(h.sum(), a.sum(), rtol=1e-5, atol=1e-5)
    assert_same(h.cumsum(), a.cumsum(), rtol=1e-5, atol=1e-5)
    assert_same(h.any(), a.any()) and assert_same(h.all(), a.all())
    if a.size:
        # Which zero max/min return among -0.0 and +0.0 is implementation-defined: values only.
        numpy.testing.assert_array_equal(numpy.asarray(h.max()), a.max())
        numpy.testing.assert_array_equal(numpy.asarray(h.min()), a.min())
        assert h.max().dtype == a.dtype and h.min().dtype == a.dtype
        assert_same(h.argmax(), a.argmax()) and assert_same(h.argmin(), a.argmin())
        if a.dtype.kind == "f":
            assert_same(h.mean(), a.mean(), rtol=1e-5, atol=1e-6)
            # Against float64: NumPy's float32 var of a large constant is not 0 (its float32
            # mean rounds); hcarray's mean is summed in double. Tolerance scales with |a|^2.
            ref = a.astype(numpy.float64).var().astype(a.dtype)
            scale = 1.0 + numpy.square(numpy.abs(a.astype(numpy.float64)).max())
            assert_same(h.var(ddof=0), ref, rtol=1e-4, atol=1e-6 * scale)
    if a.ndim >= 1 and a.shape[0]:
        assert_same(h.sum(axis=0), a.sum(axis=0), rtol=1e-5, atol=1e-5)
        assert_same(h.max(axis=0, keepdims=True), a.max(axis=0, keepdims=True),
                    signed_zero=False)


@given(pair(dtypes=ALL))
def test_shape_methods(p):
    a, h = p
    assert_same(h.ravel(), a.ravel()) and assert_same(h.flatten(), a.flatten())
    assert_same(h.transpose(), a.transpose()) and assert_same(h.squeeze(), a.squeeze())
    assert_same(h.reshape(-1), a.reshape(-1)) and assert_same(h.reshape((a.size,)),
                                                              a.reshape((a.size,)))
    assert_same(h.reshape(a.shape, order="F"), a.reshape(a.shape, order="F"))
    assert h.tobytes() == a.tobytes()
    assert h.flags.c_contiguous == a.flags.c_contiguous
    assert h.flags["F_CONTIGUOUS"] == a.flags["F_CONTIGUOUS"]
    if a.ndim >= 2:
        assert_same(h.swapaxes(0, 1), a.swapaxes(0, 1))
        assert_same(h.transpose(1, 0, *range(2, a.ndim)), a.transpose(1, 0, *range(2, a.ndim)))
        assert_same(h.diagonal(), a.diagonal())


@given(pair(dtypes=NUMERIC, allow_special=False))
def test_in_place_and_copies(p):
    a, h = p
    a = a.copy()
    h = hc.asarray(a.copy())
    if a.ndim >= 1:
        a.sort()
        h.sort()
        # NumPy's sort is unstable and orders -0.0 and +0.0 by its SIMD path: values only.
        assert_same(h, a, signed_zero=False)
    f = h.flatten()
    if f.size:
        f[0] = 1
    assert_same(h, a, signed_zero=False)
    h.fill(3)
    a.fill(3)
    assert_same(h, a)
    assert_same(h.real, a.real) and assert_same(h.imag, a.imag)
    assert_same(h.conj(), a.conj())


def test_reshape_forms_and_flat():
    h = hc.arange(6)
    assert h.reshape(2, 3).shape == (2, 3) and h.reshape((3, 2)).shape == (3, 2)
    m = h.reshape(2, 3)
    assert m.flat[4] == 4 and [int(v) for v in m.flat] == list(range(6))
    m.T.flat[1] = 100
    assert m[1, 0] == 100
    assert len(m.flat) == 6


def test_format_round_view_flags():
    h = hc.asarray([1.23456, 2.5])
    assert f"{h[0]:.2f}" == "1.23" and f"{h.sum():.1f}" == "3.7" and f"{h}" == str(h)
    with pytest.raises(TypeError):
        f"{h:.2f}"
    assert round(h[1]) == 2 and isinstance(round(h[1]), int)
    assert_same(round(h, 1), numpy.round(numpy.array([1.23456, 2.5]), 1))
    v = h.view(hc.int64)
    assert_same(v, numpy.array([1.23456, 2.5]).view(numpy.int64))
    assert_same(h.view(hc.int32), numpy.array([1.23456, 2.5]).view(numpy.int32))
    h.flags.writeable = False
    with pytest.raises(ValueError):
        h[0] = 1
    h.flags["WRITEABLE"] = True
    h[0] = 1
    assert 1.0 in h and 7 not in h


def test_complex_real_imag_views():
    c = hc.asarray(numpy.array([1 + 2j, 3 - 1j]))
    c.real[:] = 5
    assert c.tolist() == [5 + 2j, 5 - 1j]
    c.imag = 0
    assert c.tolist() == [5, 5]


def test_misc_methods():
    a = numpy.arange(12.0).reshape(3, 4)
    h = hc.asarray(a)
    assert_same(h.clip(2, 5), a.clip(2, 5)) and assert_same(h.round(1), a.round(1))
    assert_same(h.dot(h.T), a.dot(a.T)) and assert_same(h.trace(), numpy.asarray(a.trace()))
    assert_same(h.repeat(2, axis=0), a.repeat(2, axis=0)) and assert_same(h.take([0, 5]),
                                                                          a.take([0, 5]))
    for x, y in zip(h.nonzero(), a.nonzero()):
        assert_same(x, y)
    assert_same(h.argsort(axis=0), a.argsort(axis=0))
    assert_same(h.astype(hc.int32, order="C"), a.astype(numpy.int32))
    assert h.item(5) == 5.0 and h.item(1, 1) == 5.0
    with pytest.raises(TypeError, match="astype"):
        h.astype(hc.int32, casting="safe")
    with pytest.raises(ValueError, match="fill"):
        h.fill(hc.ones(2))


@pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::numpy.exceptions.ComplexWarning")
@pytest.mark.parametrize("dtype", ["int8", "uint8", "int64", "float16", "float32", "bool",
                                   "complex64"])
def test_fill_converts_as_numpy(dtype):
    # fill converts its value as NumPy's fill does: no silent truncation of a complex, no NaN,
    # inf or out-of-range number wrapped into an integer; any layout.
    for v in [1 + 2j, float("nan"), float("inf"), 300.0, 2.5, -1.0, 300, -1, np.float64("nan"),
              np.int16(5), np.array(3.5), True, np.complex64(1 + 1j)]:
        a = np.zeros(3, dtype)
        h = hc.zeros((3, 2), dtype=dtype)[:, 0]
        try:
            a.fill(v)
        except (TypeError, ValueError, OverflowError) as e:
            with pytest.raises(type(e), match="fill"):
                h.fill(v)
        else:
            h.fill(v)
            np.testing.assert_array_equal(np.asarray(h), a)
