/*===- Vec.h - growable arrays for pass code ------------------------*- C -*-===*
 *
 * One growable array for every list a pass builds whose length the IR
 * decides (operands, indices, accesses, ops to rewrite), so that no pass
 * caps a size with a fixed buffer:
 *
 *   KernValueVec reads = {0};
 *   for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
 *     kernVecPush(&reads, mlirOperationGetOperand(op, i));
 *   use(reads.size, reads.data);
 *   kernVecFree(&reads);
 *
 * A zero-initialized vector is empty. Running out of memory aborts, as MLIR's
 * own allocations do (llvm::report_bad_alloc_error).
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_SUPPORT_VEC_H
#define KERN_SUPPORT_VEC_H

#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KERN_VEC(T)                                                            \
  struct {                                                                     \
    T *data;                                                                   \
    intptr_t size, cap;                                                        \
  }

/* Makes room for `need` elements of `elemSize` bytes in *data (capacity
 * *cap), growing geometrically; the new elements are zeroed. */
void kernVecReserveBytes(void **data, intptr_t *cap, size_t elemSize,
                         intptr_t need);

#define kernVecReserve(v, n)                                                   \
  kernVecReserveBytes((void **)&(v)->data, &(v)->cap, sizeof *(v)->data, (n))

#define kernVecPush(v, x)                                                      \
  do {                                                                         \
    kernVecReserve((v), (v)->size + 1);                                        \
    (v)->data[(v)->size++] = (x);                                              \
  } while (0)

/* Sets the size to `n`, zeroing new elements. */
#define kernVecResize(v, n)                                                    \
  do {                                                                         \
    kernVecReserve((v), (n));                                                  \
    (v)->size = (n);                                                           \
  } while (0)

#define kernVecFree(v)                                                         \
  do {                                                                         \
    free((v)->data);                                                           \
    (v)->data = NULL;                                                          \
    (v)->size = (v)->cap = 0;                                                  \
  } while (0)

/* A zeroed array of `n` elements of `elemSize` bytes, never NULL (room for
 * one element when n is 0), for lists whose length is known up front; the
 * caller frees it. Aborts when out of memory, as kernVecReserve does. */
void *kernAllocZeroed(intptr_t n, size_t elemSize);
#define KERN_ALLOC(T, n) ((T *)kernAllocZeroed((n), sizeof(T)))

typedef KERN_VEC(MlirValue) KernValueVec;
typedef KERN_VEC(MlirType) KernTypeVec;
typedef KERN_VEC(MlirOperation) KernOpVec;
typedef KERN_VEC(int64_t) KernI64Vec;
typedef KERN_VEC(char) KernCharVec;

/* Appends `s` to the NUL-terminated text in `v` (kept NUL-terminated). */
void kernCharVecAppend(KernCharVec *v, const char *s);
/* Appends printf-formatted text to `v` (kept NUL-terminated). */
void kernCharVecAppendf(KernCharVec *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Whether `set` holds `v`. */
bool kernValueVecContains(const KernValueVec *set, MlirValue v);
/* Appends `v` unless it is there already. */
void kernValueVecInsert(KernValueVec *set, MlirValue v);

#ifdef __cplusplus
}
#endif

#endif /* KERN_SUPPORT_VEC_H */
