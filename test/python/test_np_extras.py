"""NumPy functions written as kern overloads (kern/np/elementwise.py,
creation.py, manipulation.py): values and dtypes as NumPy's."""

import numpy as np
import pytest

import kern

X = np.array([0.0, 0.5, -1.0, np.nan, np.inf, -np.inf, 3.0])
Y = np.array([0.0, 1.5, -1.0, 2.0, np.inf, 1.0, -np.inf])

ELEMENTWISE = [
    lambda x, y: np.sinc(x), lambda x, y: np.sinc(0.5),
    lambda x, y: np.nan_to_num(x), lambda x, y: np.nan_to_num(x[1]),
    lambda x, y: np.nan_to_num(x, nan=-1.0, posinf=9.0, neginf=-9.0),
    lambda x, y: np.nan_to_num(np.arange(3)),
    lambda x, y: np.logaddexp(x, y), lambda x, y: np.logaddexp(x[1], y[1]),
    lambda x, y: np.logaddexp2(x, y), lambda x, y: np.isposinf(x),
    lambda x, y: np.isneginf(x), lambda x, y: np.isreal(x),
    lambda x, y: np.iscomplex(x), lambda x, y: np.isrealobj(x),
    lambda x, y: np.iscomplexobj(x), lambda x, y: np.isscalar(x[0]),
    lambda x, y: np.isscalar(x),
]


@pytest.mark.parametrize("k", range(len(ELEMENTWISE)))
def test_elementwise(k):
    f = ELEMENTWISE[k]
    with np.errstate(all="ignore"):
        got, want = kern.njit(f)(X, Y), f(X, Y)
    assert np.asarray(got).dtype == np.asarray(want).dtype
    np.testing.assert_allclose(got, want, rtol=1e-14, equal_nan=True)


SPACES = [
    lambda: np.logspace(0.0, 2.0, 5), lambda: np.logspace(1, 3, 4, base=2.0),
    lambda: np.logspace(0, 1, 5, endpoint=False),
    lambda: np.geomspace(1.0, 1000.0, 4), lambda: np.geomspace(-1.0, -16.0, 5),
    lambda: np.geomspace(2, 50, 7, endpoint=False),
    lambda: np.linspace(0.0, 1.0, 5, False),
]


@pytest.mark.parametrize("k", range(len(SPACES)))
def test_spaces(k):
    got, want = kern.njit(SPACES[k])(), SPACES[k]()
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-14)


def test_geomspace_of_zero_raises():
    with pytest.raises(ValueError, match="cannot include zero"):
        kern.njit(lambda: np.geomspace(0.0, 1.0, 3))()


def test_linspace_endpoint_known_at_run_time():
    f = kern.njit(lambda e: np.linspace(0.0, 1.0, 5, endpoint=e))
    for e in (True, False):
        np.testing.assert_allclose(f(e), np.linspace(0.0, 1.0, 5, endpoint=e))


@pytest.mark.parametrize("f", [
    lambda a: np.take(a, 5), lambda a: np.take(a, np.array([0, -1, 7])),
    lambda a: a.take(np.array([[1, 2], [3, 11]])), lambda a: np.shape(a),
])
def test_take_and_shape(f):
    a = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(kern.njit(f)(a), f(a))


def test_fill_diagonal():
    def fill(a):
        np.fill_diagonal(a, 7.0)
        return a
    for shape in ((3, 5), (4, 2), (3, 3, 3)):
        np.testing.assert_array_equal(kern.njit(fill)(np.zeros(shape)),
                                      fill(np.zeros(shape)))


@pytest.mark.parametrize("f", [
    lambda m: np.rot90(m), lambda m: np.rot90(m, 2), lambda m: np.rot90(m, 3),
    lambda m: np.rot90(m, 4), lambda m: np.rot90(m, -1), lambda m: np.ediff1d(m),
    lambda m: np.delete(m, 2), lambda m: np.delete(m, np.array([0, -1])),
])
def test_rot90_ediff1d_delete(f):
    m = np.arange(6.0).reshape(2, 3)
    got, want = kern.njit(f)(m), f(m)
    assert got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("f", [lambda a: np.trim_zeros(a),
                               lambda a: np.trim_zeros(a, 'f'),
                               lambda a: np.trim_zeros(a, trim='b')])
def test_trim_zeros(f):
    a = np.array([0.0, 0, 1, 2, 0, 3, 0, 0])
    np.testing.assert_array_equal(kern.njit(f)(a), f(a))


@pytest.mark.parametrize("a, b", [
    (np.array([-1.5, 0, 2.0, np.nan, -np.inf]), 0.5),
    (np.array([-1, 0, 2], np.int64), 1),
    (np.array([-1, 0, 2], np.float32), 0.5),
    (np.array([-1, 0, 2], np.float32), np.array([0.3, 0.4, 0.5], np.float32)),
    (np.array([[-1.0], [0.0]]), np.array([0.1, 0.2])),
    (0.0, 0.25), (-3, 2)])
def test_heaviside_matches_numpy(a, b):
    got = kern.njit(lambda a, b: np.heaviside(a, b))(a, b)
    want = np.heaviside(a, b)
    assert np.asarray(got).dtype == np.asarray(want).dtype
    np.testing.assert_array_equal(got, want)
