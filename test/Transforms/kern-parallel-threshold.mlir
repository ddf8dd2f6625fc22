// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-parallel-threshold))' | FileCheck %s

// A body of a few simple ops: parallel from 32768 / ops iterations on.
// CHECK-LABEL: func.func @small_body
// CHECK-SAME: (%[[A:.*]]: memref<?xf64>, %[[N:.*]]: index)
// CHECK: %[[SPAN:.*]] = arith.subi %[[N]], %[[C0:.*]] : index
// CHECK: %[[TRIP:.*]] = arith.ceildivsi %[[SPAN]], %[[C1:.*]] : index
// CHECK: %[[MIN:.*]] = arith.constant 8192 : index
// CHECK: %[[BIG:.*]] = arith.cmpi sge, %[[TRIP]], %[[MIN]] : index
// CHECK: omp.parallel if(%[[BIG]]) {
// CHECK:   omp.loop_nest (%{{.*}}) : index = (%[[C0]]) to (%[[N]]) step (%[[C1]])
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
// CHECK: arith.constant 937 : index
// CHECK: omp.parallel if(
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

// A loop inside: unknown work per iteration, two iterations are enough.
// CHECK-LABEL: func.func @inner_loop
// CHECK: %[[TWO:.*]] = arith.constant 2 : index
// CHECK: %[[BIG:.*]] = arith.cmpi sge, %{{.*}}, %[[TWO]] : index
// CHECK: omp.parallel if(%[[BIG]])
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

// Two dimensions: the trip count is the product; steps divide (rounding up).
// CHECK-LABEL: func.func @two_dims
// CHECK-SAME: (%{{.*}}: memref<?x?xf64>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK: %[[S0:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK: %[[T0:.*]] = arith.ceildivsi %[[S0]], %[[C2:.*]] : index
// CHECK: %[[S1:.*]] = arith.subi %[[M]], %{{.*}} : index
// CHECK: %[[T1:.*]] = arith.ceildivsi %[[S1]], %{{.*}} : index
// CHECK: %[[T:.*]] = arith.muli %[[T0]], %[[T1]] : index
// CHECK: arith.cmpi sge, %[[T]],
// CHECK: omp.parallel if(
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
