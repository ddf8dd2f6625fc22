/*===- Gpu.c - kern-gpu-pipeline's stages: kernels to PTX ------------------===*
 *
 * kern-translate --kern-to-ptx and kernel.inspect_ptx() / inspect_mlir():
 * runs the parts of kern-gpu-pipeline (lib/Compiler/Pipeline.c) up to the
 * stage asked for and writes its text:
 *
 *   "gpu"   after convert-kern-to-gpu (the kernels in gpu.module @kern_gpu)
 *   "nvvm"  the gpu.module in the NVVM dialect
 *   "ptx"   the PTX that gpu-module-to-binary made (for `chip`)
 *   "llvm"  the whole module in the LLVM dialect, launches calling
 *           lib/Runtime/Cuda.c
 *
 * Diagnostics go to the context's handlers.
 *
 *===----------------------------------------------------------------------===*/

#include "Internal.h"
#include "Pipeline.h"

#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"

#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static MlirLogicalResult runPart(MlirOperation module, const char *chip,
                                 KernGpuPipelinePart part) {
  MlirContext ctx = mlirOperationGetContext(module);
  if (part == KernGpuBinary) /* gpu-module-to-binary translates the NVVM */
    mlirRegisterAllLLVMTranslations(ctx);
  size_t n = kernGpuPipelinePartText(chip, part, NULL, 0);
  char *text = malloc(n + 17);
  memcpy(text, "builtin.module(", 15);
  kernGpuPipelinePartText(chip, part, text + 15, n + 1);
  memcpy(text + 15 + n, ")", 2);
  MlirPassManager pm = mlirPassManagerCreateOnOperation(ctx, str("builtin.module"));
  KernText errors = {0};
  MlirLogicalResult r = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm), str(text), kernTextAppendCallback,
      &errors);
  free(text);
  if (mlirLogicalResultIsFailure(r))
    mlirEmitError(mlirOperationGetLocation(module),
                  errors.data ? errors.data : "kern-gpu-pipeline: bad pipeline");
  else
    r = mlirPassManagerRunOnOp(pm, module);
  kernTextFree(&errors);
  mlirPassManagerDestroy(pm);
  return r;
}

static MlirOperation findOp(MlirOperation module, const char *name) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
    if (n.length == strlen(name) && memcmp(n.data, name, n.length) == 0)
      return op;
  }
  return (MlirOperation){NULL};
}

MlirLogicalResult kernGpuTranslateModule(MlirOperation module,
                                         const char *chip, const char *stage,
                                         MlirStringCallback callback,
                                         void *userData) {
  kernRegisterPipelinePasses();
  MlirContext ctx = mlirOperationGetContext(module);
  mlirContextGetOrLoadDialect(ctx, str("func"));
  int last = strcmp(stage, "gpu") == 0    ? KernGpuKernPasses
             : strcmp(stage, "nvvm") == 0 ? KernGpuDevice
             : strcmp(stage, "ptx") == 0  ? KernGpuBinary
             : strcmp(stage, "llvm") == 0 ? KernGpuHost
                                          : -1;
  if (last < 0) {
    mlirEmitError(mlirOperationGetLocation(module),
                  "kern-gpu-pipeline: unknown stage (expected gpu, nvvm, ptx "
                  "or llvm)");
    return mlirLogicalResultFailure();
  }
  for (int part = 0; part <= last; ++part)
    if (mlirLogicalResultIsFailure(
            runPart(module, chip, (KernGpuPipelinePart)part)))
      return mlirLogicalResultFailure();
  if (last == KernGpuDevice) {
    MlirOperation gpu = findOp(module, "gpu.module");
    mlirOperationPrint(mlirOperationIsNull(gpu) ? module : gpu, callback,
                       userData);
    return mlirLogicalResultSuccess();
  }
  if (last != KernGpuBinary) {
    mlirOperationPrint(module, callback, userData);
    return mlirLogicalResultSuccess();
  }
  MlirOperation bin = findOp(module, "gpu.binary");
  if (mlirOperationIsNull(bin)) {
    mlirEmitError(mlirOperationGetLocation(module),
                  "kern-to-ptx: the module has no kernel (a func.func with "
                  "kern.kernel)");
    return mlirLogicalResultFailure();
  }
  MlirAttribute objects = mlirOperationGetAttributeByName(bin, str("objects"));
  MlirAttribute obj = mlirArrayAttrGetElement(objects, 0);
  callback(mlirGPUObjectAttrGetObject(obj), userData);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult kernGpuRunPipeline(MlirOperation module, const char *chip) {
  kernRegisterPipelinePasses();
  for (int part = 0; part <= KernGpuHost; ++part)
    if (mlirLogicalResultIsFailure(
            runPart(module, chip, (KernGpuPipelinePart)part)))
      return mlirLogicalResultFailure();
  return mlirLogicalResultSuccess();
}
