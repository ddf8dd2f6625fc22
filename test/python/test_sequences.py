"""zip(), reversed(), sorted(), any(), all() and sum() of tuples in compiled
code, against plain Python on the same data."""

import numpy as np
import pytest

import kern

A = np.array([3.0, -1.0, 2.0, 5.0, 4.0])

SOURCES = {
    "zip_arrays": "def f(a):\n    s = 0.0\n    for x, y in zip(a, a[::-1]):\n"
                  "        s += x * y\n    return s\n",
    "zip_list_range": "def f(a):\n    l = [1, 2, 3, 4]\n    s = 0.0\n"
                      "    for x, y, z in zip(a, l, range(1, 9, 2)):\n"
                      "        s += x * y + z\n    return s\n",
    "zip_rows": "def f(a):\n    m = np.arange(10.0).reshape(5, 2)\n    s = 0.0\n"
                "    for r, x in zip(m, a):\n        s += r[1] * x\n    return s\n",
    "zip_tuple_target": "def f(a):\n    s = 0.0\n    for t in zip(a, a):\n"
                        "        s += t[0] * t[1]\n    return s\n",
    "zip_break": "def f(a):\n    s = 0.0\n    for x, y in zip(a, range(100)):\n"
                 "        if x > 4.0:\n            break\n        s += y\n"
                 "    return s\n",
    "reversed_range": "def f(a):\n    s = 0\n    for i in reversed(range(2, 11, 3)):\n"
                      "        s = s * 100 + i\n    return s\n",
    "reversed_negative_step": "def f(a):\n    s = 0\n"
                              "    for i in reversed(range(10, 0, -3)):\n"
                              "        s = s * 100 + i\n    return s\n",
    "reversed_empty_range": "def f(a):\n    s = 7\n    for i in reversed(range(5, 2)):\n"
                            "        s += i\n    return s\n",
    "reversed_array": "def f(a):\n    s = 0.0\n    for x in reversed(a):\n"
                      "        s = s * 10 + x\n    return s\n",
    "reversed_list": "def f(a):\n    l = [1, 2, 3]\n    s = 0\n    for x in reversed(l):\n"
                     "        s = s * 10 + x\n    return s\n",
    "sorted_list": "def f(a):\n    l = [3, 1, 2]\n    b = sorted(l)\n"
                   "    return b[0] * 100 + b[1] * 10 + b[2] + l[0] * 1000\n",
    "sorted_array_reverse": "def f(a):\n    b = sorted(a, reverse=True)\n"
                            "    return b[0] - b[4] + len(b)\n",
    "any_all_list": "def f(a):\n    l = [0, 1, 2]\n    e = [1, 1]\n"
                    "    return any(l), all(l), all(e), any([0, 0])\n",
    "any_all_tuple": "def f(a):\n    t = (a[0] > 0, a[1] > 0)\n    return any(t), all(t)\n",
    "any_all_array": "def f(a):\n    return any(a > 4.0), all(a > -2.0)\n",
    "tuples": "def f(a):\n    t = (3, 1, 2)\n    s = 0\n"
              "    for p, q in zip([1, 2, 3], t):\n        s += p * q\n"
              "    r = 0\n    for v in reversed(t):\n        r = r * 10 + v\n"
              "    b = sorted(t)\n    return s, r, b[0], len(b)\n",
    "sum_tuple": "def f(a):\n    t = (3, a[0], 2)\n    return sum(t), sum((1, 2), 10)\n",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_matches_python(tmp_path, name):
    path = tmp_path / f"seq_{name}.py"
    path.write_text("import numpy as np\n" + SOURCES[name])
    ns = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    got, want = kern.njit(ns["f"])(A.copy()), ns["f"](A.copy())
    assert got == want


def test_sorted_returns_a_new_list():
    @kern.njit
    def f(a):
        return sorted(a)
    out = f(A)
    assert out == sorted(A.tolist()) and isinstance(out, list)


@pytest.mark.parametrize("src,message", [
    ("def f(a):\n    z = zip(a, a)\n    return 0\n", "outside the header"),
    ("def f(a):\n    return sorted(a, cmp=abs)[0]\n", "cmp"),
    ("def f(a):\n    s = 0.0\n    for x in reversed({1: 2.0}):\n        s += x\n"
     "    return s\n", "zip()/reversed() over"),
])
def test_unsupported_forms_are_located(tmp_path, src, message):
    path = tmp_path / "seq_bad.py"
    path.write_text("import numpy as np\n" + src)
    ns = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    with pytest.raises((kern.UnsupportedError, kern.TypingError)) as info:
        kern.njit(ns["f"])(A)
    assert message in str(info.value) and "seq_bad.py:" in str(info.value)


def test_tuple_ordering_is_lexicographic():
    import itertools

    @kern.njit
    def cmp(a, b, c, d):
        x, y = (a, b), (c, d)
        return x < y, x <= y, x > y, x >= y, x == y, x != y

    for a, b, c, d in itertools.product([0, 1], [0, 1.5], [0, 1], [0, 1.5]):
        x, y = (a, b), (c, d)
        assert cmp(a, b, c, d) == (x < y, x <= y, x > y, x >= y, x == y,
                                   x != y)

    @kern.njit
    def lengths_and_nesting(a):
        return (a, 1) < (a, 1, 0), (a,) > (a, 2), ((a, 2), 3) < ((a, 3), 0)
    assert lengths_and_nesting(1) == (True, False, True)


def sort_tuple_items(n):
    l = [(i % 3, (i * 7) % 4, -i) for i in range(n)]
    m = sorted(l, reverse=True)
    l.sort()
    return l, m, sorted([(1.5, 2), (1.5, 1), (0.5, 9)])


def test_lists_of_tuples_sort_lexicographically():
    """l.sort() and sorted() of tuple items compare as Python's tuples do
    (stable, also with reverse=True)."""
    assert kern.njit(sort_tuple_items)(9) == sort_tuple_items(9)


@kern.njit
def enumerate_zipped(a, b):
    s = 0.0
    for i, (x, y) in enumerate(zip(a, b)):
        s += i * x * y
    t = 0.0
    for i, pair in enumerate(zip(a, b), 3):
        t += i * pair[0] - pair[1]
    return s, t


def test_enumerate_of_zip():
    a, b = np.arange(5.0), np.arange(7.0)[::-1]
    assert enumerate_zipped(a, b) == enumerate_zipped.py_func(a, b)


@kern.njit
def joined(words):
    out = kern.typed.List()
    for w in words:
        out.append(w.upper() if w.startswith("a") else w[::-1])
    return "-".join(out)


def test_join_of_a_list_typed_by_later_appends():
    words = kern.typed.List(["abc", "xyz", "apple"])
    assert joined(words) == "ABC-zyx-APPLE"
