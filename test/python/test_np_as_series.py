"""np.polynomial.polyutils.as_series in compiled code (kern/np/polynomials.py):
the list of 1-D series NumPy makes, of NumPy's common type, trimmed or not."""

import numpy as np
import numpy.polynomial.polyutils as pu
import pytest

import kern

A = np.array([0.5, -1.25, 2.0, 0.0])
M = np.array([[1.0, 2.0, 0.0], [3.0, 0.0, 0.0], [0.0, 0.0, 0.0]])


def same(got, want):
    return len(got) == len(want) and all(
        g.dtype == w.dtype and g.shape == w.shape and np.array_equal(g, w)
        for g, w in zip(got, want))


def of_array(a):
    return pu.as_series(a)


def of_rows(m):
    return pu.as_series(m)


def untrimmed(m):
    return pu.as_series(m, trim=False)


def of_tuple(a):
    return pu.as_series((a, np.arange(3), 2.5))


def of_list(a):
    return pu.as_series([a, a[:2], a[::-1]])


def of_float32(a):
    f = a.astype(np.float32)
    return pu.as_series((f, f[:3]))


def of_complex(a):
    return pu.as_series((a, a * 1j))


def of_numbers():
    return pu.as_series([1, 2, 0])


@pytest.mark.parametrize("fn, args", [
    (of_array, (A,)), (of_array, (np.arange(4),)), (of_rows, (M,)),
    (of_rows, (M.T,)), (untrimmed, (M,)), (of_tuple, (A,)),
    (of_list, (A,)), (of_float32, (A,)), (of_complex, (A,)),
    (of_numbers, ())])
def test_as_series_matches_numpy(fn, args):
    assert same(kern.njit(fn)(*args), fn(*args))


def test_as_series_results_are_copies():
    def f(a):
        s = pu.as_series((a,), trim=False)
        s[0][0] = 100.0
        return a[0]
    assert kern.njit(f)(A.copy()) == 0.5


def test_empty_series_raise_numpys_error():
    def f(a):
        return pu.as_series((a, a[:0]))
    with pytest.raises(ValueError, match="Coefficient array is empty"):
        f(A)
    with pytest.raises(ValueError, match="Coefficient array is empty"):
        kern.njit(f)(A)


def test_higher_dimensions_are_a_clear_error():
    def f(t):
        return pu.as_series(t)
    with pytest.raises(kern.errors.KernError, match="as_series"):
        kern.njit(f)(np.zeros((2, 2, 2)))
