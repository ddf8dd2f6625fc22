/*===- Objmode.c - `with objmode(...)` blocks from compiled code -----------===*
 *
 * A `with kern.objmode(y='float64[:]'):` block runs in the Python
 * interpreter (kern/frontend/objmode.py outlines its body into a Python
 * function). Compiled code pushes the values the block reads as print items
 * (kernRuntimePrintInt, ...Array: Print.c), then calls
 *
 *   func.call @kernRuntimeObjmode(%site, %results) : (i64, !llvm.ptr) -> ()
 *
 * which hands the items to the handler of the Python extension (kern/_objmode.c):
 * it boxes them, runs the block registered as `site`, and writes the
 * declared outputs into `results`, 64-bit words in order: an integer or a
 * bool (its int64 value), a float (a double's bits), a complex (two
 * doubles), a str (a KernStr pointer), an array (a memref descriptor
 * {data, data, 0, sizes, strides in elements} of the NumPy array, which
 * the handler keeps alive until kernRuntimeObjmodeRelease; compiled code
 * copies it into an array of its own first). An exception in the block becomes a raise of its
 * kind here (the extension raises the original exception object to the
 * Python caller). Inside a parallel region, or without a handler (compiled
 * code called from C), the call raises RuntimeError and leaves zeros
 * (arrays of no elements) in `results`.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"
#include "Internal.h"

#include <stdatomic.h>
#include <string.h>

static _Atomic(KernObjmodeHandler) objmodeHandler;
static _Atomic(void (*)(void)) objmodeRelease;

void kernRuntimeSetObjmodeHandler(KernObjmodeHandler handler,
                                  void (*release)(void)) {
  atomic_store(&objmodeHandler, handler);
  atomic_store(&objmodeRelease, release);
}

void kernRuntimeObjmode(int64_t site, int64_t *results, int64_t words) {
  int64_t count = 0;
  const KernPrintItem *items = kernRuntimeTakePrintItems(&count);
  memset(results, 0, (size_t)words * sizeof *results);
  KernObjmodeHandler handler = atomic_load(&objmodeHandler);
  if (!handler) {
    kernRuntimeRaiseText(KernErrorRuntime,
                         "a with objmode(...) block runs in the Python "
                         "interpreter: not available to this caller");
    return;
  }
  if (kernRuntimeInParallel()) {
    kernRuntimeRaiseText(KernErrorRuntime,
                         "a with objmode(...) block cannot run inside a "
                         "parallel region (prange)");
    return;
  }
  char message[512];
  message[0] = '\0';
  int kind = handler(site, items, count, results, words, message,
                     sizeof message);
  if (kind != KernErrorNone) {
    memset(results, 0, (size_t)words * sizeof *results);
    kernRuntimeRaiseText(kind, message);
  }
}

void kernRuntimeObjmodeRelease(void) {
  void (*release)(void) = atomic_load(&objmodeRelease);
  if (release)
    release();
}
