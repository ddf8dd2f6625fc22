// RUN: kern-translate --kern-to-llvmir %s | FileCheck %s

// A memref.subview in kern IR: expand-strided-metadata turns it into
// affine.apply of offsets and sizes, which the pipeline lowers again.
// CHECK-LABEL: define {{.*}}double @sv(
// CHECK: fadd
// CHECK-LABEL: define void @sv__kern_packed(
func.func @sv(%x: memref<?xf64, strided<[?], offset: ?>>, %i: index, %n: index) -> f64 attributes {kern.entry} {
  %v = memref.subview %x[%i] [%n] [2] : memref<?xf64, strided<[?], offset: ?>> to memref<?xf64, strided<[?], offset: ?>>
  %s = kern.reduce add(%v : memref<?xf64, strided<[?], offset: ?>>) : f64
  return %s : f64
}
