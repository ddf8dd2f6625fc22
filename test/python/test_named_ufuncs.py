"""NumPy ufuncs that are Python operators, by name (np.greater, np.bitwise_and,
np.invert, ...), the angle conversions, np.reciprocal, np.signbit, np.cbrt,
and the a.dot(b) method: NumPy's values and dtypes, on arrays and scalars."""

import math

import numpy as np
import pytest

import kern

F = np.array([-2.0, -0.0, 0.0, 1.5, np.nan, 3.0, np.inf])
G = np.array([1.0, 0.0, -1.0, 1.5, 2.0, 4.0, np.inf])
I = np.array([1, 2, 7, -4, 0], np.int64)
J = np.array([3, 1, 2, 1, 5], np.int64)

CASES = [
    (lambda x, y: np.greater(x, y), F, G), (lambda x, y: np.greater_equal(x, y), F, G),
    (lambda x, y: np.less(x, y), F, G), (lambda x, y: np.less_equal(x, y), F, G),
    (lambda x, y: np.equal(x, y), F, G), (lambda x, y: np.not_equal(x, 1.5), F, G),
    (lambda x, y: np.less(x[0], y[0]), F, G),
    (lambda x, y: np.bitwise_and(x, y), I, J), (lambda x, y: np.bitwise_or(x, y), I, J),
    (lambda x, y: np.bitwise_xor(x, y), I, J), (lambda x, y: np.left_shift(x, 2), I, J),
    (lambda x, y: np.right_shift(x, y), I, J), (lambda x, y: np.invert(x), I, J),
    (lambda x, y: np.bitwise_not(x[3]), I, J),
    (lambda x, y: np.deg2rad(x), F, G), (lambda x, y: np.radians(x), I, J),
    (lambda x, y: np.rad2deg(x), F, G), (lambda x, y: np.degrees(x[3]), F, G),
    (lambda x, y: np.reciprocal(y), F, G), (lambda x, y: np.signbit(x), F, G),
    (lambda x, y: np.signbit(x[1]), F, G),
]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_matches_numpy(k):
    f, x, y = CASES[k]
    with np.errstate(all="ignore"):
        got, want = kern.njit(f)(x, y), f(x, y)
    assert np.asarray(got).dtype == np.asarray(want).dtype
    np.testing.assert_allclose(got, want, rtol=1e-15)


def test_cbrt():
    x = np.array([8.0, -27.0, 0.0, 2.0])
    np.testing.assert_allclose(kern.njit(lambda a: np.cbrt(a))(x), np.cbrt(x),
                               rtol=1e-15)
    assert kern.njit(lambda v: math.cbrt(v))(-64.0) == pytest.approx(-4.0)
    assert kern.njit(lambda a: np.cbrt(a))(x.astype(np.float32)).dtype == \
        np.float32


def test_dot_method():
    rng = np.random.default_rng(3)
    a, b, v = rng.random((3, 4)), rng.random((4, 2)), rng.random(4)
    np.testing.assert_allclose(kern.njit(lambda p, q: p.dot(q))(a, b), a.dot(b))
    np.testing.assert_allclose(kern.njit(lambda p, q: p.dot(q))(a, v), a.dot(v))
    assert kern.njit(lambda p: p.dot(p))(v) == pytest.approx(v.dot(v))


def test_integer_reciprocal_is_numpys_integer_division():
    a = np.array([1, -1, 2, -3, 7], np.int16)
    got = kern.njit(lambda a: np.reciprocal(a))(a)
    assert got.dtype == np.int16 and got.tolist() == [1, -1, 0, 0, 0]
