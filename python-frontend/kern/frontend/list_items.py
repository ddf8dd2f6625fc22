"""Items of lists that are not numbers: tuples (of numbers, strs, arrays,
lists and tuples), arrays and lists (Numba's lists of tuples, reflected
lists of arrays, nested lists).

An item is its leaves one after the other (kern/listtype.py
`item_layout`): a number in a cell of 8 bytes (16 for complex128), a str
as its pointer (a KernStr, freed with the lists), an array as its memref
descriptor, a list as its pointer. Storing an array
copies it into a buffer the runtime keeps with the lists
(`kernListAdoptArray`, lib/Runtime/List.c: freed with them, or handed to
the NumPy array that a result becomes); reading one gives a view of that
buffer, which compiled code never frees:

>>> # out.append(a[i:i + 2].copy())     (out: list of float64[:])
>>> #   llvm.store %size, %slot[3]; llvm.store %stride, %slot[4]
>>> #   func.call @kernListAdoptArray(%slot, %aligned, %offset, %c8, %c1)
>>> # x = out[k]
>>> #   %d = llvm.load %slot : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64,
>>> #                                        array<1 x i64>, array<1 x i64>)>
>>> #   %x = builtin.unrealized_conversion_cast %d : !llvm.struct<...> to
>>> #        memref<?xf64, strided<[?], offset: ?>>

So an array appended to a list is a copy (Numba's list holds the same
array): writes through `out[k]` are seen by later reads of `out[k]`, writes
to the original array after the append are not.
"""

from __future__ import annotations

import ast
from typing import Any, List as PyList, Optional

from ..listtype import List, item_layout
from ..strtype import UnicodeType, unicode_type
from ..types import Array, Scalar, Tuple, bool_, int64, promote
from . import strings
from .builder import Const, TupleVal, V, constant_type

__all__ = ["is_structured", "value_type", "unify", "load", "store",
           "equal", "best_tuple"]


def is_structured(t: Any) -> bool:
    """Whether items of type `t` are stored as leaves (not one number or
    one str pointer)."""
    return t is not None and not isinstance(t, (Scalar, UnicodeType))


def value_type(fc: Any, v: Any, node: ast.AST) -> Any:
    """The item type a list of `v` has: a number's, a tuple's (of these
    and strs), an array's (any layout), a list's; else UnsupportedError."""
    if isinstance(v, Const) and isinstance(v.value, tuple):
        v = TupleVal(tuple(Const(x) for x in v.value))
    if isinstance(v, TupleVal):  # of numbers, strs, arrays, lists, tuples
        return Tuple([value_type(fc, x, node) for x in v.items])
    if isinstance(v, Const) and isinstance(v.value, str):
        return unicode_type
    if isinstance(v, Const):
        t = constant_type(v)
        if isinstance(t, Scalar):
            return t
    if isinstance(v, V):
        if isinstance(v.ty, (Scalar, List, UnicodeType)):
            return v.ty
        if isinstance(v.ty, Array):
            return Array(v.ty.dtype, v.ty.ndim, "A")
    raise fc.unsupported(f"lists of {fc.type_name(v)} (kern's list items "
                         f"are numbers, strs, tuples, arrays and lists)",
                         node)


def unify(fc: Any, have: Any, new: Any, node: ast.AST) -> Optional[Any]:
    """The item type holding both `have` and `new` items, or None when
    there is none (numbers widen, tuples item by item)."""
    if isinstance(have, Scalar) and isinstance(new, Scalar):
        return promote(have, new)
    if isinstance(have, UnicodeType) or isinstance(new, UnicodeType):
        return have if have == new else None
    if isinstance(have, Tuple) and isinstance(new, Tuple) and \
            len(have.types) == len(new.types):
        items = [unify(fc, a, b, node) for a, b in zip(have.types, new.types)]
        return None if None in items else Tuple(items)
    if isinstance(have, Array) and isinstance(new, Array):
        return have if have.same_kind(new) else None
    if isinstance(have, List) and isinstance(new, List):
        if have.dtype is None or new.dtype is None:  # one still untyped
            return new if have.dtype is None else have
        if have == new:
            return have
        if isinstance(have.dtype, List) and isinstance(new.dtype, List):
            inner = unify(fc, have.dtype, new.dtype, node)  # (deeper lists)
            return None if inner is None else List(inner)
        return None
    return None


def equal(fc: Any, x: Any, y: Any, node: ast.AST) -> V:
    """`x == y` of two items: numbers, strs, or tuples of them item by item
    (UnsupportedError for arrays and lists)."""
    s = fc.s
    if isinstance(y, Const) and isinstance(y.value, tuple):
        y = TupleVal(tuple(Const(v) for v in y.value))
    if isinstance(x, TupleVal) or isinstance(y, TupleVal):
        if not (isinstance(x, TupleVal) and isinstance(y, TupleVal)) or \
                len(x.items) != len(y.items):
            return fc.b.const(False, bool_)
        r = fc.b.const(True, bool_)
        for a, c in zip(x.items, y.items):
            eq = equal(fc, a, c, node)
            r = fc.b.op(f"arith.andi {r}, {eq} : i1", bool_)
        return r
    if strings.is_text(x) or strings.is_text(y):  # (a str equals no number)
        eq = strings.compare(fc, "==", x, y, node)
        return fc.b.const(eq.value, bool_) if isinstance(eq, Const) else eq
    xv, yv = fc.scalar(node, x), fc.scalar(node, y)
    if not (isinstance(xv.ty, Scalar) and isinstance(yv.ty, Scalar)):
        raise fc.unsupported("comparing list items that are arrays or "
                             "lists", node)
    return s.compare("==", xv, yv)


def best_tuple(fc: Any, name: str, l: V, node: ast.AST) -> Any:
    """min()/max() of a list of tuples in Python's order (strs as strs):
    the first of the smallest (largest) items; ValueError when empty."""
    from .lists import index_loop, item_type, items_of, length, load_item
    from .tuples import equal as compare_tuples
    b = fc.b
    base, t, n = items_of(fc, l), item_type(fc, l), length(fc, l)
    empty = b.op(f"arith.cmpi eq, {n}, {b.const(0, int64)} : i64", bool_)
    fc.s.raise_if(empty, "ValueError", f"{name}() arg is an empty sequence")

    def step(k: V, best: V) -> V:
        x, y = load_item(fc, base, k, t), load_item(fc, base, best, t)
        better = compare_tuples(fc, "<", *((x, y) if name == "min" else
                                          (y, x)), node)
        return b.op(f"arith.select {better}, {k}, {best} : i64", int64)
    return load_item(fc, base, index_loop(fc, n, step, b.const(0, int64)),
                     t)


# ---- addresses ------------------------------------------------------------------

def _at(fc: Any, base: V, i: V, t: Any, offset: int) -> V:
    """The address of the leaf at byte `offset` of item `i`."""
    b = fc.b
    size = b.const(List(t).item_size, int64)
    k = b.op(f"arith.muli {i}, {size} : i64", int64)
    if offset:
        k = b.op(f"arith.addi {k}, {b.const(offset, int64)} : i64", int64)
    return b.op(f"llvm.getelementptr {base}[{k}] : (!llvm.ptr, i64) -> "
                f"!llvm.ptr, i8", int64, "!llvm.ptr")


def _struct(t: Array) -> str:
    """The LLVM struct of a memref descriptor of rank t.ndim (rank 0: no
    sizes and strides)."""
    r = t.ndim
    arrays = f", array<{r} x i64>, array<{r} x i64>" if r else ""
    return f"!llvm.struct<(ptr, ptr, i64{arrays})>"


# ---- loads and stores -------------------------------------------------------------

def load(fc: Any, base: V, i: V, t: Any) -> Any:
    """Item `i` (an int64 in range) of a list of `t` items."""
    from .lists import load_item
    leaves = iter(item_layout(t))
    zero = fc.b.const(0, int64)

    def build(x: Any) -> Any:
        if isinstance(x, Tuple):
            return TupleVal(tuple(build(item) for item in x.types))
        offset, leaf = next(leaves)
        at = _at(fc, base, i, t, offset)
        if isinstance(leaf, Scalar):
            return load_item(fc, at, zero, leaf)
        if isinstance(leaf, (List, UnicodeType)):  # a list or str pointer
            return fc.b.op(f"llvm.load {at} : !llvm.ptr -> !llvm.ptr", leaf,
                           "!llvm.ptr")
        d = fc.b.op(f"llvm.load {at} : !llvm.ptr -> {_struct(leaf)}", int64,
                    _struct(leaf))
        return fc.b.op(f"builtin.unrealized_conversion_cast {d} : "
                       f"{_struct(leaf)} to {leaf.mlir}", leaf, leaf.mlir,
                       hint="item")
    return build(t)


def _leaves(fc: Any, v: Any, t: Any, node: ast.AST) -> PyList[Any]:
    if isinstance(t, Tuple):
        if isinstance(v, Const) and isinstance(v.value, tuple):
            v = TupleVal(tuple(Const(x) for x in v.value))
        out: PyList[Any] = []
        for x, xt in zip(v.items, t.types):
            out += _leaves(fc, x, xt, node)
        return out
    return [v]


def store(fc: Any, base: V, i: V, v: Any, t: Any, node: ast.AST) -> None:
    """Stores `v` (a value of a type unify() accepted) as item `i`."""
    from .lists import store_item
    b, s = fc.b, fc.s
    zero = b.const(0, int64)
    for (offset, leaf), x in zip(item_layout(t), _leaves(fc, v, t, node)):
        at = _at(fc, base, i, t, offset)
        if isinstance(leaf, Scalar):
            store_item(fc, at, zero, s.cast(fc.scalar(node, x), leaf), leaf)
        elif isinstance(leaf, (List, UnicodeType)):
            x = fc.value(x, node)  # (a constant str made)
            b.emit(f"llvm.store {x}, {at} : !llvm.ptr, !llvm.ptr")
        else:
            _store_array(fc, at, x)


def _store_array(fc: Any, slot: V, a: V) -> None:
    """The descriptor of a copy of `a` at `slot`: its sizes and strides
    written there, then the runtime copies the elements into a buffer of
    its own and completes the descriptor."""
    b, s = fc.b, fc.s
    _, offset, sizes, strides = fc.arr.metadata(a)
    for k, x in enumerate(sizes + strides):
        at = b.op(f"llvm.getelementptr {slot}[{3 + k}] : (!llvm.ptr) -> "
                  f"!llvm.ptr, i64", int64, "!llvm.ptr")
        b.emit(f"llvm.store {s.from_index(x)}, {at} : i64, !llvm.ptr")
    p = b.op(f"memref.extract_aligned_pointer_as_index {a} : {a.mt} -> "
             f"index", int64, "index")
    p = b.op(f"llvm.inttoptr {s.from_index(p)} : i64 to !llvm.ptr", int64,
             "!llvm.ptr")
    size = max(1, a.ty.dtype.bits // 8)
    s.call("kernListAdoptArray", [slot, p, s.from_index(offset),
                                  b.const(size, int64),
                                  b.const(a.ty.ndim, int64)])
