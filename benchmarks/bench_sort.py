"""hcarray vs NumPy for sort and argsort, timed in one run with the calls alternating (best of
each kept); prints NumPy time / hcarray time (above 1: hcarray faster) and writes a markdown
table to benchmarks/results/sort-<date>.md.

NumPy's defaults are timed (np.sort / np.argsort, kind="quicksort": x86-simd-sort's AVX-512
sorts where the machine has them, not stable); hcarray's sort is always stable (radix lane
kernels, cpp/cpu/sort_radix.cpp) and uses its default thread count unless --threads is given.
Data: floats standard normal; integers uniform over the whole dtype range (no narrow-range
shortcut); the 2-D case sorts each row of a (1000, 1000) float32 array.

    python benchmarks/bench_sort.py [--reps 9] [--threads N]
"""

import argparse
import datetime
import os
import platform
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()
    if args.threads:
        hc.set_num_threads(args.threads)
    threads = hc.get_num_threads()
    rng = np.random.default_rng(0)
    cases = [(fn, dt, (n,)) for n in (10**4, 10**5, 10**6, 10**7)
             for dt in (np.float32, np.float64, np.int32, np.int64) for fn in ("sort", "argsort")]
    cases += [(fn, np.float32, (1000, 1000)) for fn in ("sort", "argsort")]
    rows = []
    for fn, dt, shape in cases:
        a = data(rng, dt, shape)
        h = hc.asarray(a, copy=True)
        n = a.size
        reps = args.reps if n < 10**7 else max(3, args.reps // 3)
        th, tn = time_pair(getattr(hc, fn), getattr(np, fn), h, a, reps)
        label = "x".join(map(str, shape)) if len(shape) > 1 else str(n)
        rows.append((fn, np.dtype(dt).name, label, th, tn))
        print(f"{fn:<7} {np.dtype(dt).name:<8} {label:>9}  hcarray {th*1e3:9.3f} ms  numpy "
              f"{tn*1e3:9.3f} ms  ratio {tn/th:5.2f}x", flush=True)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"sort-{datetime.date.today().isoformat()}.md")
    with open(path, "w") as f:
        f.write(f"# hcarray sort/argsort vs NumPy, {datetime.date.today().isoformat()}\n\n")
        f.write(f"- NumPy {np.__version__} (np.sort/np.argsort defaults), "
                f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, best of "
                f"{args.reps} (n = 1e7: {max(3, args.reps // 3)}), calls alternating, hcarray "
                f"threads: {threads} (stable radix sorts), NumPy single-threaded\n")
        f.write("- 1000x1000: each row sorted (axis=-1)\n\n")
        f.write("| function | dtype | n | hcarray ms | NumPy ms | NumPy / hcarray |\n"
                "|---|---|---|---|---|---|\n")
        for fn, dt, label, th, tn in rows:
            f.write(f"| {fn} | {dt} | {label} | {th*1e3:.3f} | {tn*1e3:.3f} | {tn/th:.2f} |\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
