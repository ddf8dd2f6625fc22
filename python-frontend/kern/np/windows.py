"""Window functions and the Bessel function they need: np.bartlett,
np.blackman, np.hamming, np.hanning, np.kaiser, np.i0, NumPy's formulas
(float64 results; an empty window for M < 1).

np.i0 is Cephes' Chebyshev expansion, as NumPy's, one scalar kernel
made a `kern.vectorize` function (a `kern.ufunc` on arrays).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(m):
    ...     return np.hanning(m), np.i0(0.0)
    >>> f(5)
    (array([0. , 0.5, 1. , 0.5, 0. ]), 1.0)
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..vectorize import vectorize
from .common import is_array, is_number

# Cephes' coefficients of exp(-x) i0(x) on [0, 8] and of
# exp(-x) sqrt(x) i0(x) on (8, inf) (numpy/lib/_function_base_impl.py)
I0_SMALL = (
    -4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16,
    1.715391285555133e-15, -1.1685332877993451e-14, 7.676185498604936e-14,
    -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11,
    9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-09,
    -1.300025009986248e-08, 6.046995022541919e-08, -2.670793853940612e-07,
    1.1173875391201037e-06, -4.4167383584587505e-06, 1.6448448070728896e-05,
    -5.754195010082104e-05, 0.00018850288509584165, -0.0005763755745385824,
    0.0016394756169413357, -0.004324309995050576, 0.010546460394594998,
    -0.02373741480589947, 0.04930528423967071, -0.09490109704804764,
    0.17162090152220877, -0.3046826723431984, 0.6767952744094761,)

I0_LARGE = (
    -7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17,
    3.461222867697461e-17, -2.8276239805165836e-16, -3.425485619677219e-16,
    1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15,
    -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13,
    7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11,
    -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10,
    3.3962320257083865e-09, 2.266668990498178e-08, 2.0489185894690638e-07,
    2.8913705208347567e-06, 6.889758346916825e-05, 0.0033691164782556943,
    0.8044904110141088,)


@register_jitable
def chbevl(x, vals):
    """The Chebyshev series `vals` at x (Cephes' chbevl)."""
    b0 = vals[0]
    b1 = 0.0
    b2 = 0.0
    for i in range(1, len(vals)):
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + vals[i]
    return 0.5 * (b0 - b2)


@vectorize
def i0_kernel(x):
    x = abs(x * 1.0)
    if x <= 8.0:
        return np.exp(x) * chbevl(x / 2.0 - 2, I0_SMALL)
    return np.exp(x) * chbevl(32.0 / x - 2.0, I0_LARGE) / np.sqrt(x)


@overload(np.i0)
def np_i0(x):
    """The modified Bessel function of the first kind, order 0 (float64;
    float32 stays float32 in NumPy's array form)."""
    if is_array(x) and isinstance(x.dtype, types.Float):
        ft = x.dtype.np.type
        return lambda x: i0_kernel(x).astype(ft)
    if (is_array(x) or is_number(x)) and not isinstance(
            x.dtype if is_array(x) else x, types.Complex):
        return lambda x: i0_kernel(x)


@register_jitable
def centred(M):
    """NumPy's n = arange(1 - M, M, 2) as float64."""
    return np.arange(1 - M, M, 2) * 1.0


def _window(shape):
    def typer(M):
        if not isinstance(M, (types.Integer, types.Float)):
            return None

        def impl(M):
            if M < 1:
                return np.empty(0, np.float64)
            if M == 1:
                return np.ones(1, np.float64)
            return shape(centred(M), M * 1.0)
        return impl
    return typer


@register_jitable
def bartlett_of(n, M):
    return np.where(n <= 0, 1 + n / (M - 1), 1 - n / (M - 1))


@register_jitable
def blackman_of(n, M):
    return 0.42 + 0.5 * np.cos(np.pi * n / (M - 1)) + \
        0.08 * np.cos(2.0 * np.pi * n / (M - 1))


@register_jitable
def hamming_of(n, M):
    return 0.54 + 0.46 * np.cos(np.pi * n / (M - 1))


@register_jitable
def hanning_of(n, M):
    return 0.5 + 0.5 * np.cos(np.pi * n / (M - 1))


overload(np.bartlett)(_window(bartlett_of))
overload(np.blackman)(_window(blackman_of))
overload(np.hamming)(_window(hamming_of))
overload(np.hanning)(_window(hanning_of))


@overload(np.kaiser)
def np_kaiser(M, beta):
    """i0(beta sqrt(1 - ((n - alpha) / alpha)**2)) / i0(beta), n < M."""
    if not (isinstance(M, (types.Integer, types.Float)) and isinstance(
            beta, (types.Integer, types.Float))):
        return None

    def impl(M, beta):
        if M == 1:
            return np.ones(1, np.float64)
        n = np.arange(0, M) * 1.0
        alpha = (M - 1) / 2.0
        b = beta * 1.0
        return i0_kernel(b * np.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / \
            i0_kernel(b)
    return impl
