// RUN: kern-opt %s -split-input-file -verify-diagnostics

// Every error of the kern verifiers (lib/Dialect/Kern/KernOps.cpp), of the
// kern.prange parser and of the ODS constraints that matter, one per split.

//===----------------------------------------------------------------------===//
// kern.ufunc
//===----------------------------------------------------------------------===//

func.func @ufunc_no_input() -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op expects at least one input}}
  %r = "kern.ufunc"() <{operandSegmentSizes = array<i32: 0, 0>}> ({
  ^bb0:
    %c = arith.constant 1.0 : f64
    kern.yield %c : f64
  }) : () -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_tensor_input(%t: tensor<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op input #0 has type 'tensor<?xf64>', expected a ranked memref or a scalar (integer, index, float or complex)}}
  %r = kern.ufunc(%t : tensor<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_unranked_input(%x: f64, %u: memref<*xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op input #1 has type 'memref<*xf64>', expected a ranked memref or a scalar (integer, index, float or complex)}}
  %r = kern.ufunc(%x, %u : f64, memref<*xf64>) {
  ^bb0(%a: f64, %b: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_pointer_input(%p: !llvm.ptr, %x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op input #0 has type '!llvm.ptr', expected a ranked memref or a scalar (integer, index, float or complex)}}
  %r = kern.ufunc(%p, %x : !llvm.ptr, memref<?xf64>) {
  ^bb0(%a: !llvm.ptr, %b: f64):
    kern.yield %b : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_neither_results_nor_outs(%x: memref<?xf64>) {
  // expected-error @+1 {{'kern.ufunc' op expects either results or 'outs' arrays, not neither}}
  kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield
  }
  return
}

// -----

func.func @ufunc_results_and_outs(%x: memref<?xf64>, %y: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op expects either results or 'outs' arrays, not both}}
  %r = kern.ufunc(%x : memref<?xf64>) outs(%y : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a, %a : f64, f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_result_rank(%x: memref<?x?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op result rank 1 differs from the broadcast rank 2 of the inputs}}
  %r = kern.ufunc(%x : memref<?x?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_outs_rank(%x: memref<?x?xf64>, %y: memref<?xf64>) {
  // expected-error @+1 {{'kern.ufunc' op 'outs' rank 1 is smaller than the broadcast rank 2}}
  kern.ufunc(%x : memref<?x?xf64>) outs(%y : memref<?xf64>) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  }
  return
}

// -----

func.func @ufunc_arg_count(%x: memref<?xf64>, %c: f64) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op 'body' region expects 2 arguments, got 1}}
  %r = kern.ufunc(%x, %c : memref<?xf64>, f64) {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_arg_type(%x: memref<?xf64>, %c: f32) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op 'body' region argument #1 has type 'f64', expected 'f32'}}
  %r = kern.ufunc(%x, %c : memref<?xf64>, f32) {
  ^bb0(%a: f64, %b: f64):
    kern.yield %a : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_empty_body(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op 'body' region must end with kern.yield}}
  %r = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_no_yield(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op 'body' region must end with kern.yield}}
  %r = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %n = arith.negf %a : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_zero_blocks(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  %r = "kern.ufunc"(%x) <{operandSegmentSizes = array<i32: 1, 0>}> ({
  }) : (memref<?xf64>) -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_yield_count(%x: memref<?xf64>) -> memref<?xf64> {
  %r = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    // expected-error @+1 {{'kern.yield' op yields 2 values, expected 1}}
    kern.yield %a, %a : f64, f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @ufunc_yield_type(%x: memref<?xf64>) -> memref<?xi1> {
  %r = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    // expected-error @+1 {{'kern.yield' op value #0 has type 'f64', expected 'i1'}}
    kern.yield %a : f64
  } -> memref<?xi1>
  return %r : memref<?xi1>
}

// -----

func.func @ufunc_outs_yield_type(%x: memref<?xf64>, %y: memref<?xi32>) {
  kern.ufunc(%x : memref<?xf64>) outs(%y : memref<?xi32>) {
  ^bb0(%a: f64):
    // expected-error @+1 {{'kern.yield' op value #0 has type 'f64', expected 'i32'}}
    kern.yield %a : f64
  }
  return
}

// -----

func.func @ufunc_scalar_result(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.ufunc' op result #0 must be variadic of memref of any type values, but got 'f64'}}
  %r = "kern.ufunc"(%x) <{operandSegmentSizes = array<i32: 1, 0>}> ({
  ^bb0(%a: f64):
    kern.yield %a : f64
  }) : (memref<?xf64>) -> f64
  return %r : f64
}

// -----

func.func @ufunc_two_blocks(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.ufunc' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  %r = "kern.ufunc"(%x) <{operandSegmentSizes = array<i32: 1, 0>}> ({
  ^bb0(%a: f64):
    cf.br ^bb1
  ^bb1:
    kern.yield %a : f64
  }) : (memref<?xf64>) -> memref<?xf64>
  return %r : memref<?xf64>
}

//===----------------------------------------------------------------------===//
// kern.yield
//===----------------------------------------------------------------------===//

// -----

func.func @yield_outside() {
  // expected-error @+1 {{'kern.yield' op expects parent op to be one of 'kern.ufunc, kern.reduce, kern.accumulate, kern.prange'}}
  kern.yield
}

// -----

func.func @yield_in_scf(%c: i1) {
  scf.if %c {
    // expected-error @+1 {{'kern.yield' op expects parent op to be one of}}
    kern.yield
  }
  return
}

//===----------------------------------------------------------------------===//
// kern.reduce
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_no_input() -> f64 {
  // expected-error @+1 {{'kern.reduce' op expects at least one input}}
  %r = "kern.reduce"() <{kind = 0 : i32, operandSegmentSizes = array<i32: 0, 0>}> ({}, {}) : () -> f64
  return %r : f64
}

// -----

func.func @reduce_scalar_only(%x: f64) -> f64 {
  // expected-error @+1 {{'kern.reduce' op expects at least one array input}}
  %r = kern.reduce add(%x : f64) : f64
  return %r : f64
}

// -----

func.func @reduce_vector_input(%v: vector<4xf32>) -> f32 {
  // expected-error @+1 {{'kern.reduce' op input #0 has type 'vector<4xf32>', expected a ranked memref or a scalar (integer, index, float or complex)}}
  %r = kern.reduce add(%v : vector<4xf32>) : f32
  return %r : f32
}

// -----

func.func @reduce_inputs_without_map(%x: memref<?xf64>, %y: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op with several inputs needs a 'map' region}}
  %r = kern.reduce add(%x, %y : memref<?xf64>, memref<?xf64>) : f64
  return %r : f64
}

// -----

func.func @reduce_map_yields_two(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'map' region must yield exactly one value}}
  %r = kern.reduce add(%x : memref<?xf64>) map {
  ^bb0(%a: f64):
    kern.yield %a, %a : f64, f64
  } : f64
  return %r : f64
}

// -----

func.func @reduce_map_empty_block(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'map' region must yield exactly one value}}
  %r = kern.reduce add(%x : memref<?xf64>) map {
  ^bb0(%a: f64):
  } : f64
  return %r : f64
}

// -----

func.func @reduce_map_arg_count(%x: memref<?xf64>, %y: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'map' region expects 2 arguments, got 1}}
  %r = kern.reduce add(%x, %y : memref<?xf64>, memref<?xf64>) map {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } : f64
  return %r : f64
}

// -----

func.func @reduce_map_arg_type(%x: memref<?xi32>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'map' region argument #0 has type 'f64', expected 'i32'}}
  %r = kern.reduce add(%x : memref<?xi32>) map {
  ^bb0(%a: f64):
    kern.yield %a : f64
  } : f64
  return %r : f64
}

// -----

func.func @reduce_map_two_blocks(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op region #0 ('map') failed to verify constraint: region with at most 1 blocks}}
  %r = kern.reduce add(%x : memref<?xf64>) map {
  ^bb0(%a: f64):
    cf.br ^bb1
  ^bb1:
    kern.yield %a : f64
  } : f64
  return %r : f64
}

// -----

func.func @reduce_map_result_type(%x: memref<?xf32>) -> f32 {
  // expected-error @+1 {{'kern.reduce' op reducing all axes gives 'f64', not 'f32'}}
  %r = kern.reduce add(%x : memref<?xf32>) map {
  ^bb0(%a: f32):
    %e = arith.extf %a : f32 to f64
    kern.yield %e : f64
  } : f32
  return %r : f32
}

// -----

func.func @reduce_min_complex(%x: memref<?xcomplex<f64>>) -> complex<f64> {
  // expected-error @+1 {{'kern.reduce' op reduction kind 'min' is not defined on 'complex<f64>'}}
  %r = kern.reduce min(%x : memref<?xcomplex<f64>>) : complex<f64>
  return %r : complex<f64>
}

// -----

func.func @reduce_max_complex(%x: memref<?xcomplex<f32>>) -> complex<f32> {
  // expected-error @+1 {{'kern.reduce' op reduction kind 'max' is not defined on 'complex<f32>'}}
  %r = kern.reduce max(%x : memref<?xcomplex<f32>>) : complex<f32>
  return %r : complex<f32>
}

// -----

func.func @reduce_add_vector_elements(%x: memref<?xvector<4xf32>>) -> vector<4xf32> {
  // expected-error @+1 {{'kern.reduce' op reduction kind 'add' is not defined on 'vector<4xf32>'}}
  %r = kern.reduce add(%x : memref<?xvector<4xf32>>) : vector<4xf32>
  return %r : vector<4xf32>
}

// -----

func.func @reduce_custom_without_combine(%x: memref<?xi32>) -> i32 {
  // expected-error @+1 {{'kern.reduce' op expects a non-empty 'combine' region}}
  %r = kern.reduce custom(%x : memref<?xi32>) : i32
  return %r : i32
}

// -----

func.func @reduce_combine_with_add(%x: memref<?xi32>) -> i32 {
  // expected-error @+1 {{'kern.reduce' op has a 'combine' region but kind 'add' (only 'custom' takes one)}}
  %r = kern.reduce add(%x : memref<?xi32>) combine {
  ^bb0(%a: i32, %b: i32):
    %s = arith.addi %a, %b : i32
    kern.yield %s : i32
  } : i32
  return %r : i32
}

// -----

func.func @reduce_combine_arg_count(%x: memref<?xi32>) -> i32 {
  // expected-error @+1 {{'kern.reduce' op 'combine' region expects 2 arguments, got 1}}
  %r = kern.reduce custom(%x : memref<?xi32>) combine {
  ^bb0(%a: i32):
    kern.yield %a : i32
  } : i32
  return %r : i32
}

// -----

func.func @reduce_combine_arg_type(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'combine' region argument #1 has type 'f32', expected 'f64'}}
  %r = kern.reduce custom(%x : memref<?xf64>) combine {
  ^bb0(%a: f64, %b: f32):
    kern.yield %a : f64
  } : f64
  return %r : f64
}

// -----

// The combine region combines what the map region yields, not the inputs.
func.func @reduce_combine_of_map_type(%x: memref<?xf32>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'combine' region argument #0 has type 'f32', expected 'f64'}}
  %r = kern.reduce custom(%x : memref<?xf32>) map {
  ^bb0(%a: f32):
    %e = arith.extf %a : f32 to f64
    kern.yield %e : f64
  } combine {
  ^bb0(%a: f32, %b: f32):
    %e = arith.extf %a : f32 to f64
    kern.yield %e : f64
  } : f64
  return %r : f64
}

// -----

func.func @reduce_combine_yield_type(%x: memref<?xf64>) -> f64 {
  %r = kern.reduce custom(%x : memref<?xf64>) combine {
  ^bb0(%a: f64, %b: f64):
    %t = arith.truncf %a : f64 to f32
    // expected-error @+1 {{'kern.yield' op value #0 has type 'f32', expected 'f64'}}
    kern.yield %t : f32
  } : f64
  return %r : f64
}

// -----

func.func @reduce_combine_no_yield(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op 'combine' region must end with kern.yield}}
  %r = kern.reduce custom(%x : memref<?xf64>) combine {
  ^bb0(%a: f64, %b: f64):
  } : f64
  return %r : f64
}

// -----

func.func @reduce_init_type(%x: memref<?xf64>, %i: f32) -> f64 {
  // expected-error @+1 {{'kern.reduce' op init has type 'f32', expected 'f64'}}
  %r = kern.reduce add(%x : memref<?xf64>) init(%i : f32) : f64
  return %r : f64
}

// -----

func.func @reduce_empty_axes(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.reduce' op expects at least one axis (omit 'axes' to reduce every axis)}}
  %r = kern.reduce add(%x : memref<?xf64>) axes [] : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @reduce_axis_too_large(%x: memref<?x?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.reduce' op axis 2 is out of range for rank 2}}
  %r = kern.reduce add(%x : memref<?x?xf64>) axes [2] : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @reduce_axis_negative(%x: memref<?x?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.reduce' op axis -1 is out of range for rank 2}}
  %r = kern.reduce add(%x : memref<?x?xf64>) axes [-1] : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @reduce_axis_repeated(%x: memref<?x?x?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.reduce' op axis 1 is repeated}}
  %r = kern.reduce add(%x : memref<?x?x?xf64>) axes [1, 1] : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @reduce_all_axes_array_result(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.reduce' op reducing all axes gives 'f64', not 'memref<?xf64>'}}
  %r = kern.reduce add(%x : memref<?xf64>) : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @reduce_axes_result_rank(%x: memref<?x?x?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.reduce' op result must be a rank-2 memref of 'f64', got 'memref<?xf64>'}}
  %r = kern.reduce add(%x : memref<?x?x?xf64>) axes [0] : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @reduce_axes_result_scalar(%x: memref<?x?xf64>) -> f64 {
  // expected-error @+1 {{'kern.reduce' op result must be a rank-1 memref of 'f64', got 'f64'}}
  %r = kern.reduce add(%x : memref<?x?xf64>) axes [0] : f64
  return %r : f64
}

// -----

func.func @reduce_axes_result_element(%x: memref<?x?xf64>) -> memref<?xf32> {
  // expected-error @+1 {{'kern.reduce' op result must be a rank-1 memref of 'f64', got 'memref<?xf32>'}}
  %r = kern.reduce add(%x : memref<?x?xf64>) axes [1] : memref<?xf32>
  return %r : memref<?xf32>
}

// -----

func.func @reduce_unknown_kind(%x: memref<?xf64>) -> f64 {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [add, mul, min, max, custom]}}
  %r = kern.reduce sum(%x : memref<?xf64>) : f64
  return %r : f64
}

//===----------------------------------------------------------------------===//
// kern.accumulate
//===----------------------------------------------------------------------===//

// -----

func.func @accumulate_rank0(%x: memref<f64>) -> memref<f64> {
  // expected-error @+1 {{'kern.accumulate' op expects an array of rank at least 1}}
  %r = kern.accumulate add(%x : memref<f64>) axis 0 : memref<f64>
  return %r : memref<f64>
}

// -----

func.func @accumulate_axis_too_large(%x: memref<?x?xf64>) -> memref<?x?xf64> {
  // expected-error @+1 {{'kern.accumulate' op axis 2 is out of range for rank 2}}
  %r = kern.accumulate add(%x : memref<?x?xf64>) axis 2 : memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// -----

func.func @accumulate_axis_negative(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.accumulate' op axis -1 is out of range for rank 1}}
  %r = kern.accumulate add(%x : memref<?xf64>) axis -1 : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @accumulate_result_rank(%x: memref<?x?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.accumulate' op result 'memref<?xf64>' must have the rank and element type of 'memref<?x?xf64>'}}
  %r = kern.accumulate add(%x : memref<?x?xf64>) axis 0 : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @accumulate_result_element(%x: memref<?xi32>) -> memref<?xi64> {
  // expected-error @+1 {{'kern.accumulate' op result 'memref<?xi64>' must have the rank and element type of 'memref<?xi32>'}}
  %r = kern.accumulate add(%x : memref<?xi32>) axis 0 : memref<?xi64>
  return %r : memref<?xi64>
}

// -----

func.func @accumulate_min_complex(%x: memref<?xcomplex<f64>>) -> memref<?xcomplex<f64>> {
  // expected-error @+1 {{'kern.accumulate' op reduction kind 'min' is not defined on 'complex<f64>'}}
  %r = kern.accumulate min(%x : memref<?xcomplex<f64>>) axis 0 : memref<?xcomplex<f64>>
  return %r : memref<?xcomplex<f64>>
}

// -----

func.func @accumulate_custom_without_combine(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.accumulate' op expects a non-empty 'combine' region}}
  %r = kern.accumulate custom(%x : memref<?xf64>) axis 0 : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @accumulate_combine_with_mul(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.accumulate' op has a 'combine' region but kind 'mul' (only 'custom' takes one)}}
  %r = kern.accumulate mul(%x : memref<?xf64>) axis 0 combine {
  ^bb0(%a: f64, %b: f64):
    kern.yield %a : f64
  } : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @accumulate_combine_arg_type(%x: memref<?xf64>) -> memref<?xf64> {
  // expected-error @+1 {{'kern.accumulate' op 'combine' region argument #0 has type 'i64', expected 'f64'}}
  %r = kern.accumulate custom(%x : memref<?xf64>) axis 0 combine {
  ^bb0(%a: i64, %b: f64):
    kern.yield %b : f64
  } : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @accumulate_combine_yield_count(%x: memref<?xf64>) -> memref<?xf64> {
  %r = kern.accumulate custom(%x : memref<?xf64>) axis 0 combine {
  ^bb0(%a: f64, %b: f64):
    // expected-error @+1 {{'kern.yield' op yields 0 values, expected 1}}
    kern.yield
  } : memref<?xf64>
  return %r : memref<?xf64>
}

// -----

func.func @accumulate_scalar_input(%x: f64) -> memref<?xf64> {
  // expected-error @+1 {{'kern.accumulate' op operand #0 must be memref of any type values, but got 'f64'}}
  %r = "kern.accumulate"(%x) <{axis = 0 : i64, kind = 0 : i32}> ({}) : (f64) -> memref<?xf64>
  return %r : memref<?xf64>
}

//===----------------------------------------------------------------------===//
// kern.broadcast
//===----------------------------------------------------------------------===//

// -----

func.func @broadcast_size_count(%a: memref<?xf64>, %n: index) -> memref<?x?xf64> {
  // expected-error @+1 {{'kern.broadcast' op expects 2 sizes for a rank-2 result, got 1}}
  %v = kern.broadcast %a to (%n) : memref<?xf64> -> memref<?x?xf64>
  return %v : memref<?x?xf64>
}

// -----

func.func @broadcast_to_smaller_rank(%a: memref<?x?xf64>, %n: index) -> memref<?xf64> {
  // expected-error @+1 {{'kern.broadcast' op cannot broadcast rank 2 to the smaller rank 1}}
  %v = kern.broadcast %a to (%n) : memref<?x?xf64> -> memref<?xf64>
  return %v : memref<?xf64>
}

// -----

func.func @broadcast_element_type(%a: memref<?xf64>, %n: index) -> memref<?xf32> {
  // expected-error @+1 {{'kern.broadcast' op source and result element types differ}}
  %v = kern.broadcast %a to (%n) : memref<?xf64> -> memref<?xf32>
  return %v : memref<?xf32>
}

// -----

func.func @broadcast_static_size(%a: memref<3x?xf64>, %n: index, %m: index) -> memref<?x4x?xf64> {
  // expected-error @+1 {{'kern.broadcast' op dimension 0 of size 3 cannot be broadcast to size 4}}
  %v = kern.broadcast %a to (%n, %m, %m) : memref<3x?xf64> -> memref<?x4x?xf64>
  return %v : memref<?x4x?xf64>
}

// -----

// expected-note @+1 {{prior use here}}
func.func @broadcast_non_index_size(%a: memref<?xf64>, %n: i64) -> memref<?xf64> {
  // expected-error @+1 {{use of value '%n' expects different type than prior uses: 'index' vs 'i64'}}
  %v = kern.broadcast %a to (%n) : memref<?xf64> -> memref<?xf64>
  return %v : memref<?xf64>
}

// -----

func.func @broadcast_memory_space(%a: memref<4xf32, 3>, %n: index) -> memref<?x4xf32, strided<[0, 1]>> {
  // expected-error @+1 {{'kern.broadcast' op source and result memory spaces differ}}
  %v = kern.broadcast %a to (%n, %n) : memref<4xf32, 3> -> memref<?x4xf32, strided<[0, 1]>>
  return %v : memref<?x4xf32, strided<[0, 1]>>
}

// -----

func.func @broadcast_new_dim_stride(%a: memref<4xf32>, %n: index) -> memref<3x4xf32, strided<[4, 1]>> {
  // expected-error @+1 {{'kern.broadcast' op result stride 4 of dimension 0 should be 0 (a new dimension)}}
  %v = kern.broadcast %a to (%n, %n) : memref<4xf32> -> memref<3x4xf32, strided<[4, 1]>>
  return %v : memref<3x4xf32, strided<[4, 1]>>
}

// -----

// The identity layout claims stride 4 for a repeated row.
func.func @broadcast_size1_stride(%a: memref<1x4xf32>, %n: index) -> memref<3x4xf32> {
  // expected-error @+1 {{'kern.broadcast' op result stride 4 of dimension 0 should be 0}}
  %v = kern.broadcast %a to (%n, %n) : memref<1x4xf32> -> memref<3x4xf32>
  return %v : memref<3x4xf32>
}

// -----

func.func @broadcast_dynamic_source_stride(%a: memref<?xf64>, %n: index) -> memref<?xf64> {
  // expected-error @+1 {{'kern.broadcast' op result stride 1 of dimension 0 should be ? (the source size is not known to be 1 or not)}}
  %v = kern.broadcast %a to (%n) : memref<?xf64> -> memref<?xf64>
  return %v : memref<?xf64>
}

// -----

func.func @broadcast_source_stride(%a: memref<4xf32, strided<[2]>>, %n: index) -> memref<3x4xf32, strided<[0, 1]>> {
  // expected-error @+1 {{'kern.broadcast' op result stride 1 of dimension 1 should be 2}}
  %v = kern.broadcast %a to (%n, %n) : memref<4xf32, strided<[2]>> -> memref<3x4xf32, strided<[0, 1]>>
  return %v : memref<3x4xf32, strided<[0, 1]>>
}

// -----

func.func @broadcast_offset(%a: memref<4xf32>, %n: index) -> memref<3x4xf32, strided<[0, 1], offset: 5>> {
  // expected-error @+1 {{'kern.broadcast' op result offset 5 differs from the source offset 0}}
  %v = kern.broadcast %a to (%n, %n) : memref<4xf32> -> memref<3x4xf32, strided<[0, 1], offset: 5>>
  return %v : memref<3x4xf32, strided<[0, 1], offset: 5>>
}

// -----

func.func @broadcast_not_strided(%a: memref<4xf32, affine_map<(d0) -> (d0 floordiv 2)>>, %n: index) -> memref<3x4xf32, strided<[0, 1]>> {
  // expected-error @+1 {{'kern.broadcast' op expects strided layouts}}
  %v = kern.broadcast %a to (%n, %n) : memref<4xf32, affine_map<(d0) -> (d0 floordiv 2)>> -> memref<3x4xf32, strided<[0, 1]>>
  return %v : memref<3x4xf32, strided<[0, 1]>>
}

//===----------------------------------------------------------------------===//
// kern.alloc
//===----------------------------------------------------------------------===//

// -----

func.func @alloc_too_few_sizes(%n: index) -> memref<?x?xf64> {
  // expected-error @+1 {{'kern.alloc' op expects 2 sizes for the dynamic dimensions of 'memref<?x?xf64>', got 1}}
  %a = kern.alloc(%n) : memref<?x?xf64>
  return %a : memref<?x?xf64>
}

// -----

func.func @alloc_size_for_static(%n: index) -> memref<4xf64> {
  // expected-error @+1 {{'kern.alloc' op expects 0 sizes for the dynamic dimensions of 'memref<4xf64>', got 1}}
  %a = kern.alloc(%n) : memref<4xf64>
  return %a : memref<4xf64>
}

// -----

func.func @alloc_fill_type(%n: index, %z: f32) -> memref<?xf64> {
  // expected-error @+1 {{'kern.alloc' op fill value has type 'f32', expected 'f64'}}
  %a = kern.alloc(%n) fill %z : f32 : memref<?xf64>
  return %a : memref<?xf64>
}

//===----------------------------------------------------------------------===//
// kern.prange
//===----------------------------------------------------------------------===//

// -----

func.func @prange_custom(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{unknown reduction kind 'custom' (expected add, mul, min or max)}}
  %s = kern.prange %i = %c0 to %n step %n reduce(custom %acc = %z : f64) {
    kern.yield %acc : f64
  } : f64
  return %s : f64
}

// -----

func.func @prange_unknown_kind(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{unknown reduction kind 'sum' (expected add, mul, min or max)}}
  %s = kern.prange %i = %c0 to %n step %n reduce(add %a = %z : f64, sum %b = %z : f64) {
    kern.yield %a, %b : f64, f64
  } : f64, f64
  return %s#0 : f64
}

// -----

func.func @prange_kinds_attr_twice(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{attribute 'kinds' occurs more than once in the attribute list}}
  %s = kern.prange %i = %c0 to %n step %n reduce(add %acc = %z : f64) {
    kern.yield %acc : f64
  } {kinds = ["mul"]} : f64
  return %s : f64
}

// -----

func.func @prange_missing_result_types(%n: index, %z: f64) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op expects one result per reduction value}}
  kern.prange %i = %c0 to %n step %n reduce(add %acc = %z : f64) {
    kern.yield %acc : f64
  }
  return
}

// -----

func.func @prange_result_type(%n: index, %z: f64) -> f32 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op result #0 has type 'f32', expected 'f64'}}
  %s = kern.prange %i = %c0 to %n step %n reduce(add %acc = %z : f64) {
    kern.yield %acc : f64
  } : f32
  return %s : f32
}

// -----

func.func @prange_min_complex(%n: index, %z: complex<f64>) -> complex<f64> {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op reduction kind 'min' is not defined on 'complex<f64>'}}
  %s = kern.prange %i = %c0 to %n step %n reduce(min %acc = %z : complex<f64>) {
    kern.yield %acc : complex<f64>
  } : complex<f64>
  return %s : complex<f64>
}

// -----

func.func @prange_memref_variable(%n: index, %m: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op reduction kind 'add' is not defined on 'memref<?xf64>'}}
  %s = kern.prange %i = %c0 to %n step %n reduce(add %acc = %m : memref<?xf64>) {
    kern.yield %acc : memref<?xf64>
  } : memref<?xf64>
  return %s : memref<?xf64>
}

// -----

func.func @prange_kinds_count(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op has 1 reduction values but 2 kinds}}
  %s = "kern.prange"(%c0, %n, %n, %z) <{kinds = ["add", "mul"]}> ({
  ^bb0(%i: index, %acc: f64):
    kern.yield %acc : f64
  }) : (index, index, index, f64) -> f64
  return %s : f64
}

// -----

func.func @prange_generic_custom(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op reduction #0 must be one of add, mul, min, max}}
  %s = "kern.prange"(%c0, %n, %n, %z) <{kinds = ["custom"]}> ({
  ^bb0(%i: index, %acc: f64):
    kern.yield %acc : f64
  }) : (index, index, index, f64) -> f64
  return %s : f64
}

// -----

func.func @prange_generic_not_a_string(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op reduction #0 must be one of add, mul, min, max}}
  %s = "kern.prange"(%c0, %n, %n, %z) <{kinds = [0 : i32]}> ({
  ^bb0(%i: index, %acc: f64):
    kern.yield %acc : f64
  }) : (index, index, index, f64) -> f64
  return %s : f64
}

// -----

func.func @prange_block_arg_count(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op 'body' region expects 2 arguments, got 1}}
  %s = "kern.prange"(%c0, %n, %n, %z) <{kinds = ["add"]}> ({
  ^bb0(%i: index):
    kern.yield %z : f64
  }) : (index, index, index, f64) -> f64
  return %s : f64
}

// -----

func.func @prange_induction_type(%n: index) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op 'body' region argument #0 has type 'i64', expected 'index'}}
  "kern.prange"(%c0, %n, %n) <{kinds = []}> ({
  ^bb0(%i: i64):
    kern.yield
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @prange_yield_type(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  %s = kern.prange %i = %c0 to %n step %n reduce(add %acc = %z : f64) {
    %t = arith.truncf %acc : f64 to f32
    // expected-error @+1 {{'kern.yield' op value #0 has type 'f32', expected 'f64'}}
    kern.yield %t : f32
  } : f64
  return %s : f64
}

// -----

func.func @prange_yield_missing(%n: index, %z: f64) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op 'body' region must end with kern.yield}}
  %s = kern.prange %i = %c0 to %n step %n reduce(add %acc = %z : f64) {
  } : f64
  return %s : f64
}

// -----

func.func @prange_zero_step(%n: index) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'kern.prange' op step must be positive, got 0}}
  kern.prange %i = %c0 to %n step %c0 {
    kern.yield
  }
  return
}

// -----

func.func @prange_negative_step(%n: index) {
  %c0 = arith.constant 0 : index
  %m1 = arith.constant -1 : index
  // expected-error @+1 {{'kern.prange' op step must be positive, got -1}}
  kern.prange %i = %n to %c0 step %m1 {
    kern.yield
  }
  return
}

// -----

// expected-note @+1 {{prior use here}}
func.func @prange_bound_type(%n: i64) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{use of value '%n' expects different type than prior uses: 'index' vs 'i64'}}
  kern.prange %i = %c0 to %n step %c0 {
    kern.yield
  }
  return
}

// -----

// expected-note @+1 {{prior use here}}
func.func @prange_init_type(%n: index, %z: f32) -> f64 {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{use of value '%z' expects different type than prior uses: 'f64' vs 'f32'}}
  %s = kern.prange %i = %c0 to %n step %n reduce(add %acc = %z : f64) {
    kern.yield %acc : f64
  } : f64
  return %s : f64
}

//===----------------------------------------------------------------------===//
// kern.random, kern.seed, kern.raise
//===----------------------------------------------------------------------===//

// -----

func.func @random_integer() -> i64 {
  // expected-error @+1 {{'kern.random' op result #0 must be floating-point or 32-bit signless integer, but got 'i64'}}
  %r = "kern.random"() <{distribution = 0 : i32}> : () -> i64
  return %r : i64
}

// -----

func.func @random_uniform_integer() -> i32 {
  // expected-error @+1 {{'kern.random' op 'uniform' draws a float, not 'i32'}}
  %r = kern.random uniform : i32
  return %r : i32
}

// -----

func.func @random_bits_float() -> f64 {
  // expected-error @+1 {{'kern.random' op 'bits' draws an i32, not 'f64'}}
  %r = kern.random bits : f64
  return %r : f64
}

// -----

func.func @random_unknown_distribution() -> f64 {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'distribution' [uniform, normal, bits]}}
  %r = kern.random poisson : f64
  return %r : f64
}

// -----

func.func @seed_float(%s: f64) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.integer, but found 'f64'}}
  kern.seed %s : f64
  return
}

// -----

func.func @raise_unknown_kind() {
  // expected-error @+1 {{'kern.raise' op unknown exception kind 'OSError'}}
  kern.raise "OSError", "missing"
  return
}

// -----

func.func @raise_too_few_operands(%i: i64) {
  // expected-error @+1 {{'kern.raise' op message has 2 placeholders but 1 operands are given}}
  kern.raise "IndexError", "index %d out of range %d"(%i : i64)
  return
}

// -----

func.func @raise_too_many_operands(%i: i64) {
  // expected-error @+1 {{'kern.raise' op message has 0 placeholders but 1 operands are given}}
  kern.raise "ValueError", "100%% bad"(%i : i64)
  return
}

// -----

func.func @raise_user_class_without_args_repr() {
  // expected-error @+1 {{'kern.raise' op kind 'Exception' (a user-defined class) needs args_repr: its message names the class}}
  kern.raise "Exception", "m"
  return
}

// -----

func.func @raise_bad_placeholder(%s: i64) {
  // expected-error @+1 {{'kern.raise' op unsupported placeholder '%x' in message (use %d, %u, %b, %g, %s or %%)}}
  kern.raise "ValueError", "bad value %x"(%s : i64)
  return
}

// -----

func.func @raise_string_placeholder_needs_i64(%s: f64) {
  // expected-error @+1 {{'kern.raise' op a '%s' placeholder takes an i64 operand (the address of a string)}}
  kern.raise "ValueError", "(%s,)"(%s : f64) {args_repr}
  return
}

// -----

func.func @raise_trailing_percent() {
  // expected-error @+1 {{'kern.raise' op message ends with a lone '%' (write %% for a percent sign)}}
  kern.raise "ValueError", "more than 100%"
  return
}

// -----

func.func @raise_memref_operand(%m: memref<?xf64>) {
  // expected-error @+1 {{'kern.raise' op operand #0 must be variadic of integer or index or floating-point, but got 'memref<?xf64>'}}
  kern.raise "ValueError", "%d"(%m : memref<?xf64>)
  return
}

//===----------------------------------------------------------------------===//
// GPU ops
//===----------------------------------------------------------------------===//

// -----

func.func @grid_unknown_dim() -> index {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'dim' [x, y, z]}}
  %i = kern.grid w : index
  return %i : index
}

// -----

func.func @gridsize_i32() -> i32 {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.index, but found 'i32'}}
  %i = kern.gridsize x : i32
  return %i : i32
}

// -----

func.func @launch_undefined(%c1: index) {
  // expected-error @+1 {{'kern.launch' op kernel 'missing' is not defined}}
  kern.launch @missing blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1)
  return
}

// -----

memref.global "private" @not_a_function : memref<4xf32>

func.func @launch_not_a_function(%c1: index) {
  // expected-error @+1 {{'kern.launch' op 'not_a_function' is not a function}}
  kern.launch @not_a_function blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1)
  return
}

// -----

func.func @kernel(%a: f32, %x: memref<?xf32>) {
  return
}

func.func @launch_arg_count(%c1: index, %a: f32) {
  // expected-error @+1 {{'kern.launch' op kernel 'kernel' takes 2 arguments, 1 given}}
  kern.launch @kernel blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1) args(%a : f32)
  return
}

// -----

func.func @kernel(%a: f32, %x: memref<?xf32>) {
  return
}

func.func @launch_arg_type(%c1: index, %a: f32, %x: memref<?xf64>) {
  // expected-error @+1 {{'kern.launch' op argument #1 has type 'memref<?xf64>', kernel expects 'memref<?xf32>'}}
  kern.launch @kernel blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1) args(%a, %x : f32, memref<?xf64>)
  return
}

// -----

func.func @kernel() -> f32 {
  %c = arith.constant 1.0 : f32
  return %c : f32
}

func.func @launch_kernel_returns(%c1: index) {
  // expected-error @+1 {{'kern.launch' op kernel 'kernel' must not return values}}
  kern.launch @kernel blocks(%c1, %c1, %c1) threads(%c1, %c1, %c1)
  return
}

// -----

func.func @kernel() {
  return
}

// expected-note @+1 {{prior use here}}
func.func @launch_grid_i32(%c1: index, %n: i32) {
  // expected-error @+1 {{use of value '%n' expects different type than prior uses: 'index' vs 'i32'}}
  kern.launch @kernel blocks(%n, %c1, %c1) threads(%c1, %c1, %c1)
  return
}

// -----

func.func @shared_alloc_default_space() {
  // expected-error @+1 {{'kern.shared_alloc' op expects a memref in the workgroup address space (3), got 'memref<128xf32>'}}
  %s = kern.shared_alloc : memref<128xf32>
  return
}

// -----

func.func @shared_alloc_global_space() {
  // expected-error @+1 {{'kern.shared_alloc' op expects a memref in the workgroup address space (3), got 'memref<128xf32, 1>'}}
  %s = kern.shared_alloc : memref<128xf32, 1>
  return
}

// -----

func.func @shared_alloc_private_space() {
  // expected-error @+1 {{'kern.shared_alloc' op expects a memref in the workgroup address space (3), got 'memref<128xf32, #gpu.address_space<private>>'}}
  %s = kern.shared_alloc : memref<128xf32, #gpu.address_space<private>>
  return
}

// -----

func.func @shared_alloc_dynamic() {
  // expected-error @+1 {{'kern.shared_alloc' op result #0 must be statically shaped memref of any type values, but got 'memref<?xf32, 3>'}}
  %s = kern.shared_alloc : memref<?xf32, 3>
  return
}

// -----

func.func @dynamic_shared_default_space() {
  // expected-error @+1 {{'kern.dynamic_shared' op expects a memref in the workgroup address space (3), got 'memref<?xf32>'}}
  %s = kern.dynamic_shared : memref<?xf32>
  return
}

// -----

func.func @gpu_index_unknown() -> index {
  // expected-error @+1 {{expected}}
  %i = kern.gpu_index lane_id x : index
  return %i : index
}

// -----

func.func @ballot_of_i1(%m: i32, %p: i1) {
  // expected-error @+1 {{'kern.vote' op 'ballot' gives an i32 (the lanes' bits), not 'i1'}}
  %b = kern.vote ballot %m, %p : i1
  return
}

// -----

func.func @all_of_i32(%m: i32, %p: i1) {
  // expected-error @+1 {{'kern.vote' op 'all' gives an i1, not 'i32'}}
  %b = kern.vote all %m, %p : i32
  return
}

// -----

func.func @shuffle_of_complex(%m: i32, %v: complex<f32>, %o: i32) {
  // expected-error @+1 {{'kern.shuffle' op operand #0 must be 32-bit signless integer or 64-bit signless integer or 32-bit float or 64-bit float}}
  %r = "kern.shuffle"(%v, %o, %m) {mode = 0 : i32} : (complex<f32>, i32, i32) -> complex<f32>
  return
}

// -----

func.func @shuffle_result_type(%m: i32, %v: f32, %o: i32) {
  // expected-error @+1 {{'kern.shuffle' op failed to verify that all of {value, result} have same type}}
  %r = "kern.shuffle"(%v, %o, %m) {mode = 0 : i32} : (f32, i32, i32) -> f64
  return
}

// -----

func.func @shuffle_mode(%m: i32, %v: f32, %o: i32) {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'mode' [idx, up, down, xor]}}
  %r = kern.shuffle 7 %v, %o, %m : f32
  return
}
