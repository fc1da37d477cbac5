"""Units and routing: detection, Device objects, `using`, precedence, "auto", the support
matrix, and the errors for absent units and unsupported ops."""

import os
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

import hcarray as hc


def test_devices_lists_only_usable_units():
    devs = hc.devices()
    assert devs[0] == hc.Device("cpu")
    units = hc.units()
    assert set(units) == {"cpu", "amx", "metal", "ane", "cuda"}
    for name, st in units.items():
        listed = any(d.name.split(":")[0] == name for d in devs)
        assert listed == st["usable"], name
        if not st["usable"]:
            assert st["reason"], f"{name} absent without a reason"


@pytest.mark.skipif(sys.platform == "darwin", reason="the Apple units may be present on macOS")
def test_apple_units_absent_on_linux_with_reason():
    for u in ("amx", "metal", "ane"):
        st = hc.units()[u]
        assert not st["present"] and st["reason"] == "needs macOS on Apple Silicon"


def test_device_objects():
    assert hc.Device("cuda") == hc.Device("cuda:0") == "cuda:0"
    assert hc.Device("cpu") != hc.Device("metal")
    assert len({hc.Device("cpu"), hc.Device("cpu")}) == 1
    assert repr(hc.Device("ane")) == "Device('ane')"
    with pytest.raises(ValueError, match="unknown device 'tpu'.*valid names"):
        hc.Device("tpu")
    with pytest.raises(TypeError):
        hc.Device(3)
    x = hc.asarray(np.arange(3.0))
    assert x.device == hc.Device("cpu")
    assert x.to_device("cpu") is x


@pytest.mark.parametrize("unit", ["amx", "metal", "ane", "cuda", "cuda:3"])
def test_absent_unit_errors_name_unit_and_reason(unit):
    if hc.units()[unit.split(":")[0]]["usable"]:
        pytest.skip(f"{unit} is usable on this machine")
    x = hc.asarray(np.arange(3.0, dtype=np.float32))
    with pytest.raises(ValueError, match=rf"exp: {unit}.*not available on this machine \(.+\)"):
        hc.exp(x, device=unit)
    with pytest.raises(ValueError, match=rf"zeros: {unit}.*not available on this machine"):
        hc.zeros(3, device=unit)
    with pytest.raises(ValueError, match=r"using: .*not available on this machine"):
        with hc.using(unit):
            pass


def test_unsupported_op_errors_name_unit_and_reason():
    with pytest.raises(TypeError, match=r"^ane: exp on float64 is not supported: the Neural "
                                        r"Engine computes in float16$"):
        hc._core.check_supported("exp", "ane", np.float64)
    with pytest.raises(TypeError, match=r"^metal: exp on float64 is not supported: Metal GPUs "
                                        r"have no float64$"):
        hc._core.check_supported("exp", "metal", np.float64)
    assert hc._core.check_supported("exp", "cpu", np.float64) is None
    with pytest.raises(TypeError, match=r"^bitwise_and: not supported for dtypes float64"):
        hc._core.check_supported("bitwise_and", "cpu", np.float64)


def test_using_is_per_thread_and_nests():
    seen = {}
    with hc.using("cpu"):
        assert hc._core._current_device() == "cpu"
        with hc.using(hc.Device("cpu")):
            assert hc._core._current_device() == "cpu"
        assert hc._core._current_device() == "cpu"

        def other():
            seen["other"] = hc._core._current_device()

        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen["other"] is None
    assert hc._core._current_device() is None


def test_support_matrix_comes_from_the_registry():
    sm = hc.support_matrix()
    assert sm["add"]["cpu"] and "float32" in sm["exp"]["cpu"]
    assert "int8" not in sm["exp"]["cpu"]  # ints go to float loops; no int loop exists
    assert "sum.reduce" in sm
    for op, units in sm.items():
        for unit, dts in units.items():
            assert unit in hc.units() and dts, op


# Routing with units that exist only as names: HCARRAY_FAKE_UNITS marks them usable with no
# kernels, so a call that reaches them raises "not supported" and shows where it was routed.
_ROUTING = textwrap.dedent(r"""
    import numpy as np, hcarray as hc
    x = hc.asarray(np.arange(4.0, dtype=np.float32))
    out = {}
    def where(f):
        try:
            f()
            return "cpu"
        except TypeError as e:  # "...<unit>: exp on float32 is not supported..."
            import re
            return re.search(r"(\w+): \w+ on \w+ is not supported", str(e)).group(1)
    out["default"] = where(lambda: hc.exp(x))
    with hc.using("metal"):
        out["using"] = where(lambda: hc.exp(x))
        out["using+keyword"] = where(lambda: hc.exp(x, device="cpu"))
        out["using+operator"] = where(lambda: x + x)
        with hc.using("cpu"):
            out["inner using"] = where(lambda: hc.exp(x))
    out["keyword"] = where(lambda: hc.exp(x, device="metal"))
    out["auto"] = where(lambda: hc.exp(x, device="auto"))
    out["auto unit"] = hc._core._route("auto")
    out["devices"] = [d.name for d in hc.devices()]
    print(out)
""")


def test_precedence_keyword_using_operand_default():
    env = dict(os.environ, HCARRAY_FAKE_UNITS="metal")
    r = subprocess.run([sys.executable, "-c", _ROUTING], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    out = eval(r.stdout.strip())  # noqa: S307 (our own subprocess' dict)
    assert out == {
        "default": "cpu", "using": "metal", "using+keyword": "cpu", "using+operator": "metal",
        "inner using": "cpu", "keyword": "metal",
        "auto": "cpu",  # auto picks metal, which lacks exp, so it falls back to the CPU
        "auto unit": "metal", "devices": ["cpu", "metal"],
    }


def test_committed_support_matrix_is_current():
    import importlib.util
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen", root / "tools" / "gen_support_matrix.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (root / "specs" / "support-matrix.md").read_text()
    assert committed == gen.render(), "run tools/gen_support_matrix.py and commit the result"


def _public_functions(ns):
    import inspect

    from hcarray._device_kw import _SKIP

    for name in sorted(vars(ns)):
        f = getattr(ns, name)
        if name.startswith("_") or name in _SKIP or not callable(f) or isinstance(f, type):
            continue
        if inspect.ismodule(f):
            continue
        yield name, f


def test_every_function_accepts_device():
    import inspect

    missing = []
    for ns in (hc, hc.linalg, hc.fft):
        for name, f in _public_functions(ns):
            try:
                params = inspect.signature(f).parameters
            except (TypeError, ValueError):
                continue  # builtins without a signature (none of hcarray's own functions)
            if "device" not in params:
                missing.append(f"{ns.__name__}.{name}")
    assert not missing, missing


@pytest.mark.parametrize("call", [
    lambda x, d: hc.sum(x, axis=0, device=d),
    lambda x, d: hc.median(x, device=d),
    lambda x, d: hc.concat([x, x], device=d),
    lambda x, d: hc.linalg.det(x[:2], device=d),
    lambda x, d: hc.fft.fft(x, device=d),
    lambda x, d: hc.sort(x, device=d),
], ids=["sum", "median", "concat", "linalg.det", "fft.fft", "sort"])
def test_device_keyword_routes_or_refuses(call):
    x = hc.asarray(np.arange(6.0).reshape(3, 2))
    a = np.asarray(call(x, None))
    np.testing.assert_allclose(np.asarray(call(x, "cpu")), a)
    if not hc.units()["ane"]["usable"]:
        with pytest.raises(ValueError, match=r": ane: not available on this machine"):
            call(x, "ane")
