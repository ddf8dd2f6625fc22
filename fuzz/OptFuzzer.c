/*===- OptFuzzer.c - libFuzzer target: kern-opt's parse, verify, passes ---===*
 *
 * What `kern-opt in.mlir --pass-pipeline=...` does, per fuzz input: parse,
 * verify, run one pipeline of kern passes, with the pass manager's verifier
 * after each pass. The pipeline is picked by a hash of the input among
 * kPipelines (so a reproducer always runs the same one), or named by
 * KERN_FUZZ_PIPELINE:
 *
 *   build-fuzz/bin/kern-fuzz-opt corpus/          # scripts/fuzz.sh does this
 *   KERN_FUZZ_PIPELINE='builtin.module(kern-fuse)' \
 *     build-fuzz/bin/kern-fuzz-opt crash-1234     # replay one input
 *
 *===----------------------------------------------------------------------===*/

#include "FuzzCommon.h"

#include "kern-c/Compiler.h"

#include "mlir-c/Pass.h"

#include <stdlib.h>

static const char *const kPipelines[] = {
    "", /* kern-cpu-pipeline, from kernCpuPipelineText */
    "builtin.module(kern-cpu-pipeline{parallel=1 fastmath=1})",
    "builtin.module(kern-canonicalize,kern-broadcast,kern-fuse,"
    "kern-canonicalize)",
    "builtin.module(func.func(kern-refine-layouts),kern-broadcast,"
    "func.func(convert-kern-to-affine))",
    "builtin.module(kern-broadcast,kern-fuse,func.func(convert-kern-to-affine,"
    "convert-kern-prange-to-scf),convert-kern-to-runtime)",
    "builtin.module(kern-packed-entry,kern-callback-entry,kern-fastmath)",
    "builtin.module(kern-test-memory-effects,kern-test-loop-analyses)",
};
enum { kNumPipelines = sizeof(kPipelines) / sizeof(kPipelines[0]) };

static void ignore(MlirStringRef s, void *userData) {}

static char *cpuPipeline(void) {
  KernPipelineOptions o = {false, false};
  size_t n = kernCpuPipelineText(o, NULL, 0);
  char *text = malloc(n + 1);
  kernCpuPipelineText(o, text, n + 1);
  return text;
}

static void runPipeline(MlirContext ctx, MlirModule m, const char *text) {
  MlirPassManager pm = mlirPassManagerCreateOnOperation(
      ctx, mlirStringRefCreateFromCString("builtin.module"));
  if (mlirLogicalResultIsSuccess(mlirParsePassPipeline(
          mlirPassManagerGetAsOpPassManager(pm),
          mlirStringRefCreateFromCString(text), ignore, NULL)))
    (void)mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(m));
  mlirPassManagerDestroy(pm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char *cpu;
  MlirContext ctx = kernFuzzContext();
  if (!cpu)
    cpu = cpuPipeline();
  MlirModule m = kernFuzzParse(ctx, data, size);
  if (mlirModuleIsNull(m))
    return 0;
  const char *text = getenv("KERN_FUZZ_PIPELINE");
  if (!text) {
    text = kPipelines[kernFuzzHash(data, size) % kNumPipelines];
    if (!*text)
      text = cpu;
  }
  runPipeline(ctx, m, text);
  mlirModuleDestroy(m);
  return 0;
}
