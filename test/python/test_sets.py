"""Sets in compiled code: displays, set() and set(iterable), comprehensions,
`in`, `len`, iteration, the set methods and operators, sorted() and list()
of a set, sets returned to Python and Python sets passed in (written back
when changed); against plain Python, with Python's KeyError and
RuntimeError."""

import resource

import numpy as np
import pytest

import kern


def building(n):
    a = {1, 2, 3}
    b = set()
    for i in range(n):
        b.add(i % 5)
    c = set(range(n))
    d = set([4, 4, 5])
    e = set((1, 2.5))
    f = {i * i % 7 for i in range(n) if i != 3}
    g = set({2: 0.5, 9: 1.5})  # a dict's keys
    return a, b, c, d, e, f, g, len(a), len(b), len(set()), \
        list({4: 1, 2: 0}), set(a)


def membership(x):
    s = {1, 2, 3}
    f = {0.5, -0.0}
    return (x in s, x not in s, 2.0 in s, 1.5 in s, 0.0 in f, x in f,
            300 in set(np.arange(10, dtype=np.uint8)))


def mutation(n):
    s = set(range(n))
    s.discard(2)
    s.discard(100)
    s.discard(3.5)  # not 3: no item equals 3.5
    s.discard(4.0)  # 4 == 4.0
    s.remove(0)
    s.add(n + 1)
    s.update([7, 8], (9,), range(20, 22))
    whole = s.copy()
    x = s.pop()  # (which item is Python's choice, or kern's)
    y = s.pop()
    c = s.copy()
    gone = x in s or y in s
    c.add(x)
    c.add(y)
    before = len(s)
    s.clear()
    return s, c == whole, whole, len({x, y}), before, gone


def operators():
    a = {1, 2, 3, 4}
    b = {3, 4, 5}
    return (a | b, a & b, a - b, b - a, a ^ b, a <= b, a < b, a >= b, a > b,
            a == b, a != b, {3, 4} < a, {3, 4} <= {4, 3}, {3, 4} < {4, 3},
            a > {1}, a == {4, 3, 2, 1}, {1.0, 2.0} == {1, 2}, {1} | {2.5})


def in_place():
    a = {1, 2, 3}
    alias = a
    a |= {10}
    b = {1, 2, 3}
    b &= {2, 3, 4}
    c = {1, 2, 3}
    c -= {1}
    d = {1, 2, 3}
    d ^= {3, 4}
    e = {1, 2}
    e &= e
    f = {1, 2}
    f -= f
    g = {1, 2}
    g ^= g
    h = {1.5}
    h |= {2}  # integers into a set of floats
    return a, alias, b, c, d, e, f, g, h


def methods():
    a = {1, 2, 3}
    out = (a.union(), a.union({4}, [5], (6,)), a.intersection([2, 3, 9]),
           a.intersection({2, 3}, {3}), a.difference({1}, [2]),
           a.symmetric_difference([3, 4]), a.isdisjoint({7}),
           a.isdisjoint([3]), a.issubset(range(5)), a.issubset({1}),
           a.issuperset([1, 2]), a.issuperset((1, 9)))
    b = {1, 2, 3, 4}
    b.intersection_update(range(3), {1, 2})
    c = {1, 2, 3}
    c.difference_update([1], {2})
    f = {1, 2, 3}
    f.symmetric_difference_update(np.array([3, 4]))
    e = {1}
    e.update()
    return out, a, b, c, f, e


def items_of_types(a):
    s = set(a)
    s.add(a[0])
    return s, sorted(s), len(s)


def iteration(n):
    s = {(i * 37) % 11 for i in range(n)}
    total = 0
    count = 0
    for x in s:
        total += x
        count += 1
    positions = 0
    for i, x in enumerate(s):
        positions += i
        total += x
    paired = 0
    for x, y in zip(s, range(100, 200)):  # as many as the set has
        paired += y
    listed = list(s)
    listed.sort()
    return total, count, positions, paired, listed, sorted(s), \
        sorted(s, reverse=True), \
        list(range(3)), list(np.arange(2.0)), min(s), max(s), sum(s), \
        sum({0.5, 1.5})


def many(n):
    s = set()
    for i in range(n):
        s.add((i * 7919) % (n // 2 + 1))
    for i in range(0, n, 3):
        s.discard(i)
    t = set(range(0, n, 2))
    return len(s), len(s & t), len(s | t), len(s - t), len(s ^ t), \
        sorted(s)[0], sorted(s)[-1]


def floats():
    s = {0.0, -0.0, 1.5, np.inf, -np.inf}
    return s, len(s), -0.0 in s, np.inf in s


def worklist(n):
    todo = {n}
    seen = set()
    while todo:  # a container is true when not empty
        x = todo.pop()
        seen.add(x)
        if x > 1 and x // 2 not in seen:
            todo.add(x // 2)
        if x % 3 == 0 and not x // 3 in seen:
            todo.add(x // 3)
    empty = [1]
    empty.pop()
    return (sorted(seen), not todo, 1 if seen else 0, bool(seen),
            bool(set()), bool(empty), not {1: 2.0}, 2 if [3] else 1)


def bools():
    s = {True, False, True}
    t = set(np.array([1, 0, 1], dtype=np.bool_))
    return s, t, True in s, len(s)


CASES = [
    (building, (10,)), (membership, (2,)), (membership, (7,)),
    (mutation, (6,)), (operators, ()), (in_place, ()), (methods, ()),
    (items_of_types, (np.array([3, 1, 3], dtype=np.int32),)),
    (items_of_types, (np.array([200, 1, 255], dtype=np.uint8),)),
    (items_of_types, (np.array([2**63 + 5, 1], dtype=np.uint64),)),
    (items_of_types, (np.array([1.5, 2.5, 1.5], dtype=np.float32),)),
    (items_of_types, (np.array([-1, 4, -1], dtype=np.int16),)),
    (iteration, (30,)), (many, (20_000,)), (floats, ()), (bools, ()),
    (worklist, (100,)),
]


@pytest.mark.parametrize("fn,args", CASES, ids=[f.__name__ for f, _ in CASES])
def test_sets_match_python(fn, args):
    assert kern.njit(fn)(*args) == fn(*args)


def test_results_are_python_sets_of_python_numbers():
    r = kern.njit(items_of_types)(np.array([3, 1], dtype=np.int32))[0]
    assert type(r) is set and all(type(x) is int for x in r)
    r = kern.njit(floats)()[0]
    assert type(r) is set and all(type(x) is float for x in r)


def test_python_sets_pass_in_and_changes_reflect_back():
    @kern.njit
    def grow(s, x):
        s.add(x)
        s.discard(1)
        return len(s)

    s = {1, 2, 3}
    assert grow(s, 10) == 3 and s == {2, 3, 10}
    f = {1.5, 2}  # widened to float64, as Python's set of numbers
    assert grow(f, 4) == 3 and f == {1.5, 2.0, 4.0}

    @kern.njit
    def in_place(s, t):
        s |= t
        s -= {2}
        return s <= t, sorted(s)

    s, t = {1, 2}, {2, 3}
    assert in_place(s, t) == (False, [1, 3]) and s == {1, 3} and t == {2, 3}

    @kern.njit
    def reads(s):
        total = 0
        for x in s:
            total += x
        return total, 5 in s, s & {1, 5}

    s = {1, 5, 9}
    assert reads(s) == (15, True, {1, 5}) and s == {1, 5, 9}

    @kern.njit
    def inner(s):
        s.add(99)
        return len(s)

    @kern.njit
    def outer(s):
        return inner(s) + len(s)

    s = {1, 2}
    assert outer(s) == 6 and s == {1, 2, 99}


def test_empty_and_popped_sets_raise_keyerror():
    @kern.njit
    def pop_all(s):
        out = 0
        while len(s) > 0:
            out += s.pop()
        return out + s.pop()

    with pytest.raises(KeyError, match="pop from an empty set"):
        pop_all({1, 2, 3})

    @kern.njit
    def remove(s, x):
        s.remove(x)
        return len(s)

    assert remove({1, 2}, 1) == 1
    with pytest.raises(KeyError) as e:
        remove({1, 2}, 7)
    assert e.value.args == (7,)
    with pytest.raises(KeyError) as e:
        remove({1.5, 2.5}, 0.25)
    assert e.value.args == (0.25,)


def test_changing_a_set_while_iterating_raises_runtimeerror():
    @kern.njit
    def grow(s):
        for x in s:
            s.add(x + 100)
        return len(s)

    with pytest.raises(RuntimeError, match="Set changed size during "
                                           "iteration"):
        grow({1, 2})


def test_print_of_sets(capsys):
    @kern.njit
    def show(n):
        e = set()
        e.add(n)
        e.discard(n)
        print({1, 2}, {2.5}, e, {True})
        return 0

    show(1)
    assert capsys.readouterr().out == "{1, 2} {2.5} set() {True}\n"


def test_sets_are_freed():
    @kern.njit
    def churn(n):
        a = set(range(n))
        b = {i for i in range(0, n, 2)}
        c = a - b
        c |= {n}
        return len(c)

    churn(10)
    assert churn(100) == 51
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(100_000):
        churn(100)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20_000


def test_unsupported_uses_are_located_errors():
    @kern.njit
    def of_complex():
        return {1j}

    with pytest.raises(kern.UnsupportedError,
                       match=r"test_sets.py:\d+: .*set items of complex128"):
        of_complex()

    @kern.njit
    def of_rows(a):
        return set(a)

    with pytest.raises(kern.UnsupportedError,
                       match=r"test_sets.py:\d+: .*rows of float64\[:, :\]"):
        of_rows(np.ones((2, 2)))

    @kern.njit
    def index(s):
        return s[0]

    with pytest.raises(kern.TypingError, match=r"test_sets.py:\d+: "):
        index({1})

    @kern.njit
    def fixed(s):
        s.add(1.5)  # a float into the caller's set of integers

    with pytest.raises(kern.TypingError,
                       match=r"test_sets.py:\d+: .*cannot put float64 items "
                             r"in set\(int64\)"):
        fixed({1})

    @kern.njit
    def plus(a, b):
        return a + b

    with pytest.raises(kern.TypingError,
                       match=r"unsupported operand types for \+"):
        plus({1}, {2})

    @kern.njit
    def unknown_method(s):
        return s.frobnicate()

    with pytest.raises(kern.UnsupportedError,
                       match=r"the set method \.frobnicate\(\)"):
        unknown_method({1})

    with pytest.raises(TypeError, match="empty set"):
        kern.njit(lambda s: len(s))(set())


def test_explicit_signatures_and_the_cache(tmp_path, monkeypatch):
    @kern.njit("set(float64)(Set(int64), int64)")
    def halves(s, n):
        s.add(n)
        return {x * 0.5 for x in s}

    s = {2, 4}
    assert halves(s, 6) == {1.0, 2.0, 3.0} and s == {2, 4, 6}

    monkeypatch.setenv("KERN_CACHE_DIR", str(tmp_path))
    from kern import cache

    def grow(s, n):
        s.add(n)
        return s | {100}

    first = kern.njit(cache=True)(grow)
    s = {1}
    assert first(s, 5) == {1, 5, 100} and s == {1, 5}
    again = kern.njit(cache=True)(grow)  # a new dispatcher: from the file
    assert again({7}, 8) == {7, 8, 100}
    assert cache.last_event(again) == "hit"
