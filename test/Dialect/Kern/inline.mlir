// The kern dialect's ops are inlinable: MLIR's inliner moves a private
// callee's kern.ufunc into its caller (where kern-fuse then merges it
// with the caller's own), and kern-cpu-pipeline starts with `inline`.
// RUN: kern-opt %s --inline | FileCheck %s
// RUN: kern-opt %s --inline --kern-fuse | FileCheck %s --check-prefix=FUSED
// RUN: kern-opt %s --kern-cpu-pipeline | FileCheck %s --check-prefix=PIPE

#s = strided<[?], offset: ?>

func.func private @sq(%a: memref<?xf64, #s>) -> memref<?xf64> {
  %u = kern.ufunc(%a : memref<?xf64, #s>) {
  ^bb0(%x: f64):
    %y = arith.mulf %x, %x : f64
    kern.yield %y : f64
  } -> memref<?xf64>
  return %u : memref<?xf64>
}

// CHECK-NOT: func.func private @sq
// CHECK-LABEL: func.func @f(
// CHECK-NOT:     func.call
// CHECK:         %[[SQ:.*]] = kern.ufunc(%arg0 : memref<?xf64, strided<[?], offset: ?>>) {
// CHECK:           arith.mulf
// CHECK:         kern.ufunc(%[[SQ]], %arg1 :
// CHECK:           arith.addf

// FUSED-LABEL: func.func @f(
// FUSED:         kern.ufunc(%arg0, %arg1 :
// FUSED:           arith.mulf
// FUSED:           arith.addf
// FUSED-NOT:     kern.ufunc

// PIPE-NOT: llvm.func @sq
// PIPE-LABEL: llvm.func @f(
// PIPE-NOT: llvm.call @sq
// PIPE: llvm.fmul
// PIPE: llvm.fadd
func.func @f(%a: memref<?xf64, #s>, %b: memref<?xf64, #s>) -> memref<?xf64>
    attributes {kern.entry} {
  %c = func.call @sq(%a) : (memref<?xf64, #s>) -> memref<?xf64>
  %u = kern.ufunc(%c, %b : memref<?xf64>, memref<?xf64, #s>) {
  ^bb0(%x: f64, %y: f64):
    %z = arith.addf %x, %y : f64
    kern.yield %z : f64
  } -> memref<?xf64>
  return %u : memref<?xf64>
}
