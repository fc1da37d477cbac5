import numpy as np

# Historical and parametric Value-at-Risk of a return series.
np.random.seed(123)
returns = np.random.standard_t(df=4, size=1000) * 0.01

for level in (0.95, 0.99):
    var = -np.percentile(returns, 100 * (1 - level))
    tail = returns[returns <= -var]
    es = -tail.mean()
    print(f"{level:.0%} VaR {var:.5f}  ES {es:.5f}  tail n={tail.size}")

mu, sd = returns.mean(), returns.std()
z = 1.6448536269514722
print(f"parametric 95% VaR: {-(mu - z * sd):.5f}")

losses = np.sort(-returns)[::-1]
print("five worst losses:", np.round(losses[:5], 5))
exceed = np.cumsum(returns < -0.02)
print("exceedances by 250/500/1000:", exceed[[249, 499, 999]])
print("kurtosis-ish:", round(np.mean((returns - mu) ** 4) / sd ** 4, 4))

result = {"returns": returns, "losses": losses[:20], "exceed": exceed}
