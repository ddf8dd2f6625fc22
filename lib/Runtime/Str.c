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
 * Character classes, case mappings and the conversions to and from numbers
 * are in StrChars.c.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

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

KernStr *kernStrChar(uint32_t c) {
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
    return kernStrChar(data[0]);
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
  return n == 1 ? kernStrChar(s->data[0]) : s;
}

/* UTF-8 of `s` into `out` (4 bytes per code point at most); its length. */
size_t kernStrEncodeUTF8(const KernStr *s, char *out) {
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
void kernRuntimeRaiseText(int kind, const char *text) {
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
 * A growing buffer of code points
 *===----------------------------------------------------------------------===*/

void kernStrPut(KernStrBuffer *b, uint32_t c) {
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

KernStr *kernStrFinish(KernStrBuffer *b) {
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
  return kernStrChar(s->data[i]);
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
  return n == 1 ? kernStrChar(r->data[0]) : r;
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
  KernStrBuffer b = {0};
  int64_t done = 0, i = 0;
  if (count < 0)
    count = INT64_MAX;
  while (i <= s->length) {
    if (done < count && i + old->length <= s->length && matchesAt(s, old, i)) {
      for (int64_t k = 0; k < with->length; ++k)
        kernStrPut(&b, with->data[k]);
      ++done;
      if (old->length == 0) {
        if (i < s->length)
          kernStrPut(&b, s->data[i]);
        ++i;
      } else {
        i += old->length;
      }
    } else {
      if (i < s->length)
        kernStrPut(&b, s->data[i]);
      ++i;
    }
  }
  if (done == 0) {
    free(b.data);
    return (KernStr *)s;
  }
  return kernStrFinish(&b);
}

/*===----------------------------------------------------------------------===*
 * Lists of strings: split, join, partition
 *===----------------------------------------------------------------------===*/

static void append(KernList *l, KernStr *item) {
  KernStr **slot = kernListInsertSlot(l, l->length);
  if (slot)
    *slot = item;
}

KernStr *kernStrPart(const KernStr *s, int64_t from, int64_t to) {
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
        while (i < n && kernCharIsSpace(s->data[i]))
          ++i;
        if (i == n)
          break;
        if (splits++ == maxsplit) { /* the rest, as it is */
          append(l, kernStrPart(s, i, n));
          break;
        }
        int64_t j = i;
        while (j < n && !kernCharIsSpace(s->data[j]))
          ++j;
        append(l, kernStrPart(s, i, j));
        i = j;
      }
      return l;
    }
    int64_t from = 0;
    for (i = 0; i + sep->length <= n && splits < maxsplit;)
      if (matchesAt(s, sep, i)) {
        append(l, kernStrPart(s, from, i));
        i += sep->length;
        from = i;
        ++splits;
      } else {
        ++i;
      }
    append(l, kernStrPart(s, from, n));
    return l;
  }
  /* from the right: items collected backwards, then reversed */
  int64_t j = n, splits = 0;
  if (!sep) {
    while (j > 0) {
      while (j > 0 && kernCharIsSpace(s->data[j - 1]))
        --j;
      if (j == 0)
        break;
      if (splits++ == maxsplit) {
        append(l, kernStrPart(s, 0, j));
        break;
      }
      int64_t i = j;
      while (i > 0 && !kernCharIsSpace(s->data[i - 1]))
        --i;
      append(l, kernStrPart(s, i, j));
      j = i;
    }
  } else {
    int64_t to = n;
    for (int64_t i = n - sep->length; i >= 0 && splits < maxsplit;)
      if (matchesAt(s, sep, i)) {
        append(l, kernStrPart(s, i + sep->length, to));
        to = i;
        i -= sep->length;
        ++splits;
      } else {
        --i;
      }
    append(l, kernStrPart(s, 0, to));
  }
  kernListReverse(l);
  return l;
}

KernList *kernStrSplitLines(const KernStr *s, int64_t keepends) {
  KernList *l = kernListNew(sizeof(KernStr *), 0);
  int64_t n = s->length;
  for (int64_t i = 0; l && i < n;) {
    int64_t j = i;
    while (j < n && !kernCharIsLinebreak(s->data[j]))
      ++j;
    int64_t eol = j;
    if (j < n) {
      j += s->data[j] == '\r' && j + 1 < n && s->data[j + 1] == '\n' ? 2 : 1;
      if (keepends)
        eol = j;
    }
    append(l, kernStrPart(s, i, eol));
    i = j;
  }
  return l;
}

/* list(s): its characters. */
KernList *kernStrChars(const KernStr *s) {
  KernList *l = kernListNew(sizeof(KernStr *), s->length);
  for (int64_t i = 0; l && i < s->length; ++i)
    ((KernStr **)l->items)[i] = kernStrChar(s->data[i]);
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
  return total == 1 ? kernStrChar(s->data[0]) : s;
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
  append(l, kernStrPart(s, 0, at));
  append(l, (KernStr *)sep);
  append(l, kernStrPart(s, at + sep->length, s->length));
  return l;
}

KernStr *kernStrRepr(const KernStr *s) {
  int single = 0, dbl = 0;
  for (int64_t i = 0; i < s->length; ++i)
    single |= s->data[i] == '\'', dbl |= s->data[i] == '"';
  uint32_t quote = single && !dbl ? '"' : '\'';
  KernStrBuffer b = {0};
  kernStrPut(&b, quote);
  for (int64_t i = 0; i < s->length; ++i) {
    uint32_t c = s->data[i];
    if (c == quote || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
      kernStrPut(&b, '\\');
      kernStrPut(&b, c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c);
    } else if (!kernCharIsPrintable(c)) { /* as Python's repr escapes them */
      char hex[16];
      snprintf(hex, sizeof hex, c < 0x100 ? "\\x%02x" : c < 0x10000
               ? "\\u%04x" : "\\U%08x", c);
      for (int k = 0; hex[k]; ++k)
        kernStrPut(&b, (uint32_t)hex[k]);
    } else {
      kernStrPut(&b, c);
    }
  }
  kernStrPut(&b, quote);
  return kernStrFinish(&b);
}

/* KeyError(s), its message Python's repr of the args (KernErrorArgsRepr). */
void kernStrRaiseKeyError(const KernStr *s) {
  KernStr *repr = kernStrRepr(s);
  char message[512];
  size_t n = 0;
  message[n++] = '(';
  if (repr->length < 100)
    n += kernStrEncodeUTF8(repr, message + n);
  memcpy(message + n, ",)", 3);
  kernRuntimeRaiseText(KernErrorKey | KernErrorArgsRepr, message);
}

/* The UTF-8 of `s` in a container that lives as long as the string. */
const char *kernStrUTF8(const KernStr *s, int64_t *bytes) {
  char *out = kernRuntimeNewContainer((size_t)s->length * 4 + 1,
                                      releaseNothing);
  if (!out) {
    *bytes = 0;
    return "";
  }
  *bytes = (int64_t)kernStrEncodeUTF8(s, out);
  return out;
}

void kernRuntimePrintStr(const KernStr *s) {
  int64_t bytes;
  const char *text = kernStrUTF8(s, &bytes);
  kernRuntimePrintText(NULL, text, 0, bytes, 1);
}
