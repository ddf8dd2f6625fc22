"""`for` over zip() and reversed(): counted loops over sequences.

A sequence is an array (its rows), a list or a range: a length and the
item at a position. `for x, y in zip(a, b)` is a loop over the shortest
length binding each target to its sequence's item; `for x in reversed(s)`
a loop binding the item at `len - 1 - i`:

>>> # for x, y in zip(a, l):        (a: float64[:], l: list of int64)
>>> #   n = min(a.shape[0], len(l)); for $i in range(n): x = a[$i]; y = l[$i]
"""

from __future__ import annotations

import ast
from typing import Any, Callable, List, Tuple

from ..types import int64
from . import lists, tuples
from .builder import Const, TupleVal, V

Item = Callable[[V], Any]


def range_args(fc: Any, call: ast.Call, node: ast.AST) -> List[Any]:
    """[start, stop, step] of a range(...) (or prange) call."""
    if call.keywords:
        raise fc.unsupported("keyword arguments to range()", node)
    args = [fc.expr(a) for a in call.args]
    if not 1 <= len(args) <= 3:
        raise fc.typing_error("range() takes 1 to 3 arguments", node)
    if len(args) == 1:
        args = [Const(0)] + args
    if len(args) == 2:
        args.append(Const(1))
    return args


def _range(fc: Any, call: ast.Call, node: ast.AST) -> Tuple[V, Item]:
    """range(...)'s length and items (a constant step)."""
    start, stop, step = range_args(fc, call, node)
    k = step.value if isinstance(step, Const) else fc.b.known_int(step)
    if not isinstance(k, int) or k == 0:
        raise fc.unsupported("range() with a step that is not a nonzero "
                             "constant here", node)
    span = fc.binary("-", stop, start, node) if k > 0 else \
        fc.binary("-", start, stop, node)
    count = fc.binary("//", fc.binary("+", span, Const(abs(k) - 1), node),
                      Const(abs(k)), node)
    count = fc.scalar(node, count)
    zero = fc.b.const(0, count.ty)
    n = fc.s.cast(fc.s.select(fc.s.compare(">", count, zero), count, zero),
                  int64)
    return n, lambda i: fc.binary("+", start, fc.binary("*", i, step, node),
                                  node)


def is_range_call(fc: Any, expr: ast.expr) -> bool:
    """Whether `expr` is a call of range() (not a value of its own): a
    call of a name meaning range (no other callee is evaluated here)."""
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) \
        and getattr(fc.expr(expr.func), "value", None) is range


def sequence(fc: Any, expr: ast.expr, node: ast.AST) -> Tuple[V, Item]:
    """(length as int64, item at an int64 position) of `expr`."""
    if is_range_call(fc, expr):
        return _range(fc, expr, node)
    return sequence_of(fc, fc.expr(expr), node)


def sequence_of(fc: Any, v: Any, node: ast.AST) -> Tuple[V, Item]:
    """(length as int64, item at an int64 position) of an array, list or
    tuple value."""
    if fc.is_array(v):
        def row(i: V) -> Any:
            if v.ty.ndim == 1:
                return fc.arr.load(v, [fc.s.to_index(i)])
            return fc.arr.view(v, [("int", i)])
        return fc.s.from_index(fc.arr.dim(v, 0)), row
    if lists.is_list(v):
        return lists.length(fc, v), lambda i: lists.item_at(fc, v, i)
    if tuples.is_tuple(v):  # items of one type, read at a run-time index
        n = len(v.items) if isinstance(v, TupleVal) else len(v.value)
        return fc.b.const(n, int64), lambda i: tuples.item(fc, v, i, node)
    raise fc.unsupported(f"zip()/reversed() over {fc.type_name(v)} (arrays, "
                         f"lists, tuples and ranges are supported)", node)


def _names(target: ast.expr) -> List[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def zip_loop(fc: Any, node: ast.For, args: List[ast.expr]) -> None:
    """for <target> in zip(s1, s2, ...) (sets too)."""
    if not args:
        return  # zip() is empty
    seqs = [_zipped(fc, a, node) for a in args]
    n = seqs[0][0]
    for m, _ in seqs[1:]:
        n = fc.s.select(fc.s.compare("<", m, n), m, n)

    def bind(i: V) -> None:
        k = fc.s.from_index(i)
        fc.assign_target(node.target,
                         TupleVal(tuple(item(k) for _, item in seqs)), node)
    fc.counted_loop(node, Const(0), n, Const(1), bind, _names(node.target))


def _zipped(fc: Any, arg: ast.expr, node: ast.AST) -> Tuple[V, Item]:
    from . import sets  # (which reads sequences)
    if isinstance(arg, ast.Call) and getattr(fc.expr(arg.func), "value",
                                             None) is range:
        return sequence(fc, arg, node)
    v = fc.expr(arg)
    return sets.sequence_of(fc, v) if sets.is_set(v) else sequence_of(
        fc, v, node)


def reversed_loop(fc: Any, node: ast.For, arg: ast.expr) -> None:
    """for <target> in reversed(s)."""
    n, item = sequence(fc, arg, node)

    def bind(i: V) -> None:
        k = fc.s.from_index(i)
        last = fc.binary("-", fc.binary("-", n, k, node), Const(1), node)
        fc.assign_target(node.target, item(fc.scalar(node, last)), node)
    fc.counted_loop(node, Const(0), n, Const(1), bind, _names(node.target))


def any_all(fc: Any, name: str, x: Any, node: ast.AST) -> Any:
    """any(x) / all(x) of a tuple, a list or an array (np.any / np.all)."""
    if isinstance(x, TupleVal):
        if not x.items:
            return Const(name == "all")
        truths = [fc.s.truth(fc.scalar(node, item)) for item in x.items]
        result = truths[0]
        for truth in truths[1:]:
            result = fc.binary("&" if name == "all" else "|", result, truth,
                               node)
        return result
    if fc.is_array(x):
        from .reductions import any_all as array_any_all
        return array_any_all(fc, name, x, node)
    if lists.is_list(x):
        base = x
        s, b = fc.s, fc.b
        want = name == "any"

        def step(k: V, acc: V) -> V:
            t = s.truth(lists.item_at(fc, base, k))
            op = "arith.ori" if want else "arith.andi"
            return b.op(f"{op} {acc}, {t} : i1", acc.ty)
        from ..types import bool_
        return lists.index_loop(fc, lists.length(fc, base), step,
                                b.const(not want, bool_))
    raise fc.typing_error(f"{name}() of {fc.type_name(x)}", node)


def sorted_call(fc: Any, args: List[Any], kwargs: dict,
                node: ast.AST) -> V:
    """sorted(x, key=None, reverse=False): a new list of the items of a
    list, tuple, set or 1-D array, in order (with key=:
    kern/frontend/keyed_sort.py)."""
    if len(args) != 1:
        raise fc.typing_error("sorted() takes one positional argument", node)
    keyed = set(kwargs) - {"reverse"} or not (
        isinstance(kwargs.get("reverse"), (Const, type(None))) and
        isinstance(kwargs.get("reverse", Const(False)).value, bool))
    reverse = kwargs.get("reverse", Const(False))
    from . import dicts, sets, strings  # (which read sequences)
    x = args[0]
    if tuples.is_tuple(x):  # a list of the items
        items = x.items if isinstance(x, TupleVal) else [Const(v)
                                                        for v in x.value]
        x = lists.from_values(fc, [fc.scalar(node, i) for i in items])
    if fc.is_array(x) and x.ty.ndim == 1:
        x = lists.from_array(fc, x)
    elif lists.is_list(x):
        x = lists.method(fc, x, "copy", [], {}, node)
    elif sets.is_set(x):
        x = sets.to_list(fc, x)
    elif dicts.is_dict(x) or strings.is_str(x):  # keys, characters
        from .iterators import to_list
        x = to_list(fc, x, node)
    else:
        raise fc.typing_error(f"sorted() of {fc.type_name(x)} (lists, "
                              f"tuples, sets, dicts, strs and 1-D arrays "
                              f"are supported)", node)
    if keyed or lists.is_structured(lists.item_type(fc, x)):
        # key=, reverse= known at run time, or items (tuples) compared
        # by kern's `<`, not the runtime's
        from .keyed_sort import sort_by_key
        return sort_by_key(fc, x, kwargs, node)
    lists.method(fc, x, "sort", [], {}, node)
    if reverse.value:
        lists.method(fc, x, "reverse", [], {}, node)
    return x
