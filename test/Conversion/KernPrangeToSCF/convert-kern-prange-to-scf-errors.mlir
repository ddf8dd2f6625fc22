// RUN: kern-opt %s --convert-kern-prange-to-scf --split-input-file -verify-diagnostics
// Every loop here asks for parallel and gets a sequential scf.for with a
// remark saying why (unexpected or missing remarks fail the test).

// a[i + 1] = a[i]: each iteration writes what the next one reads.
func.func @shift(%a: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  kern.prange %i = %c0 to %n step %c1 {
    %v = memref.load %a[%i] : memref<?xf64>
    %j = arith.addi %i, %c1 : index
    // expected-remark @+1 {{prange loop runs sequentially: 'memref.store' of %arg0 is not indexed by the loop variable in any dimension}}
    memref.store %v, %a[%j] : memref<?xf64>
    kern.yield
  }
  return
}

// -----

// a[i] = a[i - 1] + 1: the store is fine, the load reads another
// iteration's element.
func.func @recurrence(%a: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  kern.prange %i = %c1 to %n step %c1 {
    %p = arith.subi %i, %c1 : index
    // expected-remark @+1 {{prange loop runs sequentially: 'memref.load' of %arg0 may touch elements that other iterations write}}
    %v = memref.load %a[%p] : memref<?xf64>
    %w = arith.addf %v, %one : f64
    memref.store %w, %a[%i] : memref<?xf64>
    kern.yield
  }
  return
}

// -----

// A scalar accumulated through memory is shared by all iterations.
func.func @memory_accumulator(%x: memref<?xf64>, %s: memref<f64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  kern.prange %i = %c0 to %n step %c1 {
    %v = memref.load %x[%i] : memref<?xf64>
    %t = memref.load %s[] : memref<f64>
    %u = arith.addf %t, %v : f64
    // expected-remark @+1 {{prange loop runs sequentially: 'memref.store' of %arg1 is not indexed by the loop variable in any dimension}}
    memref.store %u, %s[] : memref<f64>
    kern.yield
  }
  return
}

// -----

// The reduction variable steers the loop: not a reduction.
func.func @acc_compared(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %ten = arith.constant 10.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg3 used other than in its reduction (by 'arith.cmpf')}}
    %big = arith.cmpf ogt, %acc, %ten : f64
    %t = scf.if %big -> f64 {
      scf.yield %acc : f64
    } else {
      %u = arith.addf %acc, %v : f64
      scf.yield %u : f64
    }
    kern.yield %t : f64
  } : f64
  return %s : f64
}

// -----

// acc + acc counts acc twice.
func.func @acc_doubled(%x: memref<?xi64>, %n: index) -> i64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0 : i64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : i64) {
    // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg3 used other than in its reduction (by 'arith.addi')}}
    %d = arith.addi %acc, %acc : i64
    kern.yield %d : i64
  } : i64
  return %s : i64
}

// -----

// The last value, not a combination: not a reduction.
func.func @last_value(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    // expected-remark @+1 {{prange loop runs sequentially: the new value of reduction variable %arg3 does not combine its old value with 'add'}}
    kern.yield %v : f64
  } : f64
  return %s : f64
}

// -----

// A combine of another kind than the variable's.
func.func @wrong_kind(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %one : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg3 used other than in its reduction (by 'arith.mulf')}}
    %t = arith.mulf %acc, %v : f64
    kern.yield %t : f64
  } : f64
  return %s : f64
}

// -----

// A call that takes an array may write any of its elements.
func.func private @update(memref<?xf64>, index)
func.func @opaque_call(%a: memref<?xf64>, %n: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  kern.prange %i = %c0 to %n step %c1 {
    // expected-remark @+1 {{prange loop runs sequentially: 'func.call' of %arg0 is not indexed by the loop variable in any dimension}}
    func.call @update(%a, %i) : (memref<?xf64>, index) -> ()
    kern.yield
  }
  return
}

// -----

// OpenMP cannot reduce complex numbers.
func.func @complex_sum(%x: memref<?xcomplex<f64>>, %n: index, %z: complex<f64>) -> complex<f64> attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg4 is complex, which OpenMP cannot reduce}}
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %z : complex<f64>) {
    %v = memref.load %x[%i] : memref<?xcomplex<f64>>
    %t = complex.add %acc, %v : complex<f64>
    kern.yield %t : complex<f64>
  } : complex<f64>
  return %s : complex<f64>
}

// -----

// Only the outermost prange of a nest runs in parallel.
func.func @nested(%a: memref<?x?xf64>, %n: index, %m: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  kern.prange %i = %c0 to %n step %c1 {
    // expected-remark @+1 {{prange loop runs sequentially: it is nested in another prange loop (only the outermost one runs in parallel)}}
    kern.prange %j = %c0 to %m step %c1 {
      memref.store %one, %a[%i, %j] : memref<?x?xf64>
      kern.yield
    }
    kern.yield
  }
  return
}

// -----

// Without kern.parallel nothing is asked, so nothing is remarked.
func.func @not_parallel(%a: memref<?xf64>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  kern.prange %i = %c0 to %n step %c1 {
    %v = memref.load %a[%i] : memref<?xf64>
    %j = arith.addi %i, %c1 : index
    memref.store %v, %a[%j] : memref<?xf64>
    kern.yield
  }
  return
}

// -----

// x - acc flips acc's sign every iteration: no reduction.
func.func @sub_from(%x: memref<?xf64>, %n: index) -> f64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %zero : f64) {
    %v = memref.load %x[%i] : memref<?xf64>
    // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg3 used other than in its reduction (by 'arith.subf')}}
    %t = arith.subf %v, %acc : f64
    kern.yield %t : f64
  } : f64
  return %s : f64
}

// -----

// Signed and unsigned max of one variable: no single combiner.
func.func @mixed_sign(%x: memref<?xi64>, %n: index, %m0: i64) -> i64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %s = kern.prange %i = %c0 to %n step %c1 reduce(max %m = %m0 : i64) {
    %v = memref.load %x[%i] : memref<?xi64>
    %a = arith.maxsi %m, %v : i64
    // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg4 used other than in its reduction (by 'arith.maxui')}}
    %b = arith.maxui %a, %v : i64
    kern.yield %b : i64
  } : i64
  return %s : i64
}

// -----

// A while loop that resets the variable: its result does not build on acc.
func.func @while_reset(%x: memref<?xi64>, %n: index) -> i64 attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %ten = arith.constant 10 : i64
  %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %z : i64) {
    // expected-remark @+1 {{prange loop runs sequentially: reduction variable %arg3 used other than in its reduction (by 'scf.while')}}
    %w = scf.while (%a = %acc) : (i64) -> i64 {
      %go = arith.cmpi slt, %z, %ten : i64
      scf.condition(%go) %a : i64
    } do {
    ^bb0(%a: i64):
      scf.yield %one : i64
    }
    kern.yield %w : i64
  } : i64
  return %s : i64
}

// -----

// Inside a parallel loop made by convert-kern-to-affine: sequential too.
func.func @in_scf_parallel(%a: memref<?x?xf64>, %n: index, %m: index) attributes {kern.parallel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f64
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    // expected-remark @+1 {{prange loop runs sequentially: it is nested in another parallel loop (only the outermost one runs in parallel)}}
    kern.prange %j = %c0 to %m step %c1 {
      memref.store %one, %a[%i, %j] : memref<?x?xf64>
      kern.yield
    }
    scf.reduce
  }
  return
}
