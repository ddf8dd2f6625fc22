/*===- runtime_objmode.c - with objmode(...) blocks through the runtime ---===*/
// RUN: kern-capi-runtime_objmode 2>&1 | FileCheck %s
//
// kernRuntimeObjmode hands the pushed items to the handler, which writes
// the result words; an error it reports is raised (kernRuntimeCall returns
// its kind); without a handler the call raises RuntimeError and leaves
// zeros.

#include "kern-c/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int64_t results[4];
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
  kernRuntimeObjmode(3, results, 4);
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

static void failing(void **slots) {
  (void)slots;
  kernRuntimePrintInt(-4);
  kernRuntimePrintFloat(0);
  static int64_t data[1];
  static int64_t meta[3] = {0, 1, 1};
  kernRuntimePrintArray(('i' << 8) | 8, (int64_t)(intptr_t)data, NULL, meta,
                        0, 3, 1);
  kernRuntimePrintText(NULL, "no", 0, 2, 1);
  kernRuntimeObjmode(0, results, 4);
  results[0] = 99; /* not reached: the raise unwinds */
}

static void release(void) { ++releases; }

int main(void) {
  results[0] = results[3] = -1;
  int kind = kernRuntimeCall(block, NULL);
  // CHECK: no handler: RuntimeError (a with objmode(...) block runs in the Python interpreter{{.*}}) results 0 0
  printf("no handler: %s (%s) results %lld %lld\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), (long long)results[0],
         (long long)results[3]);

  kernRuntimeSetObjmodeHandler(handler, release);
  kind = kernRuntimeCall(block, NULL);
  // CHECK-NEXT: site 3: 4 items, 4 words
  // CHECK-NEXT: int 7 float 2.5 array ndim 2 shape 2x3 first 1 text hi
  // CHECK-NEXT: ran: kind 0 results 10 20 30 40, 1 release
  printf("ran: kind %d results %lld %lld %lld %lld, %d release\n", kind,
         (long long)results[0], (long long)results[1], (long long)results[2],
         (long long)results[3], releases);

  kind = kernRuntimeCall(failing, NULL);
  // CHECK-NEXT: site 0: 4 items, 4 words
  // CHECK-NEXT: int -4 float 0 array ndim 1 shape 1x{{[0-9]+}} first 0 text no
  // CHECK-NEXT: failed: ValueError (block failed at -4) results 0
  printf("failed: %s (%s) results %lld\n", kernRuntimeErrorName(kind),
         kernRuntimeErrorMessage(), (long long)results[0]);
  return 0;
}
