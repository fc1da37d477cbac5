"""The Array API inspection namespace: __array_namespace_info__()."""

import numpy as _np

from ._device import CPU, as_device

__all__ = ["__array_namespace_info__"]

# Only the standard's dtypes are listed here (float16 and bfloat16 are hcarray extras).
_STANDARD = {
    "bool": ("bool",),
    "int8": ("signed integer", "integral", "numeric"),
    "int16": ("signed integer", "integral", "numeric"),
    "int32": ("signed integer", "integral", "numeric"),
    "int64": ("signed integer", "integral", "numeric"),
    "uint8": ("unsigned integer", "integral", "numeric"),
    "uint16": ("unsigned integer", "integral", "numeric"),
    "uint32": ("unsigned integer", "integral", "numeric"),
    "uint64": ("unsigned integer", "integral", "numeric"),
    "float32": ("real floating", "numeric"),
    "float64": ("real floating", "numeric"),
    "complex64": ("complex floating", "numeric"),
    "complex128": ("complex floating", "numeric"),
}
_KIND_NAMES = frozenset(k for ks in _STANDARD.values() for k in ks)


def _device(device, fn):
    return as_device(device, f"__array_namespace_info__().{fn}")


class Info:
    """hcarray's inspection namespace (Array API 2024.12)."""

    __module__ = "hcarray"

    def capabilities(self):
        return {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": 64}

    def default_device(self):
        return CPU

    def devices(self):
        return [CPU]

    def default_dtypes(self, *, device=None):
        _device(device, "default_dtypes")
        return {
            "real floating": _np.dtype(_np.float64),
            "complex floating": _np.dtype(_np.complex128),
            "integral": _np.dtype(_np.int64),
            "indexing": _np.dtype(_np.int64),
        }

    def dtypes(self, *, device=None, kind=None):
        _device(device, "dtypes")
        _validate_kind(kind)
        return {name: _np.dtype(name) for name, kinds in _STANDARD.items()
                if _matches(name, kinds, kind)}

    def __repr__(self):
        return "hcarray.__array_namespace_info__()"


def _validate_kind(kind):
    if kind is None:
        return
    for k in (kind if isinstance(kind, tuple) else (kind,)):
        if not isinstance(k, str):
            raise TypeError("__array_namespace_info__().dtypes: kind must be None, a kind name "
                            f"or a tuple of kind names, not {type(k).__name__}")
        if k not in _KIND_NAMES:
            raise ValueError(f"__array_namespace_info__().dtypes: unknown kind {k!r}")


def _matches(name, kinds, kind):
    if kind is None:
        return True
    if isinstance(kind, tuple):
        return any(_matches(name, kinds, k) for k in kind)
    if isinstance(kind, str):
        if kind not in _KIND_NAMES:
            raise ValueError(f"__array_namespace_info__().dtypes: unknown kind {kind!r}")
        return kind in kinds
    raise TypeError("__array_namespace_info__().dtypes: kind must be None, a kind name or a "
                    f"tuple of kind names, not {type(kind).__name__}")


_INFO = Info()


def __array_namespace_info__():
    """The inspection namespace object (capabilities, devices, default and supported dtypes)."""
    return _INFO
