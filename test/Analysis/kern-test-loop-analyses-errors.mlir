// RUN: kern-opt %s --kern-test-loop-analyses --verify-diagnostics

// The tags only make sense on a loop.
func.func @not_a_loop(%x: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  // expected-error @below {{test.reductions and test.independent go on kern.prange}}
  %v = memref.load %x[%c0] {test.independent} : memref<?xf64>
  return
}
