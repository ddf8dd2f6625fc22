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


# ---------------------------------------------------------------------------
# np.linalg through LAPACK
# ---------------------------------------------------------------------------

def close(dtype):
    t = 1e-3 if np.dtype(dtype) in (np.float32, np.complex64) else 1e-9
    return lambda x, y: np.testing.assert_allclose(x, y, rtol=t, atol=t)


def square(dtype, n=4, seed=0):
    return rand((n, n), dtype, seed)


def hermitian(dtype, n=4):
    a = square(dtype, n)
    return (a @ a.conj().T + n * np.eye(n)).astype(dtype)


@kern.njit
def la_inv(a):
    return np.linalg.inv(a)


@kern.njit
def la_solve(a, b):
    return np.linalg.solve(a, b)


@kern.njit
def la_det(a):
    return np.linalg.det(a)


@kern.njit
def la_slogdet(a):
    return np.linalg.slogdet(a)


@kern.njit
def la_cholesky(a):
    return np.linalg.cholesky(a)


@kern.njit
def la_eigh(a):
    return np.linalg.eigh(a)


@kern.njit
def la_eigvalsh(a):
    return np.linalg.eigvalsh(a)


@kern.njit
def la_svd(a):
    return np.linalg.svd(a)


@kern.njit
def la_svd_reduced(a):
    return np.linalg.svd(a, full_matrices=False)


@kern.njit
def la_svd_values(a):
    return np.linalg.svd(a, compute_uv=False)


@kern.njit
def la_qr(a):
    return np.linalg.qr(a)


@kern.njit
def la_eig(a):
    return np.linalg.eig(a)


@kern.njit
def la_eigvals(a):
    return np.linalg.eigvals(a)


def variants(a):
    """The same matrix in C order, Fortran order and as a strided view."""
    big = np.zeros((2 * a.shape[0], 2 * a.shape[1]), a.dtype)
    big[::2, ::2] = a
    return [a, np.asfortranarray(a), big[::2, ::2]]


@pytest.mark.parametrize("dtype", DTYPES)
def test_inv_solve_det(dtype):
    c = close(dtype)
    for a in variants(square(dtype)):
        b = rand((4, 2), dtype, 5)
        got = la_inv(a)
        assert got.dtype == np.dtype(dtype)
        c(got, np.linalg.inv(a))
        c(la_solve(a, b), np.linalg.solve(a, b))
        c(la_solve(a, b[::-1, 0]), np.linalg.solve(a, b[::-1, 0]))
        c(la_det(a), np.linalg.det(a))
        sign, logdet = la_slogdet(a)
        want = np.linalg.slogdet(a)
        c(sign, want[0])
        c(logdet, want[1])


def test_integers_become_float64():
    a = np.array([[2, 1], [1, 3]])
    got = la_inv(a)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, np.linalg.inv(a))


@pytest.mark.parametrize("dtype", DTYPES)
def test_cholesky_eigh(dtype):
    c = close(dtype)
    for h in variants(hermitian(dtype)):
        c(la_cholesky(h), np.linalg.cholesky(h))
        w, v = la_eigh(h)
        assert w.dtype == np.linalg.eigvalsh(h).dtype
        c(w, np.linalg.eigvalsh(h))
        c(h @ v, v * w)
        c(la_eigvalsh(h), np.linalg.eigvalsh(h))


@pytest.mark.parametrize("dtype", DTYPES)
def test_svd_qr(dtype):
    c = close(dtype)
    m = rand((5, 3), dtype, 7)
    for x in [m, m.T, np.asfortranarray(m), square(dtype)]:
        u, s, vt = la_svd(x)
        u2, s2, vt2 = np.linalg.svd(x)
        c(s, s2)
        assert u.shape == u2.shape and vt.shape == vt2.shape
        c(u.conj().T @ u, np.eye(u.shape[0]))
        u, s, vt = la_svd_reduced(x)
        c((u * s) @ vt, x)
        c(la_svd_values(x), s2)
        q, r = la_qr(x)
        q2, r2 = np.linalg.qr(x)
        assert q.shape == q2.shape and r.shape == r2.shape
        c(q @ r, x)
        c(np.abs(r), np.abs(r2))


@pytest.mark.parametrize("dtype", DTYPES)
def test_eig(dtype):
    c = close(dtype)
    a = square(dtype)
    if np.dtype(dtype).kind == "f":
        a = a + a.T  # real eigenvalues: kern keeps the dtype, as Numba
    w, v = la_eig(a)
    c(a @ v, v * w)
    key = np.sort_complex
    c(key(la_eigvals(a)), key(np.linalg.eigvals(a)))


def test_linalg_errors():
    with pytest.raises(np.linalg.LinAlgError, match="Singular"):
        la_inv(np.zeros((3, 3)))
    with pytest.raises(np.linalg.LinAlgError, match="Singular"):
        la_solve(np.zeros((2, 2)), np.ones(2))
    with pytest.raises(np.linalg.LinAlgError, match="positive definite"):
        la_cholesky(-np.eye(3))
    with pytest.raises(np.linalg.LinAlgError, match="square"):
        la_inv(np.ones((2, 3)))
    with pytest.raises(ValueError, match="mismatch"):
        la_solve(np.eye(3), np.ones(2))
    with pytest.raises(ValueError, match="domain change"):
        la_eig(np.array([[0.0, 1.0], [-1.0, 0.0]]))
    with pytest.raises(TypingError, match="2-D"):
        la_inv(np.ones(3))
    assert la_det(np.zeros((3, 3))) == 0.0
    assert la_slogdet(np.zeros((2, 2))) == (0.0, -np.inf)


# ---------------------------------------------------------------------------
# Compositions in Python (kern/np/linalg.py)
# ---------------------------------------------------------------------------

@kern.njit
def vdot(a, b):
    return np.vdot(a, b)


@kern.njit
def inner(a, b):
    return np.inner(a, b)


@kern.njit
def outer(a, b):
    return np.outer(a, b)


@kern.njit
def trace(a):
    return np.trace(a)


@kern.njit
def kron(a, b):
    return np.kron(a, b)


@kern.njit
def matrix_power(a, n):
    return np.linalg.matrix_power(a, n)


@kern.njit
def norm(a):
    return np.linalg.norm(a)


@kern.njit
def norm_ord(a, o):
    return np.linalg.norm(a, o)


@kern.njit
def norm_fro(a):
    return np.linalg.norm(a, "fro")


@kern.njit
def norm_nuc(a):
    return np.linalg.norm(a, "nuc")


@kern.njit
def cond(a):
    return np.linalg.cond(a)


@kern.njit
def cond_p(a, p):
    return np.linalg.cond(a, p)


@kern.njit
def pinv(a):
    return np.linalg.pinv(a)


@kern.njit
def matrix_rank(a):
    return np.linalg.matrix_rank(a)


@kern.njit
def lstsq(a, b):
    return np.linalg.lstsq(a, b)


def test_products_in_python():
    a, v, w = rand((4, 4), np.float64), rand(4, np.float64, 1), rand(
        3, np.float64, 2)
    ac = rand((3, 3), np.complex128)
    c = close(np.float64)
    c(vdot(v, v), np.vdot(v, v))
    c(vdot(ac, ac), np.vdot(ac, ac))
    c(inner(a, v), np.inner(a, v))
    c(inner(a, a), np.inner(a, a))
    c(outer(v, w), np.outer(v, w))
    assert np.array_equal(outer(np.arange(3), np.arange(2)),
                          np.outer(np.arange(3), np.arange(2)))
    c(trace(a), np.trace(a))
    assert trace(np.arange(9).reshape(3, 3)) == 12
    c(kron(a[:2, :3], a[:2, :2]), np.kron(a[:2, :3], a[:2, :2]))
    c(kron(v, w), np.kron(v, w))


@pytest.mark.parametrize("n", [0, 1, 3, -2])
def test_matrix_power(n):
    a = square(np.float64)
    close(np.float64)(matrix_power(a, n), np.linalg.matrix_power(a, n))


@pytest.mark.parametrize("dtype", DTYPES)
def test_norms(dtype):
    c = close(dtype)
    a, v = square(dtype), rand(5, dtype, 3)
    c(norm(a), np.linalg.norm(a))
    c(norm(v), np.linalg.norm(v))
    c(norm_fro(a), np.linalg.norm(a, "fro"))
    c(norm_nuc(a), np.linalg.norm(a, "nuc"))
    for o in (1, -1, 2, -2, np.inf, -np.inf):
        c(norm_ord(a, o), np.linalg.norm(a, o))
    for o in (1, 2, 3, 0, np.inf, -np.inf):
        c(norm_ord(v, o), np.linalg.norm(v, o))


@pytest.mark.parametrize("dtype", DTYPES)
def test_cond_pinv_rank(dtype):
    c = close(dtype)
    a, b = square(dtype), rand((5, 3), dtype, 4)
    c(cond(a), np.linalg.cond(a))
    c(cond_p(a, 1), np.linalg.cond(a, 1))
    c(pinv(b), np.linalg.pinv(b))
    assert matrix_rank(b) == np.linalg.matrix_rank(b)
    assert matrix_rank(np.ones((3, 3), dtype)) == 1


def test_lstsq():
    a = rand((6, 3), np.float64)
    for b in (rand(6, np.float64, 1), rand((6, 2), np.float64, 2)):
        got, want = lstsq(a, b), np.linalg.lstsq(a, b, rcond=None)
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, atol=1e-9)


def norms_along(a):
    return (np.linalg.norm(a, axis=1), np.linalg.norm(a, axis=0),
            np.linalg.norm(a, 1, axis=1), np.linalg.norm(a, np.inf, axis=0),
            np.linalg.norm(a, -np.inf, axis=1), np.linalg.norm(a, 3, axis=1),
            np.linalg.norm(a.astype(np.float32), axis=1))


def test_norm_along_an_axis_matches_numpy():
    a = np.random.default_rng(4).random((4, 5)) - 0.5
    for got, want in zip(kern.njit(norms_along)(a), norms_along(a)):
        assert got.shape == want.shape and got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=1e-6)
