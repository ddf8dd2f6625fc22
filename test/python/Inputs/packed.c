/* Hand-written packed entry points (docs/abi.md) for testing kern's call
 * path without the compiler: `void f(void **slots)`, arguments first, then
 * result storage. Built by test_dispatch.py. */
#include "kern-c/Runtime.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { double *allocated, *aligned; int64_t offset, sizes[1], strides[1]; } M1;
typedef struct { double *allocated, *aligned; int64_t offset, sizes[2], strides[2]; } M2;

static double at(const M1 *a, int64_t i) { return a->aligned[a->offset + i * a->strides[0]]; }

/* Scalars of 1, 4, 8 and 16 bytes come back unchanged. */
void copy1__kern_packed(void **s) { memcpy(s[1], s[0], 1); }
void copy4__kern_packed(void **s) { memcpy(s[1], s[0], 4); }
void copy8__kern_packed(void **s) { memcpy(s[1], s[0], 8); }
void copy16__kern_packed(void **s) { memcpy(s[1], s[0], 16); }

/* f64 sumsq(memref<?xf64>) */
void sumsq__kern_packed(void **s) {
  const M1 *a = s[0];
  double sum = 0;
  for (int64_t i = 0; i < a->sizes[0]; ++i) sum += at(a, i) * at(a, i);
  *(double *)s[1] = sum;
}

/* memref<?xf64> twice(memref<?xf64>): a fresh buffer, data at offset 1. */
void twice__kern_packed(void **s) {
  const M1 *a = s[0];
  M1 *r = s[1];
  int64_t n = a->sizes[0];
  double *buf = malloc(sizeof(double) * (n + 1));
  for (int64_t i = 0; i < n; ++i) buf[1 + i] = 2 * at(a, i);
  *r = (M1){buf, buf, 1, {n}, {1}};
}

/* memref<?x?xf64> transposed_copy(memref<?x?xf64>): column-major result. */
void transposed__kern_packed(void **s) {
  const M2 *a = s[0];
  M2 *r = s[1];
  int64_t n = a->sizes[0], m = a->sizes[1];
  double *buf = malloc(sizeof(double) * (n * m ? n * m : 1));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < m; ++j)
      buf[i + j * n] = a->aligned[a->offset + i * a->strides[0] + j * a->strides[1]];
  *r = (M2){buf, buf, 0, {n, m}, {1, n}};
}

/* (f64, i64) stats(memref<?xf64>): the sum and the count. */
void stats__kern_packed(void **s) {
  const M1 *a = s[0];
  double sum = 0;
  for (int64_t i = 0; i < a->sizes[0]; ++i) sum += at(a, i);
  *(double *)s[1] = sum;
  *(int64_t *)s[2] = a->sizes[0];
}

/* f64 dot2((f64, f64), (f64, f64)): tuple arguments arrive flattened. */
void dot2__kern_packed(void **s) {
  *(double *)s[4] = *(double *)s[0] * *(double *)s[2] + *(double *)s[1] * *(double *)s[3];
}

/* (memref<?xf64>, memref<?xf64>) same(memref<?xf64>): one buffer twice. */
void same__kern_packed(void **s) {
  const M1 *a = s[0];
  int64_t n = a->sizes[0];
  double *buf = calloc(n ? n : 1, sizeof(double));
  *(M1 *)s[1] = (M1){buf, buf, 0, {n}, {1}};
  *(M1 *)s[2] = (M1){buf, buf, 0, {n}, {1}};
}

/* f64 checked_sqrt(f64): raises ValueError for negative input. */
void checked__kern_packed(void **s) {
  double x = *(double *)s[0];
  if (x < 0) {
    int64_t bits;
    memcpy(&bits, &x, sizeof bits);
    kern_rt_raise(KernErrorValue, "negative input %g", 1, &bits);
  }
  *(double *)s[1] = x;
}

void nothing__kern_packed(void **s) { (void)s; }
