// The Mandelbrot set, as kern's frontend emits it for
//
//   @kern.njit(parallel=True)
//   def mandelbrot(width, height, max_iter):
//       out = np.empty((height, width), dtype=np.int64)
//       for r in kern.prange(height):
//           for c in range(width):
//               x0 = -2.0 + 3.0 * c / width
//               y0 = -1.5 + 3.0 * r / height
//               x, y, n = 0.0, 0.0, 0
//               while x * x + y * y <= 4.0 and n < max_iter:
//                   x, y = x * x - y * y + x0, 2.0 * x * y + y0
//                   n += 1
//               out[r, c] = n
//       return out
//
// Run: kern-translate --kern-to-llvmir --kern-parallel mandelbrot.mlir
func.func @mandelbrot(%width: i64, %height: i64, %max_iter: i64)
    -> memref<?x?xi64> attributes {kern.entry, kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %i0 = arith.constant 0 : i64
  %i1 = arith.constant 1 : i64
  %f0 = arith.constant 0.0 : f64
  %f2 = arith.constant 2.0 : f64
  %f3 = arith.constant 3.0 : f64
  %f4 = arith.constant 4.0 : f64
  %xmin = arith.constant -2.0 : f64
  %ymin = arith.constant -1.5 : f64
  %w = arith.index_cast %width : i64 to index
  %h = arith.index_cast %height : i64 to index
  %wf = arith.sitofp %width : i64 to f64
  %hf = arith.sitofp %height : i64 to f64
  %out = kern.alloc(%h, %w) : memref<?x?xi64>
  kern.prange %r = %c0 to %h step %c1 {
    %ri = arith.index_cast %r : index to i64
    %rf = arith.sitofp %ri : i64 to f64
    %ry = arith.mulf %f3, %rf : f64
    %ryh = arith.divf %ry, %hf : f64
    %y0 = arith.addf %ymin, %ryh : f64
    scf.for %c = %c0 to %w step %c1 {
      %ci = arith.index_cast %c : index to i64
      %cf = arith.sitofp %ci : i64 to f64
      %cx = arith.mulf %f3, %cf : f64
      %cxw = arith.divf %cx, %wf : f64
      %x0 = arith.addf %xmin, %cxw : f64
      %res:3 = scf.while (%x = %f0, %y = %f0, %n = %i0)
          : (f64, f64, i64) -> (f64, f64, i64) {
        %xx = arith.mulf %x, %x : f64
        %yy = arith.mulf %y, %y : f64
        %rr = arith.addf %xx, %yy : f64
        %inside = arith.cmpf ole, %rr, %f4 : f64
        %more = arith.cmpi slt, %n, %max_iter : i64
        %go = arith.andi %inside, %more : i1
        scf.condition(%go) %x, %y, %n : f64, f64, i64
      } do {
      ^bb0(%x: f64, %y: f64, %n: i64):
        %xx = arith.mulf %x, %x : f64
        %yy = arith.mulf %y, %y : f64
        %d = arith.subf %xx, %yy : f64
        %nx = arith.addf %d, %x0 : f64
        %xy = arith.mulf %x, %y : f64
        %xy2 = arith.mulf %f2, %xy : f64
        %ny = arith.addf %xy2, %y0 : f64
        %nn = arith.addi %n, %i1 : i64
        scf.yield %nx, %ny, %nn : f64, f64, i64
      }
      memref.store %res#2, %out[%r, %c] : memref<?x?xi64>
    }
    kern.yield
  }
  return %out : memref<?x?xi64>
}
