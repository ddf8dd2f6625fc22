"""kern's np.sort, np.argsort, a.sort(), np.searchsorted and np.unique
(python-frontend/kern/np/sorting.py) against NumPy."""

import numpy as np
import pytest

import kern

rng = np.random.default_rng(7)


@kern.njit
def sort(a):
    return np.sort(a)


@kern.njit
def argsort(a):
    return np.argsort(a)


@kern.njit
def method_sort(a):
    a.sort()


@kern.njit
def method_argsort(a):
    return a.argsort()


@kern.njit
def unique(a):
    return np.unique(a)


def _inputs():
    out = []
    for n in (0, 1, 2, 3, 15, 16, 17, 100, 1000, 5001):
        out += [rng.random(n), rng.integers(0, 4, n),
                np.sort(rng.random(n)), -np.arange(float(n)),
                rng.integers(-10**6, 10**6, n).astype(np.int32),
                (rng.random(n) * 100).astype(np.float32)]
    return out


INPUTS = _inputs()
IDS = [f"{a.dtype}-{a.size}-{i % 6}" for i, a in enumerate(INPUTS)]


@pytest.mark.parametrize("a", INPUTS, ids=IDS)
def test_sort_and_argsort_match_numpy(a):
    r = sort(a)
    assert r.dtype == a.dtype
    np.testing.assert_array_equal(r, np.sort(a))
    idx = argsort(a)
    assert idx.dtype == np.int64
    np.testing.assert_array_equal(idx, np.argsort(a, kind="stable"))
    b = a.copy()
    method_sort(b)
    np.testing.assert_array_equal(b, np.sort(a))
    np.testing.assert_array_equal(unique(a), np.unique(a))


def test_nans_sort_last_and_unique_keeps_one():
    a = np.array([3.0, np.nan, 1.0, np.nan, -np.inf, 2.0, np.inf])
    np.testing.assert_array_equal(sort(a), np.sort(a))
    np.testing.assert_array_equal(argsort(a), np.argsort(a, kind="stable"))
    np.testing.assert_array_equal(unique(a), np.unique(a))


@pytest.mark.parametrize("shape", [(4, 5), (3, 4, 6), (2, 1, 3, 5)])
def test_sort_along_the_last_axis(shape):
    a = rng.random(shape)
    np.testing.assert_array_equal(sort(a), np.sort(a))
    np.testing.assert_array_equal(argsort(a), np.argsort(a, kind="stable"))
    np.testing.assert_array_equal(method_argsort(a),
                                  np.argsort(a, kind="stable"))


def test_sort_of_views_leaves_the_input_alone():
    a = rng.random((6, 8))
    view = a[::2, ::-3]
    before = view.copy()
    np.testing.assert_array_equal(sort(view), np.sort(view))
    np.testing.assert_array_equal(view, before)
    np.testing.assert_array_equal(unique(view), np.unique(view))


@pytest.mark.parametrize("ndim", [1, 2, 3])
def test_method_sort_in_place_through_views(ndim):
    a = rng.random((4,) * ndim)
    expect = a.copy()
    expect[::2] = np.sort(expect[::2])
    method_sort(a[::2])
    np.testing.assert_array_equal(a, expect)


def test_sort_of_complex_is_numpys_order():
    c = np.array([1 + 2j, complex(np.nan, 1), -1j, 1 - 1j, complex(1, np.nan)])
    assert np.array_equal(sort(c), np.sort(c), equal_nan=True)


@kern.njit
def search(a, v):
    return np.searchsorted(a, v), np.searchsorted(a, v, side="right")


@pytest.mark.parametrize("dtype", [np.float64, np.int64, np.float32])
def test_searchsorted(dtype):
    a = np.sort(rng.integers(0, 10, 40)).astype(dtype)
    v = rng.integers(-1, 11, (3, 5)).astype(dtype)
    left, right = search(a, v)
    np.testing.assert_array_equal(left, np.searchsorted(a, v))
    np.testing.assert_array_equal(right, np.searchsorted(a, v, side="right"))
    for x in (-1, 0, 4, 9, 10):
        assert search(a, dtype(x)) == (np.searchsorted(a, dtype(x)),
                                       np.searchsorted(a, dtype(x),
                                                       side="right"))


def test_searchsorted_with_a_bad_side_names_it():
    @kern.njit
    def f(a):
        return np.searchsorted(a, 1.0, side="middle")
    with pytest.raises(kern.TypingError, match="side must be 'left' or 'right'"):
        f(np.arange(3.0))


def test_sort_inside_a_loop_of_a_jitted_function():
    @kern.njit
    def medians(m):
        out = np.empty(m.shape[0])
        for i in range(m.shape[0]):
            s = np.sort(m[i])
            out[i] = s[s.shape[0] // 2]
        return out
    m = rng.random((5, 9))
    np.testing.assert_array_equal(medians(m), np.sort(m, axis=1)[:, 4])


def test_partition_puts_kth_in_place():
    a = np.random.default_rng(8).random((3, 9))
    f = kern.njit(lambda a, k: np.partition(a, k))
    for k in (0, 4, -1):
        got = f(a, k)
        want = np.partition(a, k)
        np.testing.assert_array_equal(got[..., k], want[..., k])
        kk = k % 9
        assert (got[..., :kk] <= got[..., kk:kk + 1]).all()
        assert (got[..., kk + 1:] >= got[..., kk:kk + 1]).all()
    with pytest.raises(ValueError, match="kth out of bounds"):
        f(a, 9)


@kern.njit
def unique_all(a):
    return (np.unique(a, return_index=True),
            np.unique(a, return_inverse=True),
            np.unique(a, return_counts=True),
            np.unique(a, return_index=True, return_inverse=True,
                      return_counts=True),
            np.unique(a, return_index=True, return_counts=True))


@pytest.mark.parametrize("a", [
    np.array([3, 1, 2, 3, 1, 1]),
    np.array([[2.0, np.nan], [np.nan, 2.0], [0.5, -1.0]]),
    np.array([True, False, True]),
    np.arange(12)[::-3],
    np.zeros(0),
])
def test_unique_with_index_inverse_counts(a):
    got = unique_all(a)
    want = unique_all.py_func(a)
    for g, w in zip(got, want):
        assert len(g) == len(w)
        for x, y in zip(g, w):
            np.testing.assert_array_equal(x, y)
            assert x.dtype == y.dtype and x.shape == y.shape
