"""Errors: every failure is a located kern.TypingError/UnsupportedError or
the Python exception Python would raise; never a crash or a wrong answer."""

import numpy as np
import pytest

import kern
from kern import prange

HERE = __file__.rstrip("c")


def compile_error(f, *args, kind=kern.TypingError):
    with pytest.raises(kind) as info:
        kern.njit(f)(*args)
    message = str(info.value)
    assert HERE in message  # the file of the user's source
    return message


def line_of(f, text):
    import inspect
    lines, first = inspect.getsourcelines(f)
    for i, line in enumerate(lines):
        if text in line:
            return first + i
    raise AssertionError(text)


# ---- typing errors ----------------------------------------------------------

def array_then_scalar(a):
    x = a
    x = 1.0
    return x


def test_conflicting_types_name_variable_types_and_line():
    m = compile_error(array_then_scalar, np.zeros(3))
    assert "'x'" in m and "float64[" in m and "float64" in m
    assert f":{line_of(array_then_scalar, 'x = 1.0')}:" in m


def undefined_name(a):
    return a + not_defined_anywhere  # noqa: F821


def test_undefined_name():
    m = compile_error(undefined_name, 1)
    assert "not_defined_anywhere" in m


def bad_index(a):
    return a[1.5]


def test_float_index():
    assert "integer" in compile_error(bad_index, np.zeros(3))


def too_many_indices(a):
    return a[0, 0]


def test_too_many_indices():
    assert "too many indices" in compile_error(too_many_indices, np.zeros(3))


def maybe_none(x):
    if x > 0:
        return 1.0


def test_missing_return_on_some_path():
    assert "every path" in compile_error(maybe_none, 1.0)


def not_a_reduction(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s = a[i]
    return s


def test_prange_non_reduction():
    m = compile_error(not_a_reduction, np.zeros(4))
    assert "'s'" in m and "reduction" in m


def complex_compare(z):
    return z < 1j


def test_complex_ordering():
    compile_error(complex_compare, 1j)


# ---- unsupported constructs -------------------------------------------------

def uses_try(x):  # try/except works (test_try.py): binding it does not
    try:
        return x
    except Exception as e:
        return e


def uses_generator(x):  # generators work (test_generators.py), send() not
    y = yield x
    yield y


def uses_class(x):
    class A:
        pass
    return x


def uses_set(x):
    d = {1j, x}  # sets hold integers, bools and floats
    return len(d)


def uses_set_comp(x):
    return {((x, 1), 2) for _ in range(3)}


def python_helper(x):
    return x + 1


def calls_python(x):
    return python_helper(x)


def uses_with(x):
    with open("f") as f:
        return x


@pytest.mark.parametrize("f,construct", [
    (uses_try, "as e"), (uses_generator, "yield"), (uses_class, "class"),
    (uses_set, "set items of complex128"),
    (uses_set_comp, "set items of Tuple"), (calls_python, "python_helper"),
    (uses_with, "with")])
def test_unsupported_construct(f, construct):
    m = compile_error(f, 1.0, kind=kern.UnsupportedError)
    assert construct in m
    assert "not supported" in m
    assert ":" in m.split(HERE)[1][:8]  # a line number follows the file


# ---- Python exceptions at run time --------------------------------------------

def int_div(a, b):
    return a // b, a % b


def test_zero_division():
    f = kern.njit(int_div)
    with pytest.raises(ZeroDivisionError, match="division or modulo by zero"):
        f(3, 0)
    assert f(-7, 2) == (-4, 1)


def asserting(x):
    assert x > 0, "x must be positive"
    return x


def test_assert():
    with pytest.raises(AssertionError, match="x must be positive"):
        kern.njit(asserting)(-1.0)


def raising(x):
    if x > 3:
        raise ValueError("too big")
    return x


def test_raise():
    f = kern.njit(raising)
    assert f(1) == 1
    with pytest.raises(ValueError, match="too big"):
        f(5)


def reshape_bad(a):
    return a.reshape((4, 4))


def test_reshape_size_mismatch():
    with pytest.raises(ValueError):
        kern.njit(reshape_bad)(np.zeros(6))


def broadcast_bad(a, b):
    return a + b


def test_broadcast_mismatch():
    with pytest.raises(ValueError):
        kern.njit(broadcast_bad)(np.zeros(3), np.zeros(4))


def maybe_undefined(x):
    if x > 0:
        y = 1.0
    return y


def defined_unless_returned(x):
    if x > 0:
        y = 2.0
    else:
        return -1.0
    return y


def test_possibly_undefined_variable():
    m = compile_error(maybe_undefined, 1.0)
    assert "'y'" in m and "undefined" in m
    f = kern.njit(defined_unless_returned)
    assert f(1.0) == 2.0 and f(-1.0) == -1.0


def float_range(x):
    s = 0
    for i in range(x):
        s += i
    return s


def test_range_of_float():
    assert "range()" in compile_error(float_range, 2.5)


def bool_index(a):
    return a[True]


def test_bool_index():
    assert "integer" in compile_error(bool_index, np.zeros(3))


def numpy_unsupported(a):
    return np.fft.fft(a)


def builtin_unsupported(a):
    return hash(a)


def test_unsupported_library_functions_are_named():
    m = compile_error(numpy_unsupported, np.zeros(3),
                      kind=kern.UnsupportedError)
    assert "np.fft.fft" in m
    m = compile_error(builtin_unsupported, np.zeros(3),
                      kind=kern.UnsupportedError)
    assert "hash" in m
