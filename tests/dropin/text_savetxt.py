import numpy as np
import io

# Write a table with savetxt to an in-memory buffer and read it back.
data = np.array([[1, 2.5, 1e-3], [2, -3.75, 12.0], [3, 0.0, 3.14159]])
buf = io.StringIO()
np.savetxt(buf, data)
print(buf.getvalue())

buf = io.StringIO()
np.savetxt(buf, data, fmt="%.3f", delimiter=",", header="id,value,score", comments="# ")
text = buf.getvalue()
print(text)

back = np.loadtxt(io.StringIO(text), delimiter=",")
print("loaded back:\n", back)
print("round trip (3 decimals):", np.allclose(back, data, atol=5e-4))

buf = io.StringIO()
np.savetxt(buf, data[:, :2], fmt=["%d", "%8.2f"], delimiter="\t")
print(buf.getvalue())

buf = io.StringIO()
np.savetxt(buf, np.arange(4), fmt="%03d", footer="end")
print(buf.getvalue())

ints = np.loadtxt(io.StringIO("1 2 3\n4 5 6\n"), dtype=int)
print(ints, ints.dtype)

result = {"back": back, "ints": ints, "text": text}
