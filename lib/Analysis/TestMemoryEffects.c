/*===- TestMemoryEffects.c - kern-test-memory-effects ----------------------===*
 *
 * Drives the memory-effects analysis (kern/Analysis/MemoryEffects.h) from
 * lit tests: every op carrying one of these unit attributes gets a remark
 * with the analysis' answer, checked with -verify-diagnostics.
 *
 *   test.accesses   the arrays the op reads and writes, by operand number
 *   test.buffers    for each memref operand, the buffer it views
 *   test.alias      for each pair of memref operands, whether they may alias
 *   test.clobbers   which memref arguments of the function the op may write
 *   test.only_read  whether every use of the op's first result only reads it
 *
 *   %v = memref.subview %a[0] [4] [1] {test.buffers}
 *       : memref<8xf64> to memref<4xf64, strided<[1]>>
 *   // remark: operand 0: fresh buffer of memref.alloc
 *   memref.copy %x, %v {test.accesses} : ...
 *   // remark: reads operand 0; writes operand 1
 *
 * The IR is not changed.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"
#include "kern/Analysis/MemoryEffects.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

#include <stdarg.h>
#include <stdio.h>

/* A remark text built piece by piece; a long one is cut short. */
typedef struct Text {
  char buf[512];
  size_t len;
} Text;

static void say(Text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(Text *t, const char *fmt, ...) {
  if (t->len >= sizeof t->buf - 1)
    return;
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
  va_end(ap);
  if (k > 0)
    t->len += (size_t)k;
  if (t->len > sizeof t->buf - 1)
    t->len = sizeof t->buf - 1;
}

static bool has(MlirOperation op, const char *attr) {
  return !mlirAttributeIsNull(mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString(attr)));
}

static void remark(MlirOperation op, const Text *t) {
  kernLocationEmitRemark(mlirOperationGetLocation(op), t->buf);
}

static intptr_t operandNumber(MlirOperation op, MlirValue v) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
    if (mlirValueEqual(mlirOperationGetOperand(op, i), v))
      return i;
  return -1;
}

/* "reads operand 0, 2", "writes any memory": one clause of the remark. */
static void describeClause(Text *t, MlirOperation op, const KernAccesses *a,
                           bool write) {
  const char *verb = write ? "writes" : "reads";
  intptr_t n = 0;
  for (intptr_t i = 0; i < a->size; ++i) {
    if (a->data[i].write != write)
      continue;
    if (n++ == 0)
      say(t, "%s%s operand", t->len ? "; " : "", verb);
    say(t, "%s %lld", n > 1 ? "," : "",
        (long long)operandNumber(op, a->data[i].value));
  }
  if (write ? a->writesAny : a->readsAny)
    say(t, "%s%s any memory", n ? " and" : (t->len ? "; " : ""),
        n ? "" : verb);
}

static void describeAccesses(MlirOperation op) {
  KernAccesses a = kernAccessesOf(op);
  Text t = {0};
  describeClause(&t, op, &a, false);
  describeClause(&t, op, &a, true);
  if (!t.len)
    say(&t, "no array effects");
  remark(op, &t);
  kernAccessesFree(&a);
}

static void describeBuffer(Text *t, MlirValue v) {
  KernBuffer b = kernBufferOf(v);
  if (b.kind == KernBufferArgument) {
    say(t, "argument %lld", (long long)mlirBlockArgumentGetArgNumber(b.root));
    return;
  }
  const char *kind = b.kind == KernBufferFresh ? "fresh" : "unknown";
  if (mlirValueIsABlockArgument(b.root)) {
    say(t, "%s buffer (a block argument)", kind);
    return;
  }
  MlirStringRef name =
      mlirIdentifierStr(mlirOperationGetName(mlirOpResultGetOwner(b.root)));
  say(t, "%s buffer of %.*s", kind, (int)name.length, name.data);
}

static MlirLogicalResult describeBuffers(MlirOperation op) {
  Text t = {0};
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (!kernIsMemRef(mlirValueGetType(v)))
      continue;
    say(&t, "%soperand %lld: ", t.len ? "; " : "", (long long)i);
    describeBuffer(&t, v);
  }
  if (!t.len)
    return kernEmitError(mlirOperationGetLocation(op),
                         "test.buffers needs an op with a memref operand");
  remark(op, &t);
  return mlirLogicalResultSuccess();
}

/* The memref arguments of the enclosing function that `op` may write. */
static MlirLogicalResult describeClobbers(MlirOperation op) {
  MlirOperation func = kernParentOfName(op, "func.func");
  if (mlirOperationIsNull(func))
    return kernEmitError(mlirOperationGetLocation(op),
                         "test.clobbers needs an op inside a func.func");
  MlirBlock entry =
      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  Text t = {0};
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    if (kernIsMemRef(mlirValueGetType(arg)) && kernMayWrite(op, arg))
      say(&t, "%s %lld", t.len ? "," : "may write argument", (long long)i);
  }
  if (!t.len)
    say(&t, "writes no argument");
  remark(op, &t);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult describeAliases(MlirOperation op) {
  Text t = {0};
  intptr_t n = mlirOperationGetNumOperands(op), pairs = 0;
  for (intptr_t i = 0; i < n; ++i)
    for (intptr_t j = i + 1; j < n; ++j) {
      MlirValue a = mlirOperationGetOperand(op, i);
      MlirValue b = mlirOperationGetOperand(op, j);
      if (!kernIsMemRef(mlirValueGetType(a)) ||
          !kernIsMemRef(mlirValueGetType(b)))
        continue;
      say(&t, "%soperands %lld and %lld %s", pairs++ ? "; " : "",
          (long long)i, (long long)j,
          kernMayAlias(a, b) ? "may alias" : "do not alias");
    }
  if (!pairs)
    return kernEmitError(mlirOperationGetLocation(op),
                         "test.alias needs an op with two memref operands");
  remark(op, &t);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult describeOnlyRead(MlirOperation op) {
  if (mlirOperationGetNumResults(op) == 0)
    return kernEmitError(mlirOperationGetLocation(op),
                         "test.only_read needs an op with a result");
  Text t = {0};
  say(&t, kernAllUsesOnlyRead(mlirOperationGetResult(op, 0))
              ? "every use only reads result 0"
              : "result 0 may be written or escape");
  remark(op, &t);
  return mlirLogicalResultSuccess();
}

static MlirWalkResult describe(MlirOperation op, void *userData) {
  bool *failed = userData;
  if (has(op, "test.accesses"))
    describeAccesses(op);
  if (has(op, "test.buffers") &&
      mlirLogicalResultIsFailure(describeBuffers(op)))
    *failed = true;
  if (has(op, "test.clobbers") &&
      mlirLogicalResultIsFailure(describeClobbers(op)))
    *failed = true;
  if (has(op, "test.alias") &&
      mlirLogicalResultIsFailure(describeAliases(op)))
    *failed = true;
  if (has(op, "test.only_read") &&
      mlirLogicalResultIsFailure(describeOnlyRead(op)))
    *failed = true;
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation op, const KernPassInfo *info) {
  (void)info;
  return kernWalkCheckingOps(op, describe);
}

static const KernPassInfo info = {
    .argument = "kern-test-memory-effects",
    .name = "KernTestMemoryEffects",
    .description = "Remark what the memory-effects analysis finds on ops "
                   "tagged test.accesses/buffers/alias/clobbers/only_read (lit tests)",
    .opName = "",
    .run = run,
};

MlirPass kernCreateTestMemoryEffectsPass(void) { return kernPassCreate(&info); }
