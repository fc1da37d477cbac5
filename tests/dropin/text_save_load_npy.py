import numpy as np
import io

# Save arrays in NumPy's binary formats to memory buffers and load them back.
a = np.arange(12, dtype=np.int32).reshape(3, 4)
b = np.linspace(0, 1, 5)

buf = io.BytesIO()
np.save(buf, a)
print("npy bytes:", len(buf.getvalue()), buf.getvalue()[:6])
buf.seek(0)
a2 = np.load(buf)
print(a2, a2.dtype, np.array_equal(a, a2))

zbuf = io.BytesIO()
np.savez(zbuf, first=a, second=b)
zbuf.seek(0)
with np.load(zbuf) as z:
    print(sorted(z.files))
    second = z["second"]
    print(second)

raw = a.tobytes()
back = np.frombuffer(raw, dtype=np.int32).reshape(3, 4)
print("frombuffer equal:", np.array_equal(back, a))
print("from string:", np.fromstring("1 2 3 4", dtype=int, sep=" "))

result = {"a2": a2, "second": second, "back": back}
