import numpy as np

# Compound interest: table of balances for several rates and compounding frequencies.
principal = 1000.0
years = np.arange(0, 11)
rates = np.array([0.02, 0.05, 0.08])

balances = principal * (1 + rates[:, None]) ** years
print("year  " + "  ".join(f"{r:>8.0%}" for r in rates))
for y in years:
    print(f"{y:4d}  " + "  ".join(f"{b:8.2f}" for b in balances[:, y]))

freq = np.array([1, 4, 12, 365])
ten_years = principal * (1 + 0.05 / freq) ** (freq * 10)
print("5% for 10y by frequency:", np.round(ten_years, 2))
print("continuous:", round(principal * np.exp(0.05 * 10), 2))

doubling = np.log(2) / np.log1p(rates)
print("years to double:", np.round(doubling, 2))
print("rule of 72:", 72 / (rates * 100))

deposits = np.full(10, 100.0)
fv = np.sum(deposits * 1.05 ** np.arange(9, -1, -1))
print(f"future value of deposits: {fv:.2f}")

result = {"balances": balances, "ten_years": ten_years, "doubling": doubling, "fv": fv}
