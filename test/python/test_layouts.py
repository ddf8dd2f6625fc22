"""Entries compiled for C- and F-contiguous arrays (kern-refine-layouts).

The dispatcher keys a call on the contiguity of its array arguments; code
compiled for a C or F array knows its unit stride. Every layout, and every
order of calls, gives NumPy's answers.
"""

import math

import numpy as np
import pytest
from numpy.lib.stride_tricks import as_strided

import kern


@kern.njit
def row_dot(m, w):
    out = np.empty(m.shape[0])
    for i in range(m.shape[0]):
        s = 0.0
        for j in range(m.shape[1]):
            s += m[i, j] * w[j]
        out[i] = s
    return out


def expected_row_dot(m, w):
    return np.array([sum(m[i, j] * w[j] for j in range(m.shape[1]))
                     for i in range(m.shape[0])])


def layouts(shape):
    base = np.random.default_rng(1).random((shape[0] * 2, shape[1] * 3))
    c = np.ascontiguousarray(base[: shape[0], : shape[1]])
    return {
        "C": c,
        "F": np.asfortranarray(c),
        "strided": base[::2, ::3],
        "reversed": c[::-1, ::-1],
        "transposed view": np.ascontiguousarray(c.T).T,
    }


@pytest.mark.parametrize("name", ["C", "F", "strided", "reversed",
                                  "transposed view"])
def test_every_layout_gives_numpys_answer(name):
    m = layouts((7, 5))[name]
    w = np.linspace(1.0, 2.0, 5)
    np.testing.assert_allclose(row_dot(m, w), expected_row_dot(m, w),
                               rtol=1e-13)


def test_any_order_of_layouts():
    @kern.njit
    def total(m):
        s = 0.0
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                s += m[i, j] * (i + 1) * (j + 2)
        return s

    ms = layouts((6, 4))
    ref = {k: sum(v[i, j] * (i + 1) * (j + 2) for i in range(6)
                  for j in range(4)) for k, v in ms.items()}
    for order in (["strided", "C", "F"], ["C", "strided", "reversed", "F"]):
        for k in order:
            assert total(ms[k]) == pytest.approx(ref[k], rel=1e-13)
    # the first call was strided: its entry (any layout) serves the rest
    assert [str(sig[0]) for sig in total.signatures] == ["float64[:, :]"]

    @kern.njit
    def again(m):
        return total(m)
    again(ms["C"])
    again(ms["strided"])
    assert [str(sig[0]) for sig in again.signatures] == [
        "float64[:, ::1]", "float64[:, :]"]


def test_size_one_axes_with_odd_strides():
    # NumPy calls these C-contiguous whatever the stride of the size-1 axis
    base = np.arange(40.0)
    m = as_strided(base, shape=(5, 1), strides=(8, 800))
    assert m.flags.c_contiguous
    np.testing.assert_allclose(row_dot(m, np.array([2.0])), 2.0 * base[:5])

    @kern.njit
    def first_column(a):
        out = np.empty(a.shape[0])
        for i in range(a.shape[0]):
            out[i] = a[i, 0]
        return out
    np.testing.assert_array_equal(first_column(m), base[:5])
    t = as_strided(base, shape=(1, 6), strides=(999 * 8, 8))
    assert t.flags.c_contiguous
    np.testing.assert_allclose(row_dot(t, np.ones(6)), [base[:6].sum()])


def test_empty_arrays():
    for shape in ((0, 3), (3, 0), (0, 0)):
        m = np.zeros(shape)
        np.testing.assert_array_equal(row_dot(m, np.ones(shape[1])),
                                      np.zeros(shape[0]))


def test_returned_argument_is_the_same_data():
    @kern.njit
    def same(a):
        return a

    base = np.arange(12.0)
    m = as_strided(base, shape=(4, 1), strides=(8, 4000))
    np.testing.assert_array_equal(same(m), m)
    np.testing.assert_array_equal(same(np.asfortranarray(np.ones((3, 2)))),
                                  np.ones((3, 2)))


def test_parallel_rows_know_the_stride():
    @kern.njit(parallel=True)
    def norms(m):
        out = np.empty(m.shape[0])
        for i in kern.prange(m.shape[0]):
            s = 0.0
            for j in range(m.shape[1]):
                s += m[i, j] * m[i, j]
            out[i] = math.sqrt(s)
        return out

    for m in layouts((50, 33)).values():
        np.testing.assert_allclose(norms(m), np.sqrt((m * m).sum(axis=1)),
                                   rtol=1e-13)


def test_recursion_into_a_view_of_another_layout():
    @kern.njit
    def corner_sum(m):
        if m.shape[1] == 0:
            return 0.0
        return m[0, 0] + corner_sum(m[:, 1:])   # m[:, 1:] is not C

    m = np.arange(12.0).reshape(3, 4)
    assert corner_sum(m) == m[0].sum()


def test_a_c_signature_refuses_other_layouts():
    @kern.njit("float64(float64[:, ::1])")
    def corner(m):
        return m[0, 0] + m[m.shape[0] - 1, m.shape[1] - 1]

    c = np.arange(6.0).reshape(2, 3)
    assert corner(c) == 5.0
    with pytest.raises(TypeError, match="no compiled signature"):
        corner(c[:, ::2])


def test_an_any_layout_signature_takes_every_layout():
    @kern.njit("float64(float64[:, :])")
    def corner(m):
        return m[0, 0] + m[m.shape[0] - 1, m.shape[1] - 1]

    c = np.arange(6.0).reshape(2, 3)
    for m in (c, c[:, ::2], np.asfortranarray(c), c[::-1]):
        assert corner(m) == m[0, 0] + m[-1, -1]
    assert len(corner.signatures) == 1


def test_the_c_entry_has_the_unit_stride_in_its_types():
    @kern.njit
    def total(m):
        s = 0.0
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                s += m[i, j]
        return s

    total(np.ones((3, 4)))
    text = total.inspect_mlir(total.signatures[0], stage="affine")
    assert 'kern.layout = "C"' in text
    assert "strided<[?, 1], offset: ?>" in text
