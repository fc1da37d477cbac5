"""Where splitting an op over threads pays: a+b, exp and sum at growing sizes, one thread vs all
threads, alternating in one run. Prints per size the ratio t(1 thread) / t(N threads); the
parallel threshold in cpp/core/iter.cpp (bytes of memory traffic per op) is set from where
this ratio crosses 1 on the development machine.

    python benchmarks/bench_threads.py [--repeat 30]
"""

import argparse
import time

import numpy as np

import hcarray as hc


def best(f, repeat):
    t = float("inf")
    for _ in range(repeat):
        s = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - s)
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    nt = hc.get_num_threads()
    thr = hc._core._parallel_threshold_bytes()
    hc._core._set_parallel_threshold_bytes(0)  # always split when more than one thread
    rng = np.random.default_rng(0)
    print(f"threads available: {nt}; bytes per element counted: 8 per operand")
    print(f"{'n':>10} {'op':>6} {'1 thread us':>12} {f'{nt} threads us':>12} {'speed-up':>9}")
    try:
        for n in (4_000, 16_000, 64_000, 256_000, 1_000_000, 4_000_000):
            x = hc.asarray(rng.random(n).astype(np.float32), copy=True)
            y = hc.asarray(rng.random(n).astype(np.float32), copy=True)
            for name, f in (("a+b", lambda: x + y), ("exp", lambda: hc.exp(x)),
                            ("sum", lambda: hc.sum(x))):
                t = {}
                for _ in range(3):  # alternate the thread counts
                    for k in (1, nt):
                        hc.set_num_threads(k)
                        t[k] = min(t.get(k, float("inf")), best(f, args.repeat))
                print(f"{n:>10} {name:>6} {t[1] * 1e6:>12.1f} {t[nt] * 1e6:>12.1f} "
                      f"{t[1] / t[nt]:>9.2f}", flush=True)
    finally:
        hc.set_num_threads(nt)
        hc._core._set_parallel_threshold_bytes(thr)


if __name__ == "__main__":
    main()
