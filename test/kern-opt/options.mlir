// kern-opt's driver options work with kern passes: --help lists them with
// their summaries, --mlir-timing times them, --mlir-print-ir-after-all
// prints the IR after each of them.

// RUN: kern-opt --help | FileCheck %s --check-prefix=HELP
// HELP: OVERVIEW: kern optimizer driver
// HELP: --convert-kern-prange-to-scf {{ *}}- Lower kern.prange
// HELP: --convert-kern-to-affine
// HELP: --convert-kern-to-gpu {{ *}}- Move kern kernels (kern.kernel) into a gpu.module
// HELP: --convert-kern-to-runtime {{ *}}- Lower kern.random, kern.seed and kern.raise
// HELP: --kern-broadcast
// HELP: --kern-canonicalize {{ *}}- Fold kern ops that do no work (identity ufuncs, broadcasts to the same shape)
// HELP: --kern-gpu-launch-to-runtime
// HELP: --kern-cpu-pipeline
// HELP: --kern-gpu-pipeline {{ *}}- Lower kern IR with kernels to PTX

// RUN: kern-opt %s --kern-canonicalize --mlir-timing 2>&1 >/dev/null | FileCheck %s --check-prefix=TIMING
// TIMING: Execution time report
// TIMING: Total Execution Time:
// TIMING: Parser
// TIMING-NEXT: KernCanonicalize
// TIMING-NEXT: Output
// TIMING: Total

// Nested under func.func in a pipeline, the timer shows the pass there too.
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-canonicalize),canonicalize)' --mlir-timing 2>&1 >/dev/null | FileCheck %s --check-prefix=TREE
// TREE: Execution time report
// TREE: 'func.func' Pipeline
// TREE-NEXT: KernCanonicalize
// TREE: Canonicalizer

// RUN: kern-opt %s --kern-canonicalize --canonicalize --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=AFTER
// AFTER: // -----// IR Dump After KernCanonicalize (kern-canonicalize) //----- //
// AFTER: func.func @identity
// AFTER-NOT: kern.ufunc
// AFTER: kern.reduce add(%arg0 : memref<?xf64>) : f64
// AFTER: // -----// IR Dump After Canonicalizer (canonicalize) //----- //
// AFTER: func.func @identity

// --mlir-print-ir-before shows the input of the pass.
// RUN: kern-opt %s --kern-canonicalize --mlir-print-ir-before=kern-canonicalize 2>&1 >/dev/null | FileCheck %s --check-prefix=BEFORE
// BEFORE: // -----// IR Dump Before KernCanonicalize (kern-canonicalize) //----- //
// BEFORE: kern.ufunc

func.func @identity(%x: memref<?xf64>) -> f64 {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}
