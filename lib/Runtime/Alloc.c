/*===- Alloc.c - array buffers of compiled code ----------------------------===*
 *
 * Compiled code allocates and frees array buffers through the generic
 * functions of MLIR's memref lowering (finalize-memref-to-llvm with
 * use-generic-functions): _mlir_memref_to_llvm_alloc, _aligned_alloc and
 * _free. They are malloc, aligned_alloc and free, with one difference: a
 * freed large block is kept in a small cache and handed to the next
 * allocation of about the same size.
 *
 * Why: glibc serves a large block with a fresh mmap and unmaps it on free,
 * so every call of `y = f(x)` on 10^7 doubles page-faults 80 MB in again --
 * measured, 28 ms of a 4 ms kernel. With the cache the pages stay mapped.
 * NumPy pays the same faults for its own temporaries; kern need not.
 *
 * Every block is still a malloc block: free() on it stays correct (it just
 * bypasses the cache), which is what docs/abi.md promises callers. The
 * buffers of a running call are tracked (Error.c) so that a call which
 * raises frees its temporaries, and a failed allocation raises MemoryError.
 * KERN_ALLOC_CACHE_MB bounds the bytes held (default 512; 0 turns the cache
 * off); kernRuntimeReleaseMemory() empties it.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"
#include "Internal.h"

#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

enum {
  kMinCachedBytes = 256 * 1024, /* glibc's heap serves smaller blocks well */
  kMaxCachedBlocks = 8,
};

typedef struct Cache {
  pthread_mutex_t lock;
  void *blocks[kMaxCachedBlocks]; /* oldest first */
  size_t sizes[kMaxCachedBlocks]; /* malloc_usable_size of each */
  int n;
  size_t bytes, limit;
  int limitKnown;
} Cache;

static Cache cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Called with the lock held. */
static size_t limitBytes(void) {
  if (!cache.limitKnown) {
    const char *env = getenv("KERN_ALLOC_CACHE_MB");
    long mb = env && *env ? strtol(env, NULL, 10) : 512;
    cache.limit = mb > 0 ? (size_t)mb << 20 : 0;
    cache.limitKnown = 1;
  }
  return cache.limit;
}

static void removeAt(int i) {
  cache.bytes -= cache.sizes[i];
  for (int j = i; j + 1 < cache.n; ++j) {
    cache.blocks[j] = cache.blocks[j + 1];
    cache.sizes[j] = cache.sizes[j + 1];
  }
  --cache.n;
}

/* A cached block of at least `size` bytes (wasting at most a quarter),
 * aligned to `align`, or NULL. */
static void *takeCached(size_t size, size_t align) {
  if (size < kMinCachedBytes)
    return NULL;
  void *found = NULL;
  pthread_mutex_lock(&cache.lock);
  for (int i = cache.n - 1; i >= 0; --i) {
    size_t have = cache.sizes[i];
    if (have >= size && have - size <= size / 4 &&
        (uintptr_t)cache.blocks[i] % align == 0) {
      found = cache.blocks[i];
      removeAt(i);
      break;
    }
  }
  pthread_mutex_unlock(&cache.lock);
  return found;
}

void *_mlir_memref_to_llvm_alloc(size_t size) {
  void *p = takeCached(size, 1);
  return kernRuntimeTrackBuffer(p ? p : malloc(size ? size : 1), size);
}

void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size) {
  void *p = takeCached(size, alignment);
  if (!p) {
    /* aligned_alloc wants a size that is a multiple of the alignment. */
    size_t rounded = (size + alignment - 1) / alignment * alignment;
    p = aligned_alloc(alignment, rounded ? rounded : alignment);
  }
  return kernRuntimeTrackBuffer(p, size);
}

/* Gives a block back: kept for reuse when large, else freed. */
static void release(void *ptr) {
  if (!ptr)
    return;
  size_t size = malloc_usable_size(ptr);
  if (size >= kMinCachedBytes) {
    pthread_mutex_lock(&cache.lock);
    size_t limit = limitBytes();
    if (size <= limit) {
      while (cache.n == kMaxCachedBlocks || cache.bytes + size > limit) {
        void *old = cache.blocks[0];
        removeAt(0);
        free(old);
      }
      cache.blocks[cache.n] = ptr;
      cache.sizes[cache.n++] = size;
      cache.bytes += size;
      ptr = NULL;
    }
    pthread_mutex_unlock(&cache.lock);
  }
  free(ptr);
}

void _mlir_memref_to_llvm_free(void *ptr) {
  kernRuntimeUntrackBuffer(ptr);
  release(ptr);
}

void kernRuntimeFree(void *ptr) { release(ptr); }

void kernRuntimeReleaseMemory(void) {
  pthread_mutex_lock(&cache.lock);
  while (cache.n > 0) {
    void *old = cache.blocks[0];
    removeAt(0);
    free(old);
  }
  pthread_mutex_unlock(&cache.lock);
}
