"""Generator functions and their jitted twins for test_generators.py and
test_generators_python.py, and the plain Python twins of functions that
call them (`plain`, `plain_globals`)."""

import numpy as np

import kern

__all__ = ["evens_j", "several_j", "until_negative_j", "pairs_j", "scaled_j",
           "calls_jitted_j", "doubled_evens_j", "countdown_j", "floats_j",
           "early_j", "A", "plain", "plain_globals"]


def evens(n):
    for i in range(n):
        if i % 2 == 0:
            yield i


def several(x):
    yield x
    yield x * 2
    k = x + 1
    yield k
    while k < x + 4:
        k += 1
        yield k * 10


def until_negative(a):
    i = 0
    while True:
        if i >= a.shape[0]:
            return
        if a[i] < 0:
            return
        yield a[i]
        i += 1


def pairs(a):
    for i in range(a.shape[0] - 1):
        yield a[i], a[i + 1]


def scaled(x, factor=3):
    return x * factor


def calls_jitted(n, factor=2):
    for i in range(n):
        yield scaled_j(i, factor)


def doubled_evens(n):
    for e in evens_j(n):
        yield e * 2


def countdown(n, *, step=1):
    while n > 0:
        yield n
        n -= step


def floats(n):
    x = 0.5
    for _ in range(n):
        yield x
        x = x * 1.5


def early(n):
    for i in range(n):
        for j in range(n):
            if i * j > 6:
                return
            yield i * 10 + j


evens_j = kern.njit(evens)
several_j = kern.njit(several)
until_negative_j = kern.njit(until_negative)
pairs_j = kern.njit(pairs)
scaled_j = kern.njit(scaled)
calls_jitted_j = kern.njit(calls_jitted)
doubled_evens_j = kern.njit(doubled_evens)
countdown_j = kern.njit(countdown)
floats_j = kern.njit(floats)
early_j = kern.njit(early)



def plain(f, g):
    import types
    plain = types.FunctionType(f.__code__, g, f.__name__, f.__defaults__)
    plain.__kwdefaults__ = f.__kwdefaults__
    return plain


def plain_globals(module_globals=None):
    """The globals of a module (this one by default) with each jitted
    function its plain Python function (whose globals these are)."""
    g = dict(globals())
    g.update(module_globals or {})
    for name, value in list(g.items()):
        if getattr(value, "_kern_dispatcher", False) is True:
            g[name] = plain(value.py_func, g)
    return g


A = np.array([1.5, 2.0, 4.0, -1.0, 5.0])
