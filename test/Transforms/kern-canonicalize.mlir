// RUN: kern-opt %s --kern-canonicalize --split-input-file | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-canonicalize))' --split-input-file | FileCheck %s

// An identity ufunc whose input and result are only read folds away.
// CHECK-LABEL: func.func @identity_copy
// CHECK-NOT: kern.ufunc
// CHECK: %[[S:.*]] = kern.reduce add(%arg0 : memref<?xf64>) : f64
// CHECK: return %[[S]]
func.func @identity_copy(%x: memref<?xf64>) -> f64 {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}

// -----

// A copy that is returned is observable (the caller may write it): kept.
// CHECK-LABEL: func.func @returned_copy
// CHECK: kern.ufunc
func.func @returned_copy(%x: memref<?xf64>) -> memref<?xf64> {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return %y : memref<?xf64>
}

// -----

// A copy whose input is written afterwards is kept.
// CHECK-LABEL: func.func @input_written
// CHECK: kern.ufunc
func.func @input_written(%x: memref<?xf64>, %v: f64) -> f64 {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  %c0 = arith.constant 0 : index
  memref.store %v, %x[%c0] : memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}

// -----

// A body that computes something is not an identity.
// CHECK-LABEL: func.func @not_identity
// CHECK: kern.ufunc
// CHECK: arith.negf
func.func @not_identity(%x: memref<?xf64>) -> f64 {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %n = arith.negf %a : f64
    kern.yield %n : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}

// -----

// Broadcasting an array to its own sizes is a cast.
// CHECK-LABEL: func.func @self_broadcast
// CHECK-NOT: kern.broadcast
// CHECK: memref.cast %arg0 : memref<?x?xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
func.func @self_broadcast(%a: memref<?x?xf64>) -> memref<?x?xf64, strided<[?, ?], offset: ?>> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = memref.dim %a, %c0 : memref<?x?xf64>
  %d1 = memref.dim %a, %c1 : memref<?x?xf64>
  %v = kern.broadcast %a to (%d0, %d1) : memref<?x?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  return %v : memref<?x?xf64, strided<[?, ?], offset: ?>>
}

// -----

// Broadcasting to other sizes is real work: kept.
// CHECK-LABEL: func.func @real_broadcast
// CHECK: kern.broadcast
func.func @real_broadcast(%a: memref<?xf64>, %n: index) -> memref<?x?xf64, strided<[?, ?], offset: ?>> {
  %c0 = arith.constant 0 : index
  %d0 = memref.dim %a, %c0 : memref<?xf64>
  %v = kern.broadcast %a to (%n, %d0) : memref<?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  return %v : memref<?x?xf64, strided<[?, ?], offset: ?>>
}

// -----

// A view whose static strides differ from the source's (stride 0 on a
// size-1 dimension) is not a cast of the source: kept.
// CHECK-LABEL: func.func @size_one_view
// CHECK: kern.broadcast
func.func @size_one_view(%a: memref<1xf64>) -> memref<?xf64, strided<[0]>> {
  %c0 = arith.constant 0 : index
  %d = memref.dim %a, %c0 : memref<1xf64>
  %v = kern.broadcast %a to (%d) : memref<1xf64> -> memref<?xf64, strided<[0]>>
  return %v : memref<?xf64, strided<[0]>>
}

// -----

// Broadcasting a 17-D array to its own sizes is a cast too (layouts of
// any rank are compared).
// CHECK-LABEL: func.func @self_broadcast_17d
// CHECK-NOT: kern.broadcast
// CHECK: memref.cast %arg0 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64> to memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64, strided<[?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?], offset: ?>>
func.func @self_broadcast_17d(%a: memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>) -> memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64, strided<[?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?], offset: ?>> {
  %c0 = arith.constant 0 : index
  %d0 = memref.dim %a, %c0 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c1 = arith.constant 1 : index
  %d1 = memref.dim %a, %c1 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c2 = arith.constant 2 : index
  %d2 = memref.dim %a, %c2 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c3 = arith.constant 3 : index
  %d3 = memref.dim %a, %c3 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c4 = arith.constant 4 : index
  %d4 = memref.dim %a, %c4 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c5 = arith.constant 5 : index
  %d5 = memref.dim %a, %c5 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c6 = arith.constant 6 : index
  %d6 = memref.dim %a, %c6 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c7 = arith.constant 7 : index
  %d7 = memref.dim %a, %c7 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c8 = arith.constant 8 : index
  %d8 = memref.dim %a, %c8 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c9 = arith.constant 9 : index
  %d9 = memref.dim %a, %c9 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c10 = arith.constant 10 : index
  %d10 = memref.dim %a, %c10 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c11 = arith.constant 11 : index
  %d11 = memref.dim %a, %c11 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c12 = arith.constant 12 : index
  %d12 = memref.dim %a, %c12 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c13 = arith.constant 13 : index
  %d13 = memref.dim %a, %c13 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c14 = arith.constant 14 : index
  %d14 = memref.dim %a, %c14 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c15 = arith.constant 15 : index
  %d15 = memref.dim %a, %c15 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %c16 = arith.constant 16 : index
  %d16 = memref.dim %a, %c16 : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  %v = kern.broadcast %a to (%d0, %d1, %d2, %d3, %d4, %d5, %d6, %d7, %d8, %d9, %d10, %d11, %d12, %d13, %d14, %d15, %d16) : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64> -> memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64, strided<[?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?], offset: ?>>
  return %v : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64, strided<[?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?], offset: ?>>
}
