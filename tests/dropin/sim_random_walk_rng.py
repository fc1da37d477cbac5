import numpy as np

# 1-D random walks with a seeded Generator.
rng = np.random.default_rng(12345)
n_walkers, n_steps = 5, 100
steps = rng.choice([-1, 1], size=(n_walkers, n_steps))
paths = np.cumsum(steps, axis=1)

print("final positions:", paths[:, -1])
print("max distance:", np.abs(paths).max(axis=1))
print("first time at +5:", [int(np.argmax(p >= 5)) if (p >= 5).any() else -1 for p in paths])
print("mean final:", paths[:, -1].mean(), "mean squared:", (paths[:, -1] ** 2).mean())

uniform = rng.random(5)
print("uniform:", uniform)
print("integers:", rng.integers(0, 10, size=8))
print("normal:", np.round(rng.normal(size=3), 6))

zero_crossings = (np.diff(np.sign(paths), axis=1) != 0).sum(axis=1)
print("sign changes:", zero_crossings)

result = {"paths": paths, "uniform": uniform, "crossings": zero_crossings}
