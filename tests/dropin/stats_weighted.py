import numpy as np

# Course grades with credit weights; weighted average and variance.
grades = np.array([[3.7, 3.3, 4.0, 2.7],
                   [3.0, 3.7, 3.3, 3.3],
                   [4.0, 4.0, 3.7, 3.0]])
credits = np.array([4, 3, 3, 2])

gpa = np.average(grades, axis=1, weights=credits)
print("GPA per student:", gpa)

avg, wsum = np.average(grades, axis=1, weights=credits, returned=True)
print("sum of weights:", wsum)

wvar = np.average((grades - gpa[:, None]) ** 2, axis=1, weights=credits)
print("weighted std:", np.sqrt(wvar))

course_mean = grades.mean(axis=0)
print("course means:", course_mean)
print("hardest course index:", course_mean.argmin())
print("student ranking:", np.argsort(gpa)[::-1])

total_points = (grades * credits).sum()
print(f"overall average: {total_points / (credits.sum() * len(grades)):.4f}")
print("above 3.5:", np.count_nonzero(grades > 3.5, axis=1))

result = {"gpa": gpa, "wsum": wsum, "wstd": np.sqrt(wvar), "course_mean": course_mean}
