"""A vectorized function called inside `@kern.njit` code.

On arrays it is an array expression: one `kern.ufunc` whose region calls
the scalar kernel (kern/ufunc/emit.py `scalar_call`); MLIR's `inline`
pass inlines the call before `kern-fuse`, which fuses the ufunc with the
array expressions around it, like `np.sqrt(a) + b`::

    @kern.vectorize(['float64(float64, float64)'])
    def clip_add(x, y): ...

    @kern.njit
    def f(a, b):
        return np.sum(clip_add(a, b) * 2.0)   # one loop, no temporary

On scalars it is a plain call of the scalar kernel (a private function of
the module, called with func.call). The loop is chosen like a call from
Python: the first signature the arguments cast to safely, literals being
weak Python scalars; a vectorized function without signatures is typed
for the argument types. `out` (positional or `out=`) gets the result
copied in with broadcasting; `dtype=` is not supported inside compiled
code.
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional, Tuple as PT

from ..types import Array, Scalar
from .emit import kernel_compiler, scalar_call
from .resolve import Arg, describe, resolve

__all__ = ["call_vectorized"]


def _loop(fc: Any, uf: Any, raws: List[Any], values: List[Any],
          node: ast.AST) -> PT[PT[Scalar, ...], Optional[Scalar]]:
    from ..frontend.expressions import is_number
    args = []
    for raw, v in zip(raws, values):
        t = v.ty.dtype if isinstance(v.ty, Array) else v.ty
        args.append(Arg(None, type(raw.value)) if is_number(raw)
                    else Arg(t.np))
    k = resolve(uf._loops, args)
    if k is not None:
        return uf._loops[k]
    if uf._frozen:
        raise fc.typing_error(f"the vectorized function '{uf.__name__}' has "
                              f"no loop for the argument types "
                              f"({describe(args)}); its loops are "
                              f"{uf.types}", node)
    from ..types import from_dtype
    return tuple(from_dtype(a.dtype) for a in args), None


def call_vectorized(fc: Any, uf: Any, node: ast.Call) -> Any:
    """Emit the call `node` of the vectorized function `uf` in
    FunctionCompiler `fc`; returns the value (V) of the result."""
    from ..frontend.builder import V
    if getattr(uf, "_kern_gufunc", False):
        raise fc.unsupported(f"calling the kern.guvectorize gufunc "
                             f"'{uf.__name__}' inside compiled code (call "
                             f"it from Python, or call an njit function "
                             f"over the core loop)", node)
    args = list(node.args)
    for kw in node.keywords:
        if kw.arg != "out":
            raise fc.unsupported(f"the keyword argument '{kw.arg}' in calls "
                                 f"to the vectorized function "
                                 f"'{uf.__name__}' inside compiled code",
                                 node)
        args.append(kw.value)
    if len(args) not in (uf.nin, uf.nin + 1) or (
            node.keywords and len(node.args) != uf.nin):
        raise fc.typing_error(f"'{uf.__name__}' takes {uf.nin} arguments "
                              f"and an optional out array, but "
                              f"{len(args)} were given", node)
    out_node = args[uf.nin] if len(args) > uf.nin else None
    args = args[:uf.nin]
    raws = [fc.expr(a) for a in args]
    values = [fc.value(r, a) for r, a in zip(raws, args)]
    for v, a in zip(values, args):
        if not isinstance(v, V) or not isinstance(v.ty, (Scalar, Array)):
            raise fc.typing_error(f"'{fc.src(a)}' of type "
                                  f"{fc.type_name(v)} cannot be an argument "
                                  f"of the vectorized function "
                                  f"'{uf.__name__}'", node)
    ins, out = _loop(fc, uf, raws, values, node)
    target = None
    if out_node is not None:
        target = fc.expr(out_node)
        if not isinstance(target, V) or not isinstance(target.ty, Array):
            raise fc.typing_error(f"the out argument of '{uf.__name__}' "
                                  f"must be an array, not "
                                  f"{fc.type_name(target)}", node)
        rank = max((v.ty.ndim for v in values
                    if isinstance(v.ty, Array)), default=0)
        if rank > target.ty.ndim:
            raise fc.typing_error(f"the out array of '{uf.__name__}' has "
                                  f"{target.ty.ndim} dimensions, fewer than "
                                  f"its inputs' {rank}", node)
    if target is None and not any(isinstance(v.ty, Array) for v in values):
        return scalar_call(fc, uf.py_func, ins, out,
                           [fc.s.cast(v, t) for v, t in zip(values, ins)])
    if out is None:  # no signatures: type the kernel to learn its result
        probe = kernel_compiler()(uf.py_func, ins, fc.module,
                                   "__kern_probe", False, None)
        probe.compile()
        out = probe.return_type
        if not isinstance(out, Scalar):
            raise fc.typing_error(f"the vectorized function '{uf.__name__}' "
                                  f"must return one scalar, not {out}", node)

    def body(args: List[V]) -> V:
        cast = [fc.s.cast(v, t) for v, t in zip(args, ins)]
        return scalar_call(fc, uf.py_func, ins, out, cast)

    if target is None:
        return fc.arr.ufunc(values, body, out)
    # out=: the elementwise result (of the broadcast shape, at most out's)
    # copied into `out` with broadcasting, then `out` is the value.
    if any(isinstance(v.ty, Array) for v in values):
        result = fc.arr.ufunc(values, body, target.ty.dtype)
        fc.arr.copy_into(target, result)
    else:
        scalar = body(values)
        fc.arr.fill(target, scalar)
    return target
