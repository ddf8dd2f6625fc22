// RUN: kern-opt %s --kern-packed-entry --split-input-file | FileCheck %s
// RUN: kern-opt %s --kern-packed-entry --kern-packed-entry --split-input-file | FileCheck %s

// Each argument is loaded through its slot as its LLVM type, memrefs as the
// descriptor struct cast back to the memref; results are stored through the
// slots after the arguments.
// CHECK-LABEL: func.func @scale(
// CHECK-LABEL: func.func @scale__kern_packed(
// CHECK-SAME:      %[[SLOTS:.*]]: !llvm.ptr) {
// CHECK:         %[[P0:.*]] = llvm.getelementptr %[[SLOTS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK:         %[[S0:.*]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[D0:.*]] = llvm.load %[[S0]] : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK:         %[[X:.*]] = builtin.unrealized_conversion_cast %[[D0]] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK:         %[[P1:.*]] = llvm.getelementptr %[[SLOTS]][1]
// CHECK:         %[[S1:.*]] = llvm.load %[[P1]] : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[A:.*]] = llvm.load %[[S1]] : !llvm.ptr -> f64
// CHECK:         %[[R:.*]] = call @scale(%[[X]], %[[A]]) : (memref<?x?xf64, strided<[?, ?], offset: ?>>, f64) -> memref<?x?xf64>
// CHECK:         %[[P2:.*]] = llvm.getelementptr %[[SLOTS]][2]
// CHECK:         %[[S2:.*]] = llvm.load %[[P2]] : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[D2:.*]] = builtin.unrealized_conversion_cast %[[R]] : memref<?x?xf64> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK:         llvm.store %[[D2]], %[[S2]] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, !llvm.ptr
// CHECK:         return
// CHECK-NOT:   __kern_packed__kern_packed
func.func @scale(%x: memref<?x?xf64, strided<[?, ?], offset: ?>>, %a: f64) -> memref<?x?xf64> attributes {kern.entry} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?x?xf64, strided<[?, ?], offset: ?>>
  %m = memref.dim %x, %c1 : memref<?x?xf64, strided<[?, ?], offset: ?>>
  %r = memref.alloc(%n, %m) : memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// -----

// index travels as i64, complex<f64> as {re, im}, i1 as a byte; a rank-0
// memref has no size and stride arrays.
// CHECK-LABEL: func.func @scalars__kern_packed(
// CHECK:         %[[I:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK:         %[[N:.*]] = builtin.unrealized_conversion_cast %[[I]] : i64 to index
// CHECK:         %[[Z:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.struct<(f64, f64)>
// CHECK:         %[[C:.*]] = builtin.unrealized_conversion_cast %[[Z]] : !llvm.struct<(f64, f64)> to complex<f64>
// CHECK:         %[[B:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i1
// CHECK:         %[[D:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64)>
// CHECK:         %[[M:.*]] = builtin.unrealized_conversion_cast %[[D]] : !llvm.struct<(ptr, ptr, i64)> to memref<f32>
// CHECK:         %[[R:.*]]:2 = call @scalars(%[[N]], %[[C]], %[[B]], %[[M]])
// CHECK:         %[[RI:.*]] = builtin.unrealized_conversion_cast %[[R]]#0 : index to i64
// CHECK:         llvm.store %[[RI]], %{{.*}} : i64, !llvm.ptr
// CHECK:         llvm.store %[[R]]#1, %{{.*}} : i32, !llvm.ptr
func.func @scalars(%n: index, %c: complex<f64>, %b: i1, %m: memref<f32>) -> (index, i32) attributes {kern.entry} {
  %z = arith.constant 0 : i32
  return %n, %z : index, i32
}

// -----

// Functions without kern.entry get no wrapper.
// CHECK-LABEL: func.func @helper
// CHECK-NOT: __kern_packed
func.func @helper(%x: f64) -> f64 {
  return %x : f64
}

// -----

// A list (a pointer to the runtime's KernList) goes through its slot as
// the pointer itself, in and out.
// CHECK-LABEL: func.func @lists__kern_packed(
// CHECK-SAME:      %[[SLOTS:.*]]: !llvm.ptr) {
// CHECK:         %[[S0:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[L:.*]] = llvm.load %[[S0]] : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[R:.*]] = call @lists(%[[L]]) : (!llvm.ptr) -> !llvm.ptr
// CHECK:         llvm.store %[[R]], %{{.*}} : !llvm.ptr, !llvm.ptr
func.func @lists(%l: !llvm.ptr) -> !llvm.ptr attributes {kern.entry} {
  return %l : !llvm.ptr
}

// -----

// A name longer than the former 498-byte buffer (mangled signatures of
// many arguments are long) still gets its packed entry.
// CHECK-LABEL: func.func @f_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx__kern_packed(
// CHECK: call @f_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx(
func.func @f_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx(%a: f64) -> f64 attributes {kern.entry} {
  return %a : f64
}
