"""NumPy's elementwise math functions by name on scalars and arrays
(`np.sqrt`, `np.abs`, `np.sign`, `np.conj`, `np.arctan2`, ...): one scalar
function, applied to numbers directly and to arrays as a kern.ufunc (fused
with its neighbours by kern-fuse).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.sign(a), np.sqrt(4.0)
    >>> f(np.array([-2.0, 0.0, 3.0]))
    (array([-1.,  0.,  1.]), 2.0)
"""

from __future__ import annotations

import ast
from typing import Any, Callable, List

from ..types import Scalar, bool_, int64
from .builder import V, check_count
from .scalars import MATH_UNARY

__all__ = ["ufunc_call", "result_type", "sign", "conj"]


def ufunc_call(fc: Any, name: str, args: list, node: ast.AST) -> Any:
    """np.<math function> on scalars or arrays (a kern.ufunc for arrays)."""
    s = fc.s
    if name == "absolute":
        name = "abs"
    nin = 1 if name in MATH_UNARY or name in (
        "abs", "isnan", "isinf", "isfinite", "square", "negative", "sign",
        "logical_not", "conj", "conjugate", "real", "imag") else 2
    check_count(fc, "np." + name, args, nin, nin, node)

    def scalar_fn(a: List[V]) -> V:
        if name == "abs":
            return s.abs(a[0])
        if name in ("isnan", "isinf", "isfinite"):
            if a[0].ty.kind in "biu":
                return fc.b.const(name == "isfinite", bool_)
            return s.classify(name, a[0])
        if name == "square":
            return s.binop("*", a[0], a[0], a[0].ty if a[0].ty.kind != "b"
                           else int64)
        if name == "negative":
            return s.neg(a[0])
        if name == "logical_not":
            return s.not_(a[0])
        if name == "sign":
            return sign(fc, a[0])
        if name in ("conj", "conjugate"):
            return conj(fc, a[0])
        if name in ("real", "imag"):
            return s.re(a[0]) if name == "real" else s.im(a[0])
        if nin == 1:
            return s.math1(name, a[0], numpy=True)
        return s.math2(name, a[0], a[1])

    if not any(fc.is_array(a) for a in args):
        return scalar_fn([fc.scalar(node, a) for a in args])
    if nin == 2:
        t = fc.elementwise_type(args, node)
        ops = fc.array_operands(args, node, t)
        probe = scalar_fn  # computed in the promoted type
        rt = result_type(fc, lambda a: probe([s.cast(a[0], t),
                                               s.cast(a[1], t)]), [t, t])
        return fc.arr.ufunc(ops, lambda a: probe([s.cast(a[0], t),
                                                  s.cast(a[1], t)]), rt)
    ops = fc.array_operands(args, node, args[0].ty.dtype)
    rt = result_type(fc, scalar_fn, [ops[0].ty.dtype])
    return fc.arr.ufunc(ops, scalar_fn, rt)


def result_type(fc: Any, fn: Callable, types: List[Scalar]) -> Scalar:
    """The scalar type `fn` returns for arguments of `types` (dry run)."""
    args = [V(f"%probe{i}", t, t.mlir) for i, t in enumerate(types)]
    raising, fc.s.raising = fc.s.raising, False
    try:
        r, _ = fc.b.capture(lambda: fn(args))
    finally:
        fc.s.raising = raising
    return r.ty


def sign(fc: Any, x: V) -> V:
    s, b = fc.s, fc.b
    t = x.ty
    if t.kind in "Mm":
        from .datetimes import sign as timedelta_sign
        return timedelta_sign(s, x)
    zero = b.const(0, t)
    pos = s.cast(s.compare(">", x, zero), t)
    neg = s.cast(s.compare("<", x, zero), t)
    r = s.binop("-", pos, neg, t)
    if t.kind == "f":  # NaN stays NaN
        nan = b.op(f"arith.cmpf uno, {x}, {x} : {t.mlir}", bool_)
        r = s.select(nan, x, r)
    return r


def conj(fc: Any, x: V) -> Any:
    if fc.is_array(x):
        return fc.arr.ufunc([x], lambda a: conj(fc, a[0]), x.ty.dtype)
    if x.ty.kind != "c":
        return x
    re, im = fc.s.re(x), fc.s.neg(fc.s.im(x))
    return fc.b.op(f"complex.create {re}, {im} : {x.ty.mlir}", x.ty)


