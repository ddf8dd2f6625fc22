/*===- Internal.h - what the runtime's files share ------------------*- C -*-===*/

#ifndef KERN_RUNTIME_INTERNAL_H
#define KERN_RUNTIME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "kern-c/Runtime.h"

/* The allocator (Alloc.c) tells the error machinery (Error.c) about the
 * buffers of the running call, so that a call which raises frees the
 * temporaries it left. Track raises MemoryError for a NULL `ptr` (failed
 * allocation of `size` bytes) and returns NULL; else returns `ptr`. */
void *kernRuntimeTrackBuffer(void *ptr, uint64_t size);
void kernRuntimeUntrackBuffer(void *ptr);

/* A new zeroed container of `bytes` (a list, a dict), recorded until the
 * last holder releases the containers (List.c), when `release` frees what
 * it holds. NULL after a MemoryError. */
void *kernRuntimeNewContainer(size_t bytes, void (*release)(void *));

/* log(Gamma(x)) as NumPy's random_loggam (Random.c), for the legacy
 * distributions of RandomDiscrete.c. */
double kernRandomLogGamma(double x);

/* Python's repr of a float (Print.c), malloc'd, its length in `*length`;
 * NULL when memory ran out. */
char *kernRuntimeFloatRepr(double x, size_t *length);

/* What the str runtime's two files share (Str.c: objects, operators,
 * search, split and join; StrChars.c: characters and conversions). */
KernStr *kernStrChar(uint32_t c); /* shared objects below U+0100 */
KernStr *kernStrPart(const KernStr *s, int64_t from, int64_t to);
size_t kernStrEncodeUTF8(const KernStr *s, char *out); /* 4 bytes a point */
void kernRuntimeRaiseText(int kind, const char *text); /* no placeholders */
typedef struct {
  uint32_t *data;
  int64_t length, capacity;
} KernStrBuffer; /* code points, growing */
void kernStrPut(KernStrBuffer *b, uint32_t c);
KernStr *kernStrFinish(KernStrBuffer *b); /* a string of them; frees b */
int kernCharIsSpace(uint32_t c);
int kernCharIsLinebreak(uint32_t c);
int kernCharIsPrintable(uint32_t c);

/* A thread of the CPU target of kern.cuda (CudaHost.c) that raises stops
 * there: with an escape set on this thread, kern_rt_raise records the
 * error and longjmps to it (NULL: none). */
#include <setjmp.h>
void kernRuntimeSetRaiseEscape(jmp_buf *escape);

/* Code about to run on another stack, of `size` bytes from `low` (a fiber
 * of CudaHost.c), makes it the calling thread's stack for the stack check
 * (Stack.c); returns the thread's limit, for kernRuntimeStackLeave when
 * the code is back on the thread's own stack. */
uintptr_t kernRuntimeStackEnter(void *low, size_t size);
void kernRuntimeStackLeave(uintptr_t previous);

/* The items pushed for the line being built on this thread (Print.c), which
 * a with objmode(...) block takes as its arguments (Objmode.c): the line is
 * empty again after this call; the items stay valid until the thread's next
 * push. */
const KernPrintItem *kernRuntimeTakePrintItems(int64_t *count);

#endif /* KERN_RUNTIME_INTERNAL_H */
