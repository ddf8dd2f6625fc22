"""@kern.cfunc (C callbacks) and first-class functions: cfuncs passed to
compiled code as function pointers, tuples of them, variables holding
compiled functions, run-time indexes into tuples; against plain Python."""

import ctypes
import math
import sys

import numpy as np
import pytest

import kern


@kern.cfunc("float64(float64, float64)")
def hypot2(x, y):
    return x * x + y * y


@kern.cfunc("int32(int32)")
def hundred_over(n):
    return 100 // n


@kern.cfunc("float32(float32, bool)")
def halve_if(x, flag):
    return x / 2 if flag else x


def test_callbacks_through_c_match_python():
    assert hypot2.ctypes(3.0, 4.0) == 25.0 == hypot2(3.0, 4.0)
    assert hundred_over.ctypes(7) == 14
    assert halve_if.ctypes(3.0, True) == 1.5 and halve_if.ctypes(3.0, False) == 3.0
    proto = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double, ctypes.c_double)
    assert proto(hypot2.address)(1.0, 2.0) == 5.0
    assert hypot2.native_name.startswith("cfunc.") and "hypot2" in hypot2.native_name
    assert str(kern.typeof(hypot2)) == "FunctionType[float64(float64, float64)]"


def test_an_exception_in_a_callback_is_reported_and_returns_zero(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    assert hundred_over.ctypes(0) == 0
    assert len(seen) == 1 and seen[0].exc_type is ZeroDivisionError
    assert seen[0].object == "<kern C callback hundred_over>"
    assert hundred_over.ctypes(5) == 20      # and the next call is clean


@kern.cfunc("float64(float64)")
def plus_one(x):
    return x + 1.0


@kern.cfunc("float64(float64)")
def twice(x):
    return 2.0 * x


@kern.cfunc("float64(float64)")
def gauss(x):
    return math.exp(-x * x)


@kern.njit
def trapezoid(f, a, b, n):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h


def trapezoid_py(f, a, b, n):
    h = (b - a) / n
    return h * (0.5 * (f(a) + f(b)) + sum(f(a + i * h) for i in range(1, n)))


def test_a_cfunc_passed_to_compiled_code_is_a_function_pointer():
    for f in (gauss, plus_one):
        assert trapezoid(f, 0.0, 1.0, 100) == pytest.approx(
            trapezoid_py(f, 0.0, 1.0, 100), rel=1e-14)
    assert len(trapezoid.signatures) == 1    # one specialization per signature


@kern.njit
def apply_all(fs, x):
    s = 0.0
    for f in fs:
        s += f(x)
    return s


@kern.njit
def apply_one(fs, i, x):
    return fs[i](x)


def test_tuples_of_cfuncs_iterate_and_index_at_run_time():
    fs = (plus_one, twice, gauss)
    assert apply_all(fs, 3.0) == 4.0 + 6.0 + math.exp(-9.0)
    assert [apply_one(fs, i, 3.0) for i in (0, 1, -1)] == [4.0, 6.0, math.exp(-9.0)]
    with pytest.raises(IndexError, match="tuple index out of range"):
        apply_one(fs, 3, 1.0)


@kern.njit
def named(x):
    return plus_one(x) + twice(2)            # compiled in, converted


def test_a_cfunc_named_in_compiled_code():
    assert named(1.0) == 6.0


@kern.njit
def inc(x):
    return x + 1


@kern.njit
def tenfold(x):
    return x * 10


@kern.njit
def through_variables(x):
    s = 0
    for f in (inc, tenfold):
        s += f(x)
    g = inc
    g = tenfold
    return s + g(1)


def choose(c, x):
    if c:
        f = inc
    else:
        f = tenfold
    return f(x)


def test_variables_holding_compiled_functions():
    assert through_variables(2) == 3 + 20 + 10
    with pytest.raises(kern.TypingError, match=r"test_cfunc.py:\d+: .*function"):
        kern.njit(choose)(True, 1)


@kern.njit
def pick(t, i):
    return t[i]


def test_run_time_indexes_into_tuples_of_one_type():
    assert pick((1.0, 2.0, 3.0), 2) == 3.0 and pick((1, 2, 3), -3) == 1
    with pytest.raises(IndexError):
        pick((1, 2), 2)
    with pytest.raises(kern.TypingError, match="indexed by constants"):
        pick((1, np.ones(2)), 0)


def test_bad_signatures():
    with pytest.raises(TypeError, match="explicit return type"):
        kern.cfunc("(float64,)")(plus_one.__wrapped__)
    with pytest.raises(kern.TypingError, match=r"float64\[:\] is not a type a C callback"):
        kern.cfunc("float64(float64[:])")(plus_one.__wrapped__)
    with pytest.raises(kern.TypingError, match="complex128 is not a type"):
        kern.cfunc("complex128(float64)")(plus_one.__wrapped__)


def test_scipy_low_level_callable():
    scipy = pytest.importorskip("scipy")
    from scipy import integrate
    value, _ = integrate.quad(scipy.LowLevelCallable(gauss.ctypes), 0.0, 1.0)
    assert value == pytest.approx(integrate.quad(gauss.__wrapped__, 0.0, 1.0)[0],
                                  rel=1e-14)


def apply_twice(f, x):
    return f(f(x))


def test_function_type_in_an_explicit_signature():
    from kern import types
    sig = types.float64(types.FunctionType(types.float64(types.float64)),
                        types.float64)
    g = kern.njit(sig)(apply_twice)
    assert g(plus_one, 2.0) == 4.0 and g(twice, 3.0) == 12.0
    assert [str(t) for t in g.signatures[0]] == ["FunctionType[float64(float64)]",
                                                 "float64"]
    with pytest.raises(TypeError, match="no compiled signature"):
        g(hypot2, 1.0)                        # another signature
