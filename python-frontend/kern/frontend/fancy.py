"""Advanced (NumPy "fancy") indexing with one array as the whole index:
`a[mask]` with a boolean mask of a's shape (a 1-D copy of the selected
elements, in C order), `a[idx]` with a 1-D integer array on a 1-D array (a
copy; negative indices wrap, out-of-range ones raise IndexError as NumPy's),
and the assignments `a[mask] = v` (v a scalar or an array that broadcasts
to a's shape, any ndim), `a[mask] = values` and `a[idx] = v` on 1-D arrays,
with their augmented forms (`a[a > 0] += 1`).

The reads and the 1-D writes are Python functions compiled by kern into
the module (`overloads.call_compiled`); the n-D masked store is one
elementwise select, `a[...] = where(mask, v, a)`. One 1-D array combined
with integers and slices, or indexing the rows of an n-D array, is
frontend/mixed_index.py; the other advanced indices (n-D index arrays,
masks of fewer dimensions than the array, n-D assignments of arrays) are
frontend/advanced.py.
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from ..extending import register_jitable
from . import advanced
from .builder import V, is_number
from .overloads import call_compiled

__all__ = ["read", "store"]


@register_jitable
def wrap_index(i, n):
    if i < 0:
        i += n
    if i < 0 or i >= n:
        raise IndexError("index out of bounds in fancy indexing")
    return i


def mask_take(a, mask):
    if a.shape != mask.shape:
        raise IndexError("boolean index did not match indexed array")
    fa = a.ravel()
    fm = mask.ravel()
    n = 0
    for i in range(fm.shape[0]):
        if fm[i]:
            n += 1
    out = np.empty(n, fa.dtype)
    k = 0
    for i in range(fm.shape[0]):
        if fm[i]:
            out[k] = fa[i]
            k += 1
    return out


def index_take(a, idx):
    n = a.shape[0]
    out = np.empty(idx.shape[0], a.dtype)
    for j in range(idx.shape[0]):
        i = wrap_index(idx[j], n)
        out[j] = a[i]
    return out


def mask_put_values(a, mask, values):
    if a.shape != mask.shape:
        raise IndexError("boolean index did not match indexed array")
    k = 0
    for i in range(a.shape[0]):
        if mask[i]:
            k += 1
    if values.shape[0] != k and values.shape[0] != 1:
        raise ValueError("NumPy boolean array indexing assignment cannot "
                         "assign these values to the masked positions")
    k = 0
    for i in range(a.shape[0]):
        if mask[i]:
            a[i] = values[k if values.shape[0] != 1 else 0]
            k += 1


def index_put(a, idx, v):
    n = a.shape[0]
    for j in range(idx.shape[0]):
        i = wrap_index(idx[j], n)
        a[i] = v


def index_put_values(a, idx, values):
    n = a.shape[0]
    if values.shape[0] != idx.shape[0] and values.shape[0] != 1:
        raise ValueError("shape mismatch: value array cannot be broadcast "
                         "to indexing result")
    for j in range(idx.shape[0]):
        i = wrap_index(idx[j], n)
        a[i] = values[j if values.shape[0] != 1 else 0]


def _kind(fc: Any, a: V, index: V, node: ast.AST) -> str:
    """'mask' (of a's shape), 'index' (1-D of a 1-D array) or 'general'
    (frontend/advanced.py) for an array index of `a`."""
    t = index.ty
    if t.dtype.kind == "b":
        return "mask" if t.ndim == a.ty.ndim else "general"
    if t.dtype.kind not in "iu":
        raise fc.typing_error(f"arrays used as indices must be of integer "
                              f"or boolean type, not {t.dtype}", node)
    return "index" if t.ndim == 1 and a.ty.ndim == 1 else "general"


def read(fc: Any, a: V, index: V, node: ast.AST) -> V:
    """`a[index]` for an array `index` (a copy)."""
    kind = _kind(fc, a, index, node)
    if kind == "general":
        return advanced.read(fc, a, [("array", index)], node)
    take = mask_take if kind == "mask" else index_take
    return call_compiled(fc, take, [a, index], None, node)


def store(fc: Any, a: V, index: V, value: Any, node: ast.AST,
          op: Any = None) -> None:
    """`a[index] = value` (or `a[index] op= value`) for an array `index`."""
    kind = _kind(fc, a, index, node)
    if kind == "general":
        return advanced.store(fc, a, [("array", index)], value, node, op)
    scalar = is_number(value) or (isinstance(value, V) and
                                  not fc.is_array(value))
    if kind == "mask" and scalar:  # a[...] = where(mask, a op v, a)
        t = a.ty.dtype
        v = fc.value(value, node) if not is_number(value) else value

        def body(x: Any) -> V:
            new = fc.s.cast(fc.scalar(node, v), t) if op is None else \
                fc.s.cast(fc.binary(op, x[1], v, node), t)
            return fc.b.op(f"arith.select {x[0]}, {new}, {x[1]} : {t.mlir}",
                           t)
        fc.arr.copy_into(a, fc.arr.ufunc([index, a], body, t))
        return
    if op is not None:
        value = fc.binary(op, read(fc, a, index, node), value, node)
        scalar = False
    if a.ty.ndim != 1 or (not scalar and value.ty.ndim != 1):
        return advanced.store(fc, a, [("array", index)], value, node)
    if not scalar:
        value = fc.arr.fresh_copy(value, a.ty.dtype)  # may overlap a
        put = mask_put_values if kind == "mask" else index_put_values
    elif kind == "index":
        put = index_put
        value = fc.s.cast(fc.scalar(node, value), a.ty.dtype) \
            if not is_number(value) else fc.b.const(value.value, a.ty.dtype)
    call_compiled(fc, put, [a, index, value], None, node)
