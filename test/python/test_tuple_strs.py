"""Tuples holding strs: comparisons (`==` `!=` `<` `<=` `>` `>=`, Python's
lexicographic order with strs compared as strs), and lists of such tuples
made, sorted and returned by compiled code."""

import itertools

import pytest

import kern

OPS = ["==", "!=", "<", "<=", ">", ">="]
WORDS = ["", "a", "ab", "b", "ba", "é"]


def _compare(op):
    src = f"""def f(a, b, i, j):
    return ((a, i) {op} (b, j), (i, a) {op} (j, b), (a, b) {op} (b, a),
            (a, i, b) {op} (a, j), (a,) {op} ('ab',), ('b', 1) {op} (a, i))
"""
    ns = {}
    exec(compile(src, f"<tuple {op}>", "exec"), ns)
    import linecache
    linecache.cache[f"<tuple {op}>"] = (len(src), None,
                                        src.splitlines(True), f"<tuple {op}>")
    return ns["f"]


@pytest.mark.parametrize("op", OPS)
def test_comparisons_of_tuples_with_strs_are_pythons(op):
    f = _compare(op)
    g = kern.njit(f)
    for a, b in itertools.product(WORDS, repeat=2):
        for i, j in ((1, 1), (1, 2), (2, 1)):
            assert g(a, b, i, j) == f(a, b, i, j), (a, b, i, j)


def test_a_str_equals_no_number_in_a_tuple():
    @kern.njit
    def f(s):
        return (s, 1) == (1, 1), (s, 1) != (1, 1), (1, s) == (1, s)
    assert f("x") == (False, True, True)


def test_ordering_a_str_against_a_number_is_a_typing_error():
    with pytest.raises(kern.TypingError, match="not supported between"):
        kern.njit(lambda s: (s, 1) < (1, 1))("x")


# ---- lists of tuples holding strs ---------------------------------------

def test_a_literal_list_sorted_by_key_and_returned():
    @kern.njit
    def f():
        l = [("b", 2), ("a", 1), ("c", 0), ("a", 0)]
        s = sorted(l)
        l.sort(key=lambda t: t[1])
        return s, l, sorted(l, reverse=True)
    l = [("b", 2), ("a", 1), ("c", 0), ("a", 0)]
    assert f() == (sorted(l), sorted(l, key=lambda t: t[1]),
                   sorted(l, reverse=True))


def test_lists_built_by_append_and_comprehension():
    @kern.njit
    def f(n, words):
        l = []
        for i in range(n):
            l.append((str(i), i * 0.5))
        m = [(w, len(w)) for w in words]
        m.sort()
        return l, m, l[-1][0], len(m)
    words = ["pear", "fig", "apple", "fig"]
    want_l = [(str(i), i * 0.5) for i in range(5)]
    want_m = sorted((w, len(w)) for w in words)
    assert f(5, words) == (want_l, want_m, "4", 4)


def test_iteration_unpacking_and_list_operations():
    @kern.njit
    def f(key):
        l = [("b", 2), ("a", 1)]
        l.append(("c", 3))
        l.insert(0, ("z", 0))
        last = l.pop()
        l[1] = ("q", 9)
        found = -1
        for name, v in l:
            if name == key:
                found = v
        return l, last, found, l + [("r", 0)], l[::-1], l == [("z", 0)]
    got = f("q")
    assert got == ([("z", 0), ("q", 9), ("a", 1)], ("c", 3), 9,
                   [("z", 0), ("q", 9), ("a", 1), ("r", 0)],
                   [("a", 1), ("q", 9), ("z", 0)], False)


def test_nested_tuples_and_several_strs_sort_as_python():
    @kern.njit
    def f():
        l = [(("b", 1), "x", 2.0), (("a", 3), "y", 1.0), (("a", 3), "a", 0.5)]
        l.sort()
        return l
    l = [(("b", 1), "x", 2.0), (("a", 3), "y", 1.0), (("a", 3), "a", 0.5)]
    assert f() == sorted(l)


def test_a_list_passed_in_is_read_sorted_and_reflected():
    @kern.njit
    def f(l, key):
        l.sort()
        l.append(("zz", 9))
        for name, v in l:
            if name == key:
                return v
        return -1
    l = [("b", 2), ("aé", 1), ("a", 0)]
    assert f(l, "aé") == 1
    assert l == [("a", 0), ("aé", 1), ("b", 2), ("zz", 9)]
    assert kern.njit(lambda l: l[0][0] + l[1][0])([("x", 1.5), ("y", 2.5)]) \
        == "xy"


def test_a_str_and_a_number_in_one_field_is_an_error():
    with pytest.raises(kern.TypingError, match="cannot put"):
        kern.njit(lambda: [("a", 1), (2, 1)])()
    with pytest.raises(TypeError, match="one type"):
        kern.njit(lambda l: len(l))([("a", 1), (2, 1)])


def test_min_max_in_and_index_of_lists_of_tuples():
    def f(s):
        l = [(s, 1), ("zz", 0), ("a", 5), ("zz", -1), ("zz", 0)]
        m = [(2, 1.5), (0, 3.0), (2, 1.5)]
        return (max(l), min(l), ("a", 5) in l, ("a", 6) in l,
                l.index(("zz", 0)), max(m), min(m), m.index((2, 1.5)))
    for s in ("q", "zzz", ""):
        assert kern.njit(f)(s) == f(s)
    with pytest.raises(ValueError, match="empty sequence"):
        kern.njit(lambda: max([("a", 1)][1:]))()
    with pytest.raises(ValueError, match="not in list"):
        kern.njit(lambda: [("a", 1)].index(("b", 1)))()
