"""np.concatenate, np.stack, np.vstack, np.hstack, np.dstack and
np.column_stack of a list of arrays (a list built at run time: its length
is not known to the compiler; kern/frontend/joining.py joins tuples, whose
arrays it knows one by one). The axis is a constant, as the result's rank
depends on it; sizes are checked at run time with NumPy's ValueError.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def rows(n):
    ...     parts = []
    ...     for i in range(n):
    ...         parts.append(np.full(2, float(i)))
    ...     return np.stack(parts), np.concatenate(parts), np.hstack(parts)
    >>> rows(3)[0]
    array([[0., 0.],
           [1., 1.],
           [2., 2.]])
    >>> rows(2)[1], rows(2)[2]
    (array([0., 0., 1., 1.]), array([0., 0., 1., 1.]))

NumPy's stack and concatenate along an inner axis give C-contiguous
results; these do too (joined along axis 0, then moved into place and
copied).
"""

from __future__ import annotations

import functools

import numpy as np

from .. import types
from ..errors import TypingError
from ..extending import overload, register_jitable
from ..listtype import List

__all__ = ["concatenate_along", "stack_along"]


def _list_of_arrays(arrays) -> bool:
    return isinstance(arrays, List) and isinstance(arrays.dtype, types.Array)


def _constant_axis(axis, ndim: int, name: str):
    """The axis as a non-negative int (None for `axis=None`), checked
    against `ndim` as NumPy does (AxisError's message)."""
    if axis is None or isinstance(axis, types.NoneType):
        return None
    k = axis if isinstance(axis, int) else getattr(axis, "literal_value",
                                                    None)  # (a default: 0)
    if not isinstance(k, int):
        raise TypingError(f"np.{name}() of a list needs a constant axis")
    if not -ndim <= k < ndim:
        raise TypingError(f"axis {k} is out of bounds for array of "
                          f"dimension {ndim}")
    return k + ndim if k < 0 else k


@functools.lru_cache(maxsize=None)
def concatenate_along(k: int):
    """The function that joins the arrays of a list along axis `k` (a
    constant of its code: one function per axis)."""
    @register_jitable
    def join(arrays):
        if len(arrays) == 0:
            raise ValueError("need at least one array to concatenate")
        first = np.moveaxis(arrays[0], k, 0)
        total = 0
        for a in arrays:
            m = np.moveaxis(a, k, 0)
            if m.shape[1:] != first.shape[1:]:
                raise ValueError("all the input array dimensions except "
                                 "for the concatenation axis must match "
                                 "exactly")
            total += m.shape[0]
        out = np.empty((total,) + first.shape[1:], first.dtype)
        start = 0
        for a in arrays:
            m = np.moveaxis(a, k, 0)
            out[start:start + m.shape[0]] = m
            start += m.shape[0]
        return np.ascontiguousarray(np.moveaxis(out, 0, k))
    return join


@functools.lru_cache(maxsize=None)
def stack_along(k: int):
    """The function that stacks the arrays of a list along a new axis
    `k`."""
    @register_jitable
    def join(arrays):
        if len(arrays) == 0:
            raise ValueError("need at least one array to stack")
        first = arrays[0]
        out = np.empty((len(arrays),) + first.shape, first.dtype)
        for i in range(len(arrays)):
            if arrays[i].shape != first.shape:
                raise ValueError("all input arrays must have the same shape")
            out[i] = arrays[i]
        return np.ascontiguousarray(np.moveaxis(out, 0, k))
    return join


@overload(np.concatenate, prefer_literal=True)
def np_concatenate(arrays, axis=0):
    if not _list_of_arrays(arrays):
        return None
    k = _constant_axis(axis, arrays.dtype.ndim, "concatenate")
    if k is None:
        join = concatenate_along(0)
        return lambda arrays, axis=0: join([a.ravel() for a in arrays])
    join = concatenate_along(k)
    return lambda arrays, axis=0: join(arrays)


@overload(np.stack, prefer_literal=True)
def np_stack(arrays, axis=0):
    if not _list_of_arrays(arrays):
        return None
    k = _constant_axis(axis, arrays.dtype.ndim + 1, "stack")
    join = stack_along(k)
    return lambda arrays, axis=0: join(arrays)


def _by_rank(tup, one_d, n_d):
    """A joiner whose axis depends only on the arrays' rank: `one_d` joins
    a list of 1-D arrays, `n_d` a list of others (stack_along(k) or
    concatenate_along(k) functions)."""
    if not _list_of_arrays(tup):
        return None
    join = one_d if tup.dtype.ndim == 1 else n_d
    return lambda tup: join(tup)


@overload(np.vstack)
def np_vstack(tup):  # 1-D arrays are rows
    return _by_rank(tup, stack_along(0), concatenate_along(0))


@overload(np.hstack)
def np_hstack(tup):
    return _by_rank(tup, concatenate_along(0), concatenate_along(1))


@overload(np.column_stack)
def np_column_stack(tup):  # 1-D arrays are columns
    return _by_rank(tup, stack_along(1), concatenate_along(1))


@overload(np.dstack)
def np_dstack(tup):
    if not _list_of_arrays(tup):
        return None
    ndim = tup.dtype.ndim
    if ndim == 1:  # (n,) arrays -> (1, n, k)
        join = stack_along(1)
        return lambda tup: join(tup).reshape(
            (1, tup[0].shape[0], len(tup)))
    if ndim == 2:  # (m, n) arrays -> (m, n, k)
        join = stack_along(2)
        return lambda tup: join(tup)
    join = concatenate_along(2)
    return lambda tup: join(tup)
