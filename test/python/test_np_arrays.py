"""kern's array manipulation, creation, comparison and numerical
routines written in Python (python-frontend/kern/np/manipulation.py,
creation.py, logic.py, numeric.py), against NumPy."""

import numpy as np
import pytest

import kern

rng = np.random.default_rng(5)


def same(f, *args):
    got = kern.njit(f)(*args)
    want = f(*args)
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert np.asarray(g).dtype == np.asarray(w).dtype
            np.testing.assert_array_equal(g, w)
        return
    assert np.asarray(got).shape == np.asarray(want).shape
    assert np.asarray(got).dtype == np.asarray(want).dtype
    np.testing.assert_allclose(got, want, rtol=1e-12, equal_nan=True)


M = rng.random((3, 4))
V = rng.random(6)
IV = rng.integers(0, 3, 7)

CASES = {
    "ravel": (lambda a: np.ravel(a), M.T),
    "a.ravel": (lambda a: a.ravel(), M),
    "flatten": (lambda a: a.flatten(), M[:, ::2]),
    "flip-1d": (lambda a: np.flip(a), V),
    "flip-2d": (lambda a: np.flip(a), M),
    "flip-axis": (lambda a: np.flip(a, 1), M),
    "flipud": (lambda a: np.flipud(a), M),
    "fliplr": (lambda a: np.fliplr(a), M),
    "roll": (lambda a: np.roll(a, 2), V),
    "roll-2d-negative": (lambda a: np.roll(a, -5), M),
    "diff": (lambda a: np.diff(a), V),
    "diff-2": (lambda a: np.diff(a, 2), V),
    "diff-2d": (lambda a: np.diff(a), M),
    "diff-int": (lambda a: np.diff(a), IV),
    "repeat": (lambda a: np.repeat(a, 3), M),
    "repeat-array": (lambda a: np.repeat(a, a), IV),
    "tile": (lambda a: np.tile(a, 3), V),
    "append": (lambda a: np.append(a, a * 0.5), IV),
    "append-scalar": (lambda a: np.append(a, 2.5), IV),
    "flatnonzero": (lambda a: np.flatnonzero(a), IV),
    "nonzero-1d": (lambda a: np.nonzero(a), IV),
    "nonzero-2d": (lambda a: np.nonzero(a), IV[:6].reshape(2, 3)),
    "argwhere-1d": (lambda a: np.argwhere(a), IV),
    "argwhere-2d": (lambda a: np.argwhere(a), IV[:6].reshape(2, 3)),
    "tril": (lambda a: np.tril(a), M),
    "triu-1": (lambda a: np.triu(a, 1), M),
    "tril--1": (lambda a: np.tril(a, -1), M),
    "diag-build": (lambda v: np.diag(v), V),
    "diag-build-k": (lambda v: np.diag(v, -2), IV),
    "diag-extract": (lambda m: np.diag(m), M),
    "diag-extract-k": (lambda m: np.diag(m, 1), M),
    "diag-extract-k-": (lambda m: np.diag(m, -2), M),
    "vander": (lambda x: np.vander(x), V[:4]),
    "vander-n-inc": (lambda x: np.vander(x, 3, True), V[:4]),
    "count_nonzero": (lambda a: np.count_nonzero(a), IV.reshape(7, 1)),
    "convolve": (lambda a: np.convolve(a, a[:3]), V),
    "convolve-int": (lambda a: np.convolve(a, a[1:]), IV),
    "correlate": (lambda a: np.correlate(a, a[:3] * 2.0), V),
    "correlate-short": (lambda a: np.correlate(a[:2], a), V),
    "correlate-complex": (lambda a: np.correlate(a + 1j, a[:3] - 2j), V),
    "trapezoid": (lambda y: np.trapezoid(y), V),
    "cross": (lambda a: np.cross(a[:3], a[3:]), V),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_numpy(name):
    f, arg = CASES[name]
    same(f, arg)


@pytest.mark.parametrize("n,m,k", [(3, None, 0), (3, 5, 1), (4, 2, -1)])
def test_eye_tri_identity(n, m, k):
    same(lambda n, m, k: np.eye(n, m, k), n, m if m else n, k)
    same(lambda n, k: np.eye(n, k=k), n, k)
    same(lambda n, k: np.tri(n, k=k), n, k)
    same(lambda n: np.identity(n), n)
    same(lambda n: np.eye(n, dtype=np.int32), n)
    same(lambda n: np.identity(n, np.float32), n)


def test_isclose_allclose_array_equal():
    a = rng.random(6)
    b = a + 1e-9
    a[2] = b[2] = np.inf
    b[3] = np.inf
    same(lambda a, b: np.isclose(a, b), a, b)
    same(lambda a, b: np.isclose(a, b), 1.0, 1.0 + 1e-6)
    c = a.copy()
    c[0] = np.nan
    same(lambda a, b: np.isclose(a, b, equal_nan=True), c, c.copy())
    same(lambda a, b: np.isclose(a, b), c, c.copy())
    same(lambda a, b: np.allclose(a, b), a, a.copy())
    same(lambda a, b: np.allclose(a, b, 0.0, 0.0), a, b)
    same(lambda a, b: np.array_equal(a, b), a, a.copy())
    same(lambda a, b: np.array_equal(a, b), a, a[:3])
    same(lambda a, b: np.array_equal(a, b), a, a.reshape(2, 3))


def test_interp():
    xp = np.sort(rng.random(10))
    fp = rng.random(10)
    x = rng.random((2, 3)) * 1.2 - 0.1
    same(lambda x, xp, fp: np.interp(x, xp, fp), x, xp, fp)
    for s in (0.5, xp[0], xp[-1], -1.0, 2.0):
        same(lambda x, xp, fp: np.interp(x, xp, fp), s, xp, fp)
    with pytest.raises(ValueError, match="not of the same length"):
        kern.njit(lambda x, xp, fp: np.interp(x, xp, fp))(0.5, xp, fp[:3])


def test_trapezoid_with_samples():
    y, x = rng.random(7), np.sort(rng.random(7))
    same(lambda y, x: np.trapezoid(y, x), y, x)


def test_convolve_of_empty_raises():
    with pytest.raises(ValueError, match="cannot be empty"):
        kern.njit(lambda a, v: np.convolve(a, v))(np.zeros(0), np.ones(2))


def test_roll_inside_a_parallel_loop():
    @kern.njit(parallel=True)
    def f(m):
        out = np.empty_like(m)
        for i in kern.prange(m.shape[0]):
            out[i] = np.roll(m[i], i)
        return out
    m = rng.random((8, 5))
    np.testing.assert_array_equal(f(m), np.array([np.roll(r, i) for i, r in enumerate(m)]))
