// Runs lowered kern array ops and checks the numbers they compute.
// kern.raise (reductions without identity over no elements) is lowered by
// convert-kern-to-runtime, which is not part of this test: the inputs here are
// never empty, so the raise branches are dead and grep drops the op.
// RUN: kern-opt %s --convert-kern-to-affine | grep -v kern.raise \
// RUN: | kern-opt --lower-affine --convert-scf-to-cf \
// RUN:   --expand-strided-metadata --finalize-memref-to-llvm \
// RUN:   --convert-complex-to-llvm --convert-to-llvm \
// RUN:   --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_lib_dir/libmlir_c_runner_utils.so,%mlir_lib_dir/libmlir_runner_utils.so \
// RUN: | FileCheck %s

!strided2 = memref<?x?xf64, strided<[?, ?], offset: ?>>

func.func private @printMemrefF64(memref<*xf64>) attributes {llvm.emit_c_interface}
func.func private @printMemrefI32(memref<*xi32>) attributes {llvm.emit_c_interface}

// a[i, j] = 10 * i + j
func.func @iota2(%n: index, %m: index) -> memref<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ten = arith.constant 10.0 : f64
  %a = memref.alloc(%n, %m) : memref<?x?xf64>
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

func.func @print2(%a: memref<?x?xf64>) {
  %u = memref.cast %a : memref<?x?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

func.func @print1(%a: memref<?xf64>) {
  %u = memref.cast %a : memref<?xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

// x + 2 * y over strided views.
func.func @axpy(%x: !strided2, %y: !strided2) -> memref<?x?xf64> {
  %r = kern.ufunc(%x, %y : !strided2, !strided2) {
  ^bb0(%a: f64, %b: f64):
    %two = arith.constant 2.0 : f64
    %t = arith.mulf %b, %two : f64
    %s = arith.addf %a, %t : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// (3, 1) + (1, 4) through broadcast views to (3, 4).
func.func @outer_add(%col: memref<?x1xf64>, %row: memref<1x?xf64>) -> memref<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %col, %c0 : memref<?x1xf64>
  %m = memref.dim %row, %c1 : memref<1x?xf64>
  %bc = kern.broadcast %col to (%n, %m) : memref<?x1xf64> -> !strided2
  %br = kern.broadcast %row to (%n, %m) : memref<1x?xf64> -> !strided2
  %r = kern.ufunc(%bc, %br : !strided2, !strided2) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// A 1-D array broadcast along new leading rows, size-1 decided at run time.
func.func @rows(%v: memref<?xf64>, %n: index, %m: index) -> memref<?x?xf64> {
  %bv = kern.broadcast %v to (%n, %m) : memref<?xf64> -> !strided2
  %r = kern.ufunc(%bv : !strided2) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

func.func @reductions(%a: memref<?x?xf64>) -> (f64, f64, f64, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>) {
  %s = kern.reduce add(%a : memref<?x?xf64>) : f64
  %big = arith.constant 1.0e9 : f64
  %mn = kern.reduce min(%a : memref<?x?xf64>) init(%big : f64) : f64
  // sum of squares through a map region
  %q = kern.reduce add(%a : memref<?x?xf64>) map {
  ^bb0(%v: f64):
    %sq = arith.mulf %v, %v : f64
    kern.yield %sq : f64
  } : f64
  %rows = kern.reduce add(%a : memref<?x?xf64>) axes [1] : memref<?xf64>
  %cols = kern.reduce add(%a : memref<?x?xf64>) axes [0] : memref<?xf64>
  // custom: a - b folded from the first element of each column
  %sub = kern.reduce custom(%a : memref<?x?xf64>) axes [0] combine {
  ^bb0(%x: f64, %y: f64):
    %d = arith.subf %x, %y : f64
    kern.yield %d : f64
  } : memref<?xf64>
  %mx = kern.reduce max(%a : memref<?x?xf64>) axes [1] : memref<?xf64>
  return %s, %mn, %q, %rows, %cols, %sub, %mx : f64, f64, f64, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>
}

// Scalar custom reduction from the first element: ((0 - 1) - 2) - ... - 23.
func.func @fold_sub(%a: memref<?x?xf64>) -> f64 {
  %r = kern.reduce custom(%a : memref<?x?xf64>) combine {
  ^bb0(%x: f64, %y: f64):
    %d = arith.subf %x, %y : f64
    kern.yield %d : f64
  } : f64
  return %r : f64
}

// A ufunc of scalars only writing `outs` (a fill), and a rank-0 ufunc.
func.func @scalars(%o: memref<?x?xf64, strided<[?, ?], offset: ?>>, %s: memref<f64>) -> memref<f64> {
  %c = arith.constant 1.5 : f64
  kern.ufunc(%c : f64) outs(%o : memref<?x?xf64, strided<[?, ?], offset: ?>>) {
  ^bb0(%x: f64):
    kern.yield %x : f64
  }
  %r = kern.ufunc(%s, %c : memref<f64>, f64) {
  ^bb0(%x: f64, %y: f64):
    %m = arith.mulf %x, %y : f64
    kern.yield %m : f64
  } -> memref<f64>
  return %r : memref<f64>
}

// A complex product starts from complex one.
func.func @cprod(%z: memref<?xcomplex<f64>>) -> complex<f64> {
  %p = kern.reduce mul(%z : memref<?xcomplex<f64>>) : complex<f64>
  return %p : complex<f64>
}

func.func @cumsum(%a: memref<?x?xf64>) -> (memref<?x?xf64>, memref<?x?xf64>) {
  %c0 = kern.accumulate add(%a : memref<?x?xf64>) axis 0 : memref<?x?xf64>
  %c1 = kern.accumulate add(%a : memref<?x?xf64>) axis 1 : memref<?x?xf64>
  return %c0, %c1 : memref<?x?xf64>, memref<?x?xf64>
}

func.func @ones(%n: index) -> memref<?x2xi32> attributes {kern.parallel} {
  %one = arith.constant 7 : i32
  %a = kern.alloc(%n) fill %one : i32 : memref<?x2xi32>
  return %a : memref<?x2xi32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %a = call @iota2(%c3, %c4) : (index, index) -> memref<?x?xf64>

  // Columns 0 and 2 of a, and columns 1 and 3: strides (4, 2).
  %c0 = arith.constant 0 : index
  %x = memref.subview %a[%c0, %c0] [%c3, %c2] [%c1, %c2] : memref<?x?xf64> to !strided2
  %y = memref.subview %a[%c0, %c1] [%c3, %c2] [%c1, %c2] : memref<?x?xf64> to !strided2
  %r = call @axpy(%x, %y) : (!strided2, !strided2) -> memref<?x?xf64>
  // CHECK: sizes = [3, 2] strides = [2, 1]
  // CHECK-NEXT: [2,   8]
  // CHECK-NEXT: [32,   38]
  // CHECK-NEXT: [62,   68]
  call @print2(%r) : (memref<?x?xf64>) -> ()

  %colc = memref.alloc(%c3) : memref<?x1xf64>
  %rowc = memref.alloc(%c4) : memref<1x?xf64>
  scf.for %i = %c0 to %c3 step %c1 {
    %e = memref.load %a[%i, %c0] : memref<?x?xf64>
    memref.store %e, %colc[%i, %c0] : memref<?x1xf64>
  }
  scf.for %j = %c0 to %c4 step %c1 {
    %e = memref.load %a[%c1, %j] : memref<?x?xf64>
    memref.store %e, %rowc[%c0, %j] : memref<1x?xf64>
  }
  // col = [0, 10, 20], row = [10, 11, 12, 13]
  %o = call @outer_add(%colc, %rowc) : (memref<?x1xf64>, memref<1x?xf64>) -> memref<?x?xf64>
  // CHECK: sizes = [3, 4]
  // CHECK-NEXT: [10,   11,   12,   13]
  // CHECK-NEXT: [20,   21,   22,   23]
  // CHECK-NEXT: [30,   31,   32,   33]
  call @print2(%o) : (memref<?x?xf64>) -> ()

  // A length-1 vector broadcast to (2, 3): the size-1 stride is 0 at run time.
  %v1 = memref.alloc(%c1) : memref<?xf64>
  %five = arith.constant 5.0 : f64
  memref.store %five, %v1[%c0] : memref<?xf64>
  %rr = call @rows(%v1, %c2, %c3) : (memref<?xf64>, index, index) -> memref<?x?xf64>
  // CHECK: sizes = [2, 3]
  // CHECK-NEXT: [5,   5,   5]
  // CHECK-NEXT: [5,   5,   5]
  call @print2(%rr) : (memref<?x?xf64>) -> ()

  %s, %mn, %q, %rows, %cols, %sub, %mx = call @reductions(%a) : (memref<?x?xf64>) -> (f64, f64, f64, memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<?xf64>)
  // sum = 3*(0+1+2+3) + 4*(0+10+20) = 18 + 120
  // CHECK: 138
  vector.print %s : f64
  // CHECK-NEXT: 0
  vector.print %mn : f64
  // squares: 0+1+4+9 + 100+121+144+169 + 400+441+484+529
  // CHECK-NEXT: 2402
  vector.print %q : f64
  // CHECK: [6,  46,  86]
  call @print1(%rows) : (memref<?xf64>) -> ()
  // CHECK: [30,  33,  36,  39]
  call @print1(%cols) : (memref<?xf64>) -> ()
  // 0 - 10 - 20, 1 - 11 - 21, ...
  // CHECK: [-30,  -31,  -32,  -33]
  call @print1(%sub) : (memref<?xf64>) -> ()
  // CHECK: [3,  13,  23]
  call @print1(%mx) : (memref<?xf64>) -> ()

  %cs0, %cs1 = call @cumsum(%a) : (memref<?x?xf64>) -> (memref<?x?xf64>, memref<?x?xf64>)
  // CHECK: [0,   1,   2,   3]
  // CHECK-NEXT: [10,   12,   14,   16]
  // CHECK-NEXT: [30,   33,   36,   39]
  call @print2(%cs0) : (memref<?x?xf64>) -> ()
  // CHECK: [0,   1,   3,   6]
  // CHECK-NEXT: [10,   21,   33,   46]
  // CHECK-NEXT: [20,   41,   63,   86]
  call @print2(%cs1) : (memref<?x?xf64>) -> ()

  %fs = call @fold_sub(%a) : (memref<?x?xf64>) -> f64
  // 0 - (1 + 2 + 3) - (10 + 11 + 12 + 13) - (20 + 21 + 22 + 23) = -138
  // CHECK: -138
  vector.print %fs : f64

  // Fill the columns 1 and 3 of a with 1.5; a scalar array 4 * 1.5.
  %odd = memref.subview %a[%c0, %c1] [%c3, %c2] [%c1, %c2] : memref<?x?xf64> to !strided2
  %four = arith.constant 4.0 : f64
  %s0 = memref.alloc() : memref<f64>
  memref.store %four, %s0[] : memref<f64>
  %sr = call @scalars(%odd, %s0) : (!strided2, memref<f64>) -> memref<f64>
  // CHECK: [0,   1.5,   2,   1.5]
  // CHECK-NEXT: [10,   1.5,   12,   1.5]
  // CHECK-NEXT: [20,   1.5,   22,   1.5]
  call @print2(%a) : (memref<?x?xf64>) -> ()
  %srv = memref.load %sr[] : memref<f64>
  // CHECK-NEXT: 6
  vector.print %srv : f64

  // (1 + 2i)^3 = -11 - 2i
  %z = memref.alloc(%c3) : memref<?xcomplex<f64>>
  %w = complex.constant [1.0, 2.0] : complex<f64>
  scf.for %i = %c0 to %c3 step %c1 {
    memref.store %w, %z[%i] : memref<?xcomplex<f64>>
  }
  %p = call @cprod(%z) : (memref<?xcomplex<f64>>) -> complex<f64>
  %pre = complex.re %p : complex<f64>
  %pim = complex.im %p : complex<f64>
  // CHECK: -11
  // CHECK-NEXT: -2
  vector.print %pre : f64
  vector.print %pim : f64

  %f = call @ones(%c2) : (index) -> memref<?x2xi32>
  %fu = memref.cast %f : memref<?x2xi32> to memref<*xi32>
  // CHECK: sizes = [2, 2]
  // CHECK-NEXT: [7,   7]
  // CHECK-NEXT: [7,   7]
  call @printMemrefI32(%fu) : (memref<*xi32>) -> ()
  return
}
