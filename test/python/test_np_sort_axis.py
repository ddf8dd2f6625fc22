"""np.sort, np.argsort, a.sort() and a.argsort() along any constant axis
(and axis=None) of arrays of any rank, compared with NumPy
(kern/np/sorting.py)."""

import numpy as np
import pytest

import kern


def sorts(a):
    b = a.copy()
    b.sort(axis=0)
    c = a.copy()
    c.sort()
    return (np.sort(a, axis=0), np.sort(a, axis=-2), np.sort(a, axis=None),
            np.sort(a, kind="mergesort"), np.argsort(a, axis=0),
            np.argsort(a, axis=None), a.argsort(axis=1), b, c)


@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 4), (2, 3, 2, 3)])
def test_sorts_along_every_axis_match_numpy(shape):
    rng = np.random.default_rng(len(shape))
    a = rng.integers(0, 5, shape).astype(np.float64)  # ties: stable order
    a.flat[1] = np.nan
    got = kern.njit(sorts)(a)
    want = sorts(a)
    for g, w, stable in zip(got, want, [1, 1, 1, 1, 0, 0, 0, 1, 1]):
        if stable:
            assert np.array_equal(g, w, equal_nan=True)
        else:  # argsort: kern's is stable, NumPy's quicksort need not be
            assert g.dtype == np.int64 and g.shape == w.shape
    a2 = a.copy()
    assert np.array_equal(got[4], np.argsort(a2, axis=0, kind="stable"))
    assert np.array_equal(got[5], np.argsort(a2, axis=None, kind="stable"))
    assert np.array_equal(got[6], a2.argsort(axis=1, kind="stable"))


def test_sort_of_a_strided_view_along_an_inner_axis():
    def f(a):
        v = a[:, ::2]
        v.sort(axis=1)
        return a
    a = np.random.default_rng(0).random((3, 6, 2))
    assert np.array_equal(kern.njit(f)(a.copy()), f(a.copy()))


def test_axis_out_of_range_is_numpys_error():
    f = kern.njit(lambda a: np.sort(a, 5))
    with pytest.raises(ValueError, match="axis 5 is out of bounds for "
                                         "array of dimension 2"):
        f(np.zeros((2, 2)))


def test_axis_known_only_at_run_time_is_a_clear_error():
    f = kern.njit(lambda a, k: np.sort(a, k))
    with pytest.raises(kern.TypingError, match="constant integer"):
        f(np.zeros((2, 2)), 0)
