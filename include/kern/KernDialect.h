//===- KernDialect.h - kern dialect declarations ----------------*- C++ -*-===//
//
// C++ view of the kern dialect. Only the dialect library and the thin C
// wrappers in lib/CAPI include this header; the compiler itself is C and
// goes through include/kern-c/Dialect.h.
//
//===----------------------------------------------------------------------===//

#ifndef KERN_KERNDIALECT_H
#define KERN_KERNDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::kern {
/// The random generator's per-thread state (kern.random, kern.seed).
struct GeneratorResource
    : public SideEffects::Resource::Base<GeneratorResource> {
  StringRef getName() final { return "kern::GeneratorState"; }
};
/// The error a kern.raise leaves for the caller.
struct ErrorResource : public SideEffects::Resource::Base<ErrorResource> {
  StringRef getName() final { return "kern::ErrorState"; }
};
} // namespace mlir::kern

#include "kern/KernEnums.h.inc"
#include "kern/KernOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "kern/KernOps.h.inc"

#endif // KERN_KERNDIALECT_H
