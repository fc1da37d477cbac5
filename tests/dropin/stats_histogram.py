import numpy as np

# Exam scores: histogram, bins, and letter grades.
scores = np.array([55, 67, 72, 88, 91, 45, 78, 83, 69, 99, 100, 61, 74, 58, 87, 93, 70, 66])

counts, edges = np.histogram(scores, bins=5, range=(40, 100))
print("edges :", edges)
print("counts:", counts)
for lo, hi, c in zip(edges[:-1], edges[1:], counts):
    print(f"{lo:5.1f}-{hi:5.1f} | " + "#" * int(c))

grade_edges = np.array([60, 70, 80, 90])
idx = np.digitize(scores, grade_edges)
letters = np.array(list("FDCBA"))[idx]
print("grades:", letters)
per_grade = np.bincount(idx, minlength=5)
print("per grade:", dict(zip("FDCBA", per_grade.tolist())))

density, _ = np.histogram(scores, bins=edges, density=True)
print("density sums to", round(float((density * np.diff(edges)).sum()), 6))

result = {"counts": counts, "edges": edges, "idx": idx, "per_grade": per_grade, "density": density}
