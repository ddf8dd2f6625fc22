/*===- runtime_stack.c - kern_rt_check_stack stops a runaway recursion ---===*/
// RUN: kern-capi-runtime_stack 2>&1 | FileCheck %s

#include "kern-c/Runtime.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* What compiled recursion does: check the stack, then recurse. Without an
 * end, the check must raise before the stack runs out. The volatile buffer
 * gives each frame some size and keeps the recursion from becoming a loop. */
static int64_t descend(int64_t depth) {
  volatile char frame[64];
  frame[0] = (char)depth;
  kern_rt_check_stack();
  return descend(depth + 1) + frame[0];
}

static void runaway(void **slots) { *(int64_t *)slots[0] = descend(0); }

/* The thread's limit where compiled code reads it (Runtime.h). */
static uintptr_t limitSeen(void) {
  return *(volatile uintptr_t *)((char *)__builtin_thread_pointer() +
                                 kern_rt_stack_limit_offset);
}

/* What compiled code does (kern/frontend/stackcheck.py): the runtime is
 * called only when the stack pointer is below the limit it reads. */
static int64_t descendInline(int64_t depth) {
  volatile char frame[64];
  frame[0] = (char)depth;
  if ((uintptr_t)__builtin_frame_address(0) < limitSeen())
    kern_rt_check_stack();
  return descendInline(depth + 1) + frame[0];
}

static void runawayInline(void **slots) {
  *(int64_t *)slots[0] = descendInline(0);
}

static void shallow(void **slots) {
  int64_t n = 0;
  for (int i = 0; i < 1000; ++i) {
    kern_rt_check_stack();
    ++n;
  }
  *(int64_t *)slots[0] = n;
}

static void report(const char *where) {
  int64_t r = 0;
  void *slots[1] = {&r};
  /* Not known before the thread's first check; then below the frame. */
  printf("%s: limit unknown: %d\n", where, limitSeen() == UINTPTR_MAX);
  kern_rt_check_stack();
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  printf("%s: limit below the frame: %d\n", where,
         limitSeen() > 1 && limitSeen() < here);
  int kind = kernRuntimeCall(runaway, slots);
  printf("%s: kind %s, %s\n", where,
         kind == (KernErrorException | KernErrorArgsRepr) ? "exception"
                                                          : "other",
         kernRuntimeErrorMessage());
  kind = kernRuntimeCall(shallow, slots);
  printf("%s: after: kind %d, result %lld\n", where, kind, (long long)r);
  kind = kernRuntimeCall(runawayInline, slots);
  printf("%s: inline check: kind %s\n", where,
         kind == (KernErrorException | KernErrorArgsRepr) ? "exception"
                                                          : "other");
}

static void *onThread(void *arg) {
  report("thread");
  return arg;
}

int main(void) {
  // CHECK: main: limit unknown: 1
  // CHECK: main: limit below the frame: 1
  // CHECK: main: kind exception, builtins:RecursionError ('maximum recursion depth exceeded
  // CHECK: main: after: kind 0, result 1000
  // CHECK: main: inline check: kind exception
  report("main");
  // A thread with a small stack (256 KiB) gets its own limit.
  // CHECK: thread: limit unknown: 1
  // CHECK: thread: limit below the frame: 1
  // CHECK: thread: kind exception, builtins:RecursionError
  // CHECK: thread: after: kind 0, result 1000
  // CHECK: thread: inline check: kind exception
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 << 10);
  pthread_t t;
  pthread_create(&t, &attr, onThread, NULL);
  pthread_join(t, NULL);
  pthread_attr_destroy(&attr);
  return 0;
}
