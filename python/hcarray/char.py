"""``hcarray.char`` (and ``hcarray.strings``): NumPy's string operations.

hcarray has no string dtypes, so text arrays are NumPy arrays (specs/numpy-compat.md, "Text and
other NumPy-only dtypes"). Every function here is NumPy's ``numpy.char`` (``numpy.strings``)
function of the same name, run with hcarray arguments turned into zero-copy NumPy views
(``np.char.multiply(words, counts)`` with an hcarray ``counts``); results of a dtype hcarray has
(``str_len``, ``find``, ``count``, ``equal``, ``isdigit``...) come back as hcarray arrays, text
results as NumPy arrays. ``chararray``, ``array`` and ``asarray`` are NumPy's own (they make
NumPy chararrays). Errors name the function.
"""

import sys as _sys
import types as _types

import numpy as _np

from ._numpy_bridge import delegate as _delegate

_PASS = {"chararray", "array", "asarray"}


def _fill(namespace, module, prefix):
    names = []
    for name in getattr(module, "__all__", dir(module)):
        if name.startswith("_"):
            continue
        obj = getattr(module, name, None)
        if obj is None:
            continue
        if name in _PASS or isinstance(obj, type) or not callable(obj):
            namespace[name] = obj
        else:
            namespace[name] = _delegate(f"{prefix}.{name}", obj)
            namespace[name].__name__ = name
        names.append(name)
    return names


__all__ = _fill(globals(), _np.char, "char")

# numpy.strings (NumPy 2): the same delegation, as the module hcarray.strings.
strings = _types.ModuleType("hcarray.strings", "NumPy's numpy.strings on hcarray arguments "
                            "(see hcarray.char).")
strings.__all__ = _fill(vars(strings), _np.strings, "strings")
_sys.modules.setdefault("hcarray.strings", strings)
