"""Argument checks shared by the Array API modules; every message names the function."""

import operator as _operator

from . import _core


def check_array(x, fn):
    """TypeError naming fn unless x is an hcarray.ndarray."""
    if not isinstance(x, _core.ndarray):
        raise TypeError(f"{fn}: expected an hcarray.ndarray, got {type(x).__name__}")


def as_int(v, fn, what):
    """v as a Python int (anything with __index__ but bool); TypeError naming fn and what."""
    if isinstance(v, bool):
        raise TypeError(f"{fn}: {what} must be an integer, not bool")
    try:
        return _operator.index(v)
    except TypeError:
        raise TypeError(f"{fn}: {what} must be an integer, not {type(v).__name__}") from None
