"""Ufunc-like NumPy functions of kern/np/ufunclike.py and floating.py
(np.gcd, np.lcm, integer np.reciprocal, np.float_power, np.divmod,
complex np.exp2, np.frexp, np.ldexp, np.modf, np.nextafter, np.spacing):
NumPy's values bit for bit (signed zeros, infinities, subnormals), its
dtypes, broadcasting of scalars and arrays, and its type errors."""

import warnings

import numpy as np
import pytest

import kern
from numpy_compare import same_structure

I = np.array([3, 1, 4, 1, 5, 9, 2, 6])
I2 = np.array([2, 7, 1, 8, 2, 8, 1, 8])
J = np.arange(12).reshape(3, 4)
SPECIAL = np.array([0.0, -0.0, 3.0, -0.375, 5e-324, -5e-324,
                    2.2250738585072014e-308, 1e-310, 1e308,
                    1.7976931348623157e308, np.inf, -np.inf, np.nan, 1.0,
                    0.5, 123.456, -7.0])
with np.errstate(over="ignore"):
    SPECIAL32 = SPECIAL.astype(np.float32)
_RNG = np.random.default_rng(0)
WIDE = _RNG.standard_normal(300) * 10.0 ** _RNG.integers(-320, 308, 300)


def same(got, want):
    """Equal bit for bit up to NaN's sign: shapes, dtypes, values and the
    signs of zeros; tuples item by item; scalars of NumPy's kind."""
    def values(g, w):
        if w.dtype.kind == "c":
            np.testing.assert_allclose(g, w, rtol=1e-6 if w.dtype.itemsize
                                       == 8 else 1e-14)
            return
        assert np.array_equal(g, w, equal_nan=True), (g, w)
        if w.dtype.kind == "f":
            ok = np.isnan(w) | (np.signbit(g) == np.signbit(w))
            assert ok.all(), (g, w)
    same_structure(got, want, values)


def check(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        want = f(*args)
    same(kern.njit(f)(*args), want)


INTEGERS = []
for _args in [(I, I2), (np.array([12, -18, 0, 7]), np.array([8, 12, 0, -3])),
              (np.array([6, -10], np.int8), 4),
              (np.array([6, 10], np.int8), np.array([4, 4], np.uint8)),
              (J, I[:4]), (np.array([6, 10], np.uint32), 4), (3, 6),
              (np.array([2 ** 40, 6], np.int64), np.array([2 ** 20, 4]))]:
    INTEGERS += [(lambda a, b: np.gcd(a, b), _args),
                 (lambda a, b: np.lcm(a, b), _args)]
INTEGERS += [
    (lambda a: np.gcd(a, 3), (J,)),
    (lambda a: np.lcm(a, 3) + 1, (J,)),
    (lambda a: np.reciprocal(a), (np.array([1, -1, 2, -2, 5]),)),
    (lambda a: np.reciprocal(a), (np.array([1, 2, 255], np.uint8),)),
    (lambda a: np.reciprocal(a), (np.array([1, -1, 2, -128], np.int8),)),
    (lambda a: np.reciprocal(a), (np.array([True, True]),)),
    (lambda a: np.reciprocal(a), (J + 1,)),
    (lambda x: np.reciprocal(x), (1,)),
    (lambda a: np.reciprocal(a), (np.array([0.5, 4.0]),)),
]


@pytest.mark.parametrize("k", range(len(INTEGERS)))
def test_integer_functions(k):
    check(INTEGERS[k][0], *INTEGERS[k][1])


POWERS = [
    (lambda a, b: np.float_power(a, b), (np.array([0.5, 1.25, 2.0]),
                                          np.array([0.5, -1.0, 3.0]))),
    (lambda a: np.float_power(a, 3), (np.array([2, 3], np.int8),)),
    (lambda a: np.float_power(a, 3), (np.array([2, 3], np.float32),)),
    (lambda x, y: np.float_power(x, y), (-8.0, 1 / 3)),
    (lambda x, y: np.float_power(x, y), (2, 10)),
    (lambda a, b: np.float_power(a, b), (np.array([-8.0, 0.0]),
                                          np.array([1 / 3, -1.0]))),
    (lambda a: np.float_power(a, 2), (np.array([1j, 1 + 1j], np.complex64),)),
    (lambda a, b: np.float_power(a, b), (np.arange(12.0).reshape(3, 4),
                                          np.arange(4.0))),
    (lambda a, b: np.divmod(a, b), (np.array([5, -5, 5, 7]),
                                     np.array([3, 3, -2, 7]))),
    (lambda a, b: np.divmod(a, b), (np.array([5.5, -5.5, 1.0]),
                                     np.array([2.0, 2.0, 0.3]))),
    (lambda x: np.divmod(x, 0.4), (1.5,)),
    (lambda a: np.divmod(a, 3), (J,)),
    (lambda a, b: np.divmod(a, b), (J, I[:4])),
    (lambda a: np.exp2(a), (np.array([1 + 1j, -0.5j]),)),
    (lambda a: np.exp2(a), (np.array([1 + 1j, -0.5j], np.complex64),)),
    (lambda z: np.exp2(z), (1 + 2j,)),
    (lambda a: np.exp2(a), (np.array([1.0, 2.5]),)),
]


@pytest.mark.parametrize("k", range(len(POWERS)))
def test_powers_and_quotients(k):
    check(POWERS[k][0], *POWERS[k][1])


FLOATING = []
for _x in [SPECIAL, SPECIAL32, J, np.array([3, -7], np.int16),
           np.array([5, 1 << 40], np.uint64), 3.0, 7, -0.0, WIDE]:
    FLOATING += [(lambda a: np.frexp(a), (_x,)),
                 (lambda a: np.modf(a), (_x,)),
                 (lambda a: np.spacing(a), (_x,)),
                 (lambda a: np.nextafter(a, 0.0), (_x,)),
                 (lambda a: np.nextafter(a, np.inf), (_x,)),
                 (lambda a: np.nextafter(a, -np.inf), (_x,)),
                 (lambda a: np.ldexp(a, 3), (_x,)),
                 (lambda a: np.ldexp(a, -1080), (_x,)),
                 (lambda a: np.ldexp(a, 2000), (_x,))]
FLOATING += [
    (lambda a, e: np.ldexp(a, e), (np.array([1.0, 0.75, -1.5, 3.0]),
                                   np.array([5000, -1075, -1074, -1023]))),
    (lambda a, e: np.ldexp(a, e), (np.array([1.0, 0.75, -1.5, 3.0]),
                                   np.array([-1076, -1073, -1000, 1023],
                                            np.int32))),
    (lambda x, e: np.ldexp(x, e), (np.float32(1.5),
                                   np.array([-149, -150, 127, 128]))),
    (lambda a, e: np.ldexp(a, e), (np.arange(12.0).reshape(3, 4),
                                   np.arange(4))),
    (lambda a, e: np.ldexp(a, e), (WIDE, _RNG.integers(-700, 700, 300))),
    (lambda a, b: np.nextafter(a, b),
     (np.array([0.0, 1.0, 1.0, 2.0, -0.0, np.inf, 1.0]),
      np.array([-1.0, 2.0, 0.0, 0.0, 1.0, 0.0, np.nan]))),
    (lambda x, y: np.nextafter(x, y), (np.float32(1.0), np.float32(2.0))),
    (lambda a: np.nextafter(a, 2), (np.array([1, 3], np.int32),)),
    (lambda a, b: np.nextafter(a, b), (WIDE, -WIDE)),
    (lambda a: np.frexp(a)[0] * 2.0 + 1.0, (WIDE,)),
    (lambda a: np.ldexp(*np.frexp(a)), (WIDE,)),
]


@pytest.mark.parametrize("k", range(len(FLOATING)))
def test_floating_functions(k):
    check(FLOATING[k][0], *FLOATING[k][1])


REFUSED = [
    (lambda a, b: np.gcd(a, b), (np.array([1.5]), np.array([2.0]))),
    (lambda a, b: np.lcm(a, b), (np.array([True]), np.array([False]))),
    (lambda x: np.ldexp(x, 2.0), (1.5,)),
    (lambda a: np.frexp(a), (np.array([True]),)),   # float16 in NumPy
    (lambda a: np.spacing(a), (np.array([1], np.int8),)),
    (lambda a: np.modf(a), (np.array([1j]),)),
]


@pytest.mark.parametrize("k", range(len(REFUSED)))
def test_numpy_type_errors_are_typing_errors(k):
    f, args = REFUSED[k]
    with pytest.raises(kern.TypingError, match="no implementation"):
        kern.njit(f)(*args)


def test_modf_and_float_power_fuse_with_their_neighbours():
    f = kern.njit(lambda a: np.modf(a)[0] * 2.0 + np.float_power(a, 2))
    a = np.array([1.5, -2.25, 3.0])
    same(f(a), np.modf(a)[0] * 2.0 + np.float_power(a, 2))
    affine = f.inspect_mlir(f.signatures[0], stage="affine")
    assert affine.count("affine.for") == 1


@kern.njit
def angles(z, x, i):
    return (np.angle(z), np.angle(z, deg=True), np.angle(x), np.angle(i),
            np.angle(z[1]), np.angle(-2.0, True))


def test_angle_matches_numpy():
    z = np.array([1j, -1 + 0j, 1 + 1j, -0.0 - 1j, 0j])
    x = np.array([-1.5, 0.0, 2.0])
    i = np.array([-3, 4])
    for g, w in zip(angles(z, x, i), angles.py_func(z, x, i)):
        np.testing.assert_allclose(g, w)
