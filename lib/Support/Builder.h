/*===- Builder.h - C builders that read like the IR they make ------*- C -*-===*
 *
 * Every kern pass builds ops through this layer instead of filling
 * MlirOperationState by hand. A KernBuilder is a rewriter (which holds the
 * insertion point) plus the location new ops get:
 *
 *   KernBuilder b = kernBuilderBefore(rewriter, op);
 *   MlirValue n   = kernDim(&b, array, 0);
 *   MlirValue one = kernConstIndex(&b, 1);
 *   MlirBlock body;
 *   MlirOperation loop = kernFor(&b, kernConstIndex(&b, 0), n, one, 0, NULL,
 *                                &body);
 *   kernSetInsertionToStart(&b, body);
 *   MlirValue x = kernLoad(&b, array, 1, (MlirValue[]){kernBlockArg(body, 0)});
 *
 * Names of ops are the MLIR names ("arith.addf"), so a reader can grep.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_SUPPORT_BUILDER_H
#define KERN_SUPPORT_BUILDER_H

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/IR.h"
#include "mlir-c/Rewrite.h"

#include "Vec.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct KernBuilder {
  MlirContext ctx;
  MlirLocation loc;
  MlirRewriterBase rw;
} KernBuilder;

/*--- Insertion point ---------------------------------------------------*/

KernBuilder kernBuilderBefore(MlirRewriterBase rw, MlirOperation op);
KernBuilder kernBuilderAfter(MlirRewriterBase rw, MlirOperation op);
void kernSetInsertionBefore(KernBuilder *b, MlirOperation op);
void kernSetInsertionAfter(KernBuilder *b, MlirOperation op);
void kernSetInsertionToStart(KernBuilder *b, MlirBlock block);
void kernSetInsertionToEnd(KernBuilder *b, MlirBlock block);

/*--- Generic op creation ------------------------------------------------*/

/* Creates `name` at the insertion point with `nRegions` empty regions. */
MlirOperation kernBuildOp(KernBuilder *b, const char *name, intptr_t nResults,
                          const MlirType *resultTypes, intptr_t nOperands,
                          const MlirValue *operands, intptr_t nAttrs,
                          const MlirNamedAttribute *attrs, intptr_t nRegions);
/* Same, returning result 0 (for ops with exactly one result). */
MlirValue kernBuildValue(KernBuilder *b, const char *name, MlirType type,
                         intptr_t nOperands, const MlirValue *operands,
                         intptr_t nAttrs, const MlirNamedAttribute *attrs);
MlirNamedAttribute kernNamedAttr(MlirContext ctx, const char *name,
                                 MlirAttribute attr);
MlirAttribute kernStrAttr(MlirContext ctx, const char *s);

/* Declares the external function `name` of `type` (a private func.func at
 * the start of `module`) unless a func.func of that name and type is there;
 * another op of that name is a located error. */
MlirLogicalResult kernDeclareFunction(MlirOperation module,
                                      MlirSymbolTable symbols,
                                      MlirLocation loc, const char *name,
                                      MlirType type);

/*--- Types -------------------------------------------------------------*/

MlirType kernIndexType(MlirContext ctx);
MlirType kernElementType(MlirType t); /* memref element or t itself */
bool kernIsMemRef(MlirType t);
int64_t kernRank(MlirType t); /* 0 for a scalar */
/* memref<?x...x?xT> of `rank` dynamic dims with the identity layout. */
MlirType kernDynamicMemRef(MlirType elem, int64_t rank);
/* memref<?x...xT, strided<[?,...], offset: ?>> with the same shape as `t`. */
MlirType kernStridedMemRef(MlirType elem, int64_t rank, const int64_t *shape);

/*--- Constants and arithmetic -------------------------------------------*/

MlirValue kernConstIndex(KernBuilder *b, int64_t v);
MlirValue kernConstInt(KernBuilder *b, MlirType t, int64_t v);
MlirValue kernConstFloat(KernBuilder *b, MlirType t, double v);
/* 0, 1, lowest or highest value of `t` (identity of add/mul/max/min). */
MlirValue kernConstZero(KernBuilder *b, MlirType t);
MlirValue kernConstOne(KernBuilder *b, MlirType t);
MlirValue kernConstLowest(KernBuilder *b, MlirType t);
MlirValue kernConstHighest(KernBuilder *b, MlirType t);
/* A binary op whose result type is the type of `lhs` ("arith.addi", ...). */
MlirValue kernBinary(KernBuilder *b, const char *name, MlirValue lhs,
                     MlirValue rhs);
/* arith.cmpi / arith.cmpf with the predicate by name ("slt", "oeq", ...). */
MlirValue kernCmpI(KernBuilder *b, const char *pred, MlirValue lhs,
                   MlirValue rhs);
MlirValue kernCmpF(KernBuilder *b, const char *pred, MlirValue lhs,
                   MlirValue rhs);
MlirValue kernSelect(KernBuilder *b, MlirValue cond, MlirValue t,
                     MlirValue f);
/* Combines two values with a reduction kind (KernReductionKind). */
MlirValue kernCombine(KernBuilder *b, int kind, MlirValue lhs, MlirValue rhs);
/* The identity element of a reduction kind for `t`. */
MlirValue kernIdentity(KernBuilder *b, int kind, MlirType t);

/*--- Memory --------------------------------------------------------------*/

/* A zeroed array of `n` values for operand lists of any length; the caller
 * frees it. Running out of memory here aborts, as MLIR's own allocations do
 * (llvm::report_bad_alloc_error). (KERN_ALLOC in Vec.h does the same for
 * any element type.) */
MlirValue *kernValuesAlloc(intptr_t n);

MlirValue kernDim(KernBuilder *b, MlirValue memref, int64_t dim);
MlirValue kernLoad(KernBuilder *b, MlirValue memref, intptr_t n,
                   const MlirValue *indices);
void kernStore(KernBuilder *b, MlirValue value, MlirValue memref, intptr_t n,
               const MlirValue *indices);
/* memref.alloc of `type` with one size per dynamic dimension. */
MlirValue kernAlloc(KernBuilder *b, MlirType type, intptr_t nSizes,
                    const MlirValue *sizes);

/*--- Structured control flow ---------------------------------------------*/

/* scf.for %iv = lb to ub step s iter_args(inits); *body receives the body
 * block (arguments: iv, iter args), which the caller ends with kernYield. */
MlirOperation kernFor(KernBuilder *b, MlirValue lb, MlirValue ub,
                      MlirValue step, intptr_t nInits, const MlirValue *inits,
                      MlirBlock *body);
/* scf.if with `nResults` results; then/else blocks returned (else may be
 * omitted when nResults == 0 by passing elseBlock = NULL). */
MlirOperation kernIf(KernBuilder *b, MlirValue cond, intptr_t nResults,
                     const MlirType *resultTypes, MlirBlock *thenBlock,
                     MlirBlock *elseBlock);
/* scf.yield of `values` at the insertion point. */
void kernScfYield(KernBuilder *b, intptr_t n, const MlirValue *values);

/*--- Collecting ops ---------------------------------------------------------*/

/* Appends the ops nested under `root` (and root itself), in pre-order, for
 * which `match` holds. Passes collect the ops they rewrite first, then
 * rewrite them, so that the walk never sees half-rewritten IR. */
void kernCollectOps(MlirOperation root, bool (*match)(MlirOperation),
                    KernOpVec *list);

/*--- Blocks, values and regions -------------------------------------------*/

MlirValue kernBlockArg(MlirBlock block, intptr_t i);
/* Moves the ops of `src` (a single-block region, minus its kern.yield)
 * to the insertion point, mapping its block arguments to `args`, and
 * returns the yielded values in `yielded`. `src` is left empty of ops. */
void kernInlineRegion(KernBuilder *b, MlirRegion src, intptr_t nArgs,
                      const MlirValue *args, intptr_t cap,
                      MlirValue *yielded);
/* Clones the ops of a single-block region (minus its terminator) to the
 * insertion point with block arguments mapped to `args`; the region stays.
 * Returns the values its terminator yields, mapped, in `yielded`. */
void kernCloneRegionBody(KernBuilder *b, MlirRegion src, intptr_t nArgs,
                         const MlirValue *args, intptr_t cap,
                         MlirValue *yielded);
bool kernOpNameIs(MlirOperation op, const char *name);
/* The `axes` of a kern.reduce, replacing the contents of `axes`: returns
 * their number, or -1 when it reduces every axis (no attribute). */
intptr_t kernReduceAxes(MlirOperation op, KernI64Vec *axes);
MlirOperation kernParentOfName(MlirOperation op, const char *name);
/* The op whose result `v` is; null for a block argument. */
MlirOperation kernDefiningOp(MlirValue v);
/* The number of operands in segment `segment` of an op with sized operand
 * segments (kern.ufunc: inputs, outs; kern.reduce: inputs, init); 0 for an
 * op without them. */
intptr_t kernOperandSegmentSize(MlirOperation op, intptr_t segment);

/*--- Diagnostics ----------------------------------------------------------*/

/* Emits a located error with printf formatting; returns failure. */
MlirLogicalResult kernEmitError(MlirLocation loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void kernEmitRemark(MlirLocation loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The MLIR 22 C API can emit errors only; lib/CAPI/Diagnostics.cpp adds
 * remarks and warnings. */
void kernLocationEmitRemark(MlirLocation loc, const char *message);
void kernLocationEmitWarning(MlirLocation loc, const char *message);

/*--- Affine and parallel loops, views --------------------------------------*/

/* The integer value of `v` when it is an arith.constant. */
bool kernConstantIntValue(MlirValue v, int64_t *out);
/* `v` may bound an affine loop anywhere in its func.func: an arith.constant,
 * an argument of the function's entry block, or a value defined directly in
 * that block (MLIR's "valid symbol" for the function's affine scope). */
bool kernIsTopLevelSymbol(MlirValue v);
/* complex.constant [re, im] : t (t is complex<f32|f64>). */
MlirValue kernConstComplex(KernBuilder *b, MlirType t, double re, double im);
/* affine.for %iv = lb to ub iter_args(inits): ub is an arith.constant (a
 * constant bound) or a valid symbol (kernIsTopLevelSymbol). *body receives
 * the body block (iv, iter args), which the caller ends with
 * kernAffineYield. */
MlirOperation kernAffineFor(KernBuilder *b, int64_t lb, MlirValue ub,
                            intptr_t nInits, const MlirValue *inits,
                            MlirBlock *body);
/* affine.parallel (%iv) = (lb) to (ub), one dimension, no reductions; the
 * caller ends the body with kernAffineYield(b, 0, NULL). */
MlirOperation kernAffineParallel(KernBuilder *b, int64_t lb, MlirValue ub,
                                 MlirBlock *body);
void kernAffineYield(KernBuilder *b, intptr_t n, const MlirValue *values);
/* affine.load %m[map(operands)] / affine.store %v, %m[map(operands)]. */
MlirValue kernAffineLoad(KernBuilder *b, MlirValue memref, MlirAffineMap map,
                         intptr_t n, const MlirValue *operands);
void kernAffineStore(KernBuilder *b, MlirValue value, MlirValue memref,
                     MlirAffineMap map, intptr_t n, const MlirValue *operands);
/* scf.parallel (%iv) = (lb) to (ub) step (step), one dimension, no
 * reductions; the caller ends the body with kernScfReduce. */
MlirOperation kernScfParallel(KernBuilder *b, MlirValue lb, MlirValue ub,
                              MlirValue step, MlirBlock *body);
/* scf.reduce without operands (terminator of a reduction-free scf.parallel). */
void kernScfReduce(KernBuilder *b);
/* scf.parallel (%iv) = (lb) to (ub) step (step) init (%init) -> type(init):
 * one dimension, one reduction; the caller ends the body with
 * kernScfReduceValue. */
MlirOperation kernScfParallelReduce(KernBuilder *b, MlirValue lb, MlirValue ub,
                                    MlirValue step, MlirValue init,
                                    MlirBlock *body);
/* scf.reduce(%value) with an empty combiner block (arguments: two values of
 * the type of `value`), which the caller ends with scf.reduce.return. */
MlirOperation kernScfReduceValue(KernBuilder *b, MlirValue value,
                                 MlirBlock *combiner);
/* memref.extract_strided_metadata %m: returns the base buffer and writes the
 * offset and rank-many sizes and strides. */
MlirValue kernExtractStridedMetadata(KernBuilder *b, MlirValue memref,
                                     MlirValue *offset, MlirValue *sizes,
                                     MlirValue *strides);
/* memref.reinterpret_cast %base to offset/sizes/strides : `type`. Where
 * `type` has a static offset, size or stride, that constant is used and the
 * corresponding value is ignored (it may be null). */
MlirValue kernReinterpretCast(KernBuilder *b, MlirValue base, MlirType type,
                              MlirValue offset, const MlirValue *sizes,
                              const MlirValue *strides);

#ifdef __cplusplus
}
#endif

#endif /* KERN_SUPPORT_BUILDER_H */
