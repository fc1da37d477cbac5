import numpy as np

# SIR epidemic model with forward Euler.
N = 10_000
beta, gamma = 0.3, 0.1
days, dt = 160, 0.5
steps = int(days / dt)

S = np.empty(steps + 1); I = np.empty(steps + 1); R = np.empty(steps + 1)
S[0], I[0], R[0] = N - 10, 10, 0
for k in range(steps):
    new_inf = beta * S[k] * I[k] / N * dt
    new_rec = gamma * I[k] * dt
    S[k + 1] = S[k] - new_inf
    I[k + 1] = I[k] + new_inf - new_rec
    R[k + 1] = R[k] + new_rec

t = np.linspace(0, days, steps + 1)
peak = I.argmax()
print(f"R0 = {beta / gamma:.1f}")
print(f"peak infections {I[peak]:.1f} on day {t[peak]:.1f}")
print(f"final susceptible {S[-1]:.1f}, recovered {R[-1]:.1f}")
print("conserved:", np.allclose(S + I + R, N))
print("weekly infected:", np.round(I[::14][:10]).astype(int))
herd = np.argmax(S < N / (beta / gamma))
print("herd threshold crossed on day", t[herd])

result = {"S": S, "I": I, "R": R, "peak": peak}
