"""The cost of hcarray's NumPy fallback (specs/numpy-protocols.md): a NumPy function called on
hcarray arrays (NEP 18/13 protocol -> zero-copy NumPy views -> NumPy's implementation -> result
adopted by hcarray) against the same NumPy function called on the NumPy array directly.

    python benchmarks/bench_fallback.py [--n 10] [--repeats 200] [--number 200] [--out DIR]

Small arrays (10 elements by default), so the per-call overhead is what is measured. The two
calls alternate in one run (batches of --number calls, --repeats times; the best batch of each is
kept), then overhead = best hcarray call - best NumPy call. Prints a table and writes
DIR/fallback-<date>.md (DIR defaults to benchmarks/results). The goal is an overhead of at most
1.5 us per call.
"""

import argparse
import datetime
import os
import platform
import time

import hcarray as hc
import numpy as np
from hcarray import _numpy_protocols as proto

HERE = os.path.dirname(os.path.abspath(__file__))
GOAL_US = 1.5


def cases(n):
    rng = np.random.default_rng(0)
    a = rng.uniform(-1, 1, n)
    b = rng.uniform(0.5, 2, n)
    h, hb = hc.asarray(a.copy()), hc.asarray(b.copy())
    return [
        # (label, route, f, hcarray args, numpy args)
        ("np.median(x)", "fallback", np.median, (h,), (a,)),
        ("np.percentile(x, 50)", "fallback", lambda x: np.percentile(x, 50), (h,), (a,)),
        ("np.nanmean(x)", "fallback", np.nanmean, (h,), (a,)),
        ("np.ptp(x)", "fallback", np.ptp, (h,), (a,)),
        ("np.diff(x)", "fallback", np.diff, (h,), (a,)),
        ("np.fmod(x, y)", "ufunc fallback", np.fmod, (h, hb), (a, b)),
        ("np.add(x, y)", "ufunc native", np.add, (h, hb), (a, b)),
        ("np.sum(x)", "function native", np.sum, (h,), (a,)),
        ("np.ndim(x)", "function native", np.ndim, (h,), (a,)),
    ]


def best_per_call(f, args, number):
    t0 = time.perf_counter()
    for _ in range(number):
        f(*args)
    return (time.perf_counter() - t0) / number


def measure(f, hargs, nargs, repeats, number):
    f(*hargs), f(*nargs)  # warm up
    th = tn = float("inf")
    for _ in range(repeats):
        th = min(th, best_per_call(f, hargs, number))
        tn = min(tn, best_per_call(f, nargs, number))
    return th, tn


def components(n, repeats, number):
    """Where the fallback's time goes: the pieces timed alone (best per call, us)."""
    h = hc.asarray(np.arange(float(n)))
    a = np.arange(float(n))
    s = np.float64(1.5)
    parts = [
        ("hcarray -> NumPy view (_view)", proto._view, (h,)),
        ("NumPy array -> hcarray (_wrap_array)", proto._wrap_array, (a, "f")),
        ("NumPy scalar -> 0-d hcarray (_wrap_scalar)", proto._wrap_scalar, (s, "f")),
        ("np.median._implementation on NumPy", np.median._implementation, (a,)),
        ("np.median on NumPy (with NumPy's dispatch)", np.median, (a,)),
    ]
    out = []
    for label, f, args in parts:
        t = float("inf")
        for _ in range(repeats // 4 or 1):
            t = min(t, best_per_call(f, args, number))
        out.append((label, t))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=10)
    p.add_argument("--repeats", type=int, default=200)
    p.add_argument("--number", type=int, default=200)
    p.add_argument("--out", default=os.path.join(HERE, "results"))
    args = p.parse_args()

    rows = []
    print(f"{'call':<24} {'route':<16} {'hcarray us':>11} {'numpy us':>9} {'overhead us':>12}")
    for label, route, f, hargs, nargs in cases(args.n):
        th, tn = measure(f, hargs, nargs, args.repeats, args.number)
        rows.append((label, route, th, tn))
        print(f"{label:<24} {route:<16} {th * 1e6:11.2f} {tn * 1e6:9.2f} "
              f"{(th - tn) * 1e6:12.2f}", flush=True)
    comp = components(args.n, args.repeats, args.number)
    print("\ncomponents (best per call):")
    for label, t in comp:
        print(f"  {label:<45} {t * 1e6:8.2f} us")

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, f"fallback-{datetime.date.today().isoformat()}.md")
    lines = [
        f"# NumPy fallback overhead, {datetime.date.today().isoformat()}",
        "",
        (f"- hcarray {hc.__version__}, NumPy {np.__version__}, Python "
         f"{platform.python_version()}, {platform.system()} {platform.machine()} "
         f"({platform.processor() or 'cpu'}, {os.cpu_count()} logical CPUs)"),
        (f"- {args.n}-element float64 arrays; calls alternate; best of {args.repeats} batches "
         f"of {args.number} calls; goal: overhead <= {GOAL_US} us"),
        "",
        "| call | route | hcarray (us) | NumPy (us) | overhead (us) | within goal |",
        "|---|---|---:|---:|---:|:---:|",
    ]
    for label, route, th, tn in rows:
        ov = (th - tn) * 1e6
        lines.append(f"| `{label}` | {route} | {th * 1e6:.2f} | {tn * 1e6:.2f} | {ov:.2f} | "
                     f"{'yes' if ov <= GOAL_US else 'no'} |")
    lines += ["", "| component | us per call |", "|---|---:|"]
    lines += [f"| {label} | {t * 1e6:.2f} |" for label, t in comp]
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
