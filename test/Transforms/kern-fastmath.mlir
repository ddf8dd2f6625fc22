// RUN: kern-opt %s --kern-fastmath | FileCheck %s
// RUN: kern-opt %s --kern-fastmath --kern-fastmath | FileCheck %s

// Every op with an #arith.fastmath attribute gets all flags; others are
// left alone.
// CHECK-LABEL: func.func @flags
// CHECK:         arith.mulf %{{.*}}, %{{.*}} fastmath<fast> : f64
// CHECK:         arith.addf %{{.*}}, %{{.*}} fastmath<fast> : f64
// CHECK:         math.exp %{{.*}} fastmath<fast> : f64
// CHECK:         math.sqrt %{{.*}} fastmath<fast> : f32
// CHECK:         arith.divf %{{.*}}, %{{.*}} fastmath<fast> : f64
// CHECK:         complex.add %{{.*}}, %{{.*}} fastmath<fast> : complex<f64>
// CHECK:         arith.addi %{{.*}}, %{{.*}} : i64
// CHECK-NOT:     fastmath
func.func @flags(%x: f64, %y: f32, %z: complex<f64>, %i: i64) -> (f64, f32, complex<f64>, i64) {
  %m = arith.mulf %x, %x : f64
  %a = arith.addf %m, %x fastmath<contract> : f64
  %e = math.exp %a : f64
  %s = math.sqrt %y : f32
  %d = arith.divf %e, %x fastmath<nnan,ninf> : f64
  %c = complex.add %z, %z : complex<f64>
  %j = arith.addi %i, %i : i64
  return %d, %s, %c, %j : f64, f32, complex<f64>, i64
}

// Inside loops and reduction regions too (the pass runs on any op).
// CHECK-LABEL: func.func @nested
// CHECK:         scf.reduce
// CHECK:           arith.addf %{{.*}}, %{{.*}} fastmath<fast> : f64
func.func @nested(%x: memref<?xf64>, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0.0 : f64
  %r = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%z) -> f64 {
    %v = memref.load %x[%i] : memref<?xf64>
    scf.reduce(%v : f64) {
    ^bb0(%a: f64, %b: f64):
      %s = arith.addf %a, %b : f64
      scf.reduce.return %s : f64
    }
  }
  return %r : f64
}
