"""Advanced indexing with one array as the index (frontend/fancy.py):
boolean masks of the array's shape (any ndim) and 1-D integer arrays on
1-D arrays, for reading, assignment and augmented assignment, against
NumPy; one array combined with integers and slices
(frontend/mixed_index.py); the forms not supported raise
UnsupportedError."""

import numpy as np
import pytest

import kern


def take(a, i): return a[i]
def positive(a): return a[a > 0]
def zero_positive(a): a[a > 0] = 0; return a
def bump_positive(a): a[a > 0] += 1; return a
def set_masked(a, m, v): a[m] = v; return a
def set_at(a, i, v): a[i] = v; return a
def add_at(a, i): a[i] += 10; return a


DTYPES = [np.float64, np.float32, np.int64, np.int8, np.uint16, np.complex128]
SHAPES = [(12,), (3, 4), (2, 3, 2), (2, 1, 3, 2)]


def sample(shape, dtype):
    a = np.arange(-6, 6).reshape(shape).astype(dtype)
    return a if dtype != np.uint16 else a.astype(np.int64).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_masks_read_and_write_like_numpy(shape, dtype):
    a = sample(shape, dtype)
    if dtype == np.complex128:
        m = a.real > 0
        np.testing.assert_array_equal(kern.njit(take)(a, m), a[m])
        return
    np.testing.assert_array_equal(kern.njit(positive)(a), positive(a))
    np.testing.assert_array_equal(kern.njit(zero_positive)(a.copy()),
                                  zero_positive(a.copy()))
    np.testing.assert_array_equal(kern.njit(bump_positive)(a.copy()),
                                  bump_positive(a.copy()))


def test_mask_of_strided_and_fortran_arrays():
    base = np.arange(48.0).reshape(6, 8) - 20
    for a in (base[::2, 1::3], np.asfortranarray(base)):
        np.testing.assert_array_equal(kern.njit(positive)(a), a[a > 0])
        got = a.copy(order="K")
        kern.njit(zero_positive)(got)
        np.testing.assert_array_equal(got, zero_positive(a.copy()))


def test_empty_and_full_masks():
    a = np.arange(5.0)
    assert kern.njit(take)(a, np.zeros(5, bool)).shape == (0,)
    np.testing.assert_array_equal(kern.njit(take)(a, np.ones(5, bool)), a)


def test_masked_assignment_of_values_on_1d():
    a, m = np.arange(8.0), np.arange(8) % 3 == 0
    v = np.array([10.0, 20.0, 30.0])
    np.testing.assert_array_equal(kern.njit(set_masked)(a.copy(), m, v),
                                  set_masked(a.copy(), m, v))
    np.testing.assert_array_equal(kern.njit(set_masked)(a.copy(), m, 5.5),
                                  set_masked(a.copy(), m, 5.5))
    with pytest.raises(ValueError):
        kern.njit(set_masked)(a.copy(), m, np.ones(2))


@pytest.mark.parametrize("itype", [np.int64, np.int32, np.uint8, np.int16])
def test_integer_index_arrays_on_1d(itype):
    a = np.arange(10.0) * 1.5
    i = np.array([0, 9, 3, 3, 2], itype)
    np.testing.assert_array_equal(kern.njit(take)(a, i), a[i])
    np.testing.assert_array_equal(kern.njit(set_at)(a.copy(), i, -1.0),
                                  set_at(a.copy(), i, -1.0))
    # repeated indices apply once, as NumPy's buffered a[i] += v
    np.testing.assert_array_equal(kern.njit(add_at)(a.copy(), i),
                                  add_at(a.copy(), i))
    v = np.arange(5.0)
    np.testing.assert_array_equal(kern.njit(set_at)(a.copy(), i, v),
                                  set_at(a.copy(), i, v))


def test_negative_and_out_of_range_indices():
    a = np.arange(6)
    np.testing.assert_array_equal(kern.njit(take)(a, np.array([-1, -6])),
                                  a[[-1, -6]])
    with pytest.raises(IndexError):
        kern.njit(take)(a, np.array([6]))
    with pytest.raises(IndexError):
        kern.njit(set_at)(a.copy(), np.array([-7]), 0)


def test_mask_of_another_shape_raises_index_error():
    with pytest.raises(IndexError):
        kern.njit(take)(np.arange(6.0), np.ones(5, bool))


def mixed(a, i): return a[i, 0]


def two_arrays(a, i): return a[i, i]


def mixed_2d_index(a, i): return a[i, 0]


@pytest.mark.parametrize("f,args", [
    (take, (np.arange(4.0), np.array([[0, 3], [-1, 2]]))),
    (two_arrays, (np.arange(12.0).reshape(3, 4), np.array([0, 2]))),
    (mixed_2d_index, (np.arange(12.0).reshape(3, 4), np.array([[0], [2]]))),
    (set_masked, (np.zeros((2, 2)), np.eye(2, dtype=bool), np.ones(2))),
])
def test_forms_once_unsupported_follow_numpy(f, args):
    """(Several arrays and n-D ones: frontend/advanced.py,
    test_fancy_more.py.)"""
    want = f(*[x.copy() for x in args])
    np.testing.assert_array_equal(kern.njit(f)(*args), want)


def tuple_in_index(a): return a[(0, 1), 0]


def test_tuple_inside_an_index_is_named():
    with pytest.raises(kern.UnsupportedError, match="a tuple inside"):
        kern.njit(tuple_in_index)(np.zeros((3, 4)))


def test_float_index_array_is_a_typing_error():
    with pytest.raises(kern.TypingError, match="integer or boolean"):
        kern.njit(take)(np.zeros(3), np.zeros(2))


GRID = np.arange(24.0).reshape(4, 6)
ROWS = np.array([3, 0, -1, 2, 0])
COLS = np.array([True, False, True, True, False, True])


def mixed_reads(a, iv, m):
    return (a[iv], a[:, iv], a[iv, 2], a[1, iv], a[1:3, iv[:2]], a[iv, 1:4],
            a[:, m], a[m[:4]], a[2, m], a[iv][:, ::2], a[None, iv], a[..., iv],
            a[iv, 0])


def test_one_array_with_other_indices_reads_as_numpy():
    for got, want in zip(kern.njit(mixed_reads)(GRID, ROWS, COLS), mixed_reads(GRID, ROWS, COLS)):
        assert got.shape == want.shape
        np.testing.assert_array_equal(got, want)


def put_rows(a, iv):
    a[iv] = 0.0
    return a


def put_columns(a, iv):
    a[:, iv] = np.arange(4.0)[:, None]
    return a


def add_at_rows(a, iv):
    a[iv, 1] += 10.0                          # repeated indices apply once
    return a


def put_values(a, iv):
    a[1, iv] = np.arange(5.0)
    return a


def put_masked_columns(a, m):
    a[:, m] = -1.0
    return a


@pytest.mark.parametrize("f, index", [(put_rows, ROWS), (put_columns, ROWS),
                                      (add_at_rows, ROWS), (put_values, ROWS),
                                      (put_masked_columns, COLS)])
def test_one_array_with_other_indices_writes_as_numpy(f, index):
    np.testing.assert_array_equal(kern.njit(f)(GRID.copy(), index), f(GRID.copy(), index))


def test_mixed_index_errors_are_numpys():
    with pytest.raises(IndexError, match="out of bounds"):
        kern.njit(mixed)(GRID, np.array([7]))
    with pytest.raises(IndexError, match="boolean index did not match"):
        kern.njit(lambda a, m: a[:, m])(GRID, COLS[:4])
