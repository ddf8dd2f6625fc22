"""Floating-point decomposition ufuncs: np.frexp, np.ldexp, np.modf,
np.nextafter, np.spacing, on scalars and arrays (broadcast), exact as
NumPy's (signed zeros, infinities, NaN, subnormals).

np.modf is an array expression (it fuses with its neighbours); the
others are scalar kernels made `kern.vectorize` functions (a
`kern.ufunc` each, a loop of its own as their bodies branch and call),
computed in float64: every float32 result is exact there and is rounded
once when cast back. Integer
input computes in NumPy's float type for it (float32 for 16-bit
integers, float64 above); NumPy uses float16 for 8-bit integers and
booleans, which kern does not have (a TypingError).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(x):
    ...     m, e = np.frexp(x)
    ...     return m, e, np.ldexp(m, e), np.nextafter(1.0, 2.0) - 1.0
    >>> f(np.array([3.0, -0.375]))
    (array([ 0.75, -0.75]), array([ 2, -1], dtype=int32), array([ 3.   , -0.375]), 2.220446049250313e-16)
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..vectorize import vectorize
from .ufunclike import cast, numeric, result_dtype


@register_jitable
def pow2(k):
    """2.0 ** k for -1074 <= k <= 1023 (exact)."""
    return np.exp2(k * 1.0)


@register_jitable
def exponent(x):
    """e with x = m * 2**e, 0.5 <= |m| < 1 (0 for 0, inf and NaN)."""
    if x == 0 or x != x or x - x != 0:
        return 0
    a = abs(x)
    e = int(np.floor(np.log2(a))) + 1
    # the logarithm may be off by one next to powers of two
    if e <= 1023 and a >= pow2(e):
        e += 1
    if a < pow2(e - 1):
        e -= 1
    return e


@register_jitable
def ldexp1(x, e):
    """x * 2**e rounded once (NumPy's ldexp), for any int e."""
    if x == 0 or x != x or x - x != 0:
        return x
    ex = exponent(x)
    m = x * pow2(-ex) if ex > -1000 else (x * pow2(1000)) * pow2(-ex - 1000)
    total = ex + e  # x * 2**e = m * 2**total, 0.5 <= |m| < 1
    if total > 1100:
        total = 1100
    if total >= -1021:
        h = total // 2
        return (m * pow2(h)) * pow2(total - h)
    if total < -1100:
        return m * 0.0
    return (m * pow2(-1000)) * pow2(total + 1000)


@vectorize
def frexp_mantissa(x):
    return ldexp1(x * 1.0, -exponent(x * 1.0))


@vectorize
def frexp_exponent(x):
    return exponent(x * 1.0)


@vectorize
def ldexp_kernel(x, e):
    return ldexp1(x * 1.0, e)


@register_jitable
def toward(x, y, digits, tiny, big):
    """The next float after x toward y of the float type with `digits`
    mantissa bits, smallest exponent `tiny` and largest value `big`."""
    if x != x or y != y:
        return x + y
    if x == y:
        return y
    if x == 0:
        return np.copysign(pow2(tiny), y)
    if x - x != 0:  # an infinity, toward the finite side
        return np.copysign(big, x)
    e = exponent(x)
    if (y > x) == (x > 0):  # away from zero
        return x + np.copysign(pow2(max(e - digits, tiny)), x)
    step = e - digits
    if abs(x) == ldexp1(0.5, e):  # a power of two: the gap below is half
        step -= 1
    return np.copysign(x - np.copysign(pow2(max(step, tiny)), x), x)


@vectorize
def nextafter_kernel(x, y, digits, tiny, big):
    return toward(x * 1.0, y * 1.0, digits, tiny, big)


@vectorize
def spacing_kernel(x, digits, tiny, big):
    x = x * 1.0
    return toward(x, -np.inf if x < 0 else np.inf, digits, tiny, big) - x


def _float_for(*xs):
    """The float type NumPy computes these ufuncs in (None where that is
    float16 or complex)."""
    t = result_dtype(*xs)
    if isinstance(t, types.Float):
        return t.np.type
    if isinstance(t, types.Integer) and not isinstance(t, types.Boolean):
        if t.np.itemsize == 1:
            return None
        return np.float32 if t.np.itemsize == 2 else np.float64
    return None


def _format(ft):
    """(mantissa bits, smallest exponent, largest value) of `ft`."""
    f = np.finfo(ft)
    return f.nmant + 1, int(np.log2(f.smallest_subnormal)), float(f.max)


@overload(np.frexp)
def np_frexp(x):
    """(mantissa, int32 exponent) with x = mantissa * 2**exponent."""
    ft = _float_for(x) if numeric(x) else None
    if ft is not None:
        return lambda x: (cast(frexp_mantissa(x), ft),
                          cast(frexp_exponent(x), np.int32))


@overload(np.ldexp)
def np_ldexp(x1, x2):
    """x1 * 2**x2 for integer x2."""
    if not (numeric(x1) and numeric(x2)):
        return None
    t2 = x2.dtype if hasattr(x2, "dtype") and hasattr(x2, "ndim") else x2
    if not isinstance(t2, types.Integer) or isinstance(t2, types.Boolean):
        return None
    ft = _float_for(x1)
    if ft is not None:
        return lambda x1, x2: cast(ldexp_kernel(x1, x2), ft)


@overload(np.modf)
def np_modf(x):
    """(fractional part, integral part), both with the sign of x."""
    ft = _float_for(x) if numeric(x) else None
    if ft is None:
        return None

    def impl(x):  # array expressions: they fuse with their neighbours
        y = cast(x, ft)
        t = np.trunc(y)
        return np.copysign(np.where(np.isinf(y), 0.0, y - t), y), t
    return impl


@overload(np.nextafter)
def np_nextafter(x1, x2):
    """The next representable value after x1 toward x2."""
    if not (numeric(x1) and numeric(x2)):
        return None
    ft = _float_for(x1, x2)
    if ft is None:
        return None
    digits, tiny, big = _format(ft)
    return lambda x1, x2: cast(nextafter_kernel(x1, x2, digits, tiny, big),
                               ft)


@overload(np.spacing)
def np_spacing(x):
    """The distance from x to the next value away from zero (negative for
    negative x, positive for -0.0), NaN for infinities."""
    ft = _float_for(x) if numeric(x) else None
    if ft is None:
        return None
    digits, tiny, big = _format(ft)
    return lambda x: cast(spacing_kernel(x, digits, tiny, big), ft)
