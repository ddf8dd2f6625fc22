// Runs broadcast and fused array expressions and checks the numbers (the
// expected values are NumPy's).
// mlir-runner cannot load an ASan build of libkern_runtime.so.
// UNSUPPORTED: kern-sanitize
// RUN: kern-opt %s --kern-broadcast --kern-fuse --convert-kern-to-affine \
// RUN:   --convert-kern-to-runtime --expand-strided-metadata --lower-affine \
// RUN:   --convert-scf-to-cf --finalize-memref-to-llvm \
// RUN:   --convert-math-to-llvm --convert-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%kern_obj_root/lib/libkern_runtime.so \
// RUN: | FileCheck %s

llvm.func @printf(!llvm.ptr, ...) -> i32
llvm.mlir.global internal constant @fmt_value("%.6f\0A\00") {addr_space = 0 : i32}

func.func @print(%v: f64) {
  %fmt = llvm.mlir.addressof @fmt_value : !llvm.ptr
  llvm.call @printf(%fmt, %v) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, f64) -> i32
  return
}

func.func @print1(%m: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %m, %c0 : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %m[%i] : memref<?xf64>
    func.call @print(%v) : (f64) -> ()
  }
  return
}

func.func @print2(%m: memref<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %m, %c0 : memref<?x?xf64>
  %k = memref.dim %m, %c1 : memref<?x?xf64>
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %k step %c1 {
      %v = memref.load %m[%i, %j] : memref<?x?xf64>
      func.call @print(%v) : (f64) -> ()
    }
  }
  return
}

// v[i] = step * i, shaped (n, m) with n * m elements.
func.func @iota(%n: index, %m: index, %step: f64) -> memref<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = memref.alloc(%n, %m) : memref<?x?xf64>
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %m step %c1 {
      %k = arith.muli %i, %m : index
      %l = arith.addi %k, %j : index
      %li = arith.index_cast %l : index to i64
      %f = arith.sitofp %li : i64 to f64
      %v = arith.mulf %f, %step : f64
      memref.store %v, %a[%i, %j] : memref<?x?xf64>
    }
  }
  return %a : memref<?x?xf64>
}

// np.sqrt(x**2 + np.sin(x) * np.exp(-x)), fused into one loop.
func.func @classic(%x: memref<?xf64>) -> memref<?xf64> {
  %sq = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %p = arith.mulf %a, %a : f64
    kern.yield %p : f64
  } -> memref<?xf64>
  %sin = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %neg = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %n = arith.negf %a : f64
    kern.yield %n : f64
  } -> memref<?xf64>
  %exp = kern.ufunc(%neg : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %mul = kern.ufunc(%sin, %exp : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %m = arith.mulf %a, %b : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  %add = kern.ufunc(%sq, %mul : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %r = kern.ufunc(%add : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sqrt %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// np.sum(x**2)
func.func @sum_of_squares(%x: memref<?xf64>) -> f64 {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = arith.mulf %a, %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %r = kern.reduce add(%t : memref<?xf64>) : f64
  return %r : f64
}

// a * 2 + b with a (3,1) and b (1,4): broadcast to (3,4), fused.
func.func @outer(%a: memref<?x?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
  %two = arith.constant 2.0 : f64
  %t = kern.ufunc(%a, %two : memref<?x?xf64>, f64) {
  ^bb0(%p: f64, %c: f64):
    %m = arith.mulf %p, %c : f64
    kern.yield %m : f64
  } -> memref<?x?xf64>
  %r = kern.ufunc(%t, %b : memref<?x?xf64>, memref<?x?xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// np.exp(a) + b with a (4,) and b (2,4): exp stays a loop of its own.
func.func @trap(%a: memref<?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
  %e = kern.ufunc(%a : memref<?xf64>) {
  ^bb0(%p: f64):
    %x = math.exp %p : f64
    kern.yield %x : f64
  } -> memref<?xf64>
  %r = kern.ufunc(%e, %b : memref<?xf64>, memref<?x?xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %half = arith.constant 0.5 : f64
  %one = arith.constant 1.0 : f64
  %ten = arith.constant 10.0 : f64

  // x = [0, 0.5, 1, 1.5]
  %x2 = func.call @iota(%c1, %c4, %half) : (index, index, f64) -> memref<?x?xf64>
  %x = memref.collapse_shape %x2 [[0, 1]] : memref<?x?xf64> into memref<?xf64>

  // CHECK: 0.000000
  // CHECK-NEXT: 0.735382
  // CHECK-NEXT: 1.144360
  // CHECK-NEXT: 1.572441
  %r = func.call @classic(%x) : (memref<?xf64>) -> memref<?xf64>
  func.call @print1(%r) : (memref<?xf64>) -> ()

  // CHECK-NEXT: 3.500000
  %s = func.call @sum_of_squares(%x) : (memref<?xf64>) -> f64
  func.call @print(%s) : (f64) -> ()

  // CHECK-NEXT: 0.000000
  // CHECK-NEXT: 10.000000
  // CHECK-NEXT: 20.000000
  // CHECK-NEXT: 30.000000
  // CHECK-NEXT: 2.000000
  // CHECK-NEXT: 12.000000
  // CHECK-NEXT: 22.000000
  // CHECK-NEXT: 32.000000
  // CHECK-NEXT: 4.000000
  // CHECK-NEXT: 14.000000
  // CHECK-NEXT: 24.000000
  // CHECK-NEXT: 34.000000
  %a = func.call @iota(%c3, %c1, %one) : (index, index, f64) -> memref<?x?xf64>
  %b = func.call @iota(%c1, %c4, %ten) : (index, index, f64) -> memref<?x?xf64>
  %o = func.call @outer(%a, %b) : (memref<?x?xf64>, memref<?x?xf64>) -> memref<?x?xf64>
  func.call @print2(%o) : (memref<?x?xf64>) -> ()

  // CHECK-NEXT: 1.000000
  // CHECK-NEXT: 1.648721
  // CHECK-NEXT: 2.718282
  // CHECK-NEXT: 4.481689
  // CHECK-NEXT: 1.000000
  // CHECK-NEXT: 1.648721
  // CHECK-NEXT: 2.718282
  // CHECK-NEXT: 4.481689
  %z = memref.alloc(%c2, %c4) : memref<?x?xf64>
  %zero = arith.constant 0.0 : f64
  scf.for %i = %c0 to %c2 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      memref.store %zero, %z[%i, %j] : memref<?x?xf64>
    }
  }
  %t = func.call @trap(%x, %z) : (memref<?xf64>, memref<?x?xf64>) -> memref<?x?xf64>
  func.call @print2(%t) : (memref<?x?xf64>) -> ()
  return
}
