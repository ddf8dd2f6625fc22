// examples/mlir/fused-expression.mlir: the math calls of the loop are
// vectorized through glibc's libmvec (_ZGV<isa>N<lanes>v_<name>).
// RUN: kern-translate --kern-to-llvmir %kern_src_root/examples/mlir/fused-expression.mlir | FileCheck %s
// RUN: kern-translate --kern-to-obj %kern_src_root/examples/mlir/fused-expression.mlir -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ

// kern-fuse leaves one loop and one allocation (the result), no temporaries.
// CHECK: define { ptr, ptr, i64, [1 x i64], [1 x i64] } @fused(
// CHECK: call ptr @_mlir_memref_to_llvm_alloc(
// CHECK-NOT: call ptr @_mlir_memref_to_llvm_alloc(
// CHECK-NOT: call void @_mlir_memref_to_llvm_free(
// CHECK-DAG: call <{{[0-9]+}} x double> @_ZGV{{[a-z]}}N{{[0-9]+}}v_sin(
// CHECK-DAG: call <{{[0-9]+}} x double> @_ZGV{{[a-z]}}N{{[0-9]+}}v_exp(
// CHECK-DAG: call <{{[0-9]+}} x double> @llvm.sqrt.v{{[0-9]+}}f64(
// CHECK: define void @fused__kern_packed(ptr

// OBJ-DAG: T fused
// OBJ-DAG: T fused__kern_packed
// OBJ-DAG: U _ZGV{{[a-z]}}N{{[0-9]+}}v_exp
// OBJ-DAG: U _ZGV{{[a-z]}}N{{[0-9]+}}v_sin
// OBJ-DAG: U _mlir_memref_to_llvm_alloc
