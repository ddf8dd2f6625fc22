"""Views that reorder or add axes, and facts about arrays and dtypes.

np.transpose, a.transpose, np.swapaxes, np.moveaxis reorder the axes;
np.expand_dims and np.atleast_1d/2d/3d add axes of size 1: each a view,
the same buffer with sizes and strides rearranged (memref.reinterpret_cast
of the array's metadata), as NumPy returns. np.finfo/np.iinfo are
compile-time constants; a.item() reads the one element of a size-1 array.

>>> # np.transpose(a, (2, 0, 1))    a: float64[:, :, :]
>>> #   %m:8 = memref.extract_strided_metadata %a ...
>>> #   %v = memref.reinterpret_cast %m#0 to offset: [%m#1],
>>> #        sizes: [%m#4, %m#2, %m#3], strides: [%m#7, %m#5, %m#6] ...
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional, Sequence

from ..types import bool_, int64
from .builder import Const, TupleVal, V, check_count
from .creation import shape_values
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
    np.moveaxis(a, source, destination): views."""
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


def shape_call(fc: Any, name: str, args: list, kwargs: dict,
               node: ast.AST) -> Any:
    """np.finfo/np.iinfo of a dtype (compile-time constants), and the views
    np.expand_dims(a, axis), np.atleast_1d/2d/3d(a)."""
    if name in ("finfo", "iinfo"):
        if kwargs or len(args) != 1 or not isinstance(args[0], Const):
            raise fc.typing_error(f"np.{name}() takes a dtype", node)
        import numpy as np
        try:
            return Const(getattr(np, name)(args[0].value))
        except (TypeError, ValueError) as e:
            raise fc.typing_error(f"np.{name}: {e}", node) from None
    if name == "expand_dims":
        bound = list(args) + ([kwargs.pop("axis")] if "axis" in kwargs else [])
        if kwargs:
            raise fc.typing_error("np.expand_dims() takes (a, axis)", node)
        check_count(fc, "np.expand_dims", bound, 2, 2, node)
        a = _array(fc, bound[0], name, node)
        axes = _ints(fc, bound[1], a.ty.ndim + (len(bound[1].items) if
                     isinstance(bound[1], TupleVal) else 1),
                     "expand_dims' axis", node)
        out = a.ty.ndim + len(axes)
        items = [("newaxis",) if d in axes else ("slice", None, None, 1)
                 for d in range(out)]
        return fc.arr.view(a, items)
    if kwargs or len(args) != 1:
        raise fc.typing_error(f"np.{name}() takes one array", node)
    a = _array(fc, args[0], name, node)
    want = int(name[-2])
    full = ("slice", None, None, 1)
    if a.ty.ndim >= want:
        return a
    if a.ty.ndim == 0:  # a 0-d array: (1,), (1, 1), (1, 1, 1)
        items = [("newaxis",)] * want
    elif want == 2 or a.ty.ndim == 2:  # (N,) -> (1, N); (M, N) -> (M, N, 1)
        items = [("newaxis",), full] if a.ty.ndim == 1 else [full, full,
                                                             ("newaxis",)]
    else:  # atleast_3d of (N,): (1, N, 1)
        items = [("newaxis",), full, ("newaxis",)]
    return fc.arr.view(a, items)


def squeeze(fc: Any, args: list, kwargs: dict, node: ast.AST) -> V:
    """np.squeeze(a, axis) / a.squeeze(axis): the view without the axes
    `axis` (constant), which must have length 1 (NumPy's ValueError
    otherwise). Without an axis the result's rank would depend on the
    shape at run time, which a compiled function cannot have."""
    bound = list(args) + ([kwargs.pop("axis")] if "axis" in kwargs else [])
    if kwargs:
        raise fc.typing_error("np.squeeze() takes (a, axis)", node)
    check_count(fc, "np.squeeze", bound, 1, 2, node)
    a = _array(fc, bound[0], "squeeze", node)
    if len(bound) == 1 or (isinstance(bound[1], Const) and
                           bound[1].value is None):
        raise fc.unsupported("np.squeeze() without an axis (the rank of "
                             "its result depends on the shape; give the "
                             "axis, np.squeeze(a, 0))", node)
    drop = _ints(fc, bound[1], a.ty.ndim, "squeeze's axis", node)
    s, zero = fc.s, fc.b.const(0, int64)
    for k in drop:
        length = s.from_index(fc.arr.dim(a, k))
        s.raise_if(s.compare("!=", length, fc.b.const(1, int64)),
                   "ValueError", "cannot select an axis to squeeze out "
                   "which has size not equal to one")
    return fc.arr.view(a, [("int", zero) if k in drop else
                           ("slice", None, None, 1)
                           for k in range(a.ty.ndim)])


def _array(fc: Any, a: Any, name: str, node: ast.AST) -> V:
    if not fc.is_array(a):
        raise fc.unsupported(f"np.{name}() of {fc.type_name(a)} (arrays are "
                             f"supported)", node)
    return a


def item(fc: Any, a: V, args: list, node: ast.AST) -> V:
    """a.item(): the one element of a size-1 array (ValueError else)."""
    if args:
        raise fc.unsupported("a.item() with an index", node)
    s, b = fc.s, fc.b
    size = s.from_index(fc.arr.size(a))
    bad = s.compare("!=", size, b.const(1, size.ty))
    s.raise_if(bad, "ValueError",
               "can only convert an array of size 1 to a Python scalar")
    zero = b.index(0)
    return fc.arr.load(a, [zero] * a.ty.ndim)


def broadcast_to(fc: Any, args: list, kwargs: dict, node: ast.AST) -> V:
    """np.broadcast_to(a, shape): a read-only view with stride 0 along the
    axes it repeats; ValueError at run time when a size is neither the
    requested one nor 1 (NumPy's rule)."""
    bound = list(args) + [kwargs.pop(k) for k in ("shape",) if k in kwargs]
    if kwargs or len(bound) != 2:
        raise fc.typing_error("np.broadcast_to() takes (array, shape)", node)
    a = _array(fc, bound[0], "broadcast_to", node)
    items = shape_values(fc, bound[1], node)
    if len(items) < a.ty.ndim:
        raise fc.typing_error("input operand has more dimensions than "
                              "allowed by the axis remapping", node)
    s, b = fc.s, fc.b
    base, offset, sizes, strides = fc.arr.metadata(a)
    lead = len(items) - a.ty.ndim
    out_sizes, out_strides = [], []
    zero = b.index(0)
    for d, want in enumerate(items):
        n = s.to_index(s.cast(want, int64))
        out_sizes.append(n)
        if d < lead:
            out_strides.append(zero)
            continue
        have, stride = sizes[d - lead], strides[d - lead]
        cmp = lambda x, y: b.op(f"arith.cmpi eq, {x}, {y} : index", bool_)
        one = cmp(have, b.index(1))
        fits = b.op(f"arith.ori {cmp(have, n)}, {one} : i1", bool_)
        s.raise_if(s.not_(fits), "ValueError", "operands could not be "
                   "broadcast together with the requested shape")
        out_strides.append(b.op(f"arith.select {one}, {zero}, {stride} : "
                                f"index", int64, "index"))
    view = fc.arr.reinterpret(base, a.ty.dtype, offset, out_sizes,
                              out_strides)
    return V(view.name, view.ty.copy(readonly=True), view.mt)


def fortran_copy(fc: Any, args: list, kwargs: dict, node: ast.AST) -> V:
    """np.asfortranarray(a, dtype=None): a Fortran-ordered copy of an array
    (the C copy of its transpose, transposed back: a view with Fortran
    strides, `.flags.f_contiguous`, in this function; returned to Python
    it is C-ordered), a number as a 1-element array. Always a copy, as
    kern decides layouts per call (NumPy returns `a` itself when it is
    already Fortran-ordered). A tuple or a list is made an array first."""
    from .creation import create, dtype_of
    from .joining import array_from
    from .lists import is_list
    names = ["a", "dtype"]
    if not args or len(args) > 2 or set(kwargs) - {"dtype"} or (
            len(args) == 2 and kwargs):
        raise fc.typing_error("np.asfortranarray(a, dtype=None)", node)
    a = args[0]
    dtype = args[1] if len(args) == 2 else kwargs.get(names[1], Const(None))
    none = isinstance(dtype, Const) and dtype.value is None
    dt = None if none else dtype_of(fc, dtype, node)
    if isinstance(a, TupleVal) or is_list(a):
        a = array_from(fc, a, dt, node)
    if not fc.is_array(a):
        return create(fc, "full", [Const(1), a],
                      {} if none else {"dtype": dtype}, node)
    return fc.arr.transpose(fc.arr.fresh_copy(fc.arr.transpose(a), dt))
