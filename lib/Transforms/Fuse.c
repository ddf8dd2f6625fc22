/*===- Fuse.c - kern-fuse: producer-consumer fusion of array ops -----------===*
 *
 * Fuses a kern.ufunc (the producer) into the kern.ufunc or kern.reduce that
 * consumes its result (the consumer): the consumer takes the producer's
 * inputs instead of the temporary array, and its body computes the
 * producer's element first. Repeated to a fixed point, a whole expression
 * tree becomes one op, hence one loop nest and no temporary array:
 *
 *   %t = kern.ufunc(%x : memref<?xf64>) {
 *   ^bb0(%a: f64):
 *     %s = arith.mulf %a, %a : f64
 *     kern.yield %s : f64
 *   } -> memref<?xf64>
 *   %r = kern.reduce add(%t : memref<?xf64>) : f64
 * becomes
 *   %r = kern.reduce add(%x : memref<?xf64>) map {
 *   ^bb0(%a: f64):
 *     %s = arith.mulf %a, %a : f64
 *     kern.yield %s : f64
 *   } : f64
 *
 * A producer is fused only when that computes the same values with no more
 * work:
 *  - every use of its result is an input of the one consumer, in the same
 *    block (not inside a loop, which would recompute it per iteration), and
 *    its other results are unused;
 *  - the result is not broadcast on its way in (through a kern.broadcast
 *    view, a lower rank or a size-1 dimension): fusing would recompute the
 *    producer along the broadcast axes (the trap of Numba issue 6387), so a
 *    broadcast producer stays a smaller loop of its own, outside;
 *  - nothing between producer and consumer may write an array the producer
 *    reads (stores, ufuncs with `outs`, calls), and the consumer's `outs`
 *    may not alias those arrays (except the very same array, read and
 *    written at the same element);
 *  - its body is pure scalar code (no memory access, no random draws).
 *
 * kern-fuse runs after kern-broadcast: every array input of an op then has
 * the iteration shape, so the fused op's inputs do too. When a function or
 * module carries the unit attribute `kern.remarks`, every producer that
 * feeds an array op but is not fused gets a remark saying why.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

#include <stdio.h>
#include <string.h>

enum { kMaxInputs = 64 };

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/* The number of operands in segment `i` (inputs: 0, outs/init: 1) of a
 * kern.ufunc or kern.reduce. */
static intptr_t segmentSize(MlirOperation op, intptr_t i) {
  MlirAttribute seg =
      mlirOperationGetAttributeByName(op, str("operandSegmentSizes"));
  return mlirAttributeIsNull(seg) ? 0 : mlirDenseI32ArrayGetElement(seg, i);
}

static bool isArray(MlirValue v) { return kernIsMemRef(mlirValueGetType(v)); }

static bool nameStartsWith(MlirOperation op, const char *prefix) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  size_t len = strlen(prefix);
  return n.length >= len && memcmp(n.data, prefix, len) == 0;
}

static bool nameIsOneOf(MlirOperation op, const char *const *names) {
  for (; *names; ++names)
    if (kernOpNameIs(op, *names))
      return true;
  return false;
}

static const char *opName(MlirOperation op, char *buf, size_t cap) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  snprintf(buf, cap, "%.*s", (int)n.length, n.data);
  return buf;
}

/*===----------------------------------------------------------------------===*
 * Memory: what an op may write, which arrays may alias
 *===----------------------------------------------------------------------===*/

/* Ops that give a view of their first operand. */
static const char *const kViewOps[] = {
    "memref.cast",          "memref.subview",         "memref.expand_shape",
    "memref.collapse_shape", "memref.transpose",      "memref.reinterpret_cast",
    "memref.view",          "kern.broadcast",         NULL};

/* The array whose buffer `v` views. */
static MlirValue rootOf(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!nameIsOneOf(def, kViewOps))
      break;
    v = mlirOperationGetOperand(def, 0);
  }
  return v;
}

/* A buffer allocated by the op that defines it: no other name reaches it. */
static bool isFresh(MlirValue root) {
  if (!mlirValueIsAOpResult(root))
    return false;
  MlirOperation def = mlirOpResultGetOwner(root);
  return kernOpIsAlloc(def) || kernOpIsUfunc(def) || kernOpIsReduce(def) ||
         kernOpIsAccumulate(def) || kernOpIsSharedAlloc(def) ||
         kernOpNameIs(def, "memref.alloc") ||
         kernOpNameIs(def, "memref.alloca");
}

static bool mayAlias(MlirValue a, MlirValue b) {
  MlirValue ra = rootOf(a), rb = rootOf(b);
  if (mlirValueEqual(ra, rb))
    return true;
  return !isFresh(ra) && !isFresh(rb);
}

/* Ops that write no memory that exists before them (their own nested ops
 * are looked at separately). */
static const char *const kNoWriteOps[] = {
    "memref.dim", "memref.rank", "memref.load", "memref.extract_strided_metadata",
    "affine.load", "affine.apply", "affine.min", "affine.max", "affine.yield",
    "affine.for", "affine.if", "affine.parallel",
    "scf.if", "scf.for", "scf.while", "scf.parallel", "scf.yield",
    "scf.condition", "scf.reduce", "scf.reduce.return", "scf.execute_region",
    "kern.broadcast", "kern.grid", "kern.gridsize", "kern.yield",
    "kern.prange", "kern.alloc", "kern.shared_alloc", "kern.reduce",
    "kern.accumulate", "memref.alloc", "memref.alloca",
    /* Random draws only touch the generator's state; a raise ends the
     * function, after which the producer's values are never seen. */
    "kern.random", "kern.seed", "kern.raise", NULL};

static bool writesNothingOld(MlirOperation op) {
  if (nameStartsWith(op, "arith.") || nameStartsWith(op, "math.") ||
      nameStartsWith(op, "complex.") || nameStartsWith(op, "index."))
    return true;
  if (nameIsOneOf(op, kViewOps) || nameIsOneOf(op, kNoWriteOps))
    return true;
  return kernOpIsUfunc(op) && mlirOperationGetNumResults(op) > 0;
}

/* The arrays `op` writes: returns their number, or -1 when unknown. */
static intptr_t writtenArrays(MlirOperation op, MlirValue *out, intptr_t cap) {
  if (writesNothingOld(op))
    return 0;
  if (kernOpNameIs(op, "memref.store") || kernOpNameIs(op, "affine.store") ||
      kernOpNameIs(op, "memref.copy")) {
    out[0] = mlirOperationGetOperand(op, 1);
    return 1;
  }
  if (kernOpNameIs(op, "memref.dealloc")) {
    out[0] = mlirOperationGetOperand(op, 0);
    return 1;
  }
  if (kernOpIsUfunc(op)) { /* with outs */
    intptr_t first = segmentSize(op, 0), n = segmentSize(op, 1);
    if (n > cap)
      return -1;
    for (intptr_t i = 0; i < n; ++i)
      out[i] = mlirOperationGetOperand(op, first + i);
    return n;
  }
  return -1;
}

/* Looks for an op that may write one of `reads`. */
typedef struct ClobberSearch {
  const MlirValue *reads;
  intptr_t nReads;
  MlirOperation culprit;
} ClobberSearch;

static MlirWalkResult findClobber(MlirOperation op, void *userData) {
  ClobberSearch *s = userData;
  MlirValue written[kMaxInputs];
  intptr_t n = writtenArrays(op, written, kMaxInputs);
  bool clobbers = n < 0;
  for (intptr_t i = 0; i < n && !clobbers; ++i)
    for (intptr_t j = 0; j < s->nReads && !clobbers; ++j)
      clobbers = mayAlias(written[i], s->reads[j]);
  if (!clobbers)
    return MlirWalkResultAdvance;
  s->culprit = op;
  return MlirWalkResultInterrupt;
}

/*===----------------------------------------------------------------------===*
 * Legality
 *===----------------------------------------------------------------------===*/

/* A producer and what to do with it. */
typedef struct Candidate {
  MlirOperation producer, consumer;
  intptr_t result;   /* the producer's result the consumer reads */
  bool fusable;
  bool worthRemark;  /* it feeds an array op, so a user may expect fusion */
  char why[256];     /* when not fusable */
} Candidate;

static bool decline(Candidate *c, const char *fmt, const char *arg) {
  c->fusable = false;
  snprintf(c->why, sizeof c->why, fmt, arg);
  return false;
}

static bool isArrayOp(MlirOperation op) {
  return kernOpIsUfunc(op) || kernOpIsReduce(op);
}

/* `use` is one of the inputs of its owner. */
static bool isInputUse(MlirOpOperand use) {
  return mlirOpOperandGetOperandNumber(use) <
         (unsigned)segmentSize(mlirOpOperandGetOwner(use), 0);
}

/* Finds the consumer: the single op whose inputs are every use of the
 * producer's one used result. */
static bool findConsumer(Candidate *c) {
  MlirOperation p = c->producer;
  char name[64];
  c->result = -1;
  for (intptr_t i = 0; i < mlirOperationGetNumResults(p); ++i) {
    MlirValue r = mlirOperationGetResult(p, i);
    if (mlirOpOperandIsNull(mlirValueGetFirstUse(r)))
      continue;
    if (c->result >= 0)
      return decline(c, "two of its results are used%s", "");
    c->result = i;
  }
  if (c->result < 0)
    return false; /* dead: nothing to fuse into */
  MlirValue r = mlirOperationGetResult(p, c->result);
  for (MlirOpOperand u = mlirValueGetFirstUse(r); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    c->worthRemark |= isArrayOp(user) || kernOpIsBroadcast(user);
    if (kernOpIsBroadcast(user))
      return decline(c,
                     "not fused: its result is broadcast to a larger shape; "
                     "fusing would recompute it along the broadcast axes, "
                     "so it stays a loop of its own%s",
                     "");
    if (!isArrayOp(user) || !isInputUse(u))
      return decline(c, "not fused: its result is also used by %s",
                     opName(user, name, sizeof name));
    if (!mlirOperationIsNull(c->consumer) &&
        !mlirOperationEqual(c->consumer, user))
      return decline(c, "not fused: its result is used by several ops%s",
                     "");
    c->consumer = user;
  }
  return true;
}

static int64_t iterationRank(MlirOperation op) {
  int64_t rank = 0;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    int64_t r = kernRank(mlirValueGetType(mlirOperationGetOperand(op, i)));
    rank = r > rank ? r : rank;
  }
  for (intptr_t i = 0; kernOpIsUfunc(op) && i < mlirOperationGetNumResults(op);
       ++i) {
    int64_t r = kernRank(mlirValueGetType(mlirOperationGetResult(op, i)));
    rank = r > rank ? r : rank;
  }
  return rank;
}

/* Some other array of the consumer is not statically 1 at dimension `d`
 * (aligned from the right) where `t` is. */
static bool sizeOneBroadcast(MlirOperation consumer, MlirType t, int64_t d,
                             int64_t rank) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(consumer); ++i) {
    MlirType u = mlirValueGetType(mlirOperationGetOperand(consumer, i));
    int64_t j = d - (rank - kernRank(u));
    if (kernIsMemRef(u) && j >= 0 &&
        (mlirShapedTypeIsDynamicDim(u, j) ||
         mlirShapedTypeGetDimSize(u, j) != 1))
      return true;
  }
  return false;
}

/* The consumer reads the producer's result at the iteration shape: same
 * rank, and no static size 1 where others are larger. */
static bool readAtFullShape(const Candidate *c) {
  MlirType t = mlirValueGetType(mlirOperationGetResult(c->producer, c->result));
  int64_t rank = iterationRank(c->consumer);
  if (kernRank(t) != rank)
    return false;
  for (int64_t d = 0; d < rank; ++d)
    if (!mlirShapedTypeIsDynamicDim(t, d) &&
        mlirShapedTypeGetDimSize(t, d) == 1 &&
        sizeOneBroadcast(c->consumer, t, d, rank))
      return false;
  return true;
}

static MlirWalkResult findImpureOp(MlirOperation op, void *userData) {
  MlirOperation *culprit = userData;
  if (nameStartsWith(op, "arith.") || nameStartsWith(op, "math.") ||
      nameStartsWith(op, "complex.") || nameStartsWith(op, "index.") ||
      kernOpIsYield(op) || kernOpIsUfunc(op) || kernOpNameIs(op, "scf.if") ||
      kernOpNameIs(op, "scf.yield"))
    return MlirWalkResultAdvance;
  *culprit = op;
  return MlirWalkResultInterrupt;
}

static bool bodyIsPure(Candidate *c) {
  MlirOperation culprit = {NULL};
  mlirOperationWalk(c->producer, findImpureOp, &culprit, MlirWalkPreOrder);
  if (mlirOperationIsNull(culprit))
    return true;
  char name[64];
  return decline(c,
                 "not fused: its body has side effects or reads memory (%s)",
                 opName(culprit, name, sizeof name));
}

static intptr_t producerArrays(MlirOperation p, MlirValue *out) {
  intptr_t n = 0;
  for (intptr_t i = 0; i < segmentSize(p, 0) && n < kMaxInputs; ++i)
    if (isArray(mlirOperationGetOperand(p, i)))
      out[n++] = mlirOperationGetOperand(p, i);
  return n;
}

/* Nothing between the two ops writes what the producer reads. */
static bool noWriteBetween(Candidate *c) {
  MlirValue reads[kMaxInputs];
  ClobberSearch s = {reads, producerArrays(c->producer, reads), {NULL}};
  for (MlirOperation op = mlirOperationGetNextInBlock(c->producer);
       !mlirOperationEqual(op, c->consumer) && mlirOperationIsNull(s.culprit);
       op = mlirOperationGetNextInBlock(op))
    mlirOperationWalk(op, findClobber, &s, MlirWalkPreOrder);
  if (mlirOperationIsNull(s.culprit))
    return true;
  char name[64];
  return decline(c,
                 "not fused: %s may write an array it reads before its "
                 "consumer runs",
                 opName(s.culprit, name, sizeof name));
}

/* The consumer's outs do not overlap what the producer reads, except as the
 * very same array (each element is then read before it is written). */
static bool outsDoNotAlias(Candidate *c) {
  if (!kernOpIsUfunc(c->consumer))
    return true;
  MlirValue reads[kMaxInputs];
  intptr_t nReads = producerArrays(c->producer, reads);
  intptr_t first = segmentSize(c->consumer, 0);
  for (intptr_t i = 0; i < segmentSize(c->consumer, 1); ++i) {
    MlirValue out = mlirOperationGetOperand(c->consumer, first + i);
    for (intptr_t j = 0; j < nReads; ++j)
      if (!mlirValueEqual(out, reads[j]) && mayAlias(out, reads[j]))
        return decline(c,
                       "not fused: its consumer writes an array that may "
                       "overlap one it reads%s",
                       "");
  }
  return true;
}

static bool fitsInOneOp(Candidate *c) {
  intptr_t n = segmentSize(c->producer, 0) + segmentSize(c->consumer, 0);
  if (n <= kMaxInputs)
    return true;
  return decline(c, "not fused: the fused op would have too many inputs%s",
                 "");
}

/* Decides whether `producer` fuses into its consumer. */
static Candidate examine(MlirOperation producer) {
  Candidate c = {.producer = producer, .fusable = true};
  if (!kernOpIsUfunc(producer) || mlirOperationGetNumResults(producer) == 0 ||
      !findConsumer(&c)) {
    c.fusable = false;
    return c;
  }
  if (!mlirBlockEqual(mlirOperationGetBlock(producer),
                      mlirOperationGetBlock(c.consumer))) {
    decline(&c,
            "not fused: its consumer is in a nested region; fusing would "
            "recompute it on every iteration%s",
            "");
    return c;
  }
  if (!readAtFullShape(&c)) {
    decline(&c,
            "not fused: its consumer broadcasts its result to a larger "
            "shape; fusing would recompute it along the broadcast axes, so "
            "it stays a loop of its own%s",
            "");
    return c;
  }
  (void)(bodyIsPure(&c) && noWriteBetween(&c) && outsDoNotAlias(&c) &&
         fitsInOneOp(&c));
  return c;
}

/*===----------------------------------------------------------------------===*
 * Fusion
 *===----------------------------------------------------------------------===*/

/* The inputs of the fused op: the consumer's, with the producer's inputs in
 * place of its result, each value once. `cIndex`/`pIndex` give the fused
 * input of each consumer / producer input (-1 for the producer's result). */
typedef struct Inputs {
  intptr_t n;
  MlirValue values[kMaxInputs];
  intptr_t cIndex[kMaxInputs], pIndex[kMaxInputs];
} Inputs;

static intptr_t addInput(Inputs *in, MlirValue v) {
  for (intptr_t i = 0; i < in->n; ++i)
    if (mlirValueEqual(in->values[i], v))
      return i;
  in->values[in->n] = v;
  return in->n++;
}

static void mergeInputs(const Candidate *c, Inputs *in) {
  MlirValue r = mlirOperationGetResult(c->producer, c->result);
  intptr_t nP = segmentSize(c->producer, 0);
  bool spliced = false;
  in->n = 0;
  for (intptr_t i = 0; i < segmentSize(c->consumer, 0); ++i) {
    MlirValue v = mlirOperationGetOperand(c->consumer, i);
    if (!mlirValueEqual(v, r)) {
      in->cIndex[i] = addInput(in, v);
      continue;
    }
    in->cIndex[i] = -1;
    for (intptr_t j = 0; j < nP && !spliced; ++j)
      in->pIndex[j] = addInput(in, mlirOperationGetOperand(c->producer, j));
    spliced = true;
  }
}

/* A copy of the consumer with the fused inputs and empty regions (the
 * combiner of a reduction moved over). */
static MlirOperation createFusedOp(KernBuilder *b, MlirOperation consumer,
                                   const Inputs *in) {
  intptr_t nOld = segmentSize(consumer, 0);
  intptr_t nRest = mlirOperationGetNumOperands(consumer) - nOld;
  MlirValue ops[2 * kMaxInputs];
  memcpy(ops, in->values, in->n * sizeof *ops);
  for (intptr_t i = 0; i < nRest; ++i)
    ops[in->n + i] = mlirOperationGetOperand(consumer, nOld + i);

  intptr_t nAttrs = mlirOperationGetNumAttributes(consumer);
  MlirNamedAttribute attrs[32];
  int32_t seg[2] = {(int32_t)in->n, (int32_t)nRest};
  intptr_t k = 0;
  attrs[k++] = kernNamedAttr(b->ctx, "operandSegmentSizes",
                             mlirDenseI32ArrayGet(b->ctx, 2, seg));
  for (intptr_t i = 0; i < nAttrs && k < 32; ++i) {
    MlirNamedAttribute a = mlirOperationGetAttribute(consumer, i);
    if (!mlirIdentifierEqual(a.name,
                             mlirIdentifierGet(b->ctx,
                                               str("operandSegmentSizes"))))
      attrs[k++] = a;
  }

  MlirType types[kMaxInputs];
  intptr_t nResults = mlirOperationGetNumResults(consumer);
  for (intptr_t i = 0; i < nResults && i < kMaxInputs; ++i)
    types[i] = mlirValueGetType(mlirOperationGetResult(consumer, i));
  intptr_t nRegions = mlirOperationGetNumRegions(consumer);
  char name[32];
  MlirOperation fused =
      kernBuildOp(b, opName(consumer, name, sizeof name), nResults, types,
                  in->n + nRest, ops, k, attrs, nRegions);
  for (intptr_t i = 1; i < nRegions; ++i)
    mlirRegionTakeBody(mlirOperationGetRegion(fused, i),
                       mlirOperationGetRegion(consumer, i));
  return fused;
}

/* The body of the fused op: the producer's, then the consumer's (or, for a
 * reduction without a map, just the producer's value). */
static void fillBody(KernBuilder *b, const Candidate *c, const Inputs *in,
                     MlirOperation fused) {
  MlirType types[kMaxInputs];
  MlirLocation locs[kMaxInputs];
  for (intptr_t i = 0; i < in->n; ++i) {
    types[i] = kernElementType(mlirValueGetType(in->values[i]));
    locs[i] = b->loc;
  }
  MlirBlock block = mlirBlockCreate(in->n, types, locs);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(fused, 0), block);
  kernSetInsertionToEnd(b, block);

  MlirValue args[kMaxInputs], pYield[kMaxInputs], cYield[kMaxInputs];
  intptr_t nP = segmentSize(c->producer, 0);
  for (intptr_t j = 0; j < nP; ++j)
    args[j] = kernBlockArg(block, in->pIndex[j]);
  kernInlineRegion(b, mlirOperationGetRegion(c->producer, 0), nP, args,
                   kMaxInputs, pYield);
  MlirValue value = pYield[c->result];

  MlirRegion body = mlirOperationGetRegion(c->consumer, 0);
  MlirBlock cBlock = mlirRegionGetFirstBlock(body);
  if (mlirBlockIsNull(cBlock)) { /* kern.reduce without a map */
    kernYieldOpCreate(b->loc, block, 1, &value);
    return;
  }
  intptr_t nC = segmentSize(c->consumer, 0);
  for (intptr_t i = 0; i < nC; ++i)
    args[i] = in->cIndex[i] < 0 ? value : kernBlockArg(block, in->cIndex[i]);
  intptr_t nYield =
      mlirOperationGetNumOperands(mlirBlockGetTerminator(cBlock));
  kernInlineRegion(b, body, nC, args, kMaxInputs, cYield);
  kernYieldOpCreate(b->loc, block, nYield, cYield);
}

static void fuse(MlirRewriterBase rw, const Candidate *c) {
  Inputs in;
  mergeInputs(c, &in);
  KernBuilder b = kernBuilderBefore(rw, c->consumer);
  MlirOperation fused = createFusedOp(&b, c->consumer, &in);
  fillBody(&b, c, &in, fused);
  mlirRewriterBaseReplaceOpWithOperation(rw, c->consumer, fused);
  mlirRewriterBaseEraseOp(rw, c->producer);
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

static MlirWalkResult findFusable(MlirOperation op, void *userData) {
  Candidate *found = userData;
  if (!kernOpIsUfunc(op))
    return MlirWalkResultAdvance;
  Candidate c = examine(op);
  if (!c.fusable)
    return MlirWalkResultAdvance;
  *found = c;
  return MlirWalkResultInterrupt;
}

static bool remarksEnabled(MlirOperation op) {
  for (; !mlirOperationIsNull(op); op = mlirOperationGetParentOperation(op))
    if (!mlirAttributeIsNull(
            mlirOperationGetAttributeByName(op, str("kern.remarks"))))
      return true;
  return false;
}

static MlirWalkResult remarkUnfused(MlirOperation op, void *userData) {
  (void)userData;
  if (!kernOpIsUfunc(op) || !remarksEnabled(op))
    return MlirWalkResultAdvance;
  Candidate c = examine(op);
  if (!c.fusable && c.worthRemark && c.why[0])
    kernEmitRemark(mlirOperationGetLocation(op), "%s", c.why);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation root, const KernPassInfo *info) {
  (void)info;
  MlirRewriterBase rw = mlirIRRewriterCreate(mlirOperationGetContext(root));
  for (;;) {
    Candidate c = {.fusable = false};
    mlirOperationWalk(root, findFusable, &c, MlirWalkPreOrder);
    if (!c.fusable)
      break;
    fuse(rw, &c);
  }
  mlirIRRewriterDestroy(rw);
  mlirOperationWalk(root, remarkUnfused, NULL, MlirWalkPreOrder);
  return mlirLogicalResultSuccess();
}

static const KernPassInfo info = {
    .argument = "kern-fuse",
    .name = "KernFuse",
    .description = "Fuse producer kern.ufuncs into the kern.ufunc or "
                   "kern.reduce that consumes them (no temporaries, no "
                   "recomputation along broadcast axes)",
    .opName = "",
    .run = run,
    .dependentDialects = NULL,
};

MlirPass kernCreateFusePass(void) { return kernPassCreate(&info); }
