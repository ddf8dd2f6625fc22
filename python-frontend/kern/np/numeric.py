"""Numerical routines: np.interp, np.convolve, np.correlate (their default modes),
np.trapezoid (np.trapz), np.cross (3-vectors).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(x, xp, fp):
    ...     return np.interp(x, xp, fp)
    >>> f(np.array([0.25, 2.0]), np.array([0.0, 1.0]), np.array([0.0, 10.0]))
    array([ 2.5, 10. ])
"""

from __future__ import annotations

import numpy as np

from ..extending import overload, register_jitable
from ..types import promote
from .common import flat_copy, is_array, is_none, is_number, is_real_array


@register_jitable
def interp_one(x, xp, fp, left, right):
    """NumPy's np.interp at one point (binary search, then the slope of
    the interval; NaN results retried from the right end)."""
    n = xp.shape[0]
    if x != x:
        return x
    if x < xp[0]:
        return left
    if x > xp[n - 1]:
        return right
    if x == xp[n - 1]:
        return fp[n - 1] * 1.0
    lo = 0
    hi = n - 1
    while hi - lo > 1:
        mid = (lo + hi) >> 1
        if xp[mid] <= x:
            lo = mid
        else:
            hi = mid
    if xp[lo] == x:
        return fp[lo] * 1.0
    slope = (fp[lo + 1] - fp[lo]) / (xp[lo + 1] - xp[lo])
    r = slope * (x - xp[lo]) + fp[lo]
    if r != r:
        r = slope * (x - xp[lo + 1]) + fp[lo + 1]
        if r != r and fp[lo] == fp[lo + 1]:
            r = fp[lo] * 1.0
    return r


@overload(np.interp)
def np_interp(x, xp, fp):
    """np.interp(x, xp, fp) for increasing 1-D `xp` (float results)."""
    if not (is_real_array(xp) and xp.ndim == 1 and is_real_array(fp) and
            fp.ndim == 1):
        return None

    def check(xp, fp):
        if xp.shape[0] == 0:
            raise ValueError("array of sample points is empty")
        if xp.shape[0] != fp.shape[0]:
            raise ValueError("fp and xp are not of the same length.")

    checked = register_jitable(check)
    if is_number(x):
        def scalar(x, xp, fp):
            checked(xp, fp)
            return interp_one(x * 1.0, xp, fp, fp[0] * 1.0,
                              fp[fp.shape[0] - 1] * 1.0)
        return scalar
    if is_real_array(x):
        def array(x, xp, fp):
            checked(xp, fp)
            flat = flat_copy(x)
            out = np.empty(flat.shape[0], np.float64)
            left = fp[0] * 1.0
            right = fp[fp.shape[0] - 1] * 1.0
            for i in range(flat.shape[0]):
                out[i] = interp_one(flat[i] * 1.0, xp, fp, left, right)
            return out.reshape(x.shape)
        return array


def _product(correlate):
    """np.convolve (mode 'full') and np.correlate (mode 'valid', with the
    second argument conjugated), their default modes."""
    def typer(a, v):
        if not (is_array(a) and a.ndim == 1 and is_array(v) and v.ndim == 1):
            return None
        dt = promote(a.dtype, v.dtype).np

        def impl(a, v):
            n = a.shape[0]
            m = v.shape[0]
            if n == 0:
                raise ValueError("a cannot be empty")
            if m == 0:
                raise ValueError("v cannot be empty")
            full = np.zeros(n + m - 1, dt)
            for i in range(n):
                for j in range(m):
                    if correlate:
                        full[i + j] += a[i] * np.conj(v[m - 1 - j])
                    else:
                        full[i + j] += a[i] * v[j]
            if correlate:
                return full[min(n, m) - 1:max(n, m)].copy()
            return full
        return impl
    return typer


overload(np.convolve)(_product(False))
overload(np.correlate)(_product(True))


def _trapezoid(y, x=None, dx=1.0):
    if not (is_array(y) and y.ndim == 1):
        return None
    if is_none(x):
        def uniform(y, x=None, dx=1.0):
            s = 0.0
            for i in range(1, y.shape[0]):
                s += (y[i] + y[i - 1]) * 0.5
            return s * dx
        return uniform
    if is_array(x) and x.ndim == 1:
        def sampled(y, x=None, dx=1.0):
            if x.shape[0] != y.shape[0]:
                raise ValueError("x and y must have the same length")
            s = 0.0
            for i in range(1, y.shape[0]):
                s += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) * 0.5
            return s
        return sampled


for _name in ("trapezoid", "trapz"):
    if hasattr(np, _name):
        overload(getattr(np, _name))(_trapezoid)


@overload(np.cross)
def np_cross(a, b):
    """The cross product of two 3-vectors."""
    if is_array(a) and is_array(b) and a.ndim == 1 and b.ndim == 1:
        dt = promote(a.dtype, b.dtype).np

        def impl(a, b):
            if a.shape[0] != 3 or b.shape[0] != 3:
                raise ValueError("kern's np.cross takes two 3-vectors")
            out = np.empty(3, dt)
            out[0] = a[1] * b[2] - a[2] * b[1]
            out[1] = a[2] * b[0] - a[0] * b[2]
            out[2] = a[0] * b[1] - a[1] * b[0]
            return out
        return impl
