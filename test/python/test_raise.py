"""`raise` and `assert` in compiled code: Python's class, args and str().

Each exception is compared with what plain Python raises running the same
function (kern.njit(f).py_func is the original).
"""

import numpy as np
import pytest

import kern


class AppError(Exception):
    pass


class Detailed(ValueError):
    def __init__(self, value):
        super().__init__(f"bad value {value}")
        self.value = value


def raised(f, *args):
    try:
        f(*args)
    except Exception as e:  # noqa: BLE001 - the test compares them
        return type(e), e.args
    return None


def same_as_python(f, *args):
    compiled = kern.njit(f)
    expected = raised(f, *args)
    got = raised(compiled, *args)
    assert expected is not None
    assert got == expected, (got, expected)
    return got


def test_runtime_arguments():
    def f(x):
        if x < 0:
            raise ValueError("negative value", x, x * 0.5, x < -2, None)
        return x
    t, args = same_as_python(f, -3)
    assert t is ValueError and args == ("negative value", -3, -1.5, True, None)
    assert kern.njit(f)(4) == 4


def test_one_argument_gives_its_str():
    def f(x):
        raise IndexError(x)
    same_as_python(f, 7)
    with pytest.raises(IndexError) as info:
        kern.njit(f)(2.0)
    assert str(info.value) == "2.0"


@pytest.mark.parametrize("value", [0.1, 1.0 / 3, -0.0, 1e16, 1e-7, 2.5e300,
                                   float("inf"), -float("inf")])
def test_floats_read_back_exactly(value):
    def f(x):
        raise OverflowError(x)
    _, args = same_as_python(f, value)
    assert repr(args[0]) == repr(value)


def test_nan_argument():
    @kern.njit
    def f(x):
        raise OverflowError("not a number", x)
    with pytest.raises(OverflowError) as info:
        f(float("nan"))
    assert info.value.args[0] == "not a number" and np.isnan(info.value.args[1])


def test_integer_kinds_keep_their_values():
    def f(a, b, c):
        raise ZeroDivisionError("50% of", a, b, c)
    same_as_python(f, np.uint8(200), np.int8(-5), np.uint64(2**64 - 1))


def test_user_defined_classes():
    def f(x):
        if x < 0:
            raise AppError("mine", x)
        if x == 0:
            raise Detailed(1.5)
        raise AppError
    for v in (-1, 0, 1):
        same_as_python(f, v)
    with pytest.raises(Detailed) as info:
        kern.njit(f)(0)
    assert info.value.value == 1.5 and str(info.value) == "bad value 1.5"


def test_class_defined_in_a_function():
    def make():
        class Local(Exception):
            pass

        def g(x):
            raise Local(x)
        return g
    t, args = same_as_python(make(), 0.25)
    assert t.__name__ == "Local" and args == (0.25,)


def test_builtin_classes_outside_the_dialect_list():
    def f(x):
        if x:
            raise ArithmeticError("arith", x)
        raise LookupError
    same_as_python(f, 3)
    same_as_python(f, 0)


def define(tmp_path, src, name="f"):
    """A function from source in a file of its own (pytest rewrites the
    asserts of functions defined in test modules)."""
    path = tmp_path / f"src_{abs(hash(src))}.py"
    path.write_text(src)
    ns = {}
    exec(compile(src, str(path), "exec"), ns)
    return ns[name]


def test_assert_messages(tmp_path):
    f = define(tmp_path, "def f(x):\n    assert x > 0, 'x must be positive'\n"
                         "    return x\n")
    g = define(tmp_path, "def f(x):\n    assert x > 0\n    return x\n")
    h = define(tmp_path, "def f(x):\n    assert x > 0, x\n    return x\n")
    assert same_as_python(f, -1) == (AssertionError, ("x must be positive",))
    assert same_as_python(g, -1) == (AssertionError, ())
    assert same_as_python(h, -1.5) == (AssertionError, (-1.5,))
    assert kern.njit(h)(2.0) == 2.0


def test_assert_raises_the_builtin_class_whatever_the_globals(tmp_path):
    f = define(tmp_path, "AssertionError = KeyError\n"
                         "def f(x):\n    assert x > 0, 'positive'\n"
                         "    return x\n")
    assert same_as_python(f, 0) == (AssertionError, ("positive",))


def test_raise_inside_prange_reaches_python():
    @kern.njit(parallel=True)
    def f(a):
        s = 0.0
        for i in kern.prange(a.shape[0]):
            if a[i] < 0:
                raise ValueError("negative at", i)
            s += a[i]
        return s
    a = np.ones(1000)
    assert f(a) == 1000.0
    a[417] = -1
    with pytest.raises(ValueError) as info:
        f(a)
    assert info.value.args == ("negative at", 417)


def test_cached_function_raises_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("KERN_CACHE_DIR", str(tmp_path))

    @kern.njit(cache=True)
    def f(x):
        raise AppError("cached", x)
    with pytest.raises(AppError) as info:
        f(3)
    assert info.value.args == ("cached", 3)


@pytest.mark.parametrize("src,what", [
    ("def f(x):\n    raise ValueError(x=1)\n", "keyword arguments"),
    ("def f(x):\n    raise ValueError('a') from None\n", "raise ... from"),
    ("def f(x):\n    raise\n", "bare 'raise'"),
    ("def f(x):\n    raise 3\n", "raising 3"),
    ("def f(x):\n    raise ValueError(np.ones(3))\n", "exception argument of type"),
])
def test_unsupported_forms_are_located_errors(tmp_path, src, what):
    path = tmp_path / "raising_src.py"
    path.write_text("import numpy as np\n" + src)
    ns = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    with pytest.raises(kern.UnsupportedError) as info:
        kern.njit(ns["f"])(1)
    assert what in str(info.value) and "raising_src.py:" in str(info.value)


@kern.njit
def raise_with_text(x, name):
    if x > 100:
        raise ValueError(f"too large: {x}")
    if x < 0:
        raise KeyError(name, x, "it's \"quoted\"\n")
    return x


def test_raise_with_strings_made_at_run_time():
    with pytest.raises(ValueError) as info:
        raise_with_text(1000, "a")
    assert info.value.args == ("too large: 1000",)
    with pytest.raises(KeyError) as info:
        raise_with_text(-1, "naïve 'x'")
    assert info.value.args == ("naïve 'x'", -1, "it's \"quoted\"\n")
    assert raise_with_text(5, "a") == 5
