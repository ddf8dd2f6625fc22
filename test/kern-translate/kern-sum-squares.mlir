// examples/mlir/sum-squares.mlir through kern-cpu-pipeline to LLVM IR,
// assembly and object code.
// RUN: kern-translate --kern-to-llvmir %kern_src_root/examples/mlir/sum-squares.mlir | FileCheck %s --check-prefix=IR
// RUN: kern-translate --kern-to-llvmir --kern-fastmath %kern_src_root/examples/mlir/sum-squares.mlir | FileCheck %s --check-prefix=FAST
// RUN: kern-translate --kern-to-llvmir --kern-opt-level=0 %kern_src_root/examples/mlir/sum-squares.mlir | FileCheck %s --check-prefix=O0
// RUN: kern-translate --kern-to-asm %kern_src_root/examples/mlir/sum-squares.mlir | FileCheck %s --check-prefix=ASM
// RUN: kern-translate --kern-to-obj %kern_src_root/examples/mlir/sum-squares.mlir -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ

// The entry, its packed wrapper (docs/abi.md), a strict-order sum.
// IR: target triple = "x86_64
// IR: define double @sum_squares(
// IR: fmul double
// IR: fadd double
// IR: define void @sum_squares__kern_packed(ptr
// IR-NOT: fast

// With fast-math the reduction is reassociated and vectorized.
// FAST: fadd fast <{{[0-9]+}} x double>

// O0 keeps the wrapper's call.
// O0: define void @sum_squares__kern_packed(ptr
// O0: call double @sum_squares(

// ASM: .globl sum_squares__kern_packed
// ASM: sum_squares__kern_packed:

// OBJ: T sum_squares
// OBJ: T sum_squares__kern_packed
