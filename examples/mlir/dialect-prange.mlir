// A parallel loop in the kern dialect: what the frontend emits for
//
//   @kern.njit(parallel=True)
//   def monte_carlo_pi(n):
//       if n <= 0:
//           raise ValueError("need a positive number of samples, got %d" % n)
//       hits = 0
//       for i in prange(n):
//           x = np.random.random()
//           y = np.random.random()
//           if x * x + y * y < 1.0:
//               hits += 1
//       return 4.0 * hits / n
//
// kern.prange carries its reduction variables (here `hits`, combined with
// add); the body yields their new values. In a `kern.parallel` function,
// convert-kern-prange-to-scf turns it into scf.parallel + scf.reduce, which runs on
// OpenMP threads; kern.random draws from the calling thread's generator.
// kern.raise ends the call with a Python exception and a formatted message.
//
// Verify:  kern-opt dialect-prange.mlir
// Lower:   kern-opt --convert-kern-prange-to-scf --convert-kern-to-runtime dialect-prange.mlir
func.func @monte_carlo_pi(%n: i64) -> f64 attributes {kern.entry, kern.parallel} {
  %zero = arith.constant 0 : i64
  %bad = arith.cmpi sle, %n, %zero : i64
  scf.if %bad {
    kern.raise "ValueError", "need a positive number of samples, got %d"(%n : i64)
  }
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1 : i64
  %unit = arith.constant 1.0 : f64
  %count = arith.index_cast %n : i64 to index
  %hits = kern.prange %i = %c0 to %count step %c1 reduce(add %h = %zero : i64) {
    %x = kern.random uniform : f64
    %y = kern.random uniform : f64
    %xx = arith.mulf %x, %x : f64
    %yy = arith.mulf %y, %y : f64
    %r2 = arith.addf %xx, %yy : f64
    %inside = arith.cmpf olt, %r2, %unit : f64
    %inc = arith.select %inside, %one, %zero : i64
    %next = arith.addi %h, %inc : i64
    kern.yield %next : i64
  } : i64
  %four = arith.constant 4.0 : f64
  %hf = arith.sitofp %hits : i64 to f64
  %nf = arith.sitofp %n : i64 to f64
  %q = arith.divf %hf, %nf : f64
  %pi = arith.mulf %four, %q : f64
  return %pi : f64
}

// Several reduction variables of different types and kinds at once:
//
//   for i in prange(x.shape[0]):
//       total += x[i]; lo = min(lo, x[i]); hi = max(hi, x[i]); nonzero += x[i] != 0
func.func @stats(%x: memref<?xf64>) -> (f64, f64, f64, i64)
    attributes {kern.entry, kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %fzero = arith.constant 0.0 : f64
  %inf = arith.constant 0x7FF0000000000000 : f64
  %ninf = arith.constant 0xFFF0000000000000 : f64
  %izero = arith.constant 0 : i64
  %total, %lo, %hi, %nonzero = kern.prange %i = %c0 to %n step %c1
      reduce(add %t = %fzero : f64, min %l = %inf : f64,
             max %h = %ninf : f64, add %nz = %izero : i64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %t2 = arith.addf %t, %v : f64
    %l2 = arith.minimumf %l, %v : f64
    %h2 = arith.maximumf %h, %v : f64
    %ne = arith.cmpf une, %v, %fzero : f64
    %ne64 = arith.extui %ne : i1 to i64
    %nz2 = arith.addi %nz, %ne64 : i64
    kern.yield %t2, %l2, %h2, %nz2 : f64, f64, f64, i64
  } : f64, f64, f64, i64
  return %total, %lo, %hi, %nonzero : f64, f64, f64, i64
}
