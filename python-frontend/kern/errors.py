"""Exceptions raised by kern's compiler frontend.

Every error names what went wrong (a variable, an expression or a construct)
and where: the file and line of the user's source.

>>> raise TypingError("cannot unify int64 and float64[:] for 'x'", "f.py", 3)
Traceback (most recent call last):
  ...
kern.errors.TypingError: f.py:3: cannot unify int64 and float64[:] for 'x'
"""

from __future__ import annotations

from typing import Any, Dict, Optional


class KernError(Exception):
    """Base class of the errors kern raises while compiling a function."""

    def __init__(self, message: str, filename: Optional[str] = None,
                 lineno: Optional[int] = None) -> None:
        self.message = message
        self.filename = filename
        self.lineno = lineno
        where = ""
        if filename is not None:
            where = f"{filename}:{lineno}: " if lineno else f"{filename}: "
        super().__init__(where + message)


class TypingError(KernError):
    """Type inference failed: conflicting or unknown types."""


class UnsupportedError(KernError):
    """The source uses a Python construct outside kern's language."""


# ---- exceptions raised by compiled code --------------------------------


def exception_from_repr(cls: type, text: str) -> BaseException:
    """The exception a `raise` statement in compiled code made: `text` is
    repr(args), with the numbers filled in at run time, after
    `module:qualname ` of a user-defined class (then `cls` is Exception).

    >>> exception_from_repr(ValueError, "('bad value', 3, -0.5, True)")
    ValueError('bad value', 3, -0.5, True)
    >>> exception_from_repr(Exception, "kern.errors:TypingError ('x',)")
    TypingError('x')
    >>> exception_from_repr(OverflowError, "(inf, nan)")
    OverflowError(inf, nan)
    """
    if not text.startswith("("):
        where, _, text = text.partition(" ")
        cls = _class_at(where) or cls
    return cls(*_literal_args(text))


def _class_at(where: str) -> Optional[type]:
    """The class `module:qualname`, or None when it cannot be found."""
    import importlib
    module, _, qualname = where.partition(":")
    try:
        obj: Any = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError, ValueError):
        return _LOCAL_CLASSES.get(where)
    return obj if isinstance(obj, type) else None


# Exception classes a compiled raise names that cannot be imported by name
# (defined in a function or in __main__ of another interpreter): registered
# when compiled (register_exception_class).
_LOCAL_CLASSES: Dict[str, type] = {}


# Exception classes compiled raises name, for the except clauses that
# catch them (frontend/trying.py).
_RAISED: Dict[str, type] = {}


def raised_classes() -> list:
    """The user-defined exception classes compiled code may raise."""
    return list(_RAISED.values())


def exception_class_ref(cls: type) -> str:
    """`module:qualname` by which exception_from_repr finds `cls` again."""
    where = f"{cls.__module__}:{cls.__qualname__}"
    _RAISED[where] = cls
    if _class_at(where) is not cls:
        _LOCAL_CLASSES[where] = cls
    return where


def _literal_args(text: str) -> tuple:
    """The tuple `text` writes: numbers, strings, booleans, None, inf, nan."""
    import ast
    names = {"inf": float("inf"), "nan": float("nan"), "True": True,
             "False": False, "None": None}

    def value(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.Tuple):
            return tuple(value(e) for e in node.elts)
        raise ValueError(f"kern: cannot read the exception arguments {text!r}")

    return value(ast.parse(text, mode="eval").body)
