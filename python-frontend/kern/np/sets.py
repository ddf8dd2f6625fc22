"""Set routines on arrays, as NumPy computes them from sorted unique values:
np.isin, np.union1d, np.intersect1d, np.setdiff1d, np.setxor1d.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a, b):
    ...     return np.isin(a, b), np.intersect1d(a, b), np.union1d(a, b)
    >>> m, i, u = f(np.array([3, 1, 2, 3]), np.array([3, 5, 1]))
    >>> m.tolist(), i.tolist(), u.tolist()
    ([True, True, False, True], [1, 3], [1, 2, 3, 5])
"""

from __future__ import annotations

import numpy as np

from ..extending import overload, register_jitable
from .common import is_ordered_array


@register_jitable
def _member(sorted_unique, x):
    """Whether x is in the sorted array (binary search)."""
    k = np.searchsorted(sorted_unique, x)
    return k < sorted_unique.shape[0] and sorted_unique[k] == x


@register_jitable
def _both_uniques(ar1, ar2):
    """The unique values of each array, together, sorted (a value in both
    appears twice, next to itself)."""
    return np.sort(np.concatenate((np.unique(ar1), np.unique(ar2))))


def _arrays(*xs):
    return all(is_ordered_array(x) for x in xs)


@overload(np.isin)
def np_isin(element, test_elements, assume_unique=False, invert=False):
    if not _arrays(element, test_elements):
        return None

    def impl(element, test_elements, assume_unique=False, invert=False):
        s = np.unique(test_elements)
        out = np.empty(element.shape, np.bool_)
        for idx in np.ndindex(element.shape):
            out[idx] = _member(s, element[idx]) != invert
        return out
    return impl


@overload(np.union1d)
def np_union1d(ar1, ar2):
    if _arrays(ar1, ar2):
        return lambda ar1, ar2: np.unique(np.concatenate((ar1.ravel(),
                                                          ar2.ravel())))


@overload(np.intersect1d)
def np_intersect1d(ar1, ar2, assume_unique=False):
    if not _arrays(ar1, ar2):
        return None

    def impl(ar1, ar2, assume_unique=False):
        aux = _both_uniques(ar1, ar2)
        if aux.shape[0] < 2:
            return aux[:0]
        return aux[:-1][aux[1:] == aux[:-1]]
    return impl


@overload(np.setdiff1d)
def np_setdiff1d(ar1, ar2, assume_unique=False):
    if not _arrays(ar1, ar2):
        return None

    def impl(ar1, ar2, assume_unique=False):
        a = np.unique(ar1)
        b = np.unique(ar2)
        keep = np.empty(a.shape, np.bool_)
        for i in range(a.shape[0]):
            keep[i] = not _member(b, a[i])
        return a[keep]
    return impl


@overload(np.setxor1d)
def np_setxor1d(ar1, ar2, assume_unique=False):
    if not _arrays(ar1, ar2):
        return None

    def impl(ar1, ar2, assume_unique=False):
        aux = _both_uniques(ar1, ar2)
        n = aux.shape[0]
        keep = np.empty(n, np.bool_)
        for i in range(n):
            keep[i] = (i == 0 or aux[i] != aux[i - 1]) and \
                (i == n - 1 or aux[i] != aux[i + 1])
        return aux[keep]
    return impl
