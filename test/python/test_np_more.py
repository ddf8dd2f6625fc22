"""NumPy functions of kern/np/indexing.py, conversion.py, nanfuncs.py,
sums.py and the modes and axes added to numeric.py, manipulation.py and
logic.py: values, shapes and dtypes as NumPy's, and NumPy's exceptions."""

import warnings

import numpy as np
import pytest

import kern
from numpy_compare import same_structure

M = np.arange(12.0).reshape(3, 4)
T3 = np.arange(24).reshape(2, 3, 4)
A = np.array([0.5, -1.25, 2.0, 3.5, -0.75, 1.5])
Q = np.array([1.0, np.nan, 3.0, -2.0, np.nan, 0.5])
MQ = np.array([[1.0, np.nan, 2.0], [np.nan, 4.0, -1.0]])
S = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
G = np.array([[2.0, 1.0, 0.0], [0.5, 3.0, 1.0], [0.0, 0.5, 5.0]])
C = np.array([1 + 2j, -0.5 + 1j, 3 - 1j, 0.25 - 2j])
I32 = np.arange(5, dtype=np.int32)


def same(got, want):
    """kern's result equals NumPy's: tuples item by item, arrays in shape,
    dtype and values, a returned scalar of the kind of NumPy's."""
    same_structure(got, want, lambda g, w: np.testing.assert_allclose(
        g, w, rtol=1e-13, atol=1e-14, equal_nan=True))


def check(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        want = f(*[a.copy() if isinstance(a, np.ndarray) else a
                   for a in args])
    same(kern.njit(f)(*args), want)


INDEXING = [
    (lambda n: np.triu_indices(n), (3,)),
    (lambda n: np.triu_indices(n), (0,)),
    (lambda n, k, m: np.tril_indices(n, k, m), (4, 1, 3)),
    (lambda n, k, m: np.triu_indices(n, k, m), (4, -1, 2)),
    (lambda n, k, m: np.tril_indices(n, k=k, m=m), (2, 0, 5)),
    (lambda a: np.triu_indices_from(a), (M,)),
    (lambda a: np.tril_indices_from(a, -1), (M,)),
    (lambda a: np.triu_indices_from(a, 1), (S,)),
    (lambda: np.indices((2, 3)), ()),
    (lambda n, m: np.indices((n, 2, m)), (2, 3)),
    (lambda n: np.indices((n,)), (4,)),
    (lambda n: np.indices((n, 3)), (0,)),
    (lambda a, i: np.take_along_axis(a, i, 1),
     (M, np.array([[0, 3], [1, 1], [2, -1]]))),
    (lambda a, i: np.take_along_axis(a, i, 0), (M, np.array([[0, 2, 1, 1]]))),
    (lambda a, i: np.take_along_axis(a, i, axis=1), (M, np.array([[0, 3]]))),
    (lambda a: np.take_along_axis(a, np.argsort(a), 0), (A,)),
    (lambda a, i: np.take_along_axis(a, i, None), (M, np.array([5, 0, 11]))),
    (lambda a, i: np.take_along_axis(a, i, 1),
     (T3, np.array([[[0, 1, 2, 0]], [[2, 2, 1, 1]]], np.int32))),
    (lambda a: np.take_along_axis(a, np.argsort(-a), -1), (T3,)),
    (lambda a: np.extract(a > 3, a), (M,)),
    (lambda c, a: np.extract(c, a), (np.array([1, 0, 1, 1, 0]), I32[:4])),
    (lambda a: np.insert(a, 2, 9.0), (A,)),
    (lambda a: np.insert(a, -1, 9.5), (I32,)),
    (lambda a, v: np.insert(a, 5, v), (I32, np.array([7.0, 8.0]))),
    (lambda a, i: np.insert(a, i, 9.0), (A[:5], np.array([0, 2, 2, 5, -1]))),
    (lambda a, i, v: np.insert(a, i, v),
     (A[:5], np.array([3, 1]), np.array([10.0, 20.0]))),
    (lambda a, i, v: np.insert(a, i, v), (M, np.array([3]), np.ones(2))),
    (lambda a, i: np.insert(a, i, 9.0), (np.zeros(0), np.array([0]))),
    (lambda v: np.diagflat(v), (np.array([1.0, 2.0, 3.0]),)),
    (lambda v: np.diagflat(v, 1), (S,)),
    (lambda v: np.diagflat(v, -2), (np.array([1, 2]),)),
    (lambda v: np.diagflat(v), (2.5,)),
    (lambda a: np.resize(a, (3, 4)), (A[:5],)),
    (lambda a: np.resize(a, 5), (M,)),
    (lambda a: np.resize(a, (2, 0)), (M,)),
    (lambda a: np.resize(a, (2, 3)), (np.zeros(0, np.int32),)),
    (lambda x: np.resize(x, (2, 2)), (7,)),
    (lambda a: np.sort(a[np.argpartition(a, 2)])[2] == np.partition(a, 2)[2],
     (A,)),
    (lambda a: np.argpartition(a, 4)[4] == np.argsort(a)[4], (I32[::-1],)),
    (lambda a: np.argsort(a, kind="mergesort"), (np.array([3, 1, 2, 1]),)),
]


@pytest.mark.parametrize("k", range(len(INDEXING)))
def test_indexing(k):
    check(*INDEXING[k][:1], *INDEXING[k][1])


CONVERSION = [
    (lambda a: np.ascontiguousarray(a.T), (M,)),
    (lambda x: np.ascontiguousarray(x), (1.5,)),
    (lambda a: np.ascontiguousarray(a, np.float32), (M,)),
    (lambda a: np.asfortranarray(a), (M,)),
    (lambda a: np.asfortranarray(a), (I32,)),
    (lambda a: np.asfortranarray(a, np.int32), (M,)),
    (lambda a: np.asarray_chkfinite(a), (M,)),
    (lambda a: np.asarray_chkfinite(a, np.float64), (I32,)),
    (lambda a, b: np.row_stack((a, b)), (A, A)),
    (lambda a, b: np.row_stack((a, b)), (M, np.arange(4))),
    (lambda: np.broadcast_shapes((3, 1), (1, 4)), ()),
    (lambda: np.broadcast_shapes((2, 3), (3,)), ()),
    (lambda n, m: np.broadcast_shapes((n, 1), (m,), (1, 1, 1)), (5, 7)),
    (lambda a, b: np.broadcast_shapes(a.shape, b.shape),
     (M, np.ones((2, 1, 1)))),
    (lambda: np.broadcast_shapes(5, (2, 1)), ()),
    (lambda: np.broadcast_shapes((2, 3)), ()),
    (lambda a: np.unwrap(a * 3), (A,)),
    (lambda a: np.unwrap(a * 3), (M,)),
    (lambda a: np.unwrap(a * 3, axis=0), (M,)),
    (lambda a: np.unwrap(a), (np.array([0, 7, 1, 9]),)),
    (lambda a: np.unwrap(a, period=4), (np.array([0.0, 3.0, 5.0, 9.0, 1.0]),)),
    (lambda a: np.unwrap(a, 4.0), (np.array([0.0, 3.0, 5.0, 9.0, 1.0]),)),
    (lambda a: np.unwrap(a), (np.zeros(0),)),
    (lambda a: np.unwrap(a), (np.array([0.0, np.pi, 0.0, -np.pi, 0.0]),)),
    (lambda a: np.unwrap(a), (np.array([0.5, -1.25, 9.0], np.float32),)),
]


@pytest.mark.parametrize("k", range(len(CONVERSION)))
def test_conversion(k):
    check(CONVERSION[k][0], *CONVERSION[k][1])


def test_contiguous_copy_is_not_a_view():
    c = kern.njit(lambda m: np.ascontiguousarray(m.T))(M)
    assert c.flags.c_contiguous and not np.shares_memory(c, M)


NAN = [(lambda a: np.nancumsum(a), (Q,)), (lambda a: np.nancumprod(a), (Q,))]
for _a in (MQ, I32, np.array([True, False, True]), np.zeros(0),
           np.array([1 + 1j, complex(np.nan, 1), 2j]),
           np.array([1.5, np.nan], np.float32)):
    NAN += [(lambda a: np.nancumsum(a), (_a,)),
            (lambda a: np.nancumprod(a), (_a,))]
NAN += [
    (lambda a: np.nancumsum(a, axis=0), (MQ,)),
    (lambda a: np.nancumprod(a, 1), (MQ,)),
    (lambda a: np.nancumsum(a, axis=-1), (MQ,)),
    (lambda a: np.nancumprod(a, axis=0), (np.arange(6, dtype=np.int16)
                                          .reshape(2, 3),)),
    (lambda a: np.nanpercentile(a, 30.0), (Q,)),
    (lambda a, q: np.nanpercentile(a, q), (MQ, np.array([10.0, 90.0]))),
    (lambda a: np.nanquantile(a, 0.3), (Q,)),
    (lambda a, q: np.nanquantile(a, q), (MQ, np.array([[0.1, 0.9],
                                                        [0.0, 1.0]]))),
    (lambda a: np.nanpercentile(a, 50), (np.array([3, 1, 2, 7]),)),
]


@pytest.mark.parametrize("k", range(len(NAN)))
def test_nan_functions(k):
    check(NAN[k][0], *NAN[k][1])


def test_nanquantile_of_only_nans_is_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        check(lambda a: np.nanquantile(a, 0.3), np.array([np.nan, np.nan]))


SUMS = [
    (lambda a: a.sum(axis=0, dtype=np.float64), (I32,)),
    (lambda a: a.sum(axis=1, dtype=np.int32), (M,)),
    (lambda a: a.sum(axis=-1, dtype=np.complex128), (M,)),
    (lambda a: a.sum(axis=0, dtype=np.float32), (M,)),
    (lambda a: np.sum(a, axis=0, dtype=np.float32), (M,)),
    (lambda a: np.sum(a, 0, np.float32), (A,)),
    (lambda a: a.sum(dtype=np.int32), (A,)),
    (lambda a: a.sum(axis=1), (M,)),
    (lambda a: np.count_nonzero(a > 5, axis=0), (M,)),
    (lambda a: np.count_nonzero(a, axis=1), (np.array([[1, 0, 3], [0, 0, 6]],
                                                      np.int8),)),
    (lambda a: np.count_nonzero(a, axis=-1), (np.array([1 + 0j, 0j]),)),
    (lambda a: np.count_nonzero(a, axis=0), (np.zeros((0, 3)),)),
    (lambda a: np.count_nonzero(a), (M,)),
]


@pytest.mark.parametrize("k", range(len(SUMS)))
def test_sums_and_counts(k):
    check(SUMS[k][0], *SUMS[k][1])


def test_sum_with_dtype_converts_first():
    f = kern.njit(lambda a: (a.sum(dtype=np.float32), a.sum(dtype=np.int8),
                             np.sum(a, dtype=np.int64)))
    a = np.array([100, 100, 100, 0.75])
    got = f(a)
    assert got == (float(a.sum(dtype=np.float32)), int(a.sum(dtype=np.int8)),
                   int(np.sum(a, dtype=np.int64)))


_RNG = np.random.default_rng(1)
PRODUCTS = []
for _n, _m in [(6, 3), (3, 6), (5, 2), (2, 5), (4, 4), (1, 3), (7, 4), (4, 7)]:
    _x, _v = _RNG.random(_n), _RNG.random(_m)
    PRODUCTS += [(lambda a, v: np.convolve(a, v), (_x, _v)),
                 (lambda a, v: np.correlate(a, v), (_x, _v)),
                 (lambda a, v: np.convolve(a, v, "full"), (_x, _v)),
                 (lambda a, v: np.convolve(a, v, "same"), (_x, _v)),
                 (lambda a, v: np.convolve(a, v, mode="valid"), (_x, _v)),
                 (lambda a, v: np.correlate(a, v, "full"), (_x, _v)),
                 (lambda a, v: np.correlate(a, v, mode="same"), (_x, _v)),
                 (lambda a, v: np.correlate(a, v, "valid"), (_x, _v))]
PRODUCTS += [
    (lambda a: np.correlate(a, a), (C,)),
    (lambda a, v: np.correlate(a, v, "full"), (C, C[:2] * 1j)),
    (lambda a, v: np.convolve(a, v, "same"), (I32, np.array([1, 2]))),
    (lambda a, b: np.cross(a, b), (S[0], G[1])),
    (lambda a, b: np.cross(a, b), (S, G)),
    (lambda a, b: np.cross(a, b), (S, G[0])),
    (lambda a, b: np.cross(a, b), (T3[:, :, :3], np.arange(3))),
    (lambda a, b: np.cross(a, b), (np.arange(6).reshape(2, 1, 3),
                                   np.arange(12.0).reshape(4, 3))),
    (lambda a, b: np.cross(a, b), (np.array([1, 2]), np.array([3, 4, 5]))),
    (lambda a, b: np.cross(a, b), (np.array([[1, 2, 3]]), np.array([[3, 4]]))),
    (lambda a, b: np.cross(a, b), (C[:3], np.array([3, 4, 5j]))),
]


@pytest.mark.parametrize("k", range(len(PRODUCTS)))
def test_products(k):
    check(PRODUCTS[k][0], *PRODUCTS[k][1])


MANIPULATION = [
    (lambda a: np.append(a, a, axis=0), (M,)),
    (lambda a: np.append(a, a, axis=1), (M,)),
    (lambda a, b: np.append(a, b, axis=-1), (M, np.arange(3).reshape(3, 1))),
    (lambda a, b: np.append(a, b, axis=0), (A, I32)),
    (lambda a, b: np.ediff1d(a, to_begin=b), (A, np.array([1.0, -2.0]))),
    (lambda a, b: np.ediff1d(a, to_end=b), (A, np.array([1.0, -2.0]))),
    (lambda a, b, c: np.ediff1d(a, b, c), (M, np.array([[9.0]]), 7.0)),
    (lambda a: np.ediff1d(a, to_begin=3), (I32,)),
    (lambda a, b: np.ediff1d(a, to_begin=b), (np.zeros(0), np.ones(1))),
    (lambda a: np.ediff1d(a, to_end=1.5), (np.array([2.0]),)),
    (lambda x: np.repeat(x, 3), (1.5,)),
    (lambda x: np.repeat(x, 2), (7,)),
    (lambda x, r: np.repeat(x, r), (7, np.array([3]))),
    (lambda x: np.repeat(x, 0), (True,)),
    (lambda a: a.repeat(2), (M,)),
    (lambda a, r: a.repeat(r), (I32[:3], np.array([1, 0, 2]))),
]


@pytest.mark.parametrize("k", range(len(MANIPULATION)))
def test_manipulation(k):
    check(MANIPULATION[k][0], *MANIPULATION[k][1])


SRT = np.array([0.0, 1.0, 2.5, 4.0, 7.0])
INTERP = [
    (lambda x, p: np.interp(x, p, p ** 2, -1.0, 99.0), (A * 3, SRT)),
    (lambda x, p: np.interp(x, p, p ** 2, left=-1.0), (A * 3, SRT)),
    (lambda x, p: np.interp(x, p, p ** 2, right=5), (A * 3, SRT)),
    (lambda x, p: np.interp(x, p, p * 2, left=-1.0), (-1.5, SRT)),
    (lambda x, p: np.interp(x, p, p * 2, right=-1.0), (10.5, SRT)),
    (lambda x, p, f: np.interp(x, p, f, period=360),
     (np.array([-180, -170, -185, 185, -10, -5, 0, 365]),
      np.array([190, -190, 350, -350]), np.array([5, 10, 3, 4]))),
    (lambda x, p, f: np.interp(x, p, f, period=2.5), (A, SRT, SRT ** 2)),
    (lambda x, p, f: np.interp(x, p, f, period=-2.5), (1.75, SRT, SRT ** 2)),
    (lambda x, p, f: np.interp(x, p, f), (A, np.array([1.0]),
                                          np.array([3.0]))),
    (lambda x, p: np.interp(x, p, p ** 2), (np.array([np.nan, np.inf,
                                                      -np.inf]), SRT)),
    (lambda x, p: np.interp(x, p, p ** 2), (M * 0.5, SRT)),
]


@pytest.mark.parametrize("k", range(len(INTERP)))
def test_interp_edges_and_periods(k):
    check(INTERP[k][0], *INTERP[k][1])


_CN = np.array([complex(np.nan, 1), complex(1, np.nan), 1 + 1j,
                complex(np.nan, np.nan), complex(np.nan, 0), 1 + 0j,
                complex(0, np.nan), -1j])
COMPLEX_SORTS = [
    (lambda a: np.sort(a), (C,)), (lambda a: np.sort(a), (_CN,)),
    (lambda a: np.argsort(a), (C,)), (lambda a: np.argsort(a), (_CN,)),
    (lambda a: np.sort(a), (np.append(C, C[:2]).reshape(2, 3),)),
    (lambda a: np.sort(a), (C.astype(np.complex64),)),
    (lambda a: a.argsort(), (C,)),
]


@pytest.mark.parametrize("k", range(len(COMPLEX_SORTS)))
def test_complex_sorts_in_numpys_order(k):
    check(COMPLEX_SORTS[k][0], *COMPLEX_SORTS[k][1])


SHAPES = [
    (lambda a: a.clip(-1.0, 1.0), (M / 4,)),
    (lambda a: a.clip(2, 5), (I32,)),
    (lambda a: a.clip(2.5, 5), (I32,)),
    (lambda a: a.clip(None, 1.0), (A,)),
    (lambda a: a.clip(min=0.0), (A,)),
    (lambda a, b: a.clip(0.0, b), (M, M[0])),
    (lambda x: np.broadcast_to(x, (2, 2)), (1.5,)),
    (lambda x: np.broadcast_to(x, (3,)), (7,)),
    (lambda a, b: np.atleast_1d(a, b), (I32, M)),
    (lambda a, b: np.atleast_1d(a, b, a), (I32, 2.0)),
    (lambda a, b: np.atleast_2d(a, b), (I32, M)),
    (lambda a, b: np.atleast_3d(a, b, b), (I32, M)),
    (lambda x, y: np.atleast_2d(x, y), (1.5, 3)),
    (lambda x: np.atleast_3d(x), (2.5,)),
]


@pytest.mark.parametrize("k", range(len(SHAPES)))
def test_shape_forms(k):
    check(SHAPES[k][0], *SHAPES[k][1])


def fill(a, v):
    np.fill_diagonal(a, v)
    return a


def fill_wrapped(a, v):
    np.fill_diagonal(a, v, True)
    return a


@pytest.mark.parametrize("shape,val", [
    ((3, 3), np.array([1.0, -2.0, 0.5])), ((7, 3), np.array([1.0, 2.0])),
    ((3, 5), np.array([1, 2, 3, 4])), ((7, 3), 5.0),
    ((3, 3, 3), np.array([1.0, 2.0])), ((2, 2), np.full((2, 2), 3.0))])
def test_fill_diagonal_with_arrays_and_wrap(shape, val):
    for f in (fill, fill_wrapped):
        want = f(np.zeros(shape, np.int32), val)
        got = kern.njit(f)(np.zeros(shape, np.int32), val)
        assert got.dtype == want.dtype and np.array_equal(got, want)


def test_fill_diagonal_of_unequal_sides_raises():
    with pytest.raises(ValueError, match="equal length"):
        kern.njit(fill)(np.zeros((3, 2, 3)), 1.0)


RAISES = [
    (lambda x, p: np.interp(x, p, p, period=0), (A, SRT), ValueError),
    (lambda x, p: np.interp(x, p, p), (A, np.zeros(0)), ValueError),
    (lambda x, p: np.interp(x, p, p[:3]), (A, SRT), ValueError),
    (lambda a: np.tril_indices_from(a), (A,), ValueError),
    (lambda a, i: np.take_along_axis(a, i, 1), (M, np.array([[0, 4]])),
     IndexError),
    (lambda c, a: np.extract(c, a), (np.array([0, 0, 1]), A[:2]), IndexError),
    (lambda a: np.insert(a, 7, 1), (I32,), IndexError),
    (lambda a, i, v: np.insert(a, i, v),
     (A[:5], np.array([3, 1, 0]), np.array([10.0, 20.0])), ValueError),
    (lambda a, n: np.resize(a, (2, n)), (M, -3), ValueError),
    (lambda a: np.argpartition(a, 9), (A,), ValueError),
    (lambda a: np.asarray_chkfinite(a), (Q,), ValueError),
    (lambda a: np.asarray_chkfinite(a), (np.array([1.0, -np.inf]),),
     ValueError),
    (lambda n: np.broadcast_shapes((2, 3), (n,)), (4,), ValueError),
    (lambda a: np.nanquantile(a, 1.3), (Q,), ValueError),
    (lambda a: np.nanpercentile(a, -1), (Q,), ValueError),
    (lambda a, v: np.convolve(a, v, "nope"), (A, A), ValueError),
    (lambda a, v: np.convolve(a, v), (np.zeros(0), A), ValueError),
    (lambda a, v: np.correlate(a, v, "same"), (A, np.zeros(0)), ValueError),
    (lambda a, b: np.cross(a, b), (np.ones(4), np.ones(3)), ValueError),
    (lambda a, b: np.cross(a, b), (np.ones((2, 3)), np.ones((3, 3))),
     ValueError),
]


@pytest.mark.parametrize("k", range(len(RAISES)))
def test_numpy_exceptions(k):
    f, args, exc = RAISES[k]
    with pytest.raises(exc):
        f(*args)
    with pytest.raises(exc):
        kern.njit(f)(*args)


def test_two_2_vectors_are_refused_as_in_numba():
    with pytest.raises(ValueError, match="both inputs is 2"):
        kern.njit(lambda a, b: np.cross(a, b))(np.ones(2), np.ones(2))
