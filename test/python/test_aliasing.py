"""Writes into arrays that the right-hand side reads, with NumPy's
semantics (the whole right-hand side is evaluated before any element is
written). Array writes are kern.ufunc ops into `outs` that kern-fuse
merges with the expression, so a shifted, reversed or transposed view of
the same buffer on both sides must be copied first
(convert-kern-to-affine checks the overlap at run time)."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import kern

L = 40


def shifted(a, o, i, n):
    a[o:o + n] = a[i:i + n] * 2.0 + 1.0
    return a


def reversed_plus_self(a, o, i, n):
    a[o:o + n] = a[i:i + n][::-1] + a[o:o + n]
    return a


def augmented_reversed(a, o, i, n):
    a[o:o + n] += a[i:i + n][::-1]
    return a


def strided_out(a, o, i, n):
    a[o:o + 2 * n:2] = a[i:i + n] - a[o:o + 2 * n:2]
    return a


def strided_in(a, o, i, n):
    a[o:o + n] = np.sqrt(np.abs(a[i:i + 2 * n:2])) * a[o:o + n]
    return a


FUNCS = [shifted, reversed_plus_self, augmented_reversed, strided_out,
         strided_in]
COMPILED = {f: kern.njit(f) for f in FUNCS}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FUNCS), st.integers(0, 19), st.integers(0, 19),
       st.integers(0, 10))
def test_overlapping_1d_views(f, o, i, n):
    a = np.linspace(-3.0, 5.0, L)
    want = f(a.copy(), o, i, n)
    got = COMPILED[f](a, o, i, n)
    np.testing.assert_allclose(a, want, rtol=1e-12)
    np.testing.assert_allclose(got, want, rtol=1e-12)


def whole_reversed(a):
    a[:] = a[::-1]
    return a


def reversed_target(a):
    a[::-1] = a
    return a


def reversed_target_expr(a):
    a[::-1] = a * 2.0
    return a


def shift_right(a):
    a[1:] = a[:-1] + 1.0
    return a


def shift_left(a):
    a[:-1] = a[1:] * a[:-1]
    return a


def self_plus_reversed(a):
    a += a[::-1]
    return a


def broadcast_element(a):
    a[:] = a - a[3]  # a[3] changes half-way in a naive loop
    return a


def broadcast_slice(a):
    a[2:] = a[1:2] * 10.0 + a[2:]
    return a


@pytest.mark.parametrize("f", [whole_reversed, reversed_target,
                               reversed_target_expr, shift_right, shift_left,
                               self_plus_reversed, broadcast_slice])
def test_overlapping_1d_cases(f):
    a = np.arange(1.0, 10.0)
    want = f(a.copy())
    got = kern.njit(f)(a)
    np.testing.assert_array_equal(a, want)
    np.testing.assert_array_equal(got, want)


def test_broadcast_element_of_the_target():
    a = np.arange(1.0, 10.0)
    want = a - a[3]
    kern.njit(broadcast_element)(a)
    np.testing.assert_array_equal(a, want)


def transpose_into_self(m):
    m[:] = m.T + 0.0
    return m


def plus_transpose(m):
    m += m.T
    return m


def flip_both(m):
    m[::-1, ::-1] = m * 2.0
    return m


def rows_shift(m):
    m[1:, :] = m[:-1, ::-1] + m[1:, :]
    return m


def row_into_rows(m):
    m[:, :] = m[1] + m  # the row m[1] is overwritten half-way
    return m


@pytest.mark.parametrize("f", [transpose_into_self, plus_transpose,
                               flip_both, rows_shift, row_into_rows])
@pytest.mark.parametrize("layout", ["C", "F"])
def test_overlapping_2d(f, layout):
    m = np.arange(16.0).reshape(4, 4) * 0.5 - 1.0
    m = np.asfortranarray(m) if layout == "F" else m
    want = f(m.copy())
    got = kern.njit(f)(m)
    np.testing.assert_array_equal(m, want)
    np.testing.assert_array_equal(got, want)


def twice_around_a_write(a):
    s1 = (a * 2.0).sum()
    a[0] = 100.0
    s2 = (a * 2.0).sum()
    c1 = a.copy()
    a[1] = -5.0
    c2 = a.copy()
    return s1, s2, c1[1], c2[1]


def test_identical_expressions_around_a_write_are_not_merged():
    a = np.arange(5.0)
    assert kern.njit(twice_around_a_write)(a) == twice_around_a_write(
        np.arange(5.0))


@kern.vectorize(["float64(float64, float64)"])
def vadd(x, y):
    return x + y


def vectorized_into_overlap(a):
    vadd(a[:-1], a[1:], out=a[1:])
    return a


def test_vectorize_out_overlapping_inputs():
    a = np.arange(8.0)
    b = a.copy()
    np.add(b[:-1], b[1:], out=b[1:])
    kern.njit(vectorized_into_overlap)(a)
    np.testing.assert_array_equal(a, b)
    c = np.arange(8.0)
    vadd(c[:-1], c[1:], out=c[1:])  # from Python
    np.testing.assert_array_equal(c, b)


def disjoint_halves(a):
    h = a.shape[0] // 2
    a[:h] = a[h:] * 3.0
    return a


def test_disjoint_views_of_one_buffer():
    a = np.arange(10.0)
    want = disjoint_halves(a.copy())
    np.testing.assert_array_equal(kern.njit(disjoint_halves)(a), want)


def parallel_shift(a):
    a[1:] = a[:-1] * 2.0
    return a


def test_parallel_overlap():
    a = np.arange(50_000.0)
    want = parallel_shift(a.copy())
    kern.njit(parallel=True)(parallel_shift)(a)
    np.testing.assert_array_equal(a, want)
