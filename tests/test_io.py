"""File I/O through NumPy's formats, results in hcarray."""

import io

import numpy
import pytest

import hcarray as hc
from strategies import assert_same


def test_npy_roundtrip(tmp_path):
    h = hc.arange(12.0).reshape(3, 4)[:, ::2]
    hc.save(tmp_path / "a.npy", h)
    r = hc.load(tmp_path / "a.npy")
    assert isinstance(r, hc.ndarray)
    assert_same(r, numpy.asarray(h))
    numpy.testing.assert_array_equal(numpy.load(tmp_path / "a.npy"), numpy.asarray(h))


def test_npz(tmp_path):
    hc.savez(tmp_path / "b.npz", hc.ones(2), x=hc.arange(3))
    hc.savez_compressed(tmp_path / "c.npz", y=hc.zeros((2, 2), hc.float32))
    with hc.load(tmp_path / "b.npz") as z:
        assert sorted(z.files) == ["arr_0", "x"]
        assert isinstance(z["x"], hc.ndarray)
        assert_same(z["x"], numpy.arange(3))
    assert_same(hc.load(tmp_path / "c.npz")["y"], numpy.zeros((2, 2), numpy.float32))


def test_text_and_buffers(tmp_path):
    h = hc.arange(6.0).reshape(2, 3)
    hc.savetxt(tmp_path / "t.txt", h, fmt="%.3f")
    assert_same(hc.loadtxt(tmp_path / "t.txt"), numpy.arange(6.0).reshape(2, 3))
    assert_same(hc.genfromtxt(io.StringIO("1,2\n3,4"), delimiter=","),
                numpy.genfromtxt(io.StringIO("1,2\n3,4"), delimiter=","))
    h.tofile(tmp_path / "raw.bin")
    assert_same(hc.fromfile(tmp_path / "raw.bin"), numpy.arange(6.0))
    buf = bytearray(numpy.arange(4, dtype=numpy.int32).tobytes())
    f = hc.frombuffer(buf, dtype=hc.int32)
    assert_same(f, numpy.arange(4, dtype=numpy.int32))
    f[0] = 9
    assert numpy.frombuffer(buf, numpy.int32)[0] == 9


def test_io_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        hc.load(tmp_path / "missing.npy")
    with pytest.raises(ValueError, match="frombuffer"):
        hc.frombuffer(b"abc", dtype=hc.int32)
