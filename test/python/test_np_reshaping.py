"""np.tile, np.flip and np.fliplr of any number of dimensions, np.repeat
along an axis, np.squeeze and a.squeeze with an axis, a.swapaxes,
np.diagonal, np.fix, np.cumsum / np.cumprod with dtype=, and tuples built
from constant tuples (`(1,) * k + a.shape`), against NumPy."""

import numpy as np
import pytest

import kern

ARRAYS = [np.arange(3.0), np.arange(6).reshape(2, 3),
          np.random.default_rng(0).random((2, 1, 3))[:, :, ::2],
          np.arange(24, dtype=np.int16).reshape(2, 3, 2, 2)]


@pytest.mark.parametrize("a", ARRAYS, ids=lambda a: f"{a.ndim}d")
@pytest.mark.parametrize("reps", [0, 2, (2, 1), (1, 2, 3), (2, 0), (3,),
                                  (1, 1, 1, 1, 2)])
def test_tile_matches_numpy(a, reps):
    got = kern.njit(lambda a, r: np.tile(a, r))(a, reps)
    want = np.tile(a, reps)
    assert got.shape == want.shape and got.dtype == want.dtype
    assert (got == want).all() and got.flags.c_contiguous


@pytest.mark.parametrize("a", ARRAYS[1:], ids=lambda a: f"{a.ndim}d")
def test_flip_every_axis_and_one(a):
    assert (kern.njit(lambda a: np.flip(a))(a) == np.flip(a)).all()
    assert (kern.njit(lambda a: np.fliplr(a))(a) == np.fliplr(a)).all()
    for k in range(-a.ndim, a.ndim):
        got = kern.njit(lambda a: np.flip(a, k))(a)
        assert (got == np.flip(a, k)).all()


def test_flip_axis_out_of_range_is_refused():
    with pytest.raises(kern.TypingError):
        kern.njit(lambda a: np.flip(a, 2))(np.zeros((2, 2)))


@pytest.mark.parametrize("dtype", [np.int64, np.int8, np.float32,
                                   np.complex128])
def test_cumsum_cumprod_dtype(dtype):
    a = np.array([[1, 2, 3], [3, 2, 1]], np.int32)
    f = kern.njit(lambda a: (np.cumsum(a, dtype=dtype),
                             np.cumprod(a, axis=1, dtype=dtype),
                             a.cumsum(axis=0, dtype=dtype)))
    for got, want in zip(f(a), (np.cumsum(a, dtype=dtype),
                                np.cumprod(a, axis=1, dtype=dtype),
                                a.cumsum(axis=0, dtype=dtype))):
        assert got.dtype == want.dtype and (got == want).all()


def test_constant_tuples_join_tuples_of_values():
    LEAD = (1, 1)

    @kern.njit
    def f(a, n):
        return a.reshape(LEAD + a.shape), (n,) + LEAD * 2

    r, t = f(np.arange(3.0), 5)
    assert r.shape == (1, 1, 3) and t == (5, 1, 1, 1, 1)


M = np.arange(6.0).reshape(2, 3)


def test_repeat_along_an_axis():
    def f(m):
        return (np.repeat(m, 2, axis=0), np.repeat(m, 2, axis=1),
                m.repeat(3, axis=-1), np.repeat(m, np.array([1, 0, 2]), axis=1),
                np.repeat(m, 2), m.repeat(2))

    for got, want in zip(kern.njit(f)(M), f(M)):
        assert got.shape == want.shape and (got == want).all()
    with pytest.raises(ValueError):
        kern.njit(lambda m: np.repeat(m, np.array([1, 2]), axis=1))(M)


def test_squeeze_with_an_axis_is_a_view():
    a = np.random.default_rng(2).random((1, 3, 1, 2))

    def f(m):
        v = m.squeeze(axis=-2)
        v[0, 0, 0] = -1.0
        return np.squeeze(m, 0), np.squeeze(m, axis=(0, 2)), m.squeeze(2)

    got, want = kern.njit(f)(a.copy()), f(a.copy())
    for g, w in zip(got, want):
        assert g.shape == w.shape and (g == w).all()
    with pytest.raises(ValueError, match="size not equal to one"):
        kern.njit(lambda m: np.squeeze(m, 1))(a)
    with pytest.raises(kern.UnsupportedError, match="without an axis"):
        kern.njit(lambda m: np.squeeze(m))(a)


def test_swapaxes_method_is_a_view():
    def f(m):
        v = m.swapaxes(0, 2)
        v[0, 0, 0] = -1.0
        return v.shape, m.swapaxes(1, -1).sum(axis=0)

    a = np.random.default_rng(4).random((2, 3, 4))
    got, want = kern.njit(f)(a.copy()), f(a.copy())
    assert got[0] == want[0] and np.allclose(got[1], want[1])


def test_diagonal_and_fix():
    m = np.arange(12.0).reshape(3, 4)

    def f(m):
        return (np.diagonal(m), np.diagonal(m, 1), np.diagonal(m, -1),
                m.diagonal(2), np.diagonal(m, 0, 1, 0), np.fix(m - 5.5),
                np.fix(-2.5), np.fix(np.array([-3, 2])))

    for got, want in zip(kern.njit(f)(m), f(m)):
        assert np.shape(got) == np.shape(want) and np.all(got == want)
        assert np.asarray(got).dtype == np.asarray(want).dtype
