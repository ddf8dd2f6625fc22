// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-refine-layouts))' --split-input-file --verify-diagnostics

// expected-error @+1 {{kern.layout of argument 0 must be "C" or "F"}}
func.func @bad_value(%a: memref<?xf64, strided<[?], offset: ?>> {kern.layout = "K"}) {
  return
}

// -----

// expected-error @+1 {{kern.layout on argument 0, which is no memref}}
func.func @not_an_array(%x: f64 {kern.layout = "C"}) {
  return
}
