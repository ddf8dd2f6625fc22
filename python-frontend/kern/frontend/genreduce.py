"""`sum`, `any` and `all` of a generator (a call of a
`@kern.njit` generator function, a variable holding a generator object,
or a generator expression) as a loop in the function's own statements,
with no list in between (made once per call node):

    sum(x * x for x in a)        $red1 = 0
                                 for x$red1 in a:
                                     $red1 = $red1 + x$red1 * x$red1

    any(v > 3 for v in gen(n))   $red2 = False
                                 for v$red2 in gen(n):
                                     if v$red2 > 3:
                                         $red2 = True
                                         break        (it stops there)

The loop over `gen(n)` is then inlined (frontend/generators.py). `min`
and `max`, which have no value before the first item (an inlined yield
outside the generator's loops has no loop to carry one), go through a
list (generators.materialized).

    >>> import kern
    >>> @kern.njit
    ... def naturals():
    ...     k = 0
    ...     while True:
    ...         yield k
    ...         k += 1
    >>> @kern.njit
    ... def first_square_over(m):
    ...     return any(k * k > m for k in naturals()), sum(
    ...         k * 0.5 for k in range(3, 6))
    >>> first_square_over(50)
    (True, 6.0)
"""

from __future__ import annotations

import ast
import copy
from typing import Any, Dict, List, Optional, Tuple

from .generators import is_generator_call

__all__ = ["reduced"]

_NAMES = ("sum", "any", "all")  # (min/max: through a list, generators.py)


def reduced(fc: Any, node: ast.Call, name: str) -> Optional[Any]:
    """The value of `name(<generator>)` (`sum(<generator>, start)`) emitted
    as a loop, else None (another form: the caller's own)."""
    if name not in _NAMES or node.keywords or not node.args or \
            len(node.args) > (2 if name == "sum" else 1):
        return None
    key = ("generator-reduce", id(node))
    if key not in fc.made_nodes:
        fc.made_nodes[key] = _made(fc, node, name)
    made = fc.made_nodes[key]
    if made is None:
        return None
    statements, result = made
    for st in statements:
        fc.stmt(st)
    return fc.env[result]


def _made(fc: Any, node: ast.Call, name: str
          ) -> Optional[Tuple[List[ast.stmt], str]]:
    arg = node.args[0]
    if isinstance(arg, ast.GeneratorExp):
        elt, gens = arg.elt, arg.generators
    elif is_generator_call(fc, arg):
        v = f"$gv{id(arg)}"
        elt, gens = ast.Name(v, ast.Load()), [ast.comprehension(
            target=ast.Name(v, ast.Store()), iter=arg, ifs=[], is_async=0)]
    else:
        return None
    count = fc.__dict__.setdefault("generator_reductions", [0])
    count[0] += 1
    tag = f"$red{count[0]}"
    acc, stop = tag, f"{tag}stop"
    renames: Dict[str, str] = {}
    for g in gens:
        for n in ast.walk(g.target):
            if isinstance(n, ast.Name):
                renames[n.id] = n.id + tag

    def renamed(tree: Any) -> Any:
        tree = copy.deepcopy(tree)
        for n in ast.walk(tree):
            if isinstance(n, ast.Name) and n.id in renames:
                n.id = renames[n.id]
        return tree

    load = lambda n: ast.Name(n, ast.Load())  # noqa: E731
    store = lambda n, v: ast.Assign(  # noqa: E731
        targets=[ast.Name(n, ast.Store())], value=v)
    item = renamed(elt)
    leave = [store(stop, ast.Constant(True)), ast.Break()]
    start: List[ast.stmt] = [store(stop, ast.Constant(False))]
    if name == "sum":
        start.append(store(acc, node.args[1] if len(node.args) == 2
                           else ast.Constant(0)))
        body: List[ast.stmt] = [store(acc, ast.BinOp(load(acc), ast.Add(),
                                                     item))]
    else:  # any / all: stop at the first true (false) item
        start.append(store(acc, ast.Constant(name == "all")))
        test = item if name == "any" else ast.UnaryOp(ast.Not(), item)
        body = [ast.If(test=test, orelse=[], body=[
            store(acc, ast.Constant(name == "any"))] + leave)]
    for k, g in reversed(list(enumerate(gens))):
        for cond in reversed(g.ifs):
            body = [ast.If(test=renamed(cond), body=body, orelse=[])]
        loop = ast.For(target=renamed(g.target),
                       iter=g.iter if k == 0 else renamed(g.iter),
                       body=body, orelse=[], type_comment=None)
        body = [loop] if k == 0 else [loop, ast.If(
            test=load(stop), body=[ast.Break()], orelse=[])]
    statements = [ast.fix_missing_locations(ast.copy_location(st, node))
                  for st in start + body]  # (the user's nodes: in place)
    return statements, acc

