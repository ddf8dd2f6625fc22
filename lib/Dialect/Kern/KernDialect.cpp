//===- KernDialect.cpp - kern dialect registration ------------------------===//

#include "kern/KernDialect.h"

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
