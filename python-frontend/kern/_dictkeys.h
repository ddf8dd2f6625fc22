/*===- _dictkeys.h - dicts and sets of tuple keys, in and out -------------===*
 *
 * The code of a dict or set whose keys are tuples of numbers is
 * KERN_DICT (| KERN_SET) | KERN_TUPLE_KEYS | the id of the leaves' kinds
 * (split over the key bits 6..11 and the bits 13..22) | the value's 6-bit
 * code. The ids are registered once by `_kernrt.tuple_keys(kinds)` (a str
 * of the leaves' kind letters, 'b', 'i', 'u', 'f' or 'U' for a str:
 * kern/dispatcher.py);
 * a Python argument's keys name theirs the same way. The runtime keeps
 * the leaves as 64-bit words (lib/Runtime/Dict.c).
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_DICTKEYS_H
#define KERN_PYTHON_DICTKEYS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "_listitems.h"
#include "kern-c/Runtime.h"

#define KERN_TUPLE_KEYS 0x800000u /* in a dict's code: tuple keys */

static inline int kernHasTupleKeys(uint32_t code) {
  return (code & 0xff000000u) == 0x08000000u && (code & KERN_TUPLE_KEYS);
}

/* The code of a Python dict or set (not empty) whose keys are all tuples
 * of numbers of one length, its values numbers (`valueCode` gives the
 * 6-bit code of a list of values | 0x100, or 0 when they are not
 * numbers; `setBit` is KERN_SET for a set): 1, else 0 (-1: an error). */
int kernTupleKeysArgCode(PyObject *obj, uint32_t *code, uint32_t setBit,
                         uint32_t (*valueCode)(PyObject *values));

/* The runtime copy (a KernDict*) of such a dict or set; values stored
 * with `toCell` (a number into a cell of `valueCode`). NULL after an
 * error. */
void *kernTupleKeysCopyIn(PyObject *obj, uint32_t code, uint32_t valueCode,
                          int (*toCell)(PyObject *, uint32_t, void *));

/* A Python dict (or set) of the KernDict* in `cell`, values boxed with
 * `box->scalar`. */
PyObject *kernTupleKeysDict(uint32_t code, uint32_t valueCode,
                            const void *cell, const KernBoxers *box);

/* A Python dict of the tuple-keyed KernDict `d` of values of `valueCode`
 * (0: a set), for print(). */
PyObject *kernTupleKeysOf(KernDict *d, uint32_t valueCode,
                          const KernBoxers *box);

/* `_kernrt.tuple_keys(kinds)`: the code bits of tuple keys of `kinds`. */
PyObject *kernTupleKeysRegister(PyObject *module, PyObject *kinds);

/* For dicts of tuple keys and structured values (_kernrt.c): a new dict
 * of the keys of `code` and values of `valueSize` bytes; the key of entry
 * `entry` as a Python tuple; the value slot of a Python tuple key
 * (inserted when new). NULL with an exception after an error. */
KernDict *kernTupleKeysNew(uint32_t code, int64_t valueSize);
PyObject *kernTupleKeyObject(const KernDict *d, int64_t entry);
void *kernTupleKeySetSlot(KernDict *d, PyObject *key);

#endif
