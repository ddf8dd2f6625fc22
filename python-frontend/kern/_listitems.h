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
} KernBoxers;

/* `_kernrt.list_item_type(codes)`: the id of an item's codes. */
PyObject *kernListItemType(PyObject *module, PyObject *codes);

/* A Python list of the items of the KernList* in `cell`. */
PyObject *kernStructuredList(uint32_t code, const void *cell,
                             PyObject *owners, const KernBoxers *box);

#endif
