"""Sorting and searching: np.sort, np.argsort, a.sort(), a.argsort(),
np.searchsorted, np.unique, np.partition.

Sorting is an iterative quicksort (median-of-three pivot, Hoare
partition, insertion sort below 16 elements; the larger part is pushed,
so the stack holds at most log2(n) ranges). NaNs sort last, as in NumPy.
argsort breaks ties by index, so it is stable (NumPy's default quicksort
is not; both give a sorting permutation).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.argsort(a), np.searchsorted(np.sort(a), 2.5)
    >>> f(np.array([3.0, np.nan, 1.0, 2.0]))
    (array([2, 3, 0, 1]), 2)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import types
from ..errors import TypingError
from ..extending import overload, overload_method, register_jitable
from .common import (flat_copy, from_source, is_array, is_none, is_number,
                     is_ordered_array)

_SMALL = 16
_STACK = 128  # 2 entries per pending range; ranges at least halve


def less(x, y):
    """x < y in NumPy's sort order (compiled code only): NaN after every
    number; complex numbers by real part, then imaginary part, with
    NumPy's places for NaN parts."""
    raise NotImplementedError("kern.np.sorting.less is compiled only")


@overload(less)
def _less(x, y):
    if isinstance(x, types.Complex) or isinstance(y, types.Complex):
        return complex_less
    return lambda x, y: x < y or (y != y and x == x)


@register_jitable
def complex_less(a, b):
    """NumPy's complex order (npysort's CLT)."""
    ar, ai, br, bi = a.real, a.imag, b.real, b.imag
    if ar < br:
        return ai == ai or bi != bi
    if ar > br:
        return bi != bi and ai == ai
    if ar == br or (ar != ar and br != br):
        return ai < bi or (bi != bi and ai == ai)
    return br != br


@register_jitable
def sort_inplace(v):
    """Sort the 1-D array `v` in place."""
    stack = np.empty(_STACK, np.int64)
    sp = 0
    lo = 0
    hi = v.shape[0] - 1
    while True:
        while hi - lo > _SMALL:
            mid = (lo + hi) >> 1
            if less(v[mid], v[lo]):
                v[mid], v[lo] = v[lo], v[mid]
            if less(v[hi], v[mid]):
                v[hi], v[mid] = v[mid], v[hi]
                if less(v[mid], v[lo]):
                    v[mid], v[lo] = v[lo], v[mid]
            pivot = v[mid]
            i = lo - 1
            j = hi + 1
            while True:
                i += 1
                while less(v[i], pivot):
                    i += 1
                j -= 1
                while less(pivot, v[j]):
                    j -= 1
                if i >= j:
                    break
                v[i], v[j] = v[j], v[i]
            if j - lo < hi - j:
                stack[sp] = j + 1
                stack[sp + 1] = hi
                hi = j
            else:
                stack[sp] = lo
                stack[sp + 1] = j
                lo = j + 1
            sp += 2
        for i in range(lo + 1, hi + 1):
            x = v[i]
            j = i - 1
            while j >= lo and less(x, v[j]):
                v[j + 1] = v[j]
                j -= 1
            v[j + 1] = x
        if sp == 0:
            break
        sp -= 2
        lo = stack[sp]
        hi = stack[sp + 1]


@register_jitable
def index_less(v, p, q):
    """v[p] < v[q] in sort order, ties broken by index (stable)."""
    return less(v[p], v[q]) or (not less(v[q], v[p]) and p < q)


@register_jitable
def argsort_into(v, idx):
    """Fill `idx` (int64, same length as the 1-D `v`) with the stable
    sorting permutation of `v`."""
    for k in range(idx.shape[0]):
        idx[k] = k
    stack = np.empty(_STACK, np.int64)
    sp = 0
    lo = 0
    hi = idx.shape[0] - 1
    while True:
        while hi - lo > _SMALL:
            mid = (lo + hi) >> 1
            if index_less(v, idx[mid], idx[lo]):
                idx[mid], idx[lo] = idx[lo], idx[mid]
            if index_less(v, idx[hi], idx[mid]):
                idx[hi], idx[mid] = idx[mid], idx[hi]
                if index_less(v, idx[mid], idx[lo]):
                    idx[mid], idx[lo] = idx[lo], idx[mid]
            pivot = idx[mid]
            i = lo - 1
            j = hi + 1
            while True:
                i += 1
                while index_less(v, idx[i], pivot):
                    i += 1
                j -= 1
                while index_less(v, pivot, idx[j]):
                    j -= 1
                if i >= j:
                    break
                idx[i], idx[j] = idx[j], idx[i]
            if j - lo < hi - j:
                stack[sp] = j + 1
                stack[sp + 1] = hi
                hi = j
            else:
                stack[sp] = lo
                stack[sp + 1] = j
                lo = j + 1
            sp += 2
        for i in range(lo + 1, hi + 1):
            x = idx[i]
            j = i - 1
            while j >= lo and index_less(v, x, idx[j]):
                idx[j + 1] = idx[j]
                j -= 1
            idx[j + 1] = x
        if sp == 0:
            break
        sp -= 2
        lo = stack[sp]
        hi = stack[sp + 1]


@register_jitable
def sort_rows(b):
    """Sort the C-contiguous array `b` in place along its last axis."""
    if b.size == 0:
        return
    n = b.shape[b.ndim - 1]
    rows = b.reshape(b.size // n, n)
    for r in range(rows.shape[0]):
        sort_inplace(rows[r])


def _axis(axis: Any, ndim: int) -> Any:
    """How `axis` picks the lanes: "last" (the last axis, the default),
    "flat" (None: the flattened array), the other axis as a number from 0,
    or None (not an axis); an axis known only at run time is a
    TypingError, one out of range NumPy's AxisError (a ValueError)."""
    k = axis if isinstance(axis, int) else getattr(axis, "literal_value",
                                                   None)
    if is_none(axis):
        return "flat"
    if isinstance(axis, types.Integer) and not isinstance(k, int):
        raise TypingError("the axis of a sort must be a constant integer")
    if not isinstance(k, int):
        return None
    if not -ndim <= k < ndim:
        return "bad"
    return "last" if k in (-1, ndim - 1) else k % ndim


def _along(a: Any, axis: Any, lanes: Any, flat: Any) -> Any:
    """The implementation for `axis`: `lanes(b)` on a copy with the axis
    last (its result's last axis put back), `flat(b)` on the flattened
    copy; None where `axis` is no axis."""
    how = _axis(axis, a.ndim) if is_array(a) else None
    if how == "bad":
        k = getattr(axis, "literal_value", axis)
        message = f"axis {k} is out of bounds for array of dimension " \
            f"{a.ndim}"

        def bad(a, axis=-1, kind=None):
            raise ValueError(message)
        return bad
    if how == "last":
        return lambda a, axis=-1, kind=None: lanes(a.copy())
    if how == "flat":
        return lambda a, axis=-1, kind=None: flat(a.copy().reshape(a.size))
    if isinstance(how, int):
        def impl(a, axis=-1, kind=None):
            return np.moveaxis(lanes(np.moveaxis(a, how, -1).copy()),
                               -1, how).copy()
        return impl
    return None


@register_jitable
def argsort_rows(b):
    """int64 indices that sort the C-ordered `b` along its last axis."""
    out = np.empty(b.shape, np.int64)
    if b.size == 0:
        return out
    n = b.shape[b.ndim - 1]
    rows = b.reshape(b.size // n, n)
    idx = out.reshape(b.size // n, n)
    for r in range(rows.shape[0]):
        argsort_into(rows[r], idx[r])
    return out


@register_jitable
def sorted_rows(b):
    sort_rows(b)
    return b


@register_jitable
def sorted_flat(b):
    sort_inplace(b)
    return b


@overload(np.sort, prefer_literal=True)
def np_sort(a, axis=-1, kind=None):
    """np.sort(a, axis=-1): a sorted copy along `axis` (None: of the
    flattened array; complex numbers in NumPy's order). Every `kind` gives
    NumPy's result (the sort is stable)."""
    return _along(a, axis, sorted_rows, sorted_flat)


@overload(np.partition)
def np_partition(a, kth):
    """np.partition(a, kth): a copy whose kth element (along the last axis)
    is where sorting puts it, smaller ones before and larger after. kern
    sorts the lanes, one of the arrangements NumPy allows (its own order
    of the other elements is unspecified)."""
    if is_ordered_array(a) and isinstance(kth, types.Integer):
        def impl(a, kth):
            n = a.shape[a.ndim - 1]
            if kth < -n or kth >= n:
                raise ValueError("kth out of bounds")
            return np.sort(a)
        return impl


@register_jitable
def sort_1d(a):
    sort_inplace(a)


@register_jitable
def sort_2d(a):
    for i in range(a.shape[0]):
        sort_inplace(a[i])


@register_jitable
def sort_3d(a):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            sort_inplace(a[i, j])


@overload_method(types.Array, "sort", prefer_literal=True)
def array_sort(a, axis=-1, kind=None):
    """a.sort(axis=-1): in place along `axis` (lanes of the last axis
    sorted where they are for 1 to 3 dimensions)."""
    how = _axis(axis, a.ndim) if is_array(a) else None
    if how == "last" and 1 <= a.ndim <= 3:
        impl = [None, sort_1d, sort_2d, sort_3d][a.ndim]
        return lambda a, axis=-1, kind=None: impl(a)
    if how == "last":
        def along(a, axis=-1, kind=None):
            a[...] = np.sort(a)
        return along
    if isinstance(how, int):
        def across(a, axis=-1, kind=None):
            a[...] = np.sort(a, how)
        return across
    if how == "bad":
        return np_sort(a, axis, kind)


@overload(np.argsort, prefer_literal=True)
def np_argsort(a, axis=-1, kind=None):
    """np.argsort(a, axis=-1): int64 indices that sort `a` along `axis`
    (None: of the flattened array). The sort is stable, so every `kind`
    ('quicksort', 'mergesort', 'stable', 'heapsort') gives an order
    NumPy's would."""
    return _along(a, axis, argsort_rows, argsort_rows)


@overload_method(types.Array, "argsort", prefer_literal=True)
def array_argsort(a, axis=-1, kind=None):
    return _along(a, axis, argsort_rows, argsort_rows)


@register_jitable
def search_one(a, x, right):
    """The insertion index of `x` in the sorted 1-D `a`."""
    lo = 0
    hi = a.shape[0]
    while lo < hi:
        mid = (lo + hi) >> 1
        if less(x, a[mid]) if right else not less(a[mid], x):
            hi = mid
        else:
            lo = mid + 1
    return lo


@overload(np.searchsorted)
def np_searchsorted(a, v, side="left"):
    """np.searchsorted(a, v, side='left'|'right') for a 1-D sorted `a`
    and a scalar or array `v`."""
    if not (is_ordered_array(a) and a.ndim == 1):
        return None
    mode = getattr(side, "literal_value", side)
    if mode not in ("left", "right"):
        raise TypingError(f"side must be 'left' or 'right' (got {mode!r})")
    right = mode == "right"
    if is_number(v) or isinstance(v, (types.NPDatetime, types.NPTimedelta)):
        return lambda a, v, side="left": search_one(a, v, right)
    if is_ordered_array(v) and v.ndim == 0:  # its element (NumPy's)
        return lambda a, v, side="left": search_one(a, v[()], right)
    if is_ordered_array(v):
        def impl(a, v, side="left"):
            flat = flat_copy(v)
            out = np.empty(v.size, np.int64)
            for i in range(flat.shape[0]):
                out[i] = search_one(a, flat[i], right)
            return out.reshape(v.shape)
        return impl


@register_jitable
def starts_run(b, i):
    """b[i] differs from b[i - 1] in the sorted `b` (NaNs are equal)."""
    return i == 0 or (b[i] != b[i - 1] and not (b[i] != b[i] and
                                                 b[i - 1] != b[i - 1]))


def _flag(t):
    """A bool flag's constant value: False when left out, None when it is
    not a constant (the overload is tried again with literal types)."""
    if t is False or t is True:
        return t
    return getattr(t, "literal_value", None)


@register_jitable
def unique_runs(ar):
    """The distinct values of the flattened `ar`, sorted, with the first
    index of each, the index of each element's value, and the counts."""
    flat = ar.ravel()
    perm = np.argsort(flat)  # stable: the first occurrence comes first
    n = flat.shape[0]
    b = np.empty(n, flat.dtype)
    for i in range(n):
        b[i] = flat[perm[i]]
    count = 0
    for i in range(n):
        if starts_run(b, i):
            count += 1
    values = np.empty(count, b.dtype)
    first = np.empty(count, np.int64)
    counts = np.zeros(count, np.int64)
    inverse = np.empty(n, np.int64)
    k = -1
    for i in range(n):
        if starts_run(b, i):
            k += 1
            values[k] = b[i]
            first[k] = perm[i]
        counts[k] += 1
        inverse[perm[i]] = k
    return values, first, inverse, counts


@overload(np.unique)
def np_unique(ar, return_index=False, return_inverse=False,
              return_counts=False):
    """np.unique(ar, return_index, return_inverse, return_counts): the
    sorted distinct values of the flattened array (NaNs collapse into one,
    as NumPy's equal_nan=True), and with the flags (constants) the first
    index of each value, the inverse (shaped as `ar`) and the counts."""
    if not is_ordered_array(ar):
        return None
    flags = (_flag(return_index), _flag(return_inverse),
             _flag(return_counts))
    if None in flags:
        return None
    if not any(flags):
        def impl(ar, return_index=False, return_inverse=False,
                 return_counts=False):
            b = flat_copy(ar)
            sort_inplace(b)
            n = b.shape[0]
            count = 0
            for i in range(n):
                if starts_run(b, i):
                    count += 1
            out = np.empty(count, b.dtype)
            k = 0
            for i in range(n):
                if starts_run(b, i):
                    out[k] = b[i]
                    k += 1
            return out
        return impl
    return _UNIQUE_WITH[flags]


def _unique_with(picks):
    """The implementation returning the values and the extras picked by
    the flags (index, inverse, counts): made from its source, which is
    registered with linecache for kern to read."""
    extras = [e for e, on in zip(("i", "v.reshape(ar.shape)", "c"), picks)
              if on]
    src = ("def impl(ar, return_index=False, return_inverse=False,\n"
           "         return_counts=False):\n"
           "    u, i, v, c = unique_runs(ar)\n"
           f"    return u, {', '.join(extras)}\n")
    flags = "".join(f for f, on in zip("ivc", picks) if on)
    return from_source(src, f"<kern np.unique {flags}>",
                       {"unique_runs": unique_runs, "np": np})


_UNIQUE_WITH = {(a, b, c): _unique_with((a, b, c))
                for a in (False, True) for b in (False, True)
                for c in (False, True) if a or b or c}
