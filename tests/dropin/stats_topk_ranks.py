import numpy as np

# Leaderboard: top-k players, ranks, and lookups.
names = np.array(["ana", "ben", "cy", "dee", "eli", "fay", "gus", "hal"])
points = np.array([340, 125, 560, 410, 410, 90, 275, 505])

order = np.argsort(points, kind="stable")[::-1]
print("ranking:", names[order])
print("points :", points[order])

k = 3
top = np.argpartition(points, -k)[-k:]
top = top[np.argsort(points[top])[::-1]]
print("top 3:", list(zip(names[top].tolist(), points[top].tolist())))

sorted_pts = np.sort(points)
thresholds = np.array([100, 300, 500])
print("players below thresholds:", np.searchsorted(sorted_pts, thresholds))
print("right side:", np.searchsorted(sorted_pts, [410], side="right"))

print("descending:", -np.sort(-points))
print("unique scores:", np.unique(points))
print("median score:", np.median(points))
print("leader:", names[points.argmax()], "last:", names[points.argmin()])

result = {"order": order, "top": top, "sorted": sorted_pts, "unique": np.unique(points)}
