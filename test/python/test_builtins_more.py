"""Built-ins and standard-library functions in compiled code, compared with
CPython: the math module's integer functions and C-library calls
(kern/py/mathlib.py, frontend/mathcalls.py), isinstance decided at compile
time (frontend/typechecks.py), dict(), literal_unroll over mixed tuples,
the operator module (frontend/pyoperator.py), functools.reduce with
function values (kern/py/functional.py), constant comparisons."""

import functools
import math
import operator

import numpy as np
import pytest

import kern
from kern import literal_unroll


def same(f, *args):
    got, want = kern.njit(f)(*args), f(*args)
    assert got == want and type(got) is type(want), (got, want)


@pytest.mark.parametrize("f,argsets", [
    (lambda a, b: math.gcd(a, b), [(12, 18), (-4, 6), (0, 0), (7, 0)]),
    (lambda a, b: math.lcm(a, b), [(4, 6), (0, 5), (-3, 7)]),
    (lambda n: math.factorial(n), [(0,), (5,), (20,)]),
    (lambda n, k: math.comb(n, k), [(10, 3), (5, 7), (60, 30), (0, 0)]),
    (lambda n, k: math.perm(n, k), [(10, 3), (5, 7)]),
    (lambda n: math.perm(n), [(5,)]),
    (lambda n: math.isqrt(n), [(0,), (15,), (16,), (10 ** 18,), (2 ** 63 - 1,)]),
    (lambda a, b: math.isclose(a, b), [(1.0, 1.0 + 1e-10), (1.0, 1.1),
                                       (math.inf, math.inf), (0.0, 1e-300)]),
    (lambda a, b: math.isclose(a, b, abs_tol=1e-3), [(0.0, 1e-4)]),
    (lambda x: math.frexp(x), [(6.25,), (-0.1,), (0.0,), (5e-324,),
                               (1.7976931348623157e308,), (0.5,), (3,)]),
    (lambda x: math.modf(x), [(2.5,), (-0.5,), (math.inf,), (-3.0,), (4,)]),
    (lambda x: math.ulp(x), [(1.0,), (0.0,), (1e300,),
                             (1.7976931348623157e308,)]),
    (lambda p, q: math.dist(p, q), [((0.0, 0.0), (3.0, 4.0))]),
    (lambda t: math.prod(t), [((1, 2, 3, 4),)]),
    (lambda x, n: math.ldexp(x, n), [(4.5, 3), (1.0, -1074), (1.0, -2000)]),
    (lambda x, y: (math.remainder(x, y), math.nextafter(x, y)),
     [(5.5, 2.0), (-7.25, 0.5)]),
])
def test_math_functions_match_python(f, argsets):
    for args in argsets:
        same(f, *args)


def test_gamma_and_lgamma_from_the_c_library():
    # C's tgamma/lgamma, not CPython's own code: equal to a few ulps
    f = kern.njit(lambda x: (math.gamma(x), math.lgamma(x)))
    for x in (4.5, -1.5, 0.25, 30.0):
        assert f(x) == pytest.approx((math.gamma(x), math.lgamma(x)),
                                     rel=1e-14)


def test_math_errors_are_pythons():
    with pytest.raises(ValueError, match="not defined for negative"):
        kern.njit(lambda n: math.factorial(n))(-1)
    with pytest.raises(ValueError, match="must be a non-negative"):
        kern.njit(lambda n, k: math.comb(n, k))(-1, 2)
    with pytest.raises(ValueError, match="nonnegative"):
        kern.njit(lambda n: math.isqrt(n))(-4)
    # Python's integers are unbounded, kern's are int64: refused, not wrapped
    with pytest.raises(OverflowError):
        kern.njit(lambda n: math.factorial(n))(21)
    with pytest.raises(OverflowError):
        kern.njit(lambda n, k: math.comb(n, k))(70, 35)


def test_isinstance_keeps_only_the_branch_taken():
    def describe(x):
        if isinstance(x, np.ndarray):
            return x.sum() * 1.0
        elif isinstance(x, (int, float)):
            return x * 2.0
        elif isinstance(x, tuple):
            return x[0] + 0.0
        return -1.0
    f = kern.njit(describe)
    for x in (np.arange(3), 4, 1.5, True, 1j, (7, 8)):
        assert f(x) == describe(x), x
    g = kern.njit(lambda x: (isinstance(x, np.floating), isinstance(x, np.integer),
                             isinstance(x, bool), isinstance(x, complex)))
    assert g(np.float32(1)) == (True, False, False, False)
    assert g(3) == (False, True, False, False)
    assert g(True) == (False, False, True, False)
    assert g(2j) == (False, False, False, True)


def test_dict_constructor_and_constant_comparisons():
    def counts(a):
        d = dict()
        for v in a:
            d[v] = d.get(v, 0) + 1
        return d[1], len(d)
    same(counts, np.array([1, 2, 1, 3]))
    f = kern.njit(lambda a: (a.dtype == np.float32, a.dtype != np.float64,
                             a.astype(np.float32).dtype == np.float32))
    assert f(np.ones(2)) == (False, False, True)


def test_code_after_a_folded_branch_that_returns_is_dead():
    def passthrough(a):
        if isinstance(a, np.ndarray):
            return a.sum()
        return a  # dead for an array: not typed against a.sum()'s float

    def first(t):
        if isinstance(t, tuple):
            return t[0]
        else:
            return t
        return "dead"

    f = kern.njit(passthrough)
    assert f(np.ones(3)) == 3.0 and f(2.5) == 2.5
    assert kern.njit(first)((4, 5)) == 4 and kern.njit(first)(1.5) == 1.5


def test_literal_unroll_over_mixed_tuples():
    @kern.njit
    def total(a, t):
        s = 0.0
        for x in literal_unroll((a, 3, t, np.ones(2), True)):
            if isinstance(x, np.ndarray):
                s += x.sum()
            elif isinstance(x, tuple):
                s += x[0]
            else:
                s += x
        return s
    assert total(np.arange(4.0), (10.0, 2)) == 6 + 3 + 10 + 2 + 1
    assert literal_unroll((1, 2)) == (1, 2)  # plain Python: the tuple


def test_operator_module():
    def f(a, b, arr, t):
        return (operator.add(a, b), operator.lt(a, b), operator.neg(a),
                operator.mul(arr, 2).sum(), operator.getitem(t, 1),
                operator.contains(t, 2), operator.truth(a),
                operator.abs(-b), operator.floordiv(7, a),
                operator.is_(None, None), operator.not_(a),
                operator.pow(a, 2), operator.xor(a, 3))
    args = (2, 3.5, np.arange(3.0), (1, 2, 3))
    assert kern.njit(f)(*args) == f(*args)


def test_functools_reduce_with_function_values():
    def f(t, a):
        return (functools.reduce(operator.mul, t, 1),
                functools.reduce(lambda x, y: x + y * y, a, 0.0),
                functools.reduce(max, a), functools.reduce(operator.add, t))
    assert kern.njit(f)((2, 3, 4), np.arange(3.0)) == f((2, 3, 4), np.arange(3.0))
    with pytest.raises(TypeError, match="empty iterable"):
        kern.njit(lambda a: functools.reduce(operator.add, a))(np.zeros(0))


def test_ctypes_functions_by_name_and_by_address():
    import ctypes
    import ctypes.util
    libm = ctypes.CDLL(ctypes.util.find_library("m"))
    c_cos, c_labs = libm.cos, libm.llabs
    c_cos.argtypes, c_cos.restype = [ctypes.c_double], ctypes.c_double
    c_labs.argtypes, c_labs.restype = [ctypes.c_int64], ctypes.c_int64
    f = kern.njit(lambda x, n: (c_cos(x) * 2, c_labs(-n)))
    assert f(0.0, 5) == (2.0, 5)
    assert "func.call @cos" in f.inspect_mlir(f.signatures[0])
    square = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double)(lambda x: x * x)
    g = kern.njit(lambda x: square(x) + 1)  # a Python callback: by address
    assert g(3.0) == 10.0
    untyped = libm.sin  # no argtypes: refused with the reason
    with pytest.raises(kern.TypingError, match="has no argtypes"):
        kern.njit(lambda x: untyped(x))(1.0)


CMATH_UNARY = ("acos acosh asin asinh atan atanh cos cosh exp log log10 sin "
               "sinh sqrt tan tanh phase polar isfinite isinf isnan").split()


@pytest.mark.parametrize("name", CMATH_UNARY)
def test_cmath_matches_cpython(name):
    import cmath
    f = getattr(cmath, name)
    g = kern.njit(lambda z: f(z))
    for z in (0.5 + 0.25j, -2 - 3j, 3.0, 2, -0.0 - 0.5j, 10 + 0.1j, 1e-3j):
        got, want = g(z), f(z)
        if isinstance(want, bool):
            assert got == want
        else:
            assert np.allclose(got, want, rtol=1e-13, atol=0), (z, got, want)


def test_cmath_rect_log_base_and_domain_errors():
    import cmath
    f = kern.njit(lambda r, p: (cmath.rect(r, p), cmath.log(8 + 0j, 2)))
    assert f(2.0, 0.5) == (cmath.rect(2.0, 0.5), cmath.log(8 + 0j, 2))
    with pytest.raises(ValueError, match="math domain error"):
        kern.njit(lambda z: cmath.atanh(z))(1 + 0j)


def test_complex_division_is_cpythons_on_numbers_and_numpys_on_arrays():
    import random as pyrandom
    pyrandom.seed(1)
    xs = [complex(pyrandom.uniform(-9, 9), pyrandom.uniform(-9, 9))
          for _ in range(400)]
    div = kern.njit(lambda a, b: a / b)
    assert all(div(a, b) == a / b for a, b in zip(xs, xs[::-1]))
    a, b = np.array(xs), np.array(xs[::-1])
    assert (div(a, b) == a / b).all()


def test_heapq_on_lists():
    import heapq

    def f(l):
        heapq.heapify(l)
        heapq.heappush(l, 0)
        a = heapq.heappop(l)
        p = heapq.heappushpop(l, 2)
        q = heapq.heapreplace(l, 7)
        return a, p, q, l, heapq.nlargest(2, l), heapq.nsmallest(3, l)
    assert kern.njit(f)([5, 3, 8, 1, 9, 2]) == f([5, 3, 8, 1, 9, 2])
    def drain(l):
        while True:
            heapq.heappop(l)
    with pytest.raises(IndexError):
        kern.njit(drain)([3, 1])


def test_introspection_builtins_and_tuple_methods():
    def f(a, t):
        return (getattr(a, "shape")[0], getattr(a, "nope", 5),
                hasattr(a, "nope"), hasattr(a, "ndim"), type(a[0])(7),
                len(range(2, 17, 3)), len(range(5, 0)), t.index(5),
                t.count(4), repr(12), repr(2.5))
    assert kern.njit(f)(np.ones(3), (4, 5, 4)) == f(np.ones(3), (4, 5, 4))
    with pytest.raises(ValueError, match="not in tuple"):
        kern.njit(lambda t: t.index(9))((1, 2))


def test_enumerate_with_a_start_and_over_tuples():
    def f(t, k):
        s = 0.0
        for i, v in enumerate(t, k):
            s += i * v
        for i, v in enumerate(t, start=2):
            s -= i
        return s
    for x in ((3, 4, 5), np.arange(4.0), [1.0, 2.0, 3.0]):
        assert kern.njit(f)(x, 10) == f(x, 10)

    def g(t):
        s = 0.0
        for i, v in enumerate(t):  # mixed items: unrolled
            s += i * v
        return s
    assert kern.njit(g)((3, 4.5, True)) == g((3, 4.5, True))


def test_a_conditional_expression_with_none_is_optional():
    def first(n):
        v = None if n > 5 else n
        return v is None

    def second(n):
        v = n * 2 if n > 5 else None
        if v is None:
            return -1
        return v
    for f in (first, second, lambda n: None if n > 5 else n):
        assert [kern.njit(f)(x) for x in (3, 7)] == [f(x) for x in (3, 7)]


def test_list_and_dict_of_builtin_iterators():
    def f(t, u, a):
        return (list(zip(t, u)), list(reversed(t)), list(enumerate(u, 1)),
                list(map(lambda x: x * 2, t)), list(map(max, t, u)),
                list(filter(lambda x: x > 1, t)), dict(zip(t, u))[2],
                list(map(abs, a)))
    args = ((1, 2, 3), (3.0, 4.0, 0.5), np.array([-1.5, 2.0]))
    assert kern.njit(f)(*args) == f(*args)


def test_math_log_with_a_base():
    f = kern.njit(lambda x, b: (math.log(x, b), math.log(8, 2)))
    assert f(100.0, 10) == (math.log(100.0, 10), math.log(8, 2))
    with pytest.raises(ZeroDivisionError):
        f(1.0, 1.0)


def test_hex_oct_bin_match_python():
    f = kern.njit(lambda n: (hex(n), oct(n), bin(n)))
    for n in (0, 1, -1, 255, -255, 2**63 - 1, -2**63, 12345678):
        assert f(n) == (hex(n), oct(n), bin(n))
    assert kern.njit(lambda b: bin(b))(True) == "0b1"
