"""Array creation (`np.empty`, `zeros`, `arange`, ...), `reshape`, random
arrays and `argmin`/`argmax` (explicit scf loops).

>>> # inside compiled code:
>>> # np.zeros((n, 3), dtype=np.float32)  ->  kern.alloc(%n, %c3) fill %cst
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional

from ..types import (MAX_NDIM, Array, Scalar, bool_, float64, int64, from_dtype,
                     typeof)
from .builder import Const, TupleVal, V
from .expressions import is_number

CREATORS = ("empty", "zeros", "ones", "full", "empty_like", "zeros_like",
            "ones_like", "full_like", "arange", "linspace")


def dtype_of(fc: Any, d: Any, node: ast.AST) -> Scalar:
    """The kern scalar type named by a dtype argument (np.float32, 'f8')."""
    if isinstance(d, Const):
        try:
            if d.value is float:
                return float64
            if d.value is int:
                return int64
            if d.value is bool:
                return bool_
            if d.value is complex:
                from ..types import complex128
                return complex128
            if getattr(d.value, "fields", None) is not None:
                from ..recordtype import record_of  # a structured dtype
                return record_of(d.value)
            return from_dtype(d.value)
        except TypeError:
            pass
    raise fc.typing_error(f"'{fc.src(node)}': unsupported dtype "
                          f"{getattr(d, 'value', d)!r}", node)


def shape_values(fc: Any, shape: Any, node: ast.AST) -> List[V]:
    items = shape.items if isinstance(shape, TupleVal) else (
        [Const(x) for x in shape.value] if isinstance(shape, Const) and
        isinstance(shape.value, tuple) else [shape])
    out = []
    for it in items:
        v = fc.scalar(node, it)
        if v.ty.kind not in "iu":
            raise fc.typing_error(f"array sizes must be integers, got "
                                  f"{v.ty}", node)
        out.append(v)
    return out


def checked_sizes(fc: Any, sizes: List[V]) -> List[V]:
    """NumPy's errors for the sizes of a new array: ValueError for a
    negative size, or for more elements than memory can address (an
    allocation size that wraps around would be written out of bounds)."""
    b, s = fc.b, fc.s
    zero = b.const(0, int64)
    limit = b.const(2 ** 59, int64)  # elements of 16 bytes at most: 2**63
    total = b.const(1, int64)
    too_big = b.const(False, bool_)
    for v in sizes:
        v64 = s.cast(v, int64)
        neg = b.op(f"arith.cmpi slt, {v64}, {zero} : i64", bool_)
        s.raise_if(neg, "ValueError", "negative dimensions are not allowed")
        # total * v > limit, tested as total > limit / v (v > 0)
        one = b.const(1, int64)
        safe = b.op(f"arith.maxsi {v64}, {one} : i64", int64)
        room = b.op(f"arith.divsi {limit}, {safe} : i64", int64)
        over = b.op(f"arith.cmpi sgt, {total}, {room} : i64", bool_)
        too_big = b.op(f"arith.ori {too_big}, {over} : i1", bool_)
        total = b.op(f"arith.muli {total}, {v64} : i64", int64)
        total = b.op(f"arith.minsi {total}, {limit} : i64", int64)
    s.raise_if(too_big, "ValueError", "array is too big; `arr.size * "
               "arr.dtype.itemsize` is larger than the maximum possible "
               "size.")
    return sizes


def create(fc: Any, name: str, args: list, kwargs: dict,
           node: ast.AST) -> V:
    b, s, arr = fc.b, fc.s, fc.arr
    dtype_arg = kwargs.pop("dtype", None)
    if name == "arange":
        return arange(fc, args, kwargs, dtype_arg, node)
    if name == "linspace":
        return linspace(fc, args, kwargs, dtype_arg, node)
    if name.endswith("_like"):
        like = args[0]
        if not fc.is_array(like):
            raise fc.typing_error(f"np.{name}() expects an array", node)
        sizes = arr.dims(like)
        dtype = like.ty.dtype
        rest = args[1:]
    else:
        if not args:
            raise fc.typing_error(f"np.{name}() needs a shape", node)
        sizes = checked_sizes(fc, shape_values(fc, args[0], node))
        dtype = float64
        rest = args[1:]
    if name.startswith("full"):
        if not rest and "fill_value" not in kwargs:
            raise fc.typing_error(f"np.{name}() needs a fill value", node)
        fill = rest[0] if rest else kwargs.pop("fill_value")
        rest = rest[1:]
        fv = fc.scalar(node, fill)
        if not name.endswith("_like"):
            dtype = fv.ty if not is_number(fill) else typeof(fill.value)
    if rest and dtype_arg is None:
        dtype_arg = rest[0]
    if kwargs:
        raise fc.unsupported(f"np.{name}() with {', '.join(kwargs)}", node)
    if dtype_arg is not None:
        dtype = dtype_of(fc, dtype_arg, node)
    if not isinstance(dtype, Scalar):  # records: frontend/records.py
        from .records import new_array
        return new_array(fc, name, sizes, dtype, node)
    fill = None
    if name.startswith("zeros"):
        fill = b.const(0, dtype)
    elif name.startswith("ones"):
        fill = b.const(1, dtype)
    elif name.startswith("full"):
        fill = s.cast(fv, dtype)
    return arr.alloc(sizes, dtype, fill)


def _fill_1d(fc: Any, n: V, dtype: Scalar, value_at) -> V:
    """A fresh 1-D array of n elements with a[i] = value_at(i as int64)."""
    a = fc.arr.alloc([n], dtype)
    fc.arr.loop_nest([fc.s.to_index(n)], lambda iv: fc.arr.store(
        value_at(fc.s.from_index(iv[0])), a, iv))
    return a


def arange(fc: Any, args: list, kwargs: dict, dtype_arg: Any,
           node: ast.AST) -> V:
    s, b = fc.s, fc.b
    if kwargs:
        raise fc.unsupported("np.arange() with keywords other than dtype",
                             node)
    if len(args) == 1:
        args = [Const(0), args[0], Const(1)]
    elif len(args) == 2:
        args = [args[0], args[1], Const(1)]
    elif len(args) == 4:
        dtype_arg, args = args[3], args[:3]
    vals = [fc.scalar(node, a) for a in args]
    if any(v.ty.kind in "Mm" for v in vals) and dtype_arg is None:
        from .datetimes import arange_parts  # datetimes, timedeltas
        return _fill_1d(fc, *arange_parts(fc, vals, node))
    t = vals[0].ty
    for v in vals[1:]:
        from ..types import promote
        t = promote(t, v.ty)
    if t.kind == "b":
        t = int64
    dtype = dtype_of(fc, dtype_arg, node) if dtype_arg is not None else t
    start, stop, step = (s.cast(v, t) for v in vals)
    if t.kind in "iu":
        zero = b.const(0, t)
        isz = b.op(f"arith.cmpi eq, {step}, {zero} : {t.mlir}", bool_)
        s.raise_if(isz, "ZeroDivisionError", "arange: step is zero")
        span = b.op(f"arith.subi {stop}, {start} : {t.mlir}", t)
        n = b.op(f"arith.ceildivsi {span}, {step} : {t.mlir}", t)
    else:
        span = b.op(f"arith.subf {stop}, {start} : {t.mlir}", t)
        q = b.op(f"arith.divf {span}, {step} : {t.mlir}", t)
        q = b.op(f"math.ceil {q} : {t.mlir}", t)
        n = s.cast(q, int64)
    n = s.cast(n, int64)
    zero = b.const(0, int64)
    n = b.op(f"arith.maxsi {n}, {zero} : i64", int64)

    def at(i: V) -> V:
        x = s.binop("*", s.cast(i, t), step, t)
        return s.cast(s.binop("+", start, x, t), dtype)

    return _fill_1d(fc, n, dtype, at)


def linspace(fc: Any, args: list, kwargs: dict, dtype_arg: Any,
             node: ast.AST) -> V:
    s, b = fc.s, fc.b
    num = kwargs.pop("num", args[2] if len(args) > 2 else Const(50))
    endpoint = kwargs.pop("endpoint", args[3] if len(args) > 3 else
                          Const(True))
    if kwargs:
        raise fc.unsupported("np.linspace() with these arguments", node)
    # a constant endpoint, or a bool known at run time only
    ends_at_stop = b.const(bool(endpoint.value), bool_) if \
        isinstance(endpoint, Const) else s.truth(fc.scalar(node, endpoint))
    start = s.cast(fc.scalar(node, args[0]), float64)
    stop = s.cast(fc.scalar(node, args[1]), float64)
    n = s.cast(fc.scalar(node, num), int64)
    zero = b.const(0, int64)
    s.raise_if(b.op(f"arith.cmpi slt, {n}, {zero} : i64", bool_),
               "ValueError", "Number of samples, %d, must be non-negative.",
               [n])
    dtype = dtype_of(fc, dtype_arg, node) if dtype_arg is not None else \
        float64
    one = b.const(1, int64)
    div = s.select(ends_at_stop, b.op(f"arith.subi {n}, {one} : i64", int64),
                   n)
    div = b.op(f"arith.maxsi {div}, {one} : i64", int64)
    span = b.op(f"arith.subf {stop}, {start} : f64", float64)
    step = b.op(f"arith.divf {span}, {s.cast(div, float64)} : f64", float64)

    last = b.op(f"arith.subi {n}, {one} : i64", int64)

    def at(i: V) -> V:  # NumPy: i * step + start, the endpoint exactly stop
        x = b.op(f"arith.mulf {s.cast(i, float64)}, {step} : f64", float64)
        x = b.op(f"arith.addf {x}, {start} : f64", float64)
        if not (isinstance(endpoint, Const) and not endpoint.value):
            # the last sample is stop exactly (a single sample is start)
            ends = b.op(f"arith.andi {s.compare('==', s.cast(i, int64), last)}"
                        f", {s.compare('>', last, b.const(0, int64))} : i1",
                        bool_)
            ends = b.op(f"arith.andi {ends}, {ends_at_stop} : i1", bool_)
            x = s.select(ends, stop, x)
        return s.cast(x, dtype)

    return _fill_1d(fc, n, dtype, at)


def reshape(fc: Any, a: V, args: list, node: ast.AST) -> V:
    """`a.reshape(shape)` of a C-contiguous array: a view (no copy)."""
    s, b, arr = fc.s, fc.b, fc.arr
    shape = args[0] if len(args) == 1 else TupleVal(tuple(args))
    sizes = [s.cast(v, int64) for v in shape_values(fc, shape, node)]
    if len(sizes) > MAX_NDIM:
        raise fc.unsupported(f"reshape to {len(sizes)} dimensions (kern "
                             f"arrays have 0 to {MAX_NDIM})", node)
    total = s.from_index(arr.size(a))
    base, offset, old_sizes, old_strides = arr.metadata(a)
    # C-contiguity check: stride[k] == prod(sizes[k+1:]) where size > 1
    one = b.const(1, int64)
    expect = b.index(1)
    ok = b.const(True, bool_)
    for k in reversed(range(a.ty.ndim)):
        same = b.op(f"arith.cmpi eq, {old_strides[k]}, {expect} : index",
                    bool_)
        c1 = b.index(1)
        small = b.op(f"arith.cmpi sle, {old_sizes[k]}, {c1} : index", bool_)
        good = b.op(f"arith.ori {same}, {small} : i1", bool_)
        ok = b.op(f"arith.andi {ok}, {good} : i1", bool_)
        expect = b.op(f"arith.muli {expect}, {old_sizes[k]} : index", int64,
                      "index")
    bad = s.not_(ok)
    s.raise_if(bad, "NotImplementedError",
               "reshape() supports contiguous arrays only")
    # one -1 entry is inferred
    known = one
    m1 = b.const(-1, int64)
    for v in sizes:
        isneg = b.op(f"arith.cmpi eq, {v}, {m1} : i64", bool_)
        f = b.op(f"arith.select {isneg}, {one}, {v} : i64", int64)
        known = b.op(f"arith.muli {known}, {f} : i64", int64)
    safe = b.op(f"arith.maxsi {known}, {one} : i64", int64)
    inferred = b.op(f"arith.divsi {total}, {safe} : i64", int64)
    final = []
    for v in sizes:
        isneg = b.op(f"arith.cmpi eq, {v}, {m1} : i64", bool_)
        final.append(b.op(f"arith.select {isneg}, {inferred}, {v} : i64",
                          int64))
    prod = one
    for v in final:
        prod = b.op(f"arith.muli {prod}, {v} : i64", int64)
    mismatch = b.op(f"arith.cmpi ne, {prod}, {total} : i64", bool_)
    s.raise_if(mismatch, "ValueError",
               "cannot reshape array of size %d into the requested shape",
               [total])
    idx = [s.to_index(v) for v in final]
    strides = [None] * len(idx)
    acc = b.index(1)
    for k in reversed(range(len(idx))):
        strides[k] = acc
        acc = b.op(f"arith.muli {acc}, {idx[k]} : index", int64, "index")
    return arr.reinterpret(base, a.ty.dtype, offset, idx, strides)


def arg_reduction(fc: Any, name: str, a: V, node: ast.AST) -> V:
    """argmin/argmax: first index (C order) of the extreme; NaN wins."""
    b, s, arr = fc.b, fc.s, fc.arr
    t = a.ty.dtype
    if t.kind == "c":
        raise fc.typing_error(f"{name}() of complex values", node)
    size = arr.size(a)
    zero = b.index(0)
    empty = b.op(f"arith.cmpi eq, {size}, {zero} : index", bool_)
    s.raise_if(empty, "ValueError", f"attempt to get {name} of an empty "
               f"sequence")
    dims = arr.dims(a)
    first = arr.load(a, [b.index(0) for _ in dims])
    c0, c1 = b.index(0), b.index(1)
    # flatten the nest: iterate a flat counter and decompose it
    res = b.fresh("arg")
    k = V(b.derived(res, "k"), int64, "index")
    best = V(b.derived(res, "best"), t, t.mlir)
    at = V(b.derived(res, "at"), int64, "index")
    m = t.mlir
    b.emit(f"{res}:2 = scf.for {k} = {c0} to {size} step {c1} "
           f"iter_args({best} = {first}, {at} = {c0}) -> ({m}, index) {{")
    inner, lines = b.capture(lambda: _arg_step(fc, name, a, dims, k, best,
                                               at))
    for line in lines:
        b.emit("  " + line)
    b.emit("}")
    return s.from_index(V(f"{res}#1", int64, "index"))


def _arg_step(fc: Any, name: str, a: V, dims: List[V], k: V, best: V,
              at: V) -> None:
    b, s, arr = fc.b, fc.s, fc.arr
    t = best.ty
    rem, idx = k, []
    for d in reversed(dims[1:]):
        idx.append(b.op(f"arith.remui {rem}, {d} : index", int64, "index"))
        rem = b.op(f"arith.divui {rem}, {d} : index", int64, "index")
    idx.append(rem)
    v = arr.load(a, idx[::-1])
    better = s.compare("<" if name == "argmin" else ">", v, best)
    if t.kind in "Mm":  # the first NaT wins and stays, as NumPy's NaN
        from .datetimes import isnat
        vn, bn = isnat(s, v), isnat(s, best)
        take = b.op(f"arith.ori {better}, {vn} : i1", bool_)
        better = b.op(f"arith.andi {take}, {s.not_(bn)} : i1", bool_)
    if t.kind == "f":  # the first NaN wins and stays
        vnan = b.op(f"arith.cmpf uno, {v}, {v} : {t.mlir}", bool_)
        bnan = b.op(f"arith.cmpf uno, {best}, {best} : {t.mlir}", bool_)
        nb = s.not_(bnan)
        take = b.op(f"arith.ori {better}, {vnan} : i1", bool_)
        better = b.op(f"arith.andi {take}, {nb} : i1", bool_)
    nbest = s.select(better, v, best)
    nat = b.op(f"arith.select {better}, {k}, {at} : index", int64, "index")
    b.emit(f"scf.yield {nbest}, {nat} : {t.mlir}, index")
