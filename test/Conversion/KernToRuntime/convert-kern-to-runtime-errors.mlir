// RUN: kern-opt %s --convert-kern-to-runtime --split-input-file -verify-diagnostics

// Unsigned integers have no place in the runtime's i64 slots.
func.func @unsigned(%x: ui32) {
  // expected-error @+1 {{'kern.raise' operand of type 'ui32' cannot be passed to the runtime (signless integers, index and floats can)}}
  kern.raise "ValueError", "bad %d"(%x : ui32)
  return
}

// -----

// A user function that takes a runtime function's name with another type.
// expected-error @+1 {{'kern_rt_seed' is a kern runtime function and must be a func.func of the runtime's type}}
func.func private @kern_rt_seed(f64)

func.func @clash(%s: i64) {
  kern.seed %s : i64
  return
}
