"""np.round / np.around / a.round against NumPy: half to even, decimals
of both signs, integers and complex values."""

import numpy as np
import pytest

import kern

A = np.random.default_rng(2).random(20) * 100 - 50
IA = np.arange(-25, 25, 3)
Z = A[:5] + 1j * A[5:10]


def rounds(a, ia, z):
    return (np.round(a), np.round(a, 2), np.round(a, -1), np.around(a, 3),
            a.round(1), np.round(ia), np.round(ia, -1), np.round(z, 1),
            np.round(np.array([0.5, 1.5, 2.5, -0.5])), np.round(2.675, 2),
            np.round(a[0]), np.round(a.astype(np.float32), 1))


def test_round_matches_numpy():
    for got, want in zip(kern.njit(rounds)(A, IA, Z), rounds(A, IA, Z)):
        if np.ndim(want):
            assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)


def test_decimals_must_be_constant():
    with pytest.raises(kern.UnsupportedError, match="decimals that are not"):
        kern.njit(lambda a, d: np.round(a, d))(A, 2)
