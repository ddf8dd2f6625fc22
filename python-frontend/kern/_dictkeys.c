/*===- _dictkeys.c - dicts and sets of tuple keys, in and out -------------===*
 *
 * Python dicts and sets with keys such as (i, j), (1, 2.5) or ("a", 1),
 * passed to compiled code (copied into a KernDict of tuple keys and
 * reflected back by _kernrt.c) and returned from it: each leaf of a key
 * is a 64-bit word of its kind -- 'b' (0 or 1), 'i' (an int64), 'u' (a
 * uint64), 'f' (a double) or 'U' (a KernStr*, _strings.h) -- and the kinds of a key type are registered once, their id in
 * the container's code (_dictkeys.h):
 *
 *   f({(0, 1): 2.5})     code  KERN_DICT | KERN_TUPLE_KEYS | id("ii") | f8
 *   kernDictNewTuple("ii", 2, 8), kernDictSetSlotKey(d, {0, 1}) <- 2.5
 *
 *===----------------------------------------------------------------------===*/

#include "_dictkeys.h"
#include "_strings.h"

#include "kern-c/Runtime.h"

#include <string.h>

/* The registered kinds, by id. */
static char **gKinds;
static Py_ssize_t gCount, gCapacity;
enum { kMaxId = (1 << 16) - 1 }; /* 6 + 10 bits of the code */

/* The kinds of a code's tuple keys; NULL (an error set) when unknown. */
static const char *kindsOf(uint32_t code);

static uint32_t idBits(Py_ssize_t id) {
  return KERN_TUPLE_KEYS | ((uint32_t)(id & 63) << 6) |
         ((uint32_t)(id >> 6) << 13);
}

static Py_ssize_t idOf(uint32_t code) {
  return (Py_ssize_t)(((code >> 6) & 63) | (((code >> 13) & 1023) << 6));
}

static const char *kindsOf(uint32_t code) {
  Py_ssize_t id = idOf(code);
  if (id >= gCount) {
    PyErr_SetString(PyExc_SystemError, "kern: an unknown tuple key type");
    return NULL;
  }
  return gKinds[id];
}

/* The id of `kinds` (registered when new); -1 after an error. */
static Py_ssize_t lookupKinds(const char *kinds) {
  for (Py_ssize_t i = 0; i < gCount; ++i)
    if (strcmp(gKinds[i], kinds) == 0)
      return i;
  if (gCount > kMaxId) {
    PyErr_SetString(PyExc_OverflowError, "kern: more than 65536 types of "
                                         "tuple keys");
    return -1;
  }
  if (gCount == gCapacity) {
    Py_ssize_t cap = gCapacity ? 2 * gCapacity : 8;
    char **grown = PyMem_Realloc(gKinds, (size_t)cap * sizeof *grown);
    if (!grown) {
      PyErr_NoMemory();
      return -1;
    }
    gKinds = grown, gCapacity = cap;
  }
  size_t n = strlen(kinds) + 1;
  if (!(gKinds[gCount] = PyMem_Malloc(n))) {
    PyErr_NoMemory();
    return -1;
  }
  memcpy(gKinds[gCount], kinds, n);
  return gCount++;
}

PyObject *kernTupleKeysRegister(PyObject *module, PyObject *kinds) {
  (void)module;
  const char *text = PyUnicode_AsUTF8(kinds);
  if (!text)
    return NULL;
  if (strspn(text, "biufU") != strlen(text)) {
    PyErr_SetString(PyExc_ValueError, "kern: tuple key kinds are b, i, u, "
                                      "f or U");
    return NULL;
  }
  Py_ssize_t id = lookupKinds(text);
  return id < 0 ? NULL : PyLong_FromUnsignedLong(idBits(id));
}

/* The kind of a NumPy scalar by its dtype's kind; 0: none. */
static char numpyKind(PyObject *x) {
  PyObject *dtype = PyObject_GetAttrString(x, "dtype");
  PyObject *kind = dtype ? PyObject_GetAttrString(dtype, "kind") : NULL;
  const char *k = kind && PyUnicode_Check(kind) ? PyUnicode_AsUTF8(kind)
                                                : NULL;
  char c = k ? k[0] : 0;
  Py_XDECREF(kind);
  Py_XDECREF(dtype);
  PyErr_Clear();
  return c == 'u' ? 'i' : strchr("bif", c) && c ? c : 0;
}

/* The kind of a leaf: 'b', 'i', 'f' (Python's bool, int, float or a
 * NumPy scalar of those kinds), 'U' (a str); 0: none of those. */
static char leafKind(PyObject *x) {
  if (PyUnicode_Check(x))
    return 'U';
  if (PyBool_Check(x))
    return 'b';
  if (PyFloat_Check(x))
    return 'f';
  if (PyLong_Check(x))
    return 'i';
  return numpyKind(x);
}

/* The kind holding leaves of kinds a and b (0: a str and a number). */
static char wider(char a, char b) {
  static const char order[] = "bif";
  if (a == 'U' || b == 'U')
    return a == b ? a : 0;
  return strchr(order, a) > strchr(order, b) ? a : b;
}

int kernTupleKeysArgCode(PyObject *obj, uint32_t *code, uint32_t setBit,
                         uint32_t (*valueCode)(PyObject *values)) {
  PyObject *it = PyObject_GetIter(obj);
  PyObject *first = it ? PyIter_Next(it) : NULL;
  int tuple = first && PyTuple_Check(first);
  Py_XDECREF(first);
  Py_XDECREF(it);
  if (!tuple) /* not a container of tuple keys: no copy of its keys */
    return PyErr_Occurred() ? -1 : 0;
  PyObject *keys = PySequence_List(obj); /* a dict's keys, a set's items */
  if (!keys)
    return -1;
  Py_ssize_t n = PyList_GET_SIZE(keys), leaves = -1;
  char *kinds = NULL;
  int ok = n > 0;
  for (Py_ssize_t i = 0; ok && i < n; ++i) {
    PyObject *k = PyList_GET_ITEM(keys, i);
    ok = PyTuple_Check(k) && (leaves < 0 || PyTuple_GET_SIZE(k) == leaves);
    if (ok && leaves < 0) {
      leaves = PyTuple_GET_SIZE(k);
      ok = (kinds = PyMem_Calloc((size_t)leaves + 1, 1)) != NULL;
    }
    for (Py_ssize_t j = 0; ok && j < leaves; ++j) {
      char c = leafKind(PyTuple_GET_ITEM(k, j));
      kinds[j] = c == 0 ? 0 : i == 0 ? c : wider(kinds[j], c);
      ok = kinds[j] != 0;
    }
  }
  Py_DECREF(keys);
  Py_ssize_t id = ok ? lookupKinds(kinds) : -1;
  PyMem_Free(kinds);
  if (!ok)
    return 0;
  if (id < 0)
    return -1;
  uint32_t values = 0;
  if (!setBit) {
    PyObject *v = PyDict_Values(obj);
    values = v ? valueCode(v) : 0;
    Py_XDECREF(v);
    if (!values)
      return PyErr_Occurred() ? -1 : 0;
  }
  *code = 0x08000000u | setBit | idBits(id) | (values & 63);
  return 1;
}

/* A leaf as the runtime's word of its kind. */
static int leafWord(PyObject *x, char kind, int64_t *word) {
  switch (kind) {
  case 'U': return kernStrToCell(x, word);
  case 'f': {
    double d = PyFloat_AsDouble(x);
    memcpy(word, &d, sizeof d);
    break;
  }
  case 'b': *word = PyObject_IsTrue(x) == 1; break;
  case 'u': *word = (int64_t)PyLong_AsUnsignedLongLong(x); break;
  default: {
    PyObject *i = PyNumber_Index(x);
    *word = i ? PyLong_AsLongLong(i) : -1;
    Py_XDECREF(i);
  }
  }
  return PyErr_Occurred() ? -1 : 0;
}

static PyObject *leafObject(int64_t word, char kind) {
  switch (kind) {
  case 'U': return kernStrFromCell(&word);
  case 'f': {
    double d;
    memcpy(&d, &word, sizeof d);
    return PyFloat_FromDouble(d);
  }
  case 'b': return PyBool_FromLong(word != 0);
  case 'u': return PyLong_FromUnsignedLongLong((unsigned long long)word);
  default: return PyLong_FromLongLong(word);
  }
}

/* The words of the tuple `k` into the thread's key buffer. */
static const int64_t *keyWords(PyObject *k, const char *kinds) {
  Py_ssize_t n = (Py_ssize_t)strlen(kinds);
  if (!PyTuple_Check(k) || PyTuple_GET_SIZE(k) != n) {
    PyErr_SetString(PyExc_TypeError, "kern: a key is not a tuple of the "
                                     "dict's length");
    return NULL;
  }
  int64_t *words = kernDictKeyWords(n);
  for (Py_ssize_t i = 0; words && i < n; ++i)
    if (leafWord(PyTuple_GET_ITEM(k, i), kinds[i], &words[i]) < 0)
      return NULL;
  return words;
}

static KernDict *newDict(const char *kinds, int64_t valueSize) {
  Py_ssize_t n = (Py_ssize_t)strlen(kinds);
  int64_t *codes = PyMem_Malloc((size_t)(n + 1) * sizeof *codes);
  if (!codes) {
    PyErr_NoMemory();
    return NULL;
  }
  for (Py_ssize_t i = 0; i < n; ++i)
    codes[i] = kinds[i];
  KernDict *d = kernDictNewTuple(codes, n, valueSize);
  PyMem_Free(codes);
  if (!d)
    PyErr_NoMemory();
  return d;
}

void *kernTupleKeysCopyIn(PyObject *obj, uint32_t code, uint32_t valueCode,
                          int (*toCell)(PyObject *, uint32_t, void *)) {
  const char *kinds = kindsOf(code);
  int set = PyAnySet_Check(obj);
  KernDict *d = kinds ? newDict(kinds, set ? 0 : (int64_t)(valueCode & 0xff))
                      : NULL;
  if (!d)
    return NULL;
  PyObject *it = PyObject_GetIter(obj), *k;
  while (it && (k = PyIter_Next(it))) {
    const int64_t *words = keyWords(k, kinds);
    void *slot = words ? kernDictSetSlotKey(d, words) : NULL;
    PyObject *v = slot && !set ? PyDict_GetItemWithError(obj, k) : NULL;
    int bad = !slot || (!set && (!v || toCell(v, valueCode, slot) < 0));
    Py_DECREF(k);
    if (bad)
      Py_CLEAR(it);
  }
  int failed = !it || PyErr_Occurred();
  Py_XDECREF(it);
  return failed ? NULL : d;
}

static PyObject *keyObject(const KernDict *d, int64_t e, const char *kinds) {
  const int64_t *words = kernDictKeyAddress(d, e);
  Py_ssize_t n = (Py_ssize_t)strlen(kinds);
  PyObject *t = PyTuple_New(n);
  for (Py_ssize_t i = 0; t && i < n; ++i) {
    PyObject *x = leafObject(words[i], kinds[i]);
    if (!x)
      Py_CLEAR(t);
    else
      PyTuple_SET_ITEM(t, i, x);
  }
  return t;
}

PyObject *kernTupleKeysDict(uint32_t code, uint32_t valueCode,
                            const void *cell, const KernBoxers *box) {
  KernDict *d;
  memcpy(&d, cell, sizeof d);
  const char *kinds = kindsOf(code);
  int set = (code & 0x1000u) != 0;
  PyObject *out = !kinds ? NULL : set ? PySet_New(NULL) : PyDict_New();
  int64_t n = d && out ? kernDictEntries(d) : 0;
  for (int64_t e = 0; out && e < n; ++e) {
    PyObject *k = keyObject(d, e, kinds);
    PyObject *v = k && !set ? box->scalar(valueCode, kernDictValueAt(d, e))
                            : NULL;
    int bad = !k || (set ? PySet_Add(out, k) < 0
                         : !v || PyDict_SetItem(out, k, v) < 0);
    Py_XDECREF(k);
    Py_XDECREF(v);
    if (bad)
      Py_CLEAR(out);
  }
  return out;
}

PyObject *kernTupleKeysOf(KernDict *d, uint32_t valueCode,
                          const KernBoxers *box) {
  char *kinds = PyMem_Malloc((size_t)d->keyWords + 1);
  if (!kinds)
    return PyErr_NoMemory();
  memcpy(kinds, d->leafKinds, (size_t)d->keyWords);
  kinds[d->keyWords] = 0;
  Py_ssize_t id = lookupKinds(kinds);
  PyMem_Free(kinds);
  if (id < 0)
    return NULL;
  uint32_t code = 0x08000000u | idBits(id) | (valueCode ? 0 : 0x1000u);
  return kernTupleKeysDict(code, valueCode, &d, box);
}

/* The kinds of a tuple-keyed dict, as a NUL-terminated str (PyMem). */
static char *kindsOfDict(const KernDict *d) {
  char *kinds = PyMem_Malloc((size_t)d->keyWords + 1);
  if (!kinds) {
    PyErr_NoMemory();
    return NULL;
  }
  memcpy(kinds, d->leafKinds, (size_t)d->keyWords);
  kinds[d->keyWords] = 0;
  return kinds;
}

KernDict *kernTupleKeysNew(uint32_t code, int64_t valueSize) {
  const char *kinds = kindsOf(code);
  return kinds ? newDict(kinds, valueSize) : NULL;
}

PyObject *kernTupleKeyObject(const KernDict *d, int64_t entry) {
  char *kinds = kindsOfDict(d);
  PyObject *k = kinds ? keyObject(d, entry, kinds) : NULL;
  PyMem_Free(kinds);
  return k;
}

void *kernTupleKeySetSlot(KernDict *d, PyObject *key) {
  char *kinds = kindsOfDict(d);
  const int64_t *words = kinds ? keyWords(key, kinds) : NULL;
  PyMem_Free(kinds);
  void *slot = words ? kernDictSetSlotKey(d, words) : NULL;
  if (words && !slot && !PyErr_Occurred())
    PyErr_NoMemory();
  return slot;
}
