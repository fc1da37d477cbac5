"""The fft extension against numpy.fft: values, dtypes (complex64 stays complex64, float32 ->
complex64 for rfft, ...), shapes, n/s/axes/norm handling, results in hcarray memory, misuse."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import COMPLEX, FLOAT, HALF, INT, assert_same, np_arrays, pair

NORMS = ["backward", "ortho", "forward"]
shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6)
C2C = ["fft", "ifft"]
C2C_N = ["fftn", "ifftn"]


def allocates(make):
    before = hc._core._memory_stats()["allocations"]
    r = make()
    return r, hc._core._memory_stats()["allocations"] > before


def expected_complex(d):
    return np.dtype(np.complex128 if d in (np.float64,) or d.kind in "biu" or d == np.complex128
                    else np.complex64)


@given(np_arrays(COMPLEX + FLOAT, shape=shapes), st.data())
def test_one_dimensional(a, data):
    h = hc.asarray(a)
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    n = data.draw(st.none() | st.integers(1, 9))
    norm = data.draw(st.sampled_from(NORMS))
    with np.errstate(all="ignore"):
        for name in ("fft", "ifft", "hfft", "irfft"):
            if name in ("hfft", "irfft") and n is None and a.shape[axis] == 1:
                continue  # default output length 2*(m-1) = 0: invalid
            got = getattr(hc.fft, name)(h, n=n, axis=axis, norm=norm)
            exp = getattr(np.fft, name)(a, n=n, axis=axis, norm=norm)
            assert_same(got, exp)
        if a.dtype.kind == "f":
            for name in ("rfft", "ihfft"):
                got = getattr(hc.fft, name)(h, n=n, axis=axis, norm=norm)
                exp = getattr(np.fft, name)(a, n=n, axis=axis, norm=norm)
                assert_same(got, exp)


@given(np_arrays(COMPLEX + FLOAT, shape=shapes), st.data())
def test_n_dimensional(a, data):
    h = hc.asarray(a)
    axes = data.draw(st.none() | st.lists(st.integers(0, a.ndim - 1), min_size=1, unique=True))
    s = None
    if axes is not None and data.draw(st.booleans()):
        s = [data.draw(st.sampled_from([-1, 1, 2, 3, 5])) for _ in axes]
    norm = data.draw(st.sampled_from(NORMS))
    s_np = None if s is None else [a.shape[ax] if v == -1 else v for v, ax in zip(s, axes)]
    with np.errstate(all="ignore"):
        for name in ("fftn", "ifftn", "irfftn"):
            last = a.ndim - 1 if axes is None else axes[-1]
            if name == "irfftn" and s is None and a.shape[last] == 1:
                continue  # default last output length 0: invalid
            assert_same(getattr(hc.fft, name)(h, s=s, axes=axes, norm=norm),
                        getattr(np.fft, name)(a, s=s_np, axes=axes, norm=norm))
        if a.dtype.kind == "f":
            assert_same(hc.fft.rfftn(h, s=s, axes=axes, norm=norm),
                        np.fft.rfftn(a, s=s_np, axes=axes, norm=norm))


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128, np.float32, np.float64,
                                   np.float16, np.int8], ids=str)
def test_result_dtypes(dtype):
    """Precision as the standard requires: 64-bit complex stays 64-bit, float32 -> complex64."""
    d = np.dtype(dtype)
    h = hc.asarray(np.arange(8).astype(d))
    c = expected_complex(d)
    real = np.dtype(np.float32 if c == np.complex64 else np.float64)
    if d == np.float16:
        real = d  # as NumPy: real float16 input to the complex-to-real transforms stays float16
    assert hc.fft.fft(h).dtype == c and hc.fft.ifftn(h).dtype == c
    assert hc.fft.irfft(h).dtype == real and hc.fft.hfft(h).dtype == real
    assert hc.fft.irfftn(h).dtype == real
    if d.kind != "c":
        assert hc.fft.rfft(h).dtype == c and hc.fft.rfftn(h).dtype == c
        assert hc.fft.ihfft(h).dtype == c


def test_bfloat16_input_is_float32_precision():
    a = np.linspace(-1, 1, 8).astype(HALF[1])
    got = hc.fft.rfft(hc.asarray(a))
    assert_same(got, np.fft.rfft(a.astype(np.float32)))


def test_round_trips():
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((4, 6)) + 1j * rng.standard_normal((4, 6))).astype(np.complex64)
    h = hc.asarray(x)
    for norm in NORMS:
        back = hc.fft.ifft(hc.fft.fft(h, norm=norm), norm=norm)
        np.testing.assert_allclose(np.asarray(back), x, rtol=1e-5, atol=1e-5)
        back = hc.fft.ifftn(hc.fft.fftn(h, norm=norm), norm=norm)
        np.testing.assert_allclose(np.asarray(back), x, rtol=1e-5, atol=1e-5)
    r = x.real.copy()
    back = hc.fft.irfft(hc.fft.rfft(hc.asarray(r)), n=6)
    np.testing.assert_allclose(np.asarray(back), r, rtol=1e-5, atol=1e-5)


def test_results_live_in_hcarray_memory():
    a = np.arange(16, dtype=np.complex128).reshape(4, 4)[::-1, ::2]
    h = hc.asarray(a)
    for make in (lambda: hc.fft.fft(h), lambda: hc.fft.rfftn(hc.asarray(a.real.copy())),
                 lambda: hc.fft.fftfreq(8), lambda: hc.fft.fftshift(h)):
        r, did = allocates(make)
        assert did and isinstance(r, hc.ndarray) and r._c_contiguous
        assert not r._shares_storage(h)


@given(st.integers(1, 40), st.sampled_from([1.0, 0.5, 3, 1e-3]),
       st.sampled_from([None, np.float32, np.float64, np.float16]))
def test_fftfreq(n, d, dtype):
    want = np.dtype(np.float64 if dtype is None else dtype)
    for name in ("fftfreq", "rfftfreq"):
        got = getattr(hc.fft, name)(n, d=d, dtype=dtype)
        exp = getattr(np.fft, name)(n, d=d).astype(want)
        assert got.dtype == want
        assert_same(got, exp)
    assert hc.fft.fftfreq(n, device="cpu").shape == (n,)
    assert hc.fft.rfftfreq(n, device=hc.Device("cpu")).shape == (n // 2 + 1,)


@given(np_arrays(COMPLEX + FLOAT + INT + HALF, shape=hnp.array_shapes(min_dims=0, max_dims=3,
                                                                      min_side=0, max_side=5)),
       st.data())
def test_shifts(a, data):
    h = hc.asarray(a)
    axes = None
    if a.ndim:
        axes = data.draw(st.none() | st.integers(-a.ndim, a.ndim - 1)
                         | st.lists(st.integers(0, a.ndim - 1), unique=True).map(tuple))
    if a.ndim == 0:  # nothing to shift (NumPy's roll fails on a 0-d array with axes=None)
        assert_same(hc.fft.fftshift(h), a)
        assert_same(hc.fft.ifftshift(h), a)
        return
    assert_same(hc.fft.fftshift(h, axes=axes), np.fft.fftshift(a, axes=axes))
    assert_same(hc.fft.ifftshift(h, axes=axes), np.fft.ifftshift(a, axes=axes))


def test_errors():
    h = hc.asarray(np.ones((3, 4), np.complex64))
    r = hc.asarray(np.ones((3, 4), np.float32))
    for name in ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft"):
        f = getattr(hc.fft, name)
        x = r if name in ("rfft", "ihfft") else h
        with pytest.raises(ValueError, match=name):
            f(x, norm="bad")
        with pytest.raises(ValueError, match=name):
            f(x, n=0)
        with pytest.raises(TypeError, match=name):
            f(x, n=2.0)
        with pytest.raises(IndexError, match=name):
            f(x, axis=2)
        with pytest.raises(TypeError, match=name):
            f(np.array(["a", "b"]))
        # NumPy's array_likes are accepted (drop-in), with NumPy's result
        v = np.arange(4.0) + (0 if name in ("rfft", "ihfft") else 1j)
        assert_same(f(v), getattr(np.fft, name)(v), rtol=1e-12, atol=1e-12)
        assert_same(f(list(v)), getattr(np.fft, name)(v), rtol=1e-12, atol=1e-12)
        with pytest.raises(ValueError, match=name):
            f(hc.asarray(np.array(1, x.dtype)))  # 0-d
    for name in ("rfft", "ihfft", "rfftn"):
        with pytest.raises(TypeError, match=name):
            getattr(hc.fft, name)(h)
    for name in ("fftn", "ifftn", "rfftn", "irfftn"):
        f = getattr(hc.fft, name)
        x = r if name == "rfftn" else h
        with pytest.raises(ValueError, match=name):
            f(x, s=(4, 4))  # s without axes
        with pytest.raises(ValueError, match=name):
            f(x, s=(4,), axes=(0, 1))
        with pytest.raises(ValueError, match=name):
            f(x, s=(0,), axes=(0,))
        with pytest.raises(IndexError, match=name):
            f(x, axes=(0, 2))
        with pytest.raises(ValueError, match=name):
            f(x, norm="Ortho")
    with pytest.raises(ValueError, match="fft"):
        hc.fft.fft(hc.asarray(np.ones((2, 0), np.complex64)))
    for name in ("fftfreq", "rfftfreq"):
        f = getattr(hc.fft, name)
        with pytest.raises(ValueError, match=name):
            f(0)
        with pytest.raises(TypeError, match=name):
            f(4.0)
        with pytest.raises(ValueError, match=name):
            f(4, d=0)
        with pytest.raises(TypeError, match=name):
            f(4, d="1")
        with pytest.raises(ValueError, match=name):
            f(4, dtype=np.int32)
        with pytest.raises(ValueError, match=name):
            f(4, dtype=np.complex64)
        with pytest.raises(ValueError, match=name):
            f(4, device="cuda")
    with pytest.raises(IndexError, match="fftshift"):
        hc.fft.fftshift(h, axes=3)
    assert_same(hc.fft.ifftshift([1, 2, 3]), np.fft.ifftshift([1, 2, 3]))
    with pytest.raises(TypeError, match="ifftshift"):
        hc.fft.ifftshift(["a", "b"])


@given(pair(dtypes=COMPLEX + FLOAT + INT + HALF,
            shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=9)), st.data())
def test_shifts_strided_and_repeated_axes(p, data):
    # fftshift/ifftshift run the native roll on the hcarray (no NumPy round trip): strided and
    # reversed views, and repeated axes (rolled twice, as NumPy's roll)
    a, h = p
    axes = data.draw(st.none() | st.integers(-a.ndim, a.ndim - 1)
                     | st.lists(st.integers(-a.ndim, a.ndim - 1), max_size=4).map(tuple))
    for f in ("fftshift", "ifftshift"):
        r = getattr(hc.fft, f)(h, axes=axes)
        assert_same(r, getattr(np.fft, f)(a, axes=axes))
        assert a.size == 0 or not np.shares_memory(np.asarray(r), np.asarray(h))
