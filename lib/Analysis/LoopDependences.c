/*===- LoopDependences.c - independent iterations of a loop --------------===*
 *
 * See kern/Analysis/LoopDependences.h. Every memref operand of an op in
 * the loop is seen as a View of a value outside the loop; each access
 * records the dimensions of that value the loop variable indexes, and a
 * written array needs one dimension indexed by the loop variable in all
 * the accesses that reach it.
 *
 *===----------------------------------------------------------------------===*/

#include "kern/Analysis/LoopDependences.h"
#include "kern/Analysis/MemoryEffects.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"

#include "../Support/Builder.h"
#include "../Support/Vec.h"

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static bool isOp(MlirValue v, const char *name) {
  MlirOperation def = kernDefiningOp(v);
  return !mlirOperationIsNull(def) && kernOpNameIs(def, name);
}

/* `ancestor` is `op` or one of its parents. */
static bool isAncestor(MlirOperation ancestor, MlirOperation op) {
  for (; !mlirOperationIsNull(op); op = mlirOperationGetParentOperation(op))
    if (mlirOperationEqual(op, ancestor))
      return true;
  return false;
}

/* `v` is defined in `loop`'s body (its block arguments included). */
static bool definedInside(MlirValue v, MlirOperation loop) {
  MlirOperation def =
      mlirValueIsABlockArgument(v)
          ? mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v))
          : mlirOpResultGetOwner(v);
  if (!mlirValueIsABlockArgument(v) && mlirOperationEqual(def, loop))
    return false;
  return isAncestor(loop, def);
}

/* Bit d: dimension d is the loop variable. Dimensions from kMaskDims on
 * are never marked, so an access along them counts as not confined to the
 * iteration: conservative (the loop may stay sequential), never wrong. */
typedef uint64_t DimMask;
enum { kMaskDims = 64 };

/* A memref as seen from the loop: the value outside the loop it is a view
 * of (`base`), the array that value is a view of (`root`), and the base's
 * dimensions that a per-iteration subview fixed to the loop variable. */
typedef struct View {
  bool local;   /* allocated in the loop: private to an iteration */
  bool unknown; /* made in the loop by an op that is no view or allocation */
  MlirValue base, root;
  DimMask confined;
  bool mapped; /* the view's dimensions are the base's */
} View;

/* `v` is the loop variable, also through an index -> i64 -> index round
 * trip of arith.index_cast. */
static bool isLoopVariable(MlirValue v, MlirValue iv) {
  if (mlirValueEqual(v, iv))
    return true;
  if (!isOp(v, "arith.index_cast"))
    return false;
  MlirValue wide = mlirOperationGetOperand(kernDefiningOp(v), 0);
  MlirType t = mlirValueGetType(wide);
  return isOp(wide, "arith.index_cast") && mlirTypeIsAInteger(t) &&
         mlirIntegerTypeGetWidth(t) >= 64 &&
         mlirValueEqual(mlirOperationGetOperand(kernDefiningOp(wide), 0), iv);
}

/* Dimensions of a subview's source fixed to the loop variable: offset `iv`
 * and size 1. */
static DimMask subviewConfines(MlirOperation subview, MlirValue iv) {
  MlirAttribute offsets =
      mlirOperationGetAttributeByName(subview, str("static_offsets"));
  MlirAttribute sizes =
      mlirOperationGetAttributeByName(subview, str("static_sizes"));
  intptr_t rank = mlirDenseArrayGetNumElements(offsets);
  intptr_t nextDynamic = 1; /* operand 0 is the source */
  DimMask mask = 0;
  for (intptr_t d = 0; d < rank && d < kMaskDims; ++d) {
    int64_t off = mlirDenseI64ArrayGetElement(offsets, d);
    bool dynamic = off == mlirShapedTypeGetDynamicStrideOrOffset();
    bool atLoop =
        dynamic && isLoopVariable(mlirOperationGetOperand(subview, nextDynamic),
                                  iv);
    nextDynamic += dynamic;
    if (atLoop && mlirDenseI64ArrayGetElement(sizes, d) == 1)
      mask |= (DimMask)1 << d;
  }
  return mask;
}

static View viewOf(MlirValue v, MlirOperation loop, MlirValue iv) {
  if (!definedInside(v, loop))
    return (View){.base = v, .root = kernBufferOf(v).root, .mapped = true};
  MlirOperation def = kernDefiningOp(v);
  if (kernIsAllocated(v))
    return (View){.local = true};
  MlirValue source =
      mlirOperationIsNull(def) ? (MlirValue){NULL} : kernViewSource(def);
  if (mlirValueIsNull(source))
    return (View){.unknown = true, .base = v, .root = v};
  View s = viewOf(source, loop, iv);
  if (s.local || s.unknown)
    return s;
  if (kernOpNameIs(def, "memref.subview")) {
    if (s.mapped)
      s.confined |= subviewConfines(def, iv);
    s.mapped = s.mapped && kernRank(mlirValueGetType(v)) ==
                               kernRank(mlirValueGetType(
                                   mlirOperationGetOperand(def, 0)));
  } else if (!kernOpNameIs(def, "memref.cast")) {
    s.mapped = false;
  }
  return s;
}

typedef struct Access {
  MlirOperation op;
  View view;
  bool write;
  DimMask dims; /* dimensions of the base that are the loop variable */
} Access;

typedef KERN_VEC(Access) AccessVec;

typedef struct Scan {
  MlirOperation loop;
  MlirValue iv;
  AccessVec accesses;
} Scan;

/* Dimensions of `view` indexed by the loop variable in the indices of a
 * memref.load/store, its operands from `first` on. */
static DimMask indexedDims(const View *view, MlirOperation op,
                           intptr_t first, MlirValue iv) {
  DimMask mask = view->confined;
  intptr_t n = mlirOperationGetNumOperands(op) - first;
  if (view->mapped)
    for (intptr_t d = 0; d < n && d < kMaskDims; ++d)
      if (isLoopVariable(mlirOperationGetOperand(op, first + d), iv))
        mask |= (DimMask)1 << d;
  return mask;
}

/* Same for affine.load/store: results of the map that are a dimension
 * bound to the loop variable. */
static DimMask affineIndexedDims(const View *view, MlirOperation op,
                                 intptr_t firstMapOperand, MlirValue iv) {
  DimMask mask = view->confined;
  MlirAttribute mapAttr = mlirOperationGetAttributeByName(op, str("map"));
  if (!view->mapped || mlirAttributeIsNull(mapAttr))
    return mask;
  MlirAffineMap map = mlirAffineMapAttrGetValue(mapAttr);
  for (intptr_t d = 0; d < mlirAffineMapGetNumResults(map) && d < kMaskDims;
       ++d) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, d);
    if (mlirAffineExprIsADim(e) &&
        isLoopVariable(mlirOperationGetOperand(
                           op, firstMapOperand + mlirAffineDimExprGetPosition(e)),
                       iv))
      mask |= (DimMask)1 << d;
  }
  return mask;
}

/* The access `op` makes to memref operand `pos`, whose view is `view`, as
 * the memory-effects analysis lists it in `effects`; false when `op` does not
 * touch the operand's elements (memref.dim, a call of the runtime's print). */
static bool accessOf(MlirOperation op, const KernAccesses *effects,
                     intptr_t pos, View view, MlirValue iv, Access *out) {
  MlirValue v = mlirOperationGetOperand(op, pos);
  *out = (Access){.op = op, .view = view, .dims = view.confined};
  bool listed = false;
  for (intptr_t i = 0; i < effects->size; ++i)
    if (mlirValueEqual(effects->data[i].value, v)) {
      listed = true;
      out->write |= effects->data[i].write;
    }
  if (!listed && !effects->writesAny)
    return false;
  if (!listed) { /* may do anything with it: assume the worst */
    out->write = true;
    out->dims = 0;
    return true;
  }
  if (kernOpNameIs(op, "memref.load") || kernOpNameIs(op, "memref.store"))
    out->dims = indexedDims(&view, op, pos + 1, iv);
  else if (kernOpNameIs(op, "affine.load") || kernOpNameIs(op, "affine.store"))
    out->dims = affineIndexedDims(&view, op, pos + 1, iv);
  return true;
}

static MlirWalkResult scanOp(MlirOperation op, void *userData) {
  Scan *s = userData;
  if (mlirOperationEqual(op, s->loop) || kernIsView(op))
    return MlirWalkResultAdvance; /* a view is followed where it is used */
  KernAccesses effects = kernAccessesOf(op);
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (!kernIsMemRef(mlirValueGetType(v)))
      continue;
    View view = viewOf(v, s->loop, s->iv);
    Access access;
    if (!view.local && accessOf(op, &effects, i, view, s->iv, &access))
      kernVecPush(&s->accesses, access);
  }
  kernAccessesFree(&effects);
  return MlirWalkResultAdvance;
}

bool kernLoopIterationsAreIndependent(MlirOperation loop,
                                      KernLoopConflict *conflict) {
  Access culpritAccess;
  Access *culprit = &culpritAccess;
  const char **why = &conflict->why;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  Scan s = {.loop = loop, .iv = mlirBlockGetArgument(body, 0)};
  mlirOperationWalk(loop, scanOp, &s, MlirWalkPreOrder);
  bool safe = true;
  bool writes = false;
  for (intptr_t i = 0; i < s.accesses.size; ++i)
    writes |= s.accesses.data[i].write;
  for (intptr_t i = 0; i < s.accesses.size && writes && safe; ++i)
    if (s.accesses.data[i].view.unknown) {
      *culprit = s.accesses.data[i];
      *why = "is an array of unknown origin while the loop writes arrays";
      safe = false;
    }
  for (intptr_t w = 0; w < s.accesses.size && safe; ++w) {
    const Access *write = &s.accesses.data[w];
    if (!write->write)
      continue;
    DimMask common = write->dims;
    if (common == 0) {
      *culprit = *write;
      *why = "is not indexed by the loop variable in any dimension";
      safe = false;
      break;
    }
    for (intptr_t r = 0; r < s.accesses.size; ++r) {
      const Access *other = &s.accesses.data[r];
      if (!mlirValueEqual(other->view.root, write->view.root))
        continue;
      if (!mlirValueEqual(other->view.base, write->view.base)) {
        *culprit = *other;
        *why = "reaches an array that the loop writes through another view";
        safe = false;
        break;
      }
      common &= other->dims;
      if (common == 0) {
        *culprit = *other;
        *why = "may touch elements that other iterations write (it is not "
               "indexed by the loop variable where the writes are)";
        safe = false;
        break;
      }
    }
  }
  kernVecFree(&s.accesses);
  if (!safe) {
    conflict->op = culprit->op;
    conflict->array = culprit->view.base;
  }
  return safe;
}
