"""Reductions of arrays: `np.sum`, `prod`, `min`, `max`, `mean`,
`argmin`, `argmax` over all axes or one (`kern.reduce`), `np.any` /
`np.all`, and `np.cumsum` / `np.cumprod` (`kern.accumulate`), with NumPy's
result dtypes and its errors (a reduction without identity of no elements
raises ValueError). Used by calls.py for the functions and the methods.
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from ..types import Array, bool_, float64, int64, sum_type
from .builder import V
from .expressions import is_number

__all__ = ["any_all", "accumulate", "reduction"]


def any_all(fc: Any, name: str, a: Any, node: ast.AST) -> V:
    """np.any / np.all: a count of true (any) or false (all) elements."""
    if not fc.is_array(a):
        return fc.s.truth(fc.scalar(node, a))
    s = fc.s
    flag = fc.arr.ufunc([a], lambda e: s.cast(s.truth(e[0]) if name == "any"
                                              else s.not_(e[0]), int64),
                        int64)
    count = fc.arr.reduce("add", flag, int64)
    zero = fc.b.const(0, int64)
    return s.compare(">" if name == "any" else "==", count, zero)


def accumulate(fc: Any, name: str, a: Any, node: ast.AST) -> V:
    """np.cumsum / np.cumprod of a 1-D array (kern.accumulate)."""
    if not fc.is_array(a) or a.ty.ndim != 1:
        raise fc.unsupported(f"np.{name} of anything but a 1-D array", node)
    t = a.ty.dtype
    rt = sum_type(t)
    if rt is not t or a.mt != a.ty.mlir_fresh:
        a = fc.arr.fresh_copy(a, rt)
    kind = "add" if name == "cumsum" else "mul"
    ty = Array(rt, 1, "C")
    return fc.b.op(f"kern.accumulate {kind}({a} : {a.mt}) axis 0 : "
                   f"{ty.mlir_fresh}", ty, ty.mlir_fresh)


def reduction(fc: Any, name: str, a: V, axis: Any, node: ast.AST) -> Any:
    """sum/prod/min/max/mean/argmin/argmax over all axes or one axis."""
    from .creation import arg_reduction
    name = {"amin": "min", "amax": "max"}.get(name, name)
    t = a.ty.dtype
    axes = None
    if axis is not None:
        if not is_number(axis) or not isinstance(axis.value, int):
            raise fc.typing_error("axis must be a constant integer", node)
        ax = axis.value + a.ty.ndim if axis.value < 0 else axis.value
        if not 0 <= ax < a.ty.ndim:
            raise fc.typing_error(f"axis {axis.value} is out of bounds for "
                                  f"an array of dimension {a.ty.ndim}", node)
        axes = [ax]
        if a.ty.ndim == 1:
            axes = None
    if name in ("argmin", "argmax"):
        if axes is not None:
            raise fc.unsupported(f"{name} with an axis", node)
        return arg_reduction(fc, name, a, node)
    if name in ("sum", "prod"):
        rt = sum_type(t)
        return fc.arr.reduce("add" if name == "sum" else "mul", a, rt, axes)
    if name == "mean":
        rt = float64 if t.kind in "biu" else t
        total = fc.arr.reduce("add", a, rt, axes)
        if axes is None:
            n = fc.s.cast(fc.s.from_index(fc.arr.size(a)), rt)
            raising, fc.s.raising = fc.s.raising, False
            try:  # NumPy: the mean of no elements is nan, no exception
                return fc.s.binop("/", total, n, rt)
            finally:
                fc.s.raising = raising
        n = fc.s.cast(fc.s.from_index(fc.arr.dim(a, axes[0])), rt)
        return fc.arr.ufunc([total, n], lambda v: fc.s.binop(
            "/", v[0], v[1], rt), rt)
    if t.kind == "c":
        raise fc.typing_error(f"{name}() of complex values", node)
    # NumPy raises when the reduced axis (or the array) has no elements,
    # even where the result would be empty: (0, 3).max(axis=0)
    size = fc.arr.size(a) if axes is None else fc.arr.dim(a, axes[0])
    zero = fc.b.index(0)
    empty = fc.b.op(f"arith.cmpi eq, {size}, {zero} : index", bool_)
    fc.s.raise_if(empty, "ValueError", f"zero-size array to reduction "
                  f"operation {'minimum' if name == 'min' else 'maximum'} "
                  f"which has no identity")
    if t.kind == "u":  # kern.reduce min/max compare signed: flip the sign
        # bit before and after (an order-preserving map of uint64 to int64)
        return unsigned_min_max(fc, name, a, t, axes)
    return fc.arr.reduce(name, a, t, axes)


def unsigned_min_max(fc: Any, name: str, a: V, t: Any,
                     axes: Optional[list]) -> Any:
    """min/max of uint64 through the signed kern.reduce: x ^ 2**63 orders
    unsigned values as signed ones."""
    b, m = fc.b, t.mlir

    def flip(v: V) -> V:
        sign = b.const(-2 ** (t.bits - 1), t)
        return b.op(f"arith.xori {v}, {sign} : {m}", t)

    flipped = fc.arr.ufunc([a], lambda v: flip(v[0]), t)
    r = fc.arr.reduce(name, flipped, t, axes)
    if axes is None:
        return flip(r)
    return fc.arr.ufunc([r], lambda v: flip(v[0]), t)
