// RUN: kern-opt %s --convert-kern-to-gpu -split-input-file -verify-diagnostics

func.func @not_a_kernel() -> index {
  // expected-error @+1 {{'kern.gpu_index' outside a kernel (a func.func with kern.kernel)}}
  %t = kern.gpu_index thread_id x : index
  return %t : index
}

// -----

func.func @barrier_outside() {
  // expected-error @+1 {{'kern.barrier' outside a kernel}}
  kern.barrier
  return
}

// -----

// expected-error @+1 {{a kernel (kern.kernel) must not return values}}
func.func @returns(%a: f32) -> f32 attributes {kern.kernel} {
  return %a : f32
}

// -----

func.func @plain(%a: f32) {
  return
}

func.func @host(%a: f32, %c1: index) {
  // expected-error @+1 {{kern.launch of 'plain', which is not a kernel}}
  kern.launch @plain blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1) args(%a : f32)
  return
}

// -----

func.func private @helper(f32) -> f32

func.func @calls(%a: f32) attributes {kern.kernel} {
  // expected-error @+1 {{a kernel calls 'helper', which has no GPU implementation}}
  %b = func.call @helper(%a) : (f32) -> f32
  return
}

// -----

func.func @random(%s: i64) attributes {kern.kernel} {
  // expected-error @+1 {{'kern.seed' in a kernel has no GPU lowering}}
  kern.seed %s : i64
  return
}

// -----

func.func private @kernRuntimePrintArray(i64, i64, memref<?xi64>)
func.func private @kernRuntimePrintEnd(i64)

func.func @prints_array(%m: memref<?xi64>) attributes {kern.kernel} {
  %c = arith.constant 1 : i64
  // expected-error @+1 {{print() in a kernel prints numbers and strings on the GPU, not 'kernRuntimePrintArray'}}
  func.call @kernRuntimePrintArray(%c, %c, %m) : (i64, i64, memref<?xi64>) -> ()
  func.call @kernRuntimePrintEnd(%c) : (i64) -> ()
  return
}
