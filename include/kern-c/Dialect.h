/*===- kern-c/Dialect.h - C API of the kern dialect ----------------*- C -*-===*
 *
 * The kern dialect for C code: its registration handle, the enums that kern
 * attributes carry, and functions to create and inspect kern ops. Naming
 * follows mlir-c: kern<Thing><Verb>, the object first, ownership in the name.
 *
 * Most kern ops can be built with the generic mlirOperationCreate; the
 * helpers here cover what a C pass needs often (the enum attributes, region
 * bodies) and answer "is this op a kern.X" without string compares.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_C_DIALECT_H
#define KERN_C_DIALECT_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Kern, kern);

/* Registers the kern dialect and every upstream dialect and extension that
 * kern pipelines use (everything upstream registers) into `registry`. */
MLIR_CAPI_EXPORTED void kernRegisterAllDialects(MlirDialectRegistry registry);

/* A context with everything registered and the kern dialect loaded. */
MLIR_CAPI_EXPORTED MlirContext kernContextCreate(void);

/*--- Enums (values match the ODS enums) ----------------------------------*/

typedef enum {
  KernReductionAdd = 0,
  KernReductionMul = 1,
  KernReductionMin = 2,
  KernReductionMax = 3,
  KernReductionCustom = 4,
} KernReductionKind;

typedef enum {
  KernDistUniform = 0,
  KernDistNormal = 1,
  KernDistBits = 2
} KernDistribution;
typedef enum { KernDimX = 0, KernDimY = 1, KernDimZ = 2 } KernDim;

/* The attribute that the `kind` of kern.reduce / kern.accumulate holds. */
MLIR_CAPI_EXPORTED MlirAttribute kernReductionKindAttrGet(MlirContext ctx,
                                                          KernReductionKind k);
/* The kind named by `name` ("add", ...); false if there is none. */
MLIR_CAPI_EXPORTED bool kernReductionKindFromName(MlirStringRef name,
                                                  KernReductionKind *out);
MLIR_CAPI_EXPORTED const char *kernReductionKindName(KernReductionKind k);
MLIR_CAPI_EXPORTED MlirAttribute kernDistributionAttrGet(MlirContext ctx,
                                                         KernDistribution d);
MLIR_CAPI_EXPORTED MlirAttribute kernDimAttrGet(MlirContext ctx, KernDim d);

/*--- Inspecting ops ------------------------------------------------------*/

#define KERN_FOR_EACH_OP(X)                                                  \
  X(Ufunc, "kern.ufunc")                                                     \
  X(Reduce, "kern.reduce")                                                   \
  X(Accumulate, "kern.accumulate")                                           \
  X(Broadcast, "kern.broadcast")                                             \
  X(Alloc, "kern.alloc")                                                     \
  X(Prange, "kern.prange")                                                   \
  X(Random, "kern.random")                                                   \
  X(Seed, "kern.seed")                                                       \
  X(Raise, "kern.raise")                                                     \
  X(Grid, "kern.grid")                                                       \
  X(GridSize, "kern.gridsize")                                               \
  X(Launch, "kern.launch")                                                   \
  X(SharedAlloc, "kern.shared_alloc")                                        \
  X(Barrier, "kern.barrier")                                                 \
  X(Yield, "kern.yield")

/* bool kernOpIsUfunc(MlirOperation op), kernOpIsReduce, ... */
#define KERN_DECLARE_ISA(Name, OpName)                                       \
  MLIR_CAPI_EXPORTED bool kernOpIs##Name(MlirOperation op);
KERN_FOR_EACH_OP(KERN_DECLARE_ISA)
#undef KERN_DECLARE_ISA

/* The reduction kind of a kern.reduce or kern.accumulate, or of reduction
 * variable `i` of a kern.prange. */
MLIR_CAPI_EXPORTED KernReductionKind kernReduceOpGetKind(MlirOperation op);
MLIR_CAPI_EXPORTED KernReductionKind kernPrangeOpGetKind(MlirOperation op,
                                                         intptr_t i);
/* Axes reduced by a kern.reduce: writes up to `cap` axes to `axes` and
 * returns their number, or -1 when the op reduces every axis. */
MLIR_CAPI_EXPORTED intptr_t kernReduceOpGetAxes(MlirOperation op,
                                                int64_t *axes, intptr_t cap);

/*--- Creating ops --------------------------------------------------------*/

/* A kern.ufunc over `inputs` returning arrays of `resultTypes` (or writing
 * `outs`), with an empty body block whose arguments are the element types
 * of the inputs. The caller fills the body and ends it with kern.yield. */
MLIR_CAPI_EXPORTED MlirOperation kernUfuncOpCreate(
    MlirLocation loc, intptr_t nInputs, const MlirValue *inputs,
    intptr_t nOuts, const MlirValue *outs, intptr_t nResults,
    const MlirType *resultTypes);

/* A kern.yield of `values`, appended to `block`. */
MLIR_CAPI_EXPORTED MlirOperation kernYieldOpCreate(MlirLocation loc,
                                                   MlirBlock block,
                                                   intptr_t n,
                                                   const MlirValue *values);

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_DIALECT_H */
