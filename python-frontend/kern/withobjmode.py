"""`kern.objmode`: Numba's `with objmode(...)` blocks.

In a compiled function, the body of `with kern.objmode(y='float64[:]'):`
runs in the Python interpreter (kern/frontend/objmode.py): the variables it
reads are boxed into Python objects (numbers, strs, NumPy arrays viewing
the same memory), the block runs as Python code, and the variables named
in the call come back to compiled code with their declared types (strings
as Numba writes them, or kern types).

In plain Python, `objmode(...)` is a context manager that does nothing:

    >>> from kern import objmode
    >>> with objmode(y='float64'):
    ...     y = 2.5
    >>> y
    2.5
"""

from __future__ import annotations

from typing import Any

__all__ = ["ObjModeContext", "objmode"]


class ObjModeContext:
    """The type of `kern.objmode`; calling it with the outputs' types as
    keywords gives the context manager of a `with` statement.

    >>> ObjModeContext()(x='int64') is not None
    True
    """

    def __call__(self, *args: Any, **types: Any) -> "ObjModeContext":
        if args:
            raise TypeError("objmode() takes the types of its outputs as "
                            "keywords: objmode(y='float64[:]')")
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> bool:
        return False

    def __repr__(self) -> str:
        return "kern.objmode"


objmode = ObjModeContext()
