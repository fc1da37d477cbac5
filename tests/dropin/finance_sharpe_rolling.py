import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# Sharpe ratio and rolling volatility from simulated daily returns.
rng = np.random.default_rng(2024)
daily = rng.normal(0.0005, 0.01, size=252)

sharpe = daily.mean() / daily.std(ddof=1) * np.sqrt(252)
print(f"annualised Sharpe: {sharpe:.4f}")
print(f"annualised vol   : {daily.std(ddof=1) * np.sqrt(252):.4%}")

windows = sliding_window_view(daily, 21)
print("windows:", windows.shape)
roll_vol = windows.std(axis=1, ddof=1) * np.sqrt(252)
print("rolling vol (first 5):", np.round(roll_vol[:5], 5))
print("highest-vol window starts at day", roll_vol.argmax())

downside = np.minimum(daily, 0)
sortino = daily.mean() / np.sqrt(np.mean(downside ** 2)) * np.sqrt(252)
print(f"Sortino: {sortino:.4f}")

monthly = np.add.reduceat(daily, np.arange(0, 252, 21))
print("monthly sums:", np.round(monthly, 4))
print("win rate: {:.1%}".format(np.mean(daily > 0)))

result = {"daily": daily, "sharpe": sharpe, "roll_vol": roll_vol, "monthly": monthly}
