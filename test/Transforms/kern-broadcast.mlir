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

// -----

// A 17-D broadcast (more than the former 16 dimensions): the 1-D
// operand is viewed with the 17 iteration sizes.
// CHECK-LABEL: func.func @broadcast_17d
// CHECK: kern.broadcast %arg0 to (%{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}) : memref<?xf64> -> memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64, strided<[?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?], offset: ?>>
// CHECK: kern.ufunc
func.func @broadcast_17d(%x: memref<?xf64>, %y: memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>) -> memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64> {
  %z = kern.ufunc(%x, %y : memref<?xf64>, memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
  return %z : memref<?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?xf64>
}

// -----

// 130 dynamic 1-D arrays and one of size 4 (more than the former 128
// array operands): each dynamic one is checked and viewed at size 4.
// CHECK-LABEL: func.func @broadcast_many_arrays
// CHECK-COUNT-130: kern.broadcast %arg{{[0-9]+}} to (%{{.*}}) : memref<?xf64> -> memref<4xf64, strided<[?], offset: ?>>
// CHECK-NOT: kern.broadcast
// CHECK: kern.ufunc
func.func @broadcast_many_arrays(%a0: memref<?xf64>, %a1: memref<?xf64>, %a2: memref<?xf64>, %a3: memref<?xf64>, %a4: memref<?xf64>, %a5: memref<?xf64>, %a6: memref<?xf64>, %a7: memref<?xf64>, %a8: memref<?xf64>, %a9: memref<?xf64>, %a10: memref<?xf64>, %a11: memref<?xf64>, %a12: memref<?xf64>, %a13: memref<?xf64>, %a14: memref<?xf64>, %a15: memref<?xf64>, %a16: memref<?xf64>, %a17: memref<?xf64>, %a18: memref<?xf64>, %a19: memref<?xf64>, %a20: memref<?xf64>, %a21: memref<?xf64>, %a22: memref<?xf64>, %a23: memref<?xf64>, %a24: memref<?xf64>, %a25: memref<?xf64>, %a26: memref<?xf64>, %a27: memref<?xf64>, %a28: memref<?xf64>, %a29: memref<?xf64>, %a30: memref<?xf64>, %a31: memref<?xf64>, %a32: memref<?xf64>, %a33: memref<?xf64>, %a34: memref<?xf64>, %a35: memref<?xf64>, %a36: memref<?xf64>, %a37: memref<?xf64>, %a38: memref<?xf64>, %a39: memref<?xf64>, %a40: memref<?xf64>, %a41: memref<?xf64>, %a42: memref<?xf64>, %a43: memref<?xf64>, %a44: memref<?xf64>, %a45: memref<?xf64>, %a46: memref<?xf64>, %a47: memref<?xf64>, %a48: memref<?xf64>, %a49: memref<?xf64>, %a50: memref<?xf64>, %a51: memref<?xf64>, %a52: memref<?xf64>, %a53: memref<?xf64>, %a54: memref<?xf64>, %a55: memref<?xf64>, %a56: memref<?xf64>, %a57: memref<?xf64>, %a58: memref<?xf64>, %a59: memref<?xf64>, %a60: memref<?xf64>, %a61: memref<?xf64>, %a62: memref<?xf64>, %a63: memref<?xf64>, %a64: memref<?xf64>, %a65: memref<?xf64>, %a66: memref<?xf64>, %a67: memref<?xf64>, %a68: memref<?xf64>, %a69: memref<?xf64>, %a70: memref<?xf64>, %a71: memref<?xf64>, %a72: memref<?xf64>, %a73: memref<?xf64>, %a74: memref<?xf64>, %a75: memref<?xf64>, %a76: memref<?xf64>, %a77: memref<?xf64>, %a78: memref<?xf64>, %a79: memref<?xf64>, %a80: memref<?xf64>, %a81: memref<?xf64>, %a82: memref<?xf64>, %a83: memref<?xf64>, %a84: memref<?xf64>, %a85: memref<?xf64>, %a86: memref<?xf64>, %a87: memref<?xf64>, %a88: memref<?xf64>, %a89: memref<?xf64>, %a90: memref<?xf64>, %a91: memref<?xf64>, %a92: memref<?xf64>, %a93: memref<?xf64>, %a94: memref<?xf64>, %a95: memref<?xf64>, %a96: memref<?xf64>, %a97: memref<?xf64>, %a98: memref<?xf64>, %a99: memref<?xf64>, %a100: memref<?xf64>, %a101: memref<?xf64>, %a102: memref<?xf64>, %a103: memref<?xf64>, %a104: memref<?xf64>, %a105: memref<?xf64>, %a106: memref<?xf64>, %a107: memref<?xf64>, %a108: memref<?xf64>, %a109: memref<?xf64>, %a110: memref<?xf64>, %a111: memref<?xf64>, %a112: memref<?xf64>, %a113: memref<?xf64>, %a114: memref<?xf64>, %a115: memref<?xf64>, %a116: memref<?xf64>, %a117: memref<?xf64>, %a118: memref<?xf64>, %a119: memref<?xf64>, %a120: memref<?xf64>, %a121: memref<?xf64>, %a122: memref<?xf64>, %a123: memref<?xf64>, %a124: memref<?xf64>, %a125: memref<?xf64>, %a126: memref<?xf64>, %a127: memref<?xf64>, %a128: memref<?xf64>, %a129: memref<?xf64>, %s: memref<4xf64>) -> memref<4xf64> {
  %z = kern.ufunc(%a0, %a1, %a2, %a3, %a4, %a5, %a6, %a7, %a8, %a9, %a10, %a11, %a12, %a13, %a14, %a15, %a16, %a17, %a18, %a19, %a20, %a21, %a22, %a23, %a24, %a25, %a26, %a27, %a28, %a29, %a30, %a31, %a32, %a33, %a34, %a35, %a36, %a37, %a38, %a39, %a40, %a41, %a42, %a43, %a44, %a45, %a46, %a47, %a48, %a49, %a50, %a51, %a52, %a53, %a54, %a55, %a56, %a57, %a58, %a59, %a60, %a61, %a62, %a63, %a64, %a65, %a66, %a67, %a68, %a69, %a70, %a71, %a72, %a73, %a74, %a75, %a76, %a77, %a78, %a79, %a80, %a81, %a82, %a83, %a84, %a85, %a86, %a87, %a88, %a89, %a90, %a91, %a92, %a93, %a94, %a95, %a96, %a97, %a98, %a99, %a100, %a101, %a102, %a103, %a104, %a105, %a106, %a107, %a108, %a109, %a110, %a111, %a112, %a113, %a114, %a115, %a116, %a117, %a118, %a119, %a120, %a121, %a122, %a123, %a124, %a125, %a126, %a127, %a128, %a129, %s : memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<4xf64>) {
  ^bb0(%b0: f64, %b1: f64, %b2: f64, %b3: f64, %b4: f64, %b5: f64, %b6: f64, %b7: f64, %b8: f64, %b9: f64, %b10: f64, %b11: f64, %b12: f64, %b13: f64, %b14: f64, %b15: f64, %b16: f64, %b17: f64, %b18: f64, %b19: f64, %b20: f64, %b21: f64, %b22: f64, %b23: f64, %b24: f64, %b25: f64, %b26: f64, %b27: f64, %b28: f64, %b29: f64, %b30: f64, %b31: f64, %b32: f64, %b33: f64, %b34: f64, %b35: f64, %b36: f64, %b37: f64, %b38: f64, %b39: f64, %b40: f64, %b41: f64, %b42: f64, %b43: f64, %b44: f64, %b45: f64, %b46: f64, %b47: f64, %b48: f64, %b49: f64, %b50: f64, %b51: f64, %b52: f64, %b53: f64, %b54: f64, %b55: f64, %b56: f64, %b57: f64, %b58: f64, %b59: f64, %b60: f64, %b61: f64, %b62: f64, %b63: f64, %b64: f64, %b65: f64, %b66: f64, %b67: f64, %b68: f64, %b69: f64, %b70: f64, %b71: f64, %b72: f64, %b73: f64, %b74: f64, %b75: f64, %b76: f64, %b77: f64, %b78: f64, %b79: f64, %b80: f64, %b81: f64, %b82: f64, %b83: f64, %b84: f64, %b85: f64, %b86: f64, %b87: f64, %b88: f64, %b89: f64, %b90: f64, %b91: f64, %b92: f64, %b93: f64, %b94: f64, %b95: f64, %b96: f64, %b97: f64, %b98: f64, %b99: f64, %b100: f64, %b101: f64, %b102: f64, %b103: f64, %b104: f64, %b105: f64, %b106: f64, %b107: f64, %b108: f64, %b109: f64, %b110: f64, %b111: f64, %b112: f64, %b113: f64, %b114: f64, %b115: f64, %b116: f64, %b117: f64, %b118: f64, %b119: f64, %b120: f64, %b121: f64, %b122: f64, %b123: f64, %b124: f64, %b125: f64, %b126: f64, %b127: f64, %b128: f64, %b129: f64, %b130: f64):
    kern.yield %b130 : f64
  } -> memref<4xf64>
  return %z : memref<4xf64>
}
