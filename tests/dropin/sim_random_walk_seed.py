import numpy as np

# The legacy global RNG: np.random.seed and friends.
np.random.seed(1)
steps = np.random.randint(0, 2, size=50) * 2 - 1
walk = np.concatenate([[0], np.cumsum(steps)])
print("walk:", walk)
print("final:", walk[-1], "max:", walk.max(), "min:", walk.min())

gauss = np.random.randn(4, 3)
print("randn:\n", gauss)
print("rand:", np.random.rand(3))
print("normal:", np.random.normal(10, 2, size=4))
print("uniform:", np.random.uniform(-1, 1, size=3))
print("choice:", np.random.choice(["a", "b", "c"], size=6))

np.random.seed(1)
again = np.random.randint(0, 2, size=50) * 2 - 1
print("reproducible:", np.array_equal(steps, again))

state = np.random.get_state()
x1 = np.random.random()
np.random.set_state(state)
x2 = np.random.random()
print("state restore works:", x1 == x2)

result = {"walk": walk, "gauss": gauss, "again": again}
