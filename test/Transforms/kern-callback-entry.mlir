// RUN: kern-opt %s --kern-packed-entry --kern-callback-entry --split-input-file | FileCheck %s
// RUN: kern-opt %s --kern-packed-entry --kern-callback-entry --kern-callback-entry --split-input-file | FileCheck %s

// Code that may raise: the callback runs the packed wrapper under
// kernRuntimeCallback, arguments and result in stack cells.
// CHECK-LABEL: func.func private @kernRuntimeCallback((!llvm.ptr) -> (), !llvm.ptr) -> i32
// CHECK-LABEL: func.func @f(
// CHECK-LABEL: func.func @cf(
// CHECK-SAME:      %[[X:.*]]: f64, %[[N:.*]]: i32) -> f64 {
// CHECK:         %[[XC:.*]] = llvm.alloca %{{.*}} x f64 : (i64) -> !llvm.ptr
// CHECK:         llvm.store %[[X]], %[[XC]] : f64, !llvm.ptr
// CHECK:         %[[NC:.*]] = llvm.alloca %{{.*}} x i32 : (i64) -> !llvm.ptr
// CHECK:         llvm.store %[[N]], %[[NC]] : i32, !llvm.ptr
// CHECK:         %[[RC:.*]] = llvm.alloca %{{.*}} x f64 : (i64) -> !llvm.ptr
// CHECK:         %[[SLOTS:.*]] = llvm.alloca %{{.*}} x !llvm.ptr : (i64) -> !llvm.ptr
// CHECK:         %[[S0:.*]] = llvm.getelementptr %[[SLOTS]][0]
// CHECK:         llvm.store %[[XC]], %[[S0]] : !llvm.ptr, !llvm.ptr
// CHECK:         %[[S2:.*]] = llvm.getelementptr %[[SLOTS]][2]
// CHECK:         llvm.store %[[RC]], %[[S2]] : !llvm.ptr, !llvm.ptr
// CHECK:         %[[P:.*]] = constant @f__kern_packed : (!llvm.ptr) -> ()
// CHECK:         call @kernRuntimeCallback(%[[P]], %[[SLOTS]])
// CHECK:         %[[R:.*]] = llvm.load %[[RC]] : !llvm.ptr -> f64
// CHECK:         return %[[R]] : f64
// CHECK-NOT:   func.func @cf(
func.func private @kern_rt_raise(i32, !llvm.ptr, i64, !llvm.ptr)
func.func @f(%x: f64, %n: i32) -> f64 attributes {kern.entry, kern.callback = "cf"} {
  %c0 = arith.constant 0 : i32
  %bad = arith.cmpi eq, %n, %c0 : i32
  scf.if %bad {
    %kind = arith.constant 3 : i32
    %null = llvm.mlir.zero : !llvm.ptr
    %none = arith.constant 0 : i64
    func.call @kern_rt_raise(%kind, %null, %none, %null) : (i32, !llvm.ptr, i64, !llvm.ptr) -> ()
  }
  %y = arith.mulf %x, %x : f64
  return %y : f64
}

// -----

// Code that cannot raise: the callback calls the entry directly.
// CHECK-LABEL: func.func @g(
// CHECK-LABEL: func.func @cg(
// CHECK-SAME:      %[[A:.*]]: i64) -> i64 {
// CHECK-NEXT:    %[[R:.*]] = call @g(%[[A]]) : (i64) -> i64
// CHECK-NEXT:    return %[[R]] : i64
// CHECK-NOT:     kernRuntimeCallback
func.func @g(%a: i64) -> i64 attributes {kern.entry, kern.callback = "cg"} {
  %b = arith.addi %a, %a : i64
  return %b : i64
}

// -----

// An entry without kern.callback gets no callback.
// CHECK-LABEL: func.func @h(
// CHECK-NOT:   kernRuntimeCallback
// CHECK-LABEL: func.func @h__kern_packed(
func.func @h(%a: f32) -> f32 attributes {kern.entry} {
  return %a : f32
}
