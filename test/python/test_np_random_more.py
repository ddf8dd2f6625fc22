"""np.random's legacy binomial, negative_binomial, hypergeometric,
logseries, zipf, vonmises, wald, f, noncentral_chisquare, dirichlet and
multinomial in compiled code (kern/np/legacy_random.py over
lib/Runtime/RandomDiscrete.c): after np.random.seed(s), NumPy's numbers,
bit for bit, with and without size=."""

import numpy as np
import pytest

import kern


def same(got, want):
    """Equal values, dtypes (of arrays) and shapes, NaNs equal."""
    if isinstance(want, tuple):
        return len(got) == len(want) and all(map(same, got, want))
    if isinstance(want, np.ndarray):
        return (isinstance(got, np.ndarray) and got.dtype == want.dtype and
                np.array_equal(got, want, equal_nan=want.dtype.kind == "f"))
    return type(got)(want) == got or (want != want and got != got)


def binomials(seed):
    np.random.seed(seed)
    return (np.random.binomial(10, 0.3), np.random.binomial(10, 0.3, 5),
            np.random.binomial(1000, 0.4, (2, 3)),   # BTPE
            np.random.binomial(200, 0.9, size=6),    # 1 - p, inversion
            np.random.binomial(5000, 0.7, 40),       # 1 - p, BTPE
            np.random.binomial(0, 0.5, 3), np.random.binomial(7, 0.0),
            np.random.binomial(7, 1.0), np.random.binomial(n=3, p=0.5),
            np.random.binomial(10 ** 7, 0.25, 30))   # far tails


def negative_binomials(seed):
    np.random.seed(seed)
    return (np.random.negative_binomial(5, 0.4),
            np.random.negative_binomial(5, 0.4, 6),
            np.random.negative_binomial(0.5, 0.05, (2, 2)),  # Poisson >= 10
            np.random.negative_binomial(3.5, 1.0, 3))


def hypergeometrics(seed):
    np.random.seed(seed)
    return (np.random.hypergeometric(10, 5, 6),
            np.random.hypergeometric(10, 5, 6, 5),
            np.random.hypergeometric(3, 20, 8, (2, 3)),      # good < bad
            np.random.hypergeometric(100, 200, 50, 20),      # HRUA
            np.random.hypergeometric(300, 40, 250, 20),      # > half, good > bad
            np.random.hypergeometric(5, 0, 5, 3),
            np.random.hypergeometric(ngood=50, nbad=50, nsample=11, size=4))


def log_zipf(seed):
    np.random.seed(seed)
    return (np.random.logseries(0.6), np.random.logseries(0.6, 5),
            np.random.logseries(0.999, (3, 2)), np.random.logseries(0.0, 2),
            np.random.zipf(2.5), np.random.zipf(2.5, 8),
            np.random.zipf(1.1, (2, 5)), np.random.zipf(a=4.0, size=3))


def circular(seed):
    np.random.seed(seed)
    return (np.random.vonmises(0.5, 2.0), np.random.vonmises(0.5, 2.0, 5),
            np.random.vonmises(-3.0, 1e-9, 3),      # uniform on the circle
            np.random.vonmises(3.0, 1e-6, 3),       # Taylor expansion
            np.random.vonmises(3.0, 50.0, (2, 3)),  # wrapped past pi
            np.random.vonmises(1, 0, 2), np.random.vonmises(0.0, np.nan, 2))


def continuous(seed):
    np.random.seed(seed)
    return (np.random.wald(1.0, 2.0), np.random.wald(1.0, 2.0, 5),
            np.random.wald(3.0, 0.1, (2, 3)),
            np.random.f(3.0, 5.0), np.random.f(3.0, 5.0, 5),
            np.random.f(0.5, 0.7, (3, 1)), np.random.f(dfnum=2, dfden=9),
            np.random.noncentral_chisquare(3.0, 1.5),
            np.random.noncentral_chisquare(3.0, 1.5, 5),
            np.random.noncentral_chisquare(0.5, 2.0, (2, 2)),  # df <= 1
            np.random.noncentral_chisquare(2.0, 0.0, 3),
            np.random.noncentral_chisquare(0.8, np.nan),
            np.random.normal())  # the stream goes on as NumPy's


@pytest.mark.parametrize("program", [binomials, negative_binomials,
                                     hypergeometrics, log_zipf, circular,
                                     continuous])
@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_draws_match_numpy(program, seed):
    assert same(kern.njit(program)(seed), program(seed))


def vectors(seed, alpha, pvals):
    np.random.seed(seed)
    return (np.random.dirichlet(alpha), np.random.dirichlet(alpha, 4),
            np.random.dirichlet(alpha, (2, 3)),
            np.random.multinomial(10, pvals),
            np.random.multinomial(100, pvals, 3),
            np.random.multinomial(1000, pvals, size=(2, 2)),
            np.random.multinomial(0, pvals, 2), np.random.random())


@pytest.mark.parametrize("seed", [0, 7])
def test_dirichlet_multinomial_arrays(seed):
    alpha = np.array([0.5, 1.0, 3.0])
    pvals = np.array([0.2, 0.5, 0.3])
    got = kern.njit(vectors)(seed, alpha, pvals)
    assert same(got, vectors(seed, alpha, pvals))
    assert same(kern.njit(vectors)(seed, alpha[::-1], pvals[::-1]),
                vectors(seed, alpha[::-1], pvals[::-1]))


def literal_vectors(seed):
    np.random.seed(seed)
    return (np.random.dirichlet((1.0, 2.0)),
            np.random.dirichlet([0.2, 0.3, 0.4, 5.0], 2),
            np.random.multinomial(20, [1 / 6.0] * 6),
            np.random.multinomial(20, (0.9, 0.05, 0.05), 4),
            np.random.multinomial(5, [0.0, 1.0, 0.0]),
            np.random.multinomial(5, [0.3, 0.2, 0.1]))  # the rest: last


def test_dirichlet_multinomial_tuples_and_lists():
    assert same(kern.njit(literal_vectors)(3), literal_vectors(3))


def test_one_stream_with_the_other_distributions():
    def mixed(seed):
        np.random.seed(seed)
        a = np.random.binomial(20, 0.5, 3)
        b = np.random.normal(0.0, 1.0)
        c = np.random.wald(1.0, 1.0)   # the normal kept by normal() first
        d = np.random.randint(0, 100, 2)
        return a, b, c, d, np.random.standard_gamma(2.0)
    assert same(kern.njit(mixed)(5), mixed(5))


@pytest.mark.parametrize("call, message", [
    (lambda: np.random.binomial(5, 1.5), "p < 0, p > 1 or p is NaN"),
    (lambda: np.random.binomial(-1, 0.5), "n < 0"),
    (lambda: np.random.negative_binomial(0, 0.5), "n <= 0"),
    (lambda: np.random.negative_binomial(2, np.nan), "p is NaN"),
    (lambda: np.random.hypergeometric(2, 3, 6), "ngood . nbad < nsample"),
    (lambda: np.random.hypergeometric(-2, 3, 1), "ngood < 0"),
    (lambda: np.random.hypergeometric(5, -3, 1), "nbad < 0"),
    (lambda: np.random.hypergeometric(2, 3, 0), "nsample < 1"),
    (lambda: np.random.logseries(1.0), "p < 0, p >= 1 or p is NaN"),
    (lambda: np.random.zipf(1.0), "a <= 1 or a is NaN"),
    (lambda: np.random.vonmises(0.0, -0.0), "kappa < 0"),
    (lambda: np.random.wald(0.0, 1.0), "mean <= 0"),
    (lambda: np.random.wald(1.0, -1.0), "scale <= 0"),
    (lambda: np.random.f(1.0, 0.0), "dfden <= 0"),
    (lambda: np.random.noncentral_chisquare(0.0, 1.0), "df <= 0"),
    (lambda: np.random.noncentral_chisquare(1.0, -1.0), "nonc < 0"),
    (lambda: np.random.dirichlet(np.array([1.0, 0.0])), "alpha <= 0"),
    (lambda: np.random.multinomial(4, np.array([0.7, 0.6, 0.1])),
     r"sum\(pvals\[:-1\]\) > 1.0"),
    (lambda: np.random.multinomial(4, np.array([0.5, -0.1])),
     "pvals < 0, pvals > 1 or pvals contains NaNs"),
    (lambda: np.random.multinomial(-4, np.array([0.5, 0.5])), "n < 0"),
])
def test_invalid_parameters_raise_numpys_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()  # (NumPy's own message)
    with pytest.raises(ValueError, match=message):
        kern.njit(call)()


def test_array_parameters_are_a_clear_error():
    def f(p):
        return np.random.binomial(10, p)
    with pytest.raises(kern.errors.KernError, match="binomial"):
        kern.njit(f)(np.array([0.5, 0.2]))


def typed_parameters(n, p, g):
    np.random.seed(4)
    return (np.random.binomial(n, p, 3), np.random.hypergeometric(g, g, g),
            np.random.multinomial(n, [0.5, 0.5]), np.random.zipf(3),
            np.random.logseries(p * 0.5), np.random.negative_binomial(n, p))


@pytest.mark.parametrize("args", [
    (np.int32(10), np.float32(0.25), np.int16(8)), (10, 1, 4),
    (np.uint8(7), 0.5, np.int64(30))])
def test_integer_and_float_parameter_types(args):
    assert same(kern.njit(typed_parameters)(*args), typed_parameters(*args))


def test_parallel_loops_are_reproducible_for_a_seed():
    def par(seed, n):
        np.random.seed(seed)
        out = np.empty(n, np.int64)
        for i in kern.prange(n):
            out[i] = np.random.binomial(100, 0.3) + \
                np.random.hypergeometric(20, 30, 15)
        return out
    f = kern.njit(parallel=True)(par)
    a = f(3, 2000)
    assert np.array_equal(a, f(3, 2000))
    assert 30 < a.mean() < 42  # 30 + 6, the two means
