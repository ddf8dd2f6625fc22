/*===- List.c - Python lists made by compiled code --------------------------===*
 *
 * A list in compiled code (kern/frontend/lists.py) is a pointer to a
 * KernList (kern-c/Runtime.h): its length, capacity and items, one after
 * the other at their native size. Compiled code reads and writes the items
 * and the length itself (llvm.load / llvm.store at the offsets of the
 * header) and calls here only to make a list and to make room (an append
 * stores the item itself when length < capacity):
 *
 *   %l = func.call @kernListNew(%size8, %c0) : (i64, i64) -> !llvm.ptr
 *   scf.if %full { func.call @kernListReserve(%l, %n1) : (!llvm.ptr, i64) -> () }
 *   llvm.store %x, %slot : f64, !llvm.ptr
 *
 * Lifetime. Lists cannot outlive the call that made them except as its
 * results, which the caller turns into Python lists at once; so every list
 * is recorded here, and they are all freed when the last holder lets go:
 * kern._kernrt holds them around a call of a function that uses lists and
 * the conversion of its results (kernRuntimeHoldLists /
 * kernRuntimeReleaseLists), so that calls on other threads keep theirs. A loop that makes many
 * short-lived lists in one call keeps them until the call ends.
 *
 * Arrays in lists. An array stored into a list (a list of arrays, or a
 * tuple... item holding one) is copied into a buffer recorded here like a
 * container (kernListAdoptArray): it is freed with the lists, unless a
 * result hands it to a NumPy array first (kernRuntimeDisown: the record
 * leaves the chain, and the array's capsule frees it). The descriptor in
 * the list has the record as its allocated pointer, so that capsule's
 * kernRuntimeFree is the right free().
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Every list and dict (Dict.c) the code makes: a header before the
 * container, linked into `records` until released. */
typedef struct Record {
  struct Record *prev, *next;
  void (*release)(void *container); /* frees what the container holds */
  int disowned; /* handed to a result: not in `records` */
  _Alignas(16) char container[];
} Record;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Record *records; /* every container not yet released */
static long holders;    /* under `lock` */

void kernRuntimeHoldLists(void) {
  pthread_mutex_lock(&lock);
  holders++;
  pthread_mutex_unlock(&lock);
}

void *kernRuntimeNewContainer(size_t bytes, void (*release)(void *)) {
  Record *r = calloc(1, sizeof *r + bytes);
  if (!r) {
    kern_rt_raise(KernErrorMemory, "cannot make a list or dict", 0, NULL);
    return NULL;
  }
  r->release = release;
  pthread_mutex_lock(&lock);
  r->next = records;
  if (records)
    records->prev = r;
  records = r;
  pthread_mutex_unlock(&lock);
  return r->container;
}

/* Makes room for `count` items; 0 when memory ran out (MemoryError). */
static int reserve(KernList *l, int64_t count) {
  if (count <= l->capacity)
    return 1;
  int64_t capacity = l->capacity ? l->capacity : 4;
  while (capacity < count)
    capacity *= 2;
  char *items = realloc(l->items, (size_t)(capacity * l->itemSize));
  if (!items) {
    kern_rt_raise(KernErrorMemory, "cannot grow a list", 0, NULL);
    return 0;
  }
  l->items = items;
  l->capacity = capacity;
  return 1;
}

static void releaseList(void *container) { free(((KernList *)container)->items); }

KernList *kernListNew(int64_t itemSize, int64_t length) {
  KernList *l = kernRuntimeNewContainer(sizeof(KernList), releaseList);
  if (!l)
    return NULL;
  l->itemSize = itemSize > 0 ? itemSize : 1;
  if (length > 0 && reserve(l, length)) {
    l->length = length;
    memset(l->items, 0, (size_t)(length * l->itemSize));
  }
  return l;
}

void kernListReserve(KernList *l, int64_t count) { reserve(l, count); }

void *kernListInsertSlot(KernList *l, int64_t index) {
  if (index < 0)
    index = index + l->length < 0 ? 0 : index + l->length;
  if (index > l->length)
    index = l->length;
  if (!reserve(l, l->length + 1))
    return NULL;
  char *at = l->items + l->itemSize * index;
  memmove(at + l->itemSize, at, (size_t)((l->length - index) * l->itemSize));
  l->length++;
  return at;
}

void kernListRemove(KernList *l, int64_t index) {
  char *at = l->items + l->itemSize * index;
  memmove(at, at + l->itemSize,
          (size_t)((l->length - index - 1) * l->itemSize));
  l->length--;
}

void kernListReverse(KernList *l) {
  size_t size = (size_t)l->itemSize; /* any size: swapped byte by byte */
  for (int64_t i = 0, j = l->length - 1; i < j; ++i, --j) {
    char *a = l->items + size * i, *b = l->items + size * j;
    for (size_t k = 0; k < size; ++k) {
      char t = a[k];
      a[k] = b[k];
      b[k] = t;
    }
  }
}

static void releaseNothing(void *container) { (void)container; }

/* A copy of a strided array at `slot` (a memref descriptor whose sizes and
 * strides, in elements, compiled code has written): the elements of
 * `data` + offset, `itemSize` bytes each, copied in C order into a new
 * recorded buffer; the descriptor becomes {record, buffer, 0, sizes,
 * C-contiguous strides}. */
void kernListAdoptArray(int64_t *slot, const char *data, int64_t offset,
                        int64_t itemSize, int64_t ndim) {
  int64_t *sizes = slot + 3, *strides = slot + 3 + ndim, count = 1;
  for (int64_t d = 0; d < ndim; ++d)
    count *= sizes[d];
  char *buffer = kernRuntimeNewContainer((size_t)(count * itemSize) + 1,
                                         releaseNothing);
  if (!buffer)
    return;
  const char *src = data + offset * itemSize;
  char *out = buffer;
  int64_t *at = calloc((size_t)(ndim ? ndim : 1), sizeof *at);
  if (!at) {
    kern_rt_raise(KernErrorMemory, "cannot copy an array into a list", 0,
                  NULL);
    return;
  }
  for (int64_t n = 0; n < count; ++n) { /* the index `at` in C order */
    int64_t from = 0;
    for (int64_t d = 0; d < ndim; ++d)
      from += at[d] * strides[d];
    memcpy(out, src + from * itemSize, (size_t)itemSize);
    out += itemSize;
    for (int64_t d = ndim - 1; d >= 0 && ++at[d] == sizes[d]; --d)
      at[d] = 0;
  }
  free(at);
  Record *r = (Record *)(buffer - offsetof(Record, container));
  void *record = r;
  memcpy(&slot[0], &record, sizeof record);
  memcpy(&slot[1], &buffer, sizeof buffer);
  slot[2] = 0;
  for (int64_t d = ndim - 1, stride = 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= sizes[d];
  }
}

void kernRuntimeDisown(void *allocated) {
  Record *r = allocated;
  pthread_mutex_lock(&lock);
  if (!r->disowned) {
    r->disowned = 1;
    if (r->prev)
      r->prev->next = r->next;
    else
      records = r->next;
    if (r->next)
      r->next->prev = r->prev;
    r->prev = r->next = NULL;
  }
  pthread_mutex_unlock(&lock);
}

void kernListClear(KernList *l) { l->length = 0; }

/* Ascending comparisons of one item type (NaNs last, as NumPy sorts). */
#define KERN_COMPARE(Name, T)                                                \
  static int Name(const void *a, const void *b) {                           \
    T x = *(const T *)a, y = *(const T *)b;                                  \
    if (x != x || y != y)                                                    \
      return (x != x) - (y != y);                                            \
    return (x > y) - (x < y);                                                \
  }
KERN_COMPARE(compareI8, int8_t)
KERN_COMPARE(compareI16, int16_t)
KERN_COMPARE(compareI32, int32_t)
KERN_COMPARE(compareI64, int64_t)
KERN_COMPARE(compareU8, uint8_t)
KERN_COMPARE(compareU16, uint16_t)
KERN_COMPARE(compareU32, uint32_t)
KERN_COMPARE(compareU64, uint64_t)
KERN_COMPARE(compareF32, float)
KERN_COMPARE(compareF64, double)
#undef KERN_COMPARE

/* strs (Str.c) by code points, as Python orders them */
static int compareStr(const void *a, const void *b) {
  return (int)kernStrCompare(*(KernStr *const *)a, *(KernStr *const *)b);
}

void kernListSort(KernList *l, int64_t code) {
  int size = (int)(code & 0xff);
  int (*compare)(const void *, const void *) = NULL;
  switch ((char)(code >> 8)) {
  case 'b':
  case 'u':
    compare = size == 1 ? compareU8 : size == 2 ? compareU16
            : size == 4 ? compareU32 : compareU64;
    break;
  case 'i':
    compare = size == 1 ? compareI8 : size == 2 ? compareI16
            : size == 4 ? compareI32 : compareI64;
    break;
  case 'f':
    compare = size == 4 ? compareF32 : compareF64;
    break;
  case 'U':
    compare = compareStr;
    break;
  }
  if (compare && l->length > 1)
    qsort(l->items, (size_t)l->length, (size_t)l->itemSize, compare);
}

void kernRuntimeReleaseLists(void) {
  pthread_mutex_lock(&lock);
  Record *r = NULL;
  if (--holders <= 0) { /* no call can hold any of them: free them all */
    holders = 0;
    r = records;
    records = NULL;
  }
  pthread_mutex_unlock(&lock);
  while (r) {
    Record *next = r->next;
    r->release(r->container);
    free(r);
    r = next;
  }
}
