"""sqrt(x**2 + sin(x)*exp(-x)): the loop version and the array-expression
version (kern-fuse makes the latter one loop without temporaries)."""

import math

import numpy as np

import kern


@kern.njit
def expr_loop(x):
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        v = x[i]
        out[i] = math.sqrt(v ** 2 + math.sin(v) * math.exp(-v))
    return out


@kern.njit
def expr_array(x):
    return np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))


if __name__ == "__main__":
    x = np.linspace(0.0, 10.0, 1_000_000)
    expected = np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))
    a, b = expr_loop(x), expr_array(x)
    print(f"loop: {a[:3]} ... array expression: {b[:3]} ...")
    np.testing.assert_allclose(a, expected, rtol=1e-12)
    np.testing.assert_allclose(b, expected, rtol=1e-12)
