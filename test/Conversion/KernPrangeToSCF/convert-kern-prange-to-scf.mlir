// RUN: kern-opt %s --convert-kern-prange-to-scf --split-input-file | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(convert-kern-prange-to-scf))' --split-input-file | FileCheck %s
// RUN: kern-opt %s --convert-kern-prange-to-scf --convert-scf-to-openmp --split-input-file | FileCheck %s --check-prefix=OMP

// A sum: chunks of %k iterations run in parallel, each a sequential loop
// from 0.0 whose add may be reassociated (LLVM vectorizes it); scf.reduce
// combines the chunks with the initial value; the iterations after the last
// whole chunk run sequentially from the parallel result.
// CHECK-LABEL: func.func @sum_f64
// CHECK-NOT: kern.prange
// The body is straight-line code: a chunk has at least min(trips, 512)
// iterations, else trips / 64 up to 2048.
// CHECK: %[[TRIPS:.*]] = arith.ceildivsi
// CHECK: %[[SHORT:.*]] = arith.minsi %[[TRIPS]], %c512
// CHECK: %[[LEAST:.*]] = arith.maxsi %[[SHORT]], %c1
// CHECK: %[[Q:.*]] = arith.divsi %[[TRIPS]], %c64
// CHECK: %[[MIN:.*]] = arith.minsi %[[Q]], %c2048
// CHECK: %[[K:.*]] = arith.maxsi %[[MIN]], %[[LEAST]]
// CHECK: %[[CHUNKS:.*]] = arith.divsi %[[TRIPS]], %[[K]]
// CHECK: %[[P:.*]] = scf.parallel (%[[C:.*]]) = (%{{.*}}) to (%[[CHUNKS]]) step (%{{.*}}) init (%[[ZERO:.*]]) -> f64 {
// CHECK:   %[[ID:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:   %[[PART:.*]] = scf.for %{{.*}} = %{{.*}} to %[[K]] step %{{.*}} iter_args(%[[A:.*]] = %[[ID]]) -> (f64) {
// CHECK:     %[[V:.*]] = memref.load %arg0[%{{.*}}] : memref<?xf64>
// CHECK:     %[[T:.*]] = arith.addf %[[A]], %[[V]] fastmath<reassoc> : f64
// CHECK:     scf.yield %[[T]] : f64
// CHECK:   scf.reduce(%[[PART]] : f64) {
// CHECK:   ^bb0(%[[L:.*]]: f64, %[[R:.*]]: f64):
// CHECK:     %[[U:.*]] = arith.addf %[[L]], %[[R]] : f64
// CHECK:     scf.reduce.return %[[U]] : f64
// CHECK: %[[S:.*]] = scf.for %{{.*}} = %{{.*}} to %arg1 step %{{.*}} iter_args(%[[B:.*]] = %[[P]]) -> (f64) {
// CHECK:   arith.addf %[[B]], %{{.*}} : f64
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
// CHECK:   %[[ONE:.*]] = arith.constant 1 : i32
// CHECK:   %[[PART:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[ONE]]) -> (i32)
// CHECK:     %[[V:.*]] = memref.load
// CHECK:     arith.muli %[[V]], %[[A]] : i32
// CHECK:   scf.reduce(%[[PART]] : i32) {
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
// integers; several variables share one scf.reduce. Each chunk starts from
// the identities; the combiners are cmp + select, which
// convert-scf-to-openmp recognizes.
// CHECK-LABEL: func.func @min_max
// CHECK: %[[R:.*]]:4 = scf.parallel (%{{.*}}) = {{.*}} init (%arg2, %arg3, %arg4, %arg5) -> (f64, f64, i64, i64) {
// CHECK:   %[[P:.*]]:4 = scf.for {{.*}} iter_args({{.*}}) -> (f64, f64, i64, i64) {
// CHECK:     arith.minimumf
// CHECK:     arith.minsi
// CHECK:   scf.reduce(%[[P]]#0, %[[P]]#1, %[[P]]#2, %[[P]]#3 : f64, f64, i64, i64) {
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
// CHECK:   %[[P:.*]]:2 = scf.for {{.*}} -> (f64, i64)
// CHECK:   scf.reduce(%[[P]]#0, %[[P]]#1 : f64, i64) {
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

// Counting under a condition (Monte Carlo style): the chunk's counter
// starts at 0 and is carried through the scf.if.
// CHECK-LABEL: func.func @count_if
// CHECK: scf.parallel
// CHECK:   %[[ID:.*]] = arith.constant 0 : i64
// CHECK:   %[[P:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[ID]]) -> (i64) {
// CHECK:     %[[T:.*]] = scf.if %{{.*}} -> (i64) {
// CHECK:       arith.addi %[[A]], %{{.*}} : i64
// CHECK:     } else {
// CHECK:       scf.yield %[[A]] : i64
// CHECK:     scf.yield %[[T]] : i64
// CHECK:   scf.reduce(%[[P]] : i64)
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

// Row sums: an inner sequential loop carries acc; the chunk's loop carries
// it from row to row. The body runs a loop: chunks may be one row.
// CHECK-LABEL: func.func @inner_loop
// CHECK-NOT: %c512
// CHECK: %[[Q:.*]] = arith.divsi %{{.*}}, %c64
// CHECK: %[[MIN:.*]] = arith.minsi %[[Q]], %c2048
// CHECK: arith.maxsi %[[MIN]], %c1
// CHECK: scf.parallel
// CHECK:   %[[ID:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:   %[[P:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[ID]]) -> (f64) {
// CHECK:     %[[ROW:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[A]]) -> (f64)
// CHECK:     scf.yield %[[ROW]] : f64
// CHECK:   scf.reduce(%[[P]] : f64)
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

// index reductions run on i64 (OpenMP reduces LLVM types only); the
// chunk's own loop stays on index.
// CHECK-LABEL: func.func @index_sum
// CHECK: %[[INIT:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[R:.*]] = scf.parallel (%{{.*}}) = {{.*}} init (%[[INIT]]) -> i64 {
// CHECK:   %[[P:.*]] = scf.for {{.*}} -> (index) {
// CHECK:   %[[C:.*]] = arith.index_cast %[[P]] : index to i64
// CHECK:   scf.reduce(%[[C]] : i64)
// CHECK: %[[RI:.*]] = arith.index_cast %[[R]] : i64 to index
// CHECK: %[[S:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[RI]]) -> (index)
// CHECK: return %[[S]]
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

// The frontend's `-=` and `/=` (the variable on the left) reduce as add and
// mul; each chunk runs them as written from the identities.
// CHECK-LABEL: func.func @sub_div
// CHECK: scf.parallel
// CHECK:   %[[P:.*]]:3 = scf.for {{.*}} -> (f64, f64, i64) {
// CHECK:     %[[V:.*]] = memref.load
// CHECK:     arith.subf %{{.*}}, %[[V]] fastmath<reassoc> : f64
// CHECK:     arith.divf %{{.*}}, %[[V]] : f64
// CHECK:     arith.subi
// CHECK:   scf.reduce(%[[P]]#0, %[[P]]#1, %[[P]]#2 : f64, f64, i64) {
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

// Unsigned min/max: the chunk starts min at all ones (the largest unsigned)
// and max at 0, and the combiners compare unsigned.
// CHECK-LABEL: func.func @unsigned_min_max
// CHECK: scf.parallel
// CHECK:   %[[ALL:.*]] = arith.constant -1 : i64
// CHECK:   %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK:   scf.for {{.*}} iter_args(%{{.*}} = %[[ALL]], %{{.*}} = %[[ZERO]]) -> (i64, i64) {
// CHECK:     scf.if
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

// A count carried through an scf.while in the body.
// CHECK-LABEL: func.func @while_count
// CHECK: scf.parallel
// CHECK:   %[[ID:.*]] = arith.constant 0 : i64
// CHECK:   %[[P:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[ID]]) -> (i64) {
// CHECK:     %[[W:.*]]:2 = scf.while (%{{.*}} = %{{.*}}, %{{.*}} = %[[A]])
// CHECK:     scf.yield %[[W]]#1 : i64
// CHECK:   scf.reduce(%[[P]] : i64)
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

// -----

// 70 reduction variables (more than the former 64) still run in parallel:
// one scf.reduce with 70 combiners.
// CHECK-LABEL: func.func @many_reductions
// CHECK-NOT: kern.prange
// CHECK: scf.parallel
// CHECK: scf.reduce(
// CHECK-COUNT-70: scf.reduce.return
func.func @many_reductions(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %r:70 = kern.prange %i = %c0 to %n step %c1 reduce(add %s0 = %zero : f64, add %s1 = %zero : f64, add %s2 = %zero : f64, add %s3 = %zero : f64, add %s4 = %zero : f64, add %s5 = %zero : f64, add %s6 = %zero : f64, add %s7 = %zero : f64, add %s8 = %zero : f64, add %s9 = %zero : f64, add %s10 = %zero : f64, add %s11 = %zero : f64, add %s12 = %zero : f64, add %s13 = %zero : f64, add %s14 = %zero : f64, add %s15 = %zero : f64, add %s16 = %zero : f64, add %s17 = %zero : f64, add %s18 = %zero : f64, add %s19 = %zero : f64, add %s20 = %zero : f64, add %s21 = %zero : f64, add %s22 = %zero : f64, add %s23 = %zero : f64, add %s24 = %zero : f64, add %s25 = %zero : f64, add %s26 = %zero : f64, add %s27 = %zero : f64, add %s28 = %zero : f64, add %s29 = %zero : f64, add %s30 = %zero : f64, add %s31 = %zero : f64, add %s32 = %zero : f64, add %s33 = %zero : f64, add %s34 = %zero : f64, add %s35 = %zero : f64, add %s36 = %zero : f64, add %s37 = %zero : f64, add %s38 = %zero : f64, add %s39 = %zero : f64, add %s40 = %zero : f64, add %s41 = %zero : f64, add %s42 = %zero : f64, add %s43 = %zero : f64, add %s44 = %zero : f64, add %s45 = %zero : f64, add %s46 = %zero : f64, add %s47 = %zero : f64, add %s48 = %zero : f64, add %s49 = %zero : f64, add %s50 = %zero : f64, add %s51 = %zero : f64, add %s52 = %zero : f64, add %s53 = %zero : f64, add %s54 = %zero : f64, add %s55 = %zero : f64, add %s56 = %zero : f64, add %s57 = %zero : f64, add %s58 = %zero : f64, add %s59 = %zero : f64, add %s60 = %zero : f64, add %s61 = %zero : f64, add %s62 = %zero : f64, add %s63 = %zero : f64, add %s64 = %zero : f64, add %s65 = %zero : f64, add %s66 = %zero : f64, add %s67 = %zero : f64, add %s68 = %zero : f64, add %s69 = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %t0 = arith.addf %s0, %v : f64
    %t1 = arith.addf %s1, %v : f64
    %t2 = arith.addf %s2, %v : f64
    %t3 = arith.addf %s3, %v : f64
    %t4 = arith.addf %s4, %v : f64
    %t5 = arith.addf %s5, %v : f64
    %t6 = arith.addf %s6, %v : f64
    %t7 = arith.addf %s7, %v : f64
    %t8 = arith.addf %s8, %v : f64
    %t9 = arith.addf %s9, %v : f64
    %t10 = arith.addf %s10, %v : f64
    %t11 = arith.addf %s11, %v : f64
    %t12 = arith.addf %s12, %v : f64
    %t13 = arith.addf %s13, %v : f64
    %t14 = arith.addf %s14, %v : f64
    %t15 = arith.addf %s15, %v : f64
    %t16 = arith.addf %s16, %v : f64
    %t17 = arith.addf %s17, %v : f64
    %t18 = arith.addf %s18, %v : f64
    %t19 = arith.addf %s19, %v : f64
    %t20 = arith.addf %s20, %v : f64
    %t21 = arith.addf %s21, %v : f64
    %t22 = arith.addf %s22, %v : f64
    %t23 = arith.addf %s23, %v : f64
    %t24 = arith.addf %s24, %v : f64
    %t25 = arith.addf %s25, %v : f64
    %t26 = arith.addf %s26, %v : f64
    %t27 = arith.addf %s27, %v : f64
    %t28 = arith.addf %s28, %v : f64
    %t29 = arith.addf %s29, %v : f64
    %t30 = arith.addf %s30, %v : f64
    %t31 = arith.addf %s31, %v : f64
    %t32 = arith.addf %s32, %v : f64
    %t33 = arith.addf %s33, %v : f64
    %t34 = arith.addf %s34, %v : f64
    %t35 = arith.addf %s35, %v : f64
    %t36 = arith.addf %s36, %v : f64
    %t37 = arith.addf %s37, %v : f64
    %t38 = arith.addf %s38, %v : f64
    %t39 = arith.addf %s39, %v : f64
    %t40 = arith.addf %s40, %v : f64
    %t41 = arith.addf %s41, %v : f64
    %t42 = arith.addf %s42, %v : f64
    %t43 = arith.addf %s43, %v : f64
    %t44 = arith.addf %s44, %v : f64
    %t45 = arith.addf %s45, %v : f64
    %t46 = arith.addf %s46, %v : f64
    %t47 = arith.addf %s47, %v : f64
    %t48 = arith.addf %s48, %v : f64
    %t49 = arith.addf %s49, %v : f64
    %t50 = arith.addf %s50, %v : f64
    %t51 = arith.addf %s51, %v : f64
    %t52 = arith.addf %s52, %v : f64
    %t53 = arith.addf %s53, %v : f64
    %t54 = arith.addf %s54, %v : f64
    %t55 = arith.addf %s55, %v : f64
    %t56 = arith.addf %s56, %v : f64
    %t57 = arith.addf %s57, %v : f64
    %t58 = arith.addf %s58, %v : f64
    %t59 = arith.addf %s59, %v : f64
    %t60 = arith.addf %s60, %v : f64
    %t61 = arith.addf %s61, %v : f64
    %t62 = arith.addf %s62, %v : f64
    %t63 = arith.addf %s63, %v : f64
    %t64 = arith.addf %s64, %v : f64
    %t65 = arith.addf %s65, %v : f64
    %t66 = arith.addf %s66, %v : f64
    %t67 = arith.addf %s67, %v : f64
    %t68 = arith.addf %s68, %v : f64
    %t69 = arith.addf %s69, %v : f64
    kern.yield %t0, %t1, %t2, %t3, %t4, %t5, %t6, %t7, %t8, %t9, %t10, %t11, %t12, %t13, %t14, %t15, %t16, %t17, %t18, %t19, %t20, %t21, %t22, %t23, %t24, %t25, %t26, %t27, %t28, %t29, %t30, %t31, %t32, %t33, %t34, %t35, %t36, %t37, %t38, %t39, %t40, %t41, %t42, %t43, %t44, %t45, %t46, %t47, %t48, %t49, %t50, %t51, %t52, %t53, %t54, %t55, %t56, %t57, %t58, %t59, %t60, %t61, %t62, %t63, %t64, %t65, %t66, %t67, %t68, %t69 : f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64
  } : f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64
  return %r#69 : f64
}
