/*===- MemoryEffects.c - memory effects and aliasing from op interfaces ----===*
 *
 * See kern/Analysis/MemoryEffects.h. Everything here is asked of the ops'
 * interfaces through kern-c/Interfaces.h; no op is known by name.
 *
 *===----------------------------------------------------------------------===*/

#include "kern/Analysis/MemoryEffects.h"
#include "kern-c/Interfaces.h"

#include "../Support/Builder.h"
#include "../Support/Vec.h"

/*===----------------------------------------------------------------------===*
 * Effects as the interface gives them
 *===----------------------------------------------------------------------===*/

typedef struct EffectScan {
  MlirOperation op;
  KernAccesses *out;
  bool allocated; /* for kernIsAllocated: an Allocate effect on `value` */
  MlirValue value;
} EffectScan;

static bool isResultOf(MlirValue v, MlirOperation op) {
  return mlirValueIsAOpResult(v) &&
         mlirOperationEqual(mlirOpResultGetOwner(v), op);
}

static void addAccess(KernAccesses *out, MlirValue v, bool write) {
  for (intptr_t i = 0; i < out->size; ++i)
    if (mlirValueEqual(out->data[i].value, v)) {
      out->data[i].write |= write;
      return;
    }
  kernVecPush(out, ((KernAccess){.value = v, .write = write}));
}

static void collectEffect(const KernMemoryEffect *e, void *userData) {
  EffectScan *s = userData;
  if (!mlirValueIsNull(e->value) && mlirValueEqual(e->value, s->value) &&
      e->kind == KernEffectAllocate)
    s->allocated = true;
  if (!s->out || e->kind == KernEffectAllocate)
    return;
  bool write = e->kind != KernEffectRead;
  if (mlirValueIsNull(e->value)) {
    /* On a whole resource: array memory only if it is the default one. */
    if (e->defaultResource) {
      s->out->writesAny |= write;
      s->out->readsAny |= !write;
    }
    return;
  }
  if (!kernIsMemRef(mlirValueGetType(e->value)))
    return;
  if (isResultOf(e->value, s->op))
    return; /* the op's own fresh result */
  addAccess(s->out, e->value, write);
}

/* A call of a function declared `kern.readonly`. */
static bool callsReadOnly(MlirOperation op) {
  MlirOperation callee = kernOperationResolveCallee(op);
  return !mlirOperationIsNull(callee) &&
         !mlirAttributeIsNull(mlirOperationGetAttributeByName(
             callee, mlirStringRefCreateFromCString("kern.readonly")));
}

KernAccesses kernAccessesOf(MlirOperation op) {
  KernAccesses out = {0};
  if (kernOperationHasRecursiveMemoryEffects(op) &&
      mlirOperationGetNumRegions(op) > 0)
    return out; /* its nested ops say */
  EffectScan s = {.op = op, .out = &out};
  if (kernOperationForEachMemoryEffect(op, collectEffect, &s))
    return out;
  out.readsAny = true;
  out.writesAny = !callsReadOnly(op);
  return out;
}

void kernAccessesFree(KernAccesses *a) { kernVecFree(a); }

bool kernIsAllocated(MlirValue v) {
  if (!mlirValueIsAOpResult(v) || !kernIsMemRef(mlirValueGetType(v)))
    return false;
  EffectScan s = {.op = mlirOpResultGetOwner(v), .value = v};
  kernOperationForEachMemoryEffect(s.op, collectEffect, &s);
  return s.allocated;
}

/*===----------------------------------------------------------------------===*
 * Buffers
 *===----------------------------------------------------------------------===*/

/* `op` declares no memory effects at all. */
static bool hasNoEffects(MlirOperation op) {
  KernAccesses a = kernAccessesOf(op);
  bool none = a.size == 0 && !a.readsAny && !a.writesAny &&
              !kernOperationHasRecursiveMemoryEffects(op);
  kernAccessesFree(&a);
  return none;
}

MlirValue kernViewSource(MlirOperation op) {
  MlirValue source = kernOperationGetViewSource(op);
  if (!mlirValueIsNull(source))
    return source;
  if (mlirOperationGetNumResults(op) != 1 ||
      !kernIsMemRef(mlirValueGetType(mlirOperationGetResult(op, 0))))
    return (MlirValue){NULL};
  MlirValue only = {NULL};
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (!kernIsMemRef(mlirValueGetType(v)))
      continue;
    if (!mlirValueIsNull(only))
      return (MlirValue){NULL}; /* of two memrefs: not one view */
    only = v;
  }
  if (mlirValueIsNull(only) || !hasNoEffects(op))
    return (MlirValue){NULL};
  return only;
}

/* `v` is an argument of the function (the entry block of a func.func). */
static bool isFunctionArgument(MlirValue v) {
  if (!mlirValueIsABlockArgument(v))
    return false;
  MlirBlock block = mlirBlockArgumentGetOwner(v);
  MlirOperation parent = mlirBlockGetParentOperation(block);
  return kernOpNameIs(parent, "func.func") &&
         mlirBlockEqual(block, mlirRegionGetFirstBlock(
                                   mlirOperationGetRegion(parent, 0)));
}

KernBuffer kernBufferOf(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirValue source = kernViewSource(mlirOpResultGetOwner(v));
    if (mlirValueIsNull(source))
      break;
    v = source;
  }
  KernBufferKind kind = kernIsAllocated(v)       ? KernBufferFresh
                        : isFunctionArgument(v) ? KernBufferArgument
                                                : KernBufferUnknown;
  return (KernBuffer){.root = v, .kind = kind};
}

bool kernMayAlias(MlirValue a, MlirValue b) {
  KernBuffer x = kernBufferOf(a), y = kernBufferOf(b);
  if (mlirValueEqual(x.root, y.root))
    return true;
  if (x.kind == KernBufferUnknown || y.kind == KernBufferUnknown)
    return true;
  return x.kind == KernBufferArgument && y.kind == KernBufferArgument;
}

/*===----------------------------------------------------------------------===*
 * Queries
 *===----------------------------------------------------------------------===*/

bool kernMayWrite(MlirOperation op, MlirValue v) {
  KernAccesses a = kernAccessesOf(op);
  bool writes = a.writesAny;
  for (intptr_t i = 0; i < a.size && !writes; ++i)
    writes = a.data[i].write && kernMayAlias(a.data[i].value, v);
  kernAccessesFree(&a);
  return writes;
}

bool kernOnlyReads(MlirOperation op, MlirValue v) {
  if (kernOperationIsTerminator(op))
    return false; /* returned or yielded: the reader is elsewhere */
  if (kernIsView(op))
    return kernAllUsesOnlyRead(mlirOperationGetResult(op, 0));
  if (kernMayWrite(op, v))
    return false;
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i) {
    MlirValue r = mlirOperationGetResult(op, i);
    if (kernIsMemRef(mlirValueGetType(r)) && !kernIsAllocated(r))
      return false; /* may be `v` under another name */
  }
  return true;
}

bool kernAllUsesOnlyRead(MlirValue v) {
  for (MlirOpOperand use = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use))
    if (!kernOnlyReads(mlirOpOperandGetOwner(use), v))
      return false;
  return true;
}
