"""Warp functions, block votes and CUDA's bit and float intrinsics in
kernels (`cuda.shfl_down_sync`, `cuda.ballot_sync`, `cuda.syncthreads_count`,
`cuda.popc`, `cuda.fma`, ...), for kern/frontend/gpu.py. The warp ops and
the voting barrier are the kern dialect's (include/kern/KernOps.td, lowered
by convert-kern-gpu-to-host to the CPU target's runtime, and 1:1 to NVVM);
the bit functions are `math`/`llvm` intrinsics, the same on every target::

    v = cuda.shfl_down_sync(m, v, 16)   %r = kern.shuffle down %v, %d, %m : f32
    b = cuda.ballot_sync(m, x > 0)      %b = kern.vote ballot %m, %p : i32
    n = cuda.syncthreads_count(p)       %n = kern.barrier_reduce popc %p : i32
    k = cuda.popc(b)                    %k = math.ctpop %b : i32

Types follow Numba-CUDA: the shuffles keep int32, int64, uint32, uint64,
float32 and float64 values (smaller integers and booleans become int32);
`ballot_sync`, `match_any_sync` and the block votes give int32,
`all_sync`/`any_sync` a bool, `activemask`/`lanemask_lt`/`ffs` uint32;
`popc`/`clz` keep their integer type, `brev` gives uint32 or uint64.

    >>> import numpy as np
    >>> from kern import cuda
    >>> @cuda.jit
    ... def warp_total(x, out):
    ...     v = x[cuda.threadIdx.x]
    ...     off = 16
    ...     while off > 0:
    ...         v += cuda.shfl_down_sync(0xffffffff, v, off)
    ...         off //= 2
    ...     if cuda.laneid == 0:
    ...         out[cuda.threadIdx.x // 32] = v
    >>> out = np.zeros(2)
    >>> warp_total[1, 64](np.arange(64.0), out)
    >>> out
    array([ 496., 1520.])
"""

from __future__ import annotations

import ast
from typing import Any

from ..types import (Scalar, bool_, float32, float64, int32, promote,
                     uint32, uint64)
from .builder import Const, TupleVal, V

__all__ = ["WARP_NAMES", "call_warp"]

_SHUFFLES = {"shfl_sync": "idx", "shfl_up_sync": "up",
             "shfl_down_sync": "down", "shfl_xor_sync": "xor"}
_VOTES = {"all_sync": "all", "any_sync": "any", "ballot_sync": "ballot"}
_BLOCK_VOTES = {"syncthreads_count": "popc", "syncthreads_and": "and",
                "syncthreads_or": "or"}
_MATCHES = {"match_any_sync": "any", "match_all_sync": "all"}
_BITS = ("popc", "clz", "ffs", "brev")

#: the names of kern.cuda this module compiles
WARP_NAMES = frozenset(list(_SHUFFLES) + list(_VOTES) + list(_BLOCK_VOTES) +
                       list(_MATCHES) + list(_BITS) +
                       ["activemask", "lanemask_lt", "syncwarp", "fma",
                        "cbrt"])

_ARITY = {**{n: 3 for n in _SHUFFLES}, **{n: 2 for n in _VOTES},
          **{n: 1 for n in _BLOCK_VOTES}, **{n: 2 for n in _MATCHES},
          **{n: 1 for n in _BITS}, "activemask": 0, "lanemask_lt": 0,
          "fma": 3, "cbrt": 1}


def call_warp(fc: Any, name: str, args: list, kwargs: dict,
              node: ast.AST) -> Any:
    """Emit `cuda.<name>(*args)` (a name of WARP_NAMES)."""
    if name == "syncwarp":  # syncwarp(mask=0xffffffff)
        if "mask" in kwargs:
            args = args + [kwargs.pop("mask")]
        if kwargs or len(args) > 1:
            raise fc.typing_error("cuda.syncwarp() takes an optional mask",
                                  node)
        mask = _mask(fc, args[0], node) if args else _full(fc)
        fc.b.emit(f"kern.warp_sync {mask}")
        return Const(None)
    if kwargs or len(args) != _ARITY[name]:
        n = _ARITY[name]
        raise fc.typing_error(f"cuda.{name}() takes {n} argument"
                              f"{'' if n == 1 else 's'}", node)
    b = fc.b
    if name in _SHUFFLES:
        mask = _mask(fc, args[0], node)
        value = _shuffled(fc, name, args[1], node)
        off = fc.s.cast(_integer(fc, name, args[2], node), int32)
        return b.op(f"kern.shuffle {_SHUFFLES[name]} {value}, {off}, {mask} "
                    f": {value.ty.mlir}", value.ty)
    if name in _VOTES:
        mask = _mask(fc, args[0], node)
        pred = fc.s.truth(fc.scalar(node, args[1]))
        ty = int32 if name == "ballot_sync" else bool_
        return b.op(f"kern.vote {_VOTES[name]} {mask}, {pred} : {ty.mlir}",
                    ty)
    if name in _BLOCK_VOTES:
        pred = fc.s.cast(fc.s.truth(fc.scalar(node, args[0])), int32)
        return b.op(f"kern.barrier_reduce {_BLOCK_VOTES[name]} {pred} : i32",
                    int32)
    if name in _MATCHES:
        mask = _mask(fc, args[0], node)
        value = _shuffled(fc, name, args[1], node)
        m = b.op(f"kern.match {_MATCHES[name]} {mask}, {value} : "
                 f"{value.ty.mlir}", int32)
        if name == "match_any_sync":
            return m
        zero = b.const(0, int32)
        pred = b.op(f"arith.cmpi ne, {m}, {zero} : i32", bool_)
        return TupleVal((m, pred))
    if name == "activemask":
        return V(b.op("kern.active_mask : i32", int32).name, uint32, "i32")
    if name == "lanemask_lt":
        return _lanemask_lt(fc)
    if name in _BITS:
        return _bits(fc, name, _integer(fc, name, args[0], node))
    if name == "cbrt":
        x = _float(fc, name, [args[0]], node)[0]
        return fc.s.math1("cbrt", x)
    xs = _float(fc, name, args, node)  # fma
    t = xs[0].ty
    return b.op(f"math.fma {xs[0]}, {xs[1]}, {xs[2]} : {t.mlir}", t)


def _full(fc: Any) -> V:
    return fc.b.const(-1, int32)


def _mask(fc: Any, v: Any, node: ast.AST) -> V:
    """A lane mask as an i32 (0xffffffff, an int64 constant, is -1)."""
    return fc.s.cast(_integer(fc, "the mask of a warp function", v, node,
                              plain=True), int32)


def _integer(fc: Any, name: str, v: Any, node: ast.AST,
             plain: bool = False) -> V:
    x = fc.scalar(node, v)
    if not isinstance(x.ty, Scalar) or x.ty.kind not in "iub":
        what = name if plain else f"the argument of cuda.{name}()"
        raise fc.typing_error(f"{what} must be an integer, not {x.ty}", node)
    return fc.s.cast(x, int32) if x.ty.kind == "b" else x


def _shuffled(fc: Any, name: str, v: Any, node: ast.AST) -> V:
    """The value of a shuffle or match: 32- and 64-bit integers and floats
    as they are, smaller integers and booleans as int32."""
    x = fc.scalar(node, v)
    t = x.ty
    if isinstance(t, Scalar) and t.kind in "iub" and t.bits < 32:
        return fc.s.cast(x, int32)
    if isinstance(t, Scalar) and t.kind in "iuf" and t.bits in (32, 64):
        return x
    raise fc.typing_error(f"cuda.{name}() of a {t} value (CUDA's warp "
                          f"functions take 32- and 64-bit integers and "
                          f"floats)", node)


def _float(fc: Any, name: str, args: list, node: ast.AST) -> list:
    xs = [fc.scalar(node, a) for a in args]
    for x in xs:
        if not isinstance(x.ty, Scalar) or x.ty.kind not in "iubf":
            raise fc.typing_error(f"cuda.{name}() of a {x.ty} (it takes "
                                  f"floats)", node)
    t = xs[0].ty
    for x in xs[1:]:
        t = promote(t, x.ty)
    t = t if t in (float32, float64) else float64
    return [fc.s.cast(x, t) for x in xs]


def _bits(fc: Any, name: str, x: V) -> V:
    b, t = fc.b, x.ty
    m = t.mlir
    if name == "popc":
        return b.op(f"math.ctpop {x} : {m}", t)
    if name == "clz":
        return b.op(f"math.ctlz {x} : {m}", t)
    if name == "brev":  # uint32 or uint64, as Numba's
        u = uint32 if t.bits <= 32 else uint64
        x = fc.s.cast(x, u)
        return b.op(f"llvm.intr.bitreverse({x}) : ({u.mlir}) -> {u.mlir}", u)
    # ffs: the 1-based position of the lowest set bit, 0 for 0
    tz = b.op(f"math.cttz {x} : {m}", t)
    one, zero = b.const(1, t), b.const(0, t)
    pos = b.op(f"arith.addi {tz}, {one} : {m}", t)
    is0 = b.op(f"arith.cmpi eq, {x}, {zero} : {m}", bool_)
    r = b.op(f"arith.select {is0}, {zero}, {pos} : {m}", t)
    return fc.s.cast(r, uint32)


def _lanemask_lt(fc: Any) -> V:
    """The bits of the lanes below this one: `(1 << laneid) - 1`."""
    from .gpu import lane_id
    b = fc.b
    lane = fc.s.cast(lane_id(fc), uint32)
    one = b.const(1, uint32)
    bit = b.op(f"arith.shli {one}, {lane} : i32", uint32)
    return b.op(f"arith.subi {bit}, {one} : i32", uint32)
