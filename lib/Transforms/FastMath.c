/*===- FastMath.c - kern-fastmath: every fast-math flag on float ops -------===*
 *
 * `fastmath=True`: sets all fast-math flags (`fast`: nnan, ninf, nsz,
 * arcp, contract, afn, reassoc) on every op that carries an
 * #arith.fastmath attribute — arith, math, complex and vector ops. The
 * conversions to the LLVM dialect carry the flags over, so LLVM may
 * reassociate (vectorized reductions), contract (FMA) and use approximate
 * math. Part of kern-cpu-pipeline{fastmath=1}, after the last pass that
 * creates floating-point ops and before the LLVM conversions.
 *
 *   %s = arith.addf %acc, %v : f64
 *   %e = math.exp %x : f64
 * becomes
 *   %s = arith.addf %acc, %v fastmath<fast> : f64
 *   %e = math.exp %x fastmath<fast> : f64
 *
 * (kernCompile chooses a subset of flags with KernCompileOptions.
 * fastmathFlags and sets them on the LLVM IR instead.)
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Passes.h"

#include "../Support/Builder.h"
#include "../Support/Pass.h"

/* Replaces an #arith.fastmath attribute named `fastmath` by `*userData`
 * (#arith.fastmath<fast>). */
static MlirWalkResult setFast(MlirOperation op, void *userData) {
  MlirAttribute fast = *(const MlirAttribute *)userData;
  MlirStringRef name = mlirStringRefCreateFromCString("fastmath");
  MlirAttribute flags = mlirOperationGetAttributeByName(op, name);
  if (!mlirAttributeIsNull(flags) &&
      mlirTypeIDEqual(mlirAttributeGetTypeID(flags),
                      mlirAttributeGetTypeID(fast)))
    mlirOperationSetAttributeByName(op, name, fast);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult run(MlirOperation op, const KernPassInfo *info) {
  (void)info;
  MlirContext ctx = mlirOperationGetContext(op);
  MlirAttribute fast = mlirAttributeParseGet(
      ctx, mlirStringRefCreateFromCString("#arith.fastmath<fast>"));
  if (mlirAttributeIsNull(fast)) /* arith is a dependent dialect: never */
    return kernEmitError(mlirOperationGetLocation(op),
                         "kern-fastmath: cannot make #arith.fastmath<fast>");
  mlirOperationWalk(op, setFast, &fast, MlirWalkPreOrder);
  return mlirLogicalResultSuccess();
}

static const char *const kDependentDialects[] = {"arith", NULL};

static const KernPassInfo kInfo = {
    .argument = "kern-fastmath",
    .name = "KernFastMath",
    .description = "Set every fast-math flag on floating-point ops "
                   "(fastmath=True)",
    .opName = "",
    .run = run,
    .dependentDialects = kDependentDialects,
};

MlirPass kernCreateFastMathPass(void) { return kernPassCreate(&kInfo); }
