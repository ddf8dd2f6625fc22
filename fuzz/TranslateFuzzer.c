/*===- TranslateFuzzer.c - libFuzzer target: kern-translate's path --------===*
 *
 * What `kern-translate --kern-to-llvmir in.mlir` does, per fuzz input:
 * parse, verify, kernTranslateModule (kern-cpu-pipeline, translation to
 * LLVM IR, host target, O1 optimisation: lower than kern-translate's O3 so
 * that more inputs run per second, the same code paths otherwise). Half of
 * the inputs (by hash) lower with parallel and fastmath on.
 *
 *   build-fuzz/bin/kern-fuzz-translate corpus/   # scripts/fuzz.sh does this
 *
 *===----------------------------------------------------------------------===*/

#include "FuzzCommon.h"

#include "kern-c/Compiler.h"

static void ignore(MlirStringRef s, void *userData) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MlirContext ctx = kernFuzzContext();
  MlirModule m = kernFuzzParse(ctx, data, size);
  if (mlirModuleIsNull(m))
    return 0;
  KernCompileOptions o = kernCompileOptionsDefault();
  o.optLevel = 1;
  if (kernFuzzHash(data, size) & 1) {
    o.pipeline.parallel = true;
    o.pipeline.fastmath = true;
  }
  (void)kernTranslateModule(mlirModuleGetOperation(m), &o, KernEmitLLVMIR,
                            ignore, NULL);
  mlirModuleDestroy(m);
  return 0;
}
