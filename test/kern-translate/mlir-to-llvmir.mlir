// Input already lowered by kern-opt goes through upstream's translation.
// RUN: kern-opt --kern-cpu-pipeline %kern_src_root/examples/mlir/sum-squares.mlir | kern-translate --mlir-to-llvmir | FileCheck %s
// RUN: kern-opt --pass-pipeline='builtin.module(kern-cpu-pipeline{fastmath=1})' %kern_src_root/examples/mlir/sum-squares.mlir | kern-translate --mlir-to-llvmir | FileCheck %s

// Unoptimised: the wrapper loads the descriptor through slot 0, calls the
// entry and stores the double through slot 1.
// CHECK: define double @sum_squares(
// CHECK: define void @sum_squares__kern_packed(ptr %0)
// CHECK:   %[[S0:.*]] = load ptr, ptr %0
// CHECK:   load { ptr, ptr, i64, [1 x i64], [1 x i64] }, ptr %[[S0]]
// CHECK:   %[[R:.*]] = call double @sum_squares(
// CHECK:   %[[P1:.*]] = getelementptr ptr, ptr %0, i32 1
// CHECK:   %[[S1:.*]] = load ptr, ptr %[[P1]]
// CHECK:   store double %[[R]], ptr %[[S1]]

// LLVM-dialect input written by hand (what kern-cpu-pipeline produces:
// functions, control flow, memref descriptors as structs, runtime calls)
// translates to the corresponding LLVM IR.
// RUN: kern-translate --mlir-to-llvmir %s | FileCheck %s --check-prefix=LLVM

// LLVM: @kern_msg = private constant [5 x i8] c"oops\00"
llvm.mlir.global private constant @kern_msg("oops\00") {addr_space = 0 : i32}

// LLVM: declare void @kern_rt_raise(i32, ptr)
llvm.func @kern_rt_raise(i32, !llvm.ptr)

// Sum of a strided 1-d f64 array given as a memref descriptor.
// LLVM-LABEL: define double @sum(ptr %0, ptr %1, i64 %2, i64 %3, i64 %4)
// LLVM:         br label %[[HEAD:[0-9]+]]
// LLVM:       [[HEAD]]:
// LLVM-NEXT:    %[[I:[0-9]+]] = phi i64 [ %{{[0-9]+}}, %{{[0-9]+}} ], [ 0, %5 ]
// LLVM-NEXT:    %[[ACC:[0-9]+]] = phi double
// LLVM-NEXT:    %[[C:[0-9]+]] = icmp slt i64 %[[I]], %3
// LLVM-NEXT:    br i1 %[[C]]
// LLVM:         %[[OFF:[0-9]+]] = mul i64 %[[I]], %4
// LLVM:         getelementptr double, ptr %1, i64
// LLVM:         %[[V:[0-9]+]] = load double, ptr
// LLVM:         fadd reassoc contract double %[[ACC]], %[[V]]
// LLVM:         ret double %[[ACC]]
llvm.func @sum(%alloc: !llvm.ptr, %align: !llvm.ptr, %offset: i64, %size: i64, %stride: i64) -> f64 {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %zero = llvm.mlir.constant(0.0 : f64) : f64
  llvm.br ^head(%c0, %zero : i64, f64)
^head(%i: i64, %acc: f64):
  %more = llvm.icmp "slt" %i, %size : i64
  llvm.cond_br %more, ^body, ^exit
^body:
  %scaled = llvm.mul %i, %stride : i64
  %idx = llvm.add %scaled, %offset : i64
  %p = llvm.getelementptr %align[%idx] : (!llvm.ptr, i64) -> !llvm.ptr, f64
  %v = llvm.load %p : !llvm.ptr -> f64
  %next = llvm.fadd %acc, %v {fastmathFlags = #llvm.fastmath<reassoc, contract>} : f64
  %inext = llvm.add %i, %c1 : i64
  llvm.br ^head(%inext, %next : i64, f64)
^exit:
  llvm.return %acc : f64
}

// A run-time error: the message global and a call of the runtime.
// LLVM-LABEL: define void @fail(i32 %0)
// LLVM-NEXT:    call void @kern_rt_raise(i32 %0, ptr @kern_msg)
// LLVM-NEXT:    ret void
llvm.func @fail(%kind: i32) {
  %msg = llvm.mlir.addressof @kern_msg : !llvm.ptr
  llvm.call @kern_rt_raise(%kind, %msg) : (i32, !llvm.ptr) -> ()
  llvm.return
}

// A select and a math intrinsic, with the function attribute kept.
// LLVM-LABEL: define float @relu_sqrt(float %0)
// LLVM-SAME:    #[[ATTRS:[0-9]+]]
// LLVM:         %[[GT:[0-9]+]] = fcmp ogt float %0, 0.000000e+00
// LLVM-NEXT:    %[[S:[0-9]+]] = select i1 %[[GT]], float %0, float 0.000000e+00
// LLVM-NEXT:    %[[R:[0-9]+]] = call float @llvm.sqrt.f32(float %[[S]])
// LLVM-NEXT:    ret float %[[R]]
// LLVM:       attributes #[[ATTRS]] = { nounwind }
llvm.func @relu_sqrt(%x: f32) -> f32 attributes {passthrough = ["nounwind"]} {
  %zero = llvm.mlir.constant(0.0 : f32) : f32
  %gt = llvm.fcmp "ogt" %x, %zero : f32
  %s = llvm.select %gt, %x, %zero : i1, f32
  %r = llvm.intr.sqrt(%s) : (f32) -> f32
  llvm.return %r : f32
}
