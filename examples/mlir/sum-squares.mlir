// sum of squares, as kern's frontend emits it for
//
//   @kern.njit
//   def sum_squares(x):
//       s = 0.0
//       for i in range(x.shape[0]):
//           s += x[i] * x[i]
//       return s
//
// Run: kern-translate --kern-to-llvmir sum-squares.mlir
func.func @sum_squares(%x: memref<?xf64, strided<[?], offset: ?>>) -> f64
    attributes {kern.entry} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %n = memref.dim %x, %c0 : memref<?xf64, strided<[?], offset: ?>>
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %v = memref.load %x[%i] : memref<?xf64, strided<[?], offset: ?>>
    %sq = arith.mulf %v, %v : f64
    %next = arith.addf %acc, %sq : f64
    scf.yield %next : f64
  }
  return %s : f64
}
