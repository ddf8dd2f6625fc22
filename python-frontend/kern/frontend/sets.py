"""Sets in compiled code: displays `{a, b}`, `set()`, `set(iterable)`,
comprehensions, `len`, `in`, iteration, the set methods and operators
(kern/frontend/setalgebra.py), `sorted(s)`, `list(s)`; passed in from
Python (reflected: the caller sees the changes) and returned to Python as
sets (Numba's `types.Set` of scalar items).

A set is a pointer to the runtime's KernDict without values
(lib/Runtime/Set.c): items go to the runtime as the dict's 64-bit keys
(kern/frontend/dicts.py's key_to_bits), the algebra of two sets is a call:

>>> # s = {x};  s.add(y);  b = y in s;  s |= t    (sets of float64)
>>> #   %s = func.call @kernDictNew(%c102, %c0) : (i64, i64) -> !llvm.ptr
>>> #   %k = arith.bitcast %y : f64 to i64
>>> #   func.call @kernDictSetSlot(%s, %k) : (!llvm.ptr, i64) -> !llvm.ptr
>>> #   %p = func.call @kernDictGetSlot(%s, %k)   (b: %p is not null)
>>> #   func.call @kernSetUpdate(%s, %t) : (!llvm.ptr, !llvm.ptr) -> ()

The item type of `set()` is learned from what is added later, as for
lists (kern/frontend/lists.py): the first pass records it for the call
that made the set, the next pass makes a typed set.
"""

import ast
from typing import Any, Callable, Dict, List as PyList, Optional

from ..errors import UnsupportedError
from ..settype import Set
from ..types import Scalar, bool_, int64, promote
from . import sequences
from .builder import Const, TupleVal, V
from .dicts import (is_dict, is_null, key_error, key_from_bits, key_to_bits,
                    key_value_types)
from .lists import index_loop, method as list_method, new as list_new

__all__ = ["is_set", "new", "length", "item_type", "display", "add",
           "contains", "loop", "each", "call_constructor", "list_of", "to_list",
           "from_items", "from_iterable", "from_value", "each_of",
           "item_of", "learn", "discard", "remove", "pop",
           "sequence_of"]


def is_set(v: Any) -> bool:
    return isinstance(v, V) and isinstance(v.ty, Set)


# ---- the runtime object ---------------------------------------------------

def _learned(fc: Any) -> Dict[Any, Scalar]:
    return fc.__dict__.setdefault("set_types", {})


def item_type(fc: Any, s: V) -> Scalar:
    """The item type; of a set still untyped in this pass, the type
    learned for it so far (the next pass makes it typed), else int64."""
    if s.ty.dtype is not None:
        return s.ty.dtype
    return _learned(fc).get(s.ty.origin, int64)


def new(fc: Any, dtype: Optional[Scalar], origin: Any = None) -> V:
    """An empty set of `dtype` items (None: learned later)."""
    fc.module.uses_lists = True  # held and freed with the lists
    ty = Set(dtype, origin)
    t = dtype if dtype is not None else _learned(fc).get(origin, int64)
    kind = fc.b.const(ord("f" if t.kind == "f" else "i"), int64)
    r = fc.s.call("kernDictNew", [kind, fc.b.const(0, int64)], int64,
                  "!llvm.ptr")
    return V(r.name, ty, ty.mlir)


def length(fc: Any, s: V) -> V:
    return fc.b.op(f"llvm.load {s} : !llvm.ptr -> i64", int64)


def _bits(fc: Any, s: V, v: V) -> V:
    return key_to_bits(fc, item_type(fc, s), v)


def _key_at(fc: Any, s: V, at: V) -> V:
    """The item of entry `at` (an i64) of the packed entries."""
    bits = fc.s.call("kernDictKeyAt", [s, at], int64)
    return key_from_bits(fc, item_type(fc, s), bits)


def each(fc: Any, s: V, body: Callable[[V], None]) -> None:
    """body(item) for every item, in the set's order."""
    index_loop(fc, fc.s.call("kernDictEntries", [s], int64),
               lambda at, _: body(_key_at(fc, s, at)))


# ---- items ------------------------------------------------------------------

def _scalar(fc: Any, x: Any, node: ast.AST) -> V:
    v = fc.value(x, node)
    if not isinstance(v, V) or not isinstance(v.ty, Scalar) or \
            v.ty.kind == "c":
        raise fc.unsupported(f"set items of {fc.type_name(v)} (kern's sets "
                             f"hold integers, bools and floats)", node)
    return v


def learn(fc: Any, s: V, t: Scalar, node: ast.AST) -> bool:
    """Whether `s` holds items of type `t`; else, for a set whose type is
    still learned, the type is widened for the next pass (False), or the
    mismatch is refused."""
    have = s.ty.dtype
    if have is not None and (promote(have, t) == have or (
            s.ty.origin is None and promote(have, t).kind == have.kind)):
        return True
    if s.ty.origin is None:
        raise fc.typing_error(f"cannot put {t} items in {s.ty} (its items' "
                              f"type is fixed where it was made)", node)
    known = _learned(fc)
    old = known.get(s.ty.origin, have)
    wide = t if old is None else promote(old, t)
    if wide.kind == "c":
        raise fc.unsupported("set items of complex numbers", node)
    if known.get(s.ty.origin) != wide:
        known[s.ty.origin] = wide
        fc.changed = True  # the set is made with this type next pass
    return have is not None and wide == have


def item_of(fc: Any, s: V, x: Any, node: ast.AST) -> Optional[V]:
    """`x` as an item of `s` (cast to its type), or None while the type
    of `s` is learned (the next pass makes it typed)."""
    v = _scalar(fc, x, node)
    if not learn(fc, s, v.ty, node):
        return None
    return fc.s.cast(v, item_type(fc, s))


def add(fc: Any, s: V, x: Any, node: ast.AST) -> None:
    v = item_of(fc, s, x, node)
    if v is not None:
        fc.s.call("kernDictSetSlot", [s, _bits(fc, s, v)], int64, "!llvm.ptr")


def _lookup(fc: Any, s: V, x: Any, node: ast.AST, found: Callable[[V], V]
            ) -> Optional[V]:
    """found(bits) (an i1) of `x`'s key when `x` is exactly the value of
    an item type's key, else false without calling it (1.5 is not in a
    set of integers); None when `s` is not typed yet."""
    v = _scalar(fc, x, node)
    t = s.ty.dtype if s.ty.dtype is not None else _learned(fc).get(
        s.ty.origin)
    if t is None:
        return None
    k = fc.s.cast(v, t)
    if promote(t, v.ty) == t:
        return found(key_to_bits(fc, t, k))
    exact = fc.s.compare("==", fc.s.cast(k, v.ty), v)  # a wider value
    r, lines_t = fc.b.capture(lambda: found(key_to_bits(fc, t, k)))
    no, lines_e = fc.b.capture(lambda: fc.b.const(False, bool_))
    return fc.emit_if_results(exact, lines_t + [f"scf.yield {r} : i1"],
                              lines_e + [f"scf.yield {no} : i1"], [bool_],
                              [r])[0]


def contains(fc: Any, s: V, x: Any, node: ast.AST) -> V:
    r = _lookup(fc, s, x, node, lambda bits: fc.s.not_(is_null(
        fc, fc.s.call("kernDictGetSlot", [s, bits], int64, "!llvm.ptr"))))
    return fc.b.const(False, bool_) if r is None else r


def discard(fc: Any, s: V, x: Any, node: ast.AST) -> Optional[V]:
    """Removes `x`; whether it was there (None: `s` not typed yet)."""
    zero = fc.b.const(0, int64)

    def gone(bits: V) -> V:
        n = fc.s.call("kernDictDelete", [s, bits], int64)
        return fc.b.op(f"arith.cmpi ne, {n}, {zero} : i64", bool_)
    return _lookup(fc, s, x, node, gone)


def remove(fc: Any, s: V, x: Any, node: ast.AST) -> None:
    """Removes `x`: KeyError(x) when it is not there."""
    gone = discard(fc, s, x, node)
    if gone is not None:
        v = _scalar(fc, x, node)
        t = item_type(fc, s)
        key_error(fc, promote(t, v.ty), v, fc.s.not_(gone))


def pop(fc: Any, s: V) -> V:
    """An item, removed (KeyError when the set is empty)."""
    bits = fc.s.call("kernDictPopLast", [s], int64)
    return key_from_bits(fc, item_type(fc, s), bits)


# ---- displays, set(), list() ------------------------------------------------

def display(fc: Any, node: ast.Set) -> V:
    """`{a, b, c}`."""
    items = [_scalar(fc, fc.expr(e), e) for e in node.elts]
    t = _learned(fc).get(id(node))
    for v in items:
        t = v.ty if t is None else promote(t, v.ty)
    if t.kind == "c":
        raise fc.unsupported("set items of complex numbers", node)
    return from_items(fc, items, t, id(node), node)


def from_items(fc: Any, items: PyList[V], t: Scalar, origin: Any,
               node: ast.AST) -> V:
    """A new set of the scalar values `items` (cast to `t`)."""
    s = new(fc, t, origin)
    for v in items:
        add(fc, s, v, node)
    return s


def _iterable(fc: Any, arg: ast.expr, node: ast.AST,
              body: Callable[[Any], None]) -> None:
    """body(item) for each item of `arg`: a range or an iterable value."""
    if sequences.is_range_call(fc, arg):
        n, item = sequences.sequence(fc, arg, node)
        index_loop(fc, n, lambda k, _: body(item(k)))
    else:
        each_of(fc, fc.expr(arg), node, body)


def each_of(fc: Any, v: Any, node: ast.AST, body: Callable[[Any], None]
            ) -> None:
    """body(item) for each item of a set, a dict (its keys), a 1-D array,
    a list or a tuple (unrolled)."""
    if is_set(v):
        return each(fc, v, body)
    if is_dict(v):
        kt = key_value_types(fc, v)[0]
        return index_loop(fc, fc.s.call("kernDictEntries", [v], int64),
                          lambda at, _: body(key_from_bits(fc, kt, fc.s.call(
                              "kernDictKeyAt", [v, at], int64))))
    if isinstance(v, TupleVal):
        for x in v.items:
            body(x)
        return
    if fc.is_array(v) and v.ty.ndim != 1:
        raise fc.unsupported(f"a set or list of the rows of {v.ty}", node)
    try:
        n, item = sequences.sequence_of(fc, v, node)
    except UnsupportedError:
        raise fc.unsupported(f"a set or list of the items of "
                             f"{fc.type_name(v)} (of sets, dicts, ranges, 1-D "
                             f"arrays, lists and tuples)", node) from None
    index_loop(fc, n, lambda k, _: body(item(k)))


def from_iterable(fc: Any, arg: ast.expr, node: ast.AST) -> V:
    """A new set of the items of `arg` (its type learned from them)."""
    s = new(fc, _learned(fc).get(id(arg)), id(arg))
    _iterable(fc, arg, node, lambda x: add(fc, s, x, node))
    return s


def from_value(fc: Any, v: Any, origin: Any, node: ast.AST) -> V:
    """A new set of the items of the iterable value `v`."""
    s = new(fc, _learned(fc).get(origin), origin)
    each_of(fc, v, node, lambda x: add(fc, s, x, node))
    return s


def call_constructor(fc: Any, name: str, node: ast.Call) -> V:
    """`set()`, `set(iterable)`, `list(iterable)`."""
    if node.keywords or len(node.args) > 1 or any(
            isinstance(a, ast.Starred) for a in node.args):
        raise fc.unsupported(f"{name}() with other than one positional "
                             f"argument", node)
    if name == "set":
        if not node.args:
            return new(fc, _learned(fc).get(id(node)), id(node))
        return from_iterable(fc, node.args[0], node)
    if not node.args:
        raise fc.unsupported("list() without arguments (use [])", node)
    return list_of(fc, fc.expr(node.args[0]), node)


def list_of(fc: Any, v: Any, node: ast.AST) -> V:
    """`list(v)` of a set or a dict (its keys), or of another iterable
    value (`each_of`)."""
    from .lists import learned_type
    out = list_new(fc, learned_type(fc, id(node)), fc.b.const(0, int64),
                   id(node))
    each_of(fc, v, node,
            lambda x: list_method(fc, out, "append", [x], {}, node))
    return out


def to_list(fc: Any, s: V) -> V:
    """A new list of the items of `s` (sorted(s) sorts it)."""
    t = item_type(fc, s)
    out = list_new(fc, t, fc.b.const(0, int64))
    each(fc, s, lambda x: list_method(fc, out, "append", [x], {}, None))
    return out


# ---- iteration --------------------------------------------------------------

def loop(fc: Any, node: ast.For, s: V, target: ast.expr,
         index: Optional[ast.expr] = None) -> None:
    """`for x in s` (`for i, x in enumerate(s)`: `index` is i): a counted
    loop over the packed entries; a set that changes size meanwhile raises
    RuntimeError, as in Python."""
    names = [fc.target_name(t, node) for t in (index, target) if t]
    entries = fc.s.call("kernDictEntries", [s], int64)

    def bind(i: V) -> None:
        n = length(fc, s)
        changed = fc.b.op(f"arith.cmpi ne, {n}, {entries} : i64", bool_)
        fc.s.raise_if(changed, "RuntimeError",
                      "Set changed size during iteration")
        at = fc.s.from_index(i)
        if index is not None:
            fc.assign_var(names[0], at, node)
        fc.assign_var(names[-1], _key_at(fc, s, at), node)
    fc.counted_loop(node, Const(0), entries, Const(1), bind, names)


def sequence_of(fc: Any, s: V) -> Any:
    """(length as int64, item at an int64 position) of `s`, for zip()."""
    entries = fc.s.call("kernDictEntries", [s], int64)
    return entries, lambda at: _key_at(fc, s, at)
