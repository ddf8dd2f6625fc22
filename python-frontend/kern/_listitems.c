/*===- _listitems.c - lists of tuples, arrays and lists as results --------===*
 *
 * A list made by compiled code whose items are tuples (of numbers, strs),
 * arrays or lists (kern/frontend/list_items.py) becomes a Python list of
 * tuples, NumPy arrays and lists. An item is its leaves one after the
 * other (kern/listtype.py item_layout): a number in 8 bytes (16 for
 * complex128), an array as its memref descriptor, a list as its pointer.
 * An array's buffer was copied into the lists' records by the runtime
 * (kernListAdoptArray); the NumPy array made of it owns it from then on
 * (kernRuntimeDisown), two items of one buffer share it.
 *
 * A Python list of arrays or of tuples of numbers and strs passed in (Numba's
 * reflected list) is copied into a KernList whose array items borrow the
 * arrays' memory (writes reach them); the list is written back when its
 * items changed, the arrays it held coming back as the same objects.
 *
 *===----------------------------------------------------------------------===*/

#include "_listitems.h"

#include "kern-c/Runtime.h"

#include <string.h>

/* The codes of each registered item type. */
static struct {
  uint32_t *codes;
  Py_ssize_t length;
} *itemTypes;
static Py_ssize_t numItemTypes, capItemTypes;

PyObject *kernListItemType(PyObject *module, PyObject *codes) {
  (void)module;
  PyObject *seq = PySequence_Fast(codes, "list_item_type takes codes");
  if (!seq)
    return NULL;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  uint32_t *own = PyMem_Malloc(sizeof *own * (size_t)(n ? n : 1));
  for (Py_ssize_t i = 0; own && i < n; ++i)
    own[i] = (uint32_t)PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seq, i));
  Py_DECREF(seq);
  if (!own || PyErr_Occurred()) {
    PyMem_Free(own);
    return own ? NULL : PyErr_NoMemory();
  }
  for (Py_ssize_t k = 0; k < numItemTypes; ++k)
    if (itemTypes[k].length == n &&
        !memcmp(itemTypes[k].codes, own, sizeof *own * (size_t)n)) {
      PyMem_Free(own);
      return PyLong_FromSsize_t(k);
    }
  if (numItemTypes == capItemTypes) {
    Py_ssize_t cap = capItemTypes ? 2 * capItemTypes : 8;
    void *grown = PyMem_Realloc(itemTypes, sizeof *itemTypes * (size_t)cap);
    if (!grown) {
      PyMem_Free(own);
      return PyErr_NoMemory();
    }
    itemTypes = grown;
    capItemTypes = cap;
  }
  itemTypes[numItemTypes].codes = own;
  itemTypes[numItemTypes].length = n;
  return PyLong_FromSsize_t(numItemTypes++);
}

/* The codes, as _kernrt.c reads them (kern/dispatcher.py type_codes). */
enum {
  kMarkerMask = 0xff000000u,
  kTuple = 0x01000000u,
  kList = 0x07000000u,
  kReadonly = 0x06000000u,
  kLayoutMask = 0xc0000000u,
};

static int rankOf(uint32_t code) {
  uint32_t marker = code & kMarkerMask & ~kLayoutMask;
  if (marker != 0 && marker != kReadonly)
    return -1;
  return (int)((code >> 16) & 0xff) - 1;
}

/* The Python value of the leaves at `*at` for the codes at `*code`. */
static PyObject *boxItem(const uint32_t **code, const char **at,
                         PyObject *owners, const KernBoxers *box) {
  uint32_t c = *(*code)++;
  if ((c & kMarkerMask) == kTuple) {
    Py_ssize_t n = c & 0xffff;
    PyObject *tuple = PyTuple_New(n);
    for (Py_ssize_t i = 0; tuple && i < n; ++i) {
      PyObject *item = boxItem(code, at, owners, box);
      if (!item)
        Py_CLEAR(tuple);
      else
        PyTuple_SET_ITEM(tuple, i, item);
    }
    return tuple;
  }
  const char *cell = *at;
  if ((c & kMarkerMask) == kList) {
    *at += 8;
    return box->list(c & 0xffffu, cell);
  }
  if ((c & kMarkerMask) == KERN_LIST_OF) {
    *at += 8;
    return kernStructuredList(c, cell, owners, box);
  }
  int rank = rankOf(c);
  if (rank >= 0) {
    *at += 8 * (3 + 2 * rank);
    void *allocated;
    memcpy(&allocated, cell, sizeof allocated);
    if ((uintptr_t)allocated & 1) /* borrowed from an argument's array */
      return Py_NewRef((PyObject *)((uintptr_t)allocated & ~(uintptr_t)1));
    kernRuntimeDisown(allocated); /* the array owns it now */
    return box->array(c, (const int64_t *)cell, owners);
  }
  *at += (c & 0xff) == 16 ? 16 : 8;
  return box->scalar(c, cell);
}

PyObject *kernStructuredList(uint32_t code, const void *cell,
                             PyObject *owners, const KernBoxers *box) {
  Py_ssize_t id = code & 0xffffff;
  if (id >= numItemTypes) {
    PyErr_Format(PyExc_SystemError, "kern: no list item type %zd", id);
    return NULL;
  }
  const KernList *l;
  memcpy(&l, cell, sizeof l);
  PyObject *list = PyList_New(l ? (Py_ssize_t)l->length : 0);
  for (Py_ssize_t i = 0; list && l && i < (Py_ssize_t)l->length; ++i) {
    const uint32_t *codes = itemTypes[id].codes;
    const char *at = l->items + i * l->itemSize;
    PyObject *item = boxItem(&codes, &at, owners, box);
    if (!item) {
      Py_CLEAR(list);
      break;
    }
    PyList_SET_ITEM(list, i, item);
  }
  return list;
}

/*===----------------------------------------------------------------------===*
 * Lists passed in
 *===----------------------------------------------------------------------===*/

/* Bytes of the leaves of `n` codes (a tuple of numbers or an array). */
static int64_t leafBytes(const uint32_t *codes, Py_ssize_t n) {
  int64_t bytes = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    uint32_t c = codes[i];
    int rank = rankOf(c);
    if ((c & kMarkerMask) == kTuple)
      continue;
    bytes += rank >= 0 ? 8 * (3 + 2 * rank) : (c & 0xff) == 16 ? 16 : 8;
  }
  return bytes;
}

/* Whether item codes are an array's or a flat tuple of numbers' and strs'
 * (a str: a KernStr the call's lists keep, kernStrToCell; dict values too,
 * _dictvalues.c). */
static int passable(const uint32_t *codes, Py_ssize_t n) {
  if (n == 1)
    return rankOf(codes[0]) >= 0;
  if ((codes[0] & kMarkerMask) != kTuple || (codes[0] & 0xffff) != n - 1)
    return 0;
  for (Py_ssize_t i = 1; i < n; ++i)
    if ((codes[i] & kMarkerMask) != 0 || rankOf(codes[i]) >= 0 ||
        strchr("biufcU", (int)((codes[i] >> 8) & 0xff)) == NULL ||
        ((codes[i] >> 8) & 0xff) == 0)
      return 0;
  return 1;
}

PyObject *kernListItemBox(Py_ssize_t id, const void *at, PyObject *owners,
                          const KernBoxers *box) {
  if (id < 0 || id >= numItemTypes) {
    PyErr_Format(PyExc_SystemError, "kern: no list item type %zd", id);
    return NULL;
  }
  const uint32_t *codes = itemTypes[id].codes;
  const char *cell = at;
  return boxItem(&codes, &cell, owners, box);
}

int64_t kernListItemBytes(Py_ssize_t id) {
  return leafBytes(itemTypes[id].codes, itemTypes[id].length);
}

Py_ssize_t kernListItemIdOf(PyObject *obj, const KernBoxers *box) {
  uint32_t codes[64];
  Py_ssize_t k = 0;
  int found = box->codes(obj, codes, 64, &k);
  if (found <= 0 || !passable(codes, k))
    return found < 0 ? -2 : -1;
  for (Py_ssize_t id = 0; id < numItemTypes; ++id)
    if (itemTypes[id].length == k &&
        !memcmp(itemTypes[id].codes, codes, sizeof *codes * (size_t)k))
      return id;
  return -1;
}

int kernListItemStore(Py_ssize_t id, PyObject *item, char *at,
                      const KernBoxers *box) {
  const uint32_t *codes = itemTypes[id].codes;
  Py_ssize_t k = itemTypes[id].length;
  if (k == 1) { /* an array, borrowed */
    box->memref(item, (int64_t *)at);
    uintptr_t tagged = (uintptr_t)item | 1;
    memcpy(at, &tagged, sizeof tagged);
    return 0;
  }
  for (Py_ssize_t f = 1; f < k; ++f) {
    if (box->cell(PyTuple_GET_ITEM(item, f - 1), codes[f], at) < 0)
      return -1;
    at += (codes[f] & 0xff) == 16 ? 16 : 8;
  }
  return 0;
}

int kernListArgCode(PyObject *list, uint32_t *code, const KernBoxers *box) {
  Py_ssize_t n = PyList_GET_SIZE(list);
  if (n == 0)
    return 0;
  uint32_t first[64], other[64];
  Py_ssize_t k = 0, m = 0;
  int found = box->codes(PyList_GET_ITEM(list, 0), first, 64, &k);
  if (found <= 0 || !passable(first, k))
    return found < 0 ? -1 : 0;
  for (Py_ssize_t i = 1; i < n; ++i) {
    found = box->codes(PyList_GET_ITEM(list, i), other, 64, &m);
    if (found <= 0 || m != k || memcmp(first, other, sizeof *first * (size_t)k))
      return found < 0 ? -1 : 0;
  }
  for (Py_ssize_t id = 0; id < numItemTypes; ++id)
    if (itemTypes[id].length == k &&
        !memcmp(itemTypes[id].codes, first, sizeof *first * (size_t)k)) {
      *code = KERN_LIST_OF | (uint32_t)id;
      return 1;
    }
  return 0; /* not compiled for yet: the Python side types it */
}

void *kernListCopyIn(PyObject *list, uint32_t code, const KernBoxers *box) {
  Py_ssize_t id = code & 0xffffff, n = PyList_GET_SIZE(list);
  const uint32_t *codes = itemTypes[id].codes;
  Py_ssize_t k = itemTypes[id].length;
  KernList *l = kernListNew(leafBytes(codes, k), n);
  for (Py_ssize_t i = 0; l && i < n; ++i)
    if (kernListItemStore(id, PyList_GET_ITEM(list, i),
                          l->items + i * l->itemSize, box) < 0)
      return NULL;
  return l;
}
