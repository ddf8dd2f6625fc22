// RUN: kern-opt %s --kern-packed-entry --split-input-file -verify-diagnostics

// expected-error @+1 {{kern.entry function 'tensors': argument 0 has type tensor<4xf64>, which has no packed-entry slot layout}}
func.func @tensors(%t: tensor<4xf64>) -> f64 attributes {kern.entry} {
  %c = arith.constant 0.0 : f64
  return %c : f64
}

// -----

// expected-error @+1 {{kern.entry function 'vec': result 0 has type vector<4xf32>}}
func.func @vec(%x: f32) -> vector<4xf32> attributes {kern.entry} {
  %v = vector.broadcast %x : f32 to vector<4xf32>
  return %v : vector<4xf32>
}

// -----

// expected-error @+1 {{kern.entry function 'shared': argument 1 has type memref<?xf32, 3>}}
func.func @shared(%x: f32, %s: memref<?xf32, 3>) attributes {kern.entry} {
  return
}

// -----

// expected-error @+1 {{argument 0 has type memref<*xf64>}}
func.func @unranked(%x: memref<*xf64>) attributes {kern.entry} {
  return
}
