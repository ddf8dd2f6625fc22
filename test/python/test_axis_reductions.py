"""argmin/argmax, any/all, cumsum/cumprod with axis=, and np.var/np.std
(functions and methods, axis=, ddof=), against NumPy."""

import numpy as np
import pytest

import kern

rng = np.random.default_rng(11)
A = rng.random((4, 5, 3))
B = A > 0.5
V = rng.random(7)
CI = np.arange(12).reshape(3, 4)
Z = rng.random(6) + 1j * rng.random(6)


def along(a, b, v, ci, z):
    return (np.argmax(a, axis=1), np.argmin(a, axis=0), a.argmax(axis=2),
            np.argmax(a[0], axis=-1), np.any(b, axis=0), np.all(b, axis=1),
            b.any(axis=2), np.any(b), np.all(b[0, 0]), np.cumsum(a, axis=1),
            np.cumprod(ci, axis=0), np.cumsum(ci), ci.cumsum(axis=1),
            np.var(v), np.std(v), np.var(a, axis=1), a.std(axis=0),
            np.std(ci, axis=1, ddof=1), v.var(ddof=1), np.var(ci), a.var(),
            np.var(z), np.std(a.astype(np.float32)))


def test_axis_reductions_match_numpy():
    got = kern.njit(along)(A, B, V, CI, Z)
    for g, w in zip(got, along(A, B, V, CI, Z)):
        assert np.shape(g) == np.shape(w)
        if np.ndim(w):  # scalars come back as Python numbers, as in Numba
            assert g.dtype == w.dtype
        np.testing.assert_allclose(g, w, rtol=1e-6 if np.asarray(w).dtype ==
                                   np.float32 else 1e-12)


def test_argmax_of_nan_and_ties_is_numpys():
    a = np.array([[1.0, np.nan, 3.0], [2.0, 2.0, 1.0]])
    f = kern.njit(lambda a: (np.argmax(a, axis=1), np.argmin(a, axis=0)))
    got = f(a)
    np.testing.assert_array_equal(got[0], np.argmax(a, axis=1))
    np.testing.assert_array_equal(got[1], np.argmin(a, axis=0))


def test_errors():
    with pytest.raises(ValueError, match="empty sequence"):
        kern.njit(lambda a: np.argmax(a, axis=1))(np.zeros((2, 0)))
    with pytest.raises(kern.TypingError, match="axis 3 is out of bounds"):
        kern.njit(lambda a: np.any(a, axis=3))(B)
    v = kern.njit(lambda v: np.var(v, ddof=1))(np.ones(1))
    assert np.isnan(v) or np.isinf(v)        # NumPy: nan (n - ddof = 0)


U8 = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)


def tuple_axes(a, u):
    return (a.sum(axis=(0, 1)), a.sum(axis=(0, 2)), np.sum(a, axis=(1, 2)),
            a.mean(axis=(0, 2)), a.max(axis=(1, 2)), np.min(a, axis=(0, -1)),
            a.sum(axis=(0, 1, 2)), a.prod(axis=(0,)), u.max(axis=(0, 2)))


def test_tuple_axes_match_numpy():
    for got, want in zip(kern.njit(tuple_axes)(A, U8), tuple_axes(A, U8)):
        assert np.shape(got) == np.shape(want)
        np.testing.assert_allclose(got, want, rtol=1e-12)
    with pytest.raises(kern.TypingError, match="duplicate value"):
        kern.njit(lambda a: a.sum(axis=(1, 1)))(A)


def ufunc_methods(a, v, b, iv):
    return (np.maximum.reduce(v), np.add.reduce(a), np.add.reduce(a, axis=1),
            np.multiply.reduce(iv), np.minimum.reduce(a, axis=None),
            np.logical_and.reduce(b), np.logical_or.reduce(b, axis=1),
            np.add.accumulate(v), np.multiply.accumulate(iv),
            np.maximum.accumulate(a, axis=1), np.minimum.accumulate(a),
            np.multiply.outer(v, v), np.add.outer(v[:2], a),
            np.subtract.outer(iv, iv))


def test_ufunc_methods_match_numpy():
    a, b, iv = A[0], B[0], np.arange(1, 6)
    got = kern.njit(ufunc_methods)(a, V, b, iv)
    for g, w in zip(got, ufunc_methods(a, V, b, iv)):
        assert np.shape(g) == np.shape(w)
        if np.ndim(w):
            assert g.dtype == w.dtype
        np.testing.assert_allclose(g, w, rtol=1e-12)
    with pytest.raises(kern.UnsupportedError, match="np.subtract.reduce"):
        kern.njit(lambda v: np.subtract.reduce(v))(V)
