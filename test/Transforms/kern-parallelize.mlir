// RUN: kern-opt %s --kern-parallelize --split-input-file | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-parallelize))' --split-input-file | FileCheck %s
// RUN: kern-opt %s --kern-parallelize --convert-scf-to-openmp --split-input-file | FileCheck %s --check-prefix=OMP

// A sum: the body's `acc + x` becomes the contribution `x`.
// CHECK-LABEL: func.func @sum_f64
// CHECK-NOT: kern.prange
// CHECK: %[[S:.*]] = scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%arg1) step (%{{.*}}) init (%[[ZERO:.*]]) -> f64 {
// CHECK:   %[[V:.*]] = memref.load %arg0[%[[I]]] : memref<?xf64>
// CHECK-NOT: arith.addf
// CHECK:   scf.reduce(%[[V]] : f64) {
// CHECK:   ^bb0(%[[A:.*]]: f64, %[[B:.*]]: f64):
// CHECK:     %[[R:.*]] = arith.addf %[[A]], %[[B]] : f64
// CHECK:     scf.reduce.return %[[R]] : f64
// CHECK: return %[[S]]
// OMP-LABEL: func.func @sum_f64
// OMP: omp.parallel
// OMP: omp.wsloop reduction(@[[RED:.*]] %{{.*}} -> %{{.*}} : !llvm.ptr)
func.func @sum_f64(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %t = arith.addf %acc, %v : f64
    kern.yield %t : f64
  } : f64
  return %s : f64
}

// -----

// Products of i32, with the accumulator on the right.
// CHECK-LABEL: func.func @prod_i32
// CHECK: scf.parallel
// CHECK:   %[[V:.*]] = memref.load
// CHECK:   scf.reduce(%[[V]] : i32) {
// CHECK:     arith.muli
// OMP-LABEL: func.func @prod_i32
// OMP: omp.wsloop reduction
func.func @prod_i32(%x: memref<?xi32>, %n: index) -> i32 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1 : i32
  %s = kern.prange %i = %c0 to %n step %c1 reduce(mul %acc = %one : i32) {
    %v = memref.load %x[%i] : memref<?xi32>
    %t = arith.muli %v, %acc : i32
    kern.yield %t : i32
  } : i32
  return %s : i32
}

// -----

// min and max, as arith ops or as the cmp + select idiom, on floats and
// integers; several variables share one scf.reduce. The combiners are
// cmp + select, which convert-scf-to-openmp recognizes.
// CHECK-LABEL: func.func @min_max
// CHECK: %[[R:.*]]:4 = scf.parallel (%{{.*}}) = {{.*}} init (%arg2, %arg3, %arg4, %arg5) -> (f64, f64, i64, i64) {
// CHECK:   %[[V:.*]] = memref.load %arg0
// CHECK:   %[[W:.*]] = memref.load %arg1
// CHECK-NOT: arith.minimumf
// CHECK-NOT: arith.maxsi
// CHECK:   scf.reduce(%[[V]], %[[V]], %[[W]], %[[W]] : f64, f64, i64, i64) {
// CHECK:     %[[C0:.*]] = arith.cmpf olt, %[[A0:.*]], %[[B0:.*]] : f64
// CHECK:     arith.select %[[C0]], %[[A0]], %[[B0]] : f64
// CHECK:   }, {
// CHECK:     arith.cmpf ogt
// CHECK:   }, {
// CHECK:     arith.cmpi slt
// CHECK:   }, {
// CHECK:     arith.cmpi sgt
// CHECK:   }
// OMP-LABEL: func.func @min_max
// OMP: omp.wsloop reduction(@{{.*}}, @{{.*}}, @{{.*}}, @{{.*}} : !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr)
func.func @min_max(%x: memref<?xf64>, %y: memref<?xi64>, %fmin: f64, %fmax: f64, %imin: i64, %imax: i64, %n: index) -> (f64, f64, i64, i64) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:4 = kern.prange %i = %c0 to %n step %c1 reduce(min %a = %fmin : f64, max %b = %fmax : f64, min %c = %imin : i64, max %d = %imax : i64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %w = memref.load %y[%i] : memref<?xi64>
    %a2 = arith.minimumf %a, %v : f64
    %gt = arith.cmpf ogt, %v, %b : f64
    %b2 = arith.select %gt, %v, %b : f64
    %c2 = arith.minsi %w, %c : i64
    %lt = arith.cmpi slt, %d, %w : i64
    %d2 = arith.select %lt, %w, %d : i64
    kern.yield %a2, %b2, %c2, %d2 : f64, f64, i64, i64
  } : f64, f64, i64, i64
  return %r#0, %r#1, %r#2, %r#3 : f64, f64, i64, i64
}

// -----

// Two reductions of different kinds and types, one scf.reduce.
// CHECK-LABEL: func.func @two_reductions
// CHECK: scf.parallel {{.*}} -> (f64, i64)
// CHECK:   scf.reduce(%{{.*}}, %{{.*}} : f64, i64) {
// CHECK:     arith.addf
// CHECK:   }, {
// CHECK:     arith.cmpi sgt
// OMP-LABEL: func.func @two_reductions
// OMP: omp.wsloop reduction(@{{.*}}, @{{.*}} : !llvm.ptr, !llvm.ptr)
func.func @two_reductions(%x: memref<?xf64>, %n: index) -> (f64, i64) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %lowest = arith.constant -9223372036854775808 : i64
  %r:2 = kern.prange %i = %c0 to %n step %c1 reduce(add %s = %zero : f64, max %m = %lowest : i64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %s2 = arith.addf %s, %v : f64
    %k = arith.fptosi %v : f64 to i64
    %m2 = arith.maxsi %m, %k : i64
    kern.yield %s2, %m2 : f64, i64
  } : f64, i64
  return %r#0, %r#1 : f64, i64
}

// -----

// Counting under a condition (Monte Carlo style): the branch that keeps
// acc contributes the identity.
// CHECK-LABEL: func.func @count_if
// CHECK: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK: %[[ID:.*]] = arith.constant 0 : i64
// CHECK-NEXT: scf.parallel
// CHECK:   %[[T:.*]] = scf.if %{{.*}} -> (i64) {
// CHECK:     scf.yield %[[ONE]] : i64
// CHECK:   } else {
// CHECK:     scf.yield %[[ID]] : i64
// CHECK:   scf.reduce(%[[T]] : i64)
// OMP-LABEL: func.func @count_if
// OMP: omp.wsloop reduction
func.func @count_if(%x: memref<?xf64>, %y: memref<?xf64>, %n: index) -> i64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %f1 = arith.constant 1.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : i64) {
    %a = memref.load %x[%i] : memref<?xf64>
    %b = memref.load %y[%i] : memref<?xf64>
    %a2 = arith.mulf %a, %a : f64
    %b2 = arith.mulf %b, %b : f64
    %r = arith.addf %a2, %b2 : f64
    %in = arith.cmpf olt, %r, %f1 : f64
    %t = scf.if %in -> i64 {
      %u = arith.addi %acc, %one : i64
      scf.yield %u : i64
    } else {
      scf.yield %acc : i64
    }
    kern.yield %t : i64
  } : i64
  return %s : i64
}

// -----

// Row sums: an inner sequential loop carries acc; its result is acc plus
// the row's sum, so the contribution is the inner loop started at 0.
// CHECK-LABEL: func.func @inner_loop
// CHECK: arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[ID:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: scf.parallel
// CHECK:   %[[ROW:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[ID]]) -> (f64)
// CHECK:   scf.reduce(%[[ROW]] : f64)
func.func @inner_loop(%a: memref<?x?xf64>, %n: index, %m: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %row = scf.for %j = %c0 to %m step %c1 iter_args(%r = %acc) -> f64 {
      %v = memref.load %a[%i, %j] : memref<?x?xf64>
      %r2 = arith.addf %r, %v : f64
      scf.yield %r2 : f64
    }
    kern.yield %row : f64
  } : f64
  return %s : f64
}

// -----

// index reductions run on i64 (OpenMP reduces LLVM types only).
// CHECK-LABEL: func.func @index_sum
// CHECK: %[[INIT:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[R:.*]] = scf.parallel (%[[I:.*]]) = {{.*}} init (%[[INIT]]) -> i64 {
// CHECK:   %[[C:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK:   scf.reduce(%[[C]] : i64)
// CHECK: %[[RI:.*]] = arith.index_cast %[[R]] : i64 to index
// CHECK: return %[[RI]]
// OMP-LABEL: func.func @index_sum
// OMP: omp.wsloop reduction
func.func @index_sum(%n: index) -> index attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %c0 : index) {
    %t = arith.addi %acc, %i : index
    kern.yield %t : index
  } : index
  return %s : index
}

// -----

// Writes indexed by the loop variable (directly, through index casts, in
// another dimension, or through a per-iteration row view) are independent;
// the inner prange runs sequentially.
// CHECK-LABEL: func.func @independent_writes
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK:   memref.store %{{.*}}, %arg0[%[[I]]]
// CHECK:   scf.for %[[J:.*]] =
// CHECK:     memref.store %{{.*}}, %arg1[%[[J]], %[[I]]]
// CHECK:   memref.subview %arg2[%[[I]], 0] [1, %{{.*}}] [1, 1]
// CHECK:   scf.reduce
// CHECK-NOT: scf.reduce(
// OMP-LABEL: func.func @independent_writes
// OMP: omp.wsloop
func.func @independent_writes(%a: memref<?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>, %n: index, %m: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  kern.prange %i = %c0 to %n step %c1 {
    %i64 = arith.index_cast %i : index to i64
    %ii = arith.index_cast %i64 : i64 to index
    %v = memref.load %a[%ii] : memref<?xf64>
    %w = arith.addf %v, %one : f64
    memref.store %w, %a[%i] : memref<?xf64>
    kern.prange %j = %c0 to %m step %c1 {
      memref.store %w, %b[%j, %i] : memref<?x?xf64>
      kern.yield
    }
    %row = memref.subview %c[%i, 0] [1, %m] [1, 1] : memref<?x?xf64> to memref<?xf64, strided<[1], offset: ?>>
    scf.for %j = %c0 to %m step %c1 {
      memref.store %w, %row[%j] : memref<?xf64, strided<[1], offset: ?>>
    }
    kern.yield
  }
  return
}

// -----

// Without kern.parallel a prange is an scf.for with iter_args, body
// unchanged.
// CHECK-LABEL: func.func @sequential
// CHECK-NOT: scf.parallel
// CHECK: %[[S:.*]] = scf.for %[[I:.*]] = %{{.*}} to %arg1 step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (f64) {
// CHECK:   %[[V:.*]] = memref.load %arg0[%[[I]]]
// CHECK:   %[[T:.*]] = arith.addf %[[ACC]], %[[V]] : f64
// CHECK:   scf.yield %[[T]] : f64
// CHECK: return %[[S]]
func.func @sequential(%x: memref<?xf64>, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %t = arith.addf %acc, %v : f64
    kern.yield %t : f64
  } : f64
  return %s : f64
}

// -----

// A loop-carried dependence through memory keeps the loop sequential even
// where parallel was asked for (the remark is checked in the -errors test).
// CHECK-LABEL: func.func @shift
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK:   memref.store
func.func @shift(%a: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  kern.prange %i = %c0 to %n step %c1 {
    %v = memref.load %a[%i] : memref<?xf64>
    %j = arith.addi %i, %c1 : index
    memref.store %v, %a[%j] : memref<?xf64>
    kern.yield
  }
  return
}

// -----

// The frontend's `-=` and `/=` are add and mul reductions: `acc - x`
// contributes `-x`, `acc / x` contributes `1 / x`.
// CHECK-LABEL: func.func @sub_div
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: scf.parallel
// CHECK:   %[[V:.*]] = memref.load
// CHECK:   %[[NEG:.*]] = arith.negf %[[V]] : f64
// CHECK:   %[[W:.*]] = arith.subf %[[NEG]], %[[V]] : f64
// CHECK:   %[[INV:.*]] = arith.divf %[[ONE]], %[[V]] : f64
// CHECK:   %[[N:.*]] = arith.subi %c0_i64{{.*}}, %{{.*}} : i64
// CHECK:   scf.reduce(%[[W]], %[[INV]], %[[N]] : f64, f64, i64) {
// CHECK:     arith.addf
// CHECK:   }, {
// CHECK:     arith.mulf
// CHECK:   }, {
// CHECK:     arith.addi
// OMP-LABEL: func.func @sub_div
// OMP: omp.wsloop reduction(@{{.*}}, @{{.*}}, @{{.*}} :
func.func @sub_div(%x: memref<?xf64>, %n: index, %s0: f64, %p0: f64, %k0: i64) -> (f64, f64, i64) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:3 = kern.prange %i = %c0 to %n step %c1 reduce(add %s = %s0 : f64, mul %p = %p0 : f64, add %k = %k0 : i64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %s1 = arith.subf %s, %v : f64
    %s2 = arith.subf %s1, %v : f64
    %p1 = arith.divf %p, %v : f64
    %i64 = arith.index_cast %i : index to i64
    %k1 = arith.subi %k, %i64 : i64
    kern.yield %s2, %p1, %k1 : f64, f64, i64
  } : f64, f64, i64
  return %r#0, %r#1, %r#2 : f64, f64, i64
}

// -----

// Unsigned integers (Python's uint64) compare with ult/ugt: the combiners
// and the identities (all ones for min, 0 for max) are unsigned too.
// CHECK-LABEL: func.func @unsigned_min_max
// CHECK-DAG: %[[ALL:.*]] = arith.constant -1 : i64
// CHECK: scf.parallel
// CHECK:   scf.if
// CHECK:     scf.yield %[[ALL]] : i64
// CHECK:   scf.reduce(%{{.*}}, %{{.*}} : i64, i64) {
// CHECK:     arith.cmpi ult
// CHECK:   }, {
// CHECK:     arith.cmpi ugt
// OMP-LABEL: func.func @unsigned_min_max
// OMP: omp.wsloop reduction
func.func @unsigned_min_max(%x: memref<?xi64>, %n: index, %lo: i64, %hi: i64) -> (i64, i64) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  %r:2 = kern.prange %i = %c0 to %n step %c1 reduce(min %a = %lo : i64, max %b = %hi : i64) {
    %v = memref.load %x[%i] : memref<?xi64>
    %nz = arith.cmpi ne, %v, %z : i64
    %a2 = scf.if %nz -> i64 {
      %lt = arith.cmpi ult, %v, %a : i64
      %m = arith.select %lt, %v, %a : i64
      scf.yield %m : i64
    } else {
      scf.yield %a : i64
    }
    %b2 = arith.maxui %b, %v : i64
    kern.yield %a2, %b2 : i64, i64
  } : i64, i64
  return %r#0, %r#1 : i64, i64
}

// -----

// A while loop that carries the variable (escape-time counting):
// the loop starts from the identity and its result is the contribution.
// CHECK-LABEL: func.func @while_count
// CHECK: arith.constant 1.000000e+02 : f64
// CHECK-NEXT: %[[ID:.*]] = arith.constant 0 : i64
// CHECK-NEXT: scf.parallel
// CHECK:   %[[W:.*]]:2 = scf.while (%{{.*}} = %{{.*}}, %{{.*}} = %[[ID]])
// CHECK:   scf.reduce(%[[W]]#1 : i64)
// OMP-LABEL: func.func @while_count
// OMP: omp.wsloop reduction
func.func @while_count(%x: memref<?xf64>, %n: index) -> i64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %two = arith.constant 2.0 : f64
  %lim = arith.constant 100.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %z : i64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %w:2 = scf.while (%y = %v, %a = %acc) : (f64, i64) -> (f64, i64) {
      %go = arith.cmpf olt, %y, %lim : f64
      scf.condition(%go) %y, %a : f64, i64
    } do {
    ^bb0(%y: f64, %a: i64):
      %y2 = arith.mulf %y, %two : f64
      %a2 = arith.addi %a, %one : i64
      scf.yield %y2, %a2 : f64, i64
    }
    kern.yield %w#1 : i64
  } : i64
  return %s : i64
}

// -----

// print() in the body: the runtime's print functions are declared
// `kern.readonly` (they only read what they print: a constant text, the
// printed array), so the loop that writes `out` element by element is still
// parallel.
// CHECK-LABEL: func.func @prints
// CHECK-NOT: kern.prange
// CHECK: scf.parallel
// CHECK:   func.call @kernRuntimePrintText
// CHECK:   func.call @kernRuntimePrintArray
// CHECK:   func.call @kernRuntimePrintEnd
// CHECK:   memref.store
memref.global "private" constant @__kern_text0 : memref<2xi8> = dense<[105, 32]>
func.func private @kernRuntimePrintText(memref<?xi8>) attributes {kern.readonly}
func.func private @kernRuntimePrintArray(i64, i64, memref<?xindex>) attributes {kern.readonly}
func.func private @kernRuntimePrintEnd(i64) attributes {kern.readonly}
func.func @prints(%a: memref<?xf64>, %out: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %code = arith.constant 26120 : i64
  %zero = arith.constant 0 : i64
  %one = arith.constant 1.0 : f64
  kern.prange %i = %c0 to %n step %c1 {
    %t = memref.get_global @__kern_text0 : memref<2xi8>
    %td = memref.cast %t : memref<2xi8> to memref<?xi8>
    func.call @kernRuntimePrintText(%td) : (memref<?xi8>) -> ()
    %meta = memref.alloca(%c3) : memref<?xindex>
    memref.store %c0, %meta[%c0] : memref<?xindex>
    memref.store %n, %meta[%c1] : memref<?xindex>
    %p = memref.extract_aligned_pointer_as_index %a : memref<?xf64> -> index
    %address = arith.index_cast %p : index to i64
    func.call @kernRuntimePrintArray(%code, %address, %meta) : (i64, i64, memref<?xindex>) -> ()
    func.call @kernRuntimePrintEnd(%zero) : (i64) -> ()
    memref.store %one, %out[%i] : memref<?xf64>
    kern.yield
  }
  return
}

// -----

// A call the analyses know nothing about (no kern.readonly) may write any
// array it is given: the loop stays sequential.
// CHECK-LABEL: func.func @opaque_call
// CHECK: scf.for
// CHECK-NOT: scf.parallel
// CHECK: return
func.func private @opaque(memref<?xf64>)
func.func @opaque_call(%a: memref<?xf64>, %out: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  kern.prange %i = %c0 to %n step %c1 {
    func.call @opaque(%a) : (memref<?xf64>) -> ()
    memref.store %one, %out[%i] : memref<?xf64>
    kern.yield
  }
  return
}
