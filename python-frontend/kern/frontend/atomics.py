"""`cuda.atomic.*` in kernels (kern/frontend/gpu.py): each is one atomic
read-modify-write of an array element that returns the element's old
value, as CUDA's. Those with an LLVM atomicrmw kind are
`memref.atomic_rmw`; the others (`xor`, `inc`, `dec`, `cas`, of integers)
call the runtime's compare-and-swap loop on the element's address
(`kern_rt_cuda_atomic32/64`, lib/Runtime/CudaHost.c; buffer deallocation
refuses memref.generic_atomic_rmw and llvm.cmpxchg)::

    old = cuda.atomic.add(a, i, 1.0)
        %o = memref.atomic_rmw addf %one, %a[%i] : (f64, memref<?xf64>) -> f64
    old = cuda.atomic.inc(c, 0, n)           (c uint32)
        %p = llvm.inttoptr (address of c[0]) : i64 to !llvm.ptr
        %o = func.call @kern_rt_cuda_atomic32(%c1, %p, %n, %n)
            : (i32, !llvm.ptr, i32, i32) -> i32
"""

from __future__ import annotations

import ast
from typing import Any, List

from ..types import int64
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
    if name == "sub":  # x - y is x + (-y) exactly
        neg = b.op(f"arith.negf {vals[0]} : {t.mlir}", t)
        return b.op(f"memref.atomic_rmw addf {neg}, {where} : "
                    f"({t.mlir}, {a.mt}) -> {t.mlir}", t)
    if kind == "f":
        raise fc.typing_error(f"cuda.atomic.{name}() of a {t} array (only "
                              f"of integers)", node)
    return _generic(fc, name, a, idx, t, vals, node)


_GENERIC_OPS = {"xor": 0, "inc": 1, "dec": 2, "cas": 3}


def _generic(fc: Any, name: str, a: V, idx: List[V], t: Any,
             vals: List[V], node: ast.AST) -> V:
    """`kern_rt_cuda_atomic32/64(op, address, a, b)`: a compare-and-swap
    loop in the runtime (lib/Runtime/CudaHost.c), returning the value it
    replaced."""
    if t.bits not in (32, 64):
        raise fc.typing_error(f"cuda.atomic.{name}() of a {t} array (CUDA "
                              f"has it for 32- and 64-bit integers)", node)
    b = fc.b
    base, offset, _, strides = fc.arr.metadata(a)
    lin = offset
    for i, st in zip(idx, strides):
        term = b.op(f"arith.muli {i}, {st} : index", int64, "index")
        lin = b.op(f"arith.addi {lin}, {term} : index", int64, "index")
    size = b.index(t.bits // 8)
    byte = b.op(f"arith.muli {lin}, {size} : index", int64, "index")
    start = b.op(f"memref.extract_aligned_pointer_as_index {base} : "
                 f"{base.mt} -> index", int64, "index")
    addr = b.op(f"arith.addi {start}, {byte} : index", int64, "index")
    a64 = b.op(f"arith.index_cast {addr} : index to i64", int64)
    ptr = b.op(f"llvm.inttoptr {a64} : i64 to !llvm.ptr", int64, "!llvm.ptr")
    m = t.mlir
    fn = f"kern_rt_cuda_atomic{t.bits}"
    fc.module.externs[fn] = f"(i32, !llvm.ptr, {m}, {m}) -> {m}"
    op = b.const(_GENERIC_OPS[name], _i32())
    second = vals[1] if len(vals) > 1 else vals[0]
    return b.op(f"func.call @{fn}({op}, {ptr}, {vals[0]}, {second}) : "
                f"(i32, !llvm.ptr, {m}, {m}) -> {m}", t)


def _i32() -> Any:
    from ..types import int32
    return int32
