"""Polynomials of 1-D coefficient arrays: the power series of
np.polynomial.polynomial (lowest degree first: polyadd, polysub, polymul,
polydiv, polyval, polyint, polyder, and polyutils.trimseq), the legacy
np.polyval (highest degree first) and np.roots (the eigenvalues of the
companion matrix, through kern's np.linalg.eigvals: as in Numba, real
coefficients whose roots are complex raise ValueError, where NumPy
returns complex roots; complex coefficients give them).

Coefficients are converted as NumPy's as_series does: integers and
booleans to float64, results trimmed of trailing zeros;
polyutils.as_series(alist, trim=True) makes that list of series from the
rows of a 2-D array, the elements of a 1-D one, or a list or a tuple of
1-D arrays and numbers. Not supported: the Polynomial class.

    >>> import kern, numpy as np
    >>> P = np.polynomial.polynomial
    >>> @kern.njit
    ... def f(c, d):
    ...     return P.polymul(c, d), P.polyval(2.0, c), P.polyder(c)
    >>> f(np.array([1.0, 2.0]), np.array([0.0, 3.0]))
    (array([0., 3., 6.]), 5.0, array([2.]))
    >>> @kern.njit
    ... def series(c):
    ...     return np.polynomial.polyutils.as_series((c, 2))
    >>> series(np.array([1.0, 0.0]))
    [array([1.]), array([2.])]
"""

from __future__ import annotations

import numpy as np
import numpy.polynomial.polynomial as npp
import numpy.polynomial.polyutils as npu

from .. import literal_unroll, types
from ..extending import overload, register_jitable
from ..listtype import List
from .common import is_array, is_number


def _series_type(*cs):
    """The NumPy type of the series `cs` (1-D arrays) together: their
    common type, float64 for integers and booleans; None if one is not a
    1-D array."""
    if not all(is_array(c) and c.ndim == 1 for c in cs):
        return None
    t = None
    for c in cs:
        d = c.dtype.np if isinstance(c.dtype, (types.Float, types.Complex)) \
            else np.dtype(np.float64)
        t = d if t is None else np.promote_types(t, d)
    return t.type


@register_jitable
def trimmed(c):
    """`c` without its trailing zeros (its first element if all are)."""
    n = c.shape[0]
    while n > 1 and c[n - 1] == 0:
        n -= 1
    return c[:n]


@overload(npu.trimseq)
def np_trimseq(seq):
    if is_array(seq) and seq.ndim == 1:
        return lambda seq: seq if seq.shape[0] == 0 else trimmed(seq)


def _coefficient_dtype(t):
    """The NumPy dtype of one series of as_series (`t`: a 1-D array or a
    number), None for anything else."""
    if is_array(t) and t.ndim == 1:
        t = t.dtype
    if isinstance(t, (types.Float, types.Complex)):
        return t.np
    if isinstance(t, (types.Integer, types.Boolean)):
        return np.dtype(np.float64)
    return None


def _as_series_dtype(alist):
    """np.common_type of the series of `alist`, None when as_series does
    not take it."""
    if is_array(alist):
        dt = _coefficient_dtype(alist.dtype)
        return dt.type if dt is not None and alist.ndim in (1, 2) else None
    if isinstance(alist, List):
        items = [alist.dtype]
    elif isinstance(alist, types.Tuple) and alist.types:
        items = list(alist.types)
    else:
        return None
    dts = [_coefficient_dtype(t) for t in items]
    if any(d is None for d in dts):
        return None
    out = dts[0]
    for d in dts[1:]:
        out = np.promote_types(out, d)
    return out.type


def _series(x, dt):
    """One series of as_series: a copy of `x` (a 1-D array, or a number as
    a 1-element array) of dtype dt."""
    return x


@overload(_series)
def _series_impl(x, dt):
    if is_array(x):
        return lambda x, dt: x.astype(dt)
    if is_number(x):
        return lambda x, dt: np.full(1, x, dt)


@register_jitable
def _checked(c, trim):
    if c.shape[0] == 0:
        raise ValueError("Coefficient array is empty")
    return trimmed(c) if trim else c


@overload(npu.as_series)
def np_as_series(alist, trim=True):
    dt = _as_series_dtype(alist)
    if dt is None or not isinstance(trim, (bool, types.Boolean)):
        return None
    if is_array(alist):
        def impl_array(alist, trim=True):
            out = []
            for k in range(alist.shape[0]):
                out.append(_checked(_series(alist[k], dt), trim))
            return out
        return impl_array
    if isinstance(alist, List):
        def impl_list(alist, trim=True):
            out = []
            for x in alist:
                out.append(_checked(_series(x, dt), trim))
            return out
        return impl_list

    def impl_tuple(alist, trim=True):
        out = []
        for x in literal_unroll(alist):
            out.append(_checked(_series(x, dt), trim))
        return out
    return impl_tuple


def _add(sign):
    def typer(c1, c2):
        ft = _series_type(c1, c2)
        if ft is None:
            return None

        def impl(c1, c2):
            a = trimmed(c1).astype(ft)
            b = trimmed(c2).astype(ft)
            n = max(a.shape[0], b.shape[0])
            out = np.zeros(n, ft)
            out[:a.shape[0]] += a
            out[:b.shape[0]] += sign * b
            return trimmed(out).copy()
        return impl
    return typer


overload(npp.polyadd)(_add(1))
overload(npp.polysub)(_add(-1))


@overload(npp.polymul)
def np_polymul(c1, c2):
    ft = _series_type(c1, c2)
    if ft is not None:
        return lambda c1, c2: trimmed(np.convolve(
            trimmed(c1).astype(ft), trimmed(c2).astype(ft))).copy()


@overload(npp.polydiv)
def np_polydiv(c1, c2):
    """(quotient, remainder) of c1 / c2; ZeroDivisionError for c2 = 0."""
    ft = _series_type(c1, c2)
    if ft is None:
        return None

    def impl(c1, c2):
        a = trimmed(c1).astype(ft)
        b = trimmed(c2).astype(ft)
        if b[b.shape[0] - 1] == 0:
            raise ZeroDivisionError("polynomial division by zero")
        la = a.shape[0]
        lb = b.shape[0]
        if la < lb:
            return a[:1] * 0, a
        if lb == 1:
            return a / b[lb - 1], a[:1] * 0
        scl = b[lb - 1]
        d = b[:lb - 1] / scl
        i = la - lb
        j = la - 1
        while i >= 0:
            a[i:j] -= d * a[j]
            i -= 1
            j -= 1
        return a[j + 1:] / scl, trimmed(a[:j + 1]).copy()
    return impl


@overload(npp.polyval)
def np_polyval(x, c, tensor=True):
    """c[0] + c[1] x + ... (Horner), x a number or an array."""
    if not (is_array(x) or is_number(x)):
        return None
    cft = _series_type(c)
    if cft is None:
        return None

    def impl(x, c, tensor=True):
        cc = c.astype(cft)
        n = cc.shape[0]
        y = cc[n - 1] + x * 0
        for i in range(2, n + 1):
            y = cc[n - i] + y * x
        return y
    return impl


@register_jitable
def integrate_once(c, k, lbnd, scl):
    c = c * scl
    n = c.shape[0]
    if n == 1 and c[0] == 0:
        c[0] += k
        return c
    tmp = np.empty(n + 1, c.dtype)
    tmp[0] = c[0] * 0
    tmp[1] = c[0]
    for j in range(1, n):
        tmp[j + 1] = c[j] / (j + 1)
    tmp[0] += k - npp.polyval(lbnd, tmp)
    return tmp


@overload(npp.polyint)
def np_polyint(c, m=1, k=0, lbnd=0, scl=1):
    """The m-fold integral of the series c from lbnd, times scl each
    step; the number k is the first step's integration constant (NumPy's
    [k] padded with zeros)."""
    ft = _series_type(c)
    if ft is None or not all(is_number(v) or isinstance(v, int) for v in (
            m, k, lbnd, scl)):
        return None

    def impl(c, m=1, k=0, lbnd=0, scl=1):
        if m < 0:
            raise ValueError("The order of integration must be non-negative")
        out = c.astype(ft)
        for i in range(m):
            out = integrate_once(out, k if i == 0 else 0 * k, lbnd, scl)
        return out
    return impl


@overload(npp.polyder)
def np_polyder(c, m=1, scl=1):
    """The m-th derivative of the series c, times scl each step."""
    ft = _series_type(c)
    if ft is None or not all(is_number(v) or isinstance(v, int) for v in (
            m, scl)):
        return None

    def impl(c, m=1, scl=1):
        if m < 0:
            raise ValueError("The order of derivation must be non-negative")
        out = c.astype(ft)
        if m == 0:
            return out
        n = out.shape[0]
        if m >= n:
            return out[:1] * 0
        for _ in range(m):
            n -= 1
            out = out * scl
            der = np.empty(n, ft)
            for j in range(n, 0, -1):
                der[j - 1] = j * out[j]
            out = der
        return out
    return impl


# ---- the legacy functions (highest degree first) ------------------------------

@overload(np.polyval)
def np_polyval_legacy(p, x):
    """p[0] x**(N-1) + ... + p[N-1] (Horner), x a number or an array."""
    if not (is_array(p) and p.ndim == 1 and (is_array(x) or is_number(x))):
        return None
    xt = x.dtype if is_array(x) else x
    ft = np.promote_types(p.dtype.np, np.dtype(
        types.unliteral(xt).np)).type

    if is_array(x):
        def array(p, x):
            y = np.zeros(x.shape, ft)
            for i in range(p.shape[0]):
                y = y * x + p[i]
            return y
        return array

    def scalar(p, x):
        y = ft(0)
        for i in range(p.shape[0]):
            y = y * x + p[i]
        return y
    return scalar


@overload(np.roots)
def np_roots(p):
    """The roots of p[0] x**(N-1) + ... + p[N-1], the eigenvalues of its
    companion matrix (zeros for the trailing zero coefficients)."""
    if not (is_array(p) and p.ndim == 1):
        return None
    ft = p.dtype.np.type if isinstance(p.dtype, (types.Float, types.Complex)) \
        else np.float64

    def impl(p):
        first = -1
        last = -1
        for i in range(p.shape[0]):
            if p[i] != 0:
                if first < 0:
                    first = i
                last = i
        if first < 0:
            return np.linalg.eigvals(np.zeros((0, 0), ft))
        q = p[first:last + 1].astype(ft)
        n = q.shape[0]
        a = np.zeros((max(n - 1, 0), max(n - 1, 0)), ft)
        for i in range(1, n - 1):
            a[i, i - 1] = 1
        for j in range(n - 1):
            a[0, j] = -q[j + 1] / q[0]
        r = np.linalg.eigvals(a)
        out = np.zeros(r.shape[0] + p.shape[0] - 1 - last, r.dtype)
        out[:r.shape[0]] = r
        return out
    return impl
