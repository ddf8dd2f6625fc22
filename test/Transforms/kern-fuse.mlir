// RUN: kern-opt %s --kern-broadcast --kern-fuse --split-input-file | FileCheck %s
// RUN: kern-opt %s --pass-pipeline='builtin.module(func.func(kern-broadcast,kern-fuse))' --split-input-file | FileCheck %s
// Lowered to loops: one nest per fused op, no temporary arrays.
// RUN: kern-opt %s --kern-broadcast --kern-fuse --convert-kern-to-affine --split-input-file | FileCheck %s --check-prefix=LOOPS

// np.sqrt(x**2 + np.sin(x) * np.exp(-x)), as the frontend emits it: five
// ufuncs become one, whose only input is x.
// CHECK-LABEL: func.func @classic
// CHECK-SAME: (%[[X:.*]]: memref<?xf64>)
// CHECK-NOT: kern.broadcast
// CHECK: %[[R:.*]] = kern.ufunc(%[[X]] : memref<?xf64>) {
// CHECK-NEXT: ^bb0(%[[A:.*]]: f64):
// CHECK-DAG: %[[SQ:.*]] = math.powf %[[A]], %{{.*}} : f64
// CHECK-DAG: %[[SIN:.*]] = math.sin %[[A]] : f64
// CHECK-DAG: %[[NEG:.*]] = arith.negf %[[A]] : f64
// CHECK-DAG: %[[EXP:.*]] = math.exp %[[NEG]] : f64
// CHECK-DAG: %[[MUL:.*]] = arith.mulf %[[SIN]], %[[EXP]] : f64
// CHECK: %[[ADD:.*]] = arith.addf %[[SQ]], %[[MUL]] : f64
// CHECK: %[[SQRT:.*]] = math.sqrt %[[ADD]] : f64
// CHECK: kern.yield %[[SQRT]] : f64
// CHECK-NEXT: } -> memref<?xf64>
// CHECK-NOT: kern.ufunc
// CHECK: return %[[R]]
// LOOPS-LABEL: func.func @classic
// LOOPS-COUNT-1: memref.alloc
// LOOPS-NOT: memref.alloc
// LOOPS: affine.for
// LOOPS-NOT: affine.for
// LOOPS-NOT: memref.alloc
// LOOPS: return
func.func @classic(%x: memref<?xf64>) -> memref<?xf64> {
  %sq = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %two = arith.constant 2.0 : f64
    %p = math.powf %a, %two : f64
    kern.yield %p : f64
  } -> memref<?xf64>
  %sin = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %neg = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %n = arith.negf %a : f64
    kern.yield %n : f64
  } -> memref<?xf64>
  %exp = kern.ufunc(%neg : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %mul = kern.ufunc(%sin, %exp : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %m = arith.mulf %a, %b : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  %add = kern.ufunc(%sq, %mul : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %r = kern.ufunc(%add : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sqrt %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

// np.sum(x**2): the square becomes the map of the reduction; nothing is
// allocated.
// CHECK-LABEL: func.func @sum_of_squares
// CHECK-NOT: kern.ufunc
// CHECK: %[[S:.*]] = kern.reduce add(%arg0 : memref<?xf64>) map {
// CHECK-NEXT: ^bb0(%[[A:.*]]: f64):
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[A]], %[[A]] : f64
// CHECK-NEXT: kern.yield %[[M]] : f64
// CHECK-NEXT: } : f64
// CHECK-NOT: kern.ufunc
// LOOPS-LABEL: func.func @sum_of_squares
// LOOPS-NOT: memref.alloc
// LOOPS: affine.for
// LOOPS-NOT: affine.for
// LOOPS-NOT: memref.alloc
// LOOPS: return
func.func @sum_of_squares(%x: memref<?xf64>) -> f64 {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = arith.mulf %a, %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %r = kern.reduce add(%t : memref<?xf64>) : f64
  return %r : f64
}

// -----

// Into a reduction that has a map already, along an axis; scalars come
// along, inputs are not repeated. x and y have sizes known only at run time,
// so kern-broadcast views them; the producer is fused through its view: x
// is then read through the view the consumer has already.
// CHECK-LABEL: func.func @into_reduce_map
// CHECK-NOT: kern.ufunc
// CHECK-DAG: %[[VY:.*]] = kern.broadcast %arg2 to (%[[N:.*]], %[[M:.*]]) :
// CHECK-DAG: %[[VX:.*]] = kern.broadcast %arg0 to (%[[N]], %[[M]]) :
// CHECK-NOT: kern.broadcast
// CHECK: kern.reduce max(%[[VX]], %arg1, %[[VY]] : memref<?x?xf64, strided<[?, ?], offset: ?>>, f64, memref<?x?xf64, strided<[?, ?], offset: ?>>) axes [1] map {
// CHECK-NEXT: ^bb0(%[[A:.*]]: f64, %[[C:.*]]: f64, %[[B:.*]]: f64):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[A]], %[[C]] : f64
// CHECK-NEXT: %[[Q:.*]] = arith.subf %[[P]], %[[B]] : f64
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[Q]], %[[A]] : f64
// CHECK-NEXT: kern.yield %[[R]] : f64
func.func @into_reduce_map(%x: memref<?x?xf64>, %c: f64, %y: memref<?x?xf64>) -> memref<?xf64> {
  %t = kern.ufunc(%x, %c : memref<?x?xf64>, f64) {
  ^bb0(%a: f64, %k: f64):
    %p = arith.mulf %a, %k : f64
    kern.yield %p : f64
  } -> memref<?x?xf64>
  %m = kern.reduce max(%t, %y, %x : memref<?x?xf64>, memref<?x?xf64>, memref<?x?xf64>) axes [1] map {
  ^bb0(%p: f64, %b: f64, %a: f64):
    %q = arith.subf %p, %b : f64
    %r = arith.addf %q, %a : f64
    kern.yield %r : f64
  } : memref<?xf64>
  return %m : memref<?xf64>
}

// -----

// np.sin(x) + y with sizes known only at run time: kern-broadcast checks
// them and views both operands; the producer is fused through its view, so
// the fused op reads x through the same view.
// CHECK-LABEL: func.func @through_runtime_view
// CHECK: %[[D:.*]] = arith.select
// CHECK: kern.raise
// CHECK-DAG: %[[VY:.*]] = kern.broadcast %arg1 to (%[[D]])
// CHECK-DAG: %[[VX:.*]] = kern.broadcast %arg0 to (%[[D]])
// CHECK: kern.ufunc(%[[VX]], %[[VY]] :
// CHECK-NEXT: ^bb0(%[[A:.*]]: f64, %[[B:.*]]: f64):
// CHECK-NEXT: %[[S:.*]] = math.sin %[[A]] : f64
// CHECK-NEXT: arith.addf %[[S]], %[[B]] : f64
// CHECK-NOT: kern.ufunc
// CHECK-NOT: kern.broadcast
// LOOPS-LABEL: func.func @through_runtime_view
// LOOPS-COUNT-1: memref.alloc
// LOOPS-NOT: memref.alloc
// LOOPS: affine.for
// LOOPS-NOT: affine.for
// LOOPS: return
func.func @through_runtime_view(%x: memref<?xf64>, %y: memref<?xf64>) -> memref<?xf64> {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %r = kern.ufunc(%t, %y : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

// A custom reduction keeps its combiner; the producer becomes its map.
// CHECK-LABEL: func.func @into_custom_reduce
// CHECK-NOT: kern.ufunc
// CHECK: kern.reduce custom(%arg0 : memref<?xf64>) map {
// CHECK: math.absf
// CHECK: } combine {
// CHECK: arith.maximumf
// CHECK: } : f64
func.func @into_custom_reduce(%x: memref<?xf64>) -> f64 {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %m = math.absf %a : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  %r = kern.reduce custom(%t : memref<?xf64>) combine {
  ^bb0(%a: f64, %b: f64):
    %m = arith.maximumf %a, %b : f64
    kern.yield %m : f64
  } : f64
  return %r : f64
}

// -----

// A producer with two results of which one is used, into a consumer with two
// results: the fused op yields the consumer's two values.
// CHECK-LABEL: func.func @multiple_results
// CHECK: %[[R:.*]]:2 = kern.ufunc(%arg0 : memref<?xf64>) {
// CHECK-NEXT: ^bb0(%[[A:.*]]: f64):
// CHECK-DAG: %[[S:.*]] = math.sin %[[A]] : f64
// CHECK-DAG: math.cos %[[A]] : f64
// CHECK: %[[N:.*]] = arith.negf %[[S]] : f64
// CHECK: %[[E:.*]] = math.exp %[[S]] : f64
// CHECK: kern.yield %[[N]], %[[E]] : f64, f64
// CHECK-NEXT: } -> memref<?xf64>, memref<?xf64>
// CHECK-NOT: kern.ufunc
func.func @multiple_results(%x: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>) {
  %s, %c = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %p = math.sin %a : f64
    %q = math.cos %a : f64
    kern.yield %p, %q : f64, f64
  } -> memref<?xf64>, memref<?xf64>
  %n, %e = kern.ufunc(%s : memref<?xf64>) {
  ^bb0(%a: f64):
    %p = arith.negf %a : f64
    %q = math.exp %a : f64
    kern.yield %p, %q : f64, f64
  } -> memref<?xf64>, memref<?xf64>
  return %n, %e : memref<?xf64>, memref<?xf64>
}

// -----

// A result read twice by the same consumer is computed once per element.
// CHECK-LABEL: func.func @square_of_sin
// CHECK: kern.ufunc(%arg0 : memref<?xf64>) {
// CHECK-NEXT: ^bb0(%[[A:.*]]: f64):
// CHECK-NEXT: %[[S:.*]] = math.sin %[[A]] : f64
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[S]], %[[S]] : f64
// CHECK-NEXT: kern.yield %[[M]] : f64
// CHECK-NOT: kern.ufunc
func.func @square_of_sin(%x: memref<?xf64>) -> memref<?xf64> {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  %r = kern.ufunc(%t, %t : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %m = arith.mulf %a, %b : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// -----

// A result with another use is not fused: fusing would compute it twice.
// CHECK-LABEL: func.func @two_uses
// CHECK: %[[T:.*]] = kern.ufunc(%arg0 : memref<?xf64>)
// CHECK: math.exp
// CHECK: kern.ufunc(%[[T]] : memref<?xf64>)
// CHECK: kern.ufunc(%[[T]] : memref<?xf64>)
// LOOPS-LABEL: func.func @two_uses
// LOOPS-COUNT-3: affine.for
func.func @two_uses(%x: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>) {
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

// A result that is also returned is not fused either.
// CHECK-LABEL: func.func @also_returned
// CHECK: %[[T:.*]] = kern.ufunc(%arg0 : memref<?xf64>)
// CHECK: kern.reduce add(%[[T]] : memref<?xf64>) : f64
func.func @also_returned(%x: memref<?xf64>) -> (memref<?xf64>, f64) {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  return %t, %s : memref<?xf64>, f64
}

// -----

// x is written between the producer and the consumer: the producer must
// read x before the store, so it stays where it is.
// CHECK-LABEL: func.func @store_in_between
// CHECK: %[[T:.*]] = kern.ufunc(%arg0 : memref<?xf64>)
// CHECK: memref.store
// CHECK: kern.reduce add(%[[T]] : memref<?xf64>)
func.func @store_in_between(%x: memref<?xf64>, %v: f64) -> f64 {
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

// -----

// A ufunc writing a view of x through `outs` (np.sin(y, out=x[1:])) in
// between: x may change, no fusion. A write into a fresh array does not
// matter.
// CHECK-LABEL: func.func @outs_in_between
// CHECK: %[[T:.*]] = kern.ufunc(%arg0 : memref<?xf64>)
// CHECK: outs(%{{.*}} : memref<?xf64, strided<[1], offset: 1>>)
// CHECK: %[[V:.*]] = kern.broadcast %[[T]]
// CHECK: kern.ufunc(%[[V]], %{{.*}} :
func.func @outs_in_between(%x: memref<?xf64>, %y: memref<?xf64>) -> memref<?xf64> {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %c1 = arith.constant 1 : index
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %m = arith.subi %n, %c1 : index
  %tail = memref.subview %x[1] [%m] [1] : memref<?xf64> to memref<?xf64, strided<[1], offset: 1>>
  %head = memref.subview %y[0] [%m] [1] : memref<?xf64> to memref<?xf64, strided<[1]>>
  kern.ufunc(%head : memref<?xf64, strided<[1]>>) outs(%tail : memref<?xf64, strided<[1], offset: 1>>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  }
  %r = kern.ufunc(%t, %y : memref<?xf64>, memref<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %s = arith.addf %a, %b : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  return %r : memref<?xf64>
}

// CHECK-LABEL: func.func @fresh_write_in_between
// CHECK: kern.alloc
// CHECK: memref.store
// CHECK: kern.reduce add(%arg0 : memref<?xf64>) map
// CHECK-NOT: kern.ufunc
func.func @fresh_write_in_between(%x: memref<?xf64>, %v: f64) -> (f64, memref<?xf64>) {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  } -> memref<?xf64>
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %z = kern.alloc(%c4) : memref<?xf64>
  memref.store %v, %z[%c0] : memref<?xf64>
  %s = kern.reduce add(%t : memref<?xf64>) : f64
  return %s, %z : f64, memref<?xf64>
}

// -----

// In place (np.exp(np.sin(x), out=x)): each element is read before it is
// written, so fusing is safe.
// CHECK-LABEL: func.func @in_place
// CHECK: kern.ufunc(%arg0 : memref<?xf64>) outs(%arg0 : memref<?xf64>)
// CHECK: math.sin
// CHECK: math.exp
// CHECK-NOT: kern.ufunc
func.func @in_place(%x: memref<?xf64>) {
  %t = kern.ufunc(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  kern.ufunc(%t : memref<?xf64>) outs(%x : memref<?xf64>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  }
  return
}

// -----

// The output is a shifted view of the producer's input (x[1:] =
// exp(sin(x[:-1]))): fused all the same, since a ufunc with outs reads its
// inputs before writing (convert-kern-to-affine copies an overlapping input
// first), so the fused op computes what the two did.
// CHECK-LABEL: func.func @out_overlaps_input
// CHECK: kern.ufunc(%{{.*}} : memref<?xf64, strided<[1]>>) outs(%{{.*}} : memref<?xf64, strided<[1], offset: 1>>)
// CHECK: math.sin
// CHECK: math.exp
// CHECK-NOT: kern.ufunc
func.func @out_overlaps_input(%x: memref<?xf64>) {
  %c1 = arith.constant 1 : index
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %m = arith.subi %n, %c1 : index
  %head = memref.subview %x[0] [%m] [1] : memref<?xf64> to memref<?xf64, strided<[1]>>
  %tail = memref.subview %x[1] [%m] [1] : memref<?xf64> to memref<?xf64, strided<[1], offset: 1>>
  %t = kern.ufunc(%head : memref<?xf64, strided<[1]>>) {
  ^bb0(%a: f64):
    %s = math.sin %a : f64
    kern.yield %s : f64
  } -> memref<?xf64>
  kern.ufunc(%t : memref<?xf64>) outs(%tail : memref<?xf64, strided<[1], offset: 1>>) {
  ^bb0(%a: f64):
    %e = math.exp %a : f64
    kern.yield %e : f64
  }
  return
}

// -----

// The broadcast trap (Numba issue 6387): np.exp(a) + b with a of shape (n,)
// and b of shape (m, n). Fused, exp would run m*n times; unfused it runs n
// times and its result is broadcast. The producer stays a 1-D loop of its
// own, outside the 2-D nest.
// CHECK-LABEL: func.func @broadcast_trap
// CHECK: %[[E:.*]] = kern.ufunc(%arg0 : memref<?xf64>) {
// CHECK: math.exp
// CHECK: } -> memref<?xf64>
// CHECK: %[[V:.*]] = kern.broadcast %[[E]] to
// CHECK: kern.ufunc(%[[V]], %{{.*}} :
// CHECK-NOT: math.exp
// CHECK: arith.addf
// LOOPS-LABEL: func.func @broadcast_trap
// LOOPS: affine.for
// LOOPS: math.exp
// LOOPS: affine.for
// LOOPS-NEXT: affine.for
// LOOPS-NOT: math.exp
// LOOPS: arith.addf
func.func @broadcast_trap(%a: memref<?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
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

// The same trap with a size-1 axis: exp of a (n,1) column added to an (n,m)
// matrix is computed n times, not n*m.
// CHECK-LABEL: func.func @broadcast_trap_size_one
// CHECK: %[[E:.*]] = kern.ufunc(%arg0 : memref<?x1xf64>) {
// CHECK: kern.broadcast %[[E]]
func.func @broadcast_trap_size_one(%a: memref<?x1xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
  %e = kern.ufunc(%a : memref<?x1xf64>) {
  ^bb0(%p: f64):
    %x = math.exp %p : f64
    kern.yield %x : f64
  } -> memref<?x1xf64>
  %r = kern.ufunc(%e, %b : memref<?x1xf64>, memref<?x?xf64>) {
  ^bb0(%p: f64, %q: f64):
    %s = arith.addf %p, %q : f64
    kern.yield %s : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// -----

// But a broadcast *into* the producer does not stop fusion: (a + b) * 2 with
// a of shape (n,) and b of shape (m, n) is one 2-D loop.
// CHECK-LABEL: func.func @broadcast_inside_producer
// CHECK: %[[V:.*]] = kern.broadcast %arg0
// CHECK: kern.ufunc(%[[V]], %{{.*}}, %{{.*}} :
// CHECK: arith.addf
// CHECK: arith.mulf
// CHECK-NOT: kern.ufunc
func.func @broadcast_inside_producer(%a: memref<?xf64>, %b: memref<?x?xf64>) -> memref<?x?xf64> {
  %s = kern.ufunc(%a, %b : memref<?xf64>, memref<?x?xf64>) {
  ^bb0(%p: f64, %q: f64):
    %x = arith.addf %p, %q : f64
    kern.yield %x : f64
  } -> memref<?x?xf64>
  %two = arith.constant 2.0 : f64
  %r = kern.ufunc(%s, %two : memref<?x?xf64>, f64) {
  ^bb0(%p: f64, %c: f64):
    %m = arith.mulf %p, %c : f64
    kern.yield %m : f64
  } -> memref<?x?xf64>
  return %r : memref<?x?xf64>
}

// -----

// A consumer inside a loop would recompute the producer per iteration.
// CHECK-LABEL: func.func @consumer_in_loop
// CHECK: %[[T:.*]] = kern.ufunc(%arg0 : memref<?xf64>)
// CHECK: scf.for
// CHECK: kern.reduce add(%[[T]] : memref<?xf64>)
func.func @consumer_in_loop(%x: memref<?xf64>, %n: index) -> f64 {
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

// A producer that draws random numbers keeps its order of draws.
// CHECK-LABEL: func.func @random_producer
// CHECK: %[[T:.*]] = kern.ufunc(%arg0 : memref<?xf64>)
// CHECK: kern.random
// CHECK: kern.reduce add(%[[T]] : memref<?xf64>)
func.func @random_producer(%x: memref<?xf64>) -> f64 {
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

// Functions without kern ops are left alone.
// CHECK-LABEL: func.func @no_kern
// CHECK-NEXT: arith.addf
func.func @no_kern(%a: f64) -> f64 {
  %s = arith.addf %a, %a : f64
  return %s : f64
}

// -----

// a[:] = x * 2 + y: the frontend checks the size of `x * 2 + y` against
// `a` before writing. The size query reads x's size instead, so the sum is
// fused into the write: one ufunc, no temporary.
// CHECK-LABEL: func.func @size_query_does_not_block
// CHECK-NOT: = kern.ufunc
// CHECK: kern.ufunc(%{{.*}}, %{{.*}}, %{{.*}} : memref<{{.*}}>, f64, memref<{{.*}}>) outs(%arg0
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: kern.ufunc
func.func @size_query_does_not_block(%a: memref<?xf64>, %x: memref<?xf64>, %y: memref<?xf64>) -> index {
  %c0 = arith.constant 0 : index
  %two = arith.constant 2.0 : f64
  %t = kern.ufunc(%x, %two : memref<?xf64>, f64) {
  ^bb0(%e: f64, %f: f64):
    %m = arith.mulf %e, %f : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  %s = kern.ufunc(%t, %y : memref<?xf64>, memref<?xf64>) {
  ^bb0(%e: f64, %f: f64):
    %m = arith.addf %e, %f : f64
    kern.yield %m : f64
  } -> memref<?xf64>
  %n = memref.dim %s, %c0 : memref<?xf64>
  kern.ufunc(%s : memref<?xf64>) outs(%a : memref<?xf64>) {
  ^bb0(%e: f64):
    kern.yield %e : f64
  }
  return %n : index
}

// -----

// A chain of 69 additions over 70 arrays (more than 64 inputs) fuses
// into one kern.ufunc reading every array: one loop, no temporaries.
// CHECK-LABEL: func.func @chain_of_many_inputs
// CHECK: %[[R:.*]] = kern.ufunc(%arg0, %arg1, %arg2, {{.*}}, %arg69 : memref<8xf64>, 
// CHECK-COUNT-69: arith.addf
// CHECK: kern.yield
// CHECK-NOT: kern.ufunc
// CHECK: return %[[R]]
// LOOPS-LABEL: func.func @chain_of_many_inputs
// LOOPS-COUNT-1: memref.alloc
// LOOPS-NOT: memref.alloc
// LOOPS: affine.for
// LOOPS-NOT: affine.for
// LOOPS: return
func.func @chain_of_many_inputs(%a0: memref<8xf64>, %a1: memref<8xf64>, %a2: memref<8xf64>, %a3: memref<8xf64>, %a4: memref<8xf64>, %a5: memref<8xf64>, %a6: memref<8xf64>, %a7: memref<8xf64>, %a8: memref<8xf64>, %a9: memref<8xf64>, %a10: memref<8xf64>, %a11: memref<8xf64>, %a12: memref<8xf64>, %a13: memref<8xf64>, %a14: memref<8xf64>, %a15: memref<8xf64>, %a16: memref<8xf64>, %a17: memref<8xf64>, %a18: memref<8xf64>, %a19: memref<8xf64>, %a20: memref<8xf64>, %a21: memref<8xf64>, %a22: memref<8xf64>, %a23: memref<8xf64>, %a24: memref<8xf64>, %a25: memref<8xf64>, %a26: memref<8xf64>, %a27: memref<8xf64>, %a28: memref<8xf64>, %a29: memref<8xf64>, %a30: memref<8xf64>, %a31: memref<8xf64>, %a32: memref<8xf64>, %a33: memref<8xf64>, %a34: memref<8xf64>, %a35: memref<8xf64>, %a36: memref<8xf64>, %a37: memref<8xf64>, %a38: memref<8xf64>, %a39: memref<8xf64>, %a40: memref<8xf64>, %a41: memref<8xf64>, %a42: memref<8xf64>, %a43: memref<8xf64>, %a44: memref<8xf64>, %a45: memref<8xf64>, %a46: memref<8xf64>, %a47: memref<8xf64>, %a48: memref<8xf64>, %a49: memref<8xf64>, %a50: memref<8xf64>, %a51: memref<8xf64>, %a52: memref<8xf64>, %a53: memref<8xf64>, %a54: memref<8xf64>, %a55: memref<8xf64>, %a56: memref<8xf64>, %a57: memref<8xf64>, %a58: memref<8xf64>, %a59: memref<8xf64>, %a60: memref<8xf64>, %a61: memref<8xf64>, %a62: memref<8xf64>, %a63: memref<8xf64>, %a64: memref<8xf64>, %a65: memref<8xf64>, %a66: memref<8xf64>, %a67: memref<8xf64>, %a68: memref<8xf64>, %a69: memref<8xf64>) -> memref<8xf64> {
  %t1 = kern.ufunc(%a0, %a1 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t2 = kern.ufunc(%t1, %a2 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t3 = kern.ufunc(%t2, %a3 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t4 = kern.ufunc(%t3, %a4 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t5 = kern.ufunc(%t4, %a5 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t6 = kern.ufunc(%t5, %a6 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t7 = kern.ufunc(%t6, %a7 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t8 = kern.ufunc(%t7, %a8 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t9 = kern.ufunc(%t8, %a9 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t10 = kern.ufunc(%t9, %a10 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t11 = kern.ufunc(%t10, %a11 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t12 = kern.ufunc(%t11, %a12 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t13 = kern.ufunc(%t12, %a13 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t14 = kern.ufunc(%t13, %a14 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t15 = kern.ufunc(%t14, %a15 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t16 = kern.ufunc(%t15, %a16 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t17 = kern.ufunc(%t16, %a17 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t18 = kern.ufunc(%t17, %a18 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t19 = kern.ufunc(%t18, %a19 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t20 = kern.ufunc(%t19, %a20 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t21 = kern.ufunc(%t20, %a21 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t22 = kern.ufunc(%t21, %a22 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t23 = kern.ufunc(%t22, %a23 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t24 = kern.ufunc(%t23, %a24 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t25 = kern.ufunc(%t24, %a25 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t26 = kern.ufunc(%t25, %a26 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t27 = kern.ufunc(%t26, %a27 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t28 = kern.ufunc(%t27, %a28 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t29 = kern.ufunc(%t28, %a29 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t30 = kern.ufunc(%t29, %a30 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t31 = kern.ufunc(%t30, %a31 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t32 = kern.ufunc(%t31, %a32 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t33 = kern.ufunc(%t32, %a33 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t34 = kern.ufunc(%t33, %a34 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t35 = kern.ufunc(%t34, %a35 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t36 = kern.ufunc(%t35, %a36 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t37 = kern.ufunc(%t36, %a37 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t38 = kern.ufunc(%t37, %a38 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t39 = kern.ufunc(%t38, %a39 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t40 = kern.ufunc(%t39, %a40 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t41 = kern.ufunc(%t40, %a41 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t42 = kern.ufunc(%t41, %a42 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t43 = kern.ufunc(%t42, %a43 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t44 = kern.ufunc(%t43, %a44 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t45 = kern.ufunc(%t44, %a45 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t46 = kern.ufunc(%t45, %a46 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t47 = kern.ufunc(%t46, %a47 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t48 = kern.ufunc(%t47, %a48 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t49 = kern.ufunc(%t48, %a49 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t50 = kern.ufunc(%t49, %a50 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t51 = kern.ufunc(%t50, %a51 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t52 = kern.ufunc(%t51, %a52 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t53 = kern.ufunc(%t52, %a53 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t54 = kern.ufunc(%t53, %a54 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t55 = kern.ufunc(%t54, %a55 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t56 = kern.ufunc(%t55, %a56 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t57 = kern.ufunc(%t56, %a57 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t58 = kern.ufunc(%t57, %a58 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t59 = kern.ufunc(%t58, %a59 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t60 = kern.ufunc(%t59, %a60 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t61 = kern.ufunc(%t60, %a61 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t62 = kern.ufunc(%t61, %a62 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t63 = kern.ufunc(%t62, %a63 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t64 = kern.ufunc(%t63, %a64 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t65 = kern.ufunc(%t64, %a65 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t66 = kern.ufunc(%t65, %a66 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t67 = kern.ufunc(%t66, %a67 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t68 = kern.ufunc(%t67, %a68 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  %t69 = kern.ufunc(%t68, %a69 : memref<8xf64>, memref<8xf64>) {
  ^bb0(%x: f64, %y: f64):
    %s = arith.addf %x, %y : f64
    kern.yield %s : f64
  } -> memref<8xf64>
  return %t69 : memref<8xf64>
}
