// RUN: kern-opt %s --convert-kern-to-affine --split-input-file -verify-diagnostics

// An input of smaller rank needs kern-broadcast first.
func.func @ufunc_rank_mismatch(%x: memref<?x?xf64>, %y: memref<?xf64>) -> memref<?x?xf64> {
  // expected-error @+1 {{kern.ufunc operands have different ranks; run kern-broadcast first}}
  %r = kern.ufunc(%x, %y : memref<?x?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// -----

func.func @reduce_rank_mismatch(%x: memref<?x?xf64>, %y: memref<?xf64>) -> f64 {
  // expected-error @+1 {{kern.reduce operands have different ranks; run kern-broadcast first}}
  %s = kern.reduce add(%x, %y : memref<?x?xf64>, memref<?xf64>) map {
  ^bb0(%a: f64, %b: f64):
    %p = arith.mulf %a, %b : f64
    kern.yield %p : f64
  } : f64
  return %s : f64
}

// -----

// A fresh array cannot be allocated with a strided layout.
func.func @strided_result(%x: memref<?xf64>) -> memref<?xf64, strided<[2]>> {
  // expected-error @+1 {{result #0 of this op must have the identity layout to be allocated}}
  %r = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64, strided<[2]>>
  return %r : memref<?xf64, strided<[2]>>
}

// -----

func.func @strided_alloc(%n: index) -> memref<?xf64, strided<[?], offset: ?>> {
  // expected-error @+1 {{result #0 of this op must have the identity layout to be allocated}}
  %a = kern.alloc(%n) : memref<?xf64, strided<[?], offset: ?>>
  return %a : memref<?xf64, strided<[?], offset: ?>>
}
