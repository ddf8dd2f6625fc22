"""Advanced indexing with one array as the index (frontend/fancy.py):
boolean masks of the array's shape (any ndim) and 1-D integer arrays on
1-D arrays, for reading, assignment and augmented assignment, against
NumPy; the forms not supported raise UnsupportedError."""

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


@pytest.mark.parametrize("f,args,what", [
    (take, (np.zeros((3, 4)), np.array([0, 1])), "2-D array with a 1-D"),
    (take, (np.zeros(4), np.zeros((2, 2), np.int64)), "2-D integer array"),
    (mixed, (np.zeros((3, 4)), np.array([0, 1])), "other indices"),
    (take, (np.zeros((3, 4)), np.ones(3, bool)), "1-D boolean index"),
    (set_masked, (np.zeros((2, 2)), np.ones((2, 2), bool), np.ones(4)),
     "n-D array"),
])
def test_unsupported_forms_are_named(f, args, what):
    with pytest.raises(kern.UnsupportedError, match=what):
        kern.njit(f)(*args)


def test_float_index_array_is_a_typing_error():
    with pytest.raises(kern.TypingError, match="integer or boolean"):
        kern.njit(take)(np.zeros(3), np.zeros(2))
