"""NumPy's NaN-ignoring scans and order statistics: np.nancumsum,
np.nancumprod (NaN counted as 0 and 1, over the flattened array or along
a constant axis), np.nanpercentile, np.nanquantile (of the flattened
array, NaNs left out; NaN when nothing is left).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.nancumsum(a), np.nanquantile(a, 0.5)
    >>> f(np.array([1.0, np.nan, 3.0]))
    (array([1., 1., 4.]), 2.0)
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from .common import is_array, is_none
from .statistics import quantile_typer, sorted_float_copy


def _inexact(a):
    return isinstance(a.dtype, (types.Float, types.Complex))


def _axis(axis, ndim):
    """A constant axis normalized, or None when `axis` is not one."""
    k = getattr(axis, "literal_value", None)
    if not isinstance(k, int) or isinstance(k, bool) or not \
            -ndim <= k < ndim:
        return None
    return k % ndim


def _nan_scan(fill, scan):
    """np.nancumsum (fill 0, np.cumsum) or np.nancumprod (1, np.cumprod)."""
    def typer(a, axis=None):
        if not is_array(a):
            return None
        if is_none(axis):
            if _inexact(a):
                return lambda a, axis=None: scan(np.where(a != a, fill, a))
            return lambda a, axis=None: scan(a)
        ax = _axis(axis, a.ndim)
        if ax is None:
            return None
        if _inexact(a):
            return lambda a, axis=None: scan(np.where(a != a, fill, a),
                                                axis=ax)
        return lambda a, axis=None: scan(a, axis=ax)
    return typer


overload(np.nancumsum)(_nan_scan(0, np.cumsum))
overload(np.nancumprod)(_nan_scan(1, np.cumprod))


@register_jitable
def sorted_without_nan(a):
    """The sorted float64 copy of `a` without its NaNs (they sort last)."""
    s = sorted_float_copy(a)
    n = 0
    while n < s.shape[0] and s[n] == s[n]:
        n += 1
    return s[:n]


overload(np.nanpercentile)(quantile_typer(
    100.0, "Percentiles must be in the range [0, 100]", 100.0,
    sorted_without_nan, complex_q=False))
overload(np.nanquantile)(quantile_typer(
    1.0, "Quantiles must be in the range [0, 1]", 1.0, sorted_without_nan,
    complex_q=False))
