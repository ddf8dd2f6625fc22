"""NumPy ufuncs that are Python operators, or one line of them, by name:
np.greater(x, y) is `x > y`, np.bitwise_and `&`, np.invert `~`,
np.deg2rad(x) `x * (pi / 180)`, np.reciprocal(x) `1.0 / x` (of floats:
kern/np/ufunclike.py has the integers'), np.signbit(x)
the float's sign bit (of -0.0 and NaN too), on arrays (one
kern.ufunc, fused with its neighbours) and on scalars.
"""

from __future__ import annotations

import ast
import math
from typing import Any

from ..types import bool_, int64
from .builder import Const, V, check_count


# NumPy ufuncs that are Python operators (or one line of them), by name.
_COMPARISONS = {"greater": ">", "greater_equal": ">=", "less": "<",
                "less_equal": "<=", "equal": "==", "not_equal": "!="}
_BITWISE = {"bitwise_and": "&", "bitwise_or": "|", "bitwise_xor": "^",
            "left_shift": "<<", "right_shift": ">>"}
NAMED = set(_COMPARISONS) | set(_BITWISE) | {
    "invert", "bitwise_not", "deg2rad", "radians", "rad2deg", "degrees",
    "reciprocal", "signbit"}


def named(fc: Any, name: str, args: list, node: ast.AST) -> Any:
    """np.greater(x, y) as `x > y`, np.bitwise_and as `&`, np.invert as
    `~`, np.deg2rad(x) as `x * (pi / 180)`, ... on arrays and scalars."""
    unary = name in ("invert", "bitwise_not", "deg2rad", "radians",
                     "rad2deg", "degrees", "reciprocal", "signbit")
    check_count(fc, "np." + name, args, 1 if unary else 2,
                1 if unary else 2, node)
    x = args[0]

    def compare(op: str, a: Any, b: Any) -> Any:
        if fc.is_array(a) or fc.is_array(b):
            return fc.array_binary(op, a, b, node)
        return fc.s.compare(op, fc.scalar(node, a), fc.scalar(node, b))
    if name in _COMPARISONS:
        return compare(_COMPARISONS[name], x, args[1])
    if name in _BITWISE:
        return fc.binary(_BITWISE[name], x, args[1], node)
    if name in ("invert", "bitwise_not"):
        if fc.is_array(x):
            return fc.arr.ufunc([x], lambda a: fc.s.invert(a[0]), x.ty.dtype)
        return fc.s.invert(fc.scalar(node, x))
    if name == "signbit":
        if fc.is_array(x):
            return fc.arr.ufunc([x], lambda a: _sign_bit(fc, a[0]), bool_)
        return _sign_bit(fc, fc.scalar(node, x))
    factor = {"deg2rad": math.pi / 180, "radians": math.pi / 180,
              "rad2deg": 180 / math.pi, "degrees": 180 / math.pi}.get(name)
    if factor is not None:
        return fc.binary("*", x, Const(factor), node)
    return fc.binary("/", Const(1.0), x, node)  # reciprocal


def _sign_bit(fc: Any, v: V) -> V:
    """The sign bit of a float (of -0.0 and NaN too); `v < 0` of an
    integer."""
    if v.ty.kind in "biu":
        return fc.s.compare("<", v, fc.b.const(0, v.ty))
    bits = f"i{v.ty.bits}"
    n = fc.b.op(f"arith.bitcast {v} : {v.ty.mlir} to {bits}", int64, bits)
    zero = fc.b.op(f"arith.constant 0 : {bits}", int64, bits)
    return fc.b.op(f"arith.cmpi slt, {n}, {zero} : {bits}", bool_)
