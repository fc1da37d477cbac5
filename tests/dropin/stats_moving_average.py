import numpy as np

# Daily temperature readings; smooth them with several moving averages.
temps = np.array([12.0, 14.5, 13.2, 15.8, 17.1, 16.4, 18.9, 20.2, 19.5, 21.0,
                  22.4, 21.8, 23.5, 24.1, 22.9, 25.0])
window = 4

ma_conv = np.convolve(temps, np.ones(window) / window, mode="valid")
print("convolve MA:", ma_conv)

c = np.cumsum(np.insert(temps, 0, 0.0))
ma_cumsum = (c[window:] - c[:-window]) / window
print("cumsum MA  :", ma_cumsum)
print("agree:", np.allclose(ma_conv, ma_cumsum))

# exponential moving average with a plain loop
alpha = 0.3
ema = np.empty_like(temps)
ema[0] = temps[0]
for i in range(1, len(temps)):
    ema[i] = alpha * temps[i] + (1 - alpha) * ema[i - 1]
print("EMA:", np.round(ema, 2))

centered = np.convolve(temps, [0.25, 0.5, 0.25], mode="same")
print("centered:", centered)

result = (ma_conv, ma_cumsum, ema, centered)
