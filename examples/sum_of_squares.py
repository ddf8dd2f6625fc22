"""Sum of squares with an explicit loop, compiled by kern."""

import numpy as np

import kern


@kern.njit
def sum_of_squares(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


if __name__ == "__main__":
    x = np.random.default_rng(0).random(1_000_000)
    got, expected = sum_of_squares(x), np.dot(x, x)
    print(f"sum_of_squares = {got!r} (NumPy {expected!r})")
    assert np.isclose(got, expected, rtol=1e-9)
