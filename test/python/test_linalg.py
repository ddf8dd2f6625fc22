"""Matrix products and np.linalg against NumPy (BLAS/LAPACK runtime)."""

import numpy as np
import pytest

import kern
from kern.errors import TypingError

DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def rand(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def tol(dtype):
    return 1e-4 if np.dtype(dtype) in (np.float32, np.complex64) else 1e-10


@kern.njit
def matmul_op(a, b):
    return a @ b


@kern.njit
def np_dot(a, b):
    return np.dot(a, b)


@kern.njit
def np_matmul(a, b):
    return np.matmul(a, b)


def layouts(dtype):
    """(a, b) pairs: C, Fortran, transposed and sliced operands."""
    a, b = rand((5, 4), dtype), rand((4, 3), dtype, 1)
    v, w = rand(4, dtype, 2), rand(5, dtype, 3)
    big = rand((10, 8), dtype, 4)
    return [(a, b), (a, v), (w, a), (v, v), (np.asfortranarray(a), b),
            (a, np.asfortranarray(b)), (big[::2, ::2], big[:4, 1:9:3]),
            (a.T, w), (b.T, a.T), (big[1, :4], big[:4, ::3]),
            (big[::2, 0], big[::2, 1]), (big[:0, :4], b), (a[:, :0], b[:0])]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("f", [matmul_op, np_dot, np_matmul])
def test_products_match_numpy(f, dtype):
    for x, y in layouts(dtype):
        got, want = f(x, y), np.matmul(x, y)
        np.testing.assert_allclose(got, want, rtol=tol(dtype),
                                   atol=tol(dtype))
        if np.ndim(want):
            assert got.dtype == want.dtype and got.shape == want.shape


def test_mixed_dtypes_promote():
    a = np.ones((2, 3), np.float32)
    b = np.arange(6.0).reshape(3, 2)
    got = matmul_op(a, b)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, a @ b)
    c = matmul_op(a, b.astype(np.complex64))
    assert c.dtype == np.complex64


def test_inputs_unchanged_and_large():
    a, b = rand((70, 90), np.float64), rand((90, 50), np.float64, 1)
    a0, b0 = a.copy(), b.copy()
    np.testing.assert_allclose(matmul_op(a, b), a @ b, rtol=1e-10)
    assert np.array_equal(a, a0) and np.array_equal(b, b0)


def test_integer_dot_1d():
    x = np.arange(5)
    assert np_dot(x, x) == np.dot(x, x)


def test_dot_with_scalar():
    x = np.arange(3.0)
    np.testing.assert_allclose(np_dot(x, 2.0), np.dot(x, 2.0))


def test_shape_mismatch_is_value_error():
    with pytest.raises(ValueError, match="mismatch"):
        matmul_op(np.ones((2, 3)), np.ones((2, 2)))
    with pytest.raises(ValueError):
        np_dot(np.ones(3), np.ones(4))


def test_integer_matrices_are_refused():
    with pytest.raises(TypingError, match="int64"):
        matmul_op(np.ones((2, 2), np.int64), np.ones((2, 2), np.int64))
