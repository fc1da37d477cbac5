"""The package imports, names the standard version it implements, and its core is compiled."""

import importlib.machinery
import os
import subprocess
import sys

import hcarray as hc


def test_import_and_api_version():
    assert hc.__array_api_version__ == "2024.12"
    assert isinstance(hc.__version__, str) and hc.__version__.count(".") == 2


def test_core_is_a_compiled_extension():
    core = hc._core
    assert isinstance(core.__spec__.loader, importlib.machinery.ExtensionFileLoader)
    assert core.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert os.path.isfile(core.__file__)
    # The array type lives in the extension, not in Python code.
    assert hc.ndarray is core.ndarray and hc.ndarray.__module__ == "hcarray._core"
    assert type(hc.ndarray).__module__ == "nanobind"  # a nanobind type, not a Python class


def test_dtypes_are_numpys():
    import numpy as np

    assert hc.float32 is np.float32 and hc.int64 is np.int64 and hc.bool_ is np.bool_
    assert hc.asarray([1.0, 2.0]).dtype == np.dtype(np.float64)


def test_fresh_interpreter_import_is_clean():
    """A bare `import hcarray` in a new process prints nothing and raises nothing."""
    r = subprocess.run([sys.executable, "-c", "import hcarray"], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=os.path.dirname(
                           os.path.dirname(hc.__file__)) + os.pathsep
                           + os.environ.get("PYTHONPATH", "")), timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
