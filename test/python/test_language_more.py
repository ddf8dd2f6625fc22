"""Python language leftovers in compiled code, compared with plain Python:
hash() of numbers and tuples (kern/py/hashing.py), for loops over map()
and filter() (frontend/iterables.py), sorted()/list.sort() with key= and
reverse= (kern/py/sorting.py), dict.popitem() and d.get(k) as an Optional
(frontend/dicts.py), np.array of nested lists (kern/np/from_lists.py)."""

import array
import copy

import numpy as np
import pytest

import kern


def same(f, *args):
    """f compiled and f in Python agree in value and type (on copies of
    the arguments, which f may change); returns kern's result."""
    want = f(*[copy.deepcopy(a) if isinstance(a, (list, dict, set)) else a
               for a in args])
    if isinstance(want, np.generic):  # a NumPy scalar comes back as Python's
        want = want.item()
    got = kern.njit(f)(*args)
    assert got == want and type(got) is type(want), (got, want)
    return got


# ---- hash ---------------------------------------------------------------------

def hash_of(x):
    return hash(x)


@pytest.mark.parametrize("x", [
    0, 1, -1, -2, 7, -7, 2 ** 61 - 1, 2 ** 61, 2 ** 62, -2 ** 61, 2 ** 63 - 1,
    -2 ** 63, True, False,
    0.0, -0.0, 1.0, 2.5, -1.5, 0.1, 1e300, -1.5e300, 5e-324, 2.0 ** 70,
    float("inf"), float("-inf"), 3.0, -1.0,
    1.5 - 2j, 1j, 0j, -1 + 0j,
    (1, 2, 3), (1, 2.5, 3j), (1, (2, 3.5), True), ("a", 1), (7,), (),
    (-1, -2),
])
def test_hash_is_pythons(x):
    same(hash_of, x)


@pytest.mark.parametrize("x", [np.uint64(2 ** 64 - 1), np.uint64(2 ** 63),
                               np.uint8(200), np.int32(-1), np.float32(0.5),
                               (np.uint64(2 ** 63), np.int16(-5))])
def test_hash_of_numpy_scalars_is_pythons(x):
    assert kern.njit(hash_of)(x) == hash(x)


def test_hash_of_integral_float_is_the_ints():
    def f(n):
        return hash(float(n)) == hash(n), hash(n * 1.0)
    for n in (0, 3, -5, 10 ** 15):
        same(f, n)


# ---- map and filter loops -------------------------------------------------------

def test_for_over_map_of_lists_arrays_ranges():
    def over_list(l):
        s = 0
        for v in map(lambda v: v * 2, l):
            s += v
        return s

    def over_array(a):
        s = 0.0
        for v in map(lambda v: v * v, a):
            s += v
        return s

    def over_two(a, n):
        r = []
        for v in map(lambda p, q: p * q, a, range(n)):
            r.append(v)
        return r

    def over_range(n):
        r = []
        for t in map(lambda i: (i, i * i), range(n)):
            r.append(t)
        return r
    same(over_list, [3, 1, 4, 1, 5])
    same(over_array, np.arange(5.0))
    same(over_two, np.arange(5.0), 3)
    same(over_range, 4)


def test_for_over_filter():
    def over_list(l):
        s = 0
        for v in filter(lambda v: v > 1, l):
            s += v
        return s

    def with_break_continue(a):
        s = 0.0
        for v in filter(lambda v: v % 2 == 0, a):
            if v == 4.0:
                continue
            if v > 7.0:
                break
            s += v
        return s

    def truthy(l):
        c = 0
        for v in filter(None, l):
            c += v
        return c

    def function_value(n):
        def big(v):
            return v > n
        r = []
        for v in filter(big, range(2 * n)):
            r.append(v)
        return r, v
    same(over_list, [3, 1, 4, 1, 5])
    same(with_break_continue, np.arange(12.0))
    same(truthy, [0, 3, 0, 4])
    same(function_value, 3)


# ---- sorted and list.sort with key= and reverse= ----------------------------------

def test_sorted_with_key_and_reverse():
    def f(l):
        return (sorted(l, key=lambda v: -v), sorted(l, key=abs, reverse=True),
                sorted(l, key=lambda v: (v % 2, v)),
                sorted(l, key=lambda v: v % 3, reverse=True))
    same(f, [3, -1, 4, 1, -5, 9, 2, 6])
    same(f, [1])

    def of_tuple_array_range(t, a, n):
        return (sorted(t, key=lambda v: -v), sorted(a, key=abs),
                sorted(list(range(n)), key=lambda v: (v * 7) % n,
                       reverse=True))
    same(of_tuple_array_range, (3, 1, 2), np.array([-2.5, 1.0, -0.5]), 7)


def test_keyed_sorts_of_strs_tuples_sets():
    def strs(l):
        return sorted(l, key=len), sorted(l, reverse=True)

    def tuples(l):
        l.sort(key=lambda p: p[1])
        return l

    def strs_in_place(l):
        l.sort(reverse=True)
        return l

    def of_set(st):
        return sorted(st, key=lambda v: -v), sorted(st, key=None)
    same(strs, ["ccc", "a", "bb", "dd"])
    same(tuples, [(1, 2.5), (2, 0.5), (3, 1.5)])
    same(strs_in_place, ["b", "a", "c"])
    same(of_set, {1, 2, 3})

    def of_dict_and_str(d, s):
        return (sorted(d), sorted(d, key=lambda k: d[k], reverse=True),
                sorted(s), sorted(s, key=lambda ch: -ord(ch)))
    same(of_dict_and_str, {3: 1.0, 1: 2.0, 2: 0.5}, "hello")


def test_sort_is_stable():
    def f(l):
        return sorted(l, key=lambda p: p[0]), sorted(l, key=lambda p: p[0],
                                                     reverse=True)
    same(f, [(1, 0), (0, 1), (1, 2), (0, 3), (2, 4), (1, 5)])


def test_list_sort_key_reverse_in_place():
    def f(l):
        l.sort(key=lambda v: v % 3, reverse=True)
        return l

    def g(lf):
        lf.sort(key=abs)
        s = 0.0
        for k in range(len(lf)):
            s = s * 10 + lf[k]
        return s, lf[0]

    def h(l):
        l.sort(reverse=True)
        l.append(0)
        return l

    def keyword_false(l):
        l.sort(reverse=False)
        return l[0], l[-1]
    same(f, [3, 1, 4, 1, 5, 9, 2])
    same(g, [0.5, -1.5, 2.25])
    same(h, [3, 1, 4, 1, 5])
    same(keyword_false, [3, 1, 4, 1, 5])

    def reflected(l):
        l.sort(key=lambda v: -v)
    l = [1, 3, 2]
    kern.njit(reflected)(l)
    assert l == [3, 2, 1]


# ---- dicts: popitem, get without a default ---------------------------------------

def test_popitem_is_lifo():
    def f(d):
        a = d.popitem()
        d[7] = 0.5
        b = d.popitem()
        c = d.popitem()
        return a, b, c, d
    same(f, {1: 2.5, 2: -1.0, 3: 4.0})

    def made():
        d = {}
        for i in range(5):
            d[i] = i * 1.5
        del d[4]
        s = 0.0
        while len(d) > 0:
            k, v = d.popitem()
            s = s * 10 + k + v
        return s
    same(made)

    def tuple_keys():
        d = {(1, 2): 3, (4, 5): 6}
        return d.popitem(), len(d)
    same(tuple_keys)


def test_popitem_of_empty_dict_raises_keyerror():
    def f(d):
        d.popitem()
        return d.popitem()
    with pytest.raises(KeyError, match="dictionary is empty"):
        kern.njit(f)({1: 2.0})


def test_get_without_default_is_optional():
    def f(d, k):
        return d.get(k) is None, d.get(k) is not None

    def g(d, k):
        v = d.get(k)
        if v is not None:
            return v * 2.0
        return -1.0

    def returned(d, k):
        return d.get(k)
    d = {1: 2.5, 2: -1.0, 3: 4.0}
    for k in (2, 9):
        same(f, d, k)
        same(g, d, k)
        same(returned, d, k)


# ---- np.array of nested lists ------------------------------------------------------

def test_np_array_of_nested_comprehensions():
    def f(x, k):
        return np.array([[x * j for j in range(k)] for i in range(k)])

    def g(k):
        l = [[i * j for j in range(k + 1)] for i in range(k)]
        return np.array(l)

    def three(k):
        return np.asarray([[[i + j * k for i in range(2)] for j in range(k)]
                           for _ in range(3)])

    def with_dtype(k):
        return np.array([[i * 1.5 for i in range(k)] for _ in range(2)],
                        np.int64)
    for fn, args in ((f, (2.5, 3)), (g, (3,)), (three, (2,)),
                     (with_dtype, (3,))):
        got, want = kern.njit(fn)(*args), fn(*args)
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)


def test_np_array_of_ragged_lists_raises():
    def f(k):
        return np.array([[j for j in range(i)] for i in range(k)])
    with pytest.raises(ValueError):
        f(3)
    with pytest.raises(ValueError, match="inhomogeneous"):
        kern.njit(f)(3)


# ---- iter and next -------------------------------------------------------------------

def test_iter_next_over_sequences():
    def f(l, t):
        it = iter(t)
        next(it)
        return next(iter(l)), next(it), next(it), next(it, -1)

    def ranges(n):
        it = iter(range(1, n, 2))
        return next(it), next(it), next(iter(range(n, 0, -1)))

    def others(s, d, a, m):
        i1, i2, i3, i4 = iter(s), iter(d), iter(a), iter(m)
        return (next(i1), next(i1), next(i2), next(i2), next(i3), next(i3),
                next(i4)[1])
    same(f, [3, 1], (1, 2, 3))
    same(ranges, 6)
    same(others, "héllo", {5: 1.0, 7: 2.0}, np.arange(3.0),
         np.arange(6.0).reshape(3, 2))


def test_next_in_loops_and_defaults():
    def until_none(l):
        it = iter(l)
        s = 0
        while True:
            v = next(it, None)
            if v is None:
                break
            s += v
        return s

    def counted(l):
        it = iter(l)
        for _ in range(len(l)):
            next(it)
        return next(it, 99), next(it, 0.5)

    def rest(l):
        it = iter(l)
        first = next(it)
        s = 0
        for v in it:
            s += v
        return first, s, next(it, -5)
    same(until_none, [3, 1, 4])
    same(counted, [1, 2, 3])
    same(rest, [3, 1, 4, 1])


def test_exhausted_iterator_raises_stopiteration():
    def f(l):
        it = iter(l)
        next(it)
        next(it)
        return next(it)

    def g(n):
        it = iter(range(n))
        return next(it)
    with pytest.raises(StopIteration):
        kern.njit(f)([1, 2])
    with pytest.raises(StopIteration):
        kern.njit(g)(0)
    assert kern.njit(g)(3) == 0


def test_next_of_a_non_iterator_is_a_clear_error():
    def f(n):
        return next(n)
    with pytest.raises(kern.errors.TypingError, match="not an iterator"):
        kern.njit(f)(3)


# ---- bytes, bytearray, memoryview, array.array arguments ------------------------------

def test_buffers_index_iterate_len():
    def f(bs):
        c = 0
        for v in bs:
            c += v
        return bs[0], bs[-1], len(bs), c, bs[1:][0]
    for bs in (b"abc", bytearray(b"xyz"), memoryview(b"hello")):
        same(f, bs)

    def g(arr):
        s = 0.0
        for v in arr:
            s += v
        return arr[1], len(arr), s
    same(g, array.array("d", [1.0, 2.0, 3.5]))
    same(g, array.array("i", [1, -2, 3]))


def test_memoryview_attributes():
    def f(mv):
        return (mv[1], len(mv), mv.ndim, mv.itemsize, mv.nbytes, mv.shape,
                mv[1:4][0], mv.readonly, mv.contiguous)
    same(f, memoryview(np.arange(6.0)))
    same(f, memoryview(b"abcdef"))
    same(f, memoryview(bytearray(b"abcdef")))
    same(f, memoryview(np.arange(12.0))[::2])

    def two(mv):
        return mv.shape, mv[1, 2], mv.ndim
    same(two, memoryview(np.arange(12, dtype=np.int32).reshape(3, 4)))


def test_bytearray_writes_reach_python():
    def f(ba, arr):
        ba[0] = 120
        arr[2] = -1.0
    ba, arr = bytearray(b"abc"), array.array("d", [1.0, 2.0, 3.0])
    kern.njit(f)(ba, arr)
    assert ba == bytearray(b"xbc") and arr.tolist() == [1.0, 2.0, -1.0]


def test_iterators_that_would_be_shared_are_refused():
    def alias(l):
        it = iter(l)
        it2 = it
        next(it)
        return next(it2)

    def in_a_tuple(l):
        its = (iter(l), iter(l))
        return next(its[0])

    @kern.njit
    def helper(it):
        return next(it)

    def passed(l):
        it = iter(l)
        helper(it)
        return next(it)
    def in_while_condition(l):
        it = iter(l)
        s = 0
        while next(it, -1) >= 0:
            s += 1
        return s
    for f, what in ((alias, "two variables"), (in_a_tuple, "its\\[0\\]"),
                    (passed, "passing an iterator"),
                    (in_while_condition, "while condition")):
        with pytest.raises(kern.UnsupportedError, match=what):
            kern.njit(f)([1, 2, 3])

    def branches(l, c):
        it = iter(l)
        if c:
            next(it)
        return next(it)
    same(branches, [1, 2, 3], True)
    same(branches, [1, 2, 3], False)

    def in_comprehensions(l, m):
        it, it2 = iter(m), iter(m)
        return [v for v in l if next(it) > 1], [v + next(it2) for v in l]
    same(in_comprehensions, [1, 2, 3], [10, 1, 30])


def test_operators_of_buffers_are_refused():
    def add(bs):
        return bs + bs

    def eq(bs):
        return bs == bs
    for f, op in ((add, "'\\+' of a bytes"), (eq, "'==' of a bytes")):
        with pytest.raises(kern.UnsupportedError, match=op):
            kern.njit(f)(b"ab")
    with pytest.raises(kern.UnsupportedError, match="of a bytearray"):
        kern.njit(add)(bytearray(b"ab"))


def test_truth_of_buffers_is_not_empty():
    def f(bs):
        r = 0
        if bs:
            r += 1
        if not bs:
            r += 10
        return r
    for bs in (b"", b"a", bytearray(b"ab"), memoryview(b"")):
        same(f, bs)

    def neg(bs):
        return -bs
    with pytest.raises(kern.UnsupportedError, match="'-bs' of a bytes"):
        kern.njit(neg)(b"ab")


def test_returning_a_buffer_argument_is_refused():
    def f(bs):
        return bs
    with pytest.raises(kern.UnsupportedError, match="returning a bytes"):
        kern.njit(f)(b"ab")


# ---- starred assignment -------------------------------------------------------

def starred(a):
    x, *rest = (1, 2, 3)
    *init, last = (1.5, 2.5, 3.5)
    p, *mid, q = (1, 2)
    first, *more = a.shape
    return x + len(rest) + rest[1], init, last, len(mid), p, q, first, more


def test_starred_assignment_gives_a_list_as_python():
    same(starred, np.zeros((2, 3, 4)))



def test_for_else_and_while_else():
    def primes(n):
        out = []
        for k in range(2, n):
            for d in range(2, k):
                if k % d == 0:
                    break
            else:  # no divisor found
                out.append(k)
        return out

    def find(a, x):
        i = 0
        while i < len(a):
            if a[i] == x:
                break
            i += 1
        else:
            return -1
        return i

    def nested(a):
        c = 0
        for x in a:
            for y in a:
                if y > x:
                    break  # the inner loop's: the outer else still runs
                c += 1
            else:
                c += 100
        else:
            c += 1000
        return c

    assert kern.njit(primes)(40) == primes(40)
    for x in (3, 9):
        assert kern.njit(find)(np.arange(5), x) == find(np.arange(5), x)
    for a in (np.array([3, 1, 2]), np.array([1, 2]), np.array([], np.int64)):
        assert kern.njit(nested)(a) == nested(a)
