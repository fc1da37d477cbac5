"""`python -m hcarray`: the machine's compute units and a short side-by-side timing with NumPy.

Options: --quick (tiny sizes, few repeats: a smoke test), --sizes N,N,... (element counts),
--no-bench (units only). Ratios are NumPy time / hcarray time: above 1 means hcarray is faster.
"""

import argparse
import ctypes
import os
import platform
import sys
import time

import numpy as np

import hcarray as hc
from hcarray import _core

UNITS = ("cpu", "amx", "metal", "ane", "cuda")


# ---------------------------------------------------------------------------------------------
# Compute units


def _cpuinfo():
    """(model name, set of flags) from /proc/cpuinfo; empty where there is none."""
    model, flags = "", set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, val = line.partition(":")
                key = key.strip().lower()
                if key in ("model name", "hardware", "cpu model") and not model:
                    model = val.strip()
                elif key in ("flags", "features") and not flags:
                    flags = set(val.split())
    except OSError:
        pass
    return model, flags


def cpu_isa(flags=None, machine=None):
    """The widest vector ISA the CPU offers, as a short phrase; flags are /proc/cpuinfo's."""
    machine = (machine or platform.machine()).lower()
    if flags is None:
        flags = _cpuinfo()[1]
    if machine in ("x86_64", "amd64", "i386", "i686"):
        if "avx512f" in flags:
            subsets = sorted(f for f in flags if f.startswith("avx512") and f != "avx512f")
            isa = "AVX-512" + (f" ({', '.join(subsets)})" if subsets else "")
        elif "avx2" in flags:
            isa = "AVX2" + (" + FMA" if "fma" in flags else "")
        elif "avx" in flags:
            isa = "AVX"
        elif "sse4_2" in flags:
            isa = "SSE4.2"
        else:
            isa = "SSE2" if flags else "SSE2 (x86-64 baseline; no /proc/cpuinfo flags)"
        if "amx_tile" in flags:
            isa += "; Intel AMX tiles"
        return isa
    if machine in ("aarch64", "arm64"):
        if "sve2" in flags:
            return "SVE2 + NEON"
        if "sve" in flags:
            return "SVE + NEON"
        return "NEON (ASIMD)"
    return f"unknown for {machine or 'this machine'}"


def _cuda_probe():
    """(present, text) for an NVIDIA driver, found by loading libcuda with ctypes."""
    if sys.platform == "darwin":
        return False, "needs an NVIDIA GPU and driver (Linux or Windows); none on macOS"
    name = "nvcuda.dll" if sys.platform == "win32" else "libcuda.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return False, f"no NVIDIA driver found ({name} cannot be loaded)"
    try:
        if lib.cuInit(0) != 0:
            return False, f"NVIDIA driver found ({name}) but cuInit failed: no usable GPU"
        n = ctypes.c_int(0)
        lib.cuDeviceGetCount(ctypes.byref(n))
        names = []
        for i in range(n.value):
            dev = ctypes.c_int(0)
            buf = ctypes.create_string_buffer(256)
            if lib.cuDeviceGet(ctypes.byref(dev), i) == 0 and \
                    lib.cuDeviceGetName(buf, 256, dev) == 0:
                names.append(buf.value.decode(errors="replace"))
        what = ", ".join(names) if names else f"{n.value} device(s)"
        return True, f"NVIDIA driver found: {what}"
    except (AttributeError, OSError) as e:  # a stub library without the entry points
        return False, f"{name} loaded but is not a usable driver ({e})"


def _apple_silicon():
    return sys.platform == "darwin" and platform.machine() == "arm64"


def units():
    """[(unit, status, description)] for every compute unit hcarray knows; status is "in use",
    "present" (found, but hcarray has no kernels for it yet) or "absent"."""
    model, flags = _cpuinfo()
    model = model or platform.processor() or platform.machine()
    cores = os.cpu_count() or 1
    built = getattr(_core, "_cpu_isa", None)  # what the kernels were compiled for, if exposed
    kernels = built() if callable(built) else "the compiler's default target for this build"
    out = [("cpu", "in use", f"{model}, {cores} logical core(s); vector ISA: {cpu_isa(flags)}; "
            f"hcarray kernels built for: {kernels}")]
    apple = _apple_silicon()
    not_yet = ("present", "hcarray has no kernels for it yet")
    out.append(("amx",) + (not_yet if apple else (
        "absent", "absent on this machine: needs macOS on Apple Silicon (Apple's matrix unit)")))
    out.append(("metal",) + (not_yet if sys.platform == "darwin" else (
        "absent", "absent on this machine: needs macOS with a Metal GPU")))
    out.append(("ane",) + (not_yet if apple else (
        "absent", "absent on this machine: needs macOS on Apple Silicon (the Neural Engine)")))
    present, text = _cuda_probe()
    out.append(("cuda", "present", f"{text}; hcarray has no CUDA kernels yet") if present else
               ("cuda", "absent", f"absent on this machine: {text}"))
    return out


# ---------------------------------------------------------------------------------------------
# Side-by-side timing


def _astype(x, dtype):
    f = getattr(hc, "astype", None)
    return f(x, dtype) if f is not None else x.astype(dtype)


def _sum(x):
    return hc.sum(x)


# (label, hcarray function, NumPy function); each takes (a, b).
OPS = [
    ("a + b", lambda a, b: a + b, lambda a, b: a + b),
    ("a * b", lambda a, b: a * b, lambda a, b: a * b),
    ("exp(a)", lambda a, b: hc.exp(a), lambda a, b: np.exp(a)),
    ("sqrt(a)", lambda a, b: hc.sqrt(a), lambda a, b: np.sqrt(a)),
    ("a[::2] copy", lambda a, b: a[::2].copy(), lambda a, b: a[::2].copy()),
    ("astype f64", lambda a, b: _astype(a, hc.float64), lambda a, b: a.astype(np.float64)),
    ("sum(a)", lambda a, b: _sum(a), lambda a, b: np.sum(a)),
]

NOT_IMPLEMENTED = (AttributeError, NotImplementedError, TypeError, ValueError)


def _fmt_time(t):
    if t < 1e-3:
        return f"{t * 1e6:8.1f} us"
    if t < 1:
        return f"{t * 1e3:8.2f} ms"
    return f"{t:8.3f} s "


def _check(hc_out, np_out):
    """True when hcarray's result holds NumPy's values (to float32 rounding)."""
    got = np.asarray(hc_out)
    if got.shape != np.shape(np_out):
        return False
    return bool(np.allclose(got, np_out, rtol=1e-5, atol=1e-6, equal_nan=True))


def time_pair(f_hc, f_np, args_hc, args_np, budget, min_rounds=3):
    """Best time of each, calling hcarray and NumPy alternately until budget seconds pass."""
    best_hc = best_np = float("inf")
    start = time.perf_counter()
    rounds = 0
    while rounds < min_rounds or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        f_hc(*args_hc)
        t1 = time.perf_counter()
        f_np(*args_np)
        t2 = time.perf_counter()
        best_hc = min(best_hc, t1 - t0)
        best_np = min(best_np, t2 - t1)
        rounds += 1
        if rounds >= 10000:
            break
    return best_hc, best_np


def bench(sizes, budget, out=None):
    """Prints one line per (op, size) as it goes; returns [(op, size, t_hc, t_np | None)]."""
    out = sys.stdout if out is None else out
    rng = np.random.default_rng(0)
    results = []
    print(f"\nSide by side with NumPy (float32; best time, hcarray and NumPy alternating; "
          f"ratio = NumPy time / hcarray time, above 1 = hcarray faster)", file=out)
    print(f"  {'op':<14}{'size':>10} {'hcarray':>11} {'numpy':>11} {'ratio':>8}", file=out,
          flush=True)
    for n in sizes:
        a_np = rng.uniform(0.5, 2.0, n).astype(np.float32)
        b_np = rng.uniform(0.5, 2.0, n).astype(np.float32)
        a_hc, b_hc = hc.asarray(a_np, copy=True), hc.asarray(b_np, copy=True)
        for label, f_hc, f_np in OPS:
            try:
                r_hc = f_hc(a_hc, b_hc)
            except NOT_IMPLEMENTED as e:
                msg = str(e).splitlines()[0] if str(e) else ""
                print(f"  {label:<14}{n:>10}   not implemented in hcarray yet "
                      f"({type(e).__name__}: {msg})",
                      file=out, flush=True)
                results.append((label, n, None, None))
                continue
            ok = _check(r_hc, f_np(a_np, b_np))
            t_hc, t_np = time_pair(f_hc, f_np, (a_hc, b_hc), (a_np, b_np), budget)
            ratio = t_np / t_hc if t_hc > 0 else float("inf")
            note = "" if ok else "   WRONG RESULT (differs from NumPy)"
            print(f"  {label:<14}{n:>10} {_fmt_time(t_hc)} {_fmt_time(t_np)} {ratio:7.2f}x"
                  f"{note}", file=out, flush=True)
            results.append((label, n, t_hc, t_np))
    return results


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m hcarray", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes and few repeats")
    p.add_argument("--sizes", help="comma-separated element counts (default 1000,100000,1000000)")
    p.add_argument("--no-bench", action="store_true", help="list the compute units only")
    args = p.parse_args(argv)
    if args.sizes:
        try:
            sizes = [int(s) for s in args.sizes.split(",")]
        except ValueError:
            p.error(f"--sizes: expected comma-separated integers, got {args.sizes!r}")
        if any(s < 1 for s in sizes):
            p.error("--sizes: every size must be at least 1")
    else:
        sizes = [100, 1000] if args.quick else [1000, 100_000, 1_000_000]
    budget = 0.002 if args.quick else 0.2

    print(f"hcarray {hc.__version__} (Array API {hc.__array_api_version__}), "
          f"NumPy {np.__version__}, Python {platform.python_version()} on "
          f"{platform.system()} {platform.machine()}")
    print(f"core module: {_core.__file__}")
    print("\nCompute units")
    for name, status, text in units():
        print(f"  {name:<6} {status:<8} {text}", flush=True)
    if not args.no_bench:
        bench(sizes, budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
