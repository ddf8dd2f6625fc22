// A kern.ufunc writing `outs` reads its inputs as NumPy does, before any
// write: inputs that overlap an out (shifted or reversed views of the same
// buffer, a broadcast element of it) are copied first; the very same view
// is read and written in place. Numbers are NumPy's.
// RUN: kern-opt %s --convert-kern-to-affine \
// RUN: | kern-opt --lower-affine --convert-scf-to-cf \
// RUN:   --expand-strided-metadata --finalize-memref-to-llvm \
// RUN:   --convert-to-llvm --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_lib_dir/libmlir_c_runner_utils.so,%mlir_lib_dir/libmlir_runner_utils.so \
// RUN: | FileCheck %s

!view = memref<?xf64, strided<[?], offset: ?>>

func.func private @printMemrefF64(memref<*xf64>) attributes {llvm.emit_c_interface}

func.func @print(%a: memref<8xf64>) {
  %u = memref.cast %a : memref<8xf64> to memref<*xf64>
  call @printMemrefF64(%u) : (memref<*xf64>) -> ()
  return
}

// a[i] = i
func.func @iota() -> memref<8xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() : memref<8xf64>
  scf.for %i = %c0 to %c8 step %c1 {
    %ii = arith.index_cast %i : index to i64
    %f = arith.sitofp %ii : i64 to f64
    memref.store %f, %a[%i] : memref<8xf64>
  }
  return %a : memref<8xf64>
}

// out = 2 * x, as a callee that cannot see where its arguments come from.
func.func @double(%x: !view, %out: !view) {
  kern.ufunc(%x : !view) outs(%out : !view) {
  ^bb0(%e: f64):
    %two = arith.constant 2.0 : f64
    %d = arith.mulf %e, %two : f64
    kern.yield %d : f64
  }
  return
}

// out = x + y
func.func @add(%x: !view, %y: !view, %out: !view) {
  kern.ufunc(%x, %y : !view, !view) outs(%out : !view) {
  ^bb0(%e: f64, %f: f64):
    %s = arith.addf %e, %f : f64
    kern.yield %s : f64
  }
  return
}

func.func @main() {
  // a[1:] = 2 * a[:-1]
  %a = call @iota() : () -> memref<8xf64>
  %a0 = memref.subview %a[0] [7] [1] : memref<8xf64> to memref<7xf64, strided<[1]>>
  %a1 = memref.subview %a[1] [7] [1] : memref<8xf64> to memref<7xf64, strided<[1], offset: 1>>
  %x = memref.cast %a0 : memref<7xf64, strided<[1]>> to !view
  %o = memref.cast %a1 : memref<7xf64, strided<[1], offset: 1>> to !view
  call @double(%x, %o) : (!view, !view) -> ()
  // CHECK: [0,  0,  2,  4,  6,  8,  10,  12]
  call @print(%a) : (memref<8xf64>) -> ()

  // a[:-1] = 2 * a[1:] (a forward loop would be right; the copy is too)
  %b = call @iota() : () -> memref<8xf64>
  %b0 = memref.subview %b[0] [7] [1] : memref<8xf64> to memref<7xf64, strided<[1]>>
  %b1 = memref.subview %b[1] [7] [1] : memref<8xf64> to memref<7xf64, strided<[1], offset: 1>>
  %bx = memref.cast %b1 : memref<7xf64, strided<[1], offset: 1>> to !view
  %bo = memref.cast %b0 : memref<7xf64, strided<[1]>> to !view
  call @double(%bx, %bo) : (!view, !view) -> ()
  // CHECK: [2,  4,  6,  8,  10,  12,  14,  7]
  call @print(%b) : (memref<8xf64>) -> ()

  // a[:] = 2 * a[::-1]
  %c = call @iota() : () -> memref<8xf64>
  %cr = memref.reinterpret_cast %c to offset: [7], sizes: [8], strides: [-1] : memref<8xf64> to !view
  %cf = memref.cast %c : memref<8xf64> to !view
  call @double(%cr, %cf) : (!view, !view) -> ()
  // CHECK: [14,  12,  10,  8,  6,  4,  2,  0]
  call @print(%c) : (memref<8xf64>) -> ()

  // a[:] = 2 * a: the same view, in place, no copy needed
  %d = call @iota() : () -> memref<8xf64>
  %dv = memref.cast %d : memref<8xf64> to !view
  call @double(%dv, %dv) : (!view, !view) -> ()
  // CHECK: [0,  2,  4,  6,  8,  10,  12,  14]
  call @print(%d) : (memref<8xf64>) -> ()

  // a[:] = a + a[3] (a[3] broadcast with stride 0)
  %e = call @iota() : () -> memref<8xf64>
  %ev = memref.cast %e : memref<8xf64> to !view
  %e3 = memref.reinterpret_cast %e to offset: [3], sizes: [8], strides: [0] : memref<8xf64> to !view
  call @add(%ev, %e3, %ev) : (!view, !view, !view) -> ()
  // CHECK: [3,  4,  5,  6,  7,  8,  9,  10]
  call @print(%e) : (memref<8xf64>) -> ()

  // a[::2] = a[1::2] + a[::2]: interleaved but disjoint (no copy needed,
  // the byte ranges meet; the answer is the same either way)
  %g = call @iota() : () -> memref<8xf64>
  %ge = memref.reinterpret_cast %g to offset: [0], sizes: [4], strides: [2] : memref<8xf64> to !view
  %go = memref.reinterpret_cast %g to offset: [1], sizes: [4], strides: [2] : memref<8xf64> to !view
  call @add(%go, %ge, %ge) : (!view, !view, !view) -> ()
  // CHECK: [1,  1,  5,  3,  9,  5,  13,  7]
  call @print(%g) : (memref<8xf64>) -> ()

  memref.dealloc %a : memref<8xf64>
  memref.dealloc %b : memref<8xf64>
  memref.dealloc %c : memref<8xf64>
  memref.dealloc %d : memref<8xf64>
  memref.dealloc %e : memref<8xf64>
  memref.dealloc %g : memref<8xf64>
  return
}
