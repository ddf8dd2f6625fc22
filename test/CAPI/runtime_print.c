/*===- runtime_print.c - print() without Python ---------------------------===*/
// RUN: kern-capi-runtime_print 2>&1 | FileCheck %s
//
// Compiled code called from C (no print handler): the runtime writes the
// line itself, numbers as Python's str() writes them.

#include "kern-c/Runtime.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void text(const char *s) {
  kernRuntimePrintText(NULL, s, 0, (int64_t)strlen(s), 1);
}

static void floats(void) {
  const double values[] = {0.1, 1.0, -2.5, 1e16, 1e15, 123456789.125, 1e-4,
                           1e-5, 1.5e-7, 5e-324, 1.7976931348623157e308,
                           INFINITY, -INFINITY, NAN, -0.0, 1.0 / 3};
  for (size_t i = 0; i < sizeof values / sizeof *values; ++i) {
    if (i)
      text(" ");
    kernRuntimePrintFloat(values[i]);
  }
  text("\n");
  kernRuntimePrintEnd(1);
}

int main(void) {
  // CHECK: 0.1 1.0 -2.5 1e+16 1000000000000000.0 123456789.125 0.0001 1e-05 1.5e-07 5e-324 1.7976931348623157e+308 inf -inf nan -0.0 0.3333333333333333
  floats();
  // CHECK-NEXT: n = -7 18446744073709551615 True False (1+2j) -3j (-0+1.5j)
  text("n = ");
  kernRuntimePrintInt(-7);
  text(" ");
  kernRuntimePrintUInt(-1);
  text(" ");
  kernRuntimePrintBool(1);
  text(" ");
  kernRuntimePrintBool(0);
  text(" ");
  kernRuntimePrintComplex(1, 2);
  text(" ");
  kernRuntimePrintComplex(0, -3);
  text(" ");
  kernRuntimePrintComplex(-0.0, 1.5);
  text("\n");
  kernRuntimePrintEnd(1);
  /* A 2 x 3 int32 array and its transpose (strides in elements). */
  int32_t data[6] = {1, 2, 3, 4, 5, 6};
  int64_t meta[5] = {0, 2, 3, 3, 1}, metaT[5] = {0, 3, 2, 1, 3};
  // CHECK-NEXT: {{\[\[}}1 2 3]
  // CHECK-NEXT:  [4 5 6]] {{\[\[}}1 4]
  // CHECK-NEXT:  [2 5]
  // CHECK-NEXT:  [3 6]]
  kernRuntimePrintArray(('i' << 8) | 4, (int64_t)(intptr_t)data, NULL, meta,
                        0, 5, 1);
  text(" ");
  kernRuntimePrintArray(('i' << 8) | 4, (int64_t)(intptr_t)data, NULL, metaT,
                        0, 5, 1);
  text("\n");
  kernRuntimePrintEnd(1);
  /* A list of float64 and a dict of int64 -> bool, as Python prints them. */
  kernRuntimeHoldLists();
  KernList *l = kernListNew(8, 3);
  for (int i = 0; i < 3; ++i)
    ((double *)l->items)[i] = i * 0.5;
  KernDict *d = kernDictNew('i', 1);
  for (int k = 3; k > 0; --k)
    *(char *)kernDictSetSlot(d, k * 10) = k > 1;
  // CHECK-NEXT: [0.0, 0.5, 1.0] {30: True, 20: True, 10: False}
  kernRuntimePrintList(l, ('f' << 8) | 8);
  text(" ");
  kernRuntimePrintDict(d, ('i' << 8) | 8, ('b' << 8) | 1);
  text("\n");
  kernRuntimePrintEnd(1);
  kernRuntimeReleaseLists();
  return 0;
}
