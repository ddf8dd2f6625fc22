func.func @f(%x: memref<?xf64>) -> f64 {
  %s = kern.reduce add(%x : memref<?xf64>) ma