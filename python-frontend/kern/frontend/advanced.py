"""NumPy's general advanced indexing: several integer index arrays (of any
ndim) and integers broadcast together, combined with slices, newaxis and
boolean masks of any ndim, read and written (`m[rows, cols]`,
`m[np.triu_indices(n)]`, `a[idx2d]`, `t[:, i2d, j]`, `m[mask, 1:]`,
`m[rows, cols] = v`, `m[rows, cols] += 1`).

NumPy's rules: a k-D boolean mask stands for the k integer arrays of its
np.nonzero (its shape must match the k dimensions it indexes); the index
arrays and the integers broadcast to one shape B; the result is the view
of the basic indices (slices, newaxis) with the advanced dimensions
replaced by B, in place when the advanced indices are adjacent, first
when a slice or newaxis separates them (`t[0, :, idx]` has B first).

The read is one loop nest over the result, loading each element of the
source through the index arrays; the write is one loop nest over the
selection storing the (broadcast) value. Indices wrap when negative and
raise NumPy's IndexError out of range; an augmented assignment reads the
selection first and writes `selection op value` back, so repeated indices
apply once, as NumPy's do.

>>> # m[rows, cols]   (rows, cols: (n,) int64)
>>> #   out = kern.alloc(n)
>>> #   scf.for %i = 0 to n { r = rows[i] (wrapped, checked);
>>> #     c = cols[i] (wrapped, checked); out[i] = m[r, c] }

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(m, rows, cols):
    ...     m[rows, cols] += 1.0
    ...     upper = m[np.triu_indices(2, 1, 3)]
    ...     return m[rows, cols], upper, m[:, rows[:, None]]
    >>> got = f(np.zeros((2, 3)), np.array([0, 1, 1]), np.array([2, -1, 0]))
    >>> got[0], got[1], got[2].shape
    (array([1., 1., 1.]), array([0., 1., 1.]), (2, 3, 1))
"""

from __future__ import annotations

import ast
from typing import Any, List, Tuple

from ..types import Scalar, bool_, int64
from .builder import V, is_number

__all__ = ["broadcast_shape", "list_index", "needed", "read", "store"]

FULL = ("slice", None, None, 1)


def list_index(fc: Any, l: V, node: ast.AST) -> V:
    """A list used as an index (`a[[0, 2]]`, `a[rows]` with rows a list):
    NumPy reads it as an array of its items (integers or booleans)."""
    from . import lists
    t = lists.item_type(fc, l)
    if not isinstance(t, Scalar) or t.kind not in "biu":
        raise fc.typing_error(f"a list of {t} used as an index (lists of "
                              f"integers or booleans index arrays)", node)
    return lists.to_array(fc, l)


def needed(items: list) -> bool:
    """Whether `items` need this module rather than the single 1-D array
    of frontend/mixed_index.py: several arrays, an array of other than
    one dimension, or integers that a slice separates from the array."""
    arrays = [i for i in items if i[0] == "array"]
    if len(arrays) != 1 or arrays[0][1].ty.ndim != 1:
        return True
    return not _adjacent(items)


def _adjacent(items: list) -> bool:
    """Whether the advanced items (arrays and integers) are adjacent."""
    at = [k for k, i in enumerate(items) if i[0] in ("array", "int")]
    return at[-1] - at[0] + 1 == len(at)


def _expand_masks(fc: Any, a: V, items: list, node: ast.AST) -> list:
    """`items` with each boolean mask replaced by the integer arrays of
    its np.nonzero, after checking its shape against the axes it
    indexes."""
    out: list = []
    axis = 0
    for item in items:
        if item[0] != "array" or item[1].ty.dtype.kind != "b":
            out.append(item)
            axis += item[0] != "newaxis"
            continue
        mask = item[1]
        if axis + mask.ty.ndim > a.ty.ndim:
            raise fc.typing_error(f"too many indices for an array of "
                                  f"dimension {a.ty.ndim} (a {mask.ty.ndim}"
                                  f"-D boolean index at axis {axis})", node)
        for k in range(mask.ty.ndim):
            n, m = fc.arr.dim(a, axis + k), fc.arr.dim(mask, k)
            bad = fc.b.op(f"arith.cmpi ne, {n}, {m} : index", bool_)
            fc.s.raise_if(bad, "IndexError", f"boolean index did not match "
                          f"indexed array along axis {axis + k}; size of axis "
                          f"is %d but size of corresponding boolean axis is "
                          f"%d", [fc.s.from_index(n), fc.s.from_index(m)])
        out += [("array", x) for x in _coordinates(fc, mask)]
        axis += mask.ty.ndim
    return out


def _coordinates(fc: Any, mask: V) -> List[V]:
    """np.nonzero(mask) of any ndim: one int64 array per dimension, the
    coordinates of the true elements in C order (a count, then one loop
    nest filling them)."""
    s, b = fc.s, fc.b
    flag = fc.arr.ufunc([mask], lambda e: s.cast(e[0], int64), int64)
    n = fc.arr.reduce("add", flag, int64)
    outs = [fc.arr.alloc([n], int64) for _ in range(mask.ty.ndim)]
    zero = b.index(0)
    cell = fc.arr.alloc([b.index(1)], int64, b.const(0, int64))

    def visit(ivs: List[V]) -> None:
        def record() -> None:
            k = fc.arr.load(cell, [zero])
            at = s.to_index(k)
            for iv, out in zip(ivs, outs):
                fc.arr.store(s.from_index(iv), out, [at])
            fc.arr.store(s.binop("+", k, b.const(1, int64)), cell, [zero])
        _, lines = b.capture(record)
        b.region(f"scf.if {s.truth(fc.arr.load(mask, ivs))}", [("", lines)])
    fc.arr.loop_nest(fc.arr.dims(mask), visit)
    return outs


def _check_int(fc: Any, a: V, i: V, axis: int) -> V:
    """An integer index wrapped and checked against axis `axis` of `a`."""
    return _wrap(fc, i, fc.s.from_index(fc.arr.dim(a, axis)), axis)


def _wrap(fc: Any, i: V, n64: V, axis: int) -> V:
    """i (wrapped when negative) as an index; IndexError out of range."""
    s, b = fc.s, fc.b
    raw = s.cast(i, int64)
    zero = b.const(0, int64)
    iv = raw
    if i.ty.kind != "u":
        iv = s.select(s.compare("<", raw, zero), s.binop("+", raw, n64), raw)
    # one unsigned compare: a negative iv is a huge unsigned number
    bad = b.op(f"arith.cmpi uge, {iv}, {n64} : i64", bool_)
    s.raise_if(bad, "IndexError", "index %d is out of bounds for axis %d "
               "with size %d", [raw, b.const(axis, int64), n64])
    return s.to_index(iv)


def broadcast_shape(fc: Any, arrays: List[V], kind: str,
                    message: str) -> List[V]:
    """The broadcast shape (index sizes) of `arrays`, raising `kind`
    with `message` where two sizes other than 1 differ (index arrays here;
    np.broadcast_arrays, kern/frontend/broadcast_arrays.py)."""
    b, s = fc.b, fc.s
    ndim = max(a.ty.ndim for a in arrays)
    one = b.index(1)
    out = []
    for d in range(ndim):
        size = one
        for a in arrays:
            k = d - (ndim - a.ty.ndim)
            if k < 0:
                continue
            have = fc.arr.dim(a, k)
            cmp = lambda x, y: b.op(f"arith.cmpi eq, {x}, {y} : index", bool_)
            unit = cmp(have, one)
            ok = b.op(f"arith.ori {unit}, {cmp(size, one)} : i1", bool_)
            ok = b.op(f"arith.ori {ok}, {cmp(have, size)} : i1", bool_)
            s.raise_if(s.not_(ok), kind, message)
            size = b.op(f"arith.select {unit}, {size}, {have} : index",
                        int64, "index")
        out.append(size)
    return out


class Plan:
    """How `a[items]` reads: the view of the basic indices, the index
    arrays with their axes in it (and in `a`), the broadcast shape, the
    result's dims and where the broadcast dims sit in them."""

    def __init__(self, fc: Any, a: V, items: list, node: ast.AST) -> None:
        items = _expand_masks(fc, a, items, node)
        for i in items:
            if i[0] == "array" and i[1].ty.dtype.kind not in "iu":
                raise fc.typing_error(f"arrays used as indices must be of "
                                      f"integer or boolean type, not "
                                      f"{i[1].ty.dtype}", node)
        self.fc = fc
        view_items: list = []
        self.arrays: List[Tuple[int, int, V]] = []  # (view axis, a axis, x)
        axis = 0
        for item in items:
            if item[0] == "array":
                self.arrays.append((len(view_items) - sum(
                    1 for v in view_items if v[0] == "int"), axis, item[1]))
                view_items.append(FULL)
            elif item[0] == "int":
                view_items.append(("int", _check_int(fc, a, item[1], axis)))
            else:
                view_items.append(item)
            axis += item[0] != "newaxis"
        self.view = fc.arr.view(a, view_items)
        self.shape = broadcast_shape(  # (of the index arrays)
            fc, [x for _, _, x in self.arrays], "IndexError",
            "shape mismatch: indexing arrays could not be broadcast "
            "together")
        self.place = self.arrays[0][0] if _adjacent(items) else 0
        taken = {v for v, _, _ in self.arrays}
        rest = [d for k, d in enumerate(fc.arr.dims(self.view))
                if k not in taken]
        self.dims = rest[:self.place] + self.shape + rest[self.place:]
        b = fc.b
        one = b.index(1)
        # per index array and axis: whether it has size 1 (broadcast)
        self.units = [[b.op(f"arith.cmpi eq, {fc.arr.dim(x, k)}, {one} : "
                            f"index", bool_) for k in range(x.ty.ndim)]
                      for _, _, x in self.arrays]
        self.sizes = [fc.s.from_index(fc.arr.dim(self.view, v))
                      for v, _, _ in self.arrays]

    def source(self, ivs: List[V]) -> List[V]:
        """The indices into the view of the result element at `ivs`."""
        fc, b = self.fc, self.fc.b
        nb = len(self.shape)
        bidx = ivs[self.place:self.place + nb]
        rest = iter(ivs[:self.place] + ivs[self.place + nb:])
        zero = b.index(0)
        at = {}
        for (v, axis, x), units, n64 in zip(self.arrays, self.units,
                                            self.sizes):
            coords = []
            for k, unit in enumerate(units):
                j = bidx[nb - x.ty.ndim + k]
                coords.append(b.op(f"arith.select {unit}, {zero}, {j} : "
                                   f"index", int64, "index"))
            at[v] = _wrap(fc, fc.arr.load(x, coords), n64, axis)
        return [at[k] if k in at else next(rest)
                for k in range(self.view.ty.ndim)]


def read(fc: Any, a: V, items: list, node: ast.AST) -> V:
    """`a[items]` with advanced indices (a fresh array)."""
    return _gather(fc, a, Plan(fc, a, items, node))


def _gather(fc: Any, a: V, plan: Plan) -> V:
    """The fresh array of the elements `plan` selects."""
    out = fc.arr.alloc(plan.dims, a.ty.dtype)

    def copy(ivs: List[V]) -> None:
        fc.arr.store(fc.arr.load(plan.view, plan.source(ivs)), out, ivs)
    fc.arr.loop_nest(plan.dims, copy)
    return out


def store(fc: Any, a: V, items: list, value: Any, node: ast.AST,
          op: Any = None) -> None:
    """`a[items] = value` / `a[items] op= value` with advanced indices."""
    plan = Plan(fc, a, items, node)
    if op is not None:
        value = fc.binary(op, _gather(fc, a, plan), value, node)
    t = a.ty.dtype
    if is_number(value):
        value = fc.b.const(value.value, t)
    value = fc.value(value, node)
    if fc.is_array(value):
        _check_value(fc, value, plan.dims, node)
        if op is None:
            value = fc.arr.fresh_copy(value)  # it may overlap `a`
    else:
        value = fc.s.cast(fc.scalar(node, value), t)
    lead = len(plan.dims) - (value.ty.ndim if fc.is_array(value) else 0)
    b = fc.b
    zero, one = b.index(0), b.index(1)
    units = [b.op(f"arith.cmpi eq, {d}, {one} : index", bool_)
             for d in (fc.arr.dims(value) if fc.is_array(value) else [])]

    def put(ivs: List[V]) -> None:
        src = value
        if fc.is_array(value):
            at = [b.op(f"arith.select {u}, {zero}, {j} : index", int64,
                       "index") for u, j in zip(units, ivs[lead:])]
            src = fc.arr.load(value, at)
        fc.arr.store(src, plan.view, plan.source(ivs))
    fc.arr.loop_nest(plan.dims, put)


def _check_value(fc: Any, value: V, dims: List[V], node: ast.AST) -> None:
    """ValueError unless `value` broadcasts to the selection's shape."""
    if value.ty.ndim > len(dims):
        raise fc.typing_error(f"cannot assign a {value.ty.ndim}-D array to "
                              f"a {len(dims)}-D advanced-index selection",
                              node)
    b, s = fc.b, fc.s
    one = b.index(1)
    lead = len(dims) - value.ty.ndim
    for k in range(value.ty.ndim):
        vd, od = fc.arr.dim(value, k), dims[lead + k]
        unit = b.op(f"arith.cmpi eq, {vd}, {one} : index", bool_)
        same = b.op(f"arith.cmpi eq, {vd}, {od} : index", bool_)
        ok = b.op(f"arith.ori {unit}, {same} : i1", bool_)
        s.raise_if(s.not_(ok), "ValueError", "shape mismatch: value array "
                   "could not be broadcast to indexing result (dimension "
                   f"{k} of size %d into size %d)",
                   [s.from_index(vd), s.from_index(od)])
