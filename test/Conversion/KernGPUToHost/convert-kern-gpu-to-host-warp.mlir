// RUN: kern-opt %s --convert-kern-gpu-to-host | FileCheck %s
// RUN: kern-opt %s --kern-cpu-pipeline | FileCheck %s --check-prefix=LLVM

// The warp ops and kern.barrier_reduce become calls of the runtime
// (lib/Runtime/CudaWarp.c) with the thread's context, the op's code, the
// mask, the value's bits and the lane, delta or call site; a kernel that
// has them runs its threads as fibers (the launch's last operand, 1).

// CHECK-LABEL: func.func @k(
// CHECK-SAME:    %[[A:[^:]*]]: memref<?xf32>, %[[M:[^:]*]]: i32,
// CHECK-SAME:    %[[CTX:[^:]*]]: !llvm.ptr)
// CHECK:         %[[X:.*]] = memref.load %[[A]]
// CHECK:         %[[D:.*]] = arith.extui %{{.*}} : i32 to i64
// CHECK:         %[[DOWN:.*]] = arith.constant 2 : i32
// CHECK:         %[[XB:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK:         %[[XW:.*]] = arith.extui %[[XB]] : i32 to i64
// CHECK:         %[[R:.*]] = call @kern_rt_cuda_warp(%[[CTX]], %[[DOWN]], %[[M]], %[[XW]], %[[D]]) : (!llvm.ptr, i32, i32, i64, i64) -> i64
// CHECK:         %[[RT:.*]] = arith.trunci %[[R]] : i64 to i32
// CHECK:         %[[RF:.*]] = arith.bitcast %[[RT]] : i32 to f32
// CHECK:         %[[BALLOT:.*]] = arith.constant 6 : i32
// CHECK:         %[[P:.*]] = arith.extui %{{.*}} : i1 to i64
// CHECK:         %[[B:.*]] = call @kern_rt_cuda_warp(%[[CTX]], %[[BALLOT]], %[[M]], %[[P]], %{{.*}})
// CHECK:         %[[BT:.*]] = arith.trunci %[[B]] : i64 to i32
// CHECK:         %[[ALL:.*]] = arith.constant 4 : i32
// CHECK:         %[[V:.*]] = call @kern_rt_cuda_warp(%[[CTX]], %[[ALL]], %[[M]], %{{.*}}, %{{.*}})
// CHECK:         arith.trunci %[[V]] : i64 to i1
// CHECK:         %[[POPC:.*]] = arith.constant 1 : i32
// CHECK:         call @kern_rt_cuda_barrier_reduce(%[[CTX]], %[[POPC]], %[[BT]]) : (!llvm.ptr, i32, i32) -> i32
// CHECK:         %[[MATCH:.*]] = arith.constant 8 : i32
// CHECK:         call @kern_rt_cuda_warp(%[[CTX]], %[[MATCH]], %[[M]], %{{.*}}, %{{.*}})
// CHECK:         %[[SITE:.*]] = arith.constant 5 : i64
// CHECK:         %[[ACTIVE:.*]] = arith.constant 9 : i32
// CHECK:         %[[FULL:.*]] = arith.constant -1 : i32
// CHECK:         call @kern_rt_cuda_warp(%[[CTX]], %[[ACTIVE]], %[[FULL]], %{{.*}}, %[[SITE]])
// CHECK:         %[[SYNC:.*]] = arith.constant 10 : i32
// CHECK:         call @kern_rt_cuda_warp(%[[CTX]], %[[SYNC]], %[[M]], %{{.*}}, %{{.*}})
// CHECK-NOT:     kern.
// CHECK:         memref.store %[[RF]], %[[A]]
// CHECK-LABEL: func.func private @k__kern_launch(
// CHECK:         %[[FIBERS:.*]] = arith.constant 1 : i32
// CHECK:         call @kern_rt_cuda_launch({{.*}}, %[[FIBERS]])

// LLVM: llvm.func @kern_rt_cuda_warp(!llvm.ptr, i32, i32, i64, i64) -> i64
// LLVM: llvm.call @kern_rt_cuda_warp
// LLVM: llvm.call @kern_rt_cuda_barrier_reduce
func.func @k(%a: memref<?xf32>, %m: i32) attributes {kern.kernel} {
  %t = kern.gpu_index thread_id x : index
  %x = memref.load %a[%t] : memref<?xf32>
  %c1 = arith.constant 1 : i32
  %r = kern.shuffle down %x, %c1, %m : f32
  %p = arith.constant true
  %b = kern.vote ballot %m, %p : i32
  %all = kern.vote all %m, %p : i1
  %n = kern.barrier_reduce popc %b : i32
  %q = kern.match all %m, %r : f32
  %am = kern.active_mask : i32
  kern.warp_sync %m
  memref.store %r, %a[%t] : memref<?xf32>
  return
}

func.func @host(%a: memref<?xf32>, %m: i32, %c1: index) {
  kern.launch @k blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1)
      args(%a, %m : memref<?xf32>, i32)
  return
}
