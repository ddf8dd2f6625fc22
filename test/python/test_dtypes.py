"""Every integer dtype (int8/16/32/64, uint8/16/32/64) in array expressions,
reductions, creation, indexing and loops, against NumPy; scalar integer
arithmetic follows Numba (64-bit, signed unless both operands are unsigned,
a Python int is a signed int64), see docs/python.md."""

import numpy as np
import pytest

import kern
from kern import types as kt

INTS = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
        np.uint32, np.uint64]
SMALL = [np.int8, np.int16, np.uint8, np.uint16, np.uint32]


def data(dtype, n=24, seed=0, low=None):
    info = np.iinfo(dtype)
    rng = np.random.default_rng(seed)
    lo = max(info.min, -100) if low is None else low
    return rng.integers(lo, min(info.max, 100), n).astype(dtype)


def add(a, b): return a + b
def sub(a, b): return a - b
def mul(a, b): return a * b
def floordiv(a, b): return a // b
def mod(a, b): return a % b
def truediv(a, b): return a / b
def less(a, b): return a < b
def bitand(a, b): return a & b
def bitxor(a, b): return a ^ b
def maximum(a, b): return np.maximum(a, b)
def where(a, b): return np.where(a > b, a, b)
def with_literal(a, b): return a * 3 + 1
def with_float(a, b): return a * 1.5
def negate(a, b): return -a
def absolute(a, b): return np.abs(a)
def shift(a, b): return a >> 1


BINARY = [add, sub, mul, floordiv, mod, truediv, less, bitand, bitxor,
          maximum, where, with_literal, with_float, negate, absolute, shift]


@pytest.mark.parametrize("f", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", INTS, ids=lambda d: d.__name__)
def test_array_expressions_match_numpy(f, dtype):
    a, b = data(dtype), data(dtype, seed=1, low=1)
    with np.errstate(all="ignore"):
        want = f(a, b)
    got = kern.njit(f)(a, b)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


def mixed(a, b): return a + b


@pytest.mark.parametrize("x,y", [(np.int8, np.uint8), (np.int16, np.uint32),
                                 (np.uint8, np.float32), (np.int16, np.float32),
                                 (np.int32, np.float32), (np.uint16, np.int64),
                                 (np.int8, np.complex64)])
def test_mixed_dtypes_promote_as_numpy(x, y):
    a, b = np.arange(6).astype(x), np.arange(6, 12).astype(y)
    got = kern.njit(mixed)(a, b)
    assert got.dtype == np.result_type(x, y)
    np.testing.assert_array_equal(got, a + b)


def test_promotion_table_is_numpys():
    names = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
             "uint32", "uint64", "float32", "float64", "complex64",
             "complex128"]
    for x in names:
        for y in names:
            assert kt.promote(kt.SCALARS[x], kt.SCALARS[y]).np == \
                np.result_type(x, y), (x, y)


def total(a): return a.sum()
def product(a): return np.prod(a)
def largest(a): return a.max()
def smallest(a): return np.min(a)
def average(a): return a.mean()
def position(a): return a.argmax()
def running(a): return np.cumsum(a)
def ordered(a): return np.sort(a)
def by_axis(a): return a.reshape(4, 6).sum(axis=0)


@pytest.mark.parametrize("f", [total, product, largest, smallest, average,
                               position, running, ordered, by_axis],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", INTS, ids=lambda d: d.__name__)
def test_reductions_match_numpy(f, dtype):
    a = data(dtype, low=0) if f is product else data(dtype)
    if f is product:
        a = a[:6]
    want, got = f(a), kern.njit(f)(a)
    np.testing.assert_allclose(got, want)
    assert np.asarray(got).dtype.kind == np.asarray(want).dtype.kind or \
        np.ndim(want) == 0  # scalars come back as Python numbers


def test_sum_of_small_unsigned_is_uint64():
    a = np.full(300, 250, np.uint8)
    assert kern.njit(total)(a) == 75000
    assert kern.njit(running)(a).dtype == np.uint64
    assert kern.njit(total)(np.array([4000000000, 1], np.uint32)) == 4000000001


def sqrt(a): return np.sqrt(a)


@pytest.mark.parametrize("dtype,want", [(np.int8, np.float32),
                                        (np.uint16, np.float32),
                                        (np.int32, np.float64)])
def test_math_of_small_integers_is_float32(dtype, want):
    a = np.arange(9).astype(dtype)
    got = kern.njit(sqrt)(a)
    assert got.dtype == want
    np.testing.assert_allclose(got, np.sqrt(a.astype(np.float64)), rtol=1e-6)


def created(n):
    return (np.zeros(n, dtype=np.int8), np.ones((n, 2), np.uint8),
            np.full(n, 7, dtype=np.int16), np.arange(n, dtype=np.uint16),
            np.empty(n, np.uint32).size)


def test_creation_with_small_dtypes():
    z, o, f, r, size = kern.njit(created)(3)
    for got, want in zip((z, o, f, r), created(3)[:4]):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
    assert size == 3


def conversions(a, x):
    return (a.astype(np.uint8), np.uint8(x), np.int8(x), np.uint32(x) + 1,
            int(a[0]), float(a[1]), np.int16(a))


def test_conversions_wrap_like_c():
    a = np.array([-5, 300, 7], np.int64)
    b, u, i, u32, first, second, arr = kern.njit(conversions)(a, 300)
    np.testing.assert_array_equal(b, a.astype(np.uint8))
    assert (u, i, u32, first, second) == (44, 44, 301, -5, 300.0)
    assert arr.dtype == np.int16


def dot8(a, b):
    s = 0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


def minus_one(a):
    return a[0] - 1


def unsigned_pair(a):
    return a[0] + a[1]


def test_scalar_integer_arithmetic_is_64_bit_as_in_numba():
    a = np.array([100, 100], np.int8)
    b = np.array([100, 2], np.int8)
    assert kern.njit(dot8)(a, b) == 10200          # NumPy scalars: wraps
    assert kern.njit(minus_one)(np.zeros(1, np.uint8)) == -1
    big = np.array([2 ** 63, 2 ** 63 + 1], np.uint64)
    assert kern.njit(unsigned_pair)(big) == 1       # uint64: wraps at 2**64
    assert kern.njit(unsigned_pair)(np.array([255, 1], np.uint8)) == 256


def histogram(a):
    h = np.zeros(256, np.int64)
    for x in a:
        h[x] += 1
    return h


def clamp_double(a):
    out = np.empty(a.shape, np.uint8)
    for i in range(a.shape[0]):
        v = a[i] * 2
        out[i] = 255 if v > 255 else v
    return out


def test_uint8_image_kernels():
    img = np.random.default_rng(3).integers(0, 256, 5000).astype(np.uint8)
    np.testing.assert_array_equal(kern.njit(histogram)(img),
                                  np.bincount(img, minlength=256))
    want = np.minimum(img.astype(np.int64) * 2, 255).astype(np.uint8)
    np.testing.assert_array_equal(kern.njit(clamp_double)(img), want)


def compare_signs(a, b):
    return a[0] < b[0], a[0] == b[0] - 261


def test_comparisons_of_signed_and_unsigned():
    a, b = np.array([-5], np.int8), np.array([250], np.uint8)
    assert kern.njit(compare_signs)(a, b) == (True, False)


def first(a):
    return a[0]


@pytest.mark.parametrize("dtype", SMALL, ids=lambda d: d.__name__)
def test_signatures_and_scalar_arguments(dtype):
    f = kern.njit(f"{np.dtype(dtype).name}({np.dtype(dtype).name}[:])")(first)
    a = np.array([np.iinfo(dtype).max, 1], dtype)
    assert f(a) == np.iinfo(dtype).max
    g = kern.njit(add)
    assert g(dtype(3), dtype(4)) == 7


@pytest.mark.parametrize("dtype", SMALL, ids=lambda d: d.__name__)
def test_views_and_layouts(dtype):
    a = np.asfortranarray(data(dtype, 24).reshape(4, 6))
    np.testing.assert_array_equal(kern.njit(add)(a[:, ::2], a[:, 1::2]),
                                  a[:, ::2] + a[:, 1::2])
