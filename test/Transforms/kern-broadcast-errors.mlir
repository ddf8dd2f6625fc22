// RUN: kern-opt %s --kern-broadcast --split-input-file -verify-diagnostics

// Sizes known to disagree are a compile-time error at the op, in NumPy's
// words.
func.func @static_mismatch(%x: memref<3xf64>, %y: memref<4xf64>) -> memref<?xf64> {
  // expected-error @+1 {{operands could not be broadcast together with shapes (3,) (4,)}}
  %z = kern.ufunc(%x, %y : memref<3xf64>, memref<4xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %z : memref<?xf64>
}

// -----

// Unknown sizes print as `?`.
func.func @static_mismatch_2d(%x: memref<?x3xf64>, %y: memref<2x?x4xf64>) -> memref<?x?x?xf64> {
  // expected-error @+1 {{operands could not be broadcast together with shapes (?,3) (2,?,4)}}
  %z = kern.ufunc(%x, %y : memref<?x3xf64>, memref<2x?x4xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.mulf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?x?x?xf64>
  return %z : memref<?x?x?xf64>
}

// -----

// An output cannot be broadcast: it must have the broadcast shape.
func.func @small_out(%x: memref<3xf64>, %o: memref<1xf64>) {
  // expected-error @+1 {{non-broadcastable output operand with shape (1,) doesn't match the broadcast shape (3,)}}
  kern.ufunc(%x : memref<3xf64>) outs(%o : memref<1xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  }
  return
}

// -----

func.func @out_of_other_size(%x: memref<3xf64>, %o: memref<4xf64>) {
  // expected-error @+1 {{operands could not be broadcast together with shapes (3,) (4,)}}
  kern.ufunc(%x : memref<3xf64>) outs(%o : memref<4xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  }
  return
}

// -----

func.func @outs_of_two_ranks(%x: memref<3xf64>, %o: memref<3xf64>, %p: memref<2x3xf64>) {
  // expected-error @+1 {{non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)}}
  kern.ufunc(%x : memref<3xf64>) outs(%o, %p : memref<3xf64>, memref<2x3xf64>) {
  ^bb0(%a: f64):
    kern.yield %a, %a : f64, f64
  }
  return
}

// -----

// A static result type must be the broadcast shape.
func.func @wrong_result_type(%x: memref<3xf64>) -> memref<4xf64> {
  // expected-error @+1 {{non-broadcastable output operand with shape (4,) doesn't match the broadcast shape (3,)}}
  %z = kern.ufunc(%x : memref<3xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<4xf64>
  return %z : memref<4xf64>
}

// -----

func.func @reduce_mismatch(%x: memref<2x3xf64>, %y: memref<2xf64>) -> f64 {
  // expected-error @+1 {{operands could not be broadcast together with shapes (2,3) (2,)}}
  %s = kern.reduce add(%x, %y : memref<2x3xf64>, memref<2xf64>) map {
  ^bb0(%a: f64, %b: f64):
    %m = arith.mulf %a, %b : f64
    kern.yield %m : f64
  } : f64
  return %s : f64
}
