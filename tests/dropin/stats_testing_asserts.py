import numpy as np

# A unit-test style check of a hand-written variance against NumPy's, with np.testing.
def my_var(x, ddof=0):
    x = np.asarray(x, dtype=float)
    return ((x - x.mean()) ** 2).sum() / (x.size - ddof)

data = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
np.testing.assert_allclose(my_var(data), np.var(data))
np.testing.assert_allclose(my_var(data, ddof=1), np.var(data, ddof=1), rtol=1e-12)
np.testing.assert_array_equal(np.sort(data), data)
np.testing.assert_equal(data.shape, (8,))
np.testing.assert_almost_equal(np.std(data), 2.0)
np.testing.assert_array_less(data, 10)
print("all assertions passed")

try:
    np.testing.assert_allclose(data, data + 1e-3, rtol=1e-6)
except AssertionError:
    print("mismatch detected as expected")

try:
    np.testing.assert_array_equal(np.array([1, 2, 3]), np.array([1, 2, 4]))
except AssertionError as e:
    print("first line of the report:", str(e).strip().splitlines()[0])

print("isclose:", np.isclose([1.0, 2.0], [1.0 + 1e-9, 2.1]))
print("allclose:", np.allclose(data, data * (1 + 1e-10)))
result = {"var": my_var(data), "var1": my_var(data, ddof=1)}
