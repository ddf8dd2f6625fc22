"""`sorted(x, key=f, reverse=r)` and `l.sort(key=f, reverse=r)` as Python
sorts: stable (items with equal keys keep their order, also with
reverse=True), f called once per item. The keys are a comprehension in
the calling function, so f may be any callable it can call (a lambda that
reads its variables, an inner or njit function, a built-in such as abs);
a stable merge sort of their positions (compiled from Python, below)
orders the items:

    sorted(x, key=f, reverse=r)    $s = <the items of x, a new list>
                                   sort_order([f($v) for $v in $s], r)
                                   -> [$s[i] for i in order]

sorted(x) and l.sort() without key= are the runtime's sorts
(kern/frontend/sequences.py, lists.py).

    >>> import kern
    >>> @kern.njit
    ... def f(l, m):
    ...     l.sort(key=lambda v: v % m, reverse=True)
    ...     return l, sorted((3, -1, 2), key=abs)
    >>> f([3, 1, 4, 1, 5, 9, 2], 3)
    ([5, 2, 1, 4, 1, 3, 9], [-1, 2, 3])
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from ..extending import register_jitable
from .builder import Const, V

__all__ = ["sort_by_key", "list_sort"]


@register_jitable
def _merge_pass(keys, src, dst, width, reverse):
    n = len(src)
    lo = 0
    while lo < n:
        mid = min(lo + width, n)
        hi = min(lo + 2 * width, n)
        i = lo
        j = mid
        for k in range(lo, hi):
            right = False
            if j < hi:
                if i >= mid:
                    right = True
                elif reverse:
                    right = keys[src[i]] < keys[src[j]]
                else:
                    right = keys[src[j]] < keys[src[i]]
            if right:
                dst[k] = src[j]
                j += 1
            else:
                dst[k] = src[i]
                i += 1
        lo += 2 * width


@register_jitable
def sort_order(keys, reverse):
    """The positions of `keys` in sorted order (bottom-up merge sort; with
    reverse, descending, equal keys still in their order)."""
    n = len(keys)
    a = np.arange(n)
    b = np.empty(n, np.int64)
    width = 1
    flip = False
    while width < n:
        if flip:
            _merge_pass(keys, b, a, width, reverse)
        else:
            _merge_pass(keys, a, b, width, reverse)
        flip = not flip
        width *= 2
    if flip:
        return b
    return a


@register_jitable
def _taken(items, keys, reverse):
    out = [items[i] for i in sort_order(keys, reverse)]
    return out


@register_jitable
def _reorder(l, keys, reverse):
    order = sort_order(keys, reverse)
    items = l.copy()
    for k in range(len(l)):
        l[k] = items[order[k]]


def _options(fc: Any, kwargs: dict, node: ast.AST, what: str) -> Any:
    """The key= AST node (None when absent or None) and the reverse value."""
    extra = set(kwargs) - {"key", "reverse"}
    if extra:
        raise fc.typing_error(f"{what}() got unexpected keyword arguments "
                              f"{', '.join(sorted(extra))}", node)
    key = next((k.value for k in node.keywords if k.arg == "key"), None)
    if "key" in kwargs and isinstance(kwargs["key"], Const) and \
            kwargs["key"].value is None:
        key = None
    reverse = kwargs.get("reverse", Const(False))
    return key, fc.truth_of(node, reverse) if not isinstance(
        reverse, Const) else Const(bool(reverse.value))


def _keys(fc: Any, items: V, key: Any, node: ast.AST) -> V:
    """[key($v) for $v in items] evaluated here (items bound to a `$`
    name of this call); the comprehension is made once per call node."""
    name = f"$sorted{id(node)}"
    fc.assign_var(name, items, node)
    made = fc.made_nodes.get(("keyed_sort", id(node)))
    if made is None:
        at = lambda n: ast.fix_missing_locations(  # noqa: E731
            ast.copy_location(n, node))
        v = f"$sortitem{id(node)}"
        made = at(ast.ListComp(
            elt=at(ast.Call(key, [at(ast.Name(v, ast.Load()))], [])),
            generators=[ast.comprehension(
                target=at(ast.Name(v, ast.Store())),
                iter=at(ast.Name(name, ast.Load())), ifs=[], is_async=0)]))
        fc.made_nodes[("keyed_sort", id(node))] = made
    return fc.expr(made)


def sort_by_key(fc: Any, items: V, kwargs: dict, node: ast.AST) -> V:
    """sorted(x, key=..., reverse=...) of `items`, a new list of x's items."""
    from .overloads import call_compiled
    key, reverse = _options(fc, kwargs, node, "sorted")
    keys = items if key is None else _keys(fc, items, key, node)
    return call_compiled(fc, _taken, [items, keys, reverse], None, node)


def list_sort(fc: Any, l: V, kwargs: dict, node: ast.AST) -> Const:
    """l.sort(key=..., reverse=...) in place."""
    from .overloads import call_compiled
    key, reverse = _options(fc, kwargs, node, "list.sort")
    keys = l if key is None else _keys(fc, l, key, node)
    call_compiled(fc, _reorder, [l, keys, reverse], None, node)
    return Const(None)
