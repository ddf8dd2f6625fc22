/*===- _listitems.h - lists of tuples, arrays and lists as results --------===*
 *
 * The result code of a list whose items are not numbers is
 * KERN_LIST_OF | id: `id` names the codes of one item (as type_codes in
 * kern/dispatcher.py gives them), registered once by
 * `_kernrt.list_item_type(codes)`. _kernrt.c boxes such a result with
 * kernStructuredList, giving it its own boxing of numbers, lists of
 * numbers and arrays.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_LISTITEMS_H
#define KERN_PYTHON_LISTITEMS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define KERN_LIST_OF 0x09000000u /* | the id of the item's codes */

typedef struct {
  PyObject *(*scalar)(uint32_t code, const void *cell);
  PyObject *(*list)(uint32_t itemCode, const void *cell);
  /* An array of a descriptor; `owners` as _kernrt.c's results keep it. */
  PyObject *(*array)(uint32_t code, const int64_t *descriptor,
                     PyObject *owners);
  /* For arguments: the codes of a value (1; 0: none; -1: an error), into
   * `out` (up to `cap`, `*n` of them); a number into its cell; an array's
   * memref descriptor. */
  int (*codes)(PyObject *obj, uint32_t *out, Py_ssize_t cap, Py_ssize_t *n);
  int (*cell)(PyObject *obj, uint32_t code, void *cell);
  void (*memref)(PyObject *array, int64_t *descriptor);
} KernBoxers;

/* The code of a Python list of arrays (one dtype and rank) or of tuples
 * of numbers (one type), whose item type compiled code has registered:
 * 1, else 0 (-1: an error). */
int kernListArgCode(PyObject *list, uint32_t *code, const KernBoxers *box);

/* The runtime copy of such a list: arrays borrowed (their descriptors
 * point at their data; the allocated pointer is the array object | 1, so
 * boxing gives the same object back), numbers copied. */
void *kernListCopyIn(PyObject *list, uint32_t code, const KernBoxers *box);

/* `_kernrt.list_item_type(codes)`: the id of an item's codes. */
PyObject *kernListItemType(PyObject *module, PyObject *codes);

/* A Python list of the items of the KernList* in `cell`. */
PyObject *kernStructuredList(uint32_t code, const void *cell,
                             PyObject *owners, const KernBoxers *box);

/* One item of the registered type `id` at `at`, as a Python value
 * (dict values, _dictvalues.c). */
PyObject *kernListItemBox(Py_ssize_t id, const void *at, PyObject *owners,
                          const KernBoxers *box);

/* Bytes of one item of the registered type `id`. */
int64_t kernListItemBytes(Py_ssize_t id);

/* The registered type of `obj` when it is an array or a flat tuple of
 * numbers and strs that compiled code registered; -1 when not, -2 after
 * an error. */
Py_ssize_t kernListItemIdOf(PyObject *obj, const KernBoxers *box);

/* `item` (of type `id`, as kernListItemIdOf found) stored at `at`: an
 * array borrowed (its descriptor, allocated = the object | 1), numbers
 * and strs copied. -1 after an error. */
int kernListItemStore(Py_ssize_t id, PyObject *item, char *at,
                      const KernBoxers *box);

#endif
