"""Unpacking arrays (`x, v = y[i]`), assigning tuples and lists into arrays
(`y[i] = (x, v)`), and loops over tuples with break/continue, against plain
Python and NumPy."""

import numpy as np
import pytest

import kern


def euler(y0, n, h):
    y = np.empty((n, 2))
    y[0] = y0
    for i in range(1, n):
        x, v = y[i - 1]
        y[i] = (x + h * v, v - h * x)
    return y


def test_unpack_a_row_and_assign_a_tuple():
    y0 = np.array([1.0, 0.0])
    assert np.allclose(kern.njit(euler)(y0, 20, 0.1), euler(y0, 20, 0.1))


def test_unpack_rows_of_a_2d_array():
    def rows(a):
        r0, r1 = a
        return r0.sum() - r1.sum(), r0.shape

    a = np.arange(6.0).reshape(2, 3)
    assert kern.njit(rows)(a) == rows(a)


@pytest.mark.parametrize("n", [1, 3])
def test_unpacking_the_wrong_length_is_pythons_value_error(n):
    def two(a):
        x, y = a
        return x + y

    with pytest.raises(ValueError) as want:
        two(np.ones(n))
    with pytest.raises(ValueError, match=str(want.value).replace(
            "(", r"\(").replace(")", r"\)")):
        kern.njit(two)(np.ones(n))


def test_tuples_and_lists_assigned_into_arrays():
    def fill(n):
        a = np.zeros((n, 3), np.int32)
        a[0] = (1, 2, 3)
        a[1, 1:] = [7, 8]
        a[2] = (1.9, 2, 3)  # cast to the array's dtype, as NumPy
        b = np.zeros(4)
        b[:2] = (0.5, 1.5)
        return a, b

    for got, want in zip(kern.njit(fill)(3), fill(3)):
        assert got.dtype == want.dtype and (got == want).all()


def test_assigning_a_tuple_of_the_wrong_length_raises():
    def bad(a):
        a[0] = (1.0, 2.0, 3.0)
        return a

    with pytest.raises(ValueError):
        bad(np.zeros((2, 2)))
    with pytest.raises(ValueError):
        kern.njit(bad)(np.zeros((2, 2)))


def life(g):
    n, m = g.shape
    new = np.zeros_like(g)
    for i in range(n):
        for j in range(m):
            c = 0
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    if di == 0 and dj == 0:
                        continue
                    c += g[(i + di) % n, (j + dj) % m]
            new[i, j] = 1 if (c == 3 or (c == 2 and g[i, j])) else 0
    return new


def test_continue_in_a_loop_over_a_constant_tuple():
    g = (np.random.default_rng(1).random((9, 7)) > 0.6).astype(np.int64)
    assert (kern.njit(life)(g) == life(g)).all()


def test_break_and_else_in_loops_over_tuples_of_values():
    def first_big(t, x):
        for v in t:
            if v > x:
                break
        else:
            v = -1.0
        return v

    def arrays(a, b):
        s = 0.0
        for x in (a, b):
            if x.sum() > 100:
                continue
            s += x.sum()
        return s

    f = kern.njit(first_big)
    assert f((1.0, 5.0, 9.0), 4.0) == 5.0 and f((1.0, 5.0), 10.0) == -1.0
    assert kern.njit(arrays)(np.ones(3), np.ones(200)) == 3.0


def test_break_over_a_tuple_of_several_types_is_a_located_error():
    def mixed(t):
        for v in t:
            if v:
                break
        return 0

    with pytest.raises(kern.UnsupportedError, match="several types"):
        kern.njit(mixed)((1, 2.5))
