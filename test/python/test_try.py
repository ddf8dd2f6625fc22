"""`try` / `except` / `else` / `finally` in compiled code
(kern/frontend/trying.py), compared with plain CPython running the same
functions (`compiled.py_func`): the results, the exceptions that get
through (class and args), and what the variables hold after a raise."""

import numpy as np
import pytest

import kern


class AppError(Exception):
    pass


class BadValue(ValueError):
    pass


class WorseValue(BadValue):
    pass


class Other(Exception):
    pass


def outcome(f, *args):
    try:
        return "value", f(*args)
    except Exception as e:  # noqa: BLE001 - compared with Python's
        return type(e), e.args


def same(f, *args, **options):
    compiled = kern.njit(**options)(f)
    expected = outcome(f, *args)
    got = outcome(compiled, *args)
    assert got == expected, (args, got, expected)
    return got


# ---- what is caught -------------------------------------------------------

def catch_index(a, i):
    s = 0.0
    try:
        s = s + 1.0
        s = s + a[i]
    except IndexError:
        s = -s
    return s


def test_bounds_check_caught():
    a = np.arange(3.0)
    for i in (1, 7, -9):
        same(catch_index, a, i, boundscheck=True)


def divide(x, y):
    try:
        r = x // y
    except ZeroDivisionError:
        r = -1
    return r


def divide_float(x, y):
    try:
        r = x / y
    except ArithmeticError:  # a base class of ZeroDivisionError
        r = -1.0
    return r


def test_kern_checks_caught():
    for y in (3, 0):
        same(divide, 7, y)
        same(divide_float, 7.0, float(y))


def lookup(d_key, k):
    d = {1: 10.0, 2: 20.0}
    try:
        v = d[k]
    except LookupError:
        v = -1.0
    return v + d_key


def test_dict_key_error():
    same(lookup, 0.5, 1)
    same(lookup, 0.5, 3)


def singular(a):
    try:
        b = np.linalg.inv(a).sum()
    except np.linalg.LinAlgError:
        b = -1.0
    return b


def test_linalg_error():
    same(singular, np.eye(3) * 2.0)
    same(singular, np.zeros((3, 3)))


def raising(x):
    if x == 1:
        raise ValueError("one", x)
    if x == 2:
        raise BadValue("two", x)
    if x == 3:
        raise WorseValue(x, 3.5)
    if x == 4:
        raise AppError("four")
    if x == 5:
        raise KeyError(x)
    return x * 10


def clauses(x):
    log = 0
    try:
        log = kern_raising(x)
    except WorseValue:
        log = -3
    except (BadValue, KeyError):
        log = -2
    except ValueError:
        log = -1
    return log


kern_raising = kern.njit(raising)


def test_clauses_in_order_for_raises_in_callees():
    f = kern.njit(clauses)
    for x in range(7):
        expected = outcome(clauses.__globals__["raising"], x)
        py = {1: -1, 2: -2, 3: -3, 5: -2}.get(x)
        got = outcome(f, x)
        if x == 4:  # AppError: no clause matches, it reaches Python
            assert got == (AppError, ("four",))
        else:
            assert got == ("value", py if py is not None else
                           expected[1]), (x, got)


def every_exception(x):
    try:
        r = kern_raising(x)
    except:  # noqa: E722 - what is tested
        r = -100
    return r


def exception_base(x):
    try:
        r = kern_raising(x)
    except Exception:
        r = -100
    return r


def test_bare_except_and_exception():
    for x in range(6):
        same(every_exception, x)
        same(exception_base, x)


def not_caught(x):
    try:
        r = kern_raising(x)
    except IndexError:
        r = -1
    return r


def test_uncaught_reach_python_unchanged():
    for x in range(6):
        same(not_caught, x)


def reraised(x):
    n = 0
    try:
        n = kern_raising(x)
    except ValueError:
        n = 1
        raise
    return n


def test_bare_raise_re_raises():
    for x in range(6):
        same(reraised, x)


def nested_then_reraise(x):
    try:
        kern_raising(x)
    except BadValue:
        try:
            kern_raising(5)
        except KeyError:
            pass
        raise  # the BadValue, not the KeyError handled since
    return 0


def test_reraise_after_a_nested_try():
    for x in (0, 2, 3, 4):
        same(nested_then_reraise, x)


# ---- variables, else, finally --------------------------------------------

def partial(n, k):
    total = 0
    z = 1j
    pair = (0, 0.0)
    flag = False
    try:
        for i in range(n):
            total += i
            z = z * 2
            pair = (i, i * 0.5)
            flag = i % 2 == 1
            if i == k:
                raise ValueError(i)
    except ValueError:
        total = -total
    return total, z, pair, flag


def test_assignments_before_the_raise_are_kept():
    for k in (3, 100):
        same(partial, 10, k)


def list_in_body(n, k):
    out = [0]
    try:
        out = [i for i in range(n)]
        out.append(kern_raising(k))
    except ValueError:
        out.append(-1)
    return out


def test_list_assigned_in_body():
    for k in (0, 1, 4):
        same(list_in_body, 4, k)


def order(x):
    log = 0
    try:
        log = log * 10 + 1
        kern_raising(x)
        log = log * 10 + 2
    except ValueError:
        log = log * 10 + 3
    else:
        log = log * 10 + 4
    finally:
        log = log * 10 + 5
    return log


def finally_only(x, out):
    try:
        out[0] = 1.0
        kern_raising(x)
    finally:
        out[1] = 2.0
    return 7


def test_else_and_finally():
    for x in (0, 1, 2, 4):
        same(order, x)
    f = kern.njit(finally_only)
    for x in (0, 1):
        a, b = np.zeros(2), np.zeros(2)
        assert outcome(f, x, a) == outcome(finally_only, x, b)
        assert list(a) == list(b) == [1.0, 2.0]


def nested_finally(x):
    log = 0
    try:
        try:
            log += 1
            kern_raising(x)
            log += 10
        finally:
            log += 100
    except KeyError:
        log += 1000
    else:
        log += 10000
    return log


def test_nested_try():
    for x in (0, 4, 5):
        same(nested_finally, x)


def closure_in_body(a, k):
    def g(i):
        return a[i] * k
    s = 0.0
    try:
        s = g(0) + g(1)
        if s > 3:
            raise ValueError(s)
    except ValueError:
        s = -s
    return s


def raise_in_clause(x):
    try:
        try:
            raise ValueError(x)
        except ValueError:
            raise KeyError(x + 1)
        finally:
            x = x * 10
    except KeyError:
        return x
    return -1


def test_closures_and_raises_in_clauses():
    for k in (2.0, 5.0):
        same(closure_in_body, np.arange(4.0), k)
    same(raise_in_clause, 3)


# ---- leaving the body -----------------------------------------------------

def returns(x):
    try:
        if x > 2:
            return kern_raising(x - 3)
        kern_raising(x)
    except ValueError:
        return -1
    finally:
        x = x + 1
    return x


def returns_from_else(x):
    try:
        y = kern_raising(x)
    except Exception:
        return -1.0
    else:
        return y * 0.5


def test_return_in_try_except_else():
    for x in range(8):
        same(returns, x)
        same(returns_from_else, x)


def loop(n):
    total = 0
    caught = 0
    for i in range(n):
        try:
            total += kern_raising(i % 6)
            if i == 6:
                continue
            if total > 400:
                break
            total += 1
        except BadValue:
            caught += 1
            if caught == 3:
                break
        except Exception:
            continue
    return total, caught


def while_loop(n):
    i, s = 0, 0
    while True:
        try:
            i += 1
            s += kern_raising(i % 3)
            if i > n:
                break
        except ValueError:
            s -= 1
    return s


def test_break_continue_in_loops():
    for n in (3, 9, 40):
        same(loop, n)
        same(while_loop, n)


def many(n):
    caught = 0
    for i in range(n):
        try:
            if i % 2 == 0:
                raise ValueError(i)
        except ValueError:
            caught += 1
    return caught


def test_try_in_a_long_loop():
    assert kern.njit(many)(1_000_000) == 500_000  # no stack growth


def temporaries(a, k):
    s = 0.0
    try:
        b = a * 2.0
        c = np.sqrt(b + 1.0)
        s = c.sum()
        if k > 0:
            raise ValueError("stop")
    except ValueError:
        s = -1.0
    return s


def test_memory_of_the_body_freed():
    f = kern.njit(temporaries)
    a = np.ones(10_000)
    assert np.isclose(f(a, 0), temporaries(a, 0)) and f(a, 1) == -1.0
    with open("/proc/self/statm") as st:
        before = int(st.read().split()[1])
    for _ in range(5000):
        f(a, 1)
    with open("/proc/self/statm") as st:
        grown = (int(st.read().split()[1]) - before) * 4096 / 2 ** 20
    assert grown < 50, grown  # 80 KB per call would be 400 MiB


def safe_sqrt(x):
    try:
        if x < 0:
            raise ValueError(x)
        r = np.sqrt(x)
    except ValueError:
        r = 0.0
    return r


def prange_calls(a):
    out = np.empty_like(a)
    for i in kern.prange(a.shape[0]):
        out[i] = kern_safe_sqrt(a[i])
    return out


kern_safe_sqrt = kern.njit(safe_sqrt)


def test_try_in_a_function_called_from_prange():
    a = np.linspace(-4.0, 4.0, 1001)
    got = kern.njit(parallel=True)(prange_calls)(a)
    np.testing.assert_allclose(got, np.sqrt(np.maximum(a, 0.0)))


def prange_in_body(a, bad):
    s = 0.0
    after = 0
    try:
        for i in kern.prange(a.shape[0]):
            if i == bad:
                raise ValueError(i)
            s += a[i]
        after = 1
        if bad == -2:
            raise KeyError(0)
    except ValueError:
        s = -1.0
    except KeyError:
        after = -after
    return s, after


def test_prange_in_a_try_body():
    f = kern.njit(parallel=True)(prange_in_body)
    a = np.arange(100_000.0)
    assert f(a, -1) == (a.sum(), 1)
    assert f(a, 500) == (-1.0, 0)
    assert f(a, -2) == (a.sum(), -1)  # the sum made before the raise


# ---- refused ------------------------------------------------------------

def binds(x):
    try:
        kern_raising(x)
    except ValueError as e:
        return e
    return None


def in_prange(a):
    for i in kern.prange(a.shape[0]):
        try:
            a[i] = 1.0
        except Exception:
            pass
    return a


def array_rebound(n):
    a = np.zeros(n)
    try:
        a = np.ones(n)
    except Exception:
        pass
    return a


def return_in_finally(x):
    try:
        kern_raising(x)
    finally:
        return 1


def bare_raise(x):
    raise


def test_refused_with_located_errors():
    cases = [(binds, "as e"), (in_prange, "try inside a prange"),
             (array_rebound, "holding an array"),
             (return_in_finally, "in a finally clause"),
             (bare_raise, "outside an except clause")]
    for f, what in cases:
        with pytest.raises(kern.UnsupportedError, match=what) as info:
            kern.njit(parallel=f is in_prange)(f)(np.zeros(3) if f is
                                                   in_prange else 1)
        assert info.value.filename == __file__ and info.value.lineno


def test_index_error_caught_in_try_body():
    """A clause catching IndexError makes the try body's indexing checked:
    the handler runs, as in Python (unchecked, a[i] read past the end)."""
    def get(a, i):
        try:
            return a[i]
        except IndexError:
            return -1.0

    def get_any(a, i):
        try:
            return a[i]
        except Exception:
            return -2.0
    a = np.arange(5.0)
    for f in (get, get_any):
        for i in (0, 4, -5, 5, 100, -6):
            assert kern.njit(f)(a, i) == f(a, i)
