// RUN: kern-opt %s --kern-test-loop-analyses --verify-diagnostics -split-input-file | FileCheck %s

// The reduction and dependence analyses (lib/Analysis/Reductions.c and
// lib/Analysis/LoopDependences.c), asked directly. The IR is unchanged:
// CHECK-LABEL: func.func @sum

// A sum writing nothing: a reduction; independent iterations.
func.func @sum(%x: memref<?xf64>, %n: index) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  // expected-remark @below {{reduction 0 (add): found}}
  // expected-remark @below {{iterations are independent}}
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    %t = arith.addf %acc, %v : f64
    kern.yield %t : f64
  } {test.reductions, test.independent} : f64
  return %s : f64
}

// -----

// Integer min as an unsigned compare-and-select; a max whose variable is
// also compared with something else (no reduction); a variable replaced.
func.func @kinds(%x: memref<?xi64>, %n: index, %lo: i64, %hi: i64, %k: i64) -> (i64, i64, i64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : i64
  // expected-remark @below {{reduction 0 (min): found, unsigned}}
  // expected-remark @below {{reduction 1 (max): used by arith.cmpi}}
  // expected-remark @below {{reduction 2 (add): replaced, not combined}}
  %r:3 = kern.prange %i = %c0 to %n step %c1 reduce(min %a = %lo : i64, max %b = %hi : i64, add %c = %k : i64) {
    %v = memref.load %x[%i] : memref<?xi64>
    %lt = arith.cmpi ult, %v, %a : i64
    %a2 = arith.select %lt, %v, %a : i64
    %big = arith.cmpi sgt, %b, %c5 : i64
    %b2 = arith.select %big, %b, %v : i64
    kern.yield %a2, %b2, %v : i64, i64, i64
  } {test.reductions} : i64, i64, i64
  return %r#0, %r#1, %r#2 : i64, i64, i64
}

// -----

// Writes: y[i] is independent; y[0] is touched by every iteration; a store
// through a row view y2[i, :] is confined to row i; x[i + 1] read while
// x[i] is written reaches elements other iterations write.
func.func @writes(%x: memref<?xf64>, %y: memref<?xf64>, %y2: memref<?x?xf64>, %n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f64
  // expected-remark @below {{iterations are independent}}
  kern.prange %i = %c0 to %n step %c1 {
    memref.store %f, %y[%i] : memref<?xf64>
    kern.yield
  } {test.independent}
  // expected-remark @below {{conflict: memref.store of argument 1 is not indexed by the loop variable in any dimension}}
  kern.prange %i = %c0 to %n step %c1 {
    memref.store %f, %y[%c0] : memref<?xf64>
    kern.yield
  } {test.independent}
  // expected-remark @below {{iterations are independent}}
  kern.prange %i = %c0 to %n step %c1 {
    %row = memref.subview %y2[%i, 0] [1, %m] [1, 1] : memref<?x?xf64> to memref<?xf64, strided<[1], offset: ?>>
    memref.store %f, %row[%c0] : memref<?xf64, strided<[1], offset: ?>>
    kern.yield
  } {test.independent}
  // expected-remark @below {{conflict: memref.load of argument 0 may touch elements that other iterations write}}
  kern.prange %i = %c0 to %n step %c1 {
    %j = arith.addi %i, %c1 : index
    %v = memref.load %x[%j] : memref<?xf64>
    memref.store %v, %x[%i] : memref<?xf64>
    kern.yield
  } {test.independent}
  return
}

// -----

// A call the analyses know nothing about may write the array it is given.
func.func private @opaque(memref<?xf64>)
func.func @call(%x: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-remark @below {{conflict: func.call of argument 0 is not indexed by the loop variable in any dimension}}
  kern.prange %i = %c0 to %n step %c1 {
    func.call @opaque(%x) : (memref<?xf64>) -> ()
    kern.yield
  } {test.independent}
  return
}
