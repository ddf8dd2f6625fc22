/*===- Str.c - Python str values of compiled code ----------------------------===*
 *
 * A str in compiled code (kern/frontend/strings.py) is a pointer to a
 * KernStr (kern-c/Runtime.h): its length in code points at offset 0, then
 * the code points as UCS4 (uint32), which holds all of Unicode with O(1)
 * indexing. Strings are immutable: constants are read-only globals of the
 * module (the same layout), single characters below 256 and "" are shared
 * static objects, and every other string is made here and recorded with
 * the lists (List.c), freed when the last holder of the call lets go.
 *
 *   %s = func.call @kernStrConcat(%a, %b) : (!llvm.ptr, !llvm.ptr) -> !llvm.ptr
 *   %n = llvm.load %s : !llvm.ptr -> i64           (len(s))
 *
 * Character properties and case mappings are CPython's own when the Python
 * extension has set them (kernRuntimeSetUnicodeDatabase); without them
 * ASCII rules apply.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Objects
 *===----------------------------------------------------------------------===*/

typedef struct {
  int64_t length;
  uint32_t data[2];
} SmallStr; /* the layout of a KernStr of at most 2 code points */

static SmallStr latin1[256], empty;
static pthread_once_t latin1Once = PTHREAD_ONCE_INIT;

static void initLatin1(void) {
  for (int i = 0; i < 256; ++i)
    latin1[i] = (SmallStr){1, {(uint32_t)i, 0}};
}

static KernStr *character(uint32_t c) {
  if (c < 256) {
    pthread_once(&latin1Once, initLatin1);
    return (KernStr *)&latin1[c];
  }
  KernStr *s = kernStrNew(1);
  if (s)
    s->data[0] = c;
  return s;
}

static void releaseNothing(void *container) { (void)container; }

KernStr *kernStrNew(int64_t length) {
  if (length <= 0)
    return (KernStr *)&empty;
  if (length > (INT64_MAX - 64) / 4) {
    kern_rt_raise(KernErrorMemory, "cannot make a string that long", 0, NULL);
    return (KernStr *)&empty;
  }
  KernStr *s = kernRuntimeNewContainer(
      sizeof(KernStr) + (size_t)length * sizeof(uint32_t), releaseNothing);
  if (!s)
    return (KernStr *)&empty;
  s->length = length;
  return s;
}

static KernStr *copyOf(const uint32_t *data, int64_t n) {
  if (n == 1)
    return character(data[0]);
  KernStr *s = kernStrNew(n);
  if (n > 0)
    memcpy(s->data, data, (size_t)n * sizeof(uint32_t));
  return s;
}

KernStr *kernStrFromUTF8(const char *text, int64_t bytes) {
  const unsigned char *p = (const unsigned char *)text;
  int64_t n = 0;
  for (int64_t i = 0; i < bytes; ++i)
    n += (p[i] & 0xc0) != 0x80;
  KernStr *s = kernStrNew(n);
  int64_t k = 0;
  for (int64_t i = 0; i < bytes && k < n;) {
    uint32_t c = p[i];
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    c &= extra ? 0x3fu >> extra : 0x7fu;
    for (++i; extra-- > 0 && i < bytes; ++i)
      c = (c << 6) | (p[i] & 0x3f);
    s->data[k++] = c;
  }
  return n == 1 ? character(s->data[0]) : s;
}

/* UTF-8 of `s` into `out` (4 bytes per code point at most); its length. */
static size_t encodeUTF8(const KernStr *s, char *out) {
  size_t k = 0;
  for (int64_t i = 0; i < s->length; ++i) {
    uint32_t c = s->data[i];
    if (c < 0x80) {
      out[k++] = (char)c;
    } else if (c < 0x800) {
      out[k++] = (char)(0xc0 | (c >> 6));
      out[k++] = (char)(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out[k++] = (char)(0xe0 | (c >> 12));
      out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
      out[k++] = (char)(0x80 | (c & 0x3f));
    } else {
      out[k++] = (char)(0xf0 | (c >> 18));
      out[k++] = (char)(0x80 | ((c >> 12) & 0x3f));
      out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
      out[k++] = (char)(0x80 | (c & 0x3f));
    }
  }
  return k;
}

/* Raises `kind` with the literal message `text` (no placeholders). */
static void raiseText(int kind, const char *text) {
  size_t n = strlen(text);
  char *fmt = malloc(2 * n + 1);
  if (!fmt) {
    kern_rt_raise(kind, "(no memory for the message)", 0, NULL);
    return;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    if (text[i] == '%')
      fmt[k++] = '%';
    fmt[k++] = text[i];
  }
  fmt[k] = '\0';
  /* the message is formatted before kern_rt_raise unwinds: a short copy */
  char message[512];
  snprintf(message, sizeof message, "%s", fmt);
  free(fmt);
  kern_rt_raise(kind, message, 0, NULL);
}

/*===----------------------------------------------------------------------===*
 * Character database
 *===----------------------------------------------------------------------===*/

static const KernUnicodeDatabase *db;

void kernRuntimeSetUnicodeDatabase(const KernUnicodeDatabase *database) {
  db = database;
}

static int isSpace(uint32_t c) {
  if (c < 128)
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  return db ? db->isSpace(c) : 0;
}
static int isLower(uint32_t c) {
  return db ? db->isLower(c) : c >= 'a' && c <= 'z';
}
static int isUpper(uint32_t c) {
  return db ? db->isUpper(c) : c >= 'A' && c <= 'Z';
}
static int isTitle(uint32_t c) { return db ? db->isTitle(c) : isUpper(c); }
static int isCased(uint32_t c) {
  return db ? db->isCased(c) : isLower(c) || isUpper(c);
}
static int isCaseIgnorable(uint32_t c) {
  return db ? db->isCaseIgnorable(c) : c == '\'' || c == '.' || c == ':';
}
static int isDecimal(uint32_t c) {
  return db ? db->isDecimal(c) : c >= '0' && c <= '9';
}
static int isDigit(uint32_t c) { return db ? db->isDigit(c) : isDecimal(c); }
static int isNumeric(uint32_t c) {
  return db ? db->isNumeric(c) : isDecimal(c);
}
static int isAlpha(uint32_t c) {
  return db ? db->isAlpha(c) : isLower(c) || isUpper(c);
}
static int isLinebreak(uint32_t c) {
  if (c < 128)
    return c == '\n' || c == '\r' || (c >= 0x0b && c <= 0x0c) ||
           (c >= 0x1c && c <= 0x1e);
  return db ? db->isLinebreak(c) : c == 0x85 || c == 0x2028 || c == 0x2029;
}
static int isPrintable(uint32_t c) {
  if (c < 128)
    return c >= 0x20 && c != 0x7f;
  return db ? db->isPrintable(c) : c >= 0xa0;
}
static int decimalValue(uint32_t c) {
  if (c >= '0' && c <= '9')
    return (int)(c - '0');
  return db ? db->toDecimal(c) : -1;
}

enum { MapUpper, MapLower, MapTitle, MapFold };

/* The full mapping of `c` (at most 3 code points) into `out`; its count. */
static int mapped(uint32_t c, int how, uint32_t out[3]) {
  if (db)
    return db->toCase(c, how, out);
  out[0] = c;
  if ((how == MapUpper || how == MapTitle) && c >= 'a' && c <= 'z')
    out[0] = c - 32;
  if ((how == MapLower || how == MapFold) && c >= 'A' && c <= 'Z')
    out[0] = c + 32;
  return 1;
}

/*===----------------------------------------------------------------------===*
 * A growing buffer of code points
 *===----------------------------------------------------------------------===*/

typedef struct {
  uint32_t *data;
  int64_t length, capacity;
} Buffer;

static void put(Buffer *b, uint32_t c) {
  if (b->length == b->capacity) {
    int64_t capacity = b->capacity ? 2 * b->capacity : 16;
    uint32_t *data = realloc(b->data, (size_t)capacity * sizeof(uint32_t));
    if (!data)
      return;
    b->data = data;
    b->capacity = capacity;
  }
  b->data[b->length++] = c;
}

static KernStr *finish(Buffer *b) {
  KernStr *s = copyOf(b->data, b->length);
  free(b->data);
  return s;
}

/*===----------------------------------------------------------------------===*
 * Operators
 *===----------------------------------------------------------------------===*/

KernStr *kernStrConcat(const KernStr *a, const KernStr *b) {
  if (b->length == 0)
    return (KernStr *)a;
  if (a->length == 0)
    return (KernStr *)b;
  KernStr *s = kernStrNew(a->length + b->length);
  memcpy(s->data, a->data, (size_t)a->length * sizeof(uint32_t));
  memcpy(s->data + a->length, b->data, (size_t)b->length * sizeof(uint32_t));
  return s;
}

KernStr *kernStrRepeat(const KernStr *a, int64_t n) {
  if (n <= 0 || a->length == 0)
    return (KernStr *)&empty;
  if (n == 1)
    return (KernStr *)a;
  if (a->length > INT64_MAX / 4 / n) {
    kern_rt_raise(KernErrorOverflow, "repeated string is too long", 0, NULL);
    return (KernStr *)&empty;
  }
  KernStr *s = kernStrNew(a->length * n);
  for (int64_t i = 0; i < n; ++i)
    memcpy(s->data + i * a->length, a->data,
           (size_t)a->length * sizeof(uint32_t));
  return s;
}

int64_t kernStrCompare(const KernStr *a, const KernStr *b) {
  int64_t n = a->length < b->length ? a->length : b->length;
  for (int64_t i = 0; i < n; ++i)
    if (a->data[i] != b->data[i])
      return a->data[i] < b->data[i] ? -1 : 1;
  return (a->length > b->length) - (a->length < b->length);
}

int64_t kernStrEqual(const KernStr *a, const KernStr *b) {
  return a == b || (a->length == b->length &&
                    memcmp(a->data, b->data,
                           (size_t)a->length * sizeof(uint32_t)) == 0);
}

KernStr *kernStrGetItem(const KernStr *s, int64_t i) {
  if (i < 0)
    i += s->length;
  if (i < 0 || i >= s->length) {
    kern_rt_raise(KernErrorIndex, "string index out of range", 0, NULL);
    return (KernStr *)&empty;
  }
  return character(s->data[i]);
}

/* Python's slice.indices: bit 0 of `given` says start is given, bit 1
 * stop, bit 2 step. Returns the count of items. */
static int64_t sliceIndices(int64_t length, int64_t *start, int64_t *stop,
                            int64_t *step, int64_t given) {
  if (!(given & 4))
    *step = 1;
  if (*step == 0) {
    kern_rt_raise(KernErrorValue, "slice step cannot be zero", 0, NULL);
    return 0;
  }
  int64_t lo = *step < 0 ? -1 : 0, hi = *step < 0 ? length - 1 : length;
  if (!(given & 1))
    *start = *step < 0 ? hi : lo;
  else if (*start < 0)
    *start = *start + length < lo ? lo : *start + length;
  else if (*start > hi)
    *start = hi;
  if (!(given & 2))
    *stop = *step < 0 ? lo : hi;
  else if (*stop < 0)
    *stop = *stop + length < lo ? lo : *stop + length;
  else if (*stop > hi)
    *stop = hi;
  if (*step > 0)
    return *stop > *start ? (*stop - *start - 1) / *step + 1 : 0;
  return *start > *stop ? (*start - *stop - 1) / -*step + 1 : 0;
}

KernStr *kernStrSlice(const KernStr *s, int64_t start, int64_t stop,
                      int64_t step, int64_t given) {
  int64_t n = sliceIndices(s->length, &start, &stop, &step, given);
  if (n == s->length && step == 1)
    return (KernStr *)s;
  if (step == 1)
    return copyOf(s->data + start, n);
  KernStr *r = kernStrNew(n);
  for (int64_t i = 0; i < n; ++i)
    r->data[i] = s->data[start + i * step];
  return n == 1 ? character(r->data[0]) : r;
}

/* [start, end) of s.find(sub, start, end): bit 0 of `given` start, bit 1
 * end (None counts as not given), as Python's slice rules adjust them. */
static void findRange(const KernStr *s, int64_t *start, int64_t *end,
                      int64_t given) {
  int64_t n = s->length;
  if (!(given & 1))
    *start = 0;
  else if (*start < 0)
    *start = *start + n < 0 ? 0 : *start + n;
  if (!(given & 2) || *end > n)
    *end = n;
  else if (*end < 0)
    *end = *end + n < 0 ? 0 : *end + n;
}

static int matchesAt(const KernStr *s, const KernStr *sub, int64_t i) {
  return memcmp(s->data + i, sub->data,
                (size_t)sub->length * sizeof(uint32_t)) == 0;
}

/* flags: bit 0 from the right (rfind), bit 1 raise ValueError (index). */
int64_t kernStrFind(const KernStr *s, const KernStr *sub, int64_t start,
                    int64_t end, int64_t given, int64_t flags) {
  findRange(s, &start, &end, given);
  int64_t found = -1;
  if (end - start >= sub->length && start <= s->length) {
    if (flags & 1) {
      for (int64_t i = end - sub->length; i >= start && found < 0; --i)
        if (matchesAt(s, sub, i))
          found = i;
    } else {
      for (int64_t i = start; i + sub->length <= end && found < 0; ++i)
        if (matchesAt(s, sub, i))
          found = i;
    }
  }
  if (found < 0 && (flags & 2))
    kern_rt_raise(KernErrorValue, "substring not found", 0, NULL);
  return found;
}

int64_t kernStrContains(const KernStr *s, const KernStr *sub) {
  return kernStrFind(s, sub, 0, 0, 0, 0) >= 0;
}

int64_t kernStrCount(const KernStr *s, const KernStr *sub, int64_t start,
                     int64_t end, int64_t given) {
  findRange(s, &start, &end, given);
  if (start > s->length || end - start < sub->length)
    return 0;
  if (sub->length == 0)
    return end - start + 1;
  int64_t count = 0;
  for (int64_t i = start; i + sub->length <= end;)
    if (matchesAt(s, sub, i))
      ++count, i += sub->length;
    else
      ++i;
  return count;
}

/* s.startswith(affix, start, end), or endswith when `suffix`. */
int64_t kernStrAffix(const KernStr *s, const KernStr *affix, int64_t start,
                     int64_t end, int64_t given, int64_t suffix) {
  findRange(s, &start, &end, given);
  if (start > s->length || end - start < affix->length)
    return 0;
  return matchesAt(s, affix, suffix ? end - affix->length : start);
}

KernStr *kernStrReplace(const KernStr *s, const KernStr *old,
                        const KernStr *with, int64_t count) {
  Buffer b = {0};
  int64_t done = 0, i = 0;
  if (count < 0)
    count = INT64_MAX;
  while (i <= s->length) {
    if (done < count && i + old->length <= s->length && matchesAt(s, old, i)) {
      for (int64_t k = 0; k < with->length; ++k)
        put(&b, with->data[k]);
      ++done;
      if (old->length == 0) {
        if (i < s->length)
          put(&b, s->data[i]);
        ++i;
      } else {
        i += old->length;
      }
    } else {
      if (i < s->length)
        put(&b, s->data[i]);
      ++i;
    }
  }
  if (done == 0) {
    free(b.data);
    return (KernStr *)s;
  }
  return finish(&b);
}

/*===----------------------------------------------------------------------===*
 * Lists of strings: split, join, partition
 *===----------------------------------------------------------------------===*/

static void append(KernList *l, KernStr *item) {
  KernStr **slot = kernListInsertSlot(l, l->length);
  if (slot)
    *slot = item;
}

static KernStr *part(const KernStr *s, int64_t from, int64_t to) {
  if (from == 0 && to == s->length)
    return (KernStr *)s;
  return copyOf(s->data + from, to - from);
}

/* s.split(sep, maxsplit) (sep NULL: runs of whitespace); rsplit when
 * `right`. */
KernList *kernStrSplit(const KernStr *s, const KernStr *sep, int64_t maxsplit,
                       int64_t right) {
  KernList *l = kernListNew(sizeof(KernStr *), 0);
  if (!l)
    return NULL;
  if (maxsplit < 0)
    maxsplit = INT64_MAX;
  int64_t n = s->length;
  if (sep && sep->length == 0) {
    kern_rt_raise(KernErrorValue, "empty separator", 0, NULL);
    return l;
  }
  if (!right) {
    int64_t i = 0, splits = 0;
    if (!sep) {
      while (i < n) {
        while (i < n && isSpace(s->data[i]))
          ++i;
        if (i == n)
          break;
        if (splits++ == maxsplit) { /* the rest, as it is */
          append(l, part(s, i, n));
          break;
        }
        int64_t j = i;
        while (j < n && !isSpace(s->data[j]))
          ++j;
        append(l, part(s, i, j));
        i = j;
      }
      return l;
    }
    int64_t from = 0;
    for (i = 0; i + sep->length <= n && splits < maxsplit;)
      if (matchesAt(s, sep, i)) {
        append(l, part(s, from, i));
        i += sep->length;
        from = i;
        ++splits;
      } else {
        ++i;
      }
    append(l, part(s, from, n));
    return l;
  }
  /* from the right: items collected backwards, then reversed */
  int64_t j = n, splits = 0;
  if (!sep) {
    while (j > 0) {
      while (j > 0 && isSpace(s->data[j - 1]))
        --j;
      if (j == 0)
        break;
      if (splits++ == maxsplit) {
        append(l, part(s, 0, j));
        break;
      }
      int64_t i = j;
      while (i > 0 && !isSpace(s->data[i - 1]))
        --i;
      append(l, part(s, i, j));
      j = i;
    }
  } else {
    int64_t to = n;
    for (int64_t i = n - sep->length; i >= 0 && splits < maxsplit;)
      if (matchesAt(s, sep, i)) {
        append(l, part(s, i + sep->length, to));
        to = i;
        i -= sep->length;
        ++splits;
      } else {
        --i;
      }
    append(l, part(s, 0, to));
  }
  kernListReverse(l);
  return l;
}

KernList *kernStrSplitLines(const KernStr *s, int64_t keepends) {
  KernList *l = kernListNew(sizeof(KernStr *), 0);
  int64_t n = s->length;
  for (int64_t i = 0; l && i < n;) {
    int64_t j = i;
    while (j < n && !isLinebreak(s->data[j]))
      ++j;
    int64_t eol = j;
    if (j < n) {
      j += s->data[j] == '\r' && j + 1 < n && s->data[j + 1] == '\n' ? 2 : 1;
      if (keepends)
        eol = j;
    }
    append(l, part(s, i, eol));
    i = j;
  }
  return l;
}

/* list(s): its characters. */
KernList *kernStrChars(const KernStr *s) {
  KernList *l = kernListNew(sizeof(KernStr *), s->length);
  for (int64_t i = 0; l && i < s->length; ++i)
    ((KernStr **)l->items)[i] = character(s->data[i]);
  return l;
}

/* sep.join(items): `items` a list of KernStr pointers. */
KernStr *kernStrJoin(const KernStr *sep, const KernList *items) {
  KernStr *const *p = (KernStr *const *)items->items;
  int64_t n = items->length, total = 0;
  if (n == 1)
    return p[0];
  for (int64_t i = 0; i < n; ++i)
    total += p[i]->length + (i ? sep->length : 0);
  KernStr *s = kernStrNew(total);
  uint32_t *out = s->data;
  for (int64_t i = 0; i < n; ++i) {
    if (i) {
      memcpy(out, sep->data, (size_t)sep->length * sizeof(uint32_t));
      out += sep->length;
    }
    memcpy(out, p[i]->data, (size_t)p[i]->length * sizeof(uint32_t));
    out += p[i]->length;
  }
  return total == 1 ? character(s->data[0]) : s;
}

/* s.partition(sep) as a list of its 3 parts; rpartition when `right`. */
KernList *kernStrPartition(const KernStr *s, const KernStr *sep,
                           int64_t right) {
  KernList *l = kernListNew(sizeof(KernStr *), 0);
  if (!l)
    return NULL;
  if (sep->length == 0) {
    kern_rt_raise(KernErrorValue, "empty separator", 0, NULL);
    return l;
  }
  int64_t at = kernStrFind(s, sep, 0, 0, 0, right ? 1 : 0);
  if (at < 0) {
    append(l, right ? (KernStr *)&empty : (KernStr *)s);
    append(l, (KernStr *)&empty);
    append(l, right ? (KernStr *)s : (KernStr *)&empty);
    return l;
  }
  append(l, part(s, 0, at));
  append(l, (KernStr *)sep);
  append(l, part(s, at + sep->length, s->length));
  return l;
}

/*===----------------------------------------------------------------------===*
 * Methods of one string
 *===----------------------------------------------------------------------===*/

static int inChars(const KernStr *chars, uint32_t c) {
  if (!chars)
    return isSpace(c);
  for (int64_t i = 0; i < chars->length; ++i)
    if (chars->data[i] == c)
      return 1;
  return 0;
}

/* which: bit 0 strips the left, bit 1 the right; chars NULL: whitespace. */
KernStr *kernStrStrip(const KernStr *s, const KernStr *chars, int64_t which) {
  int64_t i = 0, j = s->length;
  if (which & 1)
    while (i < j && inChars(chars, s->data[i]))
      ++i;
  if (which & 2)
    while (j > i && inChars(chars, s->data[j - 1]))
      --j;
  return part(s, i, j);
}

/* Final sigma (CPython's handle_capital_sigma): U+03A3 lowers to U+03C2
 * at the end of a word. */
static uint32_t lowerSigma(const KernStr *s, int64_t i) {
  int64_t j = i - 1;
  while (j >= 0 && isCaseIgnorable(s->data[j]))
    --j;
  int before = j >= 0 && isCased(s->data[j]);
  j = i + 1;
  while (j < s->length && isCaseIgnorable(s->data[j]))
    ++j;
  int after = j < s->length && isCased(s->data[j]);
  return before && !after ? 0x3c2 : 0x3c3;
}

static void putMapped(Buffer *b, const KernStr *s, int64_t i, int how) {
  uint32_t c = s->data[i], out[3];
  if (how == MapLower && c == 0x3a3) {
    put(b, lowerSigma(s, i));
    return;
  }
  int n = mapped(c, how, out);
  for (int k = 0; k < n; ++k)
    put(b, out[k]);
}

/* which: 0 upper, 1 lower, 2 capitalize, 3 title, 4 swapcase, 5 casefold */
KernStr *kernStrCase(const KernStr *s, int64_t which) {
  Buffer b = {0};
  int previousCased = 0;
  for (int64_t i = 0; i < s->length; ++i) {
    uint32_t c = s->data[i];
    switch (which) {
    case 0: putMapped(&b, s, i, MapUpper); break;
    case 1: putMapped(&b, s, i, MapLower); break;
    case 2: putMapped(&b, s, i, i == 0 ? MapTitle : MapLower); break;
    case 3:
      putMapped(&b, s, i, previousCased ? MapLower : MapTitle);
      previousCased = isCased(c);
      break;
    case 4:
      if (isUpper(c))
        putMapped(&b, s, i, MapLower);
      else if (isLower(c))
        putMapped(&b, s, i, MapUpper);
      else
        put(&b, c);
      break;
    default: putMapped(&b, s, i, MapFold); break;
    }
  }
  return finish(&b);
}

static int isXidStart(uint32_t c) {
  if (c < 128)
    return c == '_' || (c | 0x20) - 'a' < 26u;
  return db ? db->isXidStart(c) : 0;
}
static int isXidContinue(uint32_t c) {
  if (c < 128)
    return isXidStart(c) || (c >= '0' && c <= '9');
  return db ? db->isXidContinue(c) : 0;
}

/* which: 0 isdigit 1 isalpha 2 isalnum 3 isspace 4 isupper 5 islower
 * 6 isdecimal 7 isnumeric 8 istitle 9 isascii 10 isprintable
 * 11 isidentifier (true of "" for isascii and isprintable) */
int64_t kernStrIs(const KernStr *s, int64_t which) {
  int64_t n = s->length;
  if (which == 9 || which == 10) {
    for (int64_t i = 0; i < n; ++i)
      if (which == 9 ? s->data[i] > 127 : !isPrintable(s->data[i]))
        return 0;
    return 1;
  }
  if (which == 11) {
    if (n == 0 || !isXidStart(s->data[0]))
      return 0;
    for (int64_t i = 1; i < n; ++i)
      if (!isXidContinue(s->data[i]))
        return 0;
    return 1;
  }
  if (n == 0)
    return 0;
  if (which == 4 || which == 5) { /* all cased characters upper (lower) */
    int cased = 0;
    for (int64_t i = 0; i < n; ++i) {
      uint32_t c = s->data[i];
      if ((which == 4 ? isLower(c) : isUpper(c)) || isTitle(c))
        return 0;
      cased |= which == 4 ? isUpper(c) : isLower(c);
    }
    return cased;
  }
  if (which == 8) { /* CPython's unicode_istitle_impl */
    int cased = 0, previousCased = 0;
    for (int64_t i = 0; i < n; ++i) {
      uint32_t c = s->data[i];
      if (isUpper(c) || isTitle(c)) {
        if (previousCased)
          return 0;
        previousCased = cased = 1;
      } else if (isLower(c)) {
        if (!previousCased)
          return 0;
        previousCased = cased = 1;
      } else {
        previousCased = 0;
      }
    }
    return cased;
  }
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = s->data[i];
    int ok;
    switch (which) {
    case 0: ok = isDigit(c); break;
    case 1: ok = isAlpha(c); break;
    case 2: ok = isAlpha(c) || isDecimal(c) || isDigit(c) || isNumeric(c); break;
    case 3: ok = isSpace(c); break;
    case 6: ok = isDecimal(c); break;
    default: ok = isNumeric(c); break;
    }
    if (!ok)
      return 0;
  }
  return 1;
}

/* how: 0 ljust, 1 rjust, 2 center, 3 zfill; `fill` a one-character
 * string (ignored by zfill). */
KernStr *kernStrPad(const KernStr *s, int64_t width, const KernStr *fill,
                    int64_t how) {
  if (how != 3 && fill->length != 1) {
    kern_rt_raise(KernErrorType,
                  "The fill character must be exactly one character long", 0,
                  NULL);
    return (KernStr *)s;
  }
  int64_t n = s->length;
  if (width <= n)
    return (KernStr *)s;
  int64_t extra = width - n, left;
  uint32_t f = how == 3 ? '0' : fill->data[0];
  if (how == 0)
    left = 0;
  else if (how == 2)
    left = extra / 2 + (extra & width & 1); /* CPython's pad() */
  else
    left = extra;
  KernStr *r = kernStrNew(width);
  for (int64_t i = 0; i < width; ++i)
    r->data[i] = f;
  memcpy(r->data + left, s->data, (size_t)n * sizeof(uint32_t));
  if (how == 3 && n > 0 && (s->data[0] == '+' || s->data[0] == '-')) {
    r->data[0] = s->data[0];
    r->data[left] = '0';
  }
  return r;
}

KernStr *kernStrExpandTabs(const KernStr *s, int64_t tabsize) {
  Buffer b = {0};
  int64_t column = 0;
  for (int64_t i = 0; i < s->length; ++i) {
    uint32_t c = s->data[i];
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t spaces = tabsize - column % tabsize;
        column += spaces;
        while (spaces-- > 0)
          put(&b, ' ');
      }
    } else {
      put(&b, c);
      column = c == '\n' || c == '\r' ? 0 : column + 1;
    }
  }
  return finish(&b);
}

/*===----------------------------------------------------------------------===*
 * Conversions
 *===----------------------------------------------------------------------===*/

KernStr *kernStrFromInt(int64_t value, int64_t isUnsigned) {
  char buf[32];
  int n = isUnsigned ? snprintf(buf, sizeof buf, "%llu", (unsigned long long)value)
                     : snprintf(buf, sizeof buf, "%lld", (long long)value);
  return kernStrFromUTF8(buf, n);
}

KernStr *kernStrFromFloat(double value) {
  size_t n = 0;
  char *text = kernRuntimeFloatRepr(value, &n);
  if (!text) {
    kern_rt_raise(KernErrorMemory, "cannot format a float", 0, NULL);
    return (KernStr *)&empty;
  }
  KernStr *s = kernStrFromUTF8(text, (int64_t)n);
  free(text);
  return s;
}

/* The ASCII form of a number's text for strtod/strtoll: whitespace
 * stripped, Unicode decimal digits as ASCII ones, underscores between
 * digits dropped (PEP 515). NULL when it has other characters. */
static char *numberText(const KernStr *s, int allowUnderscores) {
  int64_t i = 0, j = s->length;
  while (i < j && isSpace(s->data[i]))
    ++i;
  while (j > i && isSpace(s->data[j - 1]))
    --j;
  char *out = malloc((size_t)(j - i) + 1);
  if (!out)
    return NULL;
  size_t k = 0;
  for (int64_t p = i; p < j; ++p) {
    uint32_t c = s->data[p];
    int d = decimalValue(c);
    if (c == '_' && allowUnderscores && p > i && p + 1 < j &&
        isalnum((int)out[k - 1]) && s->data[p + 1] < 128 &&
        isalnum((int)s->data[p + 1]))
      continue;
    if (d >= 0)
      out[k++] = (char)('0' + d);
    else if (c < 128 && c != '_' && !isSpace(c))
      out[k++] = (char)c;
    else {
      free(out);
      return NULL;
    }
  }
  out[k] = '\0';
  return out;
}

static void invalidNumber(const KernStr *s, const char *what) {
  KernStr *repr = kernStrRepr(s);
  char message[512];
  size_t n = strlen(what);
  memcpy(message, what, n);
  if (repr->length < 100) /* the message is cut at 511 bytes anyway */
    n += encodeUTF8(repr, message + n);
  message[n] = '\0';
  raiseText(KernErrorValue, message);
}

static int digitValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 99;
}

/* int(s, base): Python's syntax (sign, 0x/0o/0b prefixes for bases 16, 8,
 * 2 and 0, underscores between digits, surrounding whitespace). */
int64_t kernStrToInt(const KernStr *s, int64_t base) {
  if (base != 0 && (base < 2 || base > 36)) {
    kern_rt_raise(KernErrorValue, "int() base must be >= 2 and <= 36, or 0",
                  0, NULL);
    return 0;
  }
  int64_t asked = base;
  char *text = numberText(s, 1);
  const char *p = text;
  int negative = 0, ok = text != NULL;
  if (ok && (*p == '+' || *p == '-'))
    negative = *p++ == '-';
  if (ok && p[0] == '0' && p[1]) {
    char x = (char)(p[1] | 0x20);
    int prefixed = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
    if (prefixed && (base == 0 || base == prefixed)) {
      base = prefixed;
      p += 2;
    }
  }
  if (ok && base == 0) {
    base = 10;
    if (p[0] == '0') /* "010" is not an int literal */
      for (const char *q = p; *q; ++q)
        ok &= *q == '0';
  }
  unsigned __int128 value = 0;
  int digits = 0, overflow = 0;
  for (; ok && *p; ++p, ++digits) {
    int d = digitValue(*p);
    if (d >= base) {
      ok = 0;
      break;
    }
    value = value * (unsigned)base + (unsigned)d;
    if (value > (unsigned __int128)INT64_MAX + 1) {
      overflow = 1;
      value = (unsigned __int128)INT64_MAX + 1;
    }
  }
  free(text);
  if (!ok || digits == 0) {
    char what[80];
    snprintf(what, sizeof what, "invalid literal for int() with base %lld: ",
             (long long)asked);
    invalidNumber(s, what);
    return 0;
  }
  if (overflow || (!negative && value > (unsigned __int128)INT64_MAX)) {
    kern_rt_raise(KernErrorOverflow, "int too large to convert to int64", 0,
                  NULL);
    return 0;
  }
  return negative ? (int64_t)(0 - (uint64_t)value) : (int64_t)value;
}

double kernStrToFloat(const KernStr *s) {
  char *text = numberText(s, 1);
  char *end = NULL;
  double value = 0;
  int ok = text && *text;
  if (ok) {
    const char *p = text + (*text == '+' || *text == '-');
    /* strtod also reads hex floats and "infinity"/"nan(...)": allow only
     * Python's spellings */
    ok = !(p[0] == '0' && (p[1] == 'x' || p[1] == 'X'));
    if (ok) {
      value = strtod(text, &end);
      ok = *end == '\0' && !strchr(text, '(');
    }
  }
  free(text);
  if (!ok) {
    invalidNumber(s, "could not convert string to float: ");
    return 0;
  }
  return value;
}

int64_t kernStrOrd(const KernStr *s) {
  if (s->length != 1) {
    int64_t args[1] = {s->length};
    kern_rt_raise(KernErrorType,
                  "ord() expected a character, but string of length %d found",
                  1, args);
    return 0;
  }
  return s->data[0];
}

KernStr *kernStrChr(int64_t code) {
  if (code < 0 || code > 0x10ffff) {
    kern_rt_raise(KernErrorValue, "chr() arg not in range(0x110000)", 0, NULL);
    return (KernStr *)&empty;
  }
  return character((uint32_t)code);
}

/* hash(s) as CPython computes it (its hash of the 1-, 2- or 4-byte form)
 * when the database is set; else FNV-1a of the code points. */
int64_t kernStrHash(const KernStr *s) {
  int64_t n = s->length;
  if (n == 0)
    return 0;
  uint32_t widest = 0;
  for (int64_t i = 0; i < n; ++i)
    widest = s->data[i] > widest ? s->data[i] : widest;
  int size = widest < 256 ? 1 : widest < 65536 ? 2 : 4;
  if (!db) {
    uint64_t h = 1469598103934665603ull;
    for (int64_t i = 0; i < n; ++i)
      h = (h ^ s->data[i]) * 1099511628211ull;
    return (int64_t)h == -1 ? -2 : (int64_t)h;
  }
  if (size == 4)
    return db->hashBytes(s->data, n * 4);
  unsigned char *bytes = malloc((size_t)(n * size));
  if (!bytes)
    return 0;
  for (int64_t i = 0; i < n; ++i) {
    if (size == 1)
      bytes[i] = (unsigned char)s->data[i];
    else
      ((uint16_t *)bytes)[i] = (uint16_t)s->data[i];
  }
  int64_t h = db->hashBytes(bytes, n * size);
  free(bytes);
  return h;
}

KernStr *kernStrRepr(const KernStr *s) {
  int single = 0, dbl = 0;
  for (int64_t i = 0; i < s->length; ++i)
    single |= s->data[i] == '\'', dbl |= s->data[i] == '"';
  uint32_t quote = single && !dbl ? '"' : '\'';
  Buffer b = {0};
  put(&b, quote);
  for (int64_t i = 0; i < s->length; ++i) {
    uint32_t c = s->data[i];
    if (c == quote || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
      put(&b, '\\');
      put(&b, c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c);
    } else if (!isPrintable(c)) { /* as Python's repr escapes them */
      char hex[16];
      snprintf(hex, sizeof hex, c < 0x100 ? "\\x%02x" : c < 0x10000
               ? "\\u%04x" : "\\U%08x", c);
      for (int k = 0; hex[k]; ++k)
        put(&b, (uint32_t)hex[k]);
    } else {
      put(&b, c);
    }
  }
  put(&b, quote);
  return finish(&b);
}

/* KeyError(s), its message Python's repr of the args (KernErrorArgsRepr). */
void kernStrRaiseKeyError(const KernStr *s) {
  KernStr *repr = kernStrRepr(s);
  char message[512];
  size_t n = 0;
  message[n++] = '(';
  if (repr->length < 100)
    n += encodeUTF8(repr, message + n);
  memcpy(message + n, ",)", 3);
  raiseText(KernErrorKey | KernErrorArgsRepr, message);
}

/* The UTF-8 of `s` in a container that lives as long as the string. */
const char *kernStrUTF8(const KernStr *s, int64_t *bytes) {
  char *out = kernRuntimeNewContainer((size_t)s->length * 4 + 1,
                                      releaseNothing);
  if (!out) {
    *bytes = 0;
    return "";
  }
  *bytes = (int64_t)encodeUTF8(s, out);
  return out;
}

void kernRuntimePrintStr(const KernStr *s) {
  int64_t bytes;
  const char *text = kernStrUTF8(s, &bytes);
  kernRuntimePrintText(NULL, text, 0, bytes, 1);
}
