"""Reductions at their edges compared with NumPy (empty arrays, NaN,
ties, uint64, axes of F-ordered and strided views, parallel equal to
serial), and keyword arguments kern does not implement: a clear
UnsupportedError, never silently ignored."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import kern

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def r_sum(a):
    return a.sum()


def r_max(a):
    return a.max()


def r_min(a):
    return np.min(a)


def r_argmax(a):
    return a.argmax()


def r_argmin(a):
    return np.argmin(a)


def r_mean(a):
    return a.mean()


def r_prod(a):
    return a.prod()


def max0(a):
    return a.max(axis=0)


def min1(a):
    return np.min(a, axis=1)


def sum0(a):
    return a.sum(axis=0)


def sum1(a):
    return a.sum(axis=1)


def mean0(a):
    return a.mean(axis=0)


def outcome(f, *args):
    try:
        return f(*args)
    except Exception as e:  # noqa: BLE001 - the class is what is compared
        return e


def same(got, want):
    if isinstance(want, Exception):
        assert type(got) is type(want), (got, want)
        assert str(got) == str(want)
        return
    assert not isinstance(got, Exception), got
    if isinstance(want, np.ndarray):
        assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-12, equal_nan=True)


def check(f, *args, **options):
    same(outcome(kern.njit(**options)(f), *args), outcome(f, *args))


# ---- empty arrays -----------------------------------------------------------

@pytest.mark.parametrize("f", [r_sum, r_max, r_min, r_argmax, r_argmin,
                               r_mean, r_prod])
@pytest.mark.parametrize("dtype", [np.float64, np.int64])
def test_empty(f, dtype):
    check(f, np.zeros(0, dtype))


@pytest.mark.parametrize("f", [max0, min1, sum0, sum1, mean0])
@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (0, 0)])
def test_empty_axes(f, shape):
    # NumPy raises only when the reduced axis is empty: (3, 0).max(axis=0)
    # is an empty array, (0, 3).max(axis=0) an error
    check(f, np.zeros(shape))


# ---- NaN, ties, dtypes ----------------------------------------------------

@pytest.mark.parametrize("f", [r_max, r_min, r_argmax, r_argmin, r_sum,
                               r_mean])
@pytest.mark.parametrize("values", [
    [1.0, np.nan, 3.0, -1.0], [np.nan, 1.0], [1.0, 3.0, 3.0, -1.0, -1.0],
    [-np.inf, -np.inf], [np.inf, np.nan, -np.inf]])
def test_nan_and_ties(f, values):
    check(f, np.array(values))


@pytest.mark.parametrize("f", [r_max, r_min, r_argmax, r_argmin, max0])
def test_uint64_min_max_unsigned(f):
    a = np.array([1, 3, 2 ** 63 + 5, 0, 2 ** 64 - 1], np.uint64)
    check(f, a)
    check(f, a.reshape(5, 1).repeat(2, axis=1) if f is max0 else a[::-1])


@pytest.mark.parametrize("f", [r_sum, r_max, r_mean, sum0, max0, mean0])
@pytest.mark.parametrize("dtype", [np.int32, np.bool_, np.float32,
                                   np.uint64])
def test_result_dtypes(f, dtype):
    a = (np.arange(12).reshape(3, 4) % 5).astype(dtype)
    check(f, a)


# ---- axes over layouts -------------------------------------------------------

M = np.arange(24.0).reshape(4, 6) * 0.5 - 3.0
M[1, 2] = np.nan


@pytest.mark.parametrize("f", [max0, min1, sum0, sum1, mean0])
@pytest.mark.parametrize("view", ["C", "F", "T", "strided", "reversed"])
def test_axis_layouts(f, view):
    a = {"C": M, "F": np.asfortranarray(M), "T": M.T,
         "strided": M[::2, ::-2], "reversed": M[::-1]}[view]
    check(f, a)


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2,
                                               min_side=1, max_side=7),
                  elements=st.floats(-1e6, 1e6)))
def test_parallel_axis_reductions_equal_serial(a):
    for f in (sum0, sum1, max0, min1):
        serial = kern.njit(f)(a)
        parallel = kern.njit(parallel=True)(f)(a)
        np.testing.assert_allclose(parallel, serial, rtol=1e-12)
        np.testing.assert_allclose(serial, f(a), rtol=1e-12)


def test_parallel_full_reductions_equal_serial():
    rng = np.random.default_rng(1)
    a = rng.standard_normal(100_003)
    a[777] = np.nan
    for f in (r_max, r_min):
        assert np.isnan(kern.njit(parallel=True)(f)(a))
    b = np.abs(a[:777])
    for f in (r_sum, r_max, r_min, r_mean):
        assert kern.njit(parallel=True)(f)(b) == pytest.approx(f(b),
                                                               rel=1e-12)


# ---- keyword arguments kern does not implement are errors ---------------

def add_out(a):
    np.add(a[:-1], a[1:], out=a[1:])
    return a


def add_dtype(a):
    return np.multiply(a, 2, dtype=np.float32)


def max_out(a):
    return a.max(axis=0, out=a[0])


def copy_order(a):
    return a.copy(order="F")


def where_out(a):
    return np.where(a > 0, a, 0.0, out=a)


@pytest.mark.parametrize("f", [add_out, add_dtype, max_out,
                               copy_order, where_out])
def test_unimplemented_keywords_are_errors(f):
    a = np.arange(6.0).reshape(2, 3) if f is max_out else np.arange(6.0)
    with pytest.raises(kern.UnsupportedError) as info:
        kern.njit(f)(a)
    assert "test_reductions.py" in str(info.value)


# ---- float32 sums keep their digits ------------------------------------------

def test_float32_sum_is_accurate():
    a = np.full(1_000_000, 0.1, np.float32)
    exact = float(a.astype(np.float64).sum())
    for parallel in (False, True):
        got = kern.njit(parallel=parallel)(r_sum)(a)
        # a float32 running sum gave 100958.34 (1% off); NumPy's pairwise
        # sum is within 1e-7 of exact
        assert got == pytest.approx(exact, rel=1e-6)
        rows = kern.njit(parallel=parallel)(sum1)(a.reshape(100, 10_000))
        assert rows.dtype == np.float32
        np.testing.assert_allclose(rows, 1000.0, rtol=1e-6)


# ---------------------------------------------------------------------------
# reductions along an axis
# argmin/argmax, any/all, cumsum/cumprod with axis=, and np.var/np.std
# (functions and methods, axis=, ddof=), against NumPy.
# ---------------------------------------------------------------------------

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
