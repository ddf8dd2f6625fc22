"""Subscripts in expressions (a mixin of FunctionCompiler, through
ExpressionMixin): `x[i]` of tuples, lists, strs, dicts, records and flat
iterators, and of arrays: integer indices, slices (steps constant or known
at run time), `np.newaxis`, `...`, and index arrays (frontend/fancy.py,
mixed_index.py, advanced.py). An array index becomes a list of items
(`SliceSpec`, frontend/arrays.py) that `Arrays.view` or a load reads.
"""

from __future__ import annotations

import ast
from typing import Any

from ..types import Integer, Scalar, int64
from . import (advanced, dicts, flatiter, lists, mixed_index, records,
               strings, tuples)
from .arrays import is_0d
from .builder import Const, TupleVal, V, is_number
from .fancy import read as fancy_read

__all__ = ["SubscriptMixin"]


class SubscriptMixin:
    """Needs the FunctionCompiler's expr, value, scalar, arr, s and errors."""

    def array_type_of(self, dtype: Scalar, node: ast.Subscript) -> Const:
        """`types.float64[:]`, `[:, ::1]`...: the array type (Numba's
        spelling of a value or item type for kern.typed containers)."""
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [
            node.slice]

        def part(p: ast.expr) -> slice:
            step = getattr(p, "step", None)
            if not isinstance(p, ast.Slice) or p.lower or p.upper or (
                    step is not None and not (isinstance(step, ast.Constant)
                                              and step.value == 1)):
                raise self.typing_error(f"an array type is spelled "
                                        f"{dtype}[:] or {dtype}[::1], not "
                                        f"{self.src(node)}", node)
            return slice(None, None, None if step is None else 1)
        index = tuple(part(p) for p in parts)
        return Const(dtype[index if len(index) > 1 else index[0]])

    def expr_Subscript(self, node: ast.Subscript) -> Any:
        base = self.expr(node.value)
        if isinstance(base, TupleVal) or (isinstance(base, Const) and
                                          isinstance(base.value, tuple)):
            if isinstance(node.slice, ast.Slice):
                return tuples.slice_of(self, base, node.slice, node)
            idx = self.expr(node.slice)
            if not is_number(idx):
                return tuples.item(self, base, idx, node)
            items = base.items if isinstance(base, TupleVal) else base.value
            try:
                item = items[idx.value]
            except IndexError:
                raise self.typing_error("tuple index out of range", node)
            return item if isinstance(base, TupleVal) else Const(item)
        if isinstance(base, Const) and isinstance(base.value, Scalar):
            return self.array_type_of(base.value, node)  # types.float64[:]
        if lists.is_list(base):
            return lists.getitem(self, base, node.slice, node)
        if strings.is_text(base):
            return strings.getitem(self, base, node.slice, node)
        if dicts.is_dict(base):
            return dicts.getitem(self, base, node.slice, node)
        if records.handles(base):
            return records.getitem(self, base, node.slice, node)
        if flatiter.is_flat(base):
            return flatiter.flat_getitem(self, base, node.slice, node)
        if isinstance(base, V) and isinstance(base.ty, Scalar) and (
                isinstance(node.slice, ast.Tuple) and not node.slice.elts
                or isinstance(node.slice, ast.Constant) and
                node.slice.value is Ellipsis):  # x[()] of a NumPy scalar
            return base  # (np.nditer's items)
        if not self.is_array(base):
            raise self.typing_error(f"cannot index {self.type_name(base)}",
                                    node)
        return self.index_array(base, node.slice, node)

    def slice_step(self, e: ast.expr) -> Any:
        """The step of a slice: a Python int for a constant, else an int64
        value (zero raises ValueError when the slice is taken)."""
        st = self.expr(e)
        if is_number(st) and isinstance(st.value, int):
            if st.value == 0:
                raise self.typing_error("slice step cannot be zero", e)
            return st.value
        v = self.value(st, e)
        if not isinstance(v.ty, Integer):
            raise self.typing_error(f"slice indices must be integers, not "
                                    f"{self.type_name(v)}", e)
        return self.s.cast(v, int64)

    def index_items(self, a: V, index: ast.expr, node: ast.AST,
                    evaluated: Any = None) -> list:
        """The items of `index` (slices and ints); `evaluated` is the value
        of a one-element index already evaluated (single_index)."""
        elts = index.elts if isinstance(index, ast.Tuple) else [index]
        items: list = []
        for e in elts:
            if isinstance(e, ast.Constant) and e.value is Ellipsis:
                if ("ellipsis",) in items:
                    raise self.typing_error("an index can only have a "
                                            "single ellipsis ('...')", e)
                items.append(("ellipsis",))
                continue
            if isinstance(e, ast.Slice):
                step = 1 if e.step is None else self.slice_step(e.step)
                lo = None if e.lower is None else self.slice_bound(e.lower)
                hi = None if e.upper is None else self.slice_bound(e.upper)
                items.append(("slice", lo, hi, step))
            else:
                x = self.expr(e) if evaluated is None else evaluated
                if isinstance(x, Const) and x.value is None:  # np.newaxis
                    items.append(("newaxis",))
                    continue
                v = self.value(x, e)
                if is_0d(v) and v.ty.dtype.kind in "iu":  # an integer
                    v = self.arr.load(v, [])
                if lists.is_list(v):  # a[[0, 2]]: frontend/advanced.py
                    v = advanced.list_index(self, v, e)
                if self.is_array(v):  # frontend/mixed_index.py
                    items.append(("array", v))
                    continue
                if isinstance(v, TupleVal) and len(elts) == 1:
                    # a[idx] with idx a tuple of integers (np.ndindex) or
                    # of arrays (np.nonzero, np.triu_indices): NumPy reads
                    # it as a[idx[0], idx[1], ...]
                    for item in v.items:
                        iv = self.value(item, e)
                        if self.is_array(iv):  # frontend/advanced.py
                            items.append(("array", iv))
                            continue
                        if not isinstance(iv, V) or not isinstance(
                                iv.ty, Scalar) or iv.ty.kind not in "iu":
                            raise self.unsupported(
                                "indexing with a tuple of other than "
                                "integers and arrays", e)
                        items.append(("int", iv))
                    continue
                if isinstance(v, TupleVal):
                    raise self.unsupported("a tuple inside an index (NumPy "
                                           "reads it as an index array)", e)
                if not isinstance(v.ty, Scalar) or v.ty.kind not in "iu":
                    raise self.typing_error(f"array index must be an "
                                            f"integer, got {v.ty}", e)
                items.append(("int", v))
        real = sum(i[1].ty.ndim if i[0] == "array" and
                   i[1].ty.dtype.kind == "b" else 1  # a mask: its ndim
                   for i in items if i[0] in ("int", "slice", "array"))
        if real > a.ty.ndim:
            raise self.typing_error(f"too many indices ({real}) for "
                                    f"an array of dimension {a.ty.ndim}",
                                    node)
        if ("ellipsis",) in items:  # the dimensions not indexed otherwise
            k = items.index(("ellipsis",))
            items[k:k + 1] = [("slice", None, None, 1)] * (a.ty.ndim - real)
        return items

    def slice_bound(self, e: ast.expr) -> Any:
        """A slice bound: a Python int when constant, else an int value."""
        v = self.expr(e)
        if is_number(v) and isinstance(v.value, int):
            return int(v.value)
        v = self.scalar(e, v)
        if v.ty.kind not in "iu":
            raise self.typing_error(f"slice indices must be integers, got "
                                    f"{v.ty}", e)
        return v

    def single_index(self, index: ast.expr) -> Any:
        """The value of `index` when it is one expression (an integer, or an
        array for advanced indexing, frontend/fancy.py), else None; the
        caller passes it on to index_items, which then does not evaluate it
        again."""
        if isinstance(index, (ast.Tuple, ast.Slice)) or (
                isinstance(index, ast.Constant) and index.value in (
                    None, Ellipsis)):
            return None
        return self.expr(index)

    def index_array(self, a: V, index: ast.expr, node: ast.AST) -> V:
        one = self.single_index(index)
        if is_0d(one) and one.ty.dtype.kind in "iu":  # an integer index
            one = self.arr.load(one, [])
        if is_0d(one) and a.ty.ndim:  # NumPy adds an axis of size 0 or 1
            raise self.unsupported("a 0-d boolean index of an array of 1 "
                                   "or more dimensions", node)
        if self.is_array(one) and not mixed_index.whole(a, one):
            return fancy_read(self, a, one, node)
        items = self.index_items(a, index, node, one)
        if mixed_index.has_array(items):
            return mixed_index.read(self, a, items, node)
        if len(items) == a.ty.ndim and all(i[0] == "int" for i in items) \
                and not has_ellipsis(index):  # (a[i, ...]: a 0-d view)
            return self.arr.load(a, self.arr.indices(a, [i[1] for i in items]))
        return self.arr.view(a, items)

    def unpack_array(self, a: V, n: int, node: ast.AST) -> TupleVal:
        """`x, y = a`: a[0] and a[1] (items of a 1-D array, rows of an
        N-D one), after checking that `a` has `n` of them along its first
        axis (ValueError otherwise, as NumPy's iteration gives Python)."""
        if a.ty.ndim == 0:
            raise self.typing_error("iteration over a 0-d array", node)
        s = self.s
        size = s.from_index(self.arr.dim(a, 0))
        want = self.b.const(n, int64)
        s.raise_if(s.compare(">", size, want), "ValueError",
                   f"too many values to unpack (expected {n})")
        s.raise_if(s.compare("<", size, want), "ValueError",
                   f"not enough values to unpack (expected {n}, got %d)",
                   [size])
        if a.ty.ndim == 1:
            return TupleVal(tuple(self.arr.load(a, [self.b.index(k)])
                                  for k in range(n)))
        return TupleVal(tuple(self.arr.view(a, [("int", self.b.const(
            k, int64))]) for k in range(n)))


def has_ellipsis(index: ast.expr) -> bool:
    """`...` is an item of the index: NumPy's a[i, j, ...] is a 0-d view
    where a[i, j] is the element, and a[...] of a 0-d array is a view.

    >>> has_ellipsis(ast.parse("a[0, ...]").body[0].value.slice)
    True
    """
    elts = index.elts if isinstance(index, ast.Tuple) else [index]
    return any(isinstance(e, ast.Constant) and e.value is Ellipsis
               for e in elts)
