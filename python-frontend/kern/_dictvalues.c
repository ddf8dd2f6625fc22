/*===- _dictvalues.c - dicts of tuple, array and list values --------------===*
 *
 * Dicts made by compiled code whose values are tuples, arrays or lists
 * (kern/frontend/dict_values.py) become Python dicts of tuples, NumPy
 * arrays and lists: each value is boxed as a list item of its registered
 * type (_listitems.c kernListItemBox), an array taking over the buffer
 * the runtime copied it into (kernRuntimeDisown). A Python dict of arrays
 * or of tuples of numbers and strs passed in, or a kern.typed.Dict of
 * such values, is copied into a KernDict whose arrays borrow the
 * arguments' memory, and written back when it changed (_kernrt.c).
 *
 *   f({"a": np.zeros(3)})   code KERN_DICT_OF | id(str keys, float64[:])
 *
 *===----------------------------------------------------------------------===*/

#include "_dictvalues.h"
#include "_dictkeys.h"

#include <string.h>

static struct {
  uint32_t keyCode;
  Py_ssize_t item;
} *gTypes;
static Py_ssize_t gCount, gCapacity;
enum { kMaxTypes = 1 << 24 };

PyObject *kernDictValueTypeRegister(PyObject *module, PyObject *args) {
  (void)module;
  unsigned long keyCode;
  Py_ssize_t item;
  if (!PyArg_ParseTuple(args, "kn", &keyCode, &item))
    return NULL;
  for (Py_ssize_t i = 0; i < gCount; ++i)
    if (gTypes[i].keyCode == (uint32_t)keyCode && gTypes[i].item == item)
      return PyLong_FromUnsignedLong(KERN_DICT_OF | (uint32_t)i);
  if (gCount >= kMaxTypes) {
    PyErr_SetString(PyExc_OverflowError, "kern: too many dict types");
    return NULL;
  }
  if (gCount == gCapacity) {
    Py_ssize_t cap = gCapacity ? 2 * gCapacity : 8;
    void *grown = PyMem_Realloc(gTypes, sizeof *gTypes * (size_t)cap);
    if (!grown)
      return PyErr_NoMemory();
    gTypes = grown;
    gCapacity = cap;
  }
  gTypes[gCount].keyCode = (uint32_t)keyCode;
  gTypes[gCount].item = item;
  return PyLong_FromUnsignedLong(KERN_DICT_OF | (uint32_t)gCount++);
}

/* The parts of a code; 0 (an exception set) for an unknown one. */
static int partsOf(uint32_t code, uint32_t *keyCode, Py_ssize_t *item) {
  Py_ssize_t id = code & 0xffffff;
  if (id >= gCount) {
    PyErr_SetString(PyExc_SystemError, "kern: an unknown dict type");
    return 0;
  }
  *keyCode = gTypes[id].keyCode;
  *item = gTypes[id].item;
  return 1;
}

int kernDictOfArgCode(PyObject *dict, uint32_t keyCode, uint32_t *code,
                      const KernBoxers *box) {
  PyObject *k, *v;
  Py_ssize_t pos = 0, item = -1;
  while (PyDict_Next(dict, &pos, &k, &v)) {
    Py_ssize_t id = kernListItemIdOf(v, box);
    if (id == -2)
      return -1;
    if (id < 0 || (item >= 0 && id != item))
      return 0;
    item = id;
  }
  for (Py_ssize_t i = 0; item >= 0 && i < gCount; ++i)
    if (gTypes[i].keyCode == keyCode && gTypes[i].item == item) {
      *code = KERN_DICT_OF | (uint32_t)i;
      return 1;
    }
  return 0; /* not compiled for yet: the Python side types it */
}

/* The key's number or str code (a 6-bit code of a dict's code). */
static uint32_t scalarKeyCode(uint32_t keyCode) {
  uint32_t c6 = (keyCode >> 6) & 63;
  return ((uint32_t)"biufcU"[(c6 >> 3) % 6] << 8) | (1u << (c6 & 7));
}

void *kernDictOfCopyIn(PyObject *dict, uint32_t code, const KernBoxers *box,
                       const KernKeyBoxers *keys) {
  uint32_t keyCode;
  Py_ssize_t item;
  if (!partsOf(code, &keyCode, &item))
    return NULL;
  int64_t size = kernListItemBytes(item);
  KernDict *d;
  uint32_t scalar = scalarKeyCode(keyCode);
  if (kernHasTupleKeys(keyCode))
    d = kernTupleKeysNew(keyCode, size);
  else {
    char kind = (char)((scalar >> 8) & 0xff);
    d = kernDictNew(kind == 'f' || kind == 'U' ? kind : 'i', size);
  }
  if (!d)
    return PyErr_Occurred() ? NULL : PyErr_NoMemory();
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  while (PyDict_Next(dict, &pos, &k, &v)) {
    void *slot;
    int64_t word;
    /* each value of the registered type (a kern.typed.Dict's too) */
    Py_ssize_t id = kernListItemIdOf(v, box);
    if (id != item) {
      if (id != -2)
        PyErr_Format(PyExc_TypeError,
                     "kern: the dict value for %R is not of the dict's "
                     "value type (a '%.100s')", k, Py_TYPE(v)->tp_name);
      return NULL;
    }
    if (kernHasTupleKeys(keyCode))
      slot = kernTupleKeySetSlot(d, k);
    else
      slot = keys->word(k, scalar, &word) < 0 ? NULL
                                              : kernDictSetSlot(d, word);
    if (!slot || kernListItemStore(item, v, slot, box) < 0) {
      if (!PyErr_Occurred())
        PyErr_NoMemory();
      return NULL;
    }
  }
  return d;
}

PyObject *kernDictOfFromCell(uint32_t code, const void *cell,
                             PyObject *owners, const KernBoxers *box,
                             const KernKeyBoxers *keys) {
  uint32_t keyCode;
  Py_ssize_t item;
  if (!partsOf(code, &keyCode, &item))
    return NULL;
  KernDict *d;
  memcpy(&d, cell, sizeof d);
  PyObject *out = PyDict_New();
  int64_t n = d && out ? kernDictEntries(d) : 0;
  uint32_t scalar = scalarKeyCode(keyCode);
  for (int64_t e = 0; out && e < n; ++e) {
    PyObject *k = kernHasTupleKeys(keyCode)
                      ? kernTupleKeyObject(d, e)
                      : keys->object(scalar, kernDictKeyAt(d, e));
    PyObject *v =
        k ? kernListItemBox(item, kernDictValueAt(d, e), owners, box) : NULL;
    if (!v || PyDict_SetItem(out, k, v) < 0)
      Py_CLEAR(out);
    Py_XDECREF(k);
    Py_XDECREF(v);
  }
  return out;
}
