"""hcarray vs NumPy benchmarks: both libraries timed in one run, calls alternating, ratios
reported (NumPy time / hcarray time; above 1 = hcarray faster).

    python benchmarks/run.py [--sizes 1000,100000,1000000] [--budget 0.3] [--out DIR] [--no-plot]

Writes DIR/<date>.md (a markdown table; DIR defaults to benchmarks/results) and DIR/<date>.png
(ratio against size per op) when matplotlib is installed (pip install ".[bench]").
"""

import argparse
import datetime
import os
import platform
import sys

import numpy as np

import hcarray as hc
from hcarray.__main__ import OPS, units

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

HERE = os.path.dirname(os.path.abspath(__file__))


def _fmt(t):
    return "n/a" if t is None else f"{t * 1e6:.1f}"


def run(sizes, budget, dtype):
    """[(op, size, t_hc, t_np)], printed per op as it goes; t_* is None where hcarray lacks it."""
    from hcarray.__main__ import NOT_IMPLEMENTED, _check, time_pair

    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        a_np = rng.uniform(0.5, 2.0, n).astype(dtype)
        b_np = rng.uniform(0.5, 2.0, n).astype(dtype)
        a_hc, b_hc = hc.asarray(a_np, copy=True), hc.asarray(b_np, copy=True)
        for label, f_hc, f_np in OPS:
            try:
                r = f_hc(a_hc, b_hc)
            except NOT_IMPLEMENTED as e:
                print(f"{label:<14} {n:>10}  not implemented in hcarray yet "
                      f"({type(e).__name__}: {e})", flush=True)
                rows.append((label, n, None, None, "not implemented"))
                continue
            note = "" if _check(r, f_np(a_np, b_np)) else "WRONG RESULT"
            t_hc, t_np = time_pair(f_hc, f_np, (a_hc, b_hc), (a_np, b_np), budget)
            print(f"{label:<14} {n:>10}  hcarray {t_hc * 1e6:10.1f} us  numpy "
                  f"{t_np * 1e6:10.1f} us  ratio {t_np / t_hc:6.2f}x {note}", flush=True)
            rows.append((label, n, t_hc, t_np, note))
    return rows


def write_markdown(path, rows, dtype, budget, goals_md=None):
    cpu = next(text for name, _, text in units() if name == "cpu")
    lines = [
        f"# hcarray vs NumPy, {datetime.date.today().isoformat()}",
        "",
        f"- hcarray {hc.__version__}, NumPy {np.__version__}, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}",
        f"- CPU: {cpu}",
        f"- dtype {np.dtype(dtype).name}; best time of calls alternating between the two "
        f"libraries for about {budget} s per row; ratio = NumPy time / hcarray time "
        "(above 1: hcarray faster)",
        "",
        "| op | size | hcarray (us) | NumPy (us) | ratio | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, n, t_hc, t_np, note in rows:
        ratio = "n/a" if t_hc is None else f"{t_np / t_hc:.2f}"
        lines.append(f"| `{label}` | {n} | {_fmt(t_hc)} | {_fmt(t_np)} | {ratio} | {note} |")
    if goals_md:
        lines += ["", "## Goals (issue 6)", "", goals_md]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def write_plot(path, rows):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install '.[bench]' for one)")
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label in dict.fromkeys(r[0] for r in rows):
        pts = [(n, t_np / t_hc) for lab, n, t_hc, t_np, _ in rows if lab == label and t_hc]
        if pts:
            ax.plot(*zip(*pts), marker="o", label=label)
    ax.axhline(1.0, color="gray", lw=0.8, ls="--")
    ax.set_xscale("log")
    ax.set_xlabel("elements")
    ax.set_ylabel("NumPy time / hcarray time")
    ax.set_title("hcarray vs NumPy (above 1: hcarray faster)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,100000,1000000", help="comma-separated element counts")
    p.add_argument("--budget", type=float, default=0.3, help="seconds per (op, size)")
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    p.add_argument("--out", default=os.path.join(HERE, "results"), help="output folder")
    p.add_argument("--no-plot", action="store_true")
    p.add_argument("--no-goals", action="store_true", help="skip issue 6's goals table")
    p.add_argument("--goals-budget", type=float, default=1.0, help="seconds per goal case")
    args = p.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        p.error(f"--sizes: expected comma-separated integers, got {args.sizes!r}")
    if any(s < 1 for s in sizes):
        p.error("--sizes: every size must be at least 1")
    if args.budget < 0:
        p.error("--budget: must be at least 0")
    rows = run(sizes, args.budget, np.dtype(args.dtype))
    os.makedirs(args.out, exist_ok=True)
    stem = os.path.join(args.out, datetime.date.today().isoformat())
    goals_md = None
    if not args.no_goals:
        import goals
        print("\nGoals (issue 6):", flush=True)
        goals_md = goals.markdown(goals.run(args.goals_budget, log=lambda s: print(s, flush=True)))
    write_markdown(stem + ".md", rows, args.dtype, args.budget, goals_md)
    print(f"wrote {stem}.md")
    if not args.no_plot and write_plot(stem + ".png", rows):
        print(f"wrote {stem}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
