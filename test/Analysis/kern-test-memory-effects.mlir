// RUN: kern-opt %s --kern-test-memory-effects --verify-diagnostics -split-input-file | FileCheck %s

// The memory-effects analysis (lib/Analysis/MemoryEffects.c) asked through
// the ops' interfaces. The IR is unchanged:
// CHECK-LABEL: func.func @buffers

// Buffers: views are followed to the value that names the buffer, through
// view-like ops (subview, cast) and effect-free ops with one memref operand
// (memref.transpose and kern.broadcast declare no view interface).
func.func @buffers(%a: memref<?x?xf64>, %n: index) {
  %x = memref.alloc(%n) : memref<?xf64>
  // expected-remark @below {{operand 0: fresh buffer of memref.alloc}}
  %v = memref.subview %x[1] [4] [1] {test.buffers} : memref<?xf64> to memref<4xf64, strided<[1], offset: 1>>
  // expected-remark @below {{operand 0: fresh buffer of memref.alloc}}
  %c = memref.cast %v {test.buffers} : memref<4xf64, strided<[1], offset: 1>> to memref<?xf64, strided<[1], offset: ?>>
  // expected-remark @below {{operand 0: argument 0}}
  %t = memref.transpose %a (d0, d1) -> (d1, d0) {test.buffers} : memref<?x?xf64> to memref<?x?xf64, strided<[1, ?]>>
  // expected-remark @below {{operand 0: argument 0}}
  %b = kern.broadcast %t to (%n, %n) {test.buffers} : memref<?x?xf64, strided<[1, ?]>> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
  %k = kern.alloc(%n) : memref<?xf64>
  %u = kern.ufunc(%k : memref<?xf64>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  } -> memref<?xf64>
  // expected-remark @below {{operand 0: fresh buffer of kern.alloc; operand 1: fresh buffer of kern.ufunc}}
  memref.copy %k, %u {test.buffers} : memref<?xf64> to memref<?xf64>
  %r = func.call @make(%n) : (index) -> memref<?xf64>
  // expected-remark @below {{operand 0: unknown buffer of func.call}}
  memref.copy %r, %x {test.buffers} : memref<?xf64> to memref<?xf64>
  return
}
func.func private @make(index) -> memref<?xf64>

// -----

// Accesses: what each op itself reads and writes, by operand number.
func.func @accesses(%a: memref<?xf64>, %b: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  // expected-remark @below {{reads operand 0}}
  %l = memref.load %a[%c0] {test.accesses} : memref<?xf64>
  // expected-remark @below {{writes operand 1}}
  memref.store %l, %b[%c0] {test.accesses} : memref<?xf64>
  // expected-remark @below {{reads operand 0; writes operand 1}}
  memref.copy %a, %b {test.accesses} : memref<?xf64> to memref<?xf64>
  // expected-remark @below {{no array effects}}
  %d = "memref.dim"(%a, %c0) {test.accesses} : (memref<?xf64>, index) -> index
  // A fresh result is written, but no array that existed before.
  // expected-remark @below {{no array effects}}
  %z = kern.alloc(%n) fill %l : f64 {test.accesses} : memref<?xf64>
  // The generator's state and the error state are not array memory.
  // expected-remark @below {{no array effects}}
  %r = kern.random uniform {test.accesses} : f64
  // expected-remark @below {{no array effects}}
  kern.raise "ValueError", "bad" {test.accesses}
  // expected-remark @below {{reads operand 0, 1}}
  %u = kern.ufunc(%a, %b : memref<?xf64>, memref<?xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } {test.accesses} -> memref<?xf64>
  // expected-remark @below {{reads operand 0; writes operand 1}}
  kern.ufunc(%a : memref<?xf64>) outs(%b : memref<?xf64>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  } {test.accesses}
  // A call in a ufunc's body may do anything.
  // expected-remark @below {{reads operand 0 and any memory; writes any memory}}
  %w = kern.ufunc(%a : memref<?xf64>) {
  ^bb0(%p: f64):
    %q = func.call @h(%p) : (f64) -> f64
    kern.yield %q : f64
  } {test.accesses} -> memref<?xf64>
  // expected-remark @below {{reads operand 0}}
  %s = kern.reduce add(%a : memref<?xf64>) {test.accesses} : f64
  // A loop has no effects of its own: its nested ops are asked.
  // expected-remark @below {{no array effects}}
  scf.for %i = %c0 to %n step %n {
    // expected-remark @below {{writes operand 1}}
    memref.store %l, %b[%i] {test.accesses} : memref<?xf64>
  } {test.accesses}
  // expected-remark @below {{reads any memory; writes any memory}}
  func.call @g(%a) {test.accesses} : (memref<?xf64>) -> ()
  // A function declared kern.readonly (the runtime's print) only reads.
  // expected-remark @below {{reads any memory}}
  func.call @print(%n) {test.accesses} : (index) -> ()
  // expected-remark @below {{writes operand 0}}
  memref.dealloc %u {test.accesses} : memref<?xf64>
  return
}
func.func private @g(memref<?xf64>)
func.func private @h(f64) -> f64
func.func private @print(index) attributes {kern.readonly}

// -----

// Aliasing: one buffer under two names, arguments among themselves, fresh
// buffers against everything else.
func.func @alias(%a: memref<?xf64>, %b: memref<?xf64>, %n: index, %c: i1) {
  %x = memref.alloc(%n) : memref<?xf64>
  %y = memref.alloc(%n) : memref<?xf64>
  // expected-remark @below {{operands 0 and 1 may alias}}
  memref.copy %a, %b {test.alias} : memref<?xf64> to memref<?xf64>
  // expected-remark @below {{operands 0 and 1 do not alias}}
  memref.copy %a, %x {test.alias} : memref<?xf64> to memref<?xf64>
  // expected-remark @below {{operands 0 and 1 do not alias}}
  memref.copy %x, %y {test.alias} : memref<?xf64> to memref<?xf64>
  %v = memref.subview %x[1] [4] [1] : memref<?xf64> to memref<4xf64, strided<[1], offset: 1>>
  // expected-remark @below {{operands 0 and 1 may alias}}
  memref.copy %v, %x {test.alias} : memref<4xf64, strided<[1], offset: 1>> to memref<?xf64>
  // A select may pick either buffer: it may alias a fresh one.
  %s = arith.select %c, %x, %a : memref<?xf64>
  // expected-remark @below {{operands 0 and 1 may alias}}
  memref.copy %s, %y {test.alias} : memref<?xf64> to memref<?xf64>
  // A call's result may be any buffer.
  %r = func.call @id(%x) : (memref<?xf64>) -> memref<?xf64>
  // expected-remark @below {{operands 0 and 1 may alias}}
  memref.copy %r, %y {test.alias} : memref<?xf64> to memref<?xf64>
  return
}
func.func private @id(memref<?xf64>) -> memref<?xf64>

// -----

// Clobbers: what fusion and parallelization must refuse. A store through a
// view of an input writes that input; a ufunc writing a subview of the
// output writes the output; a store into a fresh buffer writes neither.
func.func @clobbers(%in: memref<?xf64>, %out: memref<?xf64>, %n: index, %f: f64) {
  %c0 = arith.constant 0 : index
  %v = memref.subview %in[1] [%n] [1] : memref<?xf64> to memref<?xf64, strided<[1], offset: 1>>
  // expected-remark @below {{may write argument 0, 1}}
  memref.store %f, %v[%c0] {test.clobbers} : memref<?xf64, strided<[1], offset: 1>>
  %w = memref.subview %out[0] [%n] [1] : memref<?xf64> to memref<?xf64, strided<[1]>>
  // expected-remark @below {{may write argument 0, 1}}
  kern.ufunc(%in : memref<?xf64>) outs(%w : memref<?xf64, strided<[1]>>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  } {test.clobbers}
  %x = memref.alloc(%n) : memref<?xf64>
  // expected-remark @below {{writes no argument}}
  memref.store %f, %x[%c0] {test.clobbers} : memref<?xf64>
  return
}

// -----

// Only read: a fresh result whose every use reads it (directly or through a
// view) may be replaced by its input; one that is written, returned or
// passed on may not.
func.func @only_read(%a: memref<?xf64>, %n: index) -> memref<?xf64> {
  // expected-remark @below {{every use only reads result 0}}
  %u = kern.ufunc(%a : memref<?xf64>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  } {test.only_read} -> memref<?xf64>
  %b = kern.broadcast %u to (%n) : memref<?xf64> -> memref<?xf64, strided<[?], offset: ?>>
  %s = kern.reduce add(%b : memref<?xf64, strided<[?], offset: ?>>) : f64
  // expected-remark @below {{result 0 may be written or escape}}
  %w = kern.ufunc(%a : memref<?xf64>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  } {test.only_read} -> memref<?xf64>
  kern.ufunc(%a : memref<?xf64>) outs(%w : memref<?xf64>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  }
  // expected-remark @below {{result 0 may be written or escape}}
  %r = kern.ufunc(%a : memref<?xf64>) {
  ^bb0(%p: f64):
    kern.yield %p : f64
  } {test.only_read} -> memref<?xf64>
  return %r : memref<?xf64>
}
