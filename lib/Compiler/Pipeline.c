/*===- Pipeline.c - kern-cpu-pipeline: kern IR to the LLVM dialect ---------===*
 *
 * The agreed order (docs/passes.md), anchored on builtin.module:
 *
 *  kern passes (KernPipelineKernPasses)
 *   0. inline                     the module's private callees (njit
 *                                 functions called, overload
 *                                 implementations) into their callers, so
 *                                 that their array expressions fuse with
 *                                 the caller's and prange bodies that call
 *                                 them parallelize
 *      kern-refine-layouts        unit strides of C/F arguments in the type
 *      convert-kern-gpu-to-host   kernels (kern.kernel, device functions
 *                                 inlined) and kern.launch to host code and
 *                                 the CPU runtime of kern.cuda
 *   1. kern-canonicalize          fold trivial kern ops
 *   2. kern-broadcast             NumPy broadcasting made explicit
 *   3. kern-fuse                  ufunc->ufunc and ufunc->reduce fusion
 *   4. kern-canonicalize, canonicalize, cse
 *   5. convert-kern-to-affine     array ops to loop nests over memrefs
 *  lowering (KernPipelineLowering)
 *   6. convert-kern-prange-to-scf kern.prange to scf.parallel / scf.for
 *   7. convert-kern-to-runtime    kern.random/seed/raise to runtime calls
 *   8. buffer deallocation        temporaries freed; a returned buffer is
 *                                 owned by the caller (an argument returned
 *                                 as is gets cloned)
 *   9. kern-packed-entry          `<name>__kern_packed(!llvm.ptr)` wrappers;
 *                                 after 8, which would otherwise free the
 *                                 results the wrapper hands to the caller;
 *      kern-callback-entry        C callbacks of the functions marked
 *                                 kern.callback (@kern.cfunc)
 *  10. lower-affine (+ convert-scf-to-openmp, kern-parallel-threshold with
 *      `parallel`: loops too small to pay for the threads run serially;
 *      + kern-fastmath with `fastmath`, after the last pass that makes
 *      floating-point ops)
 *  11. the standard conversions to the LLVM dialect, memref first
 *      (expand-strided-metadata makes affine.apply of the views' offsets
 *      and sizes, so lower-affine runs again after it). Buffers come from
 *      the runtime's _mlir_memref_to_llvm_alloc/free (use-generic-functions:
 *      malloc and free that keep large blocks mapped, lib/Runtime/Alloc.c).
 *      finalize-memref-to-llvm lowers the memref.alloca_scope that
 *      convert-scf-to-openmp wraps each parallel body in (and those of
 *      convert-kern-to-runtime), which must not hold the several blocks that
 *      convert-scf-to-cf would make of an scf.if or scf.for inside
 *
 * kernCompile asks for `fastmath` here only when all flags are wanted; a
 * chosen subset (KernCompileOptions.fastmathFlags) is set on the LLVM IR
 * by the code generator instead (lib/Compiler/CodeGen.c).
 *
 *===----------------------------------------------------------------------===*/

#include "Pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const kKernPasses =
    "inline,func.func(kern-refine-layouts),convert-kern-gpu-to-host,kern-canonicalize,kern-broadcast,"
    "kern-fuse,"
    "kern-canonicalize,canonicalize,cse,"
    "func.func(convert-kern-to-affine)";

static const char *const kBufferDeallocation =
    "ownership-based-buffer-deallocation,canonicalize,"
    "buffer-deallocation-simplification,bufferization-lower-deallocations,"
    "convert-bufferization-to-memref";

static const char *const kToLLVM =
    "expand-strided-metadata,lower-affine,"
    "finalize-memref-to-llvm{use-generic-functions=1},"
    "convert-scf-to-cf,"
    "canonicalize,cse,convert-math-to-llvm,convert-complex-to-llvm,"
    "convert-to-llvm,reconcile-unrealized-casts";

static size_t result(int n) { return n < 0 ? 0 : (size_t)n; }

size_t kernCpuPipelinePartText(KernPipelineOptions options,
                               KernPipelinePart part, char *buffer,
                               size_t capacity) {
  if (part == KernPipelineKernPasses)
    return result(snprintf(buffer, capacity, "%s", kKernPasses));
  return result(snprintf(
      buffer, capacity,
      "func.func(convert-kern-prange-to-scf),convert-kern-to-runtime,%s,"
      "kern-packed-entry,kern-callback-entry,lower-affine%s%s,%s",
      kBufferDeallocation,
      options.parallel
          ? ",convert-scf-to-openmp,func.func(kern-parallel-threshold)"
          : "",
      options.fastmath ? ",kern-fastmath" : "", kToLLVM));
}

size_t kernCpuPipelineText(KernPipelineOptions options, char *buffer,
                           size_t capacity) {
  char kern[1024], lowering[2048];
  kernCpuPipelinePartText(options, KernPipelineKernPasses, kern, sizeof kern);
  kernCpuPipelinePartText(options, KernPipelineLowering, lowering,
                          sizeof lowering);
  return result(snprintf(buffer, capacity, "builtin.module(%s,%s)", kern,
                         lowering));
}

KernPipelineOptions kernPipelineOptionsFor(const KernCompileOptions *o) {
  KernPipelineOptions p = o->pipeline;
  p.fastmath = p.fastmath && o->fastmathFlags == 0;
  return p;
}

/*===----------------------------------------------------------------------===*
 * kern-gpu-pipeline: kernels to PTX, the host side to the LLVM dialect
 *
 *  kern passes (KernGpuKernPasses): as kern-cpu-pipeline's, without
 *      convert-kern-gpu-to-host; then convert-kern-prange-to-scf and
 *      convert-kern-to-gpu (kernels into gpu.module @kern_gpu)
 *  device (KernGpuDevice): nvvm-attach-target{chip O=3 l=libdevice} and in
 *      the gpu.module the lowering to the NVVM dialect (affine, scf, memref
 *      views, complex first; math functions to libdevice's __nv_*)
 *  binary (KernGpuBinary): gpu-module-to-binary{format=isa}, the PTX
 *  host (KernGpuHost): kern-gpu-launch-to-runtime, then the lowering half
 *      of kern-cpu-pipeline (steps 7-11)
 *===----------------------------------------------------------------------===*/

static const char *const kGpuKernPasses =
    "inline,func.func(kern-refine-layouts),kern-canonicalize,kern-broadcast,"
    "kern-fuse,kern-canonicalize,canonicalize,cse,"
    "func.func(convert-kern-to-affine),func.func(convert-kern-prange-to-scf),"
    "convert-kern-to-gpu";

const char *kernLibdevicePath(void) {
  const char *env = getenv("KERN_LIBDEVICE");
  if (env && *env)
    return env;
  static const char *const candidates[] = {
      "/usr/local/cuda/nvvm/libdevice/libdevice.10.bc",
      "/usr/lib/nvidia-cuda-toolkit/libdevice/libdevice.10.bc",
      "/usr/lib/cuda/nvvm/libdevice/libdevice.10.bc"};
  for (size_t i = 0; i < sizeof candidates / sizeof *candidates; ++i)
    if (access(candidates[i], R_OK) == 0)
      return candidates[i];
  return NULL;
}

size_t kernGpuPipelinePartText(const char *chip, KernGpuPipelinePart part,
                               char *buffer, size_t capacity) {
  if (!chip || !*chip)
    chip = "sm_80";
  switch (part) {
  case KernGpuKernPasses:
    return result(snprintf(buffer, capacity, "%s", kGpuKernPasses));
  case KernGpuDevice: {
    const char *libdevice = kernLibdevicePath();
    return result(snprintf(
        buffer, capacity,
        "nvvm-attach-target{chip=%s O=3%s%s},"
        "gpu.module(expand-strided-metadata,lower-affine,convert-scf-to-cf,"
        "canonicalize,cse,convert-complex-to-llvm,convert-gpu-to-nvvm,"
        "convert-math-to-llvm,canonicalize,cse,reconcile-unrealized-casts)",
        chip, libdevice ? " l=" : "", libdevice ? libdevice : ""));
  }
  case KernGpuBinary:
    return result(
        snprintf(buffer, capacity, "gpu-module-to-binary{format=isa}"));
  case KernGpuHost: {
    char lowering[2048];
    kernCpuPipelinePartText((KernPipelineOptions){0}, KernPipelineLowering,
                            lowering, sizeof lowering);
    return result(snprintf(buffer, capacity, "kern-gpu-launch-to-runtime,%s",
                           lowering));
  }
  }
  return 0;
}

size_t kernGpuPipelineText(const char *chip, char *buffer, size_t capacity) {
  char parts[4][4096];
  for (int i = 0; i < 4; ++i)
    kernGpuPipelinePartText(chip, (KernGpuPipelinePart)i, parts[i],
                            sizeof parts[i]);
  return result(snprintf(buffer, capacity, "builtin.module(%s,%s,%s,%s)",
                         parts[0], parts[1], parts[2], parts[3]));
}
