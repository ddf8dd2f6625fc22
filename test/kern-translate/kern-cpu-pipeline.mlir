// kern-cpu-pipeline's buffer handling: a returned argument comes back as a
// fresh copy from the runtime's allocator (the caller owns every returned buffer), temporaries
// are freed, no kern op survives, entries get packed wrappers.
// RUN: kern-opt %s --kern-cpu-pipeline | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(kern-cpu-pipeline{parallel=1 fastmath=1})' | FileCheck %s
// RUN: kern-opt %s --kern-cpu-pipeline | kern-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR
// RUN: kern-opt %s --pass-pipeline='builtin.module(kern-cpu-pipeline{fastmath=1})' | FileCheck %s --check-prefix=FAST
// RUN: kern-opt %s --kern-cpu-pipeline | FileCheck %s --check-prefix=STRICT

// FAST: llvm.intr.sin({{.*}}) {fastmathFlags = #llvm.fastmath<fast>}
// STRICT-NOT: fastmath

// CHECK-NOT: kern.
// CHECK-LABEL: llvm.func @ident(
// CHECK:         %[[BUF:.*]] = llvm.call @_mlir_memref_to_llvm_alloc(
// CHECK:         llvm.call @memrefCopy(
// CHECK-NOT:     llvm.call @_mlir_memref_to_llvm_free
// CHECK:         llvm.return
// CHECK-LABEL: llvm.func @ident__kern_packed(
#s = strided<[?], offset: ?>
func.func @ident(%x: memref<?xf64, #s>) -> memref<?xf64, #s> attributes {kern.entry} {
  return %x : memref<?xf64, #s>
}

// A temporary read by two reductions is not fused away; it is freed.
// CHECK-LABEL: llvm.func @twice(
// CHECK:         %[[T:.*]] = llvm.call @_mlir_memref_to_llvm_alloc(
// CHECK:         llvm.intr.sin
// CHECK:         llvm.call @_mlir_memref_to_llvm_free(%[[T]])
// CHECK:         llvm.return
// CHECK-LABEL: llvm.func @twice__kern_packed(
// CHECK-NOT: kern.
func.func @twice(%x: memref<?xf64, #s>) -> f64 attributes {kern.entry} {
  %t = kern.ufunc(%x : memref<?xf64, #s>) {
  ^bb0(%a: f64):
    %r = math.sin %a : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %p = kern.reduce add(%t : memref<?xf64>) : f64
  %q = kern.reduce max(%t : memref<?xf64>) : f64
  %s = arith.addf %p, %q : f64
  return %s : f64
}

// IR: define { ptr, ptr, i64, [1 x i64], [1 x i64] } @ident(
// IR: define void @ident__kern_packed(ptr
// IR: define double @twice(
// IR: define void @twice__kern_packed(ptr
