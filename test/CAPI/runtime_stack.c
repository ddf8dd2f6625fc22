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
  int kind = kernRuntimeCall(runaway, slots);
  printf("%s: kind %s, %s\n", where,
         kind == (KernErrorException | KernErrorArgsRepr) ? "exception"
                                                          : "other",
         kernRuntimeErrorMessage());
  kind = kernRuntimeCall(shallow, slots);
  printf("%s: after: kind %d, result %lld\n", where, kind, (long long)r);
}

static void *onThread(void *arg) {
  report("thread");
  return arg;
}

int main(void) {
  // CHECK: main: kind exception, builtins:RecursionError ('maximum recursion depth exceeded
  // CHECK: main: after: kind 0, result 1000
  report("main");
  // A thread with a small stack (256 KiB) gets its own limit.
  // CHECK: thread: kind exception, builtins:RecursionError
  // CHECK: thread: after: kind 0, result 1000
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 << 10);
  pthread_t t;
  pthread_create(&t, &attr, onThread, NULL);
  pthread_join(t, NULL);
  pthread_attr_destroy(&attr);
  return 0;
}
