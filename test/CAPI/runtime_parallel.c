/*===- runtime_parallel.c - the runtime under compiled parallel code -----===*
 *
 * Compiles kern IR with prange loops (convert-kern-prange-to-scf, convert-kern-to-runtime,
 * OpenMP) and runs it through kernRuntimeCall: a raise inside a parallel
 * region is recorded and reported when the call returns, a raise in
 * sequential code unwinds at once, random draws on OpenMP threads are
 * reproducible for a seed.
 *
 * Needs kern-cpu-pipeline to lower memref to LLVM (finalize-memref-to-llvm,
 * which lowers the memref.alloca_scope that convert-scf-to-openmp puts
 * around each parallel body) before convert-scf-to-cf splits an scf.if of
 * that body into blocks.
 *
 *===----------------------------------------------------------------------===*/
// RUN: kern-capi-runtime_parallel 2>&1 | FileCheck %s

#include "kern-c/Compiler.h"
#include "kern-c/Runtime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  double *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} Memref1D;

typedef void (*Packed)(void **);

static const char *kModule =
    "func.func @checked_sum(%x: memref<?xf64>) -> f64\n"
    "    attributes {kern.entry, kern.parallel} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %zero = arith.constant 0.0 : f64\n"
    "  %n = memref.dim %x, %c0 : memref<?xf64>\n"
    "  %s = kern.prange %i = %c0 to %n step %c1\n"
    "      reduce(add %acc = %zero : f64) {\n"
    "    %v = memref.load %x[%i] : memref<?xf64>\n"
    "    %neg = arith.cmpf olt, %v, %zero : f64\n"
    "    scf.if %neg {\n"
    "      kern.raise \"ValueError\", \"negative value %g at %d\"(%v, %i : f64, index)\n"
    "    }\n"
    "    %t = arith.addf %acc, %v : f64\n"
    "    kern.yield %t : f64\n"
    "  } : f64\n"
    "  return %s : f64\n"
    "}\n"
    "func.func @first_negative(%x: memref<?xf64>) -> index\n"
    "    attributes {kern.entry} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %zero = arith.constant 0.0 : f64\n"
    "  %n = memref.dim %x, %c0 : memref<?xf64>\n"
    "  scf.for %i = %c0 to %n step %c1 {\n"
    "    %v = memref.load %x[%i] : memref<?xf64>\n"
    "    %neg = arith.cmpf olt, %v, %zero : f64\n"
    "    scf.if %neg {\n"
    "      kern.raise \"IndexError\", \"negative at %d\"(%i : index)\n"
    "    }\n"
    "  }\n"
    "  return %n : index\n"
    "}\n"
    "func.func @count_below_half(%seed: i64, %n: index) -> i64\n"
    "    attributes {kern.entry, kern.parallel} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %z = arith.constant 0 : i64\n"
    "  %one = arith.constant 1 : i64\n"
    "  %half = arith.constant 0.5 : f64\n"
    "  kern.seed %seed : i64\n"
    "  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %z : i64) {\n"
    "    %u = kern.random uniform : f64\n"
    "    %lt = arith.cmpf olt, %u, %half : f64\n"
    "    %b = arith.extui %lt : i1 to i64\n"
    "    %t = arith.addi %acc, %b : i64\n"
    "    kern.yield %t : i64\n"
    "  } : i64\n"
    "  return %s : i64\n"
    "}\n";

static int64_t countBelowHalf(Packed f, int64_t seed, int64_t n) {
  int64_t result = -1;
  void *slots[3] = {&seed, &n, &result};
  int kind = kernRuntimeCall(f, slots);
  return kind ? -kind : result;
}

int main(void) {
  KernCompiler *c = kernCompilerCreate();
  KernCompileOptions o = kernCompileOptionsDefault();
  o.pipeline.parallel = true;
  char *err = NULL;
  KernModule *m = kernCompile(c, kModule, strlen(kModule), &o, &err);
  if (!m) {
    printf("compile failed:\n%s\n", err);
    return 1;
  }
  Packed checked = (Packed)kernModuleLookup(m, "checked_sum__kern_packed");
  Packed first = (Packed)kernModuleLookup(m, "first_negative__kern_packed");
  Packed count = (Packed)kernModuleLookup(m, "count_below_half__kern_packed");
  kernRuntimeSetNumThreads(4);

  printf("@testParallelRaise\n");
  // CHECK-LABEL: @testParallelRaise
  enum { N = 10000 };
  double *data = malloc(N * sizeof *data);
  for (int i = 0; i < N; ++i)
    data[i] = 1.0;
  Memref1D x = {data, data, 0, {N}, {1}};
  double sum = 0;
  void *slots[2] = {&x, &sum};
  int kind = kernRuntimeCall(checked, slots);
  // CHECK: clean: kind 0 sum 10000
  printf("clean: kind %d sum %g\n", kind, sum);
  data[7777] = -2.5;
  sum = 0;
  kind = kernRuntimeCall(checked, slots);
  /* The loop runs to its end on every thread; the error is reported. */
  // CHECK: raised: ValueError 'negative value -2.5 at 7777' sum 9996.5
  printf("raised: %s '%s' sum %g\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), sum);
  data[123] = -1;
  kind = kernRuntimeCall(checked, slots);
  // CHECK: two errors: ValueError, one reported: 1
  const char *msg = kernRuntimeErrorMessage();
  printf("two errors: %s, one reported: %d\n", kernRuntimeErrorName(kind),
         strcmp(msg, "negative value -1.0 at 123") == 0 ||
             strcmp(msg, "negative value -2.5 at 7777") == 0);
  kind = kernRuntimeCall(checked, (void *[]){&x, &sum});
  data[123] = data[7777] = 1.0;
  kind = kernRuntimeCall(checked, slots);
  // CHECK: after: kind 0 message ''
  printf("after: kind %d message '%s'\n", kind, kernRuntimeErrorMessage());

  /* One thread: the region is inactive (omp_in_parallel() is 0) but still
   * a region; unwinding out of it would leave OpenMP one level deep. */
  kernRuntimeSetNumThreads(1);
  data[5] = -3;
  kind = kernRuntimeCall(checked, slots);
  int (*level)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_level");
  // CHECK: one thread: ValueError 'negative value -3.0 at 5' level 0
  printf("one thread: %s '%s' level %d\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), level ? level() : -1);
  data[5] = 1.0;
  kernRuntimeSetNumThreads(4);

  printf("@testSequentialRaise\n");
  // CHECK-LABEL: @testSequentialRaise
  data[42] = -1;
  data[43] = -1;
  int64_t n = -1;
  kind = kernRuntimeCall(first, (void *[]){&x, &n});
  /* Unwinds at the first raise: the result is never written. */
  // CHECK: IndexError 'negative at 42' result -1
  printf("%s '%s' result %lld\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), (long long)n);

  printf("@testParallelRandom\n");
  // CHECK-LABEL: @testParallelRandom
  int64_t a = countBelowHalf(count, 42, 1000000);
  int64_t b = countBelowHalf(count, 42, 1000000);
  int64_t d = countBelowHalf(count, 43, 1000000);
  // CHECK: reproducible 1 near half 1 other seed differs 1
  printf("reproducible %d near half %d other seed differs %d\n", a == b,
         a > 497000 && a < 503000, a != d);

  free(data);
  kernModuleDestroy(m);
  kernCompilerDestroy(c);
  return 0;
}
