"""`raise` and `assert` in compiled code, with Python's exceptions.

The exception's arguments travel as `repr(args)`: constants are written at
compile time, numbers computed at run time fill placeholders of kern.raise
(lib/Runtime/Error.c formats them as Python does), and the caller turns
the text back into the arguments (kern.errors.exception_from_repr):

>>> # raise ValueError("bad value", x, 2.5)      (x: int64)
>>> #   kern.raise "ValueError", "('bad value', %d, 2.5)"(%x : i64) {args_repr}
>>> # raise MyError(t)     (a user class in module app, t: float64)
>>> #   kern.raise "Exception", "app:MyError (%g,)"(%t : f64) {args_repr}

so `e.args`, `str(e)` and the class are what Python would give, for
built-in and user-defined classes alike. Arguments are numbers, booleans,
strings and None known at compile time, and numbers, booleans and strings
(f-strings too, `%s`: the runtime writes their repr) computed at run time.
"""

from __future__ import annotations

import ast
from typing import Any, List, Sequence, Tuple

import numpy as np

from ..errors import exception_class_ref
from ..strtype import UnicodeType
from ..types import Scalar, bool_, float64, int64, uint64
from .builder import Const, V

# Classes kern.raise names directly; any other exception class is raised as
# "Exception" with the class named in the message.
_KINDS = {ValueError: "ValueError", IndexError: "IndexError",
          ZeroDivisionError: "ZeroDivisionError", TypeError: "TypeError",
          RuntimeError: "RuntimeError", AssertionError: "AssertionError",
          OverflowError: "OverflowError", MemoryError: "MemoryError",
          NotImplementedError: "NotImplementedError", KeyError: "KeyError",
          np.linalg.LinAlgError: "LinAlgError"}


def raise_statement(fc: Any, node: ast.Raise) -> None:
    """`raise E`, `raise E(args)`: the exception, raised unconditionally."""
    if node.exc is None:
        from .trying import reraise  # inside an except clause
        return reraise(fc, node)
    if node.cause is not None:
        raise fc.unsupported("'raise ... from ...'", node)
    exc, arg_nodes = node.exc, []
    if isinstance(exc, ast.Call):
        if exc.keywords:
            raise fc.unsupported("keyword arguments of an exception", node)
        exc, arg_nodes = exc.func, exc.args
    cls = fc.expr(exc)
    cls = cls.value if isinstance(cls, Const) else None
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        raise fc.unsupported(f"raising {fc.src(node.exc)} (an exception "
                             f"class or a call of one is raised)", node)
    args = [fc.expr(a) for a in arg_nodes]
    kind, text, operands = exception_text(fc, cls, args, node)
    fc.s.raise_if(fc.b.const(True, bool_), kind, text, operands,
                  args_repr=True)


def assert_statement(fc: Any, node: ast.Assert) -> None:
    """`assert c, msg` is `if not c: raise AssertionError(msg)`."""
    cls = ast.Name(id="AssertionError", ctx=ast.Load())
    cls.kern_value = AssertionError  # whatever the globals hold
    call = ast.Call(func=cls, args=[] if node.msg is None else [node.msg],
                    keywords=[])
    test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    guard = ast.If(test=test, body=[ast.Raise(exc=call, cause=None)],
                   orelse=[])
    for n in ast.walk(guard):
        if not hasattr(n, "lineno"):
            ast.copy_location(n, node)
    fc.stmt_If(guard)


def exception_text(fc: Any, cls: type, args: Sequence[Any],
                   node: ast.AST) -> Tuple[str, str, List[V]]:
    """kern.raise's kind, message and operands for `cls(*args)`."""
    kind = _KINDS.get(cls)
    prefix = "" if kind else exception_class_ref(cls) + " "
    parts, operands = [], []
    for a in args:
        part, value = _argument(fc, a, node)
        parts.append(part)
        if value is not None:
            operands.append(value)
    body = ", ".join(parts) + ("," if len(parts) == 1 else "")
    return kind or "Exception", prefix.replace("%", "%%") + f"({body})", \
        operands


def _argument(fc: Any, a: Any, node: ast.AST) -> Tuple[str, Any]:
    """The text of one argument in repr(args), and the operand it needs."""
    if isinstance(a, Const) and (a.value is None or
                                 isinstance(a.value, (bool, int, float, str))):
        return repr(a.value).replace("%", "%%"), None
    if isinstance(a, V) and isinstance(a.ty, Scalar) and a.ty.kind != "c":
        s = fc.s
        if a.ty.kind == "b":
            return "%b", a
        if a.ty.kind == "u":
            return "%u", s.cast(a, uint64)
        if a.ty.kind == "i":
            return "%d", s.cast(s.from_index(a), int64)
        return "%g", s.cast(a, float64)
    if isinstance(a, V) and isinstance(a.ty, UnicodeType):  # its address
        return "%s", fc.b.op(f"llvm.ptrtoint {a} : !llvm.ptr to i64", int64)
    raise fc.unsupported(f"an exception argument of type {fc.type_name(a)} "
                         f"(numbers, booleans and strings are supported)",
                         node)
