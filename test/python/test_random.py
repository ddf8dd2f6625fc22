"""np.random in compiled code draws NumPy's numbers: after the same
np.random.seed, the same values as NumPy's legacy generator (RandomState),
draw for draw, for every distribution kern compiles."""

import numpy as np
import pytest

import kern


def all_draws(seed, n):
    np.random.seed(seed)
    return (np.random.random(n), np.random.rand(2, n), np.random.randn(n),
            np.random.standard_normal((n, 2)), np.random.normal(2.0, 3.0, n),
            np.random.uniform(-1.0, 1.0, n), np.random.exponential(2.0, n),
            np.random.standard_exponential(n), np.random.lognormal(0.5, 0.25, n),
            np.random.random_sample((2, 3)), np.random.random(),
            np.random.standard_normal(), np.random.normal(1.0, 0.5),
            np.random.exponential())


def integers(seed, n):
    np.random.seed(seed)
    return (np.random.randint(0, 10, n), np.random.randint(5),
            np.random.randint(-3, 2**40, n), np.random.randint(7, 8, n),
            np.random.randint(0, 2**32, (n, 2)), np.random.randint(-5, -1),
            np.random.randint(low=1, high=4, size=n))


def shaped_draws(seed, n):
    np.random.seed(seed)
    return (np.random.standard_gamma(0.5, n), np.random.standard_gamma(3.0, n),
            np.random.gamma(2.0, 1.5, n), np.random.gamma(1.0),
            np.random.chisquare(3.0, n), np.random.beta(0.5, 0.7, n),
            np.random.beta(2.0, 3.0, (2, n)), np.random.poisson(3.0, n),
            np.random.poisson(50.0, n), np.random.poisson(size=n),
            np.random.poisson(0.0), np.random.standard_t(5.0, n),
            np.random.standard_cauchy(n), np.random.pareto(2.0, n),
            np.random.weibull(1.5, n), np.random.weibull(0.0),
            np.random.power(2.5, n), np.random.laplace(1.0, 2.0, n),
            np.random.gumbel(0.5, 1.5, n), np.random.logistic(size=n),
            np.random.rayleigh(2.0, n), np.random.laplace(),
            np.random.geometric(0.5, n), np.random.geometric(0.1, n),
            np.random.triangular(0.0, 0.3, 1.0, n),
            np.random.triangular(-1.0, 2.0, 2.0, n), np.random.random())


@pytest.mark.parametrize("seed", [0, 42, 2**32 - 1])
@pytest.mark.parametrize("program", [all_draws, integers, shaped_draws])
def test_draws_match_numpy(program, seed):
    got = kern.njit(program)(seed, 7)
    want = program(seed, 7)
    for g, w in zip(got, want):
        assert np.asarray(g).dtype == np.asarray(w).dtype
        np.testing.assert_array_equal(g, w)


def interleaved(n):
    s = 0.0
    for i in range(n):
        s += np.random.randn() * np.random.random() + np.random.randint(0, 3)
    return s


def test_one_stream_across_calls_and_kinds():
    f = kern.njit(interleaved)
    kern.njit(lambda s: np.random.seed(s))(9)
    got = (f(5), f(3))                     # the stream goes on between calls
    np.random.seed(9)
    assert got == (interleaved(5), interleaved(3))


def seeded_random(seed):
    np.random.seed(seed)
    return np.random.random()


def bad_randint(lo, hi):
    return np.random.randint(lo, hi)


@pytest.mark.parametrize("call, message", [
    (lambda x: np.random.normal(0.0, x), "scale < 0"),
    (lambda x: np.random.exponential(x), "scale < 0"),
    (lambda x: np.random.gamma(x), "shape < 0"),
    (lambda x: np.random.beta(1.0, x), "b <= 0"),
    (lambda x: np.random.poisson(x), "lam < 0"),
    (lambda x: np.random.standard_t(x), "df <= 0"),
    (lambda x: np.random.geometric(x), "p <= 0"),
    (lambda x: np.random.triangular(0.0, x, 1.0), "left > mode"),
])
def test_invalid_parameters_raise_numpys_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call(-1.0)                                # NumPy's own
    with pytest.raises(ValueError, match=message):
        kern.njit(call)(-1.0)


def test_numpy_errors():
    with pytest.raises(ValueError, match="Seed must be between 0 and 2\\*\\*32 - 1"):
        kern.njit(seeded_random)(-1)
    with pytest.raises(ValueError, match="Seed must be between"):
        kern.njit(seeded_random)(2**32)
    with pytest.raises(ValueError, match="low >= high"):
        kern.njit(bad_randint)(3, 3)


def parallel_draws(seed, n):
    np.random.seed(seed)
    out = np.empty(n)
    for i in kern.prange(n):
        out[i] = np.random.random()
    return out


def test_parallel_loops_are_reproducible_for_a_seed():
    f = kern.njit(parallel=True)(parallel_draws)
    a, b = f(5, 10000), f(5, 10000)
    np.testing.assert_array_equal(a, b)
    assert 0 <= a.min() and a.max() < 1 and abs(a.mean() - 0.5) < 0.02


def orderings(seed):
    np.random.seed(seed)
    a = np.arange(10.0)
    np.random.shuffle(a)
    m = np.arange(12).reshape(4, 3)
    np.random.shuffle(m)
    return (a, m, np.random.permutation(7), np.random.permutation(np.arange(5.0)),
            np.random.permutation(np.arange(6).reshape(3, 2)),
            np.random.choice(10, 4), np.random.choice(np.arange(6.0), (2, 2)),
            np.random.choice(8, 5, replace=False), np.random.choice(5),
            np.random.choice(np.arange(3.0) + 0.5), np.random.choice(9, replace=False))


@pytest.mark.parametrize("seed", [1, 3, 123456])
def test_shuffle_permutation_choice_match_numpy(seed):
    for g, w in zip(kern.njit(orderings)(seed), orderings(seed)):
        assert np.asarray(g).dtype == np.asarray(w).dtype
        np.testing.assert_array_equal(g, w)


def too_many(n):
    return np.random.choice(n, n + 1, replace=False)


def test_choice_errors_are_numpys():
    with pytest.raises(ValueError, match="Cannot take a larger sample"):
        kern.njit(too_many)(3)
    with pytest.raises(ValueError, match="a must be greater than 0"):
        kern.njit(lambda n: np.random.choice(n))(0)
