/*===- KernToGPU.h - convert-kern-to-gpu's pieces (private) ------*- C -*-===*
 *
 * The pass (KernToGPU.c) and the lowerings of the ops that have their own
 * file (Calls.c: warp ops, C math calls, print).
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_CONVERSION_KERNTOGPU_H
#define KERN_CONVERSION_KERNTOGPU_H

#include "../../Support/Builder.h"
#include "../../Support/Vec.h"

#include <stdbool.h>

typedef struct Lowering {
  MlirOperation module;
  MlirContext ctx;
  MlirSymbolTable symbols;
  MlirRewriterBase rw;
  MlirOperation gpuModule;
  MlirSymbolTable gpuSymbols;
  KernOpVec kernels;  /* func.func with kern.kernel */
  KernOpVec ops;      /* GPU ops anywhere */
  KernOpVec launches; /* kern.launch */
  int sharedCount;
} Lowering;

/* KernToGPU.c */
MlirAttribute kernToGpuParseAttr(MlirContext ctx, const char *text);
int64_t kernToGpuIntAttr(MlirOperation op, const char *name);
void kernToGpuReplace(Lowering *l, MlirOperation op, MlirValue v);
MlirLogicalResult kernToGpuBadOp(MlirOperation op);

/* Calls.c */
bool kernToGpuIsLibdevice(MlirStringRef name);
MlirLogicalResult kernToGpuLowerWarpOp(Lowering *l, MlirOperation op);
MlirLogicalResult kernToGpuLowerLibmCall(Lowering *l, MlirOperation call);
MlirLogicalResult kernToGpuLowerPrints(Lowering *l, KernOpVec *prints);

#endif /* KERN_CONVERSION_KERNTOGPU_H */
