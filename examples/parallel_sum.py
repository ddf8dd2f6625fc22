"""A parallel reduction with prange (OpenMP threads with parallel=True)."""

import numpy as np

import kern
from kern import prange


@kern.njit(parallel=True)
def parallel_sum(x):
    s = 0.0
    for i in prange(x.shape[0]):
        s += x[i]
    return s


if __name__ == "__main__":
    x = np.random.default_rng(1).random(10_000_000)
    got, expected = parallel_sum(x), x.sum()
    print(f"parallel_sum = {got!r} (NumPy {expected!r})")
    assert np.isclose(got, expected, rtol=1e-9)
