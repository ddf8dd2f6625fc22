"""kern's statistics (python-frontend/kern/np/statistics.py): the
nan-reductions, ptp, average, median, percentile, quantile, bincount and
digitize, against NumPy."""

import warnings

import numpy as np
import pytest

import kern

rng = np.random.default_rng(11)


def same(f, *args):
    """Run `f` compiled and in NumPy; compare values, shapes and dtypes."""
    got = kern.njit(f)(*args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = f(*args)
    assert np.asarray(got).shape == np.asarray(want).shape
    assert np.asarray(got).dtype == np.asarray(want).dtype
    np.testing.assert_allclose(got, want, rtol=1e-12, equal_nan=True)


def with_nans():
    a = rng.random((4, 5))
    a[1, 2] = a[3, 0] = np.nan
    return a


NAN_FUNCS = [lambda a: np.nansum(a), lambda a: np.nanprod(a),
             lambda a: np.nanmean(a), lambda a: np.nanmax(a),
             lambda a: np.nanmin(a), lambda a: np.nanvar(a),
             lambda a: np.nanstd(a), lambda a: np.nanstd(a, ddof=1),
             lambda a: np.nanmedian(a)]
NAN_IDS = ["nansum", "nanprod", "nanmean", "nanmax", "nanmin", "nanvar",
           "nanstd", "nanstd-ddof", "nanmedian"]


@pytest.mark.parametrize("f", NAN_FUNCS, ids=NAN_IDS)
@pytest.mark.parametrize("kind", ["nans", "clean", "view", "f32", "int"])
def test_nan_reductions(f, kind):
    a = {"nans": with_nans(), "clean": rng.random(7),
         "view": with_nans()[::2, ::-1],
         "f32": with_nans().astype(np.float32),
         "int": rng.integers(-5, 5, (3, 4))}[kind]
    if kind == "f32":
        got, want = kern.njit(f)(a), f(a)
        np.testing.assert_allclose(got, want, rtol=1e-5)
        return
    same(f, a)


def test_nanmax_of_all_nan_is_nan():
    a = np.full(4, np.nan)
    assert np.isnan(kern.njit(lambda a: np.nanmax(a))(a))


def test_ptp_and_average():
    a, w = rng.random((3, 4)), rng.random((3, 4))
    same(lambda a: np.ptp(a), a)
    same(lambda a: np.ptp(a), rng.integers(0, 9, 10))
    same(lambda a: np.average(a), a)
    same(lambda a, w: np.average(a, weights=w), a, w)


def test_average_with_zero_weights_raises():
    f = kern.njit(lambda a, w: np.average(a, weights=w))
    with pytest.raises(ZeroDivisionError, match="Weights sum to zero"):
        f(np.ones(3), np.zeros(3))


@pytest.mark.parametrize("n", [1, 2, 5, 6, 101])
def test_median_percentile_quantile(n):
    a = rng.random(n)
    same(lambda a: np.median(a), a)
    same(lambda a: np.median(a), (a * 10).astype(np.int64))
    for q in (0.0, 12.5, 50.0, 99.0, 100.0):
        same(lambda a, q: np.percentile(a, q), a, q)
        same(lambda a, q: np.quantile(a, q), a, q / 100)
    qs = np.array([[0.0, 25.0], [50.0, 100.0]])
    same(lambda a, q: np.percentile(a, q), a, qs)


def test_median_of_nan_and_of_2d():
    same(lambda a: np.median(a), with_nans())
    same(lambda a: np.median(a), rng.random((4, 6))[:, ::2])


def test_percentile_out_of_range_raises_like_numpy():
    f = kern.njit(lambda a: np.percentile(a, 120.0))
    with pytest.raises(ValueError, match=r"Percentiles must be in the range \[0, 100\]"):
        f(np.arange(3.0))


def test_median_with_axis_is_a_clear_typing_error():
    f = kern.njit(lambda a: np.median(a, axis=0))
    with pytest.raises(kern.TypingError, match="no implementation of 'np.median'"):
        f(np.zeros((2, 2)))


def test_bincount():
    x = rng.integers(0, 9, 50)
    same(lambda x: np.bincount(x), x)
    same(lambda x, w: np.bincount(x, w), x, rng.random(50))
    same(lambda x: np.bincount(x, minlength=20), x)
    same(lambda x: np.bincount(x), x.astype(np.int32))
    with pytest.raises(ValueError, match="negative"):
        kern.njit(lambda x: np.bincount(x))(np.array([1, -1]))


@pytest.mark.parametrize("right", [False, True])
def test_digitize(right):
    bins = np.array([0.0, 0.2, 0.5, 0.5, 0.9])
    x = np.array([[-1.0, 0.0, 0.2, 0.3], [0.5, 0.7, 0.9, 2.0]])
    same(lambda x, b, r: np.digitize(x, b, r), x, bins, right)
    same(lambda x, b, r: np.digitize(x, b, r), x, bins[::-1].copy(), right)
    same(lambda x, b, r: np.digitize(x, b, r), 0.5, bins, right)
    with pytest.raises(ValueError, match="monotonically"):
        kern.njit(lambda x, b: np.digitize(x, b))(x, np.array([0.0, 1.0, 0.5]))


def test_quantiles_of_lists_and_tuples_of_q():
    """q as a list or a tuple of numbers (1-D results), as NumPy takes it."""
    def f(a):
        return (np.percentile(a, [10, 90.0]), np.quantile(a, (0.1, 0.5)),
                np.quantile(a, [0.25]), np.percentile(a, (5, 50, 95)))
    a = np.random.default_rng(5).random(11)
    for got, want in zip(kern.njit(f)(a), f(a)):
        np.testing.assert_allclose(got, want)
    with pytest.raises(ValueError, match="range"):
        kern.njit(lambda a: np.quantile(a, [0.5, 2.0]))(a)


@pytest.mark.parametrize("name", ["nanmean", "nanvar", "nanstd"])
def test_nan_statistics_of_no_values_are_nan(name):
    fn = getattr(np, name)
    for a in (np.array([np.nan, np.nan]), np.array([np.nan], np.float32),
              np.array([1.0, np.nan, 3.0])):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            want = fn(a)
        np.testing.assert_equal(kern.njit(lambda a: fn(a))(a), want)
    got = kern.njit(lambda a: np.nanvar(a, ddof=1))(np.array([2.0, np.nan]))
    assert np.isnan(got)
