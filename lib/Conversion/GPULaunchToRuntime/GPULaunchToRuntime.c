/*===- GPULaunchToRuntime.c - kern-gpu-launch-to-runtime ------------------===*
 *
 * The host side of kern.cuda's GPU path: after gpu-module-to-binary has
 * turned `gpu.module @kern_gpu` into a `gpu.binary` holding PTX, every
 * `gpu.launch_func` of it becomes a call of a stub that packs the kernel's
 * parameters the way the NVVM kernel takes them (a memref is its
 * descriptor's fields: allocated and aligned pointers, offset, sizes,
 * strides; an index an i64; other scalars as they are) and calls the CUDA
 * driver runtime (lib/Runtime/Cuda.c), which loads the PTX lazily at the
 * first launch in each context and caches the module and the function:
 *
 *   gpu.binary @kern_gpu [#gpu.object<#nvvm.target<chip = "sm_80">, "PTX">]
 *   func.func @f(%a: memref<?xf32>, %n: index, %c1: index) {
 *     %z = arith.constant 0 : i32
 *     gpu.launch_func @kern_gpu::@k blocks in (%n, %c1, %c1)
 *         threads in (%c1, %c1, %c1) dynamic_shared_memory_size %z
 *         args(%a : memref<?xf32>)
 *   }
 * becomes
 *   llvm.mlir.global internal constant @kern_gpu__kern_ptx("PTX\00")
 *   llvm.mlir.global internal constant @k__kern_name("k\00")
 *   llvm.mlir.global internal @k__kern_slot() : !llvm.array<4 x i64>
 *   func.func private @k__kern_gpu_launch(%a0: memref<?xf32>, %g0: index,
 *       ..., %g5: index, %dyn: i32) {
 *     (5 parameter slots from the descriptor of %a0, in an array %params)
 *     func.call @kern_rt_gpu_launch(%slot, %ptx, %name, %G0, ..., %G5,
 *         %dyn, %params, %n5, %errors, %nerrors)
 *   }
 *   func.func @f(...) {
 *     func.call @k__kern_gpu_launch(%a, %n, %c1, %c1, %c1, %c1, %c1, %z)
 *   }
 *
 * The kernel's raises (the launch's `kern.errors`, from
 * convert-kern-to-gpu) become a table of strings (kind, args_repr,
 * message per raise) that the runtime reports from after the launch.
 * Each parameter slot is 16 zeroed bytes (the driver reads as many as the
 * PTX parameter has). Errors: a launch of a gpu.module that was not
 * serialized (no gpu.binary of that name), a binary with no PTX object,
 * an async launch or one with a cluster size, a parameter type with no
 * layout.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "../../Support/Builder.h"
#include "../../Support/Pass.h"
#include "../../Support/Vec.h"

#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Lowering {
  MlirOperation module;
  MlirContext ctx;
  MlirSymbolTable symbols;
  MlirRewriterBase rw;
  KernOpVec binaries;
  KernOpVec launches;
} Lowering;

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static void appendText(MlirStringRef s, void *data) {
  kernCharVecAppendf((KernCharVec *)data, "%.*s", (int)s.length, s.data);
}

static void appendType(KernCharVec *out, MlirType t) {
  mlirTypePrint(t, appendText, out);
}

static MlirStringRef symName(MlirOperation op) {
  return mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(op, str("sym_name")));
}

static bool refEquals(MlirStringRef a, MlirStringRef b) {
  return a.length == b.length && memcmp(a.data, b.data, a.length) == 0;
}

/* `bytes` as the body of an MLIR string literal, NUL-terminated. */
static void appendEscaped(KernCharVec *out, MlirStringRef bytes) {
  for (size_t i = 0; i < bytes.length; ++i) {
    unsigned char c = (unsigned char)bytes.data[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
      kernCharVecAppendf(out, "%c", c);
    else
      kernCharVecAppendf(out, "\\%02X", c);
  }
  kernCharVecAppendf(out, "\\00");
}

static MlirOperation findBinary(Lowering *l, MlirStringRef name) {
  for (intptr_t i = 0; i < l->binaries.size; ++i)
    if (refEquals(symName(l->binaries.data[i]), name))
      return l->binaries.data[i];
  return (MlirOperation){NULL};
}

/* The PTX text of a gpu.binary: its first object. */
static bool binaryText(MlirOperation bin, MlirStringRef *out) {
  MlirAttribute objects = mlirOperationGetAttributeByName(bin, str("objects"));
  if (mlirAttributeIsNull(objects) || !mlirAttributeIsAArray(objects) ||
      mlirArrayAttrGetNumElements(objects) < 1)
    return false;
  MlirAttribute obj = mlirArrayAttrGetElement(objects, 0);
  if (!mlirAttributeIsAGPUObjectAttr(obj))
    return false;
  *out = mlirGPUObjectAttrGetObject(obj);
  return true;
}

/* Appends the parameter slots of argument `i` of type `t` (starting at
 * slot *slot) to the stub's text; false for a type with no layout. */
static bool packArgument(KernCharVec *t, intptr_t i, MlirType at,
                         intptr_t *slot) {
  KernCharVec fields = {0}; /* "%value:type\n" per slot */
  if (mlirTypeIsAMemRef(at)) {
    int64_t r = mlirShapedTypeGetRank(at);
    KernCharVec desc = {0};
    kernCharVecAppendf(&desc, "!llvm.struct<(ptr, ptr, i64");
    if (r > 0)
      kernCharVecAppendf(&desc, ", array<%lld x i64>, array<%lld x i64>",
                         (long long)r, (long long)r);
    kernCharVecAppendf(&desc, ")>");
    kernCharVecAppendf(t, "  %%d%ld = builtin.unrealized_conversion_cast %%a%ld "
                          ": ", (long)i, (long)i);
    appendType(t, at);
    kernCharVecAppendf(t, " to %s\n", desc.data);
    int n = 0;
    for (int f = 0; f < 3; ++f, ++n)
      kernCharVecAppendf(t, "  %%f%ld_%d = llvm.extractvalue %%d%ld[%d] : %s\n",
                         (long)i, n, (long)i, f, desc.data);
    for (int f = 3; f < 5; ++f)
      for (int64_t j = 0; j < r; ++j, ++n)
        kernCharVecAppendf(t, "  %%f%ld_%d = llvm.extractvalue %%d%ld[%d, "
                              "%lld] : %s\n", (long)i, n, (long)i, f,
                           (long long)j, desc.data);
    for (int f = 0; f < n; ++f)
      kernCharVecAppendf(&fields, "%%f%ld_%d:%s\n", (long)i, f,
                         f < 2 ? "!llvm.ptr" : "i64");
    kernVecFree(&desc);
  } else if (mlirTypeIsAIndex(at)) {
    kernCharVecAppendf(t, "  %%f%ld_0 = arith.index_cast %%a%ld : index to "
                          "i64\n", (long)i, (long)i);
    kernCharVecAppendf(&fields, "%%f%ld_0:i64\n", (long)i);
  } else if ((mlirTypeIsAInteger(at) && mlirIntegerTypeIsSignless(at) &&
              mlirIntegerTypeGetWidth(at) <= 64) ||
             mlirTypeIsAF32(at) || mlirTypeIsAF64(at) || mlirTypeIsAF16(at) ||
             mlirTypeIsALLVMPointerType(at)) {
    kernCharVecAppendf(&fields, "%%a%ld:", (long)i);
    appendType(&fields, at);
    kernCharVecAppendf(&fields, "\n");
  } else if (mlirTypeIsAComplex(at) &&
             (mlirTypeIsAF32(mlirComplexTypeGetElementType(at)) ||
              mlirTypeIsAF64(mlirComplexTypeGetElementType(at)))) {
    KernCharVec e = {0};
    appendType(&e, mlirComplexTypeGetElementType(at));
    kernCharVecAppendf(t, "  %%f%ld_0 = builtin.unrealized_conversion_cast "
                          "%%a%ld : ", (long)i, (long)i);
    appendType(t, at);
    kernCharVecAppendf(t, " to !llvm.struct<(%s, %s)>\n", e.data, e.data);
    kernCharVecAppendf(&fields, "%%f%ld_0:!llvm.struct<(%s, %s)>\n", (long)i,
                       e.data, e.data);
    kernVecFree(&e);
  } else {
    kernVecFree(&fields);
    return false;
  }
  /* One 16-byte zeroed slot per field, its address in %params. */
  for (char *line = fields.data; line && *line;) {
    char *colon = strchr(line, ':'), *end = strchr(line, '\n');
    long k = (long)(*slot)++;
    kernCharVecAppendf(
        t,
        "  %%s%ld = llvm.alloca %%one x !llvm.array<2 x i64> : (i64) -> "
        "!llvm.ptr\n"
        "  llvm.store %%zero16, %%s%ld : !llvm.array<2 x i64>, !llvm.ptr\n"
        "  llvm.store %.*s, %%s%ld : %.*s, !llvm.ptr\n"
        "  %%e%ld = llvm.getelementptr %%params[%ld] : (!llvm.ptr) -> "
        "!llvm.ptr, !llvm.ptr\n"
        "  llvm.store %%s%ld, %%e%ld : !llvm.ptr, !llvm.ptr\n",
        k, k, (int)(colon - line), line, k, (int)(end - colon - 1), colon + 1,
        k, k, k, k);
    line = end + 1;
  }
  kernVecFree(&fields);
  return true;
}

static const char *const kLaunchDecl =
    "func.func private @kern_rt_gpu_launch(!llvm.ptr, !llvm.ptr, !llvm.ptr, "
    "i64, i64, i64, i64, i64, i64, i32, !llvm.ptr, i64, !llvm.ptr, i64)\n";

/* Parses `text` (globals and one function) and moves its symbols into the
 * module. */
static MlirLogicalResult addSymbols(Lowering *l, MlirLocation loc,
                                    KernCharVec *text) {
  KernCharVec all = {0};
  kernCharVecAppendf(&all, "module {\n%s%s}\n", kLaunchDecl, text->data);
  MlirModule parsed = mlirModuleCreateParse(
      l->ctx, mlirStringRefCreate(all.data, (size_t)all.size));
  kernVecFree(&all);
  if (mlirModuleIsNull(parsed))
    return kernEmitError(loc, "kern-gpu-launch-to-runtime: internal error: "
                              "cannot parse the stub it made:\n%s",
                         text->data);
  MlirBlock body = mlirModuleGetBody(parsed);
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op);) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    if (!refEquals(symName(op), str("kern_rt_gpu_launch"))) {
      mlirOperationRemoveFromParent(op);
      mlirSymbolTableInsert(l->symbols, op);
    }
    op = next;
  }
  mlirModuleDestroy(parsed);
  return mlirLogicalResultSuccess();
}

/* The stub `@<k>__kern_gpu_launch` for a launch of kernel `kernel` of
 * binary `bin` (made once), with the globals it uses. */
static MlirLogicalResult makeStub(Lowering *l, MlirOperation launch,
                                  MlirStringRef binName, MlirStringRef kernel,
                                  const char *stub) {
  MlirLocation loc = mlirOperationGetLocation(launch);
  MlirOperation bin = findBinary(l, binName);
  MlirStringRef ptx;
  if (mlirOperationIsNull(bin))
    return kernEmitError(loc, "kern-gpu-launch-to-runtime: a launch of "
                              "'%.*s', which is not a gpu.binary (run "
                              "gpu-module-to-binary first)",
                         (int)binName.length, binName.data);
  if (!binaryText(bin, &ptx))
    return kernEmitError(loc, "kern-gpu-launch-to-runtime: gpu.binary "
                              "'%.*s' holds no object", (int)binName.length,
                         binName.data);
  KernCharVec t = {0};
  char ptxName[300];
  snprintf(ptxName, sizeof ptxName, "%.*s__kern_ptx",
           (int)(binName.length > 200 ? 200 : binName.length), binName.data);
  if (mlirOperationIsNull(mlirSymbolTableLookup(l->symbols, str(ptxName)))) {
    kernCharVecAppendf(&t, "llvm.mlir.global internal constant @\"%s\"(\"",
                       ptxName);
    appendEscaped(&t, ptx);
    kernCharVecAppendf(&t, "\") {addr_space = 0 : i32} : !llvm.array<%zu x "
                           "i8>\n", ptx.length + 1);
  }
  kernCharVecAppendf(
      &t,
      "llvm.mlir.global internal constant @\"%.*s__kern_name\"(\"%.*s\\00\") "
      "{addr_space = 0 : i32} : !llvm.array<%zu x i8>\n"
      "llvm.mlir.global internal @\"%.*s__kern_slot\"() {addr_space = 0 : "
      "i32} : !llvm.array<4 x i64> {\n"
      "  %%z = llvm.mlir.zero : !llvm.array<4 x i64>\n"
      "  llvm.return %%z : !llvm.array<4 x i64>\n}\n",
      (int)kernel.length, kernel.data, (int)kernel.length, kernel.data,
      kernel.length + 1, (int)kernel.length, kernel.data);
  /* The raises of the kernel (convert-kern-to-gpu's kern.errors: kind,
   * args_repr, message each), one NUL-terminated string after another. */
  MlirAttribute errors =
      mlirOperationGetAttributeByName(launch, str("kern.errors"));
  intptr_t nErrors = 0;
  if (!mlirAttributeIsNull(errors) && mlirAttributeIsAArray(errors) &&
      mlirArrayAttrGetNumElements(errors) > 0) {
    intptr_t n = mlirArrayAttrGetNumElements(errors);
    KernCharVec table = {0};
    size_t bytes = 0;
    for (intptr_t i = 0; i < n; ++i) {
      MlirStringRef e =
          mlirStringAttrGetValue(mlirArrayAttrGetElement(errors, i));
      appendEscaped(&table, e);
      bytes += e.length + 1;
    }
    nErrors = n / 3;
    kernCharVecAppendf(&t, "llvm.mlir.global internal constant "
                           "@\"%.*s__kern_errors\"(\"%s\") {addr_space = 0 : "
                           "i32} : !llvm.array<%zu x i8>\n",
                       (int)kernel.length, kernel.data, table.data, bytes);
    kernVecFree(&table);
  }
  intptr_t nOps = mlirOperationGetNumOperands(launch);
  intptr_t nArgs = nOps - 7;
  kernCharVecAppendf(&t, "func.func private @\"%s\"(", stub);
  for (intptr_t i = 0; i < nArgs; ++i) {
    kernCharVecAppendf(&t, "%%a%ld: ", (long)i);
    appendType(&t, mlirValueGetType(mlirOperationGetOperand(launch, 7 + i)));
    kernCharVecAppendf(&t, ", ");
  }
  kernCharVecAppendf(&t, "%%g0: index, %%g1: index, %%g2: index, %%g3: index, "
                         "%%g4: index, %%g5: index, %%dyn: i32) {\n"
                         "  %%one = llvm.mlir.constant(1 : i64) : i64\n"
                         "  %%zero16 = llvm.mlir.zero : !llvm.array<2 x i64>\n"
                         "  %%np = llvm.mlir.constant(NPARAMS : i64) : i64\n"
                         "  %%params = llvm.alloca %%np x !llvm.ptr : (i64) -> "
                         "!llvm.ptr\n");
  intptr_t slot = 0;
  for (intptr_t i = 0; i < nArgs; ++i) {
    MlirType at = mlirValueGetType(mlirOperationGetOperand(launch, 7 + i));
    if (!packArgument(&t, i, at, &slot)) {
      KernCharVec s = {0};
      appendType(&s, at);
      kernEmitError(loc, "kern-gpu-launch-to-runtime: a kernel parameter of "
                         "type '%s' has no layout", s.data ? s.data : "");
      kernVecFree(&s);
      kernVecFree(&t);
      return mlirLogicalResultFailure();
    }
  }
  for (int i = 0; i < 6; ++i)
    kernCharVecAppendf(&t, "  %%G%d = arith.index_cast %%g%d : index to i64\n",
                       i, i);
  if (nErrors)
    kernCharVecAppendf(&t, "  %%errors = llvm.mlir.addressof "
                           "@\"%.*s__kern_errors\" : !llvm.ptr\n",
                       (int)kernel.length, kernel.data);
  else
    kernCharVecAppendf(&t, "  %%errors = llvm.mlir.zero : !llvm.ptr\n");
  kernCharVecAppendf(&t, "  %%ne = llvm.mlir.constant(%ld : i64) : i64\n",
                     (long)nErrors);
  kernCharVecAppendf(
      &t,
      "  %%ptx = llvm.mlir.addressof @\"%s\" : !llvm.ptr\n"
      "  %%name = llvm.mlir.addressof @\"%.*s__kern_name\" : !llvm.ptr\n"
      "  %%slot = llvm.mlir.addressof @\"%.*s__kern_slot\" : !llvm.ptr\n"
      "  %%n = llvm.mlir.constant(%ld : i64) : i64\n"
      "  func.call @kern_rt_gpu_launch(%%slot, %%ptx, %%name, %%G0, %%G1, %%G2, "
      "%%G3, %%G4, %%G5, %%dyn, %%params, %%n, %%errors, %%ne) : (!llvm.ptr, "
      "!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64, i32, !llvm.ptr, "
      "i64, !llvm.ptr, i64) -> ()\n"
      "  return\n}\n",
      ptxName, (int)kernel.length, kernel.data, (int)kernel.length,
      kernel.data, (long)slot);
  /* The parameter array's length, known now. */
  char *np = strstr(t.data, "NPARAMS");
  char count[16];
  int w = snprintf(count, sizeof count, "%-7ld", (long)(slot ? slot : 1));
  memcpy(np, count, (size_t)(w > 7 ? 7 : w));
  MlirLogicalResult r = addSymbols(l, loc, &t);
  kernVecFree(&t);
  return r;
}

static MlirLogicalResult lowerLaunch(Lowering *l, MlirOperation op) {
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirAttribute kernel = mlirOperationGetAttributeByName(op, str("kernel"));
  if (mlirSymbolRefAttrGetNumNestedReferences(kernel) != 1)
    return kernEmitError(loc, "kern-gpu-launch-to-runtime: a launch of a "
                              "kernel not named @module::@kernel");
  MlirStringRef binName = mlirSymbolRefAttrGetRootReference(kernel);
  MlirStringRef name = mlirSymbolRefAttrGetLeafReference(kernel);
  /* asyncDependencies, 6 sizes, 3 cluster sizes, shared, operands, async */
  if (kernOperandSegmentSize(op, 0) || kernOperandSegmentSize(op, 7) ||
      kernOperandSegmentSize(op, 12) || mlirOperationGetNumResults(op))
    return kernEmitError(loc, "kern-gpu-launch-to-runtime: asynchronous "
                              "launches and cluster sizes are not supported");
  if (!kernOperandSegmentSize(op, 10))
    return kernEmitError(loc, "kern-gpu-launch-to-runtime: a launch without "
                              "dynamic_shared_memory_size (convert-kern-to-gpu "
                              "always gives one)");
  char stub[300];
  snprintf(stub, sizeof stub, "%.*s__kern_gpu_launch",
           (int)(name.length > 200 ? 200 : name.length), name.data);
  if (mlirOperationIsNull(mlirSymbolTableLookup(l->symbols, str(stub))) &&
      mlirLogicalResultIsFailure(makeStub(l, op, binName, name, stub)))
    return mlirLogicalResultFailure();
  intptr_t nOps = mlirOperationGetNumOperands(op);
  intptr_t nArgs = nOps - 7;
  MlirValue *operands = kernValuesAlloc(nOps);
  for (intptr_t i = 0; i < nArgs; ++i)
    operands[i] = mlirOperationGetOperand(op, 7 + i);
  for (int i = 0; i < 7; ++i)
    operands[nArgs + i] = mlirOperationGetOperand(op, i);
  KernBuilder b = kernBuilderBefore(l->rw, op);
  MlirNamedAttribute callee = kernNamedAttr(
      l->ctx, "callee", mlirFlatSymbolRefAttrGet(l->ctx, str(stub)));
  kernBuildOp(&b, "func.call", 0, NULL, nOps, operands, 1, &callee, 0);
  free(operands);
  mlirRewriterBaseEraseOp(l->rw, op);
  return mlirLogicalResultSuccess();
}

static MlirWalkResult collectOps(MlirOperation op, void *data) {
  Lowering *l = data;
  if (kernOpNameIs(op, "gpu.module"))
    return MlirWalkResultSkip;
  if (kernOpNameIs(op, "gpu.binary"))
    kernVecPush(&l->binaries, op);
  else if (kernOpNameIs(op, "gpu.launch_func"))
    kernVecPush(&l->launches, op);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation module, const KernPassInfo *info) {
  (void)info;
  Lowering l = {.module = module, .ctx = mlirOperationGetContext(module),
                .symbols = mlirSymbolTableCreate(module)};
  MlirLocation loc = mlirOperationGetLocation(module);
  if (mlirSymbolTableIsNull(l.symbols))
    return kernEmitError(loc, "kern-gpu-launch-to-runtime runs on a module");
  mlirOperationWalk(module, collectOps, &l, MlirWalkPreOrder);
  MlirLogicalResult r = mlirLogicalResultSuccess();
  if (l.launches.size) {
    MlirType ptr = mlirLLVMPointerTypeGet(l.ctx, 0);
    MlirType i64 = mlirIntegerTypeGet(l.ctx, 64);
    MlirType i32 = mlirIntegerTypeGet(l.ctx, 32);
    MlirType in[14] = {ptr, ptr, ptr, i64, i64, i64, i64, i64, i64, i32, ptr,
                       i64, ptr, i64};
    r = kernDeclareFunction(module, l.symbols, loc, "kern_rt_gpu_launch",
                            mlirFunctionTypeGet(l.ctx, 14, in, 0, NULL));
  }
  l.rw = mlirIRRewriterCreateFromOp(module);
  for (intptr_t i = 0; i < l.launches.size && mlirLogicalResultIsSuccess(r); ++i)
    r = lowerLaunch(&l, l.launches.data[i]);
  if (mlirLogicalResultIsSuccess(r)) {
    for (intptr_t i = 0; i < l.binaries.size; ++i)
      mlirRewriterBaseEraseOp(l.rw, l.binaries.data[i]);
    mlirOperationRemoveAttributeByName(module, str("gpu.container_module"));
  }
  mlirIRRewriterDestroy(l.rw);
  mlirSymbolTableDestroy(l.symbols);
  kernVecFree(&l.binaries);
  kernVecFree(&l.launches);
  return r;
}

static const char *const deps[] = {"arith", "func", "llvm", NULL};

static const KernPassInfo info = {
    .argument = "kern-gpu-launch-to-runtime",
    .name = "GPULaunchToRuntime",
    .description = "Lower gpu.launch_func of a serialized gpu.binary to "
                   "calls of kern's CUDA driver runtime (lib/Runtime/Cuda.c), "
                   "which loads the PTX at the first launch",
    .opName = "builtin.module",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateGPULaunchToRuntimePass(void) { return kernPassCreate(&info); }
