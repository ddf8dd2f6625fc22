/*===- _bind.h - binding call arguments to parameters, in C ---------------===*
 *
 * The keyword and default arguments of a call to a `@kern.njit` function,
 * bound to its parameters without leaving C:
 *
 *   def dist(a, b, metric="euclidean", w=None): ...
 *   dist(x, y, w=v)   ->   [x, y, NULL, v]
 *
 * A parameter the call leaves out is NULL: its default is a compile-time
 * constant of the specialization (Numba's `types.Omitted`), so it has a type
 * code of its own and no slot. Only plain parameters bind here (no *args,
 * **kwargs, keyword-only or positional-only ones); anything Python would
 * refuse (a missing argument, an unknown or repeated keyword) binds to
 * nothing, and the caller lets Python explain.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_BIND_H
#define KERN_PYTHON_BIND_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A function's parameters: names (a tuple of str) and the values of the
 * last len(defaults) of them. Both owned references, or NULL when calls
 * do not bind in C. */
typedef struct {
  PyObject *names;
  PyObject *defaults;
} KernParams;

/* The bound arguments: borrowed references, NULL where left out. */
typedef struct {
  PyObject **items;
  Py_ssize_t length;
  PyObject *inlineItems[16];
} KernBound;

/* Sets the parameters from Python values; 0, or -1 with an exception. */
int kernParamsSet(KernParams *params, PyObject *names, PyObject *defaults);
void kernParamsClear(KernParams *params);

/* Binds a vectorcall (positional `args[0:nargs]`, then the values of
 * `kwnames`) or a tp_call (`kwargs` a dict or NULL). Returns 1 when bound,
 * 0 when the call does not bind in C (no exception), -1 on error. Release
 * the result with kernBoundRelease whatever the outcome. */
int kernBindVector(const KernParams *params, KernBound *bound,
                   PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
int kernBindDict(const KernParams *params, KernBound *bound,
                 PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs);
void kernBoundRelease(KernBound *bound);

#endif
