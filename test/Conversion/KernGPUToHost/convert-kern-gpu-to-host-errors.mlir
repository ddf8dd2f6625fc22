// RUN: kern-opt %s --convert-kern-gpu-to-host -split-input-file -verify-diagnostics

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

// expected-error @+1 {{a kernel argument of type 'vector<4xf32>' has no slot layout}}
func.func @vector_arg(%v: vector<4xf32>) attributes {kern.kernel} {
  return
}

// -----

func.func @shuffle_outside(%v: f32, %m: i32) -> f32 {
  // expected-error @+1 {{'kern.shuffle' outside a kernel (a func.func with kern.kernel)}}
  %r = kern.shuffle xor %v, %m, %m : f32
  return %r : f32
}

// -----

func.func @vote_outside(%m: i32, %p: i1) -> i32 {
  // expected-error @+1 {{'kern.vote' outside a kernel}}
  %r = kern.vote ballot %m, %p : i32
  return %r : i32
}

// -----

func.func @barrier_reduce_outside(%p: i32) -> i32 {
  // expected-error @+1 {{'kern.barrier_reduce' outside a kernel}}
  %r = kern.barrier_reduce or %p : i32
  return %r : i32
}

// -----

func.func @warp_sync_outside(%m: i32) {
  // expected-error @+1 {{'kern.warp_sync' outside a kernel}}
  kern.warp_sync %m
  return
}
