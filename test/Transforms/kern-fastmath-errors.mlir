// RUN: kern-opt %s --kern-fastmath -verify-diagnostics | FileCheck %s

// kern-fastmath has no failure mode: it emits no diagnostics, leaves
// integer code alone and flags comparisons too.
// CHECK-LABEL: func.func @integers
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i64
// CHECK:         arith.cmpf olt, %{{.*}}, %{{.*}} fastmath<fast> : f64
func.func @integers(%i: i64, %x: f64) -> (i64, i1) {
  %j = arith.muli %i, %i : i64
  %c = arith.cmpf olt, %x, %x : f64
  return %j, %c : i64, i1
}
