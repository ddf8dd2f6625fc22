/*===- compile.c - kernCompile, the JIT and the object round trip ---------===*
 *
 * Compiles hand-written loop-level IR (scf, memref, math) with kern.entry
 * functions, calls the packed entry points through kernRuntimeCall and
 * checks the numbers, the ownership of returned buffers, located errors,
 * the object round trip, stages and timings.
 *
 *===----------------------------------------------------------------------===*/
// RUN: kern-capi-compile 2>&1 | FileCheck %s

#include "kern-c/Compiler.h"
#include "kern-c/Runtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  double *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} Memref1D;

typedef void (*Packed)(void **);

static const char *kFused =
    "#strided = strided<[?], offset: ?>\n"
    "func.func @fused(%x: memref<?xf64, #strided>) -> memref<?xf64>\n"
    "    attributes {kern.entry} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %n = memref.dim %x, %c0 : memref<?xf64, #strided>\n"
    "  %r = memref.alloc(%n) : memref<?xf64>\n"
    "  scf.for %i = %c0 to %n step %c1 {\n"
    "    %v = memref.load %x[%i] : memref<?xf64, #strided>\n"
    "    %sq = arith.mulf %v, %v : f64\n"
    "    %s = math.sin %v : f64\n"
    "    %m = arith.negf %v : f64\n"
    "    %e = math.exp %m : f64\n"
    "    %p = arith.mulf %s, %e : f64\n"
    "    %a = arith.addf %sq, %p : f64\n"
    "    %q = math.sqrt %a : f64\n"
    "    memref.store %q, %r[%i] : memref<?xf64>\n"
    "  }\n"
    "  return %r : memref<?xf64>\n"
    "}\n"
    "func.func @ident(%x: memref<?xf64, #strided>) -> memref<?xf64, #strided>\n"
    "    attributes {kern.entry} {\n"
    "  return %x : memref<?xf64, #strided>\n"
    "}\n"
    "func.func @axpy(%a: f64, %x: memref<?xf64, #strided>, %n: index) -> f64\n"
    "    attributes {kern.entry} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %z = arith.constant 0.0 : f64\n"
    "  %t = memref.alloc(%n) : memref<?xf64>\n"
    "  scf.for %i = %c0 to %n step %c1 {\n"
    "    %v = memref.load %x[%i] : memref<?xf64, #strided>\n"
    "    %w = arith.mulf %a, %v : f64\n"
    "    memref.store %w, %t[%i] : memref<?xf64>\n"
    "  }\n"
    "  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> f64 {\n"
    "    %v = memref.load %t[%i] : memref<?xf64>\n"
    "    %u = arith.addf %acc, %v : f64\n"
    "    scf.yield %u : f64\n"
    "  }\n"
    "  return %s : f64\n"
    "}\n";

static double fusedReference(double x) {
  return sqrt(x * x + sin(x) * exp(-x));
}

/* Runs @fused on every other element of 0.0, 0.1, ..., 1.9. */
static int checkFused(Packed fused) {
  double data[20];
  for (int i = 0; i < 20; ++i)
    data[i] = 0.1 * i;
  Memref1D x = {data, data, 1, {10}, {2}}, r = {0};
  void *slots[2] = {&x, &r};
  int status = kernRuntimeCall(fused, slots);
  int wrong = 0;
  for (int i = 0; i < 10; ++i)
    wrong += fabs(r.aligned[r.offset + i * r.strides[0]] -
                  fusedReference(data[1 + 2 * i])) > 1e-12;
  printf("status %d, size %ld, wrong %d\n", status, (long)r.sizes[0], wrong);
  free(r.allocated); /* the caller owns returned buffers */
  return wrong;
}

static void testCompileAndRun(KernCompiler *c) {
  printf("@testCompileAndRun\n");
  KernCompileOptions o = kernCompileOptionsDefault();
  char *error = NULL;
  KernModule *m = kernCompile(c, kFused, strlen(kFused), &o, &error);
  if (!m) {
    printf("error: %s\n", error);
    kernStringFree(error);
    return;
  }
  // CHECK-LABEL: @testCompileAndRun
  // CHECK: status 0, size 10, wrong 0
  checkFused((Packed)kernModuleLookup(m, "fused__kern_packed"));

  /* A scalar result, a temporary (freed by the compiled code). */
  double a = 3, data[4] = {1, 2, 3, 4}, s = 0;
  int64_t n = 4;
  Memref1D x = {data, data, 0, {4}, {1}};
  void *slots[4] = {&a, &x, &n, &s};
  int status = kernRuntimeCall((Packed)kernModuleLookup(m, "axpy__kern_packed"),
                               slots);
  // CHECK: axpy status 0 sum 30
  printf("axpy status %d sum %g\n", status, s);

  // CHECK: missing symbol: (nil)
  printf("missing symbol: %p\n", kernModuleLookup(m, "nope__kern_packed"));
  kernModuleDestroy(m);
}

/* A function returning its argument returns an owned copy. */
static void testReturnedArgumentIsCopied(KernCompiler *c) {
  printf("@testReturnedArgumentIsCopied\n");
  KernCompileOptions o = kernCompileOptionsDefault();
  char *error = NULL;
  KernModule *m = kernCompile(c, kFused, strlen(kFused), &o, &error);
  double data[6] = {1, 2, 3, 4, 5, 6};
  Memref1D x = {data, data, 1, {3}, {2}}, r = {0};
  void *slots[2] = {&x, &r};
  int status =
      kernRuntimeCall((Packed)kernModuleLookup(m, "ident__kern_packed"), slots);
  // CHECK-LABEL: @testReturnedArgumentIsCopied
  // CHECK: status 0 copied 1 values 2 4 6
  printf("status %d copied %d values %g %g %g\n", status,
         r.allocated != data && r.allocated != NULL,
         r.aligned[r.offset], r.aligned[r.offset + r.strides[0]],
         r.aligned[r.offset + 2 * r.strides[0]]);
  free(r.allocated);
  kernModuleDestroy(m);
}

/* Errors come back as located diagnostics. */
static void testErrors(KernCompiler *c) {
  printf("@testErrors\n");
  const char *bad = "func.func @f(%x: f64) -> f64 attributes {kern.entry} {\n"
                    "  %y = arith.addf %x, %x : f32\n"
                    "  return %y : f64\n"
                    "}\n";
  char *error = NULL;
  KernModule *m = kernCompile(c, bad, strlen(bad), NULL, &error);
  // CHECK-LABEL: @testErrors
  // CHECK: module (nil)
  // CHECK-NEXT: -:2:19: error: use of value '%x' expects different type than prior uses: 'f32' vs 'f64'
  // CHECK-NEXT: -:1:14: note: prior use here
  printf("module %p\n%s", (void *)m, error);
  kernStringFree(error);

  const char *entry =
      "func.func @g(%t: tensor<4xf64>) attributes {kern.entry} {\n"
      "  return\n"
      "}\n";
  m = kernCompile(c, entry, strlen(entry), NULL, &error);
  // CHECK: module (nil)
  // CHECK-NEXT: -:1:1: error: kern.entry function 'g': argument 0 has type tensor<4xf64>
  printf("module %p\n%s", (void *)m, error);
  kernStringFree(error);

  /* A call of a function that the process lacks fails at compile time. */
  const char *external =
      "func.func private @no_such_function(f64) -> f64\n"
      "func.func @h(%x: f64) -> f64 attributes {kern.entry} {\n"
      "  %y = func.call @no_such_function(%x) : (f64) -> f64\n"
      "  return %y : f64\n"
      "}\n";
  m = kernCompile(c, external, strlen(external), NULL, &error);
  // CHECK: module (nil)
  // CHECK-NEXT: Symbols not found: [ no_such_function ]
  // CHECK-NEXT: cannot load the compiled code: Failed to materialize symbols
  printf("module %p\n%s", (void *)m, error);
  kernStringFree(error);

  /* An empty module compiles (to no code). */
  m = kernCompile(c, "", 0, NULL, &error);
  // CHECK: empty module: 1
  printf("empty module: %d\n", m != NULL);
  kernModuleDestroy(m);

  /* The compiler still works after errors. */
  m = kernCompile(c, kFused, strlen(kFused), NULL, &error);
  // CHECK: compiles again: 1
  printf("compiles again: %d\n", m != NULL);
  kernModuleDestroy(m);
}

/* The object code loads into another module (the cache's path). */
static void testObjectRoundTrip(KernCompiler *c) {
  printf("@testObjectRoundTrip\n");
  char *error = NULL;
  KernModule *m = kernCompile(c, kFused, strlen(kFused), NULL, &error);
  const void *object;
  size_t size;
  kernModuleGetObject(m, &object, &size);
  // CHECK-LABEL: @testObjectRoundTrip
  // CHECK: ELF 1
  printf("ELF %d\n", size > 4 && memcmp(object, "\x7f" "ELF", 4) == 0);
  void *copy = malloc(size);
  memcpy(copy, object, size);
  kernModuleDestroy(m);
  KernModule *loaded = kernModuleLoadObject(c, copy, size, &error);
  free(copy);
  // CHECK: status 0, size 10, wrong 0
  checkFused((Packed)kernModuleLookup(loaded, "fused__kern_packed"));
  kernModuleDestroy(loaded);

  const char junk[] = "not an object";
  loaded = kernModuleLoadObject(c, junk, sizeof junk, &error);
  // CHECK: junk (nil): not an object file
  printf("junk %p: %s", (void *)loaded, error);
  kernStringFree(error);
}

/* Stages and timings for inspection. */
static void testStagesAndTimings(KernCompiler *c) {
  printf("@testStagesAndTimings\n");
  KernCompileOptions o = kernCompileOptionsDefault();
  o.keepStages = true;
  char *error = NULL;
  KernModule *m = kernCompile(c, kFused, strlen(kFused), &o, &error);
  const char *llvmir = kernModuleGetStage(m, "llvmir");
  const char *assembly = kernModuleGetStage(m, "asm");
  // CHECK-LABEL: @testStagesAndTimings
  // CHECK: kern 1 affine 1 llvm 1 llvmir 1 asm 1 bogus 0
  printf("kern %d affine %d llvm %d llvmir %d asm %d bogus %d\n",
         kernModuleGetStage(m, "kern") != NULL,
         kernModuleGetStage(m, "affine") != NULL,
         strstr(kernModuleGetStage(m, "llvm"), "llvm.func @fused") != NULL,
         strstr(llvmir, "define void @fused__kern_packed") != NULL,
         assembly && strstr(assembly, "fused__kern_packed:") != NULL,
         kernModuleGetStage(m, "bogus") != NULL);
  /* O3 with libmvec vectorizes the math calls of the fused loop. */
  // CHECK: vector sin 1 vector exp 1
  printf("vector sin %d vector exp %d\n", strstr(llvmir, "_ZGV") != NULL &&
         strstr(llvmir, "_sin") != NULL, strstr(llvmir, "v_exp") != NULL);
  const char *names[8];
  double seconds[8];
  intptr_t n = kernModuleGetTimings(m, names, seconds, 8);
  // CHECK: 7 timings: parse kern-passes lowering translate llvm-opt codegen jit
  printf("%ld timings:", (long)n);
  double total = 0;
  for (intptr_t i = 0; i < n; ++i) {
    printf(" %s", names[i]);
    total += seconds[i];
  }
  printf("\n");
  // CHECK: positive total 1
  printf("positive total %d\n", total > 0 && total < 10);
  kernModuleDestroy(m);
}

/* Fast-math flags: all of them, or the chosen ones. */
static void testFastMath(KernCompiler *c) {
  printf("@testFastMath\n");
  KernCompileOptions o = kernCompileOptionsDefault();
  o.keepStages = true;
  o.pipeline.fastmath = true;
  char *error = NULL;
  KernModule *m = kernCompile(c, kFused, strlen(kFused), &o, &error);
  // CHECK-LABEL: @testFastMath
  // CHECK: all: fast 1
  printf("all: fast %d\n",
         strstr(kernModuleGetStage(m, "llvmir"), "fadd fast") != NULL);
  kernModuleDestroy(m);
  o.fastmathFlags = KernFastMathReassoc | KernFastMathContract;
  m = kernCompile(c, kFused, strlen(kFused), &o, &error);
  const char *ir = kernModuleGetStage(m, "llvmir");
  // CHECK: chosen: reassoc contract 1 fast 0 nnan 0
  printf("chosen: reassoc contract %d fast %d nnan %d\n",
         strstr(ir, "fadd reassoc contract") != NULL,
         strstr(ir, "fadd fast") != NULL, strstr(ir, "nnan") != NULL);
  kernModuleDestroy(m);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  KernCompiler *c = kernCompilerCreate();
  testCompileAndRun(c);
  testReturnedArgumentIsCopied(c);
  testErrors(c);
  testObjectRoundTrip(c);
  testStagesAndTimings(c);
  testFastMath(c);
  kernCompilerDestroy(c);
  return 0;
}
