/*===- compile_parallel.c - kern.prange on OpenMP threads through the JIT -===*
 *
 * Compiles examples/mlir/parallel-sum.mlir and mandelbrot.mlir with the
 * `parallel` option: the JIT loads libomp for the __kmpc_* calls, the loops
 * run on OMP_NUM_THREADS=2 threads (checked by recording
 * omp_get_thread_num per iteration), and the numbers match C.
 *
 *===----------------------------------------------------------------------===*/
// RUN: env OMP_NUM_THREADS=2 kern-capi-compile_parallel %kern_src_root/examples/mlir 2>&1 | FileCheck %s

#include "kern-c/Compiler.h"
#include "kern-c/Runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  void *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} Memref1D;

typedef struct {
  int64_t *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} Memref2DI64;

typedef void (*Packed)(void **);

static char *readFile(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = calloc(1, (size_t)n + 1);
  if (fread(text, 1, (size_t)n, f) != (size_t)n)
    text[0] = '\0';
  fclose(f);
  return text;
}

static KernModule *compileParallel(KernCompiler *c, const char *text) {
  KernCompileOptions o = kernCompileOptionsDefault();
  o.pipeline.parallel = true;
  char *error = NULL;
  KernModule *m = kernCompile(c, text, strlen(text), &o, &error);
  if (!m) {
    printf("compile error:\n%s", error);
    kernStringFree(error);
  }
  return m;
}

static void testParallelSum(KernCompiler *c, const char *dir) {
  printf("@testParallelSum\n");
  char *text = readFile(dir, "parallel-sum.mlir");
  KernModule *m = text ? compileParallel(c, text) : NULL;
  free(text);
  if (!m)
    return;
  enum { N = 1000000 };
  double *x = malloc(sizeof(double) * 2 * N), s = 0;
  for (int i = 0; i < 2 * N; ++i)
    x[i] = i % 2 ? 0.5 * (i + 1) : -1; /* odd elements: 1, 2, ..., N */
  Memref1D view = {x, x, 1, {N}, {2}};
  void *slots[2] = {&view, &s};
  int status = kernRuntimeCall(
      (Packed)kernModuleLookup(m, "parallel_sum__kern_packed"), slots);
  /* Every partial sum is an integer below 2^53: exact in any order. */
  // CHECK-LABEL: @testParallelSum
  // CHECK: status 0 sum 500000500000 exact 1
  printf("status %d sum %.0f exact %d\n", status, s,
         s == (double)N * (N + 1) / 2);
  free(x);
  kernModuleDestroy(m);
}

/* Each iteration records the OpenMP thread that ran it. */
static const char *kThreadIds =
    "func.func private @omp_get_thread_num() -> i32\n"
    "func.func @who(%out: memref<?xi32>) attributes {kern.entry, "
    "kern.parallel} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %n = memref.dim %out, %c0 : memref<?xi32>\n"
    "  kern.prange %i = %c0 to %n step %c1 {\n"
    "    %t = func.call @omp_get_thread_num() : () -> i32\n"
    "    memref.store %t, %out[%i] : memref<?xi32>\n"
    "    kern.yield\n"
    "  }\n"
    "  return\n"
    "}\n";

static void testThreads(KernCompiler *c) {
  printf("@testThreads\n");
  KernModule *m = compileParallel(c, kThreadIds);
  if (!m)
    return;
  /* Enough iterations to pass kern-parallel-threshold (a call counts
   * 1024 ops: 256 x 1027 > 131072). */
  int32_t ids[256];
  memset(ids, -1, sizeof ids);
  Memref1D out = {ids, ids, 0, {256}, {1}};
  void *slots[1] = {&out};
  int status =
      kernRuntimeCall((Packed)kernModuleLookup(m, "who__kern_packed"), slots);
  int seen[2] = {0, 0}, other = 0;
  for (int i = 0; i < 256; ++i) {
    if (ids[i] == 0 || ids[i] == 1)
      seen[ids[i]] = 1;
    else
      other = 1;
  }
  // CHECK-LABEL: @testThreads
  // CHECK: status 0 thread0 1 thread1 1 others 0
  printf("status %d thread0 %d thread1 %d others %d\n", status, seen[0],
         seen[1], other);
  kernModuleDestroy(m);
}

static int64_t mandelbrotAt(int64_t w, int64_t h, int64_t maxIter, int64_t r,
                            int64_t col) {
  double x0 = -2.0 + 3.0 * (double)col / (double)w;
  double y0 = -1.5 + 3.0 * (double)r / (double)h;
  double x = 0, y = 0;
  int64_t n = 0;
  while (x * x + y * y <= 4.0 && n < maxIter) {
    double nx = x * x - y * y + x0;
    y = 2.0 * x * y + y0;
    x = nx;
    ++n;
  }
  return n;
}

static void testMandelbrot(KernCompiler *c, const char *dir) {
  printf("@testMandelbrot\n");
  char *text = readFile(dir, "mandelbrot.mlir");
  KernModule *m = text ? compileParallel(c, text) : NULL;
  free(text);
  if (!m)
    return;
  int64_t w = 60, h = 40, maxIter = 100;
  Memref2DI64 out = {0};
  void *slots[4] = {&w, &h, &maxIter, &out};
  int status = kernRuntimeCall(
      (Packed)kernModuleLookup(m, "mandelbrot__kern_packed"), slots);
  int wrong = 0;
  int64_t inside = 0;
  for (int64_t r = 0; r < h && status == 0; ++r)
    for (int64_t col = 0; col < w; ++col) {
      int64_t n = out.aligned[out.offset + r * out.strides[0] +
                              col * out.strides[1]];
      wrong += n != mandelbrotAt(w, h, maxIter, r, col);
      inside += n == maxIter;
    }
  // CHECK-LABEL: @testMandelbrot
  // CHECK: status 0 shape 40x60 wrong 0 inside {{[1-9][0-9]*}}
  printf("status %d shape %ldx%ld wrong %d inside %ld\n", status,
         (long)out.sizes[0], (long)out.sizes[1], wrong, (long)inside);
  free(out.allocated);
  kernModuleDestroy(m);
}

/* Warnings and remarks of a compile that succeeds are kept. */
static const char *kSequential =
    "func.func @shift(%x: memref<?xf64>) attributes {kern.entry, "
    "kern.parallel} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  %n = memref.dim %x, %c0 : memref<?xf64>\n"
    "  %m = arith.subi %n, %c1 : index\n"
    "  kern.prange %i = %c0 to %m step %c1 {\n"
    "    %j = arith.addi %i, %c1 : index\n"
    "    %v = memref.load %x[%j] : memref<?xf64>\n"
    "    memref.store %v, %x[%i] : memref<?xf64>\n"
    "    kern.yield\n"
    "  }\n"
    "  return\n"
    "}\n";

static void testRemarks(KernCompiler *c) {
  printf("@testRemarks\n");
  KernModule *m = compileParallel(c, kSequential);
  if (!m)
    return;
  // CHECK-LABEL: @testRemarks
  // CHECK: -:8:10: remark: prange loop runs sequentially: {{.*}}
  printf("%s", kernModuleGetStage(m, "diagnostics"));
  kernModuleDestroy(m);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  const char *dir = argc > 1 ? argv[1] : "examples/mlir";
  KernCompiler *c = kernCompilerCreate();
  testParallelSum(c, dir);
  testThreads(c);
  testMandelbrot(c, dir);
  testRemarks(c);
  kernCompilerDestroy(c);
  return 0;
}
