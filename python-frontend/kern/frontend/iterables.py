"""`list(...)` and `dict(...)` of the iterators Python's built-ins make,
as the comprehensions they mean (made once per call node):

    list(zip(a, b))        [($0, $1) for $0, $1 in zip(a, b)]
    list(reversed(t))      [$0 for $0 in reversed(t)]
    list(enumerate(a, k))  [($0, $1) for $0, $1 in enumerate(a, k)]
    list(map(f, a, b))     [f($0, $1) for $0, $1 in zip(a, b)]
    list(filter(f, a))     [$0 for $0 in a if f($0)]
    dict(zip(k, v))        {$0: $1 for $0, $1 in zip(k, v)}

so they compile as the comprehension does (kern/frontend/lists.py). A for
loop over map() or filter() is the loop over their iterable (made once per
loop node):

    for v in map(f, a, b):     for $0, $1 in zip(a, b):
        <body>                     v = f($0, $1)
                                   <body>
    for v in filter(f, a):     for $0 in a:
        <body>                     if f($0):
                                       v = $0
                                       <body>

    >>> import kern
    >>> @kern.njit
    ... def f(t, u):
    ...     return list(zip(t, u)), list(map(lambda x: x * 2, t)), \\
    ...         dict(zip(t, u))[2]
    >>> f((1, 2), (3.0, 4.0))
    ([(1, 3.0), (2, 4.0)], [2, 4], 4.0)
"""

from __future__ import annotations

import ast
from typing import Any, Callable, List, Optional

__all__ = ["as_comprehension", "plain_loop"]

_ITERATORS = ("zip", "reversed", "enumerate", "map", "filter")


def as_comprehension(fc: Any, node: ast.Call, kind: str) -> Optional[ast.expr]:
    """The comprehension that `list(<iterator call>)` (kind "list") or
    `dict(zip(k, v))` (kind "dict") is, else None."""
    if len(node.args) != 1 or node.keywords or not isinstance(
            node.args[0], ast.Call):
        return None
    inner = node.args[0]
    which = _builtin_name(fc, inner.func)
    if which not in _ITERATORS or (kind == "dict" and which != "zip"):
        return None
    key = ("comprehension", kind, id(node))
    if key not in fc.made_nodes:
        fc.made_nodes[key] = _made(inner, which, kind, id(node))
    return fc.made_nodes[key]


def _builtin_name(fc: Any, func: ast.expr) -> Optional[str]:
    import builtins
    if not isinstance(func, ast.Name):
        return None
    value = getattr(fc.expr(func), "value", None)
    return func.id if value is getattr(builtins, func.id, None) else None


def _made(inner: ast.Call, which: str, kind: str, tag: int) -> ast.expr:
    at: Callable[[Any], Any] = lambda n: ast.fix_missing_locations(  # noqa
        ast.copy_location(n, inner))
    names = lambda k: [f"$it{tag}_{i}" for i in range(k)]  # noqa: E731
    load = lambda ns: [at(ast.Name(n, ast.Load())) for n in ns]  # noqa
    store = lambda ns: at(ast.Tuple([at(ast.Name(n, ast.Store()))  # noqa
                                     for n in ns], ast.Store())) \
        if len(ns) > 1 else at(ast.Name(ns[0], ast.Store()))
    conds: List[ast.expr] = []
    if which in ("zip", "enumerate"):
        ns = names(len(inner.args) if which == "zip" else 2)
        source: ast.expr = inner
        elt: ast.expr = at(ast.Tuple(load(ns), ast.Load()))
    elif which == "reversed":
        ns = names(1)
        source, elt = inner, load(ns)[0]
    elif which == "map":
        ns = names(len(inner.args) - 1)
        source = inner.args[1] if len(ns) == 1 else at(ast.Call(
            at(ast.Name("zip", ast.Load())), inner.args[1:], []))
        elt = at(ast.Call(inner.args[0], load(ns), []))
    else:  # filter(f, a)
        ns = names(1)
        source, elt = inner.args[1], load(ns)[0]
        conds = [at(ast.Call(inner.args[0], load(ns), []))]
    loop = ast.comprehension(target=store(ns), iter=source, ifs=conds,
                             is_async=0)
    if kind == "dict":
        k, v = load(ns)
        return at(ast.DictComp(key=k, value=v, generators=[loop]))
    return at(ast.ListComp(elt=elt, generators=[loop]))


def plain_loop(fc: Any, node: ast.For, inner: ast.Call,
               which: str) -> ast.For:
    """The loop over the iterable(s) that `for <target> in map(...)` or
    `filter(...)` (`which`) means."""
    key = ("plain_loop", id(node))
    if key in fc.made_nodes:
        return fc.made_nodes[key]
    if len(inner.args) < 2 or (which == "filter" and len(inner.args) != 2):
        raise fc.typing_error(f"{which}() takes a function and "
                              f"{'an iterable' if which == 'filter' else 'iterables'}",
                              node)
    at: Callable[[Any], Any] = lambda n: ast.fix_missing_locations(  # noqa
        ast.copy_location(n, inner))
    ns = [f"$loop{id(node)}_{i}" for i in range(len(inner.args) - 1)]
    load = [at(ast.Name(n, ast.Load())) for n in ns]
    target = at(ast.Tuple([at(ast.Name(n, ast.Store())) for n in ns],
                          ast.Store())) if len(ns) > 1 else \
        at(ast.Name(ns[0], ast.Store()))
    zipped = at(ast.Name("zip", ast.Load()))
    zipped.kern_value = zip  # (what expr_Name reads: not a shadowing name)
    source = inner.args[1] if len(ns) == 1 else at(ast.Call(
        zipped, inner.args[1:], []))
    if which == "map":
        value = at(ast.Call(inner.args[0], load, []))
        body: List[ast.stmt] = [at(ast.Assign([node.target], value))] + \
            list(node.body)
    else:
        func = inner.args[0]
        test = load[0] if isinstance(func, ast.Constant) and \
            func.value is None else at(ast.Call(func, load, []))
        body = [at(ast.If(test, [at(ast.Assign([node.target], load[0]))]
                          + list(node.body), []))]
    made = ast.copy_location(ast.For(target=target, iter=source, body=body,
                                     orelse=[], type_comment=None), node)
    fc.made_nodes[key] = made
    return made
