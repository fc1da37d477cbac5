"""Array API set functions: unique_all, unique_counts, unique_inverse, unique_values.

One native pass (cpp/cpu/sort.cpp): a stable argsort of the flattened array, then runs of equal
values. Values come out sorted (as NumPy's np.unique); NaNs are each distinct (the standard:
equality is ``==``), signed zeros are one value (the first occurrence's). indices are the first
occurrences, inverse_indices have x's shape (2024.12); every index array is int64.
"""

from typing import NamedTuple

from . import _core
from ._validation import check_array as _check_array

__all__ = ["unique_all", "unique_counts", "unique_inverse", "unique_values"]


class UniqueAllResult(NamedTuple):
    values: _core.ndarray
    indices: _core.ndarray
    inverse_indices: _core.ndarray
    counts: _core.ndarray


class UniqueCountsResult(NamedTuple):
    values: _core.ndarray
    counts: _core.ndarray


class UniqueInverseResult(NamedTuple):
    values: _core.ndarray
    inverse_indices: _core.ndarray


def unique_all(x, /):
    _check_array(x, "unique_all")
    return UniqueAllResult(*_core.unique(x, True, True, True))


def unique_counts(x, /):
    _check_array(x, "unique_counts")
    v, _, _, c = _core.unique(x, False, False, True)
    return UniqueCountsResult(v, c)


def unique_inverse(x, /):
    _check_array(x, "unique_inverse")
    v, _, inv, _ = _core.unique(x, False, True, False)
    return UniqueInverseResult(v, inv)


def unique_values(x, /):
    _check_array(x, "unique_values")
    return _core.unique(x, False, False, False)[0]
