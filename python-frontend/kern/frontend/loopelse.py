"""`for ... else` and `while ... else` as plain loops: the `else` block runs
when the loop ends without a `break`, so a flag set by each `break` of the
loop (not of the loops inside it) guards it:

    for x in xs:                      $nobreak12_4 = True
        if x < 0:                     for x in xs:
            break           becomes       if x < 0:
        s += x                                $nobreak12_4 = False
    else:                                     break
        s = -s                            s += x
                                      if $nobreak12_4:
                                          s = -s

(the flag is named for the loop's line and column, unique in a function).

    >>> import ast
    >>> loop = ast.parse("while i < n:\\n    if a[i]:\\n        break\\n"
    ...                  "    i += 1\\nelse:\\n    i = -1").body[0]
    >>> print(ast.unparse(without_else(loop)))
    $nobreak1_0 = True
    while i < n:
        if a[i]:
            $nobreak1_0 = False
            break
        i += 1
    if $nobreak1_0:
        i = -1
"""

from __future__ import annotations

import ast
import copy
from typing import List, Union

__all__ = ["without_else"]

Loop = Union[ast.For, ast.While]


class _MarkBreaks(ast.NodeTransformer):
    """Each `break` of the loop preceded by `flag = False`; loops and
    functions inside keep theirs."""

    def __init__(self, flag: str) -> None:
        self.flag = flag

    def visit_Break(self, node: ast.Break) -> List[ast.stmt]:
        clear = ast.Assign(targets=[ast.Name(self.flag, ast.Store())],
                           value=ast.Constant(False))
        return [ast.copy_location(clear, node), node]

    def _own(self, node: ast.AST) -> ast.AST:  # breaks of another scope
        return node

    visit_For = visit_While = visit_AsyncFor = _own
    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _own
    visit_ClassDef = _own


def without_else(node: Loop) -> List[ast.stmt]:
    """The statements doing what the loop `node` with an `else` does."""
    flag = f"$nobreak{node.lineno}_{node.col_offset}"
    loop = copy.copy(node)
    marker = _MarkBreaks(flag)
    loop.body = [s for st in node.body for s in _as_list(marker.visit(
        copy.deepcopy(st)))]
    loop.orelse = []
    start = ast.Assign(targets=[ast.Name(flag, ast.Store())],
                       value=ast.Constant(True))
    guard = ast.If(test=ast.Name(flag, ast.Load()), body=list(node.orelse),
                   orelse=[])
    out = [ast.copy_location(start, node), loop,
           ast.copy_location(guard, node.orelse[0])]
    return [ast.fix_missing_locations(s) for s in out]


def _as_list(visited) -> List[ast.stmt]:
    return visited if isinstance(visited, list) else [visited]
