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
