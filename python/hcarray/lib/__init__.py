"""``hcarray.lib``: NumPy's ``numpy.lib`` for code run with ``import hcarray as np``.

``stride_tricks`` is hcarray's own (views of hcarray memory); ``NumpyVersion``, ``mixins`` and
``array_utils`` are NumPy's.
"""

import numpy as _np

from . import stride_tricks  # noqa: F401

NumpyVersion = _np.lib.NumpyVersion
mixins = _np.lib.mixins
array_utils = _np.lib.array_utils

__all__ = ["stride_tricks", "NumpyVersion", "mixins", "array_utils"]
