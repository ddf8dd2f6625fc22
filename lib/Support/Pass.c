/*===- Pass.c - external passes from a KernPassInfo -----------------------===*/

#include "Pass.h"
#include "Vec.h"

#include "mlir-c/Dialect/Affine.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Complex.h"
#include "mlir-c/Dialect/ControlFlow.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/LLVM.h"
#include "mlir-c/Dialect/Math.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/NVVM.h"
#include "mlir-c/Dialect/OpenMP.h"
#include "mlir-c/Dialect/SCF.h"
#include "kern-c/Dialect.h"

#include <stdlib.h>
#include <string.h>

static void noop(void *userData) { (void)userData; }
static void *cloneInfo(void *userData) { return userData; }

static void runPass(MlirOperation op, MlirExternalPass pass, void *userData) {
  const KernPassInfo *info = (const KernPassInfo *)userData;
  if (mlirLogicalResultIsFailure(info->run(op, info)))
    mlirExternalPassSignalFailure(pass);
}

/* Maps a dialect namespace to its registration handle. */
static int dialectHandle(const char *name, MlirDialectHandle *out) {
  static const struct {
    const char *name;
    MlirDialectHandle (*get)(void);
  } known[] = {
      {"affine", mlirGetDialectHandle__affine__},
      {"arith", mlirGetDialectHandle__arith__},
      {"cf", mlirGetDialectHandle__cf__},
      {"complex", mlirGetDialectHandle__complex__},
      {"func", mlirGetDialectHandle__func__},
      {"gpu", mlirGetDialectHandle__gpu__},
      {"llvm", mlirGetDialectHandle__llvm__},
      {"math", mlirGetDialectHandle__math__},
      {"memref", mlirGetDialectHandle__memref__},
      {"nvvm", mlirGetDialectHandle__nvvm__},
      {"omp", mlirGetDialectHandle__omp__},
      {"scf", mlirGetDialectHandle__scf__},
      {"kern", mlirGetDialectHandle__kern__},
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; ++i)
    if (strcmp(known[i].name, name) == 0) {
      *out = known[i].get();
      return 1;
    }
  return 0;
}

MlirPass kernPassCreate(const KernPassInfo *info) {
  intptr_t nNames = 0;
  for (const char *const *d = info->dependentDialects; d && *d; ++d)
    ++nNames;
  MlirDialectHandle *deps = KERN_ALLOC(MlirDialectHandle, nNames);
  intptr_t nDeps = 0;
  for (intptr_t i = 0; i < nNames; ++i)
    nDeps += dialectHandle(info->dependentDialects[i], &deps[nDeps]);
  MlirExternalPassCallbacks callbacks = {
      .construct = noop,
      .destruct = noop,
      .initialize = NULL,
      .clone = cloneInfo,
      .run = runPass,
  };
  /* The info struct is static and pointer-aligned: its address is a unique
   * type id for the pass. */
  MlirPass pass = mlirCreateExternalPass(
      mlirTypeIDCreate(info), mlirStringRefCreateFromCString(info->name),
      mlirStringRefCreateFromCString(info->argument),
      mlirStringRefCreateFromCString(info->description),
      mlirStringRefCreateFromCString(info->opName ? info->opName : ""), nDeps,
      deps, callbacks, (void *)info);
  free(deps); /* the pass keeps its own copy of the handles */
  return pass;
}

MlirLogicalResult kernWalkCheckingOps(MlirOperation op,
                                      MlirWalkResult (*visit)(MlirOperation,
                                                              void *)) {
  bool failed = false;
  mlirOperationWalk(op, visit, &failed, MlirWalkPreOrder);
  return failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
