/*===- _ufunc.h - real NumPy ufuncs with kern inner loops (_ufunc.c) -----===*/

#ifndef KERN_PYTHON_UFUNC_H
#define KERN_PYTHON_UFUNC_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* make_ufunc(name, doc, nin, nout, types, loops, identity, signature, keep
 * [, grow]) -> np.ufunc. `types`: bytes, nin + nout NumPy type numbers per
 * loop; `loops`: [(packed entry address, (itemsize per argument), core)] with
 * core None for a ufunc, else per argument a tuple of the indices of its
 * core dimensions (in the order of the layout's names); `identity`: None,
 * 'reorderable' or a value; `signature`: the gufunc layout or None;
 * `keep`: anything the loops need alive (the compiled modules: a list
 * may grow); `grow` (optional): for a lazy ufunc, the callable its
 * promoter calls when NumPy finds no loop (_ufuncgrow.c). */
PyObject *kernMakeUfunc(PyObject *module, PyObject *args);

/* ufunc_add_loop(ufunc, types, spec): adds a loop to a ufunc make_ufunc
 * made (not a gufunc), in place; `types`: bytes, a NumPy type number per
 * argument; `spec`: as an item of make_ufunc's `loops` (_ufuncgrow.c). */
PyObject *kernUfuncAddLoop(PyObject *module, PyObject *args);

#define KERN_UFUNC_METHODS                                                     \
  {"make_ufunc", kernMakeUfunc, METH_VARARGS,                                  \
   "make_ufunc(name, doc, nin, nout, types, loops, identity, signature, "      \
   "keep[, grow]) -> np.ufunc whose loops are compiled kern entries "          \
   "(_ufunc.c)."},                                                             \
      {"ufunc_add_loop", kernUfuncAddLoop, METH_VARARGS,                       \
       "ufunc_add_loop(ufunc, types, spec): adds a compiled loop to a kern "   \
       "ufunc in place (_ufuncgrow.c)."},

#endif
