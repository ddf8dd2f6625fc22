/*===- Builder.c - C builders over the MLIR C API --------------------------===*/

#include "Builder.h"

#include "kern-c/Dialect.h"
#include "mlir-c/Diagnostics.h"

#include <math.h>
#include <stdarg.h>
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
  MlirRegion regions[4];
  for (intptr_t i = 0; i < nRegions && i < 4; ++i)
    regions[i] = mlirRegionCreate();
  if (nRegions)
    mlirOperationStateAddOwnedRegions(&st, nRegions, regions);
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

MlirType kernDynamicMemRef(MlirType elem, int64_t rank) {
  int64_t shape[16];
  for (int64_t i = 0; i < rank && i < 16; ++i)
    shape[i] = mlirShapedTypeGetDynamicSize();
  return mlirMemRefTypeContiguousGet(elem, rank, shape, mlirAttributeGetNull());
}

MlirType kernStridedMemRef(MlirType elem, int64_t rank, const int64_t *shape) {
  int64_t strides[16], dyn[16];
  int64_t d = mlirShapedTypeGetDynamicStrideOrOffset();
  for (int64_t i = 0; i < rank && i < 16; ++i) {
    strides[i] = d;
    dyn[i] = mlirShapedTypeGetDynamicSize();
  }
  MlirContext ctx = mlirTypeGetContext(elem);
  MlirAttribute layout = mlirStridedLayoutAttrGet(ctx, d, rank, strides);
  return mlirMemRefTypeGet(elem, rank, shape ? shape : dyn, layout,
                           mlirAttributeGetNull());
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
    /* NumPy's min propagates NaN: arith.minimumf does too. */
    return kernBinary(b, f ? "arith.minimumf" : u ? "arith.minui" : "arith.minsi",
                      lhs, rhs);
  case KernReductionMax:
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

MlirValue kernDim(KernBuilder *b, MlirValue memref, int64_t dim) {
  MlirValue ops[2] = {memref, kernConstIndex(b, dim)};
  return kernBuildValue(b, "memref.dim", kernIndexType(b->ctx), 2, ops, 0,
                        NULL);
}

MlirValue kernLoad(KernBuilder *b, MlirValue memref, intptr_t n,
                   const MlirValue *indices) {
  MlirValue ops[17];
  ops[0] = memref;
  for (intptr_t i = 0; i < n && i < 16; ++i)
    ops[i + 1] = indices[i];
  return kernBuildValue(b, "memref.load",
                        mlirShapedTypeGetElementType(mlirValueGetType(memref)),
                        n + 1, ops, 0, NULL);
}

void kernStore(KernBuilder *b, MlirValue value, MlirValue memref, intptr_t n,
               const MlirValue *indices) {
  MlirValue ops[18];
  ops[0] = value;
  ops[1] = memref;
  for (intptr_t i = 0; i < n && i < 16; ++i)
    ops[i + 2] = indices[i];
  kernBuildOp(b, "memref.store", 0, NULL, n + 2, ops, 0, NULL, 0);
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
  MlirLocation locs[17];
  for (intptr_t i = 0; i < n && i < 17; ++i)
    locs[i] = loc;
  MlirBlock block = mlirBlockCreate(n, types, locs);
  mlirRegionAppendOwnedBlock(region, block);
  return block;
}

MlirOperation kernFor(KernBuilder *b, MlirValue lb, MlirValue ub,
                      MlirValue step, intptr_t nInits, const MlirValue *inits,
                      MlirBlock *body) {
  MlirValue ops[19] = {lb, ub, step};
  MlirType types[17];
  types[0] = kernIndexType(b->ctx);
  for (intptr_t i = 0; i < nInits && i < 16; ++i) {
    ops[3 + i] = inits[i];
    types[1 + i] = mlirValueGetType(inits[i]);
  }
  MlirOperation op = kernBuildOp(b, "scf.for", nInits, types + 1, 3 + nInits,
                                 ops, 0, NULL, 1);
  *body = appendBlock(mlirOperationGetRegion(op, 0), 1 + nInits, types, b->loc);
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

MlirOperation kernParentOfName(MlirOperation op, const char *name) {
  for (MlirOperation p = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(p); p = mlirOperationGetParentOperation(p))
    if (kernOpNameIs(p, name))
      return p;
  return (MlirOperation){NULL};
}

/*===----------------------------------------------------------------------===*
 * Diagnostics
 *===----------------------------------------------------------------------===*/

MlirLogicalResult kernEmitError(MlirLocation loc, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mlirEmitError(loc, msg);
  return mlirLogicalResultFailure();
}

void kernEmitRemark(MlirLocation loc, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  kernLocationEmitRemark(loc, msg);
}
