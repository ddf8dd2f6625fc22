"""Dicts and sets whose keys are tuples of numbers (homogeneous or mixed
int/float/bool, any length): displays, `d[k]`, `d[k] = v`, `in`, `get`,
`pop`, `setdefault`, `del`, `len`, loops over keys and items, set
add/in/remove/pop/iteration/algebra, passed in from Python (written back)
and returned to Python; and exact key semantics (`1.5 in {1: 2.0}` is
False, 1 == 1.0 == True inside tuples). Against plain CPython."""

import math

import pytest

import kern


def grid(n):
    d = {}
    for i in range(n):
        for j in range(n):
            d[(i, j)] = i * 10.0 + j
    s = 0.0
    for k, v in d.items():
        s += v * k[0]
    c = 0
    for i, j in d:
        if j == 1:
            c += i
    return s, c, len(d), d[(2, 3)], (1, 2) in d, (n, 0) in d


def lookups(n):
    d = {(0, 0.5): 1, (1, 1.5): 2}
    d[(2, 2.5)] = 3
    exact = (1, 1.5) in d
    cast = (1.0, 1.5) in d  # 1 == 1.0 as in Python
    other = (1, 2.0) in d
    got = d.get((2, 2.5), -1) + d.get((7, 7.0), -1)
    popped = d.pop((0, 0.5)) + d.pop((9, 9.0), 100)
    first = d.setdefault((5, 5.5), n) + d.setdefault((1, 1.5), 0)
    del d[(2, 2.5)]
    keys = []
    for k in d:
        keys.append(k[0] * 10 + k[1])
    return exact, cast, other, got, popped, first, len(d), keys


def mixed_leaves():
    d = {(1, True, 2.5): 1.0}
    d[(2, False, 0.0)] = 2.0
    a = (1.0, 1, 2.5) in d       # 1.0 == 1 and 1 == True
    b = (1, True, 2.0) in d
    c = d[(2.0, 0, -0.0)]        # -0.0 == 0.0
    return a, b, c, len(d)


def long_keys(n):
    d = {}
    for i in range(n):
        d[(i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6)] = i
    t = 0
    for k, v in d.items():
        t += k[6] * v
    return t, (3, 4, 5, 6, 7, 8, 9) in d, (3, 4, 5, 6, 7, 8, 8) in d


def memo(n):
    m = {(0, 0): 1}
    for i in range(1, n):
        for j in range(i + 1):
            m[(i, j)] = m.get((i - 1, j), 0) + m.get((i - 1, j - 1), 0)
    return m[(n - 1, (n - 1) // 2)], len(m)


def edges(pairs):
    s = set()
    for k in range(pairs.shape[0]):
        a, b = pairs[k, 0], pairs[k, 1]
        s.add((min(a, b), max(a, b)))
    degree = 0
    for a, b in s:
        if a == 0 or b == 0:
            degree += 1
    return len(s), (0, 1) in s, (1, 0) in s, degree


def set_algebra():
    a = {(1, 2), (3, 4), (5, 6)}
    b = {(3, 4), (7, 8)}
    u = a | b
    i = a & b
    d = a - b
    x = a ^ b
    a.remove((1, 2))
    a.discard((9, 9))
    c = {(1.0, 2.5)}
    c.add((1, 2.5))  # the same item
    return (len(u), len(i), len(d), len(x), (7, 8) in u, (3, 4) in d,
            a == {(3, 4), (5, 6)}, i <= b, len(c), (3, 4) in a)


def set_pop():
    s = {(1, 2.5), (3, 4.5)}
    t = s.pop()  # which one: the set's order (not Python's)
    u = s.pop()
    return t[0] + t[1] + u[0] + u[1], t != u, len(s)


def returned(n):
    d = {}
    for i in range(n):
        d[(i, i * 0.5)] = i * 2
    return d


def returned_set(n):
    s = set()
    for i in range(n):
        s.add((i, i % 2 == 0))
    return s


def changes(d, s):
    d[(9, 9)] = 1.5
    del d[(0, 1)]
    s.add((7, 8.5))
    s.remove((1, 2.0))
    return len(d), len(s)


def total(d):
    t = 0.0
    for (i, j), v in d.items():
        t += i * j * v
    return t


def exact_numbers():
    d = {1: 2.0, 2: 3.0}
    s = {1, 2}
    return (1.5 in d, 1.0 in d, d.get(1.5, -1.0), d.get(2.0, -1.0),
            d.pop(1.5, 7.0), math.nan in d, math.inf in d, 1.5 in s,
            math.nan in s, True in d, 2.0 in s)


def float_keys():
    d = {0.5: 1, 2.0: 2}
    return 2 in d, 0 in d, d[2], -0.0 in {0.0: 1}


def missing_tuple(i):
    d = {(1, 2): 3.0}
    return d[(i, 2)]


def missing_float(x):
    d = {1: 2.0}
    return d[x]


@pytest.mark.parametrize("f,args", [
    (grid, (5,)), (lookups, (4,)), (mixed_leaves, ()), (long_keys, (20,)),
    (memo, (12,)), (set_algebra, ()), (set_pop, ()), (exact_numbers, ()),
    (float_keys, ()), (returned, (4,)), (returned_set, (5,)),
])
def test_against_python(f, args):
    assert kern.njit(f)(*args) == f(*args)


def test_edges_of_an_array():
    import numpy as np
    pairs = np.array([[0, 1], [1, 0], [2, 0], [3, 2], [2, 3], [4, 4]])
    assert kern.njit(edges)(pairs) == edges(pairs)


def test_returned_types():
    d = kern.njit(returned)(3)
    assert d == {(0, 0.0): 0, (1, 0.5): 2, (2, 1.0): 4}
    assert all(type(k) is tuple and type(k[0]) is int and
               type(k[1]) is float for k in d)
    assert list(d) == list(returned(3))  # insertion order
    s = kern.njit(returned_set)(3)
    assert s == {(0, True), (1, False), (2, True)}
    assert all(type(k[1]) is bool for k in s)


def test_passed_in_and_reflected():
    d, s = {(0, 1): 2.5, (3, 4): 5.0}, {(1, 2.0), (3, 4.5)}
    pd, ps = dict(d), set(s)
    assert kern.njit(changes)(d, s) == changes(pd, ps)
    assert d == pd and s == ps
    assert list(d) == list(pd)


def test_passed_in_mixed_keys():
    d = {(1, 2): 0.5, (2, 3.5): 2.0, (True, 1): 4.0}
    assert kern.njit(total)(d) == total(d)


def test_many_keys_grow_and_delete():
    def churn(n):
        d = {}
        for i in range(n):
            d[(i, -i)] = i
        for i in range(0, n, 2):
            del d[(i, -i)]
        t = 0
        for k, v in d.items():
            t += v - k[1]
        return len(d), t
    assert kern.njit(churn)(5000) == churn(5000)


def test_key_errors():
    with pytest.raises(KeyError, match=r"\(5, 2\)"):
        kern.njit(missing_tuple)(5)
    with pytest.raises(KeyError, match="1.5"):
        kern.njit(missing_float)(1.5)
    assert kern.njit(missing_float)(1.0) == 2.0


def test_nested_tuple_keys_refused():
    def nested():
        return {((1, 2), 3): 1.0}
    with pytest.raises(kern.UnsupportedError, match="dict keys of Tuple"):
        kern.njit(nested)()


def test_mixed_lengths_refused():
    def lengths():
        d = {(1, 2): 1.0}
        d[(1, 2, 3)] = 2.0
        return len(d)
    with pytest.raises(kern.TypingError):
        kern.njit(lengths)()


PAIR = kern.types.UniTuple(kern.types.int64, 2)


def typed_fill(n):
    d = kern.typed.Dict.empty(key_type=PAIR, value_type=kern.types.float64)
    for i in range(n):
        d[(i, i + 1)] = i * 1.5
    return d


def add_pair(d):
    d[(5, 6)] = 1.0
    return d[(1, 2)]


def test_typed_dicts_of_tuple_keys():
    assert kern.njit(typed_fill)(3) == {(0, 1): 0.0, (1, 2): 1.5,
                                        (2, 3): 3.0}
    d = kern.typed.Dict.empty(key_type=PAIR, value_type=kern.types.float64)
    d[(1, 2)] = 3.0
    assert kern.njit(add_pair)(d) == 3.0
    assert d == {(1, 2): 3.0, (5, 6): 1.0}


def printed():
    d = {(1, 2): 3.0}
    d[(4, 5)] = 6.5
    print(d)
    s = {(1, 2.5), (0, -1.0)}
    print(s, {(True,): 1})
    return len(d)


def test_print(capsys):
    kern.njit(printed)()
    kern_out = capsys.readouterr().out
    printed()
    assert kern_out == capsys.readouterr().out


def size(d):
    return len(d)


def test_numpy_leaves_and_bad_keys():
    import numpy as np
    d = {(np.int32(1), np.float32(2.5)): 1.0, (2, 3.5): 2.0}
    assert kern.njit(total)(d) == total(d)
    with pytest.raises(TypeError, match="leaves of numbers or strs"):
        kern.njit(size)({(1j, 1): 2})
    with pytest.raises(TypeError, match="a str or a number at each place"):
        kern.njit(size)({("a", 1): 2, (1, 1): 3})
    with pytest.raises(TypeError, match="tuples of one length"):
        kern.njit(size)({(1, 2): 1, (1, 2, 3): 4})


def unsigned_leaves(a):
    d = {}
    d[(a[0], a[1])] = 1
    return d


def test_unsigned_leaves_returned():
    import numpy as np
    a = np.array([2 ** 63 + 5, 1], dtype=np.uint64)
    assert kern.njit(unsigned_leaves)(a) == {(2 ** 63 + 5, 1): 1}


def named(names):
    d = {}
    for i in range(len(names)):
        d[(names[i], i % 2)] = i
    s = set()
    for k in d:
        s.add((k[0], k[1] == 1))
    return d, s, ("b", 1) in d, ("b", 0) in d, d.get(("a", 0), -1)


def named_in(d):
    d[("z", 9.5)] = 1
    return d[("a", 1.0)]


def test_str_leaves():
    names = ["a", "b", "c", "b"]
    assert kern.njit(named)(names) == named(names)
    d = {("a", 1): 5, ("b", 2.5): 6}
    pd = dict(d)
    assert kern.njit(named_in)(d) == named_in(pd)
    assert d == pd


def bump_empty(d):
    d[()] += 1
    return d


def add_single(s):
    s.add((2,))
    return s


def test_empty_and_single_leaf_keys_passed_in():
    assert kern.njit(bump_empty)({(): 1}) == {(): 2}
    assert kern.njit(add_single)({(1,)}) == {(1,), (2,)}


def test_typed_dict_of_str_keys_made_in_python():
    from kern import types
    from kern.typed import Dict

    d = Dict.empty(key_type=types.unicode_type, value_type=types.int64)
    d["x"] = 5
    d["yy"] = 7

    @kern.njit
    def g(d, k):
        d["new"] = len(k)
        return d.get(k, -1), len(d)

    assert g(d, "x") == (5, 3) and g(d, "zz") == (-1, 3)
    assert dict(d) == {"x": 5, "yy": 7, "new": 2}
