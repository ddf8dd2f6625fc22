// RUN: kern-opt %s --kern-canonicalize -split-input-file -verify-diagnostics
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-canonicalize))' -split-input-file -verify-diagnostics

// kern-canonicalize never sees invalid IR: the verifier rejects it first, so
// the folds (identity ufunc -> its input, self-broadcast -> memref.cast) can
// rely on verified ops. Each input below has the shape of a fold but breaks
// a kern rule; the error is the verifier's, and nothing is folded.

// An "identity" ufunc that changes the element type is not a copy.
func.func @identity_changes_type(%x: memref<?xf64>) -> f32 {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    // expected-error @+1 {{'kern.yield' op value #0 has type 'f64', expected 'f32'}}
    kern.yield %a : f64
  } -> memref<?xf32>
  %s = kern.reduce add(%y : memref<?xf32>) : f32
  return %s : f32
}

// -----

// An identity body with the wrong block signature.
func.func @identity_wrong_arguments(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.ufunc' op 'body' region argument #0 has type 'f32', expected 'f64'}}
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f32):
    kern.yield %a : f32
  } -> memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}

// -----

// An identity ufunc whose result drops a dimension of its input.
func.func @identity_changes_rank(%x: memref<?x?xf64>) -> f64 {
  // expected-error @+1 {{'kern.ufunc' op result rank 1 differs from the broadcast rank 2 of the inputs}}
  %y = kern.ufunc(%x : memref<?x?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}

// -----

// Broadcasting to the array's own sizes, but with a result layout that
// claims a unit stride where the size may be 1 and repeated: the fold would
// be a memref.cast between incompatible layouts.
func.func @self_broadcast_bad_layout(%a: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %d0 = memref.dim %a, %c0 : memref<?xf64>
  // expected-error @+1 {{'kern.broadcast' op result stride 1 of dimension 0 should be ? (the source size is not known to be 1 or not)}}
  %v = kern.broadcast %a to (%d0) : memref<?xf64> -> memref<?xf64>
  return %v : memref<?xf64>
}

// -----

// Broadcasting to the array's own sizes with one size missing.
func.func @self_broadcast_missing_size(%a: memref<?x?xf64>) -> memref<?x?xf64, strided<[?, ?], offset: ?>> {
  %c0 = arith.constant 0 : index
  %d0 = memref.dim %a, %c0 : memref<?x?xf64>
  // expected-error @+1 {{'kern.broadcast' op expects 2 sizes for a rank-2 result, got 1}}
  %v = kern.broadcast %a to (%d0) : memref<?x?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  return %v : memref<?x?xf64, strided<[?, ?], offset: ?>>
}

// -----

// One invalid function fails the whole module, also the valid neighbour
// that the pass would otherwise fold.
func.func @valid_copy(%x: memref<?xf64>) -> f64 {
  %y = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%y : memref<?xf64>) : f64
  return %s : f64
}

func.func @invalid_reduce(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op reduction kind 'max' is not defined on 'complex<f64>'}}
  %s = kern.reduce max(%x : memref<?xf64>) map {
  ^bb0(%a: f64):
    %c = complex.create %a, %a : complex<f64>
    kern.yield %c : complex<f64>
  } : complex<f64>
  %r = complex.re %s : complex<f64>
  return %r : f64
}
