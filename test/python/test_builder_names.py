"""The SSA names of the emitted MLIR: values bound to variables are named
after them (`%s_12`), by the builder's exact renaming (frontend/builder.py
NAME_END), in functions with loops, while loops, try bodies, prange,
integer powers and argmin, where names derived from one another abound."""

import numpy as np
import pytest

import kern
from kern.frontend.builder import NAME_END


def many(n):
    # more than ten values, so that %1 and %12 both exist
    a = 1
    b = a + 2
    c = b * 3
    d = c - a
    e = d + b
    f = e * c
    g = f - d
    h = g + e
    i = h * 2
    j = i + f
    k = j - g
    s = 0
    for t in range(n):
        s += t * k
    w = 0
    while w < n:
        w += 3
    return s + w + k ** 3


def tried(a, k):
    x = 0.0
    try:
        x = a[k]
    except IndexError:
        x = -1.0
    return x


def par(a):
    s = 0.0
    for i in kern.prange(a.shape[0]):
        s += a[i] * 2.0
    return s + np.argmin(a)


def _check_text(fn):
    for text in fn.inspect_mlir().values():
        assert NAME_END not in text
        for name in ("%s_", "%k_"):
            if name in text:
                return text
    return None


def test_named_values_and_results():
    f = kern.njit(many)
    for n in (0, 1, 7, 20):
        assert f(n) == many(n)
    text = _check_text(f)
    assert text is not None and "%k_" in text and "%s_" in text


def test_try_body_names():
    f = kern.njit(tried)
    a = np.arange(4.0)
    assert f(a, 2) == 2.0 and f(a, 9) == -1.0
    for text in f.inspect_mlir().values():
        assert NAME_END not in text


@pytest.mark.parametrize("parallel", [False, True])
def test_prange_and_argmin_names(parallel):
    f = kern.njit(par, parallel=parallel)
    a = np.array([3.0, -1.0, 2.0, 5.0])
    assert f(a) == 2.0 * a.sum() + np.argmin(a)
    for text in f.inspect_mlir().values():
        assert NAME_END not in text
