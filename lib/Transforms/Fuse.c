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
 *  - the result is not broadcast on its way in (a kern.broadcast view that
 *    adds dimensions or stretches a static size 1, or the consumer's other
 *    arrays being larger): fusing would recompute the producer along the
 *    broadcast axes (the trap of Numba issue 6387), so a broadcast producer
 *    stays a smaller loop of its own, outside. A view between equal ranks
 *    with unknown sizes (kern-broadcast's answer to `x + y` with sizes known
 *    only at run time) is fused through: the producer's arrays are viewed
 *    the same way. The sizes are nearly always equal; when one is 1 at run
 *    time the producer's scalar body runs once per element, like the
 *    consumer's;
 *  - nothing between producer and consumer may write an array the producer
 *    reads (stores, ufuncs with `outs`, calls). The consumer's `outs` may
 *    overlap what the producer reads (`a[1:] = np.sin(a[:-1])`): a ufunc
 *    with outs reads its inputs before it writes (convert-kern-to-affine
 *    copies an input that overlaps an out at run time), so the fused op
 *    means what the two did;
 *  - its body is pure scalar code (no memory access, no random draws).
 *
 * kern-fuse runs after kern-broadcast: every array input of an op then has
 * the iteration shape, so the fused op's inputs do too, and a size query of
 * a ufunc's result (`memref.dim`) is first redirected to its first array
 * input (and one of a kern.broadcast view replaced by the size the view was
 * given), so that checking a size does not count as a use. When a function or
 * module carries the unit attribute `kern.remarks`, every producer that
 * feeds an array op but is not fused gets a remark saying why.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Interfaces.h"
#include "kern-c/Passes.h"
#include "kern/Analysis/MemoryEffects.h"

#include "../Support/Builder.h"
#include "../Support/Limits.h"
#include "../Support/Pass.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static bool isArray(MlirValue v) { return kernIsMemRef(mlirValueGetType(v)); }

static const char *opName(MlirOperation op, char *buf, size_t cap) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  snprintf(buf, cap, "%.*s", (int)n.length, n.data);
  return buf;
}

/* Looks for an op that may write one of `reads`. */
typedef struct ClobberSearch {
  const MlirValue *reads;
  intptr_t nReads;
  MlirOperation culprit;
} ClobberSearch;

static MlirWalkResult findClobber(MlirOperation op, void *userData) {
  ClobberSearch *s = userData;
  KernAccesses a = kernAccessesOf(op);
  bool clobbers = a.writesAny;
  for (intptr_t i = 0; i < a.size && !clobbers; ++i)
    for (intptr_t j = 0; j < s->nReads && !clobbers && a.data[i].write; ++j)
      clobbers = kernMayAlias(a.data[i].value, s->reads[j]);
  kernAccessesFree(&a);
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
  intptr_t result;    /* the producer's result the consumer reads */
  MlirOperation view; /* the kern.broadcast it is read through, or null */
  bool fusable;
  bool worthRemark; /* it feeds an array op, so a user may expect fusion */
  char why[256];    /* when not fusable */
} Candidate;

/* Records why the producer is not fused; returns false. */
static bool decline(Candidate *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool decline(Candidate *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->why, sizeof c->why, fmt, ap);
  va_end(ap);
  c->fusable = false;
  return false;
}

static bool isArrayOp(MlirOperation op) {
  return kernOpIsUfunc(op) || kernOpIsReduce(op);
}

/* `use` is one of the inputs of its owner. */
static bool isInputUse(MlirOpOperand use) {
  return mlirOpOperandGetOperandNumber(use) <
         (unsigned)kernOperandSegmentSize(mlirOpOperandGetOwner(use), 0);
}

/* The value the consumer reads: the producer's result or its view. */
static MlirValue consumed(const Candidate *c) {
  return mlirOperationIsNull(c->view)
             ? mlirOperationGetResult(c->producer, c->result)
             : mlirOperationGetResult(c->view, 0);
}

/* A kern.broadcast that surely repeats elements: it adds dimensions or
 * stretches a static size 1. (One between equal ranks with unknown sizes
 * only makes NumPy's rule explicit; the sizes are nearly always equal.) */
static bool isRealBroadcast(MlirOperation view) {
  MlirType src = mlirValueGetType(mlirOperationGetOperand(view, 0));
  MlirType dst = mlirValueGetType(mlirOperationGetResult(view, 0));
  if (kernRank(src) != kernRank(dst))
    return true;
  for (int64_t d = 0; d < kernRank(src); ++d)
    if (!mlirShapedTypeIsDynamicDim(src, d) &&
        mlirShapedTypeGetDimSize(src, d) == 1 &&
        (mlirShapedTypeIsDynamicDim(dst, d) ||
         mlirShapedTypeGetDimSize(dst, d) != 1))
      return true;
  return false;
}

static bool declineBroadcast(Candidate *c) {
  return decline(c,
                 "not fused: its result is broadcast to a larger shape; "
                 "fusing would recompute it along the broadcast axes, so it "
                 "stays a loop of its own");
}

/* The producer's one used result (its other results are dead); notes
 * whether any result feeds an array op. */
static bool findResult(Candidate *c) {
  c->result = -1;
  for (intptr_t i = 0; i < mlirOperationGetNumResults(c->producer); ++i) {
    MlirValue r = mlirOperationGetResult(c->producer, i);
    for (MlirOpOperand u = mlirValueGetFirstUse(r); !mlirOpOperandIsNull(u);
         u = mlirOpOperandGetNextUse(u)) {
      MlirOperation user = mlirOpOperandGetOwner(u);
      c->worthRemark |= isArrayOp(user) || kernOpIsBroadcast(user);
    }
    if (mlirOpOperandIsNull(mlirValueGetFirstUse(r)))
      continue;
    if (c->result >= 0)
      return decline(c, "not fused: two of its results are used");
    c->result = i;
  }
  return c->result >= 0; /* else dead: nothing to fuse into */
}

/* Finds the consumer: the single array op whose inputs are every use of
 * the producer's result, directly or through one kern.broadcast. */
static bool findConsumer(Candidate *c) {
  char name[64];
  if (!findResult(c))
    return false;
  MlirValue r = mlirOperationGetResult(c->producer, c->result);
  MlirOpOperand first = mlirValueGetFirstUse(r);
  MlirOperation user = mlirOpOperandGetOwner(first);
  if (kernOpIsBroadcast(user)) {
    if (!mlirOpOperandIsNull(mlirOpOperandGetNextUse(first)))
      return decline(c, "not fused: its result is used by several ops");
    if (isRealBroadcast(user))
      return declineBroadcast(c);
    c->view = user;
  }
  for (MlirOpOperand u = mlirValueGetFirstUse(consumed(c));
       !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
    user = mlirOpOperandGetOwner(u);
    if (!isArrayOp(user) || !isInputUse(u))
      return decline(c, "not fused: its result is also used by %s",
                     opName(user, name, sizeof name));
    if (!mlirOperationIsNull(c->consumer) &&
        !mlirOperationEqual(c->consumer, user))
      return decline(c, "not fused: its result is used by several ops");
    c->consumer = user;
  }
  return !mlirOperationIsNull(c->consumer);
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
  MlirType t = mlirValueGetType(consumed(c));
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

/* Scalar code that neither touches memory nor has effects. */
static MlirWalkResult findImpureOp(MlirOperation op, void *userData) {
  MlirOperation *culprit = userData;
  if (kernOperationIsMemoryEffectFree(op))
    return MlirWalkResultAdvance;
  *culprit = op;
  return MlirWalkResultInterrupt;
}

static bool bodyIsPure(Candidate *c) {
  MlirOperation culprit = {NULL};
  MlirBlock body =
      mlirRegionGetFirstBlock(mlirOperationGetRegion(c->producer, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op) && mlirOperationIsNull(culprit);
       op = mlirOperationGetNextInBlock(op))
    mlirOperationWalk(op, findImpureOp, &culprit, MlirWalkPreOrder);
  if (mlirOperationIsNull(culprit))
    return true;
  char name[64];
  return decline(c,
                 "not fused: its body has side effects or reads memory (%s)",
                 opName(culprit, name, sizeof name));
}

/* The array inputs of `p`. */
static KernValueVec producerArrays(MlirOperation p) {
  KernValueVec arrays = {0};
  for (intptr_t i = 0; i < kernOperandSegmentSize(p, 0); ++i)
    if (isArray(mlirOperationGetOperand(p, i)))
      kernVecPush(&arrays, mlirOperationGetOperand(p, i));
  return arrays;
}

/* Nothing between the two ops writes what the producer reads. */
static bool noWriteBetween(Candidate *c) {
  KernValueVec reads = producerArrays(c->producer);
  ClobberSearch s = {reads.data, reads.size, {NULL}};
  for (MlirOperation op = mlirOperationGetNextInBlock(c->producer);
       !mlirOperationEqual(op, c->consumer) && mlirOperationIsNull(s.culprit);
       op = mlirOperationGetNextInBlock(op))
    mlirOperationWalk(op, findClobber, &s, MlirWalkPreOrder);
  kernVecFree(&reads);
  if (mlirOperationIsNull(s.culprit))
    return true;
  char name[64];
  return decline(c,
                 "not fused: %s may write an array it reads before its "
                 "consumer runs",
                 opName(s.culprit, name, sizeof name));
}

/* The fused op's inputs fit one operand segment (Limits.h). */
static bool fitsInOneSegment(Candidate *c) {
  int64_t n = (int64_t)kernOperandSegmentSize(c->consumer, 0) +
              kernOperandSegmentSize(c->producer, 0);
  if (n <= KERN_MAX_SEGMENT_OPERANDS)
    return true;
  return decline(c,
                 "not fused: the fused op would have more than %d inputs "
                 "(KERN_MAX_SEGMENT_OPERANDS: MLIR's operandSegmentSizes "
                 "are 32-bit)",
                 KERN_MAX_SEGMENT_OPERANDS);
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
            "recompute it on every iteration");
    return c;
  }
  if (!readAtFullShape(&c)) {
    declineBroadcast(&c);
    return c;
  }
  (void)(bodyIsPure(&c) && noWriteBetween(&c) && fitsInOneSegment(&c));
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
  MlirValue *values;
  intptr_t *cIndex, *pIndex;
} Inputs;

/* Room for the inputs of fusing `c` (at most the consumer's and the
 * producer's together). */
static Inputs inputsFor(const Candidate *c) {
  intptr_t nC = kernOperandSegmentSize(c->consumer, 0);
  intptr_t nP = kernOperandSegmentSize(c->producer, 0);
  return (Inputs){0, kernValuesAlloc(nC + nP), KERN_ALLOC(intptr_t, nC),
                  KERN_ALLOC(intptr_t, nP)};
}

static void inputsFree(Inputs *in) {
  free(in->values);
  free(in->cIndex);
  free(in->pIndex);
}

static intptr_t addInput(Inputs *in, MlirValue v) {
  for (intptr_t i = 0; i < in->n; ++i)
    if (mlirValueEqual(in->values[i], v))
      return i;
  in->values[in->n] = v;
  return in->n++;
}

/* `a` and `b` are kern.broadcast views of one source to the same sizes. */
static bool sameView(MlirValue a, MlirValue b) {
  if (!mlirValueIsAOpResult(a) || !mlirValueIsAOpResult(b))
    return false;
  MlirOperation va = mlirOpResultGetOwner(a), vb = mlirOpResultGetOwner(b);
  if (!kernOpIsBroadcast(va) || !kernOpIsBroadcast(vb) ||
      mlirOperationGetNumOperands(va) != mlirOperationGetNumOperands(vb) ||
      !mlirTypeEqual(mlirValueGetType(a), mlirValueGetType(b)))
    return false;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(va); ++i)
    if (!mlirValueEqual(mlirOperationGetOperand(va, i),
                        mlirOperationGetOperand(vb, i)))
      return false;
  return true;
}

/* A producer input as the consumer reads it: seen through the same view as
 * the producer's result (a view of a view is a view of the source), reusing
 * an equal view the consumer has already. */
static MlirValue throughView(KernBuilder *b, const Candidate *c,
                             MlirValue in) {
  if (mlirOperationIsNull(c->view) || !isArray(in))
    return in;
  if (mlirValueIsAOpResult(in) && kernOpIsBroadcast(mlirOpResultGetOwner(in)))
    in = mlirOperationGetOperand(mlirOpResultGetOwner(in), 0);
  intptr_t nSizes = mlirOperationGetNumOperands(c->view) - 1;
  MlirValue *ops = kernValuesAlloc(1 + nSizes);
  int64_t *shape = KERN_ALLOC(int64_t, nSizes);
  MlirType viewType = mlirValueGetType(mlirOperationGetResult(c->view, 0));
  ops[0] = in;
  for (intptr_t i = 0; i < nSizes; ++i) {
    ops[1 + i] = mlirOperationGetOperand(c->view, 1 + i);
    shape[i] = mlirShapedTypeGetDimSize(viewType, i);
  }
  MlirType type =
      kernStridedMemRef(kernElementType(mlirValueGetType(in)), nSizes, shape);
  MlirValue view =
      kernBuildValue(b, "kern.broadcast", type, 1 + nSizes, ops, 0, NULL);
  free(ops);
  free(shape);
  for (intptr_t i = 0; i < kernOperandSegmentSize(c->consumer, 0); ++i) {
    MlirValue existing = mlirOperationGetOperand(c->consumer, i);
    if (sameView(existing, view)) {
      mlirRewriterBaseEraseOp(b->rw, mlirOpResultGetOwner(view));
      return existing;
    }
  }
  return view;
}

static void mergeInputs(KernBuilder *b, const Candidate *c, Inputs *in) {
  MlirValue r = consumed(c);
  intptr_t nP = kernOperandSegmentSize(c->producer, 0);
  bool spliced = false;
  in->n = 0;
  for (intptr_t i = 0; i < kernOperandSegmentSize(c->consumer, 0); ++i) {
    MlirValue v = mlirOperationGetOperand(c->consumer, i);
    if (!mlirValueEqual(v, r)) {
      in->cIndex[i] = addInput(in, v);
      continue;
    }
    in->cIndex[i] = -1;
    for (intptr_t j = 0; j < nP && !spliced; ++j)
      in->pIndex[j] = addInput(
          in, throughView(b, c, mlirOperationGetOperand(c->producer, j)));
    spliced = true;
  }
}

/* A copy of the consumer with the fused inputs and empty regions (the
 * combiner of a reduction moved over). */
static MlirOperation createFusedOp(KernBuilder *b, MlirOperation consumer,
                                   const Inputs *in) {
  intptr_t nOld = kernOperandSegmentSize(consumer, 0);
  intptr_t nRest = mlirOperationGetNumOperands(consumer) - nOld;
  MlirValue *ops = kernValuesAlloc(in->n + nRest);
  memcpy(ops, in->values, in->n * sizeof *ops);
  for (intptr_t i = 0; i < nRest; ++i)
    ops[in->n + i] = mlirOperationGetOperand(consumer, nOld + i);

  intptr_t nAttrs = mlirOperationGetNumAttributes(consumer);
  MlirNamedAttribute *attrs = KERN_ALLOC(MlirNamedAttribute, 1 + nAttrs);
  int32_t seg[2] = {(int32_t)in->n, (int32_t)nRest};
  intptr_t k = 0;
  attrs[k++] = kernNamedAttr(b->ctx, "operandSegmentSizes",
                             mlirDenseI32ArrayGet(b->ctx, 2, seg));
  for (intptr_t i = 0; i < nAttrs; ++i) {
    MlirNamedAttribute a = mlirOperationGetAttribute(consumer, i);
    if (!mlirIdentifierEqual(a.name,
                             mlirIdentifierGet(b->ctx,
                                               str("operandSegmentSizes"))))
      attrs[k++] = a;
  }

  intptr_t nResults = mlirOperationGetNumResults(consumer);
  MlirType *types = KERN_ALLOC(MlirType, nResults);
  for (intptr_t i = 0; i < nResults; ++i)
    types[i] = mlirValueGetType(mlirOperationGetResult(consumer, i));
  intptr_t nRegions = mlirOperationGetNumRegions(consumer);
  char name[64]; /* kern.ufunc or kern.reduce */
  MlirOperation fused =
      kernBuildOp(b, opName(consumer, name, sizeof name), nResults, types,
                  in->n + nRest, ops, k, attrs, nRegions);
  for (intptr_t i = 1; i < nRegions; ++i)
    mlirRegionTakeBody(mlirOperationGetRegion(fused, i),
                       mlirOperationGetRegion(consumer, i));
  free(ops);
  free(attrs);
  free(types);
  return fused;
}

/* The body of the fused op: the producer's, then the consumer's (or, for a
 * reduction without a map, just the producer's value). */
static void fillBody(KernBuilder *b, const Candidate *c, const Inputs *in,
                     MlirOperation fused) {
  MlirType *types = KERN_ALLOC(MlirType, in->n);
  MlirLocation *locs = KERN_ALLOC(MlirLocation, in->n);
  for (intptr_t i = 0; i < in->n; ++i) {
    types[i] = kernElementType(mlirValueGetType(in->values[i]));
    locs[i] = b->loc;
  }
  MlirBlock block = mlirBlockCreate(in->n, types, locs);
  free(types);
  free(locs);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(fused, 0), block);
  kernSetInsertionToEnd(b, block);

  intptr_t nP = kernOperandSegmentSize(c->producer, 0);
  MlirRegion pBody = mlirOperationGetRegion(c->producer, 0);
  intptr_t nPYield = mlirOperationGetNumOperands(
      mlirBlockGetTerminator(mlirRegionGetFirstBlock(pBody)));
  MlirValue *args = kernValuesAlloc(nP);
  MlirValue *pYield = kernValuesAlloc(nPYield);
  for (intptr_t j = 0; j < nP; ++j)
    args[j] = kernBlockArg(block, in->pIndex[j]);
  kernInlineRegion(b, pBody, nP, args, nPYield, pYield);
  MlirValue value = pYield[c->result];
  free(args);
  free(pYield);

  MlirRegion body = mlirOperationGetRegion(c->consumer, 0);
  MlirBlock cBlock = mlirRegionGetFirstBlock(body);
  if (mlirBlockIsNull(cBlock)) { /* kern.reduce without a map */
    kernYieldOpCreate(b->loc, block, 1, &value);
    return;
  }
  intptr_t nC = kernOperandSegmentSize(c->consumer, 0);
  args = kernValuesAlloc(nC);
  for (intptr_t i = 0; i < nC; ++i)
    args[i] = in->cIndex[i] < 0 ? value : kernBlockArg(block, in->cIndex[i]);
  intptr_t nYield =
      mlirOperationGetNumOperands(mlirBlockGetTerminator(cBlock));
  MlirValue *cYield = kernValuesAlloc(nYield);
  kernInlineRegion(b, body, nC, args, nYield, cYield);
  kernYieldOpCreate(b->loc, block, nYield, cYield);
  free(args);
  free(cYield);
}

static MlirOperation fuse(MlirRewriterBase rw, const Candidate *c) {
  Inputs in = inputsFor(c);
  KernBuilder b = kernBuilderBefore(rw, c->consumer);
  mergeInputs(&b, c, &in);
  MlirOperation fused = createFusedOp(&b, c->consumer, &in);
  fillBody(&b, c, &in, fused);
  inputsFree(&in);
  mlirRewriterBaseReplaceOpWithOperation(rw, c->consumer, fused);
  if (!mlirOperationIsNull(c->view))
    mlirRewriterBaseEraseOp(rw, c->view);
  mlirRewriterBaseEraseOp(rw, c->producer);
  return fused;
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

/* Fuses every fusable producer once, in program order; a consumer that is a
 * later producer is followed to its fused op. Returns whether anything was
 * fused (which may have made other producers fusable). */
static bool sweep(MlirOperation root, MlirRewriterBase rw) {
  KernOpVec list = {0};
  kernCollectOps(root, kernOpIsUfunc, &list);
  bool changed = false;
  for (intptr_t i = 0; i < list.size; ++i) {
    Candidate c = examine(list.data[i]);
    if (!c.fusable)
      continue;
    MlirOperation fused = fuse(rw, &c);
    changed = true;
    for (intptr_t j = i + 1; j < list.size; ++j)
      if (mlirOperationEqual(list.data[j], c.consumer))
        list.data[j] = fused;
  }
  kernVecFree(&list);
  return changed;
}

/* A size query of a ufunc's result, `memref.dim %r, %i`, reads the same
 * size of the ufunc's first array input instead: after kern-broadcast every
 * array input has the iteration shape, which is the result's. The query
 * then no longer counts as a use that keeps the ufunc from fusing
 * (`a[:] = x + y` checks the size of `x + y` before writing `a`). */
/* The first array input of `ufunc` of the given rank, or null. */
static MlirValue firstArrayInput(MlirOperation ufunc, int64_t rank) {
  for (intptr_t i = 0; i < kernOperandSegmentSize(ufunc, 0); ++i) {
    MlirValue in = mlirOperationGetOperand(ufunc, i);
    if (kernIsMemRef(mlirValueGetType(in)) &&
        kernRank(mlirValueGetType(in)) == rank)
      return in;
  }
  return (MlirValue){NULL};
}

static MlirWalkResult forwardSizeQuery(MlirOperation op, void *userData) {
  (void)userData;
  if (!kernOpNameIs(op, "memref.dim"))
    return MlirWalkResultAdvance;
  MlirValue array = mlirOperationGetOperand(op, 0);
  int64_t rank = kernRank(mlirValueGetType(array));
  MlirValue source = array;
  while (mlirValueIsAOpResult(source) &&
         kernOpIsUfunc(mlirOpResultGetOwner(source))) {
    MlirValue in = firstArrayInput(mlirOpResultGetOwner(source), rank);
    if (mlirValueIsNull(in))
      break;
    source = in;
  }
  /* The size of a kern.broadcast view is the size it was given. */
  int64_t dim;
  if (mlirValueIsAOpResult(source) &&
      kernOpIsBroadcast(mlirOpResultGetOwner(source)) &&
      kernConstantIntValue(mlirOperationGetOperand(op, 1), &dim) &&
      dim >= 0 && dim < rank) {
    mlirValueReplaceAllUsesOfWith(
        mlirOperationGetResult(op, 0),
        mlirOperationGetOperand(mlirOpResultGetOwner(source), 1 + dim));
    mlirOperationDestroy(op); /* safe: the walk is post-order */
    return MlirWalkResultAdvance;
  }
  if (!mlirValueEqual(source, array))
    mlirOperationSetOperand(op, 0, source);
  return MlirWalkResultAdvance;
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
  mlirOperationWalk(root, forwardSizeQuery, NULL, MlirWalkPostOrder);
  MlirRewriterBase rw = mlirIRRewriterCreate(mlirOperationGetContext(root));
  while (sweep(root, rw))
    ;
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
