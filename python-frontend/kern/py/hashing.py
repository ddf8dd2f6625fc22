"""`hash()` of numbers and tuples in compiled code, with CPython's values
(Python/pyhash.c, Objects/longobject.c, Objects/tupleobject.c): an int is
reduced modulo the Mersenne prime 2**61 - 1, a float is hashed as the
rational number it is (so hash(2.0) == hash(2)), a complex combines its
parts, a tuple its items' hashes with xxHash's rounds. `hash(s)` of a
string is kern/frontend/strings.py's.

    >>> import kern
    >>> @kern.njit
    ... def f(n, x, t):
    ...     return hash(n), hash(x), hash(t), hash(-1), hash(2.0)
    >>> f(7, 2.5, (1, 2.5)) == (hash(7), hash(2.5), hash((1, 2.5)), -2, 2)
    True
"""

from __future__ import annotations

import math

import numpy as np

from .. import types
from ..extending import overload, register_jitable

# The constants below are written out in the compiled functions: the
# modulus P = 2**61 - 1, xxHash's primes 1, 2 and 5 (1 and 2 as the int64s
# of their uint64 bits: 11400714785074694791 - 2**64, 14029467366897019727
# - 2**64), 3527539 (a tuple's length salt), and 314159 (hash(inf)).


@register_jitable
def hash_int(x):
    """CPython's hash of the int64 x."""
    if x >= 0:
        r = x % 2305843009213693951
    else:  # -(|x| mod P), with no overflow at -2**63
        r = -(((-(x + 1)) % 2305843009213693951 + 1) % 2305843009213693951)
    if r == -1:
        r = -2
    return r


@register_jitable
def hash_uint64(x):
    """CPython's hash of the uint64 x (all of it below 2**61 - 1)."""
    return x % np.uint64(2305843009213693951)


@register_jitable
def hash_float(v):
    """CPython's _Py_HashDouble: v as a rational reduced modulo 2**61 - 1
    (NaN hashes as 0, as before CPython 3.10)."""
    if math.isinf(v):
        return 314159 if v > 0 else -314159
    if math.isnan(v):
        return 0
    m, e = math.frexp(v)
    sign = 1
    if m < 0:
        sign = -1
        m = -m
    x = 0
    while m != 0.0:
        x = ((x << 28) & 2305843009213693951) | (x >> 33)
        m *= 268435456.0
        e -= 28
        y = int(m)
        m -= y
        x += y
        if x >= 2305843009213693951:
            x -= 2305843009213693951
    if e >= 0:
        e = e % 61
    else:
        e = 60 - ((-1 - e) % 61)
    x = ((x << e) & 2305843009213693951) | (x >> (61 - e))
    x = x * sign
    if x == -1:
        x = -2
    return x


@overload(hash)
def py_hash(x):
    if isinstance(x, types.Boolean):
        return lambda x: 1 if x else 0
    if isinstance(x, types.Integer) and x.kind == "u" and x.bits == 64:
        return lambda x: hash_uint64(x)
    if isinstance(x, types.Integer):
        return lambda x: hash_int(x)
    if isinstance(x, types.Float):
        return lambda x: hash_float(x)
    if isinstance(x, types.Complex):
        def impl_complex(x):
            r = hash_float(x.real) + 1000003 * hash_float(x.imag)
            if r == -1:
                r = -2
            return r
        return impl_complex
    if isinstance(x, types.Tuple) and not isinstance(x, types.NamedTuple):
        n = len(x.types)
        if n == 0:
            return lambda x: _empty_tuple_hash()
        return _tuple_impl(n)
    return None


@register_jitable
def _empty_tuple_hash():
    acc = 2870177450012600261 + (2870177450012600261 ^ 3527539)
    return acc


@register_jitable
def _xx_round(acc, lane):
    acc = acc + lane * -4417276706812531889       # _PyHASH_XXPRIME_2
    acc = (acc << 31) | ((acc >> 33) & 2147483647)  # rotate left 31
    return acc * -7046029288634856825              # _PyHASH_XXPRIME_1


def _tuple_impl(n: int):
    def impl(x):
        acc = 2870177450012600261
        for v in x:
            acc = _xx_round(acc, hash(v))
        acc = acc + (n ^ (2870177450012600261 ^ 3527539))
        if acc == -1:
            return 1546275796
        return acc
    return impl

