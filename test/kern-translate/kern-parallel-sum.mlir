// examples/mlir/parallel-sum.mlir: with --kern-parallel the prange
// reduction runs on OpenMP threads; without it, it is a sequential loop.
// RUN: kern-translate --kern-to-llvmir --kern-parallel %kern_src_root/examples/mlir/parallel-sum.mlir | FileCheck %s --check-prefix=PAR
// RUN: kern-translate --kern-to-llvmir %kern_src_root/examples/mlir/parallel-sum.mlir | FileCheck %s --check-prefix=SEQ
// RUN: kern-translate --kern-to-obj --kern-parallel %kern_src_root/examples/mlir/parallel-sum.mlir -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ

// PAR: define double @parallel_sum(
// PAR: call void {{.*}}@__kmpc_fork_call{{(_if)?}}(
// PAR: define internal void @parallel_sum..omp_par(
// PAR: call {{.*}}@__kmpc_reduce
// PAR: define void @parallel_sum__kern_packed(ptr

// SEQ: define double @parallel_sum(
// SEQ-NOT: __kmpc
// SEQ: define void @parallel_sum__kern_packed(ptr

// OBJ-DAG: T parallel_sum__kern_packed
// OBJ-DAG: U __kmpc_fork_call{{(_if)?}}
