"""Lists in compiled code: displays, comprehensions, the list methods,
indexing, iteration, `len`, `in`, `np.array(list)`, returned to Python as
lists (Numba's `types.List` of scalar items).

A list is a pointer to the runtime's KernList (lib/Runtime/List.c): the
length at offset 0, the items' address at offset 16, items at their native
size. Items are read and written here with LLVM-dialect loads and stores;
the runtime is called to make a list and to make room:

>>> # out = [];  out.append(x);  y = out[i]
>>> #   %l = func.call @kernListNew(%c8, %c0) : (i64, i64) -> !llvm.ptr
>>> #   scf.if %full {           (length == capacity: the runtime grows it)
>>> #     func.call @kernListReserve(%l, %n1) : (!llvm.ptr, i64) -> ()
>>> #   }
>>> #   llvm.store %x, %slot : f64, !llvm.ptr    (then the length, n + 1)
>>> #   %n = llvm.load %l : !llvm.ptr -> i64           (checks i against n)
>>> #   %pp = llvm.getelementptr %l[16] : (!llvm.ptr) -> !llvm.ptr, i8
>>> #   %items = llvm.load %pp : !llvm.ptr -> !llvm.ptr
>>> #   %e = llvm.getelementptr %items[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
>>> #   %y = llvm.load %e : !llvm.ptr -> f64

The item type of `[]` is learned from what is appended (inserted,
extended) later, as Numba infers it: the first pass records it for the
display that made the list, and the next pass makes a typed list.
Comprehensions become a list and a loop that appends (Python 3 scoping:
their variables are their own).
"""

import ast
from typing import Any, Dict, List as PyList, Optional, Tuple

from ..listtype import List
from ..strtype import UnicodeType
from ..types import (Scalar, Tuple as TupleType, bool_, float64, int64,
                     promote, uint64)
from . import list_items
from .passes import placeholder_read
from .builder import Const, TupleVal, V, check_count
from .list_items import is_structured

__all__ = ["is_list", "display", "of_values", "comprehension", "getitem", "setitem",
           "index_loop",
           "method", "length", "loop", "contains", "to_array", "reduce",
           "new", "load_item", "store_item", "desugar",
           "learned_type", "item_type", "type_code", "items_of", "checked",
           "item_at", "from_values", "from_array"]

_INDEX_ERROR = "list index out of range"


def is_list(v: Any) -> bool:
    return isinstance(v, V) and isinstance(v.ty, List)


# ---- the runtime object -------------------------------------------------

def _i64(fc: Any, v: Any, node: ast.AST) -> V:
    """An integer index as i64."""
    v = fc.scalar(node, v)
    if v.mt == "index":
        return fc.s.from_index(v)
    if v.ty.kind not in "biu":
        raise fc.typing_error(f"list indices must be integers, not {v.ty}",
                              node)
    return v if v.ty == int64 else fc.s.cast(v, int64)


def item_type(fc: Any, l: V) -> Scalar:
    """The item type; of a list still untyped in this pass, the type
    learned for it so far (the next pass makes it typed), else float64, a
    placeholder: a statement that fails on it is left out of this pass
    (statements.stmt), an error only if no type changes."""
    if l.ty.dtype is not None:
        return l.ty.dtype
    learned = _learned(fc).get(l.ty.origin)
    if learned is None:
        placeholder_read(fc)
    return float64 if learned is None else learned


def type_code(fc: Any, t: Scalar) -> V:
    """A number type as the runtime names it: kind letter << 8 | size."""
    return fc.b.const((ord(t.kind) << 8) | max(1, t.bits // 8), int64)


def _stored(t: Scalar) -> str:
    """The LLVM type of one item (a part of a complex item)."""
    if t.kind == "b":
        return "i8"
    return t.real_type.mlir if t.kind == "c" else t.mlir


def new(fc: Any, dtype: Optional[Scalar], n: V, origin: Any = None,
        typed_list: bool = False) -> V:
    """A list of `n` (i64) zeroed items (a kern.typed.List: `typed_list`)."""
    fc.module.uses_lists = True
    ty = List(dtype, origin, typed_list)
    size = fc.b.const(ty.item_size, int64)
    r = fc.s.call("kernListNew", [size, n], int64, "!llvm.ptr")
    return V(r.name, ty, ty.mlir)


def length(fc: Any, l: V) -> V:
    return fc.b.op(f"llvm.load {l} : !llvm.ptr -> i64", int64)


def items_of(fc: Any, l: V) -> V:
    """The address of the items of `l` (valid until the list grows)."""
    b = fc.b
    p = b.op(f"llvm.getelementptr {l}[16] : (!llvm.ptr) -> !llvm.ptr, i8",
             int64, "!llvm.ptr")
    return b.op(f"llvm.load {p} : !llvm.ptr -> !llvm.ptr", int64, "!llvm.ptr")


def _address(fc: Any, base: V, i: V, t: Scalar, part: int = 0) -> V:
    """The address of item `i` (of part `part` of a complex item)."""
    b = fc.b
    if t.kind == "c":
        two = b.const(2, int64)
        i = b.op(f"arith.muli {i}, {two} : i64", int64)
        if part:
            i = b.op(f"arith.addi {i}, {b.const(1, int64)} : i64", int64)
    return b.op(f"llvm.getelementptr {base}[{i}] : (!llvm.ptr, i64) -> "
                f"!llvm.ptr, {_stored(t)}", int64, "!llvm.ptr")


def item_at(fc: Any, l: V, i: V) -> V:
    """l[i] for an int64 position known to be in range."""
    return load_item(fc, items_of(fc, l), i, item_type(fc, l))


def load_item(fc: Any, base: V, i: V, t: Any) -> Any:
    if is_structured(t):  # a tuple, array or list
        return list_items.load(fc, base, i, t)
    b = fc.b
    if t.kind == "c":
        re, im = (b.op(f"llvm.load {_address(fc, base, i, t, k)} : !llvm.ptr "
                       f"-> {_stored(t)}", t.real_type) for k in (0, 1))
        return b.op(f"complex.create {re}, {im} : {t.mlir}", t)
    raw = b.op(f"llvm.load {_address(fc, base, i, t)} : !llvm.ptr -> "
               f"{_stored(t)}", t if t.kind != "b" else int64, _stored(t))
    if t.kind == "b":
        return b.op(f"arith.trunci {raw} : i8 to i1", bool_)
    return raw


def store_item(fc: Any, base: V, i: V, v: Any, t: Any,
               node: Optional[ast.AST] = None) -> None:
    if is_structured(t):
        return list_items.store(fc, base, i, v, t, node)
    b = fc.b
    if t.kind == "c":
        for k, part in enumerate((fc.s.re(v), fc.s.im(v))):
            b.emit(f"llvm.store {part}, {_address(fc, base, i, t, k)} : "
                   f"{_stored(t)}, !llvm.ptr")
        return
    if t.kind == "b":
        v = b.op(f"arith.extui {v} : i1 to i8", int64, "i8")
    b.emit(f"llvm.store {v}, {_address(fc, base, i, t)} : {_stored(t)}, "
           f"!llvm.ptr")


def checked(fc: Any, l: V, i: V, message: str = _INDEX_ERROR) -> V:
    """`i` wrapped (negative from the end) and checked: IndexError."""
    s, b = fc.s, fc.b
    n = length(fc, l)
    zero = b.const(0, int64)
    neg = b.op(f"arith.cmpi slt, {i}, {zero} : i64", bool_)
    wrapped = b.op(f"arith.addi {i}, {n} : i64", int64)
    j = b.op(f"arith.select {neg}, {wrapped}, {i} : i64", int64)
    low = b.op(f"arith.cmpi slt, {j}, {zero} : i64", bool_)
    high = b.op(f"arith.cmpi sge, {j}, {n} : i64", bool_)
    bad = b.op(f"arith.ori {low}, {high} : i1", bool_)
    s.raise_if(bad, "IndexError", message)
    return b.op(f"arith.select {bad}, {zero}, {j} : i64", int64)


def index_loop(fc: Any, n: V, body: Any, init: Optional[V] = None
               ) -> Optional[V]:
    """`scf.for k in [0, n)` (n an i64): body(k, acc) emits one step (k an
    i64) and, with an `init` value, returns the next value of the carried
    `acc`; returns the loop's result (None without `init`)."""
    b, s = fc.b, fc.s
    ub = s.to_index(n)
    res = b.fresh("loop")
    iv = V(b.derived(res, "i"), int64, "index")
    acc = None if init is None else V(b.derived(res, "acc"), init.ty,
                                      init.mt)
    b.push()
    step = body(s.from_index(iv), acc)
    if init is not None:
        b.emit(f"scf.yield {step} : {init.mt}")
    lines = b.pop()
    head = f"scf.for {iv} = {b.index(0)} to {ub} step {b.index(1)}"
    if init is None:
        b.emit(head + " {")
    else:
        b.emit(f"{res} = {head} iter_args({acc} = {init}) -> ({init.mt}) {{")
    for line in lines:
        b.emit("  " + line)
    b.emit("}")
    return None if init is None else V(res, init.ty, init.mt)


# ---- item types -----------------------------------------------------------

def _learned(fc: Any) -> Dict[Any, Scalar]:
    return fc.__dict__.setdefault("list_types", {})


def learned_type(fc: Any, origin: Any) -> Optional[Scalar]:
    """The item type learned so far for the empty list made at `origin`."""
    return _learned(fc).get(origin)


def _item(fc: Any, l: V, x: Any, node: ast.AST) -> Optional[V]:
    """`x` as an item of `l`: cast to its type, or the type learned for an
    empty list (None then: the next pass makes the typed list)."""
    t = l.ty.dtype
    if is_structured(t) or isinstance(x, TupleVal) or (
            isinstance(x, Const) and isinstance(x.value, tuple)) or (
            isinstance(x, V) and is_structured(x.ty)):
        return _structured_item(fc, l, x, node)
    v = fc.value(x, node)
    if isinstance(v, V) and isinstance(v.ty, UnicodeType) and (
            l.ty.dtype == v.ty or l.ty.dtype is None):
        return _str_item(fc, l, v)
    if not isinstance(v, V) or not isinstance(v.ty, Scalar) or isinstance(
            l.ty.dtype, UnicodeType):
        raise fc.unsupported(f"lists of {fc.type_name(v)} (kern's lists "
                             f"hold numbers or strs)", node)
    t = l.ty.dtype
    if t is not None and (promote(t, v.ty) == t or (
            l.ty.origin is None and promote(t, v.ty).kind == t.kind)):
        return fc.s.cast(v, t)  # (a float64 into a list of float32 too)
    origin = l.ty.origin
    if origin is None:
        raise fc.typing_error(f"cannot put {v.ty} in {l.ty} (its items' "
                              f"type is fixed where it was made)", node)
    known = _learned(fc)
    widened = v.ty if t is None else promote(t, v.ty)
    if known.get(origin) != widened:
        known[origin] = widened
        fc.changed = True  # the list is made with this type next pass
    return None


def _structured_item(fc: Any, l: V, x: Any, node: ast.AST) -> Any:
    """`x` (a tuple, array or list) as an item of `l`, or None while the
    item type of an empty list is being learned."""
    t, origin = l.ty.dtype, l.ty.origin
    vt = list_items.value_type(fc, x, node)
    both = vt if t is None else list_items.unify(fc, t, vt, node)
    if both is not None and both == t:
        return x
    if origin is None or both is None:
        raise fc.typing_error(f"cannot put {fc.type_name(x)} in {l.ty} (its "
                              f"items' type is fixed where it was made)",
                              node)
    known = _learned(fc)
    if known.get(origin) != both:
        known[origin] = both
        fc.changed = True  # the list is made with this type next pass
    return None


def _str_item(fc: Any, l: V, v: V) -> Optional[V]:
    """A str into a list of str, or learned for an empty list."""
    if l.ty.dtype is not None:
        return v
    known = _learned(fc)
    if known.get(l.ty.origin) != v.ty:
        known[l.ty.origin] = v.ty
        fc.changed = True
    return None


# ---- displays and comprehensions --------------------------------------------

def display(fc: Any, node: ast.List) -> V:
    """`[a, b, c]` (and `[]`, typed by what is added later)."""
    return of_values(fc, [fc.expr(e) for e in node.elts], node)


def of_values(fc: Any, values: PyList[Any], node: ast.AST) -> V:
    """A new list of `values` (the items of a display, or of the starred
    target of `a, *rest = t`), typed by `node`'s learned type if empty."""
    if any(isinstance(v, TupleVal) or (isinstance(v, Const) and isinstance(
            v.value, tuple)) or (isinstance(v, V) and is_structured(v.ty))
            for v in values):
        t = _learned(fc).get(id(node))
        for v in values:  # the items' type, widened by later stores
            vt = list_items.value_type(fc, v, node)
            t = vt if t is None else list_items.unify(fc, t, vt, node) or t
        l = new(fc, t, fc.b.const(0, int64), id(node))
        for v in values:
            _append(fc, l, [v], node)
        return l
    items = [_display_item(fc, node, v) for v in values]
    return from_values(fc, items, _learned(fc).get(id(node)), id(node))


def _display_item(fc: Any, e: ast.expr, x: Any) -> V:
    v = fc.value(x, e)
    if isinstance(v, V) and isinstance(v.ty, UnicodeType):
        return v
    return fc.scalar(e, v)


def from_values(fc: Any, items: PyList[V], t: Optional[Scalar] = None,
                origin: Any = None) -> V:
    """A new list of scalar values (their promoted type, or `t`), or of
    strs."""
    strs = [isinstance(v.ty, UnicodeType) for v in items]
    if any(strs) or isinstance(t, UnicodeType):
        if not all(strs):
            raise fc.typing_error("a list of str cannot hold other items",
                                  None)
        return _from_strs(fc, items, origin)
    for v in items:
        t = v.ty if t is None else promote(t, v.ty)
    l = new(fc, t, fc.b.const(len(items), int64), origin)
    if items:
        base = items_of(fc, l)
        for k, v in enumerate(items):
            store_item(fc, base, fc.b.const(k, int64), fc.s.cast(v, t), t)
    return l


def _from_strs(fc: Any, items: PyList[V], origin: Any) -> V:
    from ..strtype import unicode_type
    l = new(fc, unicode_type, fc.b.const(len(items), int64), origin)
    base = items_of(fc, l)
    for k, v in enumerate(items):
        store_item(fc, base, fc.b.const(k, int64), v, unicode_type)
    return l


def from_array(fc: Any, a: V) -> V:
    """list(a) of a 1-D array: a new list of its items."""
    n = fc.s.from_index(fc.arr.dim(a, 0))
    t = a.ty.dtype
    l = new(fc, t, n)
    base = items_of(fc, l)

    def step(k: V, acc: Any) -> None:
        store_item(fc, base, k, fc.arr.load(a, [fc.s.to_index(k)]), t)
    index_loop(fc, n, step)
    return l


def comprehension(fc: Any, node: Any) -> V:
    """`[elt for x in it if c ...]` (or `{k: v for ...}`): a list (dict)
    and the loops that append to (store into) it, in the function's own
    statements (made once per node)."""
    made = fc.__dict__.setdefault("comprehensions", {})
    if id(node) not in made:
        made[id(node)] = desugar(node, len(made))
    statements, name = made[id(node)]
    for st in statements:
        fc.stmt(st)
    return fc.env[name]


def desugar(node: Any, k: int) -> Tuple[PyList[ast.stmt], str]:
    """A list or dict comprehension as statements: `$list<k> = []` (or
    `$dict<k> = {}`) and the loops, appending each `elt` (storing each
    `value` at `key`); its variables renamed (`x$list<k>`) so that they stay
    its own. Returns the statements and the container's name."""
    import copy
    tag = "dict" if isinstance(node, ast.DictComp) else (
        "set" if isinstance(node, ast.SetComp) else "list")
    name = f"${tag}{k}"
    renames: Dict[str, str] = {}
    for gen in node.generators:
        for n in ast.walk(gen.target):
            if isinstance(n, ast.Name):
                renames[n.id] = f"{n.id}${tag}{k}"

    def renamed(tree: ast.AST) -> ast.AST:
        tree = copy.deepcopy(tree)
        for n in ast.walk(tree):
            if isinstance(n, ast.Name) and n.id in renames:
                n.id = renames[n.id]
        return tree

    def at(new: ast.AST) -> ast.AST:
        return ast.copy_location(new, node)

    target = at(ast.Name(name, ast.Load()))
    if tag == "dict":
        body: ast.stmt = at(ast.Assign(targets=[at(ast.Subscript(
            value=target, slice=renamed(node.key), ctx=ast.Store()))],
            value=renamed(node.value)))
        empty: ast.expr = at(ast.Dict(keys=[], values=[]))
    else:
        body = at(ast.Expr(at(ast.Call(
            func=at(ast.Attribute(value=target, attr="append" if tag == "list"
                                  else "add", ctx=ast.Load())),
            args=[renamed(node.elt)], keywords=[]))))
        empty = at(ast.List(elts=[], ctx=ast.Load())) if tag == "list" else \
            at(ast.Call(func=at(ast.Name("set", ast.Load())), args=[],
                        keywords=[]))
    for i, gen in reversed(list(enumerate(node.generators))):
        for cond in reversed(gen.ifs):
            body = at(ast.If(test=renamed(cond), body=[body], orelse=[]))
        it = gen.iter if i == 0 else renamed(gen.iter)  # the first: outside
        body = at(ast.For(target=renamed(gen.target), iter=it, body=[body],
                          orelse=[], type_comment=None))
    start = at(ast.Assign(targets=[at(ast.Name(name, ast.Store()))],
                          value=empty))
    return [ast.fix_missing_locations(start),
            ast.fix_missing_locations(body)], name


# ---- items ------------------------------------------------------------------

def getitem(fc: Any, l: V, index: ast.expr, node: ast.AST) -> V:
    if isinstance(index, ast.Slice):
        from .list_ops import get_slice
        return get_slice(fc, l, index, node)
    i = checked(fc, l, _i64(fc, fc.expr(index), node))
    return load_item(fc, items_of(fc, l), i, item_type(fc, l))


def setitem(fc: Any, l: V, index: ast.expr, value: Any, node: ast.AST,
            op: Optional[str] = None) -> None:
    if isinstance(index, ast.Slice):
        if op is not None:
            raise fc.unsupported(f"'{op}=' on a list slice", node)
        from .list_ops import set_slice
        return set_slice(fc, l, index, value, node)
    i = checked(fc, l, _i64(fc, fc.expr(index), node),
                 "list assignment index out of range")
    base = items_of(fc, l)
    if op is not None:
        value = fc.binary(op, load_item(fc, base, i, item_type(fc, l)), value, node)
    v = _item(fc, l, value, node)
    if v is not None:
        store_item(fc, base, i, v, item_type(fc, l), node)


def loop(fc: Any, node: ast.For, l: V, target: ast.expr,
         index_target: Optional[ast.expr]) -> None:
    """`for x in l` (and `for i, x in enumerate(l)`): over the items, the
    length read at each step as Python does; a tuple target unpacks
    tuple items (`for i, x in pairs`)."""
    names = [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    if not isinstance(target, ast.Tuple):
        names = [fc.target_name(target, node)]
    iname = None if index_target is None else fc.target_name(index_target,
                                                             node)

    def bind(i: V) -> None:
        k = fc.s.from_index(i)
        if iname is not None:
            fc.assign_var(iname, k, node)
        fc.assign_target(target, load_item(fc, items_of(fc, l), k,
                                           item_type(fc, l)), node)
    fc.counted_loop(node, Const(0), length(fc, l), Const(1), bind,
                    names + ([iname] if iname else []))


def contains(fc: Any, l: V, x: Any, node: ast.AST) -> V:
    """`x in l`: any item equal to x (tuples item by item)."""
    b = fc.b
    base, t = items_of(fc, l), item_type(fc, l)
    if not is_structured(t):
        x = fc.scalar(node, x)

    def step(k: V, found: V) -> V:
        eq = list_items.equal(fc, load_item(fc, base, k, t), x, node)
        return b.op(f"arith.ori {found}, {eq} : i1", bool_)
    return index_loop(fc, length(fc, l), step, b.const(False, bool_))


def to_array(fc: Any, l: V, dtype: Optional[Scalar] = None) -> V:
    """np.array(l): a 1-D array of the items."""
    t = item_type(fc, l)
    out_t = dtype or t
    n = length(fc, l)
    a = fc.arr.alloc([fc.s.to_index(n)], out_t)
    base = items_of(fc, l)
    index_loop(fc, n, lambda k, _: fc.arr.store(
        fc.s.cast(load_item(fc, base, k, t), out_t), a, [fc.s.to_index(k)]))
    return a


def reduce(fc: Any, name: str, l: V, node: ast.AST) -> V:
    """sum/min/max of a list (min/max of an empty one: ValueError); a sum
    is one loop over the items."""
    if isinstance(item_type(fc, l), TupleType) and name in ("min", "max"):
        return list_items.best_tuple(fc, name, l, node)
    if is_structured(item_type(fc, l)):
        raise fc.unsupported(f"{name}() of a list of {item_type(fc, l)}",
                             node)
    if name != "sum" or item_type(fc, l).kind == "c":
        from .reductions import reduction
        return reduction(fc, name, to_array(fc, l), None, node)
    b, s = fc.b, fc.s
    t = item_type(fc, l)
    acc_t = t if t.kind == "f" else uint64 if t == uint64 else int64
    base = items_of(fc, l)
    return index_loop(fc, length(fc, l), lambda k, acc: s.binop(
        "+", acc, s.cast(load_item(fc, base, k, t), acc_t), acc_t),
        b.const(0, acc_t))


# ---- methods ----------------------------------------------------------------

def method(fc: Any, l: V, name: str, args: list, kwargs: dict,
           node: ast.AST) -> Any:
    if kwargs:
        raise fc.unsupported(f"keyword arguments to list.{name}()", node)
    from .list_ops import METHODS
    handler = _METHODS.get(name) or METHODS.get(name)
    if handler is None:
        raise fc.unsupported(f"the list method .{name}()", node)
    lo, hi, fn = handler
    if is_structured(l.ty.dtype) and name not in _ANY_ITEMS:
        raise fc.unsupported(f"list.{name}() of a {l.ty}", node)
    check_count(fc, f"list.{name}", args, lo, hi, node)
    return fn(fc, l, args, node)


def _append(fc: Any, l: V, args: list, node: ast.AST) -> Const:
    """The item stored after the last, the length bumped; the runtime is
    called only when the list is full (it doubles the capacity)."""
    v = _item(fc, l, args[0], node)
    if v is None:
        return Const(None)
    b = fc.b
    n = length(fc, l)
    pc = b.op(f"llvm.getelementptr {l}[8] : (!llvm.ptr) -> !llvm.ptr, i8",
              int64, "!llvm.ptr")
    cap = b.op(f"llvm.load {pc} : !llvm.ptr -> i64", int64)
    full = b.op(f"arith.cmpi sge, {n}, {cap} : i64", bool_)
    more = b.op(f"arith.addi {n}, {b.const(1, int64)} : i64", int64)
    _, grow = b.capture(lambda: fc.s.call("kernListReserve", [l, more]))
    b.region(f"scf.if {full}", [("", grow)])
    store_item(fc, items_of(fc, l), n, v, item_type(fc, l), node)
    b.emit(f"llvm.store {more}, {l} : i64, !llvm.ptr")
    return Const(None)


def _insert(fc: Any, l: V, args: list, node: ast.AST) -> Const:
    i = _i64(fc, args[0], node)
    v = _item(fc, l, args[1], node)
    if v is not None:
        slot = fc.s.call("kernListInsertSlot", [l, i], int64, "!llvm.ptr")
        store_item(fc, slot, fc.b.const(0, int64), v, item_type(fc, l), node)
    return Const(None)


def _pop(fc: Any, l: V, args: list, node: ast.AST) -> V:
    b = fc.b
    if args:
        i = checked(fc, l, _i64(fc, args[0], node), "pop index out of range")
    else:
        n = length(fc, l)
        empty = b.op(f"arith.cmpi eq, {n}, {b.const(0, int64)} : i64", bool_)
        fc.s.raise_if(empty, "IndexError", "pop from empty list")
        last = b.op(f"arith.subi {n}, {b.const(1, int64)} : i64", int64)
        i = b.op(f"arith.maxsi {last}, {b.const(0, int64)} : i64", int64)
    v = load_item(fc, items_of(fc, l), i, item_type(fc, l))
    fc.s.call("kernListRemove", [l, i])
    return v


def _extend(fc: Any, l: V, args: list, node: ast.AST) -> Const:
    other = args[0]
    if isinstance(other, TupleVal) or (isinstance(other, Const) and
                                       isinstance(other.value, tuple)):
        items = other.items if isinstance(other, TupleVal) else [
            Const(x) for x in other.value]
        for x in items:
            _append(fc, l, [x], node)
        return Const(None)
    if not (is_list(other) or fc.is_array(other)):
        raise fc.unsupported(f"list.extend() of {fc.type_name(other)}", node)
    if fc.is_array(other) and other.ty.ndim != 1:
        raise fc.unsupported("list.extend() of an array that is not 1-D",
                             node)
    n = length(fc, other) if is_list(other) else fc.s.from_index(
        fc.arr.dim(other, 0))

    def step(k: V, _: Any) -> None:
        x = load_item(fc, items_of(fc, other), k, item_type(fc, other)) if \
            is_list(other) else fc.arr.load(other, [fc.s.to_index(k)])
        _append(fc, l, [x], node)
    index_loop(fc, n, step)
    return Const(None)


def _simple(runtime: str) -> Any:
    def fn(fc: Any, l: V, args: list, node: ast.AST) -> Const:
        fc.s.call(runtime, [l])
        return Const(None)
    return fn


def _copy(fc: Any, l: V, args: list, node: ast.AST) -> V:
    out = new(fc, item_type(fc, l), fc.b.const(0, int64))
    _extend(fc, out, [l], node)
    return out


def _count(fc: Any, l: V, args: list, node: ast.AST) -> V:
    b, s = fc.b, fc.s
    x = fc.scalar(node, args[0])
    base, t = items_of(fc, l), item_type(fc, l)

    def step(k: V, n: V) -> V:
        eq = s.cast(s.compare("==", load_item(fc, base, k, t), x), int64)
        return b.op(f"arith.addi {n}, {eq} : i64", int64)
    return index_loop(fc, length(fc, l), step, b.const(0, int64))


def _index(fc: Any, l: V, args: list, node: ast.AST) -> V:
    """The first index of an item equal to x; ValueError when none is."""
    b, s = fc.b, fc.s
    base, t = items_of(fc, l), item_type(fc, l)
    x = args[0] if is_structured(t) else fc.scalar(node, args[0])
    n = length(fc, l)

    def step(k: V, first: V) -> V:
        eq = list_items.equal(fc, load_item(fc, base, k, t), x, node)
        unset = b.op(f"arith.cmpi eq, {first}, {n} : i64", bool_)
        take = b.op(f"arith.andi {eq}, {unset} : i1", bool_)
        return b.op(f"arith.select {take}, {k}, {first} : i64", int64)
    found = index_loop(fc, n, step, n)
    missing = b.op(f"arith.cmpi eq, {found}, {n} : i64", bool_)
    s.raise_if(missing, "ValueError", "list.index(x): x not in list")
    return found


def _sort(fc: Any, l: V, args: list, node: ast.AST) -> Const:
    t = item_type(fc, l)
    if t.kind == "c":
        raise fc.typing_error("'<' is not supported between complex items "
                              "(list.sort)", node)
    fc.s.call("kernListSort", [l, type_code(fc, t)])
    return Const(None)


_ANY_ITEMS = ("append", "insert", "pop", "extend", "reverse", "clear",
              "copy", "index")
"""The methods of lists whose items are tuples, arrays or lists."""

_METHODS = {
    "append": (1, 1, _append), "insert": (2, 2, _insert),
    "pop": (0, 1, _pop), "extend": (1, 1, _extend),
    "reverse": (0, 0, _simple("kernListReverse")),
    "clear": (0, 0, _simple("kernListClear")),
    "copy": (0, 0, _copy), "count": (1, 1, _count),
    "index": (1, 1, _index), "sort": (0, 0, _sort),
}
