import numpy as np

# set_printoptions: precision, suppress, threshold, linewidth, edgeitems.
x = np.array([1.0 / 3, 2.0 / 3, 1e-7, 12345.6789])
print("default:", x)

np.set_printoptions(precision=3)
print("precision=3:", x)

np.set_printoptions(suppress=True)
print("suppress:", x)

np.set_printoptions(precision=8, suppress=False)
big = np.arange(2000)
print("summarised:", big)
np.set_printoptions(threshold=20, edgeitems=2)
print("threshold 20:", np.arange(30))
print(np.arange(100).reshape(10, 10))

np.set_printoptions(linewidth=40)
print(np.arange(15) * 1.5)

np.set_printoptions(sign="+")
print("sign +:", np.array([1.0, -2.0, 0.0]))

np.set_printoptions(floatmode="fixed", precision=4)
print("fixed:", np.array([1.0, 0.5, 0.123456]))

np.set_printoptions(formatter={"float": lambda v: f"<{v:.1f}>"})
print("formatter:", np.array([1.25, 2.5]))

np.set_printoptions(edgeitems=3, linewidth=75, precision=8, suppress=False,
                    threshold=1000, formatter=None, sign="-", floatmode="maxprec")
print("reset:", x)

result = {"x": x, "opts_precision": np.get_printoptions()["precision"]}
