/*===- Patterns.c - C rewrite patterns on the greedy and walk drivers -----===*/

#include "Patterns.h"

static MlirLogicalResult matchAndRewrite(MlirRewritePattern pattern,
                                         MlirOperation op,
                                         MlirPatternRewriter rewriter,
                                         void *userData) {
  (void)pattern;
  const KernPattern *p = (const KernPattern *)userData;
  return p->matchAndRewrite(op, mlirPatternRewriterAsBase(rewriter));
}

static MlirFrozenRewritePatternSet freeze(MlirContext ctx, intptr_t n,
                                          const KernPattern *patterns) {
  MlirRewritePatternSet set = mlirRewritePatternSetCreate(ctx);
  MlirRewritePatternCallbacks callbacks = {NULL, NULL, matchAndRewrite};
  for (intptr_t i = 0; i < n; ++i)
    mlirRewritePatternSetAdd(
        set, mlirOpRewritePatternCreate(
                 mlirStringRefCreateFromCString(patterns[i].rootName),
                 patterns[i].benefit, ctx, callbacks, (void *)&patterns[i], 0,
                 NULL));
  MlirFrozenRewritePatternSet frozen = mlirFreezeRewritePattern(set);
  /* Freezing moves the patterns out but leaves the (empty) set allocated. */
  mlirRewritePatternSetDestroy(set);
  return frozen;
}

MlirLogicalResult kernApplyPatternsGreedily(MlirOperation root, intptr_t n,
                                            const KernPattern *patterns) {
  MlirFrozenRewritePatternSet frozen =
      freeze(mlirOperationGetContext(root), n, patterns);
  MlirGreedyRewriteDriverConfig config = mlirGreedyRewriteDriverConfigCreate();
  MlirLogicalResult r =
      mlirApplyPatternsAndFoldGreedilyWithOp(root, frozen, config);
  mlirGreedyRewriteDriverConfigDestroy(config);
  mlirFrozenRewritePatternSetDestroy(frozen);
  return r;
}

void kernApplyPatternsOnce(MlirOperation root, intptr_t n,
                           const KernPattern *patterns) {
  MlirFrozenRewritePatternSet frozen =
      freeze(mlirOperationGetContext(root), n, patterns);
  mlirWalkAndApplyPatterns(root, frozen);
  mlirFrozenRewritePatternSetDestroy(frozen);
}
