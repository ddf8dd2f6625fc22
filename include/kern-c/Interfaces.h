/*===- kern-c/Interfaces.h - MLIR op interfaces for C code ---------*- C -*-===*
 *
 * The MLIR 22 C API has no access to the op interfaces that describe what an
 * op does to memory. These wrappers reach them, so that C analyses ask the
 * ops instead of keeping lists of op names:
 *
 *   MemoryEffectOpInterface   the reads, writes, allocations and frees an op
 *                             declares, each on a resource and maybe a value
 *   HasRecursiveMemoryEffects an op whose effects are its nested ops' (scf.for)
 *   ViewLikeOpInterface       the buffer a view-like op views
 *   CallOpInterface           the function a call calls
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_C_INTERFACES_H
#define KERN_C_INTERFACES_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum KernEffectKind {
  KernEffectRead,
  KernEffectWrite,
  KernEffectAllocate,
  KernEffectFree,
} KernEffectKind;

/* One effect as MemoryEffectOpInterface declares it. */
typedef struct KernMemoryEffect {
  KernEffectKind kind;
  MlirValue value; /* the value it is on; null: anything of the resource */
  bool defaultResource; /* MLIR's default resource: memory any pointer or
                           memref may reach */
  MlirStringRef resource; /* the resource's name ("<Default>", ...) */
} KernMemoryEffect;

typedef void (*KernMemoryEffectCallback)(const KernMemoryEffect *effect,
                                         void *userData);

/* Calls `callback` for each effect `op` declares. Returns false, calling
 * nothing, when `op` does not implement MemoryEffectOpInterface. */
MLIR_CAPI_EXPORTED bool
kernOperationForEachMemoryEffect(MlirOperation op,
                                 KernMemoryEffectCallback callback,
                                 void *userData);

/* `op` and the ops nested in it have no memory effects on any resource
 * (mlir::isMemoryEffectFree). */
MLIR_CAPI_EXPORTED bool kernOperationIsMemoryEffectFree(MlirOperation op);

/* `op` has the HasRecursiveMemoryEffects trait. */
MLIR_CAPI_EXPORTED bool kernOperationHasRecursiveMemoryEffects(MlirOperation op);

/* The source of a ViewLikeOpInterface op; null for other ops. */
MLIR_CAPI_EXPORTED MlirValue kernOperationGetViewSource(MlirOperation op);

/* The function a CallOpInterface op calls, looked up in the nearest symbol
 * table; null for other ops and for calls that do not resolve. */
MLIR_CAPI_EXPORTED MlirOperation kernOperationResolveCallee(MlirOperation op);

/* `op` has the IsTerminator trait. */
MLIR_CAPI_EXPORTED bool kernOperationIsTerminator(MlirOperation op);

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_INTERFACES_H */
