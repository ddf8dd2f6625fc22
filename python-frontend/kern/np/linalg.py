"""Linear algebra written in Python over the BLAS/LAPACK primitives that
the frontend emits (`@`, np.dot, np.linalg.svd/inv/..., see
kern/frontend/linalg.py): np.vdot, np.inner, np.outer, np.trace,
np.kron, and np.linalg.norm, cond, pinv, matrix_rank, matrix_power and
lstsq.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.trace(a), np.linalg.norm(a), np.linalg.matrix_rank(a)
    >>> f(np.array([[3.0, 0.0], [4.0, 0.0]]))
    (3.0, 5.0, 1)
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..errors import TypingError
from ..extending import overload
from ..types import promote
from .common import flat_copy, is_array, is_none, is_number


def _inexact(a):
    """A float or complex array: what LAPACK-backed functions accept."""
    return is_array(a) and isinstance(a.dtype, (types.Float, types.Complex))


def _matrix(a):
    return _inexact(a) and a.ndim == 2


def _real_dtype(a):
    """The NumPy dtype of |x| for elements of array type `a`."""
    return a.dtype.real_type.np


def _literal(t):
    """The compile-time value of a literal argument type, else None."""
    return getattr(t, "literal_value", None)


# ---- products ---------------------------------------------------------------

@overload(np.vdot)
def np_vdot(a, b):
    """np.vdot: the dot product of the flattened arrays, conjugating a."""
    if is_array(a) and is_array(b):
        if isinstance(a.dtype, types.Complex):
            return lambda a, b: np.dot(np.conj(flat_copy(a)), flat_copy(b))
        return lambda a, b: np.dot(flat_copy(a), flat_copy(b))


@overload(np.inner)
def np_inner(a, b):
    """np.inner of 1-D and 2-D arrays: sums over the last axes."""
    if not (is_array(a) and is_array(b)):
        if is_number(a) or is_number(b):
            return lambda a, b: a * b
        return None
    if b.ndim == 1:
        return lambda a, b: np.dot(a, b)
    if a.ndim == 1 and b.ndim == 2:
        return lambda a, b: np.dot(b, a)
    if a.ndim == 2 and b.ndim == 2:
        return lambda a, b: np.dot(a, b.T)


@overload(np.outer)
def np_outer(a, b):
    """np.outer: a.ravel()[:, None] * b.ravel()[None, :] (any dtype)."""
    if is_array(a) and is_array(b):
        def impl(a, b):
            x, y = flat_copy(a), flat_copy(b)
            return x.reshape((x.shape[0], 1)) * y.reshape((1, y.shape[0]))
        return impl


@overload(np.trace)
def np_trace(a, offset=0):
    """np.trace of a 2-D array: the sum of diagonal `offset`."""
    if is_array(a) and a.ndim == 2:
        return lambda a, offset=0: np.diag(a, offset).sum()


@overload(np.kron)
def np_kron(a, b):
    """np.kron of 1-D or 2-D arrays (a 1-D operand is one row)."""
    if not (is_array(a) and is_array(b)) or a.ndim > 2 or b.ndim > 2:
        return None
    dt = promote(a.dtype, b.dtype).np
    if a.ndim == 1 and b.ndim == 1:
        return lambda a, b: np.outer(a, b).ravel()

    def impl(a, b):
        x = a.reshape((1, a.shape[0])) if a.ndim == 1 else a
        y = b.reshape((1, b.shape[0])) if b.ndim == 1 else b
        m, n = x.shape
        p, q = y.shape
        out = np.empty((m * p, n * q), dt)
        for i in range(m):
            for j in range(n):
                for k in range(p):
                    for l in range(q):
                        out[i * p + k, j * q + l] = x[i, j] * y[k, l]
        return out
    return impl


# ---- np.linalg compositions ----------------------------------------------------

@overload(np.linalg.matrix_power)
def np_matrix_power(a, n):
    """a ** n by repeated squaring; n < 0 inverts first, n == 0 is the
    identity."""
    if not (_matrix(a) and isinstance(n, types.Integer)):
        return None

    def impl(a, n):
        if a.shape[0] != a.shape[1]:
            raise ValueError("matrix_power: Last 2 dimensions of the "
                             "array must be square")
        base = np.linalg.inv(a) if n < 0 else a.copy()
        k = -n if n < 0 else n
        result = np.zeros(a.shape, a.dtype)
        for i in range(a.shape[0]):
            result[i, i] = 1
        while k > 0:
            if k % 2 == 1:
                result = result @ base
            k //= 2
            if k > 0:
                base = base @ base
        return result
    return impl


@overload(np.linalg.norm)
def np_norm(x, ord=None, axis=None):
    """Vector norms (None, inf, -inf, 0, 1, 2, any p) of 1-D arrays and
    matrix norms (None, 'fro', 'nuc', 1, -1, 2, -2, inf, -inf) of 2-D
    ones; the result is a float of x's precision. With a constant `axis`,
    the vector norms of the lanes along it (an array)."""
    if not is_none(axis):
        return _norm_along(x, ord, _literal(axis))
    if not _inexact(x) or x.ndim > 2:
        return None
    if x.ndim == 0:  # NumPy: the norm of its one element
        return lambda x, ord=None, axis=None: np.linalg.norm(x.reshape(1),
                                                             ord)
    rt = _real_dtype(x).type
    lit = _literal(ord)
    if is_none(ord) or lit == "fro":
        def frobenius(x, ord=None):
            ax = np.abs(x)
            return rt(np.sqrt((ax * ax).sum()))
        return frobenius
    if lit == "nuc" and x.ndim == 2:
        return lambda x, ord=None: rt(
            np.linalg.svd(x, compute_uv=False).sum())
    if isinstance(lit, str) or not is_number(ord):
        raise TypingError(f"np.linalg.norm: unsupported ord {ord}")
    if x.ndim == 1:
        def vector(x, ord=None):
            ax = np.abs(x)
            if ord == np.inf:
                return rt(ax.max())
            if ord == -np.inf:
                return rt(ax.min())
            if ord == 0:
                return rt((ax != 0).sum())
            if ord == 1:
                return rt(ax.sum())
            if ord == 2:
                return rt(np.sqrt((ax * ax).sum()))
            return rt((ax ** ord).sum() ** (1.0 / ord))
        return vector

    def matrix(x, ord=None):
        if ord == 2 or ord == -2:
            s = np.linalg.svd(x, compute_uv=False)
            return rt(s.max() if ord == 2 else s.min())
        ax = np.abs(x)
        if ord == 1 or ord == -1:
            cols = np.empty(x.shape[1], ax.dtype)
            for j in range(x.shape[1]):
                cols[j] = ax[:, j].sum()
            return rt(cols.max() if ord == 1 else cols.min())
        if ord == np.inf or ord == -np.inf:
            rows = np.empty(x.shape[0], ax.dtype)
            for i in range(x.shape[0]):
                rows[i] = ax[i, :].sum()
            return rt(rows.max() if ord > 0 else rows.min())
        raise ValueError("Invalid norm order for matrices.")
    return matrix


def _norm_along(x, ord, axis):
    """np.linalg.norm(x, ord, axis) for a constant integer axis: the
    vector norms (ord None, 2, 1, inf, -inf, 0 or p) of its lanes."""
    if not (_inexact(x) and isinstance(axis, int)):
        return None
    rt = _real_dtype(x).type
    if is_none(ord):
        return lambda x, ord=None, axis=None: np.sqrt(
            (np.abs(x) ** 2).sum(axis=axis)).astype(rt)
    if not is_number(ord):
        raise TypingError(f"np.linalg.norm: unsupported ord {ord} with an "
                          f"axis")

    def along(x, ord=None, axis=None):
        ax = np.abs(x)
        if ord == np.inf:
            return ax.max(axis=axis).astype(rt)
        if ord == -np.inf:
            return ax.min(axis=axis).astype(rt)
        if ord == 0:
            return (ax != 0).sum(axis=axis).astype(rt)
        if ord == 1:
            return ax.sum(axis=axis).astype(rt)
        if ord == 2:
            return np.sqrt((ax * ax).sum(axis=axis)).astype(rt)
        return ((ax ** ord).sum(axis=axis) ** (1.0 / ord)).astype(rt)
    return along


@overload(np.linalg.cond)
def np_cond(x, p=None):
    """The condition number: s.max() / s.min() of the singular values, or
    norm(x, p) * norm(inv(x), p)."""
    if not _matrix(x):
        return None
    if is_none(p):
        def by_svd(x, p=None):
            s = np.linalg.svd(x, compute_uv=False)
            return s.max() / s.min()
        return by_svd
    return lambda x, p=None: np.linalg.norm(x, p) * np.linalg.norm(
        np.linalg.inv(x), p)


@overload(np.linalg.pinv)
def np_pinv(a, rcond=1e-15):
    """The pseudo-inverse from the SVD, cutting singular values below
    rcond * s.max()."""
    if not _matrix(a):
        return None

    def impl(a, rcond=1e-15):
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        cut = rcond * s.max() if s.shape[0] > 0 else 0.0
        inv_s = np.where(s > cut, 1.0 / s, 0.0)
        return (vt.conj().T * inv_s) @ u.conj().T
    return impl


@overload(np.linalg.matrix_rank)
def np_matrix_rank(A, tol=None):
    """The number of singular values above tol (default
    s.max() * max(M, N) * eps, as NumPy)."""
    if not _inexact(A) or A.ndim > 2:
        return None
    if A.ndim == 1:
        return lambda A, tol=None: int((A != 0).any())
    eps = float(np.finfo(_real_dtype(A)).eps)
    default = is_none(tol)

    def impl(A, tol=None):
        s = np.linalg.svd(A, compute_uv=False)
        if s.shape[0] == 0:
            return 0
        t = s.max() * max(A.shape[0], A.shape[1]) * eps if default else tol
        return int((s > t).sum())
    return impl


@overload(np.linalg.lstsq)
def np_lstsq(a, b, rcond=-1.0):
    """Least squares through the SVD: (x, residuals, rank, s) as NumPy;
    rcond < 0 means machine precision (Numba's default)."""
    if not (_matrix(a) and _inexact(b) and b.ndim in (1, 2)):
        return None
    if promote(a.dtype, b.dtype) != a.dtype:
        return None  # kern: b must not widen a's dtype
    eps = float(np.finfo(_real_dtype(a)).eps)
    rt = _real_dtype(a)
    vector = b.ndim == 1

    def impl(a, b, rcond=-1.0):
        m, n = a.shape
        if b.shape[0] != m:
            raise ValueError("lstsq: Incompatible dimensions")
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        r = eps if rcond < 0 else rcond
        cut = r * s.max() if s.shape[0] > 0 else 0.0
        rank = int((s > cut).sum())
        inv_s = np.where(s > cut, 1.0 / s, 0.0)
        ub = u.conj().T @ b
        if vector:
            x = vt.conj().T @ (ub * inv_s)
        else:
            x = vt.conj().T @ (ub * inv_s.reshape((s.shape[0], 1)))
        full = rank == n and m > n
        resid = b - a @ x
        ar = np.abs(resid)
        sq = ar * ar
        if vector:
            res = np.empty(1 if full else 0, rt)
            if full:
                res[0] = sq.sum()
        else:
            res = np.empty(b.shape[1] if full else 0, rt)
            if full:
                for j in range(b.shape[1]):
                    res[j] = sq[:, j].sum()
        return x, res, rank, s
    return impl
