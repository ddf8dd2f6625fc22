/*===- StrChars.c - characters of Python str values ------------------------===*
 *
 * The parts of the str runtime (Str.c) that ask about characters:
 * CPython's character database (set by the Python extension:
 * kernRuntimeSetUnicodeDatabase; ASCII rules without it), the case
 * mappings with their special cases (U+00DF to "SS", final sigma), the
 * is* classes, stripping and padding, and the conversions between strs
 * and numbers (str(int), repr(float), int(s, base), float(s), ord, chr,
 * hash):
 *
 *   %u = func.call @kernStrCase(%s, %c0) : (!llvm.ptr, i64) -> !llvm.ptr
 *   %n = func.call @kernStrToInt(%s, %c10) : (!llvm.ptr, i64) -> i64
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Character database
 *===----------------------------------------------------------------------===*/

static const KernUnicodeDatabase *db;

void kernRuntimeSetUnicodeDatabase(const KernUnicodeDatabase *database) {
  db = database;
}

int kernCharIsSpace(uint32_t c) {
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
int kernCharIsLinebreak(uint32_t c) {
  if (c < 128)
    return c == '\n' || c == '\r' || (c >= 0x0b && c <= 0x0c) ||
           (c >= 0x1c && c <= 0x1e);
  return db ? db->isLinebreak(c) : c == 0x85 || c == 0x2028 || c == 0x2029;
}
int kernCharIsPrintable(uint32_t c) {
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
 * Methods of one string
 *===----------------------------------------------------------------------===*/

static int inChars(const KernStr *chars, uint32_t c) {
  if (!chars)
    return kernCharIsSpace(c);
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
  return kernStrPart(s, i, j);
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

static void putMapped(KernStrBuffer *b, const KernStr *s, int64_t i, int how) {
  uint32_t c = s->data[i], out[3];
  if (how == MapLower && c == 0x3a3) {
    kernStrPut(b, lowerSigma(s, i));
    return;
  }
  int n = mapped(c, how, out);
  for (int k = 0; k < n; ++k)
    kernStrPut(b, out[k]);
}

/* which: 0 upper, 1 lower, 2 capitalize, 3 title, 4 swapcase, 5 casefold */
KernStr *kernStrCase(const KernStr *s, int64_t which) {
  KernStrBuffer b = {0};
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
        kernStrPut(&b, c);
      break;
    default: putMapped(&b, s, i, MapFold); break;
    }
  }
  return kernStrFinish(&b);
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
      if (which == 9 ? s->data[i] > 127 : !kernCharIsPrintable(s->data[i]))
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
    case 3: ok = kernCharIsSpace(c); break;
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
  KernStrBuffer b = {0};
  int64_t column = 0;
  for (int64_t i = 0; i < s->length; ++i) {
    uint32_t c = s->data[i];
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t spaces = tabsize - column % tabsize;
        column += spaces;
        while (spaces-- > 0)
          kernStrPut(&b, ' ');
      }
    } else {
      kernStrPut(&b, c);
      column = c == '\n' || c == '\r' ? 0 : column + 1;
    }
  }
  return kernStrFinish(&b);
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
    return kernStrNew(0);
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
  while (i < j && kernCharIsSpace(s->data[i]))
    ++i;
  while (j > i && kernCharIsSpace(s->data[j - 1]))
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
    else if (c < 128 && c != '_' && !kernCharIsSpace(c))
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
    n += kernStrEncodeUTF8(repr, message + n);
  message[n] = '\0';
  kernRuntimeRaiseText(KernErrorValue, message);
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
    return kernStrNew(0);
  }
  return kernStrChar((uint32_t)code);
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

