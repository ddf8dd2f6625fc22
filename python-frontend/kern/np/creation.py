"""Array creation written in Python: np.eye, np.identity, np.diag,
np.tri, np.vander, np.logspace, np.geomspace.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(n):
    ...     return np.eye(n, k=1), np.diag(np.arange(n))
    >>> e, d = f(3)
    >>> e[0].tolist(), d[2].tolist()
    ([0.0, 1.0, 0.0], [0, 0, 2])
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..errors import TypingError
from ..extending import overload
from .common import is_array, is_none, is_number


def _dtype_of(dtype):
    """The NumPy dtype named by a `dtype=` argument: omitted (Python's
    float, the default), or a NumPy type (`types.NumberClass`)."""
    if dtype is float:
        return np.dtype(np.float64)
    if isinstance(dtype, types.NumberClass):
        return np.dtype(dtype.literal_value)
    raise TypingError(f"dtype must be a NumPy type such as np.float32, "
                      f"not {dtype}")


@overload(np.eye)
def np_eye(N, M=None, k=0, dtype=float):
    """np.eye(N, M=None, k=0, dtype=float); `dtype` a NumPy type object."""
    if not isinstance(N, types.Integer):
        return None
    if not (is_none(M) or isinstance(M, types.Integer)):
        return None
    dt = _dtype_of(dtype)
    square = is_none(M)

    def impl(N, M=None, k=0, dtype=float):
        cols = N if square else M
        out = np.zeros((N, cols), dt)
        for i in range(N):
            j = i + k
            if 0 <= j < cols:
                out[i, j] = 1
        return out
    return impl


@overload(np.identity)
def np_identity(n, dtype=float):
    if isinstance(n, types.Integer):
        dt = _dtype_of(dtype)

        def impl(n, dtype=float):
            out = np.zeros((n, n), dt)
            for i in range(n):
                out[i, i] = 1
            return out
        return impl


@overload(np.diag)
def np_diag(v, k=0):
    """np.diag: a 1-D `v` makes a square matrix with `v` on diagonal k;
    a 2-D `v` gives a copy of its diagonal k (NumPy: a read-only view)."""
    if is_array(v) and v.ndim == 1:
        def build(v, k=0):
            n = v.shape[0] + abs(k)
            out = np.zeros((n, n), v.dtype)
            for i in range(v.shape[0]):
                if k >= 0:
                    out[i, i + k] = v[i]
                else:
                    out[i - k, i] = v[i]
            return out
        return build
    if is_array(v) and v.ndim == 2:
        def extract(v, k=0):
            rows, cols = v.shape
            if k >= 0:
                n = max(0, min(rows, cols - k))
            else:
                n = max(0, min(rows + k, cols))
            out = np.empty(n, v.dtype)
            for i in range(n):
                out[i] = v[i, i + k] if k >= 0 else v[i - k, i]
            return out
        return extract


@overload(np.tri)
def np_tri(N, M=None, k=0):
    if isinstance(N, types.Integer):
        square = is_none(M)

        def impl(N, M=None, k=0):
            cols = N if square else M
            out = np.zeros((N, cols), np.float64)
            for i in range(N):
                for j in range(cols):
                    if j - i <= k:
                        out[i, j] = 1.0
            return out
        return impl


@overload(np.vander)
def np_vander(x, N=None, increasing=False):
    if is_array(x) and x.ndim == 1:
        square = is_none(N)

        def impl(x, N=None, increasing=False):
            cols = x.shape[0] if square else N
            out = np.empty((x.shape[0], cols), x.dtype)
            for i in range(x.shape[0]):
                p = x[i] ** 0
                for j in range(cols):
                    out[i, j if increasing else cols - 1 - j] = p
                    p = p * x[i]
            return out
        return impl


@overload(np.logspace)
def np_logspace(start, stop, num=50, endpoint=True, base=10.0):
    if is_number(start) and is_number(stop):
        return lambda start, stop, num=50, endpoint=True, base=10.0: \
            base ** np.linspace(start, stop, num, endpoint=endpoint)


@overload(np.geomspace)
def np_geomspace(start, stop, num=50, endpoint=True):
    if not (is_number(start) and is_number(stop)):
        return None

    def impl(start, stop, num=50, endpoint=True):
        if start == 0 or stop == 0:
            raise ValueError("Geometric sequence cannot include zero")
        sign = 1.0
        if start < 0 and stop < 0:
            sign = -1.0
        elif start < 0 or stop < 0:
            raise ValueError("geomspace of numbers of different signs "
                             "(complex results) is not supported")
        lo = sign * start
        hi = sign * stop
        out = 10.0 ** np.linspace(np.log10(lo), np.log10(hi), num,
                                  endpoint=endpoint)
        if num > 0:
            out[0] = lo
            if endpoint and num > 1:
                out[num - 1] = hi
        return sign * out
    return impl
