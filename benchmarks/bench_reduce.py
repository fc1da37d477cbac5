"""hcarray vs NumPy for reductions (sum, mean, max, min, prod, argmax, argmin) per dtype x shape
x axis, timed in one run with the calls alternating (best of each kept); prints NumPy time /
hcarray time (above 1: hcarray faster) and writes a markdown table to
benchmarks/results/reduce-<date>.md (--out to change; --tag to suffix the file name).

hcarray uses its default thread count unless --threads is given. Data: standard normal floats,
small random integers (unsigned: 0..99, bool: 0/1). --functions/--dtypes/--shapes/--quick narrow
the cases (mean of integers and bool is timed too: NumPy sums them in float64; mean_api times
the Array API mean of _statistical_functions.py against np.mean).

    python benchmarks/bench_reduce.py [--reps 15] [--threads N] [--quick]
"""

import argparse
import datetime
import os
import platform
import sys
import time

import numpy as np

import hcarray as hc

SHAPES = [
    ((1_000_000,), None),
    ((1000, 1000), None),
    ((1000, 1000), 0),
    ((1000, 1000), 1),
    ((10, 100_000), 0),
    ((100_000, 10), 0),
    ((100_000, 10), 1),
    ((100, 100, 100), 0),
    ((100, 100, 100), 1),
    ((100, 100, 100), (0, 1)),
    ((100, 100, 100), 2),
]


def _api_mean(x, axis=None):
    """The Array API mean (python/hcarray/_statistical_functions.py), which sums integer input
    in float64 without a converted copy; hc.mean (_numpy_namespace.py) converts first."""
    from hcarray import _statistical_functions
    return _statistical_functions.mean(x, axis=axis)


def time_pair(f_hc, f_np, reps):
    th, tn = [], []
    for _ in range(reps):
        t = time.perf_counter(); f_hc(); th.append(time.perf_counter() - t)
        t = time.perf_counter(); f_np(); tn.append(time.perf_counter() - t)
    return min(th), min(tn)


def data(rng, dtype, shape):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return rng.standard_normal(shape).astype(dtype)
    if dtype.kind == "b":
        return rng.integers(0, 2, shape).astype(dtype)
    if dtype.kind == "u":
        return rng.integers(0, 100, shape).astype(dtype)
    return rng.integers(-100, 100, shape).astype(dtype)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--functions", default="sum,mean,max,argmax")
    ap.add_argument("--dtypes", default="float32,float64,int32")
    ap.add_argument("--quick", action="store_true", help="fewer shapes")
    ap.add_argument("--shapes", default=None,
                    help="comma-separated indices into SHAPES (default: all, or the first 5 with --quick)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    if args.threads:
        hc.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    shapes = SHAPES[:5] if args.quick else SHAPES
    if args.shapes:
        shapes = [SHAPES[int(i)] for i in args.shapes.split(",")]
    rows = []
    for dt in args.dtypes.split(","):
        for shape, axis in shapes:
            a_np = data(rng, dt, shape)
            a_hc = hc.asarray(a_np)
            for fn in args.functions.split(","):
                if fn in ("argmax", "argmin") and isinstance(axis, tuple):
                    continue
                if fn in ("argmax", "argmin", "max", "min", "prod") and np.dtype(dt).kind == "b":
                    continue
                f_np = getattr(np, fn.replace("_api", ""))
                f_hc = _api_mean if fn == "mean_api" else getattr(hc, fn)
                r_hc = f_hc(a_hc, axis=axis)
                r_np = f_np(a_np, axis=axis)
                ok = np.allclose(np.asarray(r_hc), r_np, rtol=1e-4, atol=1e-3)
                th, tn = time_pair(lambda: f_hc(a_hc, axis=axis), lambda: f_np(a_np, axis=axis), args.reps)
                rows.append((fn, dt, shape, axis, th, tn, ok))
                print(f"{fn:7s} {dt:8s} {str(shape):16s} axis={str(axis):7s} hc {th*1e3:8.3f} ms  "
                      f"np {tn*1e3:8.3f} ms  ratio {tn/th:6.2f}{'' if ok else '  MISMATCH'}", flush=True)
    date = datetime.date.today().isoformat()
    out = args.out or os.path.join(os.path.dirname(__file__), "results", f"reduce-{date}{args.tag}.md")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with open(out, "w") as f:
        f.write(f"# Reductions: hcarray vs NumPy {np.__version__} ({date})\n\n")
        f.write(f"{platform.machine()}, {os.cpu_count()} CPUs, hcarray threads {hc.get_num_threads() if hasattr(hc, 'get_num_threads') else '?'}, "
                f"load average {load:.2f}, best of {args.reps} alternating; ratio = NumPy time / hcarray time.\n\n")
        f.write("| function | dtype | shape | axis | hcarray ms | NumPy ms | ratio |\n|---|---|---|---|---|---|---|\n")
        for fn, dt, shape, axis, th, tn, ok in rows:
            f.write(f"| {fn} | {dt} | {shape} | {axis} | {th*1e3:.3f} | {tn*1e3:.3f} | {tn/th:.2f}{'' if ok else ' (mismatch)'} |\n")
    print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
