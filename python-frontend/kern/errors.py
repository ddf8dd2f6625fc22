"""Exceptions raised by kern's compiler frontend.

Every error names what went wrong (a variable, an expression or a construct)
and where: the file and line of the user's source.

>>> raise TypingError("cannot unify int64 and float64[:] for 'x'", "f.py", 3)
Traceback (most recent call last):
  ...
kern.errors.TypingError: f.py:3: cannot unify int64 and float64[:] for 'x'
"""

from __future__ import annotations

from typing import Optional


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
