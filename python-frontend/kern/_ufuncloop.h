/*===- _ufuncloop.h - the loop tables of kern's ufuncs (_ufunc.c) --------===*
 *
 * Shared by _ufunc.c (the ufuncs, their inner loop) and _ufuncgrow.c
 * (loops added to a ufunc in place, the lazy ufunc's promoter). Include it
 * after <numpy/ufuncobject.h>.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_UFUNCLOOP_H
#define KERN_PYTHON_UFUNCLOOP_H

/* One compiled loop: what NumPy's `data` pointer of a loop points to. */
typedef struct {
  void (*packed)(void **);
  void (*reduce)(void **); /* (T, T) -> T loops: NumPy's reduce and */
  void (*scan)(void **);   /* accumulate calls as register loops, or NULL */
  int nargs;
  npy_intp *itemsize; /* [nargs] */
  int *ncore;         /* [nargs] core dimensions of each argument */
  int *coreOffset;    /* [nargs] first index of its core steps in steps[] */
  int *coreDim;       /* [sum ncore] index in dims[1..] of each core dim */
} KernLoop;

/* The arrays a ufunc's legacy fields (functions, data, types) point to;
 * owned by the capsule in `ufunc->obj` (see kernUfuncTables). */
typedef struct {
  PyUFuncGenericFunction *functions;
  void **data;
  char *types;
  char *name;
  char *doc;
  char *signature;
  int ntypes;
} KernUfuncTables;

/* A loop from a spec (address, itemsizes, core[, reduce, scan]); NULL with
 * a Python error on failure. */
KernLoop *kernMakeLoop(PyObject *spec, int nargs, int isGufunc);

/* Frees a loop kernMakeLoop made. */
void kernFreeLoop(KernLoop *loop);

/* Runs `loop` over NumPy's (args, dims, steps); nonzero when the kern code
 * raised (the Python exception is set, taking the GIL to set it). */
int kernRunLoop(KernLoop *loop, char **args, npy_intp const *dims,
                npy_intp const *steps);

/* The legacy inner loop (PyUFuncGenericFunction) of every kern loop. */
void kernLoop(char **args, npy_intp const *dims, npy_intp const *steps,
              void *data);

/* The tables of a ufunc kern made, or NULL (no Python error set). */
KernUfuncTables *kernUfuncTables(PyObject *ufunc);

/* Registers the promoter of a lazy ufunc (_ufuncgrow.c): when NumPy finds
 * no loop it calls `grow` (the third item of `ufunc->obj`). */
int kernAddPromoter(PyObject *ufunc);

#endif
