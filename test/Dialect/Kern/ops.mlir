// RUN: kern-opt %s | kern-opt | FileCheck %s
// RUN: kern-opt %s --mlir-print-op-generic | kern-opt | FileCheck %s
// RUN: kern-opt %s --mlir-print-op-generic | kern-opt --mlir-print-op-generic | kern-opt | FileCheck %s

// Every kern op in every form it has: the custom syntax must print what it
// parses, and the generic form must come back to the same custom syntax.

//===----------------------------------------------------------------------===//
// kern.ufunc
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @ufunc_array_scalar
// CHECK-SAME:    (%[[X:.*]]: memref<?xf64>, %[[C:.*]]: f64)
// CHECK:         %[[R:.*]] = kern.ufunc(%[[X]], %[[C]] : memref<?xf64>, f64) {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: f64, %[[B:.*]]: f64):
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[A]], %[[B]] : f64
// CHECK-NEXT:      kern.yield %[[M]] : f64
// CHECK-NEXT:    } -> memref<?xf64>
// CHECK-NEXT:    return %[[R]]
func.func @ufunc_array_scalar(%x: memref<?xf64>, %c: f64) -> memref<?xf64> {
  %r = kern.ufunc(%x, %c : memref<?xf64>, f64) {
  ^bb0(%a: f64, %b: f64):
    %m = arith.mulf %a, %b : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// Broadcasting inputs of smaller rank; the result has the largest rank.
// CHECK-LABEL: func.func @ufunc_broadcasting
// CHECK:         kern.ufunc(%{{.*}}, %{{.*}} : memref<?x?xf32>, memref<?xf32>) {
// CHECK:         } -> memref<?x?xf32>
func.func @ufunc_broadcasting(%a: memref<?x?xf32>, %b: memref<?xf32>) -> memref<?x?xf32> {
  %r = kern.ufunc(%a, %b : memref<?x?xf32>, memref<?xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    kern.yield %s : f32
  } -> memref<?x?xf32>
  return %r : memref<?x?xf32>
}

// Several results of different element types (np.divmod-like, a comparison).
// CHECK-LABEL: func.func @ufunc_multi_result
// CHECK:         %[[R:.*]]:2 = kern.ufunc(%{{.*}}, %{{.*}} : memref<4x?xi64>, i64) {
// CHECK:           kern.yield %{{.*}}, %{{.*}} : i64, i1
// CHECK-NEXT:    } -> memref<4x?xi64>, memref<4x?xi1>
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @ufunc_multi_result(%a: memref<4x?xi64>, %d: i64) -> (memref<4x?xi64>, memref<4x?xi1>) {
  %q, %z = kern.ufunc(%a, %d : memref<4x?xi64>, i64) {
  ^bb0(%x: i64, %y: i64):
    %div = arith.floordivsi %x, %y : i64
    %c0 = arith.constant 0 : i64
    %iszero = arith.cmpi eq, %x, %c0 : i64
    kern.yield %div, %iszero : i64, i1
  } -> memref<4x?xi64>, memref<4x?xi1>
  return %q, %z : memref<4x?xi64>, memref<4x?xi1>
}

// The outs form writes into existing arrays and returns nothing.
// CHECK-LABEL: func.func @ufunc_outs
// CHECK:         kern.ufunc(%[[IN:.*]] : memref<?xf64>) outs(%[[OUT:.*]] : memref<?xf64, strided<[?], offset: ?>>) {
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f64):
// CHECK-NEXT:      %[[N:.*]] = math.sqrt %[[V]] : f64
// CHECK-NEXT:      kern.yield %[[N]] : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @ufunc_outs(%x: memref<?xf64>, %y: memref<?xf64, strided<[?], offset: ?>>) {
  kern.ufunc(%x : memref<?xf64>) outs(%y : memref<?xf64, strided<[?], offset: ?>>) {
  ^bb0(%v: f64):
    %n = math.sqrt %v : f64
    kern.yield %n : f64
  }
  return
}

// Several outs; a rank-0 input broadcasts to them.
// CHECK-LABEL: func.func @ufunc_outs_multi
// CHECK:         kern.ufunc(%{{.*}} : memref<f32>) outs(%{{.*}}, %{{.*}} : memref<?xf32>, memref<?xi32>) {
// CHECK:           kern.yield %{{.*}}, %{{.*}} : f32, i32
// CHECK-NEXT:    }
func.func @ufunc_outs_multi(%s: memref<f32>, %a: memref<?xf32>, %b: memref<?xi32>) {
  kern.ufunc(%s : memref<f32>) outs(%a, %b : memref<?xf32>, memref<?xi32>) {
  ^bb0(%v: f32):
    %i = arith.fptosi %v : f32 to i32
    kern.yield %v, %i : f32, i32
  }
  return
}

// Complex elements and a discardable attribute.
// CHECK-LABEL: func.func @ufunc_complex
// CHECK:         kern.ufunc(%{{.*}} : memref<?xcomplex<f64>>) {
// CHECK:           complex.abs
// CHECK:         } {kern.note = "abs"} -> memref<?xf64>
func.func @ufunc_complex(%z: memref<?xcomplex<f64>>) -> memref<?xf64> {
  %r = kern.ufunc(%z : memref<?xcomplex<f64>>) {
  ^bb0(%v: complex<f64>):
    %a = complex.abs %v : complex<f64>
    kern.yield %a : f64
  } {kern.note = "abs"} -> memref<?xf64>
  return %r : memref<?xf64>
}

//===----------------------------------------------------------------------===//
// kern.reduce
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reduce_kinds
// CHECK:         kern.reduce add(%[[X:.*]] : memref<?xf64>) : f64
// CHECK:         kern.reduce mul(%[[X]] : memref<?xf64>) : f64
// CHECK:         kern.reduce min(%[[I:.*]] : memref<?x?xi32>) : i32
// CHECK:         kern.reduce max(%[[I]] : memref<?x?xi32>) : i32
// CHECK:         kern.reduce add(%{{.*}} : memref<8xcomplex<f32>>) : complex<f32>
// CHECK:         kern.reduce max(%{{.*}} : memref<?xindex>) : index
func.func @reduce_kinds(%x: memref<?xf64>, %i: memref<?x?xi32>, %z: memref<8xcomplex<f32>>, %n: memref<?xindex>) {
  %0 = kern.reduce add(%x : memref<?xf64>) : f64
  %1 = kern.reduce mul(%x : memref<?xf64>) : f64
  %2 = kern.reduce min(%i : memref<?x?xi32>) : i32
  %3 = kern.reduce max(%i : memref<?x?xi32>) : i32
  %4 = kern.reduce add(%z : memref<8xcomplex<f32>>) : complex<f32>
  %5 = kern.reduce max(%n : memref<?xindex>) : index
  return
}

// Reducing along axes gives an array of the remaining dimensions; reducing
// every axis by name gives a scalar.
// CHECK-LABEL: func.func @reduce_axes
// CHECK:         kern.reduce add(%[[A:.*]] : memref<?x?x?xf32>) axes [1] : memref<?x?xf32>
// CHECK:         kern.reduce max(%[[A]] : memref<?x?x?xf32>) axes [0, 2] : memref<?xf32>
// CHECK:         kern.reduce min(%[[A]] : memref<?x?x?xf32>) axes [2, 0, 1] : f32
func.func @reduce_axes(%a: memref<?x?x?xf32>) -> (memref<?x?xf32>, memref<?xf32>, f32) {
  %0 = kern.reduce add(%a : memref<?x?x?xf32>) axes [1] : memref<?x?xf32>
  %1 = kern.reduce max(%a : memref<?x?x?xf32>) axes [0, 2] : memref<?xf32>
  %2 = kern.reduce min(%a : memref<?x?x?xf32>) axes [2, 0, 1] : f32
  return %0, %1, %2 : memref<?x?xf32>, memref<?xf32>, f32
}

// CHECK-LABEL: func.func @reduce_init
// CHECK:         kern.reduce mul(%{{.*}} : memref<?xi64>) init(%{{.*}} : i64) : i64
// CHECK:         kern.reduce add(%{{.*}} : memref<?x?xf64>) init(%{{.*}} : f64) axes [0] : memref<?xf64>
func.func @reduce_init(%x: memref<?xi64>, %y: memref<?x?xf64>, %one: i64, %z: f64) -> (i64, memref<?xf64>) {
  %0 = kern.reduce mul(%x : memref<?xi64>) init(%one : i64) : i64
  %1 = kern.reduce add(%y : memref<?x?xf64>) init(%z : f64) axes [0] : memref<?xf64>
  return %0, %1 : i64, memref<?xf64>
}

// np.sum(x**2): the map region computes the reduced value.
// CHECK-LABEL: func.func @reduce_map
// CHECK:         kern.reduce add(%{{.*}} : memref<?xf64>) map {
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f64):
// CHECK-NEXT:      %[[SQ:.*]] = arith.mulf %[[V]], %[[V]] : f64
// CHECK-NEXT:      kern.yield %[[SQ]] : f64
// CHECK-NEXT:    } : f64
func.func @reduce_map(%x: memref<?xf64>) -> f64 {
  %q = kern.reduce add(%x : memref<?xf64>) map {
  ^bb0(%v: f64):
    %sq = arith.mulf %v, %v : f64
    kern.yield %sq : f64
  } : f64
  return %q : f64
}

// np.dot-like: a map over two arrays and a scalar, with a different yielded
// element type (f32 inputs accumulated in f64).
// CHECK-LABEL: func.func @reduce_map_multi
// CHECK:         kern.reduce add(%{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>, memref<?xf32>, f32) axes [0] map {
// CHECK-NEXT:    ^bb0(%{{.*}}: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK:           kern.yield %{{.*}} : f64
// CHECK-NEXT:    } : f64
func.func @reduce_map_multi(%x: memref<?xf32>, %y: memref<?xf32>, %w: f32) -> f64 {
  %d = kern.reduce add(%x, %y, %w : memref<?xf32>, memref<?xf32>, f32) axes [0] map {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %p = arith.mulf %a, %b : f32
    %q = arith.mulf %p, %c : f32
    %e = arith.extf %q : f32 to f64
    kern.yield %e : f64
  } : f64
  return %d : f64
}

// A custom combiner, with and without init, with a map and along an axis.
// CHECK-LABEL: func.func @reduce_custom
// CHECK:         kern.reduce custom(%{{.*}} : memref<?xi32>) combine {
// CHECK-NEXT:    ^bb0(%[[L:.*]]: i32, %[[R:.*]]: i32):
// CHECK-NEXT:      %[[O:.*]] = arith.ori %[[L]], %[[R]] : i32
// CHECK-NEXT:      kern.yield %[[O]] : i32
// CHECK-NEXT:    } : i32
// CHECK:         kern.reduce custom(%{{.*}} : memref<?x?xf64>) init(%{{.*}} : f64) axes [1] map {
// CHECK:         } combine {
// CHECK:         } : memref<?xf64>
func.func @reduce_custom(%x: memref<?xi32>, %y: memref<?x?xf64>, %h: f64) -> (i32, memref<?xf64>) {
  %0 = kern.reduce custom(%x : memref<?xi32>) combine {
  ^bb0(%l: i32, %r: i32):
    %o = arith.ori %l, %r : i32
    kern.yield %o : i32
  } : i32
  %1 = kern.reduce custom(%y : memref<?x?xf64>) init(%h : f64) axes [1] map {
  ^bb0(%v: f64):
    %a = math.absf %v : f64
    kern.yield %a : f64
  } combine {
  ^bb0(%l: f64, %r: f64):
    %m = arith.maximumf %l, %r : f64
    kern.yield %m : f64
  } : memref<?xf64>
  return %0, %1 : i32, memref<?xf64>
}

//===----------------------------------------------------------------------===//
// kern.accumulate
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @accumulate
// CHECK:         kern.accumulate add(%[[X:.*]] : memref<?xf64>) axis 0 : memref<?xf64>
// CHECK:         kern.accumulate mul(%[[Y:.*]] : memref<?x?xi64>) axis 1 : memref<?x?xi64>
// CHECK:         kern.accumulate min(%[[Y]] : memref<?x?xi64>) axis 0 : memref<?x?xi64>
// CHECK:         kern.accumulate max(%[[X]] : memref<?xf64>) axis 0 {kern.note} : memref<?xf64>
// CHECK:         kern.accumulate custom(%[[X]] : memref<?xf64>) axis 0 combine {
// CHECK-NEXT:    ^bb0(%[[L:.*]]: f64, %[[R:.*]]: f64):
// CHECK-NEXT:      %[[H:.*]] = math.atan2 %[[L]], %[[R]] : f64
// CHECK-NEXT:      kern.yield %[[H]] : f64
// CHECK-NEXT:    } : memref<?xf64>
func.func @accumulate(%x: memref<?xf64>, %y: memref<?x?xi64>) {
  %0 = kern.accumulate add(%x : memref<?xf64>) axis 0 : memref<?xf64>
  %1 = kern.accumulate mul(%y : memref<?x?xi64>) axis 1 : memref<?x?xi64>
  %2 = kern.accumulate min(%y : memref<?x?xi64>) axis 0 : memref<?x?xi64>
  %3 = kern.accumulate max(%x : memref<?xf64>) axis 0 {kern.note} : memref<?xf64>
  %4 = kern.accumulate custom(%x : memref<?xf64>) axis 0 combine {
  ^bb0(%l: f64, %r: f64):
    %h = math.atan2 %l, %r : f64
    kern.yield %h : f64
  } : memref<?xf64>
  return
}

//===----------------------------------------------------------------------===//
// kern.broadcast
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @broadcast
// CHECK-SAME:    (%[[A:.*]]: memref<?xf64>, %[[S:.*]]: memref<1x?xf32>, %[[N:.*]]: index, %[[M:.*]]: index, %[[T:.*]]: memref<1x4xf32, strided<[8, 2], offset: 3>>)
// CHECK:         kern.broadcast %[[A]] to (%[[N]], %[[M]]) : memref<?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK:         kern.broadcast %[[S]] to (%[[N]], %[[N]], %[[M]]) : memref<1x?xf32> -> memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK:         kern.broadcast %[[S]] to (%[[N]], %[[M]]) : memref<1x?xf32> -> memref<5x?xf32, strided<[0, ?]>>
// CHECK:         kern.broadcast %[[T]] to (%[[N]], %[[N]], %[[N]]) : memref<1x4xf32, strided<[8, 2], offset: 3>> -> memref<2x5x4xf32, strided<[0, 0, 2], offset: 3>>
func.func @broadcast(%a: memref<?xf64>, %s: memref<1x?xf32>, %n: index, %m: index, %t: memref<1x4xf32, strided<[8, 2], offset: 3>>)
    -> (memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<5x?xf32, strided<[0, ?]>>, memref<2x5x4xf32, strided<[0, 0, 2], offset: 3>>) {
  %0 = kern.broadcast %a to (%n, %m) : memref<?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  %1 = kern.broadcast %s to (%n, %n, %m) : memref<1x?xf32> -> memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
  // Static strides where every execution has them: 0 on new dimensions and
  // on dimensions of size 1, the source's stride on the others.
  %2 = kern.broadcast %s to (%n, %m) : memref<1x?xf32> -> memref<5x?xf32, strided<[0, ?]>>
  %3 = kern.broadcast %t to (%n, %n, %n) : memref<1x4xf32, strided<[8, 2], offset: 3>> -> memref<2x5x4xf32, strided<[0, 0, 2], offset: 3>>
  return %0, %1, %2, %3 : memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<5x?xf32, strided<[0, ?]>>, memref<2x5x4xf32, strided<[0, 0, 2], offset: 3>>
}

//===----------------------------------------------------------------------===//
// kern.alloc
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @alloc
// CHECK:         kern.alloc(%[[N:.*]]) : memref<?xf64>
// CHECK:         kern.alloc(%[[N]], %[[M:.*]]) fill %[[Z:.*]] : f64 : memref<?x?xf64>
// CHECK:         kern.alloc() : memref<4x4xi32>
// CHECK:         kern.alloc() fill %[[T:.*]] : i1 : memref<16xi1>
// CHECK:         kern.alloc(%[[M]]) fill %[[Z]] : f64 : memref<3x?xf64>
// CHECK:         kern.alloc() : memref<complex<f32>>
func.func @alloc(%n: index, %m: index, %z: f64, %t: i1)
    -> (memref<?xf64>, memref<?x?xf64>, memref<4x4xi32>, memref<16xi1>, memref<3x?xf64>, memref<complex<f32>>) {
  %0 = kern.alloc(%n) : memref<?xf64>
  %1 = kern.alloc(%n, %m) fill %z : f64 : memref<?x?xf64>
  %2 = kern.alloc() : memref<4x4xi32>
  %3 = kern.alloc() fill %t : i1 : memref<16xi1>
  %4 = kern.alloc(%m) fill %z : f64 : memref<3x?xf64>
  %5 = kern.alloc() : memref<complex<f32>>
  return %0, %1, %2, %3, %4, %5 : memref<?xf64>, memref<?x?xf64>, memref<4x4xi32>, memref<16xi1>, memref<3x?xf64>, memref<complex<f32>>
}

//===----------------------------------------------------------------------===//
// kern.prange
//===----------------------------------------------------------------------===//

// No reduction variable: no results and no trailing type list.
// CHECK-LABEL: func.func @prange_plain
// CHECK:         kern.prange %[[I:.*]] = %[[LB:.*]] to %[[UB:.*]] step %[[ST:.*]] {
// CHECK-NEXT:      %[[V:.*]] = memref.load %{{.*}}[%[[I]]] : memref<?xf64>
// CHECK-NEXT:      memref.store %[[V]], %{{.*}}[%[[I]]] : memref<?xf64>
// CHECK-NEXT:      kern.yield
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @prange_plain(%x: memref<?xf64>, %y: memref<?xf64>, %lb: index, %ub: index, %st: index) {
  kern.prange %i = %lb to %ub step %st {
    %v = memref.load %x[%i] : memref<?xf64>
    memref.store %v, %y[%i] : memref<?xf64>
    kern.yield
  }
  return
}

// One float reduction.
// CHECK-LABEL: func.func @prange_sum
// CHECK:         %[[S:.*]] = kern.prange %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} reduce(add %[[ACC:.*]] = %{{.*}} : f64) {
// CHECK-NEXT:      %[[V:.*]] = memref.load %{{.*}}[%[[I]]] : memref<?xf64>
// CHECK-NEXT:      %[[T:.*]] = arith.addf %[[ACC]], %[[V]] : f64
// CHECK-NEXT:      kern.yield %[[T]] : f64
// CHECK-NEXT:    } : f64
// CHECK-NEXT:    return %[[S]] : f64
func.func @prange_sum(%x: memref<?xf64>, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %t = arith.addf %acc, %v : f64
    kern.yield %t : f64
  } : f64
  return %s : f64
}

// Several reductions of integer, index and float types and every kind, with
// a discardable attribute.
// CHECK-LABEL: func.func @prange_many
// CHECK:         %[[R:.*]]:4 = kern.prange %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} reduce(add %[[A:.*]] = %{{.*}} : i64, mul %[[B:.*]] = %{{.*}} : f32, min %[[C:.*]] = %{{.*}} : index, max %[[D:.*]] = %{{.*}} : i8) {
// CHECK:           kern.yield %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : i64, f32, index, i8
// CHECK-NEXT:    } {kern.schedule = "static"} : i64, f32, index, i8
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1, %[[R]]#2, %[[R]]#3
func.func @prange_many(%n: index, %a0: i64, %b0: f32, %c0: index, %d0: i8) -> (i64, f32, index, i8) {
  %lb = arith.constant 0 : index
  %st = arith.constant 2 : index
  %a, %b, %c, %d = kern.prange %i = %lb to %n step %st
      reduce(add %sa = %a0 : i64, mul %sb = %b0 : f32, min %sc = %c0 : index, max %sd = %d0 : i8) {
    %ii = arith.index_cast %i : index to i64
    %na = arith.addi %sa, %ii : i64
    %f = arith.sitofp %ii : i64 to f32
    %nb = arith.mulf %sb, %f : f32
    %nc = arith.minui %sc, %i : index
    %t = arith.trunci %ii : i64 to i8
    %nd = arith.maxsi %sd, %t : i8
    kern.yield %na, %nb, %nc, %nd : i64, f32, index, i8
  } {kern.schedule = "static"} : i64, f32, index, i8
  return %a, %b, %c, %d : i64, f32, index, i8
}

// Nested pranges and a complex reduction.
// CHECK-LABEL: func.func @prange_nested
// CHECK:         kern.prange %[[I:.*]] = {{.*}} reduce(add %[[O:.*]] = %{{.*}} : complex<f64>) {
// CHECK:           kern.prange %[[J:.*]] = {{.*}} reduce(add %[[IN:.*]] = %[[O]] : complex<f64>) {
// CHECK:             memref.load %{{.*}}[%[[I]], %[[J]]]
// CHECK:           } : complex<f64>
// CHECK:         } : complex<f64>
func.func @prange_nested(%m: memref<?x?xcomplex<f64>>, %n: index, %z: complex<f64>) -> complex<f64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = kern.prange %i = %c0 to %n step %c1 reduce(add %o = %z : complex<f64>) {
    %s = kern.prange %j = %c0 to %n step %c1 reduce(add %in = %o : complex<f64>) {
      %v = memref.load %m[%i, %j] : memref<?x?xcomplex<f64>>
      %t = complex.add %in, %v : complex<f64>
      kern.yield %t : complex<f64>
    } : complex<f64>
    kern.yield %s : complex<f64>
  } : complex<f64>
  return %r : complex<f64>
}

//===----------------------------------------------------------------------===//
// Runtime services: kern.random, kern.seed, kern.raise
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @random
// CHECK:         kern.random uniform : f32
// CHECK:         kern.random uniform : f64
// CHECK:         kern.random normal : f32
// CHECK:         kern.random normal : f64
// CHECK:         kern.random bits : i32
// CHECK:         kern.seed %{{.*}} : i64
// CHECK:         kern.seed %{{.*}} : i32
func.func @random(%s: i64, %t: i32) -> (f32, f64, f32, f64, i32) {
  %0 = kern.random uniform : f32
  %1 = kern.random uniform : f64
  %2 = kern.random normal : f32
  %3 = kern.random normal : f64
  %4 = kern.random bits : i32
  kern.seed %s : i64
  kern.seed %t : i32
  return %0, %1, %2, %3, %4 : f32, f64, f32, f64, i32
}

// CHECK-LABEL: func.func @raise
// CHECK:         kern.raise "ZeroDivisionError", "division by zero"
// CHECK-NEXT:    kern.raise "ValueError", "100%% sure"
// CHECK-NEXT:    kern.raise "IndexError", "index %d is out of bounds for axis %d with size %d"(%{{.*}}, %{{.*}}, %{{.*}} : i64, i32, index)
// CHECK-NEXT:    kern.raise "ValueError", "math domain error: %g"(%{{.*}} : f64)
// CHECK-NEXT:    kern.raise "AssertionError", "" {kern.line = 12 : i64}
// CHECK-NEXT:    kern.raise "ValueError", "('bad', %d, %u, %b, %g)"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : i64, i32, i1, f64) {args_repr}
// CHECK-NEXT:    kern.raise "Exception", "app.errors:Overflowing (%g,)"(%{{.*}} : f64) {args_repr}
// CHECK-NEXT:    kern.raise "ValueError", "('bad', %s)"(%{{.*}} : i64) {args_repr}
func.func @raise(%i: i64, %a: i32, %n: index, %x: f64, %c: i1) {
  kern.raise "ZeroDivisionError", "division by zero"
  kern.raise "ValueError", "100%% sure"
  kern.raise "IndexError", "index %d is out of bounds for axis %d with size %d"(%i, %a, %n : i64, i32, index)
  kern.raise "ValueError", "math domain error: %g"(%x : f64)
  kern.raise "AssertionError", "" {kern.line = 12 : i64}
  kern.raise "ValueError", "('bad', %d, %u, %b, %g)"(%i, %a, %c, %x : i64, i32, i1, f64) {args_repr}
  kern.raise "Exception", "app.errors:Overflowing (%g,)"(%x : f64) {args_repr}
  kern.raise "ValueError", "('bad', %s)"(%i : i64) {args_repr}
  return
}

// Every exception kind the runtime knows.
// CHECK-LABEL: func.func @raise_kinds
// CHECK-COUNT-9: kern.raise "{{[A-Za-z]+}}Error", "m"
func.func @raise_kinds() {
  kern.raise "ValueError", "m"
  kern.raise "IndexError", "m"
  kern.raise "ZeroDivisionError", "m"
  kern.raise "TypeError", "m"
  kern.raise "RuntimeError", "m"
  kern.raise "AssertionError", "m"
  kern.raise "OverflowError", "m"
  kern.raise "MemoryError", "m"
  kern.raise "NotImplementedError", "m"
  return
}

//===----------------------------------------------------------------------===//
// GPU: kern.grid, kern.gridsize, kern.launch, kern.shared_alloc, kern.barrier
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @axpy
// CHECK:         %[[I:.*]] = kern.grid x : index
// CHECK-NEXT:    kern.grid y : index
// CHECK-NEXT:    kern.grid z : index
// CHECK-NEXT:    kern.gridsize x : index
// CHECK-NEXT:    kern.gridsize y : index
// CHECK-NEXT:    kern.gridsize z : index
// CHECK-NEXT:    %[[SH:.*]] = kern.shared_alloc : memref<128xf32, 3>
// CHECK-NEXT:    kern.shared_alloc : memref<4x32xi32, #gpu.address_space<workgroup>>
// CHECK:         kern.barrier
func.func @axpy(%a: f32, %x: memref<?xf32>, %y: memref<?xf32>) {
  %i = kern.grid x : index
  %j = kern.grid y : index
  %k = kern.grid z : index
  %nx = kern.gridsize x : index
  %ny = kern.gridsize y : index
  %nz = kern.gridsize z : index
  %sh = kern.shared_alloc : memref<128xf32, 3>
  %sh2 = kern.shared_alloc : memref<4x32xi32, #gpu.address_space<workgroup>>
  %v = memref.load %x[%i] : memref<?xf32>
  %c0 = arith.constant 0 : index
  memref.store %v, %sh[%c0] : memref<128xf32, 3>
  kern.barrier
  %w = memref.load %sh[%c0] : memref<128xf32, 3>
  %p = arith.mulf %a, %w : f32
  memref.store %p, %y[%i] : memref<?xf32>
  return
}

func.func @nothing() {
  return
}

// CHECK-LABEL: func.func @launch
// CHECK:         kern.launch @axpy blocks(%[[BX:.*]], %[[C1:.*]], %[[C1]]) threads(%[[TX:.*]], %[[C1]], %[[C1]]) args(%{{.*}}, %{{.*}}, %{{.*}} : f32, memref<?xf32>, memref<?xf32>)
// CHECK-NEXT:    kern.launch @nothing blocks(%[[C1]], %[[C1]], %[[C1]]) threads(%[[C1]], %[[C1]], %[[C1]]){{$}}
// CHECK-NEXT:    kern.launch @nothing blocks(%[[C1]], %[[C1]], %[[C1]]) threads(%[[C1]], %[[C1]], %[[C1]]) {kern.stream = 0 : i64}
func.func @launch(%a: f32, %x: memref<?xf32>, %y: memref<?xf32>, %bx: index, %tx: index) {
  %c1 = arith.constant 1 : index
  kern.launch @axpy blocks(%bx, %c1, %c1) threads(%tx, %c1, %c1)
      args(%a, %x, %y : f32, memref<?xf32>, memref<?xf32>)
  kern.launch @nothing blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1)
  kern.launch @nothing blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1) {kern.stream = 0 : i64}
  return
}

// CHECK-LABEL: func.func @gpu_index_and_dynamic_shared
// CHECK:         kern.gpu_index thread_id x : index
// CHECK-NEXT:    kern.gpu_index block_id y : index
// CHECK-NEXT:    kern.gpu_index block_dim z : index
// CHECK-NEXT:    kern.gpu_index grid_dim x : index
// CHECK-NEXT:    kern.dynamic_shared : memref<?xf64, 3>
// CHECK:         kern.launch @nothing blocks(%{{.*}}, %{{.*}}, %{{.*}}) threads(%{{.*}}, %{{.*}}, %{{.*}}) shared(%{{.*}})
func.func @gpu_index_and_dynamic_shared(%c1: index) {
  %t = kern.gpu_index thread_id x : index
  %b = kern.gpu_index block_id y : index
  %d = kern.gpu_index block_dim z : index
  %g = kern.gpu_index grid_dim x : index
  %s = kern.dynamic_shared : memref<?xf64, 3>
  kern.launch @nothing blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1) shared(%c1)
  return
}

//===----------------------------------------------------------------------===//
// GPU: warps and block votes (kern.shuffle, kern.vote, kern.match,
// kern.active_mask, kern.warp_sync, kern.barrier_reduce)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @warp_ops
// CHECK:         kern.shuffle idx %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK:         kern.shuffle up %{{.*}}, %{{.*}}, %{{.*}} : i64
// CHECK:         kern.shuffle down %{{.*}}, %{{.*}}, %{{.*}} : f64
// CHECK:         kern.shuffle xor %{{.*}}, %{{.*}}, %{{.*}} : i32
// CHECK:         kern.vote ballot %{{.*}}, %{{.*}} : i32
// CHECK:         kern.vote all %{{.*}}, %{{.*}} : i1
// CHECK:         kern.vote any %{{.*}}, %{{.*}} : i1
// CHECK:         kern.match any %{{.*}}, %{{.*}} : f32
// CHECK:         kern.match all %{{.*}}, %{{.*}} : i64
// CHECK:         kern.active_mask : i32
// CHECK:         kern.warp_sync %{{.*}}
// CHECK:         kern.barrier_reduce popc %{{.*}} : i32
// CHECK:         kern.barrier_reduce and %{{.*}} : i32
// CHECK:         kern.barrier_reduce or %{{.*}} : i32
func.func @warp_ops(%f: f32, %l: i64, %d: f64, %i: i32, %m: i32, %p: i1)
    attributes {kern.kernel} {
  %0 = kern.shuffle idx %f, %i, %m : f32
  %1 = kern.shuffle up %l, %i, %m : i64
  %2 = kern.shuffle down %d, %i, %m : f64
  %3 = kern.shuffle xor %i, %i, %m : i32
  %4 = kern.vote ballot %m, %p : i32
  %5 = kern.vote all %m, %p : i1
  %6 = kern.vote any %m, %p : i1
  %7 = kern.match any %m, %f : f32
  %8 = kern.match all %m, %l : i64
  %9 = kern.active_mask : i32
  kern.warp_sync %9
  %10 = kern.barrier_reduce popc %i : i32
  %11 = kern.barrier_reduce and %i : i32
  %12 = kern.barrier_reduce or %i : i32
  return
}
