import numpy as np

# Elementary cellular automata (rule 30 and rule 90) on a row of cells.
def run(rule, width=31, steps=15):
    table = np.array([(rule >> i) & 1 for i in range(8)], dtype=np.uint8)
    row = np.zeros(width, dtype=np.uint8)
    row[width // 2] = 1
    rows = [row]
    for _ in range(steps):
        left = np.roll(row, 1)
        right = np.roll(row, -1)
        idx = (left << 2) | (row << 1) | right
        row = table[idx]
        rows.append(row)
    return np.array(rows)

for rule in (30, 90):
    hist = run(rule)
    print(f"rule {rule}:")
    for r in hist:
        print("".join(np.where(r == 1, "█", " ")))
    print("live per step:", hist.sum(axis=1))

centre = run(30, width=101, steps=50)[:, 50]
print("rule 30 centre column bits:", "".join(map(str, centre.tolist())))
packed = np.packbits(centre)
print("packed:", packed)

result = {"r30": run(30), "r90": run(90), "centre": centre, "packed": packed}
