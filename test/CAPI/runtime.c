/*===- runtime.c - tests of libkern_runtime -------------------------------===*/
// RUN: kern-capi-runtime 2>&1 | FileCheck %s
// RUN: env KERN_NUM_THREADS=5 kern-capi-runtime 2>&1 | FileCheck %s --check-prefix=ENV

#include "kern-c/Runtime.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* Stand-ins for packed entry points (docs/abi.md): slots[0] points at an
 * int64 argument, slots[1] at the int64 result. */
static void raiseIndexError(void **slots) {
  int64_t i = *(int64_t *)slots[0];
  double limit = 2.5;
  int64_t args[3] = {i, 0, 0};
  memcpy(&args[1], &limit, sizeof limit);
  args[2] = 7;
  kern_rt_raise(KernErrorIndex, "index %d exceeds %g (axis %d), 100%% sure",
                3, args);
  *(int64_t *)slots[1] = -1; /* not reached */
}

static void twice(void **slots) {
  *(int64_t *)slots[1] = 2 * *(int64_t *)slots[0];
}

/* Raises from a nested kernRuntimeCall: only the inner call fails. */
static void nested(void **slots) {
  int64_t x = 5, r = 0;
  void *inner[2] = {&x, &r};
  int kind = kernRuntimeCall(raiseIndexError, inner);
  *(int64_t *)slots[1] = kind;
}

/* Raises on four threads that did not enter kernRuntimeCall: each raise
 * is recorded (the first one wins) and returns; the call reports it. */
static void *raiseOnThread(void *arg) {
  int64_t i = (int64_t)(intptr_t)arg;
  kern_rt_raise(KernErrorValue, "thread %d", 1, &i);
  return arg;
}

static void raiseOnThreads(void **slots) {
  pthread_t threads[4];
  for (intptr_t i = 0; i < 4; ++i)
    pthread_create(&threads[i], NULL, raiseOnThread, (void *)i);
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], NULL);
  *(int64_t *)slots[1] = 4; /* reached: the raises returned */
}

/* A raise that returned (recorded) followed by one that unwinds: the first
 * is reported. */
static void recordedThenRaised(void **slots) {
  pthread_t t;
  pthread_create(&t, NULL, raiseOnThread, (void *)(intptr_t)2);
  pthread_join(t, NULL);
  kern_rt_raise(KernErrorIndex, "later", 0, NULL);
  *(int64_t *)slots[1] = -7; /* not reached */
}

static void testErrors(void) {
  printf("@testErrors\n");
  int64_t x = 42, r = 0;
  void *slots[2] = {&x, &r};
  int kind = kernRuntimeCall(raiseIndexError, slots);
  // CHECK-LABEL: @testErrors
  // CHECK: kind 2 IndexError r 0
  // CHECK: message: index 42 exceeds 2.5 (axis 7), 100% sure
  printf("kind %d %s r %lld\n", kind, kernRuntimeErrorName(kind),
         (long long)r);
  printf("message: %s\n", kernRuntimeErrorMessage());

  kind = kernRuntimeCall(twice, slots);
  // CHECK: ok kind 0 r 84 message ''
  printf("ok kind %d r %lld message '%s'\n", kind, (long long)r,
         kernRuntimeErrorMessage());

  kind = kernRuntimeCall(nested, slots);
  // CHECK: nested: outer 0 inner 2 message ''
  printf("nested: outer %d inner %lld message '%s'\n", kind, (long long)r,
         kernRuntimeErrorMessage());

  /* Outside kernRuntimeCall a raise is recorded and reported by the next
   * call that returns. */
  kern_rt_raise(KernErrorValue, "recorded %d", 1, (int64_t[]){3});
  kind = kernRuntimeCall(twice, slots);
  // CHECK: recorded: 1 ValueError 'recorded 3' r 84
  printf("recorded: %d %s '%s' r %lld\n", kind, kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), (long long)r);

  // CHECK: names: ZeroDivisionError NotImplementedError 3 11 0
  printf("names: %s %s %d %d %d\n", kernRuntimeErrorName(KernErrorZeroDivision),
         kernRuntimeErrorName(KernErrorNotImplemented),
         kernRuntimeErrorKindFromName("ZeroDivisionError"),
         kernRuntimeErrorKindFromName("KeyError"),
         kernRuntimeErrorKindFromName("OSError"));

  /* Placeholders without arguments stay as written. */
  kind = kernRuntimeCall(raiseIndexError, slots);
  kern_rt_raise(KernErrorValue, "missing %d and %g", 0, NULL);
  kind = kernRuntimeCall(twice, slots);
  // CHECK: missing: 1 'missing %d and %g'
  printf("missing: %d '%s'\n", kind, kernRuntimeErrorMessage());

  kind = kernRuntimeCall(raiseOnThreads, slots);
  const char *m = kernRuntimeErrorMessage();
  // CHECK: threads: ValueError one of them 1 r 4
  printf("threads: %s one of them %d r %lld\n", kernRuntimeErrorName(kind),
         strlen(m) == 8 && strncmp(m, "thread ", 7) == 0 && m[7] >= '0' &&
             m[7] <= '3',
         (long long)r);
  kind = kernRuntimeCall(recordedThenRaised, slots);
  // CHECK: first wins: ValueError 'thread 2'
  printf("first wins: %s '%s'\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage());
  kind = kernRuntimeCall(twice, slots);
  // CHECK: cleared: 0
  printf("cleared: %d\n", kind);

  /* Floats print with the fewest digits that read back. */
  double values[3] = {0.1, 1.0 / 3, 1e300};
  int64_t bits[3];
  memcpy(bits, values, sizeof bits);
  kern_rt_raise(KernErrorValue, "%g %g %g", 3, bits);
  kernRuntimeCall(twice, slots);
  // CHECK: floats: 0.1 0.3333333333333333 1e+300
  printf("floats: %s\n", kernRuntimeErrorMessage());
}

static void moments(const char *name, double (*draw)(void), double mean,
                    double var) {
  enum { N = 1000000 };
  double s = 0, s2 = 0, lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < N; ++i) {
    double x = draw();
    s += x;
    s2 += x * x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  double m = s / N, v = s2 / N - m * m;
  /* 1e6 draws: the standard error of the mean is 1e-3 (normal) and 3e-4
   * (uniform); allow five of them. */
  int ok = fabs(m - mean) < 5e-3 && fabs(v - var) < 5e-3 * (var + 1);
  printf("%s: mean %s variance %s range %s\n", name,
         ok ? "ok" : "BAD", ok ? "ok" : "BAD",
         draw == kern_rt_random_uniform_f64
             ? (lo >= 0 && hi < 1 ? "unit" : "BAD")
             : (lo < -4 && hi > 4 ? "wide" : "BAD"));
  if (!ok)
    printf("  mean %g variance %g\n", m, v);
}

static void testRandom(void) {
  printf("@testRandom\n");
  // CHECK-LABEL: @testRandom
  kern_rt_seed(12345);
  // CHECK: uniform: mean ok variance ok range unit
  moments("uniform", kern_rt_random_uniform_f64, 0.5, 1.0 / 12);
  // CHECK: normal: mean ok variance ok range wide
  moments("normal", kern_rt_random_normal_f64, 0.0, 1.0);

  double a[6], b[6];
  kern_rt_seed(7);
  for (int i = 0; i < 6; ++i)
    a[i] = i % 2 ? kern_rt_random_normal_f64() : kern_rt_random_uniform_f64();
  kern_rt_seed(7);
  for (int i = 0; i < 6; ++i)
    b[i] = i % 2 ? kern_rt_random_normal_f64() : kern_rt_random_uniform_f64();
  kern_rt_seed(8);
  double c = kern_rt_random_uniform_f64();
  // CHECK: reseeded: same 1 other seed differs 1
  printf("reseeded: same %d other seed differs %d\n",
         memcmp(a, b, sizeof a) == 0, c != a[0]);
  /* A negative seed is as good as any. */
  kern_rt_seed(-1);
  double d = kern_rt_random_uniform_f64();
  // CHECK: negative seed: 1
  printf("negative seed: %d\n", d >= 0 && d < 1);
}

static void testThreads(void) {
  printf("@testThreads\n");
  // CHECK-LABEL: @testThreads
  // ENV-LABEL: @testThreads
  // ENV: threads from the environment 5
  printf("threads from the environment %d\n", kernRuntimeGetNumThreads());
  // CHECK: threads positive 1
  printf("threads positive %d\n", kernRuntimeGetNumThreads() > 0);
  kernRuntimeSetNumThreads(3);
  // CHECK: threads after set 3
  printf("threads after set %d\n", kernRuntimeGetNumThreads());
}

/* try/except (docs/abi.md): a body that raises, a clause that re-raises
 * the exception being handled, handlers that nest. */
static void tryBody(void *cells) {
  int64_t *c = cells;
  c[1] = 1; /* assigned before the raise: kept */
  if (c[0] > 0)
    kern_rt_raise(KernErrorException | KernErrorArgsRepr, "app:Mine (%d,)",
                  1, c);
  c[1] = 2;
}

static void tryAndReraise(void **slots) {
  int64_t cells[2] = {*(int64_t *)slots[0], 0};
  int32_t kind = kern_rt_try(tryBody, cells);
  int64_t inner[2] = {0, 0}; /* a nested try inside the clause */
  int32_t none = kern_rt_try(tryBody, inner);
  *(int64_t *)slots[1] = (kind & 0xff) * 100 + none * 10 + cells[1];
  if (kind && kern_rt_caught_is(NULL, "app:Mine ", 0, 9, 1) &&
      !kern_rt_caught_is(NULL, "app:Other ", 0, 10, 1))
    kern_rt_reraise();
  kern_rt_try_end();
}

static void testTry(void) {
  printf("@testTry\n");
  int64_t x = 0, r = 0;
  void *slots[2] = {&x, &r};
  kernRuntimeCall(twice, slots); /* reports what the tests before left */
  int kind = kernRuntimeCall(tryAndReraise, slots);
  // CHECK-LABEL: @testTry
  // CHECK: no raise: 0 r 2
  printf("no raise: %d r %lld\n", kind, (long long)r);
  x = 5;
  kind = kernRuntimeCall(tryAndReraise, slots);
  // CHECK: re-raised: 268 'app:Mine (5,)' r 1201
  printf("re-raised: %d '%s' r %lld\n", kind, kernRuntimeErrorMessage(),
         (long long)r);
  kern_rt_try_end(); /* nothing being handled: no effect */
  kern_rt_reraise(); /* outside any call: recorded, reported next */
  x = 0;
  kind = kernRuntimeCall(tryAndReraise, slots);
  // CHECK: nothing to re-raise: 5 'No active exception to reraise'
  printf("nothing to re-raise: %d '%s'\n", kind, kernRuntimeErrorMessage());
}

/* A loop that polls the flag as compiled loops do (Interrupt.c); slots[1]
 * counts the iterations, SIGINT arrives at the third. */
static void pollingLoop(void **slots) {
  int64_t *count = (int64_t *)slots[1];
  for (*count = 0; *count < 1000000; ++*count) {
    if (kern_rt_interrupt_flag)
      kern_rt_interrupt();
    if (*count == 3)
      raise(SIGINT);
  }
}

static void interruptBody(void *cells) {
  (void)cells;
  kern_rt_interrupt();
}

/* `try: ... except Exception:` does not catch Ctrl-C. */
static void tryInterrupted(void **slots) {
  *(int64_t *)slots[1] = kern_rt_try(interruptBody, NULL) ? 1 : 2;
}

static volatile sig_atomic_t previousRan;
static void previousHandler(int sig) { (void)sig; previousRan = 1; }

static void testInterrupt(void) {
  printf("@testInterrupt\n");
  // CHECK-LABEL: @testInterrupt
  signal(SIGINT, SIG_DFL);
  // CHECK: default action: not installed 0
  printf("default action: not installed %d\n",
         kernRuntimeInstallInterruptHandler());
  signal(SIGINT, previousHandler);
  int first = kernRuntimeInstallInterruptHandler();
  int again = kernRuntimeInstallInterruptHandler();
  // CHECK: installed 1 again 1
  printf("installed %d again %d\n", first, again);
  int64_t x = 0, r = 0;
  void *slots[2] = {&x, &r};
  int kind = kernRuntimeCall(pollingLoop, slots);
  // CHECK: interrupted: 13 KeyboardInterrupt at 4, previous handler ran 1, flag 0
  printf("interrupted: %d %s at %lld, previous handler ran %d, flag %d\n",
         kind, kernRuntimeErrorName(kind), (long long)r, (int)previousRan,
         (int)kern_rt_interrupt_flag);
  kern_rt_interrupt_flag = 1; /* a Ctrl-C before the call: Python's */
  kind = kernRuntimeCall(twice, slots);
  // CHECK: stale flag cleared: 0
  printf("stale flag cleared: %d\n", kind);
  r = 0;
  kind = kernRuntimeCall(tryInterrupted, slots);
  // CHECK: through try: 13 r 0
  printf("through try: %d r %lld\n", kind, (long long)r);
}

int main(void) {
  testErrors();
  testRandom();
  testThreads();
  testTry();
  testInterrupt();
  return 0;
}
