"""Python's random module in compiled code (kern/py/pyrandom.py over
lib/Runtime/Random.c): after random.seed(n), the numbers CPython gives."""

import random

import numpy as np
import pytest

import kern


def draws(seed):
    random.seed(seed)
    return (random.random(), random.randint(1, 6), random.gauss(0, 1),
            random.gauss(0, 1), random.randrange(10), random.randrange(3, 20, 4),
            random.randrange(20, 3, -3), random.getrandbits(20),
            random.getrandbits(50), random.uniform(1.0, 2.0),
            random.normalvariate(0.0, 1.0), random.expovariate(1.5),
            random.gammavariate(2.0, 1.0), random.gammavariate(0.5, 1.0),
            random.gammavariate(1.0, 2.0), random.betavariate(2.0, 3.0),
            random.lognormvariate(0.0, 1.0), random.paretovariate(2.0),
            random.triangular(0.0, 1.0, 0.5), random.triangular(),
            random.vonmisesvariate(1.0, 2.0), random.weibullvariate(1.0, 2.0))


@pytest.mark.parametrize("seed", [0, 3, 12345, -7, 2 ** 40 + 5])
def test_the_numbers_cpython_gives(seed):
    assert kern.njit(draws)(seed) == draws(seed)


def test_shuffle_and_choice():
    def f(a, seed):
        random.seed(seed)
        random.shuffle(a)
        return a, random.choice(a)
    got = kern.njit(f)(np.arange(10), 5)
    want = f(list(range(10)), 5)
    assert got[0].tolist() == want[0] and got[1] == want[1]


def test_errors_are_pythons():
    with pytest.raises(ValueError, match="empty range"):
        kern.njit(lambda: random.randrange(0))()
    with pytest.raises(ValueError, match="zero step"):
        kern.njit(lambda: random.randrange(1, 5, 0))()
    with pytest.raises(ValueError, match="must be > 0.0"):
        kern.njit(lambda: random.gammavariate(-1.0, 1.0))()


def test_monte_carlo_in_parallel_threads():
    @kern.njit(parallel=True)
    def pi(n):
        hits = 0
        for _ in kern.prange(n):
            x, y = random.random(), random.random()
            if x * x + y * y <= 1.0:
                hits += 1
        return 4.0 * hits / n
    assert abs(pi(200_000) - np.pi) < 0.05
