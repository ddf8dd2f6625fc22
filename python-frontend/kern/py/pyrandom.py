"""Python's `random` module in compiled code, with CPython's generator,
seeding and algorithms (as Numba: `random.seed(n)` then draws give the
numbers CPython gives after the same seed), on a state of its own per
thread, apart from NumPy's:

    >>> import kern, random
    >>> @kern.njit
    ... def draws():
    ...     random.seed(3)
    ...     return random.random(), random.randint(1, 6), random.gauss(0, 1)
    >>> random.seed(3)
    >>> draws() == (random.random(), random.randint(1, 6), random.gauss(0, 1))
    True

The generator lives in kern's runtime (lib/Runtime/Random.c: seed,
32-bit words, random(), gauss()); the rest is CPython's Python code
(Lib/random.py of 3.11) compiled by kern. As in Numba, seeding from Python
does not seed compiled code.
"""

from __future__ import annotations

import math
import random

from .. import types
from ..extending import overload, register_jitable

_seed = types.ExternalFunction("kern_rt_pyrandom_seed",
                               types.void(types.int64))
_bits32 = types.ExternalFunction("kern_rt_pyrandom_bits32", types.uint32())
_random = types.ExternalFunction("kern_rt_pyrandom_random", types.float64())
_gauss = types.ExternalFunction("kern_rt_pyrandom_gauss", types.float64())

_TWOPI = 2.0 * math.pi
_NV_MAGICCONST = 4 * math.exp(-0.5) / math.sqrt(2.0)
_LOG4 = math.log(4.0)
_SG_MAGICCONST = 1.0 + math.log(4.5)


def _real(*ts):
    """Real numbers (types, or a default's Python number)."""
    return all(isinstance(t, (types.Integer, types.Float, types.Boolean,
                              int, float)) for t in ts)


def _int(*ts):
    return all(isinstance(t, (types.Integer, types.Boolean, int))
               for t in ts)


@register_jitable
def _getrandbits(k):
    if k < 0:
        raise ValueError("number of bits must be non-negative")
    if k > 63:
        raise OverflowError("kern: getrandbits() of more than 63 bits "
                            "(kern's integers are int64)")
    if k <= 32:
        return int(_bits32()) >> (32 - k) if k > 0 else 0
    low = int(_bits32())  # CPython: the words from the lowest up
    return low | ((int(_bits32()) >> (64 - k)) << 32)


@register_jitable
def _randbelow(n):
    k = 0
    m = n
    while m:
        k += 1
        m >>= 1
    r = _getrandbits(k)
    while r >= n:
        r = _getrandbits(k)
    return r


@overload(random.seed)
def py_seed(a=None, version=2):
    if _int(a):
        def impl(a=None, version=2):
            _seed(a)
        return impl


@overload(random.random)
def py_random():
    return lambda: _random()


@overload(random.getrandbits)
def py_getrandbits(k):
    if _int(k):
        return lambda k: _getrandbits(k)


@overload(random.randrange)
def py_randrange(start, stop=None, step=1):
    if not _int(start) or not (stop is None or isinstance(
            stop, types.NoneType) or _int(stop)) or not _int(step):
        return None

    def impl(start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return _randbelow(start)
            raise ValueError("empty range for randrange()")
        width = stop - start
        if step == 1:
            if width > 0:
                return start + _randbelow(width)
            raise ValueError("empty range for randrange()")
        if step > 0:
            n = (width + step - 1) // step
        elif step < 0:
            n = (width + step + 1) // step
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return start + step * _randbelow(n)
    return impl


@overload(random.randint)
def py_randint(a, b):
    if _int(a, b):
        def impl(a, b):
            width = b + 1 - a
            if width <= 0:
                raise ValueError("empty range for randrange()")
            return a + _randbelow(width)
        return impl


@overload(random.uniform)
def py_uniform(a, b):
    if _real(a, b):
        return lambda a, b: a + (b - a) * _random()


@overload(random.triangular)
def py_triangular(low=0.0, high=1.0, mode=None):
    def impl(low=0.0, high=1.0, mode=None):
        u = _random()
        if high == low:
            return low + 0.0
        c = 0.5 if mode is None else (mode - low) / (high - low)
        lo, hi = low + 0.0, high + 0.0
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            lo, hi = hi, lo
        return lo + (hi - lo) * math.sqrt(u * c)
    return impl


@register_jitable
def _normalvariate(mu, sigma):
    while True:
        u1 = _random()
        u2 = 1.0 - _random()
        z = _NV_MAGICCONST * (u1 - 0.5) / u2
        zz = z * z / 4.0
        if zz <= -math.log(u2):
            break
    return mu + z * sigma


@overload(random.normalvariate)
def py_normalvariate(mu=0.0, sigma=1.0):
    return lambda mu=0.0, sigma=1.0: _normalvariate(mu, sigma)


@overload(random.gauss)
def py_gauss(mu=0.0, sigma=1.0):
    return lambda mu=0.0, sigma=1.0: mu + _gauss() * sigma


@overload(random.lognormvariate)
def py_lognormvariate(mu, sigma):
    return lambda mu, sigma: math.exp(_normalvariate(mu, sigma))


@overload(random.expovariate)
def py_expovariate(lambd=1.0):
    return lambda lambd=1.0: -math.log(1.0 - _random()) / lambd


@overload(random.vonmisesvariate)
def py_vonmisesvariate(mu, kappa):
    def impl(mu, kappa):
        if kappa <= 1e-6:
            return _TWOPI * _random()
        s = 0.5 / kappa
        r = s + math.sqrt(1.0 + s * s)
        while True:
            u1 = _random()
            z = math.cos(math.pi * u1)
            d = z / (r + z)
            u2 = _random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * math.exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        u3 = _random()
        if u3 > 0.5:
            return (mu + math.acos(f)) % _TWOPI
        return (mu - math.acos(f)) % _TWOPI
    return impl


@register_jitable
def _gammavariate(alpha, beta):
    if alpha <= 0.0 or beta <= 0.0:
        raise ValueError("gammavariate: alpha and beta must be > 0.0")
    if alpha > 1.0:
        ainv = math.sqrt(2.0 * alpha - 1.0)
        bbb = alpha - _LOG4
        ccc = alpha + ainv
        while True:
            u1 = _random()
            if not 1e-7 < u1 < 0.9999999:
                continue
            u2 = 1.0 - _random()
            v = math.log(u1 / (1.0 - u1)) / ainv
            x = alpha * math.exp(v)
            z = u1 * u1 * u2
            r = bbb + ccc * v - x
            if r + _SG_MAGICCONST - 4.5 * z >= 0.0 or r >= math.log(z):
                return x * beta
    if alpha == 1.0:
        return -math.log(1.0 - _random()) * beta
    while True:
        u = _random()
        b = (math.e + alpha) / math.e
        p = b * u
        if p <= 1.0:
            x = p ** (1.0 / alpha)
        else:
            x = -math.log((b - p) / alpha)
        u1 = _random()
        if p > 1.0:
            if u1 <= x ** (alpha - 1.0):
                break
        elif u1 <= math.exp(-x):
            break
    return x * beta


@overload(random.gammavariate)
def py_gammavariate(alpha, beta):
    return lambda alpha, beta: _gammavariate(alpha, beta)


@overload(random.betavariate)
def py_betavariate(alpha, beta):
    def impl(alpha, beta):
        y = _gammavariate(alpha, 1.0)
        if y:
            return y / (y + _gammavariate(beta, 1.0))
        return 0.0
    return impl


@overload(random.paretovariate)
def py_paretovariate(alpha):
    return lambda alpha: (1.0 - _random()) ** (-1.0 / alpha)


@overload(random.weibullvariate)
def py_weibullvariate(alpha, beta):
    return lambda alpha, beta: alpha * (-math.log(1.0 - _random())) ** (
        1.0 / beta)


@overload(random.shuffle)
def py_shuffle(x):
    if isinstance(x, (types.Array, types.List)):
        def impl(x):
            for i in range(len(x) - 1, 0, -1):
                j = _randbelow(i + 1)
                x[i], x[j] = x[j], x[i]
        return impl


@overload(random.choice)
def py_choice(seq):
    if isinstance(seq, (types.Array, types.List, types.Tuple)):
        def impl(seq):
            if len(seq) == 0:
                raise IndexError("Cannot choose from an empty sequence")
            return seq[_randbelow(len(seq))]
        return impl
