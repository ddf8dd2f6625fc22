"""np.unravel_index, np.ravel_multi_index, np.meshgrid, np.diag_indices
(kern/np/index_tools.py) and np.nanargmin / np.nanargmax
(kern/np/nanfuncs.py): values, shapes and dtypes as NumPy's, and NumPy's
exceptions with its messages."""

import re
import warnings

import numpy as np
import pytest

import kern
from numpy_compare import same_structure

NAN = np.nan
I = np.array([[0, 5, 11], [7, 3, 2]])
F2 = np.array([[1.0, NAN, 2.0, -1.0], [NAN, 4.0, -1.0, 4.0],
               [3.0, 3.0, NAN, 0.5]])
F3 = np.arange(24.0).reshape(2, 3, 4) % 5
F3[0, 1, 2] = NAN
F3[1, 0, :] = [NAN, 7.0, NAN, 7.0]


def same(got, want):
    """Tuples item by item, arrays in shape, dtype and values, scalars of
    NumPy's kind."""
    same_structure(got, want, lambda g, w: np.testing.assert_array_equal(
        g, w))


def check(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        want = f(*[a.copy() if isinstance(a, np.ndarray) else a
                   for a in args])
    same(kern.njit(f)(*args), want)


UNRAVEL = [
    (lambda i: np.unravel_index(i, (3, 4)), (7,)),
    (lambda i: np.unravel_index(i, (3, 4)), (0,)),
    (lambda i: np.unravel_index(i, (3, 4), order="F"), (7,)),
    (lambda i: np.unravel_index(i, (2, 3, 4)), (23,)),
    (lambda i: np.unravel_index(i, (2, 3, 4), "F"), (17,)),
    (lambda i: np.unravel_index(i, 6), (4,)),
    (lambda i: np.unravel_index(i, ()), (0,)),
    (lambda i, n: np.unravel_index(i, (n, 5)), (13, 3)),
    (lambda i: np.unravel_index(i, (2, 3)), (np.uint8(4),)),
    (lambda i: np.unravel_index(i, (2, 3)), (True,)),
    (lambda a: np.unravel_index(a, (3, 4)), (I,)),
    (lambda a: np.unravel_index(a, (4, 3), order="F"), (I,)),
    (lambda a: np.unravel_index(a, (2, 2, 3)), (I.T,)),
    (lambda a: np.unravel_index(a, (2, 6)), (I.astype(np.int32),)),
    (lambda a: np.unravel_index(a, (12,)), (I[:, ::2].astype(np.uint16),)),
    (lambda a: np.unravel_index(a, (2, 3)), (np.array([True, False]),)),
    (lambda a: np.unravel_index(a, (2, 3)), (np.zeros((2, 0), np.int64),)),
    (lambda a: np.unravel_index(a, (3, 4)), (np.arange(12)[::-3],)),
]


@pytest.mark.parametrize("k", range(len(UNRAVEL)))
def test_unravel_index_matches_numpy(k):
    f, args = UNRAVEL[k]
    check(f, *args)


RAVEL = [
    (lambda i, j: np.ravel_multi_index((i, j), (3, 4)), (2, 1)),
    (lambda i, j: np.ravel_multi_index((i, j), (3, 4), order="F"), (2, 1)),
    (lambda i: np.ravel_multi_index((i,), 7), (5,)),
    (lambda: np.ravel_multi_index((), ()), ()),
    (lambda i, j: np.ravel_multi_index((i, j), (3, 4), mode="wrap"), (7, -9)),
    (lambda i, j: np.ravel_multi_index((i, j), (3, 4), mode="clip"), (7, -9)),
    (lambda i, j: np.ravel_multi_index((i, j), (3, 4),
                                       mode=("clip", "wrap")), (7, -9)),
    (lambda a, b: np.ravel_multi_index((a, b), (2, 3, 4)[1:]),
     (np.array([0, 2, 1]), np.array([3, 0, 1]))),
    (lambda a, b: np.ravel_multi_index((a, b), (3, 4), order="F"),
     (np.array([0, 2, 1]), np.array([3, 0, 1], np.int32))),
    (lambda a, j: np.ravel_multi_index((a, j, a), (3, 4, 5)),
     (np.array([[0, 2], [1, 1]]), 3)),
    (lambda a, b: np.ravel_multi_index((a, b), (3, 4), mode="wrap"),
     (np.array([[0], [5], [-1]]), np.array([-7, 9]))),
    (lambda a, b: np.ravel_multi_index((a, b), (3, 4), mode="clip"),
     (np.array([[0], [5], [-1]], np.int16), np.array([-7, 9]))),
    (lambda a: np.ravel_multi_index(a, (3, 4)), (np.array([[1, 2], [0, 3]]),)),
    (lambda a: np.ravel_multi_index(a, (2, 3, 4)),
     (np.array([[[1, 0]], [[2, 0]], [[3, 1]]]),)),
    (lambda a: np.ravel_multi_index(a, (3, 4)), (np.array([2, 3]),)),
    (lambda a: np.ravel_multi_index((a, 1), (2, 3)),
     (np.array([True, False]),)),
    (lambda i, j: np.ravel_multi_index([i, j], (3, 4)), (2, 3)),
    (lambda i, j: np.ravel_multi_index([i, j, 1], (3, 4, 2), "wrap"),
     (5, -1)),
    (lambda a: np.ravel_multi_index((a, a), (2, 3)),
     (np.zeros((2, 0), np.int64),)),
]


@pytest.mark.parametrize("k", range(len(RAVEL)))
def test_ravel_multi_index_matches_numpy(k):
    f, args = RAVEL[k]
    check(f, *args)


def test_ravel_and_unravel_are_inverse():
    @kern.njit
    def roundtrip(a, order):
        if order:
            return np.ravel_multi_index(np.unravel_index(a, (3, 5, 2), "F"),
                                        (3, 5, 2), order="F")
        return np.ravel_multi_index(np.unravel_index(a, (3, 5, 2)),
                                    (3, 5, 2))
    a = np.arange(30).reshape(5, 6)
    assert np.array_equal(roundtrip(a, True), a)
    assert np.array_equal(roundtrip(a, False), a)


X3 = np.arange(3)
Y2 = np.array([0.5, 1.5], np.float32)
Z4 = np.array([[1, 2], [3, 4]], np.int16)

MESHGRID = [
    (lambda x, y: np.meshgrid(x, y), (X3, Y2)),
    (lambda x, y: np.meshgrid(x, y, indexing="ij"), (X3, Y2)),
    (lambda x, y: np.meshgrid(x, y, sparse=True), (X3, Y2)),
    (lambda x, y: np.meshgrid(x, y, sparse=True, indexing="ij"), (X3, Y2)),
    (lambda x, y: np.meshgrid(x, y, copy=False), (X3, Y2)),
    (lambda x: np.meshgrid(x), (X3,)),
    (lambda x: np.meshgrid(x, indexing="ij"), (Y2,)),
    (lambda: np.meshgrid(), ()),
    (lambda x, y, z: np.meshgrid(x, y, z), (X3, Y2, Z4)),
    (lambda x, y, z: np.meshgrid(x, y, z, indexing="ij"), (X3, Y2, Z4)),
    (lambda x, y, z: np.meshgrid(x, y, z, sparse=True), (X3, Y2, Z4)),
    (lambda x, y, z, w: np.meshgrid(x, y, z, w), (X3, Y2, Z4, X3[::-2])),
    (lambda x, y: np.meshgrid(x, y), (Z4.T, np.array([True, False]))),
    (lambda x, y: np.meshgrid(x, y), (X3, np.zeros(0))),
    (lambda x, y: np.meshgrid(x, y), (2.5, X3)),
]


@pytest.mark.parametrize("k", range(len(MESHGRID)))
def test_meshgrid_matches_numpy(k):
    f, args = MESHGRID[k]
    check(f, *args)


def test_meshgrid_copies_are_writable_and_views_are_not():
    @kern.njit
    def grid(x, y):
        xx, yy = np.meshgrid(x, y)
        xx[0, 0] = 9
        return xx, yy
    xx, _ = grid(X3, X3)
    assert xx[0, 0] == 9 and xx[1, 0] == 0

    @kern.njit
    def write_view(x, y):
        xx, yy = np.meshgrid(x, y, copy=False)
        xx[0, 0] = 9
    with pytest.raises(kern.TypingError, match="readonly"):
        write_view(X3, X3)


DIAG = [
    (lambda n: np.diag_indices(n), (3,)),
    (lambda n: np.diag_indices(n, 3), (2,)),
    (lambda n: np.diag_indices(n, ndim=1), (4,)),
    (lambda n: np.diag_indices(n, 0), (4,)),
    (lambda n: np.diag_indices(n), (0,)),
    (lambda a: np.diag_indices_from(a), (np.zeros((3, 3)),)),
    (lambda a: np.diag_indices_from(a), (np.zeros((2, 2, 2), np.int8),)),
    (lambda a: a[np.diag_indices_from(a)], (np.arange(16.0).reshape(4, 4),)),
]


@pytest.mark.parametrize("k", range(len(DIAG)))
def test_diag_indices_match_numpy(k):
    f, args = DIAG[k]
    check(f, *args)


NANARG = [
    (lambda a: np.nanargmin(a), (F2,)),
    (lambda a: np.nanargmax(a), (F2,)),
    (lambda a: np.nanargmin(a, axis=0), (F2,)),
    (lambda a: np.nanargmax(a, axis=1), (F2,)),
    (lambda a: np.nanargmin(a, -1), (F2,)),
    (lambda a: np.nanargmin(a, axis=1, keepdims=True), (F2,)),
    (lambda a: np.nanargmax(a, keepdims=True), (F2,)),
    (lambda a: np.nanargmin(a), (F2.T,)),
    (lambda a: np.nanargmax(a, axis=0), (F2[:, ::-2],)),
    (lambda a: np.nanargmin(a, axis=1), (F3,)),
    (lambda a: np.nanargmax(a, axis=2), (F3,)),
    (lambda a: np.nanargmin(a, axis=0), (F3,)),
    (lambda a: np.nanargmax(a), (F3,)),
    (lambda a: np.nanargmin(a), (F2.astype(np.float32),)),
    (lambda a: np.nanargmax(a, axis=0), (F2.astype(np.float32),)),
    (lambda a: np.nanargmin(a), (np.array([NAN, np.inf, 3.0]),)),
    (lambda a: np.nanargmin(a), (np.array([NAN, np.inf]),)),
    (lambda a: np.nanargmax(a), (np.array([NAN, -np.inf]),)),
    (lambda a: np.nanargmin(a, 0), (np.array([4.0, NAN, 1.0, 1.0]),)),
    (lambda a: np.nanargmin(a), (np.array([3, 1, 4, 1, 5], np.int32),)),
    (lambda a: np.nanargmax(a, axis=1), (I,)),
    (lambda a: np.nanargmax(a), (np.array([False, True, True]),)),
    (lambda a: np.nanargmin(a),
     (np.array([1 + NAN * 1j, 2 + 0j, 1 + 1j, 1 - 1j]),)),
    (lambda a: np.nanargmax(a), (np.array([NAN + 0j, 2 + 0j, 2 + 1j]),)),
    (lambda a: np.nanargmin(a, axis=1), (np.zeros((0, 3)),)),
]


@pytest.mark.parametrize("k", range(len(NANARG)))
def test_nan_arg_functions_match_numpy(k):
    f, args = NANARG[k]
    check(f, *args)


RAISES = [
    (lambda i: np.unravel_index(i, (2, 3)), (6,)),
    (lambda i: np.unravel_index(i, (2, 3)), (-1,)),
    (lambda i: np.unravel_index(i, (2, 0)), (0,)),
    (lambda a: np.unravel_index(a, (2, 3)), (np.array([1, 7, 9]),)),
    (lambda a: np.unravel_index(a, (2, 3)), (np.array([1.0]),)),
    (lambda x: np.unravel_index(x, (2, 3)), (1.0,)),
    (lambda i: np.unravel_index(i, (2, 3), order="A"), (1,)),
    (lambda i: np.unravel_index(i, (2, 3), order="X"), (1,)),
    (lambda i, j: np.ravel_multi_index((i, j), (2, 3)), (1, 3)),
    (lambda i, j: np.ravel_multi_index((i, j), (2, 3)), (-1, 0)),
    (lambda i: np.ravel_multi_index((i,), (2, 3)), (1,)),
    (lambda i, j: np.ravel_multi_index((i, j), 3), (1, 1)),
    (lambda i, j: np.ravel_multi_index((i, j), (2, 3), mode="bad"), (1, 1)),
    (lambda i, j: np.ravel_multi_index((i, j), (2, 3), mode=("clip",)),
     (1, 1)),
    (lambda i, j: np.ravel_multi_index((i, j), (0, 3), mode="wrap"), (1, 1)),
    (lambda i, j: np.ravel_multi_index((i, j), (2**40, 2**40)), (1, 1)),
    (lambda i, j: np.ravel_multi_index((i, j), (2, 3), order="K"), (1, 1)),
    (lambda x, j: np.ravel_multi_index((x, j), (2, 3)), (1.0, 1)),
    (lambda a: np.ravel_multi_index((a, a), (2, 3)), (np.array([0, 2]),)),
    (lambda a: np.ravel_multi_index(a, (2, 3)), (np.array([[0], [1], [2]]),)),
    (lambda a: np.ravel_multi_index(a, (2, 3, 4)), (np.array([1, 2]),)),
    (lambda i: np.ravel_multi_index([i, i], (2, 3, 4)), (1,)),
    (lambda i, j: np.ravel_multi_index((i, j), (2, -3)), (1, 1)),
    (lambda a: np.ravel_multi_index((a, a), (2, -3)), (np.array([0, 1]),)),
    (lambda x: np.meshgrid(x, x, indexing="q"), (X3,)),
    (lambda a: np.diag_indices_from(a), (np.zeros((2, 3)),)),
    (lambda a: np.diag_indices_from(a), (np.zeros(3),)),
    (lambda a: np.nanargmin(a), (np.array([NAN, NAN]),)),
    (lambda a: np.nanargmax(a, axis=1), (F3 * NAN,)),
    (lambda a: np.nanargmin(a, axis=0), (np.array([[NAN, 1.0], [NAN, 2.0]]),)),
    (lambda a: np.nanargmin(a), (np.zeros(0),)),
    (lambda a: np.nanargmax(a), (np.zeros((0, 2), np.int32),)),
    (lambda a: np.nanargmin(a, axis=1), (np.zeros((2, 0)),)),
    (lambda a: np.nanargmax(a, axis=0), (np.zeros((0, 3)),)),
]


@pytest.mark.parametrize("k", range(len(RAISES)))
def test_numpy_exceptions_and_messages(k):
    f, args = RAISES[k]
    with pytest.raises(Exception) as want:
        f(*args)
    with pytest.raises(want.type, match=re.escape(str(want.value))):
        kern.njit(f)(*args)


def test_negative_dimensions_are_refused_where_numpy_gives_no_meaning():
    # NumPy answers garbage (or an "out of bounds for size -6" message)
    with pytest.raises(ValueError, match="negative dimensions"):
        kern.njit(lambda i: np.unravel_index(i, (-2, -3)))(1)
    with pytest.raises(ValueError, match="negative dimensions"):
        kern.njit(lambda i: np.ravel_multi_index((i, i), (2, -3),
                                                 mode="wrap"))(1)


def test_out_of_range_axis_and_runtime_options_are_located_errors():
    with pytest.raises(kern.TypingError, match="axis 2 is out of bounds"):
        kern.njit(lambda a: np.nanargmin(a, axis=2))(F2)
    with pytest.raises(kern.TypingError):
        kern.njit(lambda a, s: np.meshgrid(a, a, sparse=s))(X3, True)
