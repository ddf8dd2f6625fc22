"""`iter(x)` and `next(it)` / `next(it, default)` in compiled code, over
lists, tuples (of items of one type), ranges, arrays (items or rows),
strs, dicts (their keys) and sets, as Python iterates them: next() of an
exhausted iterator raises StopIteration (which reaches Python as
StopIteration), or returns the default (`next(it, None)`: an Optional).

An iterator is a compile-time pair (a namedtuple value of the classes
below): the iterable and the position of the next item, an int64; a
range's iterator holds start, step and length instead of the iterable.
`next(it)` of a variable rebinds it to the next position (loops carry
it, kern/frontend/statements.py rebound_receivers):

    it = iter(l)          it = iterator(seq=l, pos=0)
    v = next(it)          StopIteration if it.pos >= len(l); v = l[it.pos]
                          it = iterator(seq=l, pos=it.pos + 1)

    >>> import kern
    >>> @kern.njit
    ... def f(l, t):
    ...     it = iter(t)
    ...     next(it)
    ...     return next(iter(l)), next(it), next(it), next(it, -1)
    >>> f([3, 1], (1, 2, 3))
    (3, 2, 3, -1)
"""

from __future__ import annotations

import ast
import collections
from typing import Any, Callable, Tuple

from ..types import Scalar, bool_, int64, promote
from .builder import Const, OptVal, TupleVal, V

__all__ = ["is_iterator", "call", "loop", "check_not_shared", "to_list",
           "ITERATOR_CLASSES"]

Iterator = collections.namedtuple("iterator", "seq pos")
RangeIterator = collections.namedtuple("range_iterator", "start step len pos")
Iterator._kern_iterator = True
RangeIterator._kern_iterator = True
ITERATOR_CLASSES = (Iterator, RangeIterator)


def is_iterator(v: Any) -> bool:
    return isinstance(v, TupleVal) and v.cls in ITERATOR_CLASSES


def call(fc: Any, name: str, node: ast.Call) -> Any:
    """iter(x) or next(it[, default]) (`name`), from the call's AST."""
    if node.keywords:
        raise fc.typing_error(f"{name}() takes no keyword arguments", node)
    if name == "iter":
        if len(node.args) != 1:
            raise fc.unsupported("iter() with a sentinel (iter(callable, "
                                 "sentinel))" if len(node.args) == 2 else
                                 "iter() without one argument", node)
        return make(fc, node.args[0], node)
    if not 1 <= len(node.args) <= 2:
        raise fc.typing_error("next() takes an iterator and a default", node)
    return advance(fc, node.args[0], node.args[1:], node)


def check_not_shared(fc: Any, value: Any, node: ast.AST) -> None:
    """Refuses `it2 = it` (and iterators inside a copied tuple): an
    iterator is a value here, so two variables would not share it."""
    if is_iterator(value) or (isinstance(value, TupleVal) and any(
            is_iterator(v) for v in value.items)):
        raise fc.unsupported("an iterator held by two variables (assign "
                             "iter(x) itself)", node)


def make(fc: Any, arg: ast.expr, node: ast.AST) -> TupleVal:
    """The iterator of `arg` at its first item."""
    from .sequences import is_range_call, range_args
    zero = fc.b.const(0, int64)
    if is_range_call(fc, arg):
        start, stop, step = (fc.s.cast(fc.scalar(node, x), int64)
                             for x in range_args(fc, arg, node))
        if isinstance(step, Const) and step.value == 0:
            raise fc.typing_error("range() arg 3 must not be zero", node)
        isz = fc.b.op(f"arith.cmpi eq, {step}, {zero} : i64", bool_)
        fc.s.raise_if(isz, "ValueError", "range() arg 3 must not be zero")
        n = fc.trip_count(start, stop, step)
        return TupleVal((start, step, n, zero), RangeIterator)
    x = fc.expr(arg)
    if is_iterator(x):  # iter(it) is it
        return x
    if isinstance(x, Const) and isinstance(x.value, tuple):
        x = TupleVal(tuple(Const(v) for v in x.value))
    _sequence(fc, x, node)  # (refuses what does not iterate)
    return TupleVal((x, zero), Iterator)


def _sequence(fc: Any, x: Any, node: ast.AST) -> Tuple[V, Callable]:
    """(length as int64, item at an int64 position in range) of what an
    Iterator iterates."""
    from . import dicts, keys, lists, sets, strings
    from .sequences import sequence_of
    if strings.is_str(x):
        return strings.length(fc, x), lambda k: strings.call(
            fc, "kernStrGetItem", [x, k], x.ty)
    if dicts.is_dict(x):
        kt = dicts.key_value_types(fc, x)[0]
        return fc.s.call("kernDictEntries", [x], int64), \
            lambda k: keys.key_at(fc, x, kt, k)
    if sets.is_set(x):
        return sets.sequence_of(fc, x)
    if fc.is_array(x) or lists.is_list(x) or isinstance(x, TupleVal):
        return sequence_of(fc, x, node)
    raise fc.typing_error(f"'{fc.type_name(x)}' object is not iterable "
                          f"(iter() of lists, tuples, ranges, arrays, strs, "
                          f"dicts and sets is supported)", node)


def _items(fc: Any, it: TupleVal, node: ast.AST) -> Tuple[V, Callable]:
    """(length, item at an int64 position) of what `it` iterates."""
    if it.cls is RangeIterator:
        b = fc.b
        start, step, n = it.items[:3]
        return n, lambda k: b.op(
            f"arith.addi {start}, "
            f"{b.op(f'arith.muli {k}, {step} : i64', int64)} : i64", int64)
    return _sequence(fc, it.items[0], node)


def loop(fc: Any, node: ast.For, it: TupleVal) -> None:
    """`for v in it`: the items from the iterator's position on; a
    variable holding `it` is exhausted after the loop."""
    n, item = _items(fc, it, node)
    held = isinstance(node.iter, ast.Name)
    if held and any(isinstance(x, ast.Break) for st in node.body
                    for x in ast.walk(st)):
        raise fc.unsupported("break in a for loop over an iterator held in "
                             "a variable", node)
    names = [x.id for x in ast.walk(node.target) if isinstance(x, ast.Name)]
    fc.counted_loop(node, it.items[-1], n, Const(1),
                    lambda i: fc.assign_target(node.target, item(i), node),
                    names)
    if held:
        end = fc.s.select(fc.s.compare(">", n, it.items[-1]), n, it.items[-1])
        fc.assign_var(node.iter.id, TupleVal(it.items[:-1] + (end,), it.cls),
                      node)


def to_list(fc: Any, x: Any, node: ast.AST) -> V:
    """A new list of the items of a str (its characters) or a dict (its
    keys), in order: what sorted() sorts."""
    from . import dicts, lists
    n, item = _sequence(fc, x, node)
    t = dicts.key_value_types(fc, x)[0] if dicts.is_dict(x) else x.ty
    out = lists.new(fc, t, fc.b.const(0, int64))
    lists.index_loop(fc, n, lambda k, _: lists.method(
        fc, out, "append", [item(k)], {}, node))
    return out


def advance(fc: Any, arg: ast.expr, default: list, node: ast.AST) -> Any:
    """next(arg[, default]): the item at the iterator's position (a
    variable holding the iterator moves on)."""
    from .raising import exception_text
    it = fc.expr(arg)
    if not is_iterator(it):
        raise fc.typing_error(f"'{fc.type_name(it)}' object is not an "
                              f"iterator (next() takes what iter() "
                              f"returns)", node)
    if not isinstance(arg, ast.Name) and not (
            isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name)
            and arg.func.id == "iter"):
        raise fc.unsupported(f"next() of '{fc.src(arg)}' (next() takes a "
                             f"variable holding an iterator, or iter(x))",
                             node)
    b, s = fc.b, fc.s
    pos = it.items[-1]
    n, item = _items(fc, it, node)
    done = b.op(f"arith.cmpi sge, {pos}, {n} : i64", bool_)
    if not default:
        kind, text, _ = exception_text(fc, StopIteration, [], node)
        s.raise_if(done, kind, text, [], args_repr=True)
        value = item(pos)
    else:
        value = _or_default(fc, done, lambda: item(pos), fc.expr(default[0]),
                            node)
    if isinstance(arg, ast.Name):
        one = b.const(1, int64)
        moved = b.op(f"arith.addi {pos}, {one} : i64", int64)
        fc.assign_var(arg.id, TupleVal(it.items[:-1] + (moved,), it.cls),
                      node)
    return value


def _or_default(fc: Any, done: V, item: Callable, default: Any,
                node: ast.AST) -> Any:
    """The item (read only when not `done`), else `default`."""
    b = fc.b
    if isinstance(default, Const) and default.value is None:
        probe, _ = b.capture(item)  # (its type; the lines are dropped)
        if not isinstance(probe, V) or not isinstance(probe.ty, Scalar):
            raise fc.unsupported(f"next(it, None) of {fc.type_name(probe)} "
                                 f"items (numbers are supported)", node)
        got = _guarded(fc, done, item, lambda: fc.dummy(probe.ty, "next"),
                       probe.ty)
        return OptVal(got, fc.s.not_(done))
    d = fc.scalar(node, default)
    probe, _ = b.capture(item)
    if not isinstance(probe, V) or not isinstance(probe.ty, Scalar):
        raise fc.unsupported(f"next(it, default) of {fc.type_name(probe)} "
                             f"items (numbers are supported)", node)
    t = promote(probe.ty, d.ty)
    return _guarded(fc, done, lambda: fc.s.cast(item(), t),
                    lambda: fc.s.cast(d, t), t)


def _guarded(fc: Any, done: V, item: Callable, other: Callable,
             t: Scalar) -> V:
    """scf.if done -> other() else item(), of type t."""
    then, lines_t = fc.b.capture(lambda: fc.s.cast(other(), t))
    got, lines_e = fc.b.capture(lambda: fc.s.cast(item(), t))
    return fc.emit_if_results(
        done, lines_t + [f"scf.yield {then} : {t.mlir}"],
        lines_e + [f"scf.yield {got} : {t.mlir}"], [t], [got])[0]
