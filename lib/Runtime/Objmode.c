/*===- Objmode.c - `with objmode(...)` blocks from compiled code -----------===*
 *
 * A `with kern.objmode(y='float64[:]'):` block runs in the Python
 * interpreter (kern/frontend/objmode.py outlines its body into a Python
 * function). Compiled code pushes the values the block reads as print items
 * (kernRuntimePrintInt, ...Array: Print.c), then calls
 *
 *   %words = func.call @kernRuntimeObjmode(%site, %count)
 *       : (i64, i64) -> !llvm.ptr
 *
 * which hands the items to the handler of the Python extension
 * (kern/_objmode.c): it boxes them, runs the block registered as `site`,
 * and writes the declared outputs into the thread's buffer of `count`
 * 64-bit words (valid until the thread's next block), in order: an integer or a
 * bool (its int64 value), a float (a double's bits), a complex (two
 * doubles), a str (a KernStr pointer), an array (a memref descriptor
 * {data, data, 0, sizes, strides in elements} of the NumPy array, which
 * the handler keeps alive until kernRuntimeObjmodeRelease; compiled code
 * copies it into an array of its own first). An exception in the block becomes a raise of its
 * kind here (the extension raises the original exception object to the
 * Python caller). The handler takes the GIL, so that the threads of a
 * parallel loop run their blocks one at a time (the function releases the
 * GIL while it runs). Without a handler (compiled code called from C) the
 * call raises RuntimeError. After an error the words are zeros (arrays of
 * no elements): a raise inside a parallel region returns.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"
#include "Internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static _Atomic(KernObjmodeHandler) objmodeHandler;
static _Atomic(void (*)(void)) objmodeRelease;

void kernRuntimeSetObjmodeHandler(KernObjmodeHandler handler,
                                  void (*release)(void)) {
  atomic_store(&objmodeHandler, handler);
  atomic_store(&objmodeRelease, release);
}

/* The result words of the thread's last block (each thread of a parallel
 * loop has its own), and zeros to hand out when they cannot grow. */
static _Thread_local int64_t *threadWords;
static _Thread_local int64_t threadCapacity;
static const int64_t spareZeros[KERN_OBJMODE_MAX_WORDS];

int64_t *kernRuntimeObjmode(int64_t site, int64_t words) {
  int64_t count = 0;
  const KernPrintItem *items = kernRuntimeTakePrintItems(&count);
  if (words > threadCapacity) {
    int64_t capacity = words < 16 ? 16 : words;
    int64_t *grown = realloc(threadWords, (size_t)capacity * sizeof *grown);
    if (!grown) {
      kernRuntimeRaiseText(KernErrorMemory,
                           "no memory for the outputs of a with "
                           "objmode(...) block");
      return (int64_t *)spareZeros; /* only read (frontend: <= the max) */
    }
    threadWords = grown;
    threadCapacity = capacity;
  }
  int64_t *results = threadWords;
  memset(results, 0, (size_t)words * sizeof *results);
  KernObjmodeHandler handler = atomic_load(&objmodeHandler);
  if (!handler) {
    kernRuntimeRaiseText(KernErrorRuntime,
                         "a with objmode(...) block runs in the Python "
                         "interpreter: not available to this caller");
    return results;
  }
  char message[512];
  message[0] = '\0';
  int kind = handler(site, items, count, results, words, message,
                     sizeof message);
  if (kind != KernErrorNone) {
    memset(results, 0, (size_t)words * sizeof *results);
    kernRuntimeRaiseText(kind, message);
  }
  return results;
}

void kernRuntimeObjmodeRelease(void) {
  void (*release)(void) = atomic_load(&objmodeRelease);
  if (release)
    release();
}
