"""Calls of C callbacks in compiled code (kern/cfunc.py): through a
`FunctionType` value (a cfunc passed as an argument or taken from a tuple
of them), an indirect call::

    f(x)        %p = llvm.inttoptr %f : i64 to !llvm.ptr
                %r = llvm.call %p(%x) : !llvm.ptr, (f64) -> f64

and of a cfunc named in the code (a global), its Python function compiled
into the module like an njit callee (so it inlines), with the arguments
converted to its signature.
"""

from __future__ import annotations

import ast
from typing import Any, Dict, List

from ..functiontype import FunctionType
from ..types import Scalar
from .builder import V
from .overloads import call_compiled

__all__ = ["call_cfunc", "call_pointer"]


def _converted(fc: Any, ft: FunctionType, args: List[Any],
               kwargs: Dict[str, Any], what: str, node: ast.AST) -> List[V]:
    """The arguments converted to the parameter types of `ft`."""
    if kwargs:
        raise fc.unsupported(f"keyword arguments in a call of {what}", node)
    if len(args) != len(ft.args):
        raise fc.typing_error(f"{what} of type {ft} takes {len(ft.args)} "
                              f"arguments, got {len(args)}", node)
    out = []
    for a, t in zip(args, ft.args):
        v = fc.value(a, node)
        if not isinstance(v, V) or not isinstance(v.ty, Scalar):
            raise fc.typing_error(f"cannot pass {fc.type_name(v)} to {what} "
                                  f"of type {ft}", node)
        out.append(fc.s.cast(v, t))
    return out


def call_pointer(fc: Any, f: V, node: ast.Call, args: List[Any],
                 kwargs: Dict[str, Any]) -> V:
    """`f(args)` for a function pointer `f`."""
    ft = f.ty
    what = f"'{fc.src(node.func)}'"
    values = _converted(fc, ft, args, kwargs, what, node)
    p = fc.b.op(f"llvm.inttoptr {f} : i64 to !llvm.ptr", ft, "!llvm.ptr",
                hint="fp")
    names = ", ".join(v.name for v in values)
    return fc.b.op(f"llvm.call {p}({names}) : !llvm.ptr, "
                   f"{ft.llvm_signature}", ft.ret)


def call_cfunc(fc: Any, cf: Any, node: ast.Call, args: List[Any],
               kwargs: Dict[str, Any]) -> V:
    """`cf(args)` for a cfunc known at compile time."""
    ft = cf.function_type
    values = _converted(fc, ft, args, kwargs, f"the cfunc '{cf.__qualname__}'",
                        node)
    result = call_compiled(fc, cf.__wrapped__, values, None, node)
    return fc.s.cast(fc.value(result, node), ft.ret)
