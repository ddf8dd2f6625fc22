/*===- Calls.c - convert-kern-to-gpu: warp ops, C math calls, print -------===*
 *
 * Lowerings of convert-kern-to-gpu (KernToGPU.c, whose header comment
 * shows the pass) for the ops of a kernel that need more than one op:
 *
 *   %r = kern.shuffle down %v, %c1, %mask : f64
 * becomes two `nvvm.shfl.sync down` of the halves of the bits of %v;
 *   func.call @cbrtf(%x) : (f32) -> f32
 * becomes `llvm.call @__nv_cbrtf(%x)` (libdevice);
 *   func.call @kernRuntimePrintText(%t) ... func.call @kernRuntimePrintEnd(%c0)
 * becomes `gpu.printf "x = %lld\0A", %i : i64`.
 *
 *===----------------------------------------------------------------------===*/

#include "KernToGPU.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/* The C math functions kern calls (and their float versions) that
 * libdevice has as __nv_<name>. */
static const char *const kLibdevice[] = {
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt",
    "ceil", "copysign", "cos", "cosh", "erf", "erfc", "exp", "exp2", "expm1",
    "fabs", "floor", "fma", "fmax", "fmin", "fmod", "hypot", "ldexp",
    "lgamma", "log", "log10", "log1p", "log2", "nextafter", "pow",
    "remainder", "rint", "round", "sin", "sinh", "sqrt", "tan", "tanh",
    "tgamma", "trunc", NULL};

bool kernToGpuIsLibdevice(MlirStringRef name) {
  for (const char *const *n = kLibdevice; *n; ++n) {
    size_t len = strlen(*n);
    if ((name.length == len || (name.length == len + 1 &&
                                name.data[len] == 'f')) &&
        memcmp(name.data, *n, len) == 0)
      return true;
  }
  return false;
}

/*--- Warps (the ops' descriptions give these lowerings) -------------------*/

static MlirValue castTo(KernBuilder *b, const char *op, MlirType t,
                        MlirValue v) {
  return kernBuildValue(b, op, t, 1, &v, 0, NULL);
}

static MlirValue nvvmKind(Lowering *l, KernBuilder *b, const char *name,
                          const char *kindAttr, MlirType t, intptr_t n,
                          const MlirValue *operands) {
  MlirNamedAttribute kind =
      kernNamedAttr(l->ctx, "kind", kernToGpuParseAttr(l->ctx, kindAttr));
  return kernBuildValue(b, name, t, n, operands, 1, &kind);
}

/* One 32-bit nvvm.shfl.sync of `v` (i32 or f32). */
static MlirValue shuffle32(Lowering *l, KernBuilder *b, const char *kind,
                           MlirValue mask, MlirValue v, MlirValue offset,
                           MlirValue clamp) {
  MlirValue ops[4] = {mask, v, offset, clamp};
  return nvvmKind(l, b, "nvvm.shfl.sync", kind, mlirValueGetType(v), 4, ops);
}

MlirLogicalResult kernToGpuLowerWarpOp(Lowering *l, MlirOperation op) {
  KernBuilder b = kernBuilderBefore(l->rw, op);
  MlirType i32 = mlirIntegerTypeGet(l->ctx, 32);
  MlirType i64 = mlirIntegerTypeGet(l->ctx, 64);
  char kind[64];
  if (kernOpNameIs(op, "kern.shuffle")) {
    static const char *const kinds[4] = {"idx", "up", "down", "bfly"};
    int64_t mode = kernToGpuIntAttr(op, "mode");
    snprintf(kind, sizeof kind, "#nvvm<shfl_kind %s>", kinds[mode & 3]);
    MlirValue v = mlirOperationGetOperand(op, 0);
    MlirValue offset = mlirOperationGetOperand(op, 1);
    MlirValue mask = mlirOperationGetOperand(op, 2);
    MlirValue clamp = kernConstInt(&b, i32, mode == 1 ? 0 : 0x1f);
    MlirType t = mlirValueGetType(v);
    MlirValue r;
    if (mlirTypeIsAF64(t) || mlirTypeEqual(t, i64)) {
      /* two shuffles of the halves, as Numba does */
      MlirValue bits = mlirTypeIsAF64(t) ? castTo(&b, "arith.bitcast", i64, v)
                                         : v;
      MlirValue lo = castTo(&b, "arith.trunci", i32, bits);
      MlirValue hi = castTo(
          &b, "arith.trunci", i32,
          kernBinary(&b, "arith.shrui", bits, kernConstInt(&b, i64, 32)));
      MlirValue slo = shuffle32(l, &b, kind, mask, lo, offset, clamp);
      MlirValue shi = shuffle32(l, &b, kind, mask, hi, offset, clamp);
      MlirValue wide = kernBinary(
          &b, "arith.ori", castTo(&b, "arith.extui", i64, slo),
          kernBinary(&b, "arith.shli", castTo(&b, "arith.extui", i64, shi),
                     kernConstInt(&b, i64, 32)));
      r = mlirTypeIsAF64(t) ? castTo(&b, "arith.bitcast", t, wide) : wide;
    } else {
      r = shuffle32(l, &b, kind, mask, v, offset, clamp);
    }
    kernToGpuReplace(l, op, r);
  } else if (kernOpNameIs(op, "kern.vote")) {
    static const char *const kinds[3] = {"all", "any", "ballot"};
    int64_t mode = kernToGpuIntAttr(op, "mode") - 4;
    snprintf(kind, sizeof kind, "#nvvm<vote_sync_kind %s>",
             kinds[mode < 0 || mode > 2 ? 0 : mode]);
    MlirValue ops[2] = {mlirOperationGetOperand(op, 0),
                        mlirOperationGetOperand(op, 1)};
    kernToGpuReplace(l, op, nvvmKind(l, &b, "nvvm.vote.sync", kind,
                                mlirValueGetType(mlirOperationGetResult(op, 0)),
                                2, ops));
  } else if (kernOpNameIs(op, "kern.match")) {
    bool all = kernToGpuIntAttr(op, "mode") == 8;
    snprintf(kind, sizeof kind, "#nvvm<match_sync_kind %s>",
             all ? "all" : "any");
    MlirValue v = mlirOperationGetOperand(op, 1);
    MlirType t = mlirValueGetType(v);
    if (mlirTypeIsAF32(t))
      v = castTo(&b, "arith.bitcast", i32, v);
    else if (mlirTypeIsAF64(t))
      v = castTo(&b, "arith.bitcast", i64, v);
    MlirValue ops[2] = {mlirOperationGetOperand(op, 0), v};
    MlirValue r;
    if (all) {
      MlirType fields[2] = {i32, mlirIntegerTypeGet(l->ctx, 1)};
      MlirValue pair = nvvmKind(
          l, &b, "nvvm.match.sync", kind,
          mlirLLVMStructTypeLiteralGet(l->ctx, 2, fields, false), 2, ops);
      int64_t pos = 0;
      MlirNamedAttribute p = kernNamedAttr(
          l->ctx, "position", mlirDenseI64ArrayGet(l->ctx, 1, &pos));
      r = kernBuildValue(&b, "llvm.extractvalue", i32, 1, &pair, 1, &p);
    } else {
      r = nvvmKind(l, &b, "nvvm.match.sync", kind, i32, 2, ops);
    }
    kernToGpuReplace(l, op, r);
  } else if (kernOpNameIs(op, "kern.active_mask")) {
    MlirNamedAttribute attrs[3] = {
        kernNamedAttr(l->ctx, "asm_string",
                      kernStrAttr(l->ctx, "activemask.b32 $0;")),
        kernNamedAttr(l->ctx, "constraints", kernStrAttr(l->ctx, "=r")),
        kernNamedAttr(l->ctx, "has_side_effects", mlirUnitAttrGet(l->ctx))};
    kernToGpuReplace(l, op, kernBuildValue(&b, "llvm.inline_asm", i32, 0, NULL, 3,
                                      attrs));
  } else if (kernOpNameIs(op, "kern.warp_sync")) {
    MlirValue mask = mlirOperationGetOperand(op, 0);
    kernBuildOp(&b, "nvvm.bar.warp.sync", 0, NULL, 1, &mask, 0, NULL, 0);
    mlirRewriterBaseEraseOp(l->rw, op);
  } else {
    static const char *const reductions[4] = {"popc", "popc", "and", "or"};
    snprintf(kind, sizeof kind, "#nvvm.reduction<%s>",
             reductions[kernToGpuIntAttr(op, "mode") & 3]);
    int32_t segments[3] = {0, 0, 1};
    MlirNamedAttribute attrs[2] = {
        kernNamedAttr(l->ctx, "reductionOp", kernToGpuParseAttr(l->ctx, kind)),
        kernNamedAttr(l->ctx, "operandSegmentSizes",
                      mlirDenseI32ArrayGet(l->ctx, 3, segments))};
    MlirValue pred = mlirOperationGetOperand(op, 0);
    kernToGpuReplace(l, op,
                kernBuildValue(&b, "nvvm.barrier", i32, 1, &pred, 2, attrs));
  }
  return mlirLogicalResultSuccess();
}

/*--- C math functions: libdevice's ---------------------------------------*/

static void appendTypeText(MlirStringRef s, void *data) {
  kernCharVecAppendf((KernCharVec *)data, "%.*s", (int)s.length, s.data);
}

/* `func.call @cbrt(%x)` (a C function kern calls) as `llvm.call
 * @__nv_cbrt(%x)`, declared in the gpu.module once. */
MlirLogicalResult kernToGpuLowerLibmCall(Lowering *l, MlirOperation call) {
  MlirStringRef callee = mlirFlatSymbolRefAttrGetValue(
      mlirOperationGetAttributeByName(call, str("callee")));
  char name[64];
  snprintf(name, sizeof name, "__nv_%.*s", (int)callee.length, callee.data);
  intptr_t n = mlirOperationGetNumOperands(call);
  intptr_t nres = mlirOperationGetNumResults(call);
  if (nres != 1)
    return kernToGpuBadOp(call);
  MlirType result = mlirValueGetType(mlirOperationGetResult(call, 0));
  if (mlirOperationIsNull(mlirSymbolTableLookup(l->gpuSymbols, str(name)))) {
    KernCharVec text = {0};
    kernCharVecAppendf(&text, "llvm.func @%s(", name);
    for (intptr_t i = 0; i < n; ++i) {
      if (i)
        kernCharVecAppendf(&text, ", ");
      mlirTypePrint(mlirValueGetType(mlirOperationGetOperand(call, i)),
                    appendTypeText, &text);
    }
    kernCharVecAppendf(&text, ") -> ");
    mlirTypePrint(result, appendTypeText, &text);
    MlirOperation decl = mlirOperationCreateParse(
        l->ctx, mlirStringRefCreate(text.data, (size_t)text.size),
        str("convert-kern-to-gpu"));
    kernVecFree(&text);
    if (mlirOperationIsNull(decl))
      return kernToGpuBadOp(call);
    mlirSymbolTableInsert(l->gpuSymbols, decl);
  }
  MlirValue *operands = kernValuesAlloc(n ? n : 1);
  for (intptr_t i = 0; i < n; ++i)
    operands[i] = mlirOperationGetOperand(call, i);
  int32_t segments[2] = {(int32_t)n, 0};
  MlirNamedAttribute attrs[3] = {
      kernNamedAttr(l->ctx, "callee",
                    mlirFlatSymbolRefAttrGet(l->ctx, str(name))),
      kernNamedAttr(l->ctx, "operandSegmentSizes",
                    mlirDenseI32ArrayGet(l->ctx, 2, segments)),
      kernNamedAttr(l->ctx, "op_bundle_sizes",
                    mlirDenseI32ArrayGet(l->ctx, 0, NULL))};
  KernBuilder b = kernBuilderBefore(l->rw, call);
  MlirValue r = kernBuildValue(&b, "llvm.call", result, n, operands, 3, attrs);
  free(operands);
  kernToGpuReplace(l, call, r);
  return mlirLogicalResultSuccess();
}

/*--- print() ---------------------------------------------------------------*/

static bool calleeIs(MlirOperation call, const char *name) {
  MlirStringRef c = mlirFlatSymbolRefAttrGetValue(
      mlirOperationGetAttributeByName(call, str("callee")));
  return c.length == strlen(name) && memcmp(c.data, name, c.length) == 0;
}

/* The bytes of a print's text (`memref.cast` of a `memref.get_global` of
 * a module constant) appended to `format` ('%' doubled). */
static bool printText(Lowering *l, MlirValue v, KernCharVec *format,
                      KernOpVec *dead) {
  MlirOperation cast = kernDefiningOp(v);
  if (mlirOperationIsNull(cast) || !kernOpNameIs(cast, "memref.cast"))
    return false;
  MlirOperation get = kernDefiningOp(mlirOperationGetOperand(cast, 0));
  if (mlirOperationIsNull(get) || !kernOpNameIs(get, "memref.get_global"))
    return false;
  MlirOperation g = mlirSymbolTableLookup(
      l->symbols, mlirFlatSymbolRefAttrGetValue(
                      mlirOperationGetAttributeByName(get, str("name"))));
  if (mlirOperationIsNull(g))
    return false;
  MlirAttribute init = mlirOperationGetAttributeByName(g, str("initial_value"));
  if (mlirAttributeIsNull(init) || !mlirAttributeIsADenseElements(init))
    return false;
  intptr_t n = mlirElementsAttrGetNumElements(init);
  for (intptr_t i = 0; i < n; ++i) {
    char c = (char)mlirDenseElementsAttrGetInt8Value(init, i);
    kernCharVecAppendf(format, c == '%' ? "%%%%" : "%c", c);
  }
  kernVecPush(dead, cast);
  kernVecPush(dead, get);
  return true;
}

/* The runtime's print calls of one print() (kernRuntimePrintText / Int /
 * UInt / Bool / Float / Complex ..., then kernRuntimePrintEnd, all in one
 * block) as one `gpu.printf` (CUDA's printf, as Numba-CUDA prints: "%lld",
 * "%llu", "%f"; a bool prints 1 or 0). */
MlirLogicalResult kernToGpuLowerPrints(Lowering *l, KernOpVec *prints) {
  intptr_t start = 0;
  for (intptr_t i = 0; i < prints->size; ++i) {
    MlirOperation end = prints->data[i];
    if (!calleeIs(end, "kernRuntimePrintEnd"))
      continue;
    KernCharVec format = {0};
    KernOpVec dead = {0};
    MlirValue *args = kernValuesAlloc(2 * (i - start) + 1);
    intptr_t nArgs = 0;
    MlirBlock block = mlirOperationGetBlock(end);
    for (intptr_t j = start; j < i; ++j) {
      MlirOperation c = prints->data[j];
      MlirLocation loc = mlirOperationGetLocation(c);
      bool ok = mlirBlockEqual(mlirOperationGetBlock(c), block);
      if (ok && calleeIs(c, "kernRuntimePrintText")) {
        ok = printText(l, mlirOperationGetOperand(c, 0), &format, &dead);
      } else if (ok && calleeIs(c, "kernRuntimePrintInt")) {
        kernCharVecAppendf(&format, "%%lld");
        args[nArgs++] = mlirOperationGetOperand(c, 0);
      } else if (ok && (calleeIs(c, "kernRuntimePrintUInt") ||
                        calleeIs(c, "kernRuntimePrintBool"))) {
        kernCharVecAppendf(&format, calleeIs(c, "kernRuntimePrintBool")
                                        ? "%%lld" : "%%llu");
        args[nArgs++] = mlirOperationGetOperand(c, 0);
      } else if (ok && calleeIs(c, "kernRuntimePrintFloat")) {
        kernCharVecAppendf(&format, "%%f");
        args[nArgs++] = mlirOperationGetOperand(c, 0);
      } else if (ok && calleeIs(c, "kernRuntimePrintComplex")) {
        kernCharVecAppendf(&format, "(%%f+%%fj)");
        args[nArgs++] = mlirOperationGetOperand(c, 0);
        args[nArgs++] = mlirOperationGetOperand(c, 1);
      } else {
        ok = false;
      }
      if (!ok) {
        MlirStringRef callee = mlirFlatSymbolRefAttrGetValue(
            mlirOperationGetAttributeByName(c, str("callee")));
        kernVecFree(&format);
        kernVecFree(&dead);
        free(args);
        return kernEmitError(loc, "convert-kern-to-gpu: print() in a kernel "
                                  "prints numbers and strings on the GPU, not "
                                  "'%.*s' (arrays, lists, ...)",
                             (int)callee.length, callee.data);
      }
    }
    KernBuilder b = kernBuilderBefore(l->rw, end);
    MlirNamedAttribute attr = kernNamedAttr(
        l->ctx, "format", kernStrAttr(l->ctx, format.data ? format.data : ""));
    kernBuildOp(&b, "gpu.printf", 0, NULL, nArgs, args, 1, &attr, 0);
    for (intptr_t j = start; j <= i; ++j)
      mlirRewriterBaseEraseOp(l->rw, prints->data[j]);
    for (intptr_t j = 0; j < dead.size; ++j)
      if (mlirOpOperandIsNull(mlirValueGetFirstUse(
              mlirOperationGetResult(dead.data[j], 0))))
        mlirRewriterBaseEraseOp(l->rw, dead.data[j]);
    kernVecFree(&format);
    kernVecFree(&dead);
    free(args);
    start = i + 1;
  }
  if (start != prints->size)
    return kernEmitError(mlirOperationGetLocation(prints->data[start]),
                         "convert-kern-to-gpu: a print without its end");
  return mlirLogicalResultSuccess();
}

