"""The `operator` module in compiled code: `operator.add(a, b)` is
`a + b`, `operator.lt(a, b)` is `a < b`, `operator.neg(a)` is `-a`,
`operator.getitem(a, i)` is `a[i]`, `operator.contains(a, b)` is
`b in a`..., made as that expression from the call's own argument nodes
and compiled as it (on scalars, arrays, tuples, lists alike):

    >>> import kern, operator, functools
    >>> @kern.njit
    ... def f(a, b):
    ...     return operator.add(a, b), operator.lt(a, b), operator.neg(a)
    >>> f(2, 3.5)
    (5.5, True, -2)
"""

from __future__ import annotations

import ast
import operator
from typing import Any, Callable, Dict, List

from .builder import TupleVal

__all__ = ["is_operator", "operator_call"]

_BINARY = {operator.add: ast.Add, operator.sub: ast.Sub,
           operator.mul: ast.Mult, operator.truediv: ast.Div,
           operator.floordiv: ast.FloorDiv, operator.mod: ast.Mod,
           operator.pow: ast.Pow, operator.and_: ast.BitAnd,
           operator.or_: ast.BitOr, operator.xor: ast.BitXor,
           operator.lshift: ast.LShift, operator.rshift: ast.RShift,
           operator.matmul: ast.MatMult}
_COMPARE = {operator.eq: ast.Eq, operator.ne: ast.NotEq, operator.lt: ast.Lt,
            operator.le: ast.LtE, operator.gt: ast.Gt, operator.ge: ast.GtE,
            operator.is_: ast.Is, operator.is_not: ast.IsNot}
_UNARY = {operator.neg: ast.USub, operator.pos: ast.UAdd,
          operator.invert: ast.Invert, operator.inv: ast.Invert,
          operator.not_: ast.Not}
_INPLACE = {operator.iadd: ast.Add, operator.isub: ast.Sub,
            operator.imul: ast.Mult, operator.itruediv: ast.Div,
            operator.ifloordiv: ast.FloorDiv, operator.imod: ast.Mod,
            operator.ipow: ast.Pow, operator.iand: ast.BitAnd,
            operator.ior: ast.BitOr, operator.ixor: ast.BitXor,
            operator.ilshift: ast.LShift, operator.irshift: ast.RShift,
            operator.imatmul: ast.MatMult}  # on numbers: the plain operator


def is_operator(target: Any) -> bool:
    """Whether `target` is an `operator` function kern compiles."""
    try:
        return target in _MAKERS
    except TypeError:  # unhashable
        return False


def operator_call(fc: Any, target: Callable, node: ast.Call) -> Any:
    """`operator.<f>(...)` as its expression; the expression node is made
    once per call node (later passes see the same node)."""
    if node.keywords:
        raise fc.unsupported(f"keyword arguments to operator."
                             f"{target.__name__}()", node)
    key = ("operator", id(node))
    if key not in fc.made_nodes:
        maker, count = _MAKERS[target]
        args = _unstarred(fc, node)
        if len(args) != count:
            raise fc.typing_error(f"operator.{target.__name__}() takes "
                                  f"{count} arguments", node)
        fc.made_nodes[key] = ast.copy_location(maker(*args), node)
    return fc.expr(fc.made_nodes[key])


def _unstarred(fc: Any, node: ast.Call) -> List[ast.expr]:
    """The argument nodes, `*t` of a tuple `t` as `t[0], t[1], ...`."""
    out: List[ast.expr] = []
    for a in node.args:
        if not isinstance(a, ast.Starred):
            out.append(a)
            continue
        items = fc.expr(a.value)
        if not isinstance(items, TupleVal):
            raise fc.unsupported(f"*{fc.src(a.value)} of "
                                 f"{fc.type_name(items)} in a call", node)
        out += [ast.copy_location(ast.Subscript(
            a.value, ast.Constant(k), ast.Load()), a)
            for k in range(len(items.items))]
    return out


def _maker_table() -> Dict[Any, Any]:
    table: Dict[Any, Any] = {}
    for f, op in list(_BINARY.items()) + list(_INPLACE.items()):
        table[f] = (lambda a, b, op=op: ast.BinOp(a, op(), b), 2)
    for f, op in _COMPARE.items():
        table[f] = (lambda a, b, op=op: ast.Compare(a, [op()], [b]), 2)
    for f, op in _UNARY.items():
        table[f] = (lambda a, op=op: ast.UnaryOp(op(), a), 1)
    table[operator.truth] = (lambda a: ast.Call(
        ast.Name("bool", ast.Load()), [a], []), 1)
    table[operator.abs] = (lambda a: ast.Call(
        ast.Name("abs", ast.Load()), [a], []), 1)
    table[operator.getitem] = (lambda a, i: ast.Subscript(
        a, i, ast.Load()), 2)
    table[operator.contains] = (lambda a, b: ast.Compare(
        b, [ast.In()], [a]), 2)
    return table


_MAKERS: Dict[Any, Any] = _maker_table()
