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
  KernErrorInterrupt = 13,      /* KeyboardInterrupt (SIGINT; no kern.raise
                                   kind: kern_rt_interrupt raises it) */
  KernErrorLast = KernErrorInterrupt,
  /* Or-ed into a kind by a `raise` statement (kern.raise {args_repr}): the
   * message is `repr(args)` of the exception, the arguments formatted as
   * Python writes them, and for KernErrorException the class before it as
   * `module:qualname ` (docs/abi.md). */
  KernErrorArgsRepr = 0x100,
} KernErrorKind;

/* Ctrl-C in compiled loops (lib/Runtime/Interrupt.c). The SIGINT handler
 * kernRuntimeInstallInterruptHandler installs sets kern_rt_interrupt_flag
 * and then runs the handler it replaced (Python's, which trips Python's own
 * flag). Compiled loops that run other loops, and while loops, read the
 * flag (a volatile load) on each iteration and call kern_rt_interrupt when
 * it is set, which raises KernErrorInterrupt (in a parallel region:
 * records it and sets the flag to 2, the prange iterations after it are
 * skipped). An outermost kernRuntimeCall
 * clears the flag first (a Ctrl-C that Python already saw is not the
 * compiled code's). Returns 1 when the handler is in place, 0 when SIGINT
 * is ignored or has its default action (then nothing is installed). */
extern volatile int32_t kern_rt_interrupt_flag;
void kern_rt_interrupt(void);
int kernRuntimeInstallInterruptHandler(void);

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
  KernPrintDict, /* data: a KernDict*, i: key code, length: value code
                    (0: a set, of keys only) */
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

/* `with objmode(...)` blocks (lib/Runtime/Objmode.c): the handler runs
 * block `site` in Python with the pushed print items as its arguments and
 * writes its `words` result words; returns KernErrorNone, or the kind of
 * the exception it raised with its message in `message` (`cap` bytes).
 * `release` drops the arrays the last call keeps for compiled code to copy.
 * The Python extension sets them. */
typedef int (*KernObjmodeHandler)(int64_t site, const KernPrintItem *args,
                                  int64_t nargs, int64_t *results,
                                  int64_t words, char *message, size_t cap);
void kernRuntimeSetObjmodeHandler(KernObjmodeHandler handler,
                                  void (*release)(void));

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
 * in insertion order among `used`, each {int64 live, int64 key[keyWords],
 * value of `valueSize` bytes} of `entrySize` bytes; keys of kind 'i', 'u',
 * 'b' (integers), 'f' (a double's bits), 'U' (a KernStr*), one word each,
 * or 'T': a tuple of numbers, a word per leaf of kind leafKinds[i]. */
typedef struct {
  int64_t length; /* offset 0 */
  int64_t used, capacity, entrySize, valueSize, keyKind, mask;
  char *entries;
  int64_t *index;
  int64_t keyWords;
  char *leafKinds; /* 'T': keyWords kinds ('i' 'u' 'b' 'f' 'U'); else NULL */
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
/* A with objmode(...) block: the pushed items are its arguments; returns
 * its `words` result words, in a buffer of the thread valid until its next
 * block (Objmode.c; at most KERN_OBJMODE_MAX_WORDS: the frontend refuses
 * more); then, after the arrays among them are copied, the release of the
 * Python objects behind them. */
#define KERN_OBJMODE_MAX_WORDS 4096
int64_t *kernRuntimeObjmode(int64_t site, int64_t words);
void kernRuntimeObjmodeRelease(void);

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
/* An array stored into a list: the copy of `data` that the descriptor at
 * `slot` then describes (sizes and strides written there first); and a
 * copy's buffer handed to a result (no longer freed with the lists). */
void kernListAdoptArray(int64_t *slot, const char *data, int64_t offset,
                        int64_t itemSize, int64_t ndim);
void kernRuntimeDisown(void *allocated);
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
/* The key of the last live entry, removed (KeyError when empty). */
int64_t kernDictPopLast(KernDict *d);
/* Keys of any kind, by the address of their `keyWords` words (compiled
 * code stores them in the calling thread's buffer of kernDictKeyWords,
 * room for `count` words, for the one call that follows): a dict of
 * tuple keys (`leaves` words of the kinds in `leafKinds`, one letter a
 * word); a new empty dict of the keys of `d`; the calls above by key
 * address; the address of an entry's key; the last key removed into
 * `key` (1; KeyError when empty). */
int64_t *kernDictKeyWords(int64_t count);
KernDict *kernDictNewTuple(const int64_t *leafKinds, int64_t leaves,
                           int64_t valueSize);
KernDict *kernDictNewLike(const KernDict *d, int64_t valueSize);
void *kernDictSetSlotKey(KernDict *d, const int64_t *key);
void *kernDictGetSlotKey(KernDict *d, const int64_t *key);
int64_t kernDictDeleteKey(KernDict *d, const int64_t *key);
const int64_t *kernDictKeyAddress(const KernDict *d, int64_t entry);
int64_t kernDictPopLastKey(KernDict *d, int64_t *key);
/* The hash of a key (a tuple key's is CPython's hash of the tuple). */
int64_t kernDictHash(const KernDict *d, const int64_t *key);

/* Sets (lib/Runtime/Set.c): KernDicts of `valueSize` 0, made with
 * kernDictNew(keyKind, 0), added to with kernDictSetSlot, looked up with
 * kernDictGetSlot, discarded from with kernDictDelete. The algebra: `s`
 * changed in place by `other` (of the same key kind; `s` may be `other`);
 * a copy; s <= other; no common keys; the same keys. */
void kernSetUpdate(KernDict *s, KernDict *other);
void kernSetIntersectionUpdate(KernDict *s, KernDict *other);
void kernSetDifferenceUpdate(KernDict *s, KernDict *other);
void kernSetSymmetricDifferenceUpdate(KernDict *s, KernDict *other);
KernDict *kernSetCopy(KernDict *s);
int64_t kernSetIsSubset(KernDict *s, KernDict *other);
int64_t kernSetIsDisjoint(KernDict *s, KernDict *other);
int64_t kernSetEqual(KernDict *s, KernDict *other);

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

/* Raises RecursionError when the calling thread's stack is nearly full
 * (lib/Runtime/Stack.c). Before each recursive call, compiled code reads
 * the thread's limit itself, at the thread pointer plus
 * kern_rt_stack_limit_offset (a uintptr_t, UINTPTR_MAX until the thread's
 * first call of kern_rt_check_stack computes it), and calls
 * kern_rt_check_stack only when the stack pointer is below it. */
void kern_rt_check_stack(void);
extern intptr_t kern_rt_stack_limit_offset;

/* Says that libraries were loaded (kern's JIT and cache call it after
 * loading compiled code and what it needs): the runtime looks for libomp
 * again. */
void kernRuntimeLibrariesChanged(void);

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
/* More of NumPy's legacy distributions (RandomDiscrete.c, called by
 * kern/np/legacy_random.py): binomial's variant bits say which of NumPy's
 * binomials (1: none drawn for n or p 0; 2: log1p in the inversion). */
int64_t kern_rt_random_binomial(double p, int64_t n, int64_t variant);
int64_t kern_rt_random_hypergeometric(int64_t good, int64_t bad,
                                      int64_t sample);
int64_t kern_rt_random_logseries(double p);
int64_t kern_rt_random_zipf(double a);
double kern_rt_random_vonmises(double mu, double kappa);
double kern_rt_random_f(double dfnum, double dfden);
double kern_rt_random_wald(double mean, double scale);
int64_t kern_rt_random_negative_binomial(double n, double p);
double kern_rt_random_noncentral_chisquare(double df, double nonc);
/* Python's random module (CPython's generator and seeding), a state per
 * thread apart from NumPy's: seed(|n|), 32 random bits, random(), and
 * gauss(0, 1) (kern/py/pyrandom.py builds the rest on them). */
void kern_rt_pyrandom_seed(int64_t n);
uint32_t kern_rt_pyrandom_bits32(void);
double kern_rt_pyrandom_random(void);
double kern_rt_pyrandom_gauss(void);

/* A str made by compiled code (lib/Runtime/Str.c): `length` code points
 * as UCS4 after it (offset 8). Immutable; shared freely. */
typedef struct {
  int64_t length; /* offset 0 */
  uint32_t data[];
} KernStr;

/* CPython's character database, set by the Python extension (without it
 * strings follow ASCII rules): predicates, the full case mappings
 * (`how`: 0 upper, 1 lower, 2 title, 3 casefold; up to 3 code points into
 * `out`, returns their count), the decimal value (-1: none) and CPython's
 * hash of a str's bytes in its 1-, 2- or 4-byte form. */
typedef struct {
  int (*isSpace)(uint32_t), (*isLower)(uint32_t), (*isUpper)(uint32_t),
      (*isTitle)(uint32_t), (*isCased)(uint32_t), (*isCaseIgnorable)(uint32_t),
      (*isDecimal)(uint32_t), (*isDigit)(uint32_t), (*isNumeric)(uint32_t),
      (*isAlpha)(uint32_t), (*isLinebreak)(uint32_t), (*isPrintable)(uint32_t),
      (*isXidStart)(uint32_t), (*isXidContinue)(uint32_t), (*toDecimal)(uint32_t);
  int (*toCase)(uint32_t c, int how, uint32_t out[3]);
  int64_t (*hashBytes)(const void *bytes, int64_t length);
} KernUnicodeDatabase;
void kernRuntimeSetUnicodeDatabase(const KernUnicodeDatabase *database);

/* A new string of `length` code points (to be filled), recorded with the
 * lists; from UTF-8; its UTF-8 (recorded too); printed as a text. */
KernStr *kernStrNew(int64_t length);
KernStr *kernStrFromUTF8(const char *text, int64_t bytes);
const char *kernStrUTF8(const KernStr *s, int64_t *bytes);
void kernRuntimePrintStr(const KernStr *s);
/* What compiled code calls (kern/frontend/strings.py documents each). */
KernStr *kernStrConcat(const KernStr *a, const KernStr *b);
KernStr *kernStrRepeat(const KernStr *a, int64_t n);
int64_t kernStrCompare(const KernStr *a, const KernStr *b);
int64_t kernStrEqual(const KernStr *a, const KernStr *b);
KernStr *kernStrGetItem(const KernStr *s, int64_t i);
KernStr *kernStrSlice(const KernStr *s, int64_t start, int64_t stop, int64_t step, int64_t given);
int64_t kernStrFind(const KernStr *s, const KernStr *sub, int64_t start, int64_t end, int64_t given, int64_t flags);
int64_t kernStrContains(const KernStr *s, const KernStr *sub);
int64_t kernStrCount(const KernStr *s, const KernStr *sub, int64_t start, int64_t end, int64_t given);
int64_t kernStrAffix(const KernStr *s, const KernStr *affix, int64_t start, int64_t end, int64_t given, int64_t suffix);
KernStr *kernStrReplace(const KernStr *s, const KernStr *old, const KernStr *with, int64_t count);
KernList *kernStrSplit(const KernStr *s, const KernStr *sep, int64_t maxsplit, int64_t right);
KernList *kernStrSplitLines(const KernStr *s, int64_t keepends);
KernStr *kernStrJoin(const KernStr *sep, const KernList *items);
KernList *kernStrPartition(const KernStr *s, const KernStr *sep, int64_t right);
KernStr *kernStrStrip(const KernStr *s, const KernStr *chars, int64_t which);
KernStr *kernStrCase(const KernStr *s, int64_t which);
int64_t kernStrIs(const KernStr *s, int64_t which);
KernStr *kernStrPad(const KernStr *s, int64_t width, const KernStr *fill, int64_t how);
KernStr *kernStrExpandTabs(const KernStr *s, int64_t tabsize);
KernStr *kernStrFromInt(int64_t value, int64_t isUnsigned);
KernStr *kernStrFromFloat(double value);
int64_t kernStrToInt(const KernStr *s, int64_t base);
double kernStrToFloat(const KernStr *s);
int64_t kernStrOrd(const KernStr *s);
KernStr *kernStrChr(int64_t code);
int64_t kernStrHash(const KernStr *s);
KernStr *kernStrRepr(const KernStr *s);
KernList *kernStrChars(const KernStr *s);
void kernStrRaiseKeyError(const KernStr *s);

/*--- kern.cuda on a GPU (lib/Runtime/Cuda.c) ------------------------------*/

/* The CUDA Driver API through dlopen("libcuda.so.1") (KERN_CUDA_LIBRARY
 * names another file), opened at the first call: without a driver every
 * call fails with a message, nothing aborts. The functions return the
 * CUresult (0: success); kern_rt_cuda_error_text is the message of this
 * thread's last failure. Pointers to device memory are uint64_t. */
const char *kern_rt_cuda_error_text(void);
int32_t kern_rt_cuda_available(void); /* a driver and a device */
int32_t kern_rt_cuda_device_count(int32_t *count);
int32_t kern_rt_cuda_device_info(int32_t device, char *name, int32_t cap,
                                 int32_t *major, int32_t *minor);
int32_t kern_rt_cuda_select_device(int32_t device);
int32_t kern_rt_cuda_synchronize(void);
int32_t kern_rt_cuda_mem_alloc(uint64_t *ptr, uint64_t bytes);
int32_t kern_rt_cuda_mem_free(uint64_t ptr);
int32_t kern_rt_cuda_mem_info(uint64_t *free_, uint64_t *total);
/* kind 0: host to device, 1: device to host, 2: device to device */
int32_t kern_rt_cuda_memcpy(int32_t kind, uint64_t dst, uint64_t src,
                            uint64_t bytes, void *stream);
int32_t kern_rt_cuda_memset(uint64_t dst, int32_t value, uint64_t bytes,
                            void *stream);
int32_t kern_rt_cuda_stream_create(void **stream);
int32_t kern_rt_cuda_stream_destroy(void *stream);
int32_t kern_rt_cuda_stream_synchronize(void *stream);
void kern_rt_cuda_set_stream(void *stream);
int32_t kern_rt_cuda_event_create(void **event);
int32_t kern_rt_cuda_event_destroy(void *event);
int32_t kern_rt_cuda_event_record(void *event, void *stream);
int32_t kern_rt_cuda_event_synchronize(void *event);
int32_t kern_rt_cuda_event_elapsed(float *ms, void *start, void *end);
/* What kern-gpu-launch-to-runtime calls: loads `ptx` at its first launch in
 * the current context (cached per context), launches kernel `name` and
 * waits for it on the default stream (or when the kernel can raise: its
 * `nerrors` raises are the table `errors`, kind, args_repr and message
 * each); errors are kern_rt_raise. `slot` is 4 zeroed pointers. */
void kern_rt_gpu_launch(void **slot, const char *ptx, const char *name,
                        int64_t gx, int64_t gy, int64_t gz, int64_t bx,
                        int64_t by, int64_t bz, int32_t shared, void **params,
                        int64_t nparams, const char *errors, int64_t nerrors);

#ifdef __cplusplus
}
#endif

#endif /* KERN_C_RUNTIME_H */
