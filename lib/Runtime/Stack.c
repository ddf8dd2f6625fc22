/*===- Stack.c - deep recursion in compiled code raises RecursionError ----===*
 *
 * Compiled code has no interpreter counting frames: a recursion a million
 * calls deep would run off the thread's stack and kill the process. The
 * frontend calls kern_rt_check_stack() before each recursive call (kern/
 * frontend/recursion.py):
 *
 *   func.call @kern_rt_check_stack() : () -> ()
 *   %r = func.call @fib__int64(%n1) : (i64) -> i64
 *
 * which compares the stack pointer with a limit kept per thread: the low
 * end of the thread's stack (pthread_getattr_np) plus a reserve of an
 * eighth of its size, between 64 KiB and 1 MiB, for the frames between two
 * checks and for the raise. Past the limit it raises Python's
 * RecursionError (a `module:qualname (args)` raise, kind KernErrorException
 * with KernErrorArgsRepr: docs/abi.md), which unwinds to kernRuntimeCall.
 * Inside an OpenMP parallel region a raise only records the error and
 * returns (Error.c), so there the check cannot stop a runaway recursion.
 *
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "kern-c/Runtime.h"

#include <pthread.h>
#include <stdint.h>

/* 0: not known yet. initial-exec: a plain load from the thread pointer,
 * not a __tls_get_addr call (glibc keeps static TLS for the few bytes of a
 * dlopen-ed library), so that a check costs a few instructions. */
static _Thread_local uintptr_t stackLimit
    __attribute__((tls_model("initial-exec")));

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
  size_t reserve = size / 8;
  if (reserve < ((size_t)64 << 10))
    reserve = (size_t)64 << 10;
  if (reserve > ((size_t)1 << 20))
    reserve = (size_t)1 << 20;
  if (reserve >= size)
    return 1;
  return (uintptr_t)low + reserve;
}

void kern_rt_check_stack(void) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  uintptr_t limit = stackLimit;
  if (__builtin_expect(limit && here >= limit, 1))
    return;
  if (!limit) {
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
