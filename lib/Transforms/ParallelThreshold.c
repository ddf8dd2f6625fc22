/*===- ParallelThreshold.c - kern-parallel-threshold: small loops serial ---===*
 *
 * Starting OpenMP threads costs microseconds (several when the workers
 * sleep or share a loaded machine); a parallel loop over a small array
 * would be many times slower than the serial loop (Numba's issues 2920 and
 * 6796). This pass, run after convert-scf-to-openmp, gives every
 * `omp.parallel` whose body is one `omp.wsloop` an `if` clause: the region
 * runs on the calling thread alone unless the loop has enough iterations
 * to pay for the threads. Where the region is a plain worksharing loop
 * (reductions only), the small case is a serial copy of the loop, which
 * costs nothing over a serial function; else libomp's serialized region
 * (the `if` clause, about a microsecond).
 *
 * The test is an estimate of work: trip count x ops per iteration >=
 * kKernParallelWork "op-iterations" (and at least two iterations). Math
 * functions count kMathWeight ops; an inner scf.for counts its trip count
 * (computed before the region when its bounds are defined outside it, else
 * guessed) times its body; an scf.while, a call, a copy are guessed
 * (kWhileTrips, kCallWeight). With static work per iteration the test is a
 * constant threshold on the trip count. The outer bounds must be defined
 * outside the region (as convert-scf-to-openmp makes them); otherwise the
 * op is left as it is.
 *
 *   omp.parallel {
 *     omp.wsloop reduction(@r %0 -> %p : !llvm.ptr) {
 *       omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) { ... }
 *     }
 *     omp.terminator
 *   }
 * becomes, for a body of 4 ops,
 *   %span = arith.subi %n, %c0 : index
 *   %trip = arith.ceildivsi %span, %c1 : index     (product over dims)
 *   %min = arith.constant 32768 : index
 *   %big = arith.cmpi sge, %trip, %min : index
 *   scf.if %big {
 *     omp.parallel { ...as before... }
 *   } else {
 *     scf.for %i = %c0 to %n step %c1 { ...body, %p replaced by %0... }
 *   }
 * or, when no serial copy can be made, `omp.parallel if(%big) { ... }`.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/IR.h"
#include "mlir-c/Rewrite.h"

#include <stdbool.h>
#include <string.h>

/* Op-iterations of work that pay for starting the threads (about 2 us on
 * the quiet 2-core benchmark machine, far more when it is loaded): the
 * parallel sum forks from ~18700 elements, the benchmark's array expression
 * from ~2400 (measured crossovers: 5000-10000 and 1000-2000; at half of
 * this, 10000 elements, the parallel sum still took 1.3x the serial time). */
static const int64_t kKernParallelWork = 131072;
/* What a math function (exp, sin, pow...) counts as, in simple ops. */
static const int64_t kMathWeight = 16;
/* Segment of `if_expr` in omp.parallel's operandSegmentSizes: allocate,
 * allocator, if, num_threads, private, reduction. */
enum { kIfSegment = 2, kParallelSegments = 6 };

static bool isOp(MlirOperation op, const char *name) {
  MlirStringRef id = mlirIdentifierStr(mlirOperationGetName(op));
  return id.length == strlen(name) && memcmp(id.data, name, id.length) == 0;
}

static bool hasPrefix(MlirOperation op, const char *prefix) {
  MlirStringRef id = mlirIdentifierStr(mlirOperationGetName(op));
  size_t n = strlen(prefix);
  return id.length >= n && memcmp(id.data, prefix, n) == 0;
}

/*--- Work per iteration --------------------------------------------------*/

/* What an iteration of the parallel loop costs, in simple ops: a static
 * count plus, for each inner scf.for whose bounds are known before the
 * region, its trip count times the work of its body (built as arith ops
 * before the region). What cannot be counted is guessed: */
static const int64_t kUnknownTrips = 64; /* an inner loop, bounds inside */
static const int64_t kWhileTrips = 16;   /* an scf.while */
static const int64_t kCallWeight = 1024; /* a call (an njit function, a loop) */

typedef struct {
  KernBuilder *b;
  MlirOperation parallel;
} KernWorkCtx;

static MlirValue regionWork(KernWorkCtx *c, MlirRegion region, int64_t *ops);

/* total + term, where a null value is 0. */
static MlirValue addWork(KernBuilder *b, MlirValue total, MlirValue term) {
  if (mlirValueIsNull(term))
    return total;
  return mlirValueIsNull(total) ? term
                                : kernBinary(b, "arith.addi", total, term);
}

/* The work of one execution of `region` times `trips` (a value, or null
 * with the constant `constTrips`), added to *ops / returned. */
static MlirValue repeatedWork(KernWorkCtx *c, MlirRegion region,
                              MlirValue trips, int64_t constTrips,
                              int64_t *ops) {
  int64_t inner = 0;
  MlirValue dynamic = regionWork(c, region, &inner);
  if (mlirValueIsNull(trips)) {
    *ops += constTrips * inner;
    return mlirValueIsNull(dynamic)
               ? dynamic
               : kernBinary(c->b, "arith.muli", dynamic,
                            kernConstIndex(c->b, constTrips));
  }
  MlirValue perTrip = addWork(c->b, kernConstIndex(c->b, inner), dynamic);
  return kernBinary(c->b, "arith.muli", trips, perTrip);
}

static bool definedOutside(MlirValue v, MlirOperation regionOp);

/* max(0, ceil((ub - lb) / step)) of an scf.for with index bounds defined
 * before the region, else null. */
static MlirValue forTrips(KernWorkCtx *c, MlirOperation loop) {
  MlirValue bounds[3];
  for (int i = 0; i < 3; ++i) {
    bounds[i] = mlirOperationGetOperand(loop, i);
    if (!definedOutside(bounds[i], c->parallel) ||
        !mlirTypeIsAIndex(mlirValueGetType(bounds[i])))
      return (MlirValue){NULL};
  }
  MlirValue span = kernBinary(c->b, "arith.subi", bounds[1], bounds[0]);
  MlirValue trips = kernBinary(c->b, "arith.ceildivsi", span, bounds[2]);
  return kernBinary(c->b, "arith.maxsi", trips, kernConstIndex(c->b, 0));
}

static MlirValue opWork(KernWorkCtx *c, MlirOperation op, int64_t *ops) {
  if (isOp(op, "scf.for")) {
    MlirValue trips = forTrips(c, op);
    return repeatedWork(c, mlirOperationGetRegion(op, 0), trips,
                        kUnknownTrips, ops);
  }
  if (isOp(op, "scf.while")) {
    MlirValue before = repeatedWork(c, mlirOperationGetRegion(op, 0),
                                    (MlirValue){NULL}, kWhileTrips, ops);
    MlirValue after = repeatedWork(c, mlirOperationGetRegion(op, 1),
                                   (MlirValue){NULL}, kWhileTrips, ops);
    return addWork(c->b, before, after);
  }
  if (isOp(op, "func.call") || isOp(op, "llvm.call") ||
      isOp(op, "memref.copy")) {
    *ops += kCallWeight;
    return (MlirValue){NULL};
  }
  *ops += hasPrefix(op, "math.") || hasPrefix(op, "complex.") ? kMathWeight
                                                               : 1;
  MlirValue total = {NULL}; /* scf.if, memref.alloca_scope: both regions */
  for (intptr_t i = 0; i < mlirOperationGetNumRegions(op); ++i)
    total = addWork(c->b, total,
                    regionWork(c, mlirOperationGetRegion(op, i), ops));
  return total;
}

static MlirValue regionWork(KernWorkCtx *c, MlirRegion region, int64_t *ops) {
  MlirValue total = {NULL};
  for (MlirBlock block = mlirRegionGetFirstBlock(region);
       !mlirBlockIsNull(block); block = mlirBlockGetNextInRegion(block))
    for (MlirOperation op = mlirBlockGetFirstOperation(block);
         !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
      total = addWork(c->b, total, opWork(c, op, ops));
  return total;
}

/*--- The loop ------------------------------------------------------------*/

/* The single omp.wsloop of `parallel`'s body and its omp.loop_nest, or
 * false when the body is something else. */
static bool findLoop(MlirOperation parallel, MlirOperation *nest) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(parallel, 0));
  MlirOperation wsloop = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (isOp(op, "omp.terminator") || hasPrefix(op, "llvm.mlir.constant") ||
        hasPrefix(op, "arith.constant"))
      continue;
    if (!isOp(op, "omp.wsloop") || !mlirOperationIsNull(wsloop))
      return false;
    wsloop = op;
  }
  if (mlirOperationIsNull(wsloop))
    return false;
  MlirBlock inner = mlirRegionGetFirstBlock(mlirOperationGetRegion(wsloop, 0));
  *nest = mlirBlockGetFirstOperation(inner);
  return !mlirOperationIsNull(*nest) && isOp(*nest, "omp.loop_nest");
}

/* True when `v` is defined outside `regionOp` (so usable before it). */
static bool definedOutside(MlirValue v, MlirOperation regionOp) {
  MlirOperation owner = mlirValueIsAOpResult(v)
                            ? mlirOpResultGetOwner(v)
                            : mlirBlockGetParentOperation(
                                  mlirBlockArgumentGetOwner(v));
  for (; !mlirOperationIsNull(owner);
       owner = mlirOperationGetParentOperation(owner))
    if (mlirOperationEqual(owner, regionOp))
      return false;
  return true;
}

/* True when the nest's bounds are index values defined before `parallel`. */
static bool boundsAvailable(MlirOperation parallel, MlirOperation nest) {
  intptr_t n = mlirOperationGetNumOperands(nest);
  if (n == 0 || n % 3 != 0)
    return false;
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(nest, i);
    if (!definedOutside(v, parallel) || !mlirTypeIsAIndex(mlirValueGetType(v)))
      return false;
  }
  return true;
}

/* The trip count of the (possibly multi-dimensional) loop nest, built at
 * b's insertion point (boundsAvailable). */
static MlirValue buildTripCount(KernBuilder *b, MlirOperation nest) {
  intptr_t dims = mlirOperationGetNumOperands(nest) / 3; /* lbs, ubs, steps */
  MlirValue trip = {NULL};
  for (intptr_t d = 0; d < dims; ++d) {
    MlirValue lb = mlirOperationGetOperand(nest, d);
    MlirValue ub = mlirOperationGetOperand(nest, dims + d);
    MlirValue step = mlirOperationGetOperand(nest, 2 * dims + d);
    MlirValue span = kernBinary(b, "arith.subi", ub, lb);
    MlirValue count = kernBinary(b, "arith.ceildivsi", span, step);
    trip = mlirValueIsNull(trip) ? count
                                 : kernBinary(b, "arith.muli", trip, count);
  }
  return trip;
}

static MlirAttribute operandSegments(MlirOperation parallel) {
  return mlirOperationGetAttributeByName(
      parallel, mlirStringRefCreateFromCString("operandSegmentSizes"));
}

/* True when `parallel` has the operand segments we know and no if clause. */
static bool hasNoIf(MlirOperation parallel) {
  MlirAttribute segments = operandSegments(parallel);
  return !mlirAttributeIsNull(segments) &&
         mlirAttributeIsADenseI32Array(segments) &&
         mlirDenseArrayGetNumElements(segments) == kParallelSegments &&
         mlirDenseI32ArrayGetElement(segments, kIfSegment) == 0;
}

/* Puts `cond` into the empty if_expr segment of `parallel` (hasNoIf). */
static void setIfOperand(MlirOperation parallel, MlirValue cond) {
  MlirAttribute segments = operandSegments(parallel);
  int32_t sizes[kParallelSegments];
  intptr_t before = 0;
  for (intptr_t i = 0; i < kParallelSegments; ++i) {
    sizes[i] = mlirDenseI32ArrayGetElement(segments, i);
    if (i < kIfSegment)
      before += sizes[i];
  }
  intptr_t n = mlirOperationGetNumOperands(parallel);
  MlirValue operands[n + 1];
  for (intptr_t i = 0, j = 0; i <= n; ++i)
    operands[i] = i == before ? cond : mlirOperationGetOperand(parallel, j++);
  sizes[kIfSegment] = 1;
  mlirOperationSetOperands(parallel, n + 1, operands);
  mlirOperationSetAttributeByName(
      parallel, mlirStringRefCreateFromCString("operandSegmentSizes"),
      mlirDenseI32ArrayGet(mlirOperationGetContext(parallel),
                           kParallelSegments, sizes));
}

/*--- The serial copy ------------------------------------------------------*/

/* The first and only op of `region`'s single block besides constants, or
 * null. */
static bool onlyLoop(MlirOperation wsloop, MlirOperation nest) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(wsloop, 0));
  return mlirOperationEqual(mlirBlockGetFirstOperation(block), nest) &&
         mlirOperationIsNull(mlirOperationGetNextInBlock(nest)) &&
         mlirBlockIsNull(mlirBlockGetNextInRegion(
             mlirRegionGetFirstBlock(mlirOperationGetRegion(nest, 0))));
}

/* True when the serial copy can be made: the parallel region has no
 * clause operands, the worksharing loop's operands are all reduction
 * variables (pointers the body loads and stores, updated in place by the
 * copy: no private copies to preserve) matching its block arguments, and
 * the loop nest is its only op, one block. */
static bool copyable(MlirOperation parallel, MlirOperation nest) {
  MlirOperation wsloop = mlirOperationGetParentOperation(nest);
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(wsloop, 0));
  MlirAttribute syms = mlirOperationGetAttributeByName(
      wsloop, mlirStringRefCreateFromCString("reduction_syms"));
  intptr_t reductions = mlirAttributeIsNull(syms) || !mlirAttributeIsAArray(syms)
                            ? 0
                            : mlirArrayAttrGetNumElements(syms);
  intptr_t operands = mlirOperationGetNumOperands(wsloop);
  return mlirOperationGetNumOperands(parallel) == 0 &&
         operands == reductions &&
         mlirBlockGetNumArguments(block) == operands && onlyLoop(wsloop, nest);
}

/* Builds, at b's insertion point, the loop nest of `nest` (a detached
 * clone's) as scf.for loops running its body on this thread: reduction
 * variables are updated in place (what the OpenMP reduction would combine
 * them into). Moves the clone's ops; the clone is left empty. */
static void buildSerialLoops(KernBuilder *b, MlirOperation parallelClone) {
  MlirBlock pbody =
      mlirRegionGetFirstBlock(mlirOperationGetRegion(parallelClone, 0));
  MlirOperation nest = {NULL}, wsloop = {NULL};
  /* The constants of the parallel body move along (findLoop allows them). */
  for (MlirOperation op = mlirBlockGetFirstOperation(pbody), next;
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (isOp(op, "omp.wsloop"))
      wsloop = op;
    else if (!isOp(op, "omp.terminator")) {
      MlirOperation anchor = kernBuildOp(b, "builtin.unrealized_conversion_cast",
                                         0, NULL, 0, NULL, 0, NULL, 0);
      mlirOperationMoveBefore(op, anchor);
      mlirRewriterBaseEraseOp(b->rw, anchor);
    }
  }
  MlirBlock wsBlock = mlirRegionGetFirstBlock(mlirOperationGetRegion(wsloop, 0));
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(wsBlock); ++i)
    mlirValueReplaceAllUsesOfWith(mlirBlockGetArgument(wsBlock, i),
                                  mlirOperationGetOperand(wsloop, i));
  nest = mlirBlockGetFirstOperation(wsBlock);
  intptr_t dims = mlirOperationGetNumOperands(nest) / 3;
  MlirValue ivs[dims];
  for (intptr_t d = 0; d < dims; ++d) {
    MlirBlock body;
    kernFor(b, mlirOperationGetOperand(nest, d),
            mlirOperationGetOperand(nest, dims + d),
            mlirOperationGetOperand(nest, 2 * dims + d), 0, NULL, &body);
    ivs[d] = kernBlockArg(body, 0);
    kernSetInsertionToEnd(b, body);
    kernScfYield(b, 0, NULL);
    kernSetInsertionBefore(b, mlirBlockGetTerminator(body));
  }
  /* The body runs in an scf.execute_region: the memref.alloca_scope that
   * convert-scf-to-openmp put around it becomes several blocks when memref
   * is lowered (before scf), which scf.for's one-block body cannot hold. */
  MlirOperation region = kernBuildOp(b, "scf.execute_region", 0, NULL, 0,
                                     NULL, 0, NULL, 1);
  MlirBlock regionBlock = mlirBlockCreate(0, NULL, NULL);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(region, 0), regionBlock);
  kernSetInsertionToEnd(b, regionBlock);
  kernScfYield(b, 0, NULL);
  kernSetInsertionBefore(b, mlirBlockGetTerminator(regionBlock));
  MlirBlock inner = mlirRegionGetFirstBlock(mlirOperationGetRegion(nest, 0));
  MlirOperation yield = mlirBlockGetTerminator(inner); /* omp.yield */
  MlirOperation anchor = kernBuildOp(b, "builtin.unrealized_conversion_cast",
                                     0, NULL, 0, NULL, 0, NULL, 0);
  mlirRewriterBaseInlineBlockBefore(b->rw, inner, anchor, dims, ivs);
  mlirRewriterBaseEraseOp(b->rw, yield);
  mlirRewriterBaseEraseOp(b->rw, anchor);
}

/* Replaces `parallel` by scf.if %big { parallel } else { serial loops }. */
static void splitSerial(KernBuilder *b, MlirOperation parallel, MlirValue big) {
  MlirBlock thenBlock, elseBlock;
  kernIf(b, big, 0, NULL, &thenBlock, &elseBlock);
  kernSetInsertionToEnd(b, thenBlock);
  kernScfYield(b, 0, NULL);
  MlirOperation clone = mlirOperationClone(parallel);
  mlirOperationMoveBefore(parallel, mlirBlockGetTerminator(thenBlock));
  kernSetInsertionToEnd(b, elseBlock);
  kernScfYield(b, 0, NULL);
  kernSetInsertionBefore(b, mlirBlockGetTerminator(elseBlock));
  buildSerialLoops(b, clone);
  mlirOperationDestroy(clone);
}

static void addThreshold(MlirRewriterBase rw, MlirOperation parallel) {
  MlirOperation nest;
  if (!hasNoIf(parallel) || !findLoop(parallel, &nest) ||
      !boundsAvailable(parallel, nest))
    return;
  KernBuilder b = kernBuilderBefore(rw, parallel);
  b.loc = mlirOperationGetLocation(parallel);
  KernWorkCtx c = {&b, parallel};
  int64_t ops = 0;
  MlirValue dynamic = regionWork(&c, mlirOperationGetRegion(nest, 0), &ops);
  MlirValue trip = buildTripCount(&b, nest);
  MlirValue big;
  if (mlirValueIsNull(dynamic)) {
    /* Static work per iteration: a threshold on the trip count. */
    int64_t perTrip = ops > 0 ? ops : 1;
    int64_t threshold = (kKernParallelWork + perTrip - 1) / perTrip;
    big = kernCmpI(&b, "sge", trip,
                   kernConstIndex(&b, threshold < 2 ? 2 : threshold));
  } else {
    /* Work known at run time: trip * (ops + inner loops) >= the work that
     * pays for threads, and at least two iterations. */
    MlirValue perTrip = addWork(&b, kernConstIndex(&b, ops), dynamic);
    MlirValue work = kernBinary(&b, "arith.muli", trip, perTrip);
    MlirValue enough =
        kernCmpI(&b, "sge", work, kernConstIndex(&b, kKernParallelWork));
    MlirValue two = kernCmpI(&b, "sge", trip, kernConstIndex(&b, 2));
    big = kernBinary(&b, "arith.andi", enough, two);
  }
  if (copyable(parallel, nest))
    splitSerial(&b, parallel, big);
  else
    setIfOperand(parallel, big);
}

/*--- The pass ------------------------------------------------------------*/

static bool isOmpParallel(MlirOperation op) {
  return isOp(op, "omp.parallel");
}

static MlirLogicalResult run(MlirOperation func, const KernPassInfo *info) {
  (void)info;
  KernOpVec list = {0};
  kernCollectOps(func, isOmpParallel, &list);
  if (list.size > 0) {
    MlirRewriterBase rw = mlirIRRewriterCreate(mlirOperationGetContext(func));
    for (intptr_t i = 0; i < list.size; ++i)
      addThreshold(rw, list.data[i]);
    mlirIRRewriterDestroy(rw);
  }
  kernVecFree(&list);
  return mlirLogicalResultSuccess();
}

static const char *const kDependentDialects[] = {"arith", "scf", NULL};

static const KernPassInfo info = {
    .argument = "kern-parallel-threshold",
    .name = "KernParallelThreshold",
    .description = "Run OpenMP parallel loops with too few iterations to pay "
                   "for the threads on the calling thread (omp.parallel if)",
    .opName = "func.func",
    .run = run,
    .dependentDialects = kDependentDialects,
};

MlirPass kernCreateParallelThresholdPass(void) { return kernPassCreate(&info); }
