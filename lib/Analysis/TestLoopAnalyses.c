/*===- TestLoopAnalyses.c - kern-test-loop-analyses ------------------------===*
 *
 * Drives the reduction and loop-dependence analyses
 * (kern/Analysis/Reductions.h, kern/Analysis/LoopDependences.h) from lit
 * tests: every kern.prange carrying one of these unit attributes gets
 * remarks with the analyses' answers, checked with -verify-diagnostics.
 *
 *   test.reductions   for each reduction variable: found, misused (by which
 *                     op) or replaced (the yielded value does not combine)
 *   test.independent  whether the iterations touch disjoint elements of
 *                     what they write, else the conflicting access and why
 *
 *   %s = kern.prange %i = %c0 to %n step %c1 reduce(add %acc = %z : f64) {
 *     ...
 *   } {test.reductions, test.independent} : f64
 *   // remark: reduction 0 (add): found
 *   // remark: iterations are independent
 *
 * The IR is not changed.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"
#include "kern/Analysis/LoopDependences.h"
#include "kern/Analysis/Reductions.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

static bool has(MlirOperation op, const char *attr) {
  return !mlirAttributeIsNull(mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString(attr)));
}

static void describeReductions(MlirOperation loop) {
  MlirLocation loc = mlirOperationGetLocation(loop);
  intptr_t n = mlirOperationGetNumResults(loop);
  if (n == 0)
    kernEmitRemark(loc, "no reduction variables");
  for (intptr_t k = 0; k < n; ++k) {
    KernReductionKind kind = kernPrangeOpGetKind(loop, k);
    KernReductionInfo r = kernAnalyzeReduction(loop, k, kind);
    const char *name = kernReductionKindName(kind);
    if (r.verdict == KernReductionFound) {
      kernEmitRemark(loc, "reduction %d (%s): found%s", (int)k, name,
                     r.sign == KernSignUnsigned ? ", unsigned"
                     : r.sign == KernSignSigned ? ", signed"
                                                : "");
    } else if (r.verdict == KernReductionReplaced) {
      kernEmitRemark(loc, "reduction %d (%s): replaced, not combined",
                     (int)k, name);
    } else {
      MlirStringRef op = mlirIdentifierStr(mlirOperationGetName(r.culprit));
      kernEmitRemark(loc, "reduction %d (%s): used by %.*s", (int)k, name,
                     (int)op.length, op.data);
    }
  }
}

static void describeIndependence(MlirOperation loop) {
  MlirLocation loc = mlirOperationGetLocation(loop);
  KernLoopConflict c;
  if (kernLoopIterationsAreIndependent(loop, &c)) {
    kernEmitRemark(loc, "iterations are independent");
    return;
  }
  MlirStringRef op = mlirIdentifierStr(mlirOperationGetName(c.op));
  if (mlirValueIsABlockArgument(c.array))
    kernEmitRemark(loc, "conflict: %.*s of argument %d %s", (int)op.length,
                   op.data, (int)mlirBlockArgumentGetArgNumber(c.array),
                   c.why);
  else
    kernEmitRemark(loc, "conflict: %.*s %s", (int)op.length, op.data, c.why);
}

static MlirWalkResult describe(MlirOperation op, void *userData) {
  bool *failed = userData;
  bool reductions = has(op, "test.reductions");
  bool independent = has(op, "test.independent");
  if ((reductions || independent) && !kernOpIsPrange(op)) {
    kernEmitError(mlirOperationGetLocation(op),
                  "test.reductions and test.independent go on kern.prange");
    *failed = true;
    return MlirWalkResultAdvance;
  }
  if (reductions)
    describeReductions(op);
  if (independent)
    describeIndependence(op);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation op, const KernPassInfo *info) {
  (void)info;
  return kernWalkCheckingOps(op, describe);
}

static const KernPassInfo info = {
    .argument = "kern-test-loop-analyses",
    .name = "KernTestLoopAnalyses",
    .description = "Remark what the reduction and dependence analyses find "
                   "on kern.prange ops tagged test.reductions/independent",
    .opName = "",
    .run = run,
};

MlirPass kernCreateTestLoopAnalysesPass(void) { return kernPassCreate(&info); }
