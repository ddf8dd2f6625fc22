"""One integer array (or a 1-D boolean mask along one axis) combined with
integers and slices, as NumPy and Numba index: `a[idx]` of an n-D array
(rows), `a[:, idx]`, `a[idx, 2]`, `a[1:, mask]`, read and written.

With a single advanced index its dimension stays where it is in the
result: `a[:, idx]` of a (3, 4) array with 5 indices is (3, 5). The read is
a loop over the indices copying each selected sub-array (a view of `a`)
into its place in the fresh result; the write copies (or broadcasts) the
value into each selected view, after computing `a[...] op value` first for
augmented assignments, so that repeated indices apply once, as NumPy's do.
Indices wrap when negative; out of range they raise NumPy's IndexError.
Several arrays, n-D ones, or integers that a slice separates from the
array are frontend/advanced.py.
"""

from __future__ import annotations

import ast
from typing import Any, List, Tuple

from ..types import bool_, int64
from . import advanced
from .builder import V, is_number

__all__ = ["has_array", "read", "store", "whole"]

FULL = ("slice", None, None, 1)


def has_array(items: list) -> bool:
    return any(i[0] == "array" for i in items)


def whole(a: V, index: V) -> bool:
    """Whether the array `index` alone indexes `a` here (rows of an n-D
    array by integers or a 1-D mask) rather than in frontend/fancy.py
    (masks of a's shape, 1-D arrays of 1-D arrays)."""
    return index.ty.dtype.kind in "iub" and index.ty.ndim == 1 and \
        a.ty.ndim > 1


def _split(fc: Any, a: V, items: list, node: ast.AST) -> Tuple[V, V, int, int]:
    """(view of `a` with the array item a full slice, the 1-D index array,
    the axis of `a` it indexes, its axis in that view)."""
    k = [k for k, i in enumerate(items) if i[0] == "array"][0]
    idx = items[k][1]
    axis = sum(1 for i in items[:k] if i[0] in ("int", "slice"))
    if idx.ty.dtype.kind == "b":
        idx = _mask_indices(fc, a, idx, axis, node)
    elif idx.ty.dtype.kind not in "iu":
        raise fc.typing_error(f"arrays used as indices must be of integer or "
                              f"boolean type, not {idx.ty.dtype}", node)
    view_items = list(items)
    view_items[k] = FULL
    view = fc.arr.view(a, view_items)
    position = sum(1 for i in items[:k] if i[0] in ("slice", "newaxis"))
    return view, idx, axis, position


def _mask_indices(fc: Any, a: V, mask: V, axis: int, node: ast.AST) -> V:
    """The positions of the true elements of a 1-D mask along `axis`."""
    from .overloads import call_function_overload
    import numpy
    n, m = fc.arr.dim(a, axis), fc.arr.dim(mask, 0)
    bad = fc.b.op(f"arith.cmpi ne, {n}, {m} : index", bool_)
    fc.s.raise_if(bad, "IndexError", f"boolean index did not match indexed "
                  f"array along axis {axis}; size of axis is %d but size of "
                  f"corresponding boolean axis is %d",
                  [fc.s.from_index(n), fc.s.from_index(m)])
    found = call_function_overload(fc, numpy.nonzero, [mask], {}, node)
    return found.items[0]


def _selected(fc: Any, view: V, position: int, idx: V, j: V,
              axis: int) -> Any:
    """The sub-array (or element) of `view` at index number `j`."""
    s, b = fc.s, fc.b
    n = fc.arr.dim(view, position)
    i = s.cast(fc.arr.load(idx, [j]), int64)
    zero = b.const(0, int64)
    n64 = s.from_index(n)
    i = s.select(s.compare("<", i, zero), s.binop("+", i, n64), i)
    bad = b.op(f"arith.ori {s.compare('<', i, zero)}, "
               f"{s.compare('>=', i, n64)} : i1", bool_)
    s.raise_if(bad, "IndexError", f"index out of bounds for axis {axis} in "
               f"an advanced index")
    items: List[Any] = [FULL] * position + [("int", i)]
    if view.ty.ndim == 1:
        return fc.arr.load(view, [s.to_index(i)])
    return fc.arr.view(view, items)


def read(fc: Any, a: V, items: list, node: ast.AST) -> V:
    """`a[items]` with one array item (a fresh array)."""
    if advanced.needed(items):  # several arrays, n-D ones
        return advanced.read(fc, a, items, node)
    view, idx, axis, position = _split(fc, a, items, node)
    dims = fc.arr.dims(view)
    dims[position] = fc.arr.dim(idx, 0)
    out = fc.arr.alloc(dims, a.ty.dtype)

    def copy(j: List[V]) -> None:
        src = _selected(fc, view, position, idx, j[0], axis)
        if out.ty.ndim == 1:
            fc.arr.store(src, out, j)
        else:
            fc.arr.copy_into(fc.arr.view(out, [FULL] * position +
                                         [("int", fc.s.from_index(j[0]))]),
                             src)
    fc.arr.loop_nest([dims[position]], copy)
    return out


def store(fc: Any, a: V, items: list, value: Any, node: ast.AST,
          op: Any = None) -> None:
    """`a[items] = value` / `a[items] op= value` with one array item."""
    if advanced.needed(items):
        return advanced.store(fc, a, items, value, node, op)
    if op is not None:
        value = fc.binary(op, read(fc, a, items, node), value, node)
    view, idx, axis, position = _split(fc, a, items, node)
    t = a.ty.dtype
    out_ndim = view.ty.ndim
    if is_number(value):
        value = fc.b.const(value.value, t)
    value = fc.value(value, node)
    if fc.is_array(value):
        if value.ty.ndim > out_ndim:
            raise fc.typing_error(f"cannot assign {value.ty} to a "
                                  f"{out_ndim}-D selection", node)
        value = fc.arr.fresh_copy(value, t)  # it may overlap `a`

    def put(j: List[V]) -> None:
        dst = _selected_for_store(fc, view, position, idx, j[0], axis)
        src = value
        if fc.is_array(value):
            q = position - (out_ndim - value.ty.ndim)
            if q >= 0:
                src = _value_at(fc, value, q, j[0])
        if isinstance(dst, tuple):  # an element: view is 1-D
            vec, at = dst
            fc.arr.store(fc.scalar(node, src), vec, [at])
        elif fc.is_array(src):
            fc.arr.copy_into(dst, src)
        else:
            fc.arr.fill(dst, fc.s.cast(src, t))
    fc.arr.loop_nest([fc.arr.dim(idx, 0)], put)


def _selected_for_store(fc: Any, view: V, position: int, idx: V, j: V,
                        axis: int) -> Any:
    """Like _selected, but an element is (the 1-D view, its index)."""
    if view.ty.ndim != 1:
        return _selected(fc, view, position, idx, j, axis)
    s, b = fc.s, fc.b
    n64 = s.from_index(fc.arr.dim(view, 0))
    i = s.cast(fc.arr.load(idx, [j]), int64)
    zero = b.const(0, int64)
    i = s.select(s.compare("<", i, zero), s.binop("+", i, n64), i)
    bad = b.op(f"arith.ori {s.compare('<', i, zero)}, "
               f"{s.compare('>=', i, n64)} : i1", bool_)
    s.raise_if(bad, "IndexError", f"index out of bounds for axis {axis} in "
               f"an advanced index")
    return view, s.to_index(i)


def _value_at(fc: Any, value: V, q: int, j: V) -> V:
    """The value's slice for index number j along its axis q (index 0
    when that axis has size 1: broadcasting)."""
    s, b = fc.s, fc.b
    one = b.index(1)
    n = fc.arr.dim(value, q)
    is_one = b.op(f"arith.cmpi eq, {n}, {one} : index", bool_)
    zero = b.index(0)
    at = b.op(f"arith.select {is_one}, {zero}, {j} : index", int64, "index")
    if value.ty.ndim == 1:
        return fc.arr.load(value, [at])
    return fc.arr.view(value, [FULL] * q + [("int", s.from_index(at))])
