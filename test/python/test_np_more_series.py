"""Window functions (kern/np/windows.py) and polynomials
(kern/np/polynomials.py) against NumPy: values, dtypes, empty and
one-point windows, trimmed series, NumPy's exceptions."""

import numpy as np
import numpy.polynomial.polynomial as P
import numpy.polynomial.polyutils as PU
import pytest

import kern
from numpy_compare import same_structure

V = np.array([1.0, -2.0, 0.5])
V2 = np.array([0.5, 1.0, 3.0])
A = np.array([0.5, -1.25, 2.0, 3.5, -0.75, 1.5])


def same(got, want):
    def values(g, w):
        rtol = 1e-6 if w.dtype in (np.float32, np.complex64) else 1e-12
        np.testing.assert_allclose(g, w, rtol=rtol, atol=1e-12,
                                   equal_nan=True)
    same_structure(got, want, values)


def check(f, *args):
    with np.errstate(all="ignore"):
        want = f(*args)
    same(kern.njit(f)(*args), want)


WINDOWS = []
for _m in (0, 1, 2, 5, 8, 13, -3, 2.5):
    WINDOWS += [(lambda m: np.bartlett(m), (_m,)),
                (lambda m: np.blackman(m), (_m,)),
                (lambda m: np.hamming(m), (_m,)),
                (lambda m: np.hanning(m), (_m,))]
WINDOWS += [(lambda m, b: np.kaiser(m, b), mb) for mb in (
    (0, 5.0), (1, 5.0), (2, 5.0), (7, 5.0), (12, 0.0), (9, 14), (5, -3.0),
    (-2, 1.0))]
WINDOWS += [
    (lambda x: np.i0(x), (np.array([0.0, 1.0, -2.5, 7.99, 8.0, 8.01, 30.0,
                                    700.0, np.inf, np.nan]),)),
    (lambda x: np.i0(x), (np.array([0.5, 9.0], np.float32),)),
    (lambda x: np.i0(x), (np.arange(6).reshape(2, 3),)),
    (lambda x: np.i0(x), (3.0,)),
    (lambda x: np.i0(x) * 2.0 + 1.0, (A,)),
]


@pytest.mark.parametrize("k", range(len(WINDOWS)))
def test_windows(k):
    check(WINDOWS[k][0], *WINDOWS[k][1])


PAIRS = [(V, V2), (A, V2), (V2, A), (np.array([1, 2, 0]), np.array([3])),
         (np.array([1.0, 0.0]), np.array([0.0, 0.0])),
         (np.array([1 + 1j, 2]), V),
         (V.astype(np.float32), V2.astype(np.float32)),
         (np.array([0.0]), V), (V, np.array([2.0]))]
SERIES = []
for _c1, _c2 in PAIRS:
    SERIES += [(lambda a, b: P.polyadd(a, b), (_c1, _c2)),
               (lambda a, b: P.polysub(a, b), (_c1, _c2)),
               (lambda a, b: P.polymul(a, b), (_c1, _c2))]
    if _c2.any():
        SERIES.append((lambda a, b: P.polydiv(a, b), (_c1, _c2)))
for _c in (V, np.array([3, 0, 2]), np.array([0.0]), np.array([1 + 2j, 1]),
           V.astype(np.float32), np.array([1.0, 0.0, 0.0])):
    SERIES += [
        (lambda x, c: P.polyval(x, c), (A, _c)),
        (lambda c: P.polyval(2.5, c), (_c,)),
        (lambda x, c: P.polyval(x, c), (np.arange(6).reshape(2, 3), _c)),
        (lambda c: P.polyint(c), (_c,)),
        (lambda c: P.polyint(c, 2), (_c,)),
        (lambda c: P.polyint(c, 3, 1.5, -1.0, 2.0), (_c,)),
        (lambda c: P.polyint(c, 0), (_c,)),
        (lambda c: P.polyder(c), (_c,)),
        (lambda c: P.polyder(c, 2, 3.0), (_c,)),
        (lambda c: P.polyder(c, 5), (_c,)),
        (lambda c: PU.trimseq(c), (_c,)),
        (lambda p: np.polyval(p, 2.5), (_c,)),
        (lambda p, x: np.polyval(p, x), (_c, A)),
        (lambda p: np.polyval(p, 3), (_c,)),
    ]
SERIES += [
    (lambda c: PU.trimseq(c), (np.array([0.0, 0.0]),)),
    (lambda p: np.roots(p), (np.array([1.0, -3.0, 2.0]),)),
    (lambda p: np.roots(p), (np.array([2.0, -3.0, -11.0, 6.0]),)),
    (lambda p: np.roots(p), (np.array([0.0, 1.0, -3.0, 2.0, 0.0, 0.0]),)),
    (lambda p: np.roots(p), (np.array([0.0, 0.0]),)),
    (lambda p: np.roots(p), (np.array([5.0]),)),
    (lambda p: np.roots(p), (np.array([3, 0, 0]),)),
    (lambda p: np.roots(p), (np.array([1, 1j]),)),
    (lambda p: np.roots(p), (np.array([1, 0, 1], np.complex128),)),
]


@pytest.mark.parametrize("k", range(len(SERIES)))
def test_polynomials(k):
    check(SERIES[k][0], *SERIES[k][1])


RAISES = [
    (lambda a, b: P.polydiv(a, b), (V, np.array([0.0, 0.0])),
     ZeroDivisionError),
    (lambda c: P.polyint(c, -1), (V,), ValueError),
    (lambda c: P.polyder(c, -1), (V,), ValueError),
]


@pytest.mark.parametrize("k", range(len(RAISES)))
def test_numpy_exceptions(k):
    f, args, exc = RAISES[k]
    with pytest.raises(exc):
        f(*args)
    with pytest.raises(exc):
        kern.njit(f)(*args)


def test_complex_roots_of_real_coefficients_raise_as_in_numba():
    with pytest.raises(ValueError, match="domain change"):
        kern.njit(lambda p: np.roots(p))(np.array([1.0, 0.0, 1.0]))


def test_i0_of_complex_is_a_typing_error():
    with pytest.raises(kern.TypingError, match="np.i0"):
        kern.njit(lambda x: np.i0(x))(np.array([1j]))
