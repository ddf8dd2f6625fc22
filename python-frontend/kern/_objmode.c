/*===- _objmode.c - with objmode(...) blocks in the Python extension ------===*
 *
 * Compiled code runs a block through kernRuntimeObjmode (lib/Runtime/
 * Objmode.c), which calls `runBlock` here: with the GIL, the pushed items
 * become Python objects (numbers as Numba boxes them, strs, arrays as
 * writeable ndarrays viewing the compiled code's memory, so that writes in
 * the block are seen after it), the block's runner (kern/frontend/
 * objmode.py) runs, and its outputs are written as result words: an int
 * (a bool: 0 or 1) as its int64 value, a float as a double's bits, a
 * complex as two doubles, a str as a new KernStr's pointer, an ndarray as a memref descriptor {0, data, 0,
 * sizes, strides in elements} -- the array stays alive (`held`, per
 * thread) until compiled code has copied it and calls `releaseHeld`.
 *
 * An exception in the block is kept (one, under the GIL) and reported to compiled
 * code as an error of its kind and str(); when that error reaches the
 * Python caller, kernObjmodeRestore raises the original exception object.
 *
 *===----------------------------------------------------------------------===*/

#include "_objmode.h"

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>

#include "kern-c/Runtime.h"
#include "_strings.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static PyObject *sites; /* [runner] by site number */
static int numpyReady;

/* The outputs of the last block on this thread that had arrays. */
static _Thread_local PyObject *held;

/* The exception the last failed block raised (under the GIL: a block on
 * a thread of a parallel loop raises there, the error reaches Python on
 * the thread that called). */
typedef struct {
  PyObject *type, *value, *traceback;
  int kind;
  char message[512];
} Pending;
static Pending pending;

static void dropPending(void) {
  Py_CLEAR(pending.type);
  Py_CLEAR(pending.value);
  Py_CLEAR(pending.traceback);
}

static int importNumpy(void) {
  if (!numpyReady) {
    if (PyArray_ImportNumPyAPI() < 0)
      return -1;
    numpyReady = 1;
  }
  return 0;
}

/*===----------------------------------------------------------------------===*
 * Writing the outputs
 *===----------------------------------------------------------------------===*/

/* Writes the outputs as result words; 1 if one is an array, 0 if none,
 * -1 with an exception set. */
static int writeOutputs(PyObject *outputs, int64_t *results, int64_t words) {
  if (!PyTuple_Check(outputs)) {
    PyErr_SetString(PyExc_SystemError, "objmode: the runner returned no "
                                       "tuple");
    return -1;
  }
  if (importNumpy() < 0)
    return -1;
  int64_t at = 0;
  int arrays = 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(outputs); ++i) {
    PyObject *v = PyTuple_GET_ITEM(outputs, i);
    int64_t need = 1;
    if (PyArray_Check(v))
      need = 3 + 2 * (int64_t)PyArray_NDIM((PyArrayObject *)v);
    else if (PyComplex_Check(v))
      need = 2;
    if (at + need > words) {
      PyErr_SetString(PyExc_SystemError, "objmode: more outputs than the "
                                         "compiled code reads");
      return -1;
    }
    if (PyArray_Check(v)) {
      PyArrayObject *a = (PyArrayObject *)v;
      int n = PyArray_NDIM(a);
      npy_intp itemSize = PyArray_ITEMSIZE(a);
      char *data = PyArray_BYTES(a);
      memcpy(&results[at], &data, sizeof data);
      memcpy(&results[at + 1], &data, sizeof data);
      results[at + 2] = 0;
      for (int d = 0; d < n; ++d) {
        results[at + 3 + d] = (int64_t)PyArray_DIM(a, d);
        results[at + 3 + n + d] =
            itemSize ? (int64_t)(PyArray_STRIDE(a, d) / itemSize) : 0;
      }
      arrays = 1;
    } else if (PyComplex_Check(v)) {
      double re = PyComplex_RealAsDouble(v), im = PyComplex_ImagAsDouble(v);
      memcpy(&results[at], &re, sizeof re);
      memcpy(&results[at + 1], &im, sizeof im);
    } else if (PyUnicode_Check(v)) { /* a KernStr, with the lists */
      if (kernStrToCell(v, &results[at]) < 0)
        return -1;
    } else if (PyFloat_Check(v)) {
      double d = PyFloat_AS_DOUBLE(v);
      memcpy(&results[at], &d, sizeof d);
    } else if (PyLong_Check(v)) {
      long long x = PyLong_AsLongLong(v);
      if (x == -1 && PyErr_Occurred())
        return -1;
      results[at] = (int64_t)x;
    } else {
      PyErr_SetString(PyExc_SystemError, "objmode: an output the compiled "
                                         "code cannot receive");
      return -1;
    }
    at += need;
  }
  return arrays;
}

/*===----------------------------------------------------------------------===*
 * Errors
 *===----------------------------------------------------------------------===*/

/* The kind compiled code sees for an exception of `type`: its nearest
 * built-in class kern knows (ValueError, KeyError, ...), else Exception. */
static int kindOf(PyObject *type) {
  PyObject *mro = PyType_Check(type) ? ((PyTypeObject *)type)->tp_mro : NULL;
  for (Py_ssize_t i = 0; mro && i < PyTuple_GET_SIZE(mro); ++i) {
    PyTypeObject *c = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
    const char *name = c->tp_name;
    int builtin = !(c->tp_flags & Py_TPFLAGS_HEAPTYPE) && !strchr(name, '.');
    if (!builtin && strcmp(name, "LinAlgError") != 0)
      continue;
    int kind = kernRuntimeErrorKindFromName(name);
    if (kind != KernErrorNone)
      return kind;
  }
  return KernErrorRuntime;
}

/* Keeps the raised exception for kernObjmodeRestore; its kind and str()
 * (in `message`) for compiled code. Clears the error. */
static int keepError(char *message, size_t cap) {
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  if (traceback && value)
    PyException_SetTraceback(value, traceback);
  dropPending();
  pending.type = type;
  pending.value = value;
  pending.traceback = traceback;
  pending.kind = kindOf(type);
  PyObject *text = value ? PyObject_Str(value) : NULL;
  const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
  if (!utf8) {
    PyErr_Clear();
    utf8 = type ? ((PyTypeObject *)type)->tp_name : "exception";
  }
  snprintf(message, cap, "%s", utf8);
  snprintf(pending.message, sizeof pending.message, "%s", message);
  Py_XDECREF(text);
  return pending.kind;
}

int kernObjmodeRestore(int kind, const char *message) {
  if (!pending.type)
    return 0;
  int same = pending.kind == kind && strcmp(pending.message, message) == 0;
  if (!same) {
    dropPending();
    return 0;
  }
  PyErr_Restore(pending.type, pending.value, pending.traceback);
  pending.type = pending.value = pending.traceback = NULL;
  return 1;
}

/*===----------------------------------------------------------------------===*
 * The handler
 *===----------------------------------------------------------------------===*/

static int runBlock(int64_t site, const KernPrintItem *args, int64_t nargs,
                    int64_t *results, int64_t words, char *message,
                    size_t cap) {
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback); /* the caller's, kept */
  Py_CLEAR(held);
  int kind = KernErrorNone;
  PyObject *boxes = PyTuple_New((Py_ssize_t)nargs), *outputs = NULL;
  for (int64_t i = 0; boxes && i < nargs; ++i) {
    PyObject *box = kernItemObject(&args[i], 1);
    if (!box)
      goto done;
    PyTuple_SET_ITEM(boxes, (Py_ssize_t)i, box);
  }
  PyObject *runner = sites && site >= 0 && site < PyList_GET_SIZE(sites)
                         ? PyList_GET_ITEM(sites, (Py_ssize_t)site) : NULL;
  if (!runner) {
    PyErr_SetString(PyExc_SystemError, "objmode: unknown block");
    goto done;
  }
  if (boxes)
    outputs = PyObject_CallOneArg(runner, boxes);
  if (outputs) {
    int arrays = writeOutputs(outputs, results, words);
    if (arrays > 0)
      held = Py_NewRef(outputs);
  }
done:
  if (PyErr_Occurred())
    kind = keepError(message, cap);
  Py_XDECREF(outputs);
  Py_XDECREF(boxes);
  PyErr_Restore(type, value, traceback);
  PyGILState_Release(gil);
  return kind;
}

static void releaseHeld(void) {
  if (!held)
    return;
  PyGILState_STATE gil = PyGILState_Ensure();
  Py_CLEAR(held);
  PyGILState_Release(gil);
}

int kernObjmodeInit(void) {
  sites = PyList_New(0);
  if (!sites)
    return -1;
  kernRuntimeSetObjmodeHandler(runBlock, releaseHeld);
  return 0;
}

PyObject *kernObjmodeSite(PyObject *module, PyObject *runner) {
  (void)module;
  if (!PyCallable_Check(runner)) {
    PyErr_SetString(PyExc_TypeError, "objmode_site: a callable runner");
    return NULL;
  }
  if (PyList_Append(sites, runner) < 0)
    return NULL;
  return PyLong_FromSsize_t(PyList_GET_SIZE(sites) - 1);
}
