"""Euclidean norm with an explicit signature: compiled when defined."""

import math

import numpy as np

import kern


@kern.njit("float64(float64[:])")
def norm(x):
    s = 0.0
    for v in x:
        s += v * v
    return math.sqrt(s)


if __name__ == "__main__":
    x = np.linspace(-1.0, 1.0, 10001)
    got, expected = norm(x), np.linalg.norm(x)
    print(f"norm = {got!r} (NumPy {expected!r})")
    assert np.isclose(got, expected, rtol=1e-12)
