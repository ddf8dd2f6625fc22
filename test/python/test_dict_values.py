"""Dicts whose values are tuples, arrays, strs and lists (Numba's
DictType(k, Tuple(...)), DictType(k, float64[:]), the grouping idiom
`d.setdefault(k, []).append(i)`): compiled code against the same Python
function run by CPython, dicts passed in (kern.typed.Dict, Python dicts)
and returned."""

import resource

import numpy as np
import pytest

import kern
from kern import types


def same(a, b):
    """Equal as Python values, arrays compared by dtype, shape and items."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and
                a.dtype == b.dtype and a.shape == b.shape and
                np.array_equal(a, b))
    if isinstance(a, dict):
        return (isinstance(b, dict) and list(a) == list(b) and
                all(same(a[k], b[k]) for k in a))
    if isinstance(a, (tuple, list)):
        return (type(a) is type(b) and len(a) == len(b) and
                all(same(x, y) for x, y in zip(a, b)))
    if isinstance(a, np.generic):
        a = a.item()
    if isinstance(b, np.generic):
        b = b.item()
    return type(a) is type(b) and a == b


def check(f, *args):
    got, want = f(*args), f.py_func(*args)
    assert same(got, want), (got, want)
    return got


@kern.njit
def array_values(n):
    d = {}
    for i in range(n):
        d[i] = np.zeros(3) + i
    d[1][0] = 7.0  # a view of the stored array
    total = 0.0
    for k, v in d.items():
        total += v.sum() * k
    for v in d.values():
        total += v[0]
    keys = 0
    for k in d:
        keys += k
    del d[0]
    return (d, total, keys, len(d), 2 in d, 0 in d, d[2], list(d.items()),
            list(d.values()))


@kern.njit
def rank_values(n):
    d = {}
    for i in range(n):
        d[(i, "r")] = np.arange(6.0).reshape(2, 3) * i
    e = {}
    e["cube"] = np.ones((2, 2, 2), dtype=np.int32)
    e["view"] = np.arange(8, dtype=np.int32).reshape(2, 2, 2)[:, ::-1, :]
    return d, e, d[(1, "r")][1, 2], e["cube"].sum()


@kern.njit
def tuple_values(n):
    d = {}
    for i in range(n):
        d[i] = (i, i * 0.5, str(i))
    first = d.pop(0)
    there = d.get(1, (9, 9.0, "none"))
    missing = d.get(100, (9, 9.0, "none"))
    kept = d.setdefault(2, (0, 0.0, "new"))
    added = d.setdefault(50, (5, 5.5, "new"))
    gone = d.pop(77, (7, 7.0, "default"))
    total = 0.0
    for k, (a, b, c) in d.items():
        total += a + b + len(c)
    return d, first, there, missing, kept, added, gone, total


@kern.njit
def group(a):
    d = {}
    for i in range(len(a)):
        d.setdefault(a[i], []).append(i)
    sizes = 0
    for v in d.values():
        sizes += len(v)
    return d, sizes


@kern.njit
def str_values(words):
    d = {}
    for w in words:
        d[w[0]] = d.get(w[0], "") + w
    return d


@kern.njit
def list_values():
    d = {}
    d["a"] = [[1, 2], [3]]
    d["a"][1].append(4)
    d["b"] = [[5]]
    d["b"] += [[6, 7]]  # in place, as Python's list +=
    e = {}
    e[1.5] = [np.zeros(2), np.ones(2)]
    e[1.5].append(np.full(2, 3.0))
    return d, e, len(d["a"]), e[1.5][2][1]


@kern.njit
def mixed_tuples(n):
    d = {}
    for i in range(n):
        d[i] = (i, np.full(2, i * 1.0), "x" * i, (i, True))
    x = d[n - 1]
    return d, x[1].sum(), x[2], x[3]


def test_array_values_match_python():
    got = check(array_values, 4)
    assert got[0][1].flags.writeable


def test_arrays_of_any_rank_and_tuple_keys():
    check(rank_values, 3)


def test_tuple_values_with_get_pop_setdefault():
    check(tuple_values, 5)


def test_grouping_idiom():
    a = np.array([3, 1, 3, 2, 1, 3, 7])
    d, sizes = check(group, a)
    assert d == {3: [0, 2, 5], 1: [1, 4], 2: [3], 7: [6]} and sizes == 7


def test_str_values():
    check(str_values, ["apple", "avocado", "banana", "blueberry", "cherry"])


def test_list_values():
    check(list_values)


def test_tuples_holding_arrays_strs_and_tuples():
    check(mixed_tuples, 3)


@kern.njit
def optional_values(n):
    d = {0: np.ones(3), 1: np.zeros(3)}
    total = 0.0
    for i in range(n):
        x = d.get(i)
        if x is not None:
            total += x.sum() + i
    t = {0: (1, 2.5)}
    return total, t.get(n) is None, t.get(0)


@kern.njit
def optional_result(n):
    d = {0: np.ones(3)}
    return d.get(n)


def test_get_without_default_is_optional():
    check(optional_values, 3)
    check(optional_values, 0)
    check(optional_result, 0)
    check(optional_result, 1)


def test_typed_dict_of_arrays_filled_by_compiled_code():
    @kern.njit
    def fill(d, n):
        for i in range(n):
            d[i] = np.arange(i + 1) * 1.5

    d = kern.typed.Dict.empty(key_type=types.int64,
                              value_type=types.float64[:])
    fill(d, 3)
    assert same(dict(d), {i: np.arange(i + 1) * 1.5 for i in range(3)})


def test_typed_dict_filled_in_python_is_checked():
    @kern.njit
    def total(d):
        s = 0.0
        for v in d.values():
            s += v.sum()
        return s

    d = kern.typed.Dict.empty(types.int64, types.float64[:])
    d[1] = np.ones(3)
    d[2] = np.arange(3.0)[::2]  # any layout
    assert total(d) == 5.0
    for wrong in (np.ones(3, dtype=np.int64), [1.0]):
        d[3] = wrong
        with pytest.raises(TypeError, match="not of the dict's value type"):
            total(d)


POINT = types.Tuple([types.int64, types.float64])


def test_typed_dict_of_tuples_made_in_compiled_code():
    @kern.njit
    def make(n):
        d = kern.typed.Dict.empty(key_type=types.unicode_type,
                                  value_type=POINT)
        for i in range(n):
            d[str(i)] = (i, 2.0 * i)
        return d

    assert make(3) == {"0": (0, 0.0), "1": (1, 2.0), "2": (2, 4.0)}

    @kern.njit
    def wrong():
        d = kern.typed.Dict.empty(key_type=types.int64, value_type=POINT)
        d[0] = np.zeros(2)
        return d

    with pytest.raises(kern.TypingError, match="cannot use"):
        wrong()


def test_python_dicts_of_arrays_passed_in_are_written_back():
    @kern.njit
    def bump(d):
        for k in d:
            d[k][0] += 100.0
        total = 0.0
        for v in d.values():
            total += v.sum()
        return total

    @kern.njit
    def add(d):
        d["z"] = np.full(3, 5.0)

    x, y = np.ones(3), np.zeros(3)
    d = {"x": x, "y": y}
    assert bump(d) == 203.0 and bump(d) == 403.0  # the arrays themselves
    assert x[0] == 201.0 and d["x"] is x
    add(d)
    assert list(d) == ["x", "y", "z"] and d["x"] is x and d["y"] is y
    assert same(d["z"], np.full(3, 5.0))


def test_python_dicts_of_tuples_passed_in():
    @kern.njit
    def weigh(d):
        total = 0.0
        for k, (w, name) in d.items():
            total += w * k + len(name)
        d[9] = (1.5, "nine")
        return total

    d = {1: (2.0, "a"), 2: (3.0, "bb")}
    assert weigh(d) == 11.0
    assert d == {1: (2.0, "a"), 2: (3.0, "bb"), 9: (1.5, "nine")}


def test_errors():
    @kern.njit
    def missing(n):
        d = {0: np.zeros(2)}
        return d[n]

    with pytest.raises(KeyError):
        missing(3)


    @kern.njit
    def mixed(n):
        d = {}
        d[0] = np.zeros(n)
        d[1] = (1, 2)
        return d

    with pytest.raises(kern.TypingError, match="cannot mix"):
        mixed(2)

    @kern.njit
    def ranks(n):
        d = {}
        d[0] = np.zeros(n)
        d[1] = np.zeros((n, n))
        return d

    with pytest.raises(kern.TypingError, match="cannot mix"):
        ranks(2)

    with pytest.raises(TypeError, match="one type"):
        kern.njit(lambda d: len(d))({1: np.zeros(2), 2: np.zeros((2, 2))})


def test_dicts_of_arrays_are_freed():
    @kern.njit
    def churn(n):
        d, g = {}, {}
        for i in range(n):
            d[i] = np.zeros(100)
            g.setdefault(i % 3, []).append(i)
        return len(d) + len(g)

    churn(10)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3000):
        churn(100)  # 80 kB of arrays a call
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000

    @kern.njit
    def keep(n):
        d = {}
        for i in range(n):
            d[i] = np.full(2, i * 1.0)
        return d

    kept = [keep(3) for _ in range(50)]  # results own their buffers
    assert all(same(k[2], np.full(2, 2.0)) for k in kept)


def test_python_dicts_of_strs_passed_in():
    @kern.njit
    def shout(d):
        for k in d:
            d[k] = d[k].upper() + "!"
        return len(d)

    for d in ({"a": "x", "b": "yy"}, {1: "one", 2: "two"},
              {(1, "p"): "q"}):
        want = {k: v.upper() + "!" for k, v in d.items()}
        assert shout(d) == len(want) and d == want

    e = kern.typed.Dict.empty(types.int64, types.unicode_type)
    kern.njit(lambda e: e.setdefault(3, "three"))(e)
    assert e == {3: "three"}


def test_values_in_containers_and_callees():
    @kern.njit
    def total(d):
        return d[1].sum()

    @kern.njit
    def make(n):
        d = {i: np.zeros(i) + i for i in range(n)}
        e = d.copy()
        e[0] = np.ones(1)
        f = {}
        f.update(d)
        d[1] += 1.0
        return (d, 7), e, f, list(d.values()), total(d)

    check(make, 3)

    @kern.njit
    def show(n):
        print({0: np.zeros(n)})

    with pytest.raises(kern.UnsupportedError, match=r"print\(\) of dict"):
        show(2)


def test_array_types_spelled_in_compiled_code():
    @kern.njit
    def make(n):
        d = kern.typed.Dict.empty(key_type=types.int64,
                                  value_type=types.float64[:, :])
        for i in range(n):
            d[i] = np.eye(2) * i
        out = kern.typed.List.empty_list(types.int32[::1])
        out.append(np.ones(2, dtype=np.int32))
        return d, out

    d, out = make(2)
    assert same(d, {0: np.eye(2) * 0, 1: np.eye(2)})
    assert same(list(out), [np.ones(2, dtype=np.int32)])

    @kern.njit
    def bad():
        return kern.typed.Dict.empty(key_type=types.int64,
                                     value_type=types.float64[1:])

    with pytest.raises(kern.TypingError, match=r"spelled float64\[:\]"):
        bad()


@kern.njit
def group_records(n):
    pairs, names = {}, {}
    for i in range(n):
        pairs.setdefault(i % 2, []).append((i, float(i)))
        names.setdefault(str(i % 3), []).append(str(i))
    d = {}
    d[0] = (1j, np.zeros(2, dtype=np.complex128), True)
    e = {0: np.empty((0, 3))}
    return pairs, names, d, e


def test_lists_of_tuples_and_strs_complex_and_empty_arrays():
    check(group_records, 5)


def test_tuple_keys_and_tuple_values_passed_in():
    @kern.njit
    def add(d):
        d[(5, "e")] = (5.0, 6)
        total = 0.0
        for (i, s), (x, j) in d.items():
            total += i * x + j + len(s)
        return total

    d = {(1, "a"): (1.0, 2), (2, "bb"): (2.0, 3)}
    assert add(d) == add.py_func(dict(d)) and (5, "e") in d
    assert d == {(1, "a"): (1.0, 2), (2, "bb"): (2.0, 3), (5, "e"): (5.0, 6)}


def test_values_kern_does_not_hold():
    @kern.njit
    def of_sets(n):
        d = {}
        d[0] = {n, 2}
        return d

    with pytest.raises(kern.UnsupportedError, match="dict values of set"):
        of_sets(1)
    with pytest.raises(TypeError, match="not of list"):
        kern.njit(lambda d: len(d))({0: [1, 2]})


@kern.njit
def grow_arrays(n):
    d = {}
    for i in range(n):
        k = i % 3
        if k in d:  # read before the store that types the dict
            d[k] = np.append(d[k], i)
        else:
            d[k] = np.array([i])
    out = 0
    for k in sorted(d.keys()):
        out = out * 10 + len(d[k])
    return d, out, np.concatenate(list(d.values()))


def test_values_read_before_the_store_that_types_them():
    check(grow_arrays, 7)

    @kern.njit
    def never_typed(n):
        d = {}
        return np.append(d[n], 1)

    with pytest.raises(kern.TypingError, match="np.append"):
        never_typed(1)


LIST_OF_INT = types.ListType(types.int64)


def test_typed_dicts_of_typed_lists():
    @kern.njit
    def group_typed(a):
        d = kern.typed.Dict.empty(key_type=types.int64,
                                  value_type=LIST_OF_INT)
        for i in range(len(a)):
            if a[i] not in d:
                d[a[i]] = kern.typed.List.empty_list(types.int64)
            d[a[i]].append(i)
        return d

    assert group_typed(np.array([1, 2, 1, 3])) == {1: [0, 2], 2: [1], 3: [3]}

    @kern.njit
    def fill(d):
        d[5] = [1, 2]

    e = kern.typed.Dict.empty(types.int64, LIST_OF_INT)
    fill(e)
    assert e == {5: [1, 2]}
    with pytest.raises(TypeError, match="not of the dict's value type"):
        fill(e)  # lists in a dict passed in: not copied in
