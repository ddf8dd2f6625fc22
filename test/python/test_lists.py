"""Lists in compiled code: displays, comprehensions, methods, indexing,
iteration, `in`, sum/min/max, np.array of a list, lists returned to Python
and Python lists passed in (reflected back when changed, as Numba does);
against plain Python, with Python's exceptions."""

import resource

import numpy as np
import pytest

import kern


def built_in_a_loop(a):
    out = []
    for x in a:
        if x > 0.5:
            out.append(x * 2)
    return out


def comprehensions(n):
    squares = [i * i for i in range(n) if i % 2 == 0]
    pairs = [i * j for i in range(n) for j in range(i) if j > 0]
    total = 0
    for v in squares:
        total += v
    return squares, pairs, total, len(squares), squares[-1], 4 in squares, \
        5 not in squares


def methods(n):
    items = [3, 1, 2]
    items.append(n)
    items.insert(0, 10)
    items.insert(-1, 7)
    last = items.pop()
    first = items.pop(0)
    items.extend([7, 8])
    items.extend((9, 0))
    items.sort()
    items.reverse()
    items[0] += 100
    items[-1] = -1
    copy = items.copy()
    copy.append(1)
    return (items, copy, last, first, items.index(2), items.count(7),
            sum(items), min(items), max(items))


def item_types(a):
    flags = [x > 0.5 for x in a]
    pairs = [complex(x, -x) for x in a]
    singles = [np.float32(x) for x in a]
    small = [np.int8(3), np.int8(-4)]
    return flags, pairs, [float(s) for s in singles], small


def widening(n):
    values = []
    for i in range(n):
        values.append(i)
        if i == 2:
            values.append(0.5)  # the list becomes a list of floats
    return values


def enumerate_and_arrays(a):
    doubled = [2.0 * x for x in a]
    weighted = 0.0
    for i, x in enumerate(doubled):
        weighted += i * x
    return np.array(doubled), np.asarray([np.sqrt(x) for x in a]), weighted


@pytest.mark.parametrize("fn, args", [
    (built_in_a_loop, (np.random.default_rng(0).random(50),)),
    (comprehensions, (9,)),
    (methods, (5,)),
    (item_types, (np.array([0.25, 0.75]),)),
    (enumerate_and_arrays, (np.arange(5.0),)),
])
def test_lists_match_python(fn, args):
    got, expected = kern.njit(fn)(*args), fn(*args)
    assert repr(_plain(got)) == repr(_plain(expected))


def _plain(x):
    """Python values of NumPy scalars and arrays, for comparing."""
    if isinstance(x, (list, tuple)):
        return type(x)(_plain(v) for v in x)
    if isinstance(x, np.ndarray):
        return ("array", x.dtype.str, x.tolist())
    if isinstance(x, np.generic):
        return x.item()
    return x


def test_an_empty_lists_type_widens_over_its_appends():
    # Python's list holds ints and a float; the compiled list, like
    # Numba's, is a list of float64
    assert kern.njit(widening)(5) == [float(v) for v in widening(5)]


def test_results_are_python_lists():
    got = kern.njit(built_in_a_loop)(np.array([0.9, 0.1, 0.7]))
    assert type(got) is list and all(type(v) is float for v in got)
    flags = kern.njit(item_types)(np.array([0.25]))[0]
    assert flags == [False] and type(flags[0]) is bool


@kern.njit
def append_to(items, x):
    items.append(x)
    return len(items)


@kern.njit
def scale(items, k):
    for i in range(len(items)):
        items[i] *= k


@kern.njit
def total(items):
    s = 0.0
    for x in items:
        s += x
    return s


def test_python_lists_pass_in_and_changes_reflect_back():
    values = [1.0, 2.0]
    assert append_to(values, 3.5) == 3 and values == [1.0, 2.0, 3.5]
    ints = [1, 2, 3]
    scale(ints, 3)
    assert ints == [3, 6, 9] and all(type(v) is int for v in ints)
    assert total([1, 2.5, True]) == 4.5  # Python's widening to float
    unchanged = [4.0, 5.0]
    before = list(unchanged)
    assert total(unchanged) == 9.0 and unchanged == before
    with pytest.raises(TypeError, match="empty list"):
        total([])


def test_lists_between_compiled_functions():
    @kern.njit
    def caller(n):
        items = [0.5]
        for i in range(n):
            append_to(items, i * 1.0)
        return items, append_to(items, 2.0)

    assert caller(3) == ([0.5, 0.0, 1.0, 2.0, 2.0], 5)


def test_lists_in_parallel_loops():
    @kern.njit(parallel=True)
    def lengths(n):
        out = np.zeros(n)
        for i in kern.prange(n):
            row = [j * 1.0 for j in range(i % 5)]
            out[i] = len(row) + sum(row)
        return out

    expected = [len(r) + sum(r) for r in
                ([j * 1.0 for j in range(i % 5)] for i in range(1000))]
    np.testing.assert_array_equal(lengths(1000), expected)


def errors(k):
    items = [1, 2, 3]
    if k == 0:
        return items[5]
    if k == 1:
        items.clear()
        return items.pop()
    if k == 2:
        return items.index(9)
    if k == 3:
        items[-4] = 1
    if k == 4:
        return items.pop(7)
    return 0


@pytest.mark.parametrize("k, error", [(0, IndexError), (1, IndexError),
                                      (2, ValueError), (3, IndexError),
                                      (4, IndexError)])
def test_bad_indices_raise_pythons_exceptions(k, error):
    with pytest.raises(error) as python:
        errors(k)
    with pytest.raises(error) as compiled:
        kern.njit(errors)(k)
    if error is IndexError:
        assert str(compiled.value) == str(python.value)


def test_lists_are_freed():
    @kern.njit
    def churn(n):
        s = 0
        for i in range(n):
            pair = [i, i + 1]
            s += pair[1]
        return s, [float(i) for i in range(100)]

    churn(10)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(20_000):
        churn(50)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 20_000  # 20000 calls x (50 + 1) lists, freed each call


def test_unsupported_uses_are_located_errors():
    @kern.njit
    def of_array_pairs(n):  # (tuples holding arrays: test_dict_values too)
        rows = []
        rows.append((np.zeros(n), 1))
        return rows

    [(a, one)] = of_array_pairs(3)
    assert one == 1 and np.array_equal(a, np.zeros(3))

    @kern.njit
    def sorted_pairs(n):
        items = [(1, 2), (0, 1)]
        items.sort()
        return items

    assert sorted_pairs(1) == [(0, 1), (1, 2)]  # Python's tuple order

    @kern.njit
    def wrong(n):
        items = [1, 2]
        items.append(1.5 + 2j)
        return items

    assert wrong.py_func(1) == [1, 2, 1.5 + 2j]
    assert wrong(1) == [1, 2, 1.5 + 2j]  # widened, as Numba's inference
