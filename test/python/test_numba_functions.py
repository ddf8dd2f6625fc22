"""Calls of a library's Numba `@njit` functions from kern code compile the
functions' Python code with kern (no Numba compilation involved), so code
that mixes the two imports runs."""

import numpy as np
import pytest

import kern

numba = pytest.importorskip("numba")


@numba.njit
def scaled_norm(a, scale=2.0):
    return np.sqrt((a * a).sum()) * scale


@numba.njit(fastmath=True)
def clipped(x, lo, hi):
    return min(max(x, lo), hi)


@numba.njit
def uses_another(a):
    return clipped(scaled_norm(a), 0.0, 10.0)


def test_a_numba_function_called_from_kern():
    @kern.njit
    def f(a):
        return scaled_norm(a), scaled_norm(a, scale=0.5), clipped(a[0], 0.0, 1.0)

    a = np.arange(4.0)
    assert f(a) == (scaled_norm.py_func(a), scaled_norm.py_func(a, 0.5), 0.0)


def test_numba_functions_calling_numba_functions():
    a = np.arange(4.0)
    assert kern.njit(lambda a: uses_another(a))(a) == uses_another.py_func(a)


def test_the_numba_function_is_not_compiled_by_numba():
    @numba.njit
    def fresh(x):
        return x + 1

    assert kern.njit(lambda x: fresh(x) * 2)(3) == 8
    assert fresh.signatures == []  # kern compiled fresh.py_func


@numba.njit
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def test_a_recursive_numba_function():
    assert kern.njit(lambda n: fib(n))(15) == 610
