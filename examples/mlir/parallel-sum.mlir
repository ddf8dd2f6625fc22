// A prange reduction, as kern's frontend emits it for
//
//   @kern.njit(parallel=True)
//   def parallel_sum(x):
//       s = 0.0
//       for i in kern.prange(x.shape[0]):
//           s += x[i]
//       return s
//
// With kern-cpu-pipeline{parallel=1} the loop runs on OpenMP threads.
//
// Run: kern-translate --kern-to-llvmir --kern-parallel parallel-sum.mlir
func.func @parallel_sum(%x: memref<?xf64, strided<[?], offset: ?>>) -> f64
    attributes {kern.entry, kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %n = memref.dim %x, %c0 : memref<?xf64, strided<[?], offset: ?>>
  %s = kern.prange %i = %c0 to %n step %c1
      reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64, strided<[?], offset: ?>>
    %t = arith.addf %acc, %v : f64
    kern.yield %t : f64
  } : f64
  return %s : f64
}
