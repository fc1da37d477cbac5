"""Zero-copy interop: DLPack (both capsule kinds, both directions) and the buffer protocol.

DLPack capsules are inspected and hand-built with ctypes structures written from the DLPack
specification, which checks hcarray's ABI independently of its own headers."""

import ctypes
import gc
import sys
import zlib

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given

import hcarray as hc
from hcarray import _core
from strategies import ALL, BOOL, NUMERIC, assert_same, pair

BF16 = np.dtype(ml_dtypes.bfloat16)
NP_DLPACK = BOOL + NUMERIC + [np.dtype(np.float16)]  # the dtypes NumPy's DLPack knows


# --- DLPack structures, from the specification ---------------------------------------------------

class DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32)]


class DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8), ("lanes", ctypes.c_uint16)]


class DLTensor(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("device", DLDevice),
        ("ndim", ctypes.c_int32),
        ("dtype", DLDataType),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
        ("strides", ctypes.POINTER(ctypes.c_int64)),
        ("byte_offset", ctypes.c_uint64),
    ]


class DLManagedTensor(ctypes.Structure):
    pass


LEGACY_DELETER = ctypes.CFUNCTYPE(None, ctypes.POINTER(DLManagedTensor))
DLManagedTensor._fields_ = [
    ("dl_tensor", DLTensor), ("manager_ctx", ctypes.c_void_p), ("deleter", LEGACY_DELETER)]


class DLPackVersion(ctypes.Structure):
    _fields_ = [("major", ctypes.c_uint32), ("minor", ctypes.c_uint32)]


class DLManagedTensorVersioned(ctypes.Structure):
    pass


VERSIONED_DELETER = ctypes.CFUNCTYPE(None, ctypes.POINTER(DLManagedTensorVersioned))
DLManagedTensorVersioned._fields_ = [
    ("version", DLPackVersion),
    ("manager_ctx", ctypes.c_void_p),
    ("deleter", VERSIONED_DELETER),
    ("flags", ctypes.c_uint64),
    ("dl_tensor", DLTensor),
]

READ_ONLY, IS_COPIED = 1, 2
kDLInt, kDLUInt, kDLFloat, kDLBfloat, kDLComplex, kDLBool = 0, 1, 2, 4, 5, 6

_api = ctypes.pythonapi
_api.PyCapsule_GetPointer.restype = ctypes.c_void_p
_api.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
_api.PyCapsule_New.restype = ctypes.py_object
_api.PyCapsule_New.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]

DL_CODE = {"b": kDLInt, "i": kDLInt, "u": kDLUInt, "f": kDLFloat, "c": kDLComplex}


def dl_code(d):
    if d == BF16:
        return kDLBfloat
    if d.kind == "b":
        return kDLBool
    return DL_CODE[d.kind]


def capsule_name(cap):
    return _core._dlpack_capsule_name(cap)


def read_capsule(cap):
    """The managed tensor inside an unconsumed capsule, as a ctypes structure."""
    name = capsule_name(cap)
    ptr = _api.PyCapsule_GetPointer(cap, name.encode())
    kind = DLManagedTensorVersioned if name == "dltensor_versioned" else DLManagedTensor
    return ctypes.cast(ptr, ctypes.POINTER(kind)).contents


class Producer:
    """A hand-built DLPack producer: a NumPy buffer described by a ctypes managed tensor whose
    deleter records the call. Geometry and dtype fields may be set freely."""

    def __init__(self, buf, shape, strides=None, byte_offset=0, code=None, bits=None, lanes=1,
                 device=(1, 0), versioned=True, flags=0, version=(1, 0), data=None):
        self.buf = buf
        self.deleted = 0
        self.shape = (ctypes.c_int64 * max(len(shape), 1))(*shape)
        self.strides = None if strides is None else (ctypes.c_int64 * max(len(strides), 1))(*strides)
        t = DLTensor()
        t.data = buf.ctypes.data if data is None else data
        t.device = DLDevice(*device)
        t.ndim = len(shape)
        t.dtype = DLDataType(dl_code(buf.dtype) if code is None else code,
                             buf.dtype.itemsize * 8 if bits is None else bits, lanes)
        t.shape = ctypes.cast(self.shape, ctypes.POINTER(ctypes.c_int64))
        t.strides = (ctypes.cast(self.strides, ctypes.POINTER(ctypes.c_int64))
                     if self.strides is not None else None)
        t.byte_offset = byte_offset
        if versioned:
            self.deleter = VERSIONED_DELETER(self._delete)
            self.m = DLManagedTensorVersioned(DLPackVersion(*version), None, self.deleter, flags, t)
            self.name = b"dltensor_versioned"
        else:
            self.deleter = LEGACY_DELETER(self._delete)
            self.m = DLManagedTensor(t, None, self.deleter)
            self.name = b"dltensor"
        # No capsule destructor: the test keeps every object alive itself.
        self.capsule = _api.PyCapsule_New(ctypes.addressof(self.m), self.name, None)

    def _delete(self, _):
        self.deleted += 1


# --- export: what hcarray's capsules hold --------------------------------------------------------

@given(pair(dtypes=ALL))
def test_exported_versioned_capsule_fields(p):
    a, x = p
    cap = x.__dlpack__(max_version=(1, 0))
    assert capsule_name(cap) == "dltensor_versioned"
    m = read_capsule(cap)
    assert (m.version.major, m.version.minor) == (1, 0)
    assert m.flags == 0
    t = m.dl_tensor
    assert (t.device.device_type, t.device.device_id) == (1, 0)
    assert t.ndim == a.ndim
    assert (t.dtype.code, t.dtype.bits, t.dtype.lanes) == (dl_code(a.dtype), a.itemsize * 8, 1)
    assert [t.shape[i] for i in range(t.ndim)] == list(a.shape)
    if t.ndim:
        assert [t.strides[i] * a.itemsize for i in range(t.ndim)] == list(x.strides)
    assert (t.data or 0) + t.byte_offset == x._data_ptr
    del cap  # unconsumed: its destructor frees the tensor


def test_exported_legacy_capsule_fields():
    x = hc.asarray(np.arange(12, dtype=np.int16).reshape(3, 4)[::-1, 1::2])
    for kw in ({}, {"max_version": None}, {"max_version": (0, 8)}):
        cap = x.__dlpack__(**kw)
        assert capsule_name(cap) == "dltensor"
        t = read_capsule(cap).dl_tensor
        assert t.ndim == 2 and [t.shape[0], t.shape[1]] == [3, 2]
        assert [t.strides[0], t.strides[1]] == [-4, 2]
        assert (t.dtype.code, t.dtype.bits) == (kDLInt, 16)
    assert capsule_name(x.__dlpack__(max_version=(2, 3))) == "dltensor_versioned"


def test_export_flags_read_only_and_copied():
    a = np.arange(6.0)
    a.flags.writeable = False
    x = hc.asarray(a)
    m = read_capsule(x.__dlpack__(max_version=(1, 0)))
    assert m.flags == READ_ONLY
    m = read_capsule(x.__dlpack__(max_version=(1, 0), copy=True))
    assert m.flags == IS_COPIED  # the copy is writeable
    assert m.dl_tensor.data != x._data_ptr
    m = read_capsule(x.__dlpack__(max_version=(1, 0), copy=False))
    assert m.flags == READ_ONLY and m.dl_tensor.data == x._data_ptr
    with pytest.raises(BufferError, match="read-only"):
        x.__dlpack__()  # legacy capsules cannot say read-only
    assert capsule_name(x.__dlpack__(copy=True)) == "dltensor"


def test_export_bad_requests():
    x = hc.asarray(np.arange(3.0))
    assert x.__dlpack_device__() == (1, 0)
    assert x.__dlpack__(dl_device=(1, 0)) is not None
    with pytest.raises(BufferError, match="copy=False"):
        x.__dlpack__(dl_device=(2, 0), copy=False)
    with pytest.raises(BufferError, match="__dlpack__"):
        x.__dlpack__(dl_device=(2, 0))
    with pytest.raises(BufferError, match="__dlpack__"):
        x.__dlpack__(dl_device=(1, 1), max_version=(1, 0), copy=True)
    with pytest.raises(TypeError, match="dl_device"):
        x.__dlpack__(dl_device="cpu")
    with pytest.raises(TypeError, match="max_version"):
        x.__dlpack__(max_version=1)
    with pytest.raises(TypeError, match="max_version"):
        x.__dlpack__(max_version=(1, 0, 0))
    with pytest.raises(ValueError, match="stream"):
        x.__dlpack__(stream=1)
    with pytest.raises(TypeError, match="copy"):
        x.__dlpack__(copy="yes")
    with pytest.raises(TypeError):
        x.__dlpack__((1, 0))  # keyword-only


def test_export_strides_not_multiple_of_itemsize():
    rec = np.zeros(4, dtype=[("a", np.int8), ("b", np.int32)])
    b = rec["b"]  # stride 5, itemsize 4 (unaligned)
    b[:] = [1, 2, 3, 4]
    x = hc.asarray(b)
    assert x.strides == (5,)
    with pytest.raises(BufferError, match="multiple"):
        x.__dlpack__(copy=False)
    y = hc.from_dlpack(x)  # copy=None copies
    assert_same(y, np.array([1, 2, 3, 4], dtype=np.int32))
    assert read_capsule(x.__dlpack__(max_version=(1, 0))).flags == IS_COPIED


def test_capsule_keeps_storage_alive():
    x = hc.asarray(np.arange(1000, dtype=np.float64)) + 1.0  # hcarray-owned memory
    cap = x.__dlpack__(max_version=(1, 0))
    del x
    gc.collect()
    for _ in range(5):
        hc.asarray(np.zeros(1000)) + 7.0  # reuse freed blocks if the storage were gone
    y = hc.from_dlpack(cap)
    assert_same(y, np.arange(1000, dtype=np.float64) + 1.0)


def test_unconsumed_capsules_free_their_memory():
    gc.collect()
    before = _core._memory_stats()["bytes_in_use"]
    for _ in range(50):
        x = hc.asarray(np.arange(10000, dtype=np.float64)) + 1.0
        x.__dlpack__(max_version=(1, 0))
        x.__dlpack__()
        del x
    gc.collect()
    assert _core._memory_stats()["bytes_in_use"] == before


def test_numpy_keeps_exported_memory_alive():
    x = hc.asarray(np.arange(100, dtype=np.int32)) * 3
    n = np.from_dlpack(x)
    del x
    gc.collect()
    for _ in range(5):
        hc.asarray(np.zeros(100, np.int32)) + 1
    np.testing.assert_array_equal(n, np.arange(100, dtype=np.int32) * 3)


# --- round trips ---------------------------------------------------------------------------------

@given(pair(dtypes=NP_DLPACK))
def test_hc_to_numpy_from_dlpack_shares_memory(p):
    a, x = p
    n = np.from_dlpack(x)
    assert n.dtype == a.dtype and n.shape == a.shape
    np.testing.assert_array_equal(n, a)
    if a.size:
        assert np.shares_memory(n, a)
        assert n.strides == x.strides or a.size <= 1


@given(pair(dtypes=NP_DLPACK))
def test_numpy_to_hc_from_dlpack_shares_memory(p):
    a, _ = p
    y = hc.from_dlpack(a)
    assert_same(y, a)
    if a.size:
        assert np.shares_memory(np.asarray(y), a)
        assert y.strides == a.strides or a.size <= 1
        idx = (0,) * a.ndim
        y[idx] = a.dtype.type(1)
        assert a[idx] == 1


@given(pair(dtypes=ALL))
def test_hc_to_hc_round_trip_all_dtypes(p):
    a, x = p
    y = hc.from_dlpack(x)
    assert_same(y, a)
    assert y.strides == x.strides or a.size == 0
    if a.size:
        assert y._data_ptr == x._data_ptr
    c = hc.from_dlpack(x, copy=True)
    assert_same(c, a)
    for cap in (x.__dlpack__(), x.__dlpack__(max_version=(1, 0))):  # capsules given directly
        z = hc.from_dlpack(cap)
        assert_same(z, a)
        if a.size:
            assert z._data_ptr == x._data_ptr
    if a.size:
        assert c._data_ptr != x._data_ptr


@given(pair(dtypes=NP_DLPACK))
def test_hc_numpy_hc_round_trip(p):
    a, x = p
    z = hc.from_dlpack(np.from_dlpack(x))
    assert_same(z, a)
    if a.size:
        assert z._data_ptr == x._data_ptr


def test_bfloat16_numpy_arrays_are_shared():
    a = np.arange(6, dtype=np.float32).astype(BF16).reshape(2, 3)
    y = hc.from_dlpack(a)
    assert y.dtype == BF16
    assert np.shares_memory(np.asarray(y), a)
    assert not hc.from_dlpack(a, copy=True)._shares_storage(y)
    with pytest.raises(RuntimeError):
        np.from_dlpack(hc.asarray(a))  # NumPy's DLPack has no bfloat16


def test_from_dlpack_copy_and_device_arguments():
    a = np.arange(6.0)
    y = hc.from_dlpack(a, copy=False)
    assert np.shares_memory(np.asarray(y), a)
    y = hc.from_dlpack(a, copy=True)
    assert not np.shares_memory(np.asarray(y), a)
    assert_same(y, a)
    for dev in ("cpu", hc.Device("cpu"), (1, 0)):
        assert np.shares_memory(np.asarray(hc.from_dlpack(a, device=dev)), a)
    with pytest.raises(ValueError, match="from_dlpack"):
        hc.from_dlpack(a, device="cuda")
    with pytest.raises(ValueError, match="from_dlpack"):
        hc.from_dlpack(a, device=(2, 0))
    with pytest.raises(TypeError, match="from_dlpack"):
        hc.from_dlpack(a, device=(1, "x"))
    with pytest.raises(TypeError, match="copy"):
        hc.from_dlpack(a, copy="no")
    with pytest.raises(TypeError):
        hc.from_dlpack(a, True)  # keyword-only


def test_from_dlpack_read_only_sources():
    a = np.arange(4.0)
    a.flags.writeable = False
    y = hc.from_dlpack(a)
    assert not y._writeable
    with pytest.raises(ValueError, match="read-only"):
        y[0] = 1.0
    assert hc.from_dlpack(a, copy=True)._writeable
    x = hc.asarray(a)
    z = hc.from_dlpack(x)
    assert not z._writeable
    assert not np.from_dlpack(x).flags.writeable


def test_from_dlpack_not_dlpack_objects():
    for bad in ([1, 2], 3.0, object(), "abc", None):
        with pytest.raises(TypeError, match="from_dlpack"):
            hc.from_dlpack(bad)
    cap = _api.PyCapsule_New(ctypes.addressof(ctypes.c_int(1)), b"something_else", None)
    with pytest.raises(TypeError, match="not a DLPack capsule"):
        hc.from_dlpack(cap)


# --- consumed capsules ---------------------------------------------------------------------------

class CapsuleHolder:
    """A producer that hands out the same capsule every time (misbehaving on purpose)."""

    def __init__(self, cap):
        self.cap = cap

    def __dlpack__(self, **kw):
        return self.cap

    def __dlpack_device__(self):
        return (1, 0)


@pytest.mark.parametrize("versioned", [True, False])
def test_capsule_consumed_twice_raises(versioned):
    x = hc.asarray(np.arange(5.0))
    cap = x.__dlpack__(max_version=(1, 0) if versioned else None)
    y = hc.from_dlpack(cap)
    assert_same(y, np.arange(5.0))
    assert capsule_name(cap) == ("used_dltensor_versioned" if versioned else "used_dltensor")
    with pytest.raises(BufferError, match="already been consumed"):
        hc.from_dlpack(cap)
    with pytest.raises(BufferError, match="already been consumed"):
        hc.from_dlpack(CapsuleHolder(cap))
    del cap
    gc.collect()
    assert_same(y, np.arange(5.0))  # the consumer, not the capsule, owns the tensor now


def test_capsule_consumed_by_numpy_then_hcarray_raises():
    x = hc.asarray(np.arange(5.0))
    holder = CapsuleHolder(x.__dlpack__(max_version=(1, 0)))
    n = np.from_dlpack(holder)
    with pytest.raises(BufferError, match="already been consumed"):
        hc.from_dlpack(holder)
    np.testing.assert_array_equal(n, np.arange(5.0))


def test_capsule_consumed_by_hcarray_then_numpy_raises():
    x = hc.asarray(np.arange(5.0))
    holder = CapsuleHolder(x.__dlpack__(max_version=(1, 0)))
    hc.from_dlpack(holder)
    with pytest.raises(Exception):
        np.from_dlpack(holder)


# --- hand-built producers: NULL strides, byte_offset, dtype codes, bad tensors -------------------

@pytest.mark.parametrize("versioned", [True, False])
def test_null_strides_mean_c_contiguous_and_deleter_runs_once(versioned):
    buf = np.arange(24, dtype=np.int32)
    p = Producer(buf, (2, 3, 4), strides=None, versioned=versioned)
    y = hc.from_dlpack(p.capsule)
    assert_same(y, buf.reshape(2, 3, 4))
    assert y.strides == (48, 16, 4)
    assert p.deleted == 0
    v = y[1]  # a view keeps the producer's memory
    del y
    gc.collect()
    assert p.deleted == 0
    assert_same(v, buf.reshape(2, 3, 4)[1])
    del v
    gc.collect()
    assert p.deleted == 1


def test_byte_offset_and_element_strides():
    buf = np.arange(40, dtype=np.float64)
    # rows 1.. of a 4x10 matrix, every other column reversed: offset 10 elements
    p = Producer(buf, (3, 5), strides=(10, -2), byte_offset=(10 + 8) * 8)
    y = hc.from_dlpack(p.capsule)
    e = buf.reshape(4, 10)[1:, 8::-2]
    assert_same(y, e)
    assert y.strides == e.strides
    assert np.shares_memory(np.asarray(y), buf)


@pytest.mark.parametrize("dt,code", [
    (np.bool_, kDLBool), (np.int8, kDLInt), (np.uint64, kDLUInt), (np.float16, kDLFloat),
    (BF16, kDLBfloat), (np.float32, kDLFloat), (np.complex64, kDLComplex),
    (np.complex128, kDLComplex),
])
def test_dtype_codes(dt, code):
    buf = (np.arange(6) % 2 == 1) if dt is np.bool_ else np.arange(6).astype(dt)
    p = Producer(buf, (6,), code=code)
    y = hc.from_dlpack(p.capsule)
    assert y.dtype == np.dtype(dt)
    assert_same(y, buf)


def test_zero_dim_and_empty_tensors():
    buf = np.array([2.5])
    p = Producer(buf, (), strides=None)
    y = hc.from_dlpack(p.capsule)
    assert y.shape == () and float(y) == 2.5
    e = Producer(np.zeros(1), (0, 3), data=0)  # NULL data is fine for an empty tensor
    z = hc.from_dlpack(e.capsule)
    assert z.shape == (0, 3) and z.dtype == np.float64
    assert e.deleted == 1  # nothing to share: released at once


@pytest.mark.parametrize("kw,msg", [
    ({"code": kDLFloat, "bits": 8}, "dtype"),
    ({"code": kDLFloat, "bits": 32, "lanes": 4}, "dtype"),
    ({"code": 3}, "dtype"),
    ({"code": kDLBool, "bits": 1}, "dtype"),
    ({"device": (2, 0)}, "device"),
    ({"version": (2, 0)}, "version"),
])
def test_unsupported_tensors_raise_and_stay_unconsumed(kw, msg):
    p = Producer(np.arange(4, dtype=np.float32), (4,), **kw)
    with pytest.raises(BufferError, match=msg):
        hc.from_dlpack(p.capsule)
    assert capsule_name(p.capsule) == "dltensor_versioned"  # still the producer's
    assert p.deleted == 0


def test_huge_shape_raises():
    p = Producer(np.arange(4, dtype=np.float32), (2**40, 2**40))
    with pytest.raises(BufferError, match="from_dlpack"):
        hc.from_dlpack(p.capsule)


def test_read_only_and_copied_flags_on_import():
    buf = np.arange(3.0)
    p = Producer(buf, (3,), flags=READ_ONLY)
    y = hc.from_dlpack(p.capsule)
    assert not y._writeable
    p = Producer(buf, (3,), flags=IS_COPIED)
    y = hc.from_dlpack(p.capsule, copy=True)  # the producer says it copied: no second copy
    assert y._data_ptr == buf.ctypes.data


class LegacyProducer:
    """A pre-1.0 producer: __dlpack__ takes no keywords."""

    def __init__(self, x):
        self.x = x

    def __dlpack__(self, stream=None):
        return self.x.__dlpack__()

    def __dlpack_device__(self):
        return self.x.__dlpack_device__()


class DeviceProducer(LegacyProducer):
    def __dlpack_device__(self):
        return (2, 0)


def test_legacy_producer_and_copy():
    x = hc.asarray(np.arange(4.0))
    y = hc.from_dlpack(LegacyProducer(x))
    assert y._data_ptr == x._data_ptr
    z = hc.from_dlpack(LegacyProducer(x), copy=True)
    assert z._data_ptr != x._data_ptr
    assert_same(z, np.arange(4.0))


def test_producer_on_another_device():
    x = hc.asarray(np.arange(4.0))
    with pytest.raises(BufferError, match="copy=False"):
        hc.from_dlpack(DeviceProducer(x), copy=False)
    with pytest.raises(BufferError, match="from_dlpack"):
        hc.from_dlpack(DeviceProducer(x))


# --- buffer protocol -----------------------------------------------------------------------------

FORMATS = {"?": BOOL, "b": [np.dtype(np.int8)], "h": [np.dtype(np.int16)],
           "i": [np.dtype(np.int32)], "l": [np.dtype(np.int64)], "B": [np.dtype(np.uint8)],
           "H": [np.dtype(np.uint16)], "I": [np.dtype(np.uint32)], "L": [np.dtype(np.uint64)],
           "e": [np.dtype(np.float16)], "f": [np.dtype(np.float32)], "d": [np.dtype(np.float64)],
           "Zf": [np.dtype(np.complex64)], "Zd": [np.dtype(np.complex128)]}
FORMAT_OF = {d: f for f, ds in FORMATS.items() for d in ds}


@given(pair(dtypes=BOOL + NUMERIC + [np.dtype(np.float16)]))
def test_memoryview_matches(p):
    a, x = p
    m = memoryview(x)
    assert m.format == FORMAT_OF[a.dtype]
    assert m.itemsize == a.itemsize
    assert m.ndim == a.ndim
    assert m.shape == a.shape
    assert m.strides == x.strides
    assert m.readonly is False
    assert m.nbytes == a.nbytes
    n = np.asarray(m)
    assert n.dtype == a.dtype
    np.testing.assert_array_equal(n, a)
    if a.size:
        assert np.shares_memory(n, a)
    m.release()


def test_memoryview_read_only_and_contiguity_requests():
    a = np.arange(6, dtype=np.int32)
    a.flags.writeable = False
    x = hc.asarray(a)
    m = memoryview(x)
    assert m.readonly
    with pytest.raises(TypeError):
        m[0] = 1
    y = hc.asarray(np.arange(12, dtype=np.int32).reshape(3, 4)[:, ::2])
    assert not memoryview(y).c_contiguous
    with pytest.raises(BufferError, match="contiguous"):
        _buffer_without_strides(y)
    assert bytes(memoryview(hc.asarray(np.arange(3, dtype=np.uint8)))) == b"\x00\x01\x02"
    c = np.arange(3, dtype=np.uint8)
    assert _buffer_without_strides(hc.asarray(c)) == zlib.crc32(c)


def _buffer_without_strides(x):
    """Requests a PyBUF_SIMPLE buffer (zlib does), which needs C-contiguous memory."""
    return zlib.crc32(x)


def test_bfloat16_refuses_the_buffer_but_numpy_still_converts():
    a = np.arange(6, dtype=np.float32).astype(BF16).reshape(2, 3)
    x = hc.asarray(a)
    with pytest.raises(BufferError, match="bfloat16"):
        memoryview(x)
    n = np.asarray(x)
    assert n.dtype == BF16
    assert np.shares_memory(n, a)
    np.testing.assert_array_equal(n.astype(np.float32), a.astype(np.float32))


def test_memoryview_keeps_array_alive():
    x = hc.asarray(np.arange(1000, dtype=np.float64)) + 2.0
    m = memoryview(x)
    ref = sys.getrefcount(x)
    del x
    gc.collect()
    for _ in range(3):
        hc.asarray(np.zeros(1000)) + 5.0
    assert m.tolist()[:3] == [2.0, 3.0, 4.0]
    assert ref >= 3
