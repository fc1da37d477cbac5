import numpy as np

# In-place updates with out=, augmented assignment and error-state control, as in a solver loop.
n = 8
x = np.linspace(0.0, 1.0, n)
v = np.zeros(n)
buf = np.empty(n)

for step in range(50):
    np.subtract(0.5, x, out=buf)
    np.multiply(buf, 0.1, out=buf)
    v += buf
    v *= 0.95
    np.add(x, v, out=x)
print("x:", np.round(x, 6))
print("v:", np.round(v, 6))

with np.errstate(divide="ignore", invalid="ignore"):
    ratio = v / (x - 0.5)
print("finite ratios:", np.isfinite(ratio).sum())

old = np.seterr(all="ignore")
logs = np.log(np.array([1.0, 0.0, -1.0]))
np.seterr(**old)
print("logs:", logs)

acc = np.ones(4, dtype=np.int64)
np.multiply(acc, [2, 3, 4, 5], out=acc)
acc[1:] += acc[:-1]
print("acc:", acc)
print("prod via reduce:", np.multiply.reduce([1, 2, 3, 4]), np.add.reduce(np.arange(5)))

result = {"x": x, "v": v, "ratio": ratio, "logs": logs, "acc": acc}
