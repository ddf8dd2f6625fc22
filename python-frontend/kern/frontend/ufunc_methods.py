"""Methods of NumPy's ufuncs in compiled code: `np.add.reduce(a, axis=0)`,
`np.maximum.accumulate(a)`, `np.multiply.outer(a, b)`, ... as the
reductions, scans and broadcast operations kern already compiles:

    np.add.reduce / multiply / maximum / minimum / logical_and / logical_or
        -> sum / prod / max / min / all / any along axis (0 by default, as
           ufunc.reduce; None for all axes)
    np.add.accumulate / multiply / maximum / minimum
        -> kern.accumulate along axis (0 by default)
    np.<binary ufunc>.outer(a, b)
        -> the ufunc of a viewed with b.ndim new trailing axes, and b

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.maximum.reduce(a), np.add.accumulate(a), np.multiply.outer(a, a)[1]
    >>> [np.asarray(x).tolist() for x in f(np.array([1.0, 3.0, 2.0]))]
    [3.0, [1.0, 4.0, 6.0], [3.0, 9.0, 6.0]]
"""

from __future__ import annotations

import ast
from typing import Any

from ..types import Array, sum_type
from .builder import Const

__all__ = ["call_ufunc_method"]

_REDUCE = {"add": "sum", "multiply": "prod", "maximum": "max",
           "minimum": "min", "logical_and": "all", "logical_or": "any"}
_SCAN = {"add": "add", "multiply": "mul", "maximum": "max", "minimum": "min"}


def call_ufunc_method(fc: Any, ufunc: Any, method: str, args: list,
                      kwargs: dict, node: ast.AST) -> Any:
    name = ufunc.__name__
    what = f"np.{name}.{method}"
    if method == "outer":
        return _outer(fc, name, args, kwargs, what, node)
    table = _REDUCE if method == "reduce" else _SCAN
    if name not in table:
        raise fc.unsupported(f"{what} (kern compiles the {method} of "
                             f"{', '.join('np.' + n for n in table)})", node)
    if not args or len(args) > 2 or set(kwargs) - {"axis"}:
        raise fc.typing_error(f"{what}(array, axis=0)", node)
    a = fc.value(args[0], node)
    if not fc.is_array(a):
        raise fc.typing_error(f"{what}() of {fc.type_name(a)}", node)
    axis = kwargs.get("axis", args[1] if len(args) > 1 else Const(0))
    if a.ty.ndim == 0 and method != "reduce":  # NumPy's TypeError
        raise fc.typing_error(f"cannot {method} on a scalar (a 0-d array)",
                              node)
    if a.ty.ndim == 0 and isinstance(axis, Const) and axis.value in (0, -1):
        axis = Const(None)  # NumPy reduces a 0-d array along axis 0 or -1
    if method == "reduce":
        from .reductions import any_all, reduction
        if name in ("logical_and", "logical_or"):
            return any_all(fc, table[name], a, node, axis)
        return reduction(fc, table[name], a, axis, node)
    return _scan(fc, table[name], a, axis, node)


def _scan(fc: Any, kind: str, a: Any, axis: Any, node: ast.AST) -> Any:
    from .reductions import axis_of
    ax = axis_of(fc, axis, a.ty.ndim, node)
    if ax is None:
        raise fc.typing_error("accumulate needs an axis", node)
    t = a.ty.dtype
    rt = sum_type(t) if kind in ("add", "mul") else t
    if rt is not t or a.mt != a.ty.mlir_fresh:
        a = fc.arr.fresh_copy(a, rt)
    ty = Array(rt, a.ty.ndim, "C")
    return fc.b.op(f"kern.accumulate {kind}({a} : {a.mt}) axis {ax} : "
                   f"{ty.mlir_fresh}", ty, ty.mlir_fresh)


def _outer(fc: Any, name: str, args: list, kwargs: dict, what: str,
           node: ast.AST) -> Any:
    from .calls import call_numpy
    if len(args) != 2 or kwargs:
        raise fc.typing_error(f"{what}(a, b)", node)
    a, b = (fc.value(x, node) for x in args)
    if fc.is_array(a) and fc.is_array(b):
        a = fc.arr.view(a, [("slice", None, None, 1)] * a.ty.ndim +
                        [("newaxis",)] * b.ty.ndim)
    return call_numpy(fc, name, [a, b], {}, node)
