"""Arrays built from others: `np.array`/`np.asarray` of (nested) list and
tuple literals, and the joining functions `np.concatenate stack vstack
hstack dstack column_stack`.

    np.array([[1.0, x], [y, 2.0]])     kern.alloc (2, 2), one store each
    np.concatenate((a, b), axis=1)     kern.alloc of the joined shape; each
                                       input copied into its slice (a
                                       kern.ufunc ... outs(view))

The axis must be a constant (as the dimensions of the result depend on it);
shapes are checked at run time with NumPy's ValueError.
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional

from ..listtype import List as ListType
from ..types import Array, Scalar, bool_, float64, int64, promote
from .builder import Const, TupleVal, V
from .creation import dtype_of

__all__ = ["JOINERS", "array_from", "call_array", "is_literal", "join"]

JOINERS = ("concatenate", "stack", "vstack", "hstack", "dstack",
           "column_stack")


# ---------------------------------------------------------------------------
# np.array / np.asarray of literals and tuples
# ---------------------------------------------------------------------------

def is_literal(node: ast.AST) -> bool:
    """A list or tuple display (`[1.0, x]`, `((1, 2), (3, 4))`)."""
    return isinstance(node, (ast.List, ast.Tuple))


def _elements(fc: Any, item: Any, node: ast.AST) -> Any:
    """The nested lists of scalar values of a display or tuple value."""
    if isinstance(item, (ast.List, ast.Tuple)):
        return [_elements(fc, e, e) for e in item.elts]
    value = fc.expr(item) if isinstance(item, ast.AST) else item
    if isinstance(value, TupleVal):
        return [_elements(fc, v, node) for v in value.items]
    if isinstance(value, Const) and isinstance(value.value, tuple):
        return [_elements(fc, Const(v), node) for v in value.value]
    return fc.value(value, node)


def _shape(fc: Any, elems: Any, node: ast.AST) -> List[int]:
    if not isinstance(elems, list):
        return []
    if not elems:
        raise fc.unsupported("np.array of an empty list (its dtype is "
                             "unknown: use np.empty(0))", node)
    shapes = [_shape(fc, e, node) for e in elems]
    if any(s != shapes[0] for s in shapes):
        raise fc.typing_error("setting an array element with a sequence: the "
                              "nested sequences have different lengths "
                              "(an inhomogeneous shape)", node)
    return [len(elems)] + shapes[0]


def _leaves(elems: Any) -> List[Any]:
    if not isinstance(elems, list):
        return [elems]
    return [x for e in elems for x in _leaves(e)]


def call_array(fc: Any, name: str, node: ast.Call) -> Any:
    """np.array / np.asarray (kern/frontend/joining.py): a list or tuple
    display is read from the AST (nested ones make n-D arrays); a list
    value (kern/frontend/lists.py) becomes a 1-D array."""
    if not node.args or len(node.args) > 2 or any(
            k.arg not in ("dtype", "copy") for k in node.keywords):
        raise fc.typing_error(f"np.{name}(object, dtype=None) takes one "
                              f"object and a dtype", node)
    first = node.args[0]
    source = first if is_literal(first) else fc.expr(first)
    dtype_node = node.args[1] if len(node.args) > 1 else next(
        (k.value for k in node.keywords if k.arg == "dtype"), None)
    dtype = None
    if dtype_node is not None:
        d = fc.expr(dtype_node)
        if not (isinstance(d, Const) and d.value is None):
            dtype = dtype_of(fc, d, dtype_node)
    return array_from(fc, source, dtype, node, copy=name == "array")


def _nested(fc: Any, l: V, dtype: Optional[Scalar], node: ast.AST) -> V:
    """np.array of a list of lists (kern/np/from_lists.py)."""
    from .overloads import call_function_overload
    import numpy as np
    from .lists import item_type, learned_type
    t, depth = item_type(fc, l), 1
    while isinstance(t, ListType):
        inner = t.dtype if t.typed else learned_type(fc, t.origin)
        if inner is None:
            break
        t, depth = inner, depth + 1
    full = l.ty
    while isinstance(full, ListType) and full.typed:
        full = full.dtype
    if isinstance(full, ListType) or isinstance(t, ListType):
        # an inner list typed in the next pass: a placeholder of the type
        # learned so far
        nested = isinstance(t, ListType)
        leaf = dtype or (t if isinstance(t, Scalar) else float64)
        return fc.dummy(Array(leaf, depth + nested, "C"), "array")
    out = call_function_overload(fc, np.array, [l], {}, node)
    if out is None:
        raise fc.unsupported(f"np.array of a {l.ty} (lists of numbers and "
                             f"of lists of them, 2 or 3 deep, are "
                             f"supported)", node)
    return out if dtype is None or dtype is out.ty.dtype else \
        fc.arr.fresh_copy(out, dtype)


def array_from(fc: Any, source: Any, dtype: Optional[Scalar],
               node: ast.AST, copy: bool = True) -> V:
    """np.array(source, dtype) (copy) or np.asarray (no copy of an array
    of that dtype); `source` is an AST display or a value."""
    from .lists import is_list, item_type, to_array
    if not isinstance(source, ast.AST) and is_list(source):
        if isinstance(item_type(fc, source), ListType):
            return _nested(fc, source, dtype, node)
        return to_array(fc, source, dtype)
    if not isinstance(source, ast.AST) and fc.is_array(source):
        if dtype is None or dtype is source.ty.dtype:
            return fc.arr.fresh_copy(source) if copy else source
        return fc.arr.fresh_copy(source, dtype)
    elems = _elements(fc, source, node)
    leaves = _leaves(elems)
    if any(isinstance(x, V) and isinstance(x.ty, Array) for x in leaves):
        arrays = [x for x in (elems if isinstance(elems, list) else [elems])]
        out = join(fc, "stack", arrays, Const(0), node)
        return out if dtype is None else fc.arr.fresh_copy(out, dtype)
    shape = _shape(fc, elems, node)  # () for a scalar: a 0-d array
    for x in leaves:
        if not (isinstance(x, V) and isinstance(x.ty, Scalar)):
            raise fc.typing_error(f"np.array of {fc.type_name(x)} items",
                                  node)
    t = dtype
    if t is None:
        t = leaves[0].ty
        for x in leaves[1:]:
            t = promote(t, x.ty)
    b = fc.b
    out = fc.arr.alloc([b.index(n) for n in shape], t)
    for flat, x in enumerate(leaves):
        idx, rest = [], flat
        for n in reversed(shape):
            idx.append(b.index(rest % n))
            rest //= n
        fc.arr.store(fc.s.cast(x, t), out, idx[::-1])
    return out


# ---------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------

def _axis(fc: Any, axis: Any, ndim: int, name: str, node: ast.AST) -> int:
    if not (isinstance(axis, Const) and isinstance(axis.value, int)):
        raise fc.unsupported(f"np.{name} with an axis that is not a "
                             f"constant integer", node)
    k = axis.value + ndim if axis.value < 0 else axis.value
    if not 0 <= k < ndim:
        raise fc.typing_error(f"axis {axis.value} is out of bounds for array "
                              f"of dimension {ndim}", node)
    return k


def _arrays(fc: Any, seq: Any, name: str, node: ast.AST) -> List[V]:
    items = seq.items if isinstance(seq, TupleVal) else seq if \
        isinstance(seq, list) else None
    if not items:
        raise fc.typing_error(f"np.{name}() takes a non-empty tuple of "
                              f"arrays", node)
    out = [fc.value(x, node) for x in items]
    if not all(fc.is_array(a) for a in out):
        raise fc.typing_error(f"np.{name}() takes arrays, got "
                              f"{', '.join(fc.type_name(a) for a in out)}",
                              node)
    return out


def _reshaped(fc: Any, a: V, shape: List[V]) -> V:
    """`a` viewed with a new shape of the same size (leading/trailing 1s)."""
    c = fc.arr.fresh_copy(a) if a.mt != a.ty.mlir_fresh else a
    base, offset, _, _ = fc.arr.metadata(c)
    strides, acc = [], fc.b.index(1)
    for d in reversed(shape):
        strides.append(acc)
        acc = fc.b.op(f"arith.muli {acc}, {d} : index", int64, "index")
    return fc.arr.reinterpret(base, a.ty.dtype, offset, shape, strides[::-1])


def _with_ones(fc: Any, a: V, ndim: int, where: str) -> V:
    """atleast_2d (ones before) / atleast_3d-style views of `a`."""
    dims = fc.arr.dims(a)
    one = fc.b.index(1)
    if len(dims) >= ndim:
        return a
    if where == "front":
        shape = [one] * (ndim - len(dims)) + dims
    elif where == "column":  # 1-D -> (n, 1)
        shape = dims + [one] * (ndim - len(dims))
    else:  # dstack: (n,) -> (1, n, 1), (m, n) -> (m, n, 1)
        shape = [one] * 3 if not dims else ([one] + dims + [one]) if \
            len(dims) == 1 else dims + [one]
    return _reshaped(fc, a, shape)


def join(fc: Any, name: str, seq: Any, axis: Any, node: ast.AST) -> V:
    """np.concatenate / stack / vstack / hstack / dstack / column_stack."""
    arrays = _arrays(fc, seq, name, node)
    ndim = arrays[0].ty.ndim
    if name == "vstack":
        arrays = [_with_ones(fc, a, 2, "front") for a in arrays]
        return _concatenate(fc, arrays, 0, node)
    if name == "hstack":  # (NumPy's atleast_1d of each)
        arrays = [fc.arr.as_1d(a) for a in arrays]
        ndim = arrays[0].ty.ndim
        return _concatenate(fc, arrays, 0 if ndim == 1 else 1, node)
    if name == "column_stack":
        arrays = [_with_ones(fc, a, 2, "column") for a in arrays]
        return _concatenate(fc, arrays, 1, node)
    if name == "dstack":
        arrays = [_with_ones(fc, a, 3, "depth") for a in arrays]
        return _concatenate(fc, arrays, 2, node)
    if name == "stack":
        k = _axis(fc, axis, ndim + 1, name, node)
        return _stack(fc, arrays, k, node)
    if any(a.ty.ndim == 0 for a in arrays):  # NumPy's ValueError
        raise fc.typing_error("zero-dimensional arrays cannot be "
                              "concatenated", node)
    return _concatenate(fc, arrays, _axis(fc, axis, ndim, name, node), node)


def _dtype(arrays: List[V]) -> Scalar:
    t = arrays[0].ty.dtype
    for a in arrays[1:]:
        t = promote(t, a.ty.dtype)
    return t


def _check_dims(fc: Any, arrays: List[V], skip: Optional[int],
                what: str) -> List[V]:
    """The dims of the first array; ValueError where another differs
    (except along `skip`)."""
    s, b = fc.s, fc.b
    first = fc.arr.dims(arrays[0])
    for a in arrays[1:]:
        if a.ty.ndim != len(first):
            raise fc.typing_error(f"all the input array dimensions for {what} "
                                  f"must match exactly", None)
        for k, (d0, d) in enumerate(zip(first, fc.arr.dims(a))):
            if k == skip:
                continue
            bad = b.op(f"arith.cmpi ne, {d0}, {d} : index", bool_)
            s.raise_if(bad, "ValueError", f"all the input array dimensions "
                       f"for {what} must match exactly, but along dimension "
                       f"{k} the sizes differ")
    return first


def _concatenate(fc: Any, arrays: List[V], k: int, node: ast.AST) -> V:
    b = fc.b
    dims = _check_dims(fc, arrays, k, "the concatenation axis")
    total = fc.arr.dim(arrays[0], k)
    for a in arrays[1:]:
        total = b.op(f"arith.addi {total}, {fc.arr.dim(a, k)} : index",
                     int64, "index")
    sizes = list(dims)
    sizes[k] = total
    out = fc.arr.alloc(sizes, _dtype(arrays))
    start = b.index(0)
    for a in arrays:
        stop = b.op(f"arith.addi {start}, {fc.arr.dim(a, k)} : index",
                    int64, "index")
        items = [("slice", None, None, 1)] * k + [
            ("slice", fc.s.from_index(start), fc.s.from_index(stop), 1)]
        fc.arr.copy_into(fc.arr.view(out, items), a)
        start = stop
    return out


def _stack(fc: Any, arrays: List[V], k: int, node: ast.AST) -> V:
    b = fc.b
    dims = _check_dims(fc, arrays, None, "stack")
    sizes = list(dims)
    sizes.insert(k, b.index(len(arrays)))
    out = fc.arr.alloc(sizes, _dtype(arrays))
    for i, a in enumerate(arrays):
        items = [("slice", None, None, 1)] * k + [("int", b.index(i))]
        fc.arr.copy_into(fc.arr.view(out, items), a)
    return out
