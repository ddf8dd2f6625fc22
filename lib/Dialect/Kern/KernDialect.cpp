//===- KernDialect.cpp - kern dialect registration ------------------------===//

#include "kern/KernDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::kern;

#include "kern/KernEnums.cpp.inc"
#include "kern/KernOpsDialect.cpp.inc"

void KernDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "kern/KernOps.cpp.inc"
      >();
}
