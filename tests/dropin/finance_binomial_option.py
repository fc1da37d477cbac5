import numpy as np

# European and American put prices on a Cox-Ross-Rubinstein binomial tree.
S0, K, T, r, sigma, N = 100.0, 105.0, 1.0, 0.03, 0.25, 200
dt = T / N
u = np.exp(sigma * np.sqrt(dt))
d = 1 / u
p = (np.exp(r * dt) - d) / (u - d)
disc = np.exp(-r * dt)

j = np.arange(N + 1)
ST = S0 * u ** (N - j) * d ** j
euro = np.maximum(K - ST, 0.0)
amer = euro.copy()
for step in range(N - 1, -1, -1):
    euro = disc * (p * euro[:-1] + (1 - p) * euro[1:])
    S = S0 * u ** (step - np.arange(step + 1)) * d ** np.arange(step + 1)
    amer = np.maximum(disc * (p * amer[:-1] + (1 - p) * amer[1:]), K - S)

print(f"u={u:.6f} d={d:.6f} p={p:.6f}")
print(f"European put: {euro[0]:.6f}")
print(f"American put: {amer[0]:.6f}")
print("early exercise premium:", round(amer[0] - euro[0], 6))
call = euro[0] + S0 - K * np.exp(-r * T)
print(f"call via parity: {call:.6f}")

result = {"euro": euro, "amer": amer, "call": call}
