//===- Dialect.cpp - C wrappers over the kern dialect ---------------------===//
//
// Thin C wrappers in the style of mlir/lib/CAPI: the dialect handle, enum
// attributes, isa checks and a few op builders for C passes. No logic lives
// here beyond unwrapping.
//
//===----------------------------------------------------------------------===//

#include "kern-c/Dialect.h"
#include "kern/KernDialect.h"

#include "mlir-c/RegisterEverything.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"

using namespace mlir;
using namespace mlir::kern;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Kern, kern, mlir::kern::KernDialect)

void kernRegisterAllDialects(MlirDialectRegistry registry) {
  mlirRegisterAllDialects(registry);
  unwrap(registry)->insert<KernDialect>();
}

MlirContext kernContextCreate(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  kernRegisterAllDialects(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirRegisterAllLLVMTranslations(ctx);
  unwrap(ctx)->getOrLoadDialect<KernDialect>();
  return ctx;
}

MlirAttribute kernReductionKindAttrGet(MlirContext ctx, KernReductionKind k) {
  return wrap(static_cast<Attribute>(ReductionKindAttr::get(
      unwrap(ctx), static_cast<ReductionKind>(k))));
}

bool kernReductionKindFromName(MlirStringRef name, KernReductionKind *out) {
  auto k = symbolizeReductionKind(unwrap(name));
  if (!k)
    return false;
  *out = static_cast<KernReductionKind>(*k);
  return true;
}

const char *kernReductionKindName(KernReductionKind k) {
  return stringifyReductionKind(static_cast<ReductionKind>(k)).data();
}

MlirAttribute kernDistributionAttrGet(MlirContext ctx, KernDistribution d) {
  return wrap(static_cast<Attribute>(
      DistributionAttr::get(unwrap(ctx), static_cast<Distribution>(d))));
}

MlirAttribute kernDimAttrGet(MlirContext ctx, KernDim d) {
  return wrap(static_cast<Attribute>(
      DimAttr::get(unwrap(ctx), static_cast<Dim>(d))));
}

#define KERN_DEFINE_ISA(Name, OpName)                                        \
  bool kernOpIs##Name(MlirOperation op) { return isa<Name##Op>(unwrap(op)); }
KERN_FOR_EACH_OP(KERN_DEFINE_ISA)
#undef KERN_DEFINE_ISA

KernReductionKind kernReduceOpGetKind(MlirOperation op) {
  Operation *o = unwrap(op);
  if (auto r = dyn_cast<ReduceOp>(o))
    return static_cast<KernReductionKind>(r.getKind());
  return static_cast<KernReductionKind>(cast<AccumulateOp>(o).getKind());
}

KernReductionKind kernPrangeOpGetKind(MlirOperation op, intptr_t i) {
  return static_cast<KernReductionKind>(
      cast<PrangeOp>(unwrap(op)).getKind(static_cast<unsigned>(i)));
}

intptr_t kernReduceOpGetAxes(MlirOperation op, int64_t *axes, intptr_t cap) {
  auto r = cast<ReduceOp>(unwrap(op));
  auto a = r.getAxes();
  if (!a)
    return -1;
  for (intptr_t i = 0; i < static_cast<intptr_t>(a->size()) && i < cap; ++i)
    axes[i] = (*a)[i];
  return static_cast<intptr_t>(a->size());
}

MlirOperation kernUfuncOpCreate(MlirLocation loc, intptr_t nInputs,
                                const MlirValue *inputs, intptr_t nOuts,
                                const MlirValue *outs, intptr_t nResults,
                                const MlirType *resultTypes) {
  OpBuilder b(unwrap(loc)->getContext());
  SmallVector<Value> ins, os;
  SmallVector<Type> rts;
  for (intptr_t i = 0; i < nInputs; ++i)
    ins.push_back(unwrap(inputs[i]));
  for (intptr_t i = 0; i < nOuts; ++i)
    os.push_back(unwrap(outs[i]));
  for (intptr_t i = 0; i < nResults; ++i)
    rts.push_back(unwrap(resultTypes[i]));
  auto op = UfuncOp::create(b, unwrap(loc), rts, ins, os);
  Block *body = new Block();
  op.getBody().push_back(body);
  for (Value v : ins) {
    Type t = v.getType();
    if (auto m = dyn_cast<MemRefType>(t))
      t = m.getElementType();
    body->addArgument(t, unwrap(loc));
  }
  return wrap(op.getOperation());
}

MlirOperation kernYieldOpCreate(MlirLocation loc, MlirBlock block, intptr_t n,
                                const MlirValue *values) {
  SmallVector<Value> vs;
  for (intptr_t i = 0; i < n; ++i)
    vs.push_back(unwrap(values[i]));
  // The context comes from the location: `block` may not be in a region yet
  // (mlirBlockCreate gives a detached block).
  OpBuilder b(unwrap(loc)->getContext());
  b.setInsertionPointToEnd(unwrap(block));
  return wrap(YieldOp::create(b, unwrap(loc), vs).getOperation());
}
