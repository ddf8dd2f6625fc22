/*===- Dict.c - Python dicts made by compiled code --------------------------===*
 *
 * A dict in compiled code (kern/frontend/dicts.py) is a pointer to a
 * KernDict (kern-c/Runtime.h): Python's own layout, a table of entries in
 * insertion order (so that iteration gives Python's order) and an index of
 * open-addressed slots into it. A key is `keyWords` 64-bit words: one
 * for a number (integers sign- or zero-extended, floats as the bits of a
 * double) or a str (a KernStr*), one per leaf for a tuple of numbers
 * (kind 'T', each leaf's kind in `leafKinds`), hashed with CPython's tuple
 * hash and compared leaf by leaf as Python does. The table code is one:
 * the calls taking a key's address (`...Key`) serve every kind, those
 * taking a 64-bit key are their one-word forms. Values are stored at their
 * native size, and compiled code reads and writes them through the
 * address the lookup returns:
 *
 *   %slot = func.call @kernDictSetSlot(%d, %key) : (!llvm.ptr, i64) -> !llvm.ptr
 *   llvm.store %v, %slot : f64, !llvm.ptr
 *   %found = func.call @kernDictGetSlot(%d, %key) : (!llvm.ptr, i64) -> !llvm.ptr
 *   %t = func.call @kernDictGetSlotKey(%d, %keyWords) : (!llvm.ptr, !llvm.ptr) -> !llvm.ptr
 *
 * Iteration packs the entries first (kernDictEntries), so that entries
 * 0 .. length-1 are the live ones, in order. Dicts are recorded and freed
 * with the lists (List.c: kernRuntimeHoldLists,
 * kernRuntimeReleaseLists). A set is a dict without values (Set.c).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { kEmpty = -1, kDeleted = -2 };

/* An entry: {int64 live; int64 key[keyWords]; value}. */
static int64_t *entryAt(const KernDict *d, int64_t i) {
  return (int64_t *)(d->entries + i * d->entrySize);
}

static int64_t *keyOf(const KernDict *d, int64_t i) {
  return entryAt(d, i) + 1;
}

static void *valueOf(const KernDict *d, int64_t i) {
  return keyOf(d, i) + d->keyWords;
}

static double asDouble(int64_t bits) {
  double x;
  memcpy(&x, &bits, sizeof x);
  return x;
}

/* CPython's hash of numbers (Python/pyhash.c): an integer modulo the
 * Mersenne prime 2**61 - 1 (its sign kept), a float so that an integral
 * one hashes as that integer; -1 is -2. */
enum { kHashBits = 61 };
static const uint64_t kHashModulus = ((uint64_t)1 << kHashBits) - 1;

static uint64_t pyHashUnsigned(uint64_t x) { return x % kHashModulus; }

static uint64_t pyHashSigned(int64_t x) {
  uint64_t h = x < 0 ? 0 - pyHashUnsigned(0 - (uint64_t)x)
                     : pyHashUnsigned((uint64_t)x);
  return h == (uint64_t)-1 ? (uint64_t)-2 : h;
}

static uint64_t pyHashDouble(double v) {
  if (isinf(v))
    return v > 0 ? 314159 : (uint64_t)-314159;
  if (isnan(v))
    return 0;
  int e;
  double m = frexp(v, &e);
  int negative = m < 0;
  if (negative)
    m = -m;
  uint64_t x = 0;
  while (m) { /* 28 bits at a time, rotated in modulo 2**61 - 1 */
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= kHashModulus)
      x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  if (negative)
    x = 0 - x;
  return x == (uint64_t)-1 ? (uint64_t)-2 : x;
}

static uint64_t leafHash(char kind, int64_t bits) {
  switch (kind) {
  case 'U': return (uint64_t)kernStrHash((const KernStr *)(intptr_t)bits);
  case 'f': return pyHashDouble(asDouble(bits));
  case 'u': return pyHashUnsigned((uint64_t)bits);
  default: return pyHashSigned(bits);
  }
}

/* CPython's tuple hash (Objects/tupleobject.c, after xxHash) of the
 * leaves' hashes: equal tuples of numbers hash as Python's. */
static uint64_t tupleHash(const KernDict *d, const int64_t *key) {
  const uint64_t p1 = 11400714785074694791ull, p2 = 14029467366897019727ull,
                 p5 = 2870177450012600261ull;
  uint64_t acc = p5;
  for (int64_t i = 0; i < d->keyWords; ++i) {
    acc += leafHash(d->leafKinds[i], key[i]) * p2;
    acc = (acc << 31) | (acc >> 33);
    acc *= p1;
  }
  acc += (uint64_t)d->keyWords ^ (p5 ^ 3527539ull);
  return acc == (uint64_t)-1 ? 1546275796ull : acc;
}

/* Equal keys hash alike: 0.0 and -0.0 are one key, as in Python. An
 * integer is its own hash, as in Python: keys that come in order land in
 * nearby slots, so that walking them touches memory in order; a float's
 * bits are mixed (splitmix64). */
static uint64_t wordHash(const KernDict *d, int64_t key) {
  if (d->keyKind == 'U') { /* a KernStr*: FNV-1a of its code points */
    const KernStr *s = (const KernStr *)(intptr_t)key;
    uint64_t h = 1469598103934665603ull;
    for (int64_t i = 0; i < s->length; ++i)
      h = (h ^ s->data[i]) * 1099511628211ull;
    return h ^ (h >> 29);
  }
  if (d->keyKind != 'f')
    return (uint64_t)key;
  uint64_t x = asDouble(key) == 0.0 ? 0 : (uint64_t)key;
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

static uint64_t hashOf(const KernDict *d, const int64_t *key) {
  return d->keyKind == 'T' ? tupleHash(d, key) : wordHash(d, *key);
}

static int sameWord(const KernDict *d, int64_t a, int64_t b) {
  if (d->keyKind == 'U')
    return (int)kernStrEqual((const KernStr *)(intptr_t)a,
                             (const KernStr *)(intptr_t)b);
  return d->keyKind == 'f' ? asDouble(a) == asDouble(b) : a == b;
}

/* Python's equality of two tuple keys: leaf by leaf, floats as numbers
 * (0.0 == -0.0), strs by their code points, the others as their bits. */
static int sameLeaf(char kind, int64_t a, int64_t b) {
  switch (kind) {
  case 'f': return asDouble(a) == asDouble(b);
  case 'U':
    return a == b || kernStrEqual((const KernStr *)(intptr_t)a,
                                  (const KernStr *)(intptr_t)b);
  default: return a == b;
  }
}

static int sameTuple(const KernDict *d, const int64_t *a, const int64_t *b) {
  for (int64_t i = 0; i < d->keyWords; ++i)
    if (!sameLeaf(d->leafKinds[i], a[i], b[i]))
      return 0;
  return 1;
}

/* The index slots a key may be in, in order: CPython's probe sequence
 * (slot = 5 slot + 1 + perturb, the hash's high bits shifted in), which
 * leaves a run of colliding keys such as multiples of a power of two. */
typedef struct Probe {
  uint64_t slot, perturb, mask;
} Probe;

static Probe probeOf(const KernDict *d, uint64_t h) {
  return (Probe){.slot = h & (uint64_t)d->mask, .perturb = h,
                 .mask = (uint64_t)d->mask};
}

static void probeNext(Probe *p) {
  p->perturb >>= 5;
  p->slot = (p->slot * 5 + 1 + p->perturb) & p->mask;
}

/* The entry of `key`, or -1; `*free` gets the index slot to insert it at.
 * One probe loop, made twice by the compiler: for tuple keys and for the
 * one-word keys (a number or str, kept in a register). */
static inline __attribute__((always_inline)) int64_t
findIn(const KernDict *d, const int64_t *key, int64_t *free, int tuple) {
  int64_t firstDeleted = -1, word = tuple ? 0 : *key;
  Probe p = probeOf(d, tuple ? tupleHash(d, key) : wordHash(d, word));
  for (;; probeNext(&p)) {
    int64_t e = d->index[p.slot];
    if (e == kEmpty) {
      if (free)
        *free = firstDeleted >= 0 ? firstDeleted : (int64_t)p.slot;
      return -1;
    }
    if (e == kDeleted) {
      if (firstDeleted < 0)
        firstDeleted = (int64_t)p.slot;
    } else if (tuple ? sameTuple(d, keyOf(d, e), key)
                     : sameWord(d, *keyOf(d, e), word)) {
      return e;
    }
  }
}

static int64_t findTuple(const KernDict *d, const int64_t *key,
                         int64_t *free) {
  return findIn(d, key, free, 1);
}

static inline __attribute__((always_inline)) int64_t
find(const KernDict *d, const int64_t *key, int64_t *free) {
  return d->keyKind == 'T' ? findTuple(d, key, free)
                           : findIn(d, key, free, 0);
}

/* Rebuilds the index for `slots` slots over the live entries, packing them
 * (their order kept). 0 after a MemoryError. */
static int rebuild(KernDict *d, int64_t slots) {
  int64_t *index = malloc((size_t)slots * sizeof *index);
  if (!index) {
    kern_rt_raise(KernErrorMemory, "cannot grow a dict", 0, NULL);
    return 0;
  }
  free(d->index);
  d->index = index;
  d->mask = slots - 1;
  for (int64_t i = 0; i < slots; ++i)
    index[i] = kEmpty;
  int64_t used = 0;
  for (int64_t e = 0; e < d->used; ++e) {
    int64_t *h = entryAt(d, e);
    if (!*h)
      continue;
    if (e != used)
      memmove(entryAt(d, used), h, (size_t)d->entrySize);
    int64_t slot;
    find(d, keyOf(d, used), &slot);
    index[slot] = used++;
  }
  d->used = used;
  return 1;
}

/* Room for one more entry (and its index slot). */
static int grow(KernDict *d) {
  if (d->used == d->capacity) {
    int64_t capacity = d->capacity ? 2 * d->capacity : 8;
    if (d->length < d->used / 2)
      capacity = d->capacity; /* mostly deleted: packing makes room */
    char *entries = capacity == d->capacity
                        ? d->entries
                        : realloc(d->entries, (size_t)(capacity * d->entrySize));
    if (!entries) {
      kern_rt_raise(KernErrorMemory, "cannot grow a dict", 0, NULL);
      return 0;
    }
    d->entries = entries;
    d->capacity = capacity;
    int64_t slots = d->mask + 1;
    while (slots * 2 < capacity * 3)
      slots *= 2;
    return rebuild(d, slots);
  }
  return 1;
}

static void releaseDict(void *container) {
  KernDict *d = container;
  free(d->entries);
  free(d->index);
  free(d->leafKinds);
}

/* A dict of keys of `keyWords` 64-bit words (`leafKinds`: the kind of
 * each, for tuple keys; NULL for the others). */
static KernDict *newDict(int64_t keyKind, int64_t keyWords, char *leafKinds,
                         int64_t valueSize) {
  KernDict *d = kernRuntimeNewContainer(sizeof(KernDict), releaseDict);
  if (!d) {
    free(leafKinds);
    return NULL;
  }
  d->keyKind = keyKind;
  d->keyWords = keyWords;
  d->leafKinds = leafKinds;
  d->valueSize = valueSize > 0 ? valueSize : 0; /* 0: a set (Set.c) */
  d->entrySize = (1 + keyWords) * (int64_t)sizeof(int64_t) +
                 (d->valueSize + 7) / 8 * 8;
  if (!rebuild(d, 8))
    return NULL;
  return d;
}

KernDict *kernDictNew(int64_t keyKind, int64_t valueSize) {
  return newDict(keyKind, 1, NULL, valueSize);
}

/* The calling thread's buffer for the words of a key (grown to `count`):
 * compiled code stores a tuple key there and passes it to one call. */
int64_t *kernDictKeyWords(int64_t count) {
  static _Thread_local int64_t *words;
  static _Thread_local int64_t capacity;
  if (count < 1)
    count = 1; /* an address even for () */
  if (count > capacity) {
    int64_t *grown = realloc(words, (size_t)count * sizeof *words);
    if (!grown) {
      kern_rt_raise(KernErrorMemory, "cannot make a dict key", 0, NULL);
      return NULL;
    }
    words = grown;
    capacity = count;
  }
  return words;
}

KernDict *kernDictNewTuple(const int64_t *leafKinds, int64_t leaves,
                           int64_t valueSize) {
  char *kinds = malloc((size_t)(leaves > 0 ? leaves : 1));
  if (!kinds) {
    kern_rt_raise(KernErrorMemory, "cannot make a dict", 0, NULL);
    return NULL;
  }
  for (int64_t i = 0; i < leaves; ++i)
    kinds[i] = (char)leafKinds[i];
  return newDict('T', leaves, kinds, valueSize);
}

KernDict *kernDictNewLike(const KernDict *d, int64_t valueSize) {
  char *kinds = NULL;
  if (d->leafKinds) {
    kinds = malloc((size_t)(d->keyWords > 0 ? d->keyWords : 1));
    if (!kinds) {
      kern_rt_raise(KernErrorMemory, "cannot make a dict", 0, NULL);
      return NULL;
    }
    memcpy(kinds, d->leafKinds, (size_t)d->keyWords);
  }
  return newDict(d->keyKind, d->keyWords, kinds, valueSize);
}

/* The table's operations by a key's address, made twice by the compiler
 * (`tuple` a constant): for tuple keys, and for one-word keys, whose
 * value is at a fixed offset (the exported calls by a 64-bit key keep the
 * key in a register). */
static inline __attribute__((always_inline)) void *
valueIn(const KernDict *d, int64_t e, int tuple) {
  return tuple ? valueOf(d, e) : (void *)(entryAt(d, e) + 2);
}

static inline __attribute__((always_inline)) void *
getSlot(KernDict *d, const int64_t *key, int tuple) {
  int64_t e = findIn(d, key, NULL, tuple);
  return e < 0 ? NULL : valueIn(d, e, tuple);
}

static inline __attribute__((always_inline)) void *
setSlot(KernDict *d, const int64_t *key, int tuple) {
  int64_t slot, e = findIn(d, key, &slot, tuple);
  if (e >= 0)
    return valueIn(d, e, tuple);
  if (d->used == d->capacity) {
    if (!grow(d))
      return NULL;
    findIn(d, key, &slot, tuple);
  }
  e = d->used++;
  int64_t *h = entryAt(d, e);
  memset(h, 0, (size_t)d->entrySize);
  h[0] = 1; /* live */
  if (tuple)
    memcpy(h + 1, key, (size_t)d->keyWords * sizeof *key);
  else
    h[1] = *key;
  d->index[slot] = e;
  d->length++;
  return valueIn(d, e, tuple);
}

static inline __attribute__((always_inline)) int64_t
deleteKey(KernDict *d, const int64_t *key, int tuple) {
  int64_t e = findIn(d, key, NULL, tuple);
  if (e < 0)
    return 0;
  *entryAt(d, e) = 0; /* dead */
  Probe p = probeOf(d, tuple ? tupleHash(d, key) : wordHash(d, *key));
  for (;; probeNext(&p))
    if (d->index[p.slot] == e) {
      d->index[p.slot] = kDeleted;
      break;
    }
  d->length--;
  return 1;
}

void *kernDictGetSlotKey(KernDict *d, const int64_t *key) {
  return d->keyKind == 'T' ? getSlot(d, key, 1) : getSlot(d, key, 0);
}

void *kernDictSetSlotKey(KernDict *d, const int64_t *key) {
  return d->keyKind == 'T' ? setSlot(d, key, 1) : setSlot(d, key, 0);
}

int64_t kernDictDeleteKey(KernDict *d, const int64_t *key) {
  return d->keyKind == 'T' ? deleteKey(d, key, 1) : deleteKey(d, key, 0);
}

int64_t kernDictHash(const KernDict *d, const int64_t *key) {
  return (int64_t)hashOf(d, key);
}

void *kernDictGetSlot(KernDict *d, int64_t key) {
  return getSlot(d, &key, 0);
}

void *kernDictSetSlot(KernDict *d, int64_t key) {
  return setSlot(d, &key, 0);
}

int64_t kernDictDelete(KernDict *d, int64_t key) {
  return deleteKey(d, &key, 0);
}

int64_t kernDictEntries(KernDict *d) {
  if (d->length != d->used && !rebuild(d, d->mask + 1))
    return 0;
  return d->used;
}

int64_t kernDictKeyAt(const KernDict *d, int64_t entry) {
  return *keyOf(d, entry);
}

const int64_t *kernDictKeyAddress(const KernDict *d, int64_t entry) {
  return keyOf(d, entry);
}

void *kernDictValueAt(const KernDict *d, int64_t entry) {
  return valueOf(d, entry);
}

int64_t kernDictPopLastKey(KernDict *d, int64_t *key) {
  if (d->length == 0) {
    kern_rt_raise(KernErrorKey, "pop from an empty set", 0, NULL);
    return 0;
  }
  while (!*entryAt(d, d->used - 1))
    d->used--; /* dead entries at the end: dropped */
  memcpy(key, keyOf(d, d->used - 1), (size_t)d->keyWords * sizeof *key);
  kernDictDeleteKey(d, key);
  d->used--; /* its index slot says deleted, never this entry */
  return 1;
}

int64_t kernDictPopLast(KernDict *d) {
  int64_t key = 0;
  kernDictPopLastKey(d, &key);
  return key;
}

void kernDictClear(KernDict *d) {
  d->length = d->used = 0;
  for (int64_t i = 0; i <= d->mask; ++i)
    d->index[i] = kEmpty;
}
