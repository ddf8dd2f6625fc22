/*===- compile_kern.c - kern IR compiled and run through the C API --------===*
 *
 * kern-level programs (kern.ufunc, kern.reduce, broadcasting) compiled with
 * kernCompile, called through kernRuntimeCall, results checked against C:
 * a fused expression on a strided 2-D view, broadcasting (3,1) + (1,4), a
 * broadcast error raised at run time, and a function that returns its
 * argument (the caller gets an owned copy).
 *
 *===----------------------------------------------------------------------===*/
// RUN: kern-capi-compile_kern 2>&1 | FileCheck %s

#include "kern-c/Compiler.h"
#include "kern-c/Runtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  double *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} Memref2D;

typedef void (*Packed)(void **);

static double at(const Memref2D *m, int64_t i, int64_t j) {
  return m->aligned[m->offset + i * m->strides[0] + j * m->strides[1]];
}

static KernModule *compile(KernCompiler *c, const char *text) {
  char *error = NULL;
  KernModule *m = kernCompile(c, text, strlen(text), NULL, &error);
  if (!m) {
    printf("compile error:\n%s", error);
    kernStringFree(error);
  }
  return m;
}

#define S2 "memref<?x?xf64, strided<[?, ?], offset: ?>>"

/* np.sqrt(x**2 + np.sin(x) * np.exp(-x)) on x = a[1:, ::2].T. */
static const char *kFused2D =
    "func.func @fused(%x: " S2 ") -> memref<?x?xf64> attributes {kern.entry} {\n"
    "  %sq = kern.ufunc(%x : " S2 ") {\n"
    "  ^bb0(%a: f64):\n"
    "    %r = arith.mulf %a, %a : f64\n"
    "    kern.yield %r : f64\n"
    "  } -> memref<?x?xf64>\n"
    "  %se = kern.ufunc(%x : " S2 ") {\n"
    "  ^bb0(%a: f64):\n"
    "    %s = math.sin %a : f64\n"
    "    %n = arith.negf %a : f64\n"
    "    %e = math.exp %n : f64\n"
    "    %r = arith.mulf %s, %e : f64\n"
    "    kern.yield %r : f64\n"
    "  } -> memref<?x?xf64>\n"
    "  %r = kern.ufunc(%sq, %se : memref<?x?xf64>, memref<?x?xf64>) {\n"
    "  ^bb0(%a: f64, %b: f64):\n"
    "    %t = arith.addf %a, %b : f64\n"
    "    %q = math.sqrt %t : f64\n"
    "    kern.yield %q : f64\n"
    "  } -> memref<?x?xf64>\n"
    "  return %r : memref<?x?xf64>\n"
    "}\n";

static void testFusedStrided2D(KernCompiler *c) {
  printf("@testFusedStrided2D\n");
  KernModule *m = compile(c, kFused2D);
  if (!m)
    return;
  /* a is 5x8 row-major; x = a[1:, ::2].T has shape (4, 4), strides (2, 8),
   * offset 8. */
  double a[40];
  for (int i = 0; i < 40; ++i)
    a[i] = 0.05 * i;
  Memref2D x = {a, a, 8, {4, 4}, {2, 8}}, r = {0};
  void *slots[2] = {&x, &r};
  int status =
      kernRuntimeCall((Packed)kernModuleLookup(m, "fused__kern_packed"), slots);
  int wrong = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      double v = a[8 + 2 * i + 8 * j];
      wrong += fabs(at(&r, i, j) - sqrt(v * v + sin(v) * exp(-v))) > 1e-12;
    }
  // CHECK-LABEL: @testFusedStrided2D
  // CHECK: status 0 shape 4x4 wrong 0
  printf("status %d shape %ldx%ld wrong %d\n", status, (long)r.sizes[0],
         (long)r.sizes[1], wrong);
  free(r.allocated);
  kernModuleDestroy(m);
}

static const char *kAdd =
    "func.func @add(%a: " S2 ", %b: " S2 ") -> memref<?x?xf64>\n"
    "    attributes {kern.entry} {\n"
    "  %r = kern.ufunc(%a, %b : " S2 ", " S2 ") {\n"
    "  ^bb0(%x: f64, %y: f64):\n"
    "    %s = arith.addf %x, %y : f64\n"
    "    kern.yield %s : f64\n"
    "  } -> memref<?x?xf64>\n"
    "  return %r : memref<?x?xf64>\n"
    "}\n";

static void testBroadcast(KernCompiler *c) {
  printf("@testBroadcast\n");
  KernModule *m = compile(c, kAdd);
  if (!m)
    return;
  Packed add = (Packed)kernModuleLookup(m, "add__kern_packed");
  double col[3] = {0, 10, 20}, row[4] = {1, 2, 3, 4};
  Memref2D a = {col, col, 0, {3, 1}, {1, 1}};
  Memref2D b = {row, row, 0, {1, 4}, {4, 1}};
  Memref2D r = {0};
  void *slots[3] = {&a, &b, &r};
  int status = kernRuntimeCall(add, slots);
  // CHECK-LABEL: @testBroadcast
  // CHECK: status 0 shape 3x4
  // CHECK-NEXT: 1 2 3 4
  // CHECK-NEXT: 11 12 13 14
  // CHECK-NEXT: 21 22 23 24
  printf("status %d shape %ldx%ld\n", status, (long)r.sizes[0],
         (long)r.sizes[1]);
  for (int i = 0; i < 3 && status == 0; ++i)
    printf("%g %g %g %g\n", at(&r, i, 0), at(&r, i, 1), at(&r, i, 2),
           at(&r, i, 3));
  free(r.allocated);

  /* (3,2) + (4,2) cannot broadcast: a ValueError comes back as a status. */
  double six[6] = {0}, eight[8] = {0};
  Memref2D p = {six, six, 0, {3, 2}, {2, 1}};
  Memref2D q = {eight, eight, 0, {4, 2}, {2, 1}};
  Memref2D none = {0};
  void *bad[3] = {&p, &q, &none};
  status = kernRuntimeCall(add, bad);
  // CHECK: status 1 (ValueError): operands could not be broadcast together with shapes (3,2) (4,2)
  // CHECK-NEXT: result untouched 1
  printf("status %d (%s): %s\n", status, kernRuntimeErrorName(status),
         kernRuntimeErrorMessage());
  printf("result untouched %d\n", none.allocated == NULL);
  kernModuleDestroy(m);
}

static const char *kIdent =
    "func.func @ident(%a: " S2 ") -> " S2 " attributes {kern.entry} {\n"
    "  return %a : " S2 "\n"
    "}\n";

static void testReturnedArgument(KernCompiler *c) {
  printf("@testReturnedArgument\n");
  KernModule *m = compile(c, kIdent);
  if (!m)
    return;
  double a[6] = {1, 2, 3, 4, 5, 6};
  Memref2D x = {a, a, 1, {2, 2}, {3, 1}}, r = {0};
  void *slots[2] = {&x, &r};
  int status =
      kernRuntimeCall((Packed)kernModuleLookup(m, "ident__kern_packed"), slots);
  // CHECK-LABEL: @testReturnedArgument
  // CHECK: status 0 own copy 1: 2 3 5 6
  printf("status %d own copy %d: %g %g %g %g\n", status,
         r.allocated != NULL && r.allocated != a, at(&r, 0, 0), at(&r, 0, 1),
         at(&r, 1, 0), at(&r, 1, 1));
  free(r.allocated);
  kernModuleDestroy(m);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  KernCompiler *c = kernCompilerCreate();
  testFusedStrided2D(c);
  testBroadcast(c);
  testReturnedArgument(c);
  kernCompilerDestroy(c);
  return 0;
}
