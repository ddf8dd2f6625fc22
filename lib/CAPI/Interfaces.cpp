//===- Interfaces.cpp - MLIR op interfaces for C code ---------------------===//
//
// The C API of MLIR 22 cannot ask an op for its memory effects, its view
// source or its callee (kern-c/Interfaces.h). Each wrapper unwraps, asks
// the interface, and wraps the answer; the analyses that use them are C
// (lib/Analysis).
//
//===----------------------------------------------------------------------===//

#include "kern-c/Interfaces.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

static KernEffectKind kindOf(MemoryEffects::Effect *effect) {
  if (isa<MemoryEffects::Read>(effect))
    return KernEffectRead;
  if (isa<MemoryEffects::Write>(effect))
    return KernEffectWrite;
  if (isa<MemoryEffects::Allocate>(effect))
    return KernEffectAllocate;
  return KernEffectFree;
}

bool kernOperationForEachMemoryEffect(MlirOperation op,
                                      KernMemoryEffectCallback callback,
                                      void *userData) {
  auto iface = dyn_cast<MemoryEffectOpInterface>(unwrap(op));
  if (!iface)
    return false;
  SmallVector<MemoryEffects::EffectInstance> effects;
  iface.getEffects(effects);
  for (const MemoryEffects::EffectInstance &e : effects) {
    SideEffects::Resource *resource = e.getResource();
    KernMemoryEffect out = {
        kindOf(e.getEffect()), wrap(e.getValue()),
        isa<SideEffects::DefaultResource>(resource),
        wrap(resource->getName())};
    callback(&out, userData);
  }
  return true;
}

bool kernOperationIsMemoryEffectFree(MlirOperation op) {
  return isMemoryEffectFree(unwrap(op));
}

bool kernOperationHasRecursiveMemoryEffects(MlirOperation op) {
  return unwrap(op)->hasTrait<OpTrait::HasRecursiveMemoryEffects>();
}

MlirValue kernOperationGetViewSource(MlirOperation op) {
  if (auto view = dyn_cast<ViewLikeOpInterface>(unwrap(op)))
    return wrap(view.getViewSource());
  return MlirValue{nullptr};
}

MlirOperation kernOperationResolveCallee(MlirOperation op) {
  if (auto call = dyn_cast<CallOpInterface>(unwrap(op)))
    return wrap(call.resolveCallable());
  return MlirOperation{nullptr};
}

bool kernOperationIsTerminator(MlirOperation op) {
  return unwrap(op)->hasTrait<OpTrait::IsTerminator>();
}
