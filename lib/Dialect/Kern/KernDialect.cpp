//===- KernDialect.cpp - kern dialect registration ------------------------===//

#include "kern/KernDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using namespace mlir::kern;

#include "kern/KernEnums.cpp.inc"
#include "kern/KernOpsDialect.cpp.inc"

namespace {
/// kern ops have no side conditions on where they live: any of them may be
/// inlined into any region (MLIR's `inline` pass asks every op of a
/// callee). The callee's terminator is func.return, which the func
/// dialect's inliner extension handles.
struct KernInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;

  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void KernDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "kern/KernOps.cpp.inc"
      >();
  addInterfaces<KernInlinerInterface>();
}
