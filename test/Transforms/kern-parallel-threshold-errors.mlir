// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-parallel-threshold))' -verify-diagnostics | FileCheck %s

// kern-parallel-threshold never fails: a region it cannot reason about is
// left as it is, without a diagnostic (-verify-diagnostics fails on any).

// A while loop whose trip count is not known: not a worksharing loop.
// CHECK-LABEL: func.func @while_in_parallel
// CHECK-NOT: arith.cmpi sge
// CHECK: omp.parallel {
func.func @while_in_parallel(%n: i64) {
  omp.parallel {
    %c0 = arith.constant 0 : i64
    %r = scf.while (%i = %c0) : (i64) -> i64 {
      %go = arith.cmpi slt, %i, %n : i64
      scf.condition(%go) %i : i64
    } do {
    ^bb0(%i: i64):
      %c1 = arith.constant 1 : i64
      %j = arith.addi %i, %c1 : i64
      scf.yield %j : i64
    }
    omp.terminator
  }
  return
}

// Bounds of another type than index (i32): left alone.
// CHECK-LABEL: func.func @i32_bounds
// CHECK-NOT: arith.cmpi sge
// CHECK: omp.parallel {
func.func @i32_bounds(%n: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : i32 = (%c0) to (%n) step (%c1) {
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
