// Reductions and scans in the kern dialect: what the frontend emits for
//
//   @kern.njit
//   def summary(x):                  # x: 2-d float64
//       norm = np.sqrt(np.sum(x * x))
//       col_max = x.max(axis=0)
//       lse = np.logaddexp.reduce(x[0])
//       running = np.cumsum(x[0])
//       return norm, col_max, lse, running
//
// kern.reduce names its combiner (add, mul, min, max, or custom with a
// `combine` region). A `map` region computes the reduced value from the
// elements, so np.sum(x * x) needs no temporary array. `axes` keeps the
// other dimensions; without it the result is a scalar. kern.accumulate is
// the inclusive scan along one axis.
//
// Verify:  kern-opt dialect-reduction.mlir
// Lower:   kern-opt --convert-kern-to-affine dialect-reduction.mlir
func.func @summary(%x: memref<?x?xf64>)
    -> (f64, memref<?xf64>, f64, memref<?xf64>) attributes {kern.entry} {
  // np.sqrt(np.sum(x * x)): the square is mapped, the sum combined.
  %ss = kern.reduce add(%x : memref<?x?xf64>) map {
  ^bb0(%v: f64):
    %sq = arith.mulf %v, %v : f64
    kern.yield %sq : f64
  } : f64
  %norm = math.sqrt %ss : f64

  // x.max(axis=0): one maximum per column.
  %col_max = kern.reduce max(%x : memref<?x?xf64>) axes [0] : memref<?xf64>

  // The first row, as a view (x[0]).
  %c1 = arith.constant 1 : index
  %ncols = memref.dim %x, %c1 : memref<?x?xf64>
  %row = memref.subview %x[0, 0] [1, %ncols] [1, 1]
      : memref<?x?xf64> to memref<?xf64, strided<[1]>>

  // np.logaddexp.reduce(row): a custom combiner, log(exp(a) + exp(b)).
  %lse = kern.reduce custom(%row : memref<?xf64, strided<[1]>>) combine {
  ^bb0(%a: f64, %b: f64):
    %m = arith.maximumf %a, %b : f64
    %da = arith.subf %a, %m : f64
    %db = arith.subf %b, %m : f64
    %ea = math.exp %da : f64
    %eb = math.exp %db : f64
    %s = arith.addf %ea, %eb : f64
    %l = math.log %s : f64
    %r = arith.addf %m, %l : f64
    kern.yield %r : f64
  } : f64

  // np.cumsum(row).
  %running = kern.accumulate add(%row : memref<?xf64, strided<[1]>>) axis 0
      : memref<?xf64>
  return %norm, %col_max, %lse, %running : f64, memref<?xf64>, f64, memref<?xf64>
}

// np.dot(x, y) with float32 inputs accumulated in float64: a map region
// over two arrays.
func.func @dot(%x: memref<?xf32>, %y: memref<?xf32>) -> f64 attributes {kern.entry} {
  %d = kern.reduce add(%x, %y : memref<?xf32>, memref<?xf32>) map {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    %e = arith.extf %p : f32 to f64
    kern.yield %e : f64
  } : f64
  return %d : f64
}
