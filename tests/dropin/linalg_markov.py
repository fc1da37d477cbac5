import numpy as np

# Weather Markov chain: stationary distribution three ways.
P = np.array([[0.7, 0.2, 0.1],   # sunny
              [0.3, 0.4, 0.3],   # cloudy
              [0.2, 0.3, 0.5]])  # rainy
print("rows sum to one:", np.allclose(P.sum(axis=1), 1))

state = np.array([1.0, 0.0, 0.0])
for day in range(1, 6):
    state = state @ P
    print(f"day {day}: {np.round(state, 4)}")

P50 = np.linalg.matrix_power(P, 50)
print("P^50 first row:", P50[0])

vals, vecs = np.linalg.eig(P.T)
k = np.argmin(np.abs(vals - 1))
pi = np.real(vecs[:, k])
pi = pi / pi.sum()
print("stationary (eig):", pi)

A = np.vstack([P.T - np.eye(3), np.ones(3)])
b = np.r_[np.zeros(3), 1.0]
pi2 = np.linalg.lstsq(A, b, rcond=None)[0]
print("stationary (lstsq):", pi2)
print("all agree:", np.allclose(pi, pi2) and np.allclose(P50[0], pi))

result = {"state": state, "P50": P50, "pi": pi, "pi2": pi2}
