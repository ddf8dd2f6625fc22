/*===- _bind.c - binding call arguments to parameters, in C ---------------===*
 *
 * See _bind.h. Keywords match by pointer first (the names in a call site's
 * kwnames are interned, as are the parameter names), then by value.
 *
 *===----------------------------------------------------------------------===*/

#include "_bind.h"

static int checkParams(PyObject *names, PyObject *required, Py_ssize_t positional,
                       Py_ssize_t positionalOnly, Py_ssize_t varargs) {
  if (!PyTuple_Check(names) || !PySequence_Check(required) ||
      PySequence_Size(required) != PyTuple_GET_SIZE(names)) {
    PyErr_SetString(PyExc_TypeError, "_set_params: a tuple of names and one "
                                     "flag per name");
    return -1;
  }
  Py_ssize_t n = PyTuple_GET_SIZE(names);
  if (positional < 0 || positional > n || positionalOnly < 0 ||
      positionalOnly > positional || varargs < -1 || varargs >= n ||
      (varargs >= 0 && varargs != positional)) {
    PyErr_SetString(PyExc_ValueError, "_set_params: inconsistent counts");
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; ++i)
    if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(names, i))) {
      PyErr_SetString(PyExc_TypeError, "_set_params: names must be str");
      return -1;
    }
  return 0;
}

int kernParamsSet(KernParams *params, PyObject *names, PyObject *required,
                  Py_ssize_t numPositional, Py_ssize_t numPositionalOnly,
                  Py_ssize_t varargs) {
  if (checkParams(names, required, numPositional, numPositionalOnly, varargs) < 0)
    return -1;
  Py_ssize_t n = PyTuple_GET_SIZE(names);
  char *flags = PyMem_Malloc(n ? n : 1);
  if (!flags) {
    PyErr_NoMemory();
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject *flag = PySequence_GetItem(required, i);
    int truth = flag ? PyObject_IsTrue(flag) : -1;
    Py_XDECREF(flag);
    if (truth < 0) {
      PyMem_Free(flags);
      return -1;
    }
    flags[i] = (char)truth;
  }
  kernParamsClear(params);
  params->names = Py_NewRef(names);
  params->required = flags;
  params->numPositional = numPositional;
  params->numPositionalOnly = numPositionalOnly;
  params->varargs = varargs;
  return 0;
}

void kernParamsClear(KernParams *params) {
  Py_CLEAR(params->names);
  PyMem_Free(params->required);
  params->required = NULL;
}

void kernBoundRelease(KernBound *bound) {
  if (bound->items && bound->items != bound->inlineItems)
    PyMem_Free(bound->items);
  bound->items = NULL;
  Py_CLEAR(bound->packed);
}

/* The tuple of *args: the positional arguments past the named ones. */
static int packVarargs(const KernParams *params, KernBound *bound,
                       PyObject *const *args, Py_ssize_t nargs) {
  Py_ssize_t first = params->numPositional;
  Py_ssize_t extra = nargs > first ? nargs - first : 0;
  bound->packed = PyTuple_New(extra);
  if (!bound->packed)
    return -1;
  for (Py_ssize_t i = 0; i < extra; ++i)
    PyTuple_SET_ITEM(bound->packed, i, Py_NewRef(args[first + i]));
  bound->items[params->varargs] = bound->packed;
  return 1;
}

/* Copies the positional arguments; the rest start out left out. */
static int bindPositional(const KernParams *params, KernBound *bound,
                          PyObject *const *args, Py_ssize_t nargs) {
  bound->items = NULL;
  bound->packed = NULL;
  if (!params->names)
    return 0;
  Py_ssize_t n = PyTuple_GET_SIZE(params->names);
  if (nargs > params->numPositional && params->varargs < 0)
    return 0;
  bound->items = bound->inlineItems;
  if (n > (Py_ssize_t)(sizeof bound->inlineItems / sizeof(PyObject *))) {
    bound->items = PyMem_Malloc(n * sizeof(PyObject *));
    if (!bound->items) {
      PyErr_NoMemory();
      return -1;
    }
  }
  bound->length = n;
  for (Py_ssize_t i = 0; i < n; ++i)
    bound->items[i] = i < nargs && i < params->numPositional ? args[i] : NULL;
  return params->varargs >= 0 ? packVarargs(params, bound, args, nargs) : 1;
}

/* The parameter a keyword names: neither *args nor a positional-only one. */
static int nameableBy(const KernParams *params, Py_ssize_t i) {
  return i >= params->numPositionalOnly && i != params->varargs;
}

static Py_ssize_t paramIndex(const KernParams *params, PyObject *name) {
  Py_ssize_t n = PyTuple_GET_SIZE(params->names);
  for (Py_ssize_t i = 0; i < n; ++i)
    if (PyTuple_GET_ITEM(params->names, i) == name)
      return nameableBy(params, i) ? i : -1;
  if (!PyUnicode_Check(name))
    return -1;
  for (Py_ssize_t i = 0; i < n; ++i)
    if (PyUnicode_Compare(PyTuple_GET_ITEM(params->names, i), name) == 0)
      return nameableBy(params, i) ? i : -1;
  return -1;
}

/* One keyword argument: 1, or 0 for a name that is unknown or bound twice. */
static int bindKeyword(const KernParams *params, KernBound *bound,
                       PyObject *name, PyObject *value) {
  Py_ssize_t i = paramIndex(params, name);
  if (i < 0 || bound->items[i])
    return 0;
  bound->items[i] = value;
  return 1;
}

/* Every parameter left out must have a default. */
static int checkRequired(const KernParams *params, const KernBound *bound) {
  for (Py_ssize_t i = 0; i < bound->length; ++i)
    if (!bound->items[i] && params->required[i])
      return 0;
  return 1;
}

int kernBindVector(const KernParams *params, KernBound *bound,
                   PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  int ok = bindPositional(params, bound, args, nargs);
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t k = 0; ok > 0 && k < nkw; ++k)
    ok = bindKeyword(params, bound, PyTuple_GET_ITEM(kwnames, k), args[nargs + k]);
  return ok > 0 ? checkRequired(params, bound) : ok;
}

int kernBindDict(const KernParams *params, KernBound *bound,
                 PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs) {
  int ok = bindPositional(params, bound, args, nargs);
  Py_ssize_t pos = 0;
  PyObject *name, *value;
  while (ok > 0 && kwargs && PyDict_Next(kwargs, &pos, &name, &value))
    ok = bindKeyword(params, bound, name, value);
  return ok > 0 ? checkRequired(params, bound) : ok;
}
