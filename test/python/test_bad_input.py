"""Bad input at run time (issue 17): a call that does not fit raises
TypeError naming the parameter; zero-size, negative-stride and
non-contiguous views give NumPy's answers; an allocation that cannot be
satisfied raises MemoryError; a recursion deeper than the stack raises
RecursionError -- never a dead interpreter, and the next call works."""

import math
import threading

import numpy as np
import pytest

import kern


# ---- arguments ------------------------------------------------------------

def add(a, b):
    return a + b


@pytest.mark.parametrize("call,match", [
    (lambda f: f(1), "missing a required argument: 'b'"),
    (lambda f: f(1, 2, 3), "too many positional arguments"),
    (lambda f: f(1, a=2), "multiple values for argument 'a'"),
    (lambda f: f(slice(1), 1), "argument 'a': kern cannot pass a value of type slice"),
    (lambda f: f(1, object()), "argument 'b': kern cannot pass a value of type object"),
])
def test_a_call_that_does_not_bind_names_the_parameter(call, match):
    with pytest.raises(TypeError, match=match):
        call(kern.njit(add))
    assert kern.njit(add)(1, 2) == 3


def at(x, k):
    return x[k]


@pytest.mark.parametrize("args,param", [
    ((np.ones(3), 1.5), "'k' is float64"),               # type
    ((np.ones(3, np.int32), 1), "'x' is int32"),         # dtype
    ((np.ones((3, 3)), 1), "'x' is float64\\[:, ::1\\]"),  # ndim
    (([1.0, 2.0], 1), "'x' is list"),                    # not an array
])
def test_a_call_that_fits_no_signature_names_the_parameter(args, param):
    f = kern.njit("float64(float64[:], int64)")(at)
    with pytest.raises(TypeError, match="argument " + param):
        f(*args)
    assert f(np.arange(3.0), 2) == 2.0


def test_an_int_too_large_for_int64_is_an_overflow_error():
    with pytest.raises(OverflowError):
        kern.njit(add)(2 ** 70, 1)


# ---- views ----------------------------------------------------------------

def total(a):
    return a.sum()


def scaled(a):
    return a * 2.0 + 1.0


def loop_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * (i + 1)
    return s


def cumsum(a):
    return np.cumsum(a)


def mean(a):
    return np.mean(a)


def axis0(a):
    return a.sum(axis=0)


def first_above(a, t):
    for i in range(a.shape[0]):
        if a[i] > t:
            return i
    return -1


BASE = np.arange(24.0).reshape(4, 6) - 7.5
VIEWS_1D = {
    "empty": np.ones(0),
    "empty-slice": BASE[0, 3:3],
    "reversed": BASE[0, ::-1],
    "step-minus-two": BASE[1, ::-2],
    "column": BASE[:, 2],
    "column-reversed": BASE[::-1, 4],
    "strided": BASE.ravel()[1::5],
}
VIEWS_2D = {
    "zero-rows": np.ones((0, 3)),
    "zero-cols": np.ones((3, 0)),
    "transposed": BASE.T,
    "both-reversed": BASE[::-1, ::-1],
    "every-other": BASE[::2, 1::2],
    "empty-rows-view": BASE[2:2, :],
}


@pytest.mark.parametrize("fn", [total, scaled, loop_sum, cumsum, mean])
@pytest.mark.parametrize("view", sorted(VIEWS_1D))
def test_one_dimensional_views_give_numpy_answers(fn, view):
    a = VIEWS_1D[view]
    with np.errstate(all="ignore"), _quiet():
        want = fn(a)
        got = kern.njit(fn)(a)
    np.testing.assert_allclose(got, want, rtol=1e-12)


@pytest.mark.parametrize("fn", [total, scaled, axis0])
@pytest.mark.parametrize("view", sorted(VIEWS_2D))
def test_two_dimensional_views_give_numpy_answers(fn, view):
    a = VIEWS_2D[view]
    want = fn(a)
    got = kern.njit(fn)(a)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_writing_through_a_negative_stride_view():
    def fill(a):
        for i in range(a.shape[0]):
            a[i] = i
        return a

    base = np.zeros(7)
    kern.njit(fill)(base[::-2])
    want = np.zeros(7)
    fill(want[::-2])
    np.testing.assert_array_equal(base, want)


def test_early_return_on_a_reversed_view():
    a = np.array([5.0, 1.0, 9.0, 2.0])[::-1]
    assert kern.njit(first_above)(a, 4.0) == first_above(a, 4.0) == 1


def test_reductions_of_an_empty_view_raise_as_numpy_does():
    def biggest(a):
        return a.max()

    with pytest.raises(ValueError):
        biggest(BASE[0, 3:3])
    with pytest.raises(ValueError):
        kern.njit(biggest)(BASE[0, 3:3])
    assert kern.njit(biggest)(BASE[0, ::-1]) == BASE[0].max()


class _quiet:
    """Silences NumPy's 'mean of empty slice' warning."""

    def __enter__(self):
        import warnings
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        self._w.__exit__(*exc)


# ---- memory -----------------------------------------------------------------

def ones(n):
    return np.ones(n)


def full_square(n):
    return np.full((n, n), 2.5)


def copy_then_huge(a, n):
    b = a.copy()
    return b.sum() + np.zeros(n).sum()


@pytest.mark.parametrize("f,args", [
    (ones, (2 ** 40,)),
    (full_square, (2 ** 21,)),
    (copy_then_huge, (np.ones(5), 2 ** 41)),
])
def test_an_allocation_that_cannot_be_satisfied_is_a_memory_error(f, args):
    g = kern.njit(f)
    with pytest.raises(MemoryError):
        g(*args)
    small = tuple(3 if isinstance(a, int) else a for a in args)
    np.testing.assert_allclose(g(*small), f(*small))


def test_memory_error_in_a_parallel_function():
    @kern.njit(parallel=True)
    def big(n):
        a = np.ones(n)
        s = 0.0
        for i in kern.prange(a.shape[0]):
            s += a[i]
        return s

    with pytest.raises(MemoryError):
        big(2 ** 41)
    assert big(1000) == 1000.0


# ---- recursion --------------------------------------------------------------

@kern.njit
def deep(n):
    if n == 0:
        return 0.0
    return math.sin(deep(n - 1)) + 1.0


@kern.njit
def ping(n):
    if n == 0:
        return 0.0
    return math.sin(pong(n - 1)) + 1.0


@kern.njit
def pong(n):
    if n == 0:
        return 1.0
    return math.cos(ping(n - 1)) - 1.0


@kern.njit
def grow(n):
    if n == 0:
        return np.zeros(2)
    return grow(n - 1) * 0.5 + 1.0


def test_deep_recursion_is_a_recursion_error_not_a_crash():
    f = deep
    assert f(1000) == pytest.approx(f.py_func(1000), rel=1e-12)
    with pytest.raises(RecursionError, match="compiled code"):
        f(10 ** 7)
    assert f(500) == pytest.approx(f.py_func(500), rel=1e-12)  # next call


def test_deep_recursion_returning_arrays():
    with pytest.raises(RecursionError):
        grow(10 ** 7)
    np.testing.assert_allclose(grow(20), grow.py_func(20))


def test_deep_mutual_recursion():
    with pytest.raises(RecursionError):
        ping(10 ** 7)
    assert ping(301) == ping.py_func(301)


def test_deep_recursion_on_a_thread():
    f = deep
    out = []

    def body():
        try:
            f(10 ** 7)
        except RecursionError as e:
            out.append(e)

    t = threading.Thread(target=body)
    t.start()
    t.join()
    assert len(out) == 1 and isinstance(out[0], RecursionError)
