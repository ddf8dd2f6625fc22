/*===- Linalg.c - matrix products and LAPACK for compiled code ------------===*
 *
 * `a @ b`, np.dot and np.linalg call these functions (the frontend's
 * kern/frontend/linalg.py emits the calls). Every matrix operand is a 2-D
 * memref with any strides, passed as the expanded memref descriptor that
 * MLIR's LLVM lowering makes of a `memref<?x?xT, strided<[?, ?], offset: ?>>`
 * argument: allocated pointer, aligned pointer, offset, two sizes, two
 * strides (in elements). 1-D arrays reach here as 1 x n or n x 1 views.
 *
 *   func.func private @kernRuntimeMatmulD(memref<?x?xf64, strided<...>>,
 *       memref<?x?xf64, strided<...>>, memref<?x?xf64, strided<...>>)
 *   void kernRuntimeMatmulD(KERN_MAT(a), KERN_MAT(b), KERN_MAT(c));
 *
 * The suffix names the element type as BLAS does: S float32, D float64,
 * C complex64, Z complex128. Products go to CBLAS ?gemm, passing a
 * transpose and a leading dimension where an operand's layout allows (C or
 * Fortran order, row or column slices) and a packed copy otherwise. LAPACK
 * routines work on packed column-major copies, so inputs are never written.
 *
 * Errors are exceptions of the running call (kern_rt_raise, Error.c):
 * a singular matrix raises LinAlgError, like NumPy; scratch memory is freed
 * before the raise.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <cblas.h>
#include <complex.h>
#include <stdbool.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Matrices and element kinds
 *===----------------------------------------------------------------------===*/

typedef enum { KindS, KindD, KindC, KindZ } Kind;

static const size_t kElemSize[] = {4, 8, 8, 16};

/* A strided matrix view: element (i, j) at data + (i*rs + j*cs) * size. */
typedef struct {
  char *data;
  int64_t rows, cols, rs, cs;
} Mat;

/* The parameters of one expanded 2-D memref descriptor. */
#define KERN_MAT(x)                                                          \
  void *x##Alloc, char *x##Aligned, int64_t x##Off, int64_t x##Rows,         \
      int64_t x##Cols, int64_t x##RS, int64_t x##CS
#define KERN_MAT_ARGS(x) x##Alloc, x##Aligned, x##Off, x##Rows, x##Cols,     \
      x##RS, x##CS

static Mat matOf(Kind k, void *alloc, char *aligned, int64_t off,
                 int64_t rows, int64_t cols, int64_t rs, int64_t cs) {
  (void)alloc;
  Mat m = {aligned + off * (int64_t)kElemSize[k], rows, cols, rs, cs};
  return m;
}

static char *at(Kind k, Mat m, int64_t i, int64_t j) {
  return m.data + (i * m.rs + j * m.cs) * (int64_t)kElemSize[k];
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

/* Scratch memory: raises MemoryError (and does not return) on failure. */
static void *scratch(size_t bytes) {
  void *p = malloc(bytes ? bytes : 1);
  if (!p)
    kern_rt_raise(KernErrorMemory, "kern: out of memory in linear algebra",
                  0, NULL);
  return p;
}

/* Copies `m` to `dst` in column-major order with leading dimension ld. */
static void packColumns(Kind k, Mat m, char *dst, int64_t ld) {
  size_t e = kElemSize[k];
  for (int64_t j = 0; j < m.cols; ++j)
    for (int64_t i = 0; i < m.rows; ++i)
      memcpy(dst + (i + j * ld) * e, at(k, m, i, j), e);
}

/* Copies column-major `src` (leading dimension ld) into the view `m`. */
static void unpackColumns(Kind k, const char *src, int64_t ld, Mat m) {
  size_t e = kElemSize[k];
  for (int64_t j = 0; j < m.cols; ++j)
    for (int64_t i = 0; i < m.rows; ++i)
      memcpy(at(k, m, i, j), src + (i + j * ld) * e, e);
}

/* A packed column-major copy of `m` (free it). */
static char *columnCopy(Kind k, Mat m) {
  char *p = scratch((size_t)(m.rows * m.cols) * kElemSize[k]);
  packColumns(k, m, p, max64(m.rows, 1));
  return p;
}

/*===----------------------------------------------------------------------===*
 * Products
 *===----------------------------------------------------------------------===*/

/* How BLAS (column-major) reads `m` without a copy: as m itself with
 * leading dimension *ld (unit row stride) or as the transpose of a
 * column-major matrix (unit column stride). False if neither applies. */
static bool blasView(Mat m, enum CBLAS_TRANSPOSE *trans, int64_t *ld) {
  if (m.rs == 1 && (m.cols <= 1 || m.cs >= max64(m.rows, 1))) {
    *trans = CblasNoTrans;
    *ld = m.cols <= 1 ? max64(m.rows, 1) : m.cs;
    return true;
  }
  if (m.cs == 1 && (m.rows <= 1 || m.rs >= max64(m.cols, 1))) {
    *trans = CblasTrans;
    *ld = m.rows <= 1 ? max64(m.cols, 1) : m.rs;
    return true;
  }
  return false;
}

static enum CBLAS_TRANSPOSE flip(enum CBLAS_TRANSPOSE t) {
  return t == CblasNoTrans ? CblasTrans : CblasNoTrans;
}

static void gemm(Kind k, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb,
                 int m, int n, int kk, const void *a, int lda, const void *b,
                 int ldb, void *c, int ldc) {
  static const float one32[2] = {1, 0}, zero32[2] = {0, 0};
  static const double one64[2] = {1, 0}, zero64[2] = {0, 0};
  switch (k) {
  case KindS:
    cblas_sgemm(CblasColMajor, ta, tb, m, n, kk, 1.0f, a, lda, b, ldb, 0.0f,
                c, ldc);
    break;
  case KindD:
    cblas_dgemm(CblasColMajor, ta, tb, m, n, kk, 1.0, a, lda, b, ldb, 0.0, c,
                ldc);
    break;
  case KindC:
    cblas_cgemm(CblasColMajor, ta, tb, m, n, kk, one32, a, lda, b, ldb,
                zero32, c, ldc);
    break;
  case KindZ:
    cblas_zgemm(CblasColMajor, ta, tb, m, n, kk, one64, a, lda, b, ldb,
                zero64, c, ldc);
    break;
  }
}

/* c = a @ b; the frontend has checked that the shapes agree. */
static void matmul(Kind k, Mat a, Mat b, Mat c) {
  int64_t m = a.rows, n = b.cols, kk = a.cols;
  size_t e = kElemSize[k];
  if (m == 0 || n == 0)
    return;
  if (kk == 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        memset(at(k, c, i, j), 0, e);
    return;
  }
  enum CBLAS_TRANSPOSE ta, tb, tc;
  int64_t lda, ldb, ldc;
  char *pa = NULL, *pb = NULL, *pc = NULL;
  if (!blasView(a, &ta, &lda)) {
    pa = columnCopy(k, a);
    ta = CblasNoTrans, lda = m;
  }
  if (!blasView(b, &tb, &ldb)) {
    pb = columnCopy(k, b);
    tb = CblasNoTrans, ldb = kk;
  }
  bool direct = blasView(c, &tc, &ldc);
  if (!direct) {
    pc = scratch((size_t)(m * n) * e);
    tc = CblasNoTrans, ldc = m;
  }
  const void *da = pa ? pa : a.data, *db = pb ? pb : b.data;
  void *dc = pc ? pc : c.data;
  if (tc == CblasNoTrans)
    gemm(k, ta, tb, (int)m, (int)n, (int)kk, da, (int)lda, db, (int)ldb, dc,
         (int)ldc);
  else /* c row-major: c^T = b^T a^T in column-major */
    gemm(k, flip(tb), flip(ta), (int)n, (int)m, (int)kk, db, (int)ldb, da,
         (int)lda, dc, (int)ldc);
  if (!direct)
    unpackColumns(k, pc, m, c);
  free(pa);
  free(pb);
  free(pc);
}

#define KERN_MATMUL(S, K)                                                    \
  void kernRuntimeMatmul##S(KERN_MAT(a), KERN_MAT(b), KERN_MAT(c)) {         \
    matmul(K, matOf(K, KERN_MAT_ARGS(a)), matOf(K, KERN_MAT_ARGS(b)),        \
           matOf(K, KERN_MAT_ARGS(c)));                                      \
  }
KERN_MATMUL(S, KindS)
KERN_MATMUL(D, KindD)
KERN_MATMUL(C, KindC)
KERN_MATMUL(Z, KindZ)

