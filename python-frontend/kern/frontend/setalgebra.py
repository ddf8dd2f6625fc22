"""The set methods and the algebra of sets: `| & - ^` and their in-place
forms `|= &= -= ^=`, `union intersection difference symmetric_difference`
and their `_update` forms (of any iterables), `isdisjoint issubset
issuperset`, the comparisons `<= < >= > == !=` (kern/frontend/sets.py
makes the sets and reads their items).

Each operation is a call of the runtime (lib/Runtime/Set.c) on two sets
of one item type; a set of another type is first copied into a set of
the promoted type (as Python compares 1 == 1.0):

>>> # u = a | b          (a: set(int64), b: set(float64))
>>> #   %a2 = a new set(float64) of a's items (a loop of kernDictSetSlot)
>>> #   %u = func.call @kernSetCopy(%b) : (!llvm.ptr) -> !llvm.ptr
>>> #   func.call @kernSetUpdate(%u, %a2) : (!llvm.ptr, !llvm.ptr) -> ()
>>> # a -= b               (in place: the caller's set changes too)
>>> #   func.call @kernSetDifferenceUpdate(%a, %b) : (!llvm.ptr, !llvm.ptr) -> ()
"""

import ast
from typing import Any, List as PyList, Optional

from ..settype import Set
from ..errors import TypingError
from ..types import Scalar, bool_, int64
from . import sequences
from .builder import Const, V
from .keys import promote_key
from .sets import (add, discard, each, from_iterable, from_value,
                   is_set, item_type, learn, length, new, pop, remove)

__all__ = ["binary", "compare", "inplace", "method", "OPERATORS"]

_UPDATES = {"|": "kernSetUpdate", "&": "kernSetIntersectionUpdate",
            "-": "kernSetDifferenceUpdate",
            "^": "kernSetSymmetricDifferenceUpdate"}
OPERATORS = tuple(_UPDATES)  # the binary operators of two sets
_METHODS = {"union": "|", "intersection": "&", "difference": "-",
            "symmetric_difference": "^"}
_UPDATE_METHODS = {"update": "|", "intersection_update": "&",
                   "difference_update": "-",
                   "symmetric_difference_update": "^"}


def _converted(fc: Any, s: V, t: Scalar, node: ast.AST) -> V:
    """`s` as a set of `t` items: itself, or a new set of its items."""
    if item_type(fc, s) == t:
        return s
    out = new(fc, t)
    each(fc, s, lambda x: add(fc, out, x, node))
    return out


def _common(fc: Any, sets: PyList[V], node: ast.AST) -> Scalar:
    t = item_type(fc, sets[0])
    for s in sets[1:]:
        try:
            t = promote_key(t, item_type(fc, s))
        except TypingError as e:
            raise fc.typing_error(str(e), node) from None
    return t


def _combined(fc: Any, op: str, first: V, others: PyList[V],
              node: ast.AST) -> V:
    """A new set: `first` op each of `others`, in the promoted type."""
    t = _common(fc, [first] + others, node)
    out = _converted(fc, first, t, node)
    if out is first:
        copy = fc.s.call("kernSetCopy", [first], int64, "!llvm.ptr")
        out = V(copy.name, Set(t), Set.mlir)
    for o in others:
        fc.s.call(_UPDATES[op], [out, _converted(fc, o, t, node)])
    return out


def _check_sets(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> None:
    if not (is_set(x) and is_set(y)):
        raise fc.typing_error(f"unsupported operand types for {op}: "
                              f"{fc.type_name(x)} and {fc.type_name(y)}",
                              node)


def binary(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> V:
    """`x op y` of two sets (op one of | & - ^): a new set."""
    _check_sets(fc, op, x, y, node)
    if op not in _UPDATES:
        raise fc.typing_error(f"unsupported operand types for {op}: "
                              f"{x.ty} and {y.ty}", node)
    return _combined(fc, op, x, [y], node)


def compare(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> V:
    """`x op y` of two sets (op one of == != <= < >= >), as an i1."""
    _check_sets(fc, op, x, y, node)
    t = _common(fc, [x, y], node)
    a, b = _converted(fc, x, t, node), _converted(fc, y, t, node)
    if op in (">=", ">"):
        a, b, op = b, a, "<=" if op == ">=" else "<"
    name = "kernSetEqual" if op in ("==", "!=") else "kernSetIsSubset"
    r = _truth(fc, fc.s.call(name, [a, b], int64))
    if op == "!=":
        return fc.s.not_(r)
    if op == "<":  # a proper subset: fewer items
        fewer = fc.b.op(f"arith.cmpi slt, {length(fc, a)}, {length(fc, b)} "
                        f": i64", bool_)
        r = fc.b.op(f"arith.andi {r}, {fewer} : i1", bool_)
    return r


def _truth(fc: Any, n: V) -> V:
    zero = fc.b.const(0, int64)
    return fc.b.op(f"arith.cmpi ne, {n}, {zero} : i64", bool_)


def inplace(fc: Any, op: str, s: V, value: Any, node: ast.AST) -> V:
    """`s op= value` (op one of | & - ^): `s` changed in place."""
    _check_sets(fc, op + "=", s, value, node)
    if op not in _UPDATES:
        raise fc.typing_error(f"unsupported operand types for {op}=: "
                              f"{s.ty} and {value.ty}", node)
    _update(fc, op, s, value, node)
    return s


def _update(fc: Any, op: str, s: V, other: V, node: ast.AST) -> None:
    """`s` changed by the set `other`, whose items must fit its type."""
    if learn(fc, s, item_type(fc, other), node):
        fc.s.call(_UPDATES[op], [s, _converted(fc, other, item_type(fc, s),
                                                  node)])


def _operand(fc: Any, arg: ast.expr, node: ast.AST) -> V:
    """A method's argument as a set: a set, or a new one of the items of
    an iterable (range, 1-D array, list, tuple)."""
    if sequences.is_range_call(fc, arg):
        return from_iterable(fc, arg, node)
    v = fc.expr(arg)
    return v if is_set(v) else from_value(fc, v, id(arg), node)


def method(fc: Any, s: V, node: ast.Call) -> Any:
    """`s.name(...)`, one of the set methods."""
    name = node.func.attr
    args = node.args
    if node.keywords or any(isinstance(a, ast.Starred) for a in args):
        raise fc.unsupported(f"set.{name}() with keyword or '*' arguments",
                             node)

    def count(low: int, high: Optional[int]) -> None:
        if len(args) < low or (high is not None and len(args) > high):
            want = str(low) if low == high else (
                f"at least {low}" if high is None else f"{low} to {high}")
            raise fc.typing_error(f"set.{name}() takes {want} arguments, "
                                  f"not {len(args)}", node)
    if name in ("add", "discard", "remove"):
        count(1, 1)
        x = fc.expr(args[0])
        {"add": add, "discard": discard, "remove": remove}[name](
            fc, s, x, node)
        return Const(None)
    if name == "pop":
        count(0, 0)
        return pop(fc, s)
    if name == "clear":
        count(0, 0)
        fc.s.call("kernDictClear", [s])
        return Const(None)
    if name == "copy":
        count(0, 0)
        return _combined(fc, "|", s, [], node)
    if name in _METHODS:
        count(1 if name == "symmetric_difference" else 0,
              1 if name == "symmetric_difference" else None)
        return _combined(fc, _METHODS[name], s,
                         [_operand(fc, a, node) for a in args], node)
    if name in _UPDATE_METHODS:
        count(1 if name == "symmetric_difference_update" else 0,
              1 if name == "symmetric_difference_update" else None)
        for a in args:
            _update(fc, _UPDATE_METHODS[name], s, _operand(fc, a, node), node)
        return Const(None)
    if name in ("isdisjoint", "issubset", "issuperset"):
        count(1, 1)
        other = _operand(fc, args[0], node)
        if name == "isdisjoint":
            t = _common(fc, [s, other], node)
            return _truth(fc, fc.s.call("kernSetIsDisjoint", [
                _converted(fc, s, t, node), _converted(fc, other, t, node)],
                int64))
        return compare(fc, "<=" if name == "issubset" else ">=", s, other,
                       node)
    raise fc.unsupported(f"the set method .{name}()", node)
