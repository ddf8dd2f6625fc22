/*===- _ufunc.c - real NumPy ufuncs whose inner loops are kern code -------===*
 *
 * `_kernrt.make_ufunc(...)` builds an `np.ufunc` (or a generalized ufunc
 * with a layout signature) through NumPy's C API,
 * PyUFunc_FromFuncAndDataAndSignatureAndIdentity. Every type signature has
 * one loop: a compiled kern entry whose arguments are memrefs, one per
 * ufunc argument (docs/abi.md):
 *
 *   ufunc    rank 1, the inner loop's elements:
 *              void f(memref<?xT0> x0, ..., memref<?xTo> out)
 *   gufunc   rank 1 + the argument's core dimensions, the outer loop first:
 *              void f(memref<?x?xT0> x0, ..., memref<?xTo> out)
 *
 * NumPy calls the C function `kernLoop(args, dims, steps, data)` below;
 * it lays each `args[k]` out as a memref descriptor (sizes from `dims`,
 * strides from `steps`, in elements) and runs the entry with
 * kernRuntimeCall. Everything else a ufunc does -- type resolution,
 * broadcasting, casting, out=, where=, reduce, accumulate, outer, at,
 * reduceat, __array_ufunc__ -- is NumPy's own.
 *
 * Two cases cannot be one strided call: a stride that is not a multiple of
 * the item size (a complex128 array of stride 24 is aligned but has none in
 * elements), and an output that overlaps an input other than exactly
 * (NumPy's reduce loop: out[0] = f(out[0], in[i]) with args[0] == args[2]
 * and stride 0; accumulate: out[i] = f(out[i-1], in[i])). A (T, T) -> T
 * loop has register loops for those two of its own (`reduce`, `scan`:
 * kern/ufunc/emit.py); otherwise the loop runs one element at a time, in
 * order. A gufunc's core strides must
 * be whole elements; NumPy's iterator gives aligned operands, and a core
 * stride that is not whole elements is copied to a contiguous buffer.
 *
 * The ufunc owns its loops: `ufunc->obj` (released by NumPy's dealloc)
 * holds a capsule that frees the loop tables and the compiled modules the
 * caller passes in `keep`.
 *
 *===----------------------------------------------------------------------===*/

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>
#include <numpy/ufuncobject.h>

#include "kern-c/Runtime.h"
#include "_ufunc.h"
#include "_ufuncloop.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int umathReady;

/* Runs the entry; an exception the kern code raised (an explicit `raise`:
 * kernels follow NumPy's error model otherwise) becomes the Python
 * exception of that kind, which NumPy raises after the loop. Returns
 * nonzero on error. */
static int callEntry(void (*fn)(void **), void **slots) {
  int kind = kernRuntimeCall(fn, slots);
  if (kind == KernErrorNone)
    return 0;
  PyGILState_STATE gil = PyGILState_Ensure();
  /* Ctrl-C (lib/Runtime/Interrupt.c): Python's handling of the signal */
  if (kind == KernErrorInterrupt && !PyErr_Occurred())
    PyErr_CheckSignals();
  if (!PyErr_Occurred()) {
    PyObject *builtins = PyEval_GetBuiltins();
    PyObject *type = builtins ? PyDict_GetItemString(
                                    builtins, kernRuntimeErrorName(kind))
                              : NULL;
    if (!type || !PyExceptionClass_Check(type))
      type = PyExc_RuntimeError;
    PyErr_SetString(type, kernRuntimeErrorMessage());
  }
  PyGILState_Release(gil);
  return 1;
}

/* MemoryError from a loop (which may run without the GIL). */
static void noMemory(void) {
  PyGILState_STATE gil = PyGILState_Ensure();
  PyErr_NoMemory();
  PyGILState_Release(gil);
}

/* Descriptor words of an argument of rank r: {alloc, aligned, offset,
 * sizes[r], strides[r]}. */
static size_t descriptorWords(int rank) { return 3 + 2 * (size_t)rank; }

static void setPointer(int64_t *d, char *p) {
  memcpy(&d[0], &p, sizeof(void *));
  memcpy(&d[1], &p, sizeof(void *));
  d[2] = 0;
}

/* One element at a time, in order (see the file comment). */
static int loopByElement(KernLoop *loop, char **args, npy_intp n,
                         npy_intp const *steps, void **slots) {
  for (npy_intp i = 0; i < n; ++i) {
    for (int k = 0; k < loop->nargs; ++k) {
      int64_t *d = (int64_t *)slots[k];
      setPointer(d, args[k] + i * steps[k]);
      d[3] = 1;
      d[4] = 1;
    }
    if (callEntry(loop->packed, slots))
      return 1;
  }
  return 0;
}

/* Runs `fn` over all n elements as rank-1 descriptors. */
static int callWhole(KernLoop *loop, void (*fn)(void **), char **args,
                     npy_intp n, npy_intp const *steps, void **slots) {
  for (int k = 0; k < loop->nargs; ++k) {
    int64_t *d = (int64_t *)slots[k];
    setPointer(d, args[k]);
    d[3] = n;
    d[4] = steps[k] / loop->itemsize[k];
  }
  return callEntry(fn, slots);
}

/* NumPy's reduce (out[0] = f(out[0], in[i]): args[0] == args[2], both at
 * stride 0) and accumulate (out[i] = f(out[i-1], in[i]): args[0] one step
 * behind args[2]) calls of a (T, T) -> T loop. */
static void (*sequentialEntry(KernLoop *loop, char **args,
                              npy_intp const *steps))(void **) {
  if (loop->nargs != 3 || !loop->reduce || steps[1] % loop->itemsize[1])
    return NULL;
  if (args[0] == args[2] && steps[0] == 0 && steps[2] == 0)
    return loop->reduce;
  if (steps[0] == steps[2] && args[0] + steps[2] == args[2] &&
      steps[2] % loop->itemsize[2] == 0)
    return loop->scan;
  return NULL;
}

static int kernUfuncLoop(KernLoop *loop, char **args, npy_intp const *dims,
                         npy_intp const *steps, void **slots) {
  npy_intp n = dims[0];
  int byElement = 0;
  void (*sequential)(void **) = n > 1 ? sequentialEntry(loop, args, steps)
                                      : NULL;
  if (sequential)
    return callWhole(loop, sequential, args, n, steps, slots);
  for (int k = 0; k < loop->nargs; ++k) {
    if (steps[k] % loop->itemsize[k] != 0)
      byElement = 1;
  }
  if (n > 1 && !byElement) {
    /* The output (vectorize has one) overlapping an input other than
     * exactly: NumPy's reduce (stride 0) and accumulate (out[i] from
     * out[i-1]) need the elements in order. */
    int o = loop->nargs - 1;
    char *lo = args[o], *hi = args[o] + (n - 1) * steps[o];
    if (steps[o] == 0)
      byElement = 1;
    if (lo > hi) {
      char *t = lo;
      lo = hi;
      hi = t;
    }
    hi += loop->itemsize[o];
    for (int k = 0; k < o && !byElement; ++k) {
      if (args[k] == args[o] && steps[k] == steps[o])
        continue;
      char *a = args[k], *b = args[k] + (n - 1) * steps[k];
      if (a > b) {
        char *t = a;
        a = b;
        b = t;
      }
      b += loop->itemsize[k];
      byElement = a < hi && lo < b;
    }
  }
  if (byElement)
    return loopByElement(loop, args, n, steps, slots);
  return callWhole(loop, loop->packed, args, n, steps, slots);
}

static int kernGufuncLoop(KernLoop *loop, char **args, npy_intp const *dims,
                          npy_intp const *steps, void **slots) {
  int nargs = loop->nargs;
  for (int k = 0; k < nargs; ++k) {
    int64_t *d = (int64_t *)slots[k];
    int r = 1 + loop->ncore[k];
    npy_intp isz = loop->itemsize[k];
    setPointer(d, args[k]);
    d[3] = dims[0];
    d[3 + r] = steps[k] / isz;
    for (int j = 0; j < loop->ncore[k]; ++j) {
      d[4 + j] = dims[1 + loop->coreDim[loop->coreOffset[k] + j]];
      d[4 + r + j] = steps[nargs + loop->coreOffset[k] + j] / isz;
    }
  }
  return callEntry(loop->packed, slots);
}

/* Whether a gufunc call has strides that are not whole elements. */
static int gufuncOddStrides(KernLoop *loop, npy_intp const *steps) {
  int nargs = loop->nargs, offset = nargs;
  for (int k = 0; k < nargs; ++k) {
    if (steps[k] % loop->itemsize[k] != 0)
      return 1;
    for (int j = 0; j < loop->ncore[k]; ++j)
      if (steps[offset + j] % loop->itemsize[k] != 0)
        return 1;
    offset += loop->ncore[k];
  }
  return 0;
}

/* A gufunc call with odd strides: each outer iteration's core slices are
 * copied to contiguous buffers (outputs copied back), one iteration at a
 * time. */
static int kernGufuncCopied(KernLoop *loop, char **args,
                            npy_intp const *dims, npy_intp const *steps,
                            void **slots) {
  int failed = 1;
  int nargs = loop->nargs;
  size_t coreSteps = 0;
  for (int k = 0; k < nargs; ++k)
    coreSteps += loop->ncore[k];
  npy_intp *bytes = malloc(sizeof(npy_intp) * nargs);
  char **buffers = calloc(nargs, sizeof(char *));
  char **one = malloc(sizeof(char *) * nargs);
  npy_intp *contiguous = malloc(sizeof(npy_intp) * (nargs + coreSteps + 1));
  int ndims = 1;
  for (size_t j = 0; j < coreSteps; ++j)
    if (loop->coreDim[j] + 2 > ndims)
      ndims = loop->coreDim[j] + 2;
  npy_intp *dimsOne = malloc(sizeof(npy_intp) * ndims);
  if (!bytes || !buffers || !one || !contiguous || !dimsOne)
    goto nomem;
  /* Contiguous core strides, C order. */
  for (int k = 0; k < nargs; ++k) {
    npy_intp size = loop->itemsize[k];
    for (int j = loop->ncore[k] - 1; j >= 0; --j) {
      contiguous[nargs + loop->coreOffset[k] + j] = size;
      size *= dims[1 + loop->coreDim[loop->coreOffset[k] + j]];
    }
    bytes[k] = size;
    contiguous[k] = 0;
    buffers[k] = malloc(size > 0 ? (size_t)size : 1);
    if (!buffers[k])
      goto nomem;
  }
  memcpy(dimsOne, dims, sizeof(npy_intp) * ndims);
  dimsOne[0] = 1;
  for (npy_intp i = 0; i < dims[0]; ++i) {
    for (int k = 0; k < nargs; ++k) {
      char *src = args[k] + i * steps[k];
      npy_intp count = bytes[k] / loop->itemsize[k];
      /* Walk the core elements in C order. */
      for (npy_intp e = 0; e < count; ++e) {
        npy_intp rest = e, offset = 0;
        for (int j = loop->ncore[k] - 1; j >= 0; --j) {
          npy_intp extent = dims[1 + loop->coreDim[loop->coreOffset[k] + j]];
          offset += (rest % extent) * steps[nargs + loop->coreOffset[k] + j];
          rest /= extent;
        }
        memcpy(buffers[k] + e * loop->itemsize[k], src + offset,
               loop->itemsize[k]);
      }
      one[k] = buffers[k];
    }
    if (kernGufuncLoop(loop, one, dimsOne, contiguous, slots))
      goto done;
    for (int k = 0; k < nargs; ++k) {
      char *dst = args[k] + i * steps[k];
      npy_intp count = bytes[k] / loop->itemsize[k];
      for (npy_intp e = 0; e < count; ++e) {
        npy_intp rest = e, offset = 0;
        for (int j = loop->ncore[k] - 1; j >= 0; --j) {
          npy_intp extent = dims[1 + loop->coreDim[loop->coreOffset[k] + j]];
          offset += (rest % extent) * steps[nargs + loop->coreOffset[k] + j];
          rest /= extent;
        }
        memcpy(dst + offset, buffers[k] + e * loop->itemsize[k],
               loop->itemsize[k]);
      }
    }
  }
  failed = 0;
  goto done;
nomem:
  noMemory();
done:
  if (buffers)
    for (int k = 0; k < nargs; ++k)
      free(buffers[k]);
  free(buffers);
  free(bytes);
  free(one);
  free(contiguous);
  free(dimsOne);
  return failed;
}

int kernRunLoop(KernLoop *loop, char **args, npy_intp const *dims,
                npy_intp const *steps) {
  int nargs = loop->nargs;
  size_t words = 0;
  for (int k = 0; k < nargs; ++k)
    words += descriptorWords(1 + loop->ncore[k]);
  /* nargs <= NPY_MAXARGS and ranks <= NPY_MAXDIMS + 1: small. */
  int64_t storage[words];
  void *slots[nargs];
  int64_t *at = storage;
  for (int k = 0; k < nargs; ++k) {
    slots[k] = at;
    at += descriptorWords(1 + loop->ncore[k]);
  }
  int gufunc = 0;
  for (int k = 0; k < nargs; ++k)
    gufunc |= loop->ncore[k] != 0;
  if (!gufunc && loop->coreDim == NULL)
    return kernUfuncLoop(loop, args, dims, steps, slots);
  if (gufuncOddStrides(loop, steps))
    return kernGufuncCopied(loop, args, dims, steps, slots);
  return kernGufuncLoop(loop, args, dims, steps, slots);
}

/* The legacy inner loop NumPy calls (an error is the Python exception
 * callEntry set). */
void kernLoop(char **args, npy_intp const *dims, npy_intp const *steps,
              void *data) {
  (void)kernRunLoop(data, args, dims, steps);
}

void kernFreeLoop(KernLoop *loop) {
  if (!loop)
    return;
  free(loop->itemsize);
  free(loop->ncore);
  free(loop->coreOffset);
  free(loop->coreDim);
  free(loop);
}

static void freeTables(PyObject *capsule) {
  KernUfuncTables *t = PyCapsule_GetPointer(capsule, "kern.ufunc_tables");
  if (!t)
    return;
  for (int i = 0; i < t->ntypes; ++i) {
    kernFreeLoop(t->data ? t->data[i] : NULL);
  }
  free(t->functions);
  free(t->data);
  free(t->types);
  free(t->name);
  free(t->doc);
  free(t->signature);
  free(t);
}

static char *copyString(const char *s) {
  if (!s)
    return NULL;
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c)
    memcpy(c, s, n);
  return c;
}

/* A loop from (address, itemsizes, core): core is None for a ufunc, else a
 * tuple per argument of indices of its core dimensions. */
KernLoop *kernMakeLoop(PyObject *spec, int nargs, int isGufunc) {
  PyObject *address, *itemsizes, *core, *reduce = NULL, *scan = NULL;
  if (!PyArg_ParseTuple(spec, "OOO|OO", &address, &itemsizes, &core,
                        &reduce, &scan))
    return NULL;
  KernLoop *loop = calloc(1, sizeof(KernLoop));
  if (!loop)
    return (KernLoop *)PyErr_NoMemory();
  loop->nargs = nargs;
  loop->packed = (void (*)(void **))PyLong_AsVoidPtr(address);
  if (reduce && scan && PyObject_IsTrue(reduce)) {
    loop->reduce = (void (*)(void **))PyLong_AsVoidPtr(reduce);
    loop->scan = (void (*)(void **))PyLong_AsVoidPtr(scan);
  }
  loop->itemsize = calloc(nargs, sizeof(npy_intp));
  loop->ncore = calloc(nargs, sizeof(int));
  loop->coreOffset = calloc(nargs, sizeof(int));
  if (!loop->itemsize || !loop->ncore || !loop->coreOffset) {
    PyErr_NoMemory();
    goto fail;
  }
  if (!PyTuple_Check(itemsizes) || PyTuple_GET_SIZE(itemsizes) != nargs) {
    PyErr_SetString(PyExc_TypeError, "make_ufunc: itemsizes per argument");
    goto fail;
  }
  for (int k = 0; k < nargs; ++k)
    loop->itemsize[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(itemsizes, k));
  if (isGufunc) {
    if (!PyTuple_Check(core) || PyTuple_GET_SIZE(core) != nargs) {
      PyErr_SetString(PyExc_TypeError, "make_ufunc: core dims per argument");
      goto fail;
    }
    Py_ssize_t total = 0;
    for (int k = 0; k < nargs; ++k)
      total += PyTuple_GET_SIZE(PyTuple_GET_ITEM(core, k));
    loop->coreDim = calloc(total + 1, sizeof(int));
    if (!loop->coreDim) {
      PyErr_NoMemory();
      goto fail;
    }
    int offset = 0;
    for (int k = 0; k < nargs; ++k) {
      PyObject *dims = PyTuple_GET_ITEM(core, k);
      loop->coreOffset[k] = offset;
      loop->ncore[k] = (int)PyTuple_GET_SIZE(dims);
      for (int j = 0; j < loop->ncore[k]; ++j)
        loop->coreDim[offset + j] =
            (int)PyLong_AsLong(PyTuple_GET_ITEM(dims, j));
      offset += loop->ncore[k];
    }
  }
  if (PyErr_Occurred())
    goto fail;
  return loop;
fail:
  kernFreeLoop(loop);
  return NULL;
}

PyObject *kernMakeUfunc(PyObject *module, PyObject *args) {
  const char *name, *doc, *signature = NULL;
  int nin, nout;
  PyObject *types, *loops, *identity, *keep, *grow = Py_None;
  if (!PyArg_ParseTuple(args, "ssiiSO!OzO|O:make_ufunc", &name, &doc, &nin,
                        &nout, &types, &PyList_Type, &loops, &identity,
                        &signature, &keep, &grow))
    return NULL;
  if (!umathReady) {
    if (_import_array() < 0 || _import_umath() < 0)
      return NULL;
    umathReady = 1;
  }
  int nargs = nin + nout;
  Py_ssize_t ntypes = PyList_GET_SIZE(loops);
  if (PyBytes_GET_SIZE(types) != ntypes * nargs) {
    PyErr_SetString(PyExc_ValueError, "make_ufunc: nargs type codes per loop");
    return NULL;
  }
  KernUfuncTables *t = calloc(1, sizeof(KernUfuncTables));
  if (!t)
    return PyErr_NoMemory();
  PyObject *capsule = PyCapsule_New(t, "kern.ufunc_tables", freeTables);
  if (!capsule) {
    free(t);
    return NULL;
  }
  t->functions = calloc(ntypes + 1, sizeof(PyUFuncGenericFunction));
  t->data = calloc(ntypes + 1, sizeof(void *));
  t->types = malloc(ntypes * nargs + 1);
  t->name = copyString(name);
  t->doc = copyString(doc);
  t->signature = copyString(signature);
  if (!t->functions || !t->data || !t->types || !t->name || !t->doc ||
      (signature && !t->signature)) {
    Py_DECREF(capsule);
    return PyErr_NoMemory();
  }
  memcpy(t->types, PyBytes_AS_STRING(types), ntypes * nargs);
  for (Py_ssize_t i = 0; i < ntypes; ++i) {
    t->data[i] = kernMakeLoop(PyList_GET_ITEM(loops, i), nargs, signature != NULL);
    t->ntypes = (int)i + 1;
    if (!t->data[i]) {
      Py_DECREF(capsule);
      return NULL;
    }
    t->functions[i] = kernLoop;
  }
  int ident = PyUFunc_IdentityValue;
  PyObject *value = NULL;
  if (identity == Py_None)
    ident = PyUFunc_None;
  else if (PyUnicode_Check(identity) &&
           PyUnicode_CompareWithASCIIString(identity, "reorderable") == 0)
    ident = PyUFunc_ReorderableNone;
  else
    value = identity;
  PyObject *uf = PyUFunc_FromFuncAndDataAndSignatureAndIdentity(
      t->functions, t->data, t->types, (int)ntypes, nin, nout, ident, t->name,
      t->doc, 0, t->signature, value);
  if (!uf) {
    Py_DECREF(capsule);
    return NULL;
  }
  PyObject *owner = grow == Py_None ? PyTuple_Pack(2, capsule, keep)
                                     : PyTuple_Pack(3, capsule, keep, grow);
  Py_DECREF(capsule);
  if (!owner) {
    Py_DECREF(uf);
    return NULL;
  }
  ((PyUFuncObject *)uf)->obj = owner;
  if (grow != Py_None && kernAddPromoter(uf) < 0) {
    Py_DECREF(uf);
    return NULL;
  }
  return uf;
}
