"""`cuda.atomic.*` in kernels (kern/frontend/gpu.py): each is one atomic
read-modify-write of an array element that returns the element's old
value, as CUDA's. Those with an LLVM atomicrmw kind are
`memref.atomic_rmw`; the others (`sub` of floats, `xor`, `inc`, `dec`,
`cas`) are `memref.generic_atomic_rmw` (a compare-and-swap loop), which
the gpu dialect lowers too::

    old = cuda.atomic.add(a, i, 1.0)
        %o = memref.atomic_rmw addf %one, %a[%i] : (f64, memref<?xf64>) -> f64
    old = cuda.atomic.inc(c, 0, n)           (c uint32)
        %o = memref.generic_atomic_rmw %c[%z] : memref<?xi32> {
        ^bb0(%cur: i32):
          %new = (%cur >= %n) ? 0 : %cur + 1
          memref.atomic_yield %new : i32
        }
"""

from __future__ import annotations

import ast
from typing import Any, Callable, List

from .builder import V

__all__ = ["atomic"]

#: name -> (kind for floats, signed ints, unsigned ints); None: generic
_RMW = {
    "add": ("addf", "addi", "addi"),
    "max": ("maxnumf", "maxs", "maxu"),
    "min": ("minnumf", "mins", "minu"),
    "exch": ("assign", "assign", "assign"),
    "and": (None, "andi", "andi"),
    "or": (None, "ori", "ori"),
}
_NAMES = ("add", "sub", "max", "min", "exch", "and", "or", "xor", "inc",
          "dec", "cas", "nanmax", "nanmin")


def atomic(fc: Any, name: str, args: list, kwargs: dict,
           node: ast.AST) -> V:
    """`cuda.atomic.<name>(ary, idx, val)` (`cas(ary, idx, old, val)`)."""
    if name not in _NAMES:
        raise fc.unsupported(f"'cuda.atomic.{name}'", node)
    want = 4 if name == "cas" else 3
    if kwargs or len(args) != want:
        raise fc.typing_error(f"cuda.atomic.{name}() takes {want} arguments",
                              node)
    a = args[0]
    if not fc.is_array(a):
        raise fc.typing_error(f"cuda.atomic.{name}(): the first argument "
                              f"must be an array", node)
    from .gpu import index_values
    from .arrays import check_writable
    check_writable(a)
    idx = index_values(fc, a, args[1], node)
    t = a.ty.dtype
    kind = t.kind
    if kind not in "iuf":
        raise fc.typing_error(f"cuda.atomic.{name}() of a {t} array (CUDA "
                              f"has atomics of integers and floats)", node)
    if kind == "f" and name in ("and", "or", "xor", "inc", "dec"):
        raise fc.typing_error(f"cuda.atomic.{name}() of a {t} array (only "
                              f"of integers)", node)
    if kind != "u" and name in ("inc", "dec"):
        raise fc.typing_error(f"cuda.atomic.{name}() of a {t} array (only "
                              f"of uint32 and uint64, as CUDA)", node)
    vals = [fc.s.cast(fc.scalar(node, v), t) for v in args[2:]]
    b = fc.b
    where = f"{a}[{', '.join(i.name for i in idx)}]"
    if name in ("nanmax", "nanmin"):
        name = name[3:]
        if kind == "f":  # NaN wins: maximumf / minimumf
            return b.op(f"memref.atomic_rmw {name}imumf {vals[0]}, {where} : "
                        f"({t.mlir}, {a.mt}) -> {t.mlir}", t)
    col = "fiu".index(kind)
    rmw = _RMW.get(name, (None,) * 3)[col]
    if name == "sub" and kind != "f":
        zero = b.const(0, t)
        neg = b.op(f"arith.subi {zero}, {vals[0]} : {t.mlir}", t)
        return b.op(f"memref.atomic_rmw addi {neg}, {where} : "
                    f"({t.mlir}, {a.mt}) -> {t.mlir}", t)
    if rmw is not None:
        return b.op(f"memref.atomic_rmw {rmw} {vals[0]}, {where} : "
                    f"({t.mlir}, {a.mt}) -> {t.mlir}", t)
    return _generic(fc, a, where, t, lambda cur: _update(fc, name, cur, vals))


def _update(fc: Any, name: str, cur: V, vals: List[V]) -> V:
    """The new value of a generic atomic from the current one."""
    b, t = fc.b, cur.ty
    m = t.mlir
    if name == "sub":
        return b.op(f"arith.subf {cur}, {vals[0]} : {m}", t)
    if name == "xor":
        return b.op(f"arith.xori {cur}, {vals[0]} : {m}", t)
    one, zero = b.const(1, t), b.const(0, t)
    from ..types import bool_
    if name == "inc":  # cur >= val ? 0 : cur + 1
        ge = b.op(f"arith.cmpi uge, {cur}, {vals[0]} : {m}", bool_)
        up = b.op(f"arith.addi {cur}, {one} : {m}", t)
        return b.op(f"arith.select {ge}, {zero}, {up} : {m}", t)
    if name == "dec":  # cur == 0 or cur > val ? val : cur - 1
        z = b.op(f"arith.cmpi eq, {cur}, {zero} : {m}", bool_)
        gt = b.op(f"arith.cmpi ugt, {cur}, {vals[0]} : {m}", bool_)
        wrap = b.op(f"arith.ori {z}, {gt} : i1", bool_)
        down = b.op(f"arith.subi {cur}, {one} : {m}", t)
        return b.op(f"arith.select {wrap}, {vals[0]}, {down} : {m}", t)
    # cas: cur == old ? val : cur
    cmp = "arith.cmpf oeq" if t.kind == "f" else "arith.cmpi eq"
    eq = b.op(f"{cmp}, {cur}, {vals[0]} : {m}", bool_)
    return b.op(f"arith.select {eq}, {vals[1]}, {cur} : {m}", t)


def _generic(fc: Any, a: V, where: str, t: Any,
             update: Callable[[V], V]) -> V:
    b = fc.b
    result = b.fresh("old")
    cur = V(b.fresh("cur"), t, t.mlir)
    b.emit(f"{result} = memref.generic_atomic_rmw {where} : {a.mt} {{")
    b.emit(f"^bb0({cur}: {t.mlir}):")
    new = update(cur)
    b.emit(f"memref.atomic_yield {new} : {t.mlir}")
    b.emit("}")
    return V(result, t, t.mlir)
