// RUN: kern-opt %s --convert-kern-to-affine --split-input-file --allow-unregistered-dialect | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(convert-kern-to-affine))' --split-input-file --allow-unregistered-dialect | FileCheck %s

// 1-D ufunc with a scalar operand: alloc sized by memref.dim, one affine.for.
// CHECK-LABEL: func.func @ufunc_1d
// CHECK-SAME: (%[[X:.*]]: memref<?xf64>, %[[C:.*]]: f64)
// CHECK: %[[N:.*]] = memref.dim %[[X]], %{{.*}} : memref<?xf64>
// CHECK: %[[R:.*]] = memref.alloc(%[[N]]) : memref<?xf64>
// CHECK: affine.for %[[I:.*]] = 0 to %[[N]] {
// CHECK:   %[[A:.*]] = affine.load %[[X]][%[[I]]] : memref<?xf64>
// CHECK:   %[[S:.*]] = arith.mulf %[[A]], %[[C]] : f64
// CHECK:   affine.store %[[S]], %[[R]][%[[I]]] : memref<?xf64>
// CHECK: }
// CHECK: return %[[R]]
// CHECK-NOT: kern.
func.func @ufunc_1d(%x: memref<?xf64>, %c: f64) -> memref<?xf64> {
  %r = kern.ufunc(%x, %c : memref<?xf64>, f64) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.mulf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

// 2-D over a strided input, two results; innermost loop is the last dim.
// CHECK-LABEL: func.func @ufunc_2d_strided
// CHECK-SAME: (%[[X:[^:]*]]: memref<?x?xf32, strided<[?, ?], offset: ?>>, %[[Y:[^:]*]]: memref<?x?xf32>)
// CHECK-DAG: %[[N:.*]] = memref.dim %[[X]], %c0
// CHECK-DAG: %[[M:.*]] = memref.dim %[[X]], %c1
// CHECK: %[[R0:.*]] = memref.alloc(%[[N]], %[[M]]) : memref<?x?xf32>
// CHECK: %[[R1:.*]] = memref.alloc(%[[N]], %[[M]]) : memref<?x?xi1>
// CHECK: affine.for %[[I:.*]] = 0 to %[[N]] {
// CHECK:   affine.for %[[J:.*]] = 0 to %[[M]] {
// CHECK:     %[[A:.*]] = affine.load %[[X]][%[[I]], %[[J]]] : memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK:     %[[B:.*]] = affine.load %[[Y]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK:     %[[S:.*]] = arith.addf %[[A]], %[[B]]
// CHECK:     %[[L:.*]] = arith.cmpf olt, %[[A]], %[[B]]
// CHECK:     affine.store %[[S]], %[[R0]][%[[I]], %[[J]]]
// CHECK:     affine.store %[[L]], %[[R1]][%[[I]], %[[J]]]
// CHECK: return %[[R0]], %[[R1]]
func.func @ufunc_2d_strided(%x: memref<?x?xf32, strided<[?, ?], offset: ?>>, %y: memref<?x?xf32>) -> (memref<?x?xf32>, memref<?x?xi1>) {
  %r:2 = kern.ufunc(%x, %y : memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    %l = arith.cmpf olt, %a, %b : f32
    kern.yield %s, %l : f32, i1
  } -> memref<?x?xf32>, memref<?x?xi1>
  return %r#0, %r#1 : memref<?x?xf32>, memref<?x?xi1>
}

// -----

// Static shapes give constant bounds; `outs` are written in place. Two
// arguments may be views of one buffer: the input is copied first when, at
// run time, its bytes overlap the out's and it is not the same view.
// CHECK-LABEL: func.func @ufunc_outs
// CHECK-SAME: (%[[X:[^:]*]]: memref<4x8xi64>, %[[O:[^:]*]]: memref<4x8xi64, strided<[16, 2]>>)
// CHECK-DAG: %[[OP:.*]] = memref.extract_aligned_pointer_as_index %[[O]]
// CHECK-DAG: %[[XP:.*]] = memref.extract_aligned_pointer_as_index %[[X]]
// CHECK: %[[SAMEBASE:.*]] = arith.cmpi eq, %[[XP]], %[[OP]] : index
// CHECK: %[[R:.*]] = scf.if %{{.*}} -> (memref<4x8xi64>) {
// CHECK:   %[[COPY:.*]] = memref.alloc() : memref<4x8xi64>
// CHECK:   scf.for %[[CI:.*]] = %{{.*}} to %{{.*}} step
// CHECK:     scf.for %[[CJ:.*]] = %{{.*}} to %{{.*}} step
// CHECK:       %[[E:.*]] = memref.load %[[X]][%[[CI]], %[[CJ]]]
// CHECK:       memref.store %[[E]], %[[COPY]][%[[CI]], %[[CJ]]]
// CHECK:   scf.yield %[[COPY]] : memref<4x8xi64>
// CHECK: } else {
// CHECK:   scf.yield %[[X]] : memref<4x8xi64>
// CHECK: affine.for %[[I:.*]] = 0 to 4 {
// CHECK:   affine.for %[[J:.*]] = 0 to 8 {
// CHECK:     %[[A:.*]] = affine.load %[[R]][%[[I]], %[[J]]]
// CHECK:     %[[S:.*]] = arith.addi %[[A]], %[[A]] : i64
// CHECK:     affine.store %[[S]], %[[O]][%[[I]], %[[J]]] : memref<4x8xi64, strided<[16, 2]>>
func.func @ufunc_outs(%x: memref<4x8xi64>, %o: memref<4x8xi64, strided<[16, 2]>>) {
  kern.ufunc(%x : memref<4x8xi64>) outs(%o : memref<4x8xi64, strided<[16, 2]>>) {
  ^bb0(%a: i64):
    %s = arith.addi %a, %a : i64
    kern.yield %s : i64
  }
  return
}

// -----

// An input from a buffer this function allocated cannot overlap an argument
// out; the very same view as the out is read in place: no run-time check.
// A strided input that may overlap is read through the fully dynamic type
// (the copy has the identity layout).
// CHECK-LABEL: func.func @ufunc_outs_fresh
// CHECK-SAME: (%[[N:[^:]*]]: index, %[[O:[^:]*]]: memref<?xf32, strided<[?], offset: ?>>, %[[V:[^:]*]]: memref<?xf32, strided<[2]>>)
// CHECK: %[[T:.*]] = memref.alloc
// CHECK-NOT: scf.if
// CHECK: affine.for %[[I:.*]] = 0 to %{{.*}} {
// CHECK:   affine.load %[[T]][%[[I]]]
// CHECK:   affine.load %[[O]][%[[I]]]
// CHECK: %[[R:.*]] = scf.if %{{.*}} -> (memref<?xf32, strided<[?], offset: ?>>) {
// CHECK:   %[[COPY:.*]] = memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK:   %[[C:.*]] = memref.cast %[[COPY]] : memref<?xf32> to memref<?xf32, strided<[?], offset: ?>>
// CHECK:   scf.yield %[[C]]
// CHECK: } else {
// CHECK:   %[[C2:.*]] = memref.cast %[[V]] : memref<?xf32, strided<[2]>> to memref<?xf32, strided<[?], offset: ?>>
// CHECK:   scf.yield %[[C2]]
// CHECK: affine.load %[[R]]
func.func @ufunc_outs_fresh(%n: index, %o: memref<?xf32, strided<[?], offset: ?>>, %v: memref<?xf32, strided<[2]>>) {
  %t = memref.alloc(%n) : memref<?xf32>
  kern.ufunc(%t, %o : memref<?xf32>, memref<?xf32, strided<[?], offset: ?>>) outs(%o : memref<?xf32, strided<[?], offset: ?>>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    kern.yield %s : f32
  }
  kern.ufunc(%v : memref<?xf32, strided<[2]>>) outs(%o : memref<?xf32, strided<[?], offset: ?>>) {
  ^bb0(%a: f32):
    kern.yield %a : f32
  }
  memref.dealloc %t : memref<?xf32>
  return
}

// -----

// Broadcast views: stride 0 on the new leading dim, the source stride where
// sizes are known to match, a run-time select where the size may be 1.
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[A:[^:]*]]: memref<?xf64>, %[[B:[^:]*]]: memref<1x5xf64>, %[[N:[^:]*]]: index, %[[M:[^:]*]]: index)
// CHECK: %[[BASE:.*]], %[[OFF:.*]], %[[SIZE:.*]], %[[STRIDE:.*]] = memref.extract_strided_metadata %[[A]]
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[ONE:.*]] = arith.cmpi eq, %[[SIZE]], %[[C1]] : index
// CHECK: %[[S1:.*]] = arith.select %[[ONE]], %[[C0]], %[[STRIDE]] : index
// CHECK: %[[V:.*]] = memref.reinterpret_cast %[[BASE]] to offset: [%[[OFF]]], sizes: [%[[N]], %[[M]]], strides: [%[[C0]], %[[S1]]] : memref<f64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK: %[[BASE2:.*]], %[[OFF2:.*]], %[[SIZES2:.*]]:2, %[[STRIDES2:.*]]:2 = memref.extract_strided_metadata %[[B]]
// CHECK: %[[Z:.*]] = arith.constant 0 : index
// CHECK: %[[W:.*]] = memref.reinterpret_cast %[[BASE2]] to offset: [%[[OFF2]]], sizes: [%[[N]], 5], strides: [%[[Z]], %[[STRIDES2]]#1]
// CHECK: return %[[V]], %[[W]]
func.func @broadcast(%a: memref<?xf64>, %b: memref<1x5xf64>, %n: index, %m: index) -> (memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?x5xf64, strided<[?, ?], offset: ?>>) {
  %v = kern.broadcast %a to (%n, %m) : memref<?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  %c5 = arith.constant 5 : index
  %w = kern.broadcast %b to (%n, %c5) : memref<1x5xf64> -> memref<?x5xf64, strided<[?, ?], offset: ?>>
  return %v, %w : memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?x5xf64, strided<[?, ?], offset: ?>>
}

// -----

// A result type with static strides takes them as constants.
// CHECK-LABEL: func.func @broadcast_static
// CHECK: %[[BASE:.*]], %{{.*}}, %{{.*}}, %{{.*}} = memref.extract_strided_metadata %arg0
// CHECK: memref.reinterpret_cast %[[BASE]] to offset: [0], sizes: [3, 4], strides: [0, 1] : memref<f32> to memref<3x4xf32, strided<[0, 1]>>
func.func @broadcast_static(%a: memref<4xf32>) -> memref<3x4xf32, strided<[0, 1]>> {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %v = kern.broadcast %a to (%c3, %c4) : memref<4xf32> -> memref<3x4xf32, strided<[0, 1]>>
  return %v : memref<3x4xf32, strided<[0, 1]>>
}

// -----

// Reducing every axis: the accumulator is carried through the nest.
// CHECK-LABEL: func.func @reduce_all
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[S:.*]] = affine.for %[[I:.*]] = 0 to %{{.*}} iter_args(%[[A:.*]] = %[[ZERO]]) -> (i32) {
// CHECK:   %[[T:.*]] = affine.for %[[J:.*]] = 0 to %{{.*}} iter_args(%[[B:.*]] = %[[A]]) -> (i32) {
// CHECK:     %[[V:.*]] = affine.load %arg0[%[[I]], %[[J]]] : memref<?x?xi32>
// CHECK:     %[[N:.*]] = arith.addi %[[B]], %[[V]] : i32
// CHECK:     affine.yield %[[N]] : i32
// CHECK:   affine.yield %[[T]] : i32
// CHECK: return %[[S]] : i32
func.func @reduce_all(%x: memref<?x?xi32>) -> i32 {
  %s = kern.reduce add(%x : memref<?x?xi32>) : i32
  return %s : i32
}

// -----

// Sums of f32 are carried in f64 (a long f32 running sum loses digits).
// CHECK-LABEL: func.func @reduce_f32_wide
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[W:.*]] = arith.extf %[[ZERO]] : f32 to f64
// CHECK: %[[S:.*]] = affine.for %[[I:.*]] = 0 to %{{.*}} iter_args(%[[A:.*]] = %[[W]]) -> (f64) {
// CHECK:   %[[V:.*]] = affine.load %arg0[%[[I]]] : memref<?xf32>
// CHECK:   %[[VW:.*]] = arith.extf %[[V]] : f32 to f64
// CHECK:   %[[N:.*]] = arith.addf %[[A]], %[[VW]] : f64
// CHECK:   affine.yield %[[N]] : f64
// CHECK: %[[R:.*]] = arith.truncf %[[S]] : f64 to f32
// CHECK: return %[[R]] : f32
func.func @reduce_f32_wide(%x: memref<?xf32>) -> f32 {
  %s = kern.reduce add(%x : memref<?xf32>) : f32
  return %s : f32
}

// -----

// min without init raises ValueError on zero elements; the map region is
// applied to each element first.
// CHECK-LABEL: func.func @reduce_min_map
// CHECK: %[[N:.*]] = memref.dim %arg0
// CHECK: %[[INF:.*]] = arith.constant 0x7FF0000000000000 : f64
// CHECK: %[[EMPTY:.*]] = arith.cmpi eq, %[[N]], %{{.*}} : index
// CHECK: scf.if %[[EMPTY]] {
// CHECK:   kern.raise "ValueError", "zero-size array to reduction operation minimum which has no identity"
// CHECK: }
// CHECK: affine.for %[[I:.*]] = 0 to %[[N]] iter_args(%[[A:.*]] = %[[INF]]) -> (f64) {
// CHECK:   %[[X:.*]] = affine.load %arg0[%[[I]]]
// CHECK:   %[[Y:.*]] = affine.load %arg1[%[[I]]]
// CHECK:   %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f64
// CHECK:   %[[M:.*]] = arith.minimumf %[[A]], %[[D]] : f64
// CHECK:   affine.yield %[[M]] : f64
func.func @reduce_min_map(%x: memref<?xf64>, %y: memref<?xf64>) -> f64 {
  %m = kern.reduce min(%x, %y : memref<?xf64>, memref<?xf64>) map {
  ^bb0(%a: f64, %b: f64):
    %d = arith.subf %a, %b : f64
    kern.yield %d : f64
  } : f64
  return %m : f64
}

// -----

// init replaces the identity (and the emptiness check).
// CHECK-LABEL: func.func @reduce_init
// CHECK-NOT: kern.raise
// CHECK: affine.for %{{.*}} = 0 to %{{.*}} iter_args(%[[A:.*]] = %arg1) -> (i64) {
// CHECK:   arith.maxsi %[[A]], %{{.*}} : i64
func.func @reduce_init(%x: memref<?xi64>, %i: i64) -> i64 {
  %m = kern.reduce max(%x : memref<?xi64>) init(%i : i64) : i64
  return %m : i64
}

// -----

// Trailing axes: kept dims outside, reduced dims inside.
// CHECK-LABEL: func.func @reduce_axes_trailing
// CHECK-DAG: %[[D0:.*]] = memref.dim %arg0, %c0
// CHECK-DAG: %[[D1:.*]] = memref.dim %arg0, %c1
// CHECK-DAG: %[[D2:.*]] = memref.dim %arg0, %c2
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK: %[[R:.*]] = memref.alloc(%[[D0]]) : memref<?xf64>
// CHECK: affine.for %[[I:.*]] = 0 to %[[D0]] {
// CHECK:   %[[P:.*]] = affine.for %[[J:.*]] = 0 to %[[D1]] iter_args(%[[A:.*]] = %[[ONE]]) -> (f64) {
// CHECK:     affine.for %[[K:.*]] = 0 to %[[D2]] iter_args(%[[B:.*]] = %[[A]]) -> (f64) {
// CHECK:       affine.load %arg0[%[[I]], %[[J]], %[[K]]]
// CHECK:       arith.mulf %[[B]]
// CHECK:   affine.store %[[P]], %[[R]][%[[I]]] : memref<?xf64>
func.func @reduce_axes_trailing(%x: memref<?x?x?xf64>) -> memref<?xf64> {
  %m = kern.reduce mul(%x : memref<?x?x?xf64>) axes [1, 2] : memref<?xf64>
  return %m : memref<?xf64>
}

// -----

// Leading axis: the result is filled, then a row-major nest accumulates
// into it (contiguous inner loop).
// CHECK-LABEL: func.func @reduce_axes_leading
// CHECK-DAG: %[[D0:.*]] = memref.dim %arg0, %c0
// CHECK-DAG: %[[D1:.*]] = memref.dim %arg0, %c1
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[R:.*]] = memref.alloc(%[[D1]]) : memref<?xf64>
// CHECK: affine.for %[[K:.*]] = 0 to %[[D1]] {
// CHECK:   affine.store %[[ZERO]], %[[R]][%[[K]]]
// CHECK: }
// CHECK: affine.for %[[I:.*]] = 0 to %[[D0]] {
// CHECK:   affine.for %[[J:.*]] = 0 to %[[D1]] {
// CHECK:     %[[A:.*]] = affine.load %[[R]][%[[J]]]
// CHECK:     %[[V:.*]] = affine.load %arg0[%[[I]], %[[J]]]
// CHECK:     %[[S:.*]] = arith.addf %[[A]], %[[V]]
// CHECK:     affine.store %[[S]], %[[R]][%[[J]]]
func.func @reduce_axes_leading(%x: memref<?x?xf64>) -> memref<?xf64> {
  %m = kern.reduce add(%x : memref<?x?xf64>) axes [0] : memref<?xf64>
  return %m : memref<?xf64>
}

// -----

// custom without init starts from the first element of the reduced axes.
// CHECK-LABEL: func.func @reduce_custom
// CHECK: scf.if
// CHECK:   kern.raise "ValueError", "zero-size array to reduction operation which has no identity"
// CHECK: %[[R:.*]] = memref.alloc
// CHECK: affine.for %[[I:.*]] = 0 to
// CHECK:   %[[T:.*]] = affine.for %[[J:.*]] = 0 to %{{.*}} iter_args(%[[A:.*]] = %{{.*}}) -> (f64) {
// CHECK:     %[[V:.*]] = affine.load %arg0[%[[I]], %[[J]]]
// CHECK:     %[[FIRST:.*]] = arith.cmpi eq, %[[J]], %{{.*}} : index
// CHECK:     %[[N:.*]] = scf.if %[[FIRST]] -> (f64) {
// CHECK:       scf.yield %[[V]] : f64
// CHECK:     } else {
// CHECK:       %[[D:.*]] = arith.subf %[[A]], %[[V]] : f64
// CHECK:       scf.yield %[[D]] : f64
// CHECK:     affine.yield %[[N]] : f64
// CHECK:   affine.store %[[T]], %[[R]][%[[I]]]
func.func @reduce_custom(%x: memref<?x?xf64>) -> memref<?xf64> {
  %m = kern.reduce custom(%x : memref<?x?xf64>) axes [1] combine {
  ^bb0(%a: f64, %b: f64):
    %h = arith.subf %a, %b : f64
    kern.yield %h : f64
  } : memref<?xf64>
  return %m : memref<?xf64>
}

// -----

// Complex sums start from complex zero.
// CHECK-LABEL: func.func @reduce_complex
// CHECK: %[[Z:.*]] = complex.constant [0.000000e+00, 0.000000e+00] : complex<f64>
// CHECK: affine.for %{{.*}} iter_args(%[[A:.*]] = %[[Z]]) -> (complex<f64>) {
// CHECK:   complex.add %[[A]], %{{.*}} : complex<f64>
func.func @reduce_complex(%z: memref<?xcomplex<f64>>) -> complex<f64> {
  %s = kern.reduce add(%z : memref<?xcomplex<f64>>) : complex<f64>
  return %s : complex<f64>
}

// -----

// Running sum along axis 1 of a 2-D array.
// CHECK-LABEL: func.func @accumulate
// CHECK-DAG: %[[D0:.*]] = memref.dim %arg0, %c0
// CHECK-DAG: %[[D1:.*]] = memref.dim %arg0, %c1
// CHECK: %[[FIRST:.*]] = arith.minsi %[[D1]], %{{.*}} : index
// CHECK: %[[R:.*]] = memref.alloc(%[[D0]], %[[D1]]) : memref<?x?xf32>
// CHECK: affine.for %[[I:.*]] = 0 to %[[D0]] {
// CHECK:   affine.for %[[J:.*]] = 0 to %[[FIRST]] {
// CHECK:     %[[V:.*]] = affine.load %arg0[%[[I]], %[[J]]]
// CHECK:     affine.store %[[V]], %[[R]][%[[I]], %[[J]]]
// CHECK: affine.for %[[I:.*]] = 0 to %[[D0]] {
// CHECK:   affine.for %[[J:.*]] = 1 to %[[D1]] {
// CHECK:     %[[P:.*]] = affine.load %[[R]][%[[I]], %[[J]] - 1]
// CHECK:     %[[V:.*]] = affine.load %arg0[%[[I]], %[[J]]]
// CHECK:     %[[S:.*]] = arith.addf %[[P]], %[[V]] : f32
// CHECK:     affine.store %[[S]], %[[R]][%[[I]], %[[J]]]
// CHECK: return %[[R]]
func.func @accumulate(%x: memref<?x?xf32>) -> memref<?x?xf32> {
  %c = kern.accumulate add(%x : memref<?x?xf32>) axis 1 : memref<?x?xf32>
  return %c : memref<?x?xf32>
}

// -----

// custom accumulate along axis 0.
// CHECK-LABEL: func.func @accumulate_custom
// CHECK: affine.for %[[K:.*]] = 1 to
// CHECK:   %[[P:.*]] = affine.load %{{.*}}[%[[K]] - 1]
// CHECK:   %[[V:.*]] = affine.load %arg0[%[[K]]]
// CHECK:   arith.subi %[[P]], %[[V]] : i32
func.func @accumulate_custom(%x: memref<?xi32>) -> memref<?xi32> {
  %c = kern.accumulate custom(%x : memref<?xi32>) axis 0 combine {
  ^bb0(%a: i32, %b: i32):
    %d = arith.subi %a, %b : i32
    kern.yield %d : i32
  } : memref<?xi32>
  return %c : memref<?xi32>
}

// -----

// CHECK-LABEL: func.func @alloc_fill
// CHECK-SAME: (%[[N:[^:]*]]: index, %[[V:[^:]*]]: index)
// CHECK: %[[A:.*]] = memref.alloc(%[[N]]) : memref<?x3xindex>
// CHECK: affine.for %[[I:.*]] = 0 to %[[N]] {
// CHECK:   affine.for %[[J:.*]] = 0 to 3 {
// CHECK:     affine.store %[[V]], %[[A]][%[[I]], %[[J]]] : memref<?x3xindex>
// CHECK: %[[B:.*]] = memref.alloc(%[[N]]) : memref<?xf64>
// CHECK-NOT: affine.for
// CHECK: return %[[A]], %[[B]]
func.func @alloc_fill(%n: index, %v: index) -> (memref<?x3xindex>, memref<?xf64>) {
  %a = kern.alloc(%n) fill %v : index : memref<?x3xindex>
  %b = kern.alloc(%n) : memref<?xf64>
  return %a, %b : memref<?x3xindex>, memref<?xf64>
}

// -----

// Inside scf.if the memref.dim results are no affine symbols: scf.for.
// CHECK-LABEL: func.func @inside_if
// CHECK-NOT: affine.
// CHECK: scf.if
// CHECK:   %[[N:.*]] = memref.dim %arg0
// CHECK:   %[[R:.*]] = memref.alloc(%[[N]])
// CHECK:   scf.for %[[I:.*]] = %{{.*}} to %[[N]] step %{{.*}} {
// CHECK:     %[[A:.*]] = memref.load %arg0[%[[I]]]
// CHECK:     %[[B:.*]] = arith.negf %[[A]]
// CHECK:     memref.store %[[B]], %[[R]][%[[I]]]
// CHECK:   %[[S:.*]] = scf.for %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (f64) {
// CHECK:     memref.load %[[R]]
// CHECK:     scf.yield
// CHECK:   "test.use"(%[[S]])
func.func @inside_if(%x: memref<?xf64>, %p: i1) {
  scf.if %p {
    %r = kern.ufunc(%x : memref<?xf64>) {
    ^bb0(%a: f64):
      %n = arith.negf %a : f64
      kern.yield %n : f64
    } -> memref<?xf64>
    %s = kern.reduce add(%r : memref<?xf64>) : f64
    "test.use"(%s) : (f64) -> ()
  }
  return
}

// -----

// kern.parallel: the outermost loop of ufunc, fill and reduce-over-axes
// nests is parallel; a scalar sum is an scf.parallel reduction.
// CHECK-LABEL: func.func @parallel
// CHECK: affine.parallel (%[[I:.*]]) = (0) to (symbol(%{{.*}})) {
// CHECK:   affine.for %[[J:.*]] = 0 to
// CHECK:     math.exp
// CHECK: affine.parallel (%[[I:.*]]) = (0) to (symbol(%{{.*}})) {
// CHECK:   %[[M:.*]] = affine.for %{{.*}} iter_args
// CHECK:     arith.maximumf
// CHECK:   affine.store %[[M]]
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[S:.*]] = scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) init (%[[ZERO]]) -> f64 {
// CHECK:   %[[P:.*]] = scf.for %[[J:.*]] = %{{.*}} iter_args(%[[A:.*]] = %{{.*}}) -> (f64) {
// CHECK:     %[[V:.*]] = memref.load %arg0[%[[I]], %[[J]]]
// CHECK:     arith.addf %[[A]], %[[V]]
// CHECK:   scf.reduce(%[[P]] : f64) {
// CHECK:   ^bb0(%[[L:.*]]: f64, %[[R:.*]]: f64):
// CHECK:     %[[C:.*]] = arith.addf %[[L]], %[[R]] : f64
// CHECK:     scf.reduce.return %[[C]] : f64
// CHECK: return %{{.*}}, %{{.*}}, %[[S]]
func.func @parallel(%x: memref<?x?xf64>) -> (memref<?x?xf64>, memref<?xf64>, f64) attributes {kern.parallel} {
  %r = kern.ufunc(%x : memref<?x?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?x?xf64>
  %m = kern.reduce max(%x : memref<?x?xf64>) axes [1] : memref<?xf64>
  %s = kern.reduce add(%x : memref<?x?xf64>) : f64
  return %r, %m, %s : memref<?x?xf64>, memref<?xf64>, f64
}

// -----

// Parallel outside affine: scf.parallel.
// CHECK-LABEL: func.func @parallel_inside_if
// CHECK: scf.if
// CHECK:   scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK:     memref.load %arg0[%[[I]]]
// CHECK:     memref.store
// CHECK:     scf.reduce
func.func @parallel_inside_if(%x: memref<?xf64>, %p: i1) attributes {kern.parallel} {
  scf.if %p {
    %r = kern.ufunc(%x : memref<?xf64>) {
    ^bb0(%a: f64):
      kern.yield %a : f64
    } -> memref<?xf64>
    "test.use"(%r) : (memref<?xf64>) -> ()
  }
  return
}

// -----

// Already inside a parallel loop: no nested parallel loop.
// CHECK-LABEL: func.func @in_prange
// CHECK: kern.prange
// CHECK-NOT: parallel
// CHECK:   scf.for
// CHECK:   kern.yield
func.func @in_prange(%x: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  kern.prange %i = %c0 to %n step %c1 {
    %r = kern.ufunc(%x : memref<?xf64>) {
    ^bb0(%a: f64):
      kern.yield %a : f64
    } -> memref<?xf64>
    "test.use"(%r) : (memref<?xf64>) -> ()
    kern.yield
  }
  return
}

// -----

// Nothing to lower: unchanged.
// CHECK-LABEL: func.func @no_kern
// CHECK-NEXT: return %arg0 : f64
func.func @no_kern(%a: f64) -> f64 {
  return %a : f64
}

// -----

// Parallel scalar reductions that OpenMP supports: integer max as a
// compare and select; float max stays sequential (NaN propagation).
// CHECK-LABEL: func.func @parallel_max
// CHECK: scf.parallel
// CHECK: scf.reduce(%{{.*}} : i32) {
// CHECK: ^bb0(%[[L:.*]]: i32, %[[R:.*]]: i32):
// CHECK:   %[[GT:.*]] = arith.cmpi sgt, %[[L]], %[[R]] : i32
// CHECK:   %[[M:.*]] = arith.select %[[GT]], %[[L]], %[[R]] : i32
// CHECK:   scf.reduce.return %[[M]] : i32
// CHECK-NOT: scf.parallel
// CHECK: affine.for {{.*}} iter_args
// CHECK:   arith.maximumf
func.func @parallel_max(%x: memref<?xi32>, %y: memref<?xf32>) -> (i32, f32) attributes {kern.parallel} {
  %a = kern.reduce max(%x : memref<?xi32>) : i32
  %b = kern.reduce max(%y : memref<?xf32>) : f32
  return %a, %b : i32, f32
}

// -----

// A rank-0 source: every stride is 0.
// CHECK-LABEL: func.func @broadcast_scalar
// CHECK: %[[BASE:.*]], %[[OFF:.*]] = memref.extract_strided_metadata %arg0 : memref<f64> -> memref<f64>, index
// CHECK: %[[Z:.*]] = arith.constant 0 : index
// CHECK: memref.reinterpret_cast %[[BASE]] to offset: [%[[OFF]]], sizes: [%arg1, %arg2], strides: [%[[Z]], %[[Z]]]
func.func @broadcast_scalar(%s: memref<f64>, %n: index, %m: index) -> memref<?x?xf64, strided<[?, ?], offset: ?>> {
  %v = kern.broadcast %s to (%n, %m) : memref<f64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  return %v : memref<?x?xf64, strided<[?, ?], offset: ?>>
}

// -----

// Scalars only, written to `outs`: the iteration space is the out's.
// CHECK-LABEL: func.func @fill_outs
// CHECK: %[[N:.*]] = memref.dim %arg1, %{{.*}} : memref<?xi8>
// CHECK: affine.for %[[I:.*]] = 0 to %[[N]] {
// CHECK:   affine.store %arg0, %arg1[%[[I]]] : memref<?xi8>
func.func @fill_outs(%c: i8, %o: memref<?xi8>) {
  kern.ufunc(%c : i8) outs(%o : memref<?xi8>) {
  ^bb0(%x: i8):
    kern.yield %x : i8
  }
  return
}

// -----

// Static sizes: the first slice of an accumulate has a constant bound.
// CHECK-LABEL: func.func @accumulate_static
// CHECK: affine.for %[[I:.*]] = 0 to 1 {
// CHECK:   affine.for %[[J:.*]] = 0 to 3 {
// CHECK: affine.for %[[I:.*]] = 1 to 2 {
// CHECK:   affine.for %[[J:.*]] = 0 to 3 {
// CHECK:     affine.load %{{.*}}[%[[I]] - 1, %[[J]]]
// CHECK:     arith.muli
func.func @accumulate_static(%x: memref<2x3xi16>) -> memref<2x3xi16> {
  %c = kern.accumulate mul(%x : memref<2x3xi16>) axis 0 : memref<2x3xi16>
  return %c : memref<2x3xi16>
}

// -----

// Booleans: min is a conjunction starting from true, max a disjunction.
// CHECK-LABEL: func.func @reduce_bool
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: affine.for {{.*}} iter_args(%[[A:.*]] = %[[TRUE]]) -> (i1) {
// CHECK:   arith.andi %[[A]], %{{.*}} : i1
// CHECK: %[[FALSE:.*]] = arith.constant false
// CHECK: affine.for {{.*}} iter_args(%[[B:.*]] = %[[FALSE]]) -> (i1) {
// CHECK:   arith.ori %[[B]], %{{.*}} : i1
func.func @reduce_bool(%x: memref<?xi1>) -> (i1, i1) {
  %all = kern.reduce min(%x : memref<?xi1>) : i1
  %any = kern.reduce max(%x : memref<?xi1>) : i1
  return %all, %any : i1, i1
}

// -----

// A ufunc over 20 arrays (no fixed cap on operands): one loop, 20 loads.
// CHECK-LABEL: func.func @ufunc_many_operands
// CHECK: affine.for
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK: affine.load
// CHECK-NOT: affine.load
// CHECK: affine.store
// CHECK-NOT: kern.ufunc
func.func @ufunc_many_operands(%a0: memref<?xf64>, %a1: memref<?xf64>, %a2: memref<?xf64>, %a3: memref<?xf64>, %a4: memref<?xf64>, %a5: memref<?xf64>, %a6: memref<?xf64>, %a7: memref<?xf64>, %a8: memref<?xf64>, %a9: memref<?xf64>, %a10: memref<?xf64>, %a11: memref<?xf64>, %a12: memref<?xf64>, %a13: memref<?xf64>, %a14: memref<?xf64>, %a15: memref<?xf64>, %a16: memref<?xf64>, %a17: memref<?xf64>, %a18: memref<?xf64>, %a19: memref<?xf64>) -> memref<?xf64> {
  %r = kern.ufunc(%a0, %a1, %a2, %a3, %a4, %a5, %a6, %a7, %a8, %a9, %a10, %a11, %a12, %a13, %a14, %a15, %a16, %a17, %a18, %a19 : memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>) {
  ^bb0(%b0: f64, %b1: f64, %b2: f64, %b3: f64, %b4: f64, %b5: f64, %b6: f64, %b7: f64, %b8: f64, %b9: f64, %b10: f64, %b11: f64, %b12: f64, %b13: f64, %b14: f64, %b15: f64, %b16: f64, %b17: f64, %b18: f64, %b19: f64):
    %s0 = arith.addf %b0, %b1 : f64
    %s1 = arith.addf %s0, %b2 : f64
    %s2 = arith.addf %s1, %b3 : f64
    %s3 = arith.addf %s2, %b4 : f64
    %s4 = arith.addf %s3, %b5 : f64
    %s5 = arith.addf %s4, %b6 : f64
    %s6 = arith.addf %s5, %b7 : f64
    %s7 = arith.addf %s6, %b8 : f64
    %s8 = arith.addf %s7, %b9 : f64
    %s9 = arith.addf %s8, %b10 : f64
    %s10 = arith.addf %s9, %b11 : f64
    %s11 = arith.addf %s10, %b12 : f64
    %s12 = arith.addf %s11, %b13 : f64
    %s13 = arith.addf %s12, %b14 : f64
    %s14 = arith.addf %s13, %b15 : f64
    %s15 = arith.addf %s14, %b16 : f64
    %s16 = arith.addf %s15, %b17 : f64
    %s17 = arith.addf %s16, %b18 : f64
    %s18 = arith.addf %s17, %b19 : f64
    kern.yield %s18 : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

// A 6-D ufunc (no rank cap below the 12 of the header): a nest of six loops
// with 6-index loads and stores.
// CHECK-LABEL: func.func @ufunc_6d
// CHECK-COUNT-6: affine.for
// CHECK: affine.load %{{.*}}[{{(%[a-z0-9]+, ){5}%[a-z0-9]+}}] : memref<?x?x?x?x?x?xf64>
// CHECK: arith.addf
// CHECK: affine.store %{{.*}}[{{(%[a-z0-9]+, ){5}%[a-z0-9]+}}] : memref<?x?x?x?x?x?xf64>
// CHECK-NOT: kern.ufunc
func.func @ufunc_6d(%x: memref<?x?x?x?x?x?xf64>, %c: f64) -> memref<?x?x?x?x?x?xf64> {
  %r = kern.ufunc(%x, %c : memref<?x?x?x?x?x?xf64>, f64) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?x?x?x?x?x?xf64>
  return %r : memref<?x?x?x?x?x?xf64>
}

// -----

// A 17-D ufunc (more than the former 12 dimensions): 17 nested loops and
// affine loads/stores with 17 indices.
// CHECK-LABEL: func.func @ufunc_17d
// CHECK: memref.alloc() : memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>
// CHECK-COUNT-17: affine.for
// CHECK: affine.load %arg0[%{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}] : memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>
// CHECK: affine.load %arg1[%{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}] : memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>
// CHECK: affine.store %{{.*}}, %{{.*}}[%{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}] : memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>
func.func @ufunc_17d(%x: memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>, %y: memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>) -> memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64> {
  %z = kern.ufunc(%x, %y : memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>, memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.mulf %a, %b : f64
    kern.yield %s : f64
  } -> memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>
  return %z : memref<2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2x2xf64>
}

// -----

// A kern.reduce over 17 inputs (more than the former 16): one loop
// loading each input, then the map region.
// CHECK-LABEL: func.func @reduce_many_inputs
// CHECK: affine.for
// CHECK-COUNT-17: affine.load
// CHECK-COUNT-16: arith.addf
// CHECK: affine.yield
// CHECK-NOT: kern.reduce
func.func @reduce_many_inputs(%a0: memref<?xf64>, %a1: memref<?xf64>, %a2: memref<?xf64>, %a3: memref<?xf64>, %a4: memref<?xf64>, %a5: memref<?xf64>, %a6: memref<?xf64>, %a7: memref<?xf64>, %a8: memref<?xf64>, %a9: memref<?xf64>, %a10: memref<?xf64>, %a11: memref<?xf64>, %a12: memref<?xf64>, %a13: memref<?xf64>, %a14: memref<?xf64>, %a15: memref<?xf64>, %a16: memref<?xf64>) -> f64 {
  %s = kern.reduce add(%a0, %a1, %a2, %a3, %a4, %a5, %a6, %a7, %a8, %a9, %a10, %a11, %a12, %a13, %a14, %a15, %a16 : memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>) map {
  ^bb0(%b0: f64, %b1: f64, %b2: f64, %b3: f64, %b4: f64, %b5: f64, %b6: f64, %b7: f64, %b8: f64, %b9: f64, %b10: f64, %b11: f64, %b12: f64, %b13: f64, %b14: f64, %b15: f64, %b16: f64):
    %p1 = arith.addf %b0, %b1 : f64
    %p2 = arith.addf %p1, %b2 : f64
    %p3 = arith.addf %p2, %b3 : f64
    %p4 = arith.addf %p3, %b4 : f64
    %p5 = arith.addf %p4, %b5 : f64
    %p6 = arith.addf %p5, %b6 : f64
    %p7 = arith.addf %p6, %b7 : f64
    %p8 = arith.addf %p7, %b8 : f64
    %p9 = arith.addf %p8, %b9 : f64
    %p10 = arith.addf %p9, %b10 : f64
    %p11 = arith.addf %p10, %b11 : f64
    %p12 = arith.addf %p11, %b12 : f64
    %p13 = arith.addf %p12, %b13 : f64
    %p14 = arith.addf %p13, %b14 : f64
    %p15 = arith.addf %p14, %b15 : f64
    %p16 = arith.addf %p15, %b16 : f64
    kern.yield %p16 : f64
  } : f64
  return %s : f64
}

// -----

// A 13-D reduction along an axis (more than the former 12 dimensions):
// 12 kept loops outside, the reduced one inside.
// CHECK-LABEL: func.func @reduce_13d_axis
// CHECK: memref.alloc(%{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}, %{{[^,)]*}}) : memref<?x?x?x?x?x?x?x?x?x?x?x?xf64>
// CHECK-COUNT-13: affine.for
// CHECK: affine.load %arg0[%{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}, %{{[^],]*}}] : memref<?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
// CHECK-NOT: kern.reduce
func.func @reduce_13d_axis(%x: memref<?x?x?x?x?x?x?x?x?x?x?x?x?xf64>) -> memref<?x?x?x?x?x?x?x?x?x?x?x?xf64> {
  %s = kern.reduce add(%x : memref<?x?x?x?x?x?x?x?x?x?x?x?x?xf64>) axes [5] : memref<?x?x?x?x?x?x?x?x?x?x?x?xf64>
  return %s : memref<?x?x?x?x?x?x?x?x?x?x?x?xf64>
}
