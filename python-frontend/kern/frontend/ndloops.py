"""`for idx in np.ndindex(shape)` and `for idx, x in np.ndenumerate(a)`.

Both are nests of counted loops, one per dimension, written as the loops
a user would write and compiled as such:

>>> # for idx, x in np.ndenumerate(a):      (a: float64[:, :])
>>> #     body
>>> # is
>>> # for $i0 in range(a.shape[0]):
>>> #     for $i1 in range(a.shape[1]):
>>> #         idx, x = ($i0, $i1), a[$i0, $i1]
>>> #         body

`break` and `continue` in the body are refused (they would leave only the
innermost loop of the nest).
"""

from __future__ import annotations

import ast
from typing import Any, List

from ..types import int64
from .builder import TupleVal
from .creation import shape_values
from .statements import walk_local


def _name(id_: str, value: Any = None) -> ast.Name:
    n = ast.Name(id=id_, ctx=ast.Load())
    if value is not None:
        n.kern_value = value  # a name kern made: the builtin, whatever shadows it
    return n


def _shape(fc: Any, call: ast.Call, node: ast.AST) -> List[Any]:
    """The sizes np.ndindex iterates: a tuple argument or several ints."""
    args = [fc.expr(a) for a in call.args]
    return shape_values(fc, args[0] if len(args) == 1 else TupleVal(
        tuple(args)), node)


def loop(fc: Any, node: ast.For, call: ast.Call, enumerate_: bool) -> None:
    if call.keywords:
        raise fc.unsupported("keyword arguments to np.ndindex/ndenumerate",
                             node)
    if any(isinstance(n, (ast.Break, ast.Continue))
           for n in walk_local(node.body, False)):
        raise fc.unsupported("break/continue in a loop over np.ndindex or "
                             "np.ndenumerate", node)
    tag = f"$nd{id(node)}"
    if enumerate_:
        if len(call.args) != 1:
            raise fc.typing_error("np.ndenumerate() takes one array", node)
        arr = fc.expr(call.args[0])
        if not fc.is_array(arr):
            raise fc.typing_error(f"np.ndenumerate() of "
                                  f"{fc.type_name(arr)}", node)
        fc.assign_var(f"{tag}a", arr, node)
        sizes = [fc.s.from_index(fc.arr.dim(arr, d))
                 for d in range(arr.ty.ndim)]
    else:
        sizes = _shape(fc, call, node)
    for d, n in enumerate(sizes):
        fc.assign_var(f"{tag}n{d}", fc.s.cast(fc.scalar(node, n), int64), node)
    idx = ast.Tuple(elts=[_name(f"{tag}i{d}") for d in range(len(sizes))],
                    ctx=ast.Load())
    value: ast.expr = idx
    if enumerate_:
        item = ast.Subscript(value=_name(f"{tag}a"), slice=idx, ctx=ast.Load())
        value = ast.Tuple(elts=[idx, item], ctx=ast.Load())
    body: List[ast.stmt] = [ast.Assign(targets=[node.target], value=value)]
    body += node.body
    for d in reversed(range(len(sizes))):
        rng = ast.Call(func=_name("range", range),
                       args=[_name(f"{tag}n{d}")], keywords=[])
        body = [ast.For(target=ast.Name(id=f"{tag}i{d}", ctx=ast.Store()),
                        iter=rng, body=body, orelse=[])]
    for n in ast.walk(body[0]):
        if not hasattr(n, "lineno"):
            ast.copy_location(n, node)
    fc.block(body)
