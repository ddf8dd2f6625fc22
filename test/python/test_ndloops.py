"""np.ndindex and np.ndenumerate loops, and indexing with a tuple of
integers (a[idx]), against plain Python."""

import numpy as np
import pytest

import kern

SOURCES = {
    "ndindex_shape": "def f(a):\n    s = 0.0\n    for idx in np.ndindex(a.shape):\n"
                     "        s += a[idx] * (idx[0] + 1)\n    return s\n",
    "ndindex_ints": "def f(a):\n    c = 0\n    for i, j in np.ndindex(3, 4):\n"
                    "        c += i * 10 + j\n    return c\n",
    "ndindex_tuple_const": "def f(a):\n    c = 0\n    for i, j in np.ndindex((2, 5)):\n"
                           "        c += i * j\n    return c\n",
    "ndenumerate": "def f(a):\n    s = 0.0\n    for idx, x in np.ndenumerate(a):\n"
                   "        s += x * (idx[-1] + 2)\n    return s\n",
    "ndenumerate_unpacked": "def f(a):\n    s = 0.0\n"
                            "    for (i, j, k), x in np.ndenumerate(a):\n"
                            "        s += x * i - j + k\n    return s\n",
    "store_through_tuple": "def f(a):\n    out = np.zeros_like(a)\n"
                           "    for idx in np.ndindex(a.shape):\n"
                           "        out[idx] = a[idx] * 2.0\n    return out.sum()\n",
    "tuple_variable_index": "def f(a):\n    t = (1, 1, 3)\n    return a[t]\n",
    "empty_dimension": "def f(a):\n    c = 0\n    for idx in np.ndindex(3, 0):\n"
                       "        c += 1\n    return c\n",
}

A = np.arange(24.0).reshape(2, 3, 4)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_matches_python(tmp_path, name):
    path = tmp_path / f"nd_{name}.py"
    path.write_text("import numpy as np\n" + SOURCES[name])
    ns = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    for a in (A, A[:, ::2, ::-1]):
        assert kern.njit(ns["f"])(a) == ns["f"](a)


def test_break_is_refused(tmp_path):
    path = tmp_path / "nd_break.py"
    path.write_text("import numpy as np\ndef f(a):\n"
                    "    for idx in np.ndindex(a.shape):\n        break\n"
                    "    return 0\n")
    ns = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    with pytest.raises(kern.UnsupportedError, match="break/continue"):
        kern.njit(ns["f"])(A)
