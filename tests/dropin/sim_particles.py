import numpy as np

# Bouncing particles in a box under gravity.
rng = np.random.default_rng(5)
n = 8
pos = rng.uniform(0, 10, size=(n, 2))
vel = rng.normal(0, 2, size=(n, 2))
g = np.array([0.0, -9.81])
dt = 0.01
bounces = np.zeros(n, dtype=int)

for _ in range(500):
    vel += g * dt
    pos += vel * dt
    low = pos < 0
    high = pos > 10
    hit = low | high
    bounces += hit.any(axis=1)
    pos = np.where(low, -pos, np.where(high, 20 - pos, pos))
    vel = np.where(hit, -0.9 * vel, vel)

ke = 0.5 * (vel ** 2).sum(axis=1)
pe = -g[1] * pos[:, 1]
print("positions:\n", np.round(pos, 4))
print("bounces:", bounces)
print("kinetic:", np.round(ke, 4))
print("total energy:", round((ke + pe).sum(), 4))
d = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=-1)
np.fill_diagonal(d, np.inf)
print("closest pair:", np.unravel_index(np.argmin(d), d.shape), round(d.min(), 4))

result = {"pos": pos, "vel": vel, "bounces": bounces, "ke": ke}
