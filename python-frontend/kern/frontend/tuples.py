"""Tuples in compiled code (compile-time `TupleVal`s and constant Python
tuples): comparisons (`==`/`!=`, and `<` `<=` `>` `>=` in Python's
lexicographic order, items that are strs compared as strs), constant slices, `+` and `*` with a constant, and
items at a run-time index when all items have one type (Numba's UniTuple
getitem: a select chain after the bounds check).

    >>> import kern
    >>> @kern.njit
    ... def f(t, i):
    ...     return t[::-1] + (0.0,), t[i]
    >>> f((1.0, 2.0, 3.0), -1)
    ((3.0, 2.0, 1.0, 0.0), 3.0)
"""

from __future__ import annotations

import ast
from typing import Any

from ..types import bool_, int64
from . import strings
from .builder import Const, TupleVal, V, constant_item, is_number

__all__ = ["as_items", "binary", "equal", "is_tuple", "item", "slice_of"]


def is_tuple(x: Any) -> bool:
    return isinstance(x, TupleVal) or (isinstance(x, Const) and
                                       isinstance(x.value, tuple))


def as_items(x: Any) -> Any:
    """A constant tuple as a TupleVal of constants; anything else as is."""
    if isinstance(x, Const) and isinstance(x.value, tuple):
        return TupleVal(tuple(as_items(Const(v)) for v in x.value))
    return x


def _items_compare(fc: Any, op: str, a: Any, b: Any, node: ast.AST) -> V:
    """One item of each tuple compared: tuples again, strs as Python
    compares them (a str equals no number), numbers."""
    a, b = as_items(a), as_items(b)
    if isinstance(a, TupleVal) and isinstance(b, TupleVal):
        return equal(fc, op, a, b, node)
    if strings.is_text(a) or strings.is_text(b):
        r = strings.compare(fc, op, a, b, node)
        return fc.b.const(r.value, bool_) if isinstance(r, Const) else r
    return fc.s.compare(op, fc.scalar(node, a), fc.scalar(node, b))


def _ordered(fc: Any, op: str, x: TupleVal, y: TupleVal,
             node: ast.AST) -> V:
    """`x < y` / `x <= y` of tuples: Python's lexicographic order (the first
    items that differ decide; else the shorter tuple is the smaller)."""
    n, m = len(x.items), len(y.items)
    result = fc.b.const(n < m if op == "<" else n <= m, bool_)
    for a, b in reversed(list(zip(x.items, y.items))):
        less = _items_compare(fc, "<", a, b, node)
        same = _items_compare(fc, "==", a, b, node)
        tail = fc.logical_and(same, result, node)
        result = fc.b.op(f"arith.ori {less}, {tail} : i1", bool_)
    return result


def equal(fc: Any, op: str, x: TupleVal, y: TupleVal, node: ast.AST) -> V:
    """Comparisons of tuples (shapes): `==`/`!=` item by item, `< <= > >=`
    in Python's lexicographic order."""
    if op in ("<", "<="):
        return _ordered(fc, op, x, y, node)
    if op in (">", ">="):
        return _ordered(fc, "<" if op == ">" else "<=", y, x, node)
    if op not in ("==", "!="):
        raise fc.unsupported(f"'{op}' between tuples", node)
    same = fc.b.const(len(x.items) == len(y.items), bool_)
    if len(x.items) == len(y.items):
        for a, b in zip(x.items, y.items):
            eq = _items_compare(fc, "==", a, b, node)
            same = fc.logical_and(same, eq, node)
    if op == "!=":
        return fc.s.compare("!=", same, fc.b.const(True, bool_))
    return same


def slice_of(fc: Any, base: Any, sl: ast.Slice, node: ast.AST) -> Any:
    """`t[lo:hi:step]` with constant bounds: the tuple of those items."""
    bounds = []
    for e in (sl.lower, sl.upper, sl.step):
        v = None if e is None else fc.expr(e)
        if v is not None and not (is_number(v) and isinstance(v.value, int)):
            raise fc.unsupported("slicing a tuple with bounds that are "
                                 "not constant integers", node)
        bounds.append(None if v is None else v.value)
    if bounds[2] == 0:
        raise fc.typing_error("slice step cannot be zero", node)
    if isinstance(base, Const):
        return Const(base.value[slice(*bounds)])
    return TupleVal(base.items[slice(*bounds)])


def binary(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> Any:
    """`t + u` (concatenation) and `t * n` / `n * t` (repetition, a
    constant n), as Python."""
    def items(t: Any) -> tuple:  # a constant tuple's items as values
        return t.items if isinstance(t, TupleVal) else tuple(
            c if constant_item(c) else fc.value(c, node)
            for c in map(Const, t.value))
    if op == "+" and is_tuple(x) and is_tuple(y):
        if isinstance(x, Const) and isinstance(y, Const):
            return Const(x.value + y.value)
        return TupleVal(items(x) + items(y))
    if op == "*":
        t, n = (x, y) if is_tuple(x) else (y, x)
        if is_number(n) and isinstance(n.value, int):
            if isinstance(t, Const):
                return Const(t.value * n.value)
            return TupleVal(items(t) * max(0, n.value))
    raise fc.unsupported(f"'{op}' on {fc.type_name(x)} and "
                         f"{fc.type_name(y)} (tuples concatenate "
                         f"with + and repeat with * a constant)", node)


def item(fc: Any, base: Any, idx: Any, node: ast.AST) -> V:
    """`t[i]` for a run-time `i` (Numba's UniTuple getitem): the items
    must be values of one type; a select chain after the bounds check
    (IndexError, negative indexes wrap)."""
    s, b = fc.s, fc.b
    items = base.items if isinstance(base, TupleVal) else [
        Const(v) for v in base.value]
    values = [fc.value(x, node) for x in items]
    same = values and all(isinstance(v, V) for v in values) and len(
        {(v.ty, v.mt) for v in values}) == 1
    if not same:
        raise fc.typing_error(
            "a tuple whose items have different types (or hold "
            "functions) is indexed by constants", node)
    i = fc.scalar(getattr(node, "slice", node), idx)
    if i.ty.kind not in "iub":
        raise fc.typing_error(f"tuple indices must be integers, not "
                              f"{i.ty}", node)
    i = s.cast(i, int64)
    n = b.const(len(values), int64)
    zero = b.const(0, int64)
    wrapped = s.select(s.compare("<", i, zero), s.binop("+", i, n), i)
    bad = b.op(f"arith.ori {s.compare('<', wrapped, zero)}, "
               f"{s.compare('>=', wrapped, n)} : i1", bool_)
    s.raise_if(bad, "IndexError", "tuple index out of range")
    out = values[-1]
    for k in range(len(values) - 2, -1, -1):
        hit = s.compare("==", wrapped, b.const(k, int64))
        out = b.op(f"arith.select {hit}, {values[k]}, {out} : {out.mt}",
                   out.ty, out.mt)
    return out
