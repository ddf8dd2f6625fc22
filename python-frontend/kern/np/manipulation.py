"""Array manipulation: ravel/flatten, np.flip/fliplr/flipud, np.roll,
np.diff, np.repeat, np.tile, np.append, np.flatnonzero,
np.nonzero and np.argwhere (1-D and 2-D), np.tril/np.triu (2-D), np.take /
a.take, np.fill_diagonal, np.shape, np.rot90, np.ediff1d, np.trim_zeros,
np.delete (flattened), np.diagonal / a.diagonal (2-D).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.roll(a, 1), np.diff(a), np.flip(a)
    >>> f(np.array([1.0, 4.0, 9.0]))
    (array([9., 1., 4.]), array([3., 5.]), array([9., 4., 1.]))
"""

from __future__ import annotations

import functools

import numpy as np

from .. import types
from ..types import promote, promote_with_scalar, unliteral
from ..extending import overload, overload_method, register_jitable
from ..listtype import List
from .common import flat_copy, from_source, is_array, is_none, is_number

# ---- flattening ---------------------------------------------------------------


@overload(np.ravel)
def np_ravel(a):
    """A C-ordered 1-D copy (NumPy returns a view when `a` is contiguous;
    kern always copies, so writes into it do not reach `a`)."""
    if is_array(a):
        return lambda a: flat_copy(a)


@overload_method(types.Array, "ravel")
def array_ravel(a):
    if is_array(a):
        return lambda a: flat_copy(a)


@overload_method(types.Array, "flatten")
def array_flatten(a):
    if is_array(a):
        return lambda a: flat_copy(a)


# ---- reversing ------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def reversed_view(ndim: int, axes: tuple, params: str = "m, axis=None"):
    """`impl(params)`: `m[...]` of an `ndim`-D array `m` reversed along
    `axes` (one subscript: a view inside the overload, a copy once
    returned from it)."""
    index = ", ".join("::-1" if k in axes else ":" for k in range(ndim))
    return from_source(f"def impl({params}):\n    return m[{index}]\n",
                       f"<kern np.flip {ndim} {axes} ({params})>", {})


@overload(np.flip)
def np_flip(m, axis=None):
    """np.flip(m) reverses every axis, np.flip(m, k) axis k (a constant,
    negative counts from the end), any ndim. NumPy returns a view; kern a
    copy, as the arrays its functions and overloads return are fresh.

    >>> import kern, numpy as np
    >>> a = np.arange(16).reshape(2, 2, 2, 2)
    >>> f = kern.njit(lambda a: (np.flip(a), np.flip(a, -2)))
    >>> all((r == e).all() for r, e in zip(f(a), (np.flip(a), np.flip(a, -2))))
    True
    """
    if not is_array(m):
        return None
    if is_none(axis):
        return reversed_view(m.ndim, tuple(range(m.ndim)))
    k = getattr(axis, "literal_value", None)
    if not isinstance(k, int) or not -m.ndim <= k < m.ndim:
        return None
    return reversed_view(m.ndim, (k % m.ndim,))


@overload(np.flipud)
def np_flipud(m):
    if is_array(m):
        return lambda m: m[::-1]


@overload(np.fliplr)
def np_fliplr(m):
    if is_array(m) and m.ndim >= 2:
        return reversed_view(m.ndim, (1,), "m")


@overload(np.diagonal)
def np_diagonal(a, offset=0, axis1=0, axis2=1):
    """np.diagonal of a 2-D array: a copy of diagonal `offset` (NumPy
    gives a read-only view, so the values are the same)."""
    plain = [getattr(x, "literal_value", x) for x in (axis1, axis2)]
    if is_array(a) and a.ndim == 2 and plain in ([0, 1], [1, 0]) and \
            isinstance(offset, (int, types.Integer)):
        if plain == [1, 0]:
            return lambda a, offset=0, axis1=0, axis2=1: np.diag(a.T, offset)
        return lambda a, offset=0, axis1=0, axis2=1: np.diag(a, offset)


overload_method(types.Array, "diagonal")(np_diagonal)


# ---- shifting and differences ----------------------------------------------------

@overload(np.roll)
def np_roll(a, shift):
    """np.roll(a, shift) without axis: shifts the flattened array."""
    if is_array(a) and isinstance(shift, types.Integer):
        def impl(a, shift):
            flat = flat_copy(a)
            out = np.empty_like(flat)
            n = flat.shape[0]
            if n == 0:
                return out.reshape(a.shape)
            s = shift % n
            for i in range(n):
                out[(i + s) % n] = flat[i]
            return out.reshape(a.shape)
        return impl


@overload(np.diff)
def np_diff(a, n=1):
    """np.diff(a, n=1) along the last axis of a 1-D or 2-D array."""
    if not (is_array(a) and a.ndim <= 2):
        return None
    if a.ndim == 0:  # NumPy's error
        def impl0(a, n=1):
            raise ValueError("diff requires input that is at least one "
                             "dimensional")
        return impl0
    if a.ndim == 1:
        def impl1(a, n=1):
            if n < 0:
                raise ValueError("order must be non-negative")
            r = a.copy()
            for _ in range(n):
                if r.shape[0] == 0:
                    break
                r = r[1:] - r[:-1]
            return r
        return impl1

    def impl2(a, n=1):
        if n < 0:
            raise ValueError("order must be non-negative")
        r = a.copy()
        for _ in range(n):
            if r.shape[1] == 0:
                break
            r = r[:, 1:] - r[:, :-1]
        return r
    return impl2


# ---- repetition ----------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def repeat_along(k: int):
    """np.repeat(a, repeats, axis=k): each slice along axis `k` (a constant
    of the code) `repeats` times (an int, or one count per slice)."""
    @register_jitable
    def repeat(a, repeats):
        m = np.moveaxis(a, k, 0)
        n = m.shape[0]
        counts = np.empty(n, np.int64)
        counts[:] = repeats  # (ValueError unless one count or n of them)
        total = 0
        for i in range(n):
            if counts[i] < 0:
                raise ValueError("repeats may not contain negative values.")
            total += counts[i]
        out = np.empty((total,) + m.shape[1:], a.dtype)
        at = 0
        for i in range(n):
            for j in range(counts[i]):
                out[at] = m[i]
                at += 1
        return np.ascontiguousarray(np.moveaxis(out, 0, k))
    return repeat


@overload(np.repeat)
def np_repeat(a, repeats, axis=None):
    """np.repeat(a, repeats) of the flattened array (a number is a
    1-element one), repeats an int or a 1-D int array of one count per
    element; with a constant `axis`, of each slice along it."""
    counts = isinstance(repeats, types.Integer) or (
        is_array(repeats) and isinstance(repeats.dtype, types.Integer) and
        repeats.ndim == 1)
    if not is_none(axis):
        k = getattr(axis, "literal_value", None)
        if not is_array(a) or not counts or not isinstance(k, int) or \
                not -a.ndim <= k < a.ndim:
            return None
        along = repeat_along(k % a.ndim)
        return lambda a, repeats, axis=None: along(a, repeats)
    if is_number(a):
        return lambda a, repeats, axis=None: np.repeat(np.full(1, a), repeats)
    if not is_array(a):
        return None
    if isinstance(repeats, types.Integer):
        def scalar(a, repeats, axis=None):
            if repeats < 0:
                raise ValueError("negative dimensions are not allowed")
            flat = flat_copy(a)
            out = np.empty(flat.shape[0] * repeats, flat.dtype)
            for i in range(flat.shape[0]):
                for j in range(repeats):
                    out[i * repeats + j] = flat[i]
            return out
        return scalar
    if is_array(repeats) and isinstance(repeats.dtype, types.Integer) and \
            repeats.ndim == 1:
        def array(a, repeats, axis=None):
            flat = flat_copy(a)
            if repeats.shape[0] != flat.shape[0]:
                raise ValueError("operands could not be broadcast together")
            total = 0
            for i in range(repeats.shape[0]):
                if repeats[i] < 0:
                    raise ValueError("repeats may not contain negative "
                                     "values.")
                total += repeats[i]
            out = np.empty(total, flat.dtype)
            k = 0
            for i in range(flat.shape[0]):
                for j in range(repeats[i]):
                    out[k] = flat[i]
                    k += 1
            return out
        return array


overload_method(types.Array, "repeat")(np_repeat)


@functools.lru_cache(maxsize=None)
def tile_along(k: int):
    """`x` repeated `r` times along axis `k` (a constant of its code)."""
    @register_jitable
    def tile(x, r):
        m = np.moveaxis(x, k, 0)
        n = m.shape[0]
        out = np.empty((n * max(r, 0),) + m.shape[1:], x.dtype)
        for i in range(max(r, 0)):
            out[i * n:(i + 1) * n] = m
        return np.moveaxis(out, 0, k)
    return tile


@functools.lru_cache(maxsize=None)
def tile_first(n: int):
    """`x` tiled along its first `n` axes, reps[k] times along axis k."""
    along = tile_along(n - 1)
    if n == 1:
        return register_jitable(lambda x, reps: along(x, reps[0]))
    inner = tile_first(n - 1)
    return register_jitable(lambda x, reps: along(inner(x, reps),
                                                  reps[n - 1]))


@overload(np.tile)
def np_tile(A, reps):
    """np.tile(A, reps) with reps an int or a tuple of ints, any ndim, as
    NumPy: A gains leading axes of length 1, or reps leading 1s, until the
    two have as many, and the result is C-contiguous.

    >>> import kern, numpy as np
    >>> a = np.arange(6).reshape(2, 3)
    >>> f = kern.njit(lambda a: (np.tile(a, 2), np.tile(a, (2, 1, 2))))
    >>> all((r == e).all() for r, e in zip(f(a), (np.tile(a, 2),
    ...                                            np.tile(a, (2, 1, 2)))))
    True
    """
    if not is_array(A):
        return None
    if isinstance(reps, types.Integer):
        d = 1
    elif isinstance(reps, types.Tuple) and all(
            isinstance(t, types.Integer) for t in reps.types):
        d = len(reps.types)
    else:
        return None
    nd = max(A.ndim, d)
    ones_a, ones_r = (1,) * (nd - A.ndim), (1,) * (nd - d)
    tile = tile_first(nd)
    if isinstance(reps, types.Integer):
        return lambda A, reps: np.ascontiguousarray(tile(
            np.ascontiguousarray(A).reshape(ones_a + A.shape),
            ones_r + (reps,)))
    return lambda A, reps: np.ascontiguousarray(tile(
        np.ascontiguousarray(A).reshape(ones_a + A.shape), ones_r + reps))


@overload(np.append)
def np_append(arr, values, axis=None):
    """np.append(arr, values): both flattened, NumPy's result dtype; with
    a constant axis, np.concatenate((arr, values), axis)."""
    if not is_array(arr):
        return None
    if not is_none(axis):
        k = getattr(axis, "literal_value", None)
        if not (is_array(values) and isinstance(k, int)):
            return None
        return lambda arr, values, axis=None: np.concatenate((arr, values),
                                                             axis=k)
    if is_array(values):
        dt = promote(arr.dtype, values.dtype).np

        def arrays(arr, values, axis=None):
            a = flat_copy(arr)
            b = flat_copy(values)
            out = np.empty(a.shape[0] + b.shape[0], dt)
            out[:a.shape[0]] = a
            out[a.shape[0]:] = b
            return out
        return arrays
    if is_number(values):
        dt = promote_with_scalar(arr.dtype, unliteral(values)).np

        def scalar(arr, values, axis=None):
            a = flat_copy(arr)
            out = np.empty(a.shape[0] + 1, dt)
            out[:a.shape[0]] = a
            out[a.shape[0]] = values
            return out
        return scalar


# ---- where the nonzero elements are ------------------------------------------

@register_jitable
def count_true(flat):
    n = 0
    for i in range(flat.shape[0]):
        if flat[i] != 0:
            n += 1
    return n


@overload(np.flatnonzero)
def np_flatnonzero(a):
    """Indices of the nonzero elements of the flattened array."""
    if is_array(a):
        def impl(a):
            flat = flat_copy(a)
            out = np.empty(count_true(flat), np.int64)
            k = 0
            for i in range(flat.shape[0]):
                if flat[i] != 0:
                    out[k] = i
                    k += 1
            return out
        return impl


@overload(np.nonzero)
def np_nonzero(a):
    """A tuple of index arrays, one per dimension (1-D and 2-D)."""
    if is_array(a) and a.ndim == 1:
        return lambda a: (np.flatnonzero(a),)
    if is_array(a) and a.ndim == 2:
        def impl(a):
            flat = np.flatnonzero(a)
            cols = a.shape[1]
            return flat // cols, flat % cols
        return impl


@overload_method(types.Array, "nonzero")
def array_nonzero(a):
    if is_array(a) and a.ndim <= 2:
        return lambda a: np.nonzero(a)


@overload(np.argwhere)
def np_argwhere(a):
    """(count, ndim) int64 indices of the nonzero elements (1-D, 2-D)."""
    if is_array(a) and a.ndim <= 2:
        def impl(a):
            flat = np.flatnonzero(a)
            out = np.empty((flat.shape[0], a.ndim), np.int64)
            cols = a.shape[a.ndim - 1]
            for i in range(flat.shape[0]):
                if a.ndim == 1:
                    out[i, 0] = flat[i]
                else:
                    out[i, 0] = flat[i] // cols
                    out[i, a.ndim - 1] = flat[i] % cols
            return out
        return impl


# ---- triangles -----------------------------------------------------------------

def _triangle(lower):
    def typer(m, k=0):
        if is_array(m) and m.ndim == 2:
            def impl(m, k=0):
                out = m.copy()
                for i in range(out.shape[0]):
                    for j in range(out.shape[1]):
                        if (j - i > k) if lower else (j - i < k):
                            out[i, j] = 0
                return out
            return impl
    return typer


overload(np.tril)(_triangle(True))
overload(np.triu)(_triangle(False))


def _take(a, indices):
    if not is_array(a):
        return None
    if isinstance(indices, types.Integer):
        return lambda a, indices: a.ravel()[indices]
    if is_array(indices) and isinstance(indices.dtype, types.Integer):
        def impl(a, indices):
            flat = a.ravel()
            out = np.empty(indices.shape, a.dtype)
            for idx in np.ndindex(indices.shape):
                out[idx] = flat[indices[idx]]
            return out
        return impl
    return None


@overload(np.take)
def np_take(a, indices):
    return _take(a, indices)


@overload_method(types.Array, "take")
def array_take(a, indices):
    return _take(a, indices)


@overload(np.fill_diagonal)
def np_fill_diagonal(a, val, wrap=False):
    """Writes `val` (a number, or an array whose flattened values repeat)
    on the main diagonal of `a` (2-D, or all sides equal); with `wrap` a
    tall matrix's diagonal starts again below, as NumPy's."""
    if not (is_array(a) and a.ndim >= 2 and (is_number(val) or
                                             is_array(val))):
        return None

    def impl(a, val, wrap=False):
        v = np.asarray(val).ravel() if not scalar else np.full(1, val)
        if v.shape[0] == 0:
            return
        if a.ndim == 2:
            m = a.shape[1]
            end = a.shape[0] * m if wrap else min(a.shape[0], m) * m
            t = 0
            for p in range(0, end, m + 1):
                a[p // m, p % m] = v[t % v.shape[0]]
                t += 1
            return
        n = a.shape[0]
        for d in a.shape:
            if d != n:
                raise ValueError("All dimensions of input must be of equal "
                                 "length")
        for i in range(n):
            a[(i,) * a.ndim] = v[i % v.shape[0]]
    scalar = is_number(val)
    return impl


def _tuple_shape(t) -> tuple:
    """NumPy's shape of a (nested) tuple type of numbers, or None when it
    is ragged or holds other things."""
    if isinstance(t, (types.Number, types.Boolean)):
        return ()
    if not isinstance(t, types.Tuple):
        return None
    inner = [_tuple_shape(e) for e in t.types]
    if not inner:
        return (0,)
    if any(s is None or s != inner[0] for s in inner):
        return None
    return (len(inner),) + inner[0]


@overload(np.shape)
def np_shape(a):
    """The shape of an array, () of a number, and of a (nested) tuple of
    numbers its nesting; a list of numbers (len(a),)."""
    if is_array(a):
        return lambda a: a.shape
    if isinstance(a, List) and isinstance(a.dtype, (types.Number,
                                                    types.Boolean)):
        return lambda a: (len(a),)
    shape = _tuple_shape(a)
    if shape is not None:
        return lambda a: shape


@overload(np.rot90)
def np_rot90(m, k=1):
    if not (is_array(m) and m.ndim == 2):
        return None

    def impl(m, k=1):
        r = k % 4
        if r == 1:
            return m[:, ::-1].T
        if r == 2:
            return m[::-1, ::-1]
        if r == 3:
            return m.T[:, ::-1]
        return m[:, :]
    return impl


def flat_or_empty(x, like):
    """`x` flattened and cast to the dtype of the array `like` (a number
    is a 1-element array, None an empty one); compiled code only."""
    raise NotImplementedError("compiled code only")


@overload(flat_or_empty)
def _flat_or_empty(x, like):
    if is_none(x):
        return lambda x, like: np.empty(0, like.dtype)
    if is_number(x):
        return lambda x, like: np.full(1, x, like.dtype)
    if is_array(x):
        return lambda x, like: flat_copy(x).astype(like.dtype)


@overload(np.ediff1d)
def np_ediff1d(ary, to_end=None, to_begin=None):
    """Differences of consecutive elements of the flattened `ary`, with
    `to_begin` and `to_end` (numbers or arrays, flattened, cast to ary's
    dtype) around them."""
    if not is_array(ary):
        return None
    if is_none(to_end) and is_none(to_begin):
        def impl(ary, to_end=None, to_begin=None):
            flat = ary.ravel()
            return flat[1:] - flat[:-1]
        return impl
    dt = ary.dtype.np

    def around(ary, to_end=None, to_begin=None):
        flat = ary.ravel()
        begin = flat_or_empty(to_begin, flat)
        end = flat_or_empty(to_end, flat)
        nd = max(flat.shape[0] - 1, 0)
        out = np.empty(begin.shape[0] + nd + end.shape[0], dt)
        out[:begin.shape[0]] = begin
        out[begin.shape[0]:begin.shape[0] + nd] = flat[1:] - flat[:-1]
        out[begin.shape[0] + nd:] = end
        return out
    return around


@overload(np.trim_zeros)
def np_trim_zeros(filt, trim="fb"):
    if not (is_array(filt) and filt.ndim == 1):
        return None

    def impl(filt, trim="fb"):
        lo = 0
        hi = filt.shape[0]
        if "f" in trim or "F" in trim:
            while lo < hi and filt[lo] == 0:
                lo += 1
        if "b" in trim or "B" in trim:
            while hi > lo and filt[hi - 1] == 0:
                hi -= 1
        return filt[lo:hi]
    return impl


@overload(np.delete)
def np_delete(arr, obj, axis=None):
    if not is_array(arr) or not is_none(axis):
        return None
    scalar = isinstance(obj, types.Integer)
    if not scalar and not (is_array(obj) and isinstance(obj.dtype,
                                                        types.Integer)):
        return None

    def impl(arr, obj, axis=None):
        flat = arr.ravel()
        n = flat.shape[0]
        keep = np.ones(n, np.bool_)
        idx = np.asarray(obj).ravel() if not scalar else np.full(1, obj)
        for j in range(idx.shape[0]):
            i = idx[j]
            if i < -n or i >= n:
                raise IndexError("index out of bounds for np.delete")
            keep[i + n if i < 0 else i] = False
        return flat[keep]
    return impl
