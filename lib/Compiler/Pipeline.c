/*===- Pipeline.c - the named pipelines from kern IR to the LLVM dialect ---===*
 *
 * kern-cpu-pipeline, in order:
 *   kern-canonicalize          fold trivial kern ops
 *   convert-scf-to-cf, the standard lowerings to LLVM
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Compiler.h"

#include <stdio.h>

size_t kernCpuPipelineText(KernPipelineOptions options, char *buffer,
                           size_t capacity) {
  (void)options;
  int n = snprintf(buffer, capacity,
                   "builtin.module("
                   "kern-canonicalize,"
                   "canonicalize,cse,"
                   "lower-affine,convert-scf-to-cf,"
                   "expand-strided-metadata,finalize-memref-to-llvm,"
                   "convert-to-llvm,reconcile-unrealized-casts)");
  return n < 0 ? 0 : (size_t)n;
}
