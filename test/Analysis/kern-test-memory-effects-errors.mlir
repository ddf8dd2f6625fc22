// RUN: kern-opt %s --kern-test-memory-effects --verify-diagnostics -split-input-file

// Each query needs an op it can answer for.
func.func @alias_needs_two(%a: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  // expected-error @below {{test.alias needs an op with two memref operands}}
  %l = memref.load %a[%c0] {test.alias} : memref<?xf64>
  return
}

// -----

func.func @buffers_need_memref(%n: index) {
  // expected-error @below {{test.buffers needs an op with a memref operand}}
  %x = memref.alloc(%n) {test.buffers} : memref<?xf64>
  return
}

// -----

func.func @only_read_needs_result(%a: memref<?xf64>, %f: f64) {
  %c0 = arith.constant 0 : index
  // expected-error @below {{test.only_read needs an op with a result}}
  memref.store %f, %a[%c0] {test.only_read} : memref<?xf64>
  return
}

// -----

// Found by kern-fuzz-opt (docs/reliability.md): test.clobbers on an op
// with no enclosing func.func (here the function itself) crashed.
// expected-error @below {{test.clobbers needs an op inside a func.func}}
func.func @clobbers_outside_a_function(%x: memref<?xf64>) attributes {test.clobbers} {
  return
}
