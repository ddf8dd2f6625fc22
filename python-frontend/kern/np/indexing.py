"""Index arrays and index-driven copies: np.triu_indices / tril_indices
(and their `_from` forms), np.indices, np.take_along_axis, np.extract,
np.insert (flattened), np.diagflat, np.resize, np.argpartition.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(m):
    ...     r, c = np.triu_indices_from(m, 1)
    ...     return c - r, np.take_along_axis(m, np.argsort(m), 1)
    >>> k, rows = f(np.array([[3.0, 1.0, 2.0], [6.0, 5.0, 4.0]]))
    >>> k.tolist(), rows.tolist()
    ([1, 2, 1], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from .common import flat_copy, is_array, is_none, is_number

# ---- triangles' indices ----------------------------------------------------------


@register_jitable
def triangle_indices(n, k, m, lower):
    """(rows, cols) int64 of the (n, m) triangle j - i <= k (lower) or
    j - i >= k (upper), in row-major order."""
    cnt = 0
    for i in range(n):
        for j in range(m):
            if (j - i <= k) if lower else (j - i >= k):
                cnt += 1
    rows = np.empty(cnt, np.int64)
    cols = np.empty(cnt, np.int64)
    t = 0
    for i in range(n):
        for j in range(m):
            if (j - i <= k) if lower else (j - i >= k):
                rows[t] = i
                cols[t] = j
                t += 1
    return rows, cols


def _indices_typer(lower):
    def typer(n, k=None, m=None):
        if not isinstance(n, types.Integer):
            return None
        if not (isinstance(k, types.Integer) or is_none(k)):
            return None
        if is_none(m):
            return lambda n, k=0, m=None: triangle_indices(n, k, n, lower)
        if isinstance(m, types.Integer):
            return lambda n, k=0, m=None: triangle_indices(n, k, m, lower)
    return typer


def _indices_from_typer(lower):
    def typer(arr, k=None):
        if not (is_array(arr) and (isinstance(k, types.Integer) or
                                   is_none(k))):
            return None
        if arr.ndim != 2:
            def bad(arr, k=0):
                raise ValueError("input array must be 2-d")
            return bad
        return lambda arr, k=0: triangle_indices(arr.shape[0], k,
                                                 arr.shape[1], lower)
    return typer


overload(np.tril_indices)(_indices_typer(True))
overload(np.triu_indices)(_indices_typer(False))
overload(np.tril_indices_from)(_indices_from_typer(True))
overload(np.triu_indices_from)(_indices_from_typer(False))


# ---- grids ------------------------------------------------------------------------

@overload(np.indices)
def np_indices(dimensions, dtype=int):
    """np.indices(dimensions): an (N, *dimensions) array whose slice d
    holds each element's index along axis d (NumPy's dense grid)."""
    if not (isinstance(dimensions, types.UniTuple) and isinstance(
            dimensions.dtype, types.Integer)):
        return None
    dt = np.int64 if is_none(dtype) or getattr(dtype, "value", int) is int \
        else None

    def impl(dimensions, dtype=int):
        for d in dimensions:
            if d < 0:
                raise ValueError("negative dimensions are not allowed")
        out = np.empty((len(dimensions),) + dimensions,
                       np.int64 if dt is not None else dtype)
        for idx in np.ndindex(dimensions):
            for d in range(len(dimensions)):
                out[(d,) + idx] = idx[d]
        return out
    return impl


# ---- copies driven by index arrays ---------------------------------------------

def flat_of(x):
    """A C-ordered 1-D copy of an array, or a 1-element array of a
    number (compiled code only)."""
    raise NotImplementedError("kern.np.indexing.flat_of is compiled only")


@overload(flat_of)
def _flat_of(x):
    if is_array(x):
        return lambda x: flat_copy(x)
    if is_number(x):
        return lambda x: np.full(1, x)


def _axis_value(axis, ndim):
    """The constant axis (normalized), or None when it is not one."""
    k = getattr(axis, "literal_value", None)
    if not isinstance(k, int) or isinstance(k, bool):
        return None
    return k + ndim if k < 0 else k


@register_jitable
def lead_shape(sa, si):
    """NumPy's broadcast of two shapes of the same length (a shape only:
    the arrays added have 0 elements)."""
    return (np.zeros(sa + (0,), np.bool_) |
            np.zeros(si + (0,), np.bool_)).shape[:-1]


@register_jitable
def take_last(A, I):
    """take_along_axis along the last axis of A and I (the other axes
    broadcast)."""
    lead = lead_shape(A.shape[:-1], I.shape[:-1])
    n = A.shape[A.ndim - 1]
    m = I.shape[I.ndim - 1]
    Ab = np.broadcast_to(A, lead + (n,))
    Ib = np.broadcast_to(I, lead + (m,))
    out = np.empty(lead + (m,), A.dtype)
    for idx in np.ndindex(lead):
        for j in range(m):
            k = Ib[idx + (j,)]
            if k < -n or k >= n:
                raise IndexError("index out of bounds in np.take_along_axis")
            out[idx + (j,)] = Ab[idx + (k + n if k < 0 else k,)]
    return out


@register_jitable
def take_1d(a, ind):
    n = a.shape[0]
    out = np.empty(ind.shape[0], a.dtype)
    for j in range(ind.shape[0]):
        k = ind[j]
        if k < -n or k >= n:
            raise IndexError("index out of bounds in np.take_along_axis")
        out[j] = a[k + n if k < 0 else k]
    return out


@overload(np.take_along_axis)
def np_take_along_axis(arr, indices, axis=-1):
    """Elements of `arr` picked along a constant `axis` by the integer
    array `indices` of the same ndim (other axes broadcast); axis=None
    picks from the flattened array by 1-D indices."""
    if not (is_array(arr) and is_array(indices) and isinstance(
            indices.dtype, types.Integer)):
        return None
    if is_none(axis):
        if indices.ndim != 1:
            return None
        return lambda arr, indices, axis=-1: take_1d(flat_copy(arr), indices)
    if indices.ndim != arr.ndim:
        return None
    ax = _axis_value(axis, arr.ndim)
    if ax is None or not 0 <= ax < arr.ndim:
        return None
    if arr.ndim == 1:
        return lambda arr, indices, axis=-1: take_1d(arr, indices)
    def impl(arr, indices, axis=-1):
        out = take_last(np.moveaxis(arr, ax, -1),
                        np.moveaxis(indices, ax, -1))
        return np.moveaxis(out, -1, ax)
    return impl


@overload(np.extract)
def np_extract(condition, arr):
    """The elements of flattened `arr` where flattened `condition` is
    nonzero (IndexError when one lies past `arr`'s end)."""
    if not is_array(arr):
        return None
    if is_array(condition):
        def impl(condition, arr):
            flat = flat_copy(arr)
            cond = flat_copy(condition)
            cnt = 0
            for i in range(cond.shape[0]):
                if cond[i] != 0:
                    if i >= flat.shape[0]:
                        raise IndexError("index out of bounds in np.extract")
                    cnt += 1
            out = np.empty(cnt, flat.dtype)
            t = 0
            for i in range(cond.shape[0]):
                if cond[i] != 0:
                    out[t] = flat[i]
                    t += 1
            return out
        return impl


@register_jitable
def insert_at(flat, index, vals):
    """`flat` with all of `vals` inserted before position `index`."""
    n = flat.shape[0]
    if index < -n or index > n:
        raise IndexError("index out of bounds for np.insert")
    if index < 0:
        index += n
    out = np.empty(n + vals.shape[0], flat.dtype)
    out[:index] = flat[:index]
    out[index:index + vals.shape[0]] = vals
    out[index + vals.shape[0]:] = flat[index:]
    return out


@register_jitable
def insert_each(flat, idx, vals):
    """`flat` with vals[t] inserted before position idx[t] of `flat` (as
    NumPy: a stable order of the positions, values in their order)."""
    n = flat.shape[0]
    m = idx.shape[0]
    pos = np.empty(m, np.int64)
    for t in range(m):
        i = idx[t]
        if i < -n or i > n:
            raise IndexError("index out of bounds for np.insert")
        pos[t] = i + n if i < 0 else i
    order = np.argsort(pos, kind="mergesort")
    for r in range(m):
        pos[order[r]] += r
    out = np.empty(n + m, flat.dtype)
    old = np.ones(n + m, np.bool_)
    for t in range(m):
        old[pos[t]] = False
    for t in range(m):
        out[pos[t]] = vals[t]
    k = 0
    for j in range(n + m):
        if old[j]:
            out[j] = flat[k]
            k += 1
    return out


@overload(np.insert)
def np_insert(arr, obj, values, axis=None):
    """np.insert(arr, obj, values) of the flattened array (axis=None): an
    int `obj` inserts all of `values` there, an int array one value
    (broadcast) before each of its positions; values take arr's dtype."""
    if not (is_array(arr) and is_none(axis)):
        return None
    if not (is_array(values) or is_number(values)):
        return None
    dt = arr.dtype.np
    if isinstance(obj, types.Integer):
        def one(arr, obj, values, axis=None):
            return insert_at(flat_copy(arr), obj, flat_of(values).astype(dt))
        return one
    if is_array(obj) and isinstance(obj.dtype, types.Integer):
        def many(arr, obj, values, axis=None):
            idx = flat_copy(obj)
            vals = flat_of(values).astype(dt)
            if idx.shape[0] == 1:
                return insert_at(flat_copy(arr), idx[0], vals)
            if vals.shape[0] == 1:
                vals = np.full(idx.shape[0], vals[0], dt)
            if vals.shape[0] != idx.shape[0]:
                raise ValueError("shape mismatch: value array could not be "
                                 "broadcast to indexing result")
            return insert_each(flat_copy(arr), idx, vals)
        return many


# ---- shapes rebuilt from the flattened elements -------------------------------

@overload(np.diagflat)
def np_diagflat(v, k=None):
    """A 2-D array with the flattened `v` on diagonal k."""
    if not (is_array(v) or is_number(v)) or not (
            isinstance(k, types.Integer) or is_none(k)):
        return None

    def impl(v, k=0):
        flat = flat_of(v)
        n = flat.shape[0]
        s = n + abs(k)
        out = np.zeros((s, s), flat.dtype)
        for i in range(n):
            if k >= 0:
                out[i, i + k] = flat[i]
            else:
                out[i - k, i] = flat[i]
        return out
    return impl


@overload(np.resize)
def np_resize(a, new_shape):
    """`a`'s flattened elements repeated cyclically into `new_shape` (an
    int or a tuple of ints); zeros when `a` is empty."""
    if not (is_array(a) or is_number(a)):
        return None
    if isinstance(new_shape, types.Integer):
        return lambda a, new_shape: np.resize(a, (new_shape,))
    if not (isinstance(new_shape, types.UniTuple) and isinstance(
            new_shape.dtype, types.Integer)):
        return None
    def impl(a, new_shape):
        flat = flat_of(a)
        size = 1
        for d in new_shape:
            if d < 0:
                raise ValueError("all elements of `new_shape` must be "
                                 "non-negative")
            size *= d
        out = np.zeros(size, flat.dtype)
        n = flat.shape[0]
        if n > 0:
            for i in range(size):
                out[i] = flat[i % n]
        return out.reshape(new_shape)
    return impl


@overload(np.argpartition)
def np_argpartition(a, kth):
    """Indices that partition `a` along its last axis around element
    `kth`: kern returns the stable sort's order, one of the arrangements
    NumPy allows (its order of the other elements is unspecified)."""
    if is_array(a) and not isinstance(a.dtype, types.Complex) and \
            isinstance(kth, types.Integer):
        def impl(a, kth):
            n = a.shape[a.ndim - 1]
            if kth < -n or kth >= n:
                raise ValueError("kth out of bounds")
            return np.argsort(a, kind="mergesort")
        return impl
