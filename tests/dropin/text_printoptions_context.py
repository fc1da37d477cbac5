import numpy as np

# Temporarily change print options with the context manager.
x = np.array([np.pi, np.e, 1e-9, 100.0])
print("before:", x)
with np.printoptions(precision=2, suppress=True):
    print("inside:", x)
    print("nested value:", np.get_printoptions()["precision"])
    with np.printoptions(precision=5):
        print("deeper:", x)
print("after:", x)

with np.printoptions(threshold=5, edgeitems=1):
    print(np.arange(10))
    print(np.arange(16).reshape(4, 4))

with np.printoptions(linewidth=30, precision=3):
    print(np.linspace(0, 1, 9))

with np.printoptions(formatter={"int": lambda v: f"{v:04d}"}):
    print(np.array([1, 22, 333]))

with np.printoptions(nanstr="NA", infstr="INF"):
    print(np.array([1.0, np.nan, np.inf]))

print("restored precision:", np.get_printoptions()["precision"])

result = {"x": x}
