"""The seed programs of the benchmark, written once for every backend.

Each program is plain Python that kern and Numba compile unchanged; the
benchmark loads this file once per backend (a separate module object) and
sets `prange` there (kern.prange, numba.prange, or range for plain Python).
`NUMPY` holds the NumPy way of computing the same thing.
"""

import math

import numpy as np

prange = range  # replaced per backend


def sum_squares(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


def norm(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return math.sqrt(s)


def monte_carlo_pi(n):
    inside = 0
    for i in range(n):
        x = np.random.random()
        y = np.random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


def mandelbrot(width, height, max_iter):
    image = np.zeros((height, width), np.int64)
    for i in prange(height):  # a plain loop unless compiled parallel=True
        ci = -1.5 + 3.0 * i / height
        for j in range(width):
            cr = -2.0 + 3.0 * j / width
            x = 0.0
            y = 0.0
            k = 0
            while k < max_iter and x * x + y * y <= 4.0:
                x, y = x * x - y * y + cr, 2.0 * x * y + ci
                k += 1
            image[i, j] = k
    return image


def fused_loop(x):
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        v = x[i]
        out[i] = math.sqrt(v * v + math.sin(v) * math.exp(-v))
    return out


def fused_array(x):
    return np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))


def parallel_sum(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s += a[i]
    return s


def parallel_axpy(a):
    out = np.empty_like(a)
    for i in prange(a.shape[0]):
        out[i] = 2.0 * a[i] + 1.0
    return out


def parallel_norms(m):
    out = np.empty(m.shape[0])
    for i in prange(m.shape[0]):
        s = 0.0
        for j in range(m.shape[1]):
            s += m[i, j] * m[i, j]
        out[i] = math.sqrt(s)
    return out


def trivial(x):
    return x + 1


def first(a):
    return a[0]


# ---------------------------------------------------------------------------
# NumPy versions
# ---------------------------------------------------------------------------


# compiled with parallel=True (bench/parallel.py)
fused_array_parallel = fused_array
parallel_mandelbrot = mandelbrot


def np_monte_carlo_pi(n):
    x = np.random.random(n)
    y = np.random.random(n)
    return 4.0 * np.count_nonzero(x * x + y * y <= 1.0) / n


def np_mandelbrot(width, height, max_iter):
    cr = -2.0 + 3.0 * np.arange(width) / width
    ci = -1.5 + 3.0 * np.arange(height) / height
    c = cr[None, :] + 1j * ci[:, None]
    z = np.zeros_like(c)
    image = np.zeros(c.shape, np.int64)
    alive = np.ones(c.shape, bool)
    for _ in range(max_iter):
        image += alive              # an iteration runs while |z| <= 2
        z[alive] = z[alive] ** 2 + c[alive]
        alive &= np.abs(z) <= 2.0
    return image


NUMPY = {
    "sum_squares": lambda a: np.dot(a, a),
    "norm": np.linalg.norm,
    "monte_carlo_pi": np_monte_carlo_pi,
    "mandelbrot": np_mandelbrot,
    "fused_loop": fused_array,
    "fused_array": fused_array,
    "parallel_sum": np.sum,
    "parallel_mandelbrot": lambda w, h, k: np_mandelbrot(w, h, k),
    "parallel_axpy": lambda a: 2.0 * a + 1.0,
    "parallel_norms": lambda m: np.sqrt((m * m).sum(axis=1)),
    "fused_array_parallel": fused_array,
    "trivial": lambda x: x + 1,
    "first": lambda a: a[0],
}
