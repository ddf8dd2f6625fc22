/*===- CudaHost.h - what the CPU target of kern.cuda's files share --*- C -*-===*
 *
 * CudaHost.c runs a grid (blocks on worker threads, the threads of a block
 * as fibers); CudaWarp.c has the warp functions and the block-wide votes
 * (`syncthreads_count/and/or`), whose threads wait in the block's
 * scheduler (kernCudaWait) until the scheduler computes their results.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_RUNTIME_CUDAHOST_H
#define KERN_RUNTIME_CUDAHOST_H

#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>

typedef void (*KernThreadFn)(void **env, void *ctx);

struct Block;

/* What a fiber waits for (KernCudaThread.wait). */
enum { KernCudaRunnable = 0, KernCudaWaitBlock = 1, KernCudaWaitWarp = 2 };

/* What compiled code reads (the first 14 words) and the fiber's state. */
typedef struct KernCudaThread {
  int64_t tid[3], bid[3], bdim[3], gdim[3];
  char *shared;
  int64_t sharedBytes;
  struct Block *block;
  void *sp;           /* the fiber's saved stack pointer (x86-64 switching) */
  jmp_buf *escape;    /* where a raise in this fiber goes (fiberBody's) */
  int done;
  /* A wait in the scheduler (CudaWarp.c): the operation, its operands and,
   * once the scheduler released the thread, its result. */
  int wait;
  int32_t op;     /* KernCudaBarrierMode or KernCudaWarpOp */
  uint32_t mask;  /* the lanes of a warp operation (with its own) */
  int64_t value;  /* the value (its bits) or the predicate */
  int64_t arg;    /* the lane, delta or call site */
  int64_t result;
  int64_t phase; /* the block barrier it waits at (Block.phase then) */
  ucontext_t context; /* the fiber (ucontext switching; last: cold) */
} KernCudaThread;

typedef struct Launch {
  KernThreadFn fn;
  void **env;
  int64_t grid[3], block[3];
  int64_t sharedBytes;
  int barrier; /* fibers: the kernel has barriers or warp functions */
  int64_t numBlocks, numThreads;
  _Atomic int64_t next;
  _Atomic int failed; /* a thread raised: no further block starts */
} Launch;

typedef struct Block {
  Launch *launch;
  KernCudaThread *threads;
  char *stacks; /* numThreads stacks of FiberStack bytes (fibers only) */
  ucontext_t scheduler;
  void *schedulerSp;
  /* The block barrier: the threads at the open one (Block.phase) and
   * their true predicates; the totals of the one that opened last. A
   * thread that waits at an earlier phase than Block.phase can run. */
  int64_t phase, arrived, count, lastArrived, lastCount;
} Block;

/* The functions below are the runtime's own (not exported). */
#define KERN_CUDA_INTERNAL __attribute__((visibility("hidden")))

/* Switches from the fiber of `t` back to its block's scheduler
 * (CudaHost.c). */
KERN_CUDA_INTERNAL void kernCudaYield(KernCudaThread *t);

/* After a round of the scheduler, when every thread of the block that has
 * not ended waits: releases the waiting threads of warp operations whose
 * lanes have all arrived (or, with `forced`, every one of them, with the
 * lanes that are there: a warp whose other lanes wait at a block barrier,
 * which CUDA leaves undefined), computing their results. Returns whether
 * it released any (CudaWarp.c). */
KERN_CUDA_INTERNAL int kernCudaReleaseWarps(struct Block *b, int forced);

/* Opens the block barrier, where every thread that has not ended waits
 * (their votes' totals kept for them); returns whether any waited
 * (CudaWarp.c). */
KERN_CUDA_INTERNAL int kernCudaReleaseBlock(struct Block *b);

#endif /* KERN_RUNTIME_CUDAHOST_H */
