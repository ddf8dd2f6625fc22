"""Sets in compiled code: displays `{a, b}`, `set()`, `set(iterable)`,
comprehensions, `len`, `in`, iteration, the set methods and operators
(kern/frontend/setalgebra.py), `sorted(s)`, `list(s)`; passed in from
Python (reflected: the caller sees the changes) and returned to Python as
sets (Numba's `types.Set` of scalar items).

A set is a pointer to the runtime's KernDict without values
(lib/Runtime/Set.c): items -- numbers or tuples of numbers -- go to the
runtime as the dict's keys (kern/frontend/keys.py), the algebra of two
sets is a call:

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

from ..errors import TypingError, UnsupportedError
from ..settype import Set
from ..types import Scalar, bool_, int64
from . import keys, sequences
from .builder import Const, TupleVal, V
from .dicts import is_dict, is_null, key_value_types
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
    r = keys.new_table(fc, t, 0)
    return V(r.name, ty, ty.mlir)


def length(fc: Any, s: V) -> V:
    return fc.b.op(f"llvm.load {s} : !llvm.ptr -> i64", int64)


def _key_at(fc: Any, s: V, at: V) -> Any:
    """The item of entry `at` (an i64) of the packed entries."""
    return keys.key_at(fc, s, item_type(fc, s), at)


def each(fc: Any, s: V, body: Callable[[V], None]) -> None:
    """body(item) for every item, in the set's order."""
    index_loop(fc, fc.s.call("kernDictEntries", [s], int64),
               lambda at, _: body(_key_at(fc, s, at)))


# ---- items ------------------------------------------------------------------

def _scalar(fc: Any, x: Any, node: ast.AST) -> Any:
    """`x` as a set item: a number (not complex) or a tuple of numbers."""
    v = keys.check_key(fc, x, "item", "set", node)
    if isinstance(v, TupleVal) or (isinstance(v.ty, Scalar) and
                                   v.ty.kind != "c"):
        return v
    raise fc.unsupported(f"set items of {fc.type_name(v)} (kern's sets "
                         f"hold integers, bools, floats and tuples of "
                         f"numbers)", node)


def _wide(fc: Any, a: Any, b: Any, node: ast.AST) -> Any:
    """The item type holding items of types `a` and `b` (no complex)."""
    try:
        t = b if a is None else keys.promote_key(a, b)
    except TypingError as e:
        raise fc.typing_error(f"a set cannot mix {a} and {b} items",
                              node) from e
    if isinstance(t, Scalar) and t.kind == "c":
        raise fc.unsupported("set items of complex numbers", node)
    return t


def learn(fc: Any, s: V, t: Scalar, node: ast.AST) -> bool:
    """Whether `s` holds items of type `t`; else, for a set whose type is
    still learned, the type is widened for the next pass (False), or the
    mismatch is refused."""
    have = s.ty.dtype
    if have is not None and keys.fits(have, t) and (
            keys.promote_key(have, t) == have or (
                s.ty.origin is None and _same_kinds(
                    keys.promote_key(have, t), have))):
        return True
    if s.ty.origin is None:
        raise fc.typing_error(f"cannot put {t} items in {s.ty} (its items' "
                              f"type is fixed where it was made)", node)
    known = _learned(fc)
    old = known.get(s.ty.origin, have)
    wide = _wide(fc, old, t, node)
    if known.get(s.ty.origin) != wide:
        known[s.ty.origin] = wide
        fc.changed = True  # the set is made with this type next pass
    return have is not None and wide == have


def _same_kinds(a: Any, b: Any) -> bool:
    """Whether two item types have the same kinds (leaf by leaf)."""
    if keys.is_tuple_key(a):
        return all(x.kind == y.kind for x, y in zip(a.types, b.types))
    return a.kind == b.kind


def item_of(fc: Any, s: V, x: Any, node: ast.AST) -> Any:
    """`x` as an item of `s` (cast to its type), or None while the type
    of `s` is learned (the next pass makes it typed)."""
    v = _scalar(fc, x, node)
    if not learn(fc, s, keys.key_type(v), node):
        return None
    return keys.cast_key(fc, v, item_type(fc, s))


def add(fc: Any, s: V, x: Any, node: ast.AST) -> None:
    v = item_of(fc, s, x, node)
    if v is not None:
        keys.call(fc, "kernDictSetSlot", s, item_type(fc, s), v, int64,
                  "!llvm.ptr")


def _lookup(fc: Any, s: V, x: Any, node: ast.AST, found: Callable[[Any], V]
            ) -> Optional[V]:
    """found(item in the set's type) (an i1) when `x` is exactly the
    value of an item of the set's type, else false without calling it
    (1.5 is not in a set of integers: keys.lookup); None when `s` is not
    typed yet."""
    v = _scalar(fc, x, node)
    t = s.ty.dtype if s.ty.dtype is not None else _learned(fc).get(
        s.ty.origin)
    if t is None:
        return None
    if not keys.fits(t, keys.key_type(v)):
        raise fc.typing_error(f"a {keys.key_type(v)} item looked up in "
                              f"{s.ty}", node)
    return keys.lookup(fc, t, v, found, lambda: fc.b.const(False, bool_))


def contains(fc: Any, s: V, x: Any, node: ast.AST) -> V:
    t = item_type(fc, s)
    r = _lookup(fc, s, x, node, lambda k: fc.s.not_(is_null(fc, keys.call(
        fc, "kernDictGetSlot", s, t, k, int64, "!llvm.ptr"))))
    return fc.b.const(False, bool_) if r is None else r


def discard(fc: Any, s: V, x: Any, node: ast.AST) -> Optional[V]:
    """Removes `x`; whether it was there (None: `s` not typed yet)."""
    t = item_type(fc, s)

    def gone(k: Any) -> V:
        n = keys.call(fc, "kernDictDelete", s, t, k, int64)
        zero = fc.b.const(0, int64)
        return fc.b.op(f"arith.cmpi ne, {n}, {zero} : i64", bool_)
    return _lookup(fc, s, x, node, gone)


def remove(fc: Any, s: V, x: Any, node: ast.AST) -> None:
    """Removes `x`: KeyError(x) when it is not there."""
    gone = discard(fc, s, x, node)
    if gone is not None:
        keys.key_error(fc, _scalar(fc, x, node), fc.s.not_(gone))


def pop(fc: Any, s: V) -> Any:
    """An item, removed (KeyError when the set is empty)."""
    return keys.pop_last(fc, s, item_type(fc, s))


# ---- displays, set(), list() ------------------------------------------------

def display(fc: Any, node: ast.Set) -> V:
    """`{a, b, c}`."""
    items = [_scalar(fc, fc.expr(e), e) for e in node.elts]
    t = _learned(fc).get(id(node))
    for v in items:
        t = _wide(fc, t, keys.key_type(v), node)
    return from_items(fc, items, t, id(node), node)


def from_items(fc: Any, items: PyList[Any], t: Any, origin: Any,
               node: ast.AST) -> V:
    """A new set of the values `items` (cast to `t`)."""
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
                          lambda at, _: body(keys.key_at(fc, v, kt, at)))
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
    names = [fc.target_name(index, node)] if index is not None else []
    names += keys.target_names(fc, target, node)
    entries = fc.s.call("kernDictEntries", [s], int64)

    def bind(i: V) -> None:
        n = length(fc, s)
        changed = fc.b.op(f"arith.cmpi ne, {n}, {entries} : i64", bool_)
        fc.s.raise_if(changed, "RuntimeError",
                      "Set changed size during iteration")
        at = fc.s.from_index(i)
        if index is not None:
            fc.assign_var(names[0], at, node)
        fc.assign_target(target, _key_at(fc, s, at), node)
    fc.counted_loop(node, Const(0), entries, Const(1), bind, names)



def sequence_of(fc: Any, s: V) -> Any:
    """(length as int64, item at an int64 position) of `s`, for zip()."""
    entries = fc.s.call("kernDictEntries", [s], int64)
    return entries, lambda at: _key_at(fc, s, at)
