/*===- KernGPUToHost.c - convert-kern-gpu-to-host: kernels run on the CPU -===*
 *
 * The CPU target of kern.cuda (docs/cuda.md): lowers the GPU ops of every
 * kernel (a func.func with the unit attribute `kern.kernel`) and every
 * `kern.launch` to host code and calls of the runtime (lib/Runtime/
 * CudaHost.c), which runs the blocks of the grid on CPU threads and the
 * threads of a block as cooperative fibers.
 *
 *   - The kernel gains 14 trailing arguments: threadIdx, blockIdx, blockDim
 *     and gridDim (x, y, z each, `index`), the block's shared memory
 *     (`memref<?xi8>`) and the thread's runtime context (`!llvm.ptr`).
 *     `kern.gpu_index` becomes one of those arguments, `kern.grid d` is
 *     `blockIdx.d * blockDim.d + threadIdx.d`, `kern.gridsize d` is
 *     `gridDim.d * blockDim.d`.
 *   - `kern.barrier` is `func.call @kern_rt_cuda_barrier(%ctx)`; the warp
 *     ops (kern.shuffle, kern.vote, kern.match, kern.active_mask,
 *     kern.warp_sync) and kern.barrier_reduce are calls of
 *     `kern_rt_cuda_warp` / `kern_rt_cuda_barrier_reduce` (Warp.c), and
 *     make the kernel's threads fibers, as barriers do.
 *   - `kern.shared_alloc` is a `memref.view` at a fixed offset (16-byte
 *     aligned) of the shared memory, the users' `memref.memory_space_cast`
 *     to the default space fold away; `kern.dynamic_shared` views what
 *     follows the static arrays (its size is the launch's).
 *   - Beside the kernel, `@<k>__kern_thread(%env, %ctx)` (C: `void
 *     (void **env, void *ctx)`) loads the launch's arguments through `env`
 *     (one pointer per argument, to its value in the layout of docs/abi.md)
 *     and the indices from `ctx` (struct KernCudaThread), and calls the
 *     kernel; `@<k>__kern_launch(args..., grid, block, dynamic shared)`
 *     stores the arguments, and calls `kern_rt_cuda_launch` with the thread
 *     function, the static shared bytes and whether the kernel has barriers.
 *   - `kern.launch @k ...` becomes `func.call @<k>__kern_launch`.
 *
 *   func.func @k(%a: memref<?xf32>) attributes {kern.kernel} {
 *     %t = kern.gpu_index thread_id x : index
 *     %s = kern.shared_alloc : memref<64xf32, 3>
 *     %v = memref.memory_space_cast %s : memref<64xf32, 3> to memref<64xf32>
 *     kern.barrier
 *     ...
 *   }
 *   func.func @f(%a: memref<?xf32>, %n: index, %c1: index) {
 *     kern.launch @k blocks(%n, %c1, %c1) threads(%c1, %c1, %c1)
 *         args(%a : memref<?xf32>)
 *   }
 * becomes
 *   func.func @k(%a: memref<?xf32>, %tx: index, ... %gz: index,
 *                %shared: memref<?xi8>, %ctx: !llvm.ptr)
 *       attributes {kern.kernel} {
 *     %c0 = arith.constant 0 : index
 *     %v = memref.view %shared[%c0][] : memref<?xi8> to memref<64xf32>
 *     func.call @kern_rt_cuda_barrier(%ctx) : (!llvm.ptr) -> ()
 *     ... (%tx for %t)
 *   }
 *   func.func private @k__kern_thread(%env: !llvm.ptr, %ctx: !llvm.ptr)
 *   func.func private @k__kern_launch(%a: memref<?xf32>, %gx: index, ...)
 *   func.func @f(...) {
 *     func.call @k__kern_launch(%a, %n, %c1, %c1, %c1, %c1, %c1, %c0) : ...
 *   }
 *
 * Errors: a GPU op outside a kernel, a kernel that returns values, a
 * launch of a function that is not a kernel, an argument type with no
 * slot layout. The GPU path (convert-kern-to-gpu, not built yet) lowers
 * the same ops to the gpu dialect instead.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "Warp.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"
#include "../../Support/Vec.h"

#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The extra arguments of a converted kernel, after its own. */
enum { IndexArgs = 12, SharedArg = 12, CtxArg = 13, ExtraArgs = 14 };

typedef struct Kernel {
  MlirOperation func;
  KernCharVec name;
  int64_t staticShared; /* bytes of its kern.shared_alloc arrays */
  int barrier;          /* whether it calls kern.barrier or warp ops */
  int64_t sites;        /* warp ops lowered so far (their call sites) */
  intptr_t nArgs;       /* its own arguments */
} Kernel;

typedef KERN_VEC(Kernel) KernelVec;

typedef struct Lowering {
  MlirOperation module;
  MlirContext ctx;
  MlirSymbolTable symbols;
  MlirRewriterBase rw;
  KernelVec kernels;
  KernOpVec ops;      /* GPU ops */
  KernOpVec launches; /* kern.launch */
} Lowering;

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static bool isGpuOp(MlirOperation op) {
  return kernOpNameIs(op, "kern.gpu_index") || kernOpNameIs(op, "kern.grid") ||
         kernOpNameIs(op, "kern.gridsize") || kernOpNameIs(op, "kern.barrier") ||
         kernOpNameIs(op, "kern.shared_alloc") ||
         kernOpNameIs(op, "kern.dynamic_shared") || kernIsWarpOp(op);
}

static void appendText(MlirStringRef s, void *data) {
  kernCharVecAppendf((KernCharVec *)data, "%.*s", (int)s.length, s.data);
}

static void appendType(KernCharVec *out, MlirType t) {
  mlirTypePrint(t, appendText, out);
}

static int64_t intAttr(MlirOperation op, const char *name) {
  return mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(op, str(name)));
}

/* Bytes of one element of a memref (0 when kern cannot say). */
static int64_t elementBytes(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return 8;
  if (mlirTypeIsAInteger(t))
    return (mlirIntegerTypeGetWidth(t) + 7) / 8;
  if (mlirTypeIsAFloat(t))
    return mlirFloatTypeGetWidth(t) / 8;
  if (mlirTypeIsAComplex(t))
    return 2 * elementBytes(mlirComplexTypeGetElementType(t));
  return 0;
}

/* The LLVM type a value of type `t` is stored as (docs/abi.md), written to
 * `out`; false when it has none. */
static bool slotText(KernCharVec *out, MlirType t) {
  if (mlirTypeIsAIndex(t)) {
    kernCharVecAppendf(out, "i64");
    return true;
  }
  if ((mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t)) ||
      mlirTypeIsAF32(t) || mlirTypeIsAF64(t) || mlirTypeIsALLVMPointerType(t)) {
    appendType(out, t);
    return true;
  }
  if (mlirTypeIsAComplex(t)) {
    MlirType e = mlirComplexTypeGetElementType(t);
    if (!mlirTypeIsAF32(e) && !mlirTypeIsAF64(e))
      return false;
    kernCharVecAppendf(out, "!llvm.struct<(");
    appendType(out, e);
    kernCharVecAppendf(out, ", ");
    appendType(out, e);
    kernCharVecAppendf(out, ")>");
    return true;
  }
  if (mlirTypeIsAMemRef(t)) {
    int64_t r = mlirShapedTypeGetRank(t);
    kernCharVecAppendf(out, "!llvm.struct<(ptr, ptr, i64");
    if (r > 0)
      kernCharVecAppendf(out, ", array<%lld x i64>, array<%lld x i64>",
                         (long long)r, (long long)r);
    kernCharVecAppendf(out, ")>");
    return true;
  }
  return false;
}

/* Whether the type is stored as is (no unrealized cast to its slot). */
static bool storedAsIs(MlirType t) {
  return (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t)) ||
         mlirTypeIsAF32(t) || mlirTypeIsAF64(t) || mlirTypeIsALLVMPointerType(t);
}

/* Parses the text of one func.func named `name` (in a module beside the
 * declarations `decls` of what it calls, which verification needs) and
 * moves it into the module. */
static MlirLogicalResult addFunction(Lowering *l, MlirLocation loc,
                                     KernCharVec *text, const char *decls,
                                     const char *name) {
  KernCharVec all = {0};
  kernCharVecAppendf(&all, "module {\n%s%s}\n", decls, text->data);
  MlirModule parsed = mlirModuleCreateParse(
      l->ctx, mlirStringRefCreate(all.data, (size_t)all.size));
  kernVecFree(&all);
  if (mlirModuleIsNull(parsed))
    return kernEmitError(loc, "convert-kern-gpu-to-host: internal error: "
                              "cannot parse the function it made:\n%s",
                         text->data);
  MlirBlock body = mlirModuleGetBody(parsed);
  MlirOperation found = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef n = mlirStringAttrGetValue(
        mlirOperationGetAttributeByName(op, str("sym_name")));
    if (strlen(name) == n.length && memcmp(name, n.data, n.length) == 0)
      found = op;
  }
  mlirOperationRemoveFromParent(found);
  mlirSymbolTableInsert(l->symbols, found);
  mlirModuleDestroy(parsed);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * The kernel
 *===----------------------------------------------------------------------===*/

static MlirWalkResult collectGpuOps(MlirOperation op, void *data) {
  if (isGpuOp(op))
    kernVecPush((KernOpVec *)data, op);
  return MlirWalkResultAdvance;
}

/* `%view` replaces the shared array `old` (of a workgroup memref type):
 * memory_space_cast users to the view's type fold away, other users see a
 * cast of the view back to the workgroup space. */
static void replaceShared(Lowering *l, MlirOperation old, MlirValue view) {
  MlirValue result = mlirOperationGetResult(old, 0);
  MlirType viewType = mlirValueGetType(view);
  MlirOpOperand use = mlirValueGetFirstUse(result);
  KernOpVec casts = {0};
  for (; !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (kernOpNameIs(user, "memref.memory_space_cast") &&
        mlirTypeEqual(mlirValueGetType(mlirOperationGetResult(user, 0)),
                      viewType))
      kernVecPush(&casts, user);
  }
  for (intptr_t i = 0; i < casts.size; ++i) {
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(casts.data[i], 0),
                                  view);
    mlirRewriterBaseEraseOp(l->rw, casts.data[i]);
  }
  kernVecFree(&casts);
  if (!mlirOpOperandIsNull(mlirValueGetFirstUse(result))) {
    KernBuilder b = kernBuilderAfter(l->rw, mlirOpResultGetOwner(view));
    MlirValue back = kernBuildValue(&b, "memref.memory_space_cast",
                                    mlirValueGetType(result), 1, &view, 0, NULL);
    mlirValueReplaceAllUsesOfWith(result, back);
  }
  mlirRewriterBaseEraseOp(l->rw, old);
}

/* The memref type of `t` in the default memory space. */
static MlirType defaultSpace(MlirType t) {
  intptr_t r = mlirShapedTypeGetRank(t);
  int64_t *shape = malloc(sizeof(int64_t) * (size_t)(r ? r : 1));
  for (intptr_t i = 0; i < r; ++i)
    shape[i] = mlirShapedTypeGetDimSize(t, i);
  MlirType out = mlirMemRefTypeContiguousGet(mlirShapedTypeGetElementType(t),
                                             r, shape, mlirAttributeGetNull());
  free(shape);
  return out;
}

static MlirLogicalResult lowerGpuOp(Lowering *l, Kernel *k, MlirOperation op,
                                    MlirBlock entry, int64_t *offset,
                                    bool dynamicPass) {
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirValue args[ExtraArgs];
  for (int i = 0; i < ExtraArgs; ++i)
    args[i] = mlirBlockGetArgument(entry, k->nArgs + i);
  KernBuilder b = kernBuilderBefore(l->rw, op);
  if (kernOpNameIs(op, "kern.gpu_index") || kernOpNameIs(op, "kern.grid") ||
      kernOpNameIs(op, "kern.gridsize")) {
    int64_t d = intAttr(op, "dim");
    MlirValue v;
    if (kernOpNameIs(op, "kern.gpu_index"))
      v = args[3 * intAttr(op, "kind") + d];
    else if (kernOpNameIs(op, "kern.grid"))
      v = kernBinary(&b, "arith.addi",
                     kernBinary(&b, "arith.muli", args[3 + d], args[6 + d]),
                     args[d]);
    else
      v = kernBinary(&b, "arith.muli", args[9 + d], args[6 + d]);
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0), v);
    mlirRewriterBaseEraseOp(l->rw, op);
    return mlirLogicalResultSuccess();
  }
  if (kernIsWarpOp(op)) {
    kernLowerWarpOp(l->rw, op, args[CtxArg], k->sites++);
    k->barrier = 1; /* its threads wait for each other: fibers */
    return mlirLogicalResultSuccess();
  }
  if (kernOpNameIs(op, "kern.barrier")) {
    MlirNamedAttribute callee = kernNamedAttr(
        l->ctx, "callee",
        mlirFlatSymbolRefAttrGet(l->ctx, str("kern_rt_cuda_barrier")));
    kernBuildOp(&b, "func.call", 0, NULL, 1, &args[CtxArg], 1, &callee, 0);
    mlirRewriterBaseEraseOp(l->rw, op);
    k->barrier = 1;
    return mlirLogicalResultSuccess();
  }
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  int64_t elem = elementBytes(mlirShapedTypeGetElementType(t));
  if (elem == 0)
    return kernEmitError(loc, "convert-kern-gpu-to-host: shared memory of "
                              "an element type with no byte size");
  MlirType viewType = defaultSpace(t);
  *offset = (*offset + 15) / 16 * 16;
  MlirValue operands[3] = {args[SharedArg], kernConstIndex(&b, *offset)};
  intptr_t n = 2;
  if (dynamicPass) {
    /* (bytes of the shared memory - offset) / element bytes */
    MlirValue bytes = kernDim(&b, args[SharedArg], 0);
    MlirValue rest = kernBinary(&b, "arith.subi", bytes, operands[1]);
    operands[n++] = kernBinary(&b, "arith.divui", rest,
                               kernConstIndex(&b, elem));
  } else {
    int64_t count = 1;
    for (intptr_t i = 0; i < mlirShapedTypeGetRank(t); ++i)
      count *= mlirShapedTypeGetDimSize(t, i);
    *offset += count * elem;
  }
  MlirValue view = kernBuildValue(&b, "memref.view", viewType, n, operands, 0,
                                  NULL);
  replaceShared(l, op, view);
  return mlirLogicalResultSuccess();
}

/* Adds the 14 arguments and lowers the GPU ops of kernel `k`. */
static MlirLogicalResult convertKernel(Lowering *l, Kernel *k) {
  MlirOperation f = k->func;
  MlirLocation loc = mlirOperationGetLocation(f);
  MlirAttribute typeAttr =
      mlirOperationGetAttributeByName(f, str("function_type"));
  MlirType fnType = mlirTypeAttrGetValue(typeAttr);
  if (mlirFunctionTypeGetNumResults(fnType) != 0)
    return kernEmitError(loc, "a kernel (kern.kernel) must not return values");
  if (!mlirAttributeIsNull(mlirOperationGetAttributeByName(f, str("kern.entry"))))
    return kernEmitError(loc, "a kernel (kern.kernel) is launched, not called "
                              "from the host (kern.entry)");
  MlirRegion body = mlirOperationGetRegion(f, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(body);
  if (mlirBlockIsNull(entry))
    return kernEmitError(loc, "a kernel (kern.kernel) must have a body");
  k->nArgs = mlirFunctionTypeGetNumInputs(fnType);
  MlirType index = kernIndexType(l->ctx);
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  MlirType extra[ExtraArgs];
  for (int i = 0; i < IndexArgs; ++i)
    extra[i] = index;
  extra[SharedArg] = mlirMemRefTypeContiguousGet(mlirIntegerTypeGet(l->ctx, 8),
                                                 1, &dyn, mlirAttributeGetNull());
  extra[CtxArg] = mlirLLVMPointerTypeGet(l->ctx, 0);
  intptr_t total = k->nArgs + ExtraArgs;
  MlirType *inputs = malloc(sizeof(MlirType) * (size_t)total);
  for (intptr_t i = 0; i < k->nArgs; ++i)
    inputs[i] = mlirFunctionTypeGetInput(fnType, i);
  for (int i = 0; i < ExtraArgs; ++i) {
    inputs[k->nArgs + i] = extra[i];
    mlirBlockAddArgument(entry, extra[i], loc);
  }
  mlirOperationSetAttributeByName(
      f, str("function_type"),
      mlirTypeAttrGet(mlirFunctionTypeGet(l->ctx, total, inputs, 0, NULL)));
  free(inputs);
  /* Argument attributes (kern.layout) cover the old arguments only. */
  MlirAttribute argAttrs = mlirOperationGetAttributeByName(f, str("arg_attrs"));
  if (!mlirAttributeIsNull(argAttrs)) {
    intptr_t n = mlirArrayAttrGetNumElements(argAttrs);
    MlirAttribute *all = malloc(sizeof(MlirAttribute) * (size_t)total);
    for (intptr_t i = 0; i < total; ++i)
      all[i] = i < n ? mlirArrayAttrGetElement(argAttrs, i)
                     : mlirDictionaryAttrGet(l->ctx, 0, NULL);
    mlirOperationSetAttributeByName(f, str("arg_attrs"),
                                    mlirArrayAttrGet(l->ctx, total, all));
    free(all);
  }

  KernOpVec ops = {0};
  mlirOperationWalk(f, collectGpuOps, &ops, MlirWalkPreOrder);
  int64_t offset = 0;
  MlirLogicalResult r = mlirLogicalResultSuccess();
  KernOpVec dynamic = {0}; /* after the static arrays, whose size they need */
  for (intptr_t i = 0; i < ops.size && mlirLogicalResultIsSuccess(r); ++i) {
    if (kernOpNameIs(ops.data[i], "kern.dynamic_shared"))
      kernVecPush(&dynamic, ops.data[i]);
    else
      r = lowerGpuOp(l, k, ops.data[i], entry, &offset, false);
  }
  for (intptr_t i = 0; i < dynamic.size && mlirLogicalResultIsSuccess(r); ++i)
    r = lowerGpuOp(l, k, dynamic.data[i], entry, &offset, true);
  kernVecFree(&ops);
  kernVecFree(&dynamic);
  k->staticShared = (offset + 15) / 16 * 16;
  return r;
}

/*===----------------------------------------------------------------------===*
 * The thread function and the launch function
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult unsupportedArg(MlirLocation loc, MlirType t) {
  KernCharVec s = {0};
  appendType(&s, t);
  kernEmitError(loc, "convert-kern-gpu-to-host: a kernel argument of type "
                     "'%s' has no slot layout", s.data ? s.data : "");
  kernVecFree(&s);
  return mlirLogicalResultFailure();
}

static MlirLogicalResult makeThread(Lowering *l, Kernel *k) {
  MlirLocation loc = mlirOperationGetLocation(k->func);
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(k->func, str("function_type")));
  KernCharVec t = {0}, call = {0}, types = {0};
  kernCharVecAppendf(&t, "func.func private @%s__kern_thread(%%env: !llvm.ptr, "
                         "%%ctx: !llvm.ptr) {\n", k->name.data);
  for (intptr_t i = 0; i < k->nArgs; ++i) {
    MlirType at = mlirFunctionTypeGetInput(fnType, i);
    KernCharVec slot = {0};
    if (!slotText(&slot, at)) {
      kernVecFree(&slot);
      kernVecFree(&t); kernVecFree(&call); kernVecFree(&types);
      return unsupportedArg(loc, at);
    }
    kernCharVecAppendf(&t,
                       "  %%e%ld = llvm.getelementptr %%env[%ld] : (!llvm.ptr) "
                       "-> !llvm.ptr, !llvm.ptr\n"
                       "  %%p%ld = llvm.load %%e%ld : !llvm.ptr -> !llvm.ptr\n"
                       "  %%d%ld = llvm.load %%p%ld : !llvm.ptr -> %s\n",
                       (long)i, (long)i, (long)i, (long)i, (long)i, (long)i,
                       slot.data);
    if (storedAsIs(at)) {
      kernCharVecAppendf(&call, "%%d%ld, ", (long)i);
    } else {
      kernCharVecAppendf(&t, "  %%a%ld = builtin.unrealized_conversion_cast "
                             "%%d%ld : %s to ", (long)i, (long)i, slot.data);
      appendType(&t, at);
      kernCharVecAppendf(&t, "\n");
      kernCharVecAppendf(&call, "%%a%ld, ", (long)i);
    }
    appendType(&types, at);
    kernCharVecAppendf(&types, ", ");
    kernVecFree(&slot);
  }
  for (int i = 0; i < IndexArgs; ++i) {
    kernCharVecAppendf(&t,
                       "  %%ie%d = llvm.getelementptr %%ctx[%d] : (!llvm.ptr) "
                       "-> !llvm.ptr, i64\n"
                       "  %%il%d = llvm.load %%ie%d : !llvm.ptr -> i64\n"
                       "  %%i%d = arith.index_cast %%il%d : i64 to index\n",
                       i, i, i, i, i, i);
    kernCharVecAppendf(&call, "%%i%d, ", i);
    kernCharVecAppendf(&types, "index, ");
  }
  const char *desc = "!llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>";
  kernCharVecAppendf(
      &t,
      "  %%se = llvm.getelementptr %%ctx[12] : (!llvm.ptr) -> !llvm.ptr, i64\n"
      "  %%sp = llvm.load %%se : !llvm.ptr -> !llvm.ptr\n"
      "  %%ne = llvm.getelementptr %%ctx[13] : (!llvm.ptr) -> !llvm.ptr, i64\n"
      "  %%nb = llvm.load %%ne : !llvm.ptr -> i64\n"
      "  %%z = llvm.mlir.constant(0 : i64) : i64\n"
      "  %%o = llvm.mlir.constant(1 : i64) : i64\n"
      "  %%u0 = llvm.mlir.undef : %s\n"
      "  %%u1 = llvm.insertvalue %%sp, %%u0[0] : %s\n"
      "  %%u2 = llvm.insertvalue %%sp, %%u1[1] : %s\n"
      "  %%u3 = llvm.insertvalue %%z, %%u2[2] : %s\n"
      "  %%u4 = llvm.insertvalue %%nb, %%u3[3, 0] : %s\n"
      "  %%u5 = llvm.insertvalue %%o, %%u4[4, 0] : %s\n"
      "  %%sh = builtin.unrealized_conversion_cast %%u5 : %s to memref<?xi8>\n"
      "  func.call @%s(%s%%sh, %%ctx) : (%smemref<?xi8>, !llvm.ptr) -> ()\n"
      "  return\n}\n",
      desc, desc, desc, desc, desc, desc, desc, k->name.data, call.data,
      types.data);
  KernCharVec decl = {0}, sym = {0};
  kernCharVecAppendf(&decl, "func.func private @%s(%smemref<?xi8>, !llvm.ptr)\n",
                     k->name.data, types.data);
  kernCharVecAppendf(&sym, "%s__kern_thread", k->name.data);
  MlirLogicalResult r = addFunction(l, loc, &t, decl.data, sym.data);
  kernVecFree(&t); kernVecFree(&call); kernVecFree(&types);
  kernVecFree(&decl); kernVecFree(&sym);
  return r;
}

static MlirLogicalResult makeLaunch(Lowering *l, Kernel *k) {
  MlirLocation loc = mlirOperationGetLocation(k->func);
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(k->func, str("function_type")));
  KernCharVec t = {0};
  kernCharVecAppendf(&t, "func.func private @%s__kern_launch(", k->name.data);
  for (intptr_t i = 0; i < k->nArgs; ++i) {
    kernCharVecAppendf(&t, "%%a%ld: ", (long)i);
    appendType(&t, mlirFunctionTypeGetInput(fnType, i));
    kernCharVecAppendf(&t, ", ");
  }
  kernCharVecAppendf(&t, "%%g0: index, %%g1: index, %%g2: index, %%g3: index, "
                         "%%g4: index, %%g5: index, %%dyn: index) {\n"
                         "  %%one = llvm.mlir.constant(1 : i64) : i64\n"
                         "  %%n = llvm.mlir.constant(%ld : i64) : i64\n"
                         "  %%env = llvm.alloca %%n x !llvm.ptr : (i64) -> "
                         "!llvm.ptr\n",
                     (long)(k->nArgs ? k->nArgs : 1));
  for (intptr_t i = 0; i < k->nArgs; ++i) {
    MlirType at = mlirFunctionTypeGetInput(fnType, i);
    KernCharVec slot = {0};
    slotText(&slot, at); /* checked by makeThread */
    const char *v = storedAsIs(at) ? "a" : "v";
    if (!storedAsIs(at)) {
      kernCharVecAppendf(&t, "  %%v%ld = builtin.unrealized_conversion_cast "
                             "%%a%ld : ", (long)i, (long)i);
      appendType(&t, at);
      kernCharVecAppendf(&t, " to %s\n", slot.data);
    }
    kernCharVecAppendf(&t,
                       "  %%m%ld = llvm.alloca %%one x %s : (i64) -> !llvm.ptr\n"
                       "  llvm.store %%%s%ld, %%m%ld : %s, !llvm.ptr\n"
                       "  %%e%ld = llvm.getelementptr %%env[%ld] : (!llvm.ptr) "
                       "-> !llvm.ptr, !llvm.ptr\n"
                       "  llvm.store %%m%ld, %%e%ld : !llvm.ptr, !llvm.ptr\n",
                       (long)i, slot.data, v, (long)i, (long)i, slot.data, (long)i,
                       (long)i, (long)i, (long)i);
    kernVecFree(&slot);
  }
  kernCharVecAppendf(
      &t,
      "  %%fn = func.constant @%s__kern_thread : (!llvm.ptr, !llvm.ptr) -> ()\n"
      "  %%fp = builtin.unrealized_conversion_cast %%fn : (!llvm.ptr, "
      "!llvm.ptr) -> () to !llvm.ptr\n",
      k->name.data);
  for (int i = 0; i < 6; ++i)
    kernCharVecAppendf(&t, "  %%G%d = arith.index_cast %%g%d : index to i64\n",
                       i, i);
  kernCharVecAppendf(
      &t,
      "  %%D = arith.index_cast %%dyn : index to i64\n"
      "  %%S = arith.constant %lld : i64\n"
      "  %%B = arith.constant %d : i32\n"
      "  func.call @kern_rt_cuda_launch(%%fp, %%env, %%G0, %%G1, %%G2, %%G3, "
      "%%G4, %%G5, %%S, %%D, %%B) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, "
      "i64, i64, i64, i64, i32) -> ()\n"
      "  return\n}\n",
      (long long)k->staticShared, k->barrier);
  KernCharVec decl = {0}, sym = {0};
  kernCharVecAppendf(&decl,
                     "func.func private @%s__kern_thread(!llvm.ptr, !llvm.ptr)\n"
                     "func.func private @kern_rt_cuda_launch(!llvm.ptr, "
                     "!llvm.ptr, i64, i64, i64, i64, i64, i64, i64, i64, i32)\n",
                     k->name.data);
  kernCharVecAppendf(&sym, "%s__kern_launch", k->name.data);
  MlirLogicalResult r = addFunction(l, loc, &t, decl.data, sym.data);
  kernVecFree(&t); kernVecFree(&decl); kernVecFree(&sym);
  return r;
}

/*===----------------------------------------------------------------------===*
 * Launches and the pass
 *===----------------------------------------------------------------------===*/

static MlirWalkResult collectOps(MlirOperation op, void *data) {
  Lowering *l = data;
  if (kernOpNameIs(op, "gpu.module"))
    return MlirWalkResultSkip;
  if (kernOpNameIs(op, "func.func") &&
      !mlirAttributeIsNull(mlirOperationGetAttributeByName(op, str("kern.kernel")))) {
    Kernel k = {.func = op};
    MlirStringRef n = mlirStringAttrGetValue(
        mlirOperationGetAttributeByName(op, str("sym_name")));
    kernCharVecAppendf(&k.name, "%.*s", (int)n.length, n.data);
    kernVecPush(&l->kernels, k);
    return MlirWalkResultAdvance;
  }
  if (kernOpNameIs(op, "kern.launch"))
    kernVecPush(&l->launches, op);
  else if (isGpuOp(op))
    kernVecPush(&l->ops, op);
  return MlirWalkResultAdvance;
}

static Kernel *findKernel(Lowering *l, MlirStringRef name) {
  for (intptr_t i = 0; i < l->kernels.size; ++i)
    if (strlen(l->kernels.data[i].name.data) == name.length &&
        memcmp(l->kernels.data[i].name.data, name.data, name.length) == 0)
      return &l->kernels.data[i];
  return NULL;
}

static MlirLogicalResult lowerLaunch(Lowering *l, MlirOperation op) {
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(
      mlirOperationGetAttributeByName(op, str("kernel")));
  Kernel *k = findKernel(l, name);
  if (!k)
    return kernEmitError(loc, "kern.launch of '%.*s', which is not a kernel "
                              "(a func.func with kern.kernel)",
                         (int)name.length, name.data);
  KernBuilder b = kernBuilderBefore(l->rw, op);
  intptr_t hasShared = kernOperandSegmentSize(op, 6);
  intptr_t nArgs = mlirOperationGetNumOperands(op) - 6 - hasShared;
  MlirValue *operands = kernValuesAlloc(nArgs + 7);
  for (intptr_t i = 0; i < nArgs; ++i)
    operands[i] = mlirOperationGetOperand(op, 6 + hasShared + i);
  for (int i = 0; i < 6; ++i)
    operands[nArgs + i] = mlirOperationGetOperand(op, i);
  operands[nArgs + 6] = hasShared ? mlirOperationGetOperand(op, 6)
                                  : kernConstIndex(&b, 0);
  KernCharVec callee = {0};
  kernCharVecAppendf(&callee, "%s__kern_launch", k->name.data);
  MlirNamedAttribute attr = kernNamedAttr(
      l->ctx, "callee", mlirFlatSymbolRefAttrGet(l->ctx, str(callee.data)));
  kernBuildOp(&b, "func.call", 0, NULL, nArgs + 7, operands, 1, &attr, 0);
  free(operands);
  kernVecFree(&callee);
  mlirRewriterBaseEraseOp(l->rw, op);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult declareRuntime(Lowering *l, MlirLocation loc) {
  MlirType ptr = mlirLLVMPointerTypeGet(l->ctx, 0);
  MlirType i64 = mlirIntegerTypeGet(l->ctx, 64);
  MlirType launch[11] = {ptr, ptr, i64, i64, i64, i64, i64, i64, i64, i64,
                         mlirIntegerTypeGet(l->ctx, 32)};
  if (mlirLogicalResultIsFailure(kernDeclareFunction(
          l->module, l->symbols, loc, "kern_rt_cuda_barrier",
          mlirFunctionTypeGet(l->ctx, 1, &ptr, 0, NULL))))
    return mlirLogicalResultFailure();
  if (mlirLogicalResultIsFailure(kernDeclareWarpRuntime(l->module, l->symbols,
                                                        loc)))
    return mlirLogicalResultFailure();
  return kernDeclareFunction(l->module, l->symbols, loc, "kern_rt_cuda_launch",
                             mlirFunctionTypeGet(l->ctx, 11, launch, 0, NULL));
}

static MlirLogicalResult run(MlirOperation module, const KernPassInfo *info) {
  (void)info;
  Lowering l = {.module = module, .ctx = mlirOperationGetContext(module),
                .symbols = mlirSymbolTableCreate(module)};
  MlirLocation loc = mlirOperationGetLocation(module);
  if (mlirSymbolTableIsNull(l.symbols))
    return kernEmitError(loc, "convert-kern-gpu-to-host runs on a module (an "
                              "op with a symbol table)");
  mlirOperationWalk(module, collectOps, &l, MlirWalkPreOrder);
  MlirLogicalResult r = mlirLogicalResultSuccess();
  /* GPU ops left outside the kernels: a located error each. */
  for (intptr_t i = 0; i < l.ops.size; ++i) {
    MlirOperation op = l.ops.data[i];
    MlirOperation f = kernParentOfName(op, "func.func");
    if (mlirOperationIsNull(f) ||
        mlirAttributeIsNull(mlirOperationGetAttributeByName(f, str("kern.kernel")))) {
      MlirIdentifier n = mlirOperationGetName(op);
      MlirStringRef s = mlirIdentifierStr(n);
      kernEmitError(mlirOperationGetLocation(op),
                    "'%.*s' outside a kernel (a func.func with kern.kernel): "
                    "GPU indexing, shared memory and barriers exist only in "
                    "kernels and the device functions they call",
                    (int)s.length, s.data);
      r = mlirLogicalResultFailure();
    }
  }
  l.rw = mlirIRRewriterCreateFromOp(module);
  if (mlirLogicalResultIsSuccess(r) && (l.kernels.size || l.launches.size))
    r = declareRuntime(&l, loc);
  for (intptr_t i = 0; i < l.kernels.size && mlirLogicalResultIsSuccess(r); ++i) {
    Kernel *k = &l.kernels.data[i];
    r = convertKernel(&l, k);
    if (mlirLogicalResultIsSuccess(r))
      r = makeThread(&l, k);
    if (mlirLogicalResultIsSuccess(r))
      r = makeLaunch(&l, k);
  }
  for (intptr_t i = 0; i < l.launches.size && mlirLogicalResultIsSuccess(r); ++i)
    r = lowerLaunch(&l, l.launches.data[i]);
  mlirIRRewriterDestroy(l.rw);
  mlirSymbolTableDestroy(l.symbols);
  for (intptr_t i = 0; i < l.kernels.size; ++i)
    kernVecFree(&l.kernels.data[i].name);
  kernVecFree(&l.kernels);
  kernVecFree(&l.ops);
  kernVecFree(&l.launches);
  return r;
}

static const char *const deps[] = {"arith", "func", "llvm", "memref", NULL};

static const KernPassInfo info = {
    .argument = "convert-kern-gpu-to-host",
    .name = "ConvertKernGPUToHost",
    .description = "Lower kern kernels (kern.kernel), their GPU ops and "
                   "kern.launch to host code and calls of the CPU runtime of "
                   "kern.cuda (lib/Runtime/CudaHost.c)",
    .opName = "builtin.module",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateConvertKernGPUToHostPass(void) {
  return kernPassCreate(&info);
}
