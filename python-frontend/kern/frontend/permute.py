"""Axis permutations: np.transpose, a.transpose, np.swapaxes, np.moveaxis.

A permutation is a view: the same buffer with sizes and strides reordered
(memref.reinterpret_cast of the array's metadata), as NumPy returns.

>>> # np.transpose(a, (2, 0, 1))    a: float64[:, :, :]
>>> #   %m:8 = memref.extract_strided_metadata %a ...
>>> #   %v = memref.reinterpret_cast %m#0 to offset: [%m#1],
>>> #        sizes: [%m#4, %m#2, %m#3], strides: [%m#7, %m#5, %m#6] ...
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional, Sequence

from .builder import Const, TupleVal, V, check_count
from .reductions import axis_of


def _ints(fc: Any, v: Any, ndim: int, what: str, node: ast.AST) -> List[int]:
    """Constant axes (an int, or a tuple or list of them) as 0..ndim-1."""
    if isinstance(v, TupleVal):
        items = list(v.items)
    elif isinstance(v, Const) and isinstance(v.value, (tuple, list)):
        items = [Const(x) for x in v.value]
    else:
        items = [v]
    axes = [axis_of(fc, x, ndim, node) for x in items]
    if None in axes:
        raise fc.typing_error(f"{what} must be constant integers", node)
    return axes


def transpose(fc: Any, a: V, axes: Sequence[Any], node: ast.AST) -> V:
    """np.transpose(a[, axes]) and a.transpose([axes] | *axes)."""
    ndim = a.ty.ndim
    given: Optional[Any] = None
    if len(axes) == 1 and not (isinstance(axes[0], Const) and
                               axes[0].value is None):
        given = axes[0]
    elif len(axes) > 1:
        given = TupleVal(tuple(axes))
    if given is None:
        return fc.arr.permute(a, list(range(ndim))[::-1])
    perm = _ints(fc, given, ndim, "transpose's axes", node)
    if sorted(perm) != list(range(ndim)):
        raise fc.typing_error(f"axes {tuple(perm)} don't match an array of "
                              f"{ndim} dimensions", node)
    return fc.arr.permute(a, perm)


def swapaxes(fc: Any, a: V, i: Any, j: Any, node: ast.AST) -> V:
    """np.swapaxes(a, i, j)."""
    x, = _ints(fc, i, a.ty.ndim, "swapaxes' axes", node)
    y, = _ints(fc, j, a.ty.ndim, "swapaxes' axes", node)
    perm = list(range(a.ty.ndim))
    perm[x], perm[y] = perm[y], perm[x]
    return fc.arr.permute(a, perm)


def moveaxis(fc: Any, a: V, source: Any, destination: Any,
             node: ast.AST) -> V:
    """np.moveaxis(a, source, destination), axes as ints or tuples."""
    ndim = a.ty.ndim
    src = _ints(fc, source, ndim, "moveaxis' source", node)
    dst = _ints(fc, destination, ndim, "moveaxis' destination", node)
    if len(src) != len(dst):
        raise fc.typing_error("`source` and `destination` arguments must "
                              "have the same number of elements", node)
    if len(set(src)) != len(src) or len(set(dst)) != len(dst):
        raise fc.typing_error("repeated axis in moveaxis", node)
    order = [k for k in range(ndim) if k not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return fc.arr.permute(a, order)


def call(fc: Any, name: str, args: list, kwargs: dict,
                 node: ast.AST) -> V:
    """np.transpose(a, axes=None), np.swapaxes(a, i, j),
    np.moveaxis(a, source, destination): views (frontend/permute.py)."""
    params = {"transpose": ("a", "axes"), "swapaxes": ("a", "axis1", "axis2"),
              "moveaxis": ("a", "source", "destination")}[name]
    bound = list(args) + [kwargs.pop(p) for p in params[len(args):]
                          if p in kwargs]
    if kwargs:
        raise fc.typing_error(f"np.{name}() got an unexpected keyword "
                              f"argument '{next(iter(kwargs))}'", node)
    need = 1 if name == "transpose" else 3
    check_count(fc, f"np.{name}", bound, need, len(params), node)
    a = bound[0]
    if not fc.is_array(a):
        raise fc.typing_error(f"np.{name}() takes an array, not "
                              f"{fc.type_name(a)}", node)
    if name == "transpose":
        return transpose(fc, a, bound[1:], node)
    if name == "swapaxes":
        return swapaxes(fc, a, bound[1], bound[2], node)
    return moveaxis(fc, a, bound[1], bound[2], node)
