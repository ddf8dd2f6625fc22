//===- Translations.cpp - kern-translate's kern-level translations --------===//
//
// mlir::TranslateFromMLIRRegistration has no C counterpart. Each kern
// translation runs kern-cpu-pipeline and generates code through the C
// compiler (kernTranslateModule in lib/Compiler/Translate.c); this file only
// registers them and their options:
//
//   kern-translate --kern-to-llvmir [--kern-parallel] [--kern-fastmath]
//                  [--kern-opt-level=N] in.mlir -o out.ll
//   kern-translate --kern-to-asm / --kern-to-obj ...
//   kern-translate --kern-to-ptx [--kern-chip=sm_90] in.mlir -o out.ptx
//
// Upstream's --mlir-to-llvmir takes IR that is already lowered.
//
//===----------------------------------------------------------------------===//

#include "kern-c/Compiler.h"
#include "kern-c/Dialect.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace {
struct TranslateOptions {
  llvm::cl::opt<bool> parallel{
      "kern-parallel",
      llvm::cl::desc("kern translations: prange and array loops of "
                     "kern.parallel functions on OpenMP threads"),
      llvm::cl::init(false)};
  llvm::cl::opt<bool> fastmath{
      "kern-fastmath",
      llvm::cl::desc("kern translations: all LLVM fast-math flags"),
      llvm::cl::init(false)};
  llvm::cl::opt<int> optLevel{
      "kern-opt-level",
      llvm::cl::desc("kern translations: LLVM optimisation level (0-3)"),
      llvm::cl::init(3)};
  llvm::cl::opt<std::string> chip{
      "kern-chip",
      llvm::cl::desc("kern-to-ptx: the NVIDIA target (default sm_80)"),
      llvm::cl::init("sm_80")};
};
} // namespace

static TranslateOptions &options() {
  static TranslateOptions opts;
  return opts;
}

static void writeToStream(MlirStringRef s, void *userData) {
  static_cast<llvm::raw_ostream *>(userData)->write(s.data, s.length);
}

static void registerOne(const char *name, const char *description,
                        KernEmitKind kind) {
  mlir::TranslateFromMLIRRegistration(
      name, description,
      [kind](mlir::Operation *op, llvm::raw_ostream &os) -> llvm::LogicalResult {
        KernCompileOptions o = kernCompileOptionsDefault();
        o.pipeline.parallel = options().parallel;
        o.pipeline.fastmath = options().fastmath;
        o.optLevel = options().optLevel;
        return unwrap(
            kernTranslateModule(wrap(op), &o, kind, writeToStream, &os));
      },
      [](mlir::DialectRegistry &registry) {
        kernRegisterAllDialects(wrap(&registry));
      });
}

extern "C" void kernRegisterTranslations(void) {
  options();
  registerOne("kern-to-llvmir",
              "kern IR to optimised LLVM IR (kern-cpu-pipeline, O3)",
              KernEmitLLVMIR);
  registerOne("kern-to-asm", "kern IR to host assembly", KernEmitAssembly);
  registerOne("kern-to-obj", "kern IR to a host object file", KernEmitObject);
  mlir::TranslateFromMLIRRegistration(
      "kern-to-ptx",
      "kern IR with kernels (kern.kernel) to PTX (kern-gpu-pipeline, "
      "--kern-chip=sm_80)",
      [](mlir::Operation *op, llvm::raw_ostream &os) -> llvm::LogicalResult {
        std::string chip = options().chip;
        return unwrap(kernGpuTranslateModule(wrap(op), chip.c_str(), "ptx",
                                             writeToStream, &os));
      },
      [](mlir::DialectRegistry &registry) {
        kernRegisterAllDialects(wrap(&registry));
      });
}
