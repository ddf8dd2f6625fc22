"""Recursive compiled functions: a call of a function that is still
compiling is typed with the return type its returns gave so far (Numba's
rule), found first by a probing pass when the base case comes later, and
checked again when a later return widens it (kern/frontend/function.py
runs the passes). Each recursive call checks the stack first: a recursion
deeper than the thread's stack raises RecursionError (stackcheck.py)."""

from __future__ import annotations

import ast
from typing import Any, Optional, Tuple as PT

from ..errors import KernError
from ..types import NoneType, Type, none
from .passes import Retry, UntypedRecursion
from .stackcheck import emit_stack_check

__all__ = ["RecursionMixin"]


class RecursionMixin:
    """Needs the FunctionCompiler's vartypes, declared_return, symbol,
    recursive_returns, probing and emit_function."""

    def recursive_signature(self, caller: Any, node: ast.AST
                            ) -> PT[str, Optional[Type]]:
        """(symbol, return type) for a call of this function made while
        it compiles: a recursive call, typed by the returns seen so far
        (Numba's rule: a return that does not recurse must give the type)."""
        ret = self.declared_return or self.vartypes.get("$rv")
        if ret is None and caller is self:
            raise UntypedRecursion()
        if ret is None:
            raise caller.typing_error(
                f"cannot type the recursive call of '{self.py_func.__name__}'"
                f": its return type is not known here (return the base case "
                f"before the recursive call, or give a signature)", node)
        if isinstance(ret, NoneType):
            ret = None
        self.recursive_returns.append((ret, caller is self))
        # RecursionError, not a dead process, when the stack runs out
        # (frontend/stackcheck.py); emitted just before the call.
        emit_stack_check(caller)
        return self.symbol, ret

    def probe_return_type(self) -> None:
        """A pass that leaves out the statements calling this function
        recursively, so that the other returns give its type (`if n > 1:
        return n * f(n - 1)` then `return 1`); its text and errors are
        dropped, and a pass without a type keeps the error of the call."""
        self.probing = True
        complete = False
        try:
            self.emit_function()
            complete = True
        except (KernError, Retry, UntypedRecursion):
            pass
        finally:
            self.probing = False
        if complete and self.vartypes.get("$rv") is None and \
                not _returns_a_value(self.fdef):
            self.vartypes["$rv"] = none  # it returns nothing (a quicksort)
        if self.vartypes.get("$rv") is None:
            raise self.typing_error(
                f"cannot type the recursive function "
                f"'{self.py_func.__name__}': no return without a recursive "
                f"call gives its return type (give it a signature)", self.fdef)

    def recursion_settled(self) -> bool:
        """Whether the recursive calls of this pass used the final return
        type (else one more pass, with it); a type that changed under a
        call through another function is a TypingError."""
        stale = [direct for ret, direct in self.recursive_returns
                 if ret != self.return_type]
        if stale and not all(stale):
            raise self.typing_error(
                f"the return type of the recursive function "
                f"'{self.py_func.__name__}' changes to {self.return_type} "
                f"after a call through another function used "
                f"{self.recursive_returns[0][0]}", self.fdef)
        return not stale


def _returns_a_value(fdef: ast.FunctionDef) -> bool:
    """A `return <value>` in the function's own body (not in functions
    defined inside it)."""
    todo = list(fdef.body)
    while todo:
        n = todo.pop()
        if isinstance(n, ast.Return) and n.value is not None and not (
                isinstance(n.value, ast.Constant) and n.value.value is None):
            return True
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                              ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(n))
    return False
