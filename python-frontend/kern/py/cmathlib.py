"""The `cmath` module in compiled code: CPython's algorithms (Modules/
cmathmodule.c: Kahan's formulas for the inverse functions, the careful
square root and logarithm) written in Python and compiled by kern, on
complex, float and integer arguments.

    >>> import kern, cmath
    >>> @kern.njit
    ... def f(z):
    ...     return cmath.sqrt(z), cmath.phase(z), cmath.polar(z)
    >>> f(-4 + 0j) == (cmath.sqrt(-4 + 0j), cmath.phase(-4 + 0j), cmath.polar(-4 + 0j))
    True

Not taken over: CPython's special-value tables for infinite and NaN
parts, and its rescaling of subnormal arguments (results there may differ).
"""

from __future__ import annotations

import cmath
import math
import sys

from .. import types
from ..extending import overload, register_jitable

_LARGE = sys.float_info.max / 4.0          # CM_LARGE_DOUBLE
_LOG_LARGE = math.log(_LARGE)              # CM_LOG_LARGE_DOUBLE
_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_SQRT_DBL_MIN = math.sqrt(sys.float_info.min)


def _number(z):
    return isinstance(z, (types.Complex, types.Float, types.Integer,
                          types.Boolean))


@register_jitable
def _c(z):
    return complex(z)


@register_jitable
def _sqrt(z):
    x, y = z.real, z.imag
    if x == 0.0 and y == 0.0:
        return complex(0.0, y)
    ax = abs(x) / 8.0
    s = 2.0 * math.sqrt(ax + math.hypot(ax, abs(y) / 8.0))
    d = abs(y) / (2.0 * s)
    if x >= 0.0:
        return complex(s, math.copysign(d, y))
    return complex(d, math.copysign(s, y))


@register_jitable
def _log(z):
    ax, ay = abs(z.real), abs(z.imag)
    if ax > _LARGE or ay > _LARGE:
        re = math.log(math.hypot(ax / 2.0, ay / 2.0)) + _LN2
    else:
        h = math.hypot(ax, ay)
        if 0.71 <= h <= 1.73:
            am, an = max(ax, ay), min(ax, ay)
            re = math.log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        else:
            re = math.log(h)
    return complex(re, math.atan2(z.imag, z.real))


@register_jitable
def _exp(z):
    x, y = z.real, z.imag
    if x > _LOG_LARGE:
        l = math.exp(x - 1.0)
        return complex(l * math.cos(y) * math.e, l * math.sin(y) * math.e)
    l = math.exp(x)
    return complex(l * math.cos(y), l * math.sin(y))


@register_jitable
def _sinh(z):
    x, y = z.real, z.imag
    if abs(x) > _LOG_LARGE:
        xm1 = x - math.copysign(1.0, x)
        return complex(math.cos(y) * math.sinh(xm1) * math.e,
                       math.sin(y) * math.cosh(xm1) * math.e)
    return complex(math.cos(y) * math.sinh(x), math.sin(y) * math.cosh(x))


@register_jitable
def _cosh(z):
    x, y = z.real, z.imag
    if abs(x) > _LOG_LARGE:
        xm1 = x - math.copysign(1.0, x)
        return complex(math.cos(y) * math.cosh(xm1) * math.e,
                       math.sin(y) * math.sinh(xm1) * math.e)
    return complex(math.cos(y) * math.cosh(x), math.sin(y) * math.sinh(x))


@register_jitable
def _tanh(z):
    x, y = z.real, z.imag
    if abs(x) > _LOG_LARGE:
        return complex(math.copysign(1.0, x), 4.0 * math.sin(y) *
                       math.cos(y) * math.exp(-2.0 * abs(x)))
    tx, ty = math.tanh(x), math.tan(y)
    cx = 1.0 / math.cosh(x)
    txty = tx * ty
    denom = 1.0 + txty * txty
    return complex(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)


@register_jitable
def _asinh(z):
    s1 = _sqrt(complex(1.0 + z.imag, -z.real))
    s2 = _sqrt(complex(1.0 - z.imag, z.real))
    return complex(math.asinh(s1.real * s2.imag - s2.real * s1.imag),
                   math.atan2(z.imag, s1.real * s2.real - s1.imag * s2.imag))


@register_jitable
def _atanh(z):
    if z.real < 0.0:
        return -_atanh(-z)
    x, ay = z.real, abs(z.imag)
    if x == 1.0 and ay < _SQRT_DBL_MIN:  # CPython: a pole
        raise ValueError("math domain error")
    re = math.log1p(4.0 * x / ((1.0 - x) * (1.0 - x) + ay * ay)) / 4.0
    im = -math.atan2(-2.0 * z.imag, (1.0 - x) * (1.0 + x) - ay * ay) / 2.0
    return complex(re, im)


def _unary(function, impl):
    @overload(function)
    def typer(z):
        if _number(z):
            return lambda z: impl(_c(z))
    return typer


def _rotated(impl):
    """f(z) = -i g(i z) for the g of `impl` (sin, tan, asin, atan)."""
    def rot(z):
        s = impl(complex(-z.imag, z.real))
        return complex(s.imag, -s.real)
    return register_jitable(rot)


def _acos(z):
    s1 = _sqrt(complex(1.0 - z.real, -z.imag))
    s2 = _sqrt(complex(1.0 + z.real, z.imag))
    return complex(2.0 * math.atan2(s1.real, s2.real),
                   math.asinh(s2.real * s1.imag - s2.imag * s1.real))


def _acosh(z):
    s1 = _sqrt(complex(z.real - 1.0, z.imag))
    s2 = _sqrt(complex(z.real + 1.0, z.imag))
    return complex(math.asinh(s1.real * s2.real + s1.imag * s2.imag),
                   2.0 * math.atan2(s1.imag, s2.real))


def _cos(z):
    return _cosh(complex(-z.imag, z.real))


def _log10(z):
    r = _log(z)
    return complex(r.real / _LN10, r.imag / _LN10)


for _f, _impl in ((cmath.sqrt, _sqrt), (cmath.exp, _exp),
                  (cmath.log10, register_jitable(_log10)),
                  (cmath.sinh, _sinh), (cmath.cosh, _cosh),
                  (cmath.tanh, _tanh), (cmath.asinh, _asinh),
                  (cmath.atanh, _atanh), (cmath.sin, _rotated(_sinh)),
                  (cmath.tan, _rotated(_tanh)), (cmath.asin, _rotated(_asinh)),
                  (cmath.atan, _rotated(_atanh)),
                  (cmath.cos, register_jitable(_cos)),
                  (cmath.acos, register_jitable(_acos)),
                  (cmath.acosh, register_jitable(_acosh))):
    _unary(_f, _impl)


@overload(cmath.log)
def cmath_log(z, base=None):
    if not _number(z):
        return None
    if base is None or isinstance(base, types.NoneType):
        return lambda z, base=None: _log(_c(z))
    return lambda z, base=None: _log(_c(z)) / _log(_c(base))


@overload(cmath.phase)
def cmath_phase(z):
    if _number(z):
        return lambda z: math.atan2(_c(z).imag, _c(z).real)


@overload(cmath.polar)
def cmath_polar(z):
    if _number(z):
        def impl(z):
            w = _c(z)
            return math.hypot(w.real, w.imag), math.atan2(w.imag, w.real)
        return impl


@overload(cmath.rect)
def cmath_rect(r, phi):
    if _number(r) and _number(phi):
        def impl(r, phi):
            if phi == 0.0:  # CPython: the sign of r's zero imaginary part
                return complex(r, phi * r)
            return complex(r * math.cos(phi), r * math.sin(phi))
        return impl


@overload(cmath.isfinite)
def cmath_isfinite(z):
    if _number(z):
        return lambda z: math.isfinite(_c(z).real) and \
            math.isfinite(_c(z).imag)


@overload(cmath.isinf)
def cmath_isinf(z):
    if _number(z):
        return lambda z: math.isinf(_c(z).real) or math.isinf(_c(z).imag)


@overload(cmath.isnan)
def cmath_isnan(z):
    if _number(z):
        return lambda z: math.isnan(_c(z).real) or math.isnan(_c(z).imag)
