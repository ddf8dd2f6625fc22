"""Ctrl-C in compiled loops (lib/Runtime/Interrupt.c): the check at the top
of each iteration of the loops that may run long.

kern's SIGINT handler sets the runtime's `kern_rt_interrupt_flag`; a loop
whose body holds another loop (a `for`, `while` or comprehension), and
every `while` loop, reads it at the top of each iteration (a volatile
load, expected zero) and calls `kern_rt_interrupt`, which raises
KeyboardInterrupt, when it is set. Innermost `for` loops are not touched,
so their code (vectorized or not) stays what it was; CUDA kernels have no
checks. A prange body that runs loops is skipped, iteration by iteration,
once the flag is set (OpenMP threads cannot unwind: the first records the
interrupt, which the call raises when the region ends); the loops inside
it are not checked.

>>> from kern.frontend.builder import Builder
>>> b = Builder()
>>> v = interrupt_pending(b)
>>> print(b.text())
%a0 = llvm.mlir.addressof @kern_rt_interrupt_flag : !llvm.ptr
%1 = llvm.load volatile %a0 : !llvm.ptr -> i32
%c2 = arith.constant 0 : i32
%3 = arith.cmpi ne, %1, %c2 : i32
%false4 = arith.constant false
%set5 = llvm.intr.expect %3, %false4 : i1
>>> print(declaration())
llvm.mlir.global external @kern_rt_interrupt_flag() {addr_space = 0 : i32} : i32
"""

from __future__ import annotations

import ast
from typing import Any, List, Sequence, Tuple as PT

from ..types import bool_, int32, int64
from .builder import Builder, V

__all__ = ["wants_check", "emit_interrupt_check", "interrupt_pending",
           "declaration", "prange_wants_check", "emit_parallel_interrupt",
           "INTERRUPT"]

FLAG = "kern_rt_interrupt_flag"
RAISE = INTERRUPT = "kern_rt_interrupt"

_LOOPS = (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
          ast.GeneratorExp)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def declaration() -> str:
    """The module-level declaration of the runtime's flag."""
    return f"llvm.mlir.global external @{FLAG}() {{addr_space = 0 : i32}} : i32"


def _holds_loop(body: Sequence[ast.stmt]) -> bool:
    todo = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, _LOOPS):
            return True
        if not isinstance(node, _SCOPES):
            todo.extend(ast.iter_child_nodes(node))
    return False


def wants_check(fc: Any, node: ast.AST, body: Sequence[ast.stmt]) -> bool:
    """Whether the loop `node` (body `body`) of `fc` checks for Ctrl-C."""
    if fc.module.kernel or getattr(fc, "in_prange", False):
        return False
    return isinstance(node, ast.While) or _holds_loop(body)


def prange_wants_check(fc: Any, body: Sequence[ast.stmt]) -> bool:
    """Whether the body of a prange loop of `fc` runs loops: then each
    iteration is skipped once Ctrl-C is pending (frontend/parallel.py)."""
    return not fc.module.kernel and _holds_loop(body)


def emit_parallel_interrupt(fc: Any) -> PT[V, List[str]]:
    """At the top of a prange iteration: whether Ctrl-C is pending, and the
    lines that record it when this is the first iteration to see it (the
    flag is 1; kern_rt_interrupt makes it 2, so that the iterations after
    skip for a load and a compare)."""
    b = fc.b
    fc.module.declarations[FLAG] = declaration()
    a = b.op(f"llvm.mlir.addressof @{FLAG} : !llvm.ptr", int64, "!llvm.ptr",
             hint="a")
    flag = b.op(f"llvm.load volatile {a} : !llvm.ptr -> i32", int32)
    zero, one = b.const(0, int32), b.const(1, int32)
    pending = b.op(f"arith.cmpi ne, {flag}, {zero} : i32", bool_)
    unlikely = b.const(False, bool_)
    pending = b.op(f"llvm.intr.expect {pending}, {unlikely} : i1", bool_,
                   hint="set")

    def record() -> None:
        first = b.op(f"arith.cmpi eq, {flag}, {one} : i32", bool_)
        b.emit(f"scf.if {first} {{")
        b.push()
        fc.s.call(RAISE, [])
        for line in b.pop():
            b.emit("  " + line)
        b.emit("}")
    _, lines = b.capture(record)
    return pending, lines


def interrupt_pending(b: Builder) -> V:
    """An i1: whether a Ctrl-C is pending (expected false)."""
    a = b.op(f"llvm.mlir.addressof @{FLAG} : !llvm.ptr", int64, "!llvm.ptr",
             hint="a")
    flag = b.op(f"llvm.load volatile {a} : !llvm.ptr -> i32", int32)
    zero = b.const(0, int32)
    pending = b.op(f"arith.cmpi ne, {flag}, {zero} : i32", bool_)
    unlikely = b.const(False, bool_)
    return b.op(f"llvm.intr.expect {pending}, {unlikely} : i1", bool_,
                hint="set")


def emit_interrupt_check(fc: Any) -> None:
    """The check, at the current point of `fc` (the top of a loop body)."""
    b = fc.b
    fc.module.declarations[FLAG] = declaration()
    pending = interrupt_pending(b)
    b.emit(f"scf.if {pending} {{")
    b.push()
    fc.s.call(RAISE, [])
    for line in b.pop():
        b.emit("  " + line)
    b.emit("}")
