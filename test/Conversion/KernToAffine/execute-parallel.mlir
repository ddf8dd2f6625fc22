// The parallel loops of `kern.parallel` functions run on OpenMP threads and
// give the sequential results. kern.raise branches are dead here (non-empty
// inputs) and dropped, as in execute.mlir. convert-scf-to-openmp wraps each
// parallel body in memref.alloca_scope, which must be lowered (by
// finalize-memref-to-llvm) before convert-scf-to-cf splits inner loops into
// blocks: the alloca_scope region holds a single block.
// RUN: kern-opt %s --convert-kern-to-affine | grep -v kern.raise \
// RUN: | kern-opt --lower-affine --convert-scf-to-openmp \
// RUN:   --expand-strided-metadata --finalize-memref-to-llvm --convert-scf-to-cf \
// RUN:   --convert-to-llvm --reconcile-unrealized-casts \
// RUN: | env OMP_NUM_THREADS=4 mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_lib_dir/libmlir_c_runner_utils.so,%mlir_lib_dir/libmlir_runner_utils.so,%mlir_lib_dir/libomp.so \
// RUN: | FileCheck %s
// RUN: kern-opt %s --convert-kern-to-affine | grep -v kern.raise \
// RUN: | kern-opt --lower-affine --convert-scf-to-openmp | FileCheck %s --check-prefix=OMP

// OpenMP loops: the ufunc, both axis reductions, the three sums and the
// two nests of the accumulate along axis 1; the float min and max (NaN
// propagation) stay sequential.
// OMP-COUNT-9: omp.wsloop
// OMP-NOT: omp.wsloop

// a[i, j] = 10 * i + j for a 100 x 37 array.
func.func @iota2(%n: index, %m: index) -> memref<?x?xf64> attributes {kern.parallel} {
  %a = kern.alloc(%n, %m) : memref<?x?xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ten = arith.constant 10.0 : f64
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %m step %c1 {
      %ii = arith.index_cast %i : index to i64
      %jj = arith.index_cast %j : index to i64
      %fi = arith.sitofp %ii : i64 to f64
      %fj = arith.sitofp %jj : i64 to f64
      %t = arith.mulf %fi, %ten : f64
      %v = arith.addf %t, %fj : f64
      memref.store %v, %a[%i, %j] : memref<?x?xf64>
    }
  }
  return %a : memref<?x?xf64>
}

func.func @work(%a: memref<?x?xf64>) -> (f64, f64, f64, f64, f64, i64, f64) attributes {kern.parallel} {
  %twice = kern.ufunc(%a : memref<?x?xf64>) {
  ^bb0(%x: f64):
    %y = arith.addf %x, %x : f64
    kern.yield %y : f64
  } -> memref<?x?xf64>
  %sum2 = kern.reduce add(%twice : memref<?x?xf64>) : f64
  %mx = kern.reduce max(%a : memref<?x?xf64>) : f64
  %mn = kern.reduce min(%a : memref<?x?xf64>) : f64
  %rows = kern.reduce add(%a : memref<?x?xf64>) axes [1] : memref<?xf64>
  %rsum = kern.reduce add(%rows : memref<?xf64>) : f64
  %cols = kern.reduce max(%a : memref<?x?xf64>) axes [0] : memref<?xf64>
  %csum = kern.reduce add(%cols : memref<?xf64>) : f64
  // Count of elements above 500, as an integer sum through a map region.
  %big = kern.reduce add(%a : memref<?x?xf64>) map {
  ^bb0(%x: f64):
    %lim = arith.constant 500.0 : f64
    %gt = arith.cmpf ogt, %x, %lim : f64
    %one = arith.extui %gt : i1 to i64
    kern.yield %one : i64
  } : i64
  %acc = kern.accumulate add(%a : memref<?x?xf64>) axis 1 : memref<?x?xf64>
  %c99 = arith.constant 99 : index
  %c36 = arith.constant 36 : index
  %last = memref.load %acc[%c99, %c36] : memref<?x?xf64>
  return %sum2, %mx, %mn, %rsum, %csum, %big, %last : f64, f64, f64, f64, f64, i64, f64
}

func.func @main() {
  %n = arith.constant 100 : index
  %m = arith.constant 37 : index
  %a = call @iota2(%n, %m) : (index, index) -> memref<?x?xf64>
  %s2, %mx, %mn, %rs, %cs, %big, %last = call @work(%a) : (memref<?x?xf64>) -> (f64, f64, f64, f64, f64, i64, f64)
  // sum = 37 * 10 * 4950 + 100 * 666 = 1898100
  // CHECK: 3.7962e+06
  vector.print %s2 : f64
  // CHECK-NEXT: 1026
  vector.print %mx : f64
  // CHECK-NEXT: 0
  vector.print %mn : f64
  // CHECK-NEXT: 1.8981e+06
  vector.print %rs : f64
  // column maxima 990 + j: 37 * 990 + 666
  // CHECK-NEXT: 37296
  vector.print %cs : f64
  // 10 i + j > 500: 6 + 16 + 26 elements in rows 47..49, rows 50..99 but 500
  // CHECK-NEXT: 1897
  vector.print %big : i64
  // 37 * 990 + 666
  // CHECK-NEXT: 37296
  vector.print %last : f64
  return
}
