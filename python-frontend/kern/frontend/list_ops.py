"""Operations on whole lists: `list(x)`, slices (`l[a:b:c]`, `l[a:b] = x`,
`del l[i]`, `del l[a:b]`), `+`, `*`, `+=`, comparisons (`==`, `!=`, `<`,
`<=`, `>`, `>=`, lexicographic as Python's) and `list.remove`, with
Numba's semantics for reflected lists (kern/frontend/lists.py holds the
items; this module builds on its loads, stores and loops).

A slice is read with Python's rules (`PySlice_AdjustIndices`) at run time:
the bounds clamp to the length, a negative step walks backwards and a
zero step raises ValueError. A comparison is one loop over the common
length that remembers the first differing item:

>>> # a < b    (lists of int64)
>>> #   m = min(len(a), len(b)); state = 0     (0 equal so far, 1 less, 2 not)
>>> #   for k in range(m): if state == 0 and a[k] != b[k]:
>>> #                        state = 1 if a[k] < b[k] else 2
>>> #   result = len(a) < len(b) if state == 0 else state == 1
"""

from __future__ import annotations

import ast
from typing import Any, Optional, Tuple

from ..types import bool_, int64
from . import dicts, lists, sets
from .builder import Const, TupleVal, V
from .iterables import as_comprehension
from .list_items import equal, is_structured, unify

__all__ = ["construct", "get_slice", "set_slice", "delete", "binary",
           "augmented", "compare", "remove", "unpack", "METHODS"]


def _i64(fc: Any, v: Any, node: ast.AST) -> V:
    v = fc.scalar(node, v)
    if v.mt == "index":
        return fc.s.from_index(v)
    if v.ty.kind not in "biu":
        raise fc.typing_error(f"slice indices must be integers, not {v.ty}",
                              node)
    return fc.s.cast(v, int64)


def _op(fc: Any, text: str, ty: Any = int64) -> V:
    return fc.b.op(text, ty)


def _sel(fc: Any, c: V, x: V, y: V) -> V:
    return fc.s.select(c, x, y)


def _cmp(fc: Any, pred: str, x: V, y: V) -> V:
    return _op(fc, f"arith.cmpi {pred}, {x}, {y} : i64", bool_)


def _copy_items(fc: Any, src: V, dst: V, node: ast.AST) -> None:
    """Appends the items of `src` to `dst` (read before any is added, so
    `l += l` doubles `l`)."""
    n = lists.length(fc, src)
    t = lists.item_type(fc, src)

    def step(k: V, _: Any) -> None:
        x = lists.load_item(fc, lists.items_of(fc, src), k, t)
        lists.method(fc, dst, "append", [x], {}, node)
    lists.index_loop(fc, n, step)


def _new_like(fc: Any, l: V, t: Any = None) -> V:
    return lists.new(fc, t if t is not None else lists.item_type(fc, l),
                     fc.b.const(0, int64))


# ---- list(x) -----------------------------------------------------------------

def construct(fc: Any, node: ast.Call) -> V:
    """`list()` (typed by what is added later, as `[]`) and `list(x)` of a
    range, a 1-D array, a tuple or a list: a new list of the items."""
    if node.keywords or len(node.args) > 1:
        raise fc.typing_error("list() takes at most one positional "
                              "argument", node)
    if not node.args:
        return lists.new(fc, lists.learned_type(fc, id(node)),
                         fc.b.const(0, int64), id(node))
    made = as_comprehension(fc, node, "list")  # list(zip(a, b)), map...
    if made is not None:
        return fc.expr(made)
    from .sequences import sequence
    arg = node.args[0]
    if not (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name)
            and getattr(fc.expr(arg.func), "value", None) is range):
        v = fc.expr(arg)
        if sets.is_set(v) or dicts.is_dict(v):  # (their items, keys)
            return sets.list_of(fc, v, node)
        if fc.is_array(v) and v.ty.ndim != 1:
            raise fc.unsupported("list() of an array that is not 1-D", node)
        if not (fc.is_array(v) or lists.is_list(v) or
                isinstance(v, TupleVal) or (isinstance(v, Const) and
                                            isinstance(v.value, tuple))):
            raise fc.typing_error(f"list() of {fc.type_name(v)} (ranges, "
                                  f"1-D arrays, tuples and lists are "
                                  f"supported)", node)
        if lists.is_list(v):
            return lists.method(fc, v, "copy", [], {}, node)
    n, item = sequence(fc, arg, node)
    first, _ = fc.b.capture(lambda: fc.scalar(node, item(
        fc.b.const(0, int64))))  # only its type
    out = lists.new(fc, first.ty, fc.b.const(0, int64))

    def step(k: V, _: Any) -> None:
        lists.method(fc, out, "append", [item(k)], {}, node)
    lists.index_loop(fc, n, step)
    return out


# ---- slices ------------------------------------------------------------------

def _bounds(fc: Any, n: V, sl: ast.Slice, node: ast.AST
            ) -> Tuple[V, V, V, V]:
    """(start, stop, step, count) of a slice of a sequence of length `n`,
    as PySlice_AdjustIndices gives them."""
    b = fc.b
    zero, one, minus = (b.const(k, int64) for k in (0, 1, -1))
    if sl.step is None:
        step = one
    else:
        step = _i64(fc, fc.expr(sl.step), node)
        fc.s.raise_if(_cmp(fc, "eq", step, zero), "ValueError",
                      "slice step cannot be zero")
    back = _cmp(fc, "slt", step, zero)
    last = _op(fc, f"arith.subi {n}, {one} : i64")

    def adjust(e: Optional[ast.expr], none_back: V, none_fwd: V) -> V:
        if e is None or (isinstance(e, ast.Constant) and e.value is None):
            return _sel(fc, back, none_back, none_fwd)
        i = _i64(fc, fc.expr(e), node)
        neg = _cmp(fc, "slt", i, zero)
        i = _sel(fc, neg, _op(fc, f"arith.addi {i}, {n} : i64"), i)
        low = _cmp(fc, "slt", i, zero)
        high = _cmp(fc, "sge", i, n)
        i = _sel(fc, low, _sel(fc, back, minus, zero), i)
        return _sel(fc, high, _sel(fc, back, last, n), i)
    start = adjust(sl.lower, last, zero)
    stop = adjust(sl.upper, minus, n)
    # count = (stop - start + step - sign) // step when positive, else 0
    span_f = _op(fc, f"arith.subi {stop}, {start} : i64")
    span_b = _op(fc, f"arith.subi {start}, {stop} : i64")
    span = _sel(fc, back, span_b, span_f)
    mag = _sel(fc, back, _op(fc, f"arith.subi {zero}, {step} : i64"), step)
    some = _cmp(fc, "sgt", span, zero)
    less = _op(fc, f"arith.subi {span}, {one} : i64")
    whole = _op(fc, f"arith.divsi {less}, {mag} : i64")
    count = _op(fc, f"arith.addi {whole}, {one} : i64")
    return start, stop, step, _sel(fc, some, count, zero)


def get_slice(fc: Any, l: V, sl: ast.Slice, node: ast.AST) -> V:
    """`l[a:b:c]`: a new list of the items."""
    start, _, step, count = _bounds(fc, lists.length(fc, l), sl, node)
    t = lists.item_type(fc, l)
    out = _new_like(fc, l)

    def at(k: V, _: Any) -> None:
        i = _op(fc, f"arith.addi {start}, "
                f"{_op(fc, f'arith.muli {k}, {step} : i64')} : i64")
        lists.method(fc, out, "append", [lists.load_item(
            fc, lists.items_of(fc, l), i, t)], {}, node)
    lists.index_loop(fc, count, at)
    return out


def _splice(fc: Any, l: V, sl: ast.Slice, middle: Optional[V],
            node: ast.AST) -> None:
    """The items of `l` outside the slice `[a:b]` (step 1), `middle`'s
    items in its place: built aside, then copied back into `l`."""
    if sl.step is not None and not (isinstance(sl.step, ast.Constant) and
                                    sl.step.value in (None, 1)):
        raise fc.unsupported("assignment to (or del of) a list slice with "
                             "a step", node)
    n = lists.length(fc, l)
    start, stop, _, _ = _bounds(fc, n, sl, node)
    stop = fc.s.select(_cmp(fc, "slt", stop, start), start, stop)
    kept = _new_like(fc, l)

    def run(lo: V, hi: V, src: V) -> None:
        def at(k: V, _: Any) -> None:
            i = _op(fc, f"arith.addi {lo}, {k} : i64")
            lists.method(fc, kept, "append", [lists.load_item(
                fc, lists.items_of(fc, src), i, lists.item_type(fc, src))],
                {}, node)
        lists.index_loop(fc, _op(fc, f"arith.subi {hi}, {lo} : i64"), at)
    zero = fc.b.const(0, int64)
    run(zero, start, l)
    if middle is not None:
        run(zero, lists.length(fc, middle), middle)
    run(stop, n, l)
    fc.s.call("kernListClear", [l])
    _copy_items(fc, kept, l, node)


def set_slice(fc: Any, l: V, sl: ast.Slice, value: Any,
              node: ast.AST) -> None:
    """`l[a:b] = x` (x a list, tuple or 1-D array): the slice replaced by
    x's items, the list growing or shrinking as in Python."""
    middle = _as_list(fc, value, node, "assignment to a list slice")
    _splice(fc, l, sl, middle, node)


def delete(fc: Any, l: V, index: ast.expr, node: ast.AST) -> None:
    """`del l[i]` (IndexError when out of range) and `del l[a:b]`."""
    if isinstance(index, ast.Slice):
        return _splice(fc, l, index, None, node)
    i = lists.checked(fc, l, _i64(fc, fc.expr(index), node),
                      "list assignment index out of range")
    fc.s.call("kernListRemove", [l, i])


def _as_list(fc: Any, v: Any, node: ast.AST, what: str) -> V:
    """A list of the items of `v` (a list is itself)."""
    if lists.is_list(v):
        return v
    if isinstance(v, Const) and isinstance(v.value, tuple):
        v = TupleVal(tuple(Const(x) for x in v.value))
    if isinstance(v, TupleVal):
        return lists.from_values(fc, [fc.scalar(node, x) for x in v.items])
    if fc.is_array(v) and v.ty.ndim == 1:
        return lists.from_array(fc, v)
    raise fc.typing_error(f"{what} of {fc.type_name(v)} (a list, tuple or "
                          f"1-D array is needed)", node)


# ---- operators ---------------------------------------------------------------

def binary(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> V:
    """`a + b` of two lists (a new list, the items' promoted type) and
    `l * n`, `n * l` (n copies; none for n <= 0)."""
    if op == "+" and lists.is_list(x) and lists.is_list(y):
        tx, ty = lists.item_type(fc, x), lists.item_type(fc, y)
        both = unify(fc, tx, ty, node)
        if both is None:
            raise fc.typing_error(f"cannot concatenate {x.ty} and {y.ty} "
                                  f"(their items have no common type)", node)
        out = _new_like(fc, x, both)
        _copy_items(fc, x, out, node)
        _copy_items(fc, y, out, node)
        return out
    if op == "*":
        l, n = (x, y) if lists.is_list(x) else (y, x)
        if not lists.is_list(n):
            n = fc.scalar(node, n)
            if n.ty.kind in "biu":
                n = _i64(fc, n, node)
                out = _new_like(fc, l)
                lists.index_loop(fc, fc.s.select(_cmp(
                    fc, "sgt", n, fc.b.const(0, int64)), n,
                    fc.b.const(0, int64)),
                    lambda k, _: _copy_items(fc, l, out, node))
                return out
    raise fc.typing_error(f"unsupported operand types for {op}: "
                          f"{fc.type_name(x)} and {fc.type_name(y)}", node)


def augmented(fc: Any, op: str, l: V, value: Any, node: ast.AST) -> V:
    """`l += x` extends `l` in place (x a list, tuple or 1-D array);
    `l *= n` repeats it in place. Returns `l`."""
    if op == "+":
        if lists.is_list(value):
            _copy_items(fc, value, l, node)
        else:
            lists.method(fc, l, "extend", [value], {}, node)
        return l
    if op == "*":
        once = lists.method(fc, l, "copy", [], {}, node)
        n = _i64(fc, value, node)
        fc.s.call("kernListClear", [l])
        lists.index_loop(fc, fc.s.select(_cmp(
            fc, "sgt", n, fc.b.const(0, int64)), n, fc.b.const(0, int64)),
            lambda k, _: _copy_items(fc, once, l, node))
        return l
    raise fc.typing_error(f"unsupported operand types for {op}=: "
                          f"{fc.type_name(l)} and {fc.type_name(value)}",
                          node)


def compare(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> V:
    """`==`, `!=`, `<`, `<=`, `>`, `>=` of two lists: item by item over the
    common length, then by length (Python's order)."""
    if not (lists.is_list(x) and lists.is_list(y)):
        if op in ("==", "!="):  # a list is never equal to a non-list
            return fc.b.const(op == "!=", bool_)
        raise fc.typing_error(f"'{op}' between {fc.type_name(x)} and "
                              f"{fc.type_name(y)}", node)
    b, s = fc.b, fc.s
    tx, ty = lists.item_type(fc, x), lists.item_type(fc, y)
    nx, ny = lists.length(fc, x), lists.length(fc, y)
    m = s.select(_cmp(fc, "slt", nx, ny), nx, ny)
    zero = b.const(0, int64)
    strict = {"<": "<", "<=": "<", ">": ">", ">=": ">"}.get(op)

    def items(k: V) -> Tuple[V, V]:
        return (lists.load_item(fc, lists.items_of(fc, x), k, tx),
                lists.load_item(fc, lists.items_of(fc, y), k, ty))

    if strict is not None and (is_structured(tx) or is_structured(ty)):
        raise fc.unsupported(f"'{op}' between lists of {tx} and {ty}", node)

    def step(k: V, state: V) -> V:
        a, c = items(k)
        differ = s.not_(equal(fc, a, c, node))
        undecided = _cmp(fc, "eq", state, zero)
        take = _op(fc, f"arith.andi {differ}, {undecided} : i1", bool_)
        if strict is None:
            now = b.const(2, int64)
        else:
            now = s.select(s.compare(strict, a, c), b.const(1, int64),
                           b.const(2, int64))
        return s.select(take, now, state)
    state = lists.index_loop(fc, m, step, zero)
    undecided = _cmp(fc, "eq", state, zero)
    if strict is None:
        same = _op(fc, f"arith.andi {undecided}, "
                   f"{_cmp(fc, 'eq', nx, ny)} : i1", bool_)
        return same if op == "==" else s.not_(same)
    by_length = s.compare(op, nx, ny)
    return s.select(undecided, by_length,
                    _cmp(fc, "eq", state, b.const(1, int64)))


def unpack(fc: Any, l: V, n: int, node: ast.AST) -> TupleVal:
    """`x, y = l`: the items, after checking that `l` has `n` of them
    (ValueError otherwise, as Python)."""
    b = fc.b
    size = lists.length(fc, l)
    want = b.const(n, int64)
    fc.s.raise_if(_cmp(fc, "sgt", size, want), "ValueError",
                  f"too many values to unpack (expected {n})")
    fc.s.raise_if(_cmp(fc, "slt", size, want), "ValueError",
                  f"not enough values to unpack (expected {n}, got %d)",
                  [size])
    t = lists.item_type(fc, l)
    return TupleVal(tuple(lists.load_item(fc, lists.items_of(fc, l),
                                          b.const(k, int64), t)
                          for k in range(n)))


# ---- methods -----------------------------------------------------------------

def remove(fc: Any, l: V, args: list, node: ast.AST) -> Const:
    """`l.remove(x)`: the first item equal to x; ValueError when none is."""
    b, s = fc.b, fc.s
    x = fc.scalar(node, args[0])
    t = lists.item_type(fc, l)
    n = lists.length(fc, l)

    def step(k: V, first: V) -> V:
        eq = s.compare("==", lists.load_item(fc, lists.items_of(fc, l), k,
                                             t), x)
        take = _op(fc, f"arith.andi {eq}, {_cmp(fc, 'eq', first, n)} : i1",
                   bool_)
        return s.select(take, k, first)
    found = lists.index_loop(fc, n, step, n)
    s.raise_if(_cmp(fc, "eq", found, n), "ValueError",
               "list.remove(x): x not in list")
    last = _op(fc, f"arith.subi {n}, {b.const(1, int64)} : i64")
    fc.s.call("kernListRemove", [l, s.select(_cmp(fc, "eq", found, n),
                                             last, found)])
    return Const(None)


METHODS: dict = {"remove": (1, 1, remove)}
"""The list methods of this module: name -> (least, most arguments, fn)."""
