/*===- PackedEntry.c - kern-packed-entry: one C signature per entry --------===*
 *
 * For every func.func with the unit attribute `kern.entry`, adds beside it
 * `@<name>__kern_packed(%slots: !llvm.ptr)`, callable from C as
 * `void f(void **slots)` (docs/abi.md): slots[0..nargs) point at the
 * arguments, slots[nargs..nargs+nresults) at storage for the results. The
 * wrapper loads each argument through its slot, calls the function and
 * stores each result through its slot.
 *
 * A value is loaded and stored as its LLVM type: memrefs as the descriptor
 * struct, `index` as i64, `complex<T>` as struct<(T, T)>. Where that is not
 * the MLIR type, a builtin.unrealized_conversion_cast bridges the two; the
 * casts cancel against the type conversion of finalize-memref-to-llvm /
 * convert-to-llvm in reconcile-unrealized-casts.
 *
 *   func.func @scale(%x: memref<?xf64>, %a: f64) -> memref<?xf64>
 *       attributes {kern.entry} { ... }
 * gains
 *   func.func @scale__kern_packed(%slots: !llvm.ptr) {
 *     %p0 = llvm.getelementptr %slots[0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
 *     %s0 = llvm.load %p0 : !llvm.ptr -> !llvm.ptr
 *     %d0 = llvm.load %s0 : !llvm.ptr
 *         -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
 *     %x = builtin.unrealized_conversion_cast %d0 : !llvm.struct<...>
 *         to memref<?xf64>
 *     %p1 = llvm.getelementptr %slots[1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
 *     %s1 = llvm.load %p1 : !llvm.ptr -> !llvm.ptr
 *     %a = llvm.load %s1 : !llvm.ptr -> f64
 *     %r = call @scale(%x, %a) : (memref<?xf64>, f64) -> memref<?xf64>
 *     %p2 = llvm.getelementptr %slots[2] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
 *     %s2 = llvm.load %p2 : !llvm.ptr -> !llvm.ptr
 *     %d2 = builtin.unrealized_conversion_cast %r : memref<?xf64>
 *         to !llvm.struct<...>
 *     llvm.store %d2, %s2 : !llvm.struct<...>, !llvm.ptr
 *     return
 *   }
 *
 * Runs on builtin.module, after buffer deallocation (which would otherwise
 * free the results that the wrapper hands to its caller). An entry whose
 * wrapper already exists is left alone; an argument or result type with no
 * slot layout is a located error.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Slot layouts
 *===----------------------------------------------------------------------===*/

/* The LLVM-dialect type a slot holds for a value of type `t`, or a null
 * type when `t` has none (docs/abi.md lists the supported types). */
static MlirType slotType(MlirType t) {
  MlirContext ctx = mlirTypeGetContext(t);
  MlirType i64 = mlirIntegerTypeGet(ctx, 64);
  MlirType ptr = mlirLLVMPointerTypeGet(ctx, 0);
  if (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t))
    return t;
  if (mlirTypeIsAIndex(t))
    return i64;
  if (mlirTypeIsAF16(t) || mlirTypeIsABF16(t) || mlirTypeIsAF32(t) ||
      mlirTypeIsAF64(t) || mlirTypeIsALLVMPointerType(t))
    return t; /* a pointer: a list (lib/Runtime/List.c) */
  if (mlirTypeIsAComplex(t)) {
    MlirType elem = mlirComplexTypeGetElementType(t);
    if (!mlirTypeIsAF32(elem) && !mlirTypeIsAF64(elem))
      return (MlirType){NULL};
    MlirType fields[2] = {elem, elem};
    return mlirLLVMStructTypeLiteralGet(ctx, 2, fields, false);
  }
  if (mlirTypeIsAMemRef(t)) {
    MlirAttribute space = mlirMemRefTypeGetMemorySpace(t);
    if (!mlirAttributeIsNull(space))
      return (MlirType){NULL};
    intptr_t rank = mlirShapedTypeGetRank(t);
    MlirType array = mlirLLVMArrayTypeGet(i64, (unsigned)rank);
    MlirType fields[5] = {ptr, ptr, i64, array, array};
    return mlirLLVMStructTypeLiteralGet(ctx, rank ? 5 : 3, fields, false);
  }
  return (MlirType){NULL};
}

/* An MlirStringCallback appending to a KernCharVec. */
static void appendToText(MlirStringRef s, void *userData) {
  KernCharVec *text = userData;
  kernCharVecAppendf(text, "%.*s", (int)s.length, s.data);
}

/* Checks that every argument and result of `func` has a slot layout. */
static MlirLogicalResult checkSignature(MlirOperation func, MlirType fnType,
                                        MlirStringRef name) {
  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  for (intptr_t i = 0; i < nIn + nOut; ++i) {
    bool isArg = i < nIn;
    MlirType t = isArg ? mlirFunctionTypeGetInput(fnType, i)
                       : mlirFunctionTypeGetResult(fnType, i - nIn);
    if (!mlirTypeIsNull(slotType(t)))
      continue;
    KernCharVec printed = {0};
    kernCharVecAppend(&printed, "");
    mlirTypePrint(t, appendToText, &printed);
    kernEmitError(
        mlirOperationGetLocation(func),
        "kern.entry function '%.*s': %s %ld has type %s, which has no "
        "packed-entry slot layout (supported: signless integers, index, "
        "f16/bf16/f32/f64, complex<f32|f64>, memrefs in the default memory "
        "space)",
        (int)name.length, name.data, isArg ? "argument" : "result",
        (long)(isArg ? i : i - nIn), printed.data);
    kernVecFree(&printed);
    return mlirLogicalResultFailure();
  }
  return mlirLogicalResultSuccess();
}

/*===----------------------------------------------------------------------===*
 * Building the wrapper
 *===----------------------------------------------------------------------===*/

/* The pointer held by slots[i]. */
static MlirValue slotPointer(KernBuilder *b, MlirValue slots, int32_t i) {
  MlirType ptr = mlirLLVMPointerTypeGet(b->ctx, 0);
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(b->ctx, "elem_type", mlirTypeAttrGet(ptr)),
      kernNamedAttr(b->ctx, "rawConstantIndices",
                    mlirDenseI32ArrayGet(b->ctx, 1, &i)),
  };
  MlirValue address =
      kernBuildValue(b, "llvm.getelementptr", ptr, 1, &slots, 2, attrs);
  return kernBuildValue(b, "llvm.load", ptr, 1, &address, 0, NULL);
}

static MlirValue castTo(KernBuilder *b, MlirValue v, MlirType t) {
  if (mlirTypeEqual(mlirValueGetType(v), t))
    return v;
  return kernBuildValue(b, "builtin.unrealized_conversion_cast", t, 1, &v, 0,
                        NULL);
}

static MlirValue loadSlot(KernBuilder *b, MlirValue slots, int32_t i,
                          MlirType t) {
  MlirValue p = slotPointer(b, slots, i);
  MlirValue raw = kernBuildValue(b, "llvm.load", slotType(t), 1, &p, 0, NULL);
  return castTo(b, raw, t);
}

static void storeSlot(KernBuilder *b, MlirValue slots, int32_t i,
                      MlirValue v) {
  MlirValue p = slotPointer(b, slots, i);
  MlirValue operands[2] = {castTo(b, v, slotType(mlirValueGetType(v))), p};
  kernBuildOp(b, "llvm.store", 0, NULL, 2, operands, 0, NULL, 0);
}

/* A func.func named `name` of type `(!llvm.ptr) -> ()` after `entry`, with
 * its entry block; returns the block. */
static MlirBlock createWrapper(KernBuilder *b, const char *name) {
  MlirType ptr = mlirLLVMPointerTypeGet(b->ctx, 0);
  MlirType fnType = mlirFunctionTypeGet(b->ctx, 1, &ptr, 0, NULL);
  MlirNamedAttribute attrs[2] = {
      kernNamedAttr(b->ctx, "sym_name", kernStrAttr(b->ctx, name)),
      kernNamedAttr(b->ctx, "function_type", mlirTypeAttrGet(fnType)),
  };
  MlirOperation func =
      kernBuildOp(b, "func.func", 0, NULL, 0, NULL, 2, attrs, 1);
  MlirBlock body = mlirBlockCreate(1, &ptr, &b->loc);
  mlirRegionAppendOwnedBlock(mlirOperationGetRegion(func, 0), body);
  return body;
}

/* Builds `<name>__kern_packed` after `entry`, whose type is `fnType`. */
static void buildWrapper(MlirRewriterBase rw, MlirOperation entry,
                         MlirType fnType, MlirStringRef name,
                         const char *wrapperName) {
  KernBuilder b = kernBuilderAfter(rw, entry);
  MlirBlock body = createWrapper(&b, wrapperName);
  kernSetInsertionToEnd(&b, body);
  MlirValue slots = kernBlockArg(body, 0);

  intptr_t nIn = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t nOut = mlirFunctionTypeGetNumResults(fnType);
  MlirValue *args = malloc(sizeof(MlirValue) * (size_t)(nIn + 1));
  MlirType *resultTypes = malloc(sizeof(MlirType) * (size_t)(nOut + 1));
  for (intptr_t i = 0; i < nIn; ++i)
    args[i] = loadSlot(&b, slots, (int32_t)i,
                       mlirFunctionTypeGetInput(fnType, i));
  for (intptr_t i = 0; i < nOut; ++i)
    resultTypes[i] = mlirFunctionTypeGetResult(fnType, i);
  MlirNamedAttribute callee = kernNamedAttr(
      b.ctx, "callee", mlirFlatSymbolRefAttrGet(b.ctx, name));
  MlirOperation call = kernBuildOp(&b, "func.call", nOut, resultTypes, nIn,
                                   args, 1, &callee, 0);
  for (intptr_t i = 0; i < nOut; ++i)
    storeSlot(&b, slots, (int32_t)(nIn + i), mlirOperationGetResult(call, i));
  kernBuildOp(&b, "func.return", 0, NULL, 0, NULL, 0, NULL, 0);
  free(args);
  free(resultTypes);
}

static MlirLogicalResult addPackedEntry(MlirRewriterBase rw,
                                        MlirSymbolTable symbols,
                                        MlirOperation entry) {
  MlirStringRef name = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
      entry, mlirSymbolTableGetSymbolAttributeName()));
  MlirType fnType = mlirTypeAttrGetValue(mlirOperationGetAttributeByName(
      entry, mlirStringRefCreateFromCString("function_type")));
  /* Names grow with the signature they mangle: any length goes. */
  KernCharVec wrapperName = {0};
  kernCharVecAppendf(&wrapperName, "%.*s__kern_packed", (int)name.length,
                     name.data);
  MlirLogicalResult result = mlirLogicalResultSuccess();
  if (mlirOperationIsNull(mlirSymbolTableLookup(
          symbols, mlirStringRefCreateFromCString(wrapperName.data)))) {
    result = checkSignature(entry, fnType, name);
    if (mlirLogicalResultIsSuccess(result))
      buildWrapper(rw, entry, fnType, name, wrapperName.data);
  } /* else the pass ran before */
  kernVecFree(&wrapperName);
  return result;
}

/*===----------------------------------------------------------------------===*
 * The pass
 *===----------------------------------------------------------------------===*/

static bool isEntry(MlirOperation op) {
  return kernOpNameIs(op, "func.func") &&
         !mlirAttributeIsNull(mlirOperationGetAttributeByName(
             op, mlirStringRefCreateFromCString("kern.entry")));
}

static MlirLogicalResult run(MlirOperation module, const KernPassInfo *info) {
  (void)info;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirRewriterBase rw = mlirIRRewriterCreateFromOp(module);
  MlirLogicalResult status = mlirLogicalResultSuccess();
  /* Wrappers go right after their entry; they are not entries themselves. */
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (isEntry(op) &&
        mlirLogicalResultIsFailure(addPackedEntry(rw, symbols, op)))
      status = mlirLogicalResultFailure();
  mlirIRRewriterDestroy(rw);
  mlirSymbolTableDestroy(symbols);
  return status;
}

static const char *const kDependentDialects[] = {"llvm", "func", NULL};

static const KernPassInfo kInfo = {
    .argument = "kern-packed-entry",
    .name = "KernPackedEntry",
    .description = "Add `<name>__kern_packed(!llvm.ptr)` wrappers, callable "
                   "as `void f(void **slots)`, for kern.entry functions",
    .opName = "builtin.module",
    .run = run,
    .dependentDialects = kDependentDialects,
};

MlirPass kernCreatePackedEntryPass(void) { return kernPassCreate(&kInfo); }
