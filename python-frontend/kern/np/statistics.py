"""Statistics: the nan-reductions, np.ptp, np.average, np.median,
np.percentile, np.quantile, np.bincount, np.digitize (np.histogram, np.cov
and np.corrcoef: histograms.py).

They reduce the flattened array (no `axis` yet: a call with one is a
TypingError naming the function and its arguments). The nan-reductions
are array expressions, so they fuse into one loop over the input.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.nanmean(a), np.percentile(a[2:], 50.0)
    >>> f(np.array([1.0, np.nan, 3.0, 8.0]))
    (4.0, 5.5)
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..listtype import List
from .common import (flat_copy, is_0d, is_array, is_none, is_number,
                     is_real_array)
from .sorting import sort_inplace


def _floating(a):
    return is_array(a) and isinstance(a.dtype, (types.Float, types.Complex))


# ---- nan-reductions ---------------------------------------------------------

@overload(np.nansum)
def np_nansum(a):
    if _floating(a):
        return lambda a: np.where(np.isnan(a), 0, a).sum()
    if is_array(a):
        return lambda a: a.sum()


@overload(np.nanprod)
def np_nanprod(a):
    if _floating(a):
        return lambda a: np.where(np.isnan(a), 1, a).prod()
    if is_array(a):
        return lambda a: a.prod()


@overload(np.nanmean)
def np_nanmean(a):
    if is_0d(a):  # of its one element
        return lambda a: np.nanmean(a.reshape(1))
    if _floating(a):
        def impl(a):  # NumPy: nan (and a RuntimeWarning) for all-NaN input
            ok = np.logical_not(np.isnan(a))
            n = ok.sum()
            return np.where(ok, a, 0).sum() / n if n > 0 else np.nan
        return impl
    if is_array(a):
        return lambda a: a.mean()


def _nan_extreme(pick_max):
    def typer(a):
        if isinstance(a, types.Array) and isinstance(a.dtype, types.Float):
            def impl(a):
                if a.size == 0:
                    raise ValueError("zero-size array to reduction operation "
                                     "which has no identity")
                flat = flat_copy(a)
                r = np.nan
                for i in range(flat.shape[0]):
                    x = flat[i]
                    if x == x and (r != r or (x > r if pick_max else x < r)):
                        r = x
                return r
            return impl
        if is_real_array(a):
            return (lambda a: a.max()) if pick_max else (lambda a: a.min())
    return typer


overload(np.nanmax)(_nan_extreme(True))
overload(np.nanmin)(_nan_extreme(False))


@register_jitable
def nan_moments(a, ddof):
    """(mean, variance) of the non-NaN values of `a`: nan for no values,
    and a variance of nan for n - ddof <= 0, as NumPy's."""
    ok = np.logical_not(np.isnan(a))
    n = ok.sum()
    mean = np.where(ok, a, 0).sum() / n if n > 0 else np.nan
    d = np.where(ok, a - mean, 0)
    return mean, (d * d).sum() / (n - ddof) if n - ddof > 0 else np.nan


@overload(np.nanvar)
def np_nanvar(a, ddof=0):
    if is_0d(a):  # of its one element
        return lambda a, ddof=0: np.nanvar(a.reshape(1), ddof)
    if _floating(a) and not isinstance(a.dtype, types.Complex):
        return lambda a, ddof=0: nan_moments(a, ddof)[1]
    if is_real_array(a):
        return lambda a, ddof=0: nan_moments(a * 1.0, ddof)[1]


@overload(np.nanstd)
def np_nanstd(a, ddof=0):
    if is_0d(a):  # of its one element
        return lambda a, ddof=0: np.nanstd(a.reshape(1), ddof)
    if _floating(a) and not isinstance(a.dtype, types.Complex):
        return lambda a, ddof=0: np.sqrt(nan_moments(a, ddof)[1])
    if is_real_array(a):
        return lambda a, ddof=0: np.sqrt(nan_moments(a * 1.0, ddof)[1])


# ---- ptp, average ------------------------------------------------------------

@overload(np.ptp)
def np_ptp(a):
    if is_real_array(a):
        return lambda a: a.max() - a.min()


@overload(np.average)
def np_average(a, axis=None, weights=None):
    if not (is_array(a) and is_none(axis)):
        return None
    if is_none(weights):
        return lambda a, axis=None, weights=None: a.mean()
    if is_array(weights) and weights.ndim == a.ndim:
        def impl(a, axis=None, weights=None):
            if a.shape != weights.shape:
                raise ValueError("Axis must be specified when shapes of a "
                                 "and weights differ.")
            w = weights.sum()
            if w == 0:
                raise ZeroDivisionError("Weights sum to zero, can't be "
                                        "normalized")
            return (a * weights).sum() / w
        return impl


# ---- order statistics ----------------------------------------------------------

@register_jitable
def lerp(a, b, t):
    """NumPy's interpolation between neighbours (exact at t = 0 and 1)."""
    d = b - a
    if t >= 0.5:
        return b - d * (1.0 - t)
    return a + d * t


@register_jitable
def sorted_quantile(s, q):
    """The q-quantile (0 <= q <= 1) of the sorted 1-D float array `s`
    (method 'linear'); NaN when `s` holds a NaN."""
    n = s.shape[0]
    if n == 0 or s[n - 1] != s[n - 1]:
        return np.nan
    pos = q * (n - 1)
    lo = int(np.floor(pos))
    if lo >= n - 1:
        return s[n - 1] * 1.0
    return lerp(s[lo] * 1.0, s[lo + 1] * 1.0, pos - lo)


@register_jitable
def sorted_float_copy(a):
    s = flat_copy(a).astype(np.float64)
    sort_inplace(s)
    return s


def quantile_typer(scale, what, bound, sorted_of=sorted_float_copy,
                   complex_q=True):
    """The typing function of np.percentile-like functions: q in [0,
    bound] (else ValueError(what)), taken as q / scale, over the sorted
    values `sorted_of(a)` (np.nanpercentile: without the NaNs); complex q
    accepted as a number only with `complex_q`."""
    def typer(a, q):
        if not is_real_array(a):
            return None
        if is_number(q) and (complex_q or not isinstance(q, types.Complex)):
            def scalar(a, q):
                if not 0 <= q <= bound:
                    raise ValueError(what)
                return sorted_quantile(sorted_of(a), q / scale)
            return scalar
        @register_jitable
        def array(a, q):
            s = sorted_of(a)
            qf = flat_copy(q)
            out = np.empty(qf.shape[0], np.float64)
            for i in range(qf.shape[0]):
                if not 0 <= qf[i] <= bound:
                    raise ValueError(what)
                out[i] = sorted_quantile(s, qf[i] / scale)
            return out.reshape(q.shape)
        if is_real_array(q):
            return array
        if is_real_sequence(q):  # a list or tuple of numbers: a 1-D array
            return lambda a, q: array(a, np.array(q))
    return typer


def is_real_sequence(q) -> bool:
    """A list, or a tuple of one type, of real numbers."""
    item = q.dtype if isinstance(q, (List, types.UniTuple)) else None
    return item is not None and is_number(item) and \
        not isinstance(item, types.Complex)


overload(np.percentile)(quantile_typer(
    100.0, "Percentiles must be in the range [0, 100]", 100.0))
overload(np.quantile)(quantile_typer(
    1.0, "Quantiles must be in the range [0, 1]", 1.0))


@overload(np.median)
def np_median(a):
    if is_real_array(a):
        return lambda a: sorted_quantile(sorted_float_copy(a), 0.5)


@overload(np.nanmedian)
def np_nanmedian(a):
    if is_real_array(a):
        def impl(a):
            s = sorted_float_copy(a)
            n = 0
            while n < s.shape[0] and s[n] == s[n]:
                n += 1
            return sorted_quantile(s[:n], 0.5)
        return impl


# ---- counting ----------------------------------------------------------------

@overload(np.bincount)
def np_bincount(x, weights=None, minlength=0):
    if not (is_array(x) and x.ndim == 1 and
            isinstance(x.dtype, (types.Integer, types.Boolean))):
        return None
    with_weights = not is_none(weights)
    if with_weights and not (is_real_array(weights) and weights.ndim == 1):
        return None

    def impl(x, weights=None, minlength=0):
        if minlength < 0:
            raise ValueError("'minlength' must not be negative")
        n = minlength
        for i in range(x.shape[0]):
            if x[i] < 0:
                raise ValueError("'list' argument must have no negative "
                                 "elements")
            if x[i] + 1 > n:
                n = x[i] + 1
        if with_weights:
            if weights.shape[0] != x.shape[0]:
                raise ValueError("The weights and list don't have the same "
                                 "length.")
            out = np.zeros(n, np.float64)
            for i in range(x.shape[0]):
                out[x[i]] += weights[i]
            return out
        counts = np.zeros(n, np.int64)
        for i in range(x.shape[0]):
            counts[x[i]] += 1
        return counts
    return impl


@register_jitable
def digitize_one(x, bins, right, increasing):
    """The bin of `x` as np.digitize numbers them."""
    lo = 0
    hi = bins.shape[0]
    while lo < hi:
        mid = (lo + hi) >> 1
        b = bins[mid]
        if increasing:
            go_left = x <= b if right else x < b
        else:
            go_left = x > b if right else x >= b
        if go_left:
            hi = mid
        else:
            lo = mid + 1
    return lo


@overload(np.digitize)
def np_digitize(x, bins, right=False):
    if not (is_real_array(bins) and bins.ndim == 1):
        return None

    def check(bins):
        increasing = True
        if bins.shape[0] > 1:
            increasing = bins[bins.shape[0] - 1] >= bins[0]
        for i in range(1, bins.shape[0]):
            if (bins[i] < bins[i - 1]) if increasing else \
                    (bins[i] > bins[i - 1]):
                raise ValueError("bins must be monotonically increasing or "
                                 "decreasing")
        return increasing

    checked = register_jitable(check)
    if is_number(x):
        def scalar(x, bins, right=False):
            return digitize_one(x, bins, right, checked(bins))
        return scalar
    if is_real_array(x):
        def array(x, bins, right=False):
            increasing = checked(bins)
            flat = flat_copy(x)
            out = np.empty(flat.shape[0], np.int64)
            for i in range(flat.shape[0]):
                out[i] = digitize_one(flat[i], bins, right, increasing)
            return out.reshape(x.shape)
        return array
