"""Monte Carlo estimate of pi with NumPy's random functions in compiled
code."""

import numpy as np

import kern


@kern.njit
def monte_carlo_pi(n):
    np.random.seed(1234)
    inside = 0
    for _ in range(n):
        x = np.random.random()
        y = np.random.random()
        if x * x + y * y < 1.0:
            inside += 1
    return 4.0 * inside / n


if __name__ == "__main__":
    n = 10_000_000
    got = monte_carlo_pi(n)
    print(f"monte_carlo_pi({n}) = {got!r} (pi = {np.pi!r})")
    assert abs(got - np.pi) < 5e-3
    assert monte_carlo_pi(n) == got  # seeded: reproducible
