"""Generator functions called from Python (kern/pygenerators.py): lazy
generator objects against plain Python's, next(), close(), dropped
generators, exceptions, keywords, the values handed over, pure
generators running ahead unobservably."""

import numpy as np
import pytest

import kern
from kern.errors import UnsupportedError
from generator_programs import (A, calls_jitted_j, countdown_j,
                                doubled_evens_j, early_j, evens_j, floats_j,
                                pairs_j, plain, plain_globals, several_j,
                                until_negative_j)


def test_called_from_python_matches_python():
    for jitted, args in [(evens_j, (9,)), (several_j, (2,)),
                         (until_negative_j, (A,)), (pairs_j, (A,)),
                         (calls_jitted_j, (4, 3)), (doubled_evens_j, (8,)),
                         (floats_j, (5,)), (early_j, (4,))]:
        got = list(jitted(*args))
        want = list(plain(jitted.py_func, plain_globals())(*args))
        assert got == want, jitted


def test_keywords_and_defaults_from_python():
    assert list(countdown_j(7, step=2)) == [7, 5, 3, 1]
    assert list(countdown_j(step=3, n=7)) == [7, 4, 1]
    assert list(countdown_j(3)) == [3, 2, 1]
    with pytest.raises(TypeError):
        countdown_j(3, 2)  # step is keyword-only


def test_lazy_next_and_close():
    @kern.njit
    def naturals(start):
        k = start
        while True:
            yield k
            k += 1
    g = naturals(5)
    assert next(g) == 5 and next(g) == 6
    assert [next(g) for _ in range(3)] == [7, 8, 9]
    g.close()
    with pytest.raises(StopIteration):
        next(g)
    h = naturals(0)
    assert next(h) == 0
    del h  # dropped mid-way: its thread ends
    import threading
    import time
    for _ in range(100):
        if not any(t.name.startswith("kern generator")
                   for t in threading.enumerate()):
            break
        time.sleep(0.01)
    assert not any(t.name.startswith("kern generator")
                   for t in threading.enumerate())


def test_exception_comes_out_of_next():
    @kern.njit
    def checked(n):
        for i in range(n):
            if i == 2:
                raise ValueError("two is not allowed")
            yield i
    g = checked(5)
    assert next(g) == 0 and next(g) == 1
    with pytest.raises(ValueError, match="two is not allowed"):
        next(g)
    with pytest.raises(StopIteration):
        next(g)


def test_value_kinds_from_python():
    @kern.njit
    def kinds(n):
        for i in range(n):
            yield i % 2 == 0, np.int32(i), i * 0.5, complex(i, 1.0)
    assert list(kinds(2)) == [(True, 0, 0.0, 0j + 1j), (False, 1, 0.5,
                                                          1 + 1j)]

    @kern.njit
    def complexes(n):
        for i in range(n):
            yield complex(i, -i)
    assert list(complexes(3)) == [0j, 1 - 1j, 2 - 2j]


def test_array_values_from_python():
    @kern.njit
    def rows(a):
        for i in range(a.shape[0]):
            yield a[i], i

    @kern.njit
    def columns(a):
        for j in range(a.shape[1]):
            yield a[:, j]

    @kern.njit
    def fresh(n):
        for i in range(n):
            yield np.arange(i) * 1.5 + 1j

    a = np.arange(12.0).reshape(3, 4)
    for (got, i), want in zip(rows(a), a):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(columns(a[::-1, ::2]), a[::-1, ::2].T):
        np.testing.assert_array_equal(got, want)
    got = list(fresh(3))
    assert [g.dtype for g in got] == [np.complex128] * 3
    for g, i in zip(got, range(3)):
        np.testing.assert_array_equal(g, np.arange(i) * 1.5 + 1j)
    assert len(list(columns(np.ones((2, 0))))) == 0


def test_other_values_from_python_are_a_clear_error():
    @kern.njit
    def words(n):
        for _ in range(n):
            yield "a"
    with pytest.raises(UnsupportedError, match=r"yields unicode_type: kern "
                       r"hands numbers, arrays"):
        words(2)


def test_not_started_generator_closes_quietly():
    g = evens_j(4)
    g.close()
    assert list(g) == []
    assert list(evens_j(4)) == [0, 2]  # the driver compiled once, reused
    assert len(evens_j._drivers) == 1


def test_exact_when_the_caller_can_change_what_it_reads():
    @kern.njit
    def reads(a):
        for i in range(a.shape[0]):
            yield a[i]
    a = np.zeros(4)
    g = reads(a)
    assert next(g) == 0.0
    a[1:] = [5.0, 6.0, 7.0]  # written between two next(): seen, as in Python
    assert next(g) == 5.0
    a[2] = -1.0
    assert list(g) == [-1.0, 7.0]


def test_pure_generator_runs_ahead_unobservably():
    @kern.njit
    def collatz(n):
        while n != 1:
            yield n
            n = n // 2 if n % 2 == 0 else 3 * n + 1
        yield 1
        raise ValueError("after the last value")
    g = collatz(27)
    first = [next(g) for _ in range(5)]
    assert first == [27, 82, 41, 124, 62]
    rest = []
    with pytest.raises(ValueError, match="after the last value"):
        for v in g:
            rest.append(v)
    assert len(first + rest) == 112 and rest[-1] == 1
    big = collatz(10 ** 15 + 1)
    assert next(big) == 10 ** 15 + 1
    big.close()
    assert list(big) == []


def test_ctypes_data_address():
    @kern.njit
    def addresses(a):
        return a.ctypes.data, a[1:].ctypes.data, a[::-1].ctypes.data
    a = np.arange(5.0)
    assert addresses(a) == (a.ctypes.data, a[1:].ctypes.data,
                            a[::-1].ctypes.data)


def test_options_reach_the_driver():
    @kern.njit(nogil=True, fastmath=True)
    def halves(n):
        for i in range(n):
            yield i * 0.5
    assert list(halves(3)) == [0.0, 0.5, 1.0]
    (driver,) = halves._drivers.values()
    assert driver.drive.targetoptions["nogil"] is True


def test_only_pure_generators_run_ahead():
    import random

    @kern.njit
    def pure(n):
        for i in range(n):
            yield i * 2

    @kern.njit
    def draws(n):
        for _ in range(n):
            yield random.random()

    @kern.njit
    def prints(n):
        for i in range(n):
            print(i)
            yield i

    @kern.njit
    def reads(a):
        for x in a:
            yield x
    for gen, arg, batch in [(pure, 3, 1024), (draws, 3, 1), (prints, 3, 1),
                            (reads, np.ones(3), 1)]:
        gen(arg)
        (driver,) = gen._drivers.values()
        assert driver.batch == batch, gen
