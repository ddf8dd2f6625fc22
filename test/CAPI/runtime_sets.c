/*===- runtime_sets.c - sets of the runtime (Set.c) without Python --------===*/
// RUN: kern-capi-runtime_sets 2>&1 | FileCheck %s
//
// Sets are dicts without values: added to with kernDictSetSlot, discarded
// from with kernDictDelete, combined by lib/Runtime/Set.c; printed by the
// runtime as Python prints sets.

#include "kern-c/Runtime.h"

#include <stdint.h>
#include <string.h>

static void text(const char *s) {
  kernRuntimePrintText(NULL, s, 0, (int64_t)strlen(s), 1);
}

static const int64_t kInt = ('i' << 8) | 8;

static KernDict *of(const int64_t *keys, int n) {
  KernDict *s = kernDictNew('i', 0);
  for (int i = 0; i < n; ++i)
    kernDictSetSlot(s, keys[i]);
  return s;
}

static void show(const char *label, KernDict *s) {
  text(label);
  kernRuntimePrintDict(s, kInt, 0);
  text("\n");
  kernRuntimePrintEnd(1);
}

static void number(const char *label, int64_t v) {
  text(label);
  kernRuntimePrintInt(v);
  text("\n");
  kernRuntimePrintEnd(1);
}

int main(void) {
  kernRuntimeHoldLists();
  const int64_t ka[] = {1, 2, 3, 4}, kb[] = {3, 4, 5};
  KernDict *a = of(ka, 4), *b = of(kb, 3);

  KernDict *u = kernSetCopy(a);
  kernSetUpdate(u, b);
  // CHECK: union {1, 2, 3, 4, 5}
  show("union ", u);
  KernDict *i = kernSetCopy(a);
  kernSetIntersectionUpdate(i, b);
  // CHECK-NEXT: intersection {3, 4}
  show("intersection ", i);
  KernDict *d = kernSetCopy(a);
  kernSetDifferenceUpdate(d, b);
  // CHECK-NEXT: difference {1, 2}
  show("difference ", d);
  KernDict *x = kernSetCopy(a);
  kernSetSymmetricDifferenceUpdate(x, b);
  // CHECK-NEXT: symmetric {1, 2, 5}
  show("symmetric ", x);

  // CHECK-NEXT: subset 1 0 1
  text("subset ");
  kernRuntimePrintInt(kernSetIsSubset(i, a));
  text(" ");
  kernRuntimePrintInt(kernSetIsSubset(a, b));
  text(" ");
  kernRuntimePrintInt(kernSetIsSubset(a, a));
  text("\n");
  kernRuntimePrintEnd(1);
  // CHECK-NEXT: disjoint 1 0
  text("disjoint ");
  kernRuntimePrintInt(kernSetIsDisjoint(d, b));
  text(" ");
  kernRuntimePrintInt(kernSetIsDisjoint(a, b));
  text("\n");
  kernRuntimePrintEnd(1);
  // CHECK-NEXT: equal 1 0
  text("equal ");
  kernRuntimePrintInt(kernSetEqual(u, kernSetCopy(u)));
  text(" ");
  kernRuntimePrintInt(kernSetEqual(a, u));
  text("\n");
  kernRuntimePrintEnd(1);

  /* One set on both sides: s &= s keeps it, s -= s and s ^= s empty it. */
  KernDict *same = kernSetCopy(a);
  kernSetIntersectionUpdate(same, same);
  kernSetUpdate(same, same);
  // CHECK-NEXT: self {1, 2, 3, 4}
  show("self ", same);
  kernSetSymmetricDifferenceUpdate(same, same);
  // CHECK-NEXT: emptied set()
  show("emptied ", same);

  /* pop takes the last item; dead entries at the end are skipped. */
  kernDictDelete(a, 4);
  // CHECK-NEXT: pop 3
  number("pop ", kernDictPopLast(a));
  kernDictSetSlot(a, 9);
  // CHECK-NEXT: after {1, 2, 9}
  show("after ", a);

  /* Many items, most discarded: the table packs and keeps its order. */
  KernDict *many = kernDictNew('i', 0);
  for (int64_t k = 0; k < 100000; ++k)
    kernDictSetSlot(many, k << 20);
  for (int64_t k = 0; k < 100000; ++k)
    if (k % 1000)
      kernDictDelete(many, k << 20);
  // CHECK-NEXT: many 100 1 0
  text("many ");
  kernRuntimePrintInt(many->length);
  text(" ");
  kernRuntimePrintInt(kernDictGetSlot(many, 1000 << 20) != NULL);
  text(" ");
  kernRuntimePrintInt(kernDictGetSlot(many, 1001 << 20) != NULL);
  text("\n");
  kernRuntimePrintEnd(1);
  kernRuntimeReleaseLists();
  return 0;
}
