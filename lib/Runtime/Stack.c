/*===- Stack.c - deep recursion in compiled code raises RecursionError ----===*
 *
 * Compiled code has no interpreter counting frames: a recursion a million
 * calls deep would run off the thread's stack and kill the process. Before
 * each recursive call the frontend (kern/frontend/stackcheck.py) compares
 * the stack pointer with a limit kept per thread, in a thread-local
 * variable of this file that the compiled code reads itself, and calls
 * kern_rt_check_stack() only when the stack pointer is below it. On x86-64:
 *
 *   %a = llvm.mlir.addressof @kern_rt_stack_limit_offset : !llvm.ptr
 *   %off = llvm.load %a invariant : !llvm.ptr -> i64
 *   %p = llvm.inttoptr %off : i64 to !llvm.ptr<257>       (%fs-relative)
 *   %limit = llvm.load %p : !llvm.ptr<257> -> i64
 *   %sp = llvm.inline_asm "mov %rsp, $0", "=r" : () -> i64
 *   %low = arith.cmpi ult, %sp, %limit : i64
 *   scf.if %low { func.call @kern_rt_check_stack() : () -> () }
 *   %r = func.call @fib__int64(%n1) : (i64) -> i64
 *
 * which is four instructions (the offset's load leaves the loops):
 *
 *   cmpq %fs:(%rax), %rsp; jb slow
 *
 * The variable is initial-exec TLS (static TLS, which glibc keeps for the
 * few bytes of a dlopen-ed library), so its address is the thread pointer
 * plus an offset that is the same on every thread; the offset is published
 * in kern_rt_stack_limit_offset when the library loads, an ordinary global
 * that the JIT and the linked objects of cache=True resolve like a
 * function of the runtime.
 *
 * A thread starts with the limit UINTPTR_MAX, "not known yet" (the
 * variable's initial value, copied into each thread's TLS), so its first
 * check calls kern_rt_check_stack, which computes the real limit: the low
 * end of the thread's stack (pthread_getattr_np) plus a reserve of an
 * eighth of its size, between 64 KiB and 1 MiB, for the frames between two
 * checks and for the raise. Past the limit it raises Python's
 * RecursionError (a `module:qualname (args)` raise, kind KernErrorException
 * with KernErrorArgsRepr: docs/abi.md), which unwinds to kernRuntimeCall.
 * Where the stack cannot be found the limit is 1 and nothing is checked.
 * Code that runs on a stack of its own (the fibers of kern.cuda's CPU
 * target, CudaHost.c) sets the thread's limit for it while it runs
 * (kernRuntimeStackEnter, Internal.h).
 * Inside an OpenMP parallel region a raise only records the error and
 * returns (Error.c), so there the check cannot stop a runaway recursion.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "kern-c/Runtime.h"
#include "Internal.h"

#include <pthread.h>
#include <stdint.h>

/* UINTPTR_MAX: not known yet. initial-exec: at a fixed offset from the
 * thread pointer, the same on every thread (see above). */
static _Thread_local uintptr_t stackLimit
    __attribute__((tls_model("initial-exec"))) = UINTPTR_MAX;

intptr_t kern_rt_stack_limit_offset;

/* Runs when the library loads, before any compiled code can read it. */
__attribute__((constructor)) static void publishLimitOffset(void) {
  kern_rt_stack_limit_offset =
      (intptr_t)((char *)&stackLimit - (char *)__builtin_thread_pointer());
}

/* The limit of a stack of `size` bytes from `low`; 1 (never raise) when
 * the reserve does not fit. */
static uintptr_t limitOf(uintptr_t low, size_t size) {
  size_t reserve = size / 8;
  if (reserve < ((size_t)64 << 10))
    reserve = (size_t)64 << 10;
  if (reserve > ((size_t)1 << 20))
    reserve = (size_t)1 << 20;
  if (reserve >= size)
    return 1;
  return low + reserve;
}

static uintptr_t computeLimit(void) {
  pthread_attr_t attr;
  void *low = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) != 0)
    return 1; /* unknown: never raise */
  int got = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  if (got != 0 || !low || !size)
    return 1;
  return limitOf((uintptr_t)low, size);
}

uintptr_t kernRuntimeStackEnter(void *low, size_t size) {
  uintptr_t previous = stackLimit;
  stackLimit = limitOf((uintptr_t)low, size);
  return previous;
}

void kernRuntimeStackLeave(uintptr_t previous) { stackLimit = previous; }

void kern_rt_check_stack(void) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  uintptr_t limit = stackLimit;
  if (__builtin_expect(here >= limit, 1))
    return;
  if (limit == UINTPTR_MAX) {
    stackLimit = limit = computeLimit();
    if (here >= limit)
      return;
  }
  kern_rt_raise(KernErrorException | KernErrorArgsRepr,
                "builtins:RecursionError ('maximum recursion depth "
                "exceeded in compiled code (the stack of the thread is "
                "nearly full)',)",
                0, NULL);
}
