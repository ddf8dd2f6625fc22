/*===- ParallelThreshold.c - kern-parallel-threshold: small loops serial ---===*
 *
 * Starting OpenMP threads costs microseconds (several when the workers
 * sleep or share a loaded machine); a parallel loop over a small array
 * would be many times slower than the serial loop (Numba's issues 2920 and
 * 6796). This pass, run after convert-scf-to-openmp, gives every
 * `omp.parallel` whose body is one `omp.wsloop` an `if` clause: the region
 * runs on the calling thread alone unless the loop has enough iterations
 * to pay for the threads.
 *
 * The threshold is an estimate of work: kKernParallelWork "op-iterations"
 * divided by the number of ops in the loop body (math calls count
 * kMathWeight). A body holding a loop, a call or a while has unknown, likely
 * large, work per iteration: two iterations are enough (a Mandelbrot row).
 * Trip counts must be computable before the region: the bounds are defined
 * outside it (as convert-scf-to-openmp makes them); otherwise the op is
 * left as it is.
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
 *   %min = arith.constant 8192 : index
 *   %big = arith.cmpi sge, %trip, %min : index
 *   omp.parallel if(%big) { ... }
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

/* Op-iterations of work that pay for starting the threads: about 30 us of
 * simple ops, measured on a loaded 2-core machine (bench/bench_options.py). */
static const int64_t kKernParallelWork = 32768;
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

typedef struct {
  int64_t ops;
  bool unbounded; /* a loop, call or while: work unknown */
} KernWork;

static MlirWalkResult countWork(MlirOperation op, void *userData) {
  KernWork *w = userData;
  if (isOp(op, "scf.for") || isOp(op, "scf.while") ||
      isOp(op, "scf.parallel") || isOp(op, "func.call") ||
      isOp(op, "llvm.call") || isOp(op, "omp.loop_nest") ||
      isOp(op, "affine.for") || isOp(op, "memref.copy")) {
    w->unbounded = true;
    return MlirWalkResultInterrupt;
  }
  w->ops += hasPrefix(op, "math.") || hasPrefix(op, "complex.")
                ? kMathWeight
                : 1;
  return MlirWalkResultAdvance;
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

static void addThreshold(MlirRewriterBase rw, MlirOperation parallel) {
  MlirOperation nest;
  if (!hasNoIf(parallel) || !findLoop(parallel, &nest) ||
      !boundsAvailable(parallel, nest))
    return;
  KernWork inner = {0, false};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(nest, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op) && !inner.unbounded;
       op = mlirOperationGetNextInBlock(op))
    mlirOperationWalk(op, countWork, &inner, MlirWalkPreOrder);
  int64_t threshold =
      inner.unbounded ? 2
                      : (kKernParallelWork + inner.ops - 1) /
                            (inner.ops > 0 ? inner.ops : 1);
  if (threshold < 2)
    threshold = 2;
  KernBuilder b = kernBuilderBefore(rw, parallel);
  b.loc = mlirOperationGetLocation(parallel);
  MlirValue trip = buildTripCount(&b, nest);
  setIfOperand(parallel,
               kernCmpI(&b, "sge", trip, kernConstIndex(&b, threshold)));
}

/*--- The pass ------------------------------------------------------------*/

typedef struct {
  MlirOperation *ops;
  intptr_t n, cap;
} KernOpList;

static MlirWalkResult collectParallel(MlirOperation op, void *userData) {
  KernOpList *list = userData;
  if (isOp(op, "omp.parallel") && list->n < list->cap)
    list->ops[list->n++] = op;
  return MlirWalkResultAdvance;
}

enum { kMaxParallelRegions = 256 };

static MlirLogicalResult run(MlirOperation func, const KernPassInfo *info) {
  (void)info;
  MlirOperation ops[kMaxParallelRegions];
  KernOpList list = {ops, 0, kMaxParallelRegions};
  mlirOperationWalk(func, collectParallel, &list, MlirWalkPreOrder);
  if (list.n == 0)
    return mlirLogicalResultSuccess();
  MlirRewriterBase rw = mlirIRRewriterCreate(mlirOperationGetContext(func));
  for (intptr_t i = 0; i < list.n; ++i)
    addThreshold(rw, list.ops[i]);
  mlirIRRewriterDestroy(rw);
  return mlirLogicalResultSuccess();
}

static const char *const kDependentDialects[] = {"arith", NULL};

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
