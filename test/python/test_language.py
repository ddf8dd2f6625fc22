"""The Python language subset: each function runs compiled and in Python
and the results must agree (value and type)."""

import math

import numpy as np
import pytest

import kern


def check(f, *args):
    expected = f(*args)
    got = kern.njit(f)(*args)
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and len(got) == len(expected)
        for g, e in zip(got, expected):
            assert g == pytest.approx(e, nan_ok=True), (f.__name__, args)
    else:
        assert got == pytest.approx(expected, nan_ok=True), (f.__name__, args)
        if isinstance(expected, bool):
            assert isinstance(got, (bool, np.bool_))
        elif isinstance(expected, int):
            assert isinstance(got, (int, np.integer)), type(got)
        elif isinstance(expected, float):
            assert isinstance(got, (float, np.floating)), type(got)
    return got


# ---- assignment ------------------------------------------------------------

def swap(a, b):
    a, b = b, a
    return a, b


def unpack(a, b):
    x, (y, z) = a + b, (a - b, a * b)
    return x + y * z


def chained_assign(a):
    x = y = a * 2
    return x + y


def augmented(a, b):
    x = a
    x += b
    x -= 1
    x *= 3
    x //= 2
    x %= 7
    x **= 2
    return x


def int_then_float(n):
    x = 0
    for i in range(n):
        x += 0.5
    return x


# ---- arithmetic ------------------------------------------------------------

def arith(a, b):
    return a + b, a - b, a * b, a / b, a // b, a % b, -a, +b


def floordiv_mod_signs(a, b):
    return a // b, a % b


def power_int(a, n):
    return a ** n


def power_float(x, y):
    return x ** y, x ** 2, x ** 3, x ** 0.5


def bits(a, b):
    return a & b, a | b, a ^ b, ~a, a << 2, a >> 1


def compare(a, b, c):
    return a < b, a <= b, a > b, a >= b, a == b, a != b, a < b < c, \
        a < b > c


def logic(a, b):
    return (a > 0 and b > 0), (a > 0 or b > 0), not a, (a and b), (a or b)


def ternary(x):
    return x if x > 0 else -x


def complex_arith(z, w):
    q = z * w + z / w - 1j
    return q.real, q.imag, abs(q), q.conjugate().imag


# ---- control flow ---------------------------------------------------------

def if_elif_else(x):
    if x < 0:
        r = -1
    elif x == 0:
        r = 0
    else:
        r = 1
    return r


def early_return(x):
    if x < 0:
        return -x
    y = x * 2
    if y > 10:
        return y
    return y + 1


def while_loop(n):
    i = 0
    total = 0
    while i < n:
        total += i
        i += 1
    return total


def break_continue(n):
    s = 0
    for i in range(n):
        if i % 2 == 0:
            continue
        if i > 15:
            break
        s += i
    return s


def while_break(n):
    i = 0
    while True:
        i += 3
        if i > n:
            break
    return i


def nested_loops(n):
    s = 0
    for i in range(n):
        for j in range(i, n):
            if (i + j) % 3 == 0:
                continue
            s += i * j
    return s


def range_steps(a, b):
    s = 0
    for i in range(a, b, 3):
        s += i
    for i in range(b, a, -2):
        s -= i
    return s


def return_in_loop(n):
    for i in range(n):
        if i * i > n:
            return i
    return -1


def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


# ---- builtins and math -----------------------------------------------------

def builtins_(x, n):
    return (abs(x), abs(n), min(x, 1.5), max(n, 3, 7), int(x), float(n),
            bool(n), round(x), round(x, 1), complex(x, 1.0).imag)


def math_funcs(x):
    return (math.sqrt(x), math.sin(x), math.cos(x), math.tan(x),
            math.exp(x), math.log(x), math.log10(x), math.floor(x),
            math.ceil(x), math.tanh(x), math.atan2(x, 2.0),
            math.hypot(x, 2.0), math.pow(x, 1.5), math.fabs(-x),
            math.pi, math.e, math.isnan(x), math.isinf(x))


def numpy_constants(x):
    return x < np.inf, np.pi * x, math.isnan(np.nan)


def helper(x, y):
    return x * y + 1


helper_jit = kern.njit(helper)


def calls_njit(a, b):
    return helper_jit(a, b) + helper_jit(b, 2.0)


SCALE = 3.0


def uses_global(x):
    return x * SCALE


CASES = [
    (swap, (1, 2)), (swap, (1.5, -2.0)), (unpack, (3, 4)),
    (chained_assign, (2.5,)), (augmented, (7, 5)), (int_then_float, (5,)),
    (arith, (7, 3)), (arith, (7.5, -2.0)), (arith, (-7, 2)),
    (floordiv_mod_signs, (7, -3)), (floordiv_mod_signs, (-7, 3)),
    (floordiv_mod_signs, (-7, -3)), (floordiv_mod_signs, (7.5, -2.0)),
    (floordiv_mod_signs, (-7.5, 2.0)), (power_int, (3, 5)),
    (power_int, (-2, 7)), (power_float, (2.5, 1.5)), (bits, (12, 10)),
    (compare, (1, 2, 3)), (compare, (2.0, 2.0, 1.0)), (logic, (3, 0)),
    (logic, (-1, 2)), (ternary, (-4,)), (ternary, (2.5,)),
    (complex_arith, (1 + 2j, 3 - 1j)), (if_elif_else, (-3,)),
    (if_elif_else, (0,)), (if_elif_else, (5,)), (early_return, (-3,)),
    (early_return, (2,)), (early_return, (8,)), (while_loop, (10,)),
    (break_continue, (30,)), (while_break, (20,)), (nested_loops, (12,)),
    (range_steps, (2, 20)), (return_in_loop, (50,)), (return_in_loop, (-1,)),
    (collatz, (27,)), (builtins_, (2.65, -4)), (math_funcs, (1.7,)),
    (numpy_constants, (2.0,)), (calls_njit, (2.0, 3.0)),
    (uses_global, (2.0,)),
]


@pytest.mark.parametrize("f,args", CASES,
                         ids=[f"{f.__name__}{args}" for f, args in CASES])
def test_language(f, args):
    check(f, *args)


def test_division_by_zero_raises():
    def div(a, b):
        return a // b

    def mod(a, b):
        return a % b

    def fdiv(a, b):
        return a / b

    for f in (div, mod):
        with pytest.raises(ZeroDivisionError):
            kern.njit(f)(1, 0)
    with pytest.raises(ZeroDivisionError):
        kern.njit(fdiv)(1.0, 0.0)


def test_negative_int_power_raises():
    with pytest.raises(ValueError):
        kern.njit(power_int)(2, -1)


EXAMPLES = ["sum_of_squares", "norm", "monte_carlo_pi", "mandelbrot",
            "fused_expression", "parallel_sum"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs(name):
    """The seed programs in examples/ run and check themselves vs NumPy."""
    import os
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(root, "python-frontend") + os.pathsep + \
        env.get("PYTHONPATH", "")
    r = subprocess.run([sys.executable, os.path.join(root, "examples",
                                                     name + ".py")],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip()


def complex_math(z, w):
    return (np.exp(z), np.sqrt(z), np.log(z), np.sin(z), np.cos(z),
            np.tan(z), np.tanh(z), z ** w, z ** 2, np.expm1(z), np.log1p(z),
            z == w, z != w, -z)


@pytest.mark.parametrize("z", [1 + 1j, -2 - 0.5j, 0.3j, -4 + 0j])
def test_complex_math(z):
    got = kern.njit(complex_math)(z, 0.5 + 1j)
    for g, e in zip(got, complex_math(z, 0.5 + 1j)):
        assert complex(g) == pytest.approx(complex(e), rel=1e-12, abs=1e-15)


def loop_variable_after_loop(n):
    for i in range(n):
        if i * i > 50:
            break
    return i


def test_loop_variable_after_loop():
    check(loop_variable_after_loop, 20)
    check(loop_variable_after_loop, 5)


def weak_literals(x):
    return x * 2, x + 1.5, x / 2, x - True


@pytest.mark.parametrize("x", [np.float32(1.5), np.int32(3), np.uint64(5),
                               np.complex64(1 + 1j), 4, 2.5])
def test_python_numbers_are_weak_like_numpy(x):
    from kern.lowering import lower
    got = kern.njit(weak_literals)(x)
    expected = weak_literals(x)
    types = lower(weak_literals, (kern.typeof(x),)).return_type.types
    for g, e, t in zip(got, expected, types):
        assert g == pytest.approx(e)
        if isinstance(x, np.generic):  # NumPy scalars keep their dtype
            if np.result_type(e).kind in "iu":  # integers: int64 (Numba;
                e = "i8"  # a Python int is a signed int64 there)
            assert t.np == np.result_type(e), (t, e)


def divmod_all(a, b):
    return a // b, a % b, a / b, divmod(a, b)[0], a ** 2, -a % b


@pytest.mark.parametrize("a", [-7, -1, 0, 3, 8, -7.5, 0.25, 1e30])
@pytest.mark.parametrize("b", [-3, -1, 2, 5, -2.5, 0.75])
def test_floor_division_and_modulo_like_python(a, b):
    f = kern.njit(divmod_all)
    got, expected = f(a, b), divmod_all(a, b)
    for g, e in zip(got, expected):
        assert g == pytest.approx(e, rel=1e-12, abs=1e-12), (a, b, g, e)
        assert type(g) is type(e) or isinstance(e, float)


def test_closure_constants_and_functions():
    k = 3
    scale = 0.5
    sq = kern.njit(lambda_free_square)

    def f(x):
        return sq(x) * k + scale + np.sqrt(x)

    assert kern.njit(f)(4.0) == f(4.0)


def lambda_free_square(x):
    return x * x


@kern.njit
def _poly(a):
    return a * a + 1.0


@kern.njit
def _poly_plus(a, b):
    return _poly(a) + b


def test_array_expression_of_a_callee_fuses_with_the_caller():
    a, b = np.arange(5.0), np.ones(5)
    np.testing.assert_array_equal(_poly_plus(a, b), a * a + 1.0 + b)
    (text,) = _poly_plus.inspect_mlir(stage="affine").values()
    assert "func.call" not in text
    assert text.count("memref.alloc") == 1  # one loop, no temporary


def tuple_ops(a, k):
    s = a.shape
    return (s[:1] + s[2:], (1, 2) * 2, s[::-1], (k,) + s, s[1:][0],
            np.zeros(s[:-1] + (5,)).shape, 2 * (k,))


def test_tuple_slices_concatenation_and_repetition():
    a = np.ones((2, 3, 4))
    assert kern.njit(tuple_ops)(a, 7) == tuple_ops(a, 7)
    with pytest.raises(kern.UnsupportedError, match="not constant integers"):
        kern.njit(lambda t, i: t[i:])((1, 2, 3), 1)


def test_real_and_imag_of_integers_and_bools_are_ints():
    f = kern.njit(lambda n: (n.real, n.imag, n.conjugate()))
    assert f(7) == (7, 0, 7) and all(type(x) is int for x in f(7))
    g = kern.njit(lambda b: (b.real, b.imag))
    assert g(True) == (1, 0) and type(g(True)[0]) is int
