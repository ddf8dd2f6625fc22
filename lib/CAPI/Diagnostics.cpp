//===- Diagnostics.cpp - remarks and warnings for C code ------------------===//
//
// The MLIR 22 C API offers mlirEmitError only; passes also need remarks
// ("loop stays sequential: ...") and warnings. These two wrappers are the
// smallest C++ that reaches mlir::emitRemark / mlir::emitWarning.
//
//===----------------------------------------------------------------------===//

#include "mlir/CAPI/IR.h"
#include "mlir/IR/Diagnostics.h"

extern "C" void kernLocationEmitRemark(MlirLocation loc, const char *message) {
  mlir::emitRemark(unwrap(loc)) << message;
}

extern "C" void kernLocationEmitWarning(MlirLocation loc, const char *message) {
  mlir::emitWarning(unwrap(loc)) << message;
}
