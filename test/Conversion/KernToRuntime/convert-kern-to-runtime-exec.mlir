// Runs lowered runtime calls against libkern_runtime: the same seed gives
// the same draws, uniform draws lie in [0, 1), a raise outside
// kernRuntimeCall returns (the error is recorded).
// mlir-runner cannot load an ASan build of libkern_runtime.so.
// UNSUPPORTED: kern-sanitize
// RUN: kern-opt %s --convert-kern-to-runtime --convert-scf-to-cf --finalize-memref-to-llvm --convert-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%kern_obj_root/lib/libkern_runtime.so \
// RUN: | FileCheck %s

llvm.func @printf(!llvm.ptr, ...) -> i32
llvm.mlir.global internal constant @fmt("same %d in-range %d normal-same %d f32 %d after-raise\0A\00") {addr_space = 0 : i32}

func.func @main() {
  %seed = arith.constant 1234 : i64
  kern.seed %seed : i64
  %a = kern.random uniform : f64
  %na = kern.random normal : f64
  kern.seed %seed : i64
  %b = kern.random uniform : f64
  %nb = kern.random normal : f64
  %f = kern.random uniform : f32
  %same = arith.cmpf oeq, %a, %b : f64
  %nsame = arith.cmpf oeq, %na, %nb : f64
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %ge = arith.cmpf oge, %a, %zero : f64
  %lt = arith.cmpf olt, %a, %one : f64
  %in = arith.andi %ge, %lt : i1
  %f0 = arith.constant 0.0 : f32
  %f1 = arith.constant 1.0 : f32
  %fge = arith.cmpf oge, %f, %f0 : f32
  %flt = arith.cmpf olt, %f, %f1 : f32
  %fin = arith.andi %fge, %flt : i1
  %i = arith.constant 7 : index
  kern.raise "IndexError", "index %d, value %g"(%i, %a : index, f64)
  %fmt = llvm.mlir.addressof @fmt : !llvm.ptr
  %s32 = arith.extui %same : i1 to i32
  %in32 = arith.extui %in : i1 to i32
  %n32 = arith.extui %nsame : i1 to i32
  %f32 = arith.extui %fin : i1 to i32
  // CHECK: same 1 in-range 1 normal-same 1 f32 1 after-raise
  llvm.call @printf(%fmt, %s32, %in32, %n32, %f32) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32, i32, i32, i32) -> i32
  return
}
