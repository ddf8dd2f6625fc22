/*===- Pipeline.h - kern-cpu-pipeline in parts (private) ------------*- C -*-===*
 *
 * kernCompile runs kern-cpu-pipeline in two halves so that it can time them
 * and keep the IR between them (the "affine" stage): the kern passes up to
 * and including convert-kern-to-affine, then the lowering to the LLVM
 * dialect. kernCpuPipelineText is the two halves joined.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_COMPILER_PIPELINE_H
#define KERN_COMPILER_PIPELINE_H

#include "kern-c/Compiler.h"

typedef enum {
  KernPipelineKernPasses, /* steps 1-5: kern IR to affine/scf/memref */
  KernPipelineLowering,   /* steps 6-11: to the LLVM dialect */
} KernPipelinePart;

/* The pass list of one part, comma-separated and anchored on
 * builtin.module but without the `builtin.module(...)` around it
 * (snprintf-style: returns the length it needs). */
size_t kernCpuPipelinePartText(KernPipelineOptions options,
                               KernPipelinePart part, char *buffer,
                               size_t capacity);

/* The pipeline options of a compile: kern-fastmath sets every flag, so a
 * chosen subset of fastmathFlags is left to the code generator. */
KernPipelineOptions kernPipelineOptionsFor(const KernCompileOptions *o);

typedef enum {
  KernGpuKernPasses, /* kern IR to affine/scf, kernels to gpu.module */
  KernGpuDevice,     /* the gpu.module to the NVVM dialect */
  KernGpuBinary,     /* gpu-module-to-binary: PTX */
  KernGpuHost,       /* launches to runtime calls, host to the LLVM dialect */
} KernGpuPipelinePart;

/* One part of kern-gpu-pipeline for the target `chip` ("sm_80"), as
 * kernCpuPipelinePartText. */
size_t kernGpuPipelinePartText(const char *chip, KernGpuPipelinePart part,
                               char *buffer, size_t capacity);

/* libdevice.10.bc of the CUDA toolkit (KERN_LIBDEVICE, else the usual
 * places), or NULL. */
const char *kernLibdevicePath(void);

#endif /* KERN_COMPILER_PIPELINE_H */
