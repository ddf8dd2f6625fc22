"""Self- and mutually recursive compiled functions, typed as Numba types
them (from a return that does not recurse), against plain Python."""

import numpy as np
import pytest

import kern


@kern.njit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@kern.njit
def fact_late_base(n):
    if n > 1:
        return n * fact_late_base(n - 1)
    return 1


@kern.njit
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)


@kern.njit
def widening(n):
    if n <= 0:
        return 1
    return widening(n - 1) * 1.5


@kern.njit
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


@kern.njit
def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


@kern.njit
def suffix_sum(a, i):
    if i < a.shape[0]:
        rest = suffix_sum(a, i + 1)
        return rest + a[i]
    return 0.0


@kern.njit
def quicksort(a, lo, hi):
    if lo >= hi:
        return
    pivot = a[hi]
    i = lo
    for j in range(lo, hi):
        if a[j] < pivot:
            a[i], a[j] = a[j], a[i]
            i += 1
    a[i], a[hi] = a[hi], a[i]
    quicksort(a, lo, i - 1)
    quicksort(a, i + 1, hi)


@kern.njit
def alternating(x, n):
    if n == 0:
        return 0.0
    return alternating(n, n - 1) + x  # float64 then int64 arguments


@pytest.mark.parametrize("fn, args", [
    (fib, (15,)), (fact_late_base, (10,)), (gcd, (1071, 462)),
    (widening, (4,)), (is_even, (10,)), (is_odd, (10,)), (is_even, (7,)),
    (suffix_sum, (np.arange(6.0), 0)), (alternating, (1.5, 4)),
])
def test_recursive_functions_match_python(fn, args):
    assert fn(*args) == fn.py_func(*args)


def test_recursion_on_arrays_sorts_in_place():
    a = np.random.default_rng(3).random(2000)
    expected = np.sort(a)
    quicksort(a, 0, a.shape[0] - 1)
    np.testing.assert_array_equal(a, expected)


def test_an_explicit_signature_compiles_the_recursion_eagerly():
    @kern.njit("int64(int64)")
    def tribonacci(n):
        if n < 3:
            return 1 if n == 2 else 0
        return tribonacci(n - 1) + tribonacci(n - 2) + tribonacci(n - 3)

    assert [tribonacci(n) for n in range(13)] == [
        0, 0, 1, 1, 2, 4, 7, 13, 24, 44, 81, 149, 274]


def test_untypable_recursion_is_a_located_error():
    @kern.njit
    def forever(n):
        return forever(n - 1)

    with pytest.raises(kern.TypingError,
                       match=r"test_recursion.py:\d+: in 'forever': cannot "
                             r"type the recursive function 'forever'"):
        forever(3)

    @kern.njit
    def growing(t, n):
        if n == 0:
            return 0
        return growing((t, n), n - 1)

    with pytest.raises(kern.UnsupportedError,
                       match=r"recursion of 'growing' with argument types "
                             r"that keep changing"):
        growing(1, 10)


@kern.njit
def quicksort_in_place(a, lo, hi):
    """A recursive function that returns nothing (Numba types it void)."""
    if lo < hi:
        p = a[hi]
        i = lo
        for j in range(lo, hi):
            if a[j] < p:
                a[i], a[j] = a[j], a[i]
                i += 1
        a[i], a[hi] = a[hi], a[i]
        quicksort_in_place(a, lo, i - 1)
        quicksort_in_place(a, i + 1, hi)


def test_recursive_function_without_a_return_value():
    a = np.random.default_rng(5).random(200)
    b = a.copy()
    assert quicksort_in_place(b, 0, b.size - 1) is None
    np.testing.assert_array_equal(b, np.sort(a))
