"""Dtypes: NumPy's dtype objects are hcarray's (ml_dtypes supplies bfloat16).

The C++ core numbers dtypes 0..14 in the order of ``_ORDER``; the promotion and casting tables it
uses are read from NumPy here, once, so hcarray's rules are NumPy's rules.
"""

import ml_dtypes
import numpy as _np

from . import _core

bool_ = _np.bool_
int8, int16, int32, int64 = _np.int8, _np.int16, _np.int32, _np.int64
uint8, uint16, uint32, uint64 = _np.uint8, _np.uint16, _np.uint32, _np.uint64
float16, float32, float64 = _np.float16, _np.float32, _np.float64
bfloat16 = ml_dtypes.bfloat16
complex64, complex128 = _np.complex64, _np.complex128

_ORDER = [bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
          float16, bfloat16, float32, float64, complex64, complex128]
_DTYPES = [_np.dtype(t) for t in _ORDER]
_CODE = {d: i for i, d in enumerate(_DTYPES)}


def dtype_code(obj, fn="dtype"):
    """The core's code for a dtype-like object; TypeError naming fn for anything else."""
    try:
        d = _np.dtype(obj)
    except TypeError:
        raise TypeError(f"{fn}: {obj!r} is not a data type") from None
    if obj is None:
        raise TypeError(f"{fn}: None is not a data type here")
    code = _CODE.get(d)
    if code is None:
        if d.byteorder == ">":
            code = _CODE.get(d.newbyteorder("="))
            if code is not None:
                return code
        raise TypeError(f"{fn}: data type {d} is not supported by hcarray")
    return code


def dtype_of_code(code):
    return _DTYPES[code]


def _tables():
    n = len(_DTYPES)
    promote, safe, same_kind = [], [], []
    for a in _DTYPES:
        for b in _DTYPES:
            try:
                r = _np.result_type(a, b)
                promote.append(_CODE.get(r, -1))
            except TypeError:
                promote.append(-1)
            safe.append(bool(_np.can_cast(a, b, "safe")))
            same_kind.append(bool(_np.can_cast(a, b, "same_kind")))
    assert len(promote) == n * n
    return promote, safe, same_kind


_core._set_dtype_objects(_DTYPES, list(_ORDER))
_core._set_tables(*_tables())

# The Array API's name; defined last so this module's own code keeps the builtin bool.
bool = _np.bool_  # noqa: A001
