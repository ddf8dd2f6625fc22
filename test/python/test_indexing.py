"""Indexing and slicing against NumPy -- run-time slice bounds with
constant steps (negative too), nested views, writes through views,
boundscheck IndexError, reshape of views (contiguous: a view; otherwise a
clear error, never garbage)."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import kern

N = 12
A = np.arange(N, dtype=np.float64) * 1.5 - 4.0


def sl_p1(a, i, j):
    return a[i:j].copy()


def sl_m1(a, i, j):
    return a[i:j:-1].copy()


def sl_p3(a, i, j):
    return a[i:j:3].copy()


def sl_m2(a, i, j):
    return a[i:j:-2].copy()


def sl_nested(a, i, j):
    return a[::-1][i:j][::2].copy()


def write_view(a, i, j):
    a[i:j:-1] = 7.0
    return a


SLICERS = [sl_p1, sl_m1, sl_p3, sl_m2, sl_nested, write_view]
COMPILED = {f: kern.njit(f) for f in SLICERS}
bounds = st.integers(-2 * N, 2 * N)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SLICERS), bounds, bounds)
def test_slices_match_numpy(f, i, j):
    want = f(A.copy(), i, j)
    a = A.copy()
    got = COMPILED[f](a, i, j)
    assert got.shape == want.shape
    np.testing.assert_array_equal(got, want)
    if f is write_view:
        np.testing.assert_array_equal(a, want)


def get3(a, i, j, k):
    return a[i, j, k]


@settings(max_examples=40, deadline=None)
@given(st.integers(-4, 3), st.integers(-5, 4), st.integers(-6, 5))
def test_boundscheck_3d(i, j, k):
    t = np.arange(60.0).reshape(3, 4, 5)[:, ::-1, 1:]
    g = kern.njit(boundscheck=True)(get3)
    try:
        want = get3(t, i, j, k)
    except IndexError:
        with pytest.raises(IndexError, match="out of bounds"):
            g(t, i, j, k)
        return
    assert g(t, i, j, k) == want


def flat(a):
    return a.reshape(-1)


def flat_write(a):
    b = a.reshape(-1)
    b[0] = 42.0
    return a


@pytest.mark.parametrize("view", ["C", "rows", "F", "T", "cols", "step"])
def test_reshape_views(view):
    m = np.arange(24.0).reshape(4, 6)
    a = {"C": m, "rows": m[1:3], "F": np.asfortranarray(m), "T": m.T,
         "cols": m[:, 1:4], "step": m[::2]}[view]
    contiguous = a.flags.c_contiguous
    if contiguous:
        np.testing.assert_array_equal(kern.njit(flat)(a), a.reshape(-1))
        b = a.copy()
        kern.njit(flat_write)(b)
        assert b.flat[0] == 42.0  # a view, as in NumPy
    else:
        with pytest.raises(NotImplementedError, match="contiguous"):
            kern.njit(flat)(a)


def astype_i32(a):
    return a.astype(np.int32)


def astype_f32(a):
    return a.astype(np.float32)


def astype_bool(a):
    return a.astype(np.bool_)


@pytest.mark.parametrize("f", [astype_i32, astype_f32, astype_bool])
def test_astype(f):
    a = np.array([[-2.7, -0.5, 0.0], [0.5, 2.5, 1e9]])[:, ::-1]
    want = f(a)
    got = kern.njit(f)(a)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)
    got[0, 0] = 5  # a fresh array
    assert a[0, 0] == 0.0
