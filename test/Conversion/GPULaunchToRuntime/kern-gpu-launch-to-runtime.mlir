// RUN: kern-opt %s --kern-gpu-launch-to-runtime | FileCheck %s

// A launch of a serialized kernel with a memref, an index, a float and a
// complex parameter: 5 + 1 + 1 + 1 parameter slots.

// CHECK-NOT: gpu.binary
// CHECK-LABEL: func.func @host(
// CHECK-SAME:    %[[A:.*]]: memref<?xf32>, %[[N:.*]]: index, %[[X:.*]]: f32, %[[Z:.*]]: complex<f64>)
// CHECK:         %[[S:.*]] = arith.constant 0 : i32
// CHECK:         call @k__kern_gpu_launch(%[[A]], %[[N]], %[[X]], %[[Z]], %[[N]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[S]])
// CHECK:       llvm.mlir.global internal constant @kern_gpu__kern_ptx("// PTX \22quoted\22\0A\00")
// CHECK:       llvm.mlir.global internal constant @k__kern_name("k\00")
// CHECK:       llvm.mlir.global internal @k__kern_slot()
// CHECK:       func.func private @k__kern_gpu_launch(%{{.*}}: memref<?xf32>, %{{.*}}: index, %{{.*}}: f32, %{{.*}}: complex<f64>, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: i32)
// CHECK:         llvm.mlir.constant(8 : i64) : i64
// CHECK:         llvm.extractvalue %{{.*}}[4, 0]
// CHECK:         arith.index_cast %{{.*}} : index to i64
// CHECK:         builtin.unrealized_conversion_cast %{{.*}} : complex<f64> to !llvm.struct<(f64, f64)>
// CHECK:         llvm.getelementptr %{{.*}}[7] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK:         %[[NOERR:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK:         call @kern_rt_gpu_launch(%{{.*}}, %[[NOERR]], %{{.*}}) : (!llvm.ptr, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64, i32, !llvm.ptr, i64, !llvm.ptr, i64) -> ()

module attributes {gpu.container_module} {
  gpu.binary @kern_gpu [#gpu.object<#nvvm.target<chip = "sm_80">, "// PTX \"quoted\"\n">]
  func.func @host(%a: memref<?xf32>, %n: index, %x: f32, %z: complex<f64>) {
    %c1 = arith.constant 1 : index
    %s = arith.constant 0 : i32
    gpu.launch_func @kern_gpu::@k blocks in (%n, %c1, %c1) threads in (%c1, %c1, %c1) dynamic_shared_memory_size %s args(%a : memref<?xf32>, %n : index, %x : f32, %z : complex<f64>)
    gpu.launch_func @kern_gpu::@k blocks in (%n, %c1, %c1) threads in (%c1, %c1, %c1) dynamic_shared_memory_size %s args(%a : memref<?xf32>, %n : index, %x : f32, %z : complex<f64>)
    return
  }
}
