"""np.histogram, np.cov and np.corrcoef, computed as NumPy computes them.

histogram: equal bins over `range` (the data's min and max by default,
widened by 0.5 each way when they are equal) with NumPy's bin search, or
given bin edges; values outside the range are not counted, the last bin
includes its right edge. cov: the mean-centred product over N - ddof
(ddof 1, or 0 with bias=True), variables in rows unless rowvar=False.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.histogram(a, 4)
    >>> counts, edges = f(np.array([0.0, 1.0, 1.5, 4.0]))
    >>> counts.tolist(), edges.tolist()
    ([1, 2, 0, 1], [0.0, 1.0, 2.0, 3.0, 4.0])
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from .common import flat_copy, is_array, is_none, is_real_array


@register_jitable
def equal_bins_count(flat, bins, first, last):
    """NumPy's counting into `bins` equal bins of [first, last]."""
    counts = np.zeros(bins, np.int64)
    edges = np.linspace(first, last, bins + 1)
    norm = bins / (last - first)
    for i in range(flat.shape[0]):
        x = flat[i]
        if x >= first and x <= last:
            k = int((x - first) * norm)
            if k == bins:
                k -= 1
            if x < edges[k]:
                k -= 1
            elif x >= edges[k + 1] and k != bins - 1:
                k += 1
            counts[k] += 1
    return counts, edges


@register_jitable
def given_bins_count(flat, bins):
    """Counting into the bins between consecutive edges of `bins`."""
    n = bins.shape[0] - 1
    for i in range(n):
        if bins[i + 1] < bins[i]:
            raise ValueError("bins must increase monotonically, when an "
                             "array")
    counts = np.zeros(max(n, 0), np.int64)
    for i in range(flat.shape[0]):
        x = flat[i]
        if n > 0 and x >= bins[0] and x <= bins[n]:
            k = np.searchsorted(bins, x, side="right") - 1
            if k == n:
                k -= 1
            counts[k] += 1
    return counts, bins.astype(np.float64)


@register_jitable
def data_range(flat):
    if flat.shape[0] == 0:
        return 0.0, 1.0
    first = flat.min() * 1.0
    last = flat.max() * 1.0
    if first != first or last != last:
        raise ValueError("autodetected range of [nan, nan] is not finite")
    if first == last:
        first -= 0.5
        last += 0.5
    return first, last


@overload(np.histogram)
def np_histogram(a, bins=10, range=None):
    if not is_real_array(a):
        return None
    if isinstance(bins, (types.Integer, int)):  # an int default: omitted
        if is_none(range):
            def impl_auto(a, bins=10, range=None):
                if bins <= 0:
                    raise ValueError("`bins` must be positive, when an "
                                     "integer")
                flat = flat_copy(a)
                first, last = data_range(flat)
                return equal_bins_count(flat, bins, first, last)
            return impl_auto

        def impl_range(a, bins=10, range=None):
            if bins <= 0:
                raise ValueError("`bins` must be positive, when an integer")
            first = range[0] * 1.0
            last = range[1] * 1.0
            if first > last:
                raise ValueError("max must be larger than min in range "
                                 "parameter.")
            if first == last:
                first -= 0.5
                last += 0.5
            return equal_bins_count(flat_copy(a), bins, first, last)
        return impl_range
    if is_real_array(bins) and bins.ndim == 1:
        def impl_edges(a, bins=10, range=None):  # `range` is the argument
            return given_bins_count(flat_copy(a), bins)
        return impl_edges


# ---- covariance ---------------------------------------------------------------

@register_jitable
def _rows_1d(x, rowvar):
    """A 1-D array: one variable, a (1, n) float64 copy."""
    return x.astype(np.float64).reshape(1, x.shape[0])


@register_jitable
def _rows_2d(x, rowvar):
    """A 2-D array: its rows (rowvar) or its columns, as a float64 copy."""
    return x.astype(np.float64) if rowvar else x.T.astype(np.float64)


def _variables(m, y, rowvar):
    """The observations as a 2-D array with one variable per row."""
    return m


@overload(_variables)
def _variables_impl(m, y, rowvar):
    with_y = not is_none(y)
    if not is_array(m) or m.ndim > 2 or (with_y and (not is_array(y) or
                                                      y.ndim > 2)):
        return None

    rows_m = _rows_1d if m.ndim == 1 else _rows_2d
    rows_y = None if not with_y else _rows_1d if y.ndim == 1 else _rows_2d
    if with_y:
        def impl_y(m, y, rowvar):
            return np.concatenate((rows_m(m, rowvar), rows_y(y, rowvar)))
        return impl_y

    def impl(m, y, rowvar):
        return rows_m(m, rowvar)
    return impl


@overload(np.cov)
def np_cov(m, y=None, rowvar=True, bias=False, ddof=None):
    if not is_real_array(m):
        return None
    no_ddof = is_none(ddof)
    one_variable = m.ndim == 1 and is_none(y)

    def covariance(m, y, rowvar, bias, ddof):
        x = _variables(m, y, rowvar)
        n = x.shape[1]
        d = (0 if bias else 1) if no_ddof else ddof
        fact = n - d
        for r in range(x.shape[0]):
            x[r] -= x[r].sum() / n
        return x @ x.T / fact
    cov_j = register_jitable(covariance)
    if one_variable:
        def impl_one(m, y=None, rowvar=True, bias=False, ddof=None):
            return cov_j(m, y, rowvar, bias, ddof)[0, 0]
        return impl_one

    def impl(m, y=None, rowvar=True, bias=False, ddof=None):
        return cov_j(m, y, rowvar, bias, ddof)
    return impl


@overload(np.corrcoef)
def np_corrcoef(x, y=None, rowvar=True):
    if not is_real_array(x):
        return None
    if x.ndim == 1 and is_none(y):
        return lambda x, y=None, rowvar=True: 1.0

    def impl(x, y=None, rowvar=True):
        c = np.cov(x, y, rowvar)
        d = np.sqrt(np.diag(c))
        out = np.empty_like(c)
        for i in range(c.shape[0]):
            for j in range(c.shape[1]):
                v = c[i, j] / d[i] / d[j]
                out[i, j] = min(max(v, -1.0), 1.0)
        return out
    return impl
