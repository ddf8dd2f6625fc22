"""keepdims=True on NumPy's reductions (functions and array methods):
the reduced axes stay, of length 1, as NumPy's (Numba refuses keepdims)."""

import numpy as np
import pytest

import kern

M = np.random.default_rng(3).random((3, 4, 2))


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "prod",
                                  "amax", "argmax", "argmin"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2)])
def test_functions(name, axis):
    if name.startswith("arg") and isinstance(axis, tuple):
        pytest.skip("NumPy's argmax takes one axis")
    fn = getattr(np, name)
    got = kern.njit(lambda m: fn(m, axis=axis, keepdims=True))(M)
    want = fn(M, axis=axis, keepdims=True)
    assert got.shape == want.shape and got.dtype == want.dtype
    assert np.allclose(got, want)


def test_methods_and_the_other_reductions():
    def f(m):
        return (m.sum(axis=1, keepdims=True), m.max(keepdims=True),
                m.mean(axis=(0, 1), keepdims=True), m.sum(axis=1, keepdims=False),
                np.any(m > 0.5, axis=1, keepdims=True),
                (m > 0.2).all(keepdims=True), m.var(axis=0, keepdims=True),
                np.std(m, 1, keepdims=True, ddof=1))

    for got, want in zip(kern.njit(f)(M), f(M)):
        assert np.shape(got) == np.shape(want)
        assert np.allclose(got, want)


def test_keepdims_broadcasts_back_as_in_numpy():
    def normalize(m):
        return m / m.sum(axis=-1, keepdims=True)

    assert np.allclose(kern.njit(normalize)(M), normalize(M))


def test_a_keepdims_known_only_at_run_time_is_refused():
    with pytest.raises(kern.UnsupportedError, match="keepdims"):
        kern.njit(lambda m, k: m.sum(axis=0, keepdims=k))(M, True)
