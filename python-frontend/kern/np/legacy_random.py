"""More of np.random's legacy module-level distributions (RandomState):
binomial, negative_binomial, hypergeometric, logseries, zipf, vonmises,
wald, f, noncentral_chisquare, dirichlet and multinomial. Each draws on the
thread's generator of `np.random.seed` (lib/Runtime/Random.c) with NumPy's
legacy algorithms (lib/Runtime/RandomDiscrete.c), so that a seed followed
by draws gives NumPy's numbers; the other distributions are kern ops
(kern/frontend/randoms.py).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def draw(seed):
    ...     np.random.seed(seed)
    ...     return np.random.binomial(10, 0.3, 4), np.random.zipf(2.5)
    >>> got = draw(3)
    >>> np.random.seed(3)
    >>> want = np.random.binomial(10, 0.3, 4), np.random.zipf(2.5)
    >>> np.array_equal(got[0], want[0]) and got[1] == want[1]
    True

`size=None` gives a number, an int or a tuple an array of that shape,
filled in C order (dirichlet and multinomial add the axis of the
categories). Parameters are numbers, as Numba takes them (NumPy's
broadcasting of array parameters is not taken over); invalid ones raise
NumPy's ValueError with NumPy's message.
"""

from __future__ import annotations

import math

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..listtype import List
from .common import is_array, is_none

_f64, _i64 = types.float64, types.int64


def _ext(symbol, ret, *args):
    return types.ExternalFunction(symbol, ret(*args))


_binomial = _ext("kern_rt_random_binomial", _i64, _f64, _i64, _i64)
_negative_binomial = _ext("kern_rt_random_negative_binomial", _i64, _f64,
                          _f64)
_hypergeometric = _ext("kern_rt_random_hypergeometric", _i64, _i64, _i64,
                       _i64)
_logseries = _ext("kern_rt_random_logseries", _i64, _f64)
_zipf = _ext("kern_rt_random_zipf", _i64, _f64)
_vonmises = _ext("kern_rt_random_vonmises", _f64, _f64, _f64)
_wald = _ext("kern_rt_random_wald", _f64, _f64, _f64)
_f = _ext("kern_rt_random_f", _f64, _f64, _f64)
_noncentral_chisquare = _ext("kern_rt_random_noncentral_chisquare", _f64,
                             _f64, _f64)
_standard_gamma = _ext("kern_rt_random_standard_gamma", _f64, _f64)


def _multinomial_variant() -> int:
    """Which binomial NumPy's legacy multinomial draws with (the variant
    bits of kern_rt_random_binomial): NumPy's random_binomial before 2.5
    (with log1p from 2.4), the legacy binomial from 2.5."""
    major, minor = (int(x) for x in np.__version__.split(".")[:2])
    if (major, minor) >= (2, 5):
        return 0
    return 3 if (major, minor) >= (2, 4) else 1


_MULTINOMIAL_VARIANT = _multinomial_variant()


def _numbers(*ts) -> bool:
    return all(isinstance(t, (types.Number, types.Boolean)) for t in ts)


def _integers(*ts) -> bool:
    return all(isinstance(t, (types.Integer, types.Boolean)) for t in ts)


def _size_ok(size) -> bool:
    return is_none(size) or isinstance(size, (types.Integer, types.Tuple))


# ---- the checks of NumPy's check_constraint ---------------------------------

@register_jitable
def _positive(x, message):  # CONS_POSITIVE (NaN passes)
    if x <= 0:
        raise ValueError(message)


@register_jitable
def _non_negative(x, message):  # CONS_NON_NEGATIVE: -0.0 fails, NaN passes
    if not math.isnan(x) and math.copysign(1.0, x) < 0:
        raise ValueError(message)


@register_jitable
def _bounded_0_1(x, message):  # CONS_BOUNDED_0_1
    if not (x >= 0) or not (x <= 1):
        raise ValueError(message)


# ---- one parameter ----------------------------------------------------------

@overload("numpy.random.logseries")
def np_random_logseries(p, size=None):
    if not (_numbers(p) and _size_ok(size)):
        return None

    def impl(p, size=None):
        q = float(p)
        if not (q >= 0) or not (q < 1):
            raise ValueError("p < 0, p >= 1 or p is NaN")
        if size is None:
            return _logseries(q)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _logseries(q)
        return out
    return impl


@overload("numpy.random.zipf")
def np_random_zipf(a, size=None):
    if not (_numbers(a) and _size_ok(size)):
        return None

    def impl(a, size=None):
        x = float(a)
        if not (x > 1):
            raise ValueError("a <= 1 or a is NaN")
        if size is None:
            return _zipf(x)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _zipf(x)
        return out
    return impl


# ---- two parameters ---------------------------------------------------------

@overload("numpy.random.binomial")
def np_random_binomial(n, p, size=None):
    if not (_integers(n) and _numbers(p) and _size_ok(size)):
        return None

    def impl(n, p, size=None):
        q = float(p)
        _bounded_0_1(q, "p < 0, p > 1 or p is NaN")
        if n < 0:
            raise ValueError("n < 0")
        if size is None:
            return _binomial(q, n, 0)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _binomial(q, n, 0)
        return out
    return impl


@overload("numpy.random.negative_binomial")
def np_random_negative_binomial(n, p, size=None):
    if not (_numbers(n, p) and _size_ok(size)):
        return None

    def impl(n, p, size=None):
        m, q = float(n), float(p)
        _positive(m, "n <= 0")
        _bounded_0_1(q, "p < 0, p > 1 or p is NaN")
        if size is None:
            return _negative_binomial(m, q)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _negative_binomial(m, q)
        return out
    return impl


@overload("numpy.random.vonmises")
def np_random_vonmises(mu, kappa, size=None):
    if not (_numbers(mu, kappa) and _size_ok(size)):
        return None

    def impl(mu, kappa, size=None):
        m, k = float(mu), float(kappa)
        _non_negative(k, "kappa < 0")
        if size is None:
            return _vonmises(m, k)
        out = np.empty(size, np.float64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _vonmises(m, k)
        return out
    return impl


@overload("numpy.random.wald")
def np_random_wald(mean, scale, size=None):
    if not (_numbers(mean, scale) and _size_ok(size)):
        return None

    def impl(mean, scale, size=None):
        m, s = float(mean), float(scale)
        _positive(m, "mean <= 0")
        _positive(s, "scale <= 0")
        if size is None:
            return _wald(m, s)
        out = np.empty(size, np.float64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _wald(m, s)
        return out
    return impl


@overload("numpy.random.f")
def np_random_f(dfnum, dfden, size=None):
    if not (_numbers(dfnum, dfden) and _size_ok(size)):
        return None

    def impl(dfnum, dfden, size=None):
        a, b = float(dfnum), float(dfden)
        _positive(a, "dfnum <= 0")
        _positive(b, "dfden <= 0")
        if size is None:
            return _f(a, b)
        out = np.empty(size, np.float64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _f(a, b)
        return out
    return impl


@overload("numpy.random.noncentral_chisquare")
def np_random_noncentral_chisquare(df, nonc, size=None):
    if not (_numbers(df, nonc) and _size_ok(size)):
        return None

    def impl(df, nonc, size=None):
        d, c = float(df), float(nonc)
        _positive(d, "df <= 0")
        _non_negative(c, "nonc < 0")
        if size is None:
            return _noncentral_chisquare(d, c)
        out = np.empty(size, np.float64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _noncentral_chisquare(d, c)
        return out
    return impl


# ---- three parameters -------------------------------------------------------

@overload("numpy.random.hypergeometric")
def np_random_hypergeometric(ngood, nbad, nsample, size=None):
    if not (_integers(ngood, nbad, nsample) and _size_ok(size)):
        return None

    def impl(ngood, nbad, nsample, size=None):
        good, bad, sample = np.int64(ngood), np.int64(nbad), np.int64(nsample)
        if good + bad < sample:
            raise ValueError("ngood + nbad < nsample")
        if good < 0:
            raise ValueError("ngood < 0")
        if bad < 0:
            raise ValueError("nbad < 0")
        if sample < 1:
            raise ValueError("nsample < 1 or nsample is NaN")
        if size is None:
            return _hypergeometric(good, bad, sample)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _hypergeometric(good, bad, sample)
        return out
    return impl


# ---- vectors of parameters --------------------------------------------------

def _vector_ok(t) -> bool:
    """A 1-D array, list or homogeneous tuple of numbers."""
    if is_array(t):
        return t.ndim == 1 and not isinstance(t.dtype, types.Complex)
    if isinstance(t, types.Tuple) and not (isinstance(t, types.UniTuple)
                                           and t.types):
        return False
    if isinstance(t, (List, types.Tuple)):
        return isinstance(t.dtype, (types.Integer, types.Float,
                                    types.Boolean))
    return False


@register_jitable
def _float_vector(x):
    """The values of `x` (1-D array, list or tuple) as a new float64
    array."""
    out = np.empty(len(x), np.float64)
    for i in range(len(x)):
        out[i] = x[i]
    return out


def _with_axis(size, k):
    """The shape `size` with an axis of length k added."""
    return (size, k)


@overload(_with_axis)
def _with_axis_impl(size, k):
    if is_none(size):
        return lambda size, k: (k,)
    if isinstance(size, types.Integer):
        return lambda size, k: (size, k)
    if isinstance(size, types.Tuple):
        return lambda size, k: size + (k,)


@overload("numpy.random.dirichlet")
def np_random_dirichlet(alpha, size=None):
    if not (_vector_ok(alpha) and _size_ok(size)):
        return None

    def impl(alpha, size=None):
        a = _float_vector(alpha)
        k = a.shape[0]
        for j in range(k):
            if a[j] <= 0:
                raise ValueError("alpha <= 0")
        out = np.zeros(_with_axis(size, k), np.float64)
        flat = out.reshape(out.size)
        for i in range(0, out.size, max(k, 1)):
            acc = 0.0
            for j in range(k):
                flat[i + j] = _standard_gamma(a[j])
                acc = acc + flat[i + j]
            inv = 1 / acc
            for j in range(k):
                flat[i + j] = flat[i + j] * inv
        return out
    return impl


@register_jitable
def _multinomial_row(n, p, out, offset, variant):
    """One draw of counts into out[offset:offset + len(p)]: NumPy's
    multinomial, a binomial per category of what is left."""
    d = p.shape[0]
    left_p = 1.0
    dn = n
    for j in range(d - 1):
        out[offset + j] = _binomial(p[j] / left_p, dn, variant)
        dn = dn - out[offset + j]
        if dn <= 0:
            break
        left_p = left_p - p[j]
    if dn > 0:
        out[offset + d - 1] = dn


@overload("numpy.random.multinomial")
def np_random_multinomial(n, pvals, size=None):
    if not (_integers(n) and _vector_ok(pvals) and _size_ok(size)):
        return None

    def impl(n, pvals, size=None):
        p = _float_vector(pvals)
        d = p.shape[0]
        for j in range(d):
            if not (p[j] >= 0) or not (p[j] <= 1):
                raise ValueError("pvals < 0, pvals > 1 or pvals contains "
                                 "NaNs")
        if d > 0:  # NumPy's kahan_sum of pvals[:-1]
            total = p[0]
            c = 0.0
            for j in range(1, d - 1):
                y = p[j] - c
                t = total + y
                c = (t - total) - y
                total = t
            if d == 1:
                total = 0.0
            if total > 1.0 + 1e-12:
                raise ValueError("sum(pvals[:-1]) > 1.0")
        out = np.zeros(_with_axis(size, d), np.int64)
        if n < 0:
            raise ValueError("n < 0")
        flat = out.reshape(out.size)
        if d > 0:
            for i in range(0, out.size, d):
                _multinomial_row(n, p, flat, i, _MULTINOMIAL_VARIANT)
        return out
    return impl


__all__: list = []
