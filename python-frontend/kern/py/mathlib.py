"""The `math` functions on integers and the float helpers that are not C
library calls, in Python compiled by kern: gcd, lcm, factorial, comb,
perm, isqrt, isclose, frexp, modf, ulp, dist, prod. Results and errors are
Python's; where Python's answer is an integer too big for int64, an
OverflowError (Python would give a big integer; kern's ints are int64).

    >>> import kern, math
    >>> @kern.njit
    ... def f(x):
    ...     return math.frexp(x), math.modf(x), math.isclose(x, x + 1e-12)
    >>> f(-6.25) == (math.frexp(-6.25), math.modf(-6.25), True)
    True

(math.gamma, lgamma, remainder, nextafter and ldexp call the C library:
kern/frontend/mathcalls.py.)
"""

from __future__ import annotations

import math

from .. import types
from ..extending import overload, register_jitable

_INT64_MAX = 2 ** 63 - 1


def _ints(*ts):
    return all(isinstance(t, (types.Integer, types.Boolean)) for t in ts)


def _numbers(*ts):
    return all(isinstance(t, (types.Integer, types.Boolean, types.Float))
               for t in ts)


@register_jitable
def _checked_mul(a, b):
    """a * b of non-negative int64s, OverflowError past int64."""
    if b != 0 and a > _INT64_MAX // b:
        raise OverflowError("integer result too large for int64")
    return a * b


@register_jitable
def _gcd(a, b):
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


@overload(math.gcd)
def math_gcd(a, b):
    if _ints(a, b):
        return lambda a, b: _gcd(a, b)


@overload(math.lcm)
def math_lcm(a, b):
    if _ints(a, b):
        def impl(a, b):
            if a == 0 or b == 0:
                return 0 * a
            return abs(a // _gcd(a, b) * b)
        return impl


@overload(math.factorial)
def math_factorial(n):
    if _ints(n):
        def impl(n):
            if n < 0:
                raise ValueError("factorial() not defined for negative values")
            r = 1
            for i in range(2, n + 1):
                r = _checked_mul(r, i)
            return r
        return impl


@overload(math.comb)
def math_comb(n, k):
    if _ints(n, k):
        def impl(n, k):
            if n < 0:
                raise ValueError("n must be a non-negative integer")
            if k < 0:
                raise ValueError("k must be a non-negative integer")
            if k > n:
                return 0
            k = min(k, n - k)
            r = 1
            for i in range(k):  # r * (n - i) is divisible by i + 1
                g = _gcd(r, i + 1)
                r = _checked_mul(r // g, (n - i) // ((i + 1) // g))
            return r
        return impl


@overload(math.perm)
def math_perm(n, k=None):
    if _ints(n) and (k is None or isinstance(k, types.NoneType) or _ints(k)):
        def impl(n, k=None):
            if k is None:
                m = n
            else:
                m = k
            if n < 0:
                raise ValueError("n must be a non-negative integer")
            if m < 0:
                raise ValueError("k must be a non-negative integer")
            if m > n:
                return 0
            r = 1
            for i in range(m):
                r = _checked_mul(r, n - i)
            return r
        return impl


@overload(math.isqrt)
def math_isqrt(n):
    if _ints(n):
        def impl(n):
            if n < 0:
                raise ValueError("isqrt() argument must be nonnegative")
            if n == 0:
                return 0 * n
            x = min(int(math.sqrt(n)), 3037000499)  # then exact (no
            while x * x > n:                       # int64 overflow:
                x -= 1                             # 3037000499**2 fits)
            while x < 3037000499 and (x + 1) * (x + 1) <= n:
                x += 1
            return x
        return impl


@overload(math.isclose)
def math_isclose(a, b, rel_tol=1e-09, abs_tol=0.0):
    if _numbers(a, b):
        def impl(a, b, rel_tol=1e-09, abs_tol=0.0):
            if rel_tol < 0.0 or abs_tol < 0.0:
                raise ValueError("tolerances must be non-negative")
            if a == b:
                return True
            if math.isinf(a) or math.isinf(b):
                return False
            diff = abs(b - a)
            return diff <= abs(rel_tol * b) or diff <= abs(rel_tol * a) or \
                diff <= abs_tol
        return impl


@overload(math.frexp)
def math_frexp(x):
    if _numbers(x):
        def impl(x):
            y = float(x)
            if y == 0.0 or math.isinf(y) or math.isnan(y):
                return y, 0
            e = int(math.floor(math.log2(abs(y)))) + 1
            m = math.ldexp(y, -e)
            if abs(m) >= 1.0:  # log2 rounded up: one step back
                m, e = m * 0.5, e + 1
            elif abs(m) < 0.5:
                m, e = m * 2.0, e - 1
            return m, e
        return impl


@overload(math.modf)
def math_modf(x):
    if _numbers(x):
        def impl(x):
            y = float(x)
            if math.isinf(y):
                return math.copysign(0.0, y), y
            f = math.fmod(y, 1.0)
            return f, math.copysign(y - f, y)
        return impl


@overload(math.ulp)
def math_ulp(x):
    if _numbers(x):
        def impl(x):
            y = abs(float(x))
            if math.isnan(y) or math.isinf(y):
                return y
            up = math.nextafter(y, math.inf)
            if math.isinf(up):  # the largest float: the gap below it
                return y - math.nextafter(y, 0.0)
            return up - y
        return impl


@overload(math.dist)
def math_dist(p, q):
    if isinstance(p, (types.Tuple, types.Array)) and \
            isinstance(q, (types.Tuple, types.Array)):
        def impl(p, q):
            if len(p) != len(q):
                raise ValueError("both points must have the same number of "
                                 "dimensions")
            s = 0.0
            for i in range(len(p)):
                d = p[i] - q[i]
                s += d * d
            return math.sqrt(s)
        return impl


@overload(math.prod)
def math_prod(iterable, start=1):
    if isinstance(iterable, (types.Tuple, types.Array, types.List)):
        def impl(iterable, start=1):
            r = start
            for v in iterable:
                r = r * v
            return r
        return impl
