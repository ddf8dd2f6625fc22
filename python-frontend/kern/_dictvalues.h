/*===- _dictvalues.h - dicts of tuple, array and list values ---------------===*
 *
 * The code of a dict whose values are not numbers or strs -- tuples,
 * arrays, lists (kern/frontend/dict_values.py) -- is KERN_DICT_OF | id:
 * `id` names a pair registered once by `_kernrt.dict_value_type(keyCode,
 * itemId)`: the dict's code without a value (KERN_DICT | key << 6, or
 * with KERN_TUPLE_KEYS and the id of the keys' kinds, _dictkeys.h) and
 * the value's item type as lists register it (_listitems.h). A value is
 * stored in the entry as a list item is: its leaves one after the other.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_DICTVALUES_H
#define KERN_PYTHON_DICTVALUES_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "_listitems.h"
#include "kern-c/Runtime.h"

#define KERN_DICT_OF 0x0D000000u /* | the id of (key code, value item) */

static inline int kernIsDictOf(uint32_t code) {
  return (code & 0xff000000u) == KERN_DICT_OF;
}

/* How the keys of numbers and strs go in and out (_kernrt.c's). */
typedef struct {
  /* The Python key of a key code and the runtime's 64-bit word. */
  PyObject *(*object)(uint32_t keyCode, int64_t word);
  /* The word of a Python key (-1 after an error). */
  int (*word)(PyObject *key, uint32_t keyCode, int64_t *word);
} KernKeyBoxers;

/* `_kernrt.dict_value_type(keyCode, itemId)`: the code KERN_DICT_OF | id. */
PyObject *kernDictValueTypeRegister(PyObject *module, PyObject *args);

/* The code of a Python dict (not empty) of values of one registered item
 * type (arrays or tuples of numbers and strs), keys numbers, strs or
 * tuples of them, when compiled code registered the pair: 1, else 0 (-1:
 * an error). `keyCode` is the code its keys give without values. */
int kernDictOfArgCode(PyObject *dict, uint32_t keyCode, uint32_t *code,
                      const KernBoxers *box);

/* The runtime copy of such a dict (arrays borrowed, as _listitems.c's
 * lists); NULL after an error. */
void *kernDictOfCopyIn(PyObject *dict, uint32_t code, const KernBoxers *box,
                       const KernKeyBoxers *keys);

/* A Python dict of the KernDict* in `cell` of that code. */
PyObject *kernDictOfFromCell(uint32_t code, const void *cell,
                             PyObject *owners, const KernBoxers *box,
                             const KernKeyBoxers *keys);

#endif
