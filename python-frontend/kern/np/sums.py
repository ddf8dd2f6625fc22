"""Sums with a dtype: `a.sum(dtype=...)`, `a.sum(axis=k, dtype=...)` and
np.sum with dtype= (the elements are converted to `dtype` before they are
added, as NumPy adds them). Without dtype= the frontend's own reduction
applies (kern/frontend/reductions.py).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(m):
    ...     return m.sum(axis=0, dtype=np.float64), m.sum(dtype=np.int64)
    >>> f(np.array([[1, 0, 3], [0, 0, 6]], np.int8))
    (array([1., 0., 9.]), 10)
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, overload_method
from .common import is_array, is_none


def _axis(axis, ndim):
    """A constant axis normalized, or None when `axis` is not one."""
    k = getattr(axis, "literal_value", None)
    if not isinstance(k, int) or isinstance(k, bool) or not \
            -ndim <= k < ndim:
        return None
    return k % ndim


def _sum_with_dtype(a, axis=None, dtype=None):
    if not is_array(a) or not isinstance(dtype, types.NumberClass):
        return None
    ft = dtype.literal_value
    ax = None if is_none(axis) else _axis(axis, a.ndim)
    if ax is None and not is_none(axis):
        return None
    if ax is None or a.ndim == 1:
        return lambda a, axis=None, dtype=None: ft(a.astype(dtype).sum())
    # kern adds small integers in int64 (NumPy's default): the same
    # values modulo the width, once cast back to `dtype` (as above)
    return lambda a, axis=None, dtype=None: a.astype(dtype).sum(
        axis=ax).astype(dtype)


@overload_method(types.Array, "sum")
def array_sum(a, axis=None, dtype=None):
    return _sum_with_dtype(a, axis, dtype)


@overload(np.sum)
def np_sum(a, axis=None, dtype=None):
    return _sum_with_dtype(a, axis, dtype)

