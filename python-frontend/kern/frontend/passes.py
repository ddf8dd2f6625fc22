"""The exceptions that end a pass of the FunctionCompiler early
(frontend/function.py runs the passes until the types settle), and the
count of placeholder values a pass read: a module below every emitter,
so that any of them can raise one or count a read.

    >>> issubclass(Retry, Exception)
    True
"""

from __future__ import annotations

from typing import Any

__all__ = ["Retry", "UntypedRecursion", "placeholder_read",
           "placeholder_reads"]


class Retry(Exception):
    """Abandon this typing pass: a variable's type is known only in the
    next one."""


class UntypedRecursion(Exception):
    """A recursive call before any return gave the function's type: a
    probing pass that leaves such statements out finds it (function.py)."""


def placeholder_read(fc: Any) -> None:
    """Counts a read of a placeholder: a value of a container typed only by
    later statements of this pass (an empty list's item, a dict's value
    before its first store). A statement that fails after such a read is
    left out of the pass, an error only if no type changes
    (statements.stmt, function.compile)."""
    fc.__dict__["placeholder_reads"] = placeholder_reads(fc) + 1


def placeholder_reads(fc: Any) -> int:
    """How many placeholders this compiler has read."""
    return fc.__dict__.get("placeholder_reads", 0)
