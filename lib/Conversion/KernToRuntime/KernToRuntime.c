/*===- KernToRuntime.c - convert-kern-to-runtime: runtime ops to calls ----===*
 *
 * Replaces the kern ops that need the runtime library (include/kern-c/
 * Runtime.h, docs/abi.md) with calls of its C functions, and declares those
 * once per module as `func.func private`:
 *
 *   kern.random uniform : f64   ->  func.call @kern_rt_random_uniform_f64()
 *   kern.random normal : f32    ->  func.call @kern_rt_random_normal_f64()
 *                                   + arith.truncf to f32
 *   kern.random bits : i32      ->  func.call @kern_rt_random_bits32()
 *   kern.seed %s : i32          ->  arith.extsi to i64, func.call @kern_rt_seed
 *
 * A kern.raise gets its message as a NUL-terminated constant global and its
 * operands packed into a stack buffer of i64 (integers sign-extended, index
 * cast, floats bit-cast from f64):
 *
 *   kern.raise "IndexError", "index %d out of %d"(%i, %n : i64, index)
 * becomes
 *   llvm.mlir.global internal constant @kern_rt_msg("index %d out of %d\00")
 *   ...
 *   %buf = memref.alloca() : memref<2xi64>     (at the start of the scope)
 *   ...
 *   memref.store %i, %buf[%c0] : memref<2xi64>
 *   %n64 = arith.index_cast %n : index to i64
 *   memref.store %n64, %buf[%c1] : memref<2xi64>
 *   %a = memref.extract_aligned_pointer_as_index %buf : memref<2xi64> -> index
 *   %a64 = arith.index_cast %a : index to i64
 *   %args = llvm.inttoptr %a64 : i64 to !llvm.ptr
 *   %fmt = llvm.mlir.addressof @kern_rt_msg : !llvm.ptr
 *   %kind = arith.constant 2 : i32
 *   %c2 = arith.constant 2 : i64
 *   func.call @kern_rt_raise(%kind, %fmt, %c2, %args)
 *       : (i32, !llvm.ptr, i64, !llvm.ptr) -> ()
 *
 * The buffer is allocated at the start of the innermost function or
 * parallel loop body around the raise, not at the raise: a raise that
 * returns (inside a parallel region) in a sequential loop must not grow the
 * stack per iteration, and each parallel iteration (one thread) needs its
 * own buffer. (No memref.alloca_scope: lowered before convert-scf-to-cf it
 * breaks an enclosing scf.if, after it the scope's region breaks.)
 *
 * The kind number is KernErrorKind of the runtime (kernRuntimeErrorKindFromName
 * is the one table of names). Ops inside a gpu.module are left to the GPU
 * lowering, as are kern.grid, gridsize, launch, shared_alloc and barrier.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"
#include "kern-c/Runtime.h"

#include "mlir-c/Dialect/LLVM.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Module state: the symbol table and the ops to lower
 *===----------------------------------------------------------------------===*/

typedef struct Lowering {
  MlirOperation module;
  MlirSymbolTable symbols;
  MlirRewriterBase rw;
  KernOpVec ops; /* kern.random / seed / raise, in walk order */
} Lowering;

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static MlirWalkResult collect(MlirOperation op, void *userData) {
  Lowering *l = userData;
  /* GPU code and nested modules have their own symbols and lowering. */
  if (kernOpNameIs(op, "gpu.module") ||
      (kernOpNameIs(op, "builtin.module") && !mlirOperationEqual(op, l->module)))
    return MlirWalkResultSkip;
  if (!kernOpIsRandom(op) && !kernOpIsSeed(op) && !kernOpIsRaise(op))
    return MlirWalkResultAdvance;
  kernVecPush(&l->ops, op);
  return MlirWalkResultAdvance;
}

/*===----------------------------------------------------------------------===*
 * Declarations and constants
 *===----------------------------------------------------------------------===*/

/* The runtime function `name` of the given type (kernDeclareFunction). */
static MlirLogicalResult declare(Lowering *l, MlirLocation loc,
                                 const char *name, intptr_t nIn,
                                 const MlirType *in, intptr_t nOut,
                                 const MlirType *out) {
  MlirContext ctx = mlirOperationGetContext(l->module);
  return kernDeclareFunction(l->module, l->symbols, loc, name,
                             mlirFunctionTypeGet(ctx, nIn, in, nOut, out));
}

static MlirValue call(KernBuilder *b, const char *callee, intptr_t nArgs,
                      const MlirValue *args, intptr_t nResults,
                      const MlirType *resultTypes) {
  MlirNamedAttribute a = kernNamedAttr(
      b->ctx, "callee", mlirFlatSymbolRefAttrGet(b->ctx, str(callee)));
  MlirOperation op = kernBuildOp(b, "func.call", nResults, resultTypes, nArgs,
                                 args, 1, &a, 0);
  return nResults ? mlirOperationGetResult(op, 0) : (MlirValue){NULL};
}

/* The symbol of an internal constant global holding `message` and a NUL.
 * Globals are shared by equal messages (found by the same name stem and
 * value). */
static MlirAttribute messageGlobal(Lowering *l, MlirLocation loc,
                                   MlirStringRef message) {
  MlirContext ctx = mlirOperationGetContext(l->module);
  char *bytes = malloc(message.length + 1);
  memcpy(bytes, message.data, message.length);
  bytes[message.length] = '\0';
  MlirAttribute value =
      mlirStringAttrGet(ctx, mlirStringRefCreate(bytes, message.length + 1));
  free(bytes);

  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(l->module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!kernOpNameIs(op, "llvm.mlir.global"))
      continue;
    MlirAttribute name = mlirOperationGetAttributeByName(op, str("sym_name"));
    MlirStringRef n = mlirStringAttrGetValue(name);
    MlirAttribute v = mlirOperationGetAttributeByName(op, str("value"));
    if (n.length >= 11 && memcmp(n.data, "kern_rt_msg", 11) == 0 &&
        !mlirAttributeIsNull(v) && mlirAttributeEqual(v, value))
      return mlirFlatSymbolRefAttrGet(ctx, n);
  }

  MlirType type = mlirLLVMArrayTypeGet(mlirIntegerTypeGet(ctx, 8),
                                       (unsigned)message.length + 1);
  MlirNamedAttribute attrs[] = {
      kernNamedAttr(ctx, "sym_name", kernStrAttr(ctx, "kern_rt_msg")),
      kernNamedAttr(ctx, "global_type", mlirTypeAttrGet(type)),
      kernNamedAttr(ctx, "linkage",
                    mlirLLVMLinkageAttrGet(ctx, MlirLLVMLinkageInternal)),
      kernNamedAttr(ctx, "constant", mlirUnitAttrGet(ctx)),
      kernNamedAttr(ctx, "value", value),
      kernNamedAttr(ctx, "addr_space",
                    mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 32), 0)),
  };
  MlirOperationState st = mlirOperationStateGet(str("llvm.mlir.global"), loc);
  mlirOperationStateAddAttributes(&st, sizeof attrs / sizeof *attrs, attrs);
  MlirRegion init = mlirRegionCreate();
  mlirOperationStateAddOwnedRegions(&st, 1, &init);
  MlirOperation global = mlirOperationCreate(&st);
  mlirBlockInsertOwnedOperation(body, 0, global);
  /* Renames it (kern_rt_msg_0, ...) if the name is taken. */
  MlirAttribute name = mlirSymbolTableInsert(l->symbols, global);
  return mlirFlatSymbolRefAttrGet(ctx, mlirStringAttrGetValue(name));
}

/*===----------------------------------------------------------------------===*
 * Conversions to the runtime's types
 *===----------------------------------------------------------------------===*/

static MlirValue cast(KernBuilder *b, const char *name, MlirValue v,
                      MlirType to) {
  return kernBuildValue(b, name, to, 1, &v, 0, NULL);
}

/* A signless integer or index as i64 (i1 zero-extended, so True is 1). */
static MlirValue toI64(KernBuilder *b, MlirValue v) {
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  MlirType t = mlirValueGetType(v);
  if (mlirTypeIsAIndex(t))
    return cast(b, "arith.index_cast", v, i64);
  unsigned w = mlirIntegerTypeGetWidth(t);
  if (w == 64)
    return v;
  if (w > 64)
    return cast(b, "arith.trunci", v, i64);
  return cast(b, w == 1 ? "arith.extui" : "arith.extsi", v, i64);
}

/* A float as f64, exactly where f64 holds it. */
static MlirValue toF64(KernBuilder *b, MlirValue v) {
  MlirType f64 = mlirF64TypeGet(b->ctx);
  unsigned w = mlirFloatTypeGetWidth(mlirValueGetType(v));
  if (w == 64)
    return v;
  return cast(b, w < 64 ? "arith.extf" : "arith.truncf", v, f64);
}

static bool isSignlessIntegerOrIndex(MlirType t) {
  return mlirTypeIsAIndex(t) ||
         (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t));
}

/* An MlirStringCallback appending to a KernCharVec (any length). */
static void appendText(MlirStringRef s, void *userData) {
  kernCharVecAppendf(userData, "%.*s", (int)s.length, s.data);
}

static MlirLogicalResult unsupportedType(MlirOperation op, MlirType t) {
  KernCharVec name = {0}, type = {0};
  kernCharVecAppend(&name, "");
  kernCharVecAppend(&type, "");
  appendText(mlirIdentifierStr(mlirOperationGetName(op)), &name);
  mlirTypePrint(t, appendText, &type);
  kernEmitError(mlirOperationGetLocation(op),
                "'%s' operand of type '%s' cannot be passed to the "
                "runtime (signless integers, index and floats can)",
                name.data, type.data);
  kernVecFree(&name);
  kernVecFree(&type);
  return mlirLogicalResultFailure();
}

/*===----------------------------------------------------------------------===*
 * Patterns: one function per op
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult lowerRandom(Lowering *l, MlirOperation op) {
  KernBuilder b = kernBuilderBefore(l->rw, op);
  MlirType f64 = mlirF64TypeGet(b.ctx);
  MlirAttribute dist =
      mlirOperationGetAttributeByName(op, str("distribution"));
  int64_t kind = mlirIntegerAttrGetValueInt(dist);
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  const char *callee = kind == KernDistBits     ? "kern_rt_random_bits32"
                       : kind == KernDistNormal ? "kern_rt_random_normal_f64"
                                                : "kern_rt_random_uniform_f64";
  MlirType drawn = kind == KernDistBits ? t : f64; /* i32 for bits */
  if (mlirLogicalResultIsFailure(
          declare(l, b.loc, callee, 0, NULL, 1, &drawn)))
    return mlirLogicalResultFailure();
  MlirValue draw = call(&b, callee, 0, NULL, 1, &drawn);
  unsigned w = kind == KernDistBits ? 64 : mlirFloatTypeGetWidth(t);
  if (w != 64)
    draw = cast(&b, w < 64 ? "arith.truncf" : "arith.extf", draw, t);
  mlirRewriterBaseReplaceOpWithValues(l->rw, op, 1, &draw);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult lowerSeed(Lowering *l, MlirOperation op) {
  KernBuilder b = kernBuilderBefore(l->rw, op);
  MlirType i64 = mlirIntegerTypeGet(b.ctx, 64);
  MlirValue seed = mlirOperationGetOperand(op, 0);
  if (!isSignlessIntegerOrIndex(mlirValueGetType(seed)))
    return unsupportedType(op, mlirValueGetType(seed));
  if (mlirLogicalResultIsFailure(
          declare(l, b.loc, "kern_rt_seed", 1, &i64, 0, NULL)))
    return mlirLogicalResultFailure();
  MlirValue arg = toI64(&b, seed);
  call(&b, "kern_rt_seed", 1, &arg, 0, NULL);
  mlirRewriterBaseEraseOp(l->rw, op);
  return mlirLogicalResultSuccess();
}

/* The block where a stack buffer for `op` lives: the entry block of the
 * innermost function or parallel loop body around it. */
static MlirBlock allocationBlock(MlirOperation op) {
  static const char *const scopes[] = {
      "func.func",      "llvm.func",       "gpu.func",   "scf.parallel",
      "affine.parallel", "scf.forall",     "omp.loop_nest", "omp.parallel",
      "memref.alloca_scope"};
  MlirOperation child = op;
  for (MlirOperation p = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(p);
       child = p, p = mlirOperationGetParentOperation(p))
    for (size_t i = 0; i < sizeof scopes / sizeof *scopes; ++i)
      if (kernOpNameIs(p, scopes[i]))
        return mlirRegionGetFirstBlock(
            mlirBlockGetParentRegion(mlirOperationGetBlock(child)));
  return mlirOperationGetBlock(op);
}

/* Stores the operands of `raise` as i64 into a stack buffer and returns the
 * buffer's address as !llvm.ptr. */
static MlirValue packArguments(KernBuilder *b, MlirOperation raise) {
  intptr_t n = mlirOperationGetNumOperands(raise);
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  int64_t shape[1] = {n};
  MlirType bufType =
      mlirMemRefTypeContiguousGet(i64, 1, shape, mlirAttributeGetNull());
  int32_t seg[2] = {0, 0};
  MlirNamedAttribute a = kernNamedAttr(b->ctx, "operandSegmentSizes",
                                       mlirDenseI32ArrayGet(b->ctx, 2, seg));
  kernSetInsertionToStart(b, allocationBlock(raise));
  MlirValue buf = kernBuildValue(b, "memref.alloca", bufType, 0, NULL, 1, &a);
  kernSetInsertionBefore(b, raise);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(raise, i);
    MlirValue slot = mlirTypeIsAFloat(mlirValueGetType(v))
                         ? cast(b, "arith.bitcast", toF64(b, v), i64)
                         : toI64(b, v);
    MlirValue index = kernConstIndex(b, i);
    kernStore(b, slot, buf, 1, &index);
  }
  MlirValue address =
      kernBuildValue(b, "memref.extract_aligned_pointer_as_index",
                     kernIndexType(b->ctx), 1, &buf, 0, NULL);
  return cast(b, "llvm.inttoptr", cast(b, "arith.index_cast", address, i64),
              mlirLLVMPointerTypeGet(b->ctx, 0));
}

static MlirLogicalResult lowerRaise(Lowering *l, MlirOperation op) {
  MlirContext ctx = mlirOperationGetContext(op);
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirStringRef kindName = mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(op, str("kind")));
  KernCharVec name = {0};
  kernCharVecAppendf(&name, "%.*s", (int)kindName.length, kindName.data);
  int kind = kernRuntimeErrorKindFromName(name.data);
  if (kind == KernErrorNone)
    kernEmitError(loc, "unknown exception kind '%s'", name.data);
  kernVecFree(&name);
  if (kind == KernErrorNone)
    return mlirLogicalResultFailure();
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    MlirType t = mlirValueGetType(mlirOperationGetOperand(op, i));
    if (!mlirTypeIsAFloat(t) && !isSignlessIntegerOrIndex(t))
      return unsupportedType(op, t);
  }

  MlirType ptr = mlirLLVMPointerTypeGet(ctx, 0);
  MlirType i32 = mlirIntegerTypeGet(ctx, 32), i64 = mlirIntegerTypeGet(ctx, 64);
  MlirType params[4] = {i32, ptr, i64, ptr};
  if (mlirLogicalResultIsFailure(
          declare(l, loc, "kern_rt_raise", 4, params, 0, NULL)))
    return mlirLogicalResultFailure();
  MlirAttribute global = messageGlobal(
      l, loc,
      mlirStringAttrGetValue(
          mlirOperationGetAttributeByName(op, str("message"))));

  KernBuilder b = kernBuilderBefore(l->rw, op);
  MlirValue args[4];
  args[3] = n > 0 ? packArguments(&b, op)
                  : kernBuildValue(&b, "llvm.mlir.zero", ptr, 0, NULL, 0, NULL);
  MlirNamedAttribute g = kernNamedAttr(ctx, "global_name", global);
  args[1] = kernBuildValue(&b, "llvm.mlir.addressof", ptr, 0, NULL, 1, &g);
  if (!mlirAttributeIsNull(mlirOperationGetAttributeByName(op, str("args_repr"))))
    kind |= KernErrorArgsRepr;
  args[0] = kernConstInt(&b, i32, kind);
  args[2] = kernConstInt(&b, i64, n);
  call(&b, "kern_rt_raise", 4, args, 0, NULL);
  mlirRewriterBaseEraseOp(l->rw, op);
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * Pass
 *===----------------------------------------------------------------------===*/

static MlirLogicalResult run(MlirOperation module, const KernPassInfo *info) {
  (void)info;
  Lowering l = {.module = module, .symbols = mlirSymbolTableCreate(module)};
  if (mlirSymbolTableIsNull(l.symbols))
    return kernEmitError(mlirOperationGetLocation(module),
                         "convert-kern-to-runtime runs on a module (an op with a "
                         "symbol table)");
  mlirOperationWalk(module, collect, &l, MlirWalkPreOrder);
  l.rw = mlirIRRewriterCreateFromOp(module);
  MlirLogicalResult result = mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < l.ops.size && mlirLogicalResultIsSuccess(result);
       ++i) {
    MlirOperation op = l.ops.data[i];
    result = kernOpIsRandom(op) ? lowerRandom(&l, op)
             : kernOpIsSeed(op) ? lowerSeed(&l, op)
                                : lowerRaise(&l, op);
  }
  mlirIRRewriterDestroy(l.rw);
  mlirSymbolTableDestroy(l.symbols);
  kernVecFree(&l.ops);
  return result;
}

static const char *const deps[] = {"arith", "func", "llvm", "memref", NULL};

static const KernPassInfo info = {
    .argument = "convert-kern-to-runtime",
    .name = "ConvertKernToRuntime",
    .description = "Lower kern.random, kern.seed and kern.raise to calls of "
                   "the kern runtime library",
    .opName = "builtin.module",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateConvertKernToRuntimePass(void) { return kernPassCreate(&info); }
