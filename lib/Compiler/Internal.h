/*===- Internal.h - pieces of kern's compiler (private) -------------*- C -*-===*
 *
 * kernCompile (Compiler.c) drives four parts:
 *   Text.c     growing strings, and MLIR diagnostics captured as
 *              "file:line:col: error: message" text
 *   CodeGen.c  LLVM IR -> optimised IR -> object code for the host CPU
 *   JIT.c      object code -> ORC LLJIT, with the libraries it needs
 *   Pipeline.c kern-cpu-pipeline
 * and Translate.c does the same ahead of time for kern-translate.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_COMPILER_INTERNAL_H
#define KERN_COMPILER_INTERNAL_H

#include "kern-c/Compiler.h"

#include "llvm-c/Core.h"
#include "llvm-c/Error.h"
#include "llvm-c/LLJIT.h"
#include "llvm-c/TargetMachine.h"
#include "mlir-c/Diagnostics.h"

#include <stdarg.h>

/*--- Text.c ---------------------------------------------------------------*/

/* A growing NUL-terminated string; {0} is the empty string. */
typedef struct KernText {
  char *data;
  size_t length, capacity;
} KernText;

void kernTextAppend(KernText *t, const char *s, size_t n);
void kernTextPrintf(KernText *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the string over (never NULL: "" when empty) and resets `t`. */
char *kernTextTake(KernText *t);
void kernTextFree(KernText *t);
/* An MlirStringCallback appending to the KernText in userData. */
void kernTextAppendCallback(MlirStringRef s, void *userData);
/* Appends an LLVM error's message and consumes the error. */
void kernTextAppendLLVMError(KernText *t, LLVMErrorRef error);

/* Formats a diagnostic as "file:line:col: error: message" (plus its notes,
 * one line each). */
void kernTextAppendDiagnostic(KernText *t, MlirDiagnostic d);

/*--- Compiler.c -----------------------------------------------------------*/

/* Registers, once, every pass that kern-cpu-pipeline names (upstream and
 * kern passes) in MLIR's global registry. */
void kernRegisterPipelinePasses(void);

/*--- Gpu.c ----------------------------------------------------------------*/

/* Runs all of kern-gpu-pipeline{chip} on `module` (to the LLVM dialect). */
MlirLogicalResult kernGpuRunPipeline(MlirOperation module, const char *chip);

/*--- CodeGen.c ------------------------------------------------------------*/

/* Registers the host target with LLVM (once); code generation and the JIT
 * need it. */
void kernInitializeNativeTarget(void);
/* A target machine for the host CPU at one optimisation level (0..3; the
 * caller disposes of it). Not shared: code generation with one target
 * machine must not run on two threads at once. */
LLVMTargetMachineRef kernCreateHostTargetMachine(int optLevel,
                                                 KernText *error);
/* Sets the host triple and data layout of `module`. */
void kernSetHostTarget(LLVMModuleRef module, LLVMTargetMachineRef machine);
/* Sets the LLVM fast-math flags `flags` (KernFastMath* bits; 0 = all) on
 * every floating-point instruction of `module`. */
void kernApplyFastMath(LLVMModuleRef module, unsigned flags);
/* default<On> with loop vectorization and libmvec (lib/CAPI/LLVMOptimize.cpp). */
LLVMErrorRef kernLLVMOptimizeModule(LLVMModuleRef module,
                                    LLVMTargetMachineRef machine,
                                    int optLevel);
/* Object code (or assembly text) of `module`, NULL and *error on failure. */
LLVMMemoryBufferRef kernEmit(LLVMTargetMachineRef machine,
                             LLVMModuleRef module, LLVMCodeGenFileType type,
                             KernText *error);

/*--- JIT.c ----------------------------------------------------------------*/

/* Makes the libraries that compiled code calls visible to the JIT's
 * process symbol lookup: libkern_runtime (which a Python ctypes load may
 * have opened RTLD_LOCAL) and libmvec. */
void kernJITPrepareProcess(void);
/* A new LLJIT holding a copy of `object`, linked (all symbols resolved):
 * loads libomp / libmvec / MLIR's runner utils first when the object calls
 * into them. NULL and *error on failure. */
LLVMOrcLLJITRef kernJITLoadObject(const void *object, size_t size,
                                  KernText *error);

#endif /* KERN_COMPILER_INTERNAL_H */
