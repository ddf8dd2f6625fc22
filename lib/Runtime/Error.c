/*===- Error.c - exceptions raised by compiled code ------------------------===*
 *
 * Compiled code never aborts: `kern.raise` lowers to kern_rt_raise, and the
 * caller runs compiled code through kernRuntimeCall, which returns the kind
 * of the exception (docs/abi.md).
 *
 *   - On the thread that entered kernRuntimeCall, outside an OpenMP parallel
 *     region, kern_rt_raise unwinds straight back to kernRuntimeCall with
 *     longjmp: compiled code holds nothing that needs cleaning up but heap
 *     buffers. Those come from the runtime's allocator (Alloc.c), which
 *     remembers each live buffer of the call here (a short list:
 *     temporaries are freed as soon as they die), and kernRuntimeCall frees
 *     what a raise left behind.
 *   - Anywhere else (an OpenMP worker, the master thread inside a parallel
 *     region, even a one-thread one, code not called through
 *     kernRuntimeCall) a longjmp would tear
 *     through the OpenMP runtime, so the raise records the first error in a
 *     process-wide slot and returns; kernRuntimeCall reports it when the
 *     compiled function returns.
 *   - A `try` statement runs its body under kern_rt_try, a nested call of
 *     the same kind: a raise in the body (or in anything it calls) unwinds
 *     to it, also inside a parallel region when the try itself runs there
 *     (the jump stays on the thread, inside the region). The exception
 *     caught becomes the thread's current one for the except clauses
 *     (kern_rt_caught_is, kern_rt_reraise, kern_rt_try_end).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"
#include "Internal.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KernMessageCap = 512 };

/*===----------------------------------------------------------------------===*
 * Error kinds
 *===----------------------------------------------------------------------===*/

static const char *const kindNames[] = {
    [KernErrorNone] = "",
    [KernErrorValue] = "ValueError",
    [KernErrorIndex] = "IndexError",
    [KernErrorZeroDivision] = "ZeroDivisionError",
    [KernErrorType] = "TypeError",
    [KernErrorRuntime] = "RuntimeError",
    [KernErrorAssertion] = "AssertionError",
    [KernErrorOverflow] = "OverflowError",
    [KernErrorMemory] = "MemoryError",
    [KernErrorNotImplemented] = "NotImplementedError",
    [KernErrorLinAlg] = "LinAlgError",
    [KernErrorKey] = "KeyError",
    [KernErrorException] = "Exception",
    [KernErrorInterrupt] = "KeyboardInterrupt",
};

const char *kernRuntimeErrorName(int kind) {
  kind &= ~KernErrorArgsRepr;
  if (kind <= KernErrorNone || kind > KernErrorLast)
    return kind == KernErrorNone ? "" : "RuntimeError";
  return kindNames[kind];
}

int kernRuntimeErrorKindFromName(const char *name) {
  for (int k = KernErrorNone + 1; k <= KernErrorLast; ++k)
    if (strcmp(kindNames[k], name) == 0)
      return k;
  return KernErrorNone;
}

/*===----------------------------------------------------------------------===*
 * Message formatting
 *===----------------------------------------------------------------------===*/

/* Appends `s` to the `cap`-byte buffer `out` at *len, truncating. */
static void append(char *out, size_t cap, size_t *len, const char *s,
                   size_t n) {
  if (*len + 1 >= cap)
    return;
  if (n > cap - 1 - *len)
    n = cap - 1 - *len;
  memcpy(out + *len, s, n);
  *len += n;
  out[*len] = '\0';
}

/* Python's repr of a float: the fewest digits that read back as `d`
 * (0.1 -> "0.1", 1/3 -> "0.3333333333333333"), "1.0" for an integral value,
 * "inf", "-inf" and "nan". */
static int formatDouble(char *out, size_t cap, double d) {
  if (d != d)
    return snprintf(out, cap, "nan");
  int n = 0;
  for (int precision = 1; precision <= 17; ++precision) {
    n = snprintf(out, cap, "%.*g", precision, d);
    if (strtod(out, NULL) == d)
      break;
  }
  if (n > 0 && (size_t)n + 2 < cap && !strpbrk(out, ".en"))
    n += snprintf(out + n, cap - (size_t)n, ".0"); /* not after inf */
  return n;
}

/* Appends Python's repr of the str `s` (its first KernReprChars code
 * points: a message has a fixed size). */
enum { KernReprChars = 160 };
static void appendStrRepr(char *out, size_t cap, size_t *len,
                          const KernStr *s) {
  if (!s)
    return;
  KernStr *repr = kernStrRepr(
      s->length > KernReprChars ? kernStrPart(s, 0, KernReprChars) : s);
  char *utf8 = malloc((size_t)repr->length * 4 + 1);
  if (!utf8)
    return;
  append(out, cap, len, utf8, kernStrEncodeUTF8(repr, utf8));
  free(utf8);
}

/* Fills `fmt`'s %d (int64), %u (uint64), %b (bool: True/False), %g (double
 * bit-cast to int64, as Python's repr writes it), %s (a KernStr's address:
 * its repr) and %% from args[0..nargs).
 * A placeholder without an argument is kept as written. */
static void formatMessage(char *out, size_t cap, const char *fmt,
                          int64_t nargs, const int64_t *args) {
  size_t len = 0;
  int64_t next = 0;
  out[0] = '\0';
  if (!fmt)
    return;
  for (const char *p = fmt; *p; ++p) {
    if (p[0] != '%' || !p[1] || !strchr("dugbs%", p[1])) {
      append(out, cap, &len, p, 1);
      continue;
    }
    char piece[64];
    ++p;
    if (*p == '%') {
      append(out, cap, &len, "%", 1);
    } else if (next >= nargs || !args) {
      append(out, cap, &len, p - 1, 2);
    } else if (*p == 'd') {
      int n = snprintf(piece, sizeof piece, "%" PRId64, args[next++]);
      append(out, cap, &len, piece, (size_t)n);
    } else if (*p == 'u') {
      int n = snprintf(piece, sizeof piece, "%" PRIu64, (uint64_t)args[next++]);
      append(out, cap, &len, piece, (size_t)n);
    } else if (*p == 's') {
      appendStrRepr(out, cap, &len, (const KernStr *)(intptr_t)args[next++]);
    } else if (*p == 'b') {
      const char *truth = args[next++] ? "True" : "False";
      append(out, cap, &len, truth, strlen(truth));
    } else {
      double d;
      memcpy(&d, &args[next++], sizeof d);
      int n = formatDouble(piece, sizeof piece, d);
      append(out, cap, &len, piece, (size_t)n);
    }
  }
}

/*===----------------------------------------------------------------------===*
 * Per-thread state: the active kernRuntimeCall and the last message
 *===----------------------------------------------------------------------===*/

enum { KernInlineBuffers = 16 };

typedef struct KernCall {
  jmp_buf env;
  int level;          /* omp_get_level() where the call was entered */
  size_t caughtDepth; /* exceptions being handled when it was entered */
  int recordedBefore; /* an error was recorded before it was entered */
  volatile int kind; /* set by kern_rt_raise before it longjmps here */
  struct KernCall *outer; /* an enclosing kernRuntimeCall on this thread */
  /* Heap buffers the call allocated and has not freed, on this thread
   * (volatile: changed between setjmp and longjmp, read after). */
  void **volatile live;
  volatile size_t numLive, capLive;
  void *inlineLive[KernInlineBuffers];
} KernCall;

static _Thread_local KernCall *activeCall;
static _Thread_local char threadMessage[KernMessageCap];

const char *kernRuntimeErrorMessage(void) { return threadMessage; }

/*===----------------------------------------------------------------------===*
 * Heap buffers of a call
 *===----------------------------------------------------------------------===*/

static void remember(KernCall *call, void *ptr) {
  if (call->numLive == call->capLive) {
    size_t cap = 2 * call->capLive;
    void **grown = call->live == call->inlineLive
                       ? malloc(cap * sizeof *grown)
                       : realloc(call->live, cap * sizeof *grown);
    if (!grown)
      return; /* not remembered: leaked if the call raises, never wrong */
    if (call->live == call->inlineLive)
      for (size_t i = 0; i < KernInlineBuffers; ++i)
        grown[i] = call->inlineLive[i];
    call->live = grown;
    call->capLive = cap;
  }
  call->live[call->numLive++] = ptr;
}

/* Forgets `ptr` if the call remembers it; the newest buffers die first, so
 * the search starts at the end. */
static void forget(KernCall *call, void *ptr) {
  for (size_t i = call->numLive; i-- > 0;)
    if (call->live[i] == ptr) {
      call->live[i] = call->live[--call->numLive];
      return;
    }
}

void *kernRuntimeTrackBuffer(void *ptr, uint64_t size) {
  if (!ptr) { /* NumPy's MemoryError (returns NULL only where the raise
                 cannot unwind: inside a parallel region) */
    int64_t args[1] = {(int64_t)size};
    kern_rt_raise(KernErrorMemory, "Unable to allocate %d bytes for an array",
                  1, args);
    return NULL;
  }
  KernCall *call = activeCall; /* NULL on OpenMP workers: not remembered */
  if (call)
    remember(call, ptr);
  return ptr;
}

void kernRuntimeUntrackBuffer(void *ptr) {
  KernCall *call = activeCall;
  if (ptr && call)
    forget(call, ptr);
}

/* Ends the call's bookkeeping; after a raise, frees what it left. */
static void releaseBuffers(KernCall *call, int raised) {
  if (raised)
    for (size_t i = 0; i < call->numLive; ++i)
      free(call->live[i]);
  if (call->live != call->inlineLive)
    free(call->live);
}

/*===----------------------------------------------------------------------===*
 * Process-wide first error, for raises that cannot unwind
 *===----------------------------------------------------------------------===*/

static pthread_mutex_t recordLock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int recordedKind; /* written under the lock, read without */
static char recordedMessage[KernMessageCap];

static void recordError(int kind, const char *message) {
  pthread_mutex_lock(&recordLock);
  if (atomic_load(&recordedKind) == KernErrorNone) {
    snprintf(recordedMessage, sizeof recordedMessage, "%s", message);
    atomic_store(&recordedKind, kind);
  }
  pthread_mutex_unlock(&recordLock);
}

/* Takes the recorded error (copying its message to this thread's) and
 * clears the slot; returns its kind or KernErrorNone. */
static int takeRecordedError(void) {
  if (atomic_load_explicit(&recordedKind, memory_order_acquire) ==
      KernErrorNone)
    return KernErrorNone; /* the common case: no lock */
  pthread_mutex_lock(&recordLock);
  int kind = atomic_load(&recordedKind);
  if (kind != KernErrorNone)
    snprintf(threadMessage, sizeof threadMessage, "%s", recordedMessage);
  atomic_store(&recordedKind, KernErrorNone);
  pthread_mutex_unlock(&recordLock);
  return kind;
}

/*===----------------------------------------------------------------------===*
 * OpenMP: is this thread inside a parallel region?
 *===----------------------------------------------------------------------===*/

/* omp_get_level counts every enclosing parallel region, also one that runs
 * on a single thread (omp_in_parallel() is 0 there, but unwinding out of
 * it would leave libomp a level deep for good). libomp is loaded when kern
 * first compiles or loads parallel code, and kern's JIT and cache then call
 * kernRuntimeLibrariesChanged(): a failed look-up is retried only after
 * that (a dlsym on every kernRuntimeCall cost 0.4 us a call). A found
 * function is kept. Code that cannot have started a parallel region of
 * kern's before then sees level 0, which is what it is for kern's raises:
 * a region someone else started (a C callback called from one) encloses
 * the call's own setjmp as well. */
static _Atomic(int (*)(void)) ompGetLevel;
static atomic_bool ompLookUp = true; /* whether to try dlsym again */

void kernRuntimeLibrariesChanged(void) { atomic_store(&ompLookUp, true); }

static int parallelLevel(void) {
  int (*f)(void) = atomic_load_explicit(&ompGetLevel, memory_order_acquire);
  if (__builtin_expect(f != NULL, 1))
    return f();
  if (!atomic_exchange(&ompLookUp, false))
    return 0;
  f = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_level");
  if (!f)
    return 0;
  atomic_store_explicit(&ompGetLevel, f, memory_order_release);
  return f();
}

/*===----------------------------------------------------------------------===*
 * Exceptions being handled (except clauses), per thread
 *===----------------------------------------------------------------------===*/

typedef struct KernCaught {
  int kind;
  char message[KernMessageCap];
} KernCaught;

static _Thread_local KernCaught *caught;
static _Thread_local size_t numCaught, capCaught;

/* Makes (kind, message) the thread's current exception; 0 if no memory. */
static int pushCaught(int kind, const char *message) {
  if (numCaught == capCaught) {
    size_t cap = capCaught ? 2 * capCaught : 4;
    KernCaught *grown = realloc(caught, cap * sizeof *grown);
    if (!grown)
      return 0;
    caught = grown;
    capCaught = cap;
  }
  caught[numCaught].kind = kind;
  snprintf(caught[numCaught].message, KernMessageCap, "%s", message);
  ++numCaught;
  return 1;
}

/*===----------------------------------------------------------------------===*
 * Entry points
 *===----------------------------------------------------------------------===*/

/* Enters `call` on this thread. */
static void enterCall(KernCall *call) {
  call->kind = KernErrorNone;
  call->level = parallelLevel();
  call->caughtDepth = numCaught;
  call->recordedBefore = atomic_load(&recordedKind) != KernErrorNone;
  call->outer = activeCall;
  call->live = call->inlineLive;
  call->numLive = 0;
  call->capLive = KernInlineBuffers;
  activeCall = call;
}

int kernRuntimeCall(void (*packed)(void **), void **slots) {
  KernCall call;
  threadMessage[0] = '\0';
  /* A Ctrl-C before the call is Python's (read first: no store to the
   * shared line on every call of every thread). */
  if (!activeCall && kern_rt_interrupt_flag)
    kern_rt_interrupt_flag = 0;
  enterCall(&call);
  if (setjmp(call.env) == 0)
    packed(slots);
  activeCall = call.outer;
  numCaught = call.caughtDepth; /* except clauses a raise left */
  /* A recorded error came first: the code only went on (and maybe raised
   * again on this thread) because the raise returned. */
  int recorded = takeRecordedError();
  int kind = recorded != KernErrorNone ? recorded : call.kind;
  /* After an error every buffer still remembered is garbage: a raise that
   * unwound skipped the frees of the temporaries, and a recorded error let
   * the code run to its end, whose results the caller drops. */
  releaseBuffers(&call, kind != KernErrorNone);
  if (kind == KernErrorNone)
    threadMessage[0] = '\0'; /* an inner call's error was handled */
  return kind;
}

static _Thread_local jmp_buf *raiseEscape;

void kernRuntimeSetRaiseEscape(jmp_buf *escape) { raiseEscape = escape; }

/* Raises the formatted `message`: unwinds to the innermost call entered on
 * this thread at the current parallel level, else records it (and a thread
 * of kern.cuda's CPU target with an escape stops there). */
static void raiseMessage(int kind, const char *message) {
  KernCall *call = activeCall;
  if (call && call->level == parallelLevel()) {
    call->kind = kind;
    if (message != threadMessage)
      snprintf(threadMessage, sizeof threadMessage, "%s", message);
    longjmp(call->env, 1);
  }
  recordError(kind, message);
  if (raiseEscape && parallelLevel() == 0)
    longjmp(*raiseEscape, 1); /* a CUDA thread on the CPU stops here */
}

void kern_rt_raise(int32_t kind, const char *fmt, int64_t nargs,
                   const int64_t *args) {
  char message[KernMessageCap];
  formatMessage(message, sizeof message, fmt, nargs, args);
  int base = kind & ~KernErrorArgsRepr;
  if (base <= KernErrorNone || base > KernErrorLast)
    kind = KernErrorRuntime;
  raiseMessage(kind, message);
}

/*===----------------------------------------------------------------------===*
 * try / except
 *===----------------------------------------------------------------------===*/

void kern_rt_interrupt(void) {
  /* In a parallel region the raise is recorded and returns: the flag stays
   * set (2: recorded) so that the other iterations are skipped too, for a
   * load and a compare (the code calls this only when it reads 1). */
  if (parallelLevel() == 0) {
    kern_rt_interrupt_flag = 0;
  } else {
    if (kern_rt_interrupt_flag == 2)
      return;
    kern_rt_interrupt_flag = 2;
  }
  raiseMessage(KernErrorInterrupt, "");
}

int32_t kern_rt_try(void (*body)(void *), void *cells) {
  KernCall call;
  enterCall(&call);
  if (setjmp(call.env) == 0)
    body(cells);
  activeCall = call.outer;
  numCaught = call.caughtDepth;
  int kind = call.kind;
  if (kind == KernErrorNone && call.level == 0 && !call.recordedBefore)
    kind = takeRecordedError(); /* raised inside a parallel region of it */
  if (kind != KernErrorNone) {
    releaseBuffers(&call, 1); /* the body's temporaries */
    /* No except clause catches Ctrl-C: on to the enclosing call (this
     * returns only inside a parallel region, where the error was recorded
     * and is handled like any other). */
    if (kind == KernErrorInterrupt)
      raiseMessage(kind, threadMessage);
    if (!pushCaught(kind, threadMessage))
      kind = KernErrorMemory;
    return kind;
  }
  /* The buffers the body made and did not free live on in the caller. */
  for (size_t i = 0; i < call.numLive; ++i)
    if (call.outer)
      remember(call.outer, call.live[i]);
  releaseBuffers(&call, 0);
  return KernErrorNone;
}

void kern_rt_raise_recorded(void) {
  KernCall *call = activeCall;
  if (!call || call->level != parallelLevel() || call->recordedBefore)
    return; /* cannot unwind here, or not its error: reported later */
  int kind = takeRecordedError();
  if (kind != KernErrorNone)
    raiseMessage(kind, threadMessage);
}

int32_t kern_rt_caught_is(void *alloc, const char *aligned, int64_t offset,
                          int64_t length, int64_t stride) {
  (void)alloc, (void)stride;
  if (numCaught == 0)
    return 0;
  const char *message = caught[numCaught - 1].message;
  return strlen(message) >= (size_t)length &&
         memcmp(message, aligned + offset, (size_t)length) == 0;
}

void kern_rt_try_end(void) {
  if (numCaught > 0)
    --numCaught;
}

void kern_rt_reraise(void) {
  if (numCaught == 0) {
    raiseMessage(KernErrorRuntime, "No active exception to reraise");
    return;
  }
  KernCaught top = caught[--numCaught];
  raiseMessage(top.kind, top.message);
}

/*===----------------------------------------------------------------------===*
 * C callbacks
 *===----------------------------------------------------------------------===*/

static _Atomic(KernCallbackErrorHandler) callbackErrorHandler;

void kernRuntimeSetCallbackErrorHandler(KernCallbackErrorHandler handler) {
  atomic_store(&callbackErrorHandler, handler);
}

int32_t kernRuntimeCallback(void (*packed)(void **), void **slots) {
  kernRuntimeHoldLists(); /* the lists it makes die with it */
  int kind = kernRuntimeCall(packed, slots);
  kernRuntimeReleaseLists();
  if (kind == KernErrorNone)
    return kind;
  KernCallbackErrorHandler handler = atomic_load(&callbackErrorHandler);
  if (handler)
    handler(packed, kind, threadMessage);
  else
    fprintf(stderr, "kern: exception in a C callback: %s: %s\n",
            kernRuntimeErrorName(kind), threadMessage);
  return kind;
}
