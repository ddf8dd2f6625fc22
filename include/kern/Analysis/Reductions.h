/*===- kern/Analysis/Reductions.h - reduction variables of loops ---*- C -*-===*
 *
 * Whether a loop-carried variable is a reduction: every value of the body
 * that depends on the variable `acc` is `acc ⊕ c` with `c` free of `acc`
 * (⊕ the variable's kind). Then each iteration's contribution can be
 * computed on its own and combined in any order, which is what running the
 * loop in parallel needs (convert-kern-prange-to-scf).
 *
 *   %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
 *     %v = memref.load %x[%i] : memref<?xf64>
 *     %t = arith.addf %acc, %v : f64      // acc ⊕ v: a reduction
 *     kern.yield %t : f64
 *   } : f64
 *
 * Values of the form `acc ⊕ c`: `acc` itself; a combine of such a value with
 * an acc-free one (`arith.addf %acc, %v`, `arith.maximumf`, the min/max idiom
 * `select(cmp(a, v), a, v)`, and with the value on the left `arith.subf`
 * (`-=`) and `arith.divf` (`/=`); integer min/max signed or unsigned, not
 * both); a select of two such values under an acc-free condition; the
 * results of scf.if, scf.for and scf.while that carry such values in every
 * branch and iteration. Any other use of `acc` (a comparison, a store,
 * another variable) makes it no reduction.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_ANALYSIS_REDUCTIONS_H
#define KERN_ANALYSIS_REDUCTIONS_H

#include "kern-c/Dialect.h"
#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Integer min/max come signed or unsigned; a variable sticks to one. */
typedef enum KernSign { KernSignAny, KernSignSigned, KernSignUnsigned } KernSign;

typedef enum KernReductionVerdict {
  KernReductionFound,    /* the body yields acc ⊕ c */
  KernReductionMisused,  /* `culprit` uses acc other than in its reduction */
  KernReductionReplaced, /* the yielded value does not combine the old one */
} KernReductionVerdict;

typedef struct KernReductionInfo {
  KernReductionVerdict verdict;
  MlirOperation culprit; /* KernReductionMisused: the offending use */
  KernSign sign;         /* of the integer min/max combines seen */
} KernReductionInfo;

/* Analyses carried variable `k` (0-based) of `loop`, whose region 0 has one
 * block with the induction variable and then one argument per carried
 * variable, and whose terminator yields their new values in order (as
 * kern.prange). `kind` is how the variable combines. */
KernReductionInfo kernAnalyzeReduction(MlirOperation loop, intptr_t k,
                                       KernReductionKind kind);

/* `op` combines with `kind`: `acc + x`, also `acc - x` and `acc / x` (the
 * variable on the left). */
bool kernIsCombineOp(MlirOperation op, KernReductionKind kind);

/* `select` is `select(cmp(l, r), l, r)` (or with the arms swapped)
 * computing the min or the max of its arms as `kind` asks. */
bool kernIsMinMaxSelect(MlirOperation select, KernReductionKind kind);

#ifdef __cplusplus
}
#endif

#endif /* KERN_ANALYSIS_REDUCTIONS_H */
