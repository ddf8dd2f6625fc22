"""CUDA kernels' own calls and attributes (`cuda.grid`, `cuda.threadIdx.x`,
`cuda.shared.array`, `cuda.syncthreads`, `cuda.atomic.add`, ...), for the
kernels of `kern.cuda` (kern/cuda/): the objects of kern/cuda/intrinsics.py
carry a tag, `_kern_gpu` (a call) or `_kern_gpu_value` (an attribute read
like `threadIdx.x`), that names what to emit here. The ops are the kern
dialect's GPU ops, lowered by convert-kern-gpu-to-host (the CPU target)::

    i = cuda.grid(1)              %g = kern.grid x : index
                                  %i = arith.index_cast %g : index to i64
    t = cuda.threadIdx.y          %t = kern.gpu_index thread_id y : index
    s = cuda.shared.array(        %s = kern.shared_alloc : memref<32xf32, 3>
        32, float32)              %v = memref.memory_space_cast %s ...
    cuda.syncthreads()            kern.barrier
    old = cuda.atomic.add(        %o = memref.atomic_rmw addf %x, %a[%i]
        a, i, x)                      : (f32, memref<...>) -> f32

Indices are int64 (as Numba's `cuda.grid`); atomics return the old value.
The warp functions, `syncthreads_count/and/or` and the bit intrinsics
(`popc`, `ffs`, `fma`, ...) are in kern/frontend/warp.py.
"""

from __future__ import annotations

import ast
from typing import Any, List

from ..types import Array, Scalar, bool_, int64
from .builder import Const, TupleVal, V
from .creation import dtype_of

__all__ = ["call_gpu", "gpu_value", "lane_id"]

_DIMS = "xyz"


def gpu_value(fc: Any, obj: Any, node: ast.AST) -> Any:
    """The value of an attribute like `cuda.threadIdx.x` or `cuda.laneid`."""
    kind = obj._kern_gpu_value
    if kind[0] == "laneid":
        return lane_id(fc)
    return fc.s.from_index(_index(fc, kind[0], kind[1]))


def _index(fc: Any, kind: str, dim: int) -> V:
    return fc.b.op(f"kern.gpu_index {kind} {_DIMS[dim]} : index", int64,
                   "index")


def lane_id(fc: Any) -> V:
    """The thread's linear index in its block, modulo the warp size (32)."""
    b = fc.b
    t = [_index(fc, "thread_id", d) for d in range(3)]
    n = [_index(fc, "block_dim", d) for d in range(2)]
    yz = b.op(f"arith.muli {t[2]}, {n[1]} : index", int64, "index")
    yz = b.op(f"arith.addi {yz}, {t[1]} : index", int64, "index")
    lin = b.op(f"arith.muli {yz}, {n[0]} : index", int64, "index")
    lin = b.op(f"arith.addi {lin}, {t[0]} : index", int64, "index")
    c32 = b.index(32)
    lane = b.op(f"arith.remui {lin}, {c32} : index", int64, "index")
    return fc.s.from_index(lane)


def call_gpu(fc: Any, target: Any, node: ast.Call) -> Any:
    """Emit the call `node` of the kern.cuda function `target`."""
    name = target._kern_gpu
    args = [fc.expr(a) for a in node.args]
    kwargs = {k.arg: fc.expr(k.value) for k in node.keywords}
    if name in ("grid", "gridsize"):
        return _grid(fc, name, args, node)
    if name == "syncthreads":
        _no_args(fc, name, args, kwargs, node)
        fc.b.emit("kern.barrier")
        return Const(None)
    if name.startswith("threadfence"):
        _no_args(fc, name, args, kwargs, node)
        fc.b.emit("llvm.fence seq_cst")
        return Const(None)
    if name in ("shared.array", "local.array"):
        return _array(fc, name, args, kwargs, node)
    if name == "const.array_like":
        if len(args) != 1 or not fc.is_array(args[0]):
            raise fc.typing_error("cuda.const.array_like() takes one array",
                                  node)
        return args[0]
    if name.startswith("atomic."):
        from .atomics import atomic
        return atomic(fc, name[len("atomic."):], args, kwargs, node)
    from .warp import WARP_NAMES, call_warp
    if name in WARP_NAMES:
        return call_warp(fc, name, args, kwargs, node)
    raise fc.unsupported(f"'cuda.{name}()' in a kernel (not built yet on "
                         f"kern's CPU target)", node)


def _no_args(fc: Any, name: str, args: list, kwargs: dict,
             node: ast.AST) -> None:
    if args or kwargs:
        raise fc.typing_error(f"cuda.{name}() takes no arguments", node)


def _constant_int(fc: Any, v: Any, what: str, node: ast.AST) -> int:
    if not isinstance(v, Const) or isinstance(v.value, bool) or \
            not isinstance(v.value, int):
        raise fc.typing_error(f"{what} must be a constant integer", node)
    return v.value


def _grid(fc: Any, name: str, args: list, node: ast.AST) -> Any:
    if len(args) != 1:
        raise fc.typing_error(f"cuda.{name}() takes the number of "
                              f"dimensions (1, 2 or 3)", node)
    ndim = _constant_int(fc, args[0], f"the argument of cuda.{name}()", node)
    if ndim not in (1, 2, 3):
        raise fc.typing_error(f"cuda.{name}({ndim}): the grid has 1, 2 or 3 "
                              f"dimensions", node)
    op = "kern.grid" if name == "grid" else "kern.gridsize"
    values = [fc.s.from_index(fc.b.op(f"{op} {_DIMS[d]} : index", int64,
                                      "index")) for d in range(ndim)]
    return values[0] if ndim == 1 else TupleVal(tuple(values))


def _array(fc: Any, name: str, args: list, kwargs: dict,
           node: ast.AST) -> V:
    """cuda.shared.array / cuda.local.array(shape, dtype)."""
    shape = args[0] if args else kwargs.pop("shape", None)
    dtype = args[1] if len(args) > 1 else kwargs.pop("dtype", None)
    if shape is None or dtype is None or len(args) > 2 or kwargs:
        raise fc.typing_error(f"cuda.{name}() takes (shape, dtype)", node)
    shape_node = node.args[0] if node.args else next(
        k.value for k in node.keywords if k.arg == "shape")
    if isinstance(shape_node, ast.Tuple):  # (TPB, TPB): each a constant
        shape = Const(tuple(_constant_int(fc, fc.expr(e), f"the shape of "
                                          f"cuda.{name}()", node)
                            for e in shape_node.elts))
    items = shape.items if isinstance(shape, TupleVal) else (
        [Const(x) for x in shape.value] if isinstance(shape, Const) and
        isinstance(shape.value, tuple) else [shape])
    sizes = [_constant_int(fc, x, f"the shape of cuda.{name}()", node)
             for x in items]
    ty = dtype_of(fc, dtype, node)
    if any(s < 0 for s in sizes) or not sizes:
        raise fc.typing_error(f"cuda.{name}(): bad shape {tuple(sizes)}",
                              node)
    if name == "local.array":
        return fc.arr.alloc([fc.b.const(s, int64) for s in sizes], ty)
    arr = Array(ty, len(sizes), "C")
    b = fc.b
    if sizes == [0]:  # dynamic: the launch's shared memory
        static, view = f"memref<?x{ty.mlir}, 3>", f"memref<?x{ty.mlir}>"
        s = b.op(f"kern.dynamic_shared : {static}", arr, static, hint="sh")
    else:
        dims = "x".join(map(str, sizes))
        static = f"memref<{dims}x{ty.mlir}, 3>"
        view = f"memref<{dims}x{ty.mlir}>"
        s = b.op(f"kern.shared_alloc : {static}", arr, static, hint="sh")
    v = b.op(f"memref.memory_space_cast {s} : {static} to {view}", arr, view)
    return fc.arr.cast_to(v, arr.mlir_fresh)


def index_values(fc: Any, a: V, idx: Any, node: ast.AST) -> List[V]:
    """The `index` values of an atomic's element index (an int or a tuple
    of as many ints as the array has dimensions)."""
    items = list(idx.items) if isinstance(idx, TupleVal) else [idx]
    if len(items) != a.ty.ndim:
        raise fc.typing_error(f"an index of {len(items)} integers into a "
                              f"{a.ty.ndim}-D array", node)
    out = []
    for it in items:
        v = fc.scalar(node, it)
        if not isinstance(v.ty, Scalar) or v.ty.kind not in "iu" or \
                v.ty is bool_:
            raise fc.typing_error(f"array indices must be integers, not "
                                  f"{v.ty}", node)
        out.append(fc.s.to_index(v))
    return out
