// examples/mlir/mandelbrot.mlir: rows of the image on OpenMP threads, the
// escape-time loop an scf.while inside scf.for inside the parallel loop.
// RUN: kern-translate --kern-to-llvmir --kern-parallel %kern_src_root/examples/mlir/mandelbrot.mlir | FileCheck %s
// RUN: kern-translate --kern-to-asm --kern-parallel %kern_src_root/examples/mlir/mandelbrot.mlir | FileCheck %s --check-prefix=ASM
// RUN: kern-translate --kern-to-llvmir %kern_src_root/examples/mlir/mandelbrot.mlir | FileCheck %s --check-prefix=SEQ

// CHECK: define { ptr, ptr, i64, [2 x i64], [2 x i64] } @mandelbrot(i64
// CHECK: call ptr @_mlir_memref_to_llvm_alloc(
// CHECK: call void {{.*}}@__kmpc_fork_call{{(_if)?}}(
// CHECK: define internal void @mandelbrot..omp_par(
// CHECK: call void @__kmpc_for_static_init_8u(
// CHECK: fcmp {{.*}}ole double
// CHECK: define void @mandelbrot__kern_packed(ptr

// The fork is in @mandelbrot or, inlined, in the packed wrapper.
// ASM-DAG: mandelbrot__kern_packed:
// ASM-DAG: callq __kmpc_fork_call{{(_if)?}}

// SEQ: define { ptr, ptr, i64, [2 x i64], [2 x i64] } @mandelbrot(i64
// SEQ-NOT: __kmpc
