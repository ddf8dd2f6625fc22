/*===- Canonicalize.c - kern-canonicalize: fold trivial kern ops -----------===*
 *
 * Folds kern ops that do no work, on top of MLIR's folders (the greedy driver
 * also erases kern ops whose results are unused and whose bodies are pure).
 *
 * 1. A kern.ufunc whose body yields its only argument copies its input. When
 *    neither the input nor the copy is ever written or escapes (every use
 *    only reads, and no op of the function may write the input's buffer,
 *    as the memory-effects analysis says), the copy is unobservable and the
 *    input is used instead:
 *
 *      %y = kern.ufunc(%x : memref<?xf64>) {
 *      ^bb0(%a: f64):
 *        kern.yield %a : f64
 *      } -> memref<?xf64>
 *      %s = kern.reduce add(%y : memref<?xf64>) : f64
 *    becomes
 *      %s = kern.reduce add(%x : memref<?xf64>) : f64
 *
 * 2. A kern.broadcast of an array to its own sizes (`memref.dim %a, i` for
 *    every dimension i) is the array itself, up to a memref.cast:
 *
 *      %d = memref.dim %a, %c0 : memref<?xf64>
 *      %v = kern.broadcast %a to (%d) : memref<?xf64> -> memref<?xf64, strided<[?], offset: ?>>
 *    becomes
 *      %v = memref.cast %a : memref<?xf64> to memref<?xf64, strided<[?], offset: ?>>
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"
#include "kern/Analysis/MemoryEffects.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"
#include "../Support/Patterns.h"

/*===----------------------------------------------------------------------===*
 * Patterns
 *===----------------------------------------------------------------------===*/

/* Some op of the function around `op` may write memory `v` views. */
typedef struct WriteSearch {
  MlirOperation func;
  MlirValue v;
  bool found;
} WriteSearch;

static MlirWalkResult findWrite(MlirOperation op, void *userData) {
  WriteSearch *s = userData;
  s->found = !mlirOperationEqual(op, s->func) && kernMayWrite(op, s->v);
  return s->found ? MlirWalkResultInterrupt : MlirWalkResultAdvance;
}

static bool writtenAnywhere(MlirOperation op, MlirValue v) {
  MlirOperation func = kernParentOfName(op, "func.func");
  if (mlirOperationIsNull(func))
    return true;
  WriteSearch s = {.func = func, .v = v};
  mlirOperationWalk(func, findWrite, &s, MlirWalkPreOrder);
  return s.found;
}

static MlirLogicalResult foldIdentityUfunc(MlirOperation op,
                                           MlirRewriterBase rw) {
  if (mlirOperationGetNumOperands(op) != 1 ||
      mlirOperationGetNumResults(op) != 1)
    return mlirLogicalResultFailure();
  MlirValue input = mlirOperationGetOperand(op, 0);
  MlirValue result = mlirOperationGetResult(op, 0);
  if (!mlirTypeEqual(mlirValueGetType(input), mlirValueGetType(result)))
    return mlirLogicalResultFailure();
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  MlirOperation yield = mlirBlockGetTerminator(body);
  if (mlirOperationGetNumOperands(yield) != 1 ||
      !mlirValueEqual(mlirOperationGetOperand(yield, 0),
                      kernBlockArg(body, 0)))
    return mlirLogicalResultFailure();
  if (!kernAllUsesOnlyRead(input) || !kernAllUsesOnlyRead(result) ||
      writtenAnywhere(op, input))
    return mlirLogicalResultFailure();
  mlirRewriterBaseReplaceAllUsesWith(rw, result, input);
  mlirRewriterBaseEraseOp(rw, op);
  return mlirLogicalResultSuccess();
}

/* `v` is `memref.dim %array, %i` with a constant %i equal to `dim`. */
static bool isDimOf(MlirValue v, MlirValue array, int64_t dim) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  if (!kernOpNameIs(def, "memref.dim") ||
      !mlirValueEqual(mlirOperationGetOperand(def, 0), array))
    return false;
  MlirValue index = mlirOperationGetOperand(def, 1);
  if (!mlirValueIsAOpResult(index))
    return false;
  MlirOperation c = mlirOpResultGetOwner(index);
  if (!kernOpNameIs(c, "arith.constant"))
    return false;
  MlirAttribute value = mlirOperationGetAttributeByName(
      c, mlirStringRefCreateFromCString("value"));
  return mlirAttributeIsAInteger(value) &&
         mlirIntegerAttrGetValueInt(value) == dim;
}

/* A memref.cast from `from` to `to` is valid: every static stride and the
 * offset of `to` equal those of `from` (dynamic ones match anything). */
static bool castCompatibleLayouts(MlirType from, MlirType to) {
  int64_t rank = kernRank(from), fo, to_;
  if (kernRank(to) != rank)
    return false;
  int64_t *fs = KERN_ALLOC(int64_t, rank), *ts = KERN_ALLOC(int64_t, rank);
  bool ok =
      mlirLogicalResultIsSuccess(
          mlirMemRefTypeGetStridesAndOffset(from, fs, &fo)) &&
      mlirLogicalResultIsSuccess(mlirMemRefTypeGetStridesAndOffset(to, ts, &to_));
  int64_t dyn = mlirShapedTypeGetDynamicStrideOrOffset();
  /* A static stride of `to` must be the same static stride of `from`. */
  for (int64_t i = 0; ok && i < rank; ++i)
    ok = ts[i] == dyn || ts[i] == fs[i];
  ok = ok && (to_ == dyn || to_ == fo);
  free(fs);
  free(ts);
  return ok;
}

static MlirLogicalResult foldSelfBroadcast(MlirOperation op,
                                           MlirRewriterBase rw) {
  MlirValue src = mlirOperationGetOperand(op, 0);
  MlirValue result = mlirOperationGetResult(op, 0);
  int64_t rank = kernRank(mlirValueGetType(src));
  if (rank != kernRank(mlirValueGetType(result)) ||
      !castCompatibleLayouts(mlirValueGetType(src), mlirValueGetType(result)))
    return mlirLogicalResultFailure();
  for (int64_t i = 0; i < rank; ++i)
    if (!isDimOf(mlirOperationGetOperand(op, 1 + i), src, i))
      return mlirLogicalResultFailure();
  KernBuilder b = kernBuilderBefore(rw, op);
  MlirValue cast = kernBuildValue(&b, "memref.cast", mlirValueGetType(result),
                                  1, &src, 0, NULL);
  mlirRewriterBaseReplaceAllUsesWith(rw, result, cast);
  mlirRewriterBaseEraseOp(rw, op);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

static const KernPattern patterns[] = {
    {"kern.ufunc", 1, foldIdentityUfunc},
    {"kern.broadcast", 1, foldSelfBroadcast},
};

static MlirLogicalResult run(MlirOperation op, const KernPassInfo *info) {
  (void)info;
  return kernApplyPatternsGreedily(op, sizeof patterns / sizeof *patterns,
                                   patterns);
}

static const char *const deps[] = {"memref", NULL};

static const KernPassInfo info = {
    .argument = "kern-canonicalize",
    .name = "KernCanonicalize",
    .description = "Fold kern ops that do no work (identity ufuncs, "
                   "broadcasts to the same shape)",
    .opName = "",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateCanonicalizePass(void) { return kernPassCreate(&info); }
