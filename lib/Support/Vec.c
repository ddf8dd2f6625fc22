/*===- Vec.c - growable arrays for pass code ------------------------------===*/

#include "Vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void outOfMemory(void) {
  fputs("kern: out of memory while building IR\n", stderr);
  abort();
}

void *kernAllocZeroed(intptr_t n, size_t elemSize) {
  void *p = calloc(n > 0 ? (size_t)n : 1, elemSize);
  if (!p)
    outOfMemory();
  return p;
}

void kernVecReserveBytes(void **data, intptr_t *cap, size_t elemSize,
                         intptr_t need) {
  if (need <= *cap)
    return;
  intptr_t grown = *cap ? 2 * *cap : 8;
  if (grown < need)
    grown = need;
  void *p = realloc(*data, (size_t)grown * elemSize);
  if (!p)
    outOfMemory();
  memset((char *)p + (size_t)*cap * elemSize, 0,
         (size_t)(grown - *cap) * elemSize);
  *data = p;
  *cap = grown;
}

bool kernValueVecContains(const KernValueVec *set, MlirValue v) {
  for (intptr_t i = 0; i < set->size; ++i)
    if (mlirValueEqual(set->data[i], v))
      return true;
  return false;
}

void kernValueVecInsert(KernValueVec *set, MlirValue v) {
  if (!kernValueVecContains(set, v))
    kernVecPush(set, v);
}

void kernCharVecAppend(KernCharVec *v, const char *s) {
  size_t n = strlen(s);
  intptr_t at = v->size > 0 ? v->size - 1 : 0; /* over the NUL */
  kernVecResize(v, at + (intptr_t)n + 1);
  memcpy(v->data + at, s, n + 1);
}

void kernCharVecAppendf(KernCharVec *v, const char *fmt, ...) {
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) {
    va_end(again);
    return;
  }
  intptr_t at = v->size > 0 ? v->size - 1 : 0;
  kernVecResize(v, at + n + 1);
  vsnprintf(v->data + at, (size_t)n + 1, fmt, again);
  va_end(again);
}
