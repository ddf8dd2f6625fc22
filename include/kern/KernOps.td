//===- KernOps.td - kern dialect operations ----------------*- tablegen -*-===//
//
// Every op has a custom assembly format, a verifier and an example. Arrays
// are memrefs; an op that "returns a fresh array" returns a memref whose
// buffer the caller owns.
//
//===----------------------------------------------------------------------===//

#ifndef KERN_OPS_TD
#define KERN_OPS_TD

include "kern/KernBase.td"

include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

// State that kern ops touch besides arrays (kern/KernDialect.h): effects on
// them tell analyses that no array is read or written.
def Kern_GeneratorState : Resource<"::mlir::kern::GeneratorResource">;
def Kern_ErrorState : Resource<"::mlir::kern::ErrorResource">;

//===----------------------------------------------------------------------===//
// Terminator
//===----------------------------------------------------------------------===//

def Kern_YieldOp : Kern_Op<"yield", [Pure, Terminator, ReturnLike,
    ParentOneOf<["UfuncOp", "ReduceOp", "AccumulateOp", "PrangeOp"]>]> {
  let summary = "terminates the region of a kern op";
  let description = [{
    Yields the values of one element (in `kern.ufunc` and the `map` region
    of `kern.reduce`), of one combination (in a `combine` region) or the new
    values of the reduction variables (in `kern.prange`). The parent op
    checks the number and types of the values; a `kern.prange` without
    reduction variables ends with a `kern.yield` of nothing.

    ```mlir
    kern.yield %v : f64
    kern.yield %q, %isneg : i64, i1
    kern.yield
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let builders = [OpBuilder<(ins), [{ /* no values */ }]>];
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

//===----------------------------------------------------------------------===//
// Array operations
//===----------------------------------------------------------------------===//

def Kern_UfuncOp : Kern_Op<"ufunc", [AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "elementwise scalar region over arrays and scalars";
  let description = [{
    Applies the scalar region to every element of the broadcast shape of its
    array inputs. Scalar inputs are passed to every element. With NumPy
    broadcasting, inputs may have smaller rank or size-1 dimensions;
    `kern-broadcast` makes that explicit. The op either returns fresh arrays
    (one per yielded value, of the broadcast rank) or writes into the
    `outs` arrays (`out=`), which it then returns nothing for.

    The region has one argument per input, of the input's element type (the
    scalar's own type for a scalar), and yields one value per result or
    `outs` array, of its element type.

    ```mlir
    // x * c, a fresh array
    %r = kern.ufunc(%x, %c : memref<?xf64>, f64) {
    ^bb0(%a: f64, %b: f64):
      %s = arith.mulf %a, %b : f64
      kern.yield %s : f64
    } -> memref<?xf64>

    // np.sqrt(x, out=y)
    kern.ufunc(%x : memref<?xf64>) outs(%y : memref<?xf64>) {
    ^bb0(%a: f64):
      %s = math.sqrt %a : f64
      kern.yield %s : f64
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs,
                       Variadic<AnyMemRef>:$outs);
  let results = (outs Variadic<AnyMemRef>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` $inputs `:` type($inputs) `)`
    (`outs` `(` $outs^ `:` type($outs) `)`)?
    $body attr-dict (`->` type($results)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The rank of the iteration space: the largest rank among the arrays.
    int64_t getIterationRank();
  }];
}

def Kern_ReduceOp : Kern_Op<"reduce", [AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "reduction over all axes or along some axes";
  let description = [{
    Reduces its array with the combiner `kind` (`add`, `mul`, `min`, `max`,
    or `custom` with a `combine` region of two arguments). Without `axes`
    the result is a scalar; with `axes` it is an array of the remaining
    dimensions. An optional `map` region computes the reduced value from
    several inputs elementwise (the result of fusing a `kern.ufunc` into the
    reduction), so `np.sum(x**2)` needs no temporary array. An optional
    `init` is the starting value (otherwise the identity of `kind`, or the
    first element for `custom`). `min` and `max` are not defined on complex
    numbers. The result keeps the dimensions not in `axes`, in order.

    ```mlir
    %s = kern.reduce add(%x : memref<?xf64>) : f64
    %m = kern.reduce max(%a : memref<?x?xf64>) axes [1] : memref<?xf64>
    %p = kern.reduce mul(%k : memref<?xi64>) init(%one : i64) : i64
    %q = kern.reduce add(%x : memref<?xf64>) map {
    ^bb0(%v: f64):
      %sq = arith.mulf %v, %v : f64
      kern.yield %sq : f64
    } : f64
    %o = kern.reduce custom(%bits : memref<?xi32>) combine {
    ^bb0(%l: i32, %r: i32):
      %u = arith.ori %l, %r : i32
      kern.yield %u : i32
    } : i32
    ```
  }];
  let arguments = (ins Kern_ReductionKind:$kind,
                       Variadic<AnyType>:$inputs,
                       Optional<AnyType>:$init,
                       OptionalAttr<DenseI64ArrayAttr>:$axes);
  let results = (outs AnyType:$result);
  let regions = (region MaxSizedRegion<1>:$map, MaxSizedRegion<1>:$combine);
  let assemblyFormat = [{
    $kind `(` $inputs `:` type($inputs) `)`
    (`init` `(` $init^ `:` type($init) `)`)?
    (`axes` $axes^)?
    (`map` $map^)?
    (`combine` $combine^)?
    attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The rank of the iteration space: the largest rank among the arrays.
    int64_t getIterationRank();
    /// The type of the values being combined.
    ::mlir::Type getElementType();
  }];
}

def Kern_AccumulateOp : Kern_Op<"accumulate", [
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "inclusive scan along one axis";
  let description = [{
    Running combination along `axis` (`np.cumsum`, `np.cumprod`,
    `ufunc.accumulate`): element `k` of the result combines elements `0..k`
    of the input along `axis`. The result is a fresh array of the rank and
    element type of the input. Kinds are those of `kern.reduce`; `custom`
    takes a `combine` region of two arguments.

    ```mlir
    %c = kern.accumulate add(%x : memref<?xf64>) axis 0 : memref<?xf64>
    %m = kern.accumulate max(%a : memref<?x?xi32>) axis 1 : memref<?x?xi32>
    ```
  }];
  let arguments = (ins Kern_ReductionKind:$kind, AnyMemRef:$input,
                       I64Attr:$axis);
  let results = (outs AnyMemRef:$result);
  let regions = (region MaxSizedRegion<1>:$combine);
  let assemblyFormat = [{
    $kind `(` $input `:` type($input) `)` `axis` $axis
    (`combine` $combine^)? attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

def Kern_BroadcastOp : Kern_Op<"broadcast", [Pure]> {
  let summary = "view of an array broadcast to a larger shape";
  let description = [{
    A view of `source` with the shape given by the index operands, NumPy
    style: dimensions are aligned from the right, a dimension of size 1 is
    repeated with stride 0, missing leading dimensions are added with stride
    0. Sizes that are neither 1 nor the target size are an error that
    `kern-broadcast` checks before it makes the view. No data is copied.

    The result layout is strided. A static stride must be the one every
    execution gives: 0 on new leading dimensions and on dimensions of static
    size 1, the source's stride on dimensions of another static size; on
    dimensions of dynamic source size it is dynamic. A static offset is the
    source's.

    ```mlir
    %v = kern.broadcast %a to (%n, %m)
        : memref<?xf64> -> memref<?x?xf64, strided<[?, ?], offset: ?>>
    ```
  }];
  let arguments = (ins AnyMemRef:$source, Variadic<Index>:$shape);
  let results = (outs AnyMemRef:$result);
  let assemblyFormat = [{
    $source `to` ` ` `(` $shape `)` attr-dict `:` type($source) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kern_AllocOp : Kern_Op<"alloc", [AttrSizedOperandSegments]> {
  let summary = "a new array, optionally filled";
  let description = [{
    A fresh array whose buffer the caller owns (`np.empty`, `np.zeros`,
    `np.full`, ...). One index operand per dynamic dimension, in order;
    static dimensions take none. With `fill`, every element is set to the
    value, which has the element type.

    ```mlir
    %a = kern.alloc(%n) : memref<?xf64>
    %z = kern.alloc(%n, %m) fill %zero : f64 : memref<?x?xf64>
    ```
  }];
  let arguments = (ins Variadic<Index>:$sizes, Optional<AnyType>:$fill);
  let results = (outs Res<AnyMemRef, "",
                          [MemAlloc<DefaultResource>, MemWrite<DefaultResource>]>:$result);
  let assemblyFormat = [{
    `(` $sizes `)` (`fill` $fill^ `:` type($fill))? attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Parallel loop
//===----------------------------------------------------------------------===//

def Kern_PrangeOp : Kern_Op<"prange", [RecursiveMemoryEffects]> {
  let summary = "parallel loop with named reductions";
  let description = [{
    A `prange` loop. The body runs once per index in `[lb, ub)` by `step`,
    in any order and possibly on several threads. Reduction variables are
    block arguments after the index; the body yields their new values and
    each is combined with its kind (`add`, `mul`, `min`, `max`). Results are
    the final values. Run sequentially, the loop means exactly an `scf.for`
    with `iter_args`. Without reduction variables the loop has no results
    and its body ends with an empty `kern.yield`.

    ```mlir
    %s = kern.prange %i = %c0 to %n step %c1
        reduce(add %acc = %zero : f64) {
      %v = memref.load %x[%i] : memref<?xf64>
      %t = arith.addf %acc, %v : f64
      kern.yield %t : f64
    } : f64

    kern.prange %i = %c0 to %n step %c1 {
      %v = memref.load %x[%i] : memref<?xf64>
      memref.store %v, %y[%i] : memref<?xf64>
      kern.yield
    }
    ```
  }];
  let arguments = (ins Index:$lowerBound, Index:$upperBound, Index:$step,
                       Variadic<AnyType>:$inits,
                       ArrayAttr:$kinds);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Value getInductionVar() { return getBody().getArgument(0); }
    ReductionKind getKind(unsigned i);
  }];
}

//===----------------------------------------------------------------------===//
// Runtime services
//===----------------------------------------------------------------------===//

def Kern_RandomOp : Kern_Op<"random", [
    MemoryEffects<[MemRead<Kern_GeneratorState>, MemWrite<Kern_GeneratorState>]>]> {
  let summary = "a random draw from the per-thread generator";
  let description = [{
    `uniform` draws from [0, 1), `normal` from the standard normal
    distribution, using the generator state of the calling thread
    (`np.random.random()`, `np.random.standard_normal()`): the result is
    `f32` or `f64`. `bits` is the generator's next 32-bit word, an `i32`
    (what NumPy's integer algorithms such as `randint` consume). The
    generator is NumPy's legacy MT19937 (docs/abi.md).

    ```mlir
    %u = kern.random uniform : f64
    %g = kern.random normal : f32
    %w = kern.random bits : i32
    ```
  }];
  let arguments = (ins Kern_Distribution:$distribution);
  let results = (outs AnyTypeOf<[AnyFloat, I32]>:$result);
  let assemblyFormat = "$distribution attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Kern_SeedOp : Kern_Op<"seed", [
    MemoryEffects<[MemWrite<Kern_GeneratorState>]>]> {
  let summary = "seeds the random generator (np.random.seed)";
  let description = [{
    Resets the generator state from the integer `seed`, so that the draws
    that follow are reproducible, as `np.random.seed(s)` in Numba.

    ```mlir
    kern.seed %s : i64
    ```
  }];
  let arguments = (ins AnySignlessInteger:$seed);
  let assemblyFormat = "$seed attr-dict `:` type($seed)";
}

def Kern_RaiseOp : Kern_Op<"raise", [
    MemoryEffects<[MemWrite<Kern_ErrorState>]>]> {
  let summary = "raises a Python exception";
  let description = [{
    Ends the compiled function with a Python exception of the given kind.
    The message may hold `%d` (signed integer), `%u` (unsigned integer),
    `%b` (an `i1`, written `True` or `False`), `%g` (float, written as
    Python's repr writes it) and `%s` (an `i64` holding the address of a
    runtime string, written as its repr) placeholders filled from the
    operands in order;
    `%%` is a percent sign. The caller sees an error status and the
    formatted message; nothing aborts. The kinds are `ValueError`,
    `IndexError`, `ZeroDivisionError`, `TypeError`, `RuntimeError`,
    `AssertionError`, `OverflowError`, `MemoryError`, `NotImplementedError`,
    `LinAlgError` (numpy.linalg), `KeyError` and `Exception` (a class of the
    user's, with `args_repr`).

    With the unit attribute `args_repr` (a Python `raise` statement) the
    formatted message is `repr(args)` of the exception, which the caller
    turns back into the arguments: `raise ValueError("bad", x)` raises
    `ValueError('bad', 3)`. For the kind `Exception` the message starts
    with the class as `module:qualname` and a space.

    ```mlir
    kern.raise "ZeroDivisionError", "division by zero"
    kern.raise "IndexError", "index %d is out of bounds for axis %d with size %d"(%i, %c0, %n : i64, i64, index)
    kern.raise "ValueError", "('bad', %d)"(%x : i64) {args_repr}
    kern.raise "ValueError", "(%s,)"(%text_address : i64) {args_repr}
    kern.raise "Exception", "app.errors:Overflowing (%g,)"(%v : f64) {args_repr}
    ```
  }];
  let arguments = (ins StrAttr:$kind, StrAttr:$message,
                       Variadic<AnyTypeOf<[AnyInteger, Index, AnyFloat]>>:$args,
                       UnitAttr:$args_repr);
  let assemblyFormat = [{
    $kind `,` $message (`(` $args^ `:` type($args) `)`)? attr-dict
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// GPU
//===----------------------------------------------------------------------===//

def Kern_GridOp : Kern_Op<"grid", [Pure]> {
  let summary = "absolute index of the thread in the grid (cuda.grid)";
  let description = [{
    `blockIdx.d * blockDim.d + threadIdx.d` for the dimension `d`.

    ```mlir
    %i = kern.grid x : index
    ```
  }];
  let arguments = (ins Kern_Dim:$dim);
  let results = (outs Index:$result);
  let assemblyFormat = "$dim attr-dict `:` type($result)";
}

def Kern_GridSizeOp : Kern_Op<"gridsize", [Pure]> {
  let summary = "number of threads in the grid (cuda.gridsize)";
  let description = [{
    `gridDim.d * blockDim.d` for the dimension `d`.

    ```mlir
    %n = kern.gridsize x : index
    ```
  }];
  let arguments = (ins Kern_Dim:$dim);
  let results = (outs Index:$result);
  let assemblyFormat = "$dim attr-dict `:` type($result)";
}

def Kern_GpuIndexOp : Kern_Op<"gpu_index", [Pure]> {
  let summary = "a CUDA index register (threadIdx, blockIdx, blockDim, gridDim)";
  let description = [{
    `cuda.threadIdx.d` (`thread_id`), `cuda.blockIdx.d` (`block_id`),
    `cuda.blockDim.d` (`block_dim`) or `cuda.gridDim.d` (`grid_dim`) for the
    dimension `d`; the counterparts of `gpu.thread_id`, `gpu.block_id`,
    `gpu.block_dim` and `gpu.grid_dim`. Only inside a kernel (a `func.func`
    with the unit attribute `kern.kernel`).

    ```mlir
    %t = kern.gpu_index thread_id x : index
    ```
  }];
  let arguments = (ins Kern_GpuIndex:$kind, Kern_Dim:$dim);
  let results = (outs Index:$result);
  let assemblyFormat = "$kind $dim attr-dict `:` type($result)";
}

def Kern_DynamicSharedOp : Kern_Op<"dynamic_shared"> {
  let summary = "the dynamic shared memory of the launch (cuda.shared.array(0, dtype))";
  let description = [{
    The block's shared memory sized by the launch (`kernel[b, t, stream,
    nbytes]`), as a 1-D array of as many elements as fit in it. Every
    `kern.dynamic_shared` of a kernel starts at the same address, as in
    CUDA (`extern __shared__`).

    ```mlir
    %s = kern.dynamic_shared : memref<?xf32, 3>
    ```
  }];
  let results = (outs Res<MemRefRankOf<[AnyType], [1]>, "",
                          [MemAlloc<DefaultResource>]>:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Kern_LaunchOp : Kern_Op<"launch", [
    AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "launches a kernel function on the GPU";
  let description = [{
    Host side of `kernel[blocks, threads](args)`: runs the `func.func`
    named by `kernel` on a grid of blocks of threads, and returns when it
    has finished. The kernel takes exactly the `args`, with their types, and
    returns nothing.

    ```mlir
    kern.launch @axpy blocks(%bx, %c1, %c1) threads(%tx, %c1, %c1)
        args(%a, %x, %y : f32, memref<?xf32>, memref<?xf32>)
    ```

    `shared(%bytes)` gives the size of the dynamic shared memory of each
    block (`kern.dynamic_shared`; none when absent).
  }];
  let arguments = (ins FlatSymbolRefAttr:$kernel,
                       Index:$gridX, Index:$gridY, Index:$gridZ,
                       Index:$blockX, Index:$blockY, Index:$blockZ,
                       Optional<Index>:$dynamicShared,
                       Variadic<AnyType>:$args);
  let assemblyFormat = [{
    $kernel `blocks` `(` $gridX `,` $gridY `,` $gridZ `)`
    `threads` `(` $blockX `,` $blockY `,` $blockZ `)`
    (`shared` `(` $dynamicShared^ `)`)?
    (`args` `(` $args^ `:` type($args) `)`)? attr-dict
  }];
}

def Kern_SharedAllocOp : Kern_Op<"shared_alloc"> {
  let summary = "a statically sized array in GPU shared memory";
  let description = [{
    `cuda.shared.array(shape, dtype)`: memory shared by the threads of a
    block, in the workgroup address space (`3` or
    `#gpu.address_space<workgroup>`). The shape is static.

    ```mlir
    %s = kern.shared_alloc : memref<128xf32, 3>
    ```
  }];
  let results = (outs Res<AnyStaticShapeMemRef, "",
                          [MemAlloc<DefaultResource>]>:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Kern_BarrierOp : Kern_Op<"barrier"> {
  let summary = "waits for every thread of the block (cuda.syncthreads)";
  let description = [{
    Each thread of the block waits here until all of them arrive; writes to
    shared memory made before the barrier are visible to every thread of the
    block after it.

    ```mlir
    kern.barrier
    ```
  }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// GPU: warps and block votes (cuda.shfl_sync, ballot_sync, syncthreads_count)
//
// On the CPU target (convert-kern-gpu-to-host) each is a call of the runtime
// (lib/Runtime/CudaWarp.c): `kern_rt_cuda_warp(ctx, op, mask, bits, arg)`
// with `op` the value of the mode's enum case (idx 0, up 1, down 2, xor 3,
// all 4, any 5, ballot 6, match any 7, match all 8, active_mask 9,
// warp_sync 10), or `kern_rt_cuda_barrier_reduce(ctx, mode, pred)`.
//===----------------------------------------------------------------------===//

def Kern_ShuffleOp : Kern_Op<"shuffle", [AllTypesMatch<["value", "result"]>]> {
  let summary = "exchanges a value between the lanes of a warp (cuda.shfl_*_sync)";
  let description = [{
    Each lane of `mask` (an i32 of lane bits) gets the `value` of its
    source lane: `idx`: lane `offset mod 32` (`cuda.shfl_sync`), `up`:
    `lane - offset`, `down`: `lane + offset`, `xor`: `lane ^ offset`
    (`shfl_up_sync`, `shfl_down_sync`, `shfl_xor_sync`), with a width of
    32. A source lane outside the warp (or not active) gives the lane its
    own value, as CUDA does.

    ```mlir
    %r = kern.shuffle down %v, %c1, %mask : f32
    ```

    GPU lowering: `nvvm.shfl.sync <bfly|up|down|idx> %mask, %value,
    %offset, %clamp : T -> T` (mode `xor` is `bfly`), `%clamp` = 0x1f
    (0 for `up`), as Numba-CUDA emits; i64/f64 values in two 32-bit
    shuffles of their halves (bitcast, as Numba does). `gpu.shuffle
    <xor|up|down|idx> %value, %offset, %c32` is the same with a full mask.
  }];
  let arguments = (ins Kern_ShuffleMode:$mode,
                       AnyTypeOf<[I32, I64, F32, F64]>:$value,
                       I32:$offset, I32:$mask);
  let results = (outs AnyTypeOf<[I32, I64, F32, F64]>:$result);
  let assemblyFormat = "$mode $value `,` $offset `,` $mask attr-dict `:` type($result)";
}

def Kern_VoteOp : Kern_Op<"vote"> {
  let summary = "a vote of the lanes of a warp (cuda.all_sync, any_sync, ballot_sync)";
  let description = [{
    Over the active lanes of `mask`: `all` (i1: every predicate is true),
    `any` (i1: one is), `ballot` (i32: the bits of the lanes whose predicate
    is true).

    ```mlir
    %b = kern.vote ballot %mask, %p : i32
    %a = kern.vote all %mask, %p : i1
    ```

    GPU lowering: `nvvm.vote.sync <all|any|ballot> %mask, %pred -> i1|i32`.
  }];
  let arguments = (ins Kern_VoteMode:$mode, I32:$mask, I1:$predicate);
  let results = (outs AnyTypeOf<[I1, I32]>:$result);
  let assemblyFormat = "$mode $mask `,` $predicate attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Kern_MatchOp : Kern_Op<"match"> {
  let summary = "the lanes of a warp with the same value (cuda.match_any_sync, match_all_sync)";
  let description = [{
    Over the active lanes of `mask`: `any` gives the bits of the lanes whose
    `value` is the caller's; `all` gives the active lanes of `mask` when
    every one has the same value, else 0.

    ```mlir
    %m = kern.match any %mask, %v : i64
    ```

    GPU lowering: `nvvm.match.sync any %mask, %v : T -> i32`; `all` is
    `nvvm.match.sync all ... -> !llvm.struct<(i32, i1)>`, field 0 (f32 and
    f64 bitcast to i32 and i64 first).
  }];
  let arguments = (ins Kern_MatchMode:$mode, I32:$mask,
                       AnyTypeOf<[I32, I64, F32, F64]>:$value);
  let results = (outs I32:$result);
  let assemblyFormat = "$mode $mask `,` $value attr-dict `:` type($value)";
}

def Kern_ActiveMaskOp : Kern_Op<"active_mask"> {
  let summary = "the lanes of the warp running this call (cuda.activemask)";
  let description = [{
    An i32 of the bits of the warp's lanes that execute it together.

    ```mlir
    %m = kern.active_mask : i32
    ```

    GPU lowering: `llvm.inline_asm "activemask.b32 $0;", "=r"` (as
    Numba-CUDA; NVVM has no op for it).
  }];
  let results = (outs I32:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def Kern_WarpSyncOp : Kern_Op<"warp_sync"> {
  let summary = "waits for the lanes of a warp (cuda.syncwarp)";
  let description = [{
    Each lane of `mask` waits here until every active lane of `mask`
    arrives; memory written before it is visible to them after it.

    ```mlir
    kern.warp_sync %mask
    ```

    GPU lowering: `nvvm.bar.warp.sync %mask : i32`.
  }];
  let arguments = (ins I32:$mask);
  let assemblyFormat = "$mask attr-dict";
}

def Kern_BarrierReduceOp : Kern_Op<"barrier_reduce"> {
  let summary = "a block barrier with a vote (cuda.syncthreads_count/and/or)";
  let description = [{
    `kern.barrier` that also returns, to every thread of the block, the
    number of threads whose `predicate` (an i32, true when not 0) is true
    (`popc`), whether all are (`and`, 0 or 1) or whether one is (`or`).

    ```mlir
    %n = kern.barrier_reduce popc %p : i32
    ```

    GPU lowering: `nvvm.barrier #nvvm.reduction<popc|and|or> %predicate
    -> i32` (`bar.red.popc.u32` / `bar.red.and.pred` / `bar.red.or.pred`).
  }];
  let arguments = (ins Kern_BarrierReduction:$mode, I32:$predicate);
  let results = (outs I32:$result);
  let assemblyFormat = "$mode $predicate attr-dict `:` type($result)";
}

#endif // KERN_OPS_TD
