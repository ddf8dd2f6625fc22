/*===- runtime_tuple_keys.c - dicts and sets of tuple keys (Dict.c) -------===*/
// RUN: kern-capi-runtime_tuple_keys 2>&1 | FileCheck %s
//
// A tuple key is a word per leaf (kernDictNewTuple with the leaves' kinds),
// passed by address; it hashes as CPython's hash() of the tuple and
// compares leaf by leaf (0.0 == -0.0); the set algebra and printing take
// tuple keys as they take numbers.

#include "kern-c/Runtime.h"

#include <stdint.h>
#include <string.h>

static void text(const char *s) {
  kernRuntimePrintText(NULL, s, 0, (int64_t)strlen(s), 1);
}

static void number(const char *label, int64_t v) {
  text(label);
  kernRuntimePrintInt(v);
  text("\n");
  kernRuntimePrintEnd(1);
}

static void show(const char *label, KernDict *d, int64_t valueCode) {
  text(label);
  kernRuntimePrintDict(d, 'T' << 8, valueCode);
  text("\n");
  kernRuntimePrintEnd(1);
}

static int64_t bitsOf(double x) {
  int64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

static KernDict *tuples(const char *kinds, int64_t valueSize) {
  int64_t codes[16]; /* the kinds below are shorter */
  int64_t n = (int64_t)strlen(kinds);
  for (int64_t i = 0; i < n; ++i)
    codes[i] = kinds[i];
  return kernDictNewTuple(codes, n, valueSize);
}

int main(void) {
  kernRuntimeHoldLists();
  KernDict *d = tuples("if", 8);

  // CPython's hash((1, 2.5)), hash((-1, 0.0))
  // CHECK: hash 396935360214441795
  // CHECK: hash 2575514064802888272
  int64_t k1[] = {1, bitsOf(2.5)}, k2[] = {-1, bitsOf(0.0)};
  number("hash ", kernDictHash(d, k1));
  number("hash ", kernDictHash(d, k2));
  KernDict *mixed = tuples("bi", 0);
  // CHECK: hash -8888471952861876332
  int64_t k3[] = {1, -3};
  number("hash ", kernDictHash(mixed, k3));
  KernDict *empty = tuples("", 0);
  // CHECK: hash 5740354900026072187
  number("hash ", kernDictHash(empty, NULL));
  KernDict *wide = tuples("iff", 0);
  // CHECK: hash -6500724991029294661
  int64_t k4[] = {(int64_t)1 << 62, bitsOf(-7.25), bitsOf(1.0 / 0.0)};
  number("hash ", kernDictHash(wide, k4));

  *(double *)kernDictSetSlotKey(d, k1) = 10.0;
  *(double *)kernDictSetSlotKey(d, k2) = 20.0;
  // CHECK: dict {(1, 2.5): 10.0, (-1, 0.0): 20.0}
  show("dict ", d, ('f' << 8) | 8);
  int64_t negZero[] = {-1, bitsOf(-0.0)}, other[] = {1, bitsOf(2.0)};
  // CHECK: found -0.0 1
  // CHECK: found other 0
  number("found -0.0 ", kernDictGetSlotKey(d, negZero) != NULL);
  number("found other ", kernDictGetSlotKey(d, other) != NULL);
  // CHECK: deleted 1
  // CHECK-NEXT: length 1
  number("deleted ", kernDictDeleteKey(d, negZero));
  number("length ", d->length);

  // many keys: the table grows, every key is found
  KernDict *many = tuples("ii", 0);
  for (int64_t i = 0; i < 20000; ++i) {
    int64_t k[] = {i / 100, i % 100};
    kernDictSetSlotKey(many, k);
  }
  int64_t found = 0;
  for (int64_t i = 0; i < 20000; ++i) {
    int64_t k[] = {i / 100, i % 100};
    found += kernDictGetSlotKey(many, k) != NULL;
  }
  // CHECK: many 20000
  // CHECK-NEXT: found 20000
  number("many ", many->length);
  number("found ", found);

  // sets: the algebra and pop
  KernDict *a = tuples("bi", 0), *b = tuples("bi", 0);
  int64_t t0[] = {0, 1}, t1[] = {1, 2}, t2[] = {1, 3};
  kernDictSetSlotKey(a, t0);
  kernDictSetSlotKey(a, t1);
  kernDictSetSlotKey(b, t1);
  kernDictSetSlotKey(b, t2);
  KernDict *u = kernSetCopy(a);
  kernSetUpdate(u, b);
  // CHECK: union {(False, 1), (True, 2), (True, 3)}
  show("union ", u, 0);
  kernSetIntersectionUpdate(a, b);
  // CHECK: intersection {(True, 2)}
  show("intersection ", a, 0);
  int64_t popped[2];
  kernDictPopLastKey(u, popped);
  // CHECK: popped 1
  // CHECK-NEXT: popped 3
  // CHECK-NEXT: left 2
  number("popped ", popped[0]);
  number("popped ", popped[1]);
  number("left ", u->length);
  kernRuntimeReleaseLists();
  return 0;
}
