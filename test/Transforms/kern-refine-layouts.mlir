// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-refine-layouts))' --split-input-file | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-refine-layouts),canonicalize)' --split-input-file | FileCheck %s --check-prefix=FOLD

// A C-contiguous argument: its uses see a view with stride 1 innermost.
// CHECK-LABEL: func.func @c_layout
// CHECK-SAME: (%[[A:.*]]: memref<?x?xf64, strided<[?, ?], offset: ?>> {kern.layout = "C"}
// CHECK: %[[BASE:.*]], %[[OFF:.*]], %[[SIZES:.*]]:2, %[[STRIDES:.*]]:2 = memref.extract_strided_metadata %[[A]]
// CHECK: %[[VIEW:.*]] = memref.reinterpret_cast %[[BASE]] to offset: [%[[OFF]]], sizes: [%[[SIZES]]#0, %[[SIZES]]#1], strides: [%[[STRIDES]]#0, 1] : memref<f64> to memref<?x?xf64, strided<[?, 1], offset: ?>>
// CHECK: %[[SAME:.*]] = memref.cast %[[VIEW]] : memref<?x?xf64, strided<[?, 1], offset: ?>> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK: memref.load %[[SAME]][%{{.*}}, %{{.*}}]
// The load's folder takes the refined view.
// FOLD-LABEL: func.func @c_layout
// FOLD: %[[VIEW:.*]] = memref.reinterpret_cast
// FOLD: memref.load %[[VIEW]][%{{.*}}, %{{.*}}] : memref<?x?xf64, strided<[?, 1], offset: ?>>
func.func @c_layout(%a: memref<?x?xf64, strided<[?, ?], offset: ?>> {kern.layout = "C"}, %i: index, %j: index) -> f64 {
  %v = memref.load %a[%i, %j] : memref<?x?xf64, strided<[?, ?], offset: ?>>
  return %v : f64
}

// -----

// F-contiguous: stride 1 outermost. An argument without the attribute is
// left as it is.
// CHECK-LABEL: func.func @f_layout
// CHECK: memref.reinterpret_cast {{.*}} strides: [1, %{{.*}}#1] : memref<f32> to memref<?x?xf32, strided<[1, ?], offset: ?>>
// CHECK-NOT: memref.reinterpret_cast
// CHECK: return
func.func @f_layout(%a: memref<?x?xf32, strided<[?, ?], offset: ?>> {kern.layout = "F"}, %b: memref<?xf32, strided<[?], offset: ?>>, %i: index) -> f32 {
  %v = memref.load %a[%i, %i] : memref<?x?xf32, strided<[?, ?], offset: ?>>
  %w = memref.load %b[%i] : memref<?xf32, strided<[?], offset: ?>>
  %s = arith.addf %v, %w : f32
  return %s : f32
}

// -----

// One-dimensional.
// CHECK-LABEL: func.func @one_d
// CHECK: memref.reinterpret_cast {{.*}} strides: [1] : memref<i64> to memref<?xi64, strided<[1], offset: ?>>
func.func @one_d(%a: memref<?xi64, strided<[?], offset: ?>> {kern.layout = "C"}, %i: index) -> i64 {
  %v = memref.load %a[%i] : memref<?xi64, strided<[?], offset: ?>>
  return %v : i64
}

// -----

// A 0-d array is C- and F-contiguous with no strides: nothing to refine,
// the argument is used as it is.
// CHECK-LABEL: func.func @zero_d
// CHECK-SAME: (%[[A:.*]]: memref<f64, strided<[], offset: ?>> {kern.layout = "C"})
// CHECK-NOT: memref.reinterpret_cast
// CHECK: memref.load %[[A]][] : memref<f64, strided<[], offset: ?>>
func.func @zero_d(%a: memref<f64, strided<[], offset: ?>> {kern.layout = "C"}) -> f64 {
  %v = memref.load %a[] : memref<f64, strided<[], offset: ?>>
  return %v : f64
}
