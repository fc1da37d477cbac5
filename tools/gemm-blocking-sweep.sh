#!/usr/bin/env bash
# GEMM cache-blocking sweep: float32 products timed on two CPUs (taskset -c 4,5, two threads)
# for several KC / NC overrides, three rounds of processes alternating between them. Written
# for the device tool's 16-core host (its CPU only): run(command="bash tools/gemm-blocking-sweep.sh").
# Figures from it are in specs/gemm.md.
set -e
export HCARRAY_DEV_BUILD=$(NAME=dev JOBS=16 ./dev-build.sh 2>/dev/null) PYTHONPATH=python
export HCARRAY_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
cat > /tmp/gn3.py <<'PY'
import os, sys, time, numpy as np, hcarray as hc
out = []
for spec in sys.argv[1:]:
    m, k, n = (int(x) for x in spec.split("x"))
    a = np.random.default_rng(0).standard_normal((m, k)).astype(np.float32)
    b = np.random.default_rng(1).standard_normal((k, n)).astype(np.float32)
    ha, hb = hc.asarray(a), hc.asarray(b)
    reps = max(1, int(2e9 / (m * n * k))); bt = 9
    for _ in range(4):
        t = time.perf_counter()
        for _ in range(reps): ha @ hb
        bt = min(bt, (time.perf_counter() - t) / reps)
    out.append(f"{spec} {2*m*n*k/bt/1e9:6.1f}")
print(f"KC={os.environ.get('HCARRAY_GEMM_KC','-')} NC={os.environ.get('HCARRAY_GEMM_NC','-')}: " + "  ".join(out), flush=True)
PY
for r in 1 2 3; do
  for cfg in "512 512" "512 1024" "512 2048" "256 2048" "256 4096"; do
    set -- $cfg
    HCARRAY_GEMM_KC=$1 HCARRAY_GEMM_NC=$2 taskset -c 4,5 python3 /tmp/gn3.py 1024x1024x1024 2048x2048x2048 4096x512x4096
  done
done
