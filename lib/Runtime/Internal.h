/*===- Internal.h - what the runtime's files share ------------------*- C -*-===*/

#ifndef KERN_RUNTIME_INTERNAL_H
#define KERN_RUNTIME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

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

/* A thread of the CPU target of kern.cuda (CudaHost.c) that raises stops
 * there: with an escape set on this thread, kern_rt_raise records the
 * error and longjmps to it (NULL: none). */
#include <setjmp.h>
void kernRuntimeSetRaiseEscape(jmp_buf *escape);

#endif /* KERN_RUNTIME_INTERNAL_H */
