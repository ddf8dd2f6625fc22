/*===- _bind.c - binding call arguments to parameters, in C ---------------===*
 *
 * See _bind.h. Keywords match by pointer first (the names in a call site's
 * kwnames are interned, as are the parameter names), then by value.
 *
 *===----------------------------------------------------------------------===*/

#include "_bind.h"

int kernParamsSet(KernParams *params, PyObject *names, PyObject *defaults) {
  if (!PyTuple_Check(names) || !PyTuple_Check(defaults) ||
      PyTuple_GET_SIZE(defaults) > PyTuple_GET_SIZE(names)) {
    PyErr_SetString(PyExc_TypeError,
                    "_set_params(names, defaults): two tuples, no more "
                    "defaults than names");
    return -1;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); ++i)
    if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(names, i))) {
      PyErr_SetString(PyExc_TypeError, "_set_params: names must be str");
      return -1;
    }
  kernParamsClear(params);
  params->names = Py_NewRef(names);
  params->defaults = Py_NewRef(defaults);
  return 0;
}

void kernParamsClear(KernParams *params) {
  Py_CLEAR(params->names);
  Py_CLEAR(params->defaults);
}

void kernBoundRelease(KernBound *bound) {
  if (bound->items && bound->items != bound->inlineItems)
    PyMem_Free(bound->items);
  bound->items = NULL;
}

/* Copies the positional arguments; the rest start out left out. */
static int bindPositional(const KernParams *params, KernBound *bound,
                          PyObject *const *args, Py_ssize_t nargs) {
  bound->items = NULL;
  if (!params->names)
    return 0;
  Py_ssize_t n = PyTuple_GET_SIZE(params->names);
  if (nargs > n)
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
    bound->items[i] = i < nargs ? args[i] : NULL;
  return 1;
}

static Py_ssize_t paramIndex(const KernParams *params, PyObject *name) {
  Py_ssize_t n = PyTuple_GET_SIZE(params->names);
  for (Py_ssize_t i = 0; i < n; ++i)
    if (PyTuple_GET_ITEM(params->names, i) == name)
      return i;
  if (!PyUnicode_Check(name))
    return -1;
  for (Py_ssize_t i = 0; i < n; ++i)
    if (PyUnicode_Compare(PyTuple_GET_ITEM(params->names, i), name) == 0)
      return i;
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
static int checkDefaults(const KernParams *params, const KernBound *bound) {
  Py_ssize_t first = bound->length - PyTuple_GET_SIZE(params->defaults);
  for (Py_ssize_t i = 0; i < first; ++i)
    if (!bound->items[i])
      return 0;
  return 1;
}

int kernBindVector(const KernParams *params, KernBound *bound,
                   PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  int ok = bindPositional(params, bound, args, nargs);
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t k = 0; ok > 0 && k < nkw; ++k)
    ok = bindKeyword(params, bound, PyTuple_GET_ITEM(kwnames, k), args[nargs + k]);
  return ok > 0 ? checkDefaults(params, bound) : ok;
}

int kernBindDict(const KernParams *params, KernBound *bound,
                 PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs) {
  int ok = bindPositional(params, bound, args, nargs);
  Py_ssize_t pos = 0;
  PyObject *name, *value;
  while (ok > 0 && kwargs && PyDict_Next(kwargs, &pos, &name, &value))
    ok = bindKeyword(params, bound, name, value);
  return ok > 0 ? checkDefaults(params, bound) : ok;
}
