/*===- CallbackEntry.c - kern-callback-entry: C callbacks of entries -------===*
 *
 * For every func.func with a string attribute `kern.callback = "<sym>"`
 * (the entries `@kern.cfunc` compiles), adds `@<sym>`: a function of the
 * same scalar signature, callable from C with the platform's calling
 * convention (scipy.LowLevelCallable, ctypes, a function pointer in other
 * compiled code). It runs the entry through its packed wrapper under
 * kernRuntimeCallback, so that an exception the code raises is reported
 * (docs/abi.md) instead of unwinding through a C caller; the callback then
 * returns 0.
 *
 *   func.func @f(%x: f64) -> f64 attributes {kern.callback = "cf", ...}
 *   func.func @f__kern_packed(%slots: !llvm.ptr) { ... }
 * gains
 *   func.func @cf(%x: f64) -> f64 {
 *     %one = llvm.mlir.constant(1 : i64) : i64
 *     %a0 = llvm.alloca %one x f64 : (i64) -> !llvm.ptr
 *     llvm.store %x, %a0 : f64, !llvm.ptr
 *     %r = llvm.alloca %one x f64 : (i64) -> !llvm.ptr
 *     llvm.store %zero, %r : f64, !llvm.ptr
 *     %n = llvm.mlir.constant(2 : i64) : i64
 *     %slots = llvm.alloca %n x !llvm.ptr : (i64) -> !llvm.ptr
 *     %s0 = llvm.getelementptr %slots[0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
 *     llvm.store %a0, %s0 : !llvm.ptr, !llvm.ptr
 *     ... slot 1 holds %r ...
 *     %p = constant @f__kern_packed : (!llvm.ptr) -> ()
 *     %k = call @kernRuntimeCallback(%p, %slots) : (...) -> i32
 *     %v = llvm.load %r : !llvm.ptr -> f64
 *     return %v : f64
 *   }
 *
 * A module that can raise nothing (no call of kern_rt_raise, no heap
 * allocation, which raises MemoryError when it fails) gets the short form,
 * which calls the entry directly:
 *
 *   func.func @cf(%x: f64) -> f64 {
 *     %r = call @f(%x) : (f64) -> f64
 *     return %r : f64
 *   }
 *
 * Runs after kern-packed-entry (the packed wrapper must exist: a located
 * error otherwise). Arguments and the result (at most one) must be signless
 * integers or f16/bf16/f32/f64; anything else is a located error.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static bool isCallbackScalar(MlirType t) {
  return (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t)) ||
         mlirTypeIsAF16(t) || mlirTypeIsABF16(t) || mlirTypeIsAF32(t) ||
         mlirTypeIsAF64(t);
}

/* Checks the entry's signature: scalars in, at most one scalar out. */
static MlirLogicalResult checkSignature(MlirOperation func, MlirType fnType,
                                        MlirStringRef name) {
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  MlirLocation loc = mlirOperationGetLocation(func);
  if (nOut > 1)
    return kernEmitError(loc, "kern.callback function '%.*s' returns %ld "
                              "values; a C callback returns at most one",
                         (int)name.length, name.data, (long)nOut);
  for (intptr_t i = 0; i < nIn + nOut; ++i) {
    bool isArg = i < nIn;
    MlirType t = isArg ? mlirFunctionTypeGetInput(fnType, i)
                       : mlirFunctionTypeGetResult(fnType, 0);
    if (!isCallbackScalar(t))
      return kernEmitError(loc, "kern.callback function '%.*s': %s %ld is "
                                "not a scalar a C callback can pass (signless "
                                "integers, f16/bf16/f32/f64)",
                           (int)name.length, name.data,
                           isArg ? "argument" : "result", (long)(isArg ? i : 0));
  }
  return mlirLogicalResultSuccess();
}

static MlirValue constI64(KernBuilder *b, int64_t v) {
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  MlirNamedAttribute value =
      kernNamedAttr(b->ctx, "value", mlirIntegerAttrGet(i64, v));
  return kernBuildValue(b, "llvm.mlir.constant", i64, 0, NULL, 1, &value);
}

/* A stack cell of type `t` (llvm.alloca of one element). */
static MlirValue cell(KernBuilder *b, MlirType t) {
  MlirValue one = constI64(b, 1);
  MlirNamedAttribute elem = kernNamedAttr(b->ctx, "elem_type",
                                          mlirTypeAttrGet(t));
  return kernBuildValue(b, "llvm.alloca", mlirLLVMPointerTypeGet(b->ctx, 0),
                        1, &one, 1, &elem);
}

static void store(KernBuilder *b, MlirValue value, MlirValue address) {
  MlirValue operands[2] = {value, address};
  kernBuildOp(b, "llvm.store", 0, NULL, 2, operands, 0, NULL, 0);
}

/* slots[i] = p. */
static void storeSlot(KernBuilder *b, MlirValue slots, int32_t i,
                      MlirValue p) {
  MlirType ptr = mlirLLVMPointerTypeGet(b->ctx, 0);
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(b->ctx, "elem_type", mlirTypeAttrGet(ptr)),
      kernNamedAttr(b->ctx, "rawConstantIndices",
                    mlirDenseI32ArrayGet(b->ctx, 1, &i)),
  };
  MlirValue address =
      kernBuildValue(b, "llvm.getelementptr", ptr, 1, &slots, 2, attrs);
  store(b, p, address);
}

/* The type of the packed wrappers, (!llvm.ptr) -> (). */
static MlirType packedType(MlirContext ctx) {
  MlirType ptr = mlirLLVMPointerTypeGet(ctx, 0);
  return mlirFunctionTypeGet(ctx, 1, &ptr, 0, NULL);
}

/* The type of kernRuntimeCallback, ((!llvm.ptr) -> (), !llvm.ptr) -> i32. */
static MlirType runtimeType(MlirContext ctx) {
  MlirType in[2] = {packedType(ctx), mlirLLVMPointerTypeGet(ctx, 0)};
  MlirType i32 = mlirIntegerTypeGet(ctx, 32);
  return mlirFunctionTypeGet(ctx, 2, in, 1, &i32);
}

/* Whether code in `module` may raise: a call of kern_rt_raise or a heap
 * allocation. */
static MlirWalkResult findRaise(MlirOperation op, void *userData) {
  bool *found = userData;
  if (kernOpNameIs(op, "memref.alloc")) {
    *found = true;
  } else if (kernOpNameIs(op, "func.call")) {
    MlirAttribute callee = mlirOperationGetAttributeByName(op, str("callee"));
    MlirStringRef name = mlirFlatSymbolRefAttrGetValue(callee);
    *found |= name.length == sizeof "kern_rt_raise" - 1 &&
              memcmp(name.data, "kern_rt_raise", name.length) == 0;
  }
  return *found ? MlirWalkResultInterrupt : MlirWalkResultAdvance;
}

static bool mayRaise(MlirOperation module) {
  bool found = false;
  mlirOperationWalk(module, findRaise, &found, MlirWalkPreOrder);
  return found;
}

/* The callback's func.func after `entry`, with its entry block (its
 * arguments those of `fnType`); the insertion point is in that block. */
static MlirBlock createCallback(KernBuilder *b, MlirType fnType,
                                const char *sym) {
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(b->ctx, "sym_name", kernStrAttr(b->ctx, sym)),
      kernNamedAttr(b->ctx, "function_type", mlirTypeAttrGet(fnType)),
  };
  MlirOperation func = kernBuildOp(b, "func.func", 0, NULL, 0, NULL, 2,
                                   attrs, 1);
  MlirType *inputs = malloc(sizeof(MlirType) * (size_t)(nIn + 1));
  MlirLocation *locs = malloc(sizeof(MlirLocation) * (size_t)(nIn + 1));
  for (intptr_t i = 0; i < nIn; ++i) {
    inputs[i] = mlirFunctionTypeGetInput(fnType, i);
    locs[i] = b->loc;
  }
  MlirBlock body = mlirBlockCreate(nIn, inputs, locs);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(func, 0), body);
  kernSetInsertionToEnd(b, body);
  free(inputs);
  free(locs);
  return body;
}

/* The short form: `return call @entry(args)`. */
static void buildDirectCallback(MlirRewriterBase rw, MlirOperation entry,
                                MlirType fnType, const char *sym,
                                MlirStringRef name) {
  KernBuilder b = kernBuilderAfter(rw, entry);
  MlirBlock body = createCallback(&b, fnType, sym);
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  MlirValue *args = kernValuesAlloc(nIn + 1);
  for (intptr_t i = 0; i < nIn; ++i)
    args[i] = kernBlockArg(body, i);
  MlirType resultType = nOut ? mlirFunctionTypeGetResult(fnType, 0)
                             : (MlirType){NULL};
  MlirNamedAttribute callee = kernNamedAttr(
      b.ctx, "callee", mlirFlatSymbolRefAttrGet(b.ctx, name));
  MlirOperation call = kernBuildOp(&b, "func.call", nOut, &resultType, nIn,
                                   args, 1, &callee, 0);
  MlirValue r = nOut ? mlirOperationGetResult(call, 0) : (MlirValue){NULL};
  kernBuildOp(&b, "func.return", 0, NULL, nOut, &r, 0, NULL, 0);
  free(args);
}

/* Builds `@sym` after `entry`: cells for the arguments and the result,
 * the slot array, the runtime call, the result loaded back. */
static void buildCallback(MlirRewriterBase rw, MlirOperation entry,
                          MlirType fnType, const char *sym,
                          const char *packed) {
  KernBuilder b = kernBuilderAfter(rw, entry);
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  MlirBlock body = createCallback(&b, fnType, sym);
  MlirValue *cells = kernValuesAlloc(nIn + nOut + 1);
  for (intptr_t i = 0; i < nIn; ++i) {
    cells[i] = cell(&b, mlirFunctionTypeGetInput(fnType, i));
    store(&b, kernBlockArg(body, i), cells[i]);
  }
  MlirType resultType = nOut ? mlirFunctionTypeGetResult(fnType, 0)
                             : (MlirType){NULL};
  if (nOut) {
    cells[nIn] = cell(&b, resultType);
    store(&b, kernConstZero(&b, resultType), cells[nIn]);
  }
  MlirValue count = constI64(&b, nIn + nOut);
  MlirType ptr = mlirLLVMPointerTypeGet(b.ctx, 0);
  MlirNamedAttribute elem = kernNamedAttr(b.ctx, "elem_type",
                                          mlirTypeAttrGet(ptr));
  MlirValue slots = kernBuildValue(&b, "llvm.alloca", ptr, 1, &count, 1,
                                   &elem);
  for (intptr_t i = 0; i < nIn + nOut; ++i)
    storeSlot(&b, slots, (int32_t)i, cells[i]);

  MlirNamedAttribute value = kernNamedAttr(
      b.ctx, "value", mlirFlatSymbolRefAttrGet(b.ctx, str(packed)));
  MlirValue fn = kernBuildValue(&b, "func.constant", packedType(b.ctx), 0,
                                NULL, 1, &value);
  MlirValue args[2] = {fn, slots};
  MlirType i32 = mlirIntegerTypeGet(b.ctx, 32);
  MlirNamedAttribute callee = kernNamedAttr(
      b.ctx, "callee", mlirFlatSymbolRefAttrGet(b.ctx, str("kernRuntimeCallback")));
  kernBuildOp(&b, "func.call", 1, &i32, 2, args, 1, &callee, 0);
  if (nOut) {
    MlirValue r = kernBuildValue(&b, "llvm.load", resultType, 1, &cells[nIn],
                                 0, NULL);
    kernBuildOp(&b, "func.return", 0, NULL, 1, &r, 0, NULL, 0);
  } else {
    kernBuildOp(&b, "func.return", 0, NULL, 0, NULL, 0, NULL, 0);
  }
  free(cells);
}

static MlirLogicalResult addCallback(MlirRewriterBase rw, MlirOperation module,
                                     MlirSymbolTable symbols,
                                     MlirOperation entry, MlirAttribute sym,
                                     bool direct) {
  MlirStringRef name = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
      entry, mlirSymbolTableGetSymbolAttributeName()));
  MlirLocation loc = mlirOperationGetLocation(entry);
  if (!mlirAttributeIsAString(sym))
    return kernEmitError(loc, "kern.callback must be a string attribute (the "
                              "callback's symbol)");
  MlirStringRef s = mlirStringAttrGetValue(sym);
  char *callback = malloc(s.length + 1);
  char *packed = malloc(name.length + sizeof "__kern_packed");
  memcpy(callback, s.data, s.length);
  callback[s.length] = '\0';
  snprintf(packed, name.length + sizeof "__kern_packed", "%.*s__kern_packed",
           (int)name.length, name.data);
  MlirType fnType = mlirTypeAttrGetValue(mlirOperationGetAttributeByName(
      entry, str("function_type")));
  MlirLogicalResult status = mlirLogicalResultSuccess();
  if (!mlirOperationIsNull(mlirSymbolTableLookup(symbols, s))) {
    /* made before (the pass ran twice) */
  } else if (mlirOperationIsNull(mlirSymbolTableLookup(symbols, str(packed)))) {
    status = kernEmitError(loc, "kern.callback function '%.*s' has no packed "
                                "wrapper '%s' (run kern-packed-entry first)",
                           (int)name.length, name.data, packed);
  } else if (mlirLogicalResultIsFailure(
                 status = checkSignature(entry, fnType, name))) {
    /* reported */
  } else if (direct) {
    buildDirectCallback(rw, entry, fnType, callback, name);
  } else if (mlirLogicalResultIsSuccess(
                 status = kernDeclareFunction(module, symbols, loc,
                                              "kernRuntimeCallback",
                                              runtimeType(mlirOperationGetContext(
                                                  module))))) {
    buildCallback(rw, entry, fnType, callback, packed);
  }
  free(callback);
  free(packed);
  return status;
}

static MlirLogicalResult run(MlirOperation module, const KernPassInfo *info) {
  (void)info;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirRewriterBase rw = mlirIRRewriterCreateFromOp(module);
  MlirLogicalResult status = mlirLogicalResultSuccess();
  bool direct = !mayRaise(module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!kernOpNameIs(op, "func.func"))
      continue;
    MlirAttribute sym =
        mlirOperationGetAttributeByName(op, str("kern.callback"));
    if (!mlirAttributeIsNull(sym) &&
        mlirLogicalResultIsFailure(
            addCallback(rw, module, symbols, op, sym, direct)))
      status = mlirLogicalResultFailure();
  }
  mlirIRRewriterDestroy(rw);
  mlirSymbolTableDestroy(symbols);
  return status;
}

static const char *const kDependentDialects[] = {"llvm", "func", NULL};

static const KernPassInfo kInfo = {
    .argument = "kern-callback-entry",
    .name = "KernCallbackEntry",
    .description = "Add C callbacks `@<sym>` with the scalar signature of "
                   "functions marked kern.callback = \"<sym>\"",
    .opName = "builtin.module",
    .run = run,
    .dependentDialects = kDependentDialects,
};

MlirPass kernCreateCallbackEntryPass(void) { return kernPassCreate(&kInfo); }
