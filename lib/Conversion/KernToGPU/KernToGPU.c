/*===- KernToGPU.c - convert-kern-to-gpu: kernels to the gpu dialect ------===*
 *
 * The GPU path of kern.cuda (docs/cuda.md): every kernel (a func.func with
 * the unit attribute `kern.kernel`, its device functions inlined, its array
 * code already loops: the pass runs after convert-kern-to-affine) moves into
 * the module's `gpu.module @kern_gpu` as a `gpu.func ... kernel`, and every
 * `kern.launch` becomes a `gpu.launch_func` of it. Inside the kernel:
 *
 *   - `kern.gpu_index` is `gpu.thread_id` / `block_id` / `block_dim` /
 *     `grid_dim`; `kern.grid d` is `block_id * block_dim + thread_id`,
 *     `kern.gridsize d` is `grid_dim * block_dim`;
 *   - `kern.barrier` is `gpu.barrier`;
 *   - `kern.shared_alloc` is a `memref.get_global` of a private, uninitialized
 *     `memref.global` in address space 3 (shared memory, 16-byte aligned);
 *   - `kern.dynamic_shared` is a `memref.view` of `gpu.dynamic_shared_memory`
 *     with as many elements as the launch's dynamic bytes
 *     (`nvvm.read.ptx.sreg.dynamic.smem.size`) hold;
 *   - the runtime's compare-and-swap atomics (`func.call
 *     @kern_rt_cuda_atomic32/64`, kern/frontend/atomics.py) are LLVM atomics:
 *     `xor`, `uinc_wrap` (CUDA's atomicInc), `udec_wrap` (atomicDec) and
 *     `cmpxchg`; the other atomics are memref.atomic_rmw already;
 *   - `kern.raise` (an exception, a bounds check) stores its number in the
 *     gpu.module's `@__kern_error` (the first raise of the launch wins) and
 *     ends the thread (PTX `exit`); the kinds and messages are the
 *     gpu.func's and the launch's `kern.errors`, which the runtime reports
 *     after the launch (the context stays usable);
 *   - `memref.get_global` of a module-level constant array (cuda.const)
 *     gets a copy of the global inside the gpu.module;
 *   - the warp ops are NVVM's (kern.shuffle: nvvm.shfl.sync, i64/f64 in two
 *     halves; kern.vote: nvvm.vote.sync; kern.match: nvvm.match.sync;
 *     kern.active_mask: `activemask.b32`; kern.warp_sync:
 *     nvvm.bar.warp.sync; kern.barrier_reduce: nvvm.barrier with a
 *     reduction), as their descriptions give them;
 *   - calls of C math functions (cbrt, tgamma, erf, ...) are calls of
 *     libdevice's `__nv_<name>` (the warp ops, these calls and print are
 *     lowered in Calls.c);
 *   - the runtime's print calls of one `print()` are one `gpu.printf`
 *     (CUDA's printf: "%lld", "%llu", "%f", as Numba-CUDA prints);
 *   - `func.return` is `gpu.return`.
 *
 *   func.func @k(%a: memref<?xf32>) attributes {kern.kernel} {
 *     %i = kern.grid x : index
 *     %s = kern.shared_alloc : memref<64xf32, 3>
 *     kern.barrier
 *     ...
 *   }
 *   func.func @f(%a: memref<?xf32>, %n: index, %c1: index) {
 *     kern.launch @k blocks(%n, %c1, %c1) threads(%c1, %c1, %c1)
 *         args(%a : memref<?xf32>)
 *   }
 * becomes
 *   module attributes {gpu.container_module} {
 *     gpu.module @kern_gpu {
 *       memref.global "private" @__kern_shared_k_0 : memref<64xf32, 3> =
 *           uninitialized {alignment = 16 : i64}
 *       gpu.func @k(%a: memref<?xf32>) kernel {
 *         %b = gpu.block_id x
 *         %d = gpu.block_dim x
 *         %t = gpu.thread_id x
 *         %i = arith.addi (arith.muli %b, %d), %t : index
 *         %s = memref.get_global @__kern_shared_k_0 : memref<64xf32, 3>
 *         gpu.barrier
 *         ...
 *         gpu.return
 *       }
 *     }
 *     func.func @f(...) {
 *       %z = arith.constant 0 : i32
 *       gpu.launch_func @kern_gpu::@k blocks in (%n, %c1, %c1)
 *           threads in (%c1, %c1, %c1) dynamic_shared_memory_size %z
 *           args(%a : memref<?xf32>)
 *     }
 *   }
 *
 * kern-gpu-pipeline (lib/Compiler/Pipeline.c) then lowers the gpu.module to
 * NVVM and PTX, and kern-gpu-launch-to-runtime the launches to calls of
 * lib/Runtime/Cuda.c. The CPU target lowers the same ops with
 * convert-kern-gpu-to-host instead.
 *
 * Errors (located): a GPU op outside a kernel, a kernel that returns values,
 * a launch of a function that is not a kernel, and inside a kernel a call
 * (other than the atomics) or a kern op with no GPU lowering.
 *
 *===----------------------------------------------------------------------===*/

#include "KernToGPU.h"

#include "kern-c/Passes.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"
#include "../../Support/Vec.h"

#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GPU_MODULE "kern_gpu"


static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

MlirAttribute kernToGpuParseAttr(MlirContext ctx, const char *text) {
  return mlirAttributeParseGet(ctx, mlirStringRefCreateFromCString(text));
}

static MlirAttribute parseAttr(MlirContext ctx, const char *text) {
  return mlirAttributeParseGet(ctx, str(text));
}

static bool isGpuOp(MlirOperation op) {
  return kernOpNameIs(op, "kern.gpu_index") || kernOpNameIs(op, "kern.grid") ||
         kernOpNameIs(op, "kern.gridsize") || kernOpNameIs(op, "kern.barrier") ||
         kernOpNameIs(op, "kern.shared_alloc") ||
         kernOpNameIs(op, "kern.dynamic_shared");
}

static bool isKernel(MlirOperation op) {
  return kernOpNameIs(op, "func.func") &&
         !mlirAttributeIsNull(
             mlirOperationGetAttributeByName(op, str("kern.kernel")));
}

int64_t kernToGpuIntAttr(MlirOperation op, const char *name) {
  return mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(name)));
}

static int64_t intAttr(MlirOperation op, const char *name) {
  return mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(op, str(name)));
}

static MlirStringRef symName(MlirOperation op) {
  return mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(op, str("sym_name")));
}

static MlirStringRef opName(MlirOperation op) {
  return mlirIdentifierStr(mlirOperationGetName(op));
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

/*===----------------------------------------------------------------------===*
 * Ops inside a kernel
 *===----------------------------------------------------------------------===*/

static MlirValue gpuIndex(Lowering *l, KernBuilder *b, int kind, int64_t d) {
  static const char *const names[4] = {"gpu.thread_id", "gpu.block_id",
                                       "gpu.block_dim", "gpu.grid_dim"};
  char dim[32];
  snprintf(dim, sizeof dim, "#gpu<dim %c>", (char)('x' + d));
  MlirNamedAttribute attr =
      kernNamedAttr(l->ctx, "dimension", parseAttr(l->ctx, dim));
  return kernBuildValue(b, names[kind], kernIndexType(l->ctx), 0, NULL, 1,
                        &attr);
}

void kernToGpuReplace(Lowering *l, MlirOperation op, MlirValue v) {
  mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0), v);
  mlirRewriterBaseEraseOp(l->rw, op);
}

static void replaceWith(Lowering *l, MlirOperation op, MlirValue v) {
  mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0), v);
  mlirRewriterBaseEraseOp(l->rw, op);
}

/* A private, uninitialized memref.global of type `t` in the gpu.module. */
static MlirOperation sharedGlobal(Lowering *l, MlirLocation loc,
                                  MlirStringRef kernel, MlirType t) {
  char name[256];
  snprintf(name, sizeof name, "__kern_shared_%.*s_%d",
           (int)(kernel.length > 200 ? 200 : kernel.length), kernel.data,
           l->sharedCount++);
  MlirNamedAttribute attrs[5] = {
      kernNamedAttr(l->ctx, "sym_name", kernStrAttr(l->ctx, name)),
      kernNamedAttr(l->ctx, "sym_visibility", kernStrAttr(l->ctx, "private")),
      kernNamedAttr(l->ctx, "type", mlirTypeAttrGet(t)),
      kernNamedAttr(l->ctx, "initial_value", mlirUnitAttrGet(l->ctx)),
      kernNamedAttr(l->ctx, "alignment",
                    mlirIntegerAttrGet(mlirIntegerTypeGet(l->ctx, 64), 16)),
  };
  MlirOperationState s = mlirOperationStateGet(str("memref.global"), loc);
  mlirOperationStateAddAttributes(&s, 5, attrs);
  MlirOperation g = mlirOperationCreate(&s);
  mlirSymbolTableInsert(l->gpuSymbols, g);
  return g;
}

static MlirValue getGlobal(KernBuilder *b, MlirOperation global) {
  MlirContext ctx = b->ctx;
  MlirType t = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(global, str("type")));
  MlirNamedAttribute name = kernNamedAttr(
      ctx, "name", mlirFlatSymbolRefAttrGet(ctx, symName(global)));
  return kernBuildValue(b, "memref.get_global", t, 0, NULL, 1, &name);
}

/* `kern.dynamic_shared : memref<?xT, 3>`: a view of the launch's dynamic
 * shared memory. */
static MlirLogicalResult lowerDynamicShared(Lowering *l, MlirOperation op) {
  KernBuilder b = kernBuilderBefore(l->rw, op);
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  MlirType elem = mlirShapedTypeGetElementType(t);
  int64_t bytes = elementBytes(elem);
  if (bytes == 0)
    return kernEmitError(mlirOperationGetLocation(op),
                         "convert-kern-to-gpu: shared memory of an element "
                         "type with no byte size");
  MlirAttribute wg = parseAttr(l->ctx, "#gpu.address_space<workgroup>");
  int64_t dyn = mlirShapedTypeGetDynamicSize();
  MlirType raw = mlirMemRefTypeContiguousGet(mlirIntegerTypeGet(l->ctx, 8), 1,
                                             &dyn, wg);
  MlirValue base =
      kernBuildValue(&b, "gpu.dynamic_shared_memory", raw, 0, NULL, 0, NULL);
  MlirType i32 = mlirIntegerTypeGet(l->ctx, 32);
  MlirValue size = kernBuildValue(&b, "nvvm.read.ptx.sreg.dynamic.smem.size",
                                  i32, 0, NULL, 0, NULL);
  MlirValue sizeIdx = kernBuildValue(&b, "arith.index_cast",
                                     kernIndexType(l->ctx), 1, &size, 0, NULL);
  MlirValue operands[3] = {
      base, kernConstIndex(&b, 0),
      kernBinary(&b, "arith.divui", sizeIdx, kernConstIndex(&b, bytes))};
  MlirType viewType = mlirMemRefTypeContiguousGet(elem, 1, &dyn, wg);
  MlirValue view =
      kernBuildValue(&b, "memref.view", viewType, 3, operands, 0, NULL);
  MlirValue cast =
      kernBuildValue(&b, "memref.memory_space_cast", t, 1, &view, 0, NULL);
  replaceWith(l, op, cast);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult lowerGpuOp(Lowering *l, MlirOperation op,
                                    MlirStringRef kernel) {
  KernBuilder b = kernBuilderBefore(l->rw, op);
  if (kernOpNameIs(op, "kern.gpu_index")) {
    replaceWith(l, op, gpuIndex(l, &b, (int)intAttr(op, "kind"),
                                intAttr(op, "dim")));
  } else if (kernOpNameIs(op, "kern.grid")) {
    int64_t d = intAttr(op, "dim");
    MlirValue v = kernBinary(&b, "arith.muli", gpuIndex(l, &b, 1, d),
                             gpuIndex(l, &b, 2, d));
    replaceWith(l, op, kernBinary(&b, "arith.addi", v, gpuIndex(l, &b, 0, d)));
  } else if (kernOpNameIs(op, "kern.gridsize")) {
    int64_t d = intAttr(op, "dim");
    replaceWith(l, op, kernBinary(&b, "arith.muli", gpuIndex(l, &b, 3, d),
                                  gpuIndex(l, &b, 2, d)));
  } else if (kernOpNameIs(op, "kern.barrier")) {
    kernBuildOp(&b, "gpu.barrier", 0, NULL, 0, NULL, 0, NULL, 0);
    mlirRewriterBaseEraseOp(l->rw, op);
  } else if (kernOpNameIs(op, "kern.shared_alloc")) {
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    MlirOperation g =
        sharedGlobal(l, mlirOperationGetLocation(op), kernel, t);
    replaceWith(l, op, getGlobal(&b, g));
  } else {
    return lowerDynamicShared(l, op);
  }
  return mlirLogicalResultSuccess();
}

/* `func.call @kern_rt_cuda_atomic32/64(%op, %ptr, %a, %b)` (op: 0 xor,
 * 1 inc, 2 dec, 3 cas) as one LLVM atomic. */
static MlirLogicalResult lowerAtomicCall(Lowering *l, MlirOperation call) {
  MlirLocation loc = mlirOperationGetLocation(call);
  int64_t kind;
  if (mlirOperationGetNumOperands(call) != 4 ||
      !kernConstantIntValue(mlirOperationGetOperand(call, 0), &kind) ||
      kind < 0 || kind > 3)
    return kernEmitError(loc, "convert-kern-to-gpu: a call of the runtime's "
                              "atomics with an operation that is not a "
                              "constant 0-3");
  KernBuilder b = kernBuilderBefore(l->rw, call);
  MlirValue ptr = mlirOperationGetOperand(call, 1);
  MlirValue a = mlirOperationGetOperand(call, 2);
  MlirValue c = mlirOperationGetOperand(call, 3);
  MlirType t = mlirValueGetType(a);
  /* LLVM::AtomicOrdering::seq_cst and LLVM::AtomicBinOp's _xor, uinc_wrap,
   * udec_wrap (the enums' values; the attributes are plain i64). */
  MlirType i64 = mlirIntegerTypeGet(l->ctx, 64);
  MlirAttribute seqCst = mlirIntegerAttrGet(i64, 7);
  MlirNamedAttribute ordering = kernNamedAttr(l->ctx, "ordering", seqCst);
  MlirValue old;
  if (kind == 3) {
    MlirNamedAttribute attrs[2] = {
        kernNamedAttr(l->ctx, "success_ordering", seqCst),
        kernNamedAttr(l->ctx, "failure_ordering", seqCst)};
    MlirType fields[2] = {t, mlirIntegerTypeGet(l->ctx, 1)};
    MlirType pair = mlirLLVMStructTypeLiteralGet(l->ctx, 2, fields, false);
    MlirValue ops[3] = {ptr, a, c};
    MlirValue res = kernBuildValue(&b, "llvm.cmpxchg", pair, 3, ops, 2, attrs);
    int64_t pos = 0;
    MlirNamedAttribute p = kernNamedAttr(
        l->ctx, "position", mlirDenseI64ArrayGet(l->ctx, 1, &pos));
    old = kernBuildValue(&b, "llvm.extractvalue", t, 1, &res, 1, &p);
  } else {
    static const int64_t bin[3] = {6, 15, 16};
    MlirNamedAttribute attrs[2] = {
        kernNamedAttr(l->ctx, "bin_op", mlirIntegerAttrGet(i64, bin[kind])),
        ordering};
    MlirValue ops[2] = {ptr, a};
    old = kernBuildValue(&b, "llvm.atomicrmw", t, 2, ops, 2, attrs);
  }
  replaceWith(l, call, old);
  return mlirLogicalResultSuccess();
}

/* A copy of the module-level global `@name` in the gpu.module (once). */
static MlirLogicalResult copyGlobal(Lowering *l, MlirOperation use) {
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(
      mlirOperationGetAttributeByName(use, str("name")));
  if (!mlirOperationIsNull(mlirSymbolTableLookup(l->gpuSymbols, name)))
    return mlirLogicalResultSuccess();
  MlirOperation g = mlirSymbolTableLookup(l->symbols, name);
  if (mlirOperationIsNull(g) || !kernOpNameIs(g, "memref.global"))
    return kernEmitError(mlirOperationGetLocation(use),
                         "convert-kern-to-gpu: '%.*s' is not a memref.global "
                         "of the module", (int)name.length, name.data);
  MlirOperation copy = mlirOperationClone(g);
  mlirSymbolTableInsert(l->gpuSymbols, copy);
  /* The insertion may rename it only on a clash, which the check above
   * rules out. */
  return mlirLogicalResultSuccess();
}

typedef struct BodyOps {
  KernOpVec gpu, atomics, raises, returns, globals, prints, warps, libm, bad;
} BodyOps;

static bool isWarpOp(MlirOperation op) {
  return kernOpNameIs(op, "kern.shuffle") || kernOpNameIs(op, "kern.vote") ||
         kernOpNameIs(op, "kern.match") ||
         kernOpNameIs(op, "kern.active_mask") ||
         kernOpNameIs(op, "kern.warp_sync") ||
         kernOpNameIs(op, "kern.barrier_reduce");
}

static MlirWalkResult collectBody(MlirOperation op, void *data) {
  BodyOps *o = data;
  MlirStringRef n = opName(op);
  if (isGpuOp(op)) {
    kernVecPush(&o->gpu, op);
  } else if (isWarpOp(op)) {
    kernVecPush(&o->warps, op);
  } else if (kernOpNameIs(op, "func.call")) {
    MlirStringRef callee = mlirFlatSymbolRefAttrGetValue(
        mlirOperationGetAttributeByName(op, str("callee")));
    if (callee.length == 21 &&
        (memcmp(callee.data, "kern_rt_cuda_atomic32", 21) == 0 ||
         memcmp(callee.data, "kern_rt_cuda_atomic64", 21) == 0))
      kernVecPush(&o->atomics, op);
    else if (callee.length > 16 &&
             memcmp(callee.data, "kernRuntimePrint", 16) == 0)
      kernVecPush(&o->prints, op);
    else if (kernToGpuIsLibdevice(callee))
      kernVecPush(&o->libm, op);
    else
      kernVecPush(&o->bad, op);
  } else if (kernOpNameIs(op, "kern.raise")) {
    kernVecPush(&o->raises, op);
  } else if (kernOpNameIs(op, "func.return")) {
    kernVecPush(&o->returns, op);
  } else if (kernOpNameIs(op, "memref.get_global")) {
    kernVecPush(&o->globals, op);
  } else if (n.length > 5 && memcmp(n.data, "kern.", 5) == 0) {
    kernVecPush(&o->bad, op);
  }
  return MlirWalkResultAdvance;
}

static void freeBody(BodyOps *o) {
  kernVecFree(&o->gpu);
  kernVecFree(&o->atomics);
  kernVecFree(&o->raises);
  kernVecFree(&o->returns);
  kernVecFree(&o->globals);
  kernVecFree(&o->prints);
  kernVecFree(&o->warps);
  kernVecFree(&o->libm);
  kernVecFree(&o->bad);
}

MlirLogicalResult kernToGpuBadOp(MlirOperation op) {
  MlirStringRef n = opName(op);
  if (kernOpNameIs(op, "func.call")) {
    MlirStringRef callee = mlirFlatSymbolRefAttrGetValue(
        mlirOperationGetAttributeByName(op, str("callee")));
    return kernEmitError(mlirOperationGetLocation(op),
                         "convert-kern-to-gpu: a kernel calls '%.*s', which "
                         "has no GPU implementation (device functions are "
                         "inlined; host runtime functions do not run on the "
                         "GPU)", (int)callee.length, callee.data);
  }
  return kernEmitError(mlirOperationGetLocation(op),
                       "convert-kern-to-gpu: '%.*s' in a kernel has no GPU "
                       "lowering", (int)n.length, n.data);
}

/* The gpu.module's error word `@__kern_error` (made once): 0, or the
 * 1-based number of the first raise that a thread of the launch reached. */
static MlirLogicalResult errorGlobal(Lowering *l, MlirLocation loc) {
  if (!mlirOperationIsNull(
          mlirSymbolTableLookup(l->gpuSymbols, str("__kern_error"))))
    return mlirLogicalResultSuccess();
  MlirOperation g = mlirOperationCreateParse(
      l->ctx,
      str("llvm.mlir.global external @__kern_error(0 : i32) "
          "{addr_space = 1 : i32, alignment = 4 : i64} : i32"),
      str("convert-kern-to-gpu"));
  if (mlirOperationIsNull(g))
    return kernEmitError(loc, "convert-kern-to-gpu: internal error: the "
                              "error word does not parse");
  mlirSymbolTableInsert(l->gpuSymbols, g);
  return mlirLogicalResultSuccess();
}

/* Each `kern.raise` becomes: the first raise of the launch stores its
 * number in @__kern_error (a compare-and-swap from 0), and the thread
 * exits (PTX `exit`, as a Numba-CUDA kernel thread returns); the kinds and
 * messages go to `*errors` ([kind, args_repr "0"/"1", message] each), which
 * the launch carries to the runtime. */
static MlirLogicalResult lowerRaises(Lowering *l, KernOpVec *raises,
                                     MlirAttribute *errors) {
  if (mlirLogicalResultIsFailure(
          errorGlobal(l, mlirOperationGetLocation(raises->data[0]))))
    return mlirLogicalResultFailure();
  MlirAttribute *items = malloc(sizeof(MlirAttribute) * 3 * raises->size);
  MlirType i32 = mlirIntegerTypeGet(l->ctx, 32);
  MlirType i64 = mlirIntegerTypeGet(l->ctx, 64);
  MlirType ptr1 = mlirLLVMPointerTypeGet(l->ctx, 1);
  MlirAttribute seqCst = mlirIntegerAttrGet(i64, 7);
  for (intptr_t i = 0; i < raises->size; ++i) {
    MlirOperation op = raises->data[i];
    items[3 * i] = mlirOperationGetAttributeByName(op, str("kind"));
    items[3 * i + 1] = kernStrAttr(
        l->ctx, mlirAttributeIsNull(mlirOperationGetAttributeByName(
                    op, str("args_repr"))) ? "0" : "1");
    items[3 * i + 2] = mlirOperationGetAttributeByName(op, str("message"));
    KernBuilder b = kernBuilderBefore(l->rw, op);
    MlirNamedAttribute name = kernNamedAttr(
        l->ctx, "global_name",
        mlirFlatSymbolRefAttrGet(l->ctx, str("__kern_error")));
    MlirValue addr =
        kernBuildValue(&b, "llvm.mlir.addressof", ptr1, 0, NULL, 1, &name);
    MlirValue operands[3] = {addr, kernConstInt(&b, i32, 0),
                             kernConstInt(&b, i32, i + 1)};
    MlirNamedAttribute orders[2] = {
        kernNamedAttr(l->ctx, "success_ordering", seqCst),
        kernNamedAttr(l->ctx, "failure_ordering", seqCst)};
    MlirType fields[2] = {i32, mlirIntegerTypeGet(l->ctx, 1)};
    kernBuildValue(&b, "llvm.cmpxchg",
                   mlirLLVMStructTypeLiteralGet(l->ctx, 2, fields, false), 3,
                   operands, 2, orders);
    MlirNamedAttribute asmAttrs[3] = {
        kernNamedAttr(l->ctx, "asm_string", kernStrAttr(l->ctx, "exit;")),
        kernNamedAttr(l->ctx, "constraints", kernStrAttr(l->ctx, "")),
        kernNamedAttr(l->ctx, "has_side_effects", mlirUnitAttrGet(l->ctx))};
    kernBuildOp(&b, "llvm.inline_asm", 0, NULL, 0, NULL, 3, asmAttrs, 0);
    mlirRewriterBaseEraseOp(l->rw, op);
  }
  *errors = mlirArrayAttrGet(l->ctx, 3 * raises->size, items);
  free(items);
  return mlirLogicalResultSuccess();
}

/* Moves kernel `f` into the gpu.module as a gpu.func and lowers its ops. */
static MlirLogicalResult convertKernel(Lowering *l, MlirOperation f) {
  MlirLocation loc = mlirOperationGetLocation(f);
  MlirType fnType = mlirTypeAttrGetValue(
      mlirOperationGetAttributeByName(f, str("function_type")));
  if (mlirFunctionTypeGetNumResults(fnType) != 0)
    return kernEmitError(loc, "a kernel (kern.kernel) must not return values");
  if (!mlirAttributeIsNull(mlirOperationGetAttributeByName(f, str("kern.entry"))))
    return kernEmitError(loc, "a kernel (kern.kernel) is launched, not called "
                              "from the host (kern.entry)");
  MlirRegion body = mlirOperationGetRegion(f, 0);
  if (mlirBlockIsNull(mlirRegionGetFirstBlock(body)))
    return kernEmitError(loc, "a kernel (kern.kernel) must have a body");
  MlirStringRef name = symName(f);

  BodyOps o = {0};
  mlirOperationWalk(f, collectBody, &o, MlirWalkPreOrder);
  MlirLogicalResult r = mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < o.bad.size; ++i)
    r = kernToGpuBadOp(o.bad.data[i]);
  for (intptr_t i = 0; i < o.globals.size && mlirLogicalResultIsSuccess(r); ++i)
    r = copyGlobal(l, o.globals.data[i]);
  for (intptr_t i = 0; i < o.gpu.size && mlirLogicalResultIsSuccess(r); ++i)
    r = lowerGpuOp(l, o.gpu.data[i], name);
  for (intptr_t i = 0; i < o.atomics.size && mlirLogicalResultIsSuccess(r); ++i)
    r = lowerAtomicCall(l, o.atomics.data[i]);
  if (mlirLogicalResultIsSuccess(r) && o.prints.size)
    r = kernToGpuLowerPrints(l, &o.prints);
  for (intptr_t i = 0; i < o.warps.size && mlirLogicalResultIsSuccess(r); ++i)
    r = kernToGpuLowerWarpOp(l, o.warps.data[i]);
  for (intptr_t i = 0; i < o.libm.size && mlirLogicalResultIsSuccess(r); ++i)
    r = kernToGpuLowerLibmCall(l, o.libm.data[i]);
  if (mlirLogicalResultIsFailure(r)) {
    freeBody(&o);
    return r;
  }
  MlirAttribute errors = mlirAttributeGetNull();
  if (o.raises.size) {
    r = lowerRaises(l, &o.raises, &errors);
    if (mlirLogicalResultIsFailure(r)) {
      freeBody(&o);
      return r;
    }
  }
  for (intptr_t i = 0; i < o.returns.size; ++i) {
    KernBuilder b = kernBuilderBefore(l->rw, o.returns.data[i]);
    kernBuildOp(&b, "gpu.return", 0, NULL, 0, NULL, 0, NULL, 0);
    mlirRewriterBaseEraseOp(l->rw, o.returns.data[i]);
  }
  freeBody(&o);

  MlirNamedAttribute attrs[5];
  intptr_t n = 0;
  if (!mlirAttributeIsNull(errors))
    attrs[n++] = kernNamedAttr(l->ctx, "kern.errors", errors);
  attrs[n++] = kernNamedAttr(l->ctx, "sym_name",
                             mlirStringAttrGet(l->ctx, name));
  attrs[n++] = kernNamedAttr(l->ctx, "function_type", mlirTypeAttrGet(fnType));
  attrs[n++] = kernNamedAttr(l->ctx, "gpu.kernel", mlirUnitAttrGet(l->ctx));
  MlirAttribute argAttrs = mlirOperationGetAttributeByName(f, str("arg_attrs"));
  if (!mlirAttributeIsNull(argAttrs))
    attrs[n++] = kernNamedAttr(l->ctx, "arg_attrs", argAttrs);
  MlirOperationState s = mlirOperationStateGet(str("gpu.func"), loc);
  mlirOperationStateAddAttributes(&s, n, attrs);
  MlirRegion region = mlirRegionCreate();
  mlirOperationStateAddOwnedRegions(&s, 1, &region);
  MlirOperation g = mlirOperationCreate(&s);
  mlirRegionTakeBody(mlirOperationGetRegion(g, 0), body);
  mlirSymbolTableInsert(l->gpuSymbols, g);
  mlirRewriterBaseEraseOp(l->rw, f);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * Launches and the pass
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult lowerLaunch(Lowering *l, MlirOperation op) {
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(
      mlirOperationGetAttributeByName(op, str("kernel")));
  MlirOperation k = mlirSymbolTableLookup(l->gpuSymbols, name);
  if (mlirOperationIsNull(k) || !kernOpNameIs(k, "gpu.func"))
    return kernEmitError(loc, "kern.launch of '%.*s', which is not a kernel "
                              "(a func.func with kern.kernel)",
                         (int)name.length, name.data);
  KernBuilder b = kernBuilderBefore(l->rw, op);
  intptr_t hasShared = kernOperandSegmentSize(op, 6);
  intptr_t nArgs = mlirOperationGetNumOperands(op) - 6 - hasShared;
  MlirValue *operands = kernValuesAlloc(nArgs + 7);
  for (int i = 0; i < 6; ++i)
    operands[i] = mlirOperationGetOperand(op, i);
  MlirType i32 = mlirIntegerTypeGet(l->ctx, 32);
  if (hasShared) {
    MlirValue bytes = mlirOperationGetOperand(op, 6);
    operands[6] = kernBuildValue(&b, "arith.index_cast", i32, 1, &bytes, 0,
                                 NULL);
  } else {
    operands[6] = kernConstInt(&b, i32, 0);
  }
  for (intptr_t i = 0; i < nArgs; ++i)
    operands[7 + i] = mlirOperationGetOperand(op, 6 + hasShared + i);
  int32_t segments[13] = {0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, (int32_t)nArgs, 0};
  MlirAttribute leaf = mlirFlatSymbolRefAttrGet(l->ctx, name);
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(l->ctx, "kernel",
                    mlirSymbolRefAttrGet(l->ctx, str(GPU_MODULE), 1, &leaf)),
      kernNamedAttr(l->ctx, "operandSegmentSizes",
                    mlirDenseI32ArrayGet(l->ctx, 13, segments))};
  MlirOperation launch = kernBuildOp(&b, "gpu.launch_func", 0, NULL,
                                     nArgs + 7, operands, 2, attrs, 0);
  MlirAttribute errors = mlirOperationGetAttributeByName(k, str("kern.errors"));
  if (!mlirAttributeIsNull(errors))
    mlirOperationSetAttributeByName(launch, str("kern.errors"), errors);
  free(operands);
  mlirRewriterBaseEraseOp(l->rw, op);
  return mlirLogicalResultSuccess();
}

static MlirWalkResult collectOps(MlirOperation op, void *data) {
  Lowering *l = data;
  if (kernOpNameIs(op, "gpu.module"))
    return MlirWalkResultSkip;
  if (isKernel(op))
    kernVecPush(&l->kernels, op);
  else if (kernOpNameIs(op, "kern.launch"))
    kernVecPush(&l->launches, op);
  else if (isGpuOp(op))
    kernVecPush(&l->ops, op);
  return MlirWalkResultAdvance;
}

/* The module's gpu.module @kern_gpu, made when missing. */
static MlirOperation gpuModule(Lowering *l, MlirLocation loc) {
  MlirOperation found = mlirSymbolTableLookup(l->symbols, str(GPU_MODULE));
  if (!mlirOperationIsNull(found))
    return found;
  MlirNamedAttribute name =
      kernNamedAttr(l->ctx, "sym_name", kernStrAttr(l->ctx, GPU_MODULE));
  MlirOperationState s = mlirOperationStateGet(str("gpu.module"), loc);
  mlirOperationStateAddAttributes(&s, 1, &name);
  MlirRegion region = mlirRegionCreate();
  mlirRegionAppendOwnedBlock(region, mlirBlockCreate(0, NULL, NULL));
  mlirOperationStateAddOwnedRegions(&s, 1, &region);
  MlirOperation m = mlirOperationCreate(&s);
  mlirSymbolTableInsert(l->symbols, m);
  return m;
}

static MlirLogicalResult run(MlirOperation module, const KernPassInfo *info) {
  (void)info;
  Lowering l = {.module = module, .ctx = mlirOperationGetContext(module),
                .symbols = mlirSymbolTableCreate(module)};
  MlirLocation loc = mlirOperationGetLocation(module);
  if (mlirSymbolTableIsNull(l.symbols))
    return kernEmitError(loc, "convert-kern-to-gpu runs on a module (an op "
                              "with a symbol table)");
  mlirOperationWalk(module, collectOps, &l, MlirWalkPreOrder);
  MlirLogicalResult r = mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < l.ops.size; ++i) {
    MlirOperation op = l.ops.data[i];
    MlirOperation f = kernParentOfName(op, "func.func");
    if (mlirOperationIsNull(f) || !isKernel(f)) {
      MlirStringRef s = opName(op);
      kernEmitError(mlirOperationGetLocation(op),
                    "'%.*s' outside a kernel (a func.func with kern.kernel): "
                    "GPU indexing, shared memory and barriers exist only in "
                    "kernels and the device functions they call",
                    (int)s.length, s.data);
      r = mlirLogicalResultFailure();
    }
  }
  if (mlirLogicalResultIsSuccess(r) && (l.kernels.size || l.launches.size)) {
    l.rw = mlirIRRewriterCreateFromOp(module);
    l.gpuModule = gpuModule(&l, loc);
    l.gpuSymbols = mlirSymbolTableCreate(l.gpuModule);
    mlirOperationSetAttributeByName(module, str("gpu.container_module"),
                                    mlirUnitAttrGet(l.ctx));
    for (intptr_t i = 0; i < l.kernels.size && mlirLogicalResultIsSuccess(r);
         ++i)
      r = convertKernel(&l, l.kernels.data[i]);
    for (intptr_t i = 0; i < l.launches.size && mlirLogicalResultIsSuccess(r);
         ++i)
      r = lowerLaunch(&l, l.launches.data[i]);
    mlirSymbolTableDestroy(l.gpuSymbols);
    mlirIRRewriterDestroy(l.rw);
  }
  mlirSymbolTableDestroy(l.symbols);
  kernVecFree(&l.kernels);
  kernVecFree(&l.ops);
  kernVecFree(&l.launches);
  return r;
}

static const char *const deps[] = {"arith", "func", "gpu", "llvm", "memref",
                                   "nvvm", NULL};

static const KernPassInfo info = {
    .argument = "convert-kern-to-gpu",
    .name = "ConvertKernToGPU",
    .description = "Move kern kernels (kern.kernel) into a gpu.module as "
                   "gpu.func kernels, their GPU ops to the gpu dialect and "
                   "kern.launch to gpu.launch_func (the GPU path of kern.cuda)",
    .opName = "builtin.module",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateConvertKernToGPUPass(void) { return kernPassCreate(&info); }
