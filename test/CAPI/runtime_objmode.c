/*===- runtime_objmode.c - with objmode(...) blocks through the runtime ---===*/
// RUN: kern-capi-runtime_objmode 2>&1 | FileCheck %s
//
// kernRuntimeObjmode hands the pushed items to the handler, which writes
// the result words; an error it reports is raised (kernRuntimeCall returns
// its kind); without a handler the call raises RuntimeError and leaves
// zeros. The words are the thread's: the second block's are the first's.

#include "kern-c/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int64_t *results;
static int releases;

/* The compiled side of `with objmode(y=..., z=...)` reading 7, 2.5, a
 * 2x3 int64 array's view and "hi". */
static void block(void **slots) {
  (void)slots;
  static int64_t data[6] = {0, 1, 2, 3, 4, 5};
  static int64_t meta[5] = {1, 2, 3, 3, 1}; /* offset, sizes, strides */
  kernRuntimePrintInt(7);
  kernRuntimePrintFloat(2.5);
  kernRuntimePrintArray(('i' << 8) | 8, (int64_t)(intptr_t)data, NULL, meta,
                        0, 5, 1);
  kernRuntimePrintText(NULL, "hi", 0, 2, 1);
  results = kernRuntimeObjmode(3, 4);
  kernRuntimeObjmodeRelease();
}

static int handler(int64_t site, const KernPrintItem *args, int64_t nargs,
                   int64_t *out, int64_t words, char *message, size_t cap) {
  printf("site %lld: %lld items, %lld words\n", (long long)site,
         (long long)nargs, (long long)words);
  printf("int %lld float %g array ndim %d shape %lldx%lld first %lld "
         "text %.*s\n",
         (long long)args[0].i, args[1].re, args[2].ndim,
         (long long)args[2].shape[0], (long long)args[2].shape[1],
         (long long)*(const int64_t *)args[2].data, (int)args[3].length,
         args[3].text);
  if (args[0].i < 0) {
    snprintf(message, cap, "block failed at %lld", (long long)args[0].i);
    return KernErrorValue;
  }
  for (int64_t i = 0; i < words; ++i)
    out[i] = 10 * (i + 1);
  return KernErrorNone;
}

/* Pushes the items of a block reading -4, 0.0, a 1-element array, "no". */
static void pushFailing(void) {
  kernRuntimePrintInt(-4);
  kernRuntimePrintFloat(0);
  static int64_t data[1];
  static int64_t meta[3] = {0, 1, 1};
  kernRuntimePrintArray(('i' << 8) | 8, (int64_t)(intptr_t)data, NULL, meta,
                        0, 3, 1);
  kernRuntimePrintText(NULL, "no", 0, 2, 1);
}

static void nothing(void **slots) { (void)slots; }

static void release(void) { ++releases; }

int main(void) {
  /* Outside kernRuntimeCall a raise is recorded and the call returns (as
   * in a parallel region): the words are zeros; the next call reports. */
  int64_t *words = kernRuntimeObjmode(3, 4);
  int kind = kernRuntimeCall(nothing, NULL);
  // CHECK: no handler: RuntimeError (a with objmode(...) block runs in the Python interpreter{{.*}}) words 0 0
  printf("no handler: %s (%s) words %lld %lld\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), (long long)words[0], (long long)words[3]);

  kernRuntimeSetObjmodeHandler(handler, release);
  kind = kernRuntimeCall(block, NULL);
  // CHECK-NEXT: site 3: 4 items, 4 words
  // CHECK-NEXT: int 7 float 2.5 array ndim 2 shape 2x3 first 1 text hi
  // CHECK-NEXT: ran: kind 0 results 10 20 30 40, 1 release, the thread's words: 1
  printf("ran: kind %d results %lld %lld %lld %lld, %d release, the "
         "thread's words: %d\n", kind,
         (long long)results[0], (long long)results[1], (long long)results[2],
         (long long)results[3], releases, results == words);

  pushFailing();
  words = kernRuntimeObjmode(0, 4);
  kind = kernRuntimeCall(nothing, NULL);
  // CHECK-NEXT: site 0: 4 items, 4 words
  // CHECK-NEXT: int -4 float 0 array ndim 1 shape 1x{{[0-9]+}} first 0 text no
  // CHECK-NEXT: failed: ValueError (block failed at -4) words 0 0
  printf("failed: %s (%s) words %lld %lld\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), (long long)words[0], (long long)words[3]);
  return 0;
}
