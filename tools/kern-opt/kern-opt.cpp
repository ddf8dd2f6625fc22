//===- kern-opt.cpp - MLIR's opt driver with kern's dialect and passes ----===//

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"

#include "mlir/CAPI/IR.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  kernRegisterPasses();
  mlir::DialectRegistry registry;
  kernRegisterAllDialects(wrap(&registry));
  // gpu-module-to-binary (kern-gpu-pipeline) translates the NVVM dialect.
  mlir::registerAllToLLVMIRTranslations(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "kern optimizer driver\n", registry));
}
