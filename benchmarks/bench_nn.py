"""hcarray.nn vs the NumPy formulas people write (and torch when installed), timed in one run
with the calls alternating (best of each kept). Prints NumPy time / hcarray time (above 1:
hcarray faster) and writes a markdown table to benchmarks/results/nn-<date>.md.

    python benchmarks/bench_nn.py [--reps 11] [--threads 2] [--quick]

Goal (issue 6): sigmoid at n=1e7 float32 with 2 threads at least 6x NumPy's 1/(1+np.exp(-x)).
"""

import argparse
import datetime
import math
import os
import platform
import time

import numpy as np

import hcarray as hc

try:
    import torch
except ImportError:
    torch = None


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def np_log_softmax(x):
    d = x - x.max(axis=-1, keepdims=True)
    return d - np.log(np.exp(d).sum(axis=-1, keepdims=True))


def np_layer_norm(x, w, b, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def np_rms_norm(x, w, eps=1e-6):
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + eps) * w


_ERF = np.frompyfunc(math.erf, 1, 1)


def np_gelu_tanh(x):
    c = np.float32(math.sqrt(2 / math.pi)) if x.dtype == np.float32 else math.sqrt(2 / math.pi)
    return 0.5 * x * (1 + np.tanh(c * (x + 0.044715 * x**3)))


def np_sdpa(q, k, v):
    s = q @ np.swapaxes(k, -1, -2) * (1 / math.sqrt(q.shape[-1]))
    return np_softmax(s) @ v


def best(f, args, reps):
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f(*args)
        ts.append(time.perf_counter() - t)
    return min(ts)


def run_case(name, shape, f_hc, f_np, f_torch, args_np, reps):
    args_hc = [hc.asarray(a, copy=True) for a in args_np]
    args_t = [torch.from_numpy(a.copy()) for a in args_np] if (torch and f_torch) else None
    th = tn = tt = math.inf
    # Alternate: one call of each per round, best kept.
    for _ in range(reps):
        th = min(th, best(f_hc, args_hc, 1))
        tn = min(tn, best(f_np, args_np, 1))
        if args_t is not None:
            tt = min(tt, best(f_torch, args_t, 1))
    return (name, shape, th, tn, tt if args_t is not None else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="only the sigmoid goal case")
    args = ap.parse_args()
    hc.set_num_threads(args.threads)
    if torch:
        torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    f32 = np.float32
    F = torch.nn.functional if torch else None
    cases = [("sigmoid", (10**7,), hc.nn.sigmoid, np_sigmoid, torch.sigmoid if torch else None,
              [rng.uniform(-10, 10, 10**7).astype(f32)])]
    if not args.quick:
        x_rows = (rng.standard_normal((4096, 1024)) * 3).astype(f32)
        w = rng.standard_normal(1024).astype(f32)
        b = rng.standard_normal(1024).astype(f32)
        cases += [
            ("sigmoid", (10**6,), hc.nn.sigmoid, np_sigmoid, torch.sigmoid if torch else None,
             [rng.uniform(-10, 10, 10**6).astype(f32)]),
            ("silu", (10**7,), hc.nn.silu, lambda x: x * np_sigmoid(x), F.silu if F else None,
             [rng.uniform(-10, 10, 10**7).astype(f32)]),
            ("gelu tanh", (10**7,), lambda x: hc.nn.gelu(x, approximate="tanh"), np_gelu_tanh,
             (lambda x: F.gelu(x, approximate="tanh")) if F else None,
             [rng.uniform(-10, 10, 10**7).astype(f32)]),
            ("softmax", (4096, 1024), hc.nn.softmax, np_softmax,
             (lambda x: torch.softmax(x, -1)) if torch else None, [x_rows]),
            ("softmax", (256, 32768), hc.nn.softmax, np_softmax,
             (lambda x: torch.softmax(x, -1)) if torch else None,
             [(rng.standard_normal((256, 32768)) * 3).astype(f32)]),
            ("log_softmax", (4096, 1024), hc.nn.log_softmax, np_log_softmax,
             (lambda x: torch.log_softmax(x, -1)) if torch else None, [x_rows]),
            ("layer_norm", (4096, 1024), hc.nn.layer_norm, np_layer_norm,
             (lambda x, w, b: F.layer_norm(x, (1024,), w, b)) if F else None, [x_rows, w, b]),
            ("rms_norm", (4096, 1024), hc.nn.rms_norm, lambda x, w: np_rms_norm(x, w, 2.0**-23),
             (lambda x, w: F.rms_norm(x, (1024,), w)) if F else None, [x_rows, w]),
            ("sdpa", (8, 512, 64), hc.nn.scaled_dot_product_attention, np_sdpa,
             F.scaled_dot_product_attention if F else None,
             [rng.standard_normal((8, 512, 64)).astype(f32) for _ in range(3)]),
        ]
    rows = []
    for name, shape, fh, fn, ft, a in cases:
        r = run_case(name, shape, fh, fn, ft, a, args.reps)
        rows.append(r)
        _, _, th, tn, tt = r
        extra = f"  torch {tt*1e3:8.3f} ms ({tt/th:5.2f}x)" if tt is not None else ""
        print(f"{name:<12} {str(shape):<14} float32  hcarray {th*1e3:8.3f} ms  numpy "
              f"{tn*1e3:8.3f} ms  ratio {tn/th:5.2f}x{extra}", flush=True)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    os.makedirs(out, exist_ok=True)
    today = datetime.date.today().isoformat()
    path = os.path.join(out, f"nn-{today}.md")
    with open(path, "w") as f:
        f.write(f"# hcarray.nn vs NumPy formulas{' and torch' if torch else ''}, {today}\n\n")
        f.write(f"- NumPy {np.__version__}" + (f", torch {torch.__version__}" if torch else "") +
                f", {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
                f"hcarray threads {args.threads}" + (f", torch threads {args.threads}" if torch else "") +
                f", SIMD {hc._core.vmath_target() if hasattr(hc._core, 'vmath_target') else 'auto'}"
                f", best of {args.reps}, calls alternating, float32\n")
        f.write("- NumPy formulas: sigmoid 1/(1+np.exp(-x)); softmax exp(x - max)/sum; "
                "layer_norm (x-mean)/sqrt(var+eps)*w+b; gelu tanh 0.5x(1+tanh(...)); "
                "sdpa softmax(q@k.T*s)@v\n\n")
        head = "| op | shape | hcarray ms | NumPy ms | NumPy / hcarray |"
        sep = "|---|---|---|---|---|"
        if torch:
            head += " torch ms | torch / hcarray |"
            sep += "---|---|"
        f.write(head + "\n" + sep + "\n")
        for name, shape, th, tn, tt in rows:
            line = f"| {name} | {shape} | {th*1e3:.3f} | {tn*1e3:.3f} | {tn/th:.2f} |"
            if torch:
                line += f" {tt*1e3:.3f} | {tt/th:.2f} |"
            f.write(line + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
