/*===- Print.c - print() from compiled code ---------------------------------===*
 *
 * `print("x =", x, a)` in a compiled function becomes one call per item
 * and one to end the line (the frontend's kern/frontend/printing.py):
 *
 *   func.call @kernRuntimePrintText(%text) : (memref<?xi8>) -> ()
 *   func.call @kernRuntimePrintFloat(%x) : (f64) -> ()
 *   func.call @kernRuntimePrintText(%space) : (memref<1xi8>) -> ()
 *   func.call @kernRuntimePrintArray(%code, %address, %meta) : (i64,
 *       i64, memref<?xindex>) -> ()
 *   func.call @kernRuntimePrintEnd(%flush) : (i64) -> ()
 *
 * The items of the line collect in a buffer of the calling thread, so
 * that lines printed by the threads of a parallel loop never mix, and the
 * end hands them to the print handler: the Python extension's, which
 * turns each item into its Python object and writes the line to
 * sys.stdout (the same stream, in order, as Python's own prints), as
 * Numba prints through Python. Without a handler (compiled code called from
 * C) the runtime formats the line itself, numbers as Python writes them,
 * and writes it to stdout.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static KernPrintHandler printHandler;

void kernRuntimeSetPrintHandler(KernPrintHandler handler) {
  printHandler = handler;
}

/*===----------------------------------------------------------------------===*
 * The items of the line being printed on this thread
 *===----------------------------------------------------------------------===*/

typedef struct {
  KernPrintItem *items;
  int64_t count, capacity;
} Line;

static _Thread_local Line line;

static KernPrintItem *newItem(KernPrintKind kind) {
  if (line.count == line.capacity) {
    int64_t capacity = line.capacity ? 2 * line.capacity : 8;
    KernPrintItem *items =
        realloc(line.items, (size_t)capacity * sizeof(KernPrintItem));
    if (!items)
      return NULL; /* out of memory: the item is left out */
    line.items = items;
    line.capacity = capacity;
  }
  KernPrintItem *item = &line.items[line.count++];
  memset(item, 0, sizeof *item);
  item->kind = kind;
  return item;
}

void kernRuntimePrintText(void *alloc, const char *aligned, int64_t offset,
                          int64_t length, int64_t stride) {
  (void)alloc, (void)stride;
  KernPrintItem *item = newItem(KernPrintText);
  if (item) {
    item->text = aligned + offset;
    item->length = length;
  }
}

void kernRuntimePrintInt(int64_t value) {
  KernPrintItem *item = newItem(KernPrintInt);
  if (item)
    item->i = value;
}

void kernRuntimePrintUInt(int64_t value) {
  KernPrintItem *item = newItem(KernPrintUInt);
  if (item)
    item->i = value;
}

void kernRuntimePrintBool(int64_t value) {
  KernPrintItem *item = newItem(KernPrintBool);
  if (item)
    item->i = value != 0;
}

void kernRuntimePrintFloat(double value) {
  KernPrintItem *item = newItem(KernPrintFloat);
  if (item)
    item->re = value;
}

void kernRuntimePrintComplex(double re, double im) {
  KernPrintItem *item = newItem(KernPrintComplex);
  if (item) {
    item->re = re;
    item->im = im;
  }
}

/* `base` is the address of the view's base; `meta` holds its offset, then its ndim sizes and ndim strides
 * (in elements); `code` is the element's kind letter times 256 plus its
 * size in bytes ('f' * 256 + 8 for float64). */
void kernRuntimePrintArray(int64_t code, int64_t base, void *metaAlloc,
                           const int64_t *meta, int64_t metaOffset,
                           int64_t metaLength, int64_t metaStride) {
  (void)metaAlloc, (void)metaStride;
  KernPrintItem *item = newItem(KernPrintArray);
  if (!item)
    return;
  meta += metaOffset;
  item->kindLetter = (char)(code >> 8);
  item->itemSize = (int)(code & 0xff);
  item->ndim = (int)((metaLength - 1) / 2);
  item->data = (char *)(intptr_t)base + meta[0] * item->itemSize;
  item->shape = meta + 1;
  item->strides = meta + 1 + item->ndim;
}

/* Codes are a number's kind letter << 8 | its size in bytes. */
void kernRuntimePrintList(KernList *l, int64_t itemCode) {
  KernPrintItem *item = newItem(KernPrintList);
  if (item) {
    item->data = (char *)l;
    item->i = itemCode;
  }
}

void kernRuntimePrintDict(KernDict *d, int64_t keyCode, int64_t valueCode) {
  KernPrintItem *item = newItem(KernPrintDict);
  if (item) {
    item->data = (char *)d;
    item->i = keyCode;
    item->length = valueCode;
  }
}

/*===----------------------------------------------------------------------===*
 * Formatting without Python (no handler)
 *===----------------------------------------------------------------------===*/

typedef struct {
  char *data;
  size_t length, capacity;
} Text;

static void append(Text *t, const char *s, size_t n) {
  if (t->length + n + 1 > t->capacity) {
    size_t capacity = t->capacity ? t->capacity : 64;
    while (capacity < t->length + n + 1)
      capacity *= 2;
    char *data = realloc(t->data, capacity);
    if (!data)
      return;
    t->data = data;
    t->capacity = capacity;
  }
  memcpy(t->data + t->length, s, n);
  t->length += n;
  t->data[t->length] = '\0';
}

static void appendString(Text *t, const char *s) { append(t, s, strlen(s)); }

/* repr(float) in Python: the shortest digits that read back as `x`, fixed
 * notation for 1e-4 <= |x| < 1e16 (with ".0" when integral), else
 * exponent notation with at least two exponent digits ("1e-05"). The
 * parts of a complex number have no ".0" (`dot0` 0): "(1+2j)". */
static void appendFloat(Text *t, double x, int dot0) {
  if (isnan(x)) {
    appendString(t, "nan");
    return;
  }
  if (isinf(x)) {
    appendString(t, x < 0 ? "-inf" : "inf");
    return;
  }
  char buf[64];
  int precision = 1;
  for (; precision < 17; ++precision) {
    snprintf(buf, sizeof buf, "%.*e", precision - 1, x);
    if (strtod(buf, NULL) == x)
      break;
  }
  snprintf(buf, sizeof buf, "%.*e", precision - 1, x);
  /* buf: [-]d[.ddd]e[+-]XX -> the digits and the decimal point's place. */
  const char *p = buf;
  if (*p == '-') {
    append(t, "-", 1);
    ++p;
  }
  char digits[32];
  int n = 0;
  for (; *p && *p != 'e'; ++p)
    if (*p != '.')
      digits[n++] = *p;
  while (n > 1 && digits[n - 1] == '0')
    --n;
  int point = atoi(p + 1) + 1; /* x = 0.d1d2... * 10^point */
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      append(t, "0.", 2);
      for (int i = point; i < 0; ++i)
        append(t, "0", 1);
      append(t, digits, (size_t)n);
    } else if (point >= n) {
      append(t, digits, (size_t)n);
      for (int i = n; i < point; ++i)
        append(t, "0", 1);
      if (dot0)
        append(t, ".0", 2);
    } else {
      append(t, digits, (size_t)point);
      append(t, ".", 1);
      append(t, digits + point, (size_t)(n - point));
    }
    return;
  }
  append(t, digits, 1);
  if (n > 1) {
    append(t, ".", 1);
    append(t, digits + 1, (size_t)(n - 1));
  }
  snprintf(buf, sizeof buf, "e%c%02d", point - 1 < 0 ? '-' : '+',
           abs(point - 1));
  appendString(t, buf);
}

char *kernRuntimeFloatRepr(double x, size_t *length) {
  Text t = {0};
  appendFloat(&t, x, 1);
  *length = t.length;
  return t.data;
}

static void appendElement(Text *t, char kind, int size, const char *p) {
  char buf[32];
  if (kind == 'b') {
    appendString(t, *p ? "True" : "False");
  } else if (kind == 'i' || kind == 'u') {
    int64_t v = 0;
    uint64_t u = 0;
    switch (size) {
    case 1: v = *(const int8_t *)p, u = *(const uint8_t *)p; break;
    case 2: v = *(const int16_t *)p, u = *(const uint16_t *)p; break;
    case 4: v = *(const int32_t *)p, u = *(const uint32_t *)p; break;
    default: v = *(const int64_t *)p, u = *(const uint64_t *)p; break;
    }
    if (kind == 'i')
      snprintf(buf, sizeof buf, "%lld", (long long)v);
    else
      snprintf(buf, sizeof buf, "%llu", (unsigned long long)u);
    appendString(t, buf);
  } else if (kind == 'f') {
    appendFloat(t, size == 4 ? (double)*(const float *)p : *(const double *)p,
                1);
  } else { /* complex */
    double re = size == 8 ? *(const float *)p : *(const double *)p;
    double im = size == 8 ? ((const float *)p)[1] : ((const double *)p)[1];
    if (re == 0 && !signbit(re)) { /* Python's "2j" */
      appendFloat(t, im, 0);
      append(t, "j", 1);
      return;
    }
    append(t, "(", 1);
    appendFloat(t, re, 0);
    if (!signbit(im) || isnan(im))
      append(t, "+", 1);
    appendFloat(t, im, 0);
    append(t, "j)", 2);
  }
}

/* A tuple key of a dict (Dict.c): its leaves, words of their kinds. */
static void appendTupleKey(Text *t, const KernDict *d, const int64_t *words) {
  append(t, "(", 1);
  for (int64_t i = 0; i < d->keyWords; ++i) {
    if (i)
      append(t, ", ", 2);
    char kind = d->leafKinds[i];
    if (kind == 'U') { /* a str: its repr */
      int64_t bytes;
      const char *utf8 = kernStrUTF8(
          kernStrRepr((const KernStr *)(intptr_t)words[i]), &bytes);
      append(t, utf8, bytes);
      continue;
    }
    uint8_t truth = words[i] != 0;
    appendElement(t, kind, kind == 'b' ? 1 : 8,
                  kind == 'b' ? (const char *)&truth
                              : (const char *)&words[i]);
  }
  append(t, d->keyWords == 1 ? ",)" : ")", d->keyWords == 1 ? 2 : 1);
}

/* NumPy's nesting of brackets: "[[1.0 2.0]\n [3.0 4.0]]". */
static void appendArray(Text *t, const KernPrintItem *a, int dim,
                        const char *p, int indent) {
  if (dim == a->ndim) {
    appendElement(t, a->kindLetter, a->itemSize, p);
    return;
  }
  append(t, "[", 1);
  for (int64_t i = 0; i < a->shape[dim]; ++i) {
    if (i > 0) {
      if (dim + 1 == a->ndim) {
        append(t, " ", 1);
      } else {
        append(t, "\n", 1);
        for (int k = 0; k <= indent; ++k)
          append(t, " ", 1);
      }
    }
    appendArray(t, a, dim + 1, p + i * a->strides[dim] * a->itemSize,
                indent + 1);
  }
  append(t, "]", 1);
}

static void appendItem(Text *t, const KernPrintItem *item) {
  char buf[32];
  switch (item->kind) {
  case KernPrintText:
    append(t, item->text, (size_t)item->length);
    break;
  case KernPrintInt:
    snprintf(buf, sizeof buf, "%lld", (long long)item->i);
    appendString(t, buf);
    break;
  case KernPrintUInt:
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)item->i);
    appendString(t, buf);
    break;
  case KernPrintBool:
    appendString(t, item->i ? "True" : "False");
    break;
  case KernPrintFloat:
    appendFloat(t, item->re, 1);
    break;
  case KernPrintComplex: {
    double parts[2] = {item->re, item->im};
    appendElement(t, 'c', 16, (const char *)parts);
    break;
  }
  case KernPrintArray:
    appendArray(t, item, 0, item->data, 0);
    break;
  case KernPrintList: {
    const KernList *l = (const KernList *)item->data;
    append(t, "[", 1);
    for (int64_t i = 0; i < l->length; ++i) {
      if (i)
        append(t, ", ", 2);
      appendElement(t, (char)(item->i >> 8), (int)(item->i & 0xff),
                    l->items + i * l->itemSize);
    }
    append(t, "]", 1);
    break;
  }
  case KernPrintDict: {
    KernDict *d = (KernDict *)item->data;
    char keyKind = (char)(item->i >> 8);
    int64_t n = kernDictEntries(d);
    if (n == 0 && item->length == 0) { /* an empty set */
      append(t, "set()", 5);
      break;
    }
    append(t, "{", 1);
    for (int64_t e = 0; e < n; ++e) {
      int64_t bits = kernDictKeyAt(d, e);
      if (e)
        append(t, ", ", 2);
      if (d->keyKind == 'T')
        appendTupleKey(t, d, kernDictKeyAddress(d, e));
      else if (keyKind == 'f')
        appendElement(t, 'f', 8, (const char *)&bits);
      else
        appendElement(t, keyKind == 'b' ? 'b' : keyKind == 'u' ? 'u' : 'i',
                      keyKind == 'b' ? 1 : 8, (const char *)&bits);
      if (item->length == 0)
        continue; /* a set */
      append(t, ": ", 2);
      appendElement(t, (char)(item->length >> 8), (int)(item->length & 0xff),
                    kernDictValueAt(d, e));
    }
    append(t, "}", 1);
    break;
  }
  }
}

static void writeLine(const KernPrintItem *items, int64_t count, int flush) {
  Text t = {0};
  for (int64_t i = 0; i < count; ++i)
    appendItem(&t, &items[i]);
  if (t.data)
    fwrite(t.data, 1, t.length, stdout);
  if (flush)
    fflush(stdout);
  free(t.data);
}

const KernPrintItem *kernRuntimeTakePrintItems(int64_t *count) {
  *count = line.count;
  line.count = 0;
  return line.items;
}

void kernRuntimePrintEnd(int64_t flush) {
  if (printHandler)
    printHandler(line.items, line.count, (int)flush);
  else
    writeLine(line.items, line.count, (int)flush);
  line.count = 0;
}
