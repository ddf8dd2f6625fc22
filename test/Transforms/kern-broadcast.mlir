// RUN: kern-opt %s --kern-broadcast --split-input-file | FileCheck %s
// The pass is idempotent: a second run adds no checks and no views.
// RUN: kern-opt %s --kern-broadcast --kern-broadcast --split-input-file | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-broadcast))' --split-input-file | FileCheck %s

// Two 1-D arrays of unknown sizes: NumPy's rule computes the size at run
// time, a check raises NumPy's ValueError with both shapes, and both inputs
// are viewed with the common size (stride 0 where a size is 1).
// CHECK-LABEL: func.func @dynamic_1d
// CHECK-SAME: (%[[X:.*]]: memref<?xf64>, %[[Y:.*]]: memref<?xf64>)
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[N:.*]] = memref.dim %[[X]], %{{.*}} : memref<?xf64>
// CHECK-DAG: %[[M:.*]] = memref.dim %[[Y]], %{{.*}} : memref<?xf64>
// CHECK: %[[M1:.*]] = arith.cmpi eq, %[[M]], %[[C1]] : index
// CHECK: %[[D:.*]] = arith.select %[[M1]], %[[N]], %[[M]] {kern.broadcast_size} : index
// CHECK: %[[N1:.*]] = arith.cmpi eq, %[[N]], %[[C1]] : index
// CHECK: %[[ND:.*]] = arith.cmpi eq, %[[N]], %[[D]] : index
// CHECK: %[[OK:.*]] = arith.ori %[[N1]], %[[ND]] : i1
// CHECK: %[[BAD:.*]] = arith.xori %[[OK]], %{{.*}} : i1
// CHECK: scf.if %[[BAD]] {
// CHECK-NEXT: kern.raise "ValueError", "operands could not be broadcast together with shapes (%d,) (%d,) "(%[[N]], %[[M]] : index, index)
// CHECK-NEXT: }
// CHECK-NOT: scf.if
// CHECK: %[[BX:.*]] = kern.broadcast %[[X]] to (%[[D]]) : memref<?xf64> -> memref<?xf64, strided<[?], offset: ?>>
// CHECK: %[[BY:.*]] = kern.broadcast %[[Y]] to (%[[D]]) : memref<?xf64> -> memref<?xf64, strided<[?], offset: ?>>
// CHECK-NOT: kern.broadcast
// CHECK: kern.ufunc(%[[BX]], %[[BY]] : memref<?xf64, strided<[?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>)
func.func @dynamic_1d(%x: memref<?xf64>, %y: memref<?xf64>) -> memref<?xf64> {
  %z = kern.ufunc(%x, %y : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %z : memref<?xf64>
}

// -----

// (x + y) * x: the first op checks x and y against their common size %d;
// the second finds x's size already covered by %d and checks nothing; the
// first result has size %d, x still needs a view (its size may be 1).
// CHECK-LABEL: func.func @covered_sizes
// CHECK: %[[D:.*]] = arith.select {{.*}} {kern.broadcast_size} : index
// CHECK: scf.if
// CHECK-NOT: scf.if
// CHECK: %[[T:.*]] = kern.ufunc
// CHECK: %[[VX:.*]] = kern.broadcast %arg0 to (%[[D]])
// CHECK: kern.ufunc(%[[T]], %[[VX]] :
func.func @covered_sizes(%x: memref<?xf64>, %y: memref<?xf64>) -> memref<?xf64> {
  %t = kern.ufunc(%x, %y : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %z = kern.ufunc(%t, %x : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.mulf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %z : memref<?xf64>
}

// -----

// (3,1) with (1,4): the shape (3,4) is known at compile time, so there is
// no check, only two views.
// CHECK-LABEL: func.func @outer_static
// CHECK-NOT: scf.if
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[A:.*]] = kern.broadcast %arg0 to (%[[C3]], %[[C4]]) : memref<3x1xf64> -> memref<3x4xf64, strided<[?, ?], offset: ?>>
// CHECK: %[[B:.*]] = kern.broadcast %arg1 to (%[[C3]], %[[C4]]) : memref<1x4xf64> -> memref<3x4xf64, strided<[?, ?], offset: ?>>
// CHECK: kern.ufunc(%[[A]], %[[B]] :
// CHECK: } -> memref<?x?xf64>
func.func @outer_static(%a: memref<3x1xf64>, %b: memref<1x4xf64>) -> memref<?x?xf64> {
  %z = kern.ufunc(%a, %b : memref<3x1xf64>, memref<1x4xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %z : memref<?x?xf64>
}

// -----

// (5,1,3) with (4,3): the missing leading dimension and the 1 broadcast to
// (5,4,3).
// CHECK-LABEL: func.func @rank_3_with_2
// CHECK-NOT: scf.if
// CHECK: %[[A:.*]] = kern.broadcast %arg0 to (%[[C5:.*]], %[[C4:.*]], %[[C3:.*]]) : memref<5x1x3xf64> -> memref<5x4x3xf64, strided<[?, ?, ?], offset: ?>>
// CHECK: %[[B:.*]] = kern.broadcast %arg1 to (%[[C5]], %[[C4]], %[[C3]]) : memref<4x3xf64> -> memref<5x4x3xf64, strided<[?, ?, ?], offset: ?>>
// CHECK: kern.ufunc(%[[A]], %[[B]] :
func.func @rank_3_with_2(%a: memref<5x1x3xf64>, %b: memref<4x3xf64>) -> memref<?x?x?xf64> {
  %z = kern.ufunc(%a, %b : memref<5x1x3xf64>, memref<4x3xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.mulf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?x?xf64>
  return %z : memref<?x?x?xf64>
}

// -----

// Dynamic sizes of different ranks: (?,1,?) with (?,3). The last dimension
// is 3 (statically), checked against the unknown size of %a; the middle one
// is %b's; the message prints the static sizes as they are.
// CHECK-LABEL: func.func @mixed_ranks
// CHECK-DAG: %[[A0:.*]] = memref.dim %arg0, %{{.*}} : memref<?x1x?xf64>
// CHECK-DAG: %[[A2:.*]] = memref.dim %arg0, %{{.*}} : memref<?x1x?xf64>
// CHECK-DAG: %[[B0:.*]] = memref.dim %arg1, %{{.*}} : memref<?x3xf64>
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK: arith.cmpi eq, %[[A2]], %[[C3]] : index
// CHECK: scf.if
// CHECK-NEXT: kern.raise "ValueError", "operands could not be broadcast together with shapes (%d,1,%d) (%d,3) "(%[[A0]], %[[A2]], %[[B0]] : index, index, index)
// CHECK: kern.broadcast %arg0 to (%[[A0]], %[[B0]], %[[C3]]) : memref<?x1x?xf64> -> memref<?x?x3xf64, strided<[?, ?, ?], offset: ?>>
// CHECK: kern.broadcast %arg1 to (%[[A0]], %[[B0]], %[[C3]]) : memref<?x3xf64> -> memref<?x?x3xf64, strided<[?, ?, ?], offset: ?>>
func.func @mixed_ranks(%a: memref<?x1x?xf64>, %b: memref<?x3xf64>) -> memref<?x?x?xf64> {
  %z = kern.ufunc(%a, %b : memref<?x1x?xf64>, memref<?x3xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?x?xf64>
  return %z : memref<?x?x?xf64>
}

// -----

// Scalars do not take part; an array with one scalar is already explicit,
// and so is an expression whose arrays provably share their sizes: the
// result of a ufunc has the sizes of its input.
// CHECK-LABEL: func.func @same_shapes
// CHECK-NOT: scf.if
// CHECK-NOT: kern.broadcast
// CHECK: %[[T:.*]] = kern.ufunc(%arg0, %arg1 : memref<?xf64>, f64)
// CHECK: kern.ufunc(%[[T]], %arg0 : memref<?xf64>, memref<?xf64>)
func.func @same_shapes(%x: memref<?xf64>, %c: f64) -> memref<?xf64> {
  %t = kern.ufunc(%x, %c : memref<?xf64>, f64) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.mulf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %z = kern.ufunc(%t, %x : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %z : memref<?xf64>
}

// -----

// x[1:] - x[:-1]: both slices have the size %m, so nothing is checked.
// CHECK-LABEL: func.func @slices
// CHECK-NOT: scf.if
// CHECK-NOT: kern.broadcast
// CHECK: kern.ufunc(%{{.*}}, %{{.*}} : memref<?xf64, strided<[1], offset: 1>>, memref<?xf64, strided<[1]>>)
func.func @slices(%x: memref<?xf64>) -> memref<?xf64> {
  %c1 = arith.constant 1 : index
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %m = arith.subi %n, %c1 : index
  %tail = memref.subview %x[1] [%m] [1] : memref<?xf64> to memref<?xf64, strided<[1], offset: 1>>
  %head = memref.subview %x[0] [%m] [1] : memref<?xf64> to memref<?xf64, strided<[1]>>
  %d = kern.ufunc(%tail, %head : memref<?xf64, strided<[1], offset: 1>>, memref<?xf64, strided<[1]>>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.subf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %d : memref<?xf64>
}

// -----

// A rank-0 array and a vector: one view, no check (one unknown size).
// CHECK-LABEL: func.func @rank_0
// CHECK-NOT: scf.if
// CHECK: %[[N:.*]] = memref.dim %arg1
// CHECK: %[[V:.*]] = kern.broadcast %arg0 to (%[[N]]) : memref<f64> -> memref<?xf64, strided<[?], offset: ?>>
// CHECK-NOT: kern.broadcast
// CHECK: kern.ufunc(%[[V]], %arg1 :
func.func @rank_0(%s: memref<f64>, %x: memref<?xf64>) -> memref<?xf64> {
  %z = kern.ufunc(%s, %x : memref<f64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.subf %a, %b : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  return %z : memref<?xf64>
}

// -----

// `out=` takes part in broadcasting like in NumPy and must have exactly the
// broadcast shape; after the checks the input is viewed with the sizes of
// the output.
// CHECK-LABEL: func.func @outs
// CHECK-DAG: %[[O0:.*]] = memref.dim %arg1, %{{.*}} : memref<?x?xf64>
// CHECK-DAG: %[[X0:.*]] = memref.dim %arg0, %{{.*}} : memref<?xf64>
// CHECK-DAG: %[[O1:.*]] = memref.dim %arg1, %{{.*}} : memref<?x?xf64>
// CHECK: %[[D:.*]] = arith.select
// CHECK: kern.raise "ValueError", "operands could not be broadcast together with shapes (%d,) (%d,%d) "(%[[X0]], %[[O0]], %[[O1]] : index, index, index)
// CHECK: kern.raise "ValueError", "non-broadcastable output operand with shape (%d,%d) doesn't match the broadcast shape (%d,%d)"(%[[O0]], %[[O1]], %[[O0]], %[[D]] : index, index, index, index)
// CHECK: %[[V:.*]] = kern.broadcast %arg0 to (%[[O0]], %[[O1]]) : memref<?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK: kern.ufunc(%[[V]] : memref<?x?xf64, strided<[?, ?], offset: ?>>) outs(%arg1 : memref<?x?xf64>)
func.func @outs(%x: memref<?xf64>, %o: memref<?x?xf64>) {
  kern.ufunc(%x : memref<?xf64>) outs(%o : memref<?x?xf64>) {
  ^bb0(%p: f64):
    %s = math.sin %p : f64
    kern.yield %s : f64
  }
  return
}

// -----

// A result type with a static size: checked against the size NumPy's rule
// gives at run time, and the inputs are viewed with the static size.
// CHECK-LABEL: func.func @static_result_size
// CHECK: %[[D0:.*]] = arith.select {{.*}} {kern.broadcast_size} : index
// CHECK: %[[D1:.*]] = arith.select {{.*}} {kern.broadcast_size} : index
// CHECK: kern.raise "ValueError", "operands could not be broadcast together
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK: arith.cmpi eq, %[[C3]], %[[D0]] : index
// CHECK: kern.raise "ValueError", "non-broadcastable output operand with shape (3,%d) doesn't match the broadcast shape (%d,%d)"(%[[D1]], %[[D0]], %[[D1]] : index, index, index)
// CHECK: kern.broadcast %arg0 to (%[[C3]], %[[D1]]) : memref<?x?xf64> -> memref<3x?xf64, strided<[?, ?], offset: ?>>
// CHECK: kern.broadcast %arg1 to (%[[C3]], %[[D1]]) : memref<?x?xf64> -> memref<3x?xf64, strided<[?, ?], offset: ?>>
func.func @static_result_size(%x: memref<?x?xf64>, %y: memref<?x?xf64>) -> memref<3x?xf64> {
  %z = kern.ufunc(%x, %y : memref<?x?xf64>, memref<?x?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<3x?xf64>
  return %z : memref<3x?xf64>
}

// -----

// A reduction over the elementwise product of a matrix and a row.
// CHECK-LABEL: func.func @reduce_map
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[N:.*]] = memref.dim %arg0
// CHECK: %[[A:.*]] = kern.broadcast %arg0 to (%[[N]], %[[C4]]) : memref<?x1xf64> -> memref<?x4xf64, strided<[?, ?], offset: ?>>
// CHECK: %[[B:.*]] = kern.broadcast %arg1 to (%[[N]], %[[C4]]) : memref<4xf64> -> memref<?x4xf64, strided<[?, ?], offset: ?>>
// CHECK: kern.reduce add(%[[A]], %[[B]] :
func.func @reduce_map(%a: memref<?x1xf64>, %b: memref<4xf64>) -> f64 {
  %s = kern.reduce add(%a, %b : memref<?x1xf64>, memref<4xf64>) map {
  ^bb0(%p: f64, %q: f64):
    %m = arith.mulf %p, %q : f64
    kern.yield %m : f64
  } : f64
  return %s : f64
}

// -----

// A single array reduced along an axis is already explicit.
// CHECK-LABEL: func.func @reduce_single
// CHECK-NOT: kern.broadcast
// CHECK: kern.reduce max(%arg0 : memref<?x?xf64>) axes [1]
func.func @reduce_single(%a: memref<?x?xf64>) -> memref<?xf64> {
  %m = kern.reduce max(%a : memref<?x?xf64>) axes [1] : memref<?xf64>
  return %m : memref<?xf64>
}

// -----

// Functions without kern ops are left alone.
// CHECK-LABEL: func.func @no_kern
// CHECK-NEXT: arith.addf
func.func @no_kern(%a: f64) -> f64 {
  %s = arith.addf %a, %a : f64
  return %s : f64
}
