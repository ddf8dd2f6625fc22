"""Dicts in compiled code and kern.typed: displays, comprehensions, item
access, `in`, `del`, the dict methods, iteration in insertion order, dicts
returned to Python and Python dicts passed in (written back when changed);
against plain Python, with Python's KeyError."""

import resource

import numpy as np
import pytest

import kern
from kern import types


def histogram(a):
    counts = {}
    for x in a:
        k = int(x * 10)
        if k in counts:
            counts[k] += 1
        else:
            counts[k] = 1
    return counts


def operations(n):
    d = {1: 2.5, 3: 4.0}
    d[5] = 1.0
    del d[3]
    weighted = 0.0
    for k, v in d.items():
        weighted += k * v
    keys = 0
    for k in d:
        keys += k
    values = 0.0
    for v in d.values():
        values += v
    squares = {i: i * i for i in range(n) if i != 2}
    d[1] -= 0.5
    return (d, weighted, keys, values, len(d), d.get(7, -1.0), d.get(1, 0.0),
            d.pop(5), d.pop(11, 3.0), d.setdefault(9, 8.0),
            d.setdefault(1, 0.0), squares, 4 in squares, 2 not in squares)


def reinsertion(n):
    d = {}
    for i in range(n):
        d[i % 7] = i
    for i in range(0, n, 3):
        if i % 7 in d:
            del d[i % 7]
    d[100] = -1
    d[3] = 42  # a deleted key comes back at the end, as in Python
    out = {}
    for k, v in d.items():
        out[k] = v * 2
    c = d.copy()
    c.update(out)
    c.clear()
    return d, out, len(c)


def float_keys(a):
    d = {0.0: 1}
    d[-0.0] += 1  # one key, as in Python
    for x in a:
        d[x] = d.get(x, 0) + 1
    return d


@pytest.mark.parametrize("fn, args", [
    (histogram, (np.random.default_rng(0).random(200),)),
    (operations, (6,)),
    (reinsertion, (40,)),
    (float_keys, (np.array([0.5, 1.5, 0.5, -0.0]),)),
])
def test_dicts_match_python(fn, args):
    got, expected = kern.njit(fn)(*args), fn(*args)
    assert got == expected
    assert repr(_ordered(got)) == repr(_ordered(expected))  # in Python's order


def _ordered(x):
    """Dicts as lists of items (their order), NumPy scalars as Python's."""
    if isinstance(x, dict):
        return [(_ordered(k), _ordered(v)) for k, v in x.items()]
    if isinstance(x, tuple):
        return tuple(_ordered(v) for v in x)
    return x.item() if isinstance(x, np.generic) else x


def test_python_dicts_pass_in_and_changes_reflect_back():
    @kern.njit
    def fill(d, n):
        for i in range(n):
            d[i] = i / 2
        return len(d)

    @kern.njit
    def lookup(table, keys):
        s = 0.0
        for k in keys:
            s += table.get(k, 0.0)
        return s

    plain = {10: 1.0}
    assert fill(plain, 2) == 3 and plain == {10: 1.0, 0: 0.0, 1: 0.5}
    table = {i: i * 0.5 for i in range(100)}
    before = dict(table)
    assert lookup(table, np.arange(200)) == sum(
        table.get(k, 0.0) for k in range(200))
    assert table == before
    with pytest.raises(TypeError, match="empty dict"):
        lookup({}, np.arange(3))


def test_typed_containers():
    d = kern.typed.Dict.empty(key_type=types.int64, value_type=types.float64)

    @kern.njit
    def fill(d, n):
        for i in range(n):
            d[i] = i * 1.5

    fill(d, 3)
    assert d == {0: 0.0, 1: 1.5, 2: 3.0} and isinstance(d, kern.typed.Dict)
    items = kern.typed.List.empty_list(np.int64)

    @kern.njit
    def grow(items, n):
        for i in range(n):
            items.append(i * i)

    grow(items, 4)
    assert items == [0, 1, 4, 9]

    @kern.njit
    def make():
        d = kern.typed.Dict.empty(types.int64, np.float32)
        d[3] = 1.5
        l = kern.typed.List.empty_list(types.int64)
        l.append(4)
        u = kern.typed.Dict()
        u[1.5] = True
        return d, l, u

    assert make() == ({3: 1.5}, [4], {1.5: True})


def test_missing_keys_raise_keyerror_with_the_key():
    @kern.njit
    def get(d, k):
        return d[k]

    @kern.njit
    def remove(d, k):
        del d[k]

    with pytest.raises(KeyError) as e:
        get({1: 2.0}, 3)
    assert e.value.args == (3,)
    with pytest.raises(KeyError) as e:
        remove({1.5: 2}, 2.5)
    assert e.value.args == (2.5,)


def test_dicts_are_freed():
    @kern.njit
    def churn(n):
        d = {}
        for i in range(n):
            d[i] = i * 0.5
        return len(d)

    churn(10)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(20_000):
        churn(100)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20_000


def test_unsupported_uses_are_located_errors():
    @kern.njit
    def of_dicts(n):  # (arrays, tuples, strs and lists: test_dict_values)
        d = {}
        d[1] = {n: 1.0}
        return d

    with pytest.raises(kern.UnsupportedError,
                       match=r"test_dicts.py:\d+: .*dict values of dict"):
        of_dicts(2)


@kern.njit
def dict_views_outside_loops(d):
    e = {1: 2.5, 0: 1.5}
    return (sorted(d.keys()), list(d.values()), len(d.keys()),
            3 in d.keys(), 7 in d.keys(), list(d.items()),
            sorted(e.values()), max(e.keys()), sum(e.values()))


def test_dict_views_outside_for_loops_are_lists_of_them():
    d = kern.typed.Dict.empty(kern.types.int64, kern.types.float64)
    d[3] = 1.0
    d[1] = 2.0
    got = dict_views_outside_loops(d)
    want = dict_views_outside_loops.py_func(dict(d))
    assert [list(g) if not isinstance(g, (int, float, bool)) else g
            for g in got] == [list(w) if not isinstance(w, (int, float, bool))
                              else w for w in want]


def test_enumerate_over_a_dict_and_its_views():
    def f(n):
        d = {}
        for i in range(n):
            d[i] = i * 0.5
        s = 0.0
        for j, (k, v) in enumerate(d.items()):
            if j == 3:
                continue  # the count goes on
            s += j * v + k
        for j, k in enumerate(d):
            s += j * k
        for j, v in enumerate(d.values()):
            s -= v
        return s

    assert kern.njit(f)(6) == f(6)
