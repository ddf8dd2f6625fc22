"""Values of dicts that are not one number: strs, tuples (of numbers,
strs, arrays, lists and tuples), arrays of any rank and lists -- Numba's
`DictType(k, Tuple(...))`, `DictType(k, float64[:])`, the grouping idiom
`d.setdefault(k, []).append(i)`.

A value is stored in its dict's entry as a list item is
(kern/listtype.py `item_layout`, kern/frontend/list_items.py): its leaves
one after the other, a number in 8 bytes (16 for complex128), a str or a
list as its pointer, an array as its memref descriptor, whose buffer is a
copy the runtime records and frees with the containers
(`kernListAdoptArray`). Reading `d[k]` of an array gives a view of that
buffer, so `d[k][0] = 1.0` changes the stored array; a list value is the
list itself, so `d[k].append(x)` grows the list the dict holds:

>>> from kern.types import Array, Tuple, float64, int64
>>> from kern.listtype import List
>>> value_size(Tuple([int64, float64])), value_size(Array(float64, 2))
(16, 56)
>>> unify(Tuple([int64, int64]), Tuple([int64, float64]))
Tuple(int64, float64)
>>> unify(List(None), List(int64))
list(int64)
>>> unify(Array(float64, 1), Array(float64, 2)) is None
True
"""

from __future__ import annotations

import ast
from typing import Any, Callable, Optional

from ..dicttype import value_spec_type
from ..listtype import List, item_layout
from ..strtype import UnicodeType
from ..types import Array, Scalar, Tuple, Type, int64 as Scalar_i64, promote
from .passes import placeholder_read
from .builder import Const, TupleVal, V
from .list_items import is_structured, unify as unify_items

__all__ = ["value_type", "unify", "value_size", "check", "select",
           "placeholder", "spec_type", "is_structured", "copy_words"]

spec_type = value_spec_type  # (kern/dicttype.py)


def value_size(t: Type) -> int:
    """Bytes of a value of type `t` in a dict's entry."""
    if isinstance(t, Scalar):
        return max(1, t.bits // 8)
    if isinstance(t, UnicodeType):
        return 8
    return List(t).item_size


def _plain(v: Any) -> Any:
    """A constant tuple as a TupleVal of its constants."""
    if isinstance(v, Const) and isinstance(v.value, tuple):
        return TupleVal(tuple(_plain(Const(x)) for x in v.value))
    if isinstance(v, TupleVal):
        return TupleVal(tuple(_plain(x) for x in v.items))
    return v


def check(fc: Any, x: Any, node: ast.AST) -> Any:
    """`x` as a dict value: a number or str V, an array or list V, or a
    TupleVal of such; a located UnsupportedError otherwise."""
    x = _plain(x)
    if isinstance(x, TupleVal):
        return TupleVal(tuple(check(fc, i, node) for i in x.items))
    v = fc.value(x, node)
    if isinstance(v, V) and isinstance(v.ty, (Scalar, UnicodeType, Array,
                                              List)):
        if isinstance(v.ty, Array) and getattr(v.ty.dtype, "fields", None):
            raise fc.unsupported("dict values that are arrays of records",
                                 node)
        return v
    raise fc.unsupported(f"dict values of {fc.type_name(v)} (kern's dicts "
                         f"hold numbers, strs, tuples, arrays and lists)",
                         node)


def value_type(fc: Any, x: Any, node: ast.AST) -> Type:
    """The type a dict of values like `x` has (an array's of any layout)."""
    v = check(fc, x, node)
    if isinstance(v, TupleVal):
        return Tuple([value_type(fc, i, node) for i in v.items])
    if isinstance(v.ty, Array):
        return Array(v.ty.dtype, v.ty.ndim, "A")
    return v.ty


def unify(a: Any, b: Any) -> Optional[Type]:
    """The value type holding values of types `a` and `b`, or None:
    numbers widen (NumPy's promotion), a str only with a str, tuples item
    by item, arrays of one dtype and rank, lists as list items unify."""
    if isinstance(a, Scalar) and isinstance(b, Scalar):
        return promote(a, b)
    if isinstance(a, UnicodeType) or isinstance(b, UnicodeType):
        return a if a == b else None
    if isinstance(a, Tuple) and isinstance(b, Tuple):
        if len(a.types) != len(b.types):
            return None
        items = [unify(x, y) for x, y in zip(a.types, b.types)]
        return None if None in items else Tuple(items)
    if isinstance(a, List) and isinstance(b, List):
        return unify_items(None, a, b, None)
    if isinstance(a, Array) and isinstance(b, Array):
        return a if a.same_kind(b) else None
    return None


def _leaf_mlir(t: Type) -> str:
    return "!llvm.ptr" if isinstance(t, (List, UnicodeType)) else t.mlir


def _as_leaves(fc: Any, v: Any, t: Type, node: ast.AST) -> list:
    """The SSA leaves of the value `v` as leaves of type `t`: numbers
    cast, arrays cast to the strided layout a stored value reads as."""
    v = _plain(v)
    if isinstance(t, Tuple):
        out: list = []
        for x, xt in zip(v.items, t.types):
            out += _as_leaves(fc, x, xt, node)
        return out
    x = fc.value(v, node)
    if isinstance(t, Scalar):
        return [fc.s.cast(fc.scalar(node, x), t)]
    if isinstance(t, Array):
        return [fc.arr.cast_to(x, t.mlir)]
    return [x]


def select(fc: Any, missing: V, default: Any, read: Callable[[], Any],
           t: Type, node: ast.AST) -> Any:
    """`default` (or what it makes, a callable) where `missing` (an i1)
    holds, else what `read()` loads (each emitted in its branch only): an
    scf.if yielding the leaves."""
    then, lines_t = fc.b.capture(lambda: _as_leaves(
        fc, default() if callable(default) else default, t, node))
    other, lines_e = fc.b.capture(lambda: _as_leaves(fc, read(), t, node))
    mts = ", ".join(_leaf_mlir(lt) for _, lt in item_layout(t))
    names = lambda vs: ", ".join(v.name for v in vs)  # noqa: E731
    return fc.emit_if_results(
        missing, lines_t + [f"scf.yield {names(then)} : {mts}"],
        lines_e + [f"scf.yield {names(other)} : {mts}"], [t], other)[0]


def placeholder(fc: Any, t: Type) -> Any:
    """A value of type `t` for code typed again in the next pass (counted:
    a statement using it that fails waits for that pass, statements.py)."""
    placeholder_read(fc)
    if isinstance(t, Tuple):
        return TupleVal(tuple(placeholder(fc, x) for x in t.types))
    if isinstance(t, Array):
        a = fc.dummy(t, "value")
        return V(fc.arr.cast_to(a, t.mlir).name, t, t.mlir)
    return fc.dummy(t, "value")


def copy_words(fc: Any, src: V, dst: V, t: Type) -> None:
    """The value of type `t` at `src` stored at `dst` word by word (its
    arrays' descriptors, so both hold the same buffers)."""
    b = fc.b
    for k in range(value_size(t) // 8):
        at = [b.op(f"llvm.getelementptr {p}[{k}] : (!llvm.ptr) -> "
                   f"!llvm.ptr, i64", Scalar_i64, "!llvm.ptr")
              for p in (src, dst)]
        w = b.op(f"llvm.load {at[0]} : !llvm.ptr -> i64", Scalar_i64)
        b.emit(f"llvm.store {w}, {at[1]} : i64, !llvm.ptr")
