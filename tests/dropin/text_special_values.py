import numpy as np

# NaN, infinities, signed zeros, tiny and huge numbers in printed output.
with np.errstate(divide="ignore", invalid="ignore"):
    q = np.array([1.0, -1.0, 0.0]) / 0.0
print("divide by zero:", q)
print("isnan/isinf:", np.isnan(q), np.isinf(q))
print("signed zero:", np.array([0.0, -0.0]), np.signbit(np.array([0.0, -0.0])))
print("tiny:", np.array([1e-300, 5e-324]))
print("huge:", np.array([1e300, np.finfo(np.float64).max]))
print("mixed scale:", np.array([1e-5, 1.0, 1e5]))
print("mixed scale 2:", np.array([1e-4, 1.0, 1e4]))
print("float32 eps:", np.finfo(np.float32).eps, "float64 eps:", np.finfo(np.float64).eps)
print("int limits:", np.iinfo(np.int16).min, np.iinfo(np.int16).max, np.iinfo(np.uint8).max)
print("overflow to inf:", np.array([3e38], dtype=np.float32) * 10)
print("nan comparisons:", np.nan == np.nan, np.array([np.nan]) == np.array([np.nan]))
print("nanmax:", np.nanmax(np.array([np.nan, 1.0, 3.0])), "max:", np.max(np.array([np.nan, 1.0])))
print("round half even:", np.round(np.array([0.5, 1.5, 2.5, -0.5])))
print("complex special:", np.array([complex(np.inf, np.nan), 1j]))
print("float16:", np.array([65504, 1e-4], dtype=np.float16))
print("ints from floats:", np.array([1.9, -1.9, 2.5]).astype(int))

result = {"q": q, "round": np.round(np.array([0.5, 1.5, 2.5, -0.5]))}
