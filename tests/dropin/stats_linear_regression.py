import numpy as np

# Fit y = a*x + b and a quadratic to noisy-ish measurements.
x = np.linspace(0, 10, 11)
y = np.array([1.1, 2.9, 5.2, 7.1, 8.8, 11.2, 13.1, 14.8, 17.2, 19.1, 20.9])

slope, intercept = np.polyfit(x, y, 1)
print(f"y = {slope:.4f} x + {intercept:.4f}")

pred = np.polyval([slope, intercept], x)
resid = y - pred
ss_res = np.sum(resid ** 2)
ss_tot = np.sum((y - y.mean()) ** 2)
r2 = 1 - ss_res / ss_tot
print("residuals:", np.round(resid, 3))
print(f"R^2 = {r2:.6f}")

coeffs2 = np.polyfit(x, y, 2)
print("quadratic coefficients:", np.round(coeffs2, 5))
p = np.poly1d(coeffs2)
print("quadratic at 12:", round(p(12.0), 4))

A = np.column_stack([x, np.ones_like(x)])
sol, *_ = np.linalg.lstsq(A, y, rcond=None)
print("lstsq agrees:", np.allclose(sol, [slope, intercept]))

result = {"line": np.array([slope, intercept]), "r2": r2, "quad": coeffs2, "resid": resid}
