import numpy as np

# Moving-average crossover trading signals on a synthetic price path.
t = np.arange(60)
prices = 100 + 5 * np.sin(t / 6.0) + 0.1 * t

def sma(x, n):
    out = np.full(x.shape, np.nan)
    c = np.cumsum(x)
    out[n - 1:] = (c[n - 1:] - np.concatenate(([0.0], c[:-n]))) / n
    return out

fast = sma(prices, 5)
slow = sma(prices, 20)
valid = ~np.isnan(slow)
position = np.where(fast > slow, 1, -1)
position[~valid] = 0
changes = np.flatnonzero(np.diff(position) != 0) + 1
print("first valid index:", np.argmax(valid))
print("signal changes at:", changes)
print("positions there:", position[changes])

rets = np.diff(prices) / prices[:-1]
strat = position[:-1] * rets
print(f"buy and hold: {np.prod(1 + rets) - 1:.4f}")
print(f"strategy    : {np.prod(1 + strat) - 1:.4f}")
print("fast tail:", np.round(fast[-5:], 3))
print("slow tail:", np.round(slow[-5:], 3))

result = {"fast": fast, "slow": slow, "position": position, "changes": changes, "strat": strat}
