"""Flat indices and coordinates, grids of coordinates: np.unravel_index,
np.ravel_multi_index (modes 'raise', 'wrap', 'clip', one or one per
dimension; C or F order), np.meshgrid (any number of inputs, 'xy' or
'ij' indexing, sparse, copy) and np.diag_indices / diag_indices_from.

Results are int64 (NumPy's intp) scalars or arrays; the errors are
NumPy's ValueError and TypeError with its messages.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(i, a):
    ...     r, c = np.unravel_index(i, (3, 4))
    ...     return r, c, np.ravel_multi_index((a, 1), (5, 4), mode="clip")
    >>> f(7, np.array([0, 2, 9]))
    (1, 3, array([ 1,  9, 17]))
    >>> @kern.njit
    ... def grid(x, y):
    ...     return np.meshgrid(x, y)
    >>> xx, yy = grid(np.arange(3), np.array([0.5, 1.5]))
    >>> xx.tolist(), yy.tolist()
    ([[0, 1, 2], [0, 1, 2]], [[0.5, 0.5, 0.5], [1.5, 1.5, 1.5]])
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..errors import TypingError
from ..extending import overload, register_jitable
from ..listtype import List
from .common import flat_copy, is_array, is_none


def _literal(t, default):
    """The constant value of an option argument (a literal type, or the
    typing function's Python default when it is left out)."""
    if t is None or isinstance(t, types.NoneType):
        return default
    return getattr(t, "literal_value", t)


def _is_index(t):
    """An integer or bool, scalar or array element type."""
    return isinstance(t, (types.Integer, types.Boolean))


def _int_tuple(t):
    """A tuple type whose items are all integers (the empty one too)."""
    return isinstance(t, (types.UniTuple, types.Tuple)) and all(
        isinstance(x, types.Integer) for x in t.types)


def _order_error(order):
    """NumPy's ValueError message for an order other than 'C' or 'F'."""
    if order in ("A", "K"):
        return "only 'C' or 'F' order is permitted"
    return f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})"


def _raiser(exc, msg, of):
    """An implementation of the function named `of` raising `exc(msg)`
    (kern's implementations take their function's parameters)."""
    def unravel_index(indices, shape, order="C"):
        raise exc(msg)

    def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
        raise exc(msg)

    def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
        raise exc(msg)

    def diag_indices_from(arr):
        raise exc(msg)
    return locals()[of]


@register_jitable
def checked_size(dims):
    """The number of elements of the shape `dims` (ValueError for a
    negative dimension)."""
    size = 1
    for d in dims:
        if d < 0:
            raise ValueError("negative dimensions are not allowed")
        size *= d
    return size


# ---- np.unravel_index ---------------------------------------------------------

def unravel(idx, dims, fortran):
    """The coordinates (a tuple) of the flat index or int64 index array
    `idx` in the shape `dims` (compiled code only)."""
    raise NotImplementedError("kern.np.index_tools.unravel is compiled only")


@overload(unravel, prefer_literal=True)
def _unravel(idx, dims, fortran):
    n = len(dims.types)
    if n == 0:
        return lambda idx, dims, fortran: ()
    f = getattr(fortran, "literal_value", None)
    if not isinstance(f, bool):
        return None
    if f:
        return lambda idx, dims, fortran: (idx % dims[0],) + unravel(
            idx // dims[0], dims[1:], fortran)
    return lambda idx, dims, fortran: unravel(
        idx // dims[n - 1], dims[:n - 1], fortran) + (idx % dims[n - 1],)


@register_jitable
def check_flat_index(i, size):
    if i < 0 or i >= size:
        raise ValueError(f"index {i} is out of bounds for array with "
                         f"size {size}")


@overload(np.unravel_index, prefer_literal=True)
def np_unravel_index(indices, shape, order="C"):
    """np.unravel_index(indices, shape, order='C'|'F'): a tuple of int64
    coordinates (scalars for a scalar index, arrays of the index array's
    shape for an array)."""
    mode = _literal(order, "C")
    if not isinstance(mode, str):
        return None
    if isinstance(shape, types.Integer):
        return lambda indices, shape, order="C": np.unravel_index(
            indices, (shape,), order)
    if not _int_tuple(shape):
        return None
    if mode not in ("C", "F"):
        return _raiser(ValueError, _order_error(mode), "unravel_index")
    fortran = mode == "F"
    if isinstance(indices, (types.Float, types.Complex)) or (
            is_array(indices) and not _is_index(indices.dtype)):
        return _raiser(TypeError, "only int indices permitted",
                       "unravel_index")
    if _is_index(indices):
        def scalar(indices, shape, order="C"):
            size = checked_size(shape)
            i = np.int64(indices)
            check_flat_index(i, size)
            return unravel(i, shape, fortran)
        return scalar
    if is_array(indices):
        def impl(indices, shape, order="C"):
            size = checked_size(shape)
            idx = indices.astype(np.int64)
            flat = flat_copy(idx)
            for k in range(flat.shape[0]):
                check_flat_index(flat[k], size)
            return unravel(idx, shape, fortran)
        return impl


# ---- np.ravel_multi_index -------------------------------------------------------

@register_jitable
def check_mode(how):
    if how != "raise" and how != "wrap" and how != "clip":
        raise ValueError("clipmode must be one of 'clip', 'raise', or "
                         "'wrap' (got '" + how + "')")


def outside(m, d):
    """Whether the coordinate `m` (or one of the array `m`) is outside
    [0, d) (compiled code only)."""
    raise NotImplementedError("kern.np.index_tools.outside is compiled only")


@overload(outside)
def _outside(m, d):
    if is_array(m):
        def impl(m, d):
            flat = m.ravel()
            for k in range(flat.shape[0]):
                if flat[k] < 0 or flat[k] >= d:
                    return True
            return False
        return impl
    return lambda m, d: m < 0 or m >= d


@register_jitable
def fit(m, d, how):
    """The int64 coordinate (or array) `m` along a dimension of size `d`
    after the ravel_multi_index mode `how` (checked before)."""
    if how != "raise" and d < 0:  # NumPy's answers are meaningless there
        raise ValueError("negative dimensions are not allowed")
    if how == "wrap":
        return m % d
    if how == "clip":
        return np.minimum(np.maximum(m, 0), d - 1)
    if outside(m, d):
        raise ValueError("invalid entry in coordinates array")
    return m


def as_int64(m):
    """An integer or bool scalar or array as int64 (compiled code only)."""
    raise NotImplementedError("kern.np.index_tools.as_int64 is compiled only")


@overload(as_int64)
def _as_int64(m):
    if is_array(m):
        return lambda m: m.astype(np.int64)
    return lambda m: np.int64(m)


def ravel_rest(acc, coords, dims, modes):
    """Horner's sum acc * dims[0] + coords[0] ... over the coordinates
    left, each fitted by its mode (compiled code only)."""
    raise NotImplementedError("kern.np.index_tools.ravel_rest is compiled "
                              "only")


@overload(ravel_rest)
def _ravel_rest(acc, coords, dims, modes):
    if len(coords.types) == 0:
        return lambda acc, coords, dims, modes: acc
    return lambda acc, coords, dims, modes: ravel_rest(
        acc * dims[0] + fit(as_int64(coords[0]), dims[0], modes[0]),
        coords[1:], dims[1:], modes[1:])


@register_jitable
def checked_dims(dims, modes):
    """ravel_multi_index's checks of the modes and dimensions, in NumPy's
    words."""
    for how in modes:
        check_mode(how)
    s = np.int64(1)
    for d in dims:
        if d == 0:
            raise ValueError("cannot unravel if shape has zero entries "
                             "(is empty).")
        if d > 0 and s > 9223372036854775807 // d:
            raise ValueError("invalid dims: array size defined by dims is "
                             "larger than the maximum possible size.")
        s *= d


def _is_str(t):
    return isinstance(t, str) or isinstance(t, types.StringLiteral) or \
        getattr(t, "name", None) == "unicode_type"


@overload(np.ravel_multi_index, prefer_literal=True)
def np_ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """np.ravel_multi_index(multi_index, dims, mode, order): the flat
    index (int64, or an int64 array of the coordinates' broadcast shape)
    of a tuple of integer coordinates or coordinate arrays, or of the
    rows of an integer array (or the items of a list of integers);
    `mode` is one string or one per dimension."""
    if isinstance(dims, types.Integer):
        return lambda multi_index, dims, mode="raise", order="C": \
            np.ravel_multi_index(multi_index, (dims,), mode, order)
    if not _int_tuple(dims):
        return None
    n = len(dims.types)
    if is_array(multi_index):
        if not _is_index(multi_index.dtype):
            return _raiser(TypeError, "only int indices permitted",
                           "ravel_multi_index")
        if n > 0:
            def rows(multi_index, dims, mode="raise", order="C"):
                if multi_index.shape[0] != n:
                    raise ValueError(f"parameter multi_index must be a "
                                     f"sequence of length {n}")
                return np.ravel_multi_index(tuple_of_rows(multi_index, n),
                                            dims, mode, order)
            return rows
        return None
    if isinstance(multi_index, List) and _is_index(multi_index.dtype):
        def of_list(multi_index, dims, mode="raise", order="C"):
            a = np.empty(len(multi_index), np.int64)
            for k in range(len(multi_index)):
                a[k] = multi_index[k]
            return np.ravel_multi_index(a, dims, mode, order)
        return of_list
    if not isinstance(multi_index, (types.UniTuple, types.Tuple)):
        return None
    items = multi_index.types
    if not all(_is_index(t) or (is_array(t) and _is_index(t.dtype))
               for t in items):
        if all(isinstance(t, (types.Number, types.Boolean)) or is_array(t)
               for t in items):
            return _raiser(TypeError, "only int indices permitted",
                           "ravel_multi_index")
        return None
    if len(items) != n:
        return _raiser(ValueError, f"parameter multi_index must be a "
                                   f"sequence of length {n}",
                       "ravel_multi_index")
    one = _is_str(mode)
    if not one:
        if not (isinstance(mode, (types.UniTuple, types.Tuple)) and all(
                _is_str(t) for t in mode.types)):
            return None
        if len(mode.types) != n:
            return _raiser(ValueError, f"list of clipmodes has wrong length "
                                       f"({len(mode.types)} instead of {n})",
                           "ravel_multi_index")
    how = _literal(order, "C")
    if how not in ("C", "F"):
        return _raiser(ValueError, _order_error(how), "ravel_multi_index")
    fortran = how == "F"

    def impl(multi_index, dims, mode="raise", order="C"):
        modes = (mode,) * n if one else mode
        checked_dims(dims, modes)
        if fortran:
            return ravel_rest(np.int64(0), multi_index[::-1], dims[::-1],
                              modes[::-1])
        return ravel_rest(np.int64(0), multi_index, dims, modes)
    return impl


def tuple_of_rows(a, n):
    """The tuple (a[0], ..., a[n - 1]) of the first `n` rows of `a` (`n`
    a constant; compiled code only)."""
    raise NotImplementedError("kern.np.index_tools.tuple_of_rows is "
                              "compiled only")


@overload(tuple_of_rows, prefer_literal=True)
def _tuple_of_rows(a, n):
    k = getattr(n, "literal_value", None)
    if not isinstance(k, int):
        return None
    if k == 0:
        return lambda a, n: ()
    return lambda a, n: (a[0],) + tuple_of_rows(a[1:], k - 1)


# ---- np.meshgrid -------------------------------------------------------------------

def sizes_of(xs):
    """The tuple of the sizes of the arrays or scalars `xs`."""
    raise NotImplementedError("kern.np.index_tools.sizes_of is compiled "
                              "only")


@overload(sizes_of)
def _sizes_of(xs):
    if len(xs.types) == 0:
        return lambda xs: ()
    if is_array(xs.types[0]):
        return lambda xs: (xs[0].size,) + sizes_of(xs[1:])
    return lambda xs: (1,) + sizes_of(xs[1:])


def as_flat(x):
    """A 1-D copy of an array (C order) or a 1-element array of a
    number."""
    raise NotImplementedError("kern.np.index_tools.as_flat is compiled only")


@overload(as_flat)
def _as_flat(x):
    if is_array(x):
        return lambda x: flat_copy(x)
    return lambda x: np.full(1, x)


def grids(xs, shape, k, swap, sparse, copy):
    """The meshgrid outputs of the inputs xs[k:] of the grid `shape`, the
    first two inputs along its axes 1 and 0 when `swap` (constants but
    `xs` and `shape`; compiled code only)."""
    raise NotImplementedError("kern.np.index_tools.grids is compiled only")


@overload(grids, prefer_literal=True)
def _grids(xs, shape, k, swap, sparse, copy):
    flags = [getattr(t, "literal_value", None) for t in (k, swap, sparse,
                                                         copy)]
    if None in flags:
        return None
    i, sw, sp, cp = flags
    nd = len(shape.types)
    if i == nd:
        return lambda xs, shape, k, swap, sparse, copy: ()
    p = 1 - i if sw and i < 2 else i
    nxt = i + 1

    def impl(xs, shape, k, swap, sparse, copy):
        one = as_flat(xs[i]).reshape((1,) * p + (shape[p],) +
                                     (1,) * (nd - p - 1))
        if sp:
            g = one
        elif cp:
            g = np.broadcast_to(one, shape).copy()
        else:
            g = np.broadcast_to(one, shape)
        return (g,) + grids(xs, shape, nxt, swap, sparse, copy)
    return impl


@overload(np.meshgrid, prefer_literal=True)
def np_meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """np.meshgrid(*xi, copy=True, sparse=False, indexing='xy'|'ij'): a
    tuple of coordinate arrays of the 1-D (flattened) inputs, each of its
    input's dtype; `copy=False` gives read-only broadcast views."""
    if not all(is_array(t) or isinstance(t, (types.Number, types.Boolean))
               for t in xi):
        return None
    how = _literal(indexing, "xy")
    sp, cp = _literal(sparse, False), _literal(copy, True)
    if not isinstance(how, str):
        return None
    if not isinstance(sp, bool) or not isinstance(cp, bool):
        raise TypingError("np.meshgrid() needs constant sparse= and copy= "
                          "flags")
    if how not in ("xy", "ij"):
        return _raiser(ValueError, "Valid values for `indexing` are 'xy' "
                                   "and 'ij'.", "meshgrid")
    swap = how == "xy" and len(xi) > 1

    def impl(*xi, copy=True, sparse=False, indexing="xy"):
        s = sizes_of(xi)
        if swap:
            s = (s[1], s[0]) + s[2:]
        return grids(xi, s, 0, swap, sp, cp)
    return impl


# ---- diagonals' indices --------------------------------------------------------------

@overload(np.diag_indices)
def np_diag_indices(n, ndim=2):
    """np.diag_indices(n, ndim=2): `ndim` equal int64 arrays 0..n-1, the
    index of the main diagonal of an (n,) * ndim array."""
    if not isinstance(n, types.Integer):
        return None
    k = _literal(ndim, 2)
    if not isinstance(k, int):
        return None

    def impl(n, ndim=2):
        return tuple_of_rows(np.broadcast_to(np.arange(n), (k, max(n, 0))),
                             k)
    return impl


@overload(np.diag_indices_from)
def np_diag_indices_from(arr):
    """np.diag_indices_from(arr): the main diagonal's indices of an array
    of 2 or more equal dimensions (NumPy's ValueErrors otherwise)."""
    if not is_array(arr):
        return None
    nd = arr.ndim
    if nd < 2:
        return _raiser(ValueError, "input array must be at least 2-d",
                       "diag_indices_from")

    def impl(arr):
        for d in range(1, nd):
            if arr.shape[d] != arr.shape[0]:
                raise ValueError("All dimensions of input must be of equal "
                                 "length")
        return np.diag_indices(arr.shape[0], nd)
    return impl
