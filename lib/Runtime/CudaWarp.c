/*===- CudaWarp.c - the CPU target of kern.cuda: warps and block votes ----===*
 *
 * The warp functions (`cuda.shfl_sync`, `ballot_sync`, `match_any_sync`,
 * `syncwarp`, ...) and the barriers with a vote (`syncthreads_count/and/
 * or`) of kernels lowered by convert-kern-gpu-to-host, with CUDA's
 * semantics on the fibers of CudaHost.c. A warp is 32 consecutive threads
 * of the block (in the order of the linear thread index, x fastest); the
 * last one has fewer when the block's size is not a multiple of 32, as
 * in CUDA (the missing lanes are inactive).
 *
 * A thread that calls one records its operation, mask and value in its
 * KernCudaThread and waits in the block's scheduler, which runs every other
 * thread to its next wait. After each such round (every thread that has
 * not ended waits), kernCudaReleaseWarps releases each lane whose mask's
 * lanes, those that have not ended, all wait at a warp operation whose
 * mask holds the lane (not at one of other lanes of the warp); it
 * computes every result of the round before any of them runs on (so a
 * lane that runs ahead cannot overwrite what another reads). Only when no
 * warp can go on does the block barrier open (kernCudaReleaseBlock, which
 * touches no thread: each reads the totals of the phase it waited at),
 * with the count, and and or of the predicates of the threads there.
 *
 * CUDA's rules kept: a lane out of range of a shuffle (`lane - delta < 0`,
 * `lane + delta > 31`, `lane ^ mask > 31`), or a source lane that is not
 * active (ended, outside the block, not in the mask), gives the caller its
 * own value; `shfl_sync`'s lane is taken modulo 32; ballots, votes and
 * matches count the active lanes of the mask only. A warp operation whose
 * lanes wait at a block barrier instead (undefined in CUDA) goes on with
 * the lanes that are there, rather than hanging.
 *
 *===----------------------------------------------------------------------===*/

#include "CudaHost.h"

#include <stdint.h>

/* The operations of kern_rt_cuda_warp (the `op` operand; KernGPUToHost.c
 * emits them). */
enum {
  WarpIdx = 0,
  WarpUp = 1,
  WarpDown = 2,
  WarpXor = 3,
  WarpAll = 4,
  WarpAny = 5,
  WarpBallot = 6,
  WarpMatchAny = 7,
  WarpMatchAll = 8,
  WarpActiveMask = 9,
  WarpSync = 10,
};

/* The votes of kern_rt_cuda_barrier_reduce. */
enum { BarrierPlain = 0, BarrierCount = 1, BarrierAnd = 2, BarrierOr = 3 };

static int64_t blockThreads(const Block *b) { return b->launch->numThreads; }

/* The result of a warp operation for lane `lane` of the warp whose first
 * thread is `w`, with the active lanes `group` (its own among them). */
static int64_t warpResult(KernCudaThread *w, int lane, uint32_t group) {
  KernCudaThread *t = &w[lane];
  uint64_t arg = (uint64_t)t->arg;
  int64_t src = -1;
  switch (t->op) {
  case WarpIdx:
    src = (int64_t)(arg & 31);
    break;
  case WarpUp:
    src = arg <= (uint64_t)lane ? lane - (int64_t)arg : -1;
    break;
  case WarpDown:
    src = arg <= 31 && lane + (int64_t)arg <= 31 ? lane + (int64_t)arg : -1;
    break;
  case WarpXor:
    src = arg <= 31 ? (int64_t)(lane ^ arg) : -1;
    break;
  default: {
    uint32_t ballot = 0, same = 0;
    for (int j = 0; j < 32; ++j) {
      if (!(group >> j & 1))
        continue;
      if (w[j].value)
        ballot |= 1u << j;
      if (w[j].value == t->value)
        same |= 1u << j;
    }
    switch (t->op) {
    case WarpAll:
      return ballot == group;
    case WarpAny:
      return ballot != 0;
    case WarpBallot:
      return (int32_t)ballot;
    case WarpMatchAny:
      return (int32_t)same;
    case WarpMatchAll:
      return same == group ? (int32_t)group : 0;
    case WarpActiveMask:
      return (int32_t)group;
    default: /* WarpSync */
      return 0;
    }
  }
  }
  if (src < 0 || src > 31 || !(group >> src & 1))
    return t->value;
  return w[src].value;
}

int kernCudaReleaseWarps(Block *b, int forced) {
  int64_t n = blockThreads(b);
  int released = 0;
  for (int64_t base = 0; base < n; base += 32) {
    KernCudaThread *w = &b->threads[base];
    int lanes = n - base < 32 ? (int)(n - base) : 32;
    uint32_t waiting = 0, live = 0;
    for (int j = 0; j < lanes; ++j) {
      if (!w[j].done)
        live |= 1u << j;
      if (!w[j].done && w[j].wait == KernCudaWaitWarp)
        waiting |= 1u << j;
    }
    if (!waiting)
      continue;
    /* the usual case: every lane waits with the same mask */
    int same = 1;
    uint32_t first = 0;
    for (int j = 0, seen = 0; j < lanes && same; ++j) {
      if (!(waiting >> j & 1))
        continue;
      if (w[j].op == WarpActiveMask || (seen && w[j].mask != first))
        same = 0;
      first = w[j].mask;
      seen = 1;
    }
    uint32_t go = 0, group[32];
    for (int j = 0; j < lanes; ++j) {
      if (!(waiting >> j & 1))
        continue;
      KernCudaThread *t = &w[j];
      if (t->op == WarpActiveMask) {
        /* not a synchronization: the lanes at the same call now */
        uint32_t g = 0;
        for (int k = 0; k < lanes; ++k)
          if ((waiting >> k & 1) && w[k].op == WarpActiveMask &&
              w[k].arg == t->arg)
            g |= 1u << k;
        group[j] = g;
        go |= 1u << j;
        continue;
      }
      /* the lanes waiting with it: those whose masks hold each other
       * (a lane waiting at an operation of other lanes is not there) */
      uint32_t mine = t->mask | 1u << j, with = 0;
      if (same && (t->mask >> j & 1))
        with = waiting & mine;
      else
        for (int k = 0; k < lanes; ++k)
          if ((waiting >> k & 1) && (mine >> k & 1) &&
              ((w[k].mask | 1u << k) >> j & 1) && w[k].op != WarpActiveMask)
            with |= 1u << k;
      uint32_t need = mine & live;
      if (forced || (need & ~with) == 0) {
        group[j] = need & with;
        go |= 1u << j;
      }
    }
    /* every result first: the released lanes may overwrite their values */
    for (int j = 0; j < lanes; ++j)
      if (go >> j & 1)
        w[j].result = warpResult(w, j, group[j]);
    for (int j = 0; j < lanes; ++j)
      if (go >> j & 1)
        w[j].wait = KernCudaRunnable;
    released |= go != 0;
  }
  return released;
}

int kernCudaReleaseBlock(Block *b) {
  if (!b->arrived)
    return 0;
  b->lastArrived = b->arrived;
  b->lastCount = b->count;
  b->arrived = b->count = 0;
  ++b->phase;
  return 1;
}

/* Waits in the scheduler for the result (a thread without a fiber, of a
 * kernel converted without barriers, is alone: its own result). */
static int64_t waitFor(KernCudaThread *t, int wait) {
  if (!t->block->stacks) {
    if (wait == KernCudaWaitWarp) {
      int lane = (int)((t - t->block->threads) % 32);
      return warpResult(t - lane, lane, 1u << lane);
    }
    return t->op == BarrierCount || t->op == BarrierAnd || t->op == BarrierOr
               ? t->value != 0
               : 0;
  }
  t->wait = wait;
  if (wait == KernCudaWaitBlock) {
    Block *b = t->block;
    t->phase = b->phase;
    ++b->arrived;
    b->count += t->value != 0;
    kernCudaYield(t);
    return t->op == BarrierCount ? b->lastCount
           : t->op == BarrierAnd ? b->lastCount == b->lastArrived
           : t->op == BarrierOr  ? b->lastCount != 0
                                 : 0;
  }
  kernCudaYield(t);
  return t->result;
}

void kern_rt_cuda_barrier(void *ctx) {
  KernCudaThread *t = ctx;
  t->op = BarrierPlain;
  t->value = 0;
  waitFor(t, KernCudaWaitBlock);
}

int32_t kern_rt_cuda_barrier_reduce(void *ctx, int32_t mode, int32_t pred) {
  KernCudaThread *t = ctx;
  t->op = mode;
  t->value = pred != 0;
  return (int32_t)waitFor(t, KernCudaWaitBlock);
}

int64_t kern_rt_cuda_warp(void *ctx, int32_t op, int32_t mask, int64_t value,
                          int64_t arg) {
  KernCudaThread *t = ctx;
  t->op = op;
  t->mask = (uint32_t)mask;
  t->value = value;
  t->arg = arg;
  return waitFor(t, KernCudaWaitWarp);
}
