// RUN: kern-opt %s --convert-kern-gpu-to-host | FileCheck %s
// RUN: kern-opt %s --kern-cpu-pipeline | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func @k(
// CHECK-SAME:    %[[A:.*]]: memref<?xf32>, %[[TX:.*]]: index, %{{.*}}: index, %{{.*}}: index, %[[BX:.*]]: index, %{{.*}}: index, %{{.*}}: index, %[[DX:.*]]: index, %{{.*}}: index, %{{.*}}: index, %[[GX:.*]]: index, %{{.*}}: index, %{{.*}}: index, %[[SH:.*]]: memref<?xi8>, %[[CTX:.*]]: !llvm.ptr)
// CHECK:         %[[M:.*]] = arith.muli %[[BX]], %[[DX]] : index
// CHECK:         %[[I:.*]] = arith.addi %[[M]], %[[TX]] : index
// CHECK:         %[[V:.*]] = memref.view %[[SH]][%{{.*}}][] : memref<?xi8> to memref<64xf32>
// CHECK:         memref.store %{{.*}}, %[[V]][%[[TX]]] : memref<64xf32>
// CHECK:         call @kern_rt_cuda_barrier(%[[CTX]]) : (!llvm.ptr) -> ()
// CHECK:         memref.view %[[SH]][%{{.*}}][%{{.*}}] : memref<?xi8> to memref<?xf32>
// CHECK:         arith.muli %[[GX]], %[[DX]] : index
// CHECK-LABEL: func.func @host(
// CHECK:         call @k__kern_launch(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (memref<?xf32>, index, index, index, index, index, index, index) -> ()
// CHECK-LABEL: func.func private @k__kern_thread(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK:         call @k(
// CHECK-LABEL: func.func private @k__kern_launch(
// CHECK:         %[[F:.*]] = constant @k__kern_thread : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK:         call @kern_rt_cuda_launch(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64, i64, i64, i32) -> ()

// LLVM: llvm.func @kern_rt_cuda_launch
// LLVM: llvm.mlir.addressof @k__kern_thread
func.func @k(%a: memref<?xf32>) attributes {kern.kernel} {
  %t = kern.gpu_index thread_id x : index
  %i = kern.grid x : index
  %s = kern.shared_alloc : memref<64xf32, 3>
  %v = memref.memory_space_cast %s : memref<64xf32, 3> to memref<64xf32>
  %x = memref.load %a[%i] : memref<?xf32>
  memref.store %x, %v[%t] : memref<64xf32>
  kern.barrier
  %d = kern.dynamic_shared : memref<?xf32, 3>
  %dv = memref.memory_space_cast %d : memref<?xf32, 3> to memref<?xf32>
  %y = memref.load %v[%t] : memref<64xf32>
  memref.store %y, %dv[%t] : memref<?xf32>
  %n = kern.gridsize x : index
  %z = memref.load %dv[%n] : memref<?xf32>
  memref.store %z, %a[%i] : memref<?xf32>
  return
}

func.func @host(%a: memref<?xf32>, %n: index, %c1: index, %bytes: index) attributes {kern.entry} {
  kern.launch @k blocks(%n, %c1, %c1) threads(%c1, %c1, %c1) shared(%bytes) args(%a : memref<?xf32>)
  return
}
