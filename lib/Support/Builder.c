/*===- Builder.c - C builders over the MLIR C API --------------------------===*/

#include "Builder.h"

#include "kern-c/Dialect.h"
#include "mlir-c/Diagnostics.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/*===----------------------------------------------------------------------===*
 * Insertion point
 *===----------------------------------------------------------------------===*/

KernBuilder kernBuilderBefore(MlirRewriterBase rw, MlirOperation op) {
  KernBuilder b = {mlirOperationGetContext(op), mlirOperationGetLocation(op),
                   rw};
  mlirRewriterBaseSetInsertionPointBefore(rw, op);
  return b;
}

KernBuilder kernBuilderAfter(MlirRewriterBase rw, MlirOperation op) {
  KernBuilder b = {mlirOperationGetContext(op), mlirOperationGetLocation(op),
                   rw};
  mlirRewriterBaseSetInsertionPointAfter(rw, op);
  return b;
}

void kernSetInsertionBefore(KernBuilder *b, MlirOperation op) {
  mlirRewriterBaseSetInsertionPointBefore(b->rw, op);
}
void kernSetInsertionAfter(KernBuilder *b, MlirOperation op) {
  mlirRewriterBaseSetInsertionPointAfter(b->rw, op);
}
void kernSetInsertionToStart(KernBuilder *b, MlirBlock block) {
  mlirRewriterBaseSetInsertionPointToStart(b->rw, block);
}
void kernSetInsertionToEnd(KernBuilder *b, MlirBlock block) {
  mlirRewriterBaseSetInsertionPointToEnd(b->rw, block);
}

/*===----------------------------------------------------------------------===*
 * Generic op creation
 *===----------------------------------------------------------------------===*/

MlirOperation kernBuildOp(KernBuilder *b, const char *name, intptr_t nResults,
                          const MlirType *resultTypes, intptr_t nOperands,
                          const MlirValue *operands, intptr_t nAttrs,
                          const MlirNamedAttribute *attrs, intptr_t nRegions) {
  MlirOperationState st = mlirOperationStateGet(str(name), b->loc);
  if (nResults)
    mlirOperationStateAddResults(&st, nResults, resultTypes);
  if (nOperands)
    mlirOperationStateAddOperands(&st, nOperands, operands);
  if (nAttrs)
    mlirOperationStateAddAttributes(&st, nAttrs, attrs);
  /* mlirOperationStateAddOwnedRegions copies the handles, so one slot at a
   * time serves any number of regions (scf.reduce has one per variable). */
  for (intptr_t i = 0; i < nRegions; ++i) {
    MlirRegion region = mlirRegionCreate();
    mlirOperationStateAddOwnedRegions(&st, 1, &region);
  }
  MlirOperation op = mlirOperationCreate(&st);
  return mlirRewriterBaseInsert(b->rw, op);
}

MlirValue kernBuildValue(KernBuilder *b, const char *name, MlirType type,
                         intptr_t nOperands, const MlirValue *operands,
                         intptr_t nAttrs, const MlirNamedAttribute *attrs) {
  MlirOperation op =
      kernBuildOp(b, name, 1, &type, nOperands, operands, nAttrs, attrs, 0);
  return mlirOperationGetResult(op, 0);
}

MlirNamedAttribute kernNamedAttr(MlirContext ctx, const char *name,
                                 MlirAttribute attr) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, str(name)), attr);
}

MlirAttribute kernStrAttr(MlirContext ctx, const char *s) {
  return mlirStringAttrGet(ctx, str(s));
}

/*===----------------------------------------------------------------------===*
 * Types
 *===----------------------------------------------------------------------===*/

MlirType kernIndexType(MlirContext ctx) { return mlirIndexTypeGet(ctx); }

bool kernIsMemRef(MlirType t) { return mlirTypeIsAMemRef(t); }

MlirType kernElementType(MlirType t) {
  return mlirTypeIsAMemRef(t) ? mlirShapedTypeGetElementType(t) : t;
}

int64_t kernRank(MlirType t) {
  return mlirTypeIsAMemRef(t) ? mlirShapedTypeGetRank(t) : 0;
}

/* `n` copies of `v`; the caller frees them. */
static int64_t *filledI64(intptr_t n, int64_t v) {
  int64_t *a = KERN_ALLOC(int64_t, n);
  for (intptr_t i = 0; i < n; ++i)
    a[i] = v;
  return a;
}

MlirType kernDynamicMemRef(MlirType elem, int64_t rank) {
  int64_t *shape = filledI64(rank, mlirShapedTypeGetDynamicSize());
  MlirType t =
      mlirMemRefTypeContiguousGet(elem, rank, shape, mlirAttributeGetNull());
  free(shape);
  return t;
}

MlirType kernStridedMemRef(MlirType elem, int64_t rank, const int64_t *shape) {
  int64_t d = mlirShapedTypeGetDynamicStrideOrOffset();
  int64_t *strides = filledI64(rank, d);
  int64_t *dyn = filledI64(rank, mlirShapedTypeGetDynamicSize());
  MlirContext ctx = mlirTypeGetContext(elem);
  MlirAttribute layout = mlirStridedLayoutAttrGet(ctx, d, rank, strides);
  MlirType t = mlirMemRefTypeGet(elem, rank, shape ? shape : dyn, layout,
                                 mlirAttributeGetNull());
  free(strides);
  free(dyn);
  return t;
}

/*===----------------------------------------------------------------------===*
 * Constants and arithmetic
 *===----------------------------------------------------------------------===*/

static MlirValue constant(KernBuilder *b, MlirAttribute value) {
  MlirNamedAttribute a = kernNamedAttr(b->ctx, "value", value);
  return kernBuildValue(b, "arith.constant", mlirAttributeGetType(value), 0,
                        NULL, 1, &a);
}

MlirValue kernConstIndex(KernBuilder *b, int64_t v) {
  return constant(b, mlirIntegerAttrGet(kernIndexType(b->ctx), v));
}

MlirValue kernConstInt(KernBuilder *b, MlirType t, int64_t v) {
  return constant(b, mlirIntegerAttrGet(t, v));
}

MlirValue kernConstFloat(KernBuilder *b, MlirType t, double v) {
  return constant(b, mlirFloatAttrDoubleGet(b->ctx, t, v));
}

static bool isFloat(MlirType t) { return mlirTypeIsAFloat(t); }

MlirValue kernConstZero(KernBuilder *b, MlirType t) {
  return isFloat(t) ? kernConstFloat(b, t, 0.0) : kernConstInt(b, t, 0);
}

MlirValue kernConstOne(KernBuilder *b, MlirType t) {
  return isFloat(t) ? kernConstFloat(b, t, 1.0) : kernConstInt(b, t, 1);
}

static int intWidth(MlirType t) {
  return mlirTypeIsAIndex(t) ? 64 : (int)mlirIntegerTypeGetWidth(t);
}

MlirValue kernConstLowest(KernBuilder *b, MlirType t) {
  if (isFloat(t))
    return kernConstFloat(b, t, -INFINITY);
  int w = intWidth(t);
  if (w == 1)
    return kernConstInt(b, t, 0);
  if (mlirTypeIsAInteger(t) && mlirIntegerTypeIsUnsigned(t))
    return kernConstInt(b, t, 0);
  return kernConstInt(b, t, w >= 64 ? INT64_MIN : -(INT64_C(1) << (w - 1)));
}

MlirValue kernConstHighest(KernBuilder *b, MlirType t) {
  if (isFloat(t))
    return kernConstFloat(b, t, INFINITY);
  int w = intWidth(t);
  if (w == 1)
    return kernConstInt(b, t, 1);
  return kernConstInt(b, t, w >= 64 ? INT64_MAX : (INT64_C(1) << (w - 1)) - 1);
}

MlirValue kernBinary(KernBuilder *b, const char *name, MlirValue lhs,
                     MlirValue rhs) {
  MlirValue ops[2] = {lhs, rhs};
  return kernBuildValue(b, name, mlirValueGetType(lhs), 2, ops, 0, NULL);
}

static MlirValue compare(KernBuilder *b, const char *name, int64_t pred,
                         MlirValue lhs, MlirValue rhs) {
  MlirValue ops[2] = {lhs, rhs};
  MlirNamedAttribute a = kernNamedAttr(
      b->ctx, "predicate",
      mlirIntegerAttrGet(mlirIntegerTypeGet(b->ctx, 64), pred));
  return kernBuildValue(b, name, mlirIntegerTypeGet(b->ctx, 1), 2, ops, 1, &a);
}

static int64_t predicateIndex(const char *const *names, size_t n,
                              const char *pred) {
  for (size_t i = 0; i < n; ++i)
    if (strcmp(names[i], pred) == 0)
      return (int64_t)i;
  return -1;
}

MlirValue kernCmpI(KernBuilder *b, const char *pred, MlirValue lhs,
                   MlirValue rhs) {
  static const char *const names[] = {"eq",  "ne",  "slt", "sle", "sgt",
                                      "sge", "ult", "ule", "ugt", "uge"};
  return compare(b, "arith.cmpi",
                 predicateIndex(names, sizeof names / sizeof *names, pred), lhs,
                 rhs);
}

MlirValue kernCmpF(KernBuilder *b, const char *pred, MlirValue lhs,
                   MlirValue rhs) {
  static const char *const names[] = {
      "false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord",
      "ueq",   "ugt", "uge", "ult", "ule", "une", "uno", "true"};
  return compare(b, "arith.cmpf",
                 predicateIndex(names, sizeof names / sizeof *names, pred), lhs,
                 rhs);
}

MlirValue kernSelect(KernBuilder *b, MlirValue cond, MlirValue t,
                     MlirValue f) {
  MlirValue ops[3] = {cond, t, f};
  return kernBuildValue(b, "arith.select", mlirValueGetType(t), 3, ops, 0,
                        NULL);
}

MlirValue kernCombine(KernBuilder *b, int kind, MlirValue lhs, MlirValue rhs) {
  MlirType t = mlirValueGetType(lhs);
  bool f = isFloat(t);
  bool u = mlirTypeIsAInteger(t) && mlirIntegerTypeIsUnsigned(t);
  switch (kind) {
  case KernReductionAdd:
    if (mlirTypeIsAComplex(t))
      return kernBinary(b, "complex.add", lhs, rhs);
    return kernBinary(b, f ? "arith.addf" : "arith.addi", lhs, rhs);
  case KernReductionMul:
    if (mlirTypeIsAComplex(t))
      return kernBinary(b, "complex.mul", lhs, rhs);
    return kernBinary(b, f ? "arith.mulf" : "arith.muli", lhs, rhs);
  case KernReductionMin:
    /* NumPy's min propagates NaN: arith.minimumf does too. On i1 (where
     * true is -1 signed) the min of booleans is their conjunction. */
    if (mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1)
      return kernBinary(b, "arith.andi", lhs, rhs);
    return kernBinary(b, f ? "arith.minimumf" : u ? "arith.minui" : "arith.minsi",
                      lhs, rhs);
  case KernReductionMax:
    if (mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1)
      return kernBinary(b, "arith.ori", lhs, rhs);
    return kernBinary(b, f ? "arith.maximumf" : u ? "arith.maxui" : "arith.maxsi",
                      lhs, rhs);
  default:
    return (MlirValue){NULL};
  }
}

MlirValue kernIdentity(KernBuilder *b, int kind, MlirType t) {
  switch (kind) {
  case KernReductionAdd:
    return kernConstZero(b, t);
  case KernReductionMul:
    return kernConstOne(b, t);
  case KernReductionMin:
    return kernConstHighest(b, t);
  case KernReductionMax:
    return kernConstLowest(b, t);
  default:
    return (MlirValue){NULL};
  }
}

/*===----------------------------------------------------------------------===*
 * Memory
 *===----------------------------------------------------------------------===*/

MlirValue *kernValuesAlloc(intptr_t n) { return KERN_ALLOC(MlirValue, n); }

MlirValue kernDim(KernBuilder *b, MlirValue memref, int64_t dim) {
  MlirValue ops[2] = {memref, kernConstIndex(b, dim)};
  return kernBuildValue(b, "memref.dim", kernIndexType(b->ctx), 2, ops, 0,
                        NULL);
}

MlirValue kernLoad(KernBuilder *b, MlirValue memref, intptr_t n,
                   const MlirValue *indices) {
  MlirValue *ops = kernValuesAlloc(n + 1);
  ops[0] = memref;
  memcpy(ops + 1, indices, (size_t)n * sizeof *ops);
  MlirValue v = kernBuildValue(
      b, "memref.load", mlirShapedTypeGetElementType(mlirValueGetType(memref)),
      n + 1, ops, 0, NULL);
  free(ops);
  return v;
}

void kernStore(KernBuilder *b, MlirValue value, MlirValue memref, intptr_t n,
               const MlirValue *indices) {
  MlirValue *ops = kernValuesAlloc(n + 2);
  ops[0] = value;
  ops[1] = memref;
  memcpy(ops + 2, indices, (size_t)n * sizeof *ops);
  kernBuildOp(b, "memref.store", 0, NULL, n + 2, ops, 0, NULL, 0);
  free(ops);
}

MlirValue kernAlloc(KernBuilder *b, MlirType type, intptr_t nSizes,
                    const MlirValue *sizes) {
  int32_t seg[2] = {(int32_t)nSizes, 0};
  MlirNamedAttribute a = kernNamedAttr(
      b->ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(b->ctx, 2, seg));
  return kernBuildValue(b, "memref.alloc", type, nSizes, sizes, 1, &a);
}

/*===----------------------------------------------------------------------===*
 * Structured control flow
 *===----------------------------------------------------------------------===*/

static MlirBlock appendBlock(MlirRegion region, intptr_t n,
                             const MlirType *types, MlirLocation loc) {
  MlirLocation *locs = KERN_ALLOC(MlirLocation, n);
  for (intptr_t i = 0; i < n; ++i)
    locs[i] = loc;
  MlirBlock block = mlirBlockCreate(n, types, locs);
  free(locs);
  mlirRegionAppendOwnedBlock(region, block);
  return block;
}

/* The block argument types of a loop: index, then the types of `inits`;
 * the caller frees them. */
static MlirType *loopArgTypes(MlirContext ctx, intptr_t nInits,
                              const MlirValue *inits) {
  MlirType *types = KERN_ALLOC(MlirType, 1 + nInits);
  types[0] = kernIndexType(ctx);
  for (intptr_t i = 0; i < nInits; ++i)
    types[1 + i] = mlirValueGetType(inits[i]);
  return types;
}

MlirOperation kernFor(KernBuilder *b, MlirValue lb, MlirValue ub,
                      MlirValue step, intptr_t nInits, const MlirValue *inits,
                      MlirBlock *body) {
  MlirValue *ops = kernValuesAlloc(3 + nInits);
  ops[0] = lb, ops[1] = ub, ops[2] = step;
  if (nInits)
    memcpy(ops + 3, inits, (size_t)nInits * sizeof *ops);
  MlirType *types = loopArgTypes(b->ctx, nInits, inits);
  MlirOperation op = kernBuildOp(b, "scf.for", nInits, types + 1, 3 + nInits,
                                 ops, 0, NULL, 1);
  *body = appendBlock(mlirOperationGetRegion(op, 0), 1 + nInits, types, b->loc);
  free(ops);
  free(types);
  return op;
}

MlirOperation kernIf(KernBuilder *b, MlirValue cond, intptr_t nResults,
                     const MlirType *resultTypes, MlirBlock *thenBlock,
                     MlirBlock *elseBlock) {
  MlirOperation op =
      kernBuildOp(b, "scf.if", nResults, resultTypes, 1, &cond, 0, NULL, 2);
  *thenBlock = appendBlock(mlirOperationGetRegion(op, 0), 0, NULL, b->loc);
  if (elseBlock)
    *elseBlock = appendBlock(mlirOperationGetRegion(op, 1), 0, NULL, b->loc);
  return op;
}

void kernScfYield(KernBuilder *b, intptr_t n, const MlirValue *values) {
  kernBuildOp(b, "scf.yield", 0, NULL, n, values, 0, NULL, 0);
}

/*===----------------------------------------------------------------------===*
 * Collecting ops
 *===----------------------------------------------------------------------===*/

typedef struct Collector {
  bool (*match)(MlirOperation);
  KernOpVec *list;
} Collector;

static MlirWalkResult collectMatching(MlirOperation op, void *userData) {
  Collector *c = userData;
  if (c->match(op))
    kernVecPush(c->list, op);
  return MlirWalkResultAdvance;
}

void kernCollectOps(MlirOperation root, bool (*match)(MlirOperation),
                    KernOpVec *list) {
  Collector c = {match, list};
  mlirOperationWalk(root, collectMatching, &c, MlirWalkPreOrder);
}

/*===----------------------------------------------------------------------===*
 * Blocks, values and regions
 *===----------------------------------------------------------------------===*/

MlirValue kernBlockArg(MlirBlock block, intptr_t i) {
  return mlirBlockGetArgument(block, i);
}

/* Inlines `block` at the insertion point: a placeholder op marks the spot,
 * the block's ops (terminator included) move before it, then the
 * terminator's operands are read and the terminator and marker erased. */
static void inlineBlockHere(KernBuilder *b, MlirBlock block, intptr_t nArgs,
                            const MlirValue *args, intptr_t cap,
                            MlirValue *yielded) {
  MlirOperation marker =
      kernBuildOp(b, "builtin.unrealized_conversion_cast", 0, NULL, 0, NULL,
                  0, NULL, 0);
  MlirOperation term = mlirBlockGetTerminator(block);
  mlirRewriterBaseInlineBlockBefore(b->rw, block, marker, nArgs, args);
  intptr_t n = mlirOperationGetNumOperands(term);
  for (intptr_t i = 0; i < n && i < cap; ++i)
    yielded[i] = mlirOperationGetOperand(term, i);
  mlirRewriterBaseEraseOp(b->rw, term);
  mlirRewriterBaseSetInsertionPointBefore(b->rw, marker);
  mlirRewriterBaseEraseOp(b->rw, marker);
}

void kernInlineRegion(KernBuilder *b, MlirRegion src, intptr_t nArgs,
                      const MlirValue *args, intptr_t cap,
                      MlirValue *yielded) {
  inlineBlockHere(b, mlirRegionGetFirstBlock(src), nArgs, args, cap, yielded);
}

void kernCloneRegionBody(KernBuilder *b, MlirRegion src, intptr_t nArgs,
                         const MlirValue *args, intptr_t cap,
                         MlirValue *yielded) {
  /* Clone into a scratch region, then inline the copy. */
  MlirRegion scratch = mlirRegionCreate();
  MlirBlock end = mlirBlockCreate(0, NULL, NULL);
  mlirRegionAppendOwnedBlock(scratch, end);
  mlirRewriterBaseCloneRegionBefore(b->rw, src, end);
  MlirBlock copy = mlirRegionGetFirstBlock(scratch);
  inlineBlockHere(b, copy, nArgs, args, cap, yielded);
  mlirRegionDestroy(scratch);
}

bool kernOpNameIs(MlirOperation op, const char *name) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return strlen(name) == n.length && memcmp(n.data, name, n.length) == 0;
}

intptr_t kernReduceAxes(MlirOperation op, KernI64Vec *axes) {
  intptr_t n = kernReduceOpGetAxes(op, NULL, 0);
  kernVecResize(axes, n > 0 ? n : 0);
  if (n > 0)
    kernReduceOpGetAxes(op, axes->data, n);
  return n;
}

MlirOperation kernDefiningOp(MlirValue v) {
  return mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v)
                                 : (MlirOperation){NULL};
}

MlirOperation kernParentOfName(MlirOperation op, const char *name) {
  for (MlirOperation p = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(p); p = mlirOperationGetParentOperation(p))
    if (kernOpNameIs(p, name))
      return p;
  return (MlirOperation){NULL};
}

intptr_t kernOperandSegmentSize(MlirOperation op, intptr_t segment) {
  MlirAttribute seg =
      mlirOperationGetAttributeByName(op, str("operandSegmentSizes"));
  if (mlirAttributeIsNull(seg) || !mlirAttributeIsADenseI32Array(seg) ||
      segment >= mlirDenseArrayGetNumElements(seg))
    return 0;
  return mlirDenseI32ArrayGetElement(seg, segment);
}

/*===----------------------------------------------------------------------===*
 * Diagnostics
 *===----------------------------------------------------------------------===*/

/* The printf-formatted text, whole (messages may quote long types or
 * names); the caller frees it. */
static char *formatMessage(const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *msg = KERN_ALLOC(char, n > 0 ? n + 1 : 1);
  if (n > 0)
    vsnprintf(msg, (size_t)n + 1, fmt, again);
  va_end(again);
  return msg;
}

MlirLogicalResult kernEmitError(MlirLocation loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = formatMessage(fmt, ap);
  va_end(ap);
  mlirEmitError(loc, msg);
  free(msg);
  return mlirLogicalResultFailure();
}

void kernEmitRemark(MlirLocation loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = formatMessage(fmt, ap);
  va_end(ap);
  kernLocationEmitRemark(loc, msg);
  free(msg);
}

/*===----------------------------------------------------------------------===*
 * Affine and parallel loops, views
 *===----------------------------------------------------------------------===*/

bool kernConstantIntValue(MlirValue v, int64_t *out) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  if (!kernOpNameIs(def, "arith.constant"))
    return false;
  MlirAttribute a = mlirOperationGetAttributeByName(def, str("value"));
  if (!mlirAttributeIsAInteger(a))
    return false;
  *out = mlirIntegerAttrGetValueInt(a);
  return true;
}

bool kernIsTopLevelSymbol(MlirValue v) {
  int64_t c;
  if (kernConstantIntValue(v, &c))
    return true;
  MlirBlock block = mlirValueIsABlockArgument(v)
                        ? mlirBlockArgumentGetOwner(v)
                        : mlirOperationGetBlock(mlirOpResultGetOwner(v));
  if (mlirBlockIsNull(block))
    return false;
  MlirOperation parent = mlirBlockGetParentOperation(block);
  return !mlirOperationIsNull(parent) && kernOpNameIs(parent, "func.func");
}

MlirValue kernConstComplex(KernBuilder *b, MlirType t, double re, double im) {
  MlirType f = mlirComplexTypeGetElementType(t);
  MlirAttribute parts[2] = {mlirFloatAttrDoubleGet(b->ctx, f, re),
                            mlirFloatAttrDoubleGet(b->ctx, f, im)};
  MlirNamedAttribute a =
      kernNamedAttr(b->ctx, "value", mlirArrayAttrGet(b->ctx, 2, parts));
  return kernBuildValue(b, "complex.constant", t, 0, NULL, 1, &a);
}

static MlirAttribute constantMap(MlirContext ctx, int64_t c) {
  return mlirAffineMapAttrGet(mlirAffineMapConstantGet(ctx, c));
}

/* `() -> (c)` with no operand when `v` is a constant c, else
 * `()[s0] -> (s0)` with `v` as its operand (*n tells which). */
static MlirAttribute boundMap(MlirContext ctx, MlirValue v, intptr_t *n) {
  int64_t c;
  if (kernConstantIntValue(v, &c)) {
    *n = 0;
    return constantMap(ctx, c);
  }
  *n = 1;
  MlirAffineExpr s0 = mlirAffineSymbolExprGet(ctx, 0);
  return mlirAffineMapAttrGet(mlirAffineMapGet(ctx, 0, 1, 1, &s0));
}

MlirOperation kernAffineFor(KernBuilder *b, int64_t lb, MlirValue ub,
                            intptr_t nInits, const MlirValue *inits,
                            MlirBlock *body) {
  intptr_t nUb;
  MlirAttribute ubMap = boundMap(b->ctx, ub, &nUb);
  MlirValue *ops = kernValuesAlloc(1 + nInits);
  intptr_t n = 0;
  if (nUb)
    ops[n++] = ub;
  if (nInits)
    memcpy(ops + n, inits, (size_t)nInits * sizeof *ops);
  n += nInits;
  MlirType *types = loopArgTypes(b->ctx, nInits, inits);
  int32_t seg[3] = {0, (int32_t)nUb, (int32_t)nInits};
  MlirNamedAttribute attrs[4] = {
      kernNamedAttr(b->ctx, "lowerBoundMap", constantMap(b->ctx, lb)),
      kernNamedAttr(b->ctx, "upperBoundMap", ubMap),
      kernNamedAttr(b->ctx, "step",
                    mlirIntegerAttrGet(kernIndexType(b->ctx), 1)),
      kernNamedAttr(b->ctx, "operandSegmentSizes",
                    mlirDenseI32ArrayGet(b->ctx, 3, seg)),
  };
  MlirOperation op = kernBuildOp(b, "affine.for", nInits, types + 1, n, ops,
                                 4, attrs, 1);
  *body = appendBlock(mlirOperationGetRegion(op, 0), 1 + nInits, types, b->loc);
  free(ops);
  free(types);
  return op;
}

MlirOperation kernAffineParallel(KernBuilder *b, int64_t lb, MlirValue ub,
                                 MlirBlock *body) {
  intptr_t nUb;
  MlirAttribute ubMap = boundMap(b->ctx, ub, &nUb);
  MlirType i32 = mlirIntegerTypeGet(b->ctx, 32);
  MlirType groupsType = mlirRankedTensorTypeGet(1, (int64_t[]){1}, i32,
                                                mlirAttributeGetNull());
  MlirAttribute groups = mlirDenseElementsAttrInt32Get(groupsType, 1,
                                                       (int32_t[]){1});
  MlirAttribute step = mlirIntegerAttrGet(mlirIntegerTypeGet(b->ctx, 64), 1);
  MlirNamedAttribute attrs[6] = {
      kernNamedAttr(b->ctx, "reductions", mlirArrayAttrGet(b->ctx, 0, NULL)),
      kernNamedAttr(b->ctx, "lowerBoundsMap", constantMap(b->ctx, lb)),
      kernNamedAttr(b->ctx, "lowerBoundsGroups", groups),
      kernNamedAttr(b->ctx, "upperBoundsMap", ubMap),
      kernNamedAttr(b->ctx, "upperBoundsGroups", groups),
      kernNamedAttr(b->ctx, "steps", mlirArrayAttrGet(b->ctx, 1, &step)),
  };
  MlirOperation op =
      kernBuildOp(b, "affine.parallel", 0, NULL, nUb, &ub, 6, attrs, 1);
  MlirType index = kernIndexType(b->ctx);
  *body = appendBlock(mlirOperationGetRegion(op, 0), 1, &index, b->loc);
  return op;
}

void kernAffineYield(KernBuilder *b, intptr_t n, const MlirValue *values) {
  kernBuildOp(b, "affine.yield", 0, NULL, n, values, 0, NULL, 0);
}

MlirValue kernAffineLoad(KernBuilder *b, MlirValue memref, MlirAffineMap map,
                         intptr_t n, const MlirValue *operands) {
  MlirValue *ops = kernValuesAlloc(n + 1);
  ops[0] = memref;
  if (n)
    memcpy(ops + 1, operands, (size_t)n * sizeof *ops);
  MlirNamedAttribute a =
      kernNamedAttr(b->ctx, "map", mlirAffineMapAttrGet(map));
  MlirValue v = kernBuildValue(
      b, "affine.load", mlirShapedTypeGetElementType(mlirValueGetType(memref)),
      n + 1, ops, 1, &a);
  free(ops);
  return v;
}

void kernAffineStore(KernBuilder *b, MlirValue value, MlirValue memref,
                     MlirAffineMap map, intptr_t n, const MlirValue *operands) {
  MlirValue *ops = kernValuesAlloc(n + 2);
  ops[0] = value;
  ops[1] = memref;
  if (n)
    memcpy(ops + 2, operands, (size_t)n * sizeof *ops);
  MlirNamedAttribute a =
      kernNamedAttr(b->ctx, "map", mlirAffineMapAttrGet(map));
  kernBuildOp(b, "affine.store", 0, NULL, n + 2, ops, 1, &a, 0);
  free(ops);
}

MlirOperation kernScfParallel(KernBuilder *b, MlirValue lb, MlirValue ub,
                              MlirValue step, MlirBlock *body) {
  MlirValue ops[3] = {lb, ub, step};
  int32_t seg[4] = {1, 1, 1, 0};
  MlirNamedAttribute a = kernNamedAttr(b->ctx, "operandSegmentSizes",
                                       mlirDenseI32ArrayGet(b->ctx, 4, seg));
  MlirOperation op = kernBuildOp(b, "scf.parallel", 0, NULL, 3, ops, 1, &a, 1);
  MlirType index = kernIndexType(b->ctx);
  *body = appendBlock(mlirOperationGetRegion(op, 0), 1, &index, b->loc);
  return op;
}

void kernScfReduce(KernBuilder *b) {
  kernBuildOp(b, "scf.reduce", 0, NULL, 0, NULL, 0, NULL, 0);
}

MlirOperation kernScfParallelReduce(KernBuilder *b, MlirValue lb, MlirValue ub,
                                    MlirValue step, MlirValue init,
                                    MlirBlock *body) {
  MlirValue ops[4] = {lb, ub, step, init};
  int32_t seg[4] = {1, 1, 1, 1};
  MlirNamedAttribute a = kernNamedAttr(b->ctx, "operandSegmentSizes",
                                       mlirDenseI32ArrayGet(b->ctx, 4, seg));
  MlirType type = mlirValueGetType(init);
  MlirOperation op =
      kernBuildOp(b, "scf.parallel", 1, &type, 4, ops, 1, &a, 1);
  MlirType index = kernIndexType(b->ctx);
  *body = appendBlock(mlirOperationGetRegion(op, 0), 1, &index, b->loc);
  return op;
}

MlirOperation kernScfReduceValue(KernBuilder *b, MlirValue value,
                                 MlirBlock *combiner) {
  MlirOperation op =
      kernBuildOp(b, "scf.reduce", 0, NULL, 1, &value, 0, NULL, 1);
  MlirType types[2] = {mlirValueGetType(value), mlirValueGetType(value)};
  *combiner = appendBlock(mlirOperationGetRegion(op, 0), 2, types, b->loc);
  return op;
}

MlirValue kernExtractStridedMetadata(KernBuilder *b, MlirValue memref,
                                     MlirValue *offset, MlirValue *sizes,
                                     MlirValue *strides) {
  MlirType t = mlirValueGetType(memref);
  intptr_t rank = mlirShapedTypeGetRank(t);
  MlirType *types = KERN_ALLOC(MlirType, 2 + 2 * rank);
  types[0] = mlirMemRefTypeGet(mlirShapedTypeGetElementType(t), 0, NULL,
                               mlirAttributeGetNull(),
                               mlirMemRefTypeGetMemorySpace(t));
  for (intptr_t i = 1; i < 2 + 2 * rank; ++i)
    types[i] = kernIndexType(b->ctx);
  MlirOperation op = kernBuildOp(b, "memref.extract_strided_metadata",
                                 2 + 2 * rank, types, 1, &memref, 0, NULL, 0);
  free(types);
  *offset = mlirOperationGetResult(op, 1);
  for (intptr_t i = 0; i < rank; ++i) {
    sizes[i] = mlirOperationGetResult(op, 2 + i);
    strides[i] = mlirOperationGetResult(op, 2 + rank + i);
  }
  return mlirOperationGetResult(op, 0);
}

/* Appends `v` to `ops` unless `stat` is static; returns the static value or
 * the dynamic marker. */
static int64_t staticOrOperand(int64_t stat, int64_t dynamic, MlirValue v,
                               MlirValue *ops, intptr_t *n) {
  if (stat != dynamic)
    return stat;
  ops[(*n)++] = v;
  return dynamic;
}

MlirValue kernReinterpretCast(KernBuilder *b, MlirValue base, MlirType type,
                              MlirValue offset, const MlirValue *sizes,
                              const MlirValue *strides) {
  intptr_t rank = mlirShapedTypeGetRank(type);
  int64_t typeOffset, *typeStrides = KERN_ALLOC(int64_t, rank);
  mlirMemRefTypeGetStridesAndOffset(type, typeStrides, &typeOffset);
  int64_t dynSize = mlirShapedTypeGetDynamicSize();
  int64_t dynStride = mlirShapedTypeGetDynamicStrideOrOffset();
  MlirValue *ops = kernValuesAlloc(1 + 1 + 2 * rank);
  ops[0] = base;
  intptr_t n = 1;
  int64_t statOffset =
      staticOrOperand(typeOffset, dynStride, offset, ops, &n);
  int32_t nOffsets = (int32_t)(n - 1);
  int64_t *statSizes = KERN_ALLOC(int64_t, rank);
  int64_t *statStrides = KERN_ALLOC(int64_t, rank);
  for (intptr_t i = 0; i < rank; ++i)
    statSizes[i] = staticOrOperand(
        mlirShapedTypeIsDynamicDim(type, i) ? dynSize
                                            : mlirShapedTypeGetDimSize(type, i),
        dynSize, sizes[i], ops, &n);
  int32_t nSizes = (int32_t)(n - 1 - nOffsets);
  for (intptr_t i = 0; i < rank; ++i)
    statStrides[i] =
        staticOrOperand(typeStrides[i], dynStride, strides[i], ops, &n);
  int32_t nStrides = (int32_t)(n - 1 - nOffsets - nSizes);
  int32_t seg[4] = {1, nOffsets, nSizes, nStrides};
  MlirNamedAttribute attrs[4] = {
      kernNamedAttr(b->ctx, "operandSegmentSizes",
                    mlirDenseI32ArrayGet(b->ctx, 4, seg)),
      kernNamedAttr(b->ctx, "static_offsets",
                    mlirDenseI64ArrayGet(b->ctx, 1, &statOffset)),
      kernNamedAttr(b->ctx, "static_sizes",
                    mlirDenseI64ArrayGet(b->ctx, rank, statSizes)),
      kernNamedAttr(b->ctx, "static_strides",
                    mlirDenseI64ArrayGet(b->ctx, rank, statStrides)),
  };
  MlirValue view =
      kernBuildValue(b, "memref.reinterpret_cast", type, n, ops, 4, attrs);
  free(typeStrides);
  free(ops);
  free(statSizes);
  free(statStrides);
  return view;
}

/*--- External functions ----------------------------------------------------*/

MlirLogicalResult kernDeclareFunction(MlirOperation module,
                                      MlirSymbolTable symbols,
                                      MlirLocation loc, const char *name,
                                      MlirType type) {
  MlirContext ctx = mlirOperationGetContext(module);
  MlirStringRef ref = mlirStringRefCreateFromCString(name);
  MlirOperation existing = mlirSymbolTableLookup(symbols, ref);
  if (!mlirOperationIsNull(existing)) {
    MlirAttribute t = mlirOperationGetAttributeByName(
        existing, mlirStringRefCreateFromCString("function_type"));
    if (kernOpNameIs(existing, "func.func") && !mlirAttributeIsNull(t) &&
        mlirTypeEqual(mlirTypeAttrGetValue(t), type))
      return mlirLogicalResultSuccess();
    return kernEmitError(mlirOperationGetLocation(existing),
                         "'%s' is a kern runtime function and must be a "
                         "func.func of the runtime's type",
                         name);
  }
  MlirNamedAttribute attrs[3] = {
      kernNamedAttr(ctx, "sym_name", kernStrAttr(ctx, name)),
      kernNamedAttr(ctx, "function_type", mlirTypeAttrGet(type)),
      kernNamedAttr(ctx, "sym_visibility", kernStrAttr(ctx, "private")),
  };
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString("func.func"), loc);
  mlirOperationStateAddAttributes(&st, 3, attrs);
  MlirRegion body = mlirRegionCreate();
  mlirOperationStateAddOwnedRegions(&st, 1, &body);
  MlirOperation func = mlirOperationCreate(&st);
  MlirBlock moduleBody =
      mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  mlirBlockInsertOwnedOperation(moduleBody, 0, func);
  mlirSymbolTableInsert(symbols, func);
  return mlirLogicalResultSuccess();
}
