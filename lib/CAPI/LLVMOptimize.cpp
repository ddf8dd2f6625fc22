//===- LLVMOptimize.cpp - LLVM's O-level pipeline with glibc's libmvec ----===//
//
// Why C++: the LLVM C API runs optimisation pipelines through LLVMRunPasses,
// which builds its own TargetLibraryInfo with no vector library. In LLVM 22
// the vector library is a constructor argument of TargetLibraryInfoImpl, so
// `-vector-library=LIBMVEC` given to LLVMParseCommandLineOptions has no
// effect there (measured: loops keep calling scalar `sin`/`exp`). Building
// the pipeline here with TargetLibraryInfoImpl(triple, LIBMVEC) lets the loop
// vectorizer call glibc's `_ZGVdN4v_sin`, `_ZGVeN8v_exp`, ... (5x faster on
// the fused-expression benchmark). The caller must make libmvec.so.1
// visible to the JIT (dlopen RTLD_GLOBAL).
//
//===----------------------------------------------------------------------===//

#include "llvm-c/Error.h"
#include "llvm-c/TargetMachine.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"

/* Optimises `module` in place with LLVM's default<O`optLevel`> pipeline
 * tuned for `machine`, loop and SLP vectorization on, math calls vectorized
 * through libmvec. Never fails (returns NULL); the LLVMErrorRef keeps the
 * signature open for pipelines that can. */
extern "C" LLVMErrorRef kernLLVMOptimizeModule(LLVMModuleRef module,
                                               LLVMTargetMachineRef machine,
                                               int optLevel) {
  llvm::Module &m = *llvm::unwrap(module);
  auto *tm = reinterpret_cast<llvm::TargetMachine *>(machine);
  llvm::OptimizationLevel level = optLevel <= 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = optLevel >= 2;
  tuning.SLPVectorization = optLevel >= 2;
  tuning.LoopUnrolling = optLevel >= 2;
  llvm::PassBuilder pb(tm, tuning);

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::TargetLibraryInfoImpl tlii(m.getTargetTriple(),
                                   llvm::VectorLibrary::LIBMVEC);
  fam.registerPass([&] { return llvm::TargetLibraryAnalysis(tlii); });
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);

  llvm::ModulePassManager mpm =
      level == llvm::OptimizationLevel::O0
          ? pb.buildO0DefaultPipeline(level)
          : pb.buildPerModuleDefaultPipeline(level);
  mpm.run(m, mam);
  return nullptr;
}
