/*===- Vec.c - growable arrays for pass code ------------------------------===*/

#include "Vec.h"

#include <stdio.h>
#include <string.h>

void kernVecReserveBytes(void **data, intptr_t *cap, size_t elemSize,
                         intptr_t need) {
  if (need <= *cap)
    return;
  intptr_t grown = *cap ? 2 * *cap : 8;
  if (grown < need)
    grown = need;
  void *p = realloc(*data, (size_t)grown * elemSize);
  if (!p) {
    fputs("kern: out of memory while building IR\n", stderr);
    abort();
  }
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
