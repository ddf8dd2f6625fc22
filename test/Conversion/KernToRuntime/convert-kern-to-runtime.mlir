// RUN: kern-opt %s --convert-kern-to-runtime --split-input-file | FileCheck %s
// RUN: kern-opt %s --convert-kern-to-runtime --split-input-file | kern-opt --convert-kern-to-runtime --split-input-file | FileCheck %s --check-prefix=TWICE

// The runtime functions are declared once per module, whatever the number
// of uses.
// CHECK-DAG: func.func private @kern_rt_random_uniform_f64() -> f64
// CHECK-DAG: func.func private @kern_rt_random_normal_f64() -> f64
// CHECK-DAG: func.func private @kern_rt_seed(i64)
// CHECK-LABEL: func.func @random
// CHECK-NOT: kern.
// CHECK: %[[S:.*]] = arith.extsi %arg0 : i32 to i64
// CHECK: call @kern_rt_seed(%[[S]]) : (i64) -> ()
// CHECK: %[[U:.*]] = call @kern_rt_random_uniform_f64() : () -> f64
// CHECK: %[[N:.*]] = call @kern_rt_random_normal_f64() : () -> f64
// CHECK: %[[N32:.*]] = arith.truncf %[[N]] : f64 to f32
// CHECK: %[[U2:.*]] = call @kern_rt_random_uniform_f64() : () -> f64
// CHECK: return %[[U]], %[[N32]], %[[U2]]
// TWICE-COUNT-1: func.func private @kern_rt_random_uniform_f64
// TWICE-NOT: func.func private @kern_rt_random_uniform_f64
func.func @random(%s: i32) -> (f64, f32, f64) {
  kern.seed %s : i32
  %u = kern.random uniform : f64
  %n = kern.random normal : f32
  %v = kern.random uniform : f64
  return %u, %n, %v : f64, f32, f64
}

// -----

// bits: the generator's next 32-bit word, as it is.
// CHECK-DAG: func.func private @kern_rt_random_bits32() -> i32
// CHECK-LABEL: func.func @bits
// CHECK: %[[W:.*]] = call @kern_rt_random_bits32() : () -> i32
// CHECK-NEXT: return %[[W]] : i32
func.func @bits() -> i32 {
  %w = kern.random bits : i32
  return %w : i32
}

// -----

// Seeds of every width become i64 (i1 zero-extended, wider truncated).
// CHECK-LABEL: func.func @seeds
// CHECK: call @kern_rt_seed(%arg0) : (i64) -> ()
// CHECK: %[[B:.*]] = arith.extui %arg1 : i1 to i64
// CHECK: call @kern_rt_seed(%[[B]])
// CHECK: %[[W:.*]] = arith.trunci %arg2 : i128 to i64
// CHECK: call @kern_rt_seed(%[[W]])
func.func @seeds(%a: i64, %b: i1, %c: i128) {
  kern.seed %a : i64
  kern.seed %b : i1
  kern.seed %c : i128
  return
}

// -----

// A raise: the message as a NUL-terminated constant, the operands packed in
// a stack buffer of i64 at the start of the function, the kind as
// KernErrorKind.
// CHECK-DAG: func.func private @kern_rt_raise(i32, !llvm.ptr, i64, !llvm.ptr)
// CHECK-DAG: llvm.mlir.global internal constant @[[MSG:kern_rt_msg[_0-9]*]]("index %d is out of bounds for axis %d with size %d (%g)\00")
// CHECK-DAG: llvm.mlir.global internal constant @[[ZD:kern_rt_msg[_0-9]*]]("division by zero\00")
// CHECK-LABEL: func.func @raise
// CHECK-NEXT: %[[BUF:.*]] = memref.alloca() : memref<4xi64>
// CHECK: memref.store %arg0, %[[BUF]][%{{.*}}] : memref<4xi64>
// CHECK: %[[AX:.*]] = arith.extsi %arg1 : i32 to i64
// CHECK: memref.store %[[AX]], %[[BUF]]
// CHECK: %[[N:.*]] = arith.index_cast %arg2 : index to i64
// CHECK: memref.store %[[N]], %[[BUF]]
// CHECK: %[[X:.*]] = arith.extf %arg3 : f32 to f64
// CHECK: %[[XB:.*]] = arith.bitcast %[[X]] : f64 to i64
// CHECK: memref.store %[[XB]], %[[BUF]]
// CHECK: %[[A:.*]] = memref.extract_aligned_pointer_as_index %[[BUF]]
// CHECK: %[[A64:.*]] = arith.index_cast %[[A]] : index to i64
// CHECK: %[[P:.*]] = llvm.inttoptr %[[A64]] : i64 to !llvm.ptr
// CHECK: %[[F:.*]] = llvm.mlir.addressof @[[MSG]] : !llvm.ptr
// CHECK: %[[K:.*]] = arith.constant 2 : i32
// CHECK: %[[C4:.*]] = arith.constant 4 : i64
// CHECK: call @kern_rt_raise(%[[K]], %[[F]], %[[C4]], %[[P]])
// Without operands: a null buffer. Equal messages share a global.
// CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: %[[F2:.*]] = llvm.mlir.addressof @[[ZD]] : !llvm.ptr
// CHECK: %[[K2:.*]] = arith.constant 3 : i32
// CHECK: call @kern_rt_raise(%[[K2]], %[[F2]], %{{.*}}, %[[NULL]])
// CHECK: llvm.mlir.addressof @[[ZD]] : !llvm.ptr
// CHECK: arith.constant 9 : i32
// CHECK-NOT: memref.alloca
// CHECK: return
func.func @raise(%i: i64, %axis: i32, %n: index, %x: f32) {
  kern.raise "IndexError", "index %d is out of bounds for axis %d with size %d (%g)"(%i, %axis, %n, %x : i64, i32, index, f32)
  kern.raise "ZeroDivisionError", "division by zero"
  kern.raise "NotImplementedError", "division by zero"
  return
}

// -----

// A raise in a sequential loop uses one buffer made before the loop (a
// raise that returns must not grow the stack per iteration); one in a
// parallel loop gets a buffer per iteration, i.e. per thread.
// CHECK-LABEL: func.func @raise_in_loop
// CHECK-NEXT: %[[BUF:.*]] = memref.alloca() : memref<1xi64>
// CHECK: scf.for
// CHECK:   scf.if
// CHECK:     memref.store %{{.*}}, %[[BUF]]
// CHECK:     func.call @kern_rt_raise
// CHECK-LABEL: func.func @raise_in_parallel
// CHECK: scf.parallel
// CHECK-NEXT: %[[PBUF:.*]] = memref.alloca() : memref<1xi64>
// CHECK: scf.if
// CHECK:   memref.store %{{.*}}, %[[PBUF]]
// CHECK:   func.call @kern_rt_raise
func.func @raise_in_loop(%x: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xf64>
    %neg = arith.cmpf olt, %v, %zero : f64
    scf.if %neg {
      kern.raise "ValueError", "negative value %g"(%v : f64)
    }
  }
  return
}

func.func @raise_in_parallel(%x: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %v = memref.load %x[%i] : memref<?xf64>
    %neg = arith.cmpf olt, %v, %zero : f64
    scf.if %neg {
      kern.raise "ValueError", "negative value %g"(%v : f64)
    }
    scf.reduce
  }
  return
}

// -----

// GPU code is left to the GPU lowering; a module without kern ops is
// unchanged.
// CHECK-LABEL: gpu.module @kernels
// CHECK: kern.random uniform : f32
// CHECK-NOT: func.func private @kern_rt
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%out: memref<?xf32>) kernel {
      %u = kern.random uniform : f32
      %c0 = arith.constant 0 : index
      memref.store %u, %out[%c0] : memref<?xf32>
      gpu.return
    }
  }
}
