"""The exceptions that end a pass of the FunctionCompiler early
(frontend/function.py runs the passes until the types settle): a module
below every emitter, so that any of them can raise one.

    >>> issubclass(Retry, Exception)
    True
"""

from __future__ import annotations

__all__ = ["Retry", "UntypedRecursion"]


class Retry(Exception):
    """Abandon this typing pass: a variable's type is known only in the
    next one."""


class UntypedRecursion(Exception):
    """A recursive call before any return gave the function's type: a
    probing pass that leaves such statements out finds it (function.py)."""
