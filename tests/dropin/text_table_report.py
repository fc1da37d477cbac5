import numpy as np

# A plain-text report: one row per region with totals, shares and bars.
regions = np.array(["north", "south", "east", "west", "central"])
q = np.array([[120, 135, 150, 160],
              [ 90,  85, 110, 130],
              [200, 210, 190, 220],
              [ 60,  75,  80,  70],
              [140, 150, 145, 155]])

totals = q.sum(axis=1)
share = totals / totals.sum()
growth = (q[:, -1] - q[:, 0]) / q[:, 0]

print(f"{'region':<8} {'Q1':>5} {'Q2':>5} {'Q3':>5} {'Q4':>5} {'total':>6} {'share':>6} {'growth':>7}")
print("-" * 56)
for name, row, t, s, g in zip(regions, q, totals, share, growth):
    cells = " ".join(f"{v:5d}" for v in row)
    print(f"{name:<8} {cells} {t:6d} {s:6.1%} {g:+7.1%}")
print("-" * 56)
print(f"{'all':<8} " + " ".join(f"{v:5d}" for v in q.sum(axis=0)) + f" {totals.sum():6d}")

best = regions[np.argmax(growth)]
print(f"fastest growth: {best} ({growth.max():.2%})")
for name, s in zip(regions, share):
    print(f"{name:>8} {'*' * int(round(s * 50))}")

result = {"totals": totals, "share": share, "growth": growth}
