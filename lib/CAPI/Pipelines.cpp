//===- Pipelines.cpp - registering kern's named pipelines -----------------===//
//
// A named pipeline with options (`kern-cpu-pipeline{parallel=1}`) needs
// mlir::PassPipelineRegistration, which the C API lacks. The pipeline itself
// is written in C (lib/Compiler/Pipeline.c); this only parses its options.
//
//===----------------------------------------------------------------------===//

#include "kern-c/Compiler.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"

#include <string>

namespace {
struct CpuPipelineOptions
    : public mlir::PassPipelineOptions<CpuPipelineOptions> {
  Option<bool> parallel{*this, "parallel",
                        llvm::cl::desc("kern.prange and array loops to OpenMP"),
                        llvm::cl::init(false)};
  Option<bool> fastmath{*this, "fastmath",
                        llvm::cl::desc("LLVM fast-math flags"),
                        llvm::cl::init(false)};
};
struct GpuPipelineOptions
    : public mlir::PassPipelineOptions<GpuPipelineOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("the NVIDIA target (sm_80, sm_90)"),
                           llvm::cl::init("sm_80")};
};
} // namespace

static std::string stripAnchor(std::string text) {
  const std::string anchor = "builtin.module(";
  if (text.rfind(anchor, 0) == 0 && text.back() == ')')
    text = text.substr(anchor.size(), text.size() - anchor.size() - 1);
  return text;
}

static std::string gpuPipeline(const GpuPipelineOptions &o) {
  std::string chip = o.chip;
  size_t n = kernGpuPipelineText(chip.c_str(), nullptr, 0);
  std::string text(n + 1, '\0');
  kernGpuPipelineText(chip.c_str(), text.data(), text.size());
  text.resize(n);
  return stripAnchor(text);
}

static std::string cpuPipeline(const CpuPipelineOptions &o) {
  KernPipelineOptions opts = {o.parallel, o.fastmath};
  size_t n = kernCpuPipelineText(opts, nullptr, 0);
  std::string text(n + 1, '\0');
  kernCpuPipelineText(opts, text.data(), text.size());
  text.resize(n);
  // Strip the builtin.module( ... ) anchor: the registration nests it.
  const std::string anchor = "builtin.module(";
  if (text.rfind(anchor, 0) == 0 && text.back() == ')')
    text = text.substr(anchor.size(), text.size() - anchor.size() - 1);
  return text;
}

extern "C" void kernRegisterPipelines(void) {
  // registerPassPipeline rather than PassPipelineRegistration: its builder
  // can fail, so a pipeline text that does not parse is an error of the
  // pass manager being built, not an abort of the process.
  mlir::registerPassPipeline(
      "kern-cpu-pipeline",
      "Lower kern IR to the LLVM dialect (options: parallel, fastmath)",
      [](mlir::OpPassManager &pm, llvm::StringRef optionsText,
         llvm::function_ref<llvm::LogicalResult(const llvm::Twine &)>
             errorHandler) -> llvm::LogicalResult {
        CpuPipelineOptions options;
        if (mlir::failed(options.parseFromString(optionsText)))
          return mlir::failure();
        std::string message;
        llvm::raw_string_ostream os(message);
        if (mlir::failed(mlir::parsePassPipeline(cpuPipeline(options), pm, os)))
          return errorHandler("kern-cpu-pipeline: " + os.str());
        return mlir::success();
      },
      [](llvm::function_ref<void(const mlir::detail::PassOptions &)> print) {
        print(CpuPipelineOptions());
      });
  mlir::registerPassPipeline(
      "kern-gpu-pipeline",
      "Lower kern IR with kernels to PTX (gpu.module through NVVM and "
      "libdevice) and the host side to the LLVM dialect calling kern's CUDA "
      "runtime (option: chip)",
      [](mlir::OpPassManager &pm, llvm::StringRef optionsText,
         llvm::function_ref<llvm::LogicalResult(const llvm::Twine &)>
             errorHandler) -> llvm::LogicalResult {
        GpuPipelineOptions options;
        if (mlir::failed(options.parseFromString(optionsText)))
          return mlir::failure();
        std::string message;
        llvm::raw_string_ostream os(message);
        if (mlir::failed(mlir::parsePassPipeline(gpuPipeline(options), pm, os)))
          return errorHandler("kern-gpu-pipeline: " + os.str());
        return mlir::success();
      },
      [](llvm::function_ref<void(const mlir::detail::PassOptions &)> print) {
        print(GpuPipelineOptions());
      });
}
