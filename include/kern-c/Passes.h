/*===- kern-c/Passes.h - kern passes for C code ----------------------*- C -*-===*
 *
 * Factories of every kern pass (one C file each under lib/Transforms and
 * lib/Conversion) and their registration into MLIR's global registry, so
 * `kern-opt --kern-fuse` and `--pass-pipeline='...(kern-fuse)'` find them.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_C_PASSES_H
#define KERN_C_PASSES_H

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KERN_PASS(Name) MLIR_CAPI_EXPORTED MlirPass kernCreate##Name##Pass(void);
#include "kern-c/Passes.def"
#undef KERN_PASS

/* Registers every kern pass and named pipeline in the global registry.
 * Idempotent. */
MLIR_CAPI_EXPORTED void kernRegisterPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_PASSES_H */
