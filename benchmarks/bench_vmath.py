"""hcarray vs NumPy for the vector math functions, timed in one run with the calls alternating
(best of each kept); prints NumPy time / hcarray time (above 1: hcarray faster) and writes a
markdown table to benchmarks/results/vmath-<date>.md. hcarray uses its default thread count
(ops above 256 KiB of traffic are split over the pool) unless --threads is given; NumPy's ufuncs
are single-threaded. `negative` is listed as the memory floor: a pass that reads and writes the
same bytes with no arithmetic, so no kernel of that size can be faster than it.

    python benchmarks/bench_vmath.py [--reps 15] [--threads N] [--dtype float32|float64|all]
                                     [--only exp,log,...] [--sizes 100000,1000000]

Default: the float32 set (negative/exp/log/tanh at 1e5-1e7, the others, cbrt and arctan2 at 1e5
and 1e6) and every float64 function (plus exp2, cbrt and arctan2) at 1e5 and 1e6.
"""

import argparse
import datetime
import os
import platform
import time

import numpy as np

import hcarray as hc

FUNCS = ["exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "tanh", "sinh",
         "cosh", "asin", "acos", "atan", "asinh", "acosh", "atanh", "sqrt", "cbrt"]
DOMAIN = {"log": (0.01, 100), "log2": (0.01, 100), "log10": (0.01, 100), "log1p": (-0.9, 100),
          "sqrt": (0, 100), "asin": (-1, 1), "acos": (-1, 1), "atanh": (-0.99, 0.99),
          "acosh": (1, 100)}


def time_pair(f_hc, f_np, a_hc, a_np, reps):
    th, tn = [], []
    for _ in range(reps):
        t = time.perf_counter(); f_hc(a_hc); th.append(time.perf_counter() - t)
        t = time.perf_counter(); f_np(a_np); tn.append(time.perf_counter() - t)
    return min(th), min(tn)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--dtype", default="all", choices=["float32", "float64", "all"])
    ap.add_argument("--only", default=None, help="comma-separated function names")
    ap.add_argument("--sizes", default=None, help="comma-separated sizes (default per dtype)")
    ap.add_argument("--out", default=None, help="result file (default results/vmath-<date>.md)")
    args = ap.parse_args()
    if args.threads:
        hc.set_num_threads(args.threads)
    threads = hc.get_num_threads()
    rng = np.random.default_rng(0)
    rows = []
    sizes = [int(float(v)) for v in args.sizes.split(",")] if args.sizes else None
    cases = []
    if args.dtype in ("float32", "all"):
        cases += [(f, n, np.float32) for f in ("negative", "exp", "log", "tanh")
                  for n in sizes or (10**5, 10**6, 10**7)]
        cases += [(f, n, np.float32) for f in FUNCS + ["arctan2"] if f not in ("exp", "log", "tanh")
                  for n in sizes or (10**5, 10**6)]
    if args.dtype in ("float64", "all"):
        cases += [(f, n, np.float64) for f in ["negative", "exp2"] + FUNCS + ["arctan2"]
                  for n in sizes or (10**5, 10**6)]
    if args.only:
        keep = set(args.only.split(",")) | {"negative"}
        cases = [c for c in cases if c[0] in keep]
    for fn, n, dt in cases:
        lo, hi = DOMAIN.get(fn, (-10, 10))
        a = rng.uniform(lo, hi, n).astype(dt)
        h = hc.asarray(a, copy=True)
        reps = args.reps if n < 10**7 else max(3, args.reps // 3)
        if fn == "arctan2":  # binary: y = the uniform array, x = a second one
            b = rng.uniform(lo, hi, n).astype(dt)
            hb = hc.asarray(b, copy=True)
            th, tn = time_pair(lambda v: hc.arctan2(v, hb), lambda v: np.arctan2(v, b), h, a, reps)
        else:
            th, tn = time_pair(getattr(hc, fn), getattr(np, fn), h, a, reps)
        rows.append((fn, n, np.dtype(dt).name, th, tn))
        print(f"{fn:<6} {np.dtype(dt).name:<8} n={n:>9}  hcarray {th*1e3:8.3f} ms  numpy "
              f"{tn*1e3:8.3f} ms  ratio {tn/th:5.2f}x", flush=True)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    os.makedirs(out, exist_ok=True)
    path = args.out or os.path.join(out, f"vmath-{datetime.date.today().isoformat()}.md")
    with open(path, "w") as f:
        f.write(f"# hcarray vector math vs NumPy, {datetime.date.today().isoformat()}\n\n")
        f.write(f"- NumPy {np.__version__}, {platform.processor() or platform.machine()}, "
                f"best of {args.reps} (n = 1e7: {max(3, args.reps // 3)}), calls alternating, "
                f"hcarray threads: {threads}, NumPy single-threaded; `negative` = memory floor\n\n")
        f.write("| function | dtype | n | hcarray ms | NumPy ms | NumPy / hcarray |\n|---|---|---|---|---|---|\n")
        for fn, n, dt, th, tn in rows:
            f.write(f"| {fn} | {dt} | {n} | {th*1e3:.3f} | {tn*1e3:.3f} | {tn/th:.2f} |\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
