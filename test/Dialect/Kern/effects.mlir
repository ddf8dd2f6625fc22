// RUN: kern-opt %s --canonicalize --cse | FileCheck %s

// Array ops declare their memory effects: a ufunc writing outs stays, two
// reductions separated by a store stay two, unused ones are erased.

// CHECK-LABEL: func.func @w
// CHECK: kern.ufunc
// CHECK-SAME: outs(
func.func @w(%x: memref<?xf64>, %o: memref<?xf64>) {
  kern.ufunc(%x : memref<?xf64>) outs(%o : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  }
  return
}

// CHECK-LABEL: func.func @cse
// CHECK: kern.reduce
// CHECK: memref.store
// CHECK: kern.reduce
func.func @cse(%x: memref<?xf64>, %v: f64) -> (f64, f64) {
  %s = kern.reduce add(%x : memref<?xf64>) : f64
  %c0 = arith.constant 0 : index
  memref.store %v, %x[%c0] : memref<?xf64>
  %t = kern.reduce add(%x : memref<?xf64>) : f64
  return %s, %t : f64, f64
}

// CHECK-LABEL: func.func @dead
// CHECK-NEXT: return
func.func @dead(%x: memref<?xf64>) {
  %s = kern.reduce add(%x : memref<?xf64>) : f64
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return
}
