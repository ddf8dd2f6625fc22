/*===- _strings.h - str values between Python and compiled code ------------===*
 *
 * A Python str argument becomes a KernStr (lib/Runtime/Str.c: UCS4 code
 * points) recorded with the call's lists; a str result (a KernStr
 * pointer in its slot) becomes a Python str. Type code: 'U' << 8 | 8
 * (a pointer), as a scalar's, so lists of str are KERN_LIST | that code.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_STRINGS_H
#define KERN_PYTHON_STRINGS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define KERN_STR_CODE (('U' << 8) | 8)

/* Stores a new KernStr of the Python str `obj` in `cell`: 0, or -1 with an
 * exception set. */
int kernStrToCell(PyObject *obj, void *cell);
/* The Python str of the KernStr pointer in `cell` (new reference). */
PyObject *kernStrFromCell(const void *cell);
/* Gives the runtime CPython's character database (at import). */
void kernStrSetDatabase(void);

#endif /* KERN_PYTHON_STRINGS_H */
