"""Views, strides and array attributes (kern/frontend/views.py,
flatiter.py): a.view(dtype) and scalar bitcasts, as_strided,
sliding_window_view, np.frombuffer, a.flags, a.flat, np.nditer and
np.dtype(...) -- values, shapes and dtypes as NumPy's, NumPy's exceptions,
and writes through the views reaching the array."""

import numpy as np
import pytest

import kern
from numpy.lib.stride_tricks import as_strided, sliding_window_view
from numpy_compare import same_structure

A = np.array([0.5, -1.25, 2.0, 3.5, -0.75, 1.5])
M = np.array([[1.5, -2.0, 0.25, 4.0], [3.0, 0.5, -1.0, 2.0],
              [-0.5, 2.5, 1.0, -3.0]])
T3 = np.arange(60.0).reshape(3, 4, 5) * 0.5 - 7.0
I32 = np.arange(6, dtype=np.int32) - 2
REC = np.array([(1.0, 2), (3.0, 4), (5.0, 6)],
               dtype=[("x", "f8"), ("y", "i8")])


def same(got, want):
    if isinstance(want, bytes):  # a.tobytes()
        assert type(got) is bytes and got == want, (got, want)
        return
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            same(g, w)
        return
    same_structure(got, want, lambda g, w: np.testing.assert_array_equal(
        g, w))


def check(f, *args):
    """kern's f(*args) equals NumPy's (f must not write into args)."""
    want = f(*args)
    same(kern.njit(f)(*args), want)


def check_writes(f, make):
    """f writes into the arrays `make()` returns: each side gets its own."""
    want = f(*make())
    same(kern.njit(f)(*make()), want)


def raises(f, exc, match, *args):
    with pytest.raises(exc, match=match):
        f(*args)
    with pytest.raises(exc, match=match):
        kern.njit(f)(*args)


# ---- a.view(dtype) ------------------------------------------------------------

VIEWS = [
    (lambda a: a.view(np.int64), (A,)),
    (lambda a: a.view(np.int32), (A,)),
    (lambda a: a.view(np.uint8), (A[1:3],)),
    (lambda m: m.view(np.uint64), (M,)),
    (lambda m: m.view(np.int16), (M,)),
    (lambda m: m.T.view(np.int64), (M,)),         # same size: any layout
    (lambda m: m[::-1, 1:].view(np.float32), (M,)),
    (lambda i: i.view(np.float64), (I32,)),      # larger: last axis halves
    (lambda i: i.reshape(3, 2).view(np.int64), (I32,)),
    (lambda i: i.view(np.uint32), (I32,)),
    (lambda i: i.view('f4'), (I32,)),
    (lambda i: i.view(dtype=np.dtype('int16')), (I32,)),
    (lambda t: t[:, ::2].view(np.complex128), (T3[:, :, :4],)),
    (lambda b: b.view(np.uint8), (np.array([True, False, True]),)),
    (lambda u: u.view(np.bool_), (np.array([0, 1, 0, 1], np.uint8),)),
    (lambda a: a.view(np.float64), (A,)),
]


@pytest.mark.parametrize("f,args", VIEWS)
def test_view(f, args):
    check(f, *args)


def test_view_writes_reach_the_array_and_fresh_arrays():
    def f(a):
        v = a.view(np.uint64)
        v[0] = 0
        v[1] ^= np.uint64(1) << np.uint64(63)   # flips the sign bit
        return a

    def g(n):
        return np.arange(n * 1.0).view(np.int64), \
            np.arange(2 * n).reshape(2, n).view(np.float64)[1]
    check_writes(f, lambda: (A.copy(),))
    check(g, 4)


def test_view_errors():
    raises(lambda m: m[:, ::2].view(np.int32), ValueError,
           "last axis must be contiguous", M)
    raises(lambda i: i[:5].view(np.int64), ValueError,
           "larger dtype, its size must be a divisor", I32)
    with pytest.raises(kern.TypingError, match="unsupported dtype 'V3'"):
        kern.njit(lambda c: c.view(np.dtype('V3')))(A)
    with pytest.raises(kern.TypingError, match="itemsize is unchanged"):
        kern.njit(lambda x: np.float64(x).view(np.int32))(1.0)


def test_view_of_records_is_refused():
    with pytest.raises(kern.UnsupportedError, match="records"):
        kern.njit(lambda r: r.view(np.int64))(REC)


# ---- scalar bitcasts ------------------------------------------------------------

SCALAR_VIEWS = [
    lambda x, i: np.float64(x).view(np.int64),
    lambda x, i: np.float64(-x).view(np.uint64),
    lambda x, i: np.int32(i).view(np.float32),
    lambda x, i: np.int64(-1).view(np.uint64),
    lambda x, i: np.uint32(i).view(np.int32),
    lambda x, i: np.float32(x).view(np.int32) >> 23,
    lambda x, i: np.int64(i).view(np.float64) == np.float64(5e-324) * i,
]


@pytest.mark.parametrize("f", SCALAR_VIEWS)
def test_scalar_view_bitcast(f):
    check(f, 1.5, 7)
    check(f, -0.0, 2 ** 31 - 1)


# ---- stride_tricks ---------------------------------------------------------------

STRIDED = [
    (lambda a: np.lib.stride_tricks.as_strided(a, (3, 2), (16, 8)), (A,)),
    (lambda m: as_strided(m, shape=(2, 2), strides=(32, 8)), (M,)),
    (lambda m: as_strided(m[0], strides=(0,), shape=(5,)), (M,)),
    (lambda m: as_strided(m), (M.T,)),
    (lambda a: as_strided(a[::-1], (2, 3), (-24, -8)), (A,)),
    (lambda a: as_strided(a, (4, 3), (a.strides[0],) * 2), (A,)),
    (lambda i: as_strided(i, (3,), (8,)), (I32,)),
]


@pytest.mark.parametrize("f,args", STRIDED)
def test_as_strided(f, args):
    check(f, *args)


def test_as_strided_writes_and_errors():
    def f(a):
        w = as_strided(a, (3,), (16,))
        w[:] = -1.0
        return a
    check_writes(f, lambda: (A.copy(),))
    with pytest.raises(kern.TypingError, match="mismatch in length"):
        kern.njit(lambda a: as_strided(a, (3, 2), (8,)))(A)
    with pytest.raises(kern.TypingError, match="readonly"):
        def g(a):
            w = as_strided(a, writeable=False)
            w[0] = 1.0
            return w
        kern.njit(g)(A.copy())
    with pytest.raises(ValueError, match="multiple of the item size"):
        kern.njit(lambda a: as_strided(a, (2,), (12,)))(A)


WINDOWS = [
    (lambda a: np.lib.stride_tricks.sliding_window_view(a, 3), (A,)),
    (lambda m: np.lib.stride_tricks.sliding_window_view(m, (2, 2)), (M,)),
    (lambda m: sliding_window_view(m, 2, axis=0), (M,)),
    (lambda m: sliding_window_view(m, (2, 3), axis=(1, 0)), (M,)),
    (lambda m: sliding_window_view(m, 3, axis=-1), (M.T,)),
    (lambda t: sliding_window_view(t, (2, 2), axis=(0, 2)), (T3[:, ::-1],)),
    (lambda a: sliding_window_view(a, (2, 2), axis=(0, 0)), (A,)),
    (lambda a, n: sliding_window_view(a, n).sum(axis=1), (A, 4)),
]


@pytest.mark.parametrize("f,args", WINDOWS)
def test_sliding_window_view(f, args):
    check(f, *args)


def test_sliding_window_view_errors():
    raises(lambda a: sliding_window_view(a, 7), ValueError,
           "window shape cannot be larger", A)
    raises(lambda a, n: sliding_window_view(a, n), ValueError,
           "cannot contain negative", A, -1)
    with pytest.raises(kern.TypingError, match="must provide window_shape"):
        kern.njit(lambda m: sliding_window_view(m, 2))(M)
    with pytest.raises(kern.TypingError, match="readonly"):
        def g(a):
            w = sliding_window_view(a, 2)
            w[0, 0] = 1.0
            return w
        kern.njit(g)(A.copy())


# ---- np.frombuffer -------------------------------------------------------------

BUFFERS = [
    (lambda m: np.frombuffer(m), (M,)),
    (lambda m: np.frombuffer(m, np.int32, 3, 8), (M,)),
    (lambda m: np.frombuffer(m, dtype=np.uint8, offset=90), (M,)),
    (lambda i: np.frombuffer(i, np.int16, count=4), (I32,)),
    (lambda m: np.frombuffer(m[1:], np.int64), (M,)),
    (lambda m: np.frombuffer(m[:0]), (M,)),
]


@pytest.mark.parametrize("f,args", BUFFERS)
def test_frombuffer(f, args):
    check(f, *args)


def test_frombuffer_errors():
    f = lambda m, c, o: np.frombuffer(m, np.int32, c, o)
    raises(f, ValueError, "smaller than requested", M, 30, 8)
    raises(f, ValueError, r"no greater than buffer length \(96\)", M, 2, -1)
    raises(f, ValueError, r"no greater than buffer length \(96\)", M, 2, 97)
    raises(f, ValueError, "not C-contiguous", M.T, 2, 0)
    raises(lambda m: np.frombuffer(m, np.complex128, offset=8), ValueError,
           "multiple of element size", M)


# ---- a.flags ---------------------------------------------------------------------

def flags_1d(m):
    return (m.flags.c_contiguous, m.flags.f_contiguous,
            m[::2].flags.contiguous, m[:0].flags.c_contiguous,
            m.flags.writeable, m.flags.aligned)


def flags(m):
    return (m.flags.c_contiguous, m.flags.f_contiguous, m.flags.contiguous,
            m.T.flags.f_contiguous, m[:, ::2].flags.contiguous,
            m[:1].flags.c_contiguous, m[:, :1].flags.f_contiguous,
            m[::-1].flags.c_contiguous, m[:0].flags.f_contiguous,
            m.flags.writeable, m.flags.aligned)


@pytest.mark.parametrize("m", [M, np.asfortranarray(M), M[:, ::-1], M[:2],
                               A, A[::2], T3[:, :1], np.ones((1, 1, 3))])
def test_flags(m):
    check(flags_1d if m.ndim == 1 else flags, m)


def test_flags_of_views_and_records():
    check(lambda r: (r.flags.c_contiguous, r[::2].flags.c_contiguous,
                     r.flags.aligned), REC)
    check(lambda a: (sliding_window_view(a, 2).flags.writeable,
                     a.view(np.int16)[1:].flags.aligned), A)
    ro = A.copy()
    ro.flags.writeable = False
    check(lambda a: a.flags.writeable, ro)
    with pytest.raises(kern.UnsupportedError, match="owndata"):
        kern.njit(lambda a: a.flags.owndata)(A)
    with pytest.raises(kern.UnsupportedError, match="as a value"):
        kern.njit(lambda a: a.flags)(A)


# ---- a.flat ----------------------------------------------------------------------

def flat_sum(m):
    acc = 0.0
    for e in m.flat:
        acc = acc * 0.5 + e
    return acc


def flat_jumps(m):
    acc, n = 0.0, 0
    for e in m.flat:
        if e < 0:
            continue
        if e > 10.0:
            break
        acc += e
        n += 1
    return acc, n


def flat_enumerate(m):
    acc = 0.0
    for k, e in enumerate(m.flat):
        if k == 3:
            continue
        acc = acc * 0.5 + k * e
    return acc, len(m.flat)


def flat_enumerate_nest(m):
    acc = 0.0
    for k, e in enumerate(m.flat):
        acc = acc * 0.5 + k * e
    return acc


def flat_items(m, i):
    return m.flat[5], m.flat[i], m.flat[-1], m.T.flat[i]


def flat_writes(m, i):
    m.flat[3] = 100.0
    m.flat[i] += 1.0
    m.flat[-1] = -7
    for e in m.flat:
        m.flat[0] += e
    return m


@pytest.mark.parametrize("m", [M, M.T, M[::-1, 1::2], T3, T3.transpose(2, 0, 1),
                               A[::-1], np.arange(12).reshape(3, 4)])
def test_flat(m):
    check(flat_sum, m)
    check(flat_jumps, m)
    check(flat_enumerate, m)
    check(flat_enumerate_nest, m)
    check(flat_items, m, 2)
    check(flat_items, m, -4)
    check_writes(flat_writes, lambda: (m.astype(np.float64, order="K")
                                       if m.flags.f_contiguous else
                                       m.astype(np.float64), 1))


def test_flat_errors_and_records():
    raises(lambda m, i: m.flat[i], IndexError,
           "index 12 is out of bounds for size 12", M, 12)
    raises(lambda m, i: m.flat[i], IndexError,
           "index -13 is out of bounds for size 12", M, -13)
    check(lambda r: r.flat[1]['y'] + r.flat[-1]['x'], REC)
    with pytest.raises(kern.UnsupportedError, match="a.flat"):
        kern.njit(lambda m: m.flat[1:3])(M)


# ---- np.nditer -------------------------------------------------------------------

def nditer_one(m):
    acc = 0.0
    for e in np.nditer(m):
        acc = acc * 0.5 + e.item()
    return acc


def nditer_items(m):
    acc = 0.0
    for e in np.nditer(m):
        acc = acc * 0.5 + e[()] - e[...] + e
    return acc


def nditer_two(a, b):
    acc = 0.0
    for x, y in np.nditer((a, b)):
        acc = acc * 0.75 + x * y
    return acc


def nditer_list(a, b):
    acc = 0.0
    for t in np.nditer([a, b]):
        acc = acc * 0.5 + t[0].item() - t[1]
    return acc


def nditer_break(m):
    n = 0
    for x in np.nditer(m):
        if x.item() > 3.0:
            break
        n += 1
    return n


@pytest.mark.parametrize("m", [M, M.T, M[::-1], M[::-1, ::2], T3,
                               T3.transpose(1, 2, 0), np.asfortranarray(T3),
                               T3[::-1, :, ::2].transpose(2, 0, 1), A[::-1],
                               M[:1], np.arange(12).reshape(3, 4)[:, ::-1]])
def test_nditer(m):
    check(nditer_one, m)
    check(nditer_break, m)
    check(nditer_items, m)


@pytest.mark.parametrize("a,b", [(M, M[0]), (M.T, M.T), (M.T, M.T.copy()),
                                 (M, M[:, :1]), (T3, T3[0, ::-1]), (M[::-1], 2 * M),
                                 (np.asfortranarray(T3), T3[0, 0])])
def test_nditer_broadcasting(a, b):
    check(nditer_two, a, b)
    check(nditer_list, a, b)


def test_nditer_errors():
    raises(nditer_two, ValueError, "could not be broadcast", M, A)
    with pytest.raises(kern.UnsupportedError, match="op_flags"):
        def f(a):
            for x in np.nditer(a, op_flags=['readwrite']):
                x[...] = 0
        kern.njit(f)(A.copy())


# ---- np.dtype(...), a.dtype -----------------------------------------------------

def test_dtype():
    def f(a, i):
        return (np.zeros(2, np.dtype('float32')),
                np.ones(2, dtype=np.dtype('int16')),
                np.full(2, 3, np.dtype(np.uint8)),
                np.empty(3, np.dtype(a.dtype)).dtype == a.dtype,
                a.dtype == np.float64, i.dtype == np.float64,
                a.dtype == i.dtype, np.dtype('int64') == i.dtype,
                np.arange(3, dtype=np.dtype('f4')))
    check(f, A, np.arange(3))


# ---- a.tobytes() -----------------------------------------------------------------

def tobytes_forms(m):
    b = m.tobytes()
    return (b, len(b), b[8], m.T.tobytes(), m.tobytes(order='F'),
            np.frombuffer(m.tobytes(), m.dtype)[1:3])


def tobytes_loop(m):
    s = 0
    for i in range(m.shape[0]):
        b = m[i].tobytes()
        for x in b:
            s = s * 3 % 1000003 + x
    return s, b


@pytest.mark.parametrize("m", [np.arange(12).reshape(3, 4), M, M[:, ::-1],
                               np.arange(12, dtype=np.int16).reshape(4, 3).T,
                               np.arange(20).reshape(4, 5) % 3 == 0,
                               np.array([[1 + 2j, -3j]], np.complex64)])
def test_tobytes(m):
    check(tobytes_forms, m)
    check(tobytes_loop, m)


def test_tobytes_limits():
    with pytest.raises(kern.UnsupportedError, match="operator '==' of bytes"):
        kern.njit(lambda m: m.tobytes() == m.tobytes())(M)
    with pytest.raises(kern.UnsupportedError, match="order other than"):
        kern.njit(lambda m: m.tobytes(order='A'))(M)
    with pytest.raises(kern.UnsupportedError, match="records"):
        kern.njit(lambda r: r.tobytes())(REC)


# ---- inside prange ---------------------------------------------------------------

def windows_in_prange(m):
    out = np.zeros(m.shape[0])
    for i in kern.prange(m.shape[0]):
        s = 0.0
        for x in np.nditer(m[i]):
            s += x.item()
        w = sliding_window_view(m[i], 2)
        out[i] = s + w.sum() + as_strided(m[i], (2,), (16,)).sum() + \
            m[i].flat[1] + m[i].view(np.int64)[0] % 7
    return out


def test_views_in_prange_stay_parallel():
    """Views with the array's item type keep their buffer's origin; one
    with another item type (m[i].view(np.int64) of floats, a byte cast)
    is correct but makes the loop sequential, with a ParallelWarning."""
    import warnings
    m = np.arange(40.0).reshape(8, 5)
    with pytest.warns(kern.ParallelWarning, match="unknown origin"):
        got = kern.njit(parallel=True)(windows_in_prange)(m)
    same(got, windows_in_prange(m))

    def same_items(m):
        out = np.zeros(m.shape[0])
        for i in kern.prange(m.shape[0]):
            out[i] = sliding_window_view(m[i], 2).sum() + \
                as_strided(m[i], (2,), (16,)).sum() + m[i].flat[1]
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("error", kern.ParallelWarning)
        got = kern.njit(parallel=True)(same_items)(m)
    same(got, same_items(m))
