"""`python -m hcarray`: units report and the side-by-side timing with NumPy, run as a subprocess."""

import os
import re
import subprocess
import sys

import pytest

from hcarray import __main__ as hcmain


def _run(*args):
    env = dict(os.environ)
    # The subprocess must import the same hcarray as this process (dev build or installed).
    import hcarray
    pkg_parent = os.path.dirname(os.path.dirname(hcarray.__file__))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [pkg_parent, env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "hcarray", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_quick_run_names_units_and_prints_ratios():
    r = _run("--quick")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for unit in ("cpu", "amx", "metal", "ane", "cuda"):
        assert re.search(rf"^\s+{unit}\s+(in use|present|absent)\s", out, re.M), unit
    assert re.search(r"^\s+cpu\s+in use .*vector ISA: \S", out, re.M)
    # a + b works in every build; its rows carry both timings and a ratio like 0.93x.
    rows = re.findall(r"^\s+a \+ b\s+(\d+)\s+[\d.]+ [um]?s\s+[\d.]+ [um]?s\s+([\d.]+)x", out, re.M)
    assert {int(n) for n, _ in rows} == {100, 1000}
    assert all(float(ratio) > 0 for _, ratio in rows)
    assert "WRONG RESULT" not in out
    assert "Traceback" not in r.stderr


def test_sizes_flag_and_no_bench():
    r = _run("--sizes", "7", "--no-bench")
    assert r.returncode == 0, r.stderr
    assert "Compute units" in r.stdout and "Side by side" not in r.stdout
    r = _run("--sizes", "7")
    assert r.returncode == 0, r.stderr
    assert re.search(r"^\s+a \* b\s+7\s", r.stdout, re.M)


@pytest.mark.parametrize("bad", ["x", "0", "-3", "5,,"])
def test_bad_sizes_is_a_usage_error(bad):
    r = _run("--quick", "--sizes", bad)
    assert r.returncode == 2
    assert "--sizes" in r.stderr and "Traceback" not in r.stderr


def test_unimplemented_ops_are_reported_not_raised(monkeypatch, capsys):
    def missing(a, b):
        raise AttributeError("module 'hcarray' has no attribute 'nope'")

    monkeypatch.setattr(hcmain, "OPS", [("nope(a)", missing, lambda a, b: a),
                                        ("a + b", lambda a, b: a + b, lambda a, b: a + b)])
    res = hcmain.bench([5], budget=0.0)
    out = capsys.readouterr().out
    assert "nope(a)" in out and "not implemented in hcarray yet (AttributeError" in out
    assert res[0] == ("nope(a)", 5, None, None)
    assert res[1][0] == "a + b" and res[1][2] > 0 and res[1][3] > 0


@pytest.mark.parametrize("flags, machine, want", [
    ({"sse2", "avx", "avx2", "fma"}, "x86_64", "AVX2 + FMA"),
    ({"sse2", "avx512f", "avx512bw"}, "x86_64", "AVX-512 (avx512bw)"),
    ({"sse2", "sse4_2"}, "x86_64", "SSE4.2"),
    ({"fp", "asimd", "sve"}, "aarch64", "SVE + NEON"),
    ({"fp", "asimd"}, "aarch64", "NEON (ASIMD)"),
    (set(), "riscv64", "unknown for riscv64"),
])
def test_cpu_isa_from_flags(flags, machine, want):
    assert hcmain.cpu_isa(flags, machine) == want


def test_cuda_probe_without_driver_says_why(monkeypatch):
    def no_lib(name, *a, **k):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(hcmain.ctypes, "CDLL", no_lib)
    monkeypatch.setattr(hcmain.sys, "platform", "linux")
    present, text = hcmain._cuda_probe()
    assert not present and "no NVIDIA driver found" in text and "libcuda.so.1" in text
