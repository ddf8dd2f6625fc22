"""np.random.default_rng in compiled code (lib/Runtime/Pcg64.c: NumPy's
PCG64 and SeedSequence) and the Generator methods added beside it
(integers of every dtype, float32 draws, choice, n-D shuffle and
permutation): the numbers NumPy gives for the same seed, bit for bit,
and NumPy's errors."""

import numpy as np
import pytest

import kern


def both(src, *args):
    """`src` (a function of a Generator) run compiled on default_rng(seed)
    made inside compiled code, and in Python on NumPy's."""
    ns = {"np": np}
    exec(compile(src, "<draws>", "exec"), ns)
    import linecache
    linecache.cache["<draws>"] = (len(src), None, src.splitlines(True),
                                  "<draws>")
    return kern.njit(ns["f"]), ns["f"]


SEEDS = [0, 1, 42, 12345, 2**32 - 1, 2**32, 2**40 + 7, 2**63 - 1]


@pytest.mark.parametrize("seed", SEEDS)
def test_default_rng_seed_gives_numpys_draws(seed):
    @kern.njit
    def draw(seed):
        rng = np.random.default_rng(seed)
        return (rng.random(), rng.random(5), rng.integers(0, 1000, 6),
                rng.integers(-5, 5), rng.standard_normal((2, 3)),
                rng.normal(3.0, 0.5, 4), rng.uniform(-1.0, 2.0, 3),
                rng.standard_normal())
    rng = np.random.default_rng(seed)
    want = (rng.random(), rng.random(5), rng.integers(0, 1000, 6),
            rng.integers(-5, 5), rng.standard_normal((2, 3)),
            rng.normal(3.0, 0.5, 4), rng.uniform(-1.0, 2.0, 3),
            rng.standard_normal())
    got = draw(seed)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
        assert np.shape(g) == np.shape(w)


def test_uint64_and_bool_seeds_and_seed_arrays():
    f = kern.njit(lambda s: np.random.default_rng(s).integers(0, 2**40, 4))
    for s in (np.uint64(2**64 - 1), np.uint64(3), True):
        np.testing.assert_array_equal(
            f(s), np.random.default_rng(s).integers(0, 2**40, 4))
    for seeds in ([1, 2, 3], [0], [2**33, 5, 2**32 - 1, 9, 11, 2**50],
                  list(range(20))):
        a = np.array(seeds, dtype=np.int64)
        np.testing.assert_array_equal(
            f(a), np.random.default_rng(seeds).integers(0, 2**40, 4))
    a = np.array([7, 8], dtype=np.uint32)
    np.testing.assert_array_equal(f(a), np.random.default_rng(a).integers(
        0, 2**40, 4))


def test_every_distribution_of_a_generator_made_inside():
    src = """def f(seed):
    g = np.random.default_rng(seed)
    return (g.exponential(2.0, 3), g.gamma(2.0, 1.5, 3), g.beta(2.0, 3.0),
            g.poisson(4.0, 5), g.binomial(10, 0.3, 4),
            g.standard_exponential(3), g.lognormal(0.0, 0.5, 2),
            g.geometric(0.3, 3), g.laplace(0.0, 1.0, 2),
            g.standard_t(4.0, 2), g.chisquare(3.0, 2))
"""
    compiled, plain = both(src)
    for g, w in zip(compiled(11), plain(11)):
        np.testing.assert_array_equal(g, w)


def test_a_made_generator_passed_to_a_callee_and_used_in_a_loop():
    @kern.njit
    def step(rng, n):
        return rng.normal(0.0, 1.0, n).sum()

    @kern.njit
    def walk(seed, n):
        rng = np.random.default_rng(seed)
        total = 0.0
        for i in range(n):
            total += step(rng, 3) + rng.random()
        return total

    rng = np.random.default_rng(5)
    want = 0.0
    for i in range(50):
        want += rng.normal(0.0, 1.0, 3).sum() + rng.random()
    assert walk(5, 50) == want


def test_a_callee_may_return_a_made_generator():
    @kern.njit
    def make(seed):
        return np.random.default_rng(seed)

    @kern.njit
    def use(seed):
        rng = make(seed)
        return rng.integers(0, 10, 5)

    np.testing.assert_array_equal(
        use(3), np.random.default_rng(3).integers(0, 10, 5))


def test_default_rng_of_a_generator_is_that_generator():
    @kern.njit
    def f(g):
        h = np.random.default_rng(g)
        return h.random(2)
    mine, theirs = np.random.default_rng(9), np.random.default_rng(9)
    np.testing.assert_array_equal(f(mine), theirs.random(2))
    assert mine.random() == theirs.random()  # the state moved on


def test_no_seed_gives_fresh_streams():
    @kern.njit
    def f():
        return np.random.default_rng().random(4)

    @kern.njit
    def g():
        return np.random.default_rng(None).integers(0, 2**62, 2)
    a, b = f(), f()
    assert a.shape == (4,) and ((a >= 0) & (a < 1)).all()
    assert not np.array_equal(a, b)
    assert not np.array_equal(g(), g())


def test_seed_errors_and_no_generator_results():
    f = kern.njit(lambda s: np.random.default_rng(s).random())
    with pytest.raises(ValueError, match="expected non-negative integer"):
        f(-1)
    with pytest.raises(ValueError, match="expected non-negative integer"):
        f(np.array([1, -2]))
    with pytest.raises(kern.TypingError):
        f(1.5)
    with pytest.raises(kern.TypingError, match="cannot return an np.random"):
        kern.njit(lambda s: np.random.default_rng(s))(1)


def test_many_generators_in_one_call_are_freed_and_distinct():
    @kern.njit
    def f(n):
        out = np.empty(n)
        for i in range(n):
            out[i] = np.random.default_rng(i).random()
        return out
    want = [np.random.default_rng(i).random() for i in range(2000)]
    np.testing.assert_array_equal(f(2000), want)
    np.testing.assert_array_equal(f(2000), want)


# ---- integers of every dtype, float32 draws --------------------------

INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16",
              "uint32", "uint64", "bool"]


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("endpoint", [False, True])
def test_integers_of_each_dtype(dtype, endpoint):
    lo, hi = (0, 1) if dtype == "bool" else (0, 100) if dtype[0] == "u" \
        else (-50, 50)
    src = f"""def f(g):
    return (g.integers({lo}, {hi}, 7, np.{dtype}, {endpoint}),
            g.integers({lo}, {hi}, dtype=np.{dtype}, endpoint={endpoint}),
            g.integers({hi}, size=(2, 3), dtype=np.{dtype}),
            g.integers({lo}, {hi}, 5, dtype=np.{dtype}, endpoint={endpoint}))
"""
    compiled, plain = both(src)
    mine, theirs = np.random.default_rng(4), np.random.default_rng(4)
    got, want = compiled(mine), plain(theirs)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
        if isinstance(w, np.ndarray):  # (scalars come back as Python's)
            assert g.dtype == w.dtype
    assert mine.random() == theirs.random()


def test_integers_full_ranges_and_bound_errors():
    @kern.njit
    def f(g):
        return (g.integers(-128, 128, 6, np.int8),
                g.integers(0, 256, 6, np.uint8),
                g.integers(-2**63, 2**63 - 1, 3, np.int64, True),
                g.integers(0, 2**32, 4, np.uint32))
    got = f(np.random.default_rng(8))
    g = np.random.default_rng(8)
    want = (g.integers(-128, 128, 6, np.int8), g.integers(0, 256, 6, np.uint8),
            g.integers(-2**63, 2**63 - 1, 3, np.int64, True),
            g.integers(0, 2**32, 4, np.uint32))
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)
    g = np.random.default_rng(0)
    cases = [(lambda g: g.integers(-1, 5, 2, np.uint8), "low is out of bounds"),
             (lambda g: g.integers(0, 300, 2, np.uint8),
              "high is out of bounds for uint8"),
             (lambda g: g.integers(5, 5, 2, np.int16), "low >= high"),
             (lambda g: g.integers(5, 4, 2, np.int16, True), "low > high")]
    for fn, message in cases:
        with pytest.raises(ValueError, match=message):
            fn(g)
        with pytest.raises(ValueError, match=message):
            kern.njit(fn)(g)


@pytest.mark.parametrize("name", ["random", "standard_normal",
                                  "standard_exponential"])
def test_float32_draws(name):
    src = f"""def f(g):
    return (g.{name}(dtype=np.float32), g.{name}(6, np.float32),
            g.{name}((2, 2), dtype=np.float64))
"""
    compiled, plain = both(src)
    got = compiled(np.random.default_rng(21))
    want = plain(np.random.default_rng(21))
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
        if isinstance(w, np.ndarray):
            assert g.dtype == w.dtype


# ---- choice, shuffle, permutation ---------------------------------------

CHOICES = [
    "g.choice(10)", "g.choice(10, 5)", "g.choice(10, (2, 3))",
    "g.choice(a)", "g.choice(a, 4)", "g.choice(a, (2, 2), True)",
    "g.choice(10, 4, replace=False)", "g.choice(a, 6, False)",
    "g.choice(10, 10, replace=False)", "g.choice(10, 4, False, shuffle=False)",
    "g.choice(20000, 1000, replace=False)",
    "g.choice(20000, 100, replace=False)",
    "g.choice(20000, 1000, replace=False, shuffle=False)",
    "g.choice(10, 6, p=p)", "g.choice(a, p=p)", "g.choice(a, (3, 2), p=p)",
    "g.choice(10, 4, replace=False, p=p)", "g.choice(a, 7, False, p)",
]


@pytest.mark.parametrize("call", CHOICES)
def test_choice_is_numpys(call):
    src = f"def f(g, a, p):\n    return {call}\n"
    compiled, plain = both(src)
    a = np.arange(10, 20) * 1.5
    p = np.array([0.05, 0.2, 0.1, 0.0, 0.15, 0.1, 0.1, 0.05, 0.2, 0.05])
    for seed in (0, 3, 77):
        mine, theirs = np.random.default_rng(seed), np.random.default_rng(seed)
        got, want = compiled(mine, a, p), plain(theirs, a, p)
        np.testing.assert_array_equal(got, want)
        assert np.shape(got) == np.shape(want)
        assert mine.random() == theirs.random()


def test_choice_inside_with_default_rng_and_errors():
    @kern.njit
    def f(seed):
        return np.random.default_rng(seed).choice(100, 5, replace=False)
    np.testing.assert_array_equal(f(6), np.random.default_rng(6).choice(
        100, 5, replace=False))
    g = np.random.default_rng(0)
    p = np.array([0.5, 0.6])
    cases = [(lambda g, p: g.choice(3, 5, replace=False),
              "Cannot take a larger sample"),
             (lambda g, p: g.choice(2, 1, p=p), "do not sum to 1"),
             (lambda g, p: g.choice(3, 1, p=p), "same size"),
             (lambda g, p: g.choice(0, 1), "a must be a positive integer"),
             (lambda g, p: g.choice(2, 1, p=-p), "non-negative")]
    for fn, message in cases:
        with pytest.raises(ValueError, match=message):
            fn(g, p)
        with pytest.raises(ValueError, match=message):
            kern.njit(fn)(g, p)


@pytest.mark.parametrize("shape,axis", [((7,), 0), ((5, 3), 0), ((5, 3), 1),
                                        ((3, 4, 2), 2), ((3, 4, 2), -2),
                                        ((1,), 0), ((0, 3), 0)])
def test_shuffle_and_permutation_along_an_axis(shape, axis):
    @kern.njit
    def f(g, x, axis):
        y = x.copy()
        g.shuffle(y, axis)
        return y, g.permutation(x, axis), g.permutation(6)
    x = np.arange(np.prod(shape), dtype=np.float64).reshape(shape)
    mine, theirs = np.random.default_rng(13), np.random.default_rng(13)
    got = f(mine, x, axis)
    y = x.copy()
    theirs.shuffle(y, axis)
    want = y, theirs.permutation(x, axis), theirs.permutation(6)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    assert mine.random() == theirs.random()


def test_shuffle_of_a_view_and_ints():
    @kern.njit
    def f(seed, x):
        rng = np.random.default_rng(seed)
        rng.shuffle(x[::2])
        return x
    x = np.arange(12)
    want = x.copy()
    np.random.default_rng(2).shuffle(want[::2])
    np.testing.assert_array_equal(f(2, x.copy()), want)


def test_distributions_of_made_generators():
    @kern.njit
    def f(seed, n):
        g = np.random.default_rng(seed)
        return (g.exponential(2.0, n), g.choice(5, n),
                g.normal(1.0, 3.0, n))
    e, c, nrm = f(123, 200000)
    assert abs(e.mean() - 2.0) < 0.03
    assert np.allclose(np.bincount(c) / c.size, 0.2, atol=0.01)
    assert abs(nrm.mean() - 1.0) < 0.03 and abs(nrm.std() - 3.0) < 0.03


def test_exponential_inv_method_and_out_draw_numpys_numbers():
    f = kern.njit(lambda g: (g.standard_exponential(5, method="inv"),
                             g.standard_exponential(method="inv"),
                             g.standard_exponential(3, np.float32, method="inv"),
                             g.standard_exponential(4)))
    g = np.random.default_rng(5)
    want = (g.standard_exponential(5, method="inv"),
            g.standard_exponential(method="inv"),
            g.standard_exponential(3, np.float32, method="inv"),
            g.standard_exponential(4))
    for got, w in zip(f(np.random.default_rng(5)), want):
        assert np.array_equal(got, w)
        assert np.asarray(got).dtype == np.asarray(w).dtype

    @kern.njit
    def into(g, o):
        g.random(out=o)
        g.standard_normal(out=o[:2])

    o1, o2 = np.empty(4), np.empty(4)
    into(np.random.default_rng(1), o1)
    g = np.random.default_rng(1)
    g.random(out=o2)
    g.standard_normal(out=o2[:2])
    assert np.array_equal(o1, o2)
    with pytest.raises(kern.TypingError, match="method='inv'"):
        kern.njit(lambda g: g.standard_normal(3, method="inv"))(
            np.random.default_rng(1))
