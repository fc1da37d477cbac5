"""Every name of the Array API 2024.12 namespace, its fft and linalg extensions, the array object
and the inspection namespace, and their signatures' parameter names and kinds.

The lists below were written out from the standard's 2024.12 function stubs (array_api_stubs)
so that the test needs nothing outside this repository. Signature strings give the parameters
in order, with "/" closing the positional-only ones and "*" opening the keyword-only ones;
positional-only names are not compared (callers cannot use them).
"""

import inspect

import numpy as np
import pytest

import hcarray as hc

FUNCTIONS = {
    # creation_functions
    'arange': 'start, /, stop, step, *, dtype, device',
    'asarray': 'obj, /, *, dtype, device, copy',
    'empty': 'shape, *, dtype, device',
    'empty_like': 'x, /, *, dtype, device',
    'eye': 'n_rows, n_cols, /, *, k, dtype, device',
    'from_dlpack': 'x, /, *, device, copy',
    'full': 'shape, fill_value, *, dtype, device',
    'full_like': 'x, /, fill_value, *, dtype, device',
    'linspace': 'start, stop, /, num, *, dtype, device, endpoint',
    'meshgrid': '*arrays, indexing',
    'ones': 'shape, *, dtype, device',
    'ones_like': 'x, /, *, dtype, device',
    'tril': 'x, /, *, k',
    'triu': 'x, /, *, k',
    'zeros': 'shape, *, dtype, device',
    'zeros_like': 'x, /, *, dtype, device',
    # data_type_functions
    'astype': 'x, dtype, /, *, copy, device',
    'can_cast': 'from_, to, /',
    'finfo': 'type, /',
    'iinfo': 'type, /',
    'isdtype': 'dtype, kind',
    'result_type': '*arrays_and_dtypes',
    # elementwise_functions
    'abs': 'x, /',
    'acos': 'x, /',
    'acosh': 'x, /',
    'add': 'x1, x2, /',
    'asin': 'x, /',
    'asinh': 'x, /',
    'atan': 'x, /',
    'atan2': 'x1, x2, /',
    'atanh': 'x, /',
    'bitwise_and': 'x1, x2, /',
    'bitwise_left_shift': 'x1, x2, /',
    'bitwise_invert': 'x, /',
    'bitwise_or': 'x1, x2, /',
    'bitwise_right_shift': 'x1, x2, /',
    'bitwise_xor': 'x1, x2, /',
    'ceil': 'x, /',
    'clip': 'x, /, min, max',
    'conj': 'x, /',
    'copysign': 'x1, x2, /',
    'cos': 'x, /',
    'cosh': 'x, /',
    'divide': 'x1, x2, /',
    'equal': 'x1, x2, /',
    'exp': 'x, /',
    'expm1': 'x, /',
    'floor': 'x, /',
    'floor_divide': 'x1, x2, /',
    'greater': 'x1, x2, /',
    'greater_equal': 'x1, x2, /',
    'hypot': 'x1, x2, /',
    'imag': 'x, /',
    'isfinite': 'x, /',
    'isinf': 'x, /',
    'isnan': 'x, /',
    'less': 'x1, x2, /',
    'less_equal': 'x1, x2, /',
    'log': 'x, /',
    'log1p': 'x, /',
    'log2': 'x, /',
    'log10': 'x, /',
    'logaddexp': 'x1, x2, /',
    'logical_and': 'x1, x2, /',
    'logical_not': 'x, /',
    'logical_or': 'x1, x2, /',
    'logical_xor': 'x1, x2, /',
    'maximum': 'x1, x2, /',
    'minimum': 'x1, x2, /',
    'multiply': 'x1, x2, /',
    'negative': 'x, /',
    'nextafter': 'x1, x2, /',
    'not_equal': 'x1, x2, /',
    'positive': 'x, /',
    'pow': 'x1, x2, /',
    'real': 'x, /',
    'reciprocal': 'x, /',
    'remainder': 'x1, x2, /',
    'round': 'x, /',
    'sign': 'x, /',
    'signbit': 'x, /',
    'sin': 'x, /',
    'sinh': 'x, /',
    'square': 'x, /',
    'sqrt': 'x, /',
    'subtract': 'x1, x2, /',
    'tan': 'x, /',
    'tanh': 'x, /',
    'trunc': 'x, /',
    # indexing_functions
    'take': 'x, indices, /, *, axis',
    'take_along_axis': 'x, indices, /, *, axis',
    # linear_algebra_functions
    'matmul': 'x1, x2, /',
    'matrix_transpose': 'x, /',
    'tensordot': 'x1, x2, /, *, axes',
    'vecdot': 'x1, x2, /, *, axis',
    # manipulation_functions
    'broadcast_arrays': '*arrays',
    'broadcast_to': 'x, /, shape',
    'concat': 'arrays, /, *, axis',
    'expand_dims': 'x, /, axis',
    'flip': 'x, /, *, axis',
    'moveaxis': 'x, source, destination, /',
    'permute_dims': 'x, /, axes',
    'repeat': 'x, repeats, /, *, axis',
    'reshape': 'x, /, shape, *, copy',
    'roll': 'x, /, shift, *, axis',
    'squeeze': 'x, /, axis',
    'stack': 'arrays, /, *, axis',
    'tile': 'x, repetitions, /',
    'unstack': 'x, /, *, axis',
    # searching_functions
    'argmax': 'x, /, *, axis, keepdims',
    'argmin': 'x, /, *, axis, keepdims',
    'count_nonzero': 'x, /, *, axis, keepdims',
    'nonzero': 'x, /',
    'searchsorted': 'x1, x2, /, *, side, sorter',
    'where': 'condition, x1, x2, /',
    # set_functions
    'unique_all': 'x, /',
    'unique_counts': 'x, /',
    'unique_inverse': 'x, /',
    'unique_values': 'x, /',
    # sorting_functions
    'argsort': 'x, /, *, axis, descending, stable',
    'sort': 'x, /, *, axis, descending, stable',
    # statistical_functions
    'cumulative_sum': 'x, /, *, axis, dtype, include_initial',
    'cumulative_prod': 'x, /, *, axis, dtype, include_initial',
    'max': 'x, /, *, axis, keepdims',
    'mean': 'x, /, *, axis, keepdims',
    'min': 'x, /, *, axis, keepdims',
    'prod': 'x, /, *, axis, dtype, keepdims',
    'std': 'x, /, *, axis, correction, keepdims',
    'sum': 'x, /, *, axis, dtype, keepdims',
    'var': 'x, /, *, axis, correction, keepdims',
    # utility_functions
    'all': 'x, /, *, axis, keepdims',
    'any': 'x, /, *, axis, keepdims',
    'diff': 'x, /, *, axis, n, prepend, append',
}
FFT = {
    'fft': 'x, /, *, n, axis, norm',
    'ifft': 'x, /, *, n, axis, norm',
    'fftn': 'x, /, *, s, axes, norm',
    'ifftn': 'x, /, *, s, axes, norm',
    'rfft': 'x, /, *, n, axis, norm',
    'irfft': 'x, /, *, n, axis, norm',
    'rfftn': 'x, /, *, s, axes, norm',
    'irfftn': 'x, /, *, s, axes, norm',
    'hfft': 'x, /, *, n, axis, norm',
    'ihfft': 'x, /, *, n, axis, norm',
    'fftfreq': 'n, /, *, d, dtype, device',
    'rfftfreq': 'n, /, *, d, dtype, device',
    'fftshift': 'x, /, *, axes',
    'ifftshift': 'x, /, *, axes',
}
LINALG = {
    'cholesky': 'x, /, *, upper',
    'cross': 'x1, x2, /, *, axis',
    'det': 'x, /',
    'diagonal': 'x, /, *, offset',
    'eigh': 'x, /',
    'eigvalsh': 'x, /',
    'inv': 'x, /',
    'matmul': 'x1, x2, /',
    'matrix_norm': 'x, /, *, keepdims, ord',
    'matrix_power': 'x, n, /',
    'matrix_rank': 'x, /, *, rtol',
    'matrix_transpose': 'x, /',
    'outer': 'x1, x2, /',
    'pinv': 'x, /, *, rtol',
    'qr': 'x, /, *, mode',
    'slogdet': 'x, /',
    'solve': 'x1, x2, /',
    'svd': 'x, /, *, full_matrices',
    'svdvals': 'x, /',
    'tensordot': 'x1, x2, /, *, axes',
    'trace': 'x, /, *, offset, dtype',
    'vecdot': 'x1, x2, /, *, axis',
    'vector_norm': 'x, /, *, axis, keepdims, ord',
}
ARRAY_METHODS = {
    '__abs__': 'self, /',
    '__add__': 'self, other, /',
    '__and__': 'self, other, /',
    '__array_namespace__': 'self, /, *, api_version',
    '__bool__': 'self, /',
    '__complex__': 'self, /',
    '__dlpack__': 'self, /, *, stream, max_version, dl_device, copy',
    '__dlpack_device__': 'self, /',
    '__eq__': 'self, other, /',
    '__float__': 'self, /',
    '__floordiv__': 'self, other, /',
    '__ge__': 'self, other, /',
    '__getitem__': 'self, key, /',
    '__gt__': 'self, other, /',
    '__index__': 'self, /',
    '__int__': 'self, /',
    '__invert__': 'self, /',
    '__le__': 'self, other, /',
    '__lshift__': 'self, other, /',
    '__lt__': 'self, other, /',
    '__matmul__': 'self, other, /',
    '__mod__': 'self, other, /',
    '__mul__': 'self, other, /',
    '__ne__': 'self, other, /',
    '__neg__': 'self, /',
    '__or__': 'self, other, /',
    '__pos__': 'self, /',
    '__pow__': 'self, other, /',
    '__rshift__': 'self, other, /',
    '__setitem__': 'self, key, value, /',
    '__sub__': 'self, other, /',
    '__truediv__': 'self, other, /',
    '__xor__': 'self, other, /',
    'to_device': 'self, device, /, *, stream',
}
ARRAY_ATTRIBUTES = ['T', 'device', 'dtype', 'mT', 'ndim', 'shape', 'size']
INFO = {
    'capabilities': '',
    'default_device': '',
    'default_dtypes': '*, device',
    'devices': '',
    'dtypes': '*, device, kind',
}

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64", "complex64", "complex128"]
CONSTANTS = {"e": np.e, "pi": np.pi, "inf": float("inf")}


def _params(sig_text):
    """[(name or None for positional-only, kind)] from a signature string above."""
    out, kind = [], inspect.Parameter.POSITIONAL_OR_KEYWORD
    parts = [p.strip() for p in sig_text.split(",") if p.strip()]
    if "/" in parts:
        pos_only = parts.index("/")
    else:
        pos_only = 0
    for i, p in enumerate(parts):
        if p == "/":
            continue
        if p == "*":
            kind = inspect.Parameter.KEYWORD_ONLY
            continue
        if p.startswith("**"):
            out.append((p[2:], inspect.Parameter.VAR_KEYWORD))
        elif p.startswith("*"):
            out.append((None, inspect.Parameter.VAR_POSITIONAL))
            kind = inspect.Parameter.KEYWORD_ONLY
        elif i < pos_only:
            out.append((None, inspect.Parameter.POSITIONAL_ONLY))
        else:
            out.append((p, kind))
    return out


def _check_signature(fn, stub_text, where, drop_self=False):
    """The standard's parameters before its "*" come first, in order and of the same kind (a
    positional-only one may also be accepted by keyword: a superset). Its keyword-only parameters
    are matched by name and may be keyword-only or, as in NumPy (which passes the official
    test_signatures.py), positional-or-keyword. Every other parameter has a default."""
    want = _params(stub_text)
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        # A C-level callable without a text signature: nothing to read, it must be callable.
        assert callable(fn), where
        return
    got = list(sig.parameters.values())
    if drop_self:
        if want and want[0][1] == inspect.Parameter.POSITIONAL_ONLY:
            want = want[1:]  # the stub's self
        if got and got[0].name == "self":
            got = got[1:]
    ordered = [(n, k) for n, k in want if k != inspect.Parameter.KEYWORD_ONLY]
    keyword_only = [n for n, k in want if k == inspect.Parameter.KEYWORD_ONLY]
    assert want[:len(ordered)] == ordered, f"{where}: the stub text is malformed"
    assert len(got) >= len(want), f"{where}: {sig} has fewer parameters than the standard's"
    for i, (name, kind) in enumerate(ordered):
        g = got[i]
        if kind == inspect.Parameter.POSITIONAL_ONLY:
            assert g.kind in (g.POSITIONAL_ONLY, g.POSITIONAL_OR_KEYWORD), f"{where}: {sig}"
        elif kind == inspect.Parameter.VAR_POSITIONAL:
            assert g.kind == kind, f"{where}: {sig} lacks *args"
        else:
            assert (g.name, g.kind) == (name, kind), \
                f"{where}: parameter {i} of {sig} should be {name} ({kind.description})"
    matched = set(range(len(ordered)))
    names = [g.name for g in got]
    for name in keyword_only:
        assert name in names, f"{where}: {sig} lacks the keyword parameter {name}"
        i = names.index(name)
        assert i >= len(ordered), \
            f"{where}: {name} of {sig} stands where the standard has a positional parameter"
        assert got[i].kind in (got[i].KEYWORD_ONLY, got[i].POSITIONAL_OR_KEYWORD), \
            f"{where}: {name} of {sig} cannot be passed by keyword"
        matched.add(i)
    for i, g in enumerate(got):
        if i not in matched:
            assert g.kind == g.VAR_KEYWORD or g.default is not g.empty, \
                f"{where}: extra parameter {g.name} of {sig} has no default"


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function(name):
    assert hasattr(hc, name), f"hcarray lacks {name}()"
    _check_signature(getattr(hc, name), FUNCTIONS[name], name)


@pytest.mark.parametrize("ext, name", [("fft", n) for n in FFT] + [("linalg", n) for n in LINALG])
def test_extension_function(ext, name):
    mod = getattr(hc, ext)
    assert hasattr(mod, name), f"hcarray.{ext} lacks {name}()"
    _check_signature(getattr(mod, name), (FFT if ext == "fft" else LINALG)[name], f"{ext}.{name}")


@pytest.mark.parametrize("name", sorted(ARRAY_METHODS))
def test_array_method(name):
    x = hc.ones((2, 2))
    assert hasattr(x, name), f"hcarray.ndarray lacks {name}()"
    _check_signature(getattr(hc.ndarray, name), ARRAY_METHODS[name], f"ndarray.{name}",
                     drop_self=True)


@pytest.mark.parametrize("name", ARRAY_ATTRIBUTES)
def test_array_attribute(name):
    x = hc.ones((2, 3))
    getattr(x, name)


@pytest.mark.parametrize("name", sorted(INFO))
def test_inspection_namespace(name):
    info = hc.__array_namespace_info__()
    assert hasattr(info, name), f"__array_namespace_info__() lacks {name}()"
    _check_signature(getattr(info, name), INFO[name], f"info.{name}")


@pytest.mark.parametrize("name", DTYPES)
def test_dtype_names(name):
    assert np.dtype(getattr(hc, name)) == np.dtype(name)


def test_constants_and_version():
    for name, value in CONSTANTS.items():
        assert getattr(hc, name) == value and isinstance(getattr(hc, name), float)
    assert np.isnan(hc.nan) and isinstance(hc.nan, float)
    assert hc.newaxis is None
    assert hc.__array_api_version__ == "2024.12"


def test_extension_modules_listed():
    """The extensions are importable as submodules and export exactly the standard's names (at
    least; extra helpers are allowed only with a leading underscore)."""
    import hcarray.fft
    import hcarray.linalg
    assert set(FFT) <= set(hcarray.fft.__all__)
    assert set(LINALG) <= set(hcarray.linalg.__all__)
