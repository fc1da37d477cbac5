"""hcarray.memory timings beside the unimem seed's claimed figures.

Nanosecond operations are timed by C++ loops (hcarray._core._mem.bench) so Python's call
overhead does not hide them; the NumPy line is timed from Python. Run:
    HCARRAY_DEV_BUILD=... PYTHONPATH=python python benchmarks/bench_memory.py
The seed's figures were claimed for Apple Silicon (IOSurface); ours are memfd on this machine.
"""

import os
import platform
import time

import numpy as np

import hcarray as hc  # noqa: F401
from hcarray import memory as hm

B = hm._mem.bench
KiB, MiB = 1 << 10, 1 << 20


def fmt(ns):
    if ns < 1e3:
        return f"{ns:8.2f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:8.2f} us"
    return f"{ns / 1e6:8.2f} ms"


def py_time(f, n):
    best = 1e300
    for _ in range(3):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            f()
        best = min(best, (time.perf_counter_ns() - t0) / n)
    return best


def numpy_empty_touch(nbytes):
    def f():
        a = np.empty(nbytes, np.uint8)
        a[::4096] = 1
    return f


def main():
    rows = []
    add = lambda what, ns, claim="": rows.append((what, fmt(ns), claim))  # noqa: E731

    add("Block create+destroy 16 KiB, not pinned", B.block_create(16 * KiB, 2000, False, False), "~20 us (create)")
    add("Block create+destroy 16 KiB, pinned", B.block_create(16 * KiB, 2000, True, False), "~20 us (create)")
    add("Block create+touch+destroy 1 MiB", B.block_create(MiB, 300, False, True))
    add("Block create+destroy 1 MiB, pinned (mlock faults all pages)", B.block_create(MiB, 300, True, False))
    add("anonymous mmap+touch+munmap 1 MiB (fresh host memory)", B.mmap_fresh(MiB, 300, True))
    add("Block create+touch+destroy 16 MiB", B.block_create(16 * MiB, 20, False, True))
    add("anonymous mmap+touch+munmap 16 MiB (fresh host memory)", B.mmap_fresh(16 * MiB, 20, True))
    add("Tape take 64 B", B.tape_take(64, 2_000_000), "~1 ns")
    add("Tape take 64 B, 2 threads contending", B.tape_take_threads(64, 500_000, 2))
    add("Tape clear", B.tape_clear(2_000_000), "~0.3 ns")
    add("Grid take+give (one thread)", B.grid_take_give(256, 2_000_000), "~10-15 ns")
    add("Grid take+give, 2 threads contending", B.grid_take_give_threads(256, 500_000, 2))
    for size in (4 * KiB, MiB, 16 * MiB):
        n = 200_000 if size < MiB else 200
        touch = size >= MiB
        t = " + touch" if touch else ""
        add(f"allocator reuse {size // KiB} KiB{t}", B.alloc_reuse(size, n, touch))
        add(f"shared pool (Block) reuse {size // KiB} KiB{t}", B.shared_reuse(size, n, touch))
        add(f"malloc+free {size // KiB} KiB{t}", B.malloc_fresh(size, n, touch))
        add(f"numpy.empty {size // KiB} KiB + touch (Python)", py_time(numpy_empty_touch(size), min(n, 20000)))
    add("Block create+touch+destroy 1 MiB (= shared pool miss)", B.block_create(MiB, 300, False, True))

    w = max(len(r[0]) for r in rows)
    print(f"hcarray.memory on {platform.machine()} {platform.system()} ({os.cpu_count()} CPUs), "
          f"page {hm.page_size()} B")
    print(f"{'operation'.ljust(w)}  {'measured':>11}  seed's claim (Apple Silicon)")
    print("-" * (w + 45))
    for what, t, claim in rows:
        print(f"{what.ljust(w)}  {t:>11}  {claim}")


if __name__ == "__main__":
    main()
