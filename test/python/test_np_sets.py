"""np.isin, np.union1d, np.intersect1d, np.setdiff1d, np.setxor1d against
NumPy (NaN-free inputs, ints and floats, any shape)."""

import numpy as np
import pytest

import kern

rng = np.random.default_rng(5)
PAIRS = [
    (np.array([3, 1, 2, 3]), np.array([3, 5, 1])),
    (rng.integers(0, 20, (4, 5)), rng.integers(10, 30, 7)),
    (np.array([1.5, 2.5, 2.5]), np.array([2.5, 9.0])),
    (np.array([], np.int64), np.array([1, 2])),
    (np.array([4, 4]), np.array([], np.int64)),
]

FUNCS = [
    lambda a, b: np.isin(a, b), lambda a, b: np.isin(a, b, invert=True),
    lambda a, b: np.union1d(a, b), lambda a, b: np.intersect1d(a, b),
    lambda a, b: np.setdiff1d(a, b), lambda a, b: np.setxor1d(a, b),
]


@pytest.mark.parametrize("k", range(len(FUNCS)))
@pytest.mark.parametrize("p", range(len(PAIRS)))
def test_matches_numpy(k, p):
    a, b = PAIRS[p]
    got, want = kern.njit(FUNCS[k])(a, b), FUNCS[k](a, b)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)
