import numpy as np

# Business-day arithmetic with datetime64 for a payment schedule.
start = np.datetime64("2024-01-31")
months = np.arange(6)
due = (start.astype("datetime64[M]") + months).astype("datetime64[D]") + 14
print("due dates:", due)
print("weekday (0=Mon):", (due.astype("datetime64[D]").view("int64") - 4) % 7)

paid = due + np.array([0, 3, -2, 10, 1, 0])
late = (paid - due).astype(int)
print("days late:", late)
print("late payments:", np.count_nonzero(late > 0))

days = np.arange("2024-03-01", "2024-03-15", dtype="datetime64[D]")
print("first two weeks of March:", days)
busy = np.is_busday(days)
print("business days:", busy.sum())
print("busday_count Jan:", np.busday_count("2024-01-01", "2024-02-01"))
print("next business day after 2024-03-09:", np.busday_offset("2024-03-09", 0, roll="forward"))

span = np.datetime64("2024-12-25") - np.datetime64("2024-01-01")
print("days until Christmas:", span, span.astype(int))
fees = np.where(late > 0, 25.0 + 1.5 * late, 0.0)
print("fees:", fees, "total:", fees.sum())

result = {"late": late, "fees": fees, "busy": busy}
