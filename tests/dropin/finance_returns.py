import numpy as np

# Daily closing prices of a stock; compute simple and log returns.
prices = np.array([100.0, 101.5, 99.8, 102.3, 104.0, 103.1, 105.6, 107.2, 106.0, 108.9])

simple = np.diff(prices) / prices[:-1]
logret = np.diff(np.log(prices))
print("simple returns:", np.round(simple, 5))
print("log returns   :", np.round(logret, 5))

growth = np.cumprod(1 + simple)
print("growth of 1:", np.round(growth, 4))
print("total return: {:.2%}".format(growth[-1] - 1))
print("from logs   : {:.2%}".format(np.exp(logret.sum()) - 1))

print("best day:", np.argmax(simple) + 1, "worst day:", np.argmin(simple) + 1)
print("positive days:", np.sum(simple > 0), "of", simple.size)
print("mean daily:", simple.mean(), "vol:", simple.std(ddof=1))

pct = np.round(100 * simple, 2)
print("as percent:", pct)

result = {"simple": simple, "logret": logret, "growth": growth}
