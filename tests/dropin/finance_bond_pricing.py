import numpy as np

# Price bonds across a grid of yields with broadcasting; duration and convexity.
face = 1000.0
coupon_rate = 0.05
years = 10
t = np.arange(1, years + 1)
cf = np.full(years, face * coupon_rate)
cf[-1] += face

yields = np.array([0.03, 0.04, 0.05, 0.06, 0.07])
disc = (1 + yields[:, None]) ** -t
prices = (cf * disc).sum(axis=1)
print("yields:", yields)
print("prices:", np.round(prices, 2))
print("premium/par/discount:", np.sign(np.round(prices - face, 6)))

p = prices[2]
pv = cf * disc[2]
mac = (t * pv).sum() / p
mod = mac / (1 + yields[2])
conv = (t * (t + 1) * pv).sum() / (p * (1 + yields[2]) ** 2)
print(f"Macaulay duration: {mac:.4f}")
print(f"modified duration: {mod:.4f}")
print(f"convexity        : {conv:.4f}")

dy = 0.001
approx = p * (1 - mod * dy + 0.5 * conv * dy ** 2)
exact = (cf / (1 + yields[2] + dy) ** t).sum()
print(f"approx {approx:.4f} vs exact {exact:.4f}")

result = {"prices": prices, "mac": mac, "mod": mod, "conv": conv}
