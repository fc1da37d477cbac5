"""Run one drop-in program under NumPy or hcarray (used by tests/test_dropin.py).

    python tests/dropin/_runner.py <program.py> numpy|hcarray <result.pickle>

The program's stdout goes to this process' stdout untouched. With ``hcarray`` the program's
import lines are rewritten (``import numpy as np`` -> ``import hcarray as np``, ``from numpy.x
import y`` -> ``from hcarray.x import y``); nothing else in the source changes. After the
program ends, its ``result`` variable is flattened into plain leaves (NumPy arrays and Python
values, each with the type it had) and pickled, so that the parent can compare both runs.
"""

import pickle
import re
import sys

_BARE = re.compile(r"^(\s*)import numpy[ \t]*$", re.MULTILINE)
_IMPORT = re.compile(r"^(\s*)(import|from)(\s+)numpy\b", re.MULTILINE)


def rewrite(source):
    """Point every `import numpy...` / `from numpy... import` line at hcarray.

    `import numpy` binds the name numpy, so it becomes `import hcarray as numpy`."""
    source = _BARE.sub(r"\1import hcarray as numpy", source)
    return _IMPORT.sub(r"\1\2\3hcarray", source)


def _typename(x):
    t = type(x)
    return f"{t.__module__}.{t.__qualname__}"


def flatten(value, hc_ndarray):
    """Nested dict/tuple/list of leaves -> the same nesting of (kind, typename, payload)."""
    import numpy

    if isinstance(value, dict):
        return {"dict": {str(k): flatten(v, hc_ndarray) for k, v in value.items()}}
    if isinstance(value, (tuple, list)):
        return {"seq": [flatten(v, hc_ndarray) for v in value], "type": type(value).__name__}
    name = _typename(value)
    if hc_ndarray is not None and isinstance(value, hc_ndarray):
        return {"leaf": "hcarray", "type": name, "value": numpy.array(numpy.asarray(value))}
    if isinstance(value, numpy.ndarray):
        return {"leaf": "ndarray", "type": name, "value": numpy.array(value)}
    if isinstance(value, numpy.generic):
        return {"leaf": "scalar", "type": name, "value": numpy.asarray(value)}
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return {"leaf": "python", "type": name, "value": value}
    return {"leaf": "other", "type": name, "value": repr(value)}


def main(path, lib, out):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    hc_ndarray = None
    if lib == "hcarray":
        source = rewrite(source)
        try:
            import hcarray
        except Exception as e:  # a broken build is no program's fault: exit code 3
            print(f"hcarray does not import: {type(e).__name__}: {e}", file=sys.stderr)
            raise SystemExit(3)

        hc_ndarray = hcarray.ndarray
    elif lib != "numpy":
        raise SystemExit(f"unknown library {lib!r}")
    env = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
    exec(compile(source, path, "exec"), env)
    sys.stdout.flush()
    if "result" not in env:
        raise SystemExit(f"{path} did not leave a `result` variable")
    with open(out, "wb") as f:
        pickle.dump(flatten(env["result"], hc_ndarray), f)


if __name__ == "__main__":
    main(*sys.argv[1:])
