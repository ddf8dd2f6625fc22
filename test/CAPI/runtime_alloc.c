/*===- runtime_alloc.c - the allocator of compiled code -------------------===*/
// RUN: kern-capi-runtime_alloc 2>&1 | FileCheck %s

#include "kern-c/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kBig = 8 << 20, kSmall = 4096 };

/* A freed large block is reused for the next allocation of its size, and
 * its pages stay written (no fresh mapping). */
static void testReuse(void) {
  printf("@testReuse\n");
  char *a = _mlir_memref_to_llvm_alloc(kBig);
  memset(a, 7, kBig);
  _mlir_memref_to_llvm_free(a);
  char *b = _mlir_memref_to_llvm_alloc(kBig);
  // CHECK-LABEL: @testReuse
  // CHECK: same block: 1, contents kept: 1
  printf("same block: %d, contents kept: %d\n", a == b, a == b && b[kBig - 1] == 7);
  /* A much smaller request does not take the big block. */
  _mlir_memref_to_llvm_free(b);
  char *c = _mlir_memref_to_llvm_alloc(kBig / 4);
  // CHECK: quarter size reuses: 0
  printf("quarter size reuses: %d\n", c == b);
  _mlir_memref_to_llvm_free(c);
  kernRuntimeReleaseMemory();
}

/* Small blocks go straight back to malloc; aligned blocks are aligned. */
static void testSmallAndAligned(void) {
  printf("@testSmallAndAligned\n");
  void *s = _mlir_memref_to_llvm_alloc(kSmall);
  _mlir_memref_to_llvm_free(s);
  char *p = _mlir_memref_to_llvm_aligned_alloc(64, kBig + 3);
  // CHECK-LABEL: @testSmallAndAligned
  // CHECK: aligned: 1
  printf("aligned: %d\n", (uintptr_t)p % 64 == 0);
  kernRuntimeFree(p); /* a caller's free of a returned buffer */
  char *q = _mlir_memref_to_llvm_aligned_alloc(64, kBig);
  // CHECK: aligned reuse: 1
  printf("aligned reuse: %d\n", p == q && (uintptr_t)q % 64 == 0);
  free(q); /* plain free() stays correct */
  kernRuntimeReleaseMemory();
}

/* The cache holds at most eight blocks; releasing empties it. */
static void testBounded(void) {
  printf("@testBounded\n");
  void *blocks[12];
  for (int i = 0; i < 12; ++i)
    blocks[i] = _mlir_memref_to_llvm_alloc(kBig);
  for (int i = 0; i < 12; ++i)
    _mlir_memref_to_llvm_free(blocks[i]);
  int reused = 0;
  for (int i = 0; i < 12; ++i) {
    void *p = _mlir_memref_to_llvm_alloc(kBig);
    for (int j = 0; j < 12; ++j)
      reused += p == blocks[j];
    blocks[i] = p;
  }
  // CHECK-LABEL: @testBounded
  // CHECK: reused at most 8: 1
  printf("reused at most 8: %d\n", reused <= 8 && reused > 0);
  for (int i = 0; i < 12; ++i)
    _mlir_memref_to_llvm_free(blocks[i]);
  kernRuntimeReleaseMemory();
}

int main(void) {
  testReuse();
  testSmallAndAligned();
  testBounded();
  return 0;
}
