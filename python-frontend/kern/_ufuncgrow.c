/*===- _ufuncgrow.c - loops added to a kern ufunc in place ---------------===*
 *
 * `_kernrt.ufunc_add_loop(ufunc, types, spec)` adds one compiled loop to a
 * ufunc made by `make_ufunc` (_ufunc.c) without re-creating it: the loop
 * goes into the ufunc's legacy tables (`functions`, `data`, `types`,
 * `ntypes`: `ufunc.types` lists it, NumPy's legacy type resolver casts to
 * it) and, for a lazy ufunc, also becomes an ArrayMethod of its exact
 * DTypes (PyUFunc_AddLoopFromSpec).
 *
 * A lazy ufunc (`@kern.vectorize` without signatures, made with a `grow`
 * callable) has a promoter matching any DTypes (PyUFunc_AddPromoter):
 * NumPy calls it whenever no ArrayMethod of the ufunc matches the
 * operands' DTypes exactly (and it has not cached an answer for them). The
 * promoter calls `grow(operands, fixed)` with, per argument, None (left
 * open: outputs, a reduction's first operand), 'int', 'float' or 'complex'
 * (Python scalars, NEP 50's weak ones) or an np.dtype; `fixed` says what
 * `dtype=`/`signature=` fixed. `grow` returns the np.dtype per argument of
 * the loop to use -- an existing one the inputs cast to safely, or one it
 * compiled and added here -- and NumPy goes on with those DTypes (and
 * caches the answer, so the next call of the same DTypes runs no Python).
 * An exception `grow` raises (kern's TypingError) reaches the caller.
 *
 * The ArrayMethod's get_loop finds its KernLoop in the ufunc's tables by
 * the operand type numbers (the caller is the ufunc, and the GIL is held:
 * the tables only change under the GIL); the strided loop is kernRunLoop.
 * Its reductions start from the ufunc's identity, as NumPy's legacy loops.
 *
 *===----------------------------------------------------------------------===*/

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define NPY_TARGET_VERSION NPY_2_0_API_VERSION
#include <numpy/arrayobject.h>
#include <numpy/dtype_api.h>
#include <numpy/ufuncobject.h>

#include "_ufunc.h"
#include "_ufuncloop.h"

#include <stdlib.h>
#include <string.h>

static int numpyReady;

/* NumPy's C API for this file (NumPy >= 2: the DType and ArrayMethod
 * API). */
static int ready(void) {
  if (numpyReady)
    return 0;
  if (_import_array() < 0 || _import_umath() < 0)
    return -1;
  numpyReady = 1;
  return 0;
}

KernUfuncTables *kernUfuncTables(PyObject *ufunc) {
  if (!ufunc || !PyObject_TypeCheck(ufunc, &PyUFunc_Type))
    return NULL;
  PyObject *owner = ((PyUFuncObject *)ufunc)->obj;
  if (!owner || !PyTuple_Check(owner) || PyTuple_GET_SIZE(owner) < 2)
    return NULL;
  PyObject *capsule = PyTuple_GET_ITEM(owner, 0);
  if (!PyCapsule_IsValid(capsule, "kern.ufunc_tables"))
    return NULL;
  return PyCapsule_GetPointer(capsule, "kern.ufunc_tables");
}

/* The `grow` callable of a lazy kern ufunc, or NULL. */
static PyObject *growOf(PyUFuncObject *uf) {
  if (!kernUfuncTables((PyObject *)uf) || PyTuple_GET_SIZE(uf->obj) < 3)
    return NULL;
  return PyTuple_GET_ITEM(uf->obj, 2);
}

/* ---- the promoter ------------------------------------------------------ */

/* What `grow` sees of a DType (see the file comment). */
static PyObject *describeDType(PyArray_DTypeMeta *d) {
  if (!d)
    Py_RETURN_NONE;
  if (d == &PyArray_PyLongDType)
    return PyUnicode_FromString("int");
  if (d == &PyArray_PyFloatDType)
    return PyUnicode_FromString("float");
  if (d == &PyArray_PyComplexDType)
    return PyUnicode_FromString("complex");
  PyObject *r = d->singleton ? (PyObject *)d->singleton : (PyObject *)d;
  Py_INCREF(r);
  return r;
}

static PyObject *describeAll(PyArray_DTypeMeta *const dtypes[], int n) {
  PyObject *t = PyTuple_New(n);
  for (int k = 0; t && k < n; ++k) {
    PyObject *item = describeDType(dtypes[k]);
    if (!item) {
      Py_CLEAR(t);
      break;
    }
    PyTuple_SET_ITEM(t, k, item);
  }
  return t;
}

/* `grow`'s answer as new references in `out`; -1 with an error when it is
 * not a tuple of nargs np.dtypes. */
static int takeDTypes(PyObject *answer, int nargs, PyArray_DTypeMeta *out[]) {
  if (!PyTuple_Check(answer) || PyTuple_GET_SIZE(answer) != nargs) {
    PyErr_SetString(PyExc_TypeError,
                    "kern ufunc promoter: grow() must return a dtype per "
                    "argument");
    return -1;
  }
  for (int k = 0; k < nargs; ++k)
    if (!PyArray_DescrCheck(PyTuple_GET_ITEM(answer, k))) {
      PyErr_SetString(PyExc_TypeError,
                      "kern ufunc promoter: grow() must return dtypes");
      return -1;
    }
  for (int k = 0; k < nargs; ++k) {
    out[k] = NPY_DTYPE(PyTuple_GET_ITEM(answer, k));
    Py_INCREF(out[k]);
  }
  return 0;
}

static int kernPromoter(PyObject *ufunc, PyArray_DTypeMeta *const op_dtypes[],
                        PyArray_DTypeMeta *const signature[],
                        PyArray_DTypeMeta *new_op_dtypes[]) {
  PyUFuncObject *uf = (PyUFuncObject *)ufunc;
  PyObject *grow = growOf(uf);
  if (!grow) {
    PyErr_SetString(PyExc_RuntimeError,
                    "kern ufunc promoter: the ufunc has no loop compiler");
    return -1;
  }
  PyObject *ops = describeAll(op_dtypes, uf->nargs);
  PyObject *fixed = ops ? describeAll(signature, uf->nargs) : NULL;
  PyObject *answer =
      fixed ? PyObject_CallFunctionObjArgs(grow, ops, fixed, NULL) : NULL;
  Py_XDECREF(ops);
  Py_XDECREF(fixed);
  if (!answer)
    return -1;
  int r = takeDTypes(answer, uf->nargs, new_op_dtypes);
  Py_DECREF(answer);
  return r;
}

int kernAddPromoter(PyObject *ufunc) {
  if (ready() < 0)
    return -1;
  int nargs = ((PyUFuncObject *)ufunc)->nargs;
  PyObject *any = PyTuple_New(nargs);
  if (!any)
    return -1;
  for (int k = 0; k < nargs; ++k) {
    Py_INCREF(Py_None);
    PyTuple_SET_ITEM(any, k, Py_None);
  }
  PyObject *capsule =
      PyCapsule_New((void *)&kernPromoter, "numpy._ufunc_promoter", NULL);
  int r = capsule ? PyUFunc_AddPromoter(ufunc, any, capsule) : -1;
  Py_XDECREF(capsule);
  Py_DECREF(any);
  return r;
}

/* ---- the ArrayMethod of a loop ----------------------------------------- */

typedef struct {
  NpyAuxData base;
  KernLoop *loop;
} LoopData;

static void freeLoopData(NpyAuxData *data) { free(data); }

static NpyAuxData *cloneLoopData(NpyAuxData *data) {
  LoopData *copy = malloc(sizeof(LoopData));
  if (copy)
    memcpy(copy, data, sizeof(LoopData));
  return (NpyAuxData *)copy;
}

/* The KernLoop of the operand types of `context` in its ufunc's tables. */
static KernLoop *loopOf(PyArrayMethod_Context *context) {
  KernUfuncTables *t = kernUfuncTables(context->caller);
  if (!t) {
    PyErr_SetString(PyExc_RuntimeError,
                    "kern ufunc loop: called without its kern ufunc");
    return NULL;
  }
  int nargs = ((PyUFuncObject *)context->caller)->nargs;
  for (int i = 0; i < t->ntypes; ++i) {
    int k = 0;
    while (k < nargs &&
           t->types[i * nargs + k] == context->descriptors[k]->type_num)
      ++k;
    if (k == nargs)
      return t->data[i];
  }
  PyErr_SetString(PyExc_RuntimeError,
                  "kern ufunc loop: no compiled loop for these types");
  return NULL;
}

static int kernStridedLoop(PyArrayMethod_Context *context, char *const *data,
                           const npy_intp *dims, const npy_intp *strides,
                           NpyAuxData *aux) {
  (void)context;
  return kernRunLoop(((LoopData *)aux)->loop, (char **)data, dims, strides) ? -1
                                                                            : 0;
}

static int kernGetLoop(PyArrayMethod_Context *context, int aligned,
                       int move_references, const npy_intp *strides,
                       PyArrayMethod_StridedLoop **out_loop,
                       NpyAuxData **out_data, NPY_ARRAYMETHOD_FLAGS *flags) {
  (void)aligned;
  (void)move_references;
  (void)strides;
  KernLoop *loop = loopOf(context);
  if (!loop)
    return -1;
  LoopData *data = calloc(1, sizeof(LoopData));
  if (!data) {
    PyErr_NoMemory();
    return -1;
  }
  data->base.free = freeLoopData;
  data->base.clone = cloneLoopData;
  data->loop = loop;
  *out_loop = kernStridedLoop;
  *out_data = (NpyAuxData *)data;
  *flags = 0; /* no Python API: NumPy releases the GIL; checks FP flags */
  return 0;
}

/* The ufunc's identity as a Python object; NULL (no error) for none. */
static PyObject *identityOf(PyUFuncObject *uf) {
  switch (uf->identity) {
  case PyUFunc_Zero:
    return PyLong_FromLong(0);
  case PyUFunc_One:
    return PyLong_FromLong(1);
  case PyUFunc_MinusOne:
    return PyLong_FromLong(-1);
  case PyUFunc_IdentityValue:
    Py_XINCREF(uf->identity_value);
    return uf->identity_value;
  default:
    return NULL;
  }
}

static int kernReductionInitial(PyArrayMethod_Context *context,
                                npy_bool reduction_is_empty, void *initial) {
  (void)reduction_is_empty;
  if (!kernUfuncTables(context->caller))
    return 0;
  PyObject *value = identityOf((PyUFuncObject *)context->caller);
  if (!value)
    return PyErr_Occurred() ? -1 : 0;
  int r = PyArray_Pack(context->descriptors[0], initial, value);
  Py_DECREF(value);
  return r < 0 ? -1 : 1;
}

/* Registers the ArrayMethod of the loop of `types` (one type number per
 * argument). */
static int addArrayMethod(PyUFuncObject *uf, const char *types) {
  int nargs = uf->nargs;
  PyArray_DTypeMeta **dtypes = calloc(nargs, sizeof(PyArray_DTypeMeta *));
  if (!dtypes) {
    PyErr_NoMemory();
    return -1;
  }
  for (int k = 0; k < nargs; ++k) {
    PyArray_Descr *descr = PyArray_DescrFromType((unsigned char)types[k]);
    if (!descr) {
      free(dtypes);
      return -1;
    }
    dtypes[k] = NPY_DTYPE(descr); /* a builtin DType: lives on */
    Py_DECREF(descr);
  }
  int reorderable = uf->identity != PyUFunc_None;
  int initial = reorderable && uf->identity != PyUFunc_ReorderableNone;
  PyType_Slot slots[] = {{NPY_METH_get_loop, (void *)kernGetLoop},
                         {initial ? NPY_METH_get_reduction_initial : 0,
                          initial ? (void *)kernReductionInitial : NULL},
                         {0, NULL}};
  PyArrayMethod_Spec spec = {
      .name = "kern_vectorize_loop",
      .nin = uf->nin,
      .nout = uf->nout,
      .casting = NPY_NO_CASTING,
      .flags = reorderable ? NPY_METH_IS_REORDERABLE : 0,
      .dtypes = dtypes,
      .slots = slots,
  };
  int r = PyUFunc_AddLoopFromSpec((PyObject *)uf, &spec);
  free(dtypes);
  return r;
}

/* ---- growing the legacy tables ----------------------------------------- */

/* Appends `loop` of `types` to the tables and the ufunc's fields (each
 * field follows its array at once, so a failure leaves both valid). */
static int growTables(PyUFuncObject *uf, KernUfuncTables *t, const char *types,
                      KernLoop *loop) {
  int nargs = uf->nargs, n = t->ntypes;
  PyUFuncGenericFunction *functions =
      realloc(t->functions, sizeof(PyUFuncGenericFunction) * (n + 2));
  if (!functions)
    goto nomem;
  t->functions = uf->functions = functions;
  void **data = realloc(t->data, sizeof(void *) * (n + 2));
  if (!data)
    goto nomem;
  t->data = data;
  uf->data = (void *const *)data;
  char *grown = realloc(t->types, (size_t)(n + 1) * nargs + 1);
  if (!grown)
    goto nomem;
  t->types = grown;
  uf->types = grown;
  functions[n] = kernLoop;
  data[n] = loop;
  memcpy(grown + (size_t)n * nargs, types, nargs);
  t->ntypes = uf->ntypes = n + 1;
  return 0;
nomem:
  PyErr_NoMemory();
  return -1;
}

PyObject *kernUfuncAddLoop(PyObject *module, PyObject *args) {
  (void)module;
  PyObject *ufunc, *types, *spec;
  if (!PyArg_ParseTuple(args, "OSO:ufunc_add_loop", &ufunc, &types, &spec))
    return NULL;
  if (ready() < 0)
    return NULL;
  KernUfuncTables *t = kernUfuncTables(ufunc);
  PyUFuncObject *uf = (PyUFuncObject *)ufunc;
  if (!t || uf->core_enabled) {
    PyErr_SetString(PyExc_TypeError,
                    "ufunc_add_loop: not a ufunc kern.vectorize made");
    return NULL;
  }
  if (PyBytes_GET_SIZE(types) != uf->nargs) {
    PyErr_SetString(PyExc_ValueError,
                    "ufunc_add_loop: one type number per argument");
    return NULL;
  }
  KernLoop *loop = kernMakeLoop(spec, uf->nargs, 0);
  if (!loop)
    return NULL;
  if (growTables(uf, t, PyBytes_AS_STRING(types), loop) < 0) {
    kernFreeLoop(loop);
    return NULL;
  }
  /* (from here the tables own the loop) */
  if (growOf(uf) && addArrayMethod(uf, PyBytes_AS_STRING(types)) < 0)
    return NULL;
  Py_RETURN_NONE;
}
