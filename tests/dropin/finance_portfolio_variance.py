import numpy as np

# Portfolio risk from asset volatilities and correlations.
vol = np.array([0.20, 0.15, 0.30, 0.10])
corr = np.array([[1.0, 0.3, 0.6, 0.0],
                 [0.3, 1.0, 0.2, 0.1],
                 [0.6, 0.2, 1.0, -0.2],
                 [0.0, 0.1, -0.2, 1.0]])
cov = np.outer(vol, vol) * corr
print("covariance:\n", cov)

w = np.array([0.4, 0.3, 0.2, 0.1])
exp_ret = np.array([0.08, 0.06, 0.12, 0.03])
port_var = w @ cov @ w
port_vol = np.sqrt(port_var)
print(f"expected return: {w @ exp_ret:.4f}")
print(f"volatility     : {port_vol:.6f}")

marginal = cov @ w / port_vol
contrib = w * marginal
print("risk contributions:", np.round(contrib, 6))
print("sum equals vol:", np.isclose(contrib.sum(), port_vol))

inv = np.linalg.inv(cov)
ones = np.ones(len(w))
w_min = inv @ ones / (ones @ inv @ ones)
print("min-variance weights:", np.round(w_min, 5))
print("min vol:", np.sqrt(w_min @ cov @ w_min))

result = {"cov": cov, "vol": port_vol, "contrib": contrib, "w_min": w_min}
