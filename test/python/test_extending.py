"""kern.extending: overload, overload_method, overload_attribute and
register_jitable, with Numba's names, checked against plain Python."""

import numpy as np
import pytest

import kern
from kern import types
from kern.extending import (overload, overload_attribute, overload_method,
                            register_jitable)


# ---- overload of a plain Python function -----------------------------------

def describe(x):
    """Plain Python: 1 for integers, 2 for floats."""
    return 1 if isinstance(x, int) else 2


@overload(describe)
def _describe(x):
    if isinstance(x, types.Integer):
        return lambda x: x * 10 + 1
    if isinstance(x, types.Float):
        def impl(x):
            return x * 10.0 + 2.0
        return impl
    return None


@kern.njit
def use_describe(i, f):
    return describe(i), describe(f)


def test_overload_chooses_by_argument_type():
    assert use_describe(3, 0.5) == (31, 7.0)
    r = use_describe(np.int32(2), np.float32(1.5))
    assert r == (21, 17.0)


def test_overload_is_still_plain_python():
    assert describe(3) == 1 and describe(0.5) == 2


def test_overload_with_no_applicable_implementation_is_a_typing_error():
    @kern.njit
    def f(a):
        return describe(a)
    with pytest.raises(kern.TypingError) as e:
        f(np.zeros(3))
    assert "no implementation of 'describe'" in str(e.value)
    assert "float64[:" in str(e.value)
    assert e.value.filename == __file__


def test_overload_of_a_numpy_function_kern_lacks():
    def _nbytes_of(a):
        pass

    @overload(np.ptp)
    def _ptp(a):
        if isinstance(a, types.Array):
            return lambda a: a.max() - a.min()

    @kern.njit
    def f(a):
        return np.ptp(a)
    a = np.array([3.0, -1.0, 7.5])
    assert f(a) == np.ptp(a)


def test_overload_keywords_and_defaults():
    def scale(x, factor=2.0, offset=0.0):
        return x * factor + offset

    @overload(scale)
    def _scale(x, factor=2.0, offset=0.0):
        def impl(x, factor=2.0, offset=0.0):
            return x * factor + offset
        return impl

    @kern.njit
    def f(x):
        return scale(x), scale(x, 3.0), scale(x, offset=1.0), \
            scale(x, offset=2.0, factor=10.0)
    assert f(1.5) == (scale(1.5), scale(1.5, 3.0), scale(1.5, offset=1.0),
                      scale(1.5, offset=2.0, factor=10.0))


def test_prefer_literal_sees_the_constant():
    def power(x, n):
        return x ** n

    seen = []

    @overload(power, prefer_literal=True)
    def _power(x, n):
        seen.append(n)
        if isinstance(n, types.IntegerLiteral):
            k = n.literal_value
            if k == 2:
                return lambda x, n: x * x
            return lambda x, n: x ** k

    @kern.njit
    def f(x):
        return power(x, 2) + power(x, 3)
    assert f(2.0) == 12.0
    assert types.literal(2) in seen and types.literal(3) in seen


def test_literal_types_are_offered_after_plain_ones_by_default():
    def only_literal(n):
        return n

    @overload(only_literal)
    def _only_literal(n):
        if isinstance(n, types.IntegerLiteral):
            v = n.literal_value
            return lambda n: v + 100
        return None

    @kern.njit
    def f():
        return only_literal(5)
    assert f() == 105


def test_overload_inside_parallel_code():
    def shift(x):
        return x + 1.0

    @overload(shift)
    def _shift(x):
        return lambda x: x + 1.0

    @kern.njit(parallel=True)
    def f(a):
        s = 0.0
        for i in kern.prange(a.shape[0]):
            s += shift(a[i])
        return s
    a = np.arange(1000.0)
    assert f(a) == pytest.approx(np.sum(a + 1.0))


def test_error_inside_an_overload_points_at_its_line():
    def broken(x):
        return x

    @overload(broken)
    def _broken(x):
        def impl(x):
            return x + not_defined_anywhere  # noqa: F821
        return impl

    @kern.njit
    def f(x):
        return broken(x)
    with pytest.raises(kern.TypingError) as e:
        f(1.0)
    assert e.value.filename == __file__
    src = open(__file__).read().splitlines()
    assert "not_defined_anywhere" in src[e.value.lineno - 1]


# ---- methods and attributes -------------------------------------------------

@overload_method(types.Array, "float_sumsq")
def _array_sumsq(a):
    if isinstance(a.dtype, types.Float):
        def impl(a):
            return (a * a).sum()
        return impl


@overload_method(types.Array, "scaled")
def _array_scaled(a, k):
    def impl(a, k):
        return a * k
    return impl


@overload_attribute(types.Array, "last")
def _array_last(a):
    if a.ndim == 1:
        return lambda a: a[a.shape[0] - 1]


def test_overload_method_on_arrays():
    @kern.njit
    def f(a):
        return a.float_sumsq(), a.scaled(3.0)
    a = np.arange(5.0)
    s, b = f(a)
    assert s == np.sum(a * a)
    np.testing.assert_array_equal(b, a * 3.0)


def test_overload_method_on_2d_and_views():
    @kern.njit
    def f(a):
        return a[::2].float_sumsq()
    a = np.arange(12.0).reshape(3, 4)
    assert f(a) == np.sum(a[::2] ** 2)


def test_overload_method_that_does_not_apply():
    @kern.njit
    def f(a):
        return a.float_sumsq()
    with pytest.raises(kern.TypingError) as e:
        f(np.arange(3))
    assert "no implementation of the method 'float_sumsq'" in str(e.value)


def test_overload_attribute():
    @kern.njit
    def f(a):
        return a.last * 2.0
    assert f(np.array([1.0, 4.0])) == 8.0


def test_overload_method_on_scalars():
    @overload_method(types.Float, "half")
    def _half(x):
        return lambda x: x / 2.0

    @kern.njit
    def f(x):
        return x.half()
    assert f(3.0) == 1.5


# ---- register_jitable --------------------------------------------------------

@register_jitable
def _inner(x):
    return x * x + 1


@register_jitable
def _outer(x, k=2):
    return _inner(x) * k


@register_jitable(fastmath=False)
def _with_options(x):
    return _outer(x, k=3)


def test_register_jitable_functions_call_each_other():
    @kern.njit
    def f(x, i):
        return _outer(x), _with_options(i)
    assert f(2.0, 3) == (_outer(2.0), _with_options(3))
    assert _outer(2.0) == 10.0  # still callable from Python


def test_register_jitable_on_arrays():
    @register_jitable
    def norm2(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += a[i] * a[i]
        return s

    @kern.njit
    def f(a):
        return norm2(a) + norm2(a[1:])
    a = np.arange(4.0)
    assert f(a) == norm2(a) + norm2(a[1:])


# ---- types seen by typing functions ------------------------------------------

def test_types_in_typing_functions():
    got = {}

    def probe(a, t, b):
        pass

    @overload(probe)
    def _probe(a, t, b):
        got.update(a=a, t=t, b=b)
        return lambda a, t, b: 0

    @kern.njit
    def f(a, b):
        return probe(a, (1.0, 2.0), b)
    f(np.zeros((2, 3)), True)
    assert isinstance(got["a"], types.Array) and got["a"].ndim == 2
    assert got["a"].dtype == types.float64
    assert got["a"] == types.Array(types.float64, 2, got["a"].layout)
    assert isinstance(got["t"], types.UniTuple) and got["t"].count == 2
    assert isinstance(got["b"], types.Boolean)


def test_keyword_arguments_to_njit_callees():
    @kern.njit
    def lin(a, b=1.0, c=2.0):
        return a + 10 * b + 100 * c

    @kern.njit
    def f(x):
        return lin(x, c=3.0), lin(x), lin(a=x, b=0.0)
    assert f(1.0) == (lin.py_func(1.0, c=3.0), lin.py_func(1.0),
                      lin.py_func(a=1.0, b=0.0))
