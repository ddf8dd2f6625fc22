/*===- kern-c/Compiler.h - kern's compiler: pipelines, codegen, JIT --*- C -*-===*
 *
 * From kern IR text to callable machine code, all through the MLIR and LLVM
 * C APIs:
 *
 *   KernCompiler *c = kernCompilerCreate();
 *   KernCompileOptions o = kernCompileOptionsDefault();
 *   char *err = NULL;
 *   KernModule *m = kernCompile(c, text, strlen(text), &o, &err);
 *   if (!m) { fprintf(stderr, "%s", err); kernStringFree(err); }
 *   void (*f)(void **) = kernModuleLookup(m, "sum__kern_packed");
 *
 * Errors come back as text holding located diagnostics
 * ("loc: error: message"), never printed-and-exited. docs/abi.md describes
 * the entry points (`<name>__kern_packed`) and how to call them.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_C_COMPILER_H
#define KERN_C_COMPILER_H

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*--- Pipelines -----------------------------------------------------------*/

typedef struct KernPipelineOptions {
  bool parallel; /* kern.prange and array loops to OpenMP */
  bool fastmath; /* LLVM fast-math flags on floating-point ops */
} KernPipelineOptions;

/* Writes the textual pass pipeline (for mlirParsePassPipeline or
 * mlirOpPassManagerAddPipeline, anchored on builtin.module) that lowers kern
 * IR to the LLVM dialect. Returns the length it needs (snprintf-style). */
MLIR_CAPI_EXPORTED size_t kernCpuPipelineText(KernPipelineOptions options,
                                              char *buffer, size_t capacity);

/* kern-gpu-pipeline{chip=...}: kernels to PTX for `chip` (NULL: "sm_80"),
 * the host side to the LLVM dialect calling lib/Runtime/Cuda.c. */
MLIR_CAPI_EXPORTED size_t kernGpuPipelineText(const char *chip, char *buffer,
                                              size_t capacity);

/* Runs kern-gpu-pipeline{chip} on `module` up to `stage` and writes that
 * stage's text: "gpu" (kernels in gpu.module @kern_gpu), "nvvm" (the
 * gpu.module in the NVVM dialect), "ptx", "llvm" (the host module).
 * Diagnostics go to the context's handlers. */
MLIR_CAPI_EXPORTED MlirLogicalResult
kernGpuTranslateModule(MlirOperation module, const char *chip,
                       const char *stage, MlirStringCallback callback,
                       void *userData);

/*--- Compiling and running -----------------------------------------------*/

typedef struct KernCompiler KernCompiler; /* MLIR context, host target */
typedef struct KernModule KernModule;     /* JIT-loaded code of one module */

typedef struct KernCompileOptions {
  KernPipelineOptions pipeline;
  int optLevel;        /* LLVM optimisation level, 0..3 (default 3) */
  /* Bit set of the fast-math flags when pipeline.fastmath (KernFastMath*);
   * 0 means all of them. */
  unsigned fastmathFlags;
  bool keepStages;     /* keep the text of every stage for inspection */
  /* NULL: the CPU (kern-cpu-pipeline); else kern-gpu-pipeline for this
   * NVIDIA target ("sm_80"): kernels become PTX run by lib/Runtime/Cuda.c */
  const char *gpuChip;
} KernCompileOptions;

enum {
  KernFastMathNnan = 1, KernFastMathNinf = 2, KernFastMathNsz = 4,
  KernFastMathArcp = 8, KernFastMathContract = 16, KernFastMathAfn = 32,
  KernFastMathReassoc = 64,
};

MLIR_CAPI_EXPORTED KernCompileOptions kernCompileOptionsDefault(void);

/* A compiler for the host CPU. Thread-compatible: one compile at a time
 * per compiler; compilers on different threads are independent. Creating
 * one makes libkern_runtime's symbols global (a ctypes load opens it
 * RTLD_LOCAL) so that compiled code finds kern_rt_*; loading code opens
 * libmvec, libomp (/usr/lib/llvm-22/lib) and MLIR's runner utils
 * (memrefCopy) RTLD_GLOBAL when the object calls into them. */
MLIR_CAPI_EXPORTED KernCompiler *kernCompilerCreate(void);
MLIR_CAPI_EXPORTED void kernCompilerDestroy(KernCompiler *compiler);

/* Parses, verifies, lowers (kern-cpu-pipeline), optimises, generates object
 * code and loads it; `options` may be NULL (the defaults). On failure
 * returns NULL and sets *error to the diagnostics, one per line, and to
 * JIT link errors such as "Symbols not found: [ name ]" (free with
 * kernStringFree). */
MLIR_CAPI_EXPORTED KernModule *kernCompile(KernCompiler *compiler,
                                           const char *text, size_t length,
                                           const KernCompileOptions *options,
                                           char **error);

/* Loads object code produced by kernModuleGetObject (possibly by another
 * process: the cache). NULL and *error on a malformed object. */
MLIR_CAPI_EXPORTED KernModule *kernModuleLoadObject(KernCompiler *compiler,
                                                    const void *data,
                                                    size_t size, char **error);

/* Address of a function of the module, or NULL. */
MLIR_CAPI_EXPORTED void *kernModuleLookup(KernModule *module,
                                          const char *name);

/* The object code (ELF) of the module; valid while the module lives. */
MLIR_CAPI_EXPORTED void kernModuleGetObject(KernModule *module,
                                            const void **data, size_t *size);

/* Text of one stage when compiled with keepStages: "kern" (input),
 * "affine" (after convert-kern-to-affine), "llvm" (LLVM dialect),
 * "llvmir" (optimised LLVM IR), "asm" (host assembly). Kept always:
 * "diagnostics", the warnings and remarks of the compile (e.g. a loop left
 * sequential), one "file:line:col: remark: message" per line. NULL if
 * absent. */
MLIR_CAPI_EXPORTED const char *kernModuleGetStage(KernModule *module,
                                                  const char *stage);

/* Seconds spent in each stage of the compile, for `f.stats`: fills up to
 * `cap` (name, seconds) pairs and returns their number. Names: "parse",
 * "kern-passes", "lowering", "translate", "llvm-opt", "codegen", "jit". */
MLIR_CAPI_EXPORTED intptr_t kernModuleGetTimings(KernModule *module,
                                                 const char **names,
                                                 double *seconds,
                                                 intptr_t cap);

MLIR_CAPI_EXPORTED void kernModuleDestroy(KernModule *module);

/* Parses `text` and returns the text of one stage of kern-gpu-pipeline
 * (kernGpuTranslateModule's stages) for `chip` (free with kernStringFree);
 * NULL and *error (the diagnostics) on failure. */
MLIR_CAPI_EXPORTED char *kernGpuCompileStage(KernCompiler *compiler,
                                             const char *text, size_t length,
                                             const char *chip,
                                             const char *stage, char **error);

/*--- Ahead of time (kern-translate) --------------------------------------*/

typedef enum {
  KernEmitLLVMIR,   /* optimised LLVM IR, as text */
  KernEmitAssembly, /* host assembly, as text */
  KernEmitObject,   /* ELF object code */
} KernEmitKind;

/* Lowers `module` (a builtin.module of kern IR) in place with
 * kern-cpu-pipeline, generates code as kernCompile does, and writes it
 * through `callback`. Diagnostics go to the context's handlers. */
MLIR_CAPI_EXPORTED MlirLogicalResult
kernTranslateModule(MlirOperation module, const KernCompileOptions *options,
                    KernEmitKind kind, MlirStringCallback callback,
                    void *userData);
MLIR_CAPI_EXPORTED void kernStringFree(char *s);

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_COMPILER_H */
