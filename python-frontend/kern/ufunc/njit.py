"""A vectorized function called inside `@kern.njit` code.

On arrays it is an array expression: one `kern.ufunc` whose region holds
the scalar kernel's body, inlined (kern/ufunc/emit.py), so `kern-fuse`
fuses it with the array expressions around it, like `np.sqrt(a) + b`::

    @kern.vectorize(['float64(float64, float64)'])
    def clip_add(x, y): ...

    @kern.njit
    def f(a, b):
        return np.sum(clip_add(a, b) * 2.0)   # one loop, no temporary

On scalars it is a plain call of the scalar kernel (a private function of
the module, called with func.call). The loop is chosen like a call from
Python: the first signature the arguments cast to safely, literals being
weak Python scalars; a vectorized function without signatures is typed
for the argument types. Keyword arguments (out=, dtype=) are not supported
inside compiled code.
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional, Tuple as PT

from ..types import Array, Scalar
from .emit import _kernel_compiler, _scalar_function, inline_scalar_body
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
    if node.keywords:
        raise fc.unsupported(f"keyword arguments in calls to the vectorized "
                             f"function '{uf.__name__}' inside compiled "
                             f"code", node)
    if len(node.args) != uf.nin:
        raise fc.typing_error(f"'{uf.__name__}' takes {uf.nin} arguments "
                              f"but {len(node.args)} were given", node)
    raws = [fc.expr(a) for a in node.args]
    values = [fc.value(r, a) for r, a in zip(raws, node.args)]
    for v, a in zip(values, node.args):
        if not isinstance(v, V) or not isinstance(v.ty, (Scalar, Array)):
            raise fc.typing_error(f"'{fc.src(a)}' of type "
                                  f"{fc.type_name(v)} cannot be an argument "
                                  f"of the vectorized function "
                                  f"'{uf.__name__}'", node)
    ins, out = _loop(fc, uf, raws, values, node)
    if not any(isinstance(v.ty, Array) for v in values):
        symbol, result = _scalar_function(fc.module, uf.py_func, ins, out)
        cast = [fc.s.cast(v, t) for v, t in zip(values, ins)]
        names = ", ".join(c.name for c in cast)
        mts = ", ".join(t.mlir for t in ins)
        return fc.b.op(f"func.call @{symbol}({names}) : ({mts}) -> "
                       f"{result.mlir}", result)
    if out is None:  # no signatures: type the kernel to learn its result
        probe = _kernel_compiler()(uf.py_func, ins, fc.module,
                                   "__kern_probe", False, None)
        probe.compile()
        out = probe.return_type
        if not isinstance(out, Scalar):
            raise fc.typing_error(f"the vectorized function '{uf.__name__}' "
                                  f"must return one scalar, not {out}", node)

    def body(args: List[V]) -> V:
        cast = [fc.s.cast(v, t) for v, t in zip(args, ins)]
        return inline_scalar_body(fc, uf.py_func, ins, out, cast)

    return fc.arr.ufunc(values, body, out)
