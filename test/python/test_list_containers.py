"""Lists beyond lists of numbers, and whole-list operations: lists of
tuples, of arrays and of lists made in compiled code and returned to
Python; list(x), slices, +, *, +=, comparisons, remove, del; kern.typed.List
coming back as one; the NumPy functions that return lists of arrays
(np.split family, np.broadcast_arrays) and np.select over lists of arrays.
Results are compared with plain CPython and NumPy."""

import copy
import resource

import numpy as np
import pytest

import kern
from kern import types


def same(got, want):
    """Equal values of the same Python types (arrays: dtype, shape, values)."""
    if isinstance(want, np.generic):
        want = want.item()
    if isinstance(want, np.ndarray):
        return isinstance(got, np.ndarray) and got.dtype == want.dtype and \
            got.shape == want.shape and np.array_equal(got, want)
    if isinstance(want, (list, tuple)):
        return type(got) is type(want) and len(got) == len(want) and all(
            same(g, w) for g, w in zip(got, want))
    return type(got) is type(want) and got == want


def run_both(fn, *args):
    """(kern's result or exception, CPython's), each on its own copy."""
    def outcome(f):
        try:
            return f(*copy.deepcopy(args))
        except Exception as e:  # noqa: BLE001
            return (type(e), str(e))
    return outcome(kern.njit(fn)), outcome(fn)


# ---- whole-list operations on lists of numbers -------------------------------

def constructors(n, a):
    t = (1, 2, 3)
    l = [4, 5]
    empty = list()
    empty.append(2.5)
    return list(range(n)), list(range(1, n, 2)), list(a), list(t), \
        list(l), empty


def slices(l):
    return l[1:3], l[::-1], l[::2], l[5:1:-2], l[-100:100], l[3:1], \
        l[:-1], l[-2:]


def slice_steps(l, a, b, c):
    return l[a:b:c]


def slice_assign(l, m):
    l[1:3] = [0, 0]
    m[1:] = (7,)
    m[:0] = [9, 9]
    return l, m


def deletes(l):
    del l[1]
    del l[-1]
    del l[1:3]
    return l


def operators(l, m, n):
    r = l + m + l + [9]
    r2 = l * n
    r3 = n * [0]
    l += m
    l += (1, 2)
    l *= 2
    return r, r2, r3, l


def comparisons(l, m):
    return l == m, l != m, l < m, l <= m, l > m, l >= m


def removes(l):
    l.remove(3)
    l.remove(1)
    return l


def missing_remove(l):
    l.remove(99)


def reductions(l):
    c = l.copy()
    c.clear()
    return c, l, min(l), max(l), sum(l), sorted(l), sorted(l, reverse=True)


@pytest.mark.parametrize("fn, args", [
    (constructors, (5, np.arange(3.0))),
    (constructors, (0, np.arange(0.0))),
    (slices, ([1, 2, 3, 4, 5, 6, 7],)),
    (slices, ([1.5],)),
    (slice_steps, ([1, 2, 3, 4, 5, 6], 1, 100, 2)),
    (slice_steps, ([1, 2, 3, 4, 5, 6], -1, 0, -1)),
    (slice_steps, ([1, 2, 3, 4, 5, 6], 5, -7, -2)),
    (slice_steps, ([1, 2, 3], 0, 2, 0)),
    (slice_assign, ([1, 2, 3, 4], [5, 6, 7])),
    (deletes, ([1, 2, 3, 4, 5, 6],)),
    (deletes, ([1, 2],)),
    (operators, ([1, 2], [3, 4], 3)),
    (operators, ([1, 2], [3, 4], -1)),
    (comparisons, ([1, 2, 3], [1, 2, 3])),
    (comparisons, ([1, 2, 3], [1, 2])),
    (comparisons, ([1, 2, 3], [1, 2, 4])),
    (comparisons, ([1, 2, 3], [1, 2, 3, 0])),
    (comparisons, ([1.5, 2.0], [0.5])),
    (removes, ([1, 3, 2, 3, 1],)),
    (missing_remove, ([1, 3],)),
    (reductions, ([3, 1, 2],)),
])
def test_list_operations_match_python(fn, args):
    got, want = run_both(fn, *args)
    assert same(got, want), (got, want)


def test_list_concatenation_unifies_item_types():
    @kern.njit
    def f(l, m):
        return l + m

    assert same(f([1, 2], [3.5]), [1.0, 2.0, 3.5])  # Numba's unified list


# ---- lists of tuples ------------------------------------------------------------

def pairs_loop(n):
    pairs = []
    for i in range(n):
        pairs.append((i, i * 0.5))
    s = 0.0
    for i, x in pairs:
        s += i * x
    return pairs, s, pairs[1][1], len(pairs), pairs[-1]


def pairs_comprehension(n):
    pairs = [(i, i * 2) for i in range(n)]
    firsts = [p[0] for p in pairs]
    return pairs, firsts, (1, 2) in pairs, (1, 3) in pairs, pairs == pairs


def pairs_methods(n):
    pairs = [(1 + 2j, True), (3j, False)]
    pairs.insert(0, (1 + 0j, False))
    last = pairs.pop()
    pairs.reverse()
    pairs.extend([(5j, True)])
    pairs[0] = (2 + 0j, True)
    return pairs, last, pairs[1:], pairs[::-1], list(pairs), pairs * 2


def pairs_enumerate(n):
    pairs = [(i, float(i)) for i in range(n)]
    del pairs[0]
    pairs[0:1] = [(5, 5.0)]
    for k, (i, x) in enumerate(pairs):
        if k == 1:
            return pairs, i, x
    return pairs, -1, -1.0


@pytest.mark.parametrize("fn", [pairs_loop, pairs_comprehension,
                                pairs_methods, pairs_enumerate])
def test_lists_of_tuples_match_python(fn):
    got, want = run_both(fn, 4)
    assert same(got, want), (got, want)


def test_tuple_items_widen_as_numba_unifies():
    @kern.njit
    def f():
        pairs = []
        pairs.append((1, 2))
        pairs.append((1.5, 2))
        return pairs

    assert same(f(), [(1.0, 2), (1.5, 2)])


# ---- lists of arrays ------------------------------------------------------------

def chunks(a):
    out = []
    for i in range(0, a.shape[0] - 1, 2):
        out.append(a[i:i + 2].copy())
    out.append(np.zeros(3))
    return out


def array_items(a):
    out = [a, a * 2]
    t = 0.0
    for x in out:
        t += x.sum()
    first = out.pop(0)
    out.append(np.ones_like(a))
    out[0] = out[0] + 1
    return t, first, out, len(out), out[1].shape


def array_comprehension(a):
    rows = [a[i] * 2 for i in range(a.shape[0])]
    return rows, [r.sum() for r in rows]


def writes_through_items(a):
    items = [a[0:2].copy(), a[2:4].copy()]
    for x in items:
        x[0] = -1.0
    items[1][1] = 7.0
    return items


def zipped_arrays(a):
    t = 0.0
    for x, y in zip([a, a * 2], [a + 1, a]):
        t += (x * y).sum()
    return t


@pytest.mark.parametrize("fn, a", [
    (chunks, np.arange(7.0)),
    (chunks, np.arange(0.0)),
    (array_items, np.arange(6.0).reshape(2, 3)),
    (array_items, np.arange(4, dtype=np.int32)),
    (array_comprehension, np.arange(12.0).reshape(3, 4)),
    (writes_through_items, np.arange(5.0)),
    (zipped_arrays, np.arange(5.0)),
])
def test_lists_of_arrays_match_numpy(fn, a):
    got, want = run_both(fn, a)
    assert same(got, want), (got, want)


def test_an_appended_array_is_held_by_the_list():
    @kern.njit
    def f(n):
        out = []
        for i in range(n):
            tmp = np.full(3, float(i))  # freed by compiled code after the loop
            out.append(tmp)
        return out

    got = f(50)
    assert len(got) == 50 and all(np.array_equal(g, np.full(3, float(i)))
                                  for i, g in enumerate(got))


def test_lists_of_arrays_do_not_leak():
    @kern.njit
    def parts(a):
        out = []
        for i in range(0, a.shape[0], 4):
            out.append(a[i:i + 4].copy())
        nested = [[1.0, 2.0], [3.0]]
        return out, len(nested), [np.zeros(2), np.ones(2)][1]

    a = np.arange(4096.0)
    parts(a)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(10_000):
        out, _, _ = parts(a)
    del out
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 20_000  # 10^4 calls x 32 KB of parts: freed each call


# ---- nested lists -----------------------------------------------------------------

def nested(n):
    ll = [[1.0], [2.0, 3.0]]
    ll[0].append(5.0)
    rows = []
    for i in range(n):
        rows.append([i, i + 1])
    tri = [[j for j in range(i)] for i in range(n)]
    ll[1].extend(ll[0])
    return ll, ll[1][1], rows, tri, len(tri[-1])


def test_nested_lists_match_python():
    got, want = run_both(nested, 4)
    assert same(got, want), (got, want)


# ---- errors -----------------------------------------------------------------------

def test_unsupported_list_items_are_located_errors():
    @kern.njit
    def of_array_pairs(n):  # (tuples holding arrays: test_dict_values too)
        rows = []
        rows.append((np.zeros(n), 1))
        return rows

    [(a, one)] = of_array_pairs(3)
    assert one == 1 and np.array_equal(a, np.zeros(3))

    @kern.njit
    def summed(n):
        pairs = [(1, 2), (0, 1)]
        return sum(pairs)  # (max and min order tuples: test_tuple_strs.py)

    with pytest.raises(kern.UnsupportedError, match=r"sum\(\) of a list of"):
        summed(1)

    @kern.njit
    def stepped(l):
        l[::2] = [0, 0]
        return l

    with pytest.raises(kern.UnsupportedError, match="slice with a step"):
        stepped([1, 2, 3])

    @kern.njit
    def takes(l):
        return len(l)

    with pytest.raises(TypeError, match="lists of numbers"):
        takes([[np.zeros(2)]])


# ---- kern.typed.List ----------------------------------------------------------------

def test_typed_lists_come_back_as_typed_lists():
    @kern.njit
    def made():
        r = kern.typed.List()
        for i in range(3):
            r.append(i * 1.5)
        e = kern.typed.List.empty_list(types.float64)
        return r, e, [1, 2]

    r, e, plain = made()
    assert type(r) is kern.typed.List and r == [0.0, 1.5, 3.0]
    assert type(e) is kern.typed.List and e == []
    assert type(plain) is list
    e.append(2.0)  # and typed: it can go back in, even when empty

    @kern.njit
    def fill(l, n):
        for i in range(n):
            l.append(i)
        l[0] = 9
        return l

    empty = kern.typed.List.empty_list(types.int64)
    back = fill(empty, 3)
    assert empty == [9, 1, 2] and type(back) is kern.typed.List
    given = kern.typed.List([1, 2, 3])  # typed by its items
    fill(given, 1)
    assert given == [9, 2, 3, 0]


# ---- NumPy functions returning lists -------------------------------------------------

A = np.arange(12.0)
M = np.arange(24).reshape(4, 6)
T3 = np.arange(24.0).reshape(2, 3, 4)


@pytest.mark.parametrize("fn, a", [
    (lambda a: np.split(a, 3), A),
    (lambda a: np.split(a, 5), A),
    (lambda a: np.array_split(a, 5), A),
    (lambda a: np.array_split(a, 0), A),
    (lambda a: np.split(a, [2, 5, 20]), A),
    (lambda a: np.split(a, (3, -2)), A),
    (lambda a: np.split(a, np.array([1, 4])), A),
    (lambda m: np.split(m, 3, axis=1), M),
    (lambda m: np.array_split(m, 4, axis=-1), M),
    (lambda t: np.array_split(t, [1, 3], axis=2), T3),
    (lambda m: np.hsplit(m, 2), M),
    (lambda a: np.hsplit(a, 4), A),
    (lambda m: np.vsplit(m, [1]), M),
    (lambda a: np.vsplit(a, 2), A),
    (lambda t: np.dsplit(t, 2), T3),
    (lambda m: np.dsplit(m, 2), M),
])
def test_splits_match_numpy(fn, a):
    got, want = run_both(fn, a)
    assert same(got, want), (got, want)


def test_broadcast_arrays_match_numpy():
    @kern.njit
    def f(a, b):
        x, y = np.broadcast_arrays(a, b)
        return np.broadcast_arrays(a, b), x + y

    a, b = np.arange(3.0).reshape(3, 1), np.arange(4.0)
    got, total = f(a, b)
    want = np.broadcast_arrays(a, b)
    assert isinstance(got, list) and all(same(g, w) for g, w in zip(got, want))
    assert same(total, want[0] + want[1])
    with pytest.raises(ValueError, match="shape mismatch"):
        f(np.arange(3.0).reshape(3, 1), np.arange(4.0).reshape(2, 2))


@pytest.mark.parametrize("fn, x", [
    (lambda x: np.select([x < 2, x > 3], [x, x ** 2], -1), np.arange(6)),
    (lambda x: np.select([x < 2, x > 3], [x, x ** 2]), np.arange(6.0)),
    (lambda x: np.select([x < 2, x > 3], [x, x ** 2], 0.5), np.arange(6)),
    (lambda x: np.select([x > 2], [x * 2]), np.arange(12.0).reshape(3, 4)),
])
def test_select_matches_numpy(fn, x):
    got, want = run_both(fn, x)
    assert same(got, want), (got, want)


def test_lists_unpack_as_python():
    def f(l):
        x, y = l
        return y, x

    for l in ([1, 2], [1.5, 2.5], [1], [1, 2, 3]):
        got, want = run_both(f, l)
        assert same(got, want), (got, want)


# ---- reflected lists of arrays and of tuples ------------------------------------------

def test_lists_of_arrays_passed_in_share_the_arrays():
    @kern.njit
    def total(arrs):
        s = 0.0
        for a in arrs:
            s += a.sum()
            a[0] = -1.0  # the caller's array
        return s, arrs[1] * 2

    @kern.njit
    def grow(arrs):
        arrs.append(arrs[0] + 1.0)
        arrs.pop(0)
        return arrs

    a, b = np.arange(3.0), np.ones((3,))
    l = [a, b]
    s, twice = total(l)
    assert s == 6.0 and np.array_equal(a, [-1.0, 1.0, 2.0]) and \
        np.array_equal(twice, [-2.0, 2.0, 2.0])
    back = grow(l)
    assert l[0] is b and np.array_equal(l[1], [0.0, 2.0, 3.0]) and len(l) == 2
    assert back[0] is b
    m = [np.arange(6.0).reshape(2, 3)] * 2
    assert same(grow(m)[1], np.arange(6.0).reshape(2, 3) + 1.0)


def test_lists_of_tuples_passed_in_are_reflected():
    def f(ps):
        s = 0.0
        for i, x in ps:
            s += i * x
        ps.append((9, 9.5))
        return s

    got, want = run_both(f, [(1, 2.0), (3, 4.5)])
    assert same(got, want)
    ps = [(1, 2.0), (3, 4.5)]
    kern.njit(f)(ps)
    assert ps == [(1, 2.0), (3, 4.5), (9, 9.5)]


def test_lists_passed_in_need_one_item_type():
    @kern.njit
    def n(l):
        return len(l)

    with pytest.raises(TypeError, match="one type"):
        n([np.arange(3.0), np.arange(3)])
    with pytest.raises(TypeError, match="one type"):
        n([(1, 2), (1.5, 2)])
    with pytest.raises(TypeError, match="kern passes lists of numbers"):
        n([[1, 2]])


def test_reflected_lists_of_arrays_do_not_leak():
    @kern.njit
    def use(arrs):
        arrs.append(arrs[0] * 2)
        return arrs[-1].sum()

    big = [np.arange(512.0) for _ in range(8)]
    use(list(big))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(10_000):
        use(list(big))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20_000


F1D = types.float64[:]


def test_typed_lists_of_arrays_and_tuples():
    @kern.njit
    def make(n):
        l = kern.typed.List.empty_list(F1D)
        for i in range(n):
            l.append(np.full(2, float(i)))
        return l

    @kern.njit
    def add(l):
        l.append(l[0] * 3)
        return len(l)

    made = make(3)
    assert type(made) is kern.typed.List and same(
        list(made), [np.full(2, float(i)) for i in range(3)])
    assert add(made) == 4 and same(made[3], np.zeros(2))
    empty = kern.typed.List.empty_list(F1D)
    empty.append(np.ones(2))
    assert add(empty) == 2 and same(empty[1], np.full(2, 3.0))
    pairs = kern.typed.List([(1, 2.0)])

    @kern.njit
    def add_pair(l):
        l.append((5, 6.0))

    add_pair(pairs)
    assert pairs == [(1, 2.0), (5, 6.0)]


def test_thousands_of_arrays_returned_in_a_list():
    # each result array is looked up among the call's buffers (a dict,
    # _kernrt.c arrayOfDtype): linear in their number, not quadratic
    @kern.njit
    def many(n):
        out = []
        for i in range(n):
            out.append(np.full(2, float(i)))
        return out

    got = many(5000)
    assert len(got) == 5000 and all(a[1] == i for i, a in enumerate(got))


def test_an_empty_list_read_before_its_first_append():
    def next_greater(a):  # a monotonic stack
        res = np.zeros(len(a))
        stack = []
        for i in range(len(a)):
            while stack and a[stack[-1]] < a[i]:
                j = stack.pop()
                res[j] = i - j
            stack.append(i)
        return res

    def hull_size(points):  # the lower hull of Andrew's monotone chain
        hull = []
        for p in sorted([(p[0], p[1]) for p in points]):
            while len(hull) >= 2 and (hull[-1][0] - hull[-2][0]) * (
                    p[1] - hull[-2][1]) - (hull[-1][1] - hull[-2][1]) * (
                    p[0] - hull[-2][0]) <= 0:
                hull.pop()
            hull.append(p)
        return len(hull)

    a = np.array([3.0, 1, 4, 1, 5, 9, 2, 6])
    assert (kern.njit(next_greater)(a) == next_greater(a)).all()
    pts = np.random.default_rng(0).random((30, 2))
    assert kern.njit(hull_size)(pts) == hull_size(pts)


def test_and_or_of_containers_in_tests():
    def f(n):
        xs, ys = [], {1}
        c = 0
        while xs or c < n:
            if xs and ys:
                xs.pop()
            else:
                xs.append(c)
            c += 1
        return c, len(xs)

    assert kern.njit(f)(5) == f(5)
