/*===- RefineLayouts.c - kern-refine-layouts: strides the caller promises --===*
 *
 * Arrays reach compiled code as fully strided memrefs. When the caller
 * promises that an argument is C- or F-contiguous (the attribute
 * `kern.layout = "C"` or `"F"` on a func.func argument: the Python
 * dispatcher compiles an entry per layout and passes the exact strides),
 * this pass puts the unit stride into the type: the function sees the
 * argument through a memref.reinterpret_cast with stride 1 innermost (C)
 * or outermost (F), cast back to the argument's type. The folders of the
 * memref and affine ops that use it (run by canonicalize and by the later
 * greedy passes) then take the refined memref, so their addresses step by
 * one element, also inside OpenMP regions, and loops over the innermost
 * index vectorize.
 *
 *   func.func @f(%a: memref<?x?xf64, strided<[?, ?], offset: ?>> {kern.layout = "C"}) {
 *     %v = memref.load %a[%i, %j] : memref<?x?xf64, strided<[?, ?], offset: ?>>
 * becomes
 *   func.func @f(%a: memref<?x?xf64, strided<[?, ?], offset: ?>> {kern.layout = "C"}) {
 *     %base, %off, %sizes:2, %strides:2 = memref.extract_strided_metadata %a
 *     %c = memref.reinterpret_cast %base to offset: [%off],
 *         sizes: [%sizes#0, %sizes#1], strides: [%strides#0, 1]
 *         : memref<f64> to memref<?x?xf64, strided<[?, 1], offset: ?>>
 *     %r = memref.cast %c : memref<?x?xf64, strided<[?, 1], offset: ?>>
 *         to memref<?x?xf64, strided<[?, ?], offset: ?>>
 *     %v = memref.load %r[%i, %j] : memref<?x?xf64, strided<[?, ?], offset: ?>>
 *
 * A 0-d array (a memref of rank 0) is both C- and F-contiguous and has
 * no strides to refine: the attribute on it is kept and changes nothing.
 *
 * The first pass of kern-cpu-pipeline. The attribute on an argument that
 * is no ranked memref, or with another value, is an error.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"
#include "../Support/Vec.h"

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

/* The argument's type with stride 1 innermost (C) or outermost (F). */
static MlirType refinedType(MlirType t, char layout) {
  intptr_t rank = mlirShapedTypeGetRank(t);
  int64_t offset, *strides = KERN_ALLOC(int64_t, rank);
  int64_t *shape = KERN_ALLOC(int64_t, rank);
  mlirMemRefTypeGetStridesAndOffset(t, strides, &offset);
  for (intptr_t i = 0; i < rank; ++i)
    shape[i] = mlirShapedTypeGetDimSize(t, i);
  strides[layout == 'C' ? rank - 1 : 0] = 1;
  MlirContext ctx = mlirTypeGetContext(t);
  MlirType refined = mlirMemRefTypeGet(
      mlirShapedTypeGetElementType(t), rank, shape,
      mlirStridedLayoutAttrGet(ctx, offset, rank, strides),
      mlirMemRefTypeGetMemorySpace(t));
  free(strides);
  free(shape);
  return refined;
}

/* Uses of `arg` see it through a view with the unit stride of `layout`. */
static void refine(KernBuilder *b, MlirValue arg, char layout) {
  MlirType t = mlirValueGetType(arg);
  intptr_t rank = mlirShapedTypeGetRank(t);
  MlirValue offset;
  MlirValue *sizes = kernValuesAlloc(rank), *strides = kernValuesAlloc(rank);
  MlirValue base = kernExtractStridedMetadata(b, arg, &offset, sizes, strides);
  MlirValue view = kernReinterpretCast(b, base, refinedType(t, layout), offset,
                                       sizes, strides);
  MlirValue same = kernBuildValue(b, "memref.cast", t, 1, &view, 0, NULL);
  MlirOperation meta = mlirOpResultGetOwner(base);
  mlirValueReplaceAllUsesExcept(arg, same, 1, &meta);
  free(sizes);
  free(strides);
}

/* The layout the argument's `kern.layout` names: 'C', 'F', 0 without the
 * attribute, or '?' after an error. */
static char layoutOf(MlirOperation func, intptr_t i, MlirValue arg) {
  MlirAttribute attrs = mlirOperationGetAttributeByName(func, str("arg_attrs"));
  if (mlirAttributeIsNull(attrs) || i >= mlirArrayAttrGetNumElements(attrs))
    return 0;
  MlirAttribute layout = mlirDictionaryAttrGetElementByName(
      mlirArrayAttrGetElement(attrs, i), str("kern.layout"));
  if (mlirAttributeIsNull(layout))
    return 0;
  MlirLocation loc = mlirValueGetLocation(arg);
  MlirStringRef s =
      mlirAttributeIsAString(layout) ? mlirStringAttrGetValue(layout) : str("");
  if (s.length != 1 || (s.data[0] != 'C' && s.data[0] != 'F')) {
    kernEmitError(loc, "kern.layout of argument %d must be \"C\" or \"F\"",
                  (int)i);
    return '?';
  }
  MlirType t = mlirValueGetType(arg);
  if (!mlirTypeIsAMemRef(t)) {
    kernEmitError(loc, "kern.layout on argument %d, which is no memref",
                  (int)i);
    return '?';
  }
  return kernRank(t) == 0 ? 0 : s.data[0]; /* rank 0: no stride to refine */
}

static MlirLogicalResult run(MlirOperation func, const KernPassInfo *info) {
  (void)info;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(entry))
    return mlirLogicalResultSuccess(); /* a declaration */
  MlirRewriterBase rw = mlirIRRewriterCreateFromOp(func);
  KernBuilder b = kernBuilderBefore(rw, mlirBlockGetFirstOperation(entry));
  bool failed = false;
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    char layout = layoutOf(func, i, arg);
    failed |= layout == '?';
    if (layout != 'C' && layout != 'F')
      continue;
    b.loc = mlirValueGetLocation(arg);
    refine(&b, arg, layout);
  }
  mlirIRRewriterDestroy(rw);
  return failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}

static const char *const deps[] = {"memref", NULL};

static const KernPassInfo info = {
    .argument = "kern-refine-layouts",
    .name = "KernRefineLayouts",
    .description = "Give arguments marked kern.layout = \"C\"/\"F\" their "
                   "unit stride in the type (a reinterpret_cast)",
    .opName = "func.func",
    .run = run,
    .dependentDialects = deps,
};

MlirPass kernCreateRefineLayoutsPass(void) { return kernPassCreate(&info); }
