import numpy as np

# Maximum drawdown of an equity curve.
equity = np.array([100, 104, 102, 110, 108, 95, 97, 101, 115, 112, 90, 96, 118, 120], dtype=float)

peak = np.maximum.accumulate(equity)
drawdown = equity / peak - 1
print("running peak:", peak)
print("drawdown:", np.round(drawdown, 4))

trough = np.argmin(drawdown)
start = np.argmax(equity[:trough + 1])
print(f"max drawdown {drawdown[trough]:.2%} from day {start} to day {trough}")

after = np.nonzero(equity[trough:] >= peak[trough])[0]
recovery = trough + after[0] if after.size else None
print("recovered on day:", recovery)

underwater = drawdown < 0
lengths = np.diff(np.flatnonzero(np.diff(np.r_[0, underwater.astype(int), 0])))[::2]
print("underwater spell lengths:", lengths)

low = np.minimum.accumulate(equity[::-1])[::-1]
print("future minimum:", low)
print("calmar-ish:", round((equity[-1] / equity[0] - 1) / -drawdown.min(), 4))

result = {"peak": peak, "drawdown": drawdown, "trough": trough, "lengths": lengths, "low": low}
