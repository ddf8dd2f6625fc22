/*===- KernPrangeToSCF.c - convert-kern-prange-to-scf: prange to scf loops ===*
 *
 * Lowers every kern.prange of a func.func:
 *
 *   - In a function with the unit attribute `kern.parallel`, the outermost
 *     prange of a nest becomes `scf.parallel` with one `scf.reduce` for its
 *     reduction variables, when that is safe; `convert-scf-to-openmp` turns
 *     it into `omp.parallel` + `omp.wsloop` with reductions.
 *   - Otherwise (no `kern.parallel`, a prange nested in another, or a loop
 *     that is not safe to run in parallel) it becomes `scf.for` with
 *     `iter_args`, which is what prange means run sequentially. Where
 *     parallel was asked for, a remark says why the loop stays sequential.
 *
 *   %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
 *     %v = memref.load %x[%i] : memref<?xf64>
 *     %t = arith.addf %acc, %v : f64
 *     kern.yield %t : f64
 *   } : f64
 * becomes, in a kern.parallel function, chunks of %k iterations in parallel
 * and the few left over after the last whole chunk on the calling thread:
 *   %p = scf.parallel (%c) = (%c0) to (%chunks) step (%c1) init (%zero) -> f64 {
 *     %first = ... %c * %k ...
 *     %part = scf.for %j = %c0 to %k step %c1 iter_args(%a = %cst0) -> (f64) {
 *       %i = ... %first + %j ...
 *       %v = memref.load %x[%i] : memref<?xf64>
 *       %t = arith.addf %a, %v fastmath<reassoc> : f64
 *       scf.yield %t : f64
 *     }
 *     scf.reduce(%part : f64) {
 *     ^bb0(%l: f64, %r: f64):
 *       %u = arith.addf %l, %r : f64
 *       scf.reduce.return %u : f64
 *     }
 *   }
 *   %s = scf.for %i = %rest to %n step %c1 iter_args(%a = %p) -> (f64) { ... }
 * A prange without reduction variables becomes one scf.parallel over its
 * iterations.
 *
 * Reductions. Each chunk starts its variables at the identity of their
 * kind and runs the body as written; scf.reduce combines the chunks' results
 * with the initial value. That is the loop's meaning when the reduction
 * analysis (kern/Analysis/Reductions.h) finds every value that depends on
 * `acc` to be `acc ⊕ c` with `c` free of `acc`. A chunk is an ordinary loop
 * with its partial results in registers, which LLVM vectorizes (a prange
 * reduction has no order: its float combines get `reassoc`). Index
 * reductions run on i64 (OpenMP has no index type); complex ones stay
 * sequential (no OpenMP lowering). min/max combine with `cmp` + `select`,
 * the only min/max form convert-scf-to-openmp knows: a NaN does not
 * propagate across threads, and OpenMP starts min/max of floats at the
 * largest finite value.
 *
 * Memory. An iteration may only write array elements that no other
 * iteration touches, as the dependence analysis
 * (kern/Analysis/LoopDependences.h) decides from the memory effects of the
 * body's ops.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"
#include "kern/Analysis/LoopDependences.h"
#include "kern/Analysis/Reductions.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"
#include "../../Support/Vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Names for remarks
 *===----------------------------------------------------------------------===*/

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

typedef struct Text {
  char buf[128];
  size_t len;
} Text;

static void appendText(MlirStringRef s, void *userData) {
  Text *t = userData;
  size_t n = s.length;
  if (n > sizeof t->buf - 1 - t->len)
    n = sizeof t->buf - 1 - t->len;
  memcpy(t->buf + t->len, s.data, n);
  t->len += n;
  t->buf[t->len] = '\0';
}

/* The func.func that defines `v` (or the op, outside any function). */
static MlirOperation definingFunction(MlirValue v) {
  MlirOperation op =
      mlirValueIsAOpResult(v)
          ? mlirOpResultGetOwner(v)
          : mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
  if (kernOpNameIs(op, "func.func"))
    return op;
  MlirOperation f = kernParentOfName(op, "func.func");
  return mlirOperationIsNull(f) ? op : f;
}

/* How `v` prints as an operand ("%arg0"), for remarks. The names are those
 * of its function, taken as verified: mlirAsmStateCreateForValue would
 * number (and verify) the whole module, racing with the passes that run on
 * the other functions in parallel. */
static Text operandName(MlirValue v) {
  Text t = {{0}, 0};
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  mlirOpPrintingFlagsAssumeVerified(flags);
  MlirAsmState state =
      mlirAsmStateCreateForOperation(definingFunction(v), flags);
  mlirValuePrintAsOperand(v, state, appendText, &t);
  mlirAsmStateDestroy(state);
  mlirOpPrintingFlagsDestroy(flags);
  return t;
}

static Text opName(MlirOperation op) {
  Text t = {{0}, 0};
  appendText(mlirIdentifierStr(mlirOperationGetName(op)), &t);
  return t;
}

/*===----------------------------------------------------------------------===*
 * Rewrites
 *===----------------------------------------------------------------------===*/


/* The combiner region of one scf.reduce operand: ^bb0(%a, %b) -> a ⊕ b,
 * min/max as cmp + select (the form convert-scf-to-openmp recognizes). */
static void buildCombiner(KernBuilder *b, MlirRegion region,
                          KernReductionKind kind, KernSign sign, MlirType t) {
  MlirType types[2] = {t, t};
  MlirLocation locs[2] = {b->loc, b->loc};
  MlirBlock block = mlirBlockCreate(2, types, locs);
  mlirRegionAppendOwnedBlock(region, block);
  kernSetInsertionToStart(b, block);
  MlirValue x = mlirBlockGetArgument(block, 0);
  MlirValue y = mlirBlockGetArgument(block, 1);
  MlirValue r;
  if (kind == KernReductionMin || kind == KernReductionMax) {
    bool f = mlirTypeIsAFloat(t), u = sign == KernSignUnsigned;
    const char *pred = kind == KernReductionMin
                           ? (f ? "olt" : u ? "ult" : "slt")
                           : (f ? "ogt" : u ? "ugt" : "sgt");
    MlirValue c = f ? kernCmpF(b, pred, x, y) : kernCmpI(b, pred, x, y);
    r = kernSelect(b, c, x, y);
  } else {
    r = kernCombine(b, kind, x, y);
  }
  kernBuildOp(b, "scf.reduce.return", 0, NULL, 1, &r, 0, NULL, 0);
}

/* The identity of `kind` on `t`; unsigned min/max have their own. */
static MlirValue identity(KernBuilder *b, KernReductionKind kind, KernSign sign,
                          MlirType t) {
  if (sign == KernSignUnsigned && kind == KernReductionMin)
    return kernConstInt(b, t, -1); /* all ones: the largest unsigned */
  if (sign == KernSignUnsigned && kind == KernReductionMax)
    return kernConstZero(b, t);
  return kernIdentity(b, kind, t);
}

/* scf.reduce(values) with one empty combiner region per value. */
static MlirOperation buildReduce(KernBuilder *b, intptr_t n,
                                 const MlirValue *values) {
  return kernBuildOp(b, "scf.reduce", 0, NULL, n, values, 0, NULL, n);
}

static MlirValue castTo(KernBuilder *b, MlirValue v, MlirType t) {
  return kernBuildValue(b, "arith.index_cast", t, 1, &v, 0, NULL);
}

/* A parallel reduction runs in chunks of trips / kChunksPerLoop iterations,
 * at most kChunkIterations, and at least kFineChunk when the body is
 * straight-line code (a short loop then stays one chunk: one vectorized
 * loop), else at least one (see lowerChunked). */
enum { kChunkIterations = 2048, kChunksPerLoop = 64, kFineChunk = 512 };

/* The body of `loop` runs no loop and calls nothing: each iteration is a
 * few ops. */
static MlirWalkResult findLongOp(MlirOperation op, void *userData) {
  bool *fine = userData;
  if (kernOpNameIs(op, "scf.for") || kernOpNameIs(op, "scf.while") ||
      kernOpNameIs(op, "func.call") || kernOpNameIs(op, "kern.prange") ||
      kernOpIsUfunc(op) || kernOpIsReduce(op) || kernOpIsAccumulate(op)) {
    *fine = false;
    return MlirWalkResultInterrupt;
  }
  return MlirWalkResultAdvance;
}

static bool isFineGrained(MlirOperation loop) {
  bool fine = true;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op) && fine; op = mlirOperationGetNextInBlock(op))
    mlirOperationWalk(op, findLongOp, &fine, MlirWalkPreOrder);
  return fine;
}

/* `fastmath<reassoc>` on the float combines of `acc` that carry no flags:
 * a prange reduction has no order, so LLVM may vectorize the chunk's loop
 * with several partial results. */
static void allowReassociation(MlirValue acc, KernReductionKind kind) {
  MlirContext ctx = mlirTypeGetContext(mlirValueGetType(acc));
  MlirStringRef name = mlirStringRefCreateFromCString("fastmath");
  for (MlirOpOperand u = mlirValueGetFirstUse(acc); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation op = mlirOpOperandGetOwner(u);
    if (!kernIsCombineOp(op, kind) || kernOpNameIs(op, "arith.divf") ||
        !mlirTypeIsAFloat(mlirValueGetType(acc)))
      continue;
    MlirAttribute flags = mlirOperationGetAttributeByName(op, name);
    MlirAttribute none = mlirAttributeParseGet(
        ctx, mlirStringRefCreateFromCString("#arith.fastmath<none>"));
    if (mlirAttributeIsNull(flags) || mlirAttributeEqual(flags, none))
      mlirOperationSetAttributeByName(
          op, name,
          mlirAttributeParseGet(
              ctx, mlirStringRefCreateFromCString("#arith.fastmath<reassoc>")));
  }
}

/* scf.for %i = lb to ub step st iter_args(inits) { body }: the prange's body
 * cloned (or, with `move`, moved) into a sequential loop; returns the loop. */
static MlirOperation sequentialCopy(KernBuilder *b, MlirOperation loop,
                                    MlirValue lb, MlirValue ub, MlirValue st,
                                    intptr_t n, const MlirValue *inits,
                                    bool move) {
  MlirBlock body;
  MlirOperation forOp = kernFor(b, lb, ub, st, n, inits, &body);
  MlirValue *args = kernValuesAlloc(n + 1), *yielded = kernValuesAlloc(n);
  for (intptr_t i = 0; i <= n; ++i)
    args[i] = mlirBlockGetArgument(body, i);
  kernSetInsertionToStart(b, body);
  if (move)
    kernInlineRegion(b, mlirOperationGetRegion(loop, 0), n + 1, args, n,
                     yielded);
  else
    kernCloneRegionBody(b, mlirOperationGetRegion(loop, 0), n + 1, args, n,
                        yielded);
  kernScfYield(b, n, yielded);
  kernSetInsertionAfter(b, forOp);
  free(args);
  free(yielded);
  return forOp;
}

/* kern.prange -> scf.for with iter_args: the sequential meaning. */
static void lowerSequential(MlirRewriterBase rw, MlirOperation loop) {
  KernBuilder b = kernBuilderBefore(rw, loop);
  intptr_t n = mlirOperationGetNumResults(loop);
  MlirValue *values = kernValuesAlloc(n);
  for (intptr_t i = 0; i < n; ++i)
    values[i] = mlirOperationGetOperand(loop, 3 + i);
  MlirOperation forOp = sequentialCopy(
      &b, loop, mlirOperationGetOperand(loop, 0),
      mlirOperationGetOperand(loop, 1), mlirOperationGetOperand(loop, 2), n,
      values, true);
  for (intptr_t i = 0; i < n; ++i)
    values[i] = mlirOperationGetResult(forOp, i);
  mlirRewriterBaseReplaceOpWithValues(rw, loop, n, values);
  free(values);
}

/* A prange with reductions -> chunks of kChunkIterations iterations run as
 * a parallel loop, each chunk a sequential loop carrying its partial
 * results in registers (from the identities), combined by scf.reduce; the
 * iterations after the last whole chunk run on the calling thread, from
 * the parallel result:
 *
 *   %s = kern.prange %i = %lb to %ub step %st reduce(add %acc = %init : f64)
 * becomes
 *   %k = max(min(trips / 64, 2048), least)   (iterations per chunk; least
 *                                            is min(trips, 512) for a body
 *                                            of straight-line code, else 1)
 *   %chunks = trips / %k                     (whole chunks)
 *   %p = scf.parallel (%c) = (%c0) to (%chunks) step (%c1) init (%init) {
 *     %first = %lb + %c * %k * %st
 *     %part = scf.for %j = %c0 to %k step %c1 iter_args(%acc = 0.0) {
 *       %i = %first + %j * %st
 *       ...body, with fastmath<reassoc> on the combines of %acc...
 *     }
 *     scf.reduce(%part : f64) { ... }
 *   }
 *   %s = scf.for %i = %lb + %chunks * %k * %st to %ub step %st
 *            iter_args(%acc = %p) { ...body... }
 *
 * Each thread's loop is then an ordinary reduction loop, which LLVM keeps
 * in registers and vectorizes, rather than a load and a store of the
 * OpenMP reduction variable per element; and kern-parallel-threshold sees
 * the whole work (chunks x k x the body). The tail is less than 1/64 of the
 * iterations (or one short chunk); a loop of few, long iterations gets
 * chunks of one. */
static void lowerChunked(MlirRewriterBase rw, MlirOperation loop,
                         const KernSign *signs) {
  KernBuilder b = kernBuilderBefore(rw, loop);
  MlirContext ctx = b.ctx;
  intptr_t n = mlirOperationGetNumResults(loop);
  MlirType i64 = mlirIntegerTypeGet(ctx, 64);
  MlirValue lb = mlirOperationGetOperand(loop, 0);
  MlirValue ub = mlirOperationGetOperand(loop, 1);
  MlirValue st = mlirOperationGetOperand(loop, 2);
  MlirValue c0 = kernConstIndex(&b, 0), c1 = kernConstIndex(&b, 1);
  MlirValue span = kernBinary(&b, "arith.maxsi",
                              kernBinary(&b, "arith.subi", ub, lb), c0);
  MlirValue trips = kernBinary(&b, "arith.ceildivsi", span, st);
  MlirValue least =
      isFineGrained(loop)
          ? kernBinary(&b, "arith.maxsi",
                       kernBinary(&b, "arith.minsi", trips,
                                  kernConstIndex(&b, kFineChunk)),
                       c1)
          : c1;
  MlirValue chunk = kernBinary(
      &b, "arith.maxsi",
      kernBinary(&b, "arith.minsi",
                 kernBinary(&b, "arith.divsi", trips,
                            kernConstIndex(&b, kChunksPerLoop)),
                 kernConstIndex(&b, kChunkIterations)),
      least);
  MlirValue chunks = kernBinary(&b, "arith.divsi", trips, chunk);
  MlirValue stride = kernBinary(&b, "arith.muli", chunk, st);

  MlirValue *operands = kernValuesAlloc(3 + n);
  MlirType *types = KERN_ALLOC(MlirType, n);
  KernReductionKind *kinds = KERN_ALLOC(KernReductionKind, n);
  operands[0] = c0, operands[1] = chunks, operands[2] = c1;
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue init = mlirOperationGetOperand(loop, 3 + i);
    kinds[i] = kernPrangeOpGetKind(loop, i);
    /* OpenMP reductions need LLVM types: index reduces as i64. */
    operands[3 + i] =
        mlirTypeIsAIndex(mlirValueGetType(init)) ? castTo(&b, init, i64) : init;
    types[i] = mlirValueGetType(operands[3 + i]);
  }
  int32_t seg[4] = {1, 1, 1, (int32_t)n};
  MlirNamedAttribute a = kernNamedAttr(ctx, "operandSegmentSizes",
                                       mlirDenseI32ArrayGet(ctx, 4, seg));
  MlirOperation par = kernBuildOp(&b, "scf.parallel", n, types, 3 + n,
                                  operands, 1, &a, 1);
  MlirType indexType = kernIndexType(ctx);
  MlirBlock body = mlirBlockCreate(1, &indexType, &b.loc);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(par, 0), body);
  MlirValue tailStart = kernBinary(
      &b, "arith.addi", lb, kernBinary(&b, "arith.muli", chunks, stride));

  /* The tail first (a copy of the body), then the body moved into the
   * chunks. */
  MlirValue *results = kernValuesAlloc(n);
  for (intptr_t i = 0; i < n; ++i) {
    MlirType t = mlirValueGetType(mlirOperationGetResult(loop, i));
    results[i] = mlirOperationGetResult(par, i);
    if (mlirTypeIsAIndex(t))
      results[i] = castTo(&b, results[i], t);
  }
  MlirOperation tail =
      sequentialCopy(&b, loop, tailStart, ub, st, n, results, false);

  kernSetInsertionToStart(&b, body);
  MlirValue first = kernBinary(
      &b, "arith.addi", lb,
      kernBinary(&b, "arith.muli", mlirBlockGetArgument(body, 0), stride));
  MlirValue *identities = kernValuesAlloc(n);
  for (intptr_t i = 0; i < n; ++i)
    identities[i] =
        identity(&b, kinds[i], signs[i],
                 mlirValueGetType(mlirOperationGetOperand(loop, 3 + i)));
  MlirBlock inner;
  MlirOperation chunkLoop = kernFor(&b, c0, chunk, c1, n, identities, &inner);
  kernSetInsertionToStart(&b, inner);
  MlirValue *args = kernValuesAlloc(n + 1), *yielded = kernValuesAlloc(n);
  args[0] = kernBinary(&b, "arith.addi", first,
                       kernBinary(&b, "arith.muli",
                                  mlirBlockGetArgument(inner, 0), st));
  for (intptr_t i = 0; i < n; ++i)
    args[1 + i] = mlirBlockGetArgument(inner, 1 + i);
  kernInlineRegion(&b, mlirOperationGetRegion(loop, 0), n + 1, args, n,
                   yielded);
  kernScfYield(&b, n, yielded);
  for (intptr_t i = 0; i < n; ++i)
    allowReassociation(args[1 + i], kinds[i]);

  kernSetInsertionAfter(&b, chunkLoop);
  MlirValue *parts = yielded; /* no longer needed: reused */
  for (intptr_t i = 0; i < n; ++i) {
    parts[i] = mlirOperationGetResult(chunkLoop, i);
    if (mlirTypeIsAIndex(mlirValueGetType(parts[i])))
      parts[i] = castTo(&b, parts[i], i64);
  }
  MlirOperation reduce = buildReduce(&b, n, parts);
  for (intptr_t i = 0; i < n; ++i)
    buildCombiner(&b, mlirOperationGetRegion(reduce, i), kinds[i], signs[i],
                  types[i]);

  for (intptr_t i = 0; i < n; ++i)
    results[i] = mlirOperationGetResult(tail, i);
  mlirRewriterBaseReplaceOpWithValues(rw, loop, n, results);
  free(operands);
  free(types);
  free(kinds);
  free(results);
  free(identities);
  free(args);
  free(yielded);
}

/* A prange without reductions -> scf.parallel, the body moved in. */
static void lowerParallel(MlirRewriterBase rw, MlirOperation loop) {
  KernBuilder b = kernBuilderBefore(rw, loop);
  MlirValue bounds[3];
  for (intptr_t i = 0; i < 3; ++i)
    bounds[i] = mlirOperationGetOperand(loop, i);
  int32_t seg[4] = {1, 1, 1, 0};
  MlirNamedAttribute a = kernNamedAttr(b.ctx, "operandSegmentSizes",
                                       mlirDenseI32ArrayGet(b.ctx, 4, seg));
  MlirOperation par =
      kernBuildOp(&b, "scf.parallel", 0, NULL, 3, bounds, 1, &a, 1);
  MlirType indexType = kernIndexType(b.ctx);
  MlirBlock body = mlirBlockCreate(1, &indexType, &b.loc);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(par, 0), body);
  kernSetInsertionToStart(&b, body);
  MlirValue iv = mlirBlockGetArgument(body, 0);
  kernInlineRegion(&b, mlirOperationGetRegion(loop, 0), 1, &iv, 0, NULL);
  buildReduce(&b, 0, NULL);
  mlirRewriterBaseEraseOp(rw, loop);
}

/*===----------------------------------------------------------------------===*
 * Deciding: parallel or sequential, and why
 *===----------------------------------------------------------------------===*/

static void remarkSequential(MlirLocation loc, const char *fmt, const char *a,
                             const char *b) {
  char why[512];
  snprintf(why, sizeof why, fmt, a, b);
  kernEmitRemark(loc, "prange loop runs sequentially: %s", why);
}

/* Whether `loop` can run as scf.parallel; if not, a remark says why. Fills
 * the signedness of each reduction variable's integer min/max. */
static bool canRunInParallel(MlirOperation loop, KernSign *signs) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  intptr_t n = mlirOperationGetNumResults(loop);
  for (intptr_t k = 0; k < n; ++k) {
    MlirValue acc = mlirBlockGetArgument(body, k + 1);
    Text name = operandName(acc);
    if (mlirTypeIsAComplex(mlirValueGetType(acc))) {
      remarkSequential(mlirOperationGetLocation(loop),
                       "reduction variable %s is complex, which OpenMP "
                       "cannot reduce%s",
                       name.buf, "");
      return false;
    }
    KernReductionInfo r =
        kernAnalyzeReduction(loop, k, kernPrangeOpGetKind(loop, k));
    signs[k] = r.sign;
    if (r.verdict == KernReductionReplaced) {
      remarkSequential(mlirOperationGetLocation(mlirBlockGetTerminator(body)),
                       "the new value of reduction variable %s does not "
                       "combine its old value with '%s'",
                       name.buf, kernReductionKindName(kernPrangeOpGetKind(loop, k)));
      return false;
    }
    if (r.verdict == KernReductionMisused) {
      Text what = opName(r.culprit);
      remarkSequential(mlirOperationGetLocation(r.culprit),
                       "reduction variable %s used other than in its "
                       "reduction (by '%s')",
                       name.buf, what.buf);
      return false;
    }
  }
  KernLoopConflict conflict;
  if (!kernLoopIterationsAreIndependent(loop, &conflict)) {
    Text what = opName(conflict.op);
    Text array = operandName(conflict.array);
    char detail[256];
    snprintf(detail, sizeof detail, "'%s' of %s ", what.buf, array.buf);
    remarkSequential(mlirOperationGetLocation(conflict.op), "%s%s", detail,
                     conflict.why);
    return false;
  }
  return true;
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

/* What kind of loop around `op` runs (or may run) in parallel already:
 * "prange", "parallel", or NULL. */
static const char *insideParallelLoop(MlirOperation op) {
  static const char *const loops[] = {"scf.parallel", "affine.parallel",
                                      "scf.forall", "omp.wsloop"};
  if (!mlirOperationIsNull(kernParentOfName(op, "kern.prange")))
    return "prange";
  for (size_t i = 0; i < sizeof loops / sizeof *loops; ++i)
    if (!mlirOperationIsNull(kernParentOfName(op, loops[i])))
      return "parallel";
  return NULL;
}

static MlirWalkResult collectPrange(MlirOperation op, void *userData) {
  KernOpVec *loops = userData;
  if (kernOpIsPrange(op))
    kernVecPush(loops, op);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation func, const KernPassInfo *info) {
  (void)info;
  bool parallel = !mlirAttributeIsNull(
      mlirOperationGetAttributeByName(func, str("kern.parallel")));
  KernOpVec loops = {0};
  /* Post-order: inner loops first, while their outer loops are still
   * kern.prange (which tells that they are nested). */
  mlirOperationWalk(func, collectPrange, &loops, MlirWalkPostOrder);
  MlirRewriterBase rw = mlirIRRewriterCreateFromOp(func);
  MlirLogicalResult result = mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < loops.size; ++i) {
    MlirOperation loop = loops.data[i];
    /* (The frontend keys on "nested in another prange": no warning.) */
    const char *outer = insideParallelLoop(loop);
    bool nested = outer != NULL;
    if (parallel && nested)
      kernEmitRemark(mlirOperationGetLocation(loop),
                     "prange loop runs sequentially: it is nested in another "
                     "%s loop (only the outermost one runs in parallel)",
                     outer);
    KernSign *signs = KERN_ALLOC(KernSign, mlirOperationGetNumResults(loop));
    if (parallel && !nested && canRunInParallel(loop, signs))
      mlirOperationGetNumResults(loop) > 0 ? lowerChunked(rw, loop, signs)
                                           : lowerParallel(rw, loop);
    else
      lowerSequential(rw, loop);
    free(signs);
  }
  mlirIRRewriterDestroy(rw);
  kernVecFree(&loops);
  return result;
}

static const char *const deps[] = {"arith", "scf", "memref", NULL};

static const KernPassInfo info = {
    .argument = "convert-kern-prange-to-scf",
    .name = "ConvertKernPrangeToSCF",
    .description = "Lower kern.prange to scf.parallel + scf.reduce in "
                   "kern.parallel functions when safe, else to scf.for",
    .opName = "func.func",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateConvertKernPrangeToSCFPass(void) { return kernPassCreate(&info); }
