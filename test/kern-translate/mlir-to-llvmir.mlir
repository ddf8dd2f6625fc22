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
