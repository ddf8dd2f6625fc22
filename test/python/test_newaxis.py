"""np.newaxis (None) and Ellipsis (...) in indexes, read and written,
against NumPy."""

import numpy as np

import kern

A = np.random.default_rng(5).random((3, 4))
V = np.random.default_rng(6).random(5)


def reads(a, v):
    return (v[:, np.newaxis] * v[np.newaxis, :], v[None, :] + 1, a[..., 0],
            a[0, ...], a[:, None, :], a[None], a[..., None], a[1, ..., 2],
            v[None, 2:4, None], a[..., :2], a.T[..., None, 1])


def test_reads_match_numpy():
    for got, want in zip(kern.njit(reads)(A, V), reads(A, V)):
        assert np.shape(got) == np.shape(want)
        np.testing.assert_array_equal(got, want)


def writes(a):
    a[..., 0] = 7.0
    a[None, 1] = 3.0
    a[:, None, 2] += 1.0
    return a


def test_writes_match_numpy():
    np.testing.assert_array_equal(kern.njit(writes)(A.copy()), writes(A.copy()))


def test_two_ellipses_are_an_error():
    import pytest
    with pytest.raises(kern.TypingError, match="single ellipsis"):
        kern.njit(lambda a: a[..., ...])(A)
