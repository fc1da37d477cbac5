"""The inspection namespace: __array_namespace_info__()."""

import numpy as np
import pytest

import hcarray as hc

STANDARD = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
            "float32", "float64", "complex64", "complex128"]


def test_capabilities():
    caps = hc.__array_namespace_info__().capabilities()
    assert caps == {"boolean indexing": True, "data-dependent shapes": True,
                    "max dimensions": 64}


def test_devices():
    info = hc.__array_namespace_info__()
    assert info.default_device() == hc.Device("cpu")
    assert isinstance(info.default_device(), hc.Device)
    devs = info.devices()
    assert devs == [hc.Device("cpu")]
    assert all(isinstance(d, hc.Device) for d in devs)
    assert hc.zeros(2)._device_str == info.default_device().name


def test_default_dtypes():
    info = hc.__array_namespace_info__()
    for dev in (None, hc.Device("cpu"), "cpu"):
        d = info.default_dtypes(device=dev)
        assert d == {"real floating": np.float64, "complex floating": np.complex128,
                     "integral": np.int64, "indexing": np.int64}
    # they are what the creation functions give by default
    assert hc.zeros(1).dtype == d["real floating"]
    assert hc.arange(2).dtype == d["integral"]
    assert hc.full(1, 1j).dtype == d["complex floating"]


def test_dtypes():
    info = hc.__array_namespace_info__()
    all_ = info.dtypes()
    assert list(all_) == STANDARD
    for name, dt in all_.items():
        assert dt == getattr(hc, name if name != "bool" else "bool_")
        assert isinstance(dt, np.dtype)
    assert "float16" not in all_ and "bfloat16" not in all_
    expect = {
        "bool": ["bool"],
        "signed integer": ["int8", "int16", "int32", "int64"],
        "unsigned integer": ["uint8", "uint16", "uint32", "uint64"],
        "integral": ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"],
        "real floating": ["float32", "float64"],
        "complex floating": ["complex64", "complex128"],
        "numeric": STANDARD[1:],
    }
    for kind, names in expect.items():
        got = info.dtypes(kind=kind)
        assert list(got) == names, kind
        for n in names:
            assert hc.isdtype(got[n], kind)
    assert list(info.dtypes(kind=("bool", "real floating"))) == ["bool", "float32", "float64"]
    assert info.dtypes(kind=()) == {}
    assert list(info.dtypes(device=hc.Device("cpu"), kind="bool")) == ["bool"]


def test_errors():
    info = hc.__array_namespace_info__()
    with pytest.raises(ValueError, match="dtypes"):
        info.dtypes(kind="floating")
    with pytest.raises(ValueError, match="dtypes"):
        info.dtypes(kind=("bool", "nope"))
    with pytest.raises(TypeError, match="dtypes"):
        info.dtypes(kind=hc.float32)
    with pytest.raises(ValueError, match="dtypes"):
        info.dtypes(device="cuda")
    with pytest.raises(ValueError, match="default_dtypes"):
        info.default_dtypes(device="metal")
    with pytest.raises(ValueError):
        info.dtypes(device="nonsense")
    with pytest.raises(TypeError):
        info.dtypes("cpu")  # keyword-only
