/*===- Pass.h - writing an MLIR pass in C ---------------------------*- C -*-===*
 *
 * A kern pass is a static KernPassInfo and one function that runs on an op:
 *
 *   static MlirLogicalResult run(MlirOperation func, void *state) { ... }
 *   static const KernPassInfo info = {
 *       .argument = "kern-fuse", .name = "KernFuse",
 *       .description = "Fuse producer ufuncs into their consumers",
 *       .opName = "func.func", .run = run};
 *   MlirPass kernCreateFusePass(void) { return kernPassCreate(&info); }
 *
 * kernPassCreate wraps it in mlirCreateExternalPass (type id, clone, failure
 * signalling). The pass shows in `kern-opt --help` once its name is listed in
 * include/kern-c/Passes.def.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_SUPPORT_PASS_H
#define KERN_SUPPORT_PASS_H

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct KernPassInfo {
  const char *argument;    /* command-line flag, e.g. "kern-fuse" */
  const char *name;        /* pass name, e.g. "KernFuse" */
  const char *description; /* one line for --help */
  const char *opName;      /* "func.func", "builtin.module", or "" for any */
  /* Runs on one op; failure() fails the pass (after emitting a diagnostic). */
  MlirLogicalResult (*run)(MlirOperation op, const struct KernPassInfo *info);
  /* Dialects the pass creates ops of (loaded before the pass runs). */
  const char *const *dependentDialects; /* NULL-terminated names, or NULL */
} KernPassInfo;

MlirPass kernPassCreate(const KernPassInfo *info);

/* Walks `op` pre-order calling `visit(op, &failed)`; a visit that emits an
 * error sets `failed`. Returns failure when one did (the test passes of
 * lib/Analysis run this way). */
MlirLogicalResult kernWalkCheckingOps(MlirOperation op,
                                      MlirWalkResult (*visit)(MlirOperation,
                                                              void *));

#ifdef __cplusplus
}
#endif

#endif /* KERN_SUPPORT_PASS_H */
