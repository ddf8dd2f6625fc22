"""Dicts in compiled code: displays, comprehensions, `d[k]`, `d[k] = v`,
`in`, `len`, `del`, the dict methods, iteration over keys, values and
items, returned to Python as dicts (Numba's `types.DictType` of scalar
keys and values).

A dict is a pointer to the runtime's KernDict (lib/Runtime/Dict.c). Keys
are numbers, strs or tuples of numbers and strs, which go to the runtime
as 64-bit words (kern/frontend/keys.py: integers extended, floats as a
double's bits, a str its KernStr*, a tuple a word per leaf, by address), looked up exactly as Python
does (`1.5 in {1: 2.0}` is False); values are read and written here at
the address a lookup returns:

>>> # d[k] = v;  x = d[k]        (d: dict(int64, float64))
>>> #   %slot = func.call @kernDictSetSlot(%d, %k) : (!llvm.ptr, i64) -> !llvm.ptr
>>> #   llvm.store %v, %slot : f64, !llvm.ptr
>>> #   %s = func.call @kernDictGetSlot(%d, %k) : (!llvm.ptr, i64) -> !llvm.ptr
>>> #   (KeyError when %s is null)   %x = llvm.load %s : !llvm.ptr -> f64

The key and value types of `{}` are learned from the first stores, as for
lists (kern/frontend/lists.py).
"""

import ast
from typing import Any, Dict as PyDict, Optional, Tuple

from ..dicttype import Dict
from ..listtype import List
from ..errors import TypingError
from ..strtype import UnicodeType
from ..types import (Array, Scalar, Tuple as TupleType, bool_, float64,
                     from_dtype, int64)
from . import dict_values, keys
from .passes import placeholder_read
from .builder import Const, OptVal, TupleVal, V
from .lists import (index_loop, learned_type, load_item, new as lists_new,
                    store_item)

__all__ = ["is_dict", "display", "empty", "getitem", "setitem", "delete", "contains",
           "length", "method", "loop", "new", "learned_types",
           "typed_container", "key_value_types", "is_null"]


def is_dict(v: Any) -> bool:
    return isinstance(v, V) and isinstance(v.ty, Dict)


def _learned(fc: Any) -> PyDict[Any, Tuple[Scalar, Scalar]]:
    return fc.__dict__.setdefault("dict_types", {})


def learned_types(fc: Any, origin: Any) -> Tuple[Optional[Scalar],
                                                 Optional[Scalar]]:
    """The key and value types learned so far for the dict made at
    `origin` (None, None before any store)."""
    return _learned(fc).get(origin, (None, None))


def key_value_types(fc: Any, d: V) -> Tuple[Scalar, Scalar]:
    """Key and value types; of a dict untyped in this pass, those learned
    so far (float64 when none)."""
    if d.ty.key is not None:
        return d.ty.key, d.ty.value
    return _learned(fc).get(d.ty.origin, (float64, float64))


def new(fc: Any, key: Optional[Scalar], value: Optional[Scalar],
        origin: Any = None) -> V:
    fc.module.uses_lists = True  # held and freed with the lists
    ty = Dict(key, value, origin)
    k, v = (key, value) if key is not None else (float64, float64)
    r = keys.new_table(fc, k, dict_values.value_size(v))
    return V(r.name, ty, ty.mlir)


def length(fc: Any, d: V) -> V:
    return fc.b.op(f"llvm.load {d} : !llvm.ptr -> i64", int64)


# ---- keys and values ----------------------------------------------------------

def _value(fc: Any, x: Any, node: ast.AST) -> Any:
    """`x` as a value: a number, str, tuple, array or list
    (kern/frontend/dict_values.py)."""
    return dict_values.check(fc, x, node)


def _value_type(fc: Any, x: Any, node: ast.AST) -> Any:
    return dict_values.value_type(fc, x, node)


def _unify(a: Any, b: Any) -> Any:
    """The value type holding both (TypingError when there is none)."""
    if isinstance(a, Scalar) and isinstance(b, Scalar):
        return _promote(a, b)
    t = dict_values.unify(a, b)
    if t is None:
        raise TypingError(f"a dict cannot mix values of {a} and {b}")
    return t


def _key(fc: Any, x: Any, node: ast.AST) -> Any:
    return keys.check_key(fc, x, "key", "dict", node)


def _promote(a: Any, b: Any) -> Any:
    """NumPy's promotion of number types; a str only with a str; tuples
    leaf by leaf (keys.promote_key)."""
    try:
        return keys.promote_key(a, b)
    except TypingError as e:
        raise TypingError(f"a dict cannot mix {a} and {b}") from e


def _cast(fc: Any, v: V, t: Any) -> V:
    return fc.s.cast(v, t) if isinstance(t, Scalar) else v


def _fits(d: V, k: Scalar, v: Optional[Scalar]) -> bool:
    kt, vt = d.ty.key, d.ty.value
    if kt is None or _promote(kt, k) != kt:
        return False
    if v is None:
        return True
    if not (isinstance(vt, Scalar) and isinstance(v, Scalar)):
        return dict_values.unify(vt, v) == vt
    return _promote(vt, v) == vt or (
        d.ty.origin is None and _promote(vt, v).kind == vt.kind)


def _typed(fc: Any, d: V, key: Any, value: Any, node: ast.AST,
           lookup: bool = False) -> bool:
    """Whether `d` takes keys and values of these types; else the types
    are learned (widened) for the next pass, or refused. A `lookup`
    (`value` None, or the default of get/pop) takes a key of any number
    type (keys.lookup finds it only when it is exactly a key)."""
    k = keys.key_type(_key(fc, key, node))
    v = None if value is None else _value_type(fc, value, node)
    if (lookup or v is None) and d.ty.key is not None and \
            keys.fits(d.ty.key, k) and _fits(d, d.ty.key, v):
        return True
    if _fits(d, k, v):
        return True
    if d.ty.origin is None:
        raise fc.typing_error(f"cannot use a {k} key" + (
            f" and a {v} value" if v is not None else "") + f" with {d.ty}",
            node)
    if v is None:  # a lookup in a dict whose types are not known yet
        return d.ty.key is not None
    known = _learned(fc)
    old = known.get(d.ty.origin, (d.ty.key, d.ty.value))
    wide = (k if old[0] is None else _promote(old[0], k),
            v if old[1] is None else _unify(old[1], v))
    if known.get(d.ty.origin) != wide:
        known[d.ty.origin] = wide
        fc.changed = True
    return False


def _slot(fc: Any, d: V, key: Any, node: ast.AST, insert: bool) -> V:
    """The address of the value of `key`: made (insert), or looked up
    exactly (null when missing)."""
    kt = key_value_types(fc, d)[0]
    k = _key(fc, key, node)
    if insert:
        return keys.call(fc, "kernDictSetSlot", d, kt,
                         keys.cast_key(fc, k, kt), int64, "!llvm.ptr")
    return keys.lookup(
        fc, kt, k, lambda c: keys.call(fc, "kernDictGetSlot", d, kt, c,
                                       int64, "!llvm.ptr"),
        lambda: _null(fc))


def _null(fc: Any) -> V:
    return fc.b.op("llvm.mlir.zero : !llvm.ptr", int64, "!llvm.ptr")


def _delete(fc: Any, d: V, key: Any, node: ast.AST) -> V:
    """Removes `key` (exactly): 1 when it was there, else 0 (an i64)."""
    kt = key_value_types(fc, d)[0]
    return keys.lookup(
        fc, kt, _key(fc, key, node),
        lambda c: keys.call(fc, "kernDictDelete", d, kt, c, int64),
        lambda: fc.b.const(0, int64))


def is_null(fc: Any, p: V) -> V:
    """Whether a pointer the runtime returned is null."""
    b = fc.b
    return b.op(f'llvm.icmp "eq" {p}, {_null(fc)} : !llvm.ptr', bool_)


def _key_error(fc: Any, d: V, key: Any, missing: V, node: ast.AST) -> None:
    keys.key_error(fc, _key(fc, key, node), missing)


def _read(fc: Any, d: V, slot: V) -> V:
    return load_item(fc, slot, fc.b.const(0, int64), key_value_types(fc, d)[1])


def _write(fc: Any, d: V, slot: V, value: Any, node: ast.AST) -> None:
    vt = key_value_types(fc, d)[1]
    v = _value(fc, value, node)
    if dict_values.is_structured(vt):  # its leaves (arrays copied in)
        store_item(fc, slot, fc.b.const(0, int64), v, vt, node)
    else:
        store_item(fc, slot, fc.b.const(0, int64), _cast(fc, v, vt), vt)


# ---- displays -----------------------------------------------------------------

def display(fc: Any, node: ast.Dict) -> V:
    """`{k: v, ...}` (and `{}`, typed by the stores that follow)."""
    if any(k is None for k in node.keys):
        raise fc.unsupported("'**' in a dict display", node)
    pairs = [(_key(fc, fc.expr(k), k), _value(fc, fc.expr(v), v))
             for k, v in zip(node.keys, node.values)]
    kt, vt = _learned(fc).get(id(node), (None, None))
    for k, v in pairs:
        t, u = keys.key_type(k), _value_type(fc, v, node)
        kt = t if kt is None else _promote(kt, t)
        vt = u if vt is None else _unify(vt, u)
    d = new(fc, kt, vt, id(node))
    for k, v in pairs:
        _write(fc, d, _slot(fc, d, k, node, True), v, node)
    return d


def empty(fc: Any, node: ast.AST) -> V:
    """`dict()`: as `{}`, typed by the stores that follow."""
    kt, vt = _learned(fc).get(id(node), (None, None))
    return new(fc, kt, vt, id(node))


# ---- items --------------------------------------------------------------------

def getitem(fc: Any, d: V, index: ast.expr, node: ast.AST) -> V:
    key = fc.expr(index)
    if not _typed(fc, d, key, None, node):  # typed in the next pass
        return dict_values.placeholder(fc, key_value_types(fc, d)[1])
    slot = _slot(fc, d, key, node, False)
    _key_error(fc, d, key, is_null(fc, slot), node)
    return _read(fc, d, slot)


def setitem(fc: Any, d: V, index: ast.expr, value: Any, node: ast.AST,
            op: Optional[str] = None) -> None:
    key = fc.expr(index)
    if op is not None:  # d[k] += v: KeyError when k is missing
        if d.ty.key is None and d.ty.origin not in _learned(fc):
            return  # types come from a plain store, not from this guess
        cur = getitem(fc, d, index, node)
        if fc.is_array(cur):  # in place, as NumPy's += is
            return fc.write_array(cur, value, node, op)
        if isinstance(getattr(cur, "ty", None), List):  # as list +=
            from .list_ops import augmented
            return augmented(fc, op, cur, value, node)
        value = fc.binary(op, cur, value, node)
    if _typed(fc, d, key, value, node):
        _write(fc, d, _slot(fc, d, key, node, True), value, node)


def delete(fc: Any, d: V, index: ast.expr, node: ast.AST) -> None:
    key = fc.expr(index)
    if not _typed(fc, d, key, None, node):
        return
    gone = _delete(fc, d, key, node)
    zero = fc.b.const(0, int64)
    _key_error(fc, d, key, fc.b.op(f"arith.cmpi eq, {gone}, {zero} : i64",
                                   bool_), node)


def contains(fc: Any, d: V, key: Any, node: ast.AST) -> V:
    if not _typed(fc, d, key, None, node):
        return fc.b.const(False, bool_)
    return fc.s.not_(is_null(fc, _slot(fc, d, key, node, False)))


def _select_value(fc: Any, d: V, slot: V, default: Any,
                  node: Optional[ast.AST] = None) -> Any:
    """The value at `slot`, or `default` where slot is null (no load)."""
    vt = key_value_types(fc, d)[1]
    missing = is_null(fc, slot)
    if dict_values.is_structured(vt):
        return dict_values.select(fc, missing, default,
                                  lambda: _read(fc, d, slot), vt, node)
    then, lines_t = fc.b.capture(lambda: _cast(fc, default, vt))
    other, lines_e = fc.b.capture(lambda: _read(fc, d, slot))
    return fc.emit_if_results(
        missing, lines_t + [f"scf.yield {then} : {vt.mlir}"],
        lines_e + [f"scf.yield {other} : {vt.mlir}"], [vt], [other])[0]


# ---- methods -------------------------------------------------------------------

def _view_as_list(fc: Any, name: str, args: list, node: Any) -> ast.expr:
    """`d.keys()` (values, items) outside a for loop: the list of them now,
    `[k for k in d.keys()]` (what sorted(), list(), len() and `in` read of
    the view); the dict is a name or attribute (read once more). Made
    once per call node."""
    owner = node.func.value if isinstance(node, ast.Call) else None
    if args or not isinstance(owner, (ast.Name, ast.Attribute)):
        raise fc.unsupported(f"dict.{name}() outside a for loop (but of a "
                             f"variable or attribute)", node)
    key = ("dict-view", id(node))
    if key not in fc.made_nodes:
        at = lambda n: ast.fix_missing_locations(  # noqa: E731
            ast.copy_location(n, node))
        names = [f"$view{id(node)}_{k}" for k in
                 range(2 if name == "items" else 1)]
        load = [at(ast.Name(n, ast.Load())) for n in names]
        store = [at(ast.Name(n, ast.Store())) for n in names]
        fc.made_nodes[key] = at(ast.ListComp(
            elt=load[0] if len(load) == 1 else at(ast.Tuple(load,
                                                            ast.Load())),
            generators=[ast.comprehension(
                target=store[0] if len(store) == 1 else at(
                    ast.Tuple(store, ast.Store())),
                iter=node, ifs=[], is_async=0)]))
    return fc.made_nodes[key]


def method(fc: Any, d: V, name: str, args: list, kwargs: dict,
           node: ast.AST) -> Any:
    if kwargs:
        raise fc.unsupported(f"keyword arguments to dict.{name}()", node)
    if name in ("keys", "values", "items"):
        return fc.expr(_view_as_list(fc, name, args, node))
    if name == "get" and len(args) in (1, 2):
        default = args[1] if len(args) == 2 else None
        if default is None or (isinstance(default, Const) and
                               default.value is None):
            return _get_optional(fc, d, args[0], node)
        if not _typed(fc, d, args[0], default, node, lookup=True):
            return _placeholder(fc, d, default, node)
        return _select_value(fc, d, _slot(fc, d, args[0], node, False),
                             _default(fc, d, default, node), node)
    if name == "setdefault" and len(args) == 2:
        if not _typed(fc, d, args[0], args[1], node):
            return _placeholder(fc, d, args[1], node)
        if dict_values.is_structured(key_value_types(fc, d)[1]):
            return _setdefault(fc, d, args[0], args[1], node)
        slot = _slot(fc, d, args[0], node, False)
        value = _select_value(fc, d, slot, _default(fc, d, args[1], node))
        _write(fc, d, _slot(fc, d, args[0], node, True), value, node)
        return value
    if name == "pop" and len(args) in (1, 2):
        if not _typed(fc, d, args[0], args[1] if len(args) == 2 else None,
                      node, lookup=True):
            return dict_values.placeholder(fc, key_value_types(fc, d)[1])
        slot = _slot(fc, d, args[0], node, False)
        if len(args) == 2:
            value = _select_value(fc, d, slot,
                                  _default(fc, d, args[1], node), node)
        else:
            _key_error(fc, d, args[0], is_null(fc, slot), node)
            value = _read(fc, d, slot)
        _delete(fc, d, args[0], node)
        return value
    if name == "popitem" and not args:
        return _popitem(fc, d, node)
    if name == "clear" and not args:
        fc.s.call("kernDictClear", [d])
        return Const(None)
    if name == "copy" and not args:
        kt, vt = key_value_types(fc, d)
        out = new(fc, kt, vt)
        if dict_values.is_structured(vt):  # shallow: the same arrays
            _share(fc, d, out, node)
            return out
        _each(fc, d, lambda k, v: _write(
            fc, out, _slot(fc, out, k, node, True), v, node))
        return out
    if name == "update" and len(args) == 1 and is_dict(args[0]):
        other = args[0]
        vt = key_value_types(fc, d)[1]
        if dict_values.is_structured(vt) and key_value_types(
                fc, other) == key_value_types(fc, d):
            _share(fc, other, d, node)
            return Const(None)
        _each(fc, other, lambda k, v: setitem_value(fc, d, k, v, node))
        return Const(None)
    raise fc.unsupported(f"the dict method .{name}() with {len(args)} "
                         f"arguments", node)


def _default(fc: Any, d: V, default: Any, node: ast.AST) -> Any:
    """The default of get/pop: a number, or a value like the dict's."""
    if not isinstance(key_value_types(fc, d)[1], Scalar):
        return _value(fc, default, node)  # (a str, tuple, array, list)
    return fc.scalar(node, default)


def _placeholder(fc: Any, d: V, default: Any, node: ast.AST) -> Any:
    """What get/setdefault give while the dict's types are learned."""
    placeholder_read(fc)
    vt = key_value_types(fc, d)[1]
    if dict_values.is_structured(vt) or not isinstance(vt, Scalar):
        return _value(fc, default, node)
    return _cast(fc, _value(fc, default, node), vt)


def _setdefault(fc: Any, d: V, key: Any, default: Any,
                node: ast.AST) -> Any:
    """`d.setdefault(k, v)` of a structured value: v stored when k is
    missing, then the stored value read (a list value is the dict's own,
    so `d.setdefault(k, []).append(x)` grows it)."""
    missing = is_null(fc, _slot(fc, d, key, node, False))
    _, lines = fc.b.capture(lambda: _write(
        fc, d, _slot(fc, d, key, node, True), default, node))
    fc.b.region(f"scf.if {missing}", [("", lines)])
    return _read(fc, d, _slot(fc, d, key, node, True))


def _get_optional(fc: Any, d: V, key: Any, node: ast.AST) -> OptVal:
    """`d.get(k)`: the value of k, or None (an Optional value)."""
    vt = key_value_types(fc, d)[1]
    if dict_values.is_structured(vt):  # a placeholder where missing
        if not _typed(fc, d, key, None, node, lookup=True):
            return OptVal(dict_values.placeholder(fc, vt),
                          fc.b.const(False, bool_))
        slot = _slot(fc, d, key, node, False)
        value = dict_values.select(
            fc, is_null(fc, slot), lambda: dict_values.placeholder(fc, vt),
            lambda: _read(fc, d, slot), vt, node)
        return OptVal(value, fc.s.not_(is_null(fc, slot)))
    if not _typed(fc, d, key, None, node, lookup=True):
        return OptVal(fc.dummy(vt, "get"), fc.b.const(False, bool_))
    slot = _slot(fc, d, key, node, False)
    value = _select_value(fc, d, slot, fc.dummy(vt, "get"))
    return OptVal(value, fc.s.not_(is_null(fc, slot)))


def _popitem(fc: Any, d: V, node: ast.AST) -> TupleVal:
    """`d.popitem()`: the last (key, value) pair inserted, removed
    (KeyError when d is empty)."""
    b = fc.b
    entries = fc.s.call("kernDictEntries", [d], int64)  # (packs them)
    zero, one = b.const(0, int64), b.const(1, int64)
    fc.s.raise_if(b.op(f"arith.cmpi eq, {entries}, {zero} : i64", bool_),
                  "KeyError", "popitem(): dictionary is empty")
    last = b.op(f"arith.subi {entries}, {one} : i64", int64)
    key, value = _key_at(fc, d, last), _value_at(fc, d, last)
    _delete(fc, d, key, node)  # (the entry's memory stays until a rebuild)
    return TupleVal((key, value))


def setitem_value(fc: Any, d: V, key: V, value: V, node: ast.AST) -> None:
    if _typed(fc, d, key, value, node):
        _write(fc, d, _slot(fc, d, key, node, True), value, node)


def _key_at(fc: Any, d: V, at: V) -> Any:
    """The key of entry `at` (an i64) of the packed entries."""
    return keys.key_at(fc, d, key_value_types(fc, d)[0], at)


def _value_at(fc: Any, d: V, at: V) -> V:
    return _read(fc, d, fc.s.call("kernDictValueAt", [d, at], int64,
                                  "!llvm.ptr"))


def _share(fc: Any, d: V, out: V, node: ast.AST) -> None:
    """The entries of `d` stored into `out` (of the same types) as they
    are: arrays and lists shared, as Python's shallow copy shares them."""
    vt = key_value_types(fc, d)[1]

    def entry(at: V, _: Any) -> None:
        src = fc.s.call("kernDictValueAt", [d, at], int64, "!llvm.ptr")
        dst = _slot(fc, out, _key_at(fc, d, at), node, True)
        dict_values.copy_words(fc, src, dst, vt)
    index_loop(fc, fc.s.call("kernDictEntries", [d], int64), entry)


def _each(fc: Any, d: V, body: Any) -> None:
    """body(key, value) for every entry, in order."""
    index_loop(fc, fc.s.call("kernDictEntries", [d], int64),
               lambda at, _: body(_key_at(fc, d, at), _value_at(fc, d, at)))


def loop(fc: Any, node: ast.For, d: V, what: str) -> None:
    """`for k in d` / `d.keys()`, `for v in d.values()`, `for k, v in
    d.items()`: a counted loop over the entries (the dict must not change
    size while it runs, as in Python)."""
    t = node.target
    if what == "items":
        if not (isinstance(t, ast.Tuple) and len(t.elts) == 2):
            raise fc.unsupported("dict.items() unpacked other than into "
                                 "(key, value)", node)
        kt, vt = t.elts
        names = keys.target_names(fc, kt, node) + keys.target_names(
            fc, vt, node)
    elif what == "keys":
        kt, vt = t, None
        names = keys.target_names(fc, t, node)
    else:
        kt, vt = None, t
        names = keys.target_names(fc, t, node)
    entries = fc.s.call("kernDictEntries", [d], int64)

    def bind(i: V) -> None:
        at = fc.s.from_index(i)
        if kt is not None:
            fc.assign_target(kt, _key_at(fc, d, at), node)
        if vt is not None:
            fc.assign_target(vt, _value_at(fc, d, at), node)
    fc.counted_loop(node, Const(0), entries, Const(1), bind, names)


def typed_container(fc: Any, target: Any, args: list, kwargs: dict,
                    node: ast.Call) -> Any:
    """`Dict.empty(key_type, value_type)`, `List.empty_list(item_type)`
    (kern.typed) and `Dict()`, `List()` (typed by what is stored later)."""
    kind = target._kern_container
    if isinstance(target, type):
        if args or kwargs:
            raise fc.unsupported(f"typed.{target.__name__}() with "
                                 f"arguments (use "
                                 f"{'empty' if kind == 'dict' else 'empty_list'}"
                                 f"())", node)
        if kind == "dict":
            return new(fc, *learned_types(fc, id(node)), id(node))
        return lists_new(fc, learned_type(fc, id(node)),
                         fc.b.const(0, int64), id(node), True)
    names = ("key_type", "value_type", "n_keys") if kind == "dict" else (
        "item_type", "allocated")
    bound = dict(zip(names, args))
    bound.update(kwargs)
    types = []
    for name in names[:2 if kind == "dict" else 1]:
        t = bound.get(name)
        value = getattr(t, "value", None)
        if kind == "list" and isinstance(value, (Array, TupleType)):
            from ..typed import list_item_type  # an array or tuple item
            value = list_item_type(value)
        elif name == "value_type" and dict_values.spec_type(value) \
                is not None:  # a tuple, array, str or list type
            value = dict_values.spec_type(value)
        elif name == "key_type" and isinstance(value, TupleType):
            if not all(keys.is_leaf_type(x) for x in value.types):
                raise fc.unsupported(f"dict keys of {value} (kern's dicts "
                                     f"hold numbers, strs and tuples of "
                                     f"numbers)", node)
            value = TupleType(value.types)  # tuple keys
        elif not isinstance(value, (Scalar, UnicodeType)):
            try:
                value = from_dtype(__import__("numpy").dtype(value))
            except TypeError:
                raise fc.typing_error(f"{name}= must be a number type "
                                      f"(kern.types.float64, np.int64), not "
                                      f"{fc.type_name(t)}", node) from None
        types.append(value)
    if kind == "dict":
        return new(fc, types[0], types[1])
    return lists_new(fc, types[0], fc.b.const(0, int64), typed_list=True)
