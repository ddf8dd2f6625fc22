"""The stack check before a recursive call: a recursion deeper than the
thread's stack raises RecursionError instead of killing the process
(lib/Runtime/Stack.c). The common case costs a load and a compare: the
compiled code reads the thread's limit from the runtime's thread-local
variable itself, at the thread pointer plus `kern_rt_stack_limit_offset`,
and calls `kern_rt_check_stack` only when the stack pointer is below it
(or the limit is not known yet: a thread starts with the highest one).
On x86-64 the thread pointer is the base of %fs, address space 257:

>>> from kern.frontend.builder import Builder
>>> b = Builder()
>>> low = stack_below_limit(b, "x86_64")
>>> print(b.text())
%a0 = llvm.mlir.addressof @kern_rt_stack_limit_offset : !llvm.ptr
%1 = llvm.load %a0 invariant : !llvm.ptr -> i64
%2 = llvm.inttoptr %1 : i64 to !llvm.ptr<257>
%limit3 = llvm.load %2 : !llvm.ptr<257> -> i64
%sp4 = llvm.inline_asm "mov %rsp, $0", "=r" : () -> i64
%5 = arith.cmpi ult, %sp4, %limit3 : i64
%false6 = arith.constant false
%low7 = llvm.intr.expect %5, %false6 : i1

which LLVM makes `cmpq %fs:(%rax), %rsp; jb slow`, the offset's load
hoisted out of the loops (it is a constant of the process). On AArch64
the thread pointer is TPIDR_EL0; on other machines each check calls the
runtime. The module declares the offset as an external global:

>>> print(declaration())
llvm.mlir.global external constant @kern_rt_stack_limit_offset() {addr_space = 0 : i32} : i64
"""

from __future__ import annotations

import platform
import sys
import weakref
from typing import Any, List, Optional

from ..types import bool_, int64
from .builder import Builder, V

__all__ = ["emit_stack_check", "stack_below_limit", "declaration",
           "host_arch"]

OFFSET = "kern_rt_stack_limit_offset"
SLOW = "kern_rt_check_stack"

# The stack pointer and the thread pointer, read by inline assembly (no
# memory effects: an op the buffer deallocation accepts, unlike the
# llvm.stacksave and llvm.thread.pointer intrinsics).
_SP = {"x86_64": '"mov %rsp, $0", "=r"', "aarch64": '"mov $0, sp", "=r"'}
_TP_AARCH64 = '"mrs $0, tpidr_el0", "=r"'

# builder (one per pass over a function) -> the region bodies (its buffers
# of lines) that hold a check
_CHECKED: "weakref.WeakKeyDictionary[Builder, List[List[str]]]" = \
    weakref.WeakKeyDictionary()


def host_arch() -> Optional[str]:
    """'x86_64' or 'aarch64' on Linux (the thread pointers kern reads),
    else None: the checks then call the runtime."""
    if not sys.platform.startswith("linux"):
        return None
    machine = platform.machine().lower()
    if machine in ("x86_64", "amd64"):
        return "x86_64"
    if machine in ("aarch64", "arm64"):
        return "aarch64"
    return None


def declaration() -> str:
    """The module-level declaration of the runtime's offset."""
    return (f"llvm.mlir.global external constant @{OFFSET}() "
            f"{{addr_space = 0 : i32}} : i64")


def _limit(b: Builder, arch: str) -> V:
    """The calling thread's limit (an i64)."""
    a = b.op(f"llvm.mlir.addressof @{OFFSET} : !llvm.ptr", int64,
             "!llvm.ptr", hint="a")
    off = b.op(f"llvm.load {a} invariant : !llvm.ptr -> i64", int64)
    if arch == "x86_64":
        p = b.op(f"llvm.inttoptr {off} : i64 to !llvm.ptr<257>", int64,
                 "!llvm.ptr<257>")
        return b.op(f"llvm.load {p} : !llvm.ptr<257> -> i64", int64,
                    hint="limit")
    tp = b.op(f"llvm.inline_asm {_TP_AARCH64} : () -> !llvm.ptr", int64,
              "!llvm.ptr", hint="tp")
    p = b.op(f"llvm.getelementptr {tp}[{off}] : (!llvm.ptr, i64) -> "
             f"!llvm.ptr, i8", int64, "!llvm.ptr")
    return b.op(f"llvm.load {p} : !llvm.ptr -> i64", int64, hint="limit")


def stack_below_limit(b: Builder, arch: str) -> V:
    """An i1: whether the stack pointer is below the thread's limit
    (expected false)."""
    limit = _limit(b, arch)
    sp = b.op(f"llvm.inline_asm {_SP[arch]} : () -> i64", int64, hint="sp")
    below = b.op(f"arith.cmpi ult, {sp}, {limit} : i64", bool_)
    unlikely = b.const(False, bool_)
    return b.op(f"llvm.intr.expect {below}, {unlikely} : i1", bool_,
                hint="low")


def _checked(b: Builder) -> bool:
    """Whether a check already runs before the current point at the same
    stack depth: one emitted earlier in an enclosing region body (a
    buffer still open), which every path to this point has passed. A
    thread's limit, once one check has run, does not change, so a second
    check of the same frame would give the same answer."""
    done = _CHECKED.get(b, ())
    return any(open_body is body for open_body in b.stack for body in done)


def emit_stack_check(fc: Any) -> None:
    """The check, at the current point of `fc` (before a recursive
    call): the runtime is called when the stack pointer is below the
    limit, and raises RecursionError when the stack is nearly full. Not
    emitted again where an earlier check of the frame always ran
    (`f(n - 1) + f(n - 2)` checks once), except in parallel functions,
    whose prange bodies run on other threads' stacks."""
    b = fc.b
    if _checked(b) and not fc.module.parallel:
        return
    _CHECKED.setdefault(b, []).append(b.lines)
    arch = host_arch()
    if arch is None:
        fc.s.call(SLOW, [])
        return
    fc.module.declarations[OFFSET] = declaration()
    low = stack_below_limit(b, arch)
    b.emit(f"scf.if {low} {{")
    b.push()
    fc.s.call(SLOW, [])
    for line in b.pop():
        b.emit("  " + line)
    b.emit("}")
