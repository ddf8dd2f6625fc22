/*===- Patterns.h - rewrite patterns written as C functions ---------*- C -*-===*
 *
 * A pattern is a root op name and a function that either rewrites the op
 * through the rewriter and returns success, or leaves the IR untouched and
 * returns failure:
 *
 *   static MlirLogicalResult foldIdentity(MlirOperation op,
 *                                         MlirRewriterBase rw) { ... }
 *   static const KernPattern patterns[] = {{"kern.ufunc", 1, foldIdentity}};
 *   return kernApplyPatternsGreedily(func, 1, patterns);
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_SUPPORT_PATTERNS_H
#define KERN_SUPPORT_PATTERNS_H

#include "mlir-c/IR.h"
#include "mlir-c/Rewrite.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct KernPattern {
  const char *rootName; /* op name the pattern is rooted at */
  unsigned benefit;
  MlirLogicalResult (*matchAndRewrite)(MlirOperation op, MlirRewriterBase rw);
} KernPattern;

/* Applies the patterns and folds with MLIR's greedy driver under `root`.
 * Fails only when the driver does not converge. */
MlirLogicalResult kernApplyPatternsGreedily(MlirOperation root, intptr_t n,
                                            const KernPattern *patterns);

/* Applies the patterns once to every op, post-order (mlirWalkAndApplyPatterns):
 * for lowerings where each op is rewritten exactly once. */
void kernApplyPatternsOnce(MlirOperation root, intptr_t n,
                           const KernPattern *patterns);

#ifdef __cplusplus
}
#endif

#endif /* KERN_SUPPORT_PATTERNS_H */
