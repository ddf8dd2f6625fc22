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


# ---------------------------------------------------------------------------
# error paths: the exception class and message of NumPy and Python
# error paths raise NumPy's/Python's exception class with a useful message,
# never a crash or a garbage array, and the next call works.
# ---------------------------------------------------------------------------

def zeros2(n, m):
    return np.zeros((n, m))


def empty1(n):
    return np.empty(n)


def full2(n, m):
    return np.full((n, m), 1.5)


def linspace_n(n):
    return np.linspace(0.0, 1.0, n)


def random_n(n):
    return np.random.random(n)


def temp_then_alloc(a, n):
    return (a * 2.0).sum() + np.zeros(n).sum()


@pytest.mark.parametrize("f,args,exc,match", [
    (zeros2, (-1, 3), ValueError, "negative dimensions"),
    (zeros2, (-1, -3), ValueError, "negative dimensions"),  # product > 0
    (empty1, (-1,), ValueError, "negative dimensions"),
    (full2, (-2, -2), ValueError, "negative dimensions"),
    (random_n, (-4,), ValueError, "negative dimensions"),
    (linspace_n, (-2,), ValueError, "must be non-negative"),
    # a byte count that wraps around to a small allocation
    (zeros2, (2 ** 62, 4), ValueError, "array is too big"),
    (zeros2, (2 ** 31, 2 ** 31), ValueError, "array is too big"),
    (empty1, (2 ** 60,), ValueError, "array is too big"),
    # malloc fails: NumPy's MemoryError, not a NULL buffer written to
    (zeros2, (2 ** 27, 2 ** 28), MemoryError, "Unable to allocate"),
    (temp_then_alloc, (np.ones(3), 2 ** 55), MemoryError,
     "Unable to allocate"),
])
def test_creation_errors(f, args, exc, match):
    g = kern.njit(f)
    with pytest.raises(exc, match=match):
        g(*args)
    with pytest.raises(exc):  # NumPy agrees on the class
        f(*args)


def test_next_call_after_errors_works():
    g = kern.njit(zeros2)
    for _ in range(3):
        with pytest.raises(ValueError):
            g(-1, 2)
        np.testing.assert_array_equal(g(2, 3), np.zeros((2, 3)))
    h = kern.njit(temp_then_alloc)
    with pytest.raises(MemoryError):
        h(np.ones(3), 2 ** 55)
    assert h(np.ones(3), 4) == 6.0


def add(a, b):
    return a + b


def assign(a, b):
    a[:] = b
    return a


@pytest.mark.parametrize("f,args,exc,match", [
    (add, (np.ones(3), np.ones(4)), ValueError, "could not be broadcast"),
    (assign, (np.ones(3), np.ones(4)), ValueError, "could not broadcast"),
    (add, (np.ones(2, np.float16), 1.0), TypeError, "float16"),
    (add, (slice(1), 1), TypeError, "slice"),
    (add, (b"a", b"b"), kern.UnsupportedError, "'\\+' of a bytes"),
    (add, (2 ** 70, 1), OverflowError, "too large"),
])
def test_argument_and_shape_errors(f, args, exc, match):
    with pytest.raises(exc, match=match):
        kern.njit(f)(*args)


def floordiv(a, b):
    return a // b


def test_zero_division_message():
    with pytest.raises(ZeroDivisionError, match="by zero"):
        kern.njit(floordiv)(1, 0)
    assert kern.njit(floordiv)(7, 2) == 3


def raise_in_loop(a, k):
    s = 0.0
    for i in range(a.shape[0]):
        if a[i] == k:
            raise ValueError("found the value")
        s += a[i]
    return s


def test_raise_in_loop_then_normal_call():
    g = kern.njit(raise_in_loop)
    a = np.arange(10.0)
    for _ in range(3):
        with pytest.raises(ValueError, match="found the value"):
            g(a, 5.0)
        assert g(a, -1.0) == 45.0


def write_first(a):
    a[0] = 7.0


def add_in_place(a):
    a += 1


def fill_in(a):
    a.fill(2.0)


def write_view(a):
    v = a[1:]
    v[0] = 5.0


def read_only_sum(a):
    return a.sum() + a[0]


def test_write_into_read_only_array_raises():
    """As Numba: a non-writeable array is typed `readonly array(...)` and a
    write into it, or into a view of it, is refused at typing."""
    ro = np.ones(3)
    ro.flags.writeable = False
    with pytest.raises(kern.TypingError, match="readonly"):
        kern.njit(assign)(ro, np.zeros(3))
    for f in (write_first, add_in_place, fill_in, write_view):
        with pytest.raises(kern.TypingError, match="Cannot modify readonly"):
            kern.njit(f)(ro)
    np.testing.assert_array_equal(ro, np.ones(3))
    assert kern.njit(read_only_sum)(ro) == 4.0  # reading is fine
    w = np.ones(3)  # the same function on a writeable array
    kern.njit(write_first)(w)
    assert w[0] == 7.0


def index(a, i):
    return a[i]


def test_huge_uint64_index_is_not_minus_one():
    g = kern.njit(boundscheck=True)(index)
    a = np.arange(10.0)
    with pytest.raises(IndexError):
        g(a, np.uint64(2 ** 64 - 1))  # was a[-1]
    assert g(a, np.uint64(3)) == 3.0
    assert g(a, np.int32(-1)) == 9.0


# ---- float -> int of NaN, infinities, out-of-range values (fptosi poison) --

def to_int(x):
    return int(x)


def to_round(x):
    return round(x)


def store_into_int_array(a, x):
    a[0] = x
    return a


@pytest.mark.parametrize("f", [to_int, to_round])
@pytest.mark.parametrize("x,exc", [(float("nan"), ValueError),
                                   (float("inf"), OverflowError),
                                   (float("-inf"), OverflowError)])
def test_float_to_int_errors_like_python(f, x, exc):
    with pytest.raises(exc):
        f(x)
    with pytest.raises(exc):
        kern.njit(f)(x)


@pytest.mark.parametrize("x", [1e20, -1e19])
def test_float_out_of_int64_range_is_an_error(x):
    with pytest.raises(OverflowError, match="int64"):
        kern.njit(to_int)(x)


@pytest.mark.parametrize("x,want", [(2.5, 2), (-2.5, -2), (-0.7, 0),
                                    (9.2e18, 9200000000000000000),
                                    (-2.0 ** 63, -2 ** 63)])
def test_float_to_int_in_range(x, want):
    assert kern.njit(to_int)(x) == int(x) == want


def test_store_nan_into_int_array():
    a = np.zeros(3, np.int64)
    with pytest.raises(ValueError, match="NaN"):
        store_into_int_array(a.copy(), float("nan"))
    with pytest.raises(ValueError, match="NaN"):
        kern.njit(store_into_int_array)(a, float("nan"))
    b = np.zeros(3, np.int32)
    with pytest.raises(OverflowError):
        kern.njit(store_into_int_array)(b, 3e9)
    np.testing.assert_array_equal(
        kern.njit(store_into_int_array)(b, -7.9), [-7, 0, 0])


# ---- .real / .imag of complex arrays are copies in kern -----------------

def write_real(c):
    c.real[0] = 1.0
    return c


def write_imag(c):
    c.imag[:] = 2.0
    return c


def fill_real(c):
    c.real.fill(3.0)
    return c


@pytest.mark.parametrize("f", [write_real, write_imag, fill_real])
def test_writes_into_real_imag_are_errors_not_lost(f):
    c = np.arange(3.0) * (1 + 1j)
    with pytest.raises(kern.UnsupportedError, match="complex array"):
        kern.njit(f)(c)


def write_real_of_real(a):
    a.real[0] = 5.0
    return a


def test_real_of_a_real_array_is_the_array():
    a = np.arange(3.0)
    kern.njit(write_real_of_real)(a)
    assert a[0] == 5.0


def write_through_alias(c):
    r = c.real
    r[:] = 1.0
    return c


@pytest.mark.xfail(strict=True, reason="kern's .real/.imag of a complex "
                   "array is a fresh array, NumPy's a view: a write through "
                   "a variable holding it is lost silently (the direct "
                   "forms c.real[...] = v raise UnsupportedError)")
def test_write_through_real_alias():
    c = np.arange(3.0) * (1 + 1j)
    kern.njit(write_through_alias)(c)
    np.testing.assert_array_equal(c.real, [1.0, 1.0, 1.0])
