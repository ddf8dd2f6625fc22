/*===- Set.c - Python sets made by compiled code ----------------------------===*
 *
 * A set in compiled code (kern/frontend/sets.py) is a KernDict without
 * values (Dict.c, made with a value size of 0): the same table of keys in
 * insertion order and index of slots, the same keys (numbers, strs,
 * tuples of numbers: the dict's calls by a key's address serve every
 * kind). Adding, looking up and discarding one key are the dict's own
 * calls:
 *
 *   %s = func.call @kernDictNew(%kind, %c0) : (i64, i64) -> !llvm.ptr
 *   %slot = func.call @kernDictSetSlot(%s, %key) : (!llvm.ptr, i64) -> !llvm.ptr
 *   %in = func.call @kernDictGetSlot(%s, %key)     (null: not in the set)
 *
 * The algebra of two sets is here, on the dict's interface: each walks
 * the packed entries of one set and looks its keys up in the other. The
 * two sets have keys of one kind (the frontend converts the items of a set
 * of another type first) and may be one set (`s &= s`).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

/* The entries of `s` packed (Dict.c): their count, or -1 after a
 * MemoryError. */
static int64_t entries(KernDict *s) {
  int64_t n = kernDictEntries(s);
  return n == 0 && s->length != 0 ? -1 : n;
}

static int has(KernDict *s, const int64_t *key) {
  return kernDictGetSlotKey(s, key) != NULL;
}

static const int64_t *keyAt(const KernDict *s, int64_t e) {
  return kernDictKeyAddress(s, e);
}

void kernSetUpdate(KernDict *s, KernDict *other) {
  if (s == other)
    return;
  int64_t n = entries(other);
  for (int64_t e = 0; e < n; ++e)
    if (!kernDictSetSlotKey(s, keyAt(other, e)))
      return; /* MemoryError */
}

void kernSetIntersectionUpdate(KernDict *s, KernDict *other) {
  if (s == other)
    return;
  int64_t n = entries(s); /* deleting leaves entries in place */
  for (int64_t e = 0; e < n; ++e) {
    const int64_t *key = keyAt(s, e);
    if (!has(other, key))
      kernDictDeleteKey(s, key);
  }
}

void kernSetDifferenceUpdate(KernDict *s, KernDict *other) {
  if (s == other) {
    kernDictClear(s);
    return;
  }
  int64_t n = entries(other);
  for (int64_t e = 0; e < n; ++e)
    kernDictDeleteKey(s, keyAt(other, e));
}

void kernSetSymmetricDifferenceUpdate(KernDict *s, KernDict *other) {
  if (s == other) {
    kernDictClear(s);
    return;
  }
  int64_t n = entries(other);
  for (int64_t e = 0; e < n; ++e) {
    const int64_t *key = keyAt(other, e);
    if (!kernDictDeleteKey(s, key) && !kernDictSetSlotKey(s, key))
      return; /* MemoryError */
  }
}

KernDict *kernSetCopy(KernDict *s) {
  KernDict *out = kernDictNewLike(s, 0);
  if (out)
    kernSetUpdate(out, s);
  return out;
}

int64_t kernSetIsSubset(KernDict *s, KernDict *other) {
  if (s->length > other->length)
    return 0;
  int64_t n = entries(s);
  for (int64_t e = 0; e < n; ++e)
    if (!has(other, keyAt(s, e)))
      return 0;
  return 1;
}

int64_t kernSetIsDisjoint(KernDict *s, KernDict *other) {
  if (s->length > other->length) { /* walk the smaller one */
    KernDict *t = s;
    s = other;
    other = t;
  }
  int64_t n = entries(s);
  for (int64_t e = 0; e < n; ++e)
    if (has(other, keyAt(s, e)))
      return 0;
  return 1;
}

int64_t kernSetEqual(KernDict *s, KernDict *other) {
  return s->length == other->length && kernSetIsSubset(s, other);
}
