// RUN: kern-opt %s --kern-packed-entry --kern-callback-entry --split-input-file -verify-diagnostics

// expected-error @+1 {{kern.callback function 'arr': argument 0 is not a scalar a C callback can pass}}
func.func @arr(%m: memref<?xf64>) -> f64 attributes {kern.entry, kern.callback = "c"} {
  %c = arith.constant 0.0 : f64
  return %c : f64
}

// -----

// expected-error @+1 {{kern.callback function 'two' returns 2 values}}
func.func @two(%x: f64) -> (f64, f64) attributes {kern.entry, kern.callback = "c"} {
  return %x, %x : f64, f64
}

// -----

// expected-error @+1 {{kern.callback function 'cplx': result 0 is not a scalar}}
func.func @cplx(%x: f64) -> complex<f64> attributes {kern.entry, kern.callback = "c"} {
  %z = complex.create %x, %x : complex<f64>
  return %z : complex<f64>
}

// -----

// expected-error @+1 {{kern.callback must be a string attribute}}
func.func @notstr(%x: f64) -> f64 attributes {kern.entry, kern.callback = 3 : i64} {
  return %x : f64
}

// -----

// Not an entry: no packed wrapper to run.
// expected-error @+1 {{kern.callback function 'plain' has no packed wrapper 'plain__kern_packed'}}
func.func @plain(%x: f64) -> f64 attributes {kern.callback = "c"} {
  return %x : f64
}
