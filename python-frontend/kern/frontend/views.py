"""Views that reinterpret an array's bytes: `a.view(dtype)` (NumPy's size
change rules on the last axis), the bitcast `x.view(dtype)` of a scalar,
np.lib.stride_tricks.as_strided and sliding_window_view.

kern's arrays are memrefs whose strides count items, so a view with
another dtype starts from the array's bytes: the base buffer becomes a
`memref<i8>` (its descriptor cast through the LLVM struct both share),
`memref.view` makes items of the new dtype at the view's first byte, and
`memref.reinterpret_cast` gives the sizes and strides (bytes divided by the
new item size):

>>> # a.view(np.int32)       a: float64[:]
>>> #   %m:4 = memref.extract_strided_metadata %a
>>> #   %s = builtin.unrealized_conversion_cast %m#0 : memref<f64> to
>>> #        !llvm.struct<(ptr, ptr, i64)>
>>> #   %bytes = builtin.unrealized_conversion_cast %s : ... to memref<i8>
>>> #   %d = memref.view %flat[%shift][%c1] : memref<?xi8> to memref<?xi32>
>>> #   %v = memref.reinterpret_cast %d to offset: [0], sizes: [%n2],
>>> #        strides: [1] ...

Views with items of the array's own MLIR type (as_strided,
sliding_window_view, int64 <-> uint64) reinterpret its base buffer
directly, so the buffer's origin stays known to the passes (a prange loop
writing arrays stays parallel).

Strides in bytes that are not a multiple of the new item size (a view
NumPy allows but items cannot express) raise ValueError naming that.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return a.view(np.int64)[0], np.float64(-0.0).view(np.uint64)
    >>> f(np.array([1.0, 2.0]))
    (4607182418800017408, 9223372036854775808)
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, List, Optional

from ..types import (Array, Scalar, bool_, element_mlir, float64, int64,
                     uint8)
from .builder import Const, TupleVal, V, is_absent
from .creation import dtype_of, shape_values
from .reductions import axis_of

__all__ = ["view_method", "as_strided", "sliding_window_view", "itemsize",
           "call_views", "frombuffer", "tobytes",
           "typed_view"]


def itemsize(t: Scalar) -> int:
    """Bytes of one item of dtype `t`."""
    return int(t.np.itemsize)


def _scalar_type(fc: Any, a: V, node: ast.AST) -> None:
    if not isinstance(a.ty.dtype, Scalar) or hasattr(a.ty.dtype,
                                                     "element_mlir"):
        raise fc.unsupported(f"'{fc.src(node)}': views with another dtype "
                             f"of an array of records", node)


@dataclass(frozen=True)
class Origin:
    """An array's buffer as byte_base gives it: the array, its base buffer
    and offset (items) from memref.extract_strided_metadata, and its
    first byte (`shift`)."""

    array: V
    base: V
    offset: V
    shift: V


def byte_base(fc: Any, a: V) -> tuple:
    """(Origin, byte offset, sizes, byte strides) of array `a`: its
    metadata in bytes (index values)."""
    b = fc.b
    base, offset, sizes, strides = fc.arr.metadata(a)
    c = b.index(itemsize(a.ty.dtype))
    scale = lambda v: b.op(f"arith.muli {v}, {c} : index", int64, "index")
    shift = scale(offset)
    return (Origin(a, base, offset, shift), shift, sizes,
            [scale(st) for st in strides])


def _bytes_of(fc: Any, o: Origin) -> V:
    """The base buffer of `o` as a memref<i8> (its descriptor cast through
    the LLVM struct both share)."""
    b = fc.b
    struct = "!llvm.struct<(ptr, ptr, i64)>"
    raw = b.op(f"builtin.unrealized_conversion_cast {o.base} : {o.base.mt} "
               f"to {struct}", int64, struct)
    return b.op(f"builtin.unrealized_conversion_cast {raw} : {struct} to "
                f"memref<i8>", o.array.ty, "memref<i8>")


def typed_view(fc: Any, origin: Origin, shift: V, t: Scalar,
               sizes: List[V], byte_strides: List[V], readonly: bool,
               what: str) -> V:
    """The view of items `t` at byte `shift` of the buffer of `origin`
    (byte_base) with these sizes and byte strides; ValueError where a
    stride of an axis longer than 1 is not a multiple of the item size.
    Items of the array's own MLIR type at its own first byte are a view of
    its base buffer (no cast: the buffer's origin stays known)."""
    b, s = fc.b, fc.s
    width = itemsize(t)
    c = b.index(width)
    strides = []
    for k, (n, st) in enumerate(zip(sizes, byte_strides)):
        if width > 1:
            rem = b.op(f"arith.remsi {st}, {c} : index", int64, "index")
            bad = b.op(f"arith.cmpi ne, {rem}, {b.index(0)} : index", bool_)
            long_ = b.op(f"arith.cmpi sgt, {n}, {b.index(1)} : index", bool_)
            bad = b.op(f"arith.andi {bad}, {long_} : i1", bool_)
            s.raise_if(bad, "ValueError",
                       f"{what}: the stride of axis {k} (%d bytes) is not a "
                       f"multiple of the item size {width} (kern's views "
                       f"count strides in items)", [s.from_index(st)])
            st = b.op(f"arith.divsi {st}, {c} : index", int64, "index")
        strides.append(st)
    el = element_mlir(t)
    if shift is origin.shift and el == element_mlir(origin.array.ty.dtype):
        view = fc.arr.reinterpret(origin.base, t, origin.offset, sizes,
                                  strides)
    else:
        n = b.op(f"arith.addi {shift}, {c} : index", int64, "index")
        flat = b.op(f"memref.reinterpret_cast {_bytes_of(fc, origin)} to "
                    f"offset: [0], sizes: [{n}], strides: [1] : memref<i8> "
                    f"to memref<?xi8>", int64, "memref<?xi8>")
        data = b.op(f"memref.view {flat}[{shift}][{b.index(1)}] : "
                    f"memref<?xi8> to memref<?x{el}>", int64,
                    f"memref<?x{el}>", hint="d")
        view = fc.arr.reinterpret(data, t, b.index(0), sizes, strides)
    if readonly or origin.array.ty.readonly:
        return V(view.name, view.ty.copy(readonly=True), view.mt)
    return V(view.name, view.ty.copy(readonly=False), view.mt)


# ---- x.view(dtype) ----------------------------------------------------------

def view_method(fc: Any, base: V, args: list, kwargs: dict,
                node: ast.AST) -> V:
    """`base.view(dtype)` of an array or a scalar (also `dtype=`)."""
    bound = list(args) + [kwargs.pop(k) for k in ("dtype",) if k in kwargs]
    if kwargs or len(bound) > 1:
        raise fc.unsupported(".view() with arguments other than a dtype "
                             "(type=)", node)
    if not bound:
        return base
    t = dtype_of(fc, bound[0], node)
    if isinstance(base.ty, Array):
        return array_view(fc, base, t, node)
    return _bitcast(fc, base, t, node)


def _bitcast(fc: Any, v: V, t: Scalar, node: ast.AST) -> V:
    """The scalar with the same bytes as `v` read as dtype `t`."""
    b = fc.b
    if not isinstance(t, Scalar) or hasattr(t, "element_mlir"):
        raise fc.unsupported(f"'{fc.src(node)}': a scalar view as records",
                             node)
    if itemsize(v.ty) != itemsize(t):
        raise fc.typing_error(
            f"'{fc.src(node)}': changing the dtype of a 0d array is only "
            f"supported if the itemsize is unchanged ({v.ty} is "
            f"{itemsize(v.ty)} bytes, {t} {itemsize(t)})", node)
    if "c" in (v.ty.kind, t.kind):
        if v.ty.kind == t.kind == "c":
            return v if v.ty is t else V(v.name, t, t.mlir)
        raise fc.unsupported(f"'{fc.src(node)}': a bitcast between complex "
                             f"and real scalars", node)
    if v.ty.kind == "b" or t.kind == "b":
        if t.kind == "b":  # a byte is True when not 0 (NumPy's reading)
            return fc.s.truth(v)
        return fc.s.cast(v, t)
    if v.ty.mlir == t.mlir:
        return V(v.name, t, t.mlir)
    return b.op(f"arith.bitcast {v} : {v.ty.mlir} to {t.mlir}", t)


def array_view(fc: Any, a: V, t: Scalar, node: ast.AST) -> V:
    """NumPy's `a.view(t)`: the same bytes; a new item size changes the
    last axis, which must then be contiguous."""
    if a.ty.dtype is t:
        return a
    _scalar_type(fc, a, node)
    if not isinstance(t, Scalar) or hasattr(t, "element_mlir"):
        raise fc.unsupported(f"'{fc.src(node)}': a view as records", node)
    b, s = fc.b, fc.s
    old, new = itemsize(a.ty.dtype), itemsize(t)
    bytes_, shift, sizes, strides = byte_base(fc, a)
    sizes, strides = list(sizes), list(strides)
    if old != new:
        last = len(sizes) - 1
        n = sizes[last]
        total = fc.arr.size(a)
        ne1 = b.op(f"arith.cmpi ne, {n}, {b.index(1)} : index", bool_)
        nonempty = b.op(f"arith.cmpi ne, {total}, {b.index(0)} : index",
                        bool_)
        gap = b.op(f"arith.cmpi ne, {strides[last]}, {b.index(old)} : "
                   f"index", bool_)
        bad = b.op(f"arith.andi {ne1}, {nonempty} : i1", bool_)
        bad = b.op(f"arith.andi {bad}, {gap} : i1", bool_)
        s.raise_if(bad, "ValueError", "To change to a dtype of a different "
                   "size, the last axis must be contiguous")
        if new < old:
            if old % new:
                raise fc.typing_error(
                    f"'{fc.src(node)}': When changing to a smaller dtype, "
                    f"its size must be a divisor of the size of original "
                    f"dtype", node)
            sizes[last] = b.op(f"arith.muli {n}, {b.index(old // new)} : "
                               f"index", int64, "index")
        else:
            nbytes = b.op(f"arith.muli {n}, {b.index(old)} : index", int64,
                          "index")
            rem = b.op(f"arith.remsi {nbytes}, {b.index(new)} : index",
                       int64, "index")
            s.raise_if(b.op(f"arith.cmpi ne, {rem}, {b.index(0)} : index",
                            bool_), "ValueError",
                       "When changing to a larger dtype, its size must be a "
                       "divisor of the total size in bytes of the last axis "
                       "of the array.")
            sizes[last] = b.op(f"arith.divsi {nbytes}, {b.index(new)} : "
                               f"index", int64, "index")
        strides[last] = b.index(new)
    return typed_view(fc, bytes_, shift, t, sizes, strides, a.ty.readonly,
                      f"{fc.src(node)}")


# ---- stride_tricks ----------------------------------------------------------

def _bind(fc: Any, name: str, params: List[str], args: list, kwargs: dict,
          node: ast.AST, required: int) -> List[Any]:
    """Positional and keyword arguments bound to `params` (None: left
    out); TypingError for unknown or missing ones."""
    if len(args) > len(params):
        raise fc.typing_error(f"{name}() takes at most {len(params)} "
                              f"arguments", node)
    out: List[Any] = list(args) + [None] * (len(params) - len(args))
    for k, v in kwargs.items():
        if k not in params or out[params.index(k)] is not None:
            raise fc.typing_error(f"{name}() got an unexpected or repeated "
                                  f"argument '{k}'", node)
        out[params.index(k)] = v
    if any(x is None for x in out[:required]):
        raise fc.typing_error(f"{name}() needs the arguments "
                              f"{', '.join(params[:required])}", node)
    return out


def _flag(fc: Any, x: Any, default: bool, what: str, node: ast.AST) -> bool:
    if is_absent(x):
        return default
    if isinstance(x, Const) and isinstance(x.value, (bool, int)):
        return bool(x.value)
    raise fc.unsupported(f"{what}= that is not a constant", node)


def _array(fc: Any, x: Any, name: str, node: ast.AST) -> V:
    if not fc.is_array(x):
        raise fc.typing_error(f"{name}() takes an array, not "
                              f"{fc.type_name(x)}", node)
    _scalar_type(fc, x, node)
    return x


def as_strided(fc: Any, args: list, kwargs: dict, node: ast.AST) -> V:
    """np.lib.stride_tricks.as_strided(x, shape=None, strides=None,
    subok=False, writeable=True): a view of x's buffer with these sizes
    and byte strides (unchecked, as NumPy's)."""
    x, shape, strides, subok, writeable = _bind(
        fc, "as_strided", ["x", "shape", "strides", "subok", "writeable"],
        args, kwargs, node, 1)
    x = _array(fc, x, "as_strided", node)
    _flag(fc, subok, False, "subok", node)
    ro = not _flag(fc, writeable, True, "writeable", node) or x.ty.readonly
    bytes_, shift, sizes, strides_b = byte_base(fc, x)
    s = fc.s
    if not is_absent(shape):
        sizes = [s.to_index(s.cast(v, int64))
                 for v in shape_values(fc, shape, node)]
    if not is_absent(strides):
        strides_b = [s.to_index(s.cast(v, int64))
                     for v in shape_values(fc, strides, node)]
    if len(sizes) != len(strides_b):
        raise fc.typing_error("as_strided(): mismatch in length of strides "
                              "and shape", node)
    if not sizes:
        raise fc.unsupported("as_strided() to a 0-d array", node)
    return typed_view(fc, bytes_, shift, x.ty.dtype, list(sizes),
                      list(strides_b), ro, "as_strided")


def _int_tuple(fc: Any, v: Any) -> Optional[list]:
    if isinstance(v, TupleVal):
        return list(v.items)
    if isinstance(v, Const) and isinstance(v.value, tuple):
        return [Const(i) for i in v.value]
    return None


def sliding_window_view(fc: Any, args: list, kwargs: dict,
                        node: ast.AST) -> V:
    """np.lib.stride_tricks.sliding_window_view(x, window_shape,
    axis=None, subok=False, writeable=False): the windows as trailing
    axes (read-only unless writeable=True, as NumPy's)."""
    x, window, axis, subok, writeable = _bind(
        fc, "sliding_window_view",
        ["x", "window_shape", "axis", "subok", "writeable"], args, kwargs,
        node, 2)
    x = _array(fc, x, "sliding_window_view", node)
    _flag(fc, subok, False, "subok", node)
    ro = not _flag(fc, writeable, False, "writeable", node) or x.ty.readonly
    b, s = fc.b, fc.s
    ws = _int_tuple(fc, window)
    ws = [window] if ws is None else ws
    ws = [s.to_index(s.cast(v, int64)) for v in shape_values(
        fc, TupleVal(tuple(ws)), node)]
    nd = x.ty.ndim
    if is_absent(axis):
        if len(ws) != nd:
            raise fc.typing_error(
                f"Since axis is `None`, must provide window_shape for all "
                f"dimensions of `x`; got {len(ws)} window_shape elements "
                f"and `x.ndim` is {nd}.", node)
        axes = list(range(nd))
    else:
        items = _int_tuple(fc, axis) or [axis]
        axes = [axis_of(fc, i, nd, node) for i in items]
        if len(ws) != len(axes):
            raise fc.typing_error("Must provide matching length window_shape"
                                  " and axis; got "
                                  f"{len(ws)} window_shape elements and "
                                  f"{len(axes)} axes elements.", node)
    bytes_, shift, sizes, strides = byte_base(fc, x)
    sizes = list(sizes)
    zero = b.index(0)
    for w in ws:
        neg = b.op(f"arith.cmpi slt, {w}, {zero} : index", bool_)
        s.raise_if(neg, "ValueError", "`window_shape` cannot contain "
                   "negative values")
    for ax, w in zip(axes, ws):
        big = b.op(f"arith.cmpi slt, {sizes[ax]}, {w} : index", bool_)
        s.raise_if(big, "ValueError", "window shape cannot be larger than "
                   "input array shape")
        n = b.op(f"arith.subi {sizes[ax]}, {w} : index", int64, "index")
        sizes[ax] = b.op(f"arith.addi {n}, {b.index(1)} : index", int64,
                         "index")
    out_strides = list(strides) + [strides[ax] for ax in axes]
    return typed_view(fc, bytes_, shift, x.ty.dtype, sizes + ws,
                      out_strides, ro, "sliding_window_view")


def frombuffer(fc: Any, args: list, kwargs: dict, node: ast.AST) -> V:
    """np.frombuffer(buffer, dtype=float, count=-1, offset=0) of a
    C-contiguous array (the buffers kern has): a 1-D view of its bytes,
    NumPy's ValueErrors for sizes and offsets that do not fit."""
    from .flatiter import contiguous
    buf, dtype, count, offset, like = _bind(
        fc, "frombuffer", ["buffer", "dtype", "count", "offset", "like"],
        args, kwargs, node, 1)
    if not is_absent(like):
        raise fc.unsupported("np.frombuffer(like=)", node)
    x = _array(fc, buf, "frombuffer", node)
    t = float64 if is_absent(dtype) else dtype_of(fc, dtype, node)
    if not isinstance(t, Scalar) or hasattr(t, "element_mlir"):
        raise fc.unsupported(f"'{fc.src(node)}': np.frombuffer as records",
                             node)
    b, s = fc.b, fc.s
    s.raise_if(s.not_(contiguous(fc, x, "C")), "ValueError",
               "ndarray is not C-contiguous")
    bytes_, shift, _, _ = byte_base(fc, x)
    nbytes = b.op(f"arith.muli {fc.arr.size(x)}, "
                  f"{b.index(itemsize(x.ty.dtype))} : index", int64, "index")
    off = b.index(0) if is_absent(offset) else s.to_index(
        s.cast(fc.scalar(node, offset), int64))
    neg = b.op(f"arith.cmpi slt, {off}, {b.index(0)} : index", bool_)
    past = b.op(f"arith.cmpi sgt, {off}, {nbytes} : index", bool_)
    s.raise_if(b.op(f"arith.ori {neg}, {past} : i1", bool_), "ValueError",
               "offset must be non-negative and no greater than buffer "
               "length (%d)", [s.from_index(nbytes)])
    left = b.op(f"arith.subi {nbytes}, {off} : index", int64, "index")
    width = b.index(itemsize(t))
    whole = b.op(f"arith.divsi {left}, {width} : index", int64, "index")
    rem = b.op(f"arith.remsi {left}, {width} : index", int64, "index")
    n = b.index(-1) if is_absent(count) else s.to_index(
        s.cast(fc.scalar(node, count), int64))
    auto = b.op(f"arith.cmpi slt, {n}, {b.index(0)} : index", bool_)
    ragged = b.op(f"arith.cmpi ne, {rem}, {b.index(0)} : index", bool_)
    s.raise_if(b.op(f"arith.andi {auto}, {ragged} : i1", bool_),
               "ValueError", "buffer size must be a multiple of element "
               "size")
    small = b.op(f"arith.cmpi sgt, {n}, {whole} : index", bool_)
    s.raise_if(small, "ValueError", "buffer is smaller than requested size")
    n = b.op(f"arith.select {auto}, {whole}, {n} : index", int64, "index")
    at = b.op(f"arith.addi {shift}, {off} : index", int64, "index")
    return typed_view(fc, bytes_, at, t, [n], [width], x.ty.readonly,
                      "frombuffer")


def tobytes(fc: Any, a: V, args: list, kwargs: dict, node: ast.AST) -> V:
    """`a.tobytes(order='C')`: a copy of the elements' bytes in C (or
    'F') order, returned to Python as bytes (kern/bytestype.py)."""
    from ..bytestype import bytes_
    (order,) = _bind(fc, "tobytes", ["order"], args, kwargs, node, 0)
    order = "C" if is_absent(order) else getattr(order, "value", None)
    if order not in ("C", "F"):
        raise fc.unsupported("a.tobytes() with an order other than 'C' or "
                             "'F'", node)
    _scalar_type(fc, a, node)
    src = a if order == "C" else fc.arr.transpose(a)
    c = fc.arr.fresh_copy(src)
    b = fc.b
    bytes_base, shift, _, _ = byte_base(fc, c)
    n = b.op(f"arith.muli {fc.arr.size(c)}, "
             f"{b.index(itemsize(a.ty.dtype))} : index", int64, "index")
    v = typed_view(fc, bytes_base, shift, uint8, [n], [b.index(1)], True,
                   "tobytes")
    return V(v.name, bytes_, v.mt)


def call_views(fc: Any, name: str, args: list, kwargs: dict,
               node: ast.AST) -> Any:
    """The calls kern/frontend/callees.py names "views.<name>"."""
    if name == "as_strided":
        return as_strided(fc, args, kwargs, node)
    if name == "sliding_window_view":
        return sliding_window_view(fc, args, kwargs, node)
    if name == "frombuffer":
        return frombuffer(fc, args, kwargs, node)
    if name == "nditer":
        raise fc.unsupported("np.nditer() anywhere but as the iterable of "
                             "a for loop", node)
    raise fc.unsupported(f"np.{name}()", node)
