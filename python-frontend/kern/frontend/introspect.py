"""Built-ins that ask about values, decided at compile time where Python
would answer from the type: `getattr(x, "name"[, default])`,
`hasattr(x, "name")`, `type(x)` (a class that can be called: `type(x)(0)`),
`len(range(...))`, `repr` of numbers, and the tuple methods `index` and
`count`.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a, t):
    ...     return (getattr(a, "shape")[0], hasattr(a, "nope"),
    ...             type(a[0])(7), len(range(2, 17, 3)), t.index(5),
    ...             t.count(4))
    >>> f(np.ones(3), (4, 5, 4))
    (3, False, 7.0, 5, 1, 2)
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional

import numpy as np

from ..errors import KernError
from ..types import Array, Scalar, Tuple, int64
from .builder import Const, TupleVal, check_count
from .typemap import value_type

__all__ = ["introspect_call", "tuple_method", "INTROSPECTING"]

INTROSPECTING = ("getattr", "hasattr", "type", "repr")


def _attribute_name(fc: Any, args: List[Any], name: str,
                    node: ast.AST) -> str:
    if not (isinstance(args[1], Const) and isinstance(args[1].value, str)):
        raise fc.typing_error(f"{name}() needs an attribute name known at "
                              f"compile time", node)
    return args[1].value


def introspect_call(fc: Any, name: str, args: List[Any],
                    node: ast.AST) -> Optional[Any]:
    """getattr/hasattr/type/repr(number), or None when not this module's."""
    if name == "getattr":
        check_count(fc, name, args, 2, 3, node)
        attr = _attribute_name(fc, args, name, node)
        if len(args) == 3 and not _has(fc, args[0], attr, node):
            return args[2]
        return _attribute(fc, args[0], attr, node)
    if name == "hasattr":
        check_count(fc, name, args, 2, 2, node)
        return Const(_has(fc, args[0], _attribute_name(fc, args, name, node),
                          node))
    if name == "type":
        check_count(fc, name, args, 1, 1, node)
        return Const(_class_of(fc, args[0], node))
    if name == "repr" and len(args) == 1 and (
            isinstance(value_type(args[0]), Scalar) or isinstance(
                args[0], Const) and isinstance(args[0].value, (int, float))):
        from .strings import builtin  # repr of a number is its str
        return builtin(fc, "str", args, {}, node)
    return None


def _attribute(fc: Any, x: Any, attr: str, node: ast.AST) -> Any:
    if isinstance(x, Const):
        if not hasattr(x.value, attr):
            raise fc.typing_error(f"'{type(x.value).__name__}' object has "
                                  f"no attribute '{attr}'", node)
        return Const(getattr(x.value, attr))
    return fc.attribute(x, attr, node)


def _has(fc: Any, x: Any, attr: str, node: ast.AST) -> bool:
    """Whether `x.attr` types (what it would emit is dropped)."""
    try:
        fc.b.capture(lambda: _attribute(fc, x, attr, node))
    except KernError:
        return False
    return True


def _class_of(fc: Any, x: Any, node: ast.AST) -> type:
    if isinstance(x, Const):
        return type(x.value)
    ty = value_type(x)
    if isinstance(ty, Scalar):
        return np.dtype(ty.np).type  # np.float64(...) converts as float()
    if isinstance(ty, Array):
        return np.ndarray
    if isinstance(ty, Tuple):
        return getattr(ty, "cls", None) or tuple
    raise fc.unsupported(f"type() of {fc.type_name(x)}", node)


def tuple_method(fc: Any, t: TupleVal, name: str, args: List[Any],
                 node: ast.AST) -> Any:
    """`t.index(x)` (ValueError when absent) and `t.count(x)`."""
    if name not in ("index", "count"):
        raise fc.typing_error(f"tuples have no method '{name}' in compiled "
                              f"code", node)
    check_count(fc, f"tuple.{name}", args, 1, 1, node)
    s, b = fc.s, fc.b
    x = fc.scalar(node, args[0])
    hits = [s.compare("==", fc.scalar(node, item), x) for item in t.items]
    if name == "count":
        total = b.const(0, int64)
        for h in hits:
            total = s.binop("+", total, s.cast(h, int64), int64)
        return total
    found = b.const(-1, int64)
    for k in range(len(hits) - 1, -1, -1):  # the first hit wins
        found = b.op(f"arith.select {hits[k]}, {b.const(k, int64)}, "
                     f"{found} : i64", int64)
    s.raise_if(s.compare("<", found, b.const(0, int64)), "ValueError",
               "tuple.index(x): x not in tuple")
    return found
