/*===- compile_object.c - an object from kern-translate, run by the JIT ---===*
 *
 * kern-translate --kern-to-obj writes the same code as kernCompile; the
 * file loads with kernModuleLoadObject (the cache's path) and runs.
 *
 *===----------------------------------------------------------------------===*/
// RUN: kern-translate --kern-to-obj %kern_src_root/examples/mlir/sum-squares.mlir -o %t.o
// RUN: kern-capi-compile_object %t.o 2>&1 | FileCheck %s
// RUN: not kern-capi-compile_object %s 2>&1 | FileCheck %s --check-prefix=BAD

#include "kern-c/Compiler.h"
#include "kern-c/Runtime.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
  double *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} Memref1D;

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f)
    return 2;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc((size_t)size);
  size_t got = fread(data, 1, (size_t)size, f);
  fclose(f);

  KernCompiler *c = kernCompilerCreate();
  char *error = NULL;
  KernModule *m = kernModuleLoadObject(c, data, got, &error);
  free(data);
  if (!m) {
    // BAD: error: not an object file
    printf("error: %s", error);
    kernStringFree(error);
    kernCompilerDestroy(c);
    return 1;
  }
  double x[3] = {1, 2, 3}, s = 0;
  Memref1D view = {x, x, 0, {3}, {1}};
  void *slots[2] = {&view, &s};
  int status = kernRuntimeCall(
      (void (*)(void **))kernModuleLookup(m, "sum_squares__kern_packed"),
      slots);
  // CHECK: status 0 sum 14
  printf("status %d sum %g\n", status, s);
  kernModuleDestroy(m);
  kernCompilerDestroy(c);
  return 0;
}
