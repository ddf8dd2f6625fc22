/*===- CodeGen.c - LLVM IR to optimised object code for the host CPU -------===*
 *
 * All through the LLVM C API except the optimisation pipeline, which needs
 * a vector math library that only C++ can configure
 * (lib/CAPI/LLVMOptimize.cpp says why).
 *
 *===----------------------------------------------------------------------===*/

#include "Internal.h"

#include "llvm-c/Target.h"

#include <pthread.h>
#include <stdlib.h>

/*===----------------------------------------------------------------------===*
 * The host target machine
 *===----------------------------------------------------------------------===*/

static pthread_once_t initOnce = PTHREAD_ONCE_INIT;

static void initializeNativeTarget(void) {
  LLVMInitializeNativeTarget();
  LLVMInitializeNativeAsmPrinter();
  /* for inline assembly: the stack check reads the stack pointer with it
   * (kern/frontend/stackcheck.py) */
  LLVMInitializeNativeAsmParser();
}

void kernInitializeNativeTarget(void) {
  pthread_once(&initOnce, initializeNativeTarget);
}

LLVMTargetMachineRef kernCreateHostTargetMachine(int optLevel,
                                                 KernText *error) {
  kernInitializeNativeTarget();
  optLevel = optLevel < 0 ? 0 : optLevel > 3 ? 3 : optLevel;
  char *triple = LLVMGetDefaultTargetTriple();
  char *normalized = LLVMNormalizeTargetTriple(triple);
  LLVMDisposeMessage(triple);
  LLVMTargetRef target;
  char *message = NULL;
  LLVMTargetMachineRef machine = NULL;
  if (LLVMGetTargetFromTriple(normalized, &target, &message)) {
    kernTextPrintf(error, "no LLVM target for the host (%s): %s\n", normalized,
                   message);
    LLVMDisposeMessage(message);
  } else {
    static const LLVMCodeGenOptLevel levels[4] = {
        LLVMCodeGenLevelNone, LLVMCodeGenLevelLess, LLVMCodeGenLevelDefault,
        LLVMCodeGenLevelAggressive};
    char *cpu = LLVMGetHostCPUName();
    char *features = LLVMGetHostCPUFeatures();
    /* PIC: the JIT links external calls through its own stubs and GOT. */
    machine = LLVMCreateTargetMachine(target, normalized, cpu, features,
                                      levels[optLevel], LLVMRelocPIC,
                                      LLVMCodeModelDefault);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
  }
  LLVMDisposeMessage(normalized);
  return machine;
}

void kernSetHostTarget(LLVMModuleRef module, LLVMTargetMachineRef machine) {
  char *triple = LLVMGetTargetMachineTriple(machine);
  LLVMSetTarget(module, triple);
  LLVMDisposeMessage(triple);
  LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(machine);
  LLVMSetModuleDataLayout(module, layout);
  LLVMDisposeTargetData(layout);
}

/*===----------------------------------------------------------------------===*
 * Fast math
 *===----------------------------------------------------------------------===*/

static LLVMFastMathFlags llvmFastMathFlags(unsigned flags) {
  if (flags == 0)
    return LLVMFastMathAll;
  static const struct {
    unsigned kern;
    LLVMFastMathFlags llvm;
  } map[] = {
      {KernFastMathNnan, LLVMFastMathNoNaNs},
      {KernFastMathNinf, LLVMFastMathNoInfs},
      {KernFastMathNsz, LLVMFastMathNoSignedZeros},
      {KernFastMathArcp, LLVMFastMathAllowReciprocal},
      {KernFastMathContract, LLVMFastMathAllowContract},
      {KernFastMathAfn, LLVMFastMathApproxFunc},
      {KernFastMathReassoc, LLVMFastMathAllowReassoc},
  };
  LLVMFastMathFlags out = LLVMFastMathNone;
  for (size_t i = 0; i < sizeof map / sizeof map[0]; ++i)
    if (flags & map[i].kern)
      out |= map[i].llvm;
  return out;
}

void kernApplyFastMath(LLVMModuleRef module, unsigned flags) {
  LLVMFastMathFlags fmf = llvmFastMathFlags(flags);
  for (LLVMValueRef f = LLVMGetFirstFunction(module); f;
       f = LLVMGetNextFunction(f))
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb;
         bb = LLVMGetNextBasicBlock(bb))
      for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
           inst = LLVMGetNextInstruction(inst))
        if (LLVMCanValueUseFastMathFlags(inst))
          LLVMSetFastMathFlags(inst, LLVMGetFastMathFlags(inst) | fmf);
}

/*===----------------------------------------------------------------------===*
 * Emission
 *===----------------------------------------------------------------------===*/

LLVMMemoryBufferRef kernEmit(LLVMTargetMachineRef machine,
                             LLVMModuleRef module, LLVMCodeGenFileType type,
                             KernText *error) {
  LLVMMemoryBufferRef buffer = NULL;
  char *message = NULL;
  if (LLVMTargetMachineEmitToMemoryBuffer(machine, module, type, &message,
                                          &buffer)) {
    kernTextPrintf(error, "LLVM code generation failed: %s\n",
                   message ? message : "");
    LLVMDisposeMessage(message);
    return NULL;
  }
  return buffer;
}
