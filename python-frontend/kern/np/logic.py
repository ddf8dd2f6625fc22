"""Comparisons of whole arrays: np.isclose, np.allclose,
np.array_equal, np.count_nonzero.

np.isclose is an array expression (one fused loop), NumPy's rule:
`|a - b| <= atol + rtol * |b|` where both are finite, else `a == b`
(NaNs equal with `equal_nan=True`).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a, b):
    ...     return np.allclose(a, b), np.count_nonzero(a > 1.5)
    >>> f(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9]))
    (True, 1)
"""

from __future__ import annotations

import numpy as np

from ..extending import overload
from .common import is_0d, is_array, is_none, is_number


def _operands(a, b):
    return (is_array(a) or is_number(a)) and (is_array(b) or is_number(b))


@overload(np.isclose)
def np_isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    if not _operands(a, b):
        return None

    def impl(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
        finite = np.isfinite(a) & np.isfinite(b)
        close = np.where(finite, np.abs(a - b) <= atol + rtol * np.abs(b),
                         a == b)
        if equal_nan:
            return close | (np.isnan(a) & np.isnan(b))
        return close
    return impl


@overload(np.allclose)
def np_allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    if not _operands(a, b):
        return None
    if (is_number(a) or is_0d(a)) and (is_number(b) or is_0d(b)):
        return lambda a, b, rtol=1e-05, atol=1e-08, equal_nan=False: \
            bool(np.isclose(a, b, rtol, atol, equal_nan))
    return lambda a, b, rtol=1e-05, atol=1e-08, equal_nan=False: \
        np.isclose(a, b, rtol, atol, equal_nan).all()


@overload(np.array_equal)
def np_array_equal(a1, a2):
    if not (is_array(a1) and is_array(a2)):
        return None
    if a1.ndim != a2.ndim:
        return lambda a1, a2: False
    if a1.ndim == 0:
        return lambda a1, a2: a1[()] == a2[()]

    def impl(a1, a2):
        if a1.shape != a2.shape:
            return False
        return (a1 == a2).all()
    return impl


@overload(np.count_nonzero)
def np_count_nonzero(a, axis=None):
    """The number of nonzero elements, or int64 counts along a constant
    axis."""
    if not is_array(a):
        return None
    if is_none(axis) and a.ndim == 0:
        return lambda a, axis=None: int(a[()] != 0)
    if is_none(axis):
        return lambda a, axis=None: (a != 0).sum()
    k = getattr(axis, "literal_value", None)
    if isinstance(k, int) and -a.ndim <= k < a.ndim:
        ax = k % a.ndim
        return lambda a, axis=None: (a != 0).astype(np.int64).sum(axis=ax)
