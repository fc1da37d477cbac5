import numpy as np

# Conway's Game of Life on a torus, with a glider and a blinker.
grid = np.zeros((10, 10), dtype=np.uint8)
grid[1, 2] = grid[2, 3] = grid[3, 1] = grid[3, 2] = grid[3, 3] = 1  # glider
grid[7, 6:9] = 1  # blinker

def step(g):
    n = sum(np.roll(np.roll(g, dy, axis=0), dx, axis=1)
            for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0))
    return ((n == 3) | ((g == 1) & (n == 2))).astype(np.uint8)

def show(g):
    for row in g:
        print("".join("#" if c else "." for c in row))

show(grid)
history = [grid.sum()]
for gen in range(8):
    grid = step(grid)
    history.append(grid.sum())
print("after 8 generations:")
show(grid)
print("population:", history)
print("live cells at:", np.argwhere(grid).tolist())

result = {"grid": grid, "history": np.array(history)}
