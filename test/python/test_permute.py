"""Axis permutations as views: np.transpose with axes, a.transpose,
np.swapaxes, np.moveaxis — NumPy's shapes and values (a view: writes
through it reach the array)."""

import numpy as np
import pytest

import kern

CASES = [
    lambda a: np.transpose(a),
    lambda a: np.transpose(a, (2, 0, 1)),
    lambda a: np.transpose(a, axes=(1, 0, 2)),
    lambda a: np.transpose(a, (-1, 0, -2)),
    lambda a: a.transpose(),
    lambda a: a.transpose((1, 0, 2)),
    lambda a: a.transpose(2, 1, 0),
    lambda a: a.T,
    lambda a: np.swapaxes(a, 0, 2),
    lambda a: np.swapaxes(a, -1, 1),
    lambda a: np.moveaxis(a, 0, -1),
    lambda a: np.moveaxis(a, (0, 1), (2, 0)),
    lambda a: np.moveaxis(a, source=2, destination=0),
]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_permutations_match_numpy(k):
    f = CASES[k]
    for a in (np.arange(24.0).reshape(2, 3, 4),
              np.arange(60.0).reshape(3, 4, 5)[:, ::2, ::-1]):
        got, want = kern.njit(f)(a), f(a)
        assert got.shape == want.shape
        np.testing.assert_array_equal(got, want)


def test_the_permutation_is_a_view():
    @kern.njit
    def zero_through_view(a):
        v = np.transpose(a, (1, 2, 0))
        v[0, 1, 0] = -1.0
        return a

    a = np.arange(24.0).reshape(2, 3, 4)
    out = zero_through_view(a.copy())
    want = a.copy()
    np.transpose(want, (1, 2, 0))[0, 1, 0] = -1.0
    np.testing.assert_array_equal(out, want)


@pytest.mark.parametrize("src,message", [
    ("lambda a: np.transpose(a, (0, 0, 1))", "don't match"),
    ("lambda a: np.transpose(a, (0, 1))", "don't match"),
    ("lambda a: np.transpose(a, (0, 1, 3))", "out of bounds"),
    ("lambda a: np.moveaxis(a, (0, 1), 2)", "same number of elements"),
])
def test_bad_axes_are_typing_errors(tmp_path, src, message):
    path = tmp_path / "perm_src.py"
    path.write_text(f"import numpy as np\nf = {src}\n")
    ns = {}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    with pytest.raises(kern.TypingError, match=message):
        kern.njit(ns["f"])(np.zeros((2, 3, 4)))
