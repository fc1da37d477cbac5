"""hcarray vs NumPy for sort and argsort, timed in one run with the calls alternating (best of
each kept); prints NumPy time / hcarray time (above 1: hcarray faster) and writes a markdown
table to benchmarks/results/sort-<date>.md.

NumPy's defaults are timed (np.sort / np.argsort, kind="quicksort": x86-simd-sort's AVX-512
sorts where the machine has them, not stable); hcarray's sort always gives the stable result
(AVX-512 quicksort, cpp/cpu/sort_avx512.cpp, where the machine has AVX-512; else the radix
sorts, cpp/cpu/sort_radix.cpp) and uses its default thread count unless --threads is given.
--radix adds a column: hcarray's sort with the AVX-512 sort turned off (HCARRAY_SIMD=avx2, in a
subprocess), i.e. the radix sorts. --sizes/--dtypes/--functions narrow the cases.
Data: floats standard normal; integers uniform over the whole dtype range (no narrow-range
shortcut); the 2-D case sorts each row of a (1000, 1000) float32 array.

    python benchmarks/bench_sort.py [--reps 9] [--threads N] [--radix]
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np

import hcarray as hc


def time_pair(f_hc, f_np, a_hc, a_np, reps):
    th, tn = [], []
    for _ in range(reps):
        t = time.perf_counter(); f_hc(a_hc); th.append(time.perf_counter() - t)
        t = time.perf_counter(); f_np(a_np); tn.append(time.perf_counter() - t)
    return min(th), min(tn)


def data(rng, dtype, shape):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return rng.standard_normal(shape).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, shape, endpoint=True, dtype=dtype)


def cases_for(args):
    sizes = [int(float(x)) for x in args.sizes.split(",")]
    dtypes = [np.dtype(d) for d in args.dtypes.split(",")]
    fns = args.functions.split(",")
    cases = [(fn, dt, (n,)) for n in sizes for dt in dtypes for fn in fns]
    if args.rows:
        cases += [(fn, np.dtype(np.float32), (1000, 1000)) for fn in fns]
    return cases


def run_cases(args):
    if args.threads:
        hc.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    rows = []
    for fn, dt, shape in cases_for(args):
        a = data(rng, dt, shape)
        h = hc.asarray(a, copy=True)
        n = a.size
        reps = args.reps if n < 10**7 else max(3, args.reps // 3)
        if n <= 10**4:
            reps *= 20  # tiny calls: more samples for a stable minimum
        th, tn = time_pair(getattr(hc, fn), getattr(np, fn), h, a, reps)
        label = "x".join(map(str, shape)) if len(shape) > 1 else str(n)
        rows.append((fn, np.dtype(dt).name, label, th, tn))
        if not args.quiet:
            print(f"{fn:<7} {np.dtype(dt).name:<8} {label:>9}  hcarray {th*1e3:9.4f} ms  numpy "
                  f"{tn*1e3:9.4f} ms  ratio {tn/th:5.2f}x", flush=True)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--sizes", default="16,100,1e3,1e4,1e5,1e6,1e7")
    ap.add_argument("--dtypes", default="float32,float64,int32,uint32,int64,uint64")
    ap.add_argument("--functions", default="sort,argsort")
    ap.add_argument("--no-rows", dest="rows", action="store_false")
    ap.add_argument("--radix", action="store_true")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    rows = run_cases(args)
    if args.json:
        print(json.dumps(rows))
        return
    radix = {}
    if args.radix:
        cmd = [sys.executable, os.path.abspath(__file__), "--json", "--quiet"] + [
            a for a in sys.argv[1:] if a != "--radix"]
        out = subprocess.run(cmd, env=dict(os.environ, HCARRAY_SIMD="avx2"), check=True,
                             capture_output=True, text=True).stdout
        radix = {(fn, dt, label): th for fn, dt, label, th, _ in json.loads(out)}
    threads = hc.get_num_threads()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"sort-{datetime.date.today().isoformat()}.md")
    with open(path, "w") as f:
        f.write(f"# hcarray sort/argsort vs NumPy, {datetime.date.today().isoformat()}\n\n")
        f.write(f"- NumPy {np.__version__} (np.sort/np.argsort defaults), "
                f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, best of "
                f"{args.reps} (n <= 1e4: x20; n = 1e7: {max(3, args.reps // 3)}), calls "
                f"alternating, hcarray threads: {threads}, NumPy single-threaded; load average "
                f"at the end {load:.2f}\n")
        f.write("- hcarray sort: AVX-512 quicksort where available (stable result); argsort: "
                "radix; radix column: hcarray with HCARRAY_SIMD=avx2 (the radix sorts)\n")
        f.write("- 1000x1000: each row sorted (axis=-1)\n\n")
        head = "| function | dtype | n | hcarray ms | NumPy ms | NumPy / hcarray |"
        sep = "|---|---|---|---|---|---|"
        if radix:
            head += " radix ms | NumPy / radix |"
            sep += "---|---|"
        f.write(head + "\n" + sep + "\n")
        for fn, dt, label, th, tn in rows:
            line = f"| {fn} | {dt} | {label} | {th*1e3:.4f} | {tn*1e3:.4f} | {tn/th:.2f} |"
            if radix:
                tr = radix[(fn, dt, label)]
                line += f" {tr*1e3:.4f} | {tn/tr:.2f} |"
            f.write(line + "\n")
    print("wrote", path)
    if radix:
        print(open(path).read())


if __name__ == "__main__":
    main()
