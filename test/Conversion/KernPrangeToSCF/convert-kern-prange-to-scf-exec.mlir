// Runs parallel prange reductions on OpenMP threads and compares them with
// the sequential loop: sums, min/max on floats and integers, a conditional
// count, and a loop that writes its own rows. convert-scf-to-openmp wraps
// each parallel body in a memref.alloca_scope, which must be lowered
// (finalize-memref-to-llvm) before convert-scf-to-cf splits its region into
// several blocks.
// RUN: kern-opt %s --convert-kern-prange-to-scf --convert-scf-to-openmp --finalize-memref-to-llvm --convert-scf-to-cf --convert-to-llvm --reconcile-unrealized-casts \
// RUN: | env OMP_NUM_THREADS=4 mlir-runner -e main -entry-point-result=void -shared-libs=/usr/lib/llvm-22/lib/libomp.so \
// RUN: | FileCheck %s

llvm.func @printf(!llvm.ptr, ...) -> i32
llvm.mlir.global internal constant @fmt("sum %g min %g max %g imin %ld imax %ld count %ld rows %g\0A\00") {addr_space = 0 : i32}
llvm.mlir.global internal constant @fmt2("minus %ld umax %ld\0A\00") {addr_space = 0 : i32}

// s -= k[i] and an unsigned max (negative numbers are the largest).
func.func @minus_umax(%k: memref<?xi64>) -> (i64, i64) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %k, %c0 : memref<?xi64>
  %z = arith.constant 0 : i64
  %r:2 = kern.prange %i = %c0 to %n step %c1 reduce(add %s = %z : i64, max %m = %z : i64) {
    %w = memref.load %k[%i] : memref<?xi64>
    %s2 = arith.subi %s, %w : i64
    %gt = arith.cmpi ugt, %w, %m : i64
    %m2 = arith.select %gt, %w, %m : i64
    kern.yield %s2, %m2 : i64, i64
  } : i64, i64
  return %r#0, %r#1 : i64, i64
}

func.func @reductions(%x: memref<?xf64>, %k: memref<?xi64>) -> (f64, f64, f64, i64, i64, i64) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %zero = arith.constant 0.0 : f64
  %inf = arith.constant 0x7FF0000000000000 : f64
  %ninf = arith.constant 0xFFF0000000000000 : f64
  %imax0 = arith.constant -9223372036854775808 : i64
  %imin0 = arith.constant 9223372036854775807 : i64
  %c0i = arith.constant 0 : i64
  %c1i = arith.constant 1 : i64
  %half = arith.constant 500.0 : f64
  %r:6 = kern.prange %i = %c0 to %n step %c1 reduce(add %s = %zero : f64, min %lo = %inf : f64, max %hi = %ninf : f64, min %ilo = %imin0 : i64, max %ihi = %imax0 : i64, add %cnt = %c0i : i64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %w = memref.load %k[%i] : memref<?xi64>
    %s2 = arith.addf %s, %v : f64
    %lo2 = arith.minimumf %lo, %v : f64
    %gt = arith.cmpf ogt, %v, %hi : f64
    %hi2 = arith.select %gt, %v, %hi : f64
    %ilo2 = arith.minsi %ilo, %w : i64
    %ihi2 = arith.maxsi %w, %ihi : i64
    %big = arith.cmpf oge, %v, %half : f64
    %cnt2 = scf.if %big -> i64 {
      %u = arith.addi %cnt, %c1i : i64
      scf.yield %u : i64
    } else {
      scf.yield %cnt : i64
    }
    kern.yield %s2, %lo2, %hi2, %ilo2, %ihi2, %cnt2 : f64, f64, f64, i64, i64, i64
  } : f64, f64, f64, i64, i64, i64
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5 : f64, f64, f64, i64, i64, i64
}

// out[i, j] = i + j, then the sum of all of it.
func.func @rows(%out: memref<?x?xf64>) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %out, %c0 : memref<?x?xf64>
  %m = memref.dim %out, %c1 : memref<?x?xf64>
  kern.prange %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %m step %c1 {
      %ij = arith.addi %i, %j : index
      %k = arith.index_cast %ij : index to i64
      %f = arith.sitofp %k : i64 to f64
      memref.store %f, %out[%i, %j] : memref<?x?xf64>
    }
    kern.yield
  }
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %row = scf.for %j = %c0 to %m step %c1 iter_args(%a = %acc) -> f64 {
      %v = memref.load %out[%i, %j] : memref<?x?xf64>
      %a2 = arith.addf %a, %v : f64
      scf.yield %a2 : f64
    }
    kern.yield %row : f64
  } : f64
  return %s : f64
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 1000 : index
  %x = memref.alloc(%n) : memref<?xf64>
  %k = memref.alloc(%n) : memref<?xi64>
  // x[i] = (i * 37) mod 1000 - 250, k[i] = 3 * i - 1000: a permutation, so
  // the sum is 499500 - 250000.
  scf.for %i = %c0 to %n step %c1 {
    %i64 = arith.index_cast %i : index to i64
    %c37 = arith.constant 37 : i64
    %c1000 = arith.constant 1000 : i64
    %c250 = arith.constant 250 : i64
    %p = arith.muli %i64, %c37 : i64
    %q = arith.remsi %p, %c1000 : i64
    %r = arith.subi %q, %c250 : i64
    %f = arith.sitofp %r : i64 to f64
    memref.store %f, %x[%i] : memref<?xf64>
    %c3 = arith.constant 3 : i64
    %t = arith.muli %i64, %c3 : i64
    %u = arith.subi %t, %c1000 : i64
    memref.store %u, %k[%i] : memref<?xi64>
  }
  %r:6 = func.call @reductions(%x, %k) : (memref<?xf64>, memref<?xi64>) -> (f64, f64, f64, i64, i64, i64)
  %c100 = arith.constant 100 : index
  %c50 = arith.constant 50 : index
  %grid = memref.alloc(%c100, %c50) : memref<?x?xf64>
  %rows = func.call @rows(%grid) : (memref<?x?xf64>) -> f64
  %fmt = llvm.mlir.addressof @fmt : !llvm.ptr
  // count: x >= 500 for x in [-250, 750) is 250 values. rows: sum of i + j
  // over 100 x 50 = 50 * 4950 + 100 * 1225.
  // CHECK: sum 249500 min -250 max 749 imin -1000 imax 1997 count 250 rows 370000
  llvm.call @printf(%fmt, %r#0, %r#1, %r#2, %r#3, %r#4, %r#5, %rows) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, f64, f64, f64, i64, i64, i64, f64) -> i32
  %mu:2 = func.call @minus_umax(%k) : (memref<?xi64>) -> (i64, i64)
  %fmt2 = llvm.mlir.addressof @fmt2 : !llvm.ptr
  // CHECK: minus -498500 umax -1
  llvm.call @printf(%fmt2, %mu#0, %mu#1) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i64, i64) -> i32
  memref.dealloc %x : memref<?xf64>
  memref.dealloc %k : memref<?xi64>
  memref.dealloc %grid : memref<?x?xf64>
  return
}
