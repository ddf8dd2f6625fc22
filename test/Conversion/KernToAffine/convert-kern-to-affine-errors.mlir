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

// -----

func.func @too_many_dims(%x: memref<1x1x1x1x1x1x1x1x1x1x1x1x1xf64>) -> f64 {
  // expected-error @+1 {{arrays of rank 13 are not supported (at most 12 dimensions)}}
  %s = kern.reduce add(%x : memref<1x1x1x1x1x1x1x1x1x1x1x1x1xf64>) : f64
  return %s : f64
}

// -----

func.func @reduce_too_many_operands(%a0: memref<?xf64>, %a1: memref<?xf64>, %a2: memref<?xf64>, %a3: memref<?xf64>, %a4: memref<?xf64>, %a5: memref<?xf64>, %a6: memref<?xf64>, %a7: memref<?xf64>, %a8: memref<?xf64>, %a9: memref<?xf64>, %a10: memref<?xf64>, %a11: memref<?xf64>, %a12: memref<?xf64>, %a13: memref<?xf64>, %a14: memref<?xf64>, %a15: memref<?xf64>, %a16: memref<?xf64>) -> f64 {
  // expected-error @+1 {{kern.reduce and kern.accumulate take at most 16 operands and results (kern.ufunc takes any number)}}
  %s = kern.reduce add(%a0, %a1, %a2, %a3, %a4, %a5, %a6, %a7, %a8, %a9, %a10, %a11, %a12, %a13, %a14, %a15, %a16 : memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>) map {
  ^bb0(%b0: f64, %b1: f64, %b2: f64, %b3: f64, %b4: f64, %b5: f64, %b6: f64, %b7: f64, %b8: f64, %b9: f64, %b10: f64, %b11: f64, %b12: f64, %b13: f64, %b14: f64, %b15: f64, %b16: f64):
    kern.yield %b0 : f64
  } : f64
  return %s : f64
}
