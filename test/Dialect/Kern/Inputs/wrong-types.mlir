// kern ops given operands of the wrong types.
func.func @wrong(%x: memref<?xf64>, %n: index) -> memref<?xi32> {
  %r = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xi32>
  return %r : memref<?xi32>
}
