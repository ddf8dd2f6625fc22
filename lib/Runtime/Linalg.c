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

/*===----------------------------------------------------------------------===*
 * LAPACK in double precision
 *
 * Inputs are packed into column-major double (or double complex) scratch,
 * so each routine has one real and one complex variant; float32 and
 * complex64 results are narrowed on the way out. The Fortran interface of
 * OpenBLAS's LAPACK is used (32-bit integers; string lengths trail).
 *===----------------------------------------------------------------------===*/

typedef int lint;
void dgesv_(lint *, lint *, double *, lint *, lint *, double *, lint *,
            lint *);
void zgesv_(lint *, lint *, double *, lint *, lint *, double *, lint *,
            lint *);
void dgetrf_(lint *, lint *, double *, lint *, lint *, lint *);
void zgetrf_(lint *, lint *, double *, lint *, lint *, lint *);
void dpotrf_(const char *, lint *, double *, lint *, lint *, size_t);
void zpotrf_(const char *, lint *, double *, lint *, lint *, size_t);
void dsyevd_(const char *, const char *, lint *, double *, lint *, double *,
             double *, lint *, lint *, lint *, lint *, size_t, size_t);
void zheevd_(const char *, const char *, lint *, double *, lint *, double *,
             double *, lint *, double *, lint *, lint *, lint *, lint *,
             size_t, size_t);
void dgesdd_(const char *, lint *, lint *, double *, lint *, double *,
             double *, lint *, double *, lint *, double *, lint *, lint *,
             lint *, size_t);
void zgesdd_(const char *, lint *, lint *, double *, lint *, double *,
             double *, lint *, double *, lint *, double *, lint *, double *,
             lint *, lint *, size_t);
void dgeqrf_(lint *, lint *, double *, lint *, double *, double *, lint *,
             lint *);
void zgeqrf_(lint *, lint *, double *, lint *, double *, double *, lint *,
             lint *);
void dorgqr_(lint *, lint *, lint *, double *, lint *, double *, double *,
             lint *, lint *);
void zungqr_(lint *, lint *, lint *, double *, lint *, double *, double *,
             lint *, lint *);
void dgeev_(const char *, const char *, lint *, double *, lint *, double *,
            double *, double *, lint *, double *, lint *, double *, lint *,
            lint *, size_t, size_t);
void zgeev_(const char *, const char *, lint *, double *, lint *, double *,
            double *, lint *, double *, lint *, double *, lint *, double *,
            lint *, size_t, size_t);

static bool isComplex(Kind k) { return k == KindC || k == KindZ; }

/* Doubles per element of the wide (double) form of kind k. */
static int width(Kind k) { return isComplex(k) ? 2 : 1; }

static void readWide(Kind k, const char *p, double *v) {
  switch (k) {
  case KindS: v[0] = *(const float *)p; break;
  case KindD: v[0] = *(const double *)p; break;
  case KindC:
    v[0] = ((const float *)p)[0], v[1] = ((const float *)p)[1];
    break;
  case KindZ: memcpy(v, p, 16); break;
  }
}

static void writeWide(Kind k, char *p, const double *v) {
  switch (k) {
  case KindS: *(float *)p = (float)v[0]; break;
  case KindD: *(double *)p = v[0]; break;
  case KindC:
    ((float *)p)[0] = (float)v[0], ((float *)p)[1] = (float)v[1];
    break;
  case KindZ: memcpy(p, v, 16); break;
  }
}

/* A column-major wide copy of `m` with leading dimension max(rows, 1). */
static double *packWide(Kind k, Mat m) {
  int w = width(k);
  int64_t ld = max64(m.rows, 1);
  double *p = scratch((size_t)(ld * max64(m.cols, 1) * w) * sizeof *p);
  for (int64_t j = 0; j < m.cols; ++j)
    for (int64_t i = 0; i < m.rows; ++i)
      readWide(k, at(k, m, i, j), p + (i + j * ld) * w);
  return p;
}

/* Writes column-major wide `src` (leading dimension ld) into `m`; with
 * `lower`, zeros above the diagonal. */
static void unpackWide(Kind k, const double *src, int64_t ld, Mat m,
                       bool lower) {
  static const double zero[2] = {0, 0};
  int w = width(k);
  for (int64_t j = 0; j < m.cols; ++j)
    for (int64_t i = 0; i < m.rows; ++i)
      writeWide(k, at(k, m, i, j),
                lower && j > i ? zero : src + (i + j * ld) * w);
}

static Kind realKind(Kind k) { return k == KindC ? KindS : k == KindZ ? KindD : k; }

/* Frees up to three scratch buffers and raises LinAlgError. */
static void linAlgError(const char *msg, void *p, void *q, void *r) {
  free(p);
  free(q);
  free(r);
  kern_rt_raise(KernErrorLinAlg, msg, 0, NULL);
}

/* Solves a x = b in place of the wide copies (pb becomes x); raises
 * LinAlgError for a singular matrix, freeing pa and pb. */
static void gesv(Kind k, lint n, lint r, double *pa, double *pb) {
  lint lda = n > 1 ? n : 1, info = 0;
  lint *piv = scratch((size_t)lda * sizeof *piv);
  (isComplex(k) ? zgesv_ : dgesv_)(&n, &r, pa, &lda, piv, pb, &lda, &info);
  free(piv);
  if (info > 0)
    linAlgError("Singular matrix", pa, pb, NULL);
}

/* x = solve(a, b) for square a; b and x are n x r. */
static void solve(Kind k, Mat a, Mat b, Mat x) {
  if (a.rows == 0 || b.cols == 0)
    return;
  double *pa = packWide(k, a), *pb = packWide(k, b);
  gesv(k, (lint)a.rows, (lint)b.cols, pa, pb);
  unpackWide(k, pb, a.rows, x, false);
  free(pa);
  free(pb);
}

/* x = inv(a): a x = identity. */
static void inverse(Kind k, Mat a, Mat x) {
  int64_t n = a.rows, w = width(k);
  if (n == 0)
    return;
  double *pa = packWide(k, a);
  double *id = scratch((size_t)(n * n * w) * sizeof *id);
  memset(id, 0, (size_t)(n * n * w) * sizeof *id);
  for (int64_t i = 0; i < n; ++i)
    id[(i + i * n) * w] = 1;
  gesv(k, (lint)n, (lint)n, pa, id);
  unpackWide(k, id, n, x, false);
  free(pa);
  free(id);
}

/* LU factors of a (wide copy, freed by the caller) and the sign of the
 * row permutation; false if a is singular. */
static bool factorLU(Kind k, Mat a, double **pa, int *sign) {
  lint n = (lint)a.rows, lda = n > 1 ? n : 1, info = 0;
  *pa = packWide(k, a);
  *sign = 1;
  if (n == 0)
    return true;
  lint *piv = scratch((size_t)n * sizeof *piv);
  (isComplex(k) ? zgetrf_ : dgetrf_)(&n, &n, *pa, &lda, piv, &info);
  for (lint i = 0; i < n; ++i)
    if (piv[i] != i + 1)
      *sign = -*sign;
  free(piv);
  return info == 0;
}

/* det(a) into the 1 x 1 view d. */
static void determinant(Kind k, Mat a, Mat d) {
  double *pa, v[2] = {1, 0};
  int sign, w = width(k);
  int64_t n = a.rows;
  if (!factorLU(k, a, &pa, &sign)) {
    v[0] = 0;
  } else {
    v[0] = sign;
    for (int64_t i = 0; i < n; ++i) {
      const double *e = pa + (i + i * n) * w;
      double re = v[0] * e[0] - (w == 2 ? v[1] * e[1] : 0);
      double im = w == 2 ? v[0] * e[1] + v[1] * e[0] : 0;
      v[0] = re, v[1] = im;
    }
  }
  free(pa);
  writeWide(k, d.data, v);
}

/* slogdet(a): sign (kind k) into s, log|det| (real) into l. */
static void slogdet(Kind k, Mat a, Mat s, Mat l) {
  double *pa, sg[2] = {1, 0}, logabs = 0;
  int sign, w = width(k);
  int64_t n = a.rows;
  if (!factorLU(k, a, &pa, &sign)) {
    sg[0] = 0, logabs = -INFINITY;
  } else {
    sg[0] = sign;
    for (int64_t i = 0; i < n; ++i) {
      const double *e = pa + (i + i * n) * w;
      double mag = w == 2 ? hypot(e[0], e[1]) : fabs(e[0]);
      logabs += log(mag);
      double ur = e[0] / mag, ui = w == 2 ? e[1] / mag : 0;
      double re = sg[0] * ur - sg[1] * ui, im = sg[0] * ui + sg[1] * ur;
      sg[0] = re, sg[1] = im;
    }
  }
  free(pa);
  writeWide(k, s.data, sg);
  writeWide(realKind(k), l.data, &logabs);
}

/* The lower Cholesky factor of a into c. */
static void cholesky(Kind k, Mat a, Mat c) {
  lint n = (lint)a.rows, lda = n > 1 ? n : 1, info = 0;
  if (n == 0)
    return;
  double *pa = packWide(k, a);
  (isComplex(k) ? zpotrf_ : dpotrf_)("L", &n, pa, &lda, &info, 1);
  if (info > 0)
    linAlgError("Matrix is not positive definite", pa, NULL, NULL);
  unpackWide(k, pa, n, c, true);
  free(pa);
}

/* Eigenvalues (ascending, real, into the n x 1 view w) and, if v has
 * columns, eigenvectors of the Hermitian a (lower triangle read). */
static void eigh(Kind k, Mat a, Mat w, Mat v) {
  lint n = (lint)a.rows, lda = n > 1 ? n : 1, info = 0, lwork = -1,
       liwork = -1, lrwork = -1, iq;
  if (n == 0)
    return;
  const char *job = v.cols ? "V" : "N";
  double *pa = packWide(k, a), *ev = scratch((size_t)n * sizeof *ev);
  double wq[2], rq = 0;
  if (isComplex(k))
    zheevd_(job, "L", &n, pa, &lda, ev, wq, &lwork, &rq, &lrwork, &iq,
            &liwork, &info, 1, 1);
  else
    dsyevd_(job, "L", &n, pa, &lda, ev, wq, &lwork, &iq, &liwork, &info, 1,
            1);
  lwork = (lint)wq[0], liwork = iq, lrwork = (lint)rq;
  double *work = scratch((size_t)lwork * width(k) * sizeof *work);
  lint *iwork = scratch((size_t)liwork * sizeof *iwork);
  double *rwork = isComplex(k) ? scratch((size_t)lrwork * sizeof *rwork)
                               : NULL;
  if (isComplex(k))
    zheevd_(job, "L", &n, pa, &lda, ev, work, &lwork, rwork, &lrwork, iwork,
            &liwork, &info, 1, 1);
  else
    dsyevd_(job, "L", &n, pa, &lda, ev, work, &lwork, iwork, &liwork, &info,
            1, 1);
  free(work);
  free(iwork);
  free(rwork);
  if (info > 0)
    linAlgError("Eigenvalues did not converge", pa, ev, NULL);
  unpackWide(realKind(k), ev, n, w, false);
  if (v.cols)
    unpackWide(k, pa, n, v, false);
  free(pa);
  free(ev);
}

/* Singular values (descending, into the min(m, n) x 1 view s) and, if u
 * has columns, u and vt: m x m and n x n, or m x K and K x n. */
static void svd(Kind k, Mat a, Mat u, Mat s, Mat vt) {
  lint m = (lint)a.rows, n = (lint)a.cols, kk = m < n ? m : n;
  lint lda = m > 1 ? m : 1, info = 0, lwork = -1;
  if (kk == 0)
    return;
  const char *job = !u.cols ? "N" : u.cols == m && vt.rows == n ? "A" : "S";
  lint ucols = *job == 'A' ? m : kk, vrows = *job == 'A' ? n : kk;
  lint ldu = lda, ldvt = vrows > 1 ? vrows : 1;
  int w = width(k);
  double *pa = packWide(k, a), *sv = scratch((size_t)kk * sizeof *sv);
  double *pu = scratch((size_t)(ldu * ucols * w) * sizeof *pu);
  double *pv = scratch((size_t)(ldvt * n * w) * sizeof *pv);
  lint *iwork = scratch((size_t)(8 * kk) * sizeof *iwork);
  int64_t big = m > n ? m : n;
  double *rwork = isComplex(k)
      ? scratch((size_t)(5 * kk * kk + 7 * kk + 2 * big * kk + 1) *
                sizeof *rwork) : NULL;
  double wq[2];
  for (int pass = 0; pass < 2; ++pass) {
    double *work = pass ? scratch((size_t)lwork * w * sizeof *work) : wq;
    if (isComplex(k))
      zgesdd_(job, &m, &n, pa, &lda, sv, pu, &ldu, pv, &ldvt, work, &lwork,
              rwork, iwork, &info, 1);
    else
      dgesdd_(job, &m, &n, pa, &lda, sv, pu, &ldu, pv, &ldvt, work, &lwork,
              iwork, &info, 1);
    if (pass)
      free(work);
    lwork = (lint)wq[0];
  }
  free(iwork);
  free(rwork);
  free(pa);
  if (info > 0)
    linAlgError("SVD did not converge", sv, pu, pv);
  unpackWide(realKind(k), sv, kk, s, false);
  if (u.cols) {
    unpackWide(k, pu, ldu, u, false);
    unpackWide(k, pv, ldvt, vt, false);
  }
  free(sv);
  free(pu);
  free(pv);
}

/* Reduced QR: q is m x K, r is K x n with K = min(m, n). */
static void qr(Kind k, Mat a, Mat q, Mat r) {
  lint m = (lint)a.rows, n = (lint)a.cols, kk = m < n ? m : n;
  lint lda = m > 1 ? m : 1, info = 0, lwork = -1;
  if (kk == 0) /* q or r is empty; NumPy's r of a 0 x n is 0 x n zeros */
    return;
  int w = width(k);
  double *pa = packWide(k, a), *tau = scratch((size_t)(kk * w) *
                                              sizeof *tau), wq[2];
  (isComplex(k) ? zgeqrf_ : dgeqrf_)(&m, &n, pa, &lda, tau, wq, &lwork,
                                     &info);
  lwork = (lint)wq[0] > n ? (lint)wq[0] : n;
  double *work = scratch((size_t)(lwork * w) * sizeof *work);
  (isComplex(k) ? zgeqrf_ : dgeqrf_)(&m, &n, pa, &lda, tau, work, &lwork,
                                     &info);
  /* r: the upper triangle of the first K rows */
  static const double zero[2] = {0, 0};
  for (int64_t j = 0; j < n; ++j)
    for (int64_t i = 0; i < kk; ++i)
      writeWide(k, at(k, r, i, j), i > j ? zero : pa + (i + j * lda) * w);
  (isComplex(k) ? zungqr_ : dorgqr_)(&m, &kk, &kk, pa, &lda, tau, work,
                                     &lwork, &info);
  unpackWide(k, pa, lda, q, false);
  free(work);
  free(tau);
  free(pa);
}

/* General eigenproblem: eigenvalues into the n x 1 view w and, if v has
 * columns, right eigenvectors. Real input must give real eigenvalues
 * (kern, like Numba, keeps the dtype): else ValueError. */
static void eig(Kind k, Mat a, Mat w, Mat v) {
  lint n = (lint)a.rows, lda = n > 1 ? n : 1, info = 0, lwork = -1, one = 1;
  if (n == 0)
    return;
  int wd = width(k);
  const char *job = v.cols ? "V" : "N";
  double *pa = packWide(k, a), *vr = scratch((size_t)(lda * n * wd) *
                                              sizeof *vr);
  double *ev = scratch((size_t)(2 * n) * sizeof *ev), wq[2], dummy[2];
  double *rwork = isComplex(k) ? scratch((size_t)(2 * n) * sizeof *rwork)
                               : NULL;
  for (int pass = 0; pass < 2; ++pass) {
    double *work = pass ? scratch((size_t)(lwork * wd) * sizeof *work) : wq;
    if (isComplex(k))
      zgeev_("N", job, &n, pa, &lda, ev, dummy, &one, vr, &lda, work,
             &lwork, rwork, &info, 1, 1);
    else
      dgeev_("N", job, &n, pa, &lda, ev, ev + n, dummy, &one, vr, &lda,
             work, &lwork, &info, 1, 1);
    if (pass)
      free(work);
    lwork = (lint)wq[0];
  }
  free(rwork);
  free(pa);
  if (info > 0)
    linAlgError("Eigenvalues did not converge", vr, ev, NULL);
  if (!isComplex(k))
    for (lint i = 0; i < n; ++i)
      if (ev[n + i] != 0) {
        free(vr);
        free(ev);
        kern_rt_raise(KernErrorValue, "eig() argument must not cause a "
                      "domain change (complex eigenvalues of a real "
                      "matrix)", 0, NULL);
      }
  unpackWide(k, ev, n, w, false);
  if (v.cols)
    unpackWide(k, vr, lda, v, false);
  free(vr);
  free(ev);
}

/*===----------------------------------------------------------------------===*
 * Entry points, one per element type
 *===----------------------------------------------------------------------===*/

#define KERN_MATOF(K, x) matOf(K, KERN_MAT_ARGS(x))
#define KERN_LAPACK(S, K)                                                    \
  void kernRuntimeSolve##S(KERN_MAT(a), KERN_MAT(b), KERN_MAT(x)) {          \
    solve(K, KERN_MATOF(K, a), KERN_MATOF(K, b), KERN_MATOF(K, x));          \
  }                                                                          \
  void kernRuntimeInv##S(KERN_MAT(a), KERN_MAT(x)) {                         \
    inverse(K, KERN_MATOF(K, a), KERN_MATOF(K, x));                          \
  }                                                                          \
  void kernRuntimeDet##S(KERN_MAT(a), KERN_MAT(d)) {                         \
    determinant(K, KERN_MATOF(K, a), KERN_MATOF(K, d));                      \
  }                                                                          \
  void kernRuntimeSlogdet##S(KERN_MAT(a), KERN_MAT(s), KERN_MAT(l)) {        \
    slogdet(K, KERN_MATOF(K, a), KERN_MATOF(K, s),                           \
            KERN_MATOF(realKind(K), l));                                     \
  }                                                                          \
  void kernRuntimeCholesky##S(KERN_MAT(a), KERN_MAT(c)) {                    \
    cholesky(K, KERN_MATOF(K, a), KERN_MATOF(K, c));                         \
  }                                                                          \
  void kernRuntimeEigh##S(KERN_MAT(a), KERN_MAT(w), KERN_MAT(v)) {           \
    eigh(K, KERN_MATOF(K, a), KERN_MATOF(realKind(K), w), KERN_MATOF(K, v)); \
  }                                                                          \
  void kernRuntimeSvd##S(KERN_MAT(a), KERN_MAT(u), KERN_MAT(s),              \
                         KERN_MAT(v)) {                                      \
    svd(K, KERN_MATOF(K, a), KERN_MATOF(K, u), KERN_MATOF(realKind(K), s),   \
        KERN_MATOF(K, v));                                                   \
  }                                                                          \
  void kernRuntimeQr##S(KERN_MAT(a), KERN_MAT(q), KERN_MAT(r)) {             \
    qr(K, KERN_MATOF(K, a), KERN_MATOF(K, q), KERN_MATOF(K, r));             \
  }                                                                          \
  void kernRuntimeEig##S(KERN_MAT(a), KERN_MAT(w), KERN_MAT(v)) {            \
    eig(K, KERN_MATOF(K, a), KERN_MATOF(K, w), KERN_MATOF(K, v));            \
  }
KERN_LAPACK(S, KindS)
KERN_LAPACK(D, KindD)
KERN_LAPACK(C, KindC)
KERN_LAPACK(Z, KindZ)
