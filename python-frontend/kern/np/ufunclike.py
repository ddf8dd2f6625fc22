"""Ufunc-like NumPy functions on integers and powers: np.gcd, np.lcm,
np.reciprocal of integers, np.float_power, np.divmod, np.exp2 of
complex numbers. Scalars and arrays broadcast as NumPy's ufuncs, with
NumPy's result dtypes (`result_dtype`).

Loops that are not array expressions (Euclid's algorithm) are scalar
kernels made `kern.vectorize` functions: inside compiled code each call
is a `kern.ufunc` whose region is the kernel's body (a loop of its own:
kern-fuse leaves bodies with loops alone); the others are array
expressions, fused with their neighbours.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a, b):
    ...     return np.gcd(a, b), np.lcm(a, 4), np.divmod(a, b)
    >>> f(np.array([12, -18, 7]), np.array([8, 12, 3]))
    (array([4, 6, 1]), array([12, 36, 28]), (array([ 1, -2,  2]), array([4, 6, 1])))
"""

from __future__ import annotations

import math

import numpy as np

from .. import types
from ..extending import overload
from ..types import promote, promote_with_scalar, unliteral
from ..vectorize import vectorize
from .common import is_array, is_number

__all__ = ["result_dtype", "cast", "numeric"]


def numeric(x):
    return is_array(x) or is_number(x)


def _dtype(x):
    return x.dtype if is_array(x) else unliteral(x)


def result_dtype(*xs):
    """NumPy's result dtype of a ufunc over `xs` (kern types): arrays'
    dtypes promote, numbers are weak next to arrays."""
    arrays = [x.dtype for x in xs if is_array(x)]
    numbers = [unliteral(x) for x in xs if not is_array(x)]
    if not arrays:
        t = numbers[0]
        for u in numbers[1:]:
            t = promote(t, u)
        return t
    t = arrays[0]
    for u in arrays[1:]:
        t = promote(t, u)
    for u in numbers:
        t = promote_with_scalar(t, u)
    return t


def cast(x, ft):
    """`x` (array or number) converted to the NumPy type `ft`; compiled
    code only."""
    raise NotImplementedError("kern.np.ufunclike.cast is compiled only")


@overload(cast)
def _cast(x, ft):
    if is_array(x):
        return lambda x, ft: x.astype(ft)
    if is_number(x):
        return lambda x, ft: ft(x)


# ---- integers ------------------------------------------------------------------

@vectorize
def gcd_kernel(a, b):
    a = abs(a)
    b = abs(b)
    while b != 0:
        a, b = b, a % b
    return a


@vectorize
def lcm_kernel(a, b):
    g = abs(a)
    h = abs(b)
    while h != 0:
        g, h = h, g % h
    if g == 0:
        return g
    return abs(a // g * b)


def _integer_pair(kernel):
    def typer(x1, x2):
        if not (numeric(x1) and numeric(x2)):
            return None
        t = result_dtype(x1, x2)
        if not isinstance(t, types.Integer) or isinstance(t, types.Boolean):
            return None
        ft = t.np.type  # the kernel's arithmetic may widen: cast back
        return lambda x1, x2: cast(kernel(cast(x1, ft), cast(x2, ft)), ft)
    return typer


overload(np.gcd)(_integer_pair(gcd_kernel))
overload(np.lcm)(_integer_pair(lcm_kernel))


@vectorize
def reciprocal_kernel(x):
    if x == 1:
        return x
    if x < 0 and x + 1 == 0:  # -1 of a signed type
        return x
    return x - x


@overload(np.reciprocal)
def np_reciprocal(x):
    """np.reciprocal of integers: NumPy's integer 1 // x (1 and -1 stay,
    every other value is 0; kern gives 0 for 0 too); booleans as int8.
    Floats and complex numbers are the frontend's `1.0 / x`."""
    if not numeric(x):
        return None
    t = _dtype(x)
    if isinstance(t, types.Boolean):
        return lambda x: cast(reciprocal_kernel(cast(x, np.int8)), np.int8)
    if isinstance(t, types.Integer):
        ft = t.np.type
        return lambda x: cast(reciprocal_kernel(x), ft)


# ---- powers and quotients --------------------------------------------------------

@overload(np.float_power)
def np_float_power(x1, x2):
    """x1 ** x2 computed in float64 (complex128 for complex input), as
    NumPy: a negative base with a fractional exponent is NaN."""
    if not (numeric(x1) and numeric(x2)):
        return None
    complex_ = isinstance(_dtype(x1), types.Complex) or isinstance(
        _dtype(x2), types.Complex)
    ft = np.complex128 if complex_ else np.float64
    return lambda x1, x2: np.power(cast(x1, ft), cast(x2, ft))


@overload(np.divmod)
def np_divmod(x1, x2):
    """(np.floor_divide(x1, x2), np.remainder(x1, x2))."""
    if numeric(x1) and numeric(x2) and not (
            isinstance(_dtype(x1), types.Complex) or
            isinstance(_dtype(x2), types.Complex)):
        return lambda x1, x2: (np.floor_divide(x1, x2),
                               np.remainder(x1, x2))


_LN2 = math.log(2.0)


@overload(np.exp2)
def np_exp2(x):
    """2 ** x of complex numbers, exp(x ln 2); real x is the frontend's."""
    if numeric(x) and isinstance(_dtype(x), types.Complex):
        return lambda x: np.exp(x * _LN2)
