/*===- _strings.c - str values between Python and compiled code ------------===*
 *
 * See _strings.h. The character database handed to the runtime is
 * CPython's own (the functions behind Py_UNICODE_ISSPACE, str.upper's full
 * mappings, hash()), so compiled str methods agree with Python's for all
 * of Unicode. They read static tables: no GIL needed.
 *
 *===----------------------------------------------------------------------===*/

#include "_strings.h"

#include "kern-c/Runtime.h"

#include <string.h>

int kernStrToCell(PyObject *obj, void *cell) {
  Py_ssize_t n = PyUnicode_GetLength(obj);
  if (n < 0)
    return -1;
  KernStr *s = kernStrNew((int64_t)n);
  if (!s) {
    PyErr_NoMemory();
    return -1;
  }
  if (n > 0 && !PyUnicode_AsUCS4(obj, (Py_UCS4 *)s->data, n, 0))
    return -1;
  memcpy(cell, &s, sizeof s);
  return 0;
}

PyObject *kernStrFromCell(const void *cell) {
  const KernStr *s;
  memcpy(&s, cell, sizeof s);
  if (!s)
    return PyUnicode_New(0, 0);
  return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, s->data,
                                   (Py_ssize_t)s->length);
}

static int isSpace(uint32_t c) { return Py_UNICODE_ISSPACE(c); }
static int isLower(uint32_t c) { return Py_UNICODE_ISLOWER(c); }
static int isUpper(uint32_t c) { return Py_UNICODE_ISUPPER(c); }
static int isTitle(uint32_t c) { return Py_UNICODE_ISTITLE(c); }
static int isCased(uint32_t c) { return _PyUnicode_IsCased(c); }
static int isCaseIgnorable(uint32_t c) { return _PyUnicode_IsCaseIgnorable(c); }
static int isDecimal(uint32_t c) { return Py_UNICODE_ISDECIMAL(c); }
static int isDigit(uint32_t c) { return Py_UNICODE_ISDIGIT(c); }
static int isNumeric(uint32_t c) { return Py_UNICODE_ISNUMERIC(c); }
static int isAlpha(uint32_t c) { return Py_UNICODE_ISALPHA(c); }
static int isLinebreak(uint32_t c) { return Py_UNICODE_ISLINEBREAK(c); }
static int isPrintable(uint32_t c) { return Py_UNICODE_ISPRINTABLE(c); }
static int isXidStart(uint32_t c) { return _PyUnicode_IsXidStart(c); }
static int isXidContinue(uint32_t c) { return _PyUnicode_IsXidContinue(c); }
static int toDecimal(uint32_t c) { return Py_UNICODE_TODECIMAL(c); }

static int toCase(uint32_t c, int how, uint32_t out[3]) {
  Py_UCS4 res[3];
  int n;
  switch (how) {
  case 0: n = _PyUnicode_ToUpperFull(c, res); break;
  case 1: n = _PyUnicode_ToLowerFull(c, res); break;
  case 2: n = _PyUnicode_ToTitleFull(c, res); break;
  default: n = _PyUnicode_ToFoldedFull(c, res); break;
  }
  for (int i = 0; i < n && i < 3; ++i)
    out[i] = res[i];
  return n < 3 ? n : 3;
}

static int64_t hashBytes(const void *bytes, int64_t length) {
  return (int64_t)_Py_HashBytes(bytes, (Py_ssize_t)length);
}

static const KernUnicodeDatabase database = {
    isSpace, isLower, isUpper, isTitle, isCased, isCaseIgnorable,
    isDecimal, isDigit, isNumeric, isAlpha, isLinebreak, isPrintable,
    isXidStart, isXidContinue, toDecimal,
    toCase, hashBytes};

void kernStrSetDatabase(void) { kernRuntimeSetUnicodeDatabase(&database); }
