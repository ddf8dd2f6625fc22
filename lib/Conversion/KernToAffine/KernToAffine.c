/*===- KernToAffine.c - convert-kern-to-affine: array ops to loop nests ---===*
 *
 * Lowers the array ops of the kern dialect to explicit loops over memrefs:
 *
 *   kern.ufunc       memref.alloc of each result (sizes from memref.dim of the
 *                    first array input), a loop nest over the iteration space
 *                    in row-major order (innermost loop = last dimension), the
 *                    body region inlined on loaded elements, stores of the
 *                    yielded values into the results or `outs`.
 *   kern.reduce      a nest carrying the accumulator as iter_args: kept
 *                    dimensions outside, reduced dimensions inside. When the
 *                    reduced axes are not the trailing ones, the result array
 *                    is filled with the start value and one row-major nest
 *                    accumulates into it instead (contiguous inner loop).
 *                    The start is `init`, the identity of the kind, or (custom
 *                    without init) the first element. min/max/custom without
 *                    init over zero elements raise ValueError (kern.raise).
 *   kern.accumulate  a fresh array: index 0 along `axis` copied, then
 *                    out[.., k, ..] = combine(out[.., k-1, ..], in[.., k, ..]).
 *   kern.broadcast   a view, no copy: memref.extract_strided_metadata of the
 *                    source, memref.reinterpret_cast with the target sizes and
 *                    stride 0 on new and size-1 dimensions.
 *   kern.alloc       memref.alloc, plus a fill nest when `fill` is given.
 *
 * Loops are affine.for (with affine.load / affine.store) when every loop
 * bound is a valid affine symbol of the enclosing func.func: a constant, a
 * function argument, or a value defined directly in the function body (the
 * usual case: the op sits at the top level, so its memref.dim results do).
 * Otherwise -- inside scf.if, scf.while, scf.for or kern.prange bodies -- the
 * nest is scf.for with memref.load / memref.store, which is always valid.
 *
 * In a function with the unit attribute `kern.parallel`, the outermost loop
 * of a ufunc, alloc-fill, accumulate (axis != 0) and reduce-over-axes nest is
 * parallel (affine.parallel or scf.parallel), so convert-scf-to-openmp runs
 * it on OpenMP threads (lower-affine turns affine.parallel into scf.parallel);
 * not inside a loop that is parallel already (kern.prange, scf.parallel).
 * A reduction over every axis becomes scf.parallel + scf.reduce when
 * convert-scf-to-openmp can make it an OpenMP reduction (add/mul of floats
 * and integers, min/max of integers); float min/max stay sequential, since
 * the OpenMP combiners it recognizes would drop NaNs.
 *
 * Pipeline note: convert-scf-to-openmp wraps parallel bodies in
 * memref.alloca_scope, whose region must stay one block; lower it
 * (finalize-memref-to-llvm) before convert-scf-to-cf splits inner loops.
 *
 * A ufunc with `outs` reads its inputs as NumPy does, before any write: an
 * array input that may overlap an out in memory other than as exactly the
 * same view (`a[1:] = a[:-1] * 2`, `a[:] = a[::-1]`) is copied first. The
 * test is made at run time on the byte ranges and strides of the views
 * (scf.if around a copy nest; the copy is a fresh buffer that buffer
 * deallocation frees).
 *
 * Preconditions: kern-broadcast ran, so every array input of kern.ufunc and
 * kern.reduce has the iteration rank (a located error otherwise); result
 * types have the identity layout.
 *
 *   %r = kern.ufunc(%x, %c : memref<?xf64>, f64) {
 *   ^bb0(%a: f64, %b: f64):
 *     %s = arith.mulf %a, %b : f64
 *     kern.yield %s : f64
 *   } -> memref<?xf64>
 * becomes
 *   %c0 = arith.constant 0 : index
 *   %n = memref.dim %x, %c0 : memref<?xf64>
 *   %r = memref.alloc(%n) : memref<?xf64>
 *   affine.for %i = 0 to %n {
 *     %a = affine.load %x[%i] : memref<?xf64>
 *     %s = arith.mulf %a, %c : f64
 *     affine.store %s, %r[%i] : memref<?xf64>
 *   }
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"
#include "kern/Analysis/MemoryEffects.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"
#include "../../Support/Patterns.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"

#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/*===----------------------------------------------------------------------===*
 * Loop nests
 *===----------------------------------------------------------------------===*/

/* How the loops of one kern op are built. */
typedef struct Lowering {
  KernBuilder b;
  bool affine;   /* affine.for + affine.load/store, else scf.for + memref */
  bool parallel; /* the function asks for parallel outer loops */
} Lowering;

/* A perfect nest of loops; the insertion point is in the innermost body
 * between nestOpen and nestClose (which frees the arrays). */
typedef struct Nest {
  intptr_t rank;
  MlirValue *ivs;         /* rank of each */
  MlirOperation *loops;
  MlirBlock *bodies;
  bool parallelOuter;
  intptr_t nIter;
  MlirValue iter[1]; /* the loop-carried value inside the innermost body */
} Nest;

/* Opens loops lbs[d] <= ivs[d] < ubs[d], d = 0 (outermost) .. rank-1, with
 * `nIter` (0 or 1) carried values starting at `inits`. The outer loop is parallel
 * when `parallelOuter` is asked and nothing is carried. */
static void nestOpen(Lowering *L, Nest *nest, intptr_t rank,
                     const int64_t *lbs, const MlirValue *ubs,
                     bool parallelOuter, intptr_t nIter,
                     const MlirValue *inits) {
  KernBuilder *b = &L->b;
  nest->rank = rank;
  nest->nIter = nIter;
  nest->ivs = kernValuesAlloc(rank);
  nest->loops = KERN_ALLOC(MlirOperation, rank);
  nest->bodies = KERN_ALLOC(MlirBlock, rank);
  nest->parallelOuter = parallelOuter && rank > 0 && nIter == 0;
  for (intptr_t i = 0; i < nIter; ++i)
    nest->iter[i] = inits[i];
  MlirValue step = {NULL}, *lbValues = kernValuesAlloc(rank);
  if (!L->affine) {
    step = kernConstIndex(b, 1);
    for (intptr_t d = 0; d < rank; ++d)
      lbValues[d] = kernConstIndex(b, lbs[d]);
  }
  for (intptr_t d = 0; d < rank; ++d) {
    bool par = d == 0 && nest->parallelOuter;
    intptr_t carried = par ? 0 : nIter;
    MlirBlock body;
    MlirOperation loop;
    if (L->affine)
      loop = par ? kernAffineParallel(b, lbs[d], ubs[d], &body)
                 : kernAffineFor(b, lbs[d], ubs[d], carried, nest->iter,
                                 &body);
    else
      loop = par ? kernScfParallel(b, lbValues[d], ubs[d], step, &body)
                 : kernFor(b, lbValues[d], ubs[d], step, carried, nest->iter,
                           &body);
    nest->loops[d] = loop;
    nest->bodies[d] = body;
    nest->ivs[d] = kernBlockArg(body, 0);
    for (intptr_t i = 0; i < carried; ++i)
      nest->iter[i] = kernBlockArg(body, 1 + i);
    kernSetInsertionToStart(b, body);
  }
  free(lbValues);
}

/* Ends every body (the innermost yields `yielded`, each outer loop the
 * results of the loop inside it), moves the insertion point after the
 * nest, and writes the values the nest produces to `results`. */
static void nestClose(Lowering *L, Nest *nest, const MlirValue *yielded,
                      MlirValue *results) {
  KernBuilder *b = &L->b;
  MlirValue values[1];
  for (intptr_t i = 0; i < nest->nIter; ++i)
    values[i] = yielded[i];
  for (intptr_t d = nest->rank - 1; d >= 0; --d) {
    bool par = d == 0 && nest->parallelOuter;
    intptr_t carried = par ? 0 : nest->nIter;
    kernSetInsertionToEnd(b, nest->bodies[d]);
    if (par && !L->affine)
      kernScfReduce(b);
    else if (L->affine)
      kernAffineYield(b, carried, values);
    else
      kernScfYield(b, carried, values);
    for (intptr_t i = 0; i < carried; ++i)
      values[i] = mlirOperationGetResult(nest->loops[d], i);
  }
  if (nest->rank > 0)
    kernSetInsertionAfter(b, nest->loops[0]);
  for (intptr_t i = 0; results && i < nest->nIter; ++i)
    results[i] = values[i];
  free(nest->ivs);
  free(nest->loops);
  free(nest->bodies);
  *nest = (Nest){0};
}

/* The map (d0, .., dn-1) -> (d0 + off0, .., dn-1 + offn-1). */
static MlirAffineMap shiftedMap(MlirContext ctx, intptr_t n,
                                const int64_t *offsets) {
  MlirAffineExpr *exprs = KERN_ALLOC(MlirAffineExpr, n);
  for (intptr_t i = 0; i < n; ++i) {
    exprs[i] = mlirAffineDimExprGet(ctx, i);
    if (offsets && offsets[i])
      exprs[i] = mlirAffineAddExprGet(
          exprs[i], mlirAffineConstantExprGet(ctx, offsets[i]));
  }
  MlirAffineMap map = mlirAffineMapGet(ctx, n, 0, n, exprs);
  free(exprs);
  return map;
}

/* Element of `memref` at ivs + offsets (offsets may be NULL). */
static MlirValue loadAt(Lowering *L, MlirValue memref, intptr_t n,
                        const MlirValue *ivs, const int64_t *offsets) {
  KernBuilder *b = &L->b;
  if (L->affine)
    return kernAffineLoad(b, memref, shiftedMap(b->ctx, n, offsets), n, ivs);
  MlirValue *idx = kernValuesAlloc(n);
  for (intptr_t i = 0; i < n; ++i)
    idx[i] = offsets && offsets[i]
                 ? kernBinary(b, "arith.addi", ivs[i],
                              kernConstIndex(b, offsets[i]))
                 : ivs[i];
  MlirValue v = kernLoad(b, memref, n, idx);
  free(idx);
  return v;
}

static void storeAt(Lowering *L, MlirValue value, MlirValue memref,
                    intptr_t n, const MlirValue *ivs) {
  KernBuilder *b = &L->b;
  if (L->affine)
    kernAffineStore(b, value, memref, shiftedMap(b->ctx, n, NULL), n, ivs);
  else
    kernStore(b, value, memref, n, ivs);
}

/* Sizes of `memref`: constants for static dimensions, memref.dim else. */
static void sizesOf(KernBuilder *b, MlirValue memref, MlirValue *sizes) {
  MlirType t = mlirValueGetType(memref);
  for (intptr_t d = 0; d < mlirShapedTypeGetRank(t); ++d)
    sizes[d] = mlirShapedTypeIsDynamicDim(t, d)
                   ? kernDim(b, memref, d)
                   : kernConstIndex(b, mlirShapedTypeGetDimSize(t, d));
}

/* True when `op` already runs inside a parallel loop (no nested teams). */
static bool inParallelLoop(MlirOperation op) {
  static const char *const loops[] = {"kern.prange", "scf.parallel",
                                      "affine.parallel", "omp.wsloop"};
  for (size_t i = 0; i < sizeof loops / sizeof *loops; ++i)
    if (!mlirOperationIsNull(kernParentOfName(op, loops[i])))
      return true;
  return false;
}

/* Starts lowering `op`: builder before it, parallel outer loops when its
 * function has `kern.parallel` and it is not in a parallel loop already.
 * chooseLoops decides between affine and scf loops. */
static Lowering lowering(MlirRewriterBase rw, MlirOperation op) {
  Lowering L = {kernBuilderBefore(rw, op), true, false};
  MlirOperation func = kernParentOfName(op, "func.func");
  L.parallel = !mlirOperationIsNull(func) &&
               !mlirAttributeIsNull(mlirOperationGetAttributeByName(
                   func, str("kern.parallel"))) &&
               !inParallelLoop(op);
  return L;
}

/* affine loops when every bound is a valid affine symbol of the function,
 * scf loops otherwise (see the header). */
static void chooseLoops(Lowering *L, intptr_t n, const MlirValue *bounds) {
  L->affine = true;
  for (intptr_t i = 0; i < n; ++i)
    L->affine = L->affine && kernIsTopLevelSymbol(bounds[i]);
}

/* memref.alloc of `type` (identity layout) whose dynamic sizes are taken
 * from `sizes` (one per dimension). */
static MlirValue allocLike(KernBuilder *b, MlirType type,
                           const MlirValue *sizes) {
  MlirValue *dyn = kernValuesAlloc(mlirShapedTypeGetRank(type));
  intptr_t n = 0;
  for (intptr_t d = 0; d < mlirShapedTypeGetRank(type); ++d)
    if (mlirShapedTypeIsDynamicDim(type, d))
      dyn[n++] = sizes[d];
  MlirValue array = kernAlloc(b, type, n, dyn);
  free(dyn);
  return array;
}

/* Replaces every result of `op` by `values` and erases it. */
static void replaceOp(MlirRewriterBase rw, MlirOperation op,
                      const MlirValue *values) {
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i)
    mlirRewriterBaseReplaceAllUsesWith(rw, mlirOperationGetResult(op, i),
                                       values[i]);
  mlirRewriterBaseEraseOp(rw, op);
}

/*===----------------------------------------------------------------------===*
 * Scalars of reductions
 *===----------------------------------------------------------------------===*/

/* A constant 0 or 1 (zero = true) of any element type kern allows. */
static MlirValue constZeroOrOne(KernBuilder *b, MlirType t, bool zero) {
  if (mlirTypeIsAComplex(t))
    return kernConstComplex(b, t, zero ? 0.0 : 1.0, 0.0);
  return zero ? kernConstZero(b, t) : kernConstOne(b, t);
}

/* The value a reduction starts from when it has no init (null for custom,
 * which starts from the first element). */
static MlirValue identityOf(KernBuilder *b, KernReductionKind kind,
                            MlirType t) {
  if (kind == KernReductionAdd || kind == KernReductionMul)
    return constZeroOrOne(b, t, kind == KernReductionAdd);
  if (kind == KernReductionMin || kind == KernReductionMax)
    return kernIdentity(b, kind, t);
  return (MlirValue){NULL};
}

/* combine(acc, v) by kind, or by the `combine` region (moved in; the caller
 * uses each region once). */
static MlirValue combine(KernBuilder *b, KernReductionKind kind,
                         MlirRegion region, MlirValue acc, MlirValue v) {
  if (kind != KernReductionCustom)
    return kernCombine(b, kind, acc, v);
  MlirValue args[2] = {acc, v}, out;
  kernInlineRegion(b, region, 2, args, 1, &out);
  return out;
}

/* kern.raise ValueError when `count` (index) is 0: the NumPy error of a
 * reduction without identity over no elements. */
static void raiseIfEmpty(KernBuilder *b, MlirValue count,
                         KernReductionKind kind) {
  MlirValue isEmpty = kernCmpI(b, "eq", count, kernConstIndex(b, 0));
  MlirBlock then;
  MlirOperation ifOp = kernIf(b, isEmpty, 0, NULL, &then, NULL);
  kernSetInsertionToStart(b, then);
  const char *msg =
      kind == KernReductionMin
          ? "zero-size array to reduction operation minimum which has no "
            "identity"
      : kind == KernReductionMax
          ? "zero-size array to reduction operation maximum which has no "
            "identity"
          : "zero-size array to reduction operation which has no identity";
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(b->ctx, "kind", kernStrAttr(b->ctx, "ValueError")),
      kernNamedAttr(b->ctx, "message", kernStrAttr(b->ctx, msg))};
  kernBuildOp(b, "kern.raise", 0, NULL, 0, NULL, 2, attrs, 0);
  kernScfYield(b, 0, NULL);
  kernSetInsertionAfter(b, ifOp);
}

/*===----------------------------------------------------------------------===*
 * kern.ufunc
 *===----------------------------------------------------------------------===*/

/* Number of `outs` operands of a kern.ufunc. */
static intptr_t numUfuncOuts(MlirOperation op) {
  MlirAttribute seg =
      mlirOperationGetAttributeByName(op, str("operandSegmentSizes"));
  return mlirAttributeIsNull(seg) ? 0 : mlirDenseI32ArrayGetElement(seg, 1);
}

/* Bytes one element of `t` takes in memory (i1 takes a byte). */
static int64_t elementBytes(MlirType t) {
  if (mlirTypeIsAComplex(t))
    return 2 * elementBytes(mlirComplexTypeGetElementType(t));
  if (mlirTypeIsAInteger(t))
    return (mlirIntegerTypeGetWidth(t) + 7) / 8;
  if (mlirTypeIsAFloat(t))
    return (mlirFloatTypeGetWidth(t) + 7) / 8;
  return 8; /* index */
}

/* Where a strided view lies in memory, read at run time. */
typedef struct Extent {
  intptr_t rank;
  MlirValue base;   /* aligned pointer of the buffer (index) */
  MlirValue offset;   /* in elements */
  MlirValue *strides; /* rank of them; extentFree frees them */
  MlirValue lo, hi; /* the bytes [lo, hi) its elements occupy */
  MlirValue empty;  /* i1: no elements at all */
} Extent;

static Extent extentOf(KernBuilder *b, MlirValue m) {
  Extent e;
  MlirType t = mlirValueGetType(m);
  MlirType index = kernIndexType(b->ctx);
  e.rank = kernRank(t);
  e.strides = kernValuesAlloc(e.rank);
  MlirValue *sizes = kernValuesAlloc(e.rank);
  kernExtractStridedMetadata(b, m, &e.offset, sizes, e.strides);
  e.base = kernBuildValue(b, "memref.extract_aligned_pointer_as_index", index,
                          1, &m, 0, NULL);
  MlirValue c0 = kernConstIndex(b, 0), c1 = kernConstIndex(b, 1);
  MlirValue lo = e.offset, hi = e.offset;
  e.empty = kernConstInt(b, mlirIntegerTypeGet(b->ctx, 1), 0);
  for (intptr_t d = 0; d < e.rank; ++d) {
    MlirValue last = kernBinary(b, "arith.subi", sizes[d], c1);
    MlirValue span = kernBinary(b, "arith.muli", last, e.strides[d]);
    MlirValue down = kernCmpI(b, "slt", span, c0);
    lo = kernBinary(b, "arith.addi", lo, kernSelect(b, down, span, c0));
    hi = kernBinary(b, "arith.addi", hi, kernSelect(b, down, c0, span));
    e.empty = kernBinary(b, "arith.ori", e.empty,
                         kernCmpI(b, "eq", sizes[d], c0));
  }
  free(sizes);
  hi = kernBinary(b, "arith.addi", hi, c1);
  MlirValue bytes = kernConstIndex(b, elementBytes(kernElementType(t)));
  e.lo = kernBinary(b, "arith.addi", e.base,
                    kernBinary(b, "arith.muli", lo, bytes));
  e.hi = kernBinary(b, "arith.addi", e.base,
                    kernBinary(b, "arith.muli", hi, bytes));
  return e;
}

static void extentFree(Extent *e) {
  free(e->strides);
  e->strides = NULL;
}

/* i1: writing `out` element by element may change what `in` reads later:
 * their bytes overlap and they are not the same view. */
static MlirValue mayClobber(KernBuilder *b, const Extent *in,
                            const Extent *out) {
  MlirValue meet =
      kernBinary(b, "arith.andi", kernCmpI(b, "ult", in->lo, out->hi),
                 kernCmpI(b, "ult", out->lo, in->hi));
  MlirValue someEmpty = kernBinary(b, "arith.ori", in->empty, out->empty);
  MlirValue overlap = kernBinary(
      b, "arith.andi", meet,
      kernBinary(b, "arith.xori", someEmpty,
                 kernConstInt(b, mlirIntegerTypeGet(b->ctx, 1), 1)));
  if (in->rank != out->rank)
    return overlap;
  MlirValue same = kernBinary(b, "arith.andi",
                              kernCmpI(b, "eq", in->base, out->base),
                              kernCmpI(b, "eq", in->offset, out->offset));
  for (intptr_t d = 0; d < in->rank; ++d)
    same = kernBinary(b, "arith.andi", same,
                      kernCmpI(b, "eq", in->strides[d], out->strides[d]));
  MlirValue differ = kernBinary(
      b, "arith.xori", same, kernConstInt(b, mlirIntegerTypeGet(b->ctx, 1), 1));
  return kernBinary(b, "arith.andi", overlap, differ);
}

/* memref.cast of `v` to `type` unless it has that type already. */
static MlirValue castTo(KernBuilder *b, MlirValue v, MlirType type) {
  if (mlirTypeEqual(mlirValueGetType(v), type))
    return v;
  return kernBuildValue(b, "memref.cast", type, 1, &v, 0, NULL);
}

/* Whether a memref.cast from the identity layout of `t`'s shape to `t` is
 * valid: every static stride and the offset agree with the identity's. */
static bool holdsIdentity(MlirType t) {
  intptr_t rank = kernRank(t);
  int64_t *strides = KERN_ALLOC(int64_t, rank), offset;
  int64_t dyn = mlirShapedTypeGetDynamicStrideOrOffset();
  bool ok = mlirLogicalResultIsSuccess(
                mlirMemRefTypeGetStridesAndOffset(t, strides, &offset)) &&
            (offset == dyn || offset == 0);
  int64_t expected = 1; /* the identity stride, while it is static */
  for (intptr_t d = rank - 1; ok && d >= 0; --d) {
    ok = strides[d] == dyn || (expected != dyn && strides[d] == expected);
    int64_t size = mlirShapedTypeGetDimSize(t, d);
    expected = expected == dyn || mlirShapedTypeIsDynamicDim(t, d)
                   ? dyn
                   : expected * size;
  }
  free(strides);
  return ok;
}

/* `in`, or a fresh copy of it when `clobber` holds at run time:
 *   %r = scf.if %clobber -> type(%in) {
 *     %c = memref.alloc(..); scf.for .. { copy }; yield cast %c
 *   } else { yield %in }
 * (the fully dynamic strided type where the copy cannot take in's). */
static MlirValue copiedIf(Lowering *L, MlirValue clobber, MlirValue in,
                          const MlirValue *sizes) {
  KernBuilder *b = &L->b;
  MlirType inType = mlirValueGetType(in);
  intptr_t rank = kernRank(inType);
  int64_t *shape = KERN_ALLOC(int64_t, rank);
  for (intptr_t d = 0; d < rank; ++d)
    shape[d] = mlirShapedTypeGetDimSize(inType, d);
  MlirType any = holdsIdentity(inType)
                     ? inType
                     : kernStridedMemRef(kernElementType(inType), rank, shape);
  MlirType fresh = mlirMemRefTypeContiguousGet(kernElementType(inType), rank,
                                               shape, mlirAttributeGetNull());
  free(shape);
  MlirBlock then, other;
  MlirOperation ifOp = kernIf(b, clobber, 1, &any, &then, &other);

  kernSetInsertionToStart(b, then);
  MlirValue copy = allocLike(b, fresh, sizes);
  Lowering C = {*b, false, false}; /* scf.for: fine in any region */
  Nest nest;
  int64_t *lbs = KERN_ALLOC(int64_t, rank);
  nestOpen(&C, &nest, rank, lbs, sizes, false, 0, NULL);
  storeAt(&C, loadAt(&C, in, rank, nest.ivs, NULL), copy, rank, nest.ivs);
  nestClose(&C, &nest, NULL, NULL);
  free(lbs);
  MlirValue yielded = castTo(b, copy, any);
  kernScfYield(b, 1, &yielded);

  kernSetInsertionToStart(b, other);
  yielded = castTo(b, in, any);
  kernScfYield(b, 1, &yielded);
  kernSetInsertionAfter(b, ifOp);
  return mlirOperationGetResult(ifOp, 0);
}

/* Whether `in` and `out` may share memory other than as the same value. */
static bool mayAlias(MlirValue in, MlirValue out) {
  return !mlirValueEqual(in, out) && kernMayAlias(in, out);
}

/* The inputs of a ufunc with `outs` as its loop reads them: an array input
 * that some out may clobber is copied first (NumPy's semantics). */
static void readableInputs(Lowering *L, MlirOperation op, intptr_t nInputs,
                           intptr_t nOuts, const MlirValue *sizes,
                           MlirValue *inputs) {
  KernBuilder *b = &L->b;
  Extent *outs = calloc(nOuts > 0 ? (size_t)nOuts : 1, sizeof *outs);
  if (!outs)
    abort(); /* as kernValuesAlloc: MLIR aborts on exhausted memory too */
  bool measured = false;
  for (intptr_t i = 0; i < nInputs; ++i) {
    MlirValue in = inputs[i] = mlirOperationGetOperand(op, i);
    if (!kernIsMemRef(mlirValueGetType(in)))
      continue;
    bool check = false;
    for (intptr_t k = 0; k < nOuts; ++k)
      check = check || mayAlias(in, mlirOperationGetOperand(op, nInputs + k));
    if (!check)
      continue;
    if (!measured)
      for (intptr_t k = 0; k < nOuts; ++k)
        outs[k] = extentOf(b, mlirOperationGetOperand(op, nInputs + k));
    measured = true;
    Extent e = extentOf(b, in);
    MlirValue clobber = {NULL};
    for (intptr_t k = 0; k < nOuts; ++k) {
      if (!mayAlias(in, mlirOperationGetOperand(op, nInputs + k)))
        continue;
      MlirValue c = mayClobber(b, &e, &outs[k]);
      clobber = clobber.ptr ? kernBinary(b, "arith.ori", clobber, c) : c;
    }
    inputs[i] = copiedIf(L, clobber, in, sizes);
    extentFree(&e);
  }
  for (intptr_t k = 0; measured && k < nOuts; ++k)
    extentFree(&outs[k]);
  free(outs);
}

static MlirLogicalResult lowerUfunc(MlirOperation op, MlirRewriterBase rw) {
  intptr_t nOuts = numUfuncOuts(op);
  intptr_t nInputs = mlirOperationGetNumOperands(op) - nOuts;
  intptr_t nResults = mlirOperationGetNumResults(op);
  Lowering L = lowering(rw, op);
  KernBuilder *b = &L.b;

  /* The iteration space: the first array input, else the first array out,
   * else a single element (results of rank 0). */
  MlirValue shape = {NULL};
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op) && !shape.ptr; ++i)
    if (kernIsMemRef(mlirValueGetType(mlirOperationGetOperand(op, i))))
      shape = mlirOperationGetOperand(op, i);
  intptr_t rank = shape.ptr ? kernRank(mlirValueGetType(shape)) : 0;
  MlirValue *sizes = kernValuesAlloc(rank);
  if (shape.ptr)
    sizesOf(b, shape, sizes);
  chooseLoops(&L, rank, sizes);

  intptr_t nArrays = nResults ? nResults : nOuts;
  MlirValue *arrays = kernValuesAlloc(nArrays);
  for (intptr_t i = 0; i < nArrays; ++i)
    arrays[i] = nResults
                    ? allocLike(b, mlirValueGetType(mlirOperationGetResult(op, i)),
                                sizes)
                    : mlirOperationGetOperand(op, nInputs + i);

  MlirValue *inputs = kernValuesAlloc(nInputs);
  readableInputs(&L, op, nInputs, nResults ? 0 : nOuts, sizes, inputs);

  Nest nest;
  int64_t *lbs = KERN_ALLOC(int64_t, rank);
  nestOpen(&L, &nest, rank, lbs, sizes, L.parallel, 0, NULL);
  MlirValue *args = kernValuesAlloc(nInputs);
  MlirValue *yielded = kernValuesAlloc(nArrays);
  for (intptr_t i = 0; i < nInputs; ++i) {
    MlirValue in = inputs[i];
    args[i] = kernIsMemRef(mlirValueGetType(in))
                  ? loadAt(&L, in, rank, nest.ivs, NULL)
                  : in;
  }
  kernInlineRegion(b, mlirOperationGetRegion(op, 0), nInputs, args, nArrays,
                   yielded);
  for (intptr_t i = 0; i < nArrays; ++i)
    storeAt(&L, yielded[i], arrays[i], rank, nest.ivs);
  nestClose(&L, &nest, NULL, NULL);

  replaceOp(rw, op, arrays);
  free(args);
  free(yielded);
  free(inputs);
  free(arrays);
  free(sizes);
  free(lbs);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * kern.reduce
 *===----------------------------------------------------------------------===*/

/* What one kern.reduce reads and how it combines. */
typedef struct Reduction {
  MlirOperation op;
  KernReductionKind kind;
  intptr_t nInputs;
  MlirValue *inputs;
  MlirValue init; /* null when absent */
  MlirRegion map, combine;
  bool hasMap;
  MlirType elem; /* type of the combined values */
  intptr_t rank;
  bool *reduced; /* per dimension */
} Reduction;

static void reductionFree(Reduction *r) {
  free(r->inputs);
  free(r->reduced);
}

static bool regionIsEmpty(MlirRegion r) {
  return mlirBlockIsNull(mlirRegionGetFirstBlock(r));
}

static void readReduction(MlirOperation op, Reduction *r) {
  memset(r, 0, sizeof *r);
  r->op = op;
  r->kind = kernReduceOpGetKind(op);
  MlirAttribute seg =
      mlirOperationGetAttributeByName(op, str("operandSegmentSizes"));
  r->nInputs = mlirDenseI32ArrayGetElement(seg, 0);
  r->inputs = kernValuesAlloc(r->nInputs);
  for (intptr_t i = 0; i < r->nInputs; ++i) {
    r->inputs[i] = mlirOperationGetOperand(op, i);
    int64_t k = kernRank(mlirValueGetType(r->inputs[i]));
    if (k > r->rank)
      r->rank = k;
  }
  if (mlirDenseI32ArrayGetElement(seg, 1))
    r->init = mlirOperationGetOperand(op, r->nInputs);
  r->map = mlirOperationGetRegion(op, 0);
  r->combine = mlirOperationGetRegion(op, 1);
  r->hasMap = !regionIsEmpty(r->map);
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  r->elem = kernElementType(rt);
  KernI64Vec axes = {0};
  intptr_t nAxes = kernReduceAxes(op, &axes);
  r->reduced = KERN_ALLOC(bool, r->rank);
  for (intptr_t d = 0; d < r->rank; ++d)
    r->reduced[d] = nAxes < 0;
  for (intptr_t i = 0; i < nAxes; ++i)
    if (axes.data[i] >= 0 && axes.data[i] < r->rank) /* verified */
      r->reduced[axes.data[i]] = true;
  kernVecFree(&axes);
}

/* The value reduced at the element `ivs` (all dimensions): the map region
 * applied to the inputs, or the one input's element. */
static MlirValue reducedElement(Lowering *L, Reduction *r,
                                const MlirValue *ivs) {
  MlirValue *args = kernValuesAlloc(r->nInputs);
  for (intptr_t i = 0; i < r->nInputs; ++i)
    args[i] = kernIsMemRef(mlirValueGetType(r->inputs[i]))
                  ? loadAt(L, r->inputs[i], r->rank, ivs, NULL)
                  : r->inputs[i];
  MlirValue v = args[0];
  if (r->hasMap)
    kernInlineRegion(&L->b, r->map, r->nInputs, args, 1, &v);
  free(args);
  return v;
}

/* Combines `v` into `acc`. For a custom reduction without init, the first
 * reduced element (every reduced iv at 0) replaces the placeholder acc. */
static MlirValue accumulate(Lowering *L, Reduction *r, const MlirValue *ivs,
                            MlirValue acc, MlirValue v, bool fromFirst) {
  KernBuilder *b = &L->b;
  if (!fromFirst)
    return combine(b, r->kind, r->combine, acc, v);
  MlirValue zero = kernConstIndex(b, 0), isFirst = {NULL};
  for (intptr_t d = 0; d < r->rank; ++d) {
    if (!r->reduced[d])
      continue;
    MlirValue atZero = kernCmpI(b, "eq", ivs[d], zero);
    isFirst = isFirst.ptr ? kernBinary(b, "arith.andi", isFirst, atZero)
                          : atZero;
  }
  MlirBlock then, other;
  MlirOperation ifOp = kernIf(b, isFirst, 1, &r->elem, &then, &other);
  kernSetInsertionToStart(b, then);
  kernScfYield(b, 1, &v);
  kernSetInsertionToStart(b, other);
  MlirValue c = combine(b, r->kind, r->combine, acc, v);
  kernScfYield(b, 1, &c);
  kernSetInsertionAfter(b, ifOp);
  return mlirOperationGetResult(ifOp, 0);
}

/* The type sums are carried in: f64 for sums of f32 (a long f32 running
 * sum loses digits fast -- a million 0.1f summed to 100958 -- where NumPy's
 * pairwise summation stays within an ulp or two), else the element type. */
static MlirType accumulatorType(const Reduction *r) {
  if (r->kind == KernReductionAdd && mlirTypeIsAF32(r->elem))
    return mlirF64TypeGet(mlirTypeGetContext(r->elem));
  return r->elem;
}

/* `v` converted between f32 and the wider accumulator type (or as is). */
static MlirValue convertFloat(KernBuilder *b, MlirValue v, MlirType to) {
  MlirType from = mlirValueGetType(v);
  if (mlirTypeEqual(from, to))
    return v;
  bool wider = mlirTypeIsAF64(to);
  return kernBuildValue(b, wider ? "arith.extf" : "arith.truncf", to, 1, &v,
                        0, NULL);
}

/* Kept dimensions outside, reduced dimensions inside carrying the
 * accumulator; the result is stored per kept index (or is the scalar). */
static MlirValue reduceNested(Lowering *L, Reduction *r,
                              const MlirValue *sizes, MlirValue start,
                              bool fromFirst, MlirValue result) {
  int64_t *lbs = KERN_ALLOC(int64_t, r->rank);
  MlirValue *keptUbs = kernValuesAlloc(r->rank);
  MlirValue *redUbs = kernValuesAlloc(r->rank);
  intptr_t nKept = 0, nRed = 0;
  for (intptr_t d = 0; d < r->rank; ++d) {
    if (r->reduced[d])
      redUbs[nRed++] = sizes[d];
    else
      keptUbs[nKept++] = sizes[d];
  }
  MlirType acc = fromFirst ? r->elem : accumulatorType(r);
  Nest kept, red;
  nestOpen(L, &kept, nKept, lbs, keptUbs, L->parallel, 0, NULL);
  MlirValue wideStart = convertFloat(&L->b, start, acc);
  nestOpen(L, &red, nRed, lbs, redUbs, false, 1, &wideStart);
  MlirValue *ivs = kernValuesAlloc(r->rank);
  for (intptr_t d = 0, k = 0, j = 0; d < r->rank; ++d)
    ivs[d] = r->reduced[d] ? red.ivs[j++] : kept.ivs[k++];
  MlirValue v = convertFloat(&L->b, reducedElement(L, r, ivs), acc);
  MlirValue next = accumulate(L, r, ivs, red.iter[0], v, fromFirst);
  MlirValue total;
  nestClose(L, &red, &next, &total);
  total = convertFloat(&L->b, total, r->elem);
  if (nKept)
    storeAt(L, total, result, nKept, kept.ivs);
  nestClose(L, &kept, NULL, NULL);
  free(lbs);
  free(keptUbs);
  free(redUbs);
  free(ivs);
  return nKept ? result : total;
}

/* Fills the result with `start`, then one row-major nest over every
 * dimension combines each element into result[kept ivs]. */
static MlirValue reduceInPlace(Lowering *L, Reduction *r,
                               const MlirValue *sizes, MlirValue start,
                               MlirValue result) {
  int64_t *lbs = KERN_ALLOC(int64_t, r->rank);
  MlirValue *keptUbs = kernValuesAlloc(r->rank);
  intptr_t nKept = 0;
  for (intptr_t d = 0; d < r->rank; ++d)
    if (!r->reduced[d])
      keptUbs[nKept++] = sizes[d];
  Nest fill, all;
  nestOpen(L, &fill, nKept, lbs, keptUbs, L->parallel, 0, NULL);
  storeAt(L, start, result, nKept, fill.ivs);
  nestClose(L, &fill, NULL, NULL);

  nestOpen(L, &all, r->rank, lbs, sizes, L->parallel && !r->reduced[0], 0,
           NULL);
  MlirValue *keptIvs = kernValuesAlloc(r->rank);
  for (intptr_t d = 0, k = 0; d < r->rank; ++d)
    if (!r->reduced[d])
      keptIvs[k++] = all.ivs[d];
  MlirValue acc = loadAt(L, result, nKept, keptIvs, NULL);
  MlirValue v = reducedElement(L, r, all.ivs);
  storeAt(L, combine(&L->b, r->kind, r->combine, acc, v), result, nKept,
          keptIvs);
  nestClose(L, &all, NULL, NULL);
  free(lbs);
  free(keptUbs);
  free(keptIvs);
  return result;
}

/* Whether convert-scf-to-openmp turns a scf.reduce of `kind` on `t` into
 * an OpenMP reduction: add/mul of floats and of integers wider than i1,
 * min/max of such integers (as cmpi + select). Not float min/max: the
 * combiners it recognizes (cmpf + select) drop NaNs that NumPy propagates;
 * not index or complex. */
static bool hasOpenMPReduction(KernReductionKind kind, MlirType t) {
  bool isInt = mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) > 1;
  if (kind == KernReductionAdd || kind == KernReductionMul)
    return isInt || mlirTypeIsAF32(t) || mlirTypeIsAF64(t);
  return (kind == KernReductionMin || kind == KernReductionMax) && isInt;
}

/* The combiner of a parallel reduction in the form convert-scf-to-openmp
 * recognizes (integer min/max as a compare and a select). */
static MlirValue parallelCombine(KernBuilder *b, KernReductionKind kind,
                                 MlirValue x, MlirValue y) {
  if (kind != KernReductionMin && kind != KernReductionMax)
    return kernCombine(b, kind, x, y);
  MlirValue keepX =
      kernCmpI(b, kind == KernReductionMin ? "slt" : "sgt", x, y);
  return kernSelect(b, keepX, x, y);
}

/* A reduction of every axis in a parallel function (hasOpenMPReduction):
 * scf.parallel over dimension 0 combining per-iteration partials with
 * scf.reduce (convert-scf-to-openmp makes it an OpenMP reduction); the
 * other dimensions are sequential inside. scf.parallel's induction variable
 * is no affine dimension, so the nest uses scf loops and memref loads. */
static MlirValue reduceParallel(Lowering *L, Reduction *r,
                                const MlirValue *sizes, MlirValue start) {
  KernBuilder *b = &L->b;
  L->affine = false;
  MlirType acc = accumulatorType(r);
  MlirBlock body, combiner;
  MlirOperation loop = kernScfParallelReduce(
      b, kernConstIndex(b, 0), sizes[0], kernConstIndex(b, 1),
      convertFloat(b, start, acc), &body);
  kernSetInsertionToStart(b, body);
  MlirValue *ivs = kernValuesAlloc(r->rank);
  ivs[0] = kernBlockArg(body, 0);
  MlirValue partial;
  if (r->rank == 1) {
    partial = convertFloat(b, reducedElement(L, r, ivs), acc);
  } else {
    int64_t *lbs = KERN_ALLOC(int64_t, r->rank);
    MlirValue identity = identityOf(b, r->kind, acc);
    Nest inner;
    nestOpen(L, &inner, r->rank - 1, lbs, sizes + 1, false, 1, &identity);
    for (intptr_t d = 1; d < r->rank; ++d)
      ivs[d] = inner.ivs[d - 1];
    MlirValue next =
        kernCombine(b, r->kind, inner.iter[0],
                    convertFloat(b, reducedElement(L, r, ivs), acc));
    nestClose(L, &inner, &next, &partial);
    free(lbs);
  }
  free(ivs);
  kernScfReduceValue(b, partial, &combiner);
  kernSetInsertionToStart(b, combiner);
  MlirValue c = parallelCombine(b, r->kind, kernBlockArg(combiner, 0),
                                kernBlockArg(combiner, 1));
  kernBuildOp(b, "scf.reduce.return", 0, NULL, 1, &c, 0, NULL, 0);
  kernSetInsertionAfter(b, loop);
  return convertFloat(b, mlirOperationGetResult(loop, 0), r->elem);
}

/* True when the reduced dimensions are exactly the trailing ones. */
static bool reducesTrailing(const Reduction *r) {
  bool seenReduced = false;
  for (intptr_t d = 0; d < r->rank; ++d) {
    if (seenReduced && !r->reduced[d])
      return false;
    seenReduced = seenReduced || r->reduced[d];
  }
  return true;
}

static MlirLogicalResult lowerReduce(MlirOperation op, MlirRewriterBase rw) {
  Reduction r;
  readReduction(op, &r);
  Lowering L = lowering(rw, op);
  KernBuilder *b = &L.b;
  MlirValue shape = {NULL};
  for (intptr_t i = 0; i < r.nInputs && !shape.ptr; ++i)
    if (kernIsMemRef(mlirValueGetType(r.inputs[i])))
      shape = r.inputs[i];
  MlirValue *sizes = kernValuesAlloc(r.rank);
  sizesOf(b, shape, sizes);
  chooseLoops(&L, r.rank, sizes);

  /* Start value; reductions without identity check for no elements. */
  MlirValue start = r.init.ptr ? r.init : identityOf(b, r.kind, r.elem);
  bool fromFirst = !start.ptr;
  if (!r.init.ptr && r.kind != KernReductionAdd &&
      r.kind != KernReductionMul) {
    MlirValue count = {NULL};
    for (intptr_t d = 0; d < r.rank; ++d)
      if (r.reduced[d])
        count = count.ptr ? kernBinary(b, "arith.muli", count, sizes[d])
                          : sizes[d];
    if (count.ptr)
      raiseIfEmpty(b, count, r.kind);
  }
  if (fromFirst) /* never read: the first element replaces it */
    start = constZeroOrOne(b, r.elem, true);

  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  MlirValue result = {NULL};
  if (kernIsMemRef(rt)) {
    MlirValue *keptSizes = kernValuesAlloc(r.rank);
    for (intptr_t d = 0, k = 0; d < r.rank; ++d)
      if (!r.reduced[d])
        keptSizes[k++] = sizes[d];
    result = allocLike(b, rt, keptSizes);
    free(keptSizes);
  }
  bool inPlace = result.ptr && !fromFirst && !reducesTrailing(&r) &&
                 !(L.parallel && r.reduced[0]);
  MlirValue value;
  if (!result.ptr && L.parallel && hasOpenMPReduction(r.kind, r.elem))
    value = reduceParallel(&L, &r, sizes, start);
  else if (inPlace)
    value = reduceInPlace(&L, &r, sizes, start, result);
  else
    value = reduceNested(&L, &r, sizes, start, fromFirst, result);
  replaceOp(rw, op, &value);
  free(sizes);
  reductionFree(&r);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * kern.accumulate
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult lowerAccumulate(MlirOperation op,
                                         MlirRewriterBase rw) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  intptr_t rank = kernRank(rt);
  int64_t axis = mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(op, str("axis")));
  KernReductionKind kind = kernReduceOpGetKind(op);
  Lowering L = lowering(rw, op);
  KernBuilder *b = &L.b;

  MlirValue *sizes = kernValuesAlloc(rank), *firstUbs = kernValuesAlloc(rank);
  sizesOf(b, in, sizes);
  memcpy(firstUbs, sizes, (size_t)rank * sizeof *sizes);
  int64_t n;
  firstUbs[axis] = kernConstantIntValue(sizes[axis], &n)
                       ? kernConstIndex(b, n < 1 ? n : 1)
                       : kernBinary(b, "arith.minsi", sizes[axis],
                                    kernConstIndex(b, 1));
  MlirValue *bounds = kernValuesAlloc(rank + 1);
  memcpy(bounds, sizes, (size_t)rank * sizeof *sizes);
  bounds[rank] = firstUbs[axis];
  chooseLoops(&L, rank + 1, bounds);
  free(bounds);
  MlirValue out = allocLike(b, rt, sizes);
  bool par = L.parallel && axis != 0;

  /* out[.., 0, ..] = in[.., 0, ..] (no iteration when the axis is empty). */
  int64_t *lbs = KERN_ALLOC(int64_t, rank);
  Nest first, rest;
  nestOpen(&L, &first, rank, lbs, firstUbs, par, 0, NULL);
  storeAt(&L, loadAt(&L, in, rank, first.ivs, NULL), out, rank, first.ivs);
  nestClose(&L, &first, NULL, NULL);

  /* out[.., k, ..] = combine(out[.., k-1, ..], in[.., k, ..]) for k >= 1. */
  lbs[axis] = 1;
  int64_t *back = KERN_ALLOC(int64_t, rank);
  back[axis] = -1;
  nestOpen(&L, &rest, rank, lbs, sizes, par, 0, NULL);
  MlirValue prev = loadAt(&L, out, rank, rest.ivs, back);
  MlirValue v = loadAt(&L, in, rank, rest.ivs, NULL);
  storeAt(&L,
          combine(b, kind, mlirOperationGetRegion(op, 0), prev, v), out,
          rank, rest.ivs);
  nestClose(&L, &rest, NULL, NULL);

  replaceOp(rw, op, &out);
  free(sizes);
  free(firstUbs);
  free(lbs);
  free(back);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * kern.broadcast and kern.alloc
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult lowerBroadcast(MlirOperation op,
                                        MlirRewriterBase rw) {
  KernBuilder b = kernBuilderBefore(rw, op);
  MlirValue src = mlirOperationGetOperand(op, 0);
  MlirType srcType = mlirValueGetType(src);
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  intptr_t srcRank = kernRank(srcType), rank = kernRank(rt);
  intptr_t lead = rank - srcRank;

  MlirValue offset, *srcSizes = kernValuesAlloc(srcRank),
                    *srcStrides = kernValuesAlloc(srcRank);
  MlirValue base =
      kernExtractStridedMetadata(&b, src, &offset, srcSizes, srcStrides);
  MlirValue *sizes = kernValuesAlloc(rank), *strides = kernValuesAlloc(rank);
  MlirValue zero = kernConstIndex(&b, 0);
  for (intptr_t d = 0; d < rank; ++d) {
    sizes[d] = mlirOperationGetOperand(op, 1 + d);
    intptr_t s = d - lead;
    if (s < 0 || (!mlirShapedTypeIsDynamicDim(srcType, s) &&
                  mlirShapedTypeGetDimSize(srcType, s) == 1))
      strides[d] = zero; /* new leading dimension, or size 1 */
    else if (!mlirShapedTypeIsDynamicDim(srcType, s))
      strides[d] = srcStrides[s]; /* static size other than 1 */
    else /* size 1 at run time: repeat it */
      strides[d] = kernSelect(
          &b, kernCmpI(&b, "eq", srcSizes[s], kernConstIndex(&b, 1)), zero,
          srcStrides[s]);
  }
  MlirValue view = kernReinterpretCast(&b, base, rt, offset, sizes, strides);
  replaceOp(rw, op, &view);
  free(srcSizes);
  free(srcStrides);
  free(sizes);
  free(strides);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult lowerAlloc(MlirOperation op, MlirRewriterBase rw) {
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  intptr_t rank = kernRank(rt);
  MlirAttribute seg =
      mlirOperationGetAttributeByName(op, str("operandSegmentSizes"));
  intptr_t nSizes = mlirDenseI32ArrayGetElement(seg, 0);
  bool hasFill = mlirDenseI32ArrayGetElement(seg, 1) != 0;
  Lowering L = lowering(rw, op);
  KernBuilder *b = &L.b;

  MlirValue *dyn = kernValuesAlloc(nSizes), *sizes = kernValuesAlloc(rank);
  for (intptr_t i = 0; i < nSizes; ++i)
    dyn[i] = mlirOperationGetOperand(op, i);
  MlirValue array = kernAlloc(b, rt, nSizes, dyn);
  if (hasFill) {
    for (intptr_t d = 0, k = 0; d < rank; ++d)
      sizes[d] = mlirShapedTypeIsDynamicDim(rt, d)
                     ? dyn[k++]
                     : kernConstIndex(b, mlirShapedTypeGetDimSize(rt, d));
    chooseLoops(&L, rank, sizes);
    int64_t *lbs = KERN_ALLOC(int64_t, rank);
    Nest nest;
    nestOpen(&L, &nest, rank, lbs, sizes, L.parallel, 0, NULL);
    storeAt(&L, mlirOperationGetOperand(op, nSizes), array, rank, nest.ivs);
    nestClose(&L, &nest, NULL, NULL);
    free(lbs);
  }
  replaceOp(rw, op, &array);
  free(dyn);
  free(sizes);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * Preconditions
 *===----------------------------------------------------------------------===*/

static bool hasIdentityLayout(MlirType t) {
  return mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t));
}

/* Checks what the lowering relies on; emits a located error otherwise. */
static MlirLogicalResult checkOp(MlirOperation op) {
  MlirLocation loc = mlirOperationGetLocation(op);
  bool ufunc = kernOpIsUfunc(op), reduce = kernOpIsReduce(op);
  if (!ufunc && !reduce && !kernOpIsAccumulate(op) && !kernOpIsAlloc(op) &&
      !kernOpIsBroadcast(op))
    return mlirLogicalResultSuccess();
  int64_t rank = 0;
  intptr_t nOperands = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < nOperands; ++i) {
    int64_t k = kernRank(mlirValueGetType(mlirOperationGetOperand(op, i)));
    rank = k > rank ? k : rank;
  }
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i) {
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, i));
    int64_t k = kernRank(t);
    rank = k > rank ? k : rank;
    if (kernIsMemRef(t) && !kernOpIsBroadcast(op) && !hasIdentityLayout(t))
      return kernEmitError(loc,
                           "result #%d of this op must have the identity "
                           "layout to be allocated",
                           (int)i);
  }
  if (!ufunc && !reduce)
    return mlirLogicalResultSuccess();
  intptr_t nArrays = reduce ? mlirDenseI32ArrayGetElement(
                                  mlirOperationGetAttributeByName(
                                      op, str("operandSegmentSizes")),
                                  0)
                            : nOperands;
  for (intptr_t i = 0; i < nArrays; ++i) {
    MlirType t = mlirValueGetType(mlirOperationGetOperand(op, i));
    if (kernIsMemRef(t) && kernRank(t) != rank)
      return kernEmitError(loc, "%s operands have different ranks; run "
                                "kern-broadcast first",
                           ufunc ? "kern.ufunc" : "kern.reduce");
  }
  return mlirLogicalResultSuccess();
}

static MlirWalkResult checkWalk(MlirOperation op, void *userData) {
  if (mlirLogicalResultIsSuccess(checkOp(op)))
    return MlirWalkResultAdvance;
  *(bool *)userData = false;
  return MlirWalkResultInterrupt;
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

static const KernPattern patterns[] = {
    {"kern.ufunc", 1, lowerUfunc},
    {"kern.reduce", 1, lowerReduce},
    {"kern.accumulate", 1, lowerAccumulate},
    {"kern.broadcast", 1, lowerBroadcast},
    {"kern.alloc", 1, lowerAlloc},
};

static MlirLogicalResult run(MlirOperation op, const KernPassInfo *info) {
  (void)info;
  bool ok = true;
  mlirOperationWalk(op, checkWalk, &ok, MlirWalkPreOrder);
  if (!ok)
    return mlirLogicalResultFailure();
  kernApplyPatternsOnce(op, sizeof patterns / sizeof *patterns, patterns);
  return mlirLogicalResultSuccess();
}

static const char *const deps[] = {"affine", "arith", "complex", "memref",
                                   "scf",    "kern",  NULL};

static const KernPassInfo info = {
    .argument = "convert-kern-to-affine",
    .name = "ConvertKernToAffine",
    .description = "Lower kern array ops (ufunc, reduce, accumulate, "
                   "broadcast, alloc) to affine/scf loop nests over memrefs",
    .opName = "func.func",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateConvertKernToAffinePass(void) {
  return kernPassCreate(&info);
}
