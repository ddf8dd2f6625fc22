"""Calls of Python's built-in functions (len, min, max, abs, int, float,
round, divmod, pow, print, sorted, any/all, isinstance, ...) and of the
`math` module in compiled code, by name (kern/frontend/callees.py names
the callables; kern/frontend/calls.py dispatches to `call_builtin` and
`call_math`).

    >>> import kern, math
    >>> @kern.njit
    ... def f(x, t):
    ...     return abs(-x), min(t), math.floor(x), divmod(7, 2)
    >>> f(2.5, (3, 1, 2))
    (2.5, 1, 2, (3, 1))
"""

from __future__ import annotations

import ast
import builtins
import math
from typing import Any

from ..types import bool_, complex128, float64, int64, promote
from .builder import Const, TupleVal, check_count
from .expressions import is_number
from . import dicts, flatiter, lists, sequences, sets, strings
from .reductions import reduction
from .mathcalls import LIBM_MATH, libm_call
from .typechecks import isinstance_call
from .introspect import INTROSPECTING, introspect_call
from .scalars import MATH_BINARY, MATH_UNARY
from .ufunc_calls import ufunc_call

__all__ = ["call_builtin", "call_math"]


def call_builtin(fc: Any, name: str, args: list, kwargs: dict,
                 node: ast.AST) -> Any:
    s, b = fc.s, fc.b
    text = strings.builtin(fc, name, args, kwargs, node)
    if text is not None:
        return text
    if name == "sorted":
        return sequences.sorted_call(fc, args, kwargs, node)
    if name == "isinstance":
        return isinstance_call(fc, args, node)
    if name in INTROSPECTING:
        found = introspect_call(fc, name, args, node)
        if found is not None:
            return found
    if name == "dict" and not args and not kwargs:
        return dicts.empty(fc, node)
    if kwargs and name != "print":
        raise fc.unsupported(f"keyword arguments to {name}()", node)
    if name in ("any", "all"):
        check_count(fc, name, args, 1, 1, node)
        return sequences.any_all(fc, name, args[0], node)
    if name == "len":
        check_count(fc, name, args, 1, 1, node)
        a = args[0]
        if isinstance(a, TupleVal):
            return Const(len(a.items))
        if lists.is_list(a):
            return lists.length(fc, a)
        if dicts.is_dict(a):
            return dicts.length(fc, a)
        if sets.is_set(a):
            return sets.length(fc, a)
        if fc.is_array(a) and a.ty.ndim == 0:  # NumPy's TypeError
            raise fc.typing_error("len() of unsized object (a 0-d array)",
                                  node)
        if fc.is_array(a):
            return s.from_index(fc.arr.dim(a, 0))
        if flatiter.is_flat(a):  # len(a.flat): a.size
            return s.from_index(fc.arr.size(a.array))
        raise fc.typing_error(f"len() of {fc.type_name(a)}", node)
    if name in ("min", "max", "sum") and len(args) == 1 and \
            sets.is_set(args[0]):  # of the items, as a list
        args = [sets.to_list(fc, args[0])]
    if name in ("min", "max", "sum") and len(args) == 1 and \
            lists.is_list(args[0]):
        return lists.reduce(fc, name, args[0], node)
    if name in ("min", "max"):
        if len(args) == 1:
            a = args[0]
            if fc.is_array(a):
                return reduction(fc, name, a, None, node)
            if isinstance(a, TupleVal):
                args = list(a.items)
            else:
                raise fc.typing_error(f"{name}() of {fc.type_name(a)}", node)
        if len(args) < 2:
            raise fc.typing_error(f"{name}() needs arguments", node)
        if all(is_number(a) for a in args):
            return Const((min if name == "min" else max)(
                a.value for a in args))
        vals = [fc.scalar(node, a) for a in args]
        r = vals[0]
        for v in vals[1:]:
            r = s.minmax(name, r, v)
        return r
    if name == "abs":
        check_count(fc, name, args, 1, 1, node)
        if is_number(args[0]):
            return Const(abs(args[0].value))
        if fc.is_array(args[0]):
            return ufunc_call(fc, "abs", args, node)
        return s.abs(fc.scalar(node, args[0]))
    if name == "bool" and len(args) == 1 and (sets.is_set(args[0]) or
                                              lists.is_list(args[0]) or
                                              dicts.is_dict(args[0])):
        return fc.truth_of(node, args[0])  # not empty
    if name in ("int", "float", "complex", "bool"):
        if name == "complex" and len(args) == 2:
            t = promote(float64, promote(fc.scalar(node, args[0]).ty,
                                         fc.scalar(node, args[1]).ty))
            t = complex128 if t.bits == 64 or t.kind != "c" else t
            re = s.cast(fc.scalar(node, args[0]), t.real_type)
            im = s.cast(fc.scalar(node, args[1]), t.real_type)
            return b.op(f"complex.create {re}, {im} : {t.mlir}", t)
        check_count(fc, name, args, 1, 1, node)
        if all(is_number(a) for a in args):
            return Const(getattr(builtins, name)(args[0].value))
        v = fc.scalar(node, args[0])
        if name == "int" and v.ty.kind == "c":
            raise fc.typing_error("can't convert complex to int", node)
        if name == "float" and v.ty.kind == "c":
            raise fc.typing_error("can't convert complex to float", node)
        to = {"int": int64, "float": float64, "complex": complex128,
              "bool": bool_}[name]
        if name == "int" and v.ty.kind in "iu":
            return v
        return s.cast(v, to)
    if name == "round":
        check_count(fc, name, args, 1, 2, node)
        v = fc.scalar(node, args[0])
        if v.ty.kind in "biu":
            return v
        t = v.ty
        if len(args) == 1:
            r = b.op(f"math.roundeven {v} : {t.mlir}", t)
            return s.cast(r, int64)
        nd = fc.scalar(node, args[1])
        ten = b.const(10.0, t)
        scale = s.power(ten, nd, t)
        x = b.op(f"arith.mulf {v}, {scale} : {t.mlir}", t)
        x = b.op(f"math.roundeven {x} : {t.mlir}", t)
        return b.op(f"arith.divf {x}, {scale} : {t.mlir}", t)
    if name == "pow":
        check_count(fc, name, args, 2, 2, node)
        return fc.binary("**", args[0], args[1], node)
    if name == "divmod":
        check_count(fc, name, args, 2, 2, node)
        return TupleVal((fc.binary("//", args[0], args[1], node),
                         fc.binary("%", args[0], args[1], node)))
    if name == "sum" and len(args) == 1 and fc.is_array(args[0]):
        return reduction(fc, "sum", args[0], None, node)
    if name == "sum" and 1 <= len(args) <= 2 and isinstance(args[0],
                                                           TupleVal):
        total = args[1] if len(args) == 2 else Const(0)
        for item in args[0].items:
            total = fc.binary("+", total, item, node)
        return total
    if name in ("zip", "reversed", "enumerate"):
        raise fc.unsupported(f"{name}() outside the header of a for loop",
                             node)
    if name == "range":
        raise fc.unsupported("range() outside a for loop", node)
    if name == "print":
        from .printing import call_print
        return call_print(fc, args, kwargs, node)
    raise fc.unsupported(f"the builtin {name}() here", node)


# ---------------------------------------------------------------------------
# math
# ---------------------------------------------------------------------------

def call_math(fc: Any, name: str, args: list, kwargs: dict,
              node: ast.AST) -> Any:
    s = fc.s
    if any(fc.is_array(a) for a in args):
        raise fc.typing_error(f"math.{name}() takes scalars; use np.{name} "
                              f"for arrays", node)
    vals = [fc.scalar(node, a) for a in args]
    for v in vals:
        if v.ty.kind == "c":
            raise fc.typing_error(f"math.{name}() of a complex number "
                                  f"(use cmath)", node)
    if name in ("floor", "ceil", "trunc"):
        check_count(fc, "math." + name, vals, 1, 1, node)
        return s.cast(s.math1(name, vals[0]), int64)
    if name in ("isnan", "isinf", "isfinite"):
        if vals[0].ty.kind in "biu":
            return fc.b.const(name == "isfinite", bool_)
        return s.classify(name, vals[0])
    if name in ("radians", "degrees"):
        f = math.pi / 180 if name == "radians" else 180 / math.pi
        v = s.cast(vals[0], float64)
        return s.binop("*", v, fc.b.const(f, float64), float64)
    if name == "log" and len(vals) == 2:  # math.log(x, base)
        x, base = (s.cast(v, float64) for v in vals)
        return s.binop("/", s.math1("log", x), s.math1("log", base), float64)
    if name in MATH_UNARY:
        check_count(fc, "math." + name, vals, 1, 1, node)
        return s.math1(name, vals[0])
    if name in MATH_BINARY or name in ("pow", "hypot", "atan2", "fmod",
                                       "copysign"):
        check_count(fc, "math." + name, vals, 2, 2, node)
        x = s.cast(vals[0], s.float_type(vals[0].ty))
        return s.math2(name, x, vals[1], numpy=False)
    if name in LIBM_MATH:
        return libm_call(fc, name, vals, node)
    raise fc.unsupported(f"math.{name}", node)


