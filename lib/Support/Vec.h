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

typedef KERN_VEC(MlirValue) KernValueVec;
typedef KERN_VEC(MlirType) KernTypeVec;
typedef KERN_VEC(MlirOperation) KernOpVec;
typedef KERN_VEC(int64_t) KernI64Vec;

/* Whether `set` holds `v`. */
bool kernValueVecContains(const KernValueVec *set, MlirValue v);
/* Appends `v` unless it is there already. */
void kernValueVecInsert(KernValueVec *set, MlirValue v);

#ifdef __cplusplus
}
#endif

#endif /* KERN_SUPPORT_VEC_H */
