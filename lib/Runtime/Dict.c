/*===- Dict.c - Python dicts made by compiled code --------------------------===*
 *
 * A dict in compiled code (kern/frontend/dicts.py) is a pointer to a
 * KernDict (kern-c/Runtime.h): Python's own layout, a table of entries in
 * insertion order (so that iteration gives Python's order) and an index of
 * open-addressed slots into it. Keys are numbers passed as 64 bits
 * (integers sign- or zero-extended, floats as the bits of a double);
 * values are stored at their native size, and compiled code reads and
 * writes them through the address the lookup returns:
 *
 *   %slot = func.call @kernDictSetSlot(%d, %key) : (!llvm.ptr, i64) -> !llvm.ptr
 *   llvm.store %v, %slot : f64, !llvm.ptr
 *   %found = func.call @kernDictGetSlot(%d, %key) : (!llvm.ptr, i64) -> !llvm.ptr
 *
 * Iteration packs the entries first (kernDictEntries), so that entries
 * 0 .. length-1 are the live ones, in order. Dicts are recorded and freed
 * with the lists (List.c: kernRuntimeHoldLists,
 * kernRuntimeReleaseLists). A set is a dict without values (Set.c).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

#include <stdlib.h>
#include <string.h>

enum { kEmpty = -1, kDeleted = -2 };

typedef struct {
  int64_t key;
  int64_t live;
} EntryHead; /* followed by the value */

static EntryHead *entryAt(const KernDict *d, int64_t i) {
  return (EntryHead *)(d->entries + i * d->entrySize);
}

static int isFloat(const KernDict *d) { return d->keyKind == 'f'; }

static double asDouble(int64_t bits) {
  double x;
  memcpy(&x, &bits, sizeof x);
  return x;
}

/* Equal keys hash alike: 0.0 and -0.0 are one key, as in Python. An
 * integer is its own hash, as in Python: keys that come in order land in
 * nearby slots, so that walking them touches memory in order; a float's
 * bits are mixed (splitmix64). */
static uint64_t hashOf(const KernDict *d, int64_t key) {
  if (d->keyKind == 'U') { /* a KernStr*: FNV-1a of its code points */
    const KernStr *s = (const KernStr *)(intptr_t)key;
    uint64_t h = 1469598103934665603ull;
    for (int64_t i = 0; i < s->length; ++i)
      h = (h ^ s->data[i]) * 1099511628211ull;
    return h ^ (h >> 29);
  }
  if (!isFloat(d))
    return (uint64_t)key;
  uint64_t x = asDouble(key) == 0.0 ? 0 : (uint64_t)key;
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* The index slots a key may be in, in order: CPython's probe sequence
 * (slot = 5 slot + 1 + perturb, the hash's high bits shifted in), which
 * leaves a run of colliding keys such as multiples of a power of two. */
typedef struct Probe {
  uint64_t slot, perturb, mask;
} Probe;

static Probe probeStart(const KernDict *d, int64_t key) {
  uint64_t h = hashOf(d, key);
  return (Probe){.slot = h & (uint64_t)d->mask, .perturb = h,
                 .mask = (uint64_t)d->mask};
}

static void probeNext(Probe *p) {
  p->perturb >>= 5;
  p->slot = (p->slot * 5 + 1 + p->perturb) & p->mask;
}

static int sameKey(const KernDict *d, int64_t a, int64_t b) {
  if (d->keyKind == 'U')
    return (int)kernStrEqual((const KernStr *)(intptr_t)a,
                             (const KernStr *)(intptr_t)b);
  return isFloat(d) ? asDouble(a) == asDouble(b) : a == b;
}

/* The entry of `key`, or -1; `*free` gets the index slot to insert it at. */
static int64_t find(const KernDict *d, int64_t key, int64_t *free) {
  int64_t firstDeleted = -1;
  for (Probe p = probeStart(d, key);; probeNext(&p)) {
    int64_t e = d->index[p.slot];
    if (e == kEmpty) {
      if (free)
        *free = firstDeleted >= 0 ? firstDeleted : (int64_t)p.slot;
      return -1;
    }
    if (e == kDeleted) {
      if (firstDeleted < 0)
        firstDeleted = (int64_t)p.slot;
    } else if (sameKey(d, entryAt(d, e)->key, key)) {
      return e;
    }
  }
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
    EntryHead *h = entryAt(d, e);
    if (!h->live)
      continue;
    if (e != used)
      memmove(entryAt(d, used), h, (size_t)d->entrySize);
    int64_t slot;
    find(d, entryAt(d, used)->key, &slot);
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
}

KernDict *kernDictNew(int64_t keyKind, int64_t valueSize) {
  KernDict *d = kernRuntimeNewContainer(sizeof(KernDict), releaseDict);
  if (!d)
    return NULL;
  d->keyKind = keyKind;
  d->valueSize = valueSize > 0 ? valueSize : 0; /* 0: a set (Set.c) */
  d->entrySize = (int64_t)sizeof(EntryHead) + (d->valueSize + 7) / 8 * 8;
  if (!rebuild(d, 8))
    return NULL;
  return d;
}

void *kernDictGetSlot(KernDict *d, int64_t key) {
  int64_t e = find(d, key, NULL);
  return e < 0 ? NULL : (char *)entryAt(d, e) + sizeof(EntryHead);
}

void *kernDictSetSlot(KernDict *d, int64_t key) {
  int64_t slot, e = find(d, key, &slot);
  if (e >= 0)
    return (char *)entryAt(d, e) + sizeof(EntryHead);
  if (d->used == d->capacity) {
    if (!grow(d))
      return NULL;
    find(d, key, &slot);
  }
  e = d->used++;
  EntryHead *h = entryAt(d, e);
  memset(h, 0, (size_t)d->entrySize);
  h->key = key;
  h->live = 1;
  d->index[slot] = e;
  d->length++;
  return (char *)h + sizeof(EntryHead);
}

int64_t kernDictDelete(KernDict *d, int64_t key) {
  int64_t e = find(d, key, NULL);
  if (e < 0)
    return 0;
  entryAt(d, e)->live = 0;
  for (Probe p = probeStart(d, key);; probeNext(&p))
    if (d->index[p.slot] == e) {
      d->index[p.slot] = kDeleted;
      break;
    }
  d->length--;
  return 1;
}

int64_t kernDictEntries(KernDict *d) {
  if (d->length != d->used && !rebuild(d, d->mask + 1))
    return 0;
  return d->used;
}

int64_t kernDictKeyAt(const KernDict *d, int64_t entry) {
  return entryAt(d, entry)->key;
}

void *kernDictValueAt(const KernDict *d, int64_t entry) {
  return (char *)entryAt(d, entry) + sizeof(EntryHead);
}

int64_t kernDictPopLast(KernDict *d) {
  if (d->length == 0) {
    kern_rt_raise(KernErrorKey, "pop from an empty set", 0, NULL);
    return 0;
  }
  while (!entryAt(d, d->used - 1)->live)
    d->used--; /* dead entries at the end: dropped */
  int64_t key = entryAt(d, d->used - 1)->key;
  kernDictDelete(d, key);
  d->used--; /* its index slot says deleted, never this entry */
  return key;
}

void kernDictClear(KernDict *d) {
  d->length = d->used = 0;
  for (int64_t i = 0; i <= d->mask; ++i)
    d->index[i] = kEmpty;
}
