"""np.random.Generator objects in compiled code (kern/np/generator.py over
NumPy's own libnpyrandom): the numbers NumPy gives, the Generator's state
moved on, NumPy's errors."""

import numpy as np
import pytest

import kern

CALLS = [
    ("random", ()), ("standard_normal", ()), ("standard_exponential", ()),
    ("standard_cauchy", ()), ("normal", (1.0, 2.0)), ("uniform", (2.0, 5.0)),
    ("exponential", (1.5,)), ("gamma", (2.0, 1.5)), ("standard_gamma", (0.5,)),
    ("beta", (2.0, 3.0)), ("chisquare", (3.0,)), ("f", (2.0, 5.0)),
    ("gumbel", (0.5, 2.0)), ("laplace", (0.0, 1.0)), ("logistic", (1.0, 2.0)),
    ("lognormal", (0.0, 0.5)), ("noncentral_chisquare", (3.0, 1.5)),
    ("noncentral_f", (3.0, 4.0, 1.0)), ("pareto", (3.0,)), ("power", (2.0,)),
    ("rayleigh", (2.0,)), ("standard_t", (4.0,)),
    ("triangular", (0.0, 0.5, 2.0)), ("vonmises", (0.5, 2.0)),
    ("wald", (1.0, 2.0)), ("weibull", (1.5,)), ("geometric", (0.3,)),
    ("logseries", (0.6,)), ("negative_binomial", (5, 0.4)), ("poisson", (3.0,)),
    ("zipf", (2.5,)), ("binomial", (10, 0.3)), ("hypergeometric", (7, 5, 6)),
    ("integers", (0, 10)), ("integers", (5,)), ("integers", (-3, 3)),
]


def _caller(name, args, size):
    src = (f"def call(g):\n"
           f"    return g.{name}({', '.join(map(repr, args))}"
           f"{', ' if args else ''}size={size!r})\n")
    ns = {}
    exec(compile(src, f"<generator {name}>", "exec"), ns)
    import linecache
    linecache.cache[f"<generator {name}>"] = (len(src), None,
                                              src.splitlines(True),
                                              f"<generator {name}>")
    return ns["call"]


@pytest.mark.parametrize("name,args", CALLS)
@pytest.mark.parametrize("size", [None, 5, (2, 3)])
def test_draws_are_numpys(name, args, size):
    call = _caller(name, args, size)
    mine, theirs = np.random.default_rng(42), np.random.default_rng(42)
    got, want = kern.njit(call)(mine), call(theirs)
    np.testing.assert_array_equal(got, want)
    assert np.shape(got) == np.shape(want)
    assert mine.random() == theirs.random()  # the state moved on alike


def test_integers_endpoint_shuffle_permutation():
    @kern.njit
    def f(g, a):
        g.shuffle(a)
        return g.integers(1, 6, 4, endpoint=True), g.permutation(5), \
            g.permutation(a)
    a, b = np.arange(8.0), np.arange(8.0)
    got = f(np.random.default_rng(3), a)
    g = np.random.default_rng(3)
    g.shuffle(b)
    want = (g.integers(1, 6, 4, endpoint=True), g.permutation(5),
            g.permutation(b))
    np.testing.assert_array_equal(a, b)
    for x, y in zip(got, want):
        np.testing.assert_array_equal(x, y)


def test_bad_parameters_raise_numpys_errors():
    g = np.random.default_rng(0)
    with pytest.raises(ValueError, match="scale < 0"):
        kern.njit(lambda g: g.normal(0.0, -1.0))(g)
    with pytest.raises(ValueError, match="low >= high"):
        kern.njit(lambda g: g.integers(5, 5))(g)
    with pytest.raises(ValueError, match="p <= 0, p > 1"):
        kern.njit(lambda g: g.geometric(1.5))(g)
    with pytest.raises(kern.TypingError, match="Generator"):
        kern.njit(lambda g: g)(g)


def test_a_generator_in_a_loop_and_a_callee():
    @kern.njit
    def walk(g, n):
        x = 0.0
        for _ in range(n):
            x += g.normal()
        return x

    @kern.njit
    def outer(g):
        return walk(g, 100) + g.random()
    g1, g2 = np.random.default_rng(9), np.random.default_rng(9)
    want = sum(g2.normal() for _ in range(100)) + g2.random()
    assert outer(g1) == pytest.approx(want, rel=1e-12)
