/*===- _objmode.h - with objmode(...) blocks in the Python extension ------===*
 *
 * The handler that runs the Python body of a `with kern.objmode(...)` block
 * for compiled code (lib/Runtime/Objmode.c; kern/frontend/objmode.py emits
 * the call), and the original exception of a block that raised.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_OBJMODE_H
#define KERN_PYTHON_OBJMODE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "kern-c/Runtime.h"

/* Makes the registry of blocks and sets the runtime's handler (at
 * import): 0, or -1 with an exception set. */
int kernObjmodeInit(void);
/* objmode_site(runner) -> int: the site number compiled code passes for a
 * block; runner(args) gets the boxed values the block reads (a tuple) and
 * returns the tuple of its outputs, converted to the declared types
 * (Python ints in int64's range, floats, complex numbers, ndarrays of
 * the declared dtype and rank). */
PyObject *kernObjmodeSite(PyObject *module, PyObject *runner);
/* When the error (kind, message) that compiled code raised is the one the
 * last failing block raised, sets that exception (the same object, with
 * its traceback) and returns 1; else 0. The kept exception is dropped
 * either way. */
int kernObjmodeRestore(int kind, const char *message);
/* The Python object of a value compiled code passes out (_kernrt.c): what
 * print() writes and what a block reads; arrays view the value's memory,
 * writeable when asked. */
PyObject *kernItemObject(const KernPrintItem *item, int writeable);

#endif /* KERN_PYTHON_OBJMODE_H */
