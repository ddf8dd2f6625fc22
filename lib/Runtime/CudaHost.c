/*===- CudaHost.c - the CPU target of kern.cuda: running a grid ----------===*
 *
 * `kern_rt_cuda_launch` runs a kernel lowered by convert-kern-gpu-to-host
 * (lib/Conversion/KernGPUToHost) on the CPU, keeping CUDA's semantics:
 *
 *   - The blocks of the grid are shared out among worker threads (as many
 *     as kern's thread count, kernRuntimeGetNumThreads, and no more than
 *     the blocks), each taking the next block from an atomic counter.
 *   - The threads of a block run on the worker one after the other. A
 *     kernel with barriers (`cuda.syncthreads()`) runs each of its threads
 *     as a fiber on a heap stack (on x86-64 a switch of the callee-saved
 *     registers, kernFiberSwitch; elsewhere makecontext/swapcontext):
 *     `kern_rt_cuda_barrier` switches back to the block's scheduler, which
 *     resumes every fiber in turn, so that each thread reaches the barrier
 *     before any goes past it. The warp functions wait in the scheduler
 *     the same way, for the lanes of their warp only (CudaWarp.c). A
 *     kernel without barriers or warp functions needs no fiber.
 *   - Each block has its own shared memory (static arrays, then the
 *     launch's dynamic bytes), zeroed, that its threads see at
 *     `ctx->shared`.
 *
 * The thread function is `void fn(void **env, KernCudaThread *ctx)`: `env`
 * holds one pointer per kernel argument, `ctx` starts with the indices (12
 * int64: threadIdx, blockIdx, blockDim, gridDim, x y z each), the shared
 * memory and its size, the layout the lowered code reads.
 *
 * Errors: a launch configuration CUDA refuses raises ValueError naming the
 * limit (before any thread runs). A raise inside the kernel (an exception,
 * a bounds check) runs on a worker thread, where kern_rt_raise records the
 * first error and longjmps to the thread's escape (kernRuntimeSetRaiseEscape,
 * set here per thread or fiber): that CUDA thread stops, its block ends and
 * no other block starts, as a trap ends a grid; kernRuntimeCall, which
 * called the launch, reports the error when the launch returns.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"
#include "CudaHost.h"
#include "Internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

/* CUDA's limits (compute capability 5.0 and later). */
enum {
  MaxThreadsPerBlock = 1024,
  MaxBlockDimZ = 64,
  MaxGridDimYZ = 65535,
};
static const int64_t MaxGridDimX = 2147483647;
static const size_t FiberStack = 256 * 1024;

/* The body of a fiber: the thread, with its escape for a raise. */
static void fiberBody(KernCudaThread *t) {
  jmp_buf escape;
  t->escape = &escape;
  kernRuntimeSetRaiseEscape(&escape);
  if (setjmp(escape) == 0)
    t->block->launch->fn(t->block->launch->env, t);
  else
    atomic_store(&t->block->launch->failed, 1);
  kernRuntimeSetRaiseEscape(NULL);
  t->done = 1;
}

#if defined(__x86_64__) && !defined(KERN_CUDA_UCONTEXT)
/* Fibers by a stack switch of the System V callee-saved registers: a few
 * instructions, where glibc's swapcontext also makes a signal-mask system
 * call (about 1 us). kernFiberSwitch(&from->sp, to->sp) saves rbp, rbx,
 * r12-r15 on the current stack, stores the stack pointer, loads the
 * other and returns on it. */
void kernFiberSwitch(void **from, void *to);
__asm__(".text\n"
        ".p2align 4\n"
        ".globl kernFiberSwitch\n"
        ".hidden kernFiberSwitch\n"
        ".type kernFiberSwitch,@function\n"
        "kernFiberSwitch:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n"
        "  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n"
        "  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n"
        ".size kernFiberSwitch, .-kernFiberSwitch\n");

static _Thread_local KernCudaThread *starting; /* the fiber fiberStart runs */

static void fiberStart(void) {
  KernCudaThread *t = starting;
  fiberBody(t);
  kernFiberSwitch(&t->sp, t->block->schedulerSp); /* never resumed */
}

static void fiberInit(KernCudaThread *t, char *stack) {
  uintptr_t top = ((uintptr_t)stack + FiberStack) & ~(uintptr_t)15;
  void **sp = (void **)(top - 8); /* fiberStart's (absent) return address */
  *sp = NULL;
  *--sp = (void *)fiberStart; /* where kernFiberSwitch returns */
  for (int i = 0; i < 6; ++i)
    *--sp = NULL; /* rbp, rbx, r12-r15 */
  t->sp = sp;
}

static void fiberResume(Block *b, KernCudaThread *t) {
  starting = t;
  kernFiberSwitch(&b->schedulerSp, t->sp);
}

static void fiberYield(KernCudaThread *t) {
  kernFiberSwitch(&t->sp, t->block->schedulerSp);
}
#else
/* makecontext passes int arguments: the thread's pointer in two halves. */
static void fiberMain(unsigned lo, unsigned hi) {
  fiberBody((KernCudaThread *)(((uintptr_t)hi << 32) | (uintptr_t)lo));
  /* uc_link returns to the scheduler */
}

static void fiberInit(KernCudaThread *t, char *stack) {
  getcontext(&t->context);
  t->context.uc_stack.ss_sp = stack;
  t->context.uc_stack.ss_size = FiberStack;
  t->context.uc_link = &t->block->scheduler;
  uintptr_t p = (uintptr_t)t;
  makecontext(&t->context, (void (*)(void))fiberMain, 2,
              (unsigned)(p & 0xffffffffu), (unsigned)(p >> 32));
}

static void fiberResume(Block *b, KernCudaThread *t) {
  swapcontext(&b->scheduler, &t->context);
}

static void fiberYield(KernCudaThread *t) {
  swapcontext(&t->context, &t->block->scheduler);
}
#endif

void kernCudaYield(KernCudaThread *t) { fiberYield(t); }

static void setIndices(Block *b, int64_t blockIndex) {
  Launch *l = b->launch;
  int64_t bx = blockIndex % l->grid[0];
  int64_t by = blockIndex / l->grid[0] % l->grid[1];
  int64_t bz = blockIndex / l->grid[0] / l->grid[1];
  for (int64_t i = 0; i < l->numThreads; ++i) {
    KernCudaThread *t = &b->threads[i];
    t->tid[0] = i % l->block[0];
    t->tid[1] = i / l->block[0] % l->block[1];
    t->tid[2] = i / l->block[0] / l->block[1];
    t->bid[0] = bx, t->bid[1] = by, t->bid[2] = bz;
    t->done = 0;
    t->wait = KernCudaRunnable;
  }
}

static void runBlock(Block *b, int64_t blockIndex) {
  Launch *l = b->launch;
  setIndices(b, blockIndex);
  if (l->sharedBytes)
    memset(b->threads[0].shared, 0, (size_t)l->sharedBytes);
  if (!l->barrier) {
    jmp_buf escape;
    kernRuntimeSetRaiseEscape(&escape);
    volatile int64_t i = 0;
    if (setjmp(escape) == 0)
      for (; i < l->numThreads; ++i)
        l->fn(l->env, &b->threads[i]);
    else
      atomic_store(&l->failed, 1);
    kernRuntimeSetRaiseEscape(NULL);
    return;
  }
  b->phase = b->arrived = b->count = 0;
  for (int64_t i = 0; i < l->numThreads; ++i) {
    KernCudaThread *t = &b->threads[i];
    t->escape = NULL;
    fiberInit(t, b->stacks + (size_t)i * FiberStack);
  }
  /* Rounds: every fiber that can run runs to its next wait (a barrier, a
   * warp function) or its end; then the scheduler releases the warps
   * whose lanes have all arrived, or else the block's barrier (CudaWarp.c).
   * A thread that raised ends the block: the others are dropped where
   * they wait (CUDA ends the whole grid). */
  for (int warps = 0;; warps = 0) {
    for (int64_t i = 0; i < l->numThreads && !atomic_load(&l->failed); ++i) {
      KernCudaThread *t = &b->threads[i];
      if (t->wait == KernCudaWaitBlock && t->phase != b->phase)
        t->wait = KernCudaRunnable; /* the barrier opened */
      if (t->done || t->wait != KernCudaRunnable) {
        warps |= !t->done && t->wait == KernCudaWaitWarp;
        continue;
      }
      kernRuntimeSetRaiseEscape(t->escape);
      /* the stack check of recursive calls compares with the fiber's */
      uintptr_t limit =
          kernRuntimeStackEnter(b->stacks + (size_t)i * FiberStack, FiberStack);
      fiberResume(b, t);
      kernRuntimeStackLeave(limit);
      kernRuntimeSetRaiseEscape(NULL);
      warps |= t->wait == KernCudaWaitWarp;
    }
    if (atomic_load(&l->failed))
      break;
    if (warps &&
        (kernCudaReleaseWarps(b, 0) || kernCudaReleaseWarps(b, 1)))
      continue;
    if (!kernCudaReleaseBlock(b))
      break; /* no thread waits: all have ended */
  }
}

static void *worker(void *arg) {
  Launch *l = arg;
  Block b = {.launch = l};
  b.threads = calloc((size_t)l->numThreads, sizeof *b.threads);
  char *shared = l->sharedBytes ? malloc((size_t)l->sharedBytes) : NULL;
  size_t stackBytes = (size_t)l->numThreads * FiberStack;
  if (l->barrier) {
    void *m = mmap(NULL, stackBytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    b.stacks = m == MAP_FAILED ? NULL : m;
  }
  if (!b.threads || (l->sharedBytes && !shared) || (l->barrier && !b.stacks)) {
    kern_rt_raise(KernErrorMemory, "kern.cuda: out of memory for a block of "
                  "the CPU target", 0, NULL);
  } else {
    for (int64_t i = 0; i < l->numThreads; ++i) {
      KernCudaThread *t = &b.threads[i];
      for (int d = 0; d < 3; ++d)
        t->bdim[d] = l->block[d], t->gdim[d] = l->grid[d];
      t->shared = shared;
      t->sharedBytes = l->sharedBytes;
      t->block = &b;
    }
    for (;;) {
      int64_t next = atomic_fetch_add(&l->next, 1);
      if (next >= l->numBlocks || atomic_load(&l->failed))
        break;
      runBlock(&b, next);
    }
  }
  if (b.stacks)
    munmap(b.stacks, stackBytes);
  free(shared);
  free(b.threads);
  return NULL;
}

static int badConfiguration(const int64_t grid[3], const int64_t block[3],
                            int64_t sharedBytes) {
  for (int d = 0; d < 3; ++d) {
    if (grid[d] < 1 || block[d] < 1) {
      int64_t a[1] = {grid[d] < 1 ? grid[d] : block[d]};
      kern_rt_raise(KernErrorValue,
                    grid[d] < 1 ? "kern.cuda: the grid's dimension is %d, "
                                  "it must be at least 1"
                                : "kern.cuda: the block's dimension is %d, "
                                  "it must be at least 1",
                    1, a);
      return 1;
    }
  }
  int64_t threads = block[0] * block[1] * block[2];
  if (block[0] > MaxThreadsPerBlock || block[1] > MaxThreadsPerBlock ||
      threads > MaxThreadsPerBlock) {
    int64_t a[2] = {threads, MaxThreadsPerBlock};
    kern_rt_raise(KernErrorValue, "kern.cuda: %d threads per block, more than "
                  "CUDA's limit of %d", 2, a);
    return 1;
  }
  if (block[2] > MaxBlockDimZ) {
    int64_t a[2] = {block[2], MaxBlockDimZ};
    kern_rt_raise(KernErrorValue, "kern.cuda: blockDim.z is %d, more than "
                  "CUDA's limit of %d", 2, a);
    return 1;
  }
  if (grid[0] > MaxGridDimX || grid[1] > MaxGridDimYZ || grid[2] > MaxGridDimYZ) {
    int64_t a[3] = {grid[0], grid[1], grid[2]};
    kern_rt_raise(KernErrorValue, "kern.cuda: a grid of (%d, %d, %d) blocks "
                  "is more than CUDA's limits (2147483647, 65535, 65535)", 3, a);
    return 1;
  }
  if (sharedBytes < 0) {
    int64_t a[1] = {sharedBytes};
    kern_rt_raise(KernErrorValue, "kern.cuda: %d bytes of dynamic shared "
                  "memory", 1, a);
    return 1;
  }
  return 0;
}

void kern_rt_cuda_launch(void *fn, void **env, int64_t gx, int64_t gy,
                         int64_t gz, int64_t bx, int64_t by, int64_t bz,
                         int64_t staticShared, int64_t dynamicShared,
                         int32_t barrier) {
  Launch l = {.fn = (KernThreadFn)fn, .env = env,
              .grid = {gx, gy, gz}, .block = {bx, by, bz},
              .barrier = barrier};
  if (badConfiguration(l.grid, l.block, dynamicShared))
    return;
  l.sharedBytes = staticShared + dynamicShared;
  l.numBlocks = gx * gy * gz;
  l.numThreads = bx * by * bz;
  atomic_init(&l.next, 0);
  atomic_init(&l.failed, 0);
  int64_t workers = kernRuntimeGetNumThreads();
  if (workers < 1) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    workers = n > 0 ? n : 1;
  }
  if (workers > l.numBlocks)
    workers = l.numBlocks;
  /* Every block runs on a worker thread, none on the caller's: a raise
   * there records its error and returns, as in an OpenMP region. */
  pthread_t *ids = malloc(sizeof(pthread_t) * (size_t)workers);
  if (!ids) {
    kern_rt_raise(KernErrorMemory, "kern.cuda: out of memory", 0, NULL);
    return;
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 8u << 20);
  int64_t started = 0;
  for (; started < workers; ++started)
    if (pthread_create(&ids[started], &attr, worker, &l) != 0)
      break;
  pthread_attr_destroy(&attr);
  if (started == 0)
    worker(&l); /* no thread could start: run here */
  for (int64_t i = 0; i < started; ++i)
    pthread_join(ids[i], NULL);
  free(ids);
}

/*===----------------------------------------------------------------------===*
 * Atomics without an LLVM atomicrmw kind (kern/frontend/atomics.py)
 *===----------------------------------------------------------------------===*/

/* The new value of `cur` for op 0 xor, 1 inc, 2 dec, 3 cas (CUDA's). */
#define KERN_ATOMIC_UPDATE(cur, a, b, op)                                      \
  ((op) == 0   ? (cur) ^ (a)                                                  \
   : (op) == 1 ? ((cur) >= (a) ? 0 : (cur) + 1)                               \
   : (op) == 2 ? (((cur) == 0 || (cur) > (a)) ? (a) : (cur) - 1)              \
               : ((cur) == (a) ? (b) : (cur)))

uint32_t kern_rt_cuda_atomic32(int32_t op, void *ptr, uint32_t a, uint32_t b) {
  _Atomic uint32_t *p = ptr;
  uint32_t cur = atomic_load(p);
  while (!atomic_compare_exchange_weak(p, &cur,
                                       KERN_ATOMIC_UPDATE(cur, a, b, op)))
    ;
  return cur;
}

uint64_t kern_rt_cuda_atomic64(int32_t op, void *ptr, uint64_t a, uint64_t b) {
  _Atomic uint64_t *p = ptr;
  uint64_t cur = atomic_load(p);
  while (!atomic_compare_exchange_weak(p, &cur,
                                       KERN_ATOMIC_UPDATE(cur, a, b, op)))
    ;
  return cur;
}
