/*===- kern-c/Runtime.h - what compiled code and its callers share ---*- C -*-===*
 *
 * libkern_runtime: plain C with no MLIR or LLVM dependency. Compiled code
 * calls the kern_rt_* functions (errors, random numbers); callers run
 * compiled code through kernRuntimeCall and read errors back. See
 * docs/abi.md.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_C_RUNTIME_H
#define KERN_C_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Python exception kinds that compiled code raises (order of kern.raise's
 * kinds in the dialect). 0 is "no error". */
typedef enum {
  KernErrorNone = 0,
  KernErrorValue = 1,           /* ValueError */
  KernErrorIndex = 2,           /* IndexError */
  KernErrorZeroDivision = 3,    /* ZeroDivisionError */
  KernErrorType = 4,            /* TypeError */
  KernErrorRuntime = 5,         /* RuntimeError */
  KernErrorAssertion = 6,       /* AssertionError */
  KernErrorOverflow = 7,        /* OverflowError */
  KernErrorMemory = 8,          /* MemoryError */
  KernErrorNotImplemented = 9,  /* NotImplementedError */
  KernErrorLinAlg = 10,         /* numpy.linalg.LinAlgError */
  KernErrorKey = 11,            /* KeyError */
  KernErrorException = 12,      /* a user-defined class (KernErrorArgsRepr) */
  KernErrorLast = KernErrorException,
  /* Or-ed into a kind by a `raise` statement (kern.raise {args_repr}): the
   * message is `repr(args)` of the exception, the arguments formatted as
   * Python writes them, and for KernErrorException the class before it as
   * `module:qualname ` (docs/abi.md). */
  KernErrorArgsRepr = 0x100,
} KernErrorKind;

/* Calls a packed entry point `packed(slots)` (docs/abi.md). Returns
 * KernErrorNone, or the kind of the exception the code raised. */
int kernRuntimeCall(void (*packed)(void **), void **slots);

/* What a C callback (@kern.cfunc, kern-callback-entry) does with an
 * exception its code raised: `handler(packed, kind, message)`, which the
 * Python extension sets to print it as Python prints an exception it
 * cannot raise (PyErr_WriteUnraisable). Without a handler the exception is
 * printed to stderr. */
typedef void (*KernCallbackErrorHandler)(void (*packed)(void **), int kind,
                                         const char *message);
void kernRuntimeSetCallbackErrorHandler(KernCallbackErrorHandler handler);

/* The message of the error that the last kernRuntimeCall on this thread
 * returned ("" after a call that raised nothing). */
const char *kernRuntimeErrorMessage(void);
/* Python name of an error kind ("ValueError", ...; "" for KernErrorNone,
 * "RuntimeError" for a number that is no kind; KernErrorArgsRepr ignored). */
const char *kernRuntimeErrorName(int kind);
/* The kind named `name` ("ValueError" -> KernErrorValue), or KernErrorNone. */
int kernRuntimeErrorKindFromName(const char *name);

/* Threads used by parallel code (OpenMP); 0 < n. KERN_NUM_THREADS in the
 * environment applies when the library loads (docs/abi.md). */
void kernRuntimeSetNumThreads(int n);
int kernRuntimeGetNumThreads(void);

/* Frees an array buffer that compiled code returned (free() is correct
 * too; this keeps a large block for the next result of its size). */
void kernRuntimeFree(void *ptr);
/* Frees the large blocks kept for reuse (lib/Runtime/Alloc.c). */
void kernRuntimeReleaseMemory(void);

/* One item of a line that compiled code prints (lib/Runtime/Print.c):
 * a text, a number or an array view (kindLetter 'b' 'i' 'u' 'f' 'c',
 * itemSize bytes, shape and strides in elements). */
typedef enum {
  KernPrintText,
  KernPrintInt,
  KernPrintUInt,
  KernPrintBool,
  KernPrintFloat,
  KernPrintComplex,
  KernPrintArray,
  KernPrintList, /* data: a KernList*, i: its item code */
  KernPrintDict, /* data: a KernDict*, i: key code, length: value code */
} KernPrintKind;

typedef struct {
  KernPrintKind kind;
  const char *text; /* Text: `length` bytes of UTF-8 */
  int64_t length;
  int64_t i;      /* Int, UInt (the bits), Bool */
  double re, im;  /* Float, Complex */
  char kindLetter; /* Array */
  int itemSize, ndim;
  char *data;
  const int64_t *shape, *strides;
} KernPrintItem;

/* Writes one printed line (the items' texts, concatenated; `flush` from
 * print(..., flush=True)). The Python extension sets one that writes to
 * sys.stdout; without one the runtime writes to stdout. Called on the
 * thread that prints, also inside parallel loops. */
typedef void (*KernPrintHandler)(const KernPrintItem *items, int64_t count,
                                 int flush);
void kernRuntimeSetPrintHandler(KernPrintHandler handler);

/* A list made by compiled code (lib/Runtime/List.c): `length` items of
 * `itemSize` bytes at `items` (bools one byte, complex numbers two parts).
 * Compiled code reads the fields at these offsets. */
typedef struct {
  int64_t length;   /* offset 0 */
  int64_t capacity; /* offset 8 */
  char *items;      /* offset 16 */
  int64_t itemSize; /* offset 24 */
} KernList;

/* A dict made by compiled code (lib/Runtime/Dict.c): `length` live entries
 * in insertion order among `used`, each {int64 key, int64 live, value of
 * `valueSize` bytes} of `entrySize` bytes; keys of kind 'i', 'u', 'b'
 * (integers) or 'f' (a double's bits). */
typedef struct {
  int64_t length; /* offset 0 */
  int64_t used, capacity, entrySize, valueSize, keyKind, mask;
  char *entries;
  int64_t *index;
} KernDict;

/* Lists and dicts live until the last holder releases them: a caller of compiled
 * code that makes lists holds them around the call and the reading of its
 * results (kern._kernrt does, for functions that use lists; so does
 * kernRuntimeCallback). */
void kernRuntimeHoldLists(void);
void kernRuntimeReleaseLists(void);

/*--- Called by compiled code --------------------------------------------*/

/* print(): the items of a line, then its end (lib/Runtime/Print.c; the
 * arguments are expanded memref descriptors). */
void kernRuntimePrintText(void *alloc, const char *aligned, int64_t offset,
                          int64_t length, int64_t stride);
void kernRuntimePrintInt(int64_t value);
void kernRuntimePrintUInt(int64_t value);
void kernRuntimePrintBool(int64_t value);
void kernRuntimePrintFloat(double value);
void kernRuntimePrintComplex(double re, double im);
void kernRuntimePrintArray(int64_t code, int64_t base, void *metaAlloc,
                           const int64_t *meta, int64_t metaOffset,
                           int64_t metaLength, int64_t metaStride);
void kernRuntimePrintList(KernList *l, int64_t itemCode);
void kernRuntimePrintDict(KernDict *d, int64_t keyCode, int64_t valueCode);
void kernRuntimePrintEnd(int64_t flush);

/* Lists: a new one of `length` zeroed items; room for more; the address
 * of a new item at `index` (moved up; clamped as list.insert), or NULL
 * after a MemoryError; removing the item at `index` (in range);
 * reversing; emptying. */
KernList *kernListNew(int64_t itemSize, int64_t length);
void kernListReserve(KernList *l, int64_t count);
void *kernListInsertSlot(KernList *l, int64_t index);
void kernListRemove(KernList *l, int64_t index);
void kernListReverse(KernList *l);
void kernListClear(KernList *l);
/* Sorts ascending; `code` is the item's kind letter << 8 | its size. */
void kernListSort(KernList *l, int64_t code);

/* Dicts: a new one; the address of the value of `key` (made, zeroed, when
 * absent: SetSlot; NULL when absent: GetSlot); deleting (1, or 0 when
 * absent); iterating: the entries packed (live ones first, in order; their
 * count), an entry's key and the address of its value; emptying. */
KernDict *kernDictNew(int64_t keyKind, int64_t valueSize);
void *kernDictSetSlot(KernDict *d, int64_t key);
void *kernDictGetSlot(KernDict *d, int64_t key);
int64_t kernDictDelete(KernDict *d, int64_t key);
int64_t kernDictEntries(KernDict *d);
int64_t kernDictKeyAt(const KernDict *d, int64_t entry);
void *kernDictValueAt(const KernDict *d, int64_t entry);
void kernDictClear(KernDict *d);

/* Array buffers (finalize-memref-to-llvm's generic allocation functions):
 * malloc, aligned_alloc and free, reusing recently freed large blocks. A
 * failed allocation raises MemoryError. A buffer allocated on the thread
 * that entered kernRuntimeCall is remembered until it is freed; when the
 * call raises, the buffers still remembered -- the temporaries the code
 * could not free -- are freed. Buffers the call returns stay the caller's,
 * to free with kernRuntimeFree (or free()). */
void *_mlir_memref_to_llvm_alloc(size_t size);
void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size);
void _mlir_memref_to_llvm_free(void *ptr);

/* Raises `kind` with `fmt` ("%d": int64, "%g": double bit-cast to int64,
 * "%%"), filled from args[0..nargs). Does not return on the thread that
 * entered kernRuntimeCall outside a parallel region; elsewhere records the
 * first error and returns. */
void kern_rt_raise(int32_t kind, const char *fmt, int64_t nargs,
                   const int64_t *args);

/* `try` statements (kern/frontend/trying.py). kern_rt_try runs the
 * outlined body `body(cells)` as a nested call: a raise in it unwinds
 * here (also inside a parallel region, when the try runs there), its
 * temporaries are freed, and the exception becomes the thread's current
 * one; returns KernErrorNone or the exception's kind. kern_rt_caught_is
 * tells whether the current exception's message starts with the text
 * (a memref<?xi8>: `module:qualname ` of a user class); kern_rt_try_end
 * ends its handling (an except clause that completes), kern_rt_reraise
 * raises it again (bare `raise`, no clause matching).
 * kern_rt_raise_recorded raises, where it can unwind, the error a parallel
 * region recorded (after a prange loop in a try body, whose statements
 * after the loop must not run). */
int32_t kern_rt_try(void (*body)(void *), void *cells);
int32_t kern_rt_caught_is(void *alloc, const char *aligned, int64_t offset,
                          int64_t length, int64_t stride);
void kern_rt_try_end(void);
void kern_rt_reraise(void);
void kern_rt_raise_recorded(void);

/* The body of a C callback: kernRuntimeCall(packed, slots), and an
 * exception handed to the callback error handler (the callback returns
 * what its result slot holds, 0 when the code raised before storing it).
 * Returns the error kind. */
int32_t kernRuntimeCallback(void (*packed)(void **), void **slots);

void kern_rt_seed(int64_t seed);
double kern_rt_random_uniform_f64(void);
double kern_rt_random_normal_f64(void);
uint32_t kern_rt_random_bits32(void);
/* NumPy's legacy standard_gamma, beta and poisson, on the thread's state
 * (called by compiled code directly: kern/frontend/randoms.py). */
double kern_rt_random_standard_gamma(double shape);
double kern_rt_random_beta(double a, double b);
int64_t kern_rt_random_poisson(double lam);
int64_t kern_rt_random_geometric(double p);

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_RUNTIME_H */
