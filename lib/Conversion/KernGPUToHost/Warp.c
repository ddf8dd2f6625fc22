/*===- Warp.c - convert-kern-gpu-to-host: warps and block votes ----------===*
 *
 * The warp ops of a kernel become calls of the CPU target's runtime
 * (lib/Runtime/CudaWarp.c), whose fibers wait for the other lanes:
 *
 *   %r = kern.shuffle down %v, %d, %m : f32
 * becomes
 *   %op = arith.constant 2 : i32                 (the mode's enum value)
 *   %b = arith.bitcast %v : f32 to i32
 *   %w = arith.extui %b : i32 to i64
 *   %a = arith.extui %d : i32 to i64
 *   %x = func.call @kern_rt_cuda_warp(%ctx, %op, %m, %w, %a)
 *       : (!llvm.ptr, i32, i32, i64, i64) -> i64
 *   %t = arith.trunci %x : i64 to i32
 *   %r = arith.bitcast %t : i32 to f32
 *
 * kern.vote and kern.match pass their predicate or value the same way (op
 * 4-6 and 7-8) and truncate the result to theirs; kern.active_mask (9)
 * passes its call site as the argument; kern.warp_sync (10) drops the
 * result; `%n = kern.barrier_reduce popc %p : i32` is `func.call
 * @kern_rt_cuda_barrier_reduce(%ctx, %c1, %p) : (!llvm.ptr, i32, i32) ->
 * i32` (modes popc 1, and 2, or 3).
 *
 *===----------------------------------------------------------------------===*/

#include "Warp.h"

#include "mlir-c/Dialect/LLVM.h"

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

bool kernIsWarpOp(MlirOperation op) {
  return kernOpNameIs(op, "kern.shuffle") || kernOpNameIs(op, "kern.vote") ||
         kernOpNameIs(op, "kern.match") ||
         kernOpNameIs(op, "kern.active_mask") ||
         kernOpNameIs(op, "kern.warp_sync") ||
         kernOpNameIs(op, "kern.barrier_reduce");
}

static MlirValue cast(KernBuilder *b, const char *name, MlirValue v,
                      MlirType to) {
  return kernBuildValue(b, name, to, 1, &v, 0, NULL);
}

/* The bits of `v` (i1, i32, i64, f32 or f64) as an i64 (zero-extended). */
static MlirValue toBits(KernBuilder *b, MlirContext ctx, MlirValue v) {
  MlirType t = mlirValueGetType(v);
  MlirType i64 = mlirIntegerTypeGet(ctx, 64);
  if (mlirTypeIsAFloat(t))
    v = cast(b, "arith.bitcast", v,
             mlirIntegerTypeGet(ctx, mlirFloatTypeGetWidth(t)));
  if (mlirIntegerTypeGetWidth(mlirValueGetType(v)) == 64)
    return v;
  return cast(b, "arith.extui", v, i64);
}

/* The value of type `t` in the low bits of the i64 `bits`. */
static MlirValue fromBits(KernBuilder *b, MlirContext ctx, MlirValue bits,
                          MlirType t) {
  unsigned width = mlirTypeIsAFloat(t) ? mlirFloatTypeGetWidth(t)
                                       : mlirIntegerTypeGetWidth(t);
  MlirType it = mlirIntegerTypeGet(ctx, width);
  if (width != 64)
    bits = cast(b, "arith.trunci", bits, it);
  return mlirTypeIsAFloat(t) ? cast(b, "arith.bitcast", bits, t) : bits;
}

static MlirValue call(KernBuilder *b, MlirContext ctx, const char *fn,
                      MlirType result, intptr_t n, const MlirValue *operands) {
  MlirNamedAttribute callee = kernNamedAttr(
      ctx, "callee", mlirFlatSymbolRefAttrGet(ctx, str(fn)));
  MlirOperation c = kernBuildOp(b, "func.call", 1, &result, n, operands, 1,
                                &callee, 0);
  return mlirOperationGetResult(c, 0);
}

static int64_t mode(MlirOperation op) {
  return mlirIntegerAttrGetValueInt(
      mlirOperationGetAttributeByName(op, str("mode")));
}

void kernLowerWarpOp(MlirRewriterBase rw, MlirOperation op, MlirValue ctx,
                     int64_t site) {
  MlirContext c = mlirOperationGetContext(op);
  MlirType i32 = mlirIntegerTypeGet(c, 32), i64 = mlirIntegerTypeGet(c, 64);
  KernBuilder b = kernBuilderBefore(rw, op);
  if (kernOpNameIs(op, "kern.barrier_reduce")) {
    MlirValue args[3] = {ctx, kernConstInt(&b, i32, mode(op)),
                         mlirOperationGetOperand(op, 0)};
    MlirValue r = call(&b, c, "kern_rt_cuda_barrier_reduce", i32, 3, args);
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0), r);
    mlirRewriterBaseEraseOp(rw, op);
    return;
  }
  MlirValue args[5] = {ctx};
  MlirValue value = {NULL}, arg = {NULL}, mask = {NULL};
  int64_t code;
  if (kernOpNameIs(op, "kern.shuffle")) {
    code = mode(op);
    value = mlirOperationGetOperand(op, 0);
    arg = cast(&b, "arith.extui", mlirOperationGetOperand(op, 1), i64);
    mask = mlirOperationGetOperand(op, 2);
  } else if (kernOpNameIs(op, "kern.vote") || kernOpNameIs(op, "kern.match")) {
    code = mode(op);
    mask = mlirOperationGetOperand(op, 0);
    value = mlirOperationGetOperand(op, 1);
  } else if (kernOpNameIs(op, "kern.active_mask")) {
    code = 9;
    arg = kernConstInt(&b, i64, site);
  } else { /* kern.warp_sync */
    code = 10;
    mask = mlirOperationGetOperand(op, 0);
  }
  args[1] = kernConstInt(&b, i32, code);
  args[2] = mask.ptr ? mask : kernConstInt(&b, i32, -1);
  args[3] = value.ptr ? toBits(&b, c, value) : kernConstInt(&b, i64, 0);
  args[4] = arg.ptr ? arg : kernConstInt(&b, i64, 0);
  MlirValue r = call(&b, c, "kern_rt_cuda_warp", i64, 5, args);
  if (mlirOperationGetNumResults(op) == 1) {
    MlirValue old = mlirOperationGetResult(op, 0);
    mlirValueReplaceAllUsesOfWith(
        old, fromBits(&b, c, r, mlirValueGetType(old)));
  }
  mlirRewriterBaseEraseOp(rw, op);
}

MlirLogicalResult kernDeclareWarpRuntime(MlirOperation module,
                                         MlirSymbolTable symbols,
                                         MlirLocation loc) {
  MlirContext c = mlirOperationGetContext(module);
  MlirType ptr = mlirLLVMPointerTypeGet(c, 0);
  MlirType i32 = mlirIntegerTypeGet(c, 32), i64 = mlirIntegerTypeGet(c, 64);
  MlirType warp[5] = {ptr, i32, i32, i64, i64};
  MlirType reduce[3] = {ptr, i32, i32};
  if (mlirLogicalResultIsFailure(kernDeclareFunction(
          module, symbols, loc, "kern_rt_cuda_warp",
          mlirFunctionTypeGet(c, 5, warp, 1, &i64))))
    return mlirLogicalResultFailure();
  return kernDeclareFunction(module, symbols, loc,
                             "kern_rt_cuda_barrier_reduce",
                             mlirFunctionTypeGet(c, 3, reduce, 1, &i32));
}
