"""NumPy's general advanced indexing (frontend/advanced.py): several index
arrays and integers broadcast together, index arrays of any ndim, boolean
masks combined with other indices, with slices and newaxis, read and
written, on C, Fortran and strided arrays of several dtypes, against
NumPy."""

import numpy as np
import pytest

import kern


def pair(m, r, c): return m[r, c]
def pair_slice(t, r, c): return t[r, :, c]
def slice_pair(t, r, c): return t[:, r, c]
def int_slice_arr(t, c): return t[1, :, c]
def slice_int_arr(t, c): return t[:, -1, c]
def arr_int(m, r): return m[r, 2]
def newaxis_pair(m, r, c): return m[None, r, c]
def pair_newaxis(t, r, c): return t[r, None, c]
def take(a, i): return a[i]
def take2d(a, idx2d): return a[idx2d]
def take_tail(t, i): return t[i, 1:]
def mask_then_slice(m, k): return m[k, 1:]
def slice_then_mask(m, k): return m[::-1, k]
def mask_and_array(m, k, c): return m[k, c]
def triu(m): return m[np.triu_indices(m.shape[0])]
def tril_k(m): return m[np.tril_indices(m.shape[0], -1)]
def where_pick(m): return m[np.nonzero(m > 0)]
def ellipsis_mask(t, k): return t[..., k]


def put_pair(m, r, c, v): m[r, c] = v; return m
def put_pair_slice(t, r, c, v): t[r, :, c] = v; return t
def add_pair(m, r, c): m[r, c] += 1; return m
def mul_pair(m, r, c, v): m[r, c] *= v; return m
def put_take(a, i, v): a[i] = v; return a
def add_take(a, i, v): a[i] += v; return a
def put_triu(m, v): m[np.triu_indices(m.shape[0])] = v; return m
def put_mask_slice(m, k, v): m[k, 1:] = v; return m


DTYPES = [np.float64, np.float32, np.int64, np.int8, np.uint16,
          np.complex128, np.bool_]


def sample(shape, dtype, order="C"):
    a = (np.arange(int(np.prod(shape))) * 7 % 11).reshape(shape)
    return np.asarray(a.astype(dtype), order=order)


def layouts(shape, dtype):
    """The same values as C, Fortran and a strided view."""
    c = sample(shape, dtype)
    big = np.zeros(tuple(2 * n for n in shape), dtype)
    view = big[tuple(slice(None, None, 2) for _ in shape)]
    view[...] = c
    return {"C": c, "F": np.asfortranarray(c), "strided": view}


def check(f, *args):
    want = f(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
    got = kern.njit(f)(*[a.copy() if isinstance(a, np.ndarray) else a
                         for a in args])
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


ROWS = np.array([0, 2, -1, 1, 2])
COLS = np.array([3, -4, 1, 1, 0])


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_pair_of_index_arrays_reads_like_numpy(layout, dtype):
    m = layouts((3, 4), dtype)[layout]
    check(pair, m, ROWS, COLS)
    check(pair, m, ROWS.astype(np.int32), COLS.astype(np.uint8) % 4)
    check(pair, m, ROWS[::2], COLS[::-2])
    check(arr_int, m, ROWS)


@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_placement_of_the_broadcast_dimensions(layout):
    t = layouts((3, 4, 5), np.float64)[layout]
    r, c = np.array([2, 0, -3]), np.array([4, 1, -1])
    check(pair_slice, t, r, c)           # separated: B first
    check(slice_pair, t, np.array([0, 3]), np.array([4, 2]))  # in place
    check(int_slice_arr, t, c)           # int and array separated: first
    check(slice_int_arr, t, c)           # adjacent: in place
    check(newaxis_pair, t[0], r, np.array([1, 2, 3]))
    check(pair_newaxis, t, r, c % 4)     # newaxis separates them


def test_index_arrays_broadcast_together():
    m = sample((5, 6), np.float64)
    check(pair, m, np.array([[0], [2], [4]]), np.array([1, 3, 5, -1]))
    check(pair, m, np.array([[1, 2]]), np.array([[0], [3], [5]]))
    check(pair, m, np.array([3]), np.array([0, 1, 2]))
    check(pair, m, np.arange(6).reshape(2, 3) % 5, np.arange(6).reshape(2, 3))
    t = sample((3, 4, 5), np.int64)
    check(slice_pair, t, np.array([[0], [3]]), np.array([[4, 2, 0]]))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_multidimensional_index_arrays_k2(layout, dtype):
    a = layouts((7,), dtype)[layout]
    k2 = np.array([[0, 1], [2, -1], [6, 3]])
    check(take2d, a, k2)
    check(take2d, a, np.asfortranarray(k2))
    check(take, a, np.arange(24).reshape(2, 3, 4) % 7)
    m = layouts((4, 3), dtype)[layout]
    check(take, m, k2 % 4)               # rows of a 2-D array: (3, 2, 3)
    check(take_tail, layouts((4, 3, 2), dtype)[layout], k2 % 4)
    check(pair, m, k2 % 4, np.array([2, 0]))


def test_triangle_and_nonzero_indices():
    for dtype in (np.float64, np.int32, np.complex64):
        m = sample((5, 5), dtype)
        check(triu, m)
        check(tril_k, m)
    check(where_pick, sample((4, 6), np.float64) - 5)
    check(triu, np.asfortranarray(sample((4, 4), np.float64)))


@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_masks_combined_with_other_indices(layout):
    m = layouts((4, 5), np.float64)[layout]
    rows = np.array([True, False, True, True])
    cols = np.array([False, True, True, False, True])
    check(mask_then_slice, m, rows)
    check(slice_then_mask, m, cols)
    check(mask_and_array, m, rows, np.array([0, -1, 2]))
    check(mask_and_array, m, rows, np.array([4]))
    t = layouts((3, 4, 2), np.int64)[layout]
    check(take, t, t[:, :, 0] > 4)       # 2-D mask of a 3-D array
    check(ellipsis_mask, t, np.array([True, False]))
    check(ellipsis_mask, t, t[0] > 3)    # 2-D mask after an ellipsis
    t4 = sample((2, 3, 4, 2), np.float32)
    check(take, t4, t4[..., 1] > 4)      # 3-D mask of a 4-D array
    check(mask_and_array, t4[:, :, :, 0], t4[:, :, 0, 0] > 3,
          np.array([0, -1]))             # mask and array broadcast
    check(int_slice_arr, t4[0], np.array([True, False]))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
def test_assignment_through_several_index_arrays(layout, dtype):
    m = layouts((3, 4), dtype)[layout]
    one = dtype(1)
    check(put_pair, m, ROWS, COLS, one)
    check(put_pair, m, ROWS, COLS, sample((5,), dtype))
    check(put_pair, m, np.array([[0], [2]]), np.array([1, 3]),
          sample((2, 1), dtype))
    check(put_pair, m, np.array([[0], [2]]), np.array([1, 3]),
          sample((2,), dtype))
    t = layouts((3, 4, 5), dtype)[layout]
    check(put_pair_slice, t, np.array([0, 2]), np.array([1, -1]),
          sample((2, 4), dtype))
    check(put_pair_slice, t, np.array([0, 2]), np.array([1, -1]),
          sample((4,), dtype))
    check(put_take, layouts((6,), dtype)[layout],
          np.array([[0, 5], [3, 1]]), sample((2, 2), dtype))
    check(put_triu, layouts((4, 4), dtype)[layout], one)


def test_assignment_of_arrays_with_their_own_layouts():
    m = sample((4, 5), np.float64)
    v = np.asfortranarray(sample((3, 2), np.float64))
    check(put_pair, m, np.array([[0], [1], [3]]), np.array([4, 0]), v)
    check(put_pair, m, np.array([[0], [1], [3]]), np.array([4, 0]),
          sample((6, 4), np.float64)[::2, ::2])
    check(put_mask_slice, m, np.array([True, False, False, True]),
          sample((4,), np.float64))
    check(put_mask_slice, m, np.array([True, False, False, True]), 2.5)


def test_augmented_assignment_does_not_accumulate_repeats():
    m = sample((3, 4), np.int64)
    r, c = np.array([0, 0, 2, 0]), np.array([1, 1, 3, 1])
    check(add_pair, m, r, c)             # m[0, 1] grows by 1, not 3
    check(mul_pair, sample((3, 4), np.float64), r, c, 2.5)
    check(add_pair, layouts((3, 4), np.float32)["F"], r, c)
    a = sample((5,), np.float64)
    check(add_take, a, np.array([[1, 1], [4, -1]]), 3.0)
    check(add_take, a, np.array([[1, 1], [4, -1]]), np.array([1.0, 2.0]))


def test_assignment_reads_its_value_before_writing():
    def swap(m, r, c):
        m[r, c] = m[c, r]
        return m
    check(swap, sample((4, 4), np.float64), np.array([0, 1, 2]),
          np.array([3, 0, 1]))


def test_empty_selections():
    m = sample((3, 4), np.float64)
    e = np.zeros(0, np.int64)
    check(pair, m, e, e)
    check(pair, m, np.zeros((0, 3), np.int64), np.array([1, 2, 3]))
    check(put_pair, m, e, e, 1.0)
    check(take, sample((3, 4, 2), np.float64), np.zeros((3, 4), bool))


@pytest.mark.parametrize("f,args,message", [
    (pair, (np.zeros((3, 4)), np.array([0, 3]), np.array([0, 1])),
     "index 3 is out of bounds for axis 0 with size 3"),
    (pair, (np.zeros((3, 4)), np.array([0, 1]), np.array([0, -5])),
     "index -5 is out of bounds for axis 1 with size 4"),
    (int_slice_arr, (np.zeros((3, 4, 5)), np.array([5])),
     "index 5 is out of bounds for axis 2 with size 5"),
    (take, (np.zeros(4), np.array([[0, 4]])),
     "index 4 is out of bounds for axis 0 with size 4"),
    (pair, (np.zeros((3, 4)), np.array([0]), np.array([10 ** 12])),
     "index 1000000000000 is out of bounds for axis 1 with size 4"),
    (pair, (np.zeros((3, 4)), np.array([2 ** 63], np.uint64),
            np.array([0])), "index -9223372036854775808 is out of bounds"),
    (pair, (np.zeros((3, 4)), np.array([0, 1]), np.array([0, 1, 2])),
     "shape mismatch: indexing arrays could not be broadcast"),
    (mask_then_slice, (np.zeros((3, 4)), np.ones(4, bool)),
     "boolean index did not match indexed array along axis 0"),
    (put_pair, (np.zeros((3, 4)), np.array([0, 1]), np.array([0, 1]),
                np.ones(3)), "shape mismatch: value array"),
])
def test_errors_are_numpys(f, args, message):
    with pytest.raises(Exception) as want:
        f(*[a.copy() for a in args])
    with pytest.raises(type(want.value), match=message):
        kern.njit(f)(*args)


def test_float_index_arrays_are_typing_errors():
    with pytest.raises(kern.TypingError, match="integer or boolean"):
        kern.njit(pair)(np.zeros((3, 4)), np.array([0]), np.array([0.5]))


def list_pair(m): return m[[0, 2, -1], [1, 1, 3]]
def list_rows(m, rows): return m[rows]
def put_list(m): m[[0, 2], [1, 3]] = 7; return m
def list_mask(a): return a[[True, False, True, True]]


def test_lists_index_like_arrays():
    m = sample((3, 4), np.float64)
    check(list_pair, m)
    check(put_list, m)
    np.testing.assert_array_equal(kern.njit(list_rows)(m, [2, 0, 2]),
                                  m[[2, 0, 2]])
    check(list_mask, m[0])
    with pytest.raises(kern.TypingError, match="list of float64 used as an"):
        kern.njit(list_rows)(m, [0.5])
