"""hcarray's own GEMM vs NumPy (OpenBLAS) for square matmul, timed in one run with the calls
alternating (best of each kept), single- and two-threaded, with GFLOP/s, the ratio NumPy time /
hcarray time (above 1: hcarray faster), and the machine's float32 FMA peak measured by a tight
FMA loop (a small C program compiled here with the system compiler: 24 independent vector FMA
chains per thread). Writes a markdown table to benchmarks/results/gemm-<date>.md.

    python benchmarks/bench_gemm.py [--rounds 9] [--threads 1,2] [--budget 0.05]

Each thread count runs in its own process with OPENBLAS_NUM_THREADS and HCARRAY_NUM_THREADS
set to it (OpenBLAS reads its count once at load).
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

CASES = [("float32", 16), ("float32", 32), ("float32", 64), ("float32", 256),
         ("float32", 1024), ("float32", 2048), ("float64", 1024)]

PEAK_C = r"""
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__AVX512F__)
typedef __m512 V;
#define FMA _mm512_fmadd_ps
#define SET _mm512_set1_ps
#define LANES 16
#else
typedef __m256 V;
#define FMA _mm256_fmadd_ps
#define SET _mm256_set1_ps
#define LANES 8
#endif
static long iters;
static volatile float sink;
static void* run(void* arg) {
  V a[24], m = SET(0.999999f), c = SET(1e-7f);
  for (int i = 0; i < 24; i++) a[i] = SET((float)i);
  for (long k = 0; k < iters; k++) {
#pragma GCC unroll 24
    for (int i = 0; i < 24; i++) a[i] = FMA(a[i], m, c);
    __asm__ volatile("" : "+v"(a[0]), "+v"(a[1]), "+v"(a[2]), "+v"(a[3]), "+v"(a[4]),
                     "+v"(a[5]), "+v"(a[6]), "+v"(a[7]), "+v"(a[8]), "+v"(a[9]), "+v"(a[10]),
                     "+v"(a[11]));
    __asm__ volatile("" : "+v"(a[12]), "+v"(a[13]), "+v"(a[14]), "+v"(a[15]), "+v"(a[16]),
                     "+v"(a[17]), "+v"(a[18]), "+v"(a[19]), "+v"(a[20]), "+v"(a[21]),
                     "+v"(a[22]), "+v"(a[23]));
  }
  float t[LANES];
  memcpy(t, &a[0], sizeof t);  /* the asm statements above keep all 24 chains live */
  sink = t[0];
  return 0;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
int main(int argc, char** argv) {
  int nt = atoi(argv[1]); iters = atol(argv[2]); int reps = atoi(argv[3]);
  double best = 0;
  for (int r = 0; r < reps; r++) {
    pthread_t th[64]; double t = now();
    if (nt == 1) run(0);
    else { for (int i = 0; i < nt; i++) pthread_create(&th[i], 0, run, 0);
           for (int i = 0; i < nt; i++) pthread_join(th[i], 0); }
    t = now() - t;
    double gf = nt * (double)iters * 24 * LANES * 2 / t / 1e9;
    if (gf > best) best = gf;
  }
  printf("%.3f\n", best);
  return 0;
}
"""


def build_peak():
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        return None
    d = tempfile.mkdtemp(prefix="hc_peak_")
    src, exe = os.path.join(d, "peak.c"), os.path.join(d, "peak")
    with open(src, "w") as f:
        f.write(PEAK_C)
    flags = []
    try:
        cpuinfo = open("/proc/cpuinfo").read()
    except OSError:
        cpuinfo = ""
    # -march=native first: the compiler asks CPUID, as hcarray's own dispatch does (a VM's
    # /proc/cpuinfo may leave avx512f out while the CPU runs it: the device tool's host did,
    # and the AVX2 loop there measured half the peak that hcarray's AVX-512 GEMM runs against)
    for flags in (["-march=native"],
                  ["-mavx512f", "-mfma"] if " avx512f" in cpuinfo else ["-mavx2", "-mfma"]):
        r = subprocess.run([cc, "-O3", *flags, src, "-o", exe, "-lpthread"], capture_output=True)
        if r.returncode == 0:
            return exe
    return None


def peak(exe, threads, reps=5):
    if not exe:
        return float("nan")
    r = subprocess.run([exe, str(threads), "5000000", str(reps)], capture_output=True, text=True)
    return float(r.stdout.strip()) if r.returncode == 0 else float("nan")


def worker(threads, rounds, budget, exe):
    import hcarray as hc
    rng = np.random.default_rng(0)
    rows = []
    pk = [peak(exe, threads)]
    for dt, n in CASES:
        a = rng.standard_normal((n, n)).astype(dt)
        b = rng.standard_normal((n, n)).astype(dt)
        ha, hb = hc.asarray(a), hc.asarray(b)
        np.testing.assert_allclose(np.asarray(ha @ hb), a @ b, rtol=1e-3 if dt == "float32" else 1e-9,
                                   atol=1e-3 * np.sqrt(n) if dt == "float32" else 1e-9 * np.sqrt(n))
        t0 = time.perf_counter()
        a @ b
        one = max(time.perf_counter() - t0, 1e-7)
        reps = max(1, int(budget / one))
        tn, th = float("inf"), float("inf")
        for _ in range(rounds):
            t0 = time.perf_counter()
            for _ in range(reps):
                a @ b
            tn = min(tn, (time.perf_counter() - t0) / reps)
            t0 = time.perf_counter()
            for _ in range(reps):
                ha @ hb
            th = min(th, (time.perf_counter() - t0) / reps)
        fl = 2.0 * n ** 3
        rows.append(dict(dtype=dt, n=n, threads=threads, t_hc=th, t_np=tn,
                         gf_hc=fl / th / 1e9, gf_np=fl / tn / 1e9))
        print(f"threads={threads} {dt:<8} N={n:>5}  hcarray {fl/th/1e9:7.1f} GF/s  NumPy "
              f"{fl/tn/1e9:7.1f} GF/s  NumPy/hcarray {tn/th:5.2f}", file=sys.stderr, flush=True)
    pk.append(peak(exe, threads))
    return dict(rows=rows, peak=max(pk))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--budget", type=float, default=0.05, help="seconds per timed block")
    ap.add_argument("--worker", type=int, default=0)
    ap.add_argument("--peak-exe", default="")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.rounds, args.budget, args.peak_exe or None)))
        return
    exe = build_peak()
    results = {}
    for t in [int(x) for x in args.threads.split(",")]:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(t), HCARRAY_NUM_THREADS=str(t),
                   OMP_NUM_THREADS=str(t))
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", str(t),
                            "--rounds", str(args.rounds), "--budget", str(args.budget),
                            "--peak-exe", exe or ""], env=env, stdout=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit(f"bench_gemm: the worker for {t} thread(s) failed")
        results[t] = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"float32 FMA peak, {t} thread(s): {results[t]['peak']:.1f} GFLOP/s", flush=True)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    os.makedirs(out, exist_ok=True)
    day = datetime.date.today().isoformat()
    path = os.path.join(out, f"gemm-{day}.md")
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    with open(path, "w") as f:
        f.write(f"# hcarray GEMM vs NumPy (OpenBLAS), {day}\n\n")
        f.write(f"- NumPy {np.__version__}, {platform.processor() or platform.machine()}, "
                f"{os.cpu_count()} CPUs, load average at the end {load:.1f}; square C-contiguous "
                f"operands, best of {args.rounds} alternating rounds, wall-clock time\n")
        for t, res in results.items():
            f.write(f"- float32 FMA peak (tight FMA loop, {t} thread(s)): {res['peak']:.1f} GFLOP/s\n")
        f.write("\n| dtype | N | threads | hcarray GFLOP/s | NumPy GFLOP/s | NumPy / hcarray "
                "| hcarray % of FMA peak |\n|---|---|---|---|---|---|---|\n")
        for t, res in results.items():
            for r in res["rows"]:
                pk = res["peak"] * (0.5 if r["dtype"] == "float64" else 1.0)
                f.write(f"| {r['dtype']} | {r['n']} | {t} | {r['gf_hc']:.1f} | {r['gf_np']:.1f} | "
                        f"{r['t_np']/r['t_hc']:.2f} | {100*r['gf_hc']/pk:.0f}% |\n")
    print(open(path).read())
    print("wrote", path)


if __name__ == "__main__":
    main()
