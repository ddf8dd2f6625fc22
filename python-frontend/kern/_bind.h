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
 * code of its own and no slot. `*args` binds to a tuple of the extra
 * positional arguments (empty when there are none); positional-only and
 * keyword-only parameters bind as Python binds them. Functions with
 * **kwargs do not bind here. Anything Python would refuse (a missing
 * argument, an unknown or repeated keyword, too many arguments) binds to
 * nothing, and the caller lets Python explain.
 *
 *   def f(a, /, b, *rest, k=1): ...   names  (a, b, rest, k)
 *                                     positional 2, positional-only 1,
 *                                     varargs at 2, required (1, 1, 0, 0)
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_BIND_H
#define KERN_PYTHON_BIND_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A function's parameters, in the order of its signature; `names` is NULL
 * when calls do not bind in C. */
typedef struct {
  PyObject *names;             /* tuple of str (owned), *args included */
  char *required;              /* per parameter: 1 when it has no default */
  Py_ssize_t numPositional;    /* the first ones may be given by position */
  Py_ssize_t numPositionalOnly;
  Py_ssize_t varargs;          /* the index of *args, or -1 */
} KernParams;

/* The bound arguments: borrowed references, NULL where left out; the
 * tuple of *args is owned (`packed`). */
typedef struct {
  PyObject **items;
  Py_ssize_t length;
  PyObject *packed;
  PyObject *inlineItems[16];
} KernBound;

/* Sets the parameters from Python values (`required` a sequence of bools
 * per name); 0, or -1 with an exception. */
int kernParamsSet(KernParams *params, PyObject *names, PyObject *required,
                  Py_ssize_t numPositional, Py_ssize_t numPositionalOnly,
                  Py_ssize_t varargs);
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
