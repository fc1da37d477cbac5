import numpy as np

# Mortgage amortisation schedule.
principal = 250_000.0
annual_rate = 0.045
n_months = 30 * 12
r = annual_rate / 12

payment = principal * r / (1 - (1 + r) ** -n_months)
print(f"monthly payment: {payment:.2f}")

balance = principal
schedule = np.zeros((n_months, 3))
for m in range(n_months):
    interest = balance * r
    princ = payment - interest
    balance -= princ
    schedule[m] = interest, princ, balance

print("first 3 months:\n", np.round(schedule[:3], 2))
print("last month:", np.round(schedule[-1], 2))
print(f"total interest: {schedule[:, 0].sum():,.2f}")
yearly = schedule[:, :2].reshape(30, 12, 2).sum(axis=1)
print("year 1 interest/principal:", np.round(yearly[0], 2))
cross = np.argmax(schedule[:, 1] > schedule[:, 0])
print("principal exceeds interest from month", cross + 1)
table = np.column_stack([np.arange(1, 4), schedule[:3, 2]])
print(table)

result = {"payment": payment, "schedule": schedule, "yearly": yearly, "cross": cross}
