/*===- kern-c/Compiler.h - kern's compiler: pipelines, codegen, JIT --*- C -*-===*
 *
 * From kern IR text to callable machine code, all through the MLIR and LLVM
 * C APIs. Errors come back as located diagnostics, never printed-and-exited.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_C_COMPILER_H
#define KERN_C_COMPILER_H

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdbool.h>
#include <stddef.h>

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

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_COMPILER_H */
