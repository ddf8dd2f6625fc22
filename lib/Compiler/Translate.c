/*===- Translate.c - kern IR to LLVM IR, assembly or object code -----------===*
 *
 * kern-translate's --kern-to-llvmir / --kern-to-asm / --kern-to-obj: the
 * compile of kernCompile without the JIT, writing the result out. MLIR
 * diagnostics go to the context's handlers (kern-translate prints them and
 * supports -verify-diagnostics); LLVM's errors become errors located at the
 * module.
 *
 *===----------------------------------------------------------------------===*/

#include "Internal.h"
#include "Pipeline.h"

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "mlir-c/Target/LLVMIR.h"

#include <stdlib.h>
#include <string.h>

static MlirLogicalResult failWith(MlirOperation module, KernText *message) {
  mlirEmitError(mlirOperationGetLocation(module),
                message->data ? message->data : "code generation failed");
  kernTextFree(message);
  return mlirLogicalResultFailure();
}

static MlirLogicalResult lower(MlirOperation module,
                               const KernCompileOptions *o) {
  MlirContext ctx = mlirOperationGetContext(module);
  kernRegisterPipelinePasses();
  /* func.func anchors passes of the pipeline (see kernCompilerCreate). */
  mlirContextGetOrLoadDialect(ctx, mlirStringRefCreateFromCString("func"));
  KernPipelineOptions options = kernPipelineOptionsFor(o);
  size_t n = kernCpuPipelineText(options, NULL, 0);
  char *text = malloc(n + 1);
  kernCpuPipelineText(options, text, n + 1);
  MlirPassManager pm = mlirPassManagerCreateOnOperation(
      ctx, mlirStringRefCreateFromCString("builtin.module"));
  KernText errors = {0};
  MlirLogicalResult result = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(text), kernTextAppendCallback, &errors);
  free(text);
  if (mlirLogicalResultIsFailure(result))
    failWith(module, &errors);
  else
    result = mlirPassManagerRunOnOp(pm, module);
  mlirPassManagerDestroy(pm);
  return result;
}

static MlirLogicalResult emit(MlirOperation module, LLVMModuleRef llvmModule,
                              LLVMTargetMachineRef machine,
                              const KernCompileOptions *o, KernEmitKind kind,
                              MlirStringCallback callback, void *userData) {
  KernText errors = {0};
  kernSetHostTarget(llvmModule, machine);
  if (o->pipeline.fastmath)
    kernApplyFastMath(llvmModule, o->fastmathFlags);
  LLVMErrorRef err = kernLLVMOptimizeModule(llvmModule, machine, o->optLevel);
  if (err) {
    kernTextAppendLLVMError(&errors, err);
    return failWith(module, &errors);
  }
  if (kind == KernEmitLLVMIR) {
    char *ir = LLVMPrintModuleToString(llvmModule);
    callback(mlirStringRefCreateFromCString(ir), userData);
    LLVMDisposeMessage(ir);
    return mlirLogicalResultSuccess();
  }
  LLVMMemoryBufferRef out = kernEmit(
      machine, llvmModule,
      kind == KernEmitAssembly ? LLVMAssemblyFile : LLVMObjectFile, &errors);
  if (!out)
    return failWith(module, &errors);
  callback((MlirStringRef){.data = LLVMGetBufferStart(out),
                           .length = LLVMGetBufferSize(out)},
           userData);
  LLVMDisposeMemoryBuffer(out);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult kernTranslateModule(MlirOperation module,
                                      const KernCompileOptions *options,
                                      KernEmitKind kind,
                                      MlirStringCallback callback,
                                      void *userData) {
  KernCompileOptions o = options ? *options : kernCompileOptionsDefault();
  if (mlirLogicalResultIsFailure(lower(module, &o)))
    return mlirLogicalResultFailure();
  KernText errors = {0};
  LLVMTargetMachineRef machine =
      kernCreateHostTargetMachine(o.optLevel, &errors);
  if (!machine)
    return failWith(module, &errors);
  mlirRegisterAllLLVMTranslations(mlirOperationGetContext(module));
  LLVMContextRef llvmCtx = LLVMContextCreate();
  LLVMModuleRef llvmModule = mlirTranslateModuleToLLVMIR(module, llvmCtx);
  MlirLogicalResult result = mlirLogicalResultFailure();
  if (llvmModule) {
    result = emit(module, llvmModule, machine, &o, kind, callback, userData);
    LLVMDisposeModule(llvmModule);
  }
  LLVMContextDispose(llvmCtx);
  LLVMDisposeTargetMachine(machine);
  return result;
}
