/*===- kern/Analysis/LoopDependences.h - independent iterations ----*- C -*-===*
 *
 * Whether the iterations of a loop touch disjoint elements of every array
 * the loop writes, so that they may run in any order or at once
 * (convert-kern-prange-to-scf). What each op of the body reads and writes
 * comes from the memory-effects analysis (kern/Analysis/MemoryEffects.h).
 *
 * For every array (traced back through views to the value outside the loop
 * it comes from) that the body writes, some dimension must be indexed
 * exactly by the loop variable in every access of the loop to that array:
 *
 *   kern.prange %i = %c0 to %n step %c1 {
 *     %v = memref.load %x[%i, %j] : memref<?x?xf64>   // x: dim 0 is %i
 *     memref.store %v, %y[%i] : memref<?xf64>         // y: dim 0 is %i
 *     kern.yield
 *   }                                                 // independent
 *
 * A per-iteration subview `a[i, :]` counts as indexed by `i` in that
 * dimension; arrays allocated in the body are private to an iteration;
 * distinct arrays (different buffers) are taken as distinct, as Numba's
 * prange does. An op that may write an outer array it is given without the
 * analysis knowing where (a call) is a conflict.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_ANALYSIS_LOOPDEPENDENCES_H
#define KERN_ANALYSIS_LOOPDEPENDENCES_H

#include "mlir-c/IR.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct KernLoopConflict {
  MlirOperation op; /* the access to blame */
  MlirValue array;  /* the array outside the loop it reaches */
  const char *why;  /* "is not indexed by the loop variable ..." */
} KernLoopConflict;

/* Whether the iterations of `loop` (region 0, whose first block argument is
 * the induction variable) touch disjoint elements of every array the body
 * writes. When not, `*conflict` says which access and why. */
bool kernLoopIterationsAreIndependent(MlirOperation loop,
                                      KernLoopConflict *conflict);

#ifdef __cplusplus
}
#endif

#endif /* KERN_ANALYSIS_LOOPDEPENDENCES_H */
