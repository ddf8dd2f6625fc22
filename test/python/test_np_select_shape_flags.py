"""np.select of tuples and lists, np.shape of arrays, numbers, tuples and
lists, np.asarray with dtype=, np.asfortranarray and `a.flags`
(kern/np/selecting.py, manipulation.py, arrayflags.py,
kern/frontend/axes.py), compared with NumPy."""

import numpy as np
import pytest

import kern

A = np.array([0.5, -1.25, 2.0, 3.5, -0.75, 1.5])
P = np.array([0.5, 1.25, 2.0, 3.5, 0.75, 1.5])
M = np.arange(24.0).reshape(2, 3, 4)


def same(got, want):
    if isinstance(want, tuple):
        return isinstance(got, tuple) and len(got) == len(want) and \
            all(map(same, got, want))
    if isinstance(want, np.ndarray):
        return got.dtype == want.dtype and np.array_equal(got, want)
    if isinstance(want, bool):
        return got is want
    return got == want


def select_tuples(a, p):
    return (np.select((a > 1, a < 0), (a, p), 9.0),
            np.select([a > 1, a < 0], (a, p)),
            np.select((a > 1, a < 0), [a, -a], default=-1.0),
            np.select((a > 3,), (a * 2,)),
            np.select((a > 1, a > 0), (a, p), p))  # an array default


def test_np_select_of_tuples_and_lists():
    assert same(kern.njit(select_tuples)(A, P), select_tuples(A, P))
    m = M[0]
    assert same(kern.njit(select_tuples)(m, m.T.copy().T),
                select_tuples(m, m.T.copy().T))


def test_np_select_errors():
    def lengths(a):
        return np.select((a > 1, a < 0), (a,))
    with pytest.raises(ValueError, match="same length"):
        kern.njit(lengths)(A)

    def lists(a):
        return np.select([a > 1, a < 0], (a, a, a))
    with pytest.raises(ValueError, match="same length"):
        kern.njit(lists)(A)


def mixed_tuples(a, i, m):
    return (np.select((a > 1, i < 2), (a, i)),       # two dtypes
            np.select((i > 1, i < 0), (i, i * 2), 7),
            np.select([a > 1, a < 0], (i, m[0, ::2])),  # two layouts
            np.select((m[0, ::2] > 1, a < 0), [a, -a], default=a))


def test_np_select_of_tuples_of_several_types():
    i = np.arange(6)
    m = np.arange(24.0).reshape(2, 12) - 5.0
    assert same(kern.njit(mixed_tuples)(A, i, m), mixed_tuples(A, i, m))


def shapes(m, x):
    return (np.shape(m), np.shape(m[0]), np.shape(x), np.shape(3),
            np.shape((1.0, 2.0, 3.0)), np.shape(((1, 2, 3), (4, 5, 6))),
            np.shape(()), np.shape([1.0, 2.0, x]), np.shape(True))


def test_np_shape_of_arrays_numbers_tuples_lists():
    assert kern.njit(shapes)(M, 1.5) == shapes(M, 1.5)


def test_np_shape_of_a_ragged_tuple_is_an_error():
    def ragged():
        return np.shape(((1, 2), (3,)))
    with pytest.raises(kern.errors.KernError, match="np.shape"):
        kern.njit(ragged)()


def conversions(a, m):
    return (np.asarray(a), np.asarray(m), np.asarray((1.0, 2.0, 3.0)),
            np.asarray([1, 2, 3]), np.asarray([1.0, 2.0], dtype=np.float32),
            np.asarray((1, 2), np.float64), np.asarray(a, dtype=np.int64),
            np.asarray([[1, 2], [3, 4]]))


def test_np_asarray():
    i = np.arange(4)
    assert same(kern.njit(conversions)(A, M), conversions(A, M))
    assert same(kern.njit(conversions)(i, M[0]), conversions(i, M[0]))


def flags(m):
    f = np.asfortranarray(m)
    return (m.flags.c_contiguous, m.flags.f_contiguous, m.flags.contiguous,
            m.flags.fortran, m.flags.writeable, m.flags.aligned,
            f.flags.f_contiguous, f.flags.c_contiguous, f.strides,
            np.asfortranarray(m, np.float32).strides, f.sum())


@pytest.mark.parametrize("m", [
    M, M.T, M[:, ::2], M[:, :1], M[:, :, :1], M[:0], M[0], M[:, 0],
    M[..., 0].T, np.ones((1, 5))[:, ::2], np.arange(5.0)[::2],
    np.arange(5.0), np.asfortranarray(M)])
def test_flags_and_asfortranarray(m):
    got, want = kern.njit(flags)(m), flags(m)
    if m.size == 0:  # (the strides of an empty array are NumPy's choice)
        got, want = got[:8] + got[10:], want[:8] + want[10:]
    assert same(got, want)


def test_flags_of_a_readonly_array():
    ro = M.copy()
    ro.flags.writeable = False
    assert kern.njit(flags)(ro) == flags(ro)


def test_asfortranarray_of_numbers_and_results():
    def f(x):
        return np.asfortranarray(x), np.asfortranarray(x, dtype=np.float32)
    assert same(kern.njit(f)(2.5), f(2.5))
    got = kern.njit(lambda m: np.asfortranarray(m))(M)
    assert np.array_equal(got, M)


def test_asfortranarray_of_tuples_and_lists():
    def f():
        t = np.asfortranarray(((1.0, 2.0), (3.0, 4.0)))
        return (t, t.flags.f_contiguous, t.strides,
                np.asfortranarray([1, 2], np.float32))
    assert same(kern.njit(f)(), f())
