// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-parallel-threshold))' | FileCheck %s

// A body of a few simple ops: parallel from 131072 / ops iterations on.
// CHECK-LABEL: func.func @small_body
// CHECK-SAME: (%[[A:.*]]: memref<?xf64>, %[[N:.*]]: index)
// CHECK: %[[SPAN:.*]] = arith.subi %[[N]], %[[C0:.*]] : index
// CHECK: %[[TRIP:.*]] = arith.ceildivsi %[[SPAN]], %[[C1:.*]] : index
// CHECK: %[[MIN:.*]] = arith.constant 32768 : index
// CHECK: %[[BIG:.*]] = arith.cmpi sge, %[[TRIP]], %[[MIN]] : index
// CHECK: scf.if %[[BIG]] {
// CHECK-NEXT: omp.parallel {
// CHECK:   omp.loop_nest (%{{.*}}) : index = (%[[C0]]) to (%[[N]]) step (%[[C1]])
// CHECK: } else {
// CHECK-NEXT: scf.for %[[I:.*]] = %[[C0]] to %[[N]] step %[[C1]] {
// CHECK-NEXT:   scf.execute_region {
// CHECK-NEXT:   %[[V:.*]] = memref.load %[[A]][%[[I]]]
// CHECK-NEXT:   %[[W:.*]] = arith.mulf %[[V]], %[[V]] : f64
// CHECK-NEXT:   memref.store %[[W]], %[[A]][%[[I]]]
// CHECK-NEXT:   scf.yield
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @small_body(%a: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        %w = arith.mulf %v, %v : f64
        memref.store %w, %a[%i] : memref<?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Math functions weigh more: load + 2 math (16 each) + store + yield = 35.
// CHECK-LABEL: func.func @math_body
// CHECK: arith.constant 3745 : index
// CHECK: scf.if
func.func @math_body(%a: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        %s = math.sin %v : f64
        %e = math.exp %s : f64
        memref.store %e, %a[%i] : memref<?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// A loop inside whose bounds are known before the region: the work is
// computed at run time, trip * (1 + max(0, inner trip) * 3 body ops), and
// compared with 131072 (and at least two iterations).
// CHECK-LABEL: func.func @inner_loop
// CHECK-SAME: (%{{.*}}: memref<?x?xf64>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK: %[[ISPAN:.*]] = arith.subi %[[M]], %{{.*}} : index
// CHECK: %[[ITRIP:.*]] = arith.ceildivsi %[[ISPAN]], %{{.*}} : index
// CHECK: %[[IPOS:.*]] = arith.maxsi %[[ITRIP]], %{{.*}} : index
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK: %[[IWORK:.*]] = arith.muli %[[IPOS]], %[[C3]] : index
// CHECK: %[[SPAN:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK: %[[TRIP:.*]] = arith.ceildivsi %[[SPAN]], %{{.*}} : index
// CHECK: %[[PER:.*]] = arith.addi %{{.*}}, %[[IWORK]] : index
// CHECK: %[[WORK:.*]] = arith.muli %[[TRIP]], %[[PER]] : index
// CHECK: %[[K:.*]] = arith.constant 131072 : index
// CHECK: %[[ENOUGH:.*]] = arith.cmpi sge, %[[WORK]], %[[K]] : index
// CHECK: %[[TWO:.*]] = arith.cmpi sge, %[[TRIP]], %{{.*}} : index
// CHECK: %[[BIG:.*]] = arith.andi %[[ENOUGH]], %[[TWO]] : i1
// CHECK: scf.if %[[BIG]]
func.func @inner_loop(%a: memref<?x?xf64>, %n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        scf.for %j = %c0 to %m step %c1 {
          %v = memref.load %a[%i, %j] : memref<?x?xf64>
          memref.store %v, %a[%j, %i] : memref<?x?xf64>
        }
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// A while loop and a call: guessed work (16 trips of the while's regions,
// 1024 ops a call), a constant threshold: 131072 / (16 * 3 + 1024 + 3) = 122.
// CHECK-LABEL: func.func @while_and_call
// CHECK: arith.constant 122 : index
// CHECK: scf.if
func.func private @helper(f64) -> f64
func.func @while_and_call(%a: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        %r = scf.while (%x = %v) : (f64) -> f64 {
          %go = arith.cmpf olt, %x, %v : f64
          scf.condition(%go) %x : f64
        } do {
        ^bb0(%x: f64):
          scf.yield %x : f64
        }
        %w = func.call @helper(%r) : (f64) -> f64
        memref.store %w, %a[%i] : memref<?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Two dimensions: the trip count is the product; steps divide (rounding up).
// CHECK-LABEL: func.func @two_dims
// CHECK-SAME: (%{{.*}}: memref<?x?xf64>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK: %[[S0:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK: %[[T0:.*]] = arith.ceildivsi %[[S0]], %[[C2:.*]] : index
// CHECK: %[[S1:.*]] = arith.subi %[[M]], %{{.*}} : index
// CHECK: %[[T1:.*]] = arith.ceildivsi %[[S1]], %{{.*}} : index
// CHECK: %[[T:.*]] = arith.muli %[[T0]], %[[T1]] : index
// CHECK: arith.cmpi sge, %[[T]],
// CHECK: scf.if
// CHECK: } else {
// CHECK-NEXT: scf.for %[[I:.*]] = %{{.*}} to %[[N]] step %[[C2]] {
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %[[M]] step %{{.*}} {
// CHECK-NEXT: scf.execute_region {
// CHECK-NEXT: memref.load %{{.*}}[%[[I]], %[[J]]]
func.func @two_dims(%a: memref<?x?xf64>, %n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i, %j) : index = (%c0, %c0) to (%n, %m) step (%c2, %c1) {
        %v = memref.load %a[%i, %j] : memref<?x?xf64>
        memref.store %v, %a[%i, %j] : memref<?x?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// A reduction: the serial copy updates the reduction variable in place.
// CHECK-LABEL: func.func @reduction
// CHECK-SAME: (%[[A:.*]]: memref<?xf64>, %[[N:.*]]: index, %[[ACC:.*]]: !llvm.ptr)
// CHECK: scf.if
// CHECK: omp.wsloop reduction(@add_f64 %[[ACC]] -> %[[PRIV:.*]] : !llvm.ptr)
// CHECK: llvm.load %[[PRIV]]
// CHECK: } else {
// CHECK-NEXT: scf.for %[[I:.*]] = {{.*}} {
// CHECK-NEXT: scf.execute_region {
// CHECK-NEXT: %[[V:.*]] = memref.load %[[A]][%[[I]]]
// CHECK-NEXT: %[[OLD:.*]] = llvm.load %[[ACC]] : !llvm.ptr -> f64
// CHECK-NEXT: %[[NEW:.*]] = arith.addf %[[OLD]], %[[V]] : f64
// CHECK-NEXT: llvm.store %[[NEW]], %[[ACC]] : f64, !llvm.ptr
omp.declare_reduction @add_f64 : f64 init {
^bb0(%x: f64):
  %z = arith.constant 0.0 : f64
  omp.yield(%z : f64)
} combiner {
^bb0(%x: f64, %y: f64):
  %s = arith.addf %x, %y : f64
  omp.yield(%s : f64)
}
func.func @reduction(%a: memref<?xf64>, %n: index, %acc: !llvm.ptr) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    omp.wsloop reduction(@add_f64 %acc -> %p : !llvm.ptr) {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        %old = llvm.load %p : !llvm.ptr -> f64
        %new = arith.addf %old, %v : f64
        llvm.store %new, %p : f64, !llvm.ptr
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// A region with clauses of its own (num_threads) gets no serial copy: the
// if clause (libomp's serialized region) keeps its meaning.
// CHECK-LABEL: func.func @with_clause
// CHECK: %[[BIG:.*]] = arith.cmpi sge
// CHECK-NOT: scf.if
// CHECK: omp.parallel if(%[[BIG]]) num_threads(
func.func @with_clause(%a: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %four = arith.constant 4 : i32
  omp.parallel num_threads(%four : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        memref.store %v, %a[%i] : memref<?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Bounds computed inside the region are not available before it: unchanged.
// CHECK-LABEL: func.func @bound_inside
// CHECK-NOT: arith.cmpi
// CHECK: omp.parallel {
func.func @bound_inside(%a: memref<?xf64>) {
  omp.parallel {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = memref.dim %a, %c0 : memref<?xf64>
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        memref.store %v, %a[%i] : memref<?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// An if clause already there is kept as it is.
// CHECK-LABEL: func.func @has_if
// CHECK-SAME: %[[C:[a-z0-9]+]]: i1
// CHECK-NOT: arith.cmpi
// CHECK: omp.parallel if(%[[C]])
func.func @has_if(%a: memref<?xf64>, %n: index, %c: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel if(%c) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        %v = memref.load %a[%i] : memref<?xf64>
        memref.store %v, %a[%i] : memref<?xf64>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Not a single worksharing loop (a barrier beside it): unchanged.
// CHECK-LABEL: func.func @not_a_loop
// CHECK-NOT: arith.cmpi
// CHECK: omp.parallel {
func.func @not_a_loop(%a: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    omp.barrier
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// No OpenMP: nothing to do.
// CHECK-LABEL: func.func @no_openmp
// CHECK-NEXT: return
func.func @no_openmp() {
  return
}
