/*===- Warp.h - convert-kern-gpu-to-host: warps and block votes ----*- C -*-===*/

#ifndef KERN_CONVERSION_KERNGPUTOHOST_WARP_H
#define KERN_CONVERSION_KERNGPUTOHOST_WARP_H

#include "../../Support/Builder.h"

/* Whether `op` is one of the warp ops (kern.shuffle, kern.vote,
 * kern.match, kern.active_mask, kern.warp_sync) or kern.barrier_reduce. */
bool kernIsWarpOp(MlirOperation op);

/* Replaces the warp op `op` of a kernel by a call of the runtime (lib/
 * Runtime/CudaWarp.c) with the thread's context `ctx`; `site` numbers the
 * op in its kernel. */
void kernLowerWarpOp(MlirRewriterBase rw, MlirOperation op, MlirValue ctx,
                     int64_t site);

/* Declares the runtime functions the warp ops call. */
MlirLogicalResult kernDeclareWarpRuntime(MlirOperation module,
                                         MlirSymbolTable symbols,
                                         MlirLocation loc);

#endif
