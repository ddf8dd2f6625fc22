//===- kern-translate.cpp - MLIR's translate driver with kern's dialect ---===//
//
// Upstream translations (--mlir-to-llvmir, ...) plus kern's own, which run
// kern-cpu-pipeline first (registered by kernRegisterTranslations).
//
//===----------------------------------------------------------------------===//

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"

#include "mlir/CAPI/IR.h"
#include "mlir/InitAllTranslations.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

extern "C" void kernRegisterTranslations(void);

int main(int argc, char **argv) {
  mlir::registerAllTranslations();
  kernRegisterPasses();
  kernRegisterTranslations();
  return mlir::failed(mlir::mlirTranslateMain(argc, argv, "kern translation driver"));
}
