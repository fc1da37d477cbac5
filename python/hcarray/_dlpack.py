"""DLPack: from_dlpack (the consumer side; ndarray.__dlpack__ is the producer side).

Both capsule kinds are read: 'dltensor_versioned' (DLPack 1.x, which carries read-only and
is-copied flags) and the legacy 'dltensor'. Memory is shared, never copied, unless copy=True.
"""

import enum as _enum

import numpy as _np

from . import _core

__all__ = ["from_dlpack"]


class DLDeviceType(_enum.IntEnum):
    """DLPack's device type codes (those hcarray names)."""

    kDLCPU = 1
    kDLCUDA = 2
    kDLCUDAHost = 3
    kDLOpenCL = 4
    kDLVulkan = 7
    kDLMetal = 8
    kDLVPI = 9
    kDLROCM = 10
    kDLROCMHost = 11
    kDLExtDev = 12
    kDLCUDAManaged = 13
    kDLOneAPI = 14
    kDLWebGPU = 15
    kDLHexagon = 16
    kDLMAIA = 17


_HOST = (DLDeviceType.kDLCPU, DLDeviceType.kDLCUDAHost, DLDeviceType.kDLROCMHost,
         DLDeviceType.kDLCUDAManaged)
_MAX_VERSION = (1, 0)


def _is_capsule(x):
    return type(x).__name__ == "PyCapsule" and type(x).__module__ == "builtins"


def _target_device(device):
    """None or the CPU, given as an hcarray Device, a string or a DLPack (type, id) tuple."""
    if device is None:
        return None
    if isinstance(device, tuple):
        try:
            dev_type, dev_id = (int(v) for v in device)
        except (TypeError, ValueError):
            raise TypeError(f"from_dlpack: device must be a Device, a device name or a "
                            f"(device_type, device_id) tuple, got {device!r}") from None
        if (dev_type, dev_id) != (DLDeviceType.kDLCPU, 0):
            raise ValueError(f"from_dlpack: device {device!r} is not available; hcarray arrays "
                             "live on the CPU (1, 0)")
        return (DLDeviceType.kDLCPU, 0)
    from ._device import as_device  # a str or Device; ValueError for units not available

    as_device(device, "from_dlpack")
    return (DLDeviceType.kDLCPU, 0)


def _import(capsule, copy):
    x, copied = _core._dlpack_import(capsule)
    if copy and not copied:
        x = x.copy()
    return x


def from_dlpack(x, /, *, device=None, copy=None):
    """An hcarray sharing the memory of x, any object with ``__dlpack__`` (hcarray and NumPy
    arrays, torch tensors, ...) or a DLPack capsule.

    copy: None shares memory when possible, True always copies, False never copies (BufferError
    when the producer cannot share). device: None, 'cpu', hcarray.Device('cpu') or (1, 0).
    A capsule can be consumed only once; passing a consumed one raises BufferError.
    """
    if copy is not None and not isinstance(copy, (bool, _np.bool_)):
        raise TypeError(f"from_dlpack: copy must be True, False or None, not {copy!r}")
    copy = None if copy is None else bool(copy)
    target = _target_device(device)
    if _is_capsule(x):
        return _import(x, copy)
    if not hasattr(x, "__dlpack__"):
        raise TypeError(f"from_dlpack: {type(x).__name__} does not support DLPack (it has no "
                        "__dlpack__ method)")
    src = None
    if hasattr(x, "__dlpack_device__"):
        src = tuple(x.__dlpack_device__())
        if int(src[0]) not in _HOST:
            if copy is False:
                raise BufferError(f"from_dlpack: the data is on DLPack device {src!r}; moving "
                                  "it to the CPU needs a copy, but copy=False")
            target = (DLDeviceType.kDLCPU, 0)
    kwargs = {"max_version": _MAX_VERSION}
    if copy is not None:
        kwargs["copy"] = copy
    if target is not None and src is not None and tuple(int(v) for v in src) != (1, 0):
        kwargs["dl_device"] = target
    try:
        capsule = x.__dlpack__(**kwargs)
    except TypeError:
        # A producer from before DLPack 1.0 takes no keywords and returns a legacy capsule.
        if "dl_device" in kwargs:
            raise BufferError(f"from_dlpack: {type(x).__name__} cannot export to the CPU") from None
        capsule = x.__dlpack__()
    except BufferError:
        # NumPy cannot export dtypes DLPack has no code for in its own table (ml_dtypes'
        # bfloat16); its buffer is still ours to share.
        if isinstance(x, _np.ndarray) and x.dtype == _np.dtype("bfloat16"):
            from ._array_object import _from_numpy

            v = _from_numpy(x)
            return v.copy() if copy else v
        raise
    return _import(capsule, copy)
