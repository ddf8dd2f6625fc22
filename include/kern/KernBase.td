//===- KernBase.td - kern dialect definition and enums -----*- tablegen -*-===//
//
// The kern dialect: array-level operations of a Numba-style compiler for
// numerical Python. Arrays are builtin memrefs (a NumPy array is a strided
// memref descriptor, no copy); scalars are builtin types.
//
//===----------------------------------------------------------------------===//

#ifndef KERN_BASE_TD
#define KERN_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"

def Kern_Dialect : Dialect {
  let name = "kern";
  let cppNamespace = "::mlir::kern";
  let summary = "Array-level operations of the kern numerical Python compiler";
  let description = [{
    The `kern` dialect is what the kern frontend emits for a Python function
    decorated with `@kern.njit`, `@kern.vectorize` or `@kern.cuda.jit`.
    Array expressions become `kern.ufunc` (elementwise, with NumPy
    broadcasting), reductions and scans become `kern.reduce` and
    `kern.accumulate`, `prange` loops become `kern.prange`. Ordinary control
    flow is `scf`, arithmetic is `arith`/`math`/`complex`, element access is
    `memref`. Arrays are builtin `memref`s with strided layouts.

    The passes `kern-broadcast`, `kern-fuse`, `convert-kern-to-affine`,
    `convert-kern-prange-to-scf` and `convert-kern-to-runtime` lower the dialect to loops
    and runtime calls; `kern-cpu-pipeline` reaches the LLVM dialect.
  }];
  // The scalar code inside kern regions: loading kern loads these, so that
  // C code can build kern op bodies in a fresh context.
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

class Kern_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kern_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Kern_ReductionKind : I32EnumAttr<"ReductionKind",
    "combiner of a reduction, a scan or a parallel loop variable", [
      I32EnumAttrCase<"add", 0>,
      I32EnumAttrCase<"mul", 1>,
      I32EnumAttrCase<"min", 2>,
      I32EnumAttrCase<"max", 3>,
      I32EnumAttrCase<"custom", 4>
    ]> {
  let cppNamespace = "::mlir::kern";
}

def Kern_Distribution : I32EnumAttr<"Distribution",
    "distribution of a random draw", [
      I32EnumAttrCase<"uniform", 0>,
      I32EnumAttrCase<"normal", 1>,
      I32EnumAttrCase<"bits", 2>
    ]> {
  let cppNamespace = "::mlir::kern";
}

def Kern_Dim : I32EnumAttr<"Dim", "a GPU grid dimension", [
      I32EnumAttrCase<"x", 0>,
      I32EnumAttrCase<"y", 1>,
      I32EnumAttrCase<"z", 2>
    ]> {
  let cppNamespace = "::mlir::kern";
}

def Kern_GpuIndex : I32EnumAttr<"GpuIndex",
    "which CUDA index register (threadIdx, blockIdx, blockDim, gridDim)", [
      I32EnumAttrCase<"thread_id", 0>,
      I32EnumAttrCase<"block_id", 1>,
      I32EnumAttrCase<"block_dim", 2>,
      I32EnumAttrCase<"grid_dim", 3>
    ]> {
  let cppNamespace = "::mlir::kern";
}

// Warp functions and block votes of kern.cuda (KernOps.td, "GPU: warps").
def Kern_ShuffleMode : I32EnumAttr<"ShuffleMode",
    "how kern.shuffle picks its source lane (gpu.shuffle's modes)", [
      I32EnumAttrCase<"idx", 0>,
      I32EnumAttrCase<"up", 1>,
      I32EnumAttrCase<"down", 2>,
      I32EnumAttrCase<"Xor", 3, "xor">
    ]> {
  let cppNamespace = "::mlir::kern";
}

def Kern_VoteMode : I32EnumAttr<"VoteMode",
    "a warp vote (nvvm.vote.sync's kinds)", [
      I32EnumAttrCase<"all", 4>,
      I32EnumAttrCase<"any", 5>,
      I32EnumAttrCase<"ballot", 6>
    ]> {
  let cppNamespace = "::mlir::kern";
}

def Kern_MatchMode : I32EnumAttr<"MatchMode",
    "a warp match (nvvm.match.sync's kinds)", [
      I32EnumAttrCase<"any", 7>,
      I32EnumAttrCase<"all", 8>
    ]> {
  let cppNamespace = "::mlir::kern";
}

def Kern_BarrierReduction : I32EnumAttr<"BarrierReduction",
    "the vote of a block barrier (nvvm.barrier's reductions)", [
      I32EnumAttrCase<"popc", 1>,
      I32EnumAttrCase<"And", 2, "and">,
      I32EnumAttrCase<"Or", 3, "or">
    ]> {
  let cppNamespace = "::mlir::kern";
}

#endif // KERN_BASE_TD
