"""Arrays from arrays, numbers and shapes: np.ascontiguousarray,
np.asarray_chkfinite, np.row_stack, np.broadcast_shapes, np.unwrap
(np.asfortranarray, whose result is a Fortran-strided view, is
kern/frontend/axes.py's).

kern decides layouts per call, not in the type, so np.ascontiguousarray
always copies (NumPy returns `a` itself when it already has the layout):
writes into the result do not reach `a`.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(m):
    ...     return np.ascontiguousarray(m.T), np.broadcast_shapes((3, 1), (4,))
    >>> c, s = f(np.arange(6.0).reshape(2, 3))
    >>> c.tolist(), s
    ([[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]], (3, 4))
"""

from __future__ import annotations

import math

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..listtype import List
from .common import is_array, is_none, is_number


@overload(np.ascontiguousarray)
def np_ascontiguousarray(a, dtype=None):
    """A C-contiguous copy of `a` (at least 1-D: a number becomes a
    1-element array)."""
    if is_array(a) and is_none(dtype):
        return lambda a, dtype=None: a.copy()
    if is_number(a) and is_none(dtype):
        return lambda a, dtype=None: np.full(1, a)
    if is_array(a):
        return lambda a, dtype=None: a.astype(dtype)
    if is_number(a):
        return lambda a, dtype=None: np.full(1, a, dtype)


@overload(np.asarray_chkfinite)
def np_asarray_chkfinite(a, dtype=None):
    """np.asarray(a, dtype), ValueError when it holds an inf or a NaN."""
    if not is_array(a):
        return None

    def impl(a, dtype=None):
        b = np.asarray(a) if dtype is None else a.astype(dtype)
        if not np.isfinite(b).all():
            raise ValueError("array must not contain infs or NaNs")
        return b
    return impl


if hasattr(np, "row_stack"):  # NumPy's deprecated name of np.vstack
    @overload(np.row_stack)
    def np_row_stack(tup):
        if isinstance(tup, (types.UniTuple, types.Tuple, List)):
            return lambda tup: np.vstack(tup)


# ---- shapes ---------------------------------------------------------------------

@register_jitable
def broadcast_two(s, t):
    """NumPy's broadcast of two shapes (0-element arrays stand for them,
    so the check and its ValueError are the one of array operations)."""
    return (np.zeros(s + (0,), np.bool_) |
            np.zeros(t + (0,), np.bool_)).shape[:-1]


def _shape_type(t):
    return isinstance(t, types.Integer) or (
        isinstance(t, (types.UniTuple, types.Tuple)) and all(
            isinstance(x, types.Integer) for x in t.types))


@overload(np.broadcast_shapes)
def np_broadcast_shapes(*args):
    """The shape arrays of the given shapes (tuples or ints) broadcast to."""
    if not all(_shape_type(t) for t in args):
        return None
    if len(args) == 0:
        return lambda *args: ()
    if len(args) == 1 and isinstance(args[0], types.Integer):
        return lambda *args: (args[0],)
    if len(args) == 1:
        return lambda *args: broadcast_two(args[0], ())
    if isinstance(args[0], types.Integer):
        return lambda *args: np.broadcast_shapes((args[0],), *args[1:])
    return lambda *args: broadcast_two(args[0],
                                       np.broadcast_shapes(*args[1:]))


# ---- phases ----------------------------------------------------------------------

@register_jitable
def unwrap_rows(rows, out, discont, period, high):
    """NumPy's unwrap of each row of `rows` into `out`, in the rows' float
    type (`discont`, `period` and its half `high` are of it too)."""
    for r in range(rows.shape[0]):
        n = rows.shape[1]
        if n == 0:
            continue
        out[r, 0] = rows[r, 0]
        correct = rows[r, 0] * 0
        for j in range(1, n):
            dd = rows[r, j] - rows[r, j - 1]
            ddmod = (dd + high) % period - high
            if ddmod == -high and dd > 0:
                ddmod = high
            if not abs(dd) < discont:
                correct += ddmod - dd
            out[r, j] = rows[r, j] + correct


@overload(np.unwrap)
def np_unwrap(p, discont=None, axis=-1, period=2 * math.pi):
    """np.unwrap(p, discont, axis=-1, period) along the last axis of a
    real array (float64 result; float32 stays float32)."""
    if not (is_array(p) and isinstance(p.dtype, (types.Integer,
                                                 types.Float))):
        return None
    k = axis if isinstance(axis, int) else getattr(axis, "literal_value",
                                                    None)
    if not isinstance(k, int) or not -p.ndim <= k < p.ndim:
        return None
    ax = k % p.ndim
    dt = p.dtype.np if isinstance(p.dtype, types.Float) else np.float64
    ft = np.dtype(dt).type

    def impl(p, discont=None, axis=-1, period=2 * math.pi):
        d = ft(period / 2 if discont is None else discont)
        src = np.moveaxis(p, ax, -1).astype(dt)
        out = np.empty(src.shape, dt)
        if src.size == 0:
            return np.moveaxis(out, -1, ax)
        n = src.shape[src.ndim - 1]
        unwrap_rows(src.reshape(src.size // n, n),
                    out.reshape(src.size // n, n), d, ft(period),
                    ft(period / 2))
        return np.moveaxis(out, -1, ax)
    return impl
