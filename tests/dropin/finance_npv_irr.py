import numpy as np

# NPV of a project at several discount rates and its IRR by bisection.
cash = np.array([-1000.0, 200.0, 300.0, 400.0, 400.0, 250.0])
periods = np.arange(cash.size)

def npv(rate, flows):
    return np.sum(flows / (1 + rate) ** np.arange(flows.size))

for r in (0.0, 0.05, 0.10, 0.15, 0.20):
    print(f"NPV @ {r:4.0%}: {npv(r, cash):9.2f}")

rates = np.linspace(0, 0.3, 7)
curve = (cash / (1 + rates[:, None]) ** periods).sum(axis=1)
print("NPV curve:", np.round(curve, 2))

lo, hi = 0.0, 1.0
for _ in range(100):
    mid = (lo + hi) / 2
    if npv(mid, cash) > 0:
        lo = mid
    else:
        hi = mid
irr = (lo + hi) / 2
print(f"IRR = {irr:.6%}")
print("NPV at IRR ~ 0:", abs(npv(irr, cash)) < 1e-6)

payback = np.argmax(np.cumsum(cash) >= 0)
print("payback period:", payback)

result = {"curve": curve, "irr": irr, "payback": payback}
