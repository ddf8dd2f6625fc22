"""The seed's vectorize program: a scalar kernel as a NumPy ufunc, on the
cpu and parallel targets, with broadcasting, out=, reduce and accumulate."""

import numpy as np

import kern

SIGNATURES = ['float32(float32, float32)', 'float64(float64, float64)']


def clip_add(x, y):
    s = x + y
    if s > 1.0:
        return 1.0
    if s < -1.0:
        return -1.0
    return s


cpu = kern.vectorize(SIGNATURES)(clip_add)
parallel = kern.vectorize(SIGNATURES, target="parallel")(clip_add)


@kern.vectorize(SIGNATURES, identity=0)
def add(x, y):
    return x + y


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1000, 100))
    y = rng.standard_normal(100)
    expected = np.clip(x + y, -1, 1)
    for f in (cpu, parallel):
        np.testing.assert_array_equal(f(x, y), expected)
    out = np.zeros((100, 2000)).T[::2]          # a strided, transposed view
    cpu(x, y, out=out)
    np.testing.assert_array_equal(out, expected)
    assert cpu(x.astype(np.float32), np.float32(0.5)).dtype == np.float32
    np.testing.assert_allclose(add.reduce(x, axis=0), x.sum(axis=0))
    np.testing.assert_allclose(add.accumulate(y), np.cumsum(y))
    print(f"clip_add: {cpu.types}, {x.shape} + {y.shape} -> "
          f"{cpu(x, y).shape}; reduce and accumulate agree with NumPy")
