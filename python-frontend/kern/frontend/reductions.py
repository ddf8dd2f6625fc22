"""Reductions of arrays: `np.sum`, `prod`, `min`, `max`, `mean`,
`argmin`, `argmax` over all axes or one (`kern.reduce`), `np.any` /
`np.all`, and `np.cumsum` / `np.cumprod` (`kern.accumulate`), with NumPy's
result dtypes and its errors (a reduction without identity of no elements
raises ValueError). Used by calls.py for the functions and the methods.
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from ..types import Array, bool_, float64, int64, sum_type
from .builder import Const, TupleVal, V, is_absent
from .creation import dtype_of
from .expressions import is_number

__all__ = ["any_all", "accumulate", "axis_call", "axis_of", "reduction",
           "variance"]


def axis_of(fc: Any, axis: Any, ndim: int, node: ast.AST) -> Optional[int]:
    """A constant `axis` argument as 0..ndim-1 (None: all axes)."""
    if axis is None or (isinstance(axis, Const) and axis.value is None):
        return None
    known = fc.b.known_int(axis)  # a constant item of a tuple display
    if known is not None:
        axis = Const(known)
    if not is_number(axis) or not isinstance(axis.value, int):
        raise fc.typing_error("axis must be a constant integer", node)
    ax = axis.value + ndim if axis.value < 0 else axis.value
    if not 0 <= ax < ndim:
        raise fc.typing_error(f"axis {axis.value} is out of bounds for "
                              f"an array of dimension {ndim}", node)
    return ax


def any_all(fc: Any, name: str, a: Any, node: ast.AST,
            axis: Any = None) -> Any:
    """np.any / np.all: a count of true (any) or false (all) elements,
    over all of `a` or along `axis`."""
    if not fc.is_array(a):
        return fc.s.truth(fc.scalar(node, a))
    s = fc.s
    ax = axis_of(fc, axis, a.ty.ndim, node)
    a = fc.arr.as_1d(a)  # a 0-d array: its one element
    flag = fc.arr.ufunc([a], lambda e: s.cast(s.truth(e[0]) if name == "any"
                                              else s.not_(e[0]), int64),
                        int64)
    count = fc.arr.reduce("add", flag, int64,
                          None if ax is None or a.ty.ndim == 1 else [ax])
    zero = fc.b.const(0, int64)
    op = ">" if name == "any" else "=="
    if fc.is_array(count):
        return fc.arr.ufunc([count], lambda e: s.compare(op, e[0], zero),
                            bool_)
    return s.compare(op, count, zero)


def accumulate(fc: Any, name: str, a: Any, node: ast.AST,
               axis: Any = None, dtype: Any = None,
               plain: bool = False) -> V:
    """np.cumsum / np.cumprod (kern.accumulate) along `axis`, or of the
    flattened array (C order) without one, in `dtype` when given (NumPy's
    accumulator type otherwise: int64 for smaller integers); `plain`:
    timedeltas as their counts (the NaT rule applied by the caller)."""
    if not fc.is_array(a):
        raise fc.unsupported(f"np.{name} of {fc.type_name(a)}", node)
    t = a.ty.dtype
    if t.kind in "Mm" and not plain:  # NaT from the first NaT on
        if t.kind == "M" or name != "cumsum":
            raise fc.typing_error(f"np.{name} of {t} (kern: cumsum of "
                                  f"timedeltas)", node)
        from .datetimes import cumsum
        return cumsum(fc, a, lambda x: accumulate(fc, name, x, node, axis,
                                                  plain=True))
    rt = sum_type(t) if dtype is None else dtype
    ax = axis_of(fc, axis, a.ty.ndim, node)
    a = fc.arr.as_1d(a)  # NumPy: a 0-d array accumulates to one element
    if rt is not t or a.mt != a.ty.mlir_fresh:
        a = fc.arr.fresh_copy(a, rt)
    if ax is None and a.ty.ndim > 1:  # NumPy flattens
        base, offset, _, _ = fc.arr.metadata(a)
        a = fc.arr.reinterpret(base, rt, offset, [fc.arr.size(a)],
                               [fc.b.index(1)])
        a = fc.arr.fresh_copy(a)
    kind = "add" if name == "cumsum" else "mul"
    ty = Array(rt, a.ty.ndim, "C")
    return fc.b.op(f"kern.accumulate {kind}({a} : {a.mt}) axis {ax or 0} : "
                   f"{ty.mlir_fresh}", ty, ty.mlir_fresh)


def axis_call(fc: Any, name: str, args: list, kwargs: dict,
              node: ast.AST) -> Any:
    """np.any/all(a, axis=None, keepdims=False), np.cumsum/cumprod(a,
    axis=None, dtype=None) and np.var/std(a, axis=None, ddof=0,
    keepdims=False), with NumPy's parameters in NumPy's order."""
    names = ["a", "axis"] + (["dtype", "out", "ddof", "keepdims"] if name in (
        "var", "std") else ["dtype"] if name in ("cumsum", "cumprod")
        else ["out", "keepdims"])
    if len(args) > len(names) or set(kwargs) - set(names[1:]):
        raise fc.unsupported(f"np.{name}() with arguments other than "
                             f"{', '.join(names)}", node)
    bound = dict(zip(names, args), **kwargs)
    dtype = None
    if name in ("cumsum", "cumprod") and not is_absent(bound.get("dtype")):
        dtype = dtype_of(fc, bound.pop("dtype"), node)
    for k in ("dtype", "out"):
        if not is_absent(bound.get(k)):
            raise fc.unsupported(f"np.{name}() with {k}=", node)
    if "a" not in bound:
        raise fc.typing_error(f"np.{name}() needs an array", node)
    a, axis = bound["a"], bound.get("axis")
    if name in ("cumsum", "cumprod"):
        return accumulate(fc, name, a, node, axis, dtype)
    if name in ("any", "all"):
        r = any_all(fc, name, a, node, axis)
    else:
        r = variance(fc, name, a, axis, bound.get("ddof"), node)
    if kept(fc, bound.get("keepdims"), node) and fc.is_array(a):
        return keep_dims(fc, r, a.ty.ndim, axis, node)
    return r


def variance(fc: Any, name: str, a: Any, axis: Any, ddof: Any,
             node: ast.AST) -> Any:
    """np.var / np.std as NumPy computes them: the mean of the squared
    (absolute) deviations from the mean, over n - ddof."""
    if not fc.is_array(a):
        raise fc.typing_error(f"np.{name}() expects an array", node)
    s, b = fc.s, fc.b
    t = a.ty.dtype
    rt = float64 if t.kind in "biu" else t
    real = rt.real_type if rt.kind == "c" else rt
    ax = axis_of(fc, axis, a.ty.ndim, node)
    a = fc.arr.as_1d(a)  # a 0-d array: its one element
    axes = None if ax is None or a.ty.ndim == 1 else [ax]
    mean = reduction(fc, "mean", a, None if axes is None else Const(ax), node)
    if fc.is_array(mean):  # broadcast back along the reduced axis
        mean = fc.arr.view(mean, [("slice", None, None, 1)] * ax +
                           [("newaxis",)])
    dev = fc.binary("-", a, mean, node)
    if rt.kind == "c":
        sq = fc.arr.ufunc([dev], lambda e: fc.s.binop(
            "+", s.binop("*", s.re(e[0]), s.re(e[0])),
            s.binop("*", s.im(e[0]), s.im(e[0]))), real)
    else:
        sq = fc.arr.ufunc([dev], lambda e: s.binop("*", e[0], e[0]), real)
    total = fc.arr.reduce("add", sq, real, axes)
    n = fc.arr.size(a) if axes is None else fc.arr.dim(a, ax)
    d = s.cast(fc.scalar(node, ddof), real) if ddof is not None else \
        b.const(0.0, real)
    count = s.binop("-", s.cast(s.from_index(n), real), d, real)
    raising, s.raising = s.raising, False
    try:  # NumPy: n - ddof <= 0 gives inf or nan, no exception
        if fc.is_array(total):
            out = fc.arr.ufunc([total, count], lambda v: s.binop(
                "/", v[0], v[1], real), real)
            if name == "std":
                out = fc.arr.ufunc([out], lambda v: s.math1("sqrt", v[0]),
                                   real)
            return out
        out = s.binop("/", total, count, real)
        return s.math1("sqrt", out) if name == "std" else out
    finally:
        s.raising = raising


def kept(fc: Any, keepdims: Any, node: ast.AST) -> bool:
    """The value of a `keepdims=` argument: a constant bool (or None)."""
    if keepdims is None or (isinstance(keepdims, Const) and
                            keepdims.value in (None, False, True)):
        return bool(getattr(keepdims, "value", False))
    raise fc.unsupported("keepdims= that is not a constant True or False",
                         node)


def keep_dims(fc: Any, r: Any, ndim: int, axis: Any, node: ast.AST) -> V:
    """A reduction's result with the reduced axes kept, of length 1
    (keepdims=True): a view of an array result with new axes, or an array
    of shape (1,) * ndim holding a scalar one."""
    axes = _axes(fc, axis, ndim, "keepdims", node)
    if axes is None:
        b = fc.b
        out = fc.arr.alloc([b.index(1)] * ndim, r.ty)
        fc.arr.store(r, out, [b.index(0)] * ndim)
        return out
    for k in sorted(axes):
        r = fc.arr.view(r, [("slice", None, None, 1)] * k + [("newaxis",)])
    return r


def reduction(fc: Any, name: str, a: V, axis: Any, node: ast.AST,
              keepdims: Any = None) -> Any:
    """sum/prod/min/max/mean/argmin/argmax over all axes or some; with
    `keepdims` (a constant True) the reduced axes stay, of length 1."""
    r = _reduced(fc, name, a, axis, node)
    return keep_dims(fc, r, a.ty.ndim, axis, node) if kept(
        fc, keepdims, node) else r


def _reduced(fc: Any, name: str, a: V, axis: Any, node: ast.AST) -> Any:
    from .creation import arg_reduction
    name = {"amin": "min", "amax": "max"}.get(name, name)
    t = a.ty.dtype
    axes = _axes(fc, axis, a.ty.ndim, name, node)
    a = fc.arr.as_1d(a)  # a 0-d array: its one element
    if name in ("argmin", "argmax"):
        if axes is not None and len(axes) > 1:
            raise fc.typing_error(f"{name}() takes one axis", node)
        if axes is not None:
            return _arg_along(fc, name, a, axes[0], node)
        return arg_reduction(fc, name, a, node)
    if t.kind in "Mm" and name not in ("min", "max"):
        from .datetimes import reduction as datetime_reduction
        return datetime_reduction(fc, name, a, axes, node)
    if name in ("sum", "prod"):
        rt = sum_type(t)
        return fc.arr.reduce("add" if name == "sum" else "mul", a, rt, axes)
    if name == "mean":
        rt = float64 if t.kind in "biu" else t
        total = fc.arr.reduce("add", a, rt, axes)
        if axes is None:
            n = fc.s.cast(fc.s.from_index(fc.arr.size(a)), rt)
            raising, fc.s.raising = fc.s.raising, False
            try:  # NumPy: the mean of no elements is nan, no exception
                return fc.s.binop("/", total, n, rt)
            finally:
                fc.s.raising = raising
        count = fc.arr.dim(a, axes[0])
        for k in axes[1:]:
            count = fc.b.op(f"arith.muli {count}, {fc.arr.dim(a, k)} : index",
                            int64, "index")
        n = fc.s.cast(fc.s.from_index(count), rt)
        return fc.arr.ufunc([total, n], lambda v: fc.s.binop(
            "/", v[0], v[1], rt), rt)
    if t.kind == "c":
        raise fc.typing_error(f"{name}() of complex values", node)
    # NumPy raises when the reduced axis (or the array) has no elements,
    # even where the result would be empty: (0, 3).max(axis=0)
    size = fc.arr.size(a) if axes is None else fc.arr.dim(a, axes[0])
    for k in (axes or [])[1:]:
        size = fc.b.op(f"arith.muli {size}, {fc.arr.dim(a, k)} : index",
                       int64, "index")
    zero = fc.b.index(0)
    empty = fc.b.op(f"arith.cmpi eq, {size}, {zero} : index", bool_)
    fc.s.raise_if(empty, "ValueError", f"zero-size array to reduction "
                  f"operation {'minimum' if name == 'min' else 'maximum'} "
                  f"which has no identity")
    if t.kind in "Mm":  # NaT wins (frontend/datetimes.py)
        from .datetimes import reduction as datetime_reduction
        return datetime_reduction(fc, name, a, axes, node)
    if t.kind == "u":  # kern.reduce min/max compare signed: flip the sign
        # bit before and after (an order-preserving map of uint64 to int64)
        return unsigned_min_max(fc, name, a, t, axes)
    return fc.arr.reduce(name, a, t, axes)


def _axes(fc: Any, axis: Any, ndim: int, name: str,
          node: ast.AST) -> Optional[list]:
    """The reduced axes of a constant `axis` (an int or a tuple of them);
    None for all of them."""
    if axis is None or (isinstance(axis, Const) and axis.value is None):
        return None
    if isinstance(axis, TupleVal):
        items = list(axis.items)
    elif isinstance(axis, Const) and isinstance(axis.value, tuple):
        items = [Const(v) for v in axis.value]
    else:
        items = [axis]
    axes = sorted({axis_of(fc, x, ndim, node) for x in items})
    if len(axes) != len(items):
        raise fc.typing_error("duplicate value in 'axis'", node)
    return None if len(axes) == ndim else axes


def _arg_along(fc: Any, name: str, a: V, ax: int, node: ast.AST) -> V:
    """argmin/argmax along `ax`: arg_reduction of each 1-D lane."""
    from .creation import arg_reduction
    dims = fc.arr.dims(a)
    out_dims = dims[:ax] + dims[ax + 1:]
    out = fc.arr.alloc(out_dims, int64)

    def lane(idx: list) -> None:
        items = [("int", i) for i in idx[:ax]] + [("slice", None, None, 1)] + \
            [("int", i) for i in idx[ax:]]
        fc.arr.store(arg_reduction(fc, name, fc.arr.view(a, items), node),
                     out, idx)
    fc.arr.loop_nest(out_dims, lane)
    return out


def unsigned_min_max(fc: Any, name: str, a: V, t: Any,
                     axes: Optional[list]) -> Any:
    """min/max of uint64 through the signed kern.reduce: x ^ 2**63 orders
    unsigned values as signed ones."""
    b, m = fc.b, t.mlir

    def flip(v: V) -> V:
        sign = b.const(-2 ** (t.bits - 1), t)
        return b.op(f"arith.xori {v}, {sign} : {m}", t)

    flipped = fc.arr.ufunc([a], lambda v: flip(v[0]), t)
    r = fc.arr.reduce(name, flipped, t, axes)
    if axes is None:
        return flip(r)
    return fc.arr.ufunc([r], lambda v: flip(v[0]), t)
