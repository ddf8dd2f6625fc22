// RUN: kern-opt %s --kern-broadcast --kern-fuse --split-input-file -verify-diagnostics
// Under the unit attribute `kern.remarks`, every producer that feeds an
// array op but stays unfused says why. Without it, kern-fuse is silent
// (-verify-diagnostics fails on any unexpected remark).

func.func @two_uses(%x: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>) attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: its result is used by several ops}}
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %p = kern.ufunc(%t : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %q = kern.ufunc(%t : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.cos %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %p, %q : memref<?xf64>, memref<?xf64>
}

// -----

func.func @returned(%x: memref<?xf64>) -> (memref<?xf64>, f64) attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: its result is also used by func.return}}
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  return %t, %s : memref<?xf64>, f64
}

// -----

func.func @broadcast(%a: memref<?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: its result is broadcast to a larger shape; fusing would recompute it along the broadcast axes, so it stays a loop of its own}}
  %e = kern.ufunc(%a : memref<?xf64>) {
  ^bb0(%p: f64):
    %x = math.exp %p : f64
    kern.yield %x : f64
  } -> memref<?xf64>
  %r = kern.ufunc(%e, %b : memref<?xf64>, memref<?x?xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// -----

// The attribute may sit on the module.
module attributes {kern.remarks} {
  func.func @store_in_between(%x: memref<?xf64>, %v: f64) -> f64 {
    // expected-remark @+1 {{not fused: memref.store may write an array it reads before its consumer runs}}
    %t = kern.ufunc(%x : memref<?xf64>) {
    ^bb0(%a: f64):
      %e = math.exp %a : f64
      kern.yield %e : f64
    } -> memref<?xf64>
    %c0 = arith.constant 0 : index
    memref.store %v, %x[%c0] : memref<?xf64>
    %s = kern.reduce add(%t : memref<?xf64>) : f64
    return %s : f64
  }
}

// -----

func.func private @opaque(memref<?xf64>)

func.func @call_in_between(%x: memref<?xf64>) -> f64 attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: func.call may write an array it reads before its consumer runs}}
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  func.call @opaque(%x) : (memref<?xf64>) -> ()
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  return %s : f64
}

// -----

func.func @in_loop(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: its consumer is in a nested region; fusing would recompute it on every iteration}}
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %s = kern.reduce add(%t : memref<?xf64>) : f64
    %a = arith.addf %acc, %s : f64
    scf.yield %a : f64
  }
  return %r : f64
}

// -----

func.func @random(%x: memref<?xf64>) -> f64 attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: its body has side effects or reads memory (kern.random)}}
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %u = kern.random uniform : f64
    %m = arith.mulf %a, %u : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  return %s : f64
}

// -----

func.func @two_results_used(%x: memref<?xf64>) -> (f64, memref<?xf64>) attributes {kern.remarks} {
  // expected-remark @+1 {{not fused: two of its results are used}}
  %s, %c = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %p = math.sin %a : f64
    %q = math.cos %a : f64
    kern.yield %p, %q : f64, f64
  } -> memref<?xf64>, memref<?xf64>
  %r = kern.reduce add(%s : memref<?xf64>) : f64
  return %r, %c : f64, memref<?xf64>
}

// -----

// Without the attribute the same situation is silent.
func.func @quiet(%x: memref<?xf64>) -> (memref<?xf64>, f64) {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  return %t, %s : memref<?xf64>, f64
}

// -----

// Fused producers and a producer feeding no array op get no remark.
func.func @fused_and_plain(%x: memref<?xf64>) -> (f64, memref<?xf64>) attributes {kern.remarks} {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  %u = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.sin %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  return %s, %u : f64, memref<?xf64>
}
