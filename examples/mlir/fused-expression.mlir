// NumPy's np.sqrt(x**2 + np.sin(x) * np.exp(-x)), one kern.ufunc per
// NumPy call as kern's frontend emits it for
//
//   @kern.njit
//   def fused(x):
//       return np.sqrt(x**2 + np.sin(x) * np.exp(-x))
//
// kern-fuse makes it one loop without temporaries; O3 with libmvec
// vectorizes sin and exp (bench/fused_expression.py times it).
//
// Run: kern-translate --kern-to-llvmir fused-expression.mlir
#strided = strided<[?], offset: ?>
func.func @fused(%x: memref<?xf64, #strided>) -> memref<?xf64>
    attributes {kern.entry} {
  %sq = kern.ufunc(%x : memref<?xf64, #strided>) {
  ^bb0(%a: f64):
    %r = arith.mulf %a, %a : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %sin = kern.ufunc(%x : memref<?xf64, #strided>) {
  ^bb0(%a: f64):
    %r = math.sin %a : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %neg = kern.ufunc(%x : memref<?xf64, #strided>) {
  ^bb0(%a: f64):
    %r = arith.negf %a : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %exp = kern.ufunc(%neg : memref<?xf64>) {
  ^bb0(%a: f64):
    %r = math.exp %a : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %prod = kern.ufunc(%sin, %exp : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.mulf %a, %b : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %sum = kern.ufunc(%sq, %prod : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.addf %a, %b : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  %root = kern.ufunc(%sum : memref<?xf64>) {
  ^bb0(%a: f64):
    %r = math.sqrt %a : f64
    kern.yield %r : f64
  } -> memref<?xf64>
  return %root : memref<?xf64>
}
