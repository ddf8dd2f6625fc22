"""Numerical routines: np.interp (left=, right=, period=), np.convolve,
np.correlate (modes 'full', 'same', 'valid'), np.trapezoid (np.trapz),
np.cross (3-vectors, or a 2- and a 3-vector, broadcast along the leading
axes).

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


def edge(value, default):
    """`value` as a float, or `default` when it is None (compiled code
    only)."""
    raise NotImplementedError("kern.np.numeric.edge is compiled only")


@overload(edge)
def _edge(value, default):
    if is_none(value):
        return lambda value, default: default * 1.0
    if is_number(value):
        return lambda value, default: value * 1.0


@register_jitable
def check_samples(xp, fp):
    if xp.shape[0] == 0:
        raise ValueError("array of sample points is empty")
    if xp.shape[0] != fp.shape[0]:
        raise ValueError("fp and xp are not of the same length.")


@register_jitable
def periodic_samples(xp, fp, period):
    """NumPy's samples for a period: xp modulo it, sorted, with one
    sample wrapped around at each end."""
    if period == 0:
        raise ValueError("period must be a non-zero value")
    period = abs(period)
    xm = xp % period
    order = np.argsort(xm)
    n = xp.shape[0]
    xs = np.empty(n + 2, np.float64)
    fs = np.empty(n + 2, np.float64)
    for i in range(n):
        xs[i + 1] = xm[order[i]]
        fs[i + 1] = fp[order[i]]
    xs[0] = xs[n] - period
    fs[0] = fs[n]
    xs[n + 1] = xs[1] + period
    fs[n + 1] = fs[1]
    return xs, fs, period


@register_jitable
def interp_all(flat, xp, fp, left, right):
    out = np.empty(flat.shape[0], np.float64)
    for i in range(flat.shape[0]):
        out[i] = interp_one(flat[i] * 1.0, xp, fp, left, right)
    return out


@overload(np.interp)
def np_interp(x, xp, fp, left=None, right=None, period=None):
    """np.interp(x, xp, fp, left, right, period) for increasing 1-D `xp`
    (or any order with a period), real `fp` (float results)."""
    if not (is_real_array(xp) and xp.ndim == 1 and is_real_array(fp) and
            fp.ndim == 1 and (is_number(x) or is_real_array(x))):
        return None
    if is_real_array(x) and x.ndim == 0:  # its element: a float (NumPy's)
        return lambda x, xp, fp, left=None, right=None, period=None: \
            np.interp(x[()], xp, fp, left, right, period)
    if not is_none(period):
        if not is_number(period):
            return None

        if is_number(x):
            return lambda x, xp, fp, left=None, right=None, period=None: \
                np.interp(np.full(1, x * 1.0), xp, fp, period=period)[0]

        def periodic(x, xp, fp, left=None, right=None, period=None):
            check_samples(xp, fp)
            xs, fs, p = periodic_samples(xp, fp, period)
            out = interp_all(flat_copy(x) % p, xs, fs, fs[0],
                             fs[fs.shape[0] - 1])
            return out.reshape(x.shape)
        return periodic
    if is_number(x):
        def scalar_x(x, xp, fp, left=None, right=None, period=None):
            check_samples(xp, fp)
            return interp_one(x * 1.0, xp, fp, edge(left, fp[0]),
                              edge(right, fp[fp.shape[0] - 1]))
        return scalar_x

    def array_x(x, xp, fp, left=None, right=None, period=None):
        check_samples(xp, fp)
        out = interp_all(flat_copy(x), xp, fp, edge(left, fp[0]),
                         edge(right, fp[fp.shape[0] - 1]))
        return out.reshape(x.shape)
    return array_x


@register_jitable
def product_into(full, a, v, correlate):
    """The 'full' convolution of the 1-D `a` and `v` into `full` (or the
    correlation: z[k] = sum_j a[j + k - (m - 1)] * conj(v[j]))."""
    n = a.shape[0]
    m = v.shape[0]
    if n == 0:
        raise ValueError("a cannot be empty")
    if m == 0:
        raise ValueError("v cannot be empty")
    for i in range(n):
        for j in range(m):
            if correlate:
                full[i + j] += a[i] * np.conj(v[m - 1 - j])
            else:
                full[i + j] += a[i] * v[j]


@register_jitable
def mode_slice(full, n, m, mode, correlate):
    """NumPy's 'full', 'same' (max(n, m) centred) or 'valid' (where the
    shorter lies wholly inside the longer) part of the full result."""
    short = min(n, m)
    if mode == "full":
        return full
    if mode == "same":
        start = (short - 1) // 2 if not correlate or n >= m else short // 2
        return full[start:start + max(n, m)].copy()
    if mode == "valid":
        return full[short - 1:max(n, m)].copy()
    raise ValueError("mode must be one of 'valid', 'same', or 'full'")


def _product_dtype(a, v):
    """The result dtype of np.convolve/np.correlate of two 1-D arrays."""
    if is_array(a) and a.ndim == 1 and is_array(v) and v.ndim == 1:
        return promote(a.dtype, v.dtype).np
    return None


@overload(np.convolve)
def np_convolve(a, v, mode="full"):
    dt = _product_dtype(a, v)
    if dt is None:
        return None

    def impl(a, v, mode="full"):
        full = np.zeros(max(a.shape[0] + v.shape[0] - 1, 0), dt)
        product_into(full, a, v, False)
        return mode_slice(full, a.shape[0], v.shape[0], mode, False)
    return impl


@overload(np.correlate)
def np_correlate(a, v, mode="valid"):
    dt = _product_dtype(a, v)
    if dt is None:
        return None

    def impl(a, v, mode="valid"):
        full = np.zeros(max(a.shape[0] + v.shape[0] - 1, 0), dt)
        product_into(full, a, v, True)
        return mode_slice(full, a.shape[0], v.shape[0], mode, True)
    return impl


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


@register_jitable
def cross_rows(A, B, out):
    """Row-wise cross products of (k, 2 or 3) rows into (k, 3) `out` (a
    2-vector's z is 0)."""
    na = A.shape[1]
    nb = B.shape[1]
    for r in range(A.shape[0]):
        a0, a1 = A[r, 0], A[r, 1]
        b0, b1 = B[r, 0], B[r, 1]
        a2 = A[r, 2] if na == 3 else 0 * a0
        b2 = B[r, 2] if nb == 3 else 0 * b0
        out[r, 0] = a1 * b2 - a2 * b1
        out[r, 1] = a2 * b0 - a0 * b2
        out[r, 2] = a0 * b1 - a1 * b0


@overload(np.cross)
def np_cross(a, b):
    """Cross products of the 3-vectors (or a 2- and a 3-vector) along the
    last axes, the leading axes broadcast. Two 2-vectors raise ValueError,
    as in Numba (NumPy returns their z component)."""
    if not (is_array(a) and is_array(b)):
        return None
    dt = promote(a.dtype, b.dtype).np

    def impl(a, b):
        na = a.shape[a.ndim - 1]
        nb = b.shape[b.ndim - 1]
        if na not in (2, 3) or nb not in (2, 3):
            raise ValueError("incompatible dimensions for cross product "
                             "(dimension must be 2 or 3)")
        if na == 2 and nb == 2:
            raise ValueError("Dimensions for both inputs is 2: kern's "
                             "np.cross takes 3-vectors")
        lead = (np.zeros(a.shape[:-1] + (0,), np.bool_) |
                np.zeros(b.shape[:-1] + (0,), np.bool_)).shape[:-1]
        A = np.broadcast_to(a, lead + (na,)).astype(dt)
        B = np.broadcast_to(b, lead + (nb,)).astype(dt)
        out = np.empty(lead + (3,), dt)
        k = out.size // 3
        cross_rows(A.reshape(k, na), B.reshape(k, nb), out.reshape(k, 3))
        return out
    return impl
