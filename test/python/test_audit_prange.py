"""Audit: prange reductions, serial and parallel, equal the same loop run
by Python over NumPy scalars, for every dtype (uint64 included: `s -= e`
is compiled as s + (-e), which must negate in the type of s - e)."""

import numpy as np
import pytest

import kern

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def p_max(a):
    s = a[0]
    for i in kern.prange(a.shape[0]):
        s = max(s, a[i])
    return s


def p_min(a):
    s = a[0]
    for i in kern.prange(a.shape[0]):
        s = min(s, a[i])
    return s


def p_sub(a):
    s = 0.0
    for i in kern.prange(a.shape[0]):
        s -= a[i]
    return s


def p_sum_float(a):
    s = 0.0
    for i in kern.prange(a.shape[0]):
        s += a[i]
    return s


def p_step(a):
    s = 0.0
    for i in kern.prange(1, a.shape[0], 3):
        s += a[i] * 2
    return s


def p_write(a):
    out = np.empty_like(a)
    for i in kern.prange(a.shape[0]):
        out[i] = a[i] * 2
    return out


ARRAYS = {
    "uint64": np.array([1, 2 ** 63 + 5, 3, 2 ** 64 - 2] * 3000, np.uint64),
    "int64": np.arange(-6000, 6000, dtype=np.int64),
    "int32": np.arange(-6000, 6000, dtype=np.int32),
    "float64": np.linspace(-3.0, 7.0, 12001),
    "float32": np.linspace(-3.0, 7.0, 12001).astype(np.float32),
}


@pytest.mark.parametrize("f", [p_max, p_min, p_sub, p_sum_float, p_step,
                               p_write])
@pytest.mark.parametrize("dtype", list(ARRAYS))
@pytest.mark.parametrize("parallel", [False, True])
def test_prange_matches_python(f, dtype, parallel):
    a = ARRAYS[dtype]
    # a[i] * 2 is int64 arithmetic on a uint64 (as in Numba: a Python int
    # is a signed int64), not NumPy's uint64 arithmetic
    want = f(a.view(np.int64) if f is p_step and dtype == "uint64" else a)
    got = kern.njit(parallel=parallel)(f)(a)
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
    else:
        assert got == pytest.approx(want, rel=1e-5)


def test_prange_nan_propagates_like_python_max():
    a = np.linspace(0.0, 1.0, 10001)
    a[5000] = np.nan
    # Python's max(s, nan) keeps s, max(nan, x) keeps nan: the loop's answer
    # depends on where the NaN is; the serial compiled loop must agree
    assert kern.njit(p_sum_float)(a) != kern.njit(p_sum_float)(a)  # nan
    assert kern.njit(p_max)(a[:5000]) == p_max(a[:5000])
