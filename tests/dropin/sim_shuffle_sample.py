import numpy as np

# Shuffling, permutations and sampling: train/test split and card deals.
rng = np.random.default_rng(31415)
data = np.arange(20) * 10
perm = rng.permutation(len(data))
train, test = data[perm[:15]], data[perm[15:]]
print("train:", np.sort(train))
print("test :", np.sort(test))

deck = np.arange(52)
rng.shuffle(deck)
hands = deck[:20].reshape(4, 5)
suits = np.array(list("SHDC"))[hands // 13]
ranks = hands % 13 + 1
print("hands (suit):\n", suits)
print("hands (rank):\n", ranks)
print("flush in any hand:", (suits == suits[:, :1]).all(axis=1).any())

w = np.array([0.1, 0.2, 0.3, 0.4])
draws = rng.choice(4, size=1000, p=w)
print("weighted draw frequencies:", np.bincount(draws) / 1000)

np.random.seed(7)
legacy = np.random.permutation(10)
np.random.shuffle(legacy)
print("legacy shuffle:", legacy)

result = {"perm": perm, "deck": deck, "draws": np.bincount(draws), "legacy": legacy}
