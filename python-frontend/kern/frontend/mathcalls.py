"""`math` functions that are calls of the C math library, by name (so
that cached code links them again in every process): math.gamma
(tgamma), math.lgamma, math.remainder, math.nextafter, math.ldexp.

    >>> import kern, math
    >>> @kern.njit
    ... def f(x, n):
    ...     return math.gamma(x), math.lgamma(x), math.ldexp(x, n)
    >>> g, lg, x = f(4.5, 3)
    >>> round(g, 10), round(lg, 10), x
    (11.6317283966, 2.4537365708, 36.0)

emits `func.call @tgamma(%x) : (f64) -> f64` and so on; the functions
are declared `kern.readonly` (they write no array; errno is not read).
The rest of the `math` module written in Python is in kern/py/mathlib.py.
"""

from __future__ import annotations

import ast
from typing import Any, List

from ..types import float64, int32
from .builder import V, check_count

__all__ = ["LIBM_MATH", "libm_call"]

#: math.<name> -> (C function, number of float arguments)
LIBM_MATH = {"gamma": ("tgamma", 1), "lgamma": ("lgamma", 1),
             "remainder": ("remainder", 2), "nextafter": ("nextafter", 2),
             "ldexp": ("ldexp", 1)}  # ldexp: a float, then an int


def libm_call(fc: Any, name: str, vals: List[V], node: ast.AST) -> V:
    """`math.<name>(*vals)` as a call of the C function (in float64)."""
    cname, floats = LIBM_MATH[name]
    count = 2 if name == "ldexp" else floats
    check_count(fc, "math." + name, vals, count, count, node)
    s = fc.s
    operands = [s.cast(v, float64) for v in vals[:floats]]
    if name == "ldexp":
        if vals[1].ty.kind not in "biu":
            raise fc.typing_error("math.ldexp() needs an integer exponent",
                                  node)
        operands.append(_clamped_i32(fc, vals[1]))
    return s.call(cname, operands, float64, readonly=True)


def _clamped_i32(fc: Any, v: V) -> V:
    """An integer exponent as C's int: clamped, so that a huge exponent
    still overflows to inf or underflows to 0 as Python's ldexp does."""
    s, b = fc.s, fc.b
    v = s.cast(v, v.ty if v.ty.kind != "b" else int32)
    if v.ty.bits > 32:
        lo, hi = b.const(-(2 ** 31), v.ty), b.const(2 ** 31 - 1, v.ty)
        v = s.minmax("max", s.minmax("min", v, hi), lo)
    return s.cast(v, int32)
