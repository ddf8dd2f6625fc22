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
    >>> @kern.njit
    ... def g(a):
    ...     return np.nanargmin(a), np.nanargmax(a, axis=1)
    >>> g(np.array([[np.nan, 2.0], [0.5, np.nan]]))
    (2, array([1, 0]))
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..errors import TypingError
from .common import is_array, is_none
from .sorting import less
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


# ---- np.nanargmin / np.nanargmax ----------------------------------------------

@register_jitable
def nan_arg_lanes(lanes, out, fill, biggest, name):
    """out[r] = the first index of the least (greatest when `biggest`)
    element of row r of the 2-D `lanes`, a NaN read as `fill`; NumPy's
    ValueErrors for an all-NaN row and for empty rows."""
    n = lanes.shape[1]
    if n == 0:
        raise ValueError(f"attempt to get {name} of an empty sequence")
    for r in range(lanes.shape[0]):
        best = 0
        bv = fill
        only_nan = True
        for j in range(n):
            x = lanes[r, j]
            if x != x:
                x = fill
            else:
                only_nan = False
            if j == 0 or (less(bv, x) if biggest else less(x, bv)):
                best = j
                bv = x
        if only_nan:
            raise ValueError("All-NaN slice encountered")
        out[r] = best


def _nan_arg(biggest):
    """np.nanargmax (biggest) or np.nanargmin."""
    name = "argmax" if biggest else "argmin"

    def typer(a, axis=None, out=None, keepdims=False):
        if not is_array(a) or not is_none(out):
            return None
        keep = keepdims if isinstance(keepdims, bool) else getattr(
            keepdims, "literal_value", None)
        if not isinstance(keep, bool):
            return None
        ft = a.dtype.np.type
        inf = -np.inf if biggest else np.inf
        nd = a.ndim
        def flat(a, axis=None, out=None, keepdims=False):
            f = a.copy().reshape(1, a.size)
            res = np.empty(1, np.int64)
            nan_arg_lanes(f, res, fill_of(ft, inf), biggest, name)
            return res[0]

        if is_none(axis):
            def kept(a, axis=None, out=None, keepdims=False):
                f = a.copy().reshape(1, a.size)
                res = np.empty(1, np.int64)
                nan_arg_lanes(f, res, fill_of(ft, inf), biggest, name)
                return res.reshape((1,) * nd)
            return kept if keep else flat
        k = getattr(axis, "literal_value", None)
        if not isinstance(k, int) or isinstance(k, bool):
            return None
        if not -nd <= k < nd:
            raise TypingError(f"axis {k} is out of bounds for array of "
                              f"dimension {nd}")
        ax = k % nd

        def along(a, axis=None, out=None, keepdims=False):
            src = np.ascontiguousarray(np.moveaxis(a, ax, -1))
            n = src.shape[nd - 1]
            rows = src.size // n if n else 0
            res = np.empty(rows, np.int64)
            nan_arg_lanes(src.reshape(rows, n), res, fill_of(ft, inf),
                          biggest, name)
            if keep:
                return res.reshape(src.shape[:ax] + (1,) +
                                   src.shape[ax:nd - 1])
            return res.reshape(src.shape[:nd - 1])

        if nd == 1 and not keep:
            return flat
        return along
    return typer


def fill_of(ft, inf):
    """The stand-in of a NaN of the NumPy scalar type `ft` (an ordinary
    zero for integers and bools; compiled code only)."""
    raise NotImplementedError("kern.np.nanfuncs.fill_of is compiled only")


@overload(fill_of)
def _fill_of(ft, inf):
    t = getattr(ft, "instance_type", None)
    if isinstance(t, (types.Float, types.Complex)):
        return lambda ft, inf: ft(inf)
    return lambda ft, inf: ft(0)


overload(np.nanargmin)(_nan_arg(False))
overload(np.nanargmax)(_nan_arg(True))
