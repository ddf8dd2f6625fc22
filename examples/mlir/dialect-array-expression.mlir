// Array expressions in the kern dialect: what the frontend emits for
//
//   @kern.njit
//   def damped(a, b, t):          # a: 2-d, b: 1-d, t: float
//       return a * b + np.sin(t) * np.exp(-a)
//
// Each NumPy ufunc call becomes a kern.ufunc whose region computes one
// element. `b` has a smaller rank than `a`: NumPy broadcasting is implicit
// here; kern-broadcast makes it explicit (kern.broadcast views) and
// kern-fuse merges the ufuncs into one loop nest without temporaries.
//
// Verify:  kern-opt dialect-array-expression.mlir
// Lower:   kern-opt --kern-broadcast --kern-fuse dialect-array-expression.mlir
// Compile: kern-translate --kern-to-llvmir dialect-array-expression.mlir
func.func @damped(%a: memref<?x?xf64>, %b: memref<?xf64>, %t: f64) -> memref<?x?xf64>
    attributes {kern.entry} {
  // a * b: the row vector b is repeated along the rows of a.
  %ab = kern.ufunc(%a, %b : memref<?x?xf64>, memref<?xf64>) {
  ^bb0(%x: f64, %y: f64):
    %p = arith.mulf %x, %y : f64
    kern.yield %p : f64
  } -> memref<?x?xf64>
  // np.sin(t) * np.exp(-a): the scalar t is passed to every element.
  %damp = kern.ufunc(%a, %t : memref<?x?xf64>, f64) {
  ^bb0(%x: f64, %s: f64):
    %sin = math.sin %s : f64
    %neg = arith.negf %x : f64
    %exp = math.exp %neg : f64
    %p = arith.mulf %sin, %exp : f64
    kern.yield %p : f64
  } -> memref<?x?xf64>
  %r = kern.ufunc(%ab, %damp : memref<?x?xf64>, memref<?x?xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// In-place forms and fresh arrays:
//
//   def clip_into(x, lo, hi, out):
//       np.clip(x, lo, hi, out=out)
//       return np.full(x.shape[0], hi), x > hi
//
// `outs` writes into an existing array (out=); kern.alloc ... fill is
// np.full; a ufunc may yield several values, here of different types.
func.func @clip_into(%x: memref<?xf32>, %lo: f32, %hi: f32, %out: memref<?xf32>)
    -> (memref<?xf32>, memref<?xi1>) attributes {kern.entry} {
  kern.ufunc(%x, %lo, %hi : memref<?xf32>, f32, f32) outs(%out : memref<?xf32>) {
  ^bb0(%v: f32, %l: f32, %h: f32):
    %a = arith.maximumf %v, %l : f32
    %b = arith.minimumf %a, %h : f32
    kern.yield %b : f32
  }
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %full = kern.alloc(%n) fill %hi : f32 : memref<?xf32>
  %above = kern.ufunc(%x, %hi : memref<?xf32>, f32) {
  ^bb0(%v: f32, %h: f32):
    %gt = arith.cmpf ogt, %v, %h : f32
    kern.yield %gt : i1
  } -> memref<?xi1>
  return %full, %above : memref<?xf32>, memref<?xi1>
}
