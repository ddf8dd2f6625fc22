/*===- _kernrt.c - the call path from Python into compiled kern code ------===*
 *
 * A CPython extension in C: `kern._kernrt.Dispatcher` is the base class of
 * every `@kern.njit` function. Calling one
 *
 *   1. computes a type key from the arguments (one 32-bit code per value),
 *   2. finds the compiled entry with that key (a short list, last hit first),
 *   3. lays the arguments out as the slots of the packed entry point
 *      (docs/abi.md): NumPy arrays become memref descriptors over their own
 *      data, scalars are stored by value,
 *   4. runs `packed(slots)` through kernRuntimeCall and turns the results
 *      into Python objects; memref results become NumPy arrays that own the
 *      malloc'd buffer (a capsule base that calls kernRuntimeFree, which
 *      keeps a large block for the next result),
 *   5. on an error raised by compiled code, sets the Python exception of
 *      that kind with the runtime's message.
 *
 * Keyword and default arguments bind to the parameters in C first (_bind.h).
 * A key with no entry (new argument types) calls the Python method
 * `self._on_miss(*args, **kwargs)` with the call's own arguments, which
 * compiles and calls again. NumPy's C API is imported at the first call, not
 * at `import kern`.
 *
 * Type codes (kern/dispatcher.py computes the same codes from kern types):
 *
 *   scalar  (kind << 8) | itemsize        kind: 'b' 'i' 'u' 'f' 'c' (NumPy)
 *   datetime (kind << 8) | unit           kind 'M' (datetime64) or 'm'
 *                                         (timedelta64), unit: NumPy's
 *                                         NPY_DATETIMEUNIT; 8 bytes, an
 *                                         int64 (kern/datetimetype.py)
 *   array   scalar | ((ndim + 1) << 16)   any strides, native byte order;
 *           | KERN_READONLY               not writeable (Numba's readonly)
 *           | KERN_LAYOUT_C or _F         an argument's C or F contiguity
 *                                         (not an array in a tuple)
 *   tuple   KERN_TUPLE | length           followed by the items' codes
 *   named   KERN_NAMEDTUPLE | length      followed by the class's code
 *   tuple                                 (KERN_FUNCTION | id, no slot:
 *                                         register_tuple_class) and the
 *                                         items' codes
 *   None    'n' << 8                      no slot: a constant
 *   njit fn KERN_FUNCTION | id            no slot: a constant (the function
 *                                         is part of the specialization)
 *   Optional KERN_OPTIONAL                a result: the value's codes, then a
 *                                         bool flag (None when false)
 *   cfunc   KERN_FNPTR | signature id     a slot: the C function's address
 *                                         (kern/functiontype.py)
 *   jitclass KERN_INSTANCE | cells        followed by the class's code
 *   instance                              (KERN_FUNCTION | id, no slot) and
 *                                         the cells' codes (kern/jitclass.py)
 *   Generator KERN_GENERATOR              a slot: the bitgen_t * of an
 *                                         np.random.Generator's BitGenerator
 *   omitted 'o' << 8                      a parameter left to its default
 *                                         (no slot: a constant)
 *   list    KERN_LIST | item code         a slot: a KernList* (a Python list
 *                                         of numbers, copied in and out)
 *   list of KERN_LIST_OF | item type id   a slot: a KernList* of tuples,
 *   items                                 arrays or lists (_listitems.c;
 *                                         arguments: of arrays or tuples)
 *   str     'U' << 8 | 8                  a slot: a KernStr* (_strings.h)
 *   bytes   'y' << 8 | 1 as a readonly    a result only: a memref of uint8,
 *           array of rank 1               returned as bytes (kern/bytestype.py)
 *   records ('V' << 8 | 1) as an array    a memref of bytes (byte strides;
 *           of rank R (0: an np.void)     rank 0: one record), followed by
 *                                         KERN_RECORD | dtype id (no slot,
 *                                         _records.h)
 *   dict    KERN_DICT | key << 6 | value  a slot: a KernDict* (a Python dict
 *                                         of numbers); 6-bit codes: the
 *                                         kind's index in "biufc" << 3 |
 *                                         log2 of the size
 *   set     KERN_DICT | KERN_SET | key << 6  a slot: a KernDict* without
 *                                         values (a Python set of numbers)
 *   dict of KERN_DICT_OF | id             a slot: a KernDict* of tuple, array
 *   values                                or list values (_dictvalues.c; id:
 *                                         `dict_value_type(key, item id)`)
 *
 * Python bool, int, float and complex have the codes of bool, int64,
 * float64 and complex128.
 *
 *===----------------------------------------------------------------------===*/

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>
#include <numpy/arrayscalars.h>

#include "kern-c/Runtime.h"
#include "_bind.h"
#include "_dictkeys.h"
#include "_dictvalues.h"
#include "_listitems.h"
#include "_objmode.h"
#include "_records.h"
#include "_strings.h"
#include "_ufunc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Type codes
 *===----------------------------------------------------------------------===*/

#define KERN_TUPLE 0x01000000u
#define KERN_TUPLE_MAX 0xffffu
#define KERN_FUNCTION 0x02000000u
#define KERN_FUNCTION_MAX 0xffffffu
#define KERN_OPTIONAL 0x03000000u
#define KERN_INSTANCE 0x04000000u
#define KERN_FNPTR 0x05000000u
#define KERN_READONLY 0x06000000u /* an array that is not writeable */
#define KERN_LIST 0x07000000u     /* | the items' scalar code */
#define KERN_DICT 0x08000000u     /* | key << 6 | value (6-bit codes) */
/* 0x09000000u is KERN_LIST_OF (_listitems.h) */
#define KERN_GENERATOR 0x0A000000u  /* np.random.Generator: its bitgen_t */
#define KERN_NAMEDTUPLE 0x0B000000u /* | length: a tuple of a class */
/* 0x0C000000u is KERN_RECORD (_records.h), 0x0D000000u KERN_DICT_OF
 * (_dictvalues.h): the markers of the other files, checked distinct below */
_Static_assert(KERN_RECORD == 0x0C000000u && KERN_DICT_OF == 0x0D000000u &&
                   KERN_LIST_OF == 0x09000000u,
               "each type-code marker is one value of the top byte");
#define KERN_SET 0x1000u          /* in a dict's code: a set (no values) */
#define KERN_MARKER_MASK 0xff000000u
/* An array argument (not one inside a tuple or an object) that is C- or
 * F-contiguous as NumPy's flags say: compiled for that layout, which knows
 * its strides (kern/dispatcher.py signature_codes). */
#define KERN_LAYOUT_C 0x40000000u
#define KERN_LAYOUT_F 0x80000000u
#define KERN_LAYOUT_MASK (KERN_LAYOUT_C | KERN_LAYOUT_F)
#define KERN_NDIM_SHIFT 16
#define KERN_NDIM_MAX 0xfe

static inline uint32_t scalarCode(char kind, Py_ssize_t itemsize) {
  return ((uint32_t)(unsigned char)kind << 8) | (uint32_t)(itemsize & 0xff);
}
static inline int isTuple(uint32_t code) {
  return (code & KERN_MARKER_MASK) == KERN_TUPLE;
}
static inline int isOptional(uint32_t code) { return code == KERN_OPTIONAL; }
static inline int isFunctionPointer(uint32_t code) {
  return (code & KERN_MARKER_MASK) == KERN_FNPTR;
}
static inline int isList(uint32_t code) {
  return (code & KERN_MARKER_MASK) == KERN_LIST;
}
static inline int isDict(uint32_t code) { /* a set too */
  return (code & KERN_MARKER_MASK) == KERN_DICT;
}
static inline int isSet(uint32_t code) {
  return isDict(code) && (code & KERN_SET);
}
static inline int isListOf(uint32_t code) {
  return (code & KERN_MARKER_MASK) == KERN_LIST_OF;
}
/* The scalar code of a 6-bit key or value code of a dict. */
static inline uint32_t unpackCode(uint32_t c6) {
  return ((uint32_t)"biufcU"[(c6 >> 3) % 6] << 8) | (1u << (c6 & 7));
}
static inline uint32_t packCode(uint32_t code) {
  uint32_t size = code & 0xff, log2 = 0;
  while ((1u << log2) < size)
    ++log2;
  return (uint32_t)(strchr("biufcU", (int)((code >> 8) & 0xff)) - "biufcU")
             << 3 | log2;
}
static inline int isInstance(uint32_t code) {
  return (code & KERN_MARKER_MASK) == KERN_INSTANCE;
}
static inline int isNamedTuple(uint32_t code) {
  return (code & KERN_MARKER_MASK) == KERN_NAMEDTUPLE;
}
/* Codes followed by a class code, then their items' codes. */
static inline int hasClassCode(uint32_t code) {
  return isInstance(code) || isNamedTuple(code);
}
static inline Py_ssize_t tupleLength(uint32_t code) { return code & 0xffff; }
static inline int isArray(uint32_t code) {
  uint32_t marker = code & KERN_MARKER_MASK & ~KERN_LAYOUT_MASK;
  return (marker == 0 || marker == KERN_READONLY) &&
         ((code >> KERN_NDIM_SHIFT) & 0xff) != 0;
}
static inline int arrayRank(uint32_t code) {
  return (int)((code >> KERN_NDIM_SHIFT) & 0xff) - 1;
}
static inline char codeKind(uint32_t code) { return (char)((code >> 8) & 0xff); }
static inline int isDatetimeKind(char kind) {
  return kind == 'M' || kind == 'm';
}
/* The item size of a scalar code (datetimes: 8, their low byte is the
 * unit). */
static inline int codeItemsize(uint32_t code) {
  return isDatetimeKind(codeKind(code)) ? 8 : (int)(code & 0xff);
}

static const uint32_t kCodeBool = ('b' << 8) | 1;
static const uint32_t kCodeInt64 = ('i' << 8) | 8;
static const uint32_t kCodeFloat64 = ('f' << 8) | 8;
static const uint32_t kCodeComplex128 = ('c' << 8) | 16;
static const uint32_t kCodeNone = 'n' << 8;
static const uint32_t kCodeOmitted = 'o' << 8;

/* Codes that stand for a value in a slot: not tuples, not constants. */
static inline int isGenerator(uint32_t code) {
  return code == KERN_GENERATOR;
}

static inline int hasSlot(uint32_t code) {
  return ((code & KERN_MARKER_MASK) == 0 && code != kCodeNone &&
          code != kCodeOmitted) ||
         (code & KERN_MARKER_MASK) == KERN_FNPTR || isList(code) ||
         isDict(code) || isArray(code) || isGenerator(code) ||
         isListOf(code) || kernIsDictOf(code);
}

/* Bytes of slot storage for one leaf value: a memref descriptor
 * {allocated, aligned, offset, sizes[R], strides[R]} or a 16-byte cell. */
static size_t leafBytes(uint32_t code) {
  if (isArray(code))
    return sizeof(int64_t) * (3 + 2 * (size_t)arrayRank(code));
  return 16;
}

/*===----------------------------------------------------------------------===*
 * NumPy, imported at the first call
 *===----------------------------------------------------------------------===*/

/* NumPy scalar types and their codes (filled when NumPy is imported). */
typedef struct {
  PyTypeObject *type;
  uint32_t code;
} ScalarType;
static ScalarType scalarTypes[20];
static int numScalarTypes;
static int numpyReady;

static void addScalarType(PyTypeObject *type, int typenum) {
  PyArray_Descr *descr = PyArray_DescrFromType(typenum);
  if (!descr)
    return;
  scalarTypes[numScalarTypes].type = type;
  scalarTypes[numScalarTypes].code =
      scalarCode(descr->kind, PyDataType_ELSIZE(descr));
  numScalarTypes++;
  Py_DECREF(descr);
}

static int importNumpy(void) {
  if (numpyReady)
    return 0;
  if (PyArray_ImportNumPyAPI() < 0)
    return -1;
  numScalarTypes = 0;
  /* The common ones first: the lookup is linear. */
  addScalarType(&PyDoubleArrType_Type, NPY_DOUBLE);
  addScalarType(&PyLongArrType_Type, NPY_LONG);
  addScalarType(&PyBoolArrType_Type, NPY_BOOL);
  addScalarType(&PyFloatArrType_Type, NPY_FLOAT);
  addScalarType(&PyIntArrType_Type, NPY_INT);
  addScalarType(&PyCDoubleArrType_Type, NPY_CDOUBLE);
  addScalarType(&PyCFloatArrType_Type, NPY_CFLOAT);
  addScalarType(&PyLongLongArrType_Type, NPY_LONGLONG);
  addScalarType(&PyByteArrType_Type, NPY_BYTE);
  addScalarType(&PyShortArrType_Type, NPY_SHORT);
  addScalarType(&PyUByteArrType_Type, NPY_UBYTE);
  addScalarType(&PyUShortArrType_Type, NPY_USHORT);
  addScalarType(&PyUIntArrType_Type, NPY_UINT);
  addScalarType(&PyULongArrType_Type, NPY_ULONG);
  addScalarType(&PyULongLongArrType_Type, NPY_ULONGLONG);
  addScalarType(&PyHalfArrType_Type, NPY_HALF);
  addScalarType(&PyLongDoubleArrType_Type, NPY_LONGDOUBLE);
  addScalarType(&PyCLongDoubleArrType_Type, NPY_CLONGDOUBLE);
  numpyReady = 1;
  return 0;
}

static int numpyScalarCode(PyObject *obj, uint32_t *code) {
  PyTypeObject *type = Py_TYPE(obj);
  for (int i = 0; i < numScalarTypes; ++i)
    if (scalarTypes[i].type == type) {
      *code = scalarTypes[i].code;
      return 1;
    }
  return 0;
}

static int typenumOfCode(uint32_t code) {
  int size = codeItemsize(code);
  switch (codeKind(code)) {
  case 'b': return NPY_BOOL;
  case 'i': return size == 1 ? NPY_INT8 : size == 2 ? NPY_INT16
                 : size == 4 ? NPY_INT32 : NPY_INT64;
  case 'u': return size == 1 ? NPY_UINT8 : size == 2 ? NPY_UINT16
                 : size == 4 ? NPY_UINT32 : NPY_UINT64;
  case 'f': return size == 2 ? NPY_HALF : size == 4 ? NPY_FLOAT32 : NPY_FLOAT64;
  case 'c': return size == 8 ? NPY_COMPLEX64 : NPY_COMPLEX128;
  default: return -1;
  }
}

/*===----------------------------------------------------------------------===*
 * datetime64 and timedelta64 (kern/datetimetype.py)
 *===----------------------------------------------------------------------===*/

/* The code of a datetime kind and unit metadata: 1, or 0 for a multiple
 * of a unit ('M8[10ms]'), which kern does not pass (as Numba). */
static int datetimeCode(char kind, const PyArray_DatetimeMetaData *meta,
                        uint32_t *code) {
  if (meta->num != 1 || (int)meta->base < 0 || meta->base > NPY_FR_GENERIC)
    return 0;
  *code = ((uint32_t)(unsigned char)kind << 8) | (uint32_t)meta->base;
  return 1;
}

static int isDatetimeScalar(PyObject *obj) {
  return PyArray_IsScalar(obj, Datetime) || PyArray_IsScalar(obj, Timedelta);
}

/* The code of an np.datetime64 or np.timedelta64 (the two scalar objects
 * share one layout): 1, or 0 when it has none. */
static int datetimeScalarCode(PyObject *obj, uint32_t *code) {
  char kind = PyArray_IsScalar(obj, Datetime) ? 'M' : 'm';
  return datetimeCode(kind, &((PyDatetimeScalarObject *)obj)->obmeta, code);
}

/* The dtype of a datetime code (a new reference), as 'M8[ns]'. */
static PyArray_Descr *datetimeDescr(uint32_t code) {
  static PyArray_Descr *made[2][NPY_FR_GENERIC + 1];
  static const char *const units[NPY_FR_GENERIC + 1] = {
      "Y", "M", "W", "B", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs",
      "as", ""};
  unsigned unit = code & 0xff;
  int timedelta = codeKind(code) == 'm';
  if (unit > NPY_FR_GENERIC) {
    PyErr_Format(PyExc_SystemError, "kern: bad datetime code %x", code);
    return NULL;
  }
  if (!made[timedelta][unit]) {
    char text[16];
    snprintf(text, sizeof text, unit == NPY_FR_GENERIC ? "%s8" : "%s8[%s]",
             timedelta ? "m" : "M", units[unit]);
    PyObject *name = PyUnicode_FromString(text);
    PyArray_Descr *descr = NULL;
    int ok = name && PyArray_DescrConverter(name, &descr);
    Py_XDECREF(name);
    if (!ok)
      return NULL;
    made[timedelta][unit] = descr; /* kept for the process */
  }
  Py_INCREF(made[timedelta][unit]);
  return made[timedelta][unit];
}

/*===----------------------------------------------------------------------===*
 * jitclass instances
 *===----------------------------------------------------------------------===*/

/* The base of the boxed instances of a @kern.jitclass: the field cells (a
 * tuple: a 1-element array per scalar field, the array of an array field)
 * and the class's code. Compiled code receives the cells; a compiled
 * function returning an instance makes one of the class registered for its
 * code (register_class). */
typedef struct {
  PyObject_HEAD
  PyObject *cells;
  uint32_t classCode;
} InstanceObject;

static PyTypeObject *instanceType;

/* The base of @kern.cfunc objects: a C function's address and the code of
 * its signature (0 until compiled). */
typedef struct {
  PyObject_HEAD
  unsigned long long address;
  uint32_t code;
} FunctionPointerObject;

static PyTypeObject *functionPointerType;
static PyObject *instanceClasses; /* {class code: Python class} */
/* np.random.Generator, once kern/dispatcher.py has seen one */
static PyTypeObject *generatorType;
/* Tuple subclasses (collections.namedtuple): {class: code}, {code: class} */
static PyObject *tupleClassCodes, *tupleClasses;

static inline int isInstanceObject(PyObject *obj) {
  return instanceType && PyObject_TypeCheck(obj, instanceType);
}

/*===----------------------------------------------------------------------===*
 * Python lists passed to compiled code (Numba's reflected lists)
 *===----------------------------------------------------------------------===*/

/* The code of a Python number (0: not a number). */
static uint32_t numberCode(PyObject *obj) {
  uint32_t code;
  if (PyBool_Check(obj))
    return kCodeBool;
  if (PyFloat_CheckExact(obj))
    return kCodeFloat64;
  if (PyLong_CheckExact(obj))
    return kCodeInt64;
  if (PyComplex_CheckExact(obj))
    return kCodeComplex128;
  if (numpyScalarCode(obj, &code) && (code & KERN_MARKER_MASK) == 0)
    return code;
  return 0;
}

/* The code of numbers seen one by one: all of one code, or Python's
 * widening (bool < int < float < complex). */
typedef struct {
  uint32_t first, widest;
  int same, count;
} Widening;

static int widenWith(Widening *w, PyObject *obj) {
  static const char order[] = "biufc";
  uint32_t c = numberCode(obj);
  if (!c)
    return 0;
  if (w->count++ == 0)
    w->first = w->widest = c;
  w->same &= c == w->first;
  if (strchr(order, codeKind(c)) > strchr(order, codeKind(w->widest)))
    w->widest = c;
  return 1;
}

static uint32_t widened(const Widening *w) {
  if (w->same)
    return w->first;
  switch (codeKind(w->widest)) {
  case 'c': return kCodeComplex128;
  case 'f': return kCodeFloat64;
  default: return kCodeInt64;
  }
}

/* The code given by a kern.typed.List or Dict (its `_kern_code`), or 0. */
static uint32_t typedCode(PyObject *obj) {
  PyObject *code = PyObject_GetAttrString(obj, "_kern_code");
  if (!code) {
    PyErr_Clear();
    return 0;
  }
  uint32_t c = PyLong_Check(code) ? (uint32_t)PyLong_AsUnsignedLong(code) : 0;
  Py_DECREF(code);
  if (PyErr_Occurred()) {
    PyErr_Clear();
    return 0;
  }
  return c;
}

/* The code of a non-empty set of numbers, not complex: 1, else 0. */
static int setCode(PyObject *obj, uint32_t *code) {
  Widening keys = {0, 0, 1, 0};
  PyObject *it = PyObject_GetIter(obj), *k;
  int ok = it != NULL;
  while (ok && (k = PyIter_Next(it))) {
    ok = widenWith(&keys, k);
    Py_DECREF(k);
  }
  Py_XDECREF(it);
  PyErr_Clear();
  uint32_t key = widened(&keys);
  if (!ok || keys.count == 0 || codeKind(key) == 'c')
    return 0;
  *code = KERN_DICT | KERN_SET | (packCode(key) << 6);
  return 1;
}
/* How _listitems.c reads and makes values (defined below). */
static PyObject *scalarFromCell(uint32_t code, const void *cell);
static PyObject *listFromCell(uint32_t itemCode, const void *cell);
static PyObject *arrayFromMemref(uint32_t code, const int64_t *descriptor,
                                 PyObject *owners);
static PyObject *arrayOfDtype(uint32_t code, const int64_t *descriptor,
                              PyObject *owners, PyObject *dtype);
static int itemCodes(PyObject *obj, uint32_t *out, Py_ssize_t cap,
                     Py_ssize_t *n);
static int scalarToCell(PyObject *obj, uint32_t code, void *cell);
static void objectToMemref(PyObject *array, int64_t *descriptor);
static const KernBoxers kBoxers = {scalarFromCell, listFromCell,
                                   arrayFromMemref, itemCodes, scalarToCell,
                                   objectToMemref};

/* The code of a list of numbers, or of a dict of numbers (non-empty,
 * unless typed), or of a list of arrays or tuples (_listitems.c): 1, else
 * 0. */
static uint32_t valuesCode(PyObject *values) { /* for _dictkeys.c */
  Widening w = {0, 0, 1, 0};
  int strs = PyList_GET_SIZE(values) > 0;
  for (Py_ssize_t i = 0; strs && i < PyList_GET_SIZE(values); ++i)
    strs = PyUnicode_Check(PyList_GET_ITEM(values, i));
  if (strs)
    return packCode(KERN_STR_CODE) | 0x100u;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(values); ++i)
    if (!widenWith(&w, PyList_GET_ITEM(values, i)))
      return 0;
  return w.count ? packCode(widened(&w)) | 0x100u : 0;
}

static uint32_t anyValues(PyObject *values) { /* the keys' code only */
  (void)values;
  return 0x100u;
}

/* The code of a dict of tuple, array or list values (_dictvalues.c): 1,
 * else 0. */
static int dictOfCode(PyObject *obj, uint32_t *code) {
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  uint32_t keyCode;
  if (!PyDict_Next(obj, &pos, &k, &v))
    return 0;
  if (PyTuple_Check(k)) {
    int found = kernTupleKeysArgCode(obj, &keyCode, 0, anyValues);
    if (found <= 0) {
      PyErr_Clear();
      return 0;
    }
    keyCode &= ~63u;
  } else {
    Widening keys = {0, 0, 1, 0};
    int str = PyUnicode_Check(k);
    pos = 0;
    while (PyDict_Next(obj, &pos, &k, &v))
      if (str ? !PyUnicode_Check(k) : !widenWith(&keys, k))
        return 0;
    uint32_t key = str ? KERN_STR_CODE : widened(&keys);
    if (codeKind(key) == 'c')
      return 0;
    keyCode = KERN_DICT | (packCode(key) << 6);
  }
  int found = kernDictOfArgCode(obj, keyCode, code, &kBoxers);
  if (found < 0)
    PyErr_Clear(); /* the Python side explains */
  return found > 0;
}

static int containerCode(PyObject *obj, uint32_t *code) {
  if (PySet_CheckExact(obj) || PyDict_CheckExact(obj)) { /* tuple keys */
    int found = kernTupleKeysArgCode(
        obj, code, PySet_CheckExact(obj) ? KERN_SET : 0, valuesCode);
    if (found < 0)
      PyErr_Clear(); /* the Python side explains */
    if (found)
      return found > 0;
  }
  if (PySet_CheckExact(obj))
    return setCode(obj, code);
  if (!PyList_CheckExact(obj) && !PyDict_CheckExact(obj)) {
    *code = typedCode(obj);
    return ((isList(*code) || isListOf(*code)) && PyList_Check(obj)) ||
           ((isDict(*code) || kernIsDictOf(*code)) && PyDict_Check(obj));
  }
  Widening keys = {0, 0, 1, 0}, values = {0, 0, 1, 0};
  if (PyList_CheckExact(obj)) {
    Py_ssize_t n = PyList_GET_SIZE(obj);
    if (n > 0 && PyUnicode_Check(PyList_GET_ITEM(obj, 0))) { /* of str */
      for (Py_ssize_t i = 0; i < n; ++i)
        if (!PyUnicode_Check(PyList_GET_ITEM(obj, i)))
          return 0;
      *code = KERN_LIST | KERN_STR_CODE;
      return 1;
    }
    for (Py_ssize_t i = 0; i < n; ++i)
      if (!widenWith(&values, PyList_GET_ITEM(obj, i))) {
        int found = kernListArgCode(obj, code, &kBoxers);
        if (found < 0)
          PyErr_Clear(); /* the Python side explains */
        return found > 0;
      }
    *code = KERN_LIST | widened(&values);
    return n > 0;
  }
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  int strValues = PyDict_GET_SIZE(obj) > 0;
  while (strValues && PyDict_Next(obj, &pos, &k, &v))
    strValues = PyUnicode_Check(v);
  if (strValues) { /* str values (of str or number keys) */
    int strKeys = 1, numberKeys = 1;
    pos = 0;
    while (PyDict_Next(obj, &pos, &k, &v)) {
      strKeys = strKeys && PyUnicode_Check(k);
      numberKeys = numberKeys && widenWith(&keys, k);
    }
    uint32_t key = strKeys ? KERN_STR_CODE : widened(&keys);
    if ((!strKeys && !numberKeys) || codeKind(key) == 'c')
      return 0;
    *code = KERN_DICT | (packCode(key) << 6) | packCode(KERN_STR_CODE);
    return 1;
  }
  pos = 0;
  int strKeys = PyDict_GET_SIZE(obj) > 0;
  while (strKeys && PyDict_Next(obj, &pos, &k, &v))
    strKeys = PyUnicode_Check(k) && widenWith(&values, v);
  if (strKeys) { /* str keys, number values */
    *code = KERN_DICT | (packCode(KERN_STR_CODE) << 6) |
            packCode(widened(&values));
    return 1;
  }
  values = (Widening){0, 0, 1, 0};
  pos = 0;
  while (PyDict_Next(obj, &pos, &k, &v))
    if (!widenWith(&keys, k) || !widenWith(&values, v))
      return dictOfCode(obj, code);
  uint32_t key = widened(&keys);
  if (keys.count == 0 || codeKind(key) == 'c')
    return 0;
  *code = KERN_DICT | (packCode(key) << 6) | packCode(widened(&values));
  return 1;
}

/*===----------------------------------------------------------------------===*
 * Keys: the type codes of the arguments
 *===----------------------------------------------------------------------===*/

/* A growable array of codes, on the stack while short. */
typedef struct {
  uint32_t *codes;
  Py_ssize_t length, capacity;
  uint32_t inlineCodes[32];
} Key;

static void keyInit(Key *key) {
  key->codes = key->inlineCodes;
  key->length = 0;
  key->capacity = 32;
}
static void keyRelease(Key *key) {
  if (key->codes != key->inlineCodes)
    PyMem_Free(key->codes);
}
static int keyPush(Key *key, uint32_t code) {
  if (key->length == key->capacity) {
    Py_ssize_t capacity = 2 * key->capacity;
    uint32_t *codes = PyMem_Malloc(capacity * sizeof(uint32_t));
    if (!codes) {
      PyErr_NoMemory();
      return -1;
    }
    memcpy(codes, key->codes, key->length * sizeof(uint32_t));
    keyRelease(key);
    key->codes = codes;
    key->capacity = capacity;
  }
  key->codes[key->length++] = code;
  return 0;
}

/* Checks that an array can be seen as a memref and gives its code. */
static int arrayCode(PyArrayObject *array, uint32_t *code) {
  PyArray_Descr *descr = PyArray_DESCR(array);
  Py_ssize_t itemsize = PyArray_ITEMSIZE(array);
  int ndim = PyArray_NDIM(array);
  if (PyDataType_HASFIELDS(descr) && ndim <= KERN_NDIM_MAX) {
    /* bytes with byte strides: any field layout (_records.h) */
    *code = KERN_RECORD_ELEMENT | ((uint32_t)(ndim + 1) << KERN_NDIM_SHIFT) |
            (PyArray_ISWRITEABLE(array) ? 0 : KERN_READONLY);
    return 0;
  }
  if (isDatetimeKind(descr->kind) && PyArray_ISNOTSWAPPED(array)) {
    NpyAuxData *meta = PyDataType_C_METADATA(descr);
    if (!meta || !datetimeCode(descr->kind,
                               &((PyArray_DatetimeDTypeMetaData *)meta)->meta,
                               code) || ndim > KERN_NDIM_MAX) {
      PyErr_Format(PyExc_TypeError,
                   "kern: cannot pass an array of dtype kind '%c' whose unit "
                   "is a multiple (only units like 'M8[ms]' are supported)",
                   descr->kind);
      return -1;
    }
    *code |= ((uint32_t)(ndim + 1) << KERN_NDIM_SHIFT) |
             (PyArray_ISWRITEABLE(array) ? 0 : KERN_READONLY);
    return 0;
  }
  if (!PyArray_ISNOTSWAPPED(array)) {
    PyErr_Format(PyExc_TypeError,
                 "kern: cannot pass an array of non-native byte order (dtype "
                 "'%c%c%d'); convert it with a.astype(a.dtype.newbyteorder('='))",
                 descr->byteorder, descr->kind, (int)itemsize);
    return -1;
  }
  if (itemsize <= 0 || itemsize > 0xff || ndim > KERN_NDIM_MAX) {
    PyErr_Format(PyExc_TypeError,
                 "kern: cannot pass an array of dtype kind '%c', item size "
                 "%zd and %d dimensions", descr->kind, itemsize, ndim);
    return -1;
  }
  npy_intp *strides = PyArray_STRIDES(array);
  for (int i = 0; i < ndim; ++i)
    if (strides[i] % itemsize != 0) {
      PyErr_Format(PyExc_TypeError,
                   "kern: cannot pass an array whose stride %zd (axis %d) is "
                   "not a multiple of its item size %zd; pass a copy "
                   "(np.ascontiguousarray)", (Py_ssize_t)strides[i], i, itemsize);
      return -1;
    }
  *code = scalarCode(descr->kind, itemsize) |
          ((uint32_t)(ndim + 1) << KERN_NDIM_SHIFT) |
          (PyArray_ISWRITEABLE(array) ? 0 : KERN_READONLY);
  return 0;
}

/* KERN_LAYOUT_C or _F for a C- or F-contiguous array of at least one
 * dimension (C when both), else 0. */
static uint32_t arrayLayout(PyArrayObject *array) {
  if (PyArray_IS_C_CONTIGUOUS(array))
    return KERN_LAYOUT_C;
  if (PyArray_IS_F_CONTIGUOUS(array))
    return KERN_LAYOUT_F;
  return 0;
}

static int functionCode(PyObject *obj, uint32_t *code);

/* A record array's or record's code, then its dtype's (_records.h); an
 * unregistered dtype is `*unknown` (the Python side registers it). */
static int recordKeyAppend(Key *key, uint32_t code, PyObject *dtype,
                           int *unknown) {
  int64_t id = kernRecordCode(dtype);
  if (id <= 0) {
    *unknown = id == 0;
    return *unknown ? 0 : -1;
  }
  return keyPush(key, code) < 0 ? -1 : keyPush(key, (uint32_t)id);
}

static int isRecordScalar(PyObject *obj) {
  return PyArray_IsScalar(obj, Void) &&
         PyDataType_HASFIELDS(((PyVoidScalarObject *)obj)->descr);
}

/* Appends the codes of one argument. Returns 0, or -1 with an exception
 * set; `*unknown` is set (and no exception) for a value kern cannot key:
 * the Python side then explains. */
static int keyAppend(Key *key, PyObject *obj, int *unknown, int depth) {
  uint32_t code;
  PyTypeObject *type = Py_TYPE(obj);
  if (type == &PyFloat_Type)
    return keyPush(key, kCodeFloat64);
  if (type == &PyLong_Type)
    return keyPush(key, kCodeInt64);
  if (PyArray_Check(obj)) {
    if (arrayCode((PyArrayObject *)obj, &code) < 0)
      return -1;
    if (codeKind(code) == 'V')
      return recordKeyAppend(key, code, (PyObject *)PyArray_DESCR(
                                 (PyArrayObject *)obj), unknown);
    if (depth == 0)
      code |= arrayLayout((PyArrayObject *)obj);
    return keyPush(key, code);
  }
  if (type == &PyBool_Type)
    return keyPush(key, kCodeBool);
  if (PyUnicode_Check(obj))
    return keyPush(key, KERN_STR_CODE);
  if (obj == Py_None)
    return keyPush(key, kCodeNone);
  if (type == generatorType)
    return keyPush(key, KERN_GENERATOR);
  int isFn = functionCode(obj, &code);
  if (isFn)
    return isFn < 0 ? -1 : keyPush(key, code);
  if (numpyScalarCode(obj, &code))
    return keyPush(key, code);
  if (isDatetimeScalar(obj)) {
    if (!datetimeScalarCode(obj, &code)) {
      *unknown = 1; /* a multiple of a unit: the Python side explains */
      return 0;
    }
    return keyPush(key, code);
  }
  if (isRecordScalar(obj)) /* an np.void: a rank-0 record */
    return recordKeyAppend(key, KERN_RECORD_ELEMENT | (1u << KERN_NDIM_SHIFT),
                           (PyObject *)((PyVoidScalarObject *)obj)->descr,
                           unknown);
  if (type == &PyComplex_Type)
    return keyPush(key, kCodeComplex128);
  if (functionPointerType && PyObject_TypeCheck(obj, functionPointerType) &&
      ((FunctionPointerObject *)obj)->code)
    return keyPush(key, ((FunctionPointerObject *)obj)->code);
  if (isInstanceObject(obj) && depth < 8) {
    InstanceObject *inst = (InstanceObject *)obj;
    if (!inst->cells || !PyTuple_Check(inst->cells) ||
        PyTuple_GET_SIZE(inst->cells) > KERN_TUPLE_MAX) {
      *unknown = 1;
      return 0;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(inst->cells);
    if (keyPush(key, KERN_INSTANCE | (uint32_t)n) < 0 ||
        keyPush(key, inst->classCode) < 0)
      return -1;
    for (Py_ssize_t i = 0; i < n; ++i)
      if (keyAppend(key, PyTuple_GET_ITEM(inst->cells, i), unknown,
                    depth + 1) < 0 || *unknown)
        return -1;
    return 0;
  }
  if (PyTuple_Check(obj) && depth < 8 && PyTuple_GET_SIZE(obj) <= KERN_TUPLE_MAX) {
    Py_ssize_t n = PyTuple_GET_SIZE(obj);
    if (type != &PyTuple_Type) { /* a namedtuple: its class's code first */
      PyObject *classCode = PyDict_GetItemWithError(tupleClassCodes,
                                                    (PyObject *)type);
      if (!classCode) {
        *unknown = !PyErr_Occurred(); /* the Python side registers it */
        return *unknown ? 0 : -1;
      }
      if (keyPush(key, KERN_NAMEDTUPLE | (uint32_t)n) < 0 ||
          keyPush(key, (uint32_t)PyLong_AsUnsignedLong(classCode)) < 0)
        return -1;
    } else if (keyPush(key, KERN_TUPLE | (uint32_t)n) < 0)
      return -1;
    for (Py_ssize_t i = 0; i < n; ++i)
      if (keyAppend(key, PyTuple_GET_ITEM(obj, i), unknown, depth + 1) < 0 ||
          *unknown)
        return -1;
    return 0;
  }
  if (PyList_Check(obj) || PyDict_Check(obj) ||
      PySet_CheckExact(obj)) { /* reflected containers */
    if (!containerCode(obj, &code)) {
      *unknown = 1;
      return 0;
    }
    return keyPush(key, code);
  }
  /* Subclasses of the Python scalars (after NumPy's, which subclass them). */
  if (PyLong_Check(obj))
    return keyPush(key, kCodeInt64);
  if (PyFloat_Check(obj))
    return keyPush(key, kCodeFloat64);
  if (PyComplex_Check(obj))
    return keyPush(key, kCodeComplex128);
  *unknown = 1;
  return 0;
}

/* The key of an argument vector (NULL: a parameter left out): 1, 0 when a
 * value has no code, -1 on error. */
static int keyOfArgs(Key *key, PyObject *const *args, Py_ssize_t nargs) {
  int unknown = 0;
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    if (!args[i]) {
      if (keyPush(key, kCodeOmitted) < 0)
        return -1;
      continue;
    }
    if (keyAppend(key, args[i], &unknown, 0) < 0)
      return unknown ? 0 : -1;
    if (unknown)
      return 0;
  }
  return 1;
}

/*===----------------------------------------------------------------------===*
 * Entries: one compiled specialization
 *===----------------------------------------------------------------------===*/

typedef struct {
  void (*fn)(void **);
  uint32_t *argCodes, *resultCodes; /* one allocation, args first */
  uint32_t *slotCodes; /* the compiled parameters' codes where arguments are
                          converted (a sealed signature), else NULL; in the
                          same allocation */
  Py_ssize_t numArgCodes, numResultCodes;
  Py_ssize_t numSlots;  /* leaves of the arguments and results */
  size_t storageBytes;  /* slot storage of all leaves */
  PyObject *owner;      /* keeps the machine code alive */
  PyObject *convert;    /* applied to the result, or NULL */
  int nogil;            /* release the GIL while the code runs */
  int holdsLists;       /* the code makes lists: hold them (List.c) */
} Entry;

static void entryFree(Entry *entry) {
  if (!entry)
    return;
  PyMem_Free(entry->argCodes);
  Py_XDECREF(entry->owner);
  Py_XDECREF(entry->convert);
  PyMem_Free(entry);
}

/* Counts the leaves with a slot in a code sequence and the bytes of slot
 * storage they need. */
static void measureCodes(const uint32_t *codes, Py_ssize_t n,
                         Py_ssize_t *leaves, size_t *bytes) {
  for (Py_ssize_t i = 0; i < n; ++i)
    if (hasSlot(codes[i])) {
      ++*leaves;
      *bytes += leafBytes(codes[i]);
    }
}

/*===----------------------------------------------------------------------===*
 * Arguments to slots
 *===----------------------------------------------------------------------===*/

/* A Python list or dict passed to compiled code: its runtime copy, the
 * bytes of its items (entries) as they went in, and its code; after the
 * call a container that changed is written back (reflected), as Numba
 * does for lists. */
typedef struct {
  PyObject *obj;
  void *copy; /* KernList* or KernDict* */
  char *before;
  int64_t length, bytes;
  uint32_t code;
} Reflected;

typedef struct {
  void **slots;
  char *storage; /* next free byte */
  Reflected *reflected;
  Py_ssize_t numReflected, capReflected;
} Frame;

static void *frameTake(Frame *frame, uint32_t code) {
  void *cell = frame->storage;
  frame->storage += leafBytes(code);
  *frame->slots++ = cell;
  return cell;
}

/* A memref descriptor of the array. A C- or F-contiguous array gets the
 * strides of its layout exactly (stride 1 innermost, each other the
 * product of the sizes inside it): NumPy lets an axis of size 1 have any
 * stride, which addresses nothing, and code compiled for the layout
 * relies on the exact ones (its entry assumes them, frontend/function.py). */
static void arrayToMemref(PyArrayObject *array, int64_t *descriptor) {
  int ndim = PyArray_NDIM(array);
  int record = PyDataType_HASFIELDS(PyArray_DESCR(array));
  npy_intp itemsize = record ? 1 : PyArray_ITEMSIZE(array);
  void *data = PyArray_DATA(array);
  memcpy(&descriptor[0], &data, sizeof(void *));
  memcpy(&descriptor[1], &data, sizeof(void *));
  descriptor[2] = 0;
  npy_intp *shape = PyArray_DIMS(array), *strides = PyArray_STRIDES(array);
  int64_t *sizes = descriptor + 3, *out = descriptor + 3 + ndim;
  for (int i = 0; i < ndim; ++i) {
    sizes[i] = shape[i];
    out[i] = strides[i] / itemsize;
  }
  uint32_t layout = ndim > 0 && !record ? arrayLayout(array) : 0;
  int64_t step = 1;
  for (int k = 0; k < ndim && layout; ++k) {
    int i = layout == KERN_LAYOUT_C ? ndim - 1 - k : k;
    out[i] = step;
    step *= sizes[i];
  }
}

static int scalarToCell(PyObject *obj, uint32_t code, void *cell) {
  if (code == KERN_STR_CODE && PyUnicode_Check(obj))
    return kernStrToCell(obj, cell);
  if (PyFloat_CheckExact(obj)) {
    *(double *)cell = PyFloat_AS_DOUBLE(obj);
    return 0;
  }
  if (PyBool_Check(obj)) {
    *(uint8_t *)cell = obj == Py_True;
    return 0;
  }
  if (PyLong_CheckExact(obj) || (!PyArray_IsScalar(obj, Generic) && PyLong_Check(obj))) {
    int overflow = 0;
    long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (overflow) {
      PyErr_SetString(PyExc_OverflowError,
                      "kern: Python int too large for int64");
      return -1;
    }
    if (value == -1 && PyErr_Occurred())
      return -1;
    *(int64_t *)cell = value;
    return 0;
  }
  if (PyArray_IsScalar(obj, Generic)) {
    PyArray_ScalarAsCtype(obj, cell);
    return 0;
  }
  if (PyFloat_Check(obj)) {
    *(double *)cell = PyFloat_AsDouble(obj);
    return 0;
  }
  if (PyComplex_Check(obj)) {
    Py_complex value = PyComplex_AsCComplex(obj);
    memcpy(cell, &value, sizeof value);
    return PyErr_Occurred() ? -1 : 0;
  }
  PyErr_Format(PyExc_TypeError, "kern: cannot pass a '%.100s' as code %x",
               Py_TYPE(obj)->tp_name, code);
  return -1;
}

/* A scalar cell of one code read as the widest value of its kind. */
typedef struct {
  char kind;
  long long i;
  unsigned long long u;
  double re, im;
} Wide;

static int readCell(uint32_t code, const void *cell, Wide *w) {
  int size = codeItemsize(code);
  w->kind = codeKind(code);
  switch (w->kind) {
  case 'b': w->u = *(const uint8_t *)cell; w->i = (long long)w->u; return 0;
  case 'i':
    w->i = size == 1 ? *(const int8_t *)cell : size == 2 ? *(const int16_t *)cell
         : size == 4 ? *(const int32_t *)cell : *(const int64_t *)cell;
    return 0;
  case 'u':
    w->u = size == 1 ? *(const uint8_t *)cell : size == 2 ? *(const uint16_t *)cell
         : size == 4 ? *(const uint32_t *)cell : *(const uint64_t *)cell;
    return 0;
  case 'f':
    if (size != 4 && size != 8)
      break;
    w->re = size == 4 ? *(const float *)cell : *(const double *)cell;
    return 0;
  case 'c':
    if (size != 8 && size != 16)
      break;
    w->re = size == 8 ? ((const float *)cell)[0] : ((const double *)cell)[0];
    w->im = size == 8 ? ((const float *)cell)[1] : ((const double *)cell)[1];
    return 0;
  }
  PyErr_Format(PyExc_TypeError, "kern: cannot convert from code %x", code);
  return -1;
}

/* Stores a value converted to `code`: the safe casts a sealed signature
 * allows (bool/int to wider int or to float, float to wider float, any
 * number to complex). */
static int writeCell(const Wide *w, uint32_t code, void *cell) {
  int size = codeItemsize(code);
  char to = codeKind(code);
  int integral = w->kind == 'b' || w->kind == 'i' || w->kind == 'u';
  double re = w->kind == 'i' ? (double)w->i : w->kind == 'b' || w->kind == 'u'
                                                  ? (double)w->u : w->re;
  if ((to == 'i' || to == 'u') && integral) {
    unsigned long long bits = w->kind == 'i' ? (unsigned long long)w->i : w->u;
    memcpy(cell, &bits, (size_t)size); /* little-endian: the low bytes */
    return 0;
  }
  if (to == 'f' && w->kind != 'c' && (size == 4 || size == 8)) {
    if (size == 4)
      *(float *)cell = (float)re;
    else
      *(double *)cell = re;
    return 0;
  }
  if (to == 'c' && (size == 8 || size == 16)) {
    double im = w->kind == 'c' ? w->im : 0.0;
    if (size == 8) {
      ((float *)cell)[0] = (float)re;
      ((float *)cell)[1] = (float)im;
    } else {
      ((double *)cell)[0] = re;
      ((double *)cell)[1] = im;
    }
    return 0;
  }
  PyErr_Format(PyExc_TypeError, "kern: cannot convert kind '%c' to code %x",
               w->kind, code);
  return -1;
}

/* One number converted to the cell of `code`. */
static int numberToCell(PyObject *obj, uint32_t code, void *cell) {
  uint32_t from = numberCode(obj);
  int64_t given[2];
  Wide w;
  if (!from || scalarToCell(obj, from, given) < 0 ||
      readCell(from, given, &w) < 0 || writeCell(&w, code, cell) < 0) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_TypeError, "kern: an item is not a number");
    return -1;
  }
  return 0;
}

/* A dict value: a str, or a number converted to the cell of `code`. */
static int valueToCell(PyObject *obj, uint32_t code, void *cell) {
  if (code == KERN_STR_CODE)
    return kernStrToCell(obj, cell);
  return numberToCell(obj, code, cell);
}

/* A dict key as the runtime's 64 bits (Dict.c). */
static int keyBits(PyObject *obj, uint32_t keyCode, int64_t *bits) {
  int64_t cell[2] = {0, 0};
  Wide w;
  if (numberToCell(obj, keyCode, cell) < 0 || readCell(keyCode, cell, &w) < 0)
    return -1;
  if (codeKind(keyCode) == 'f')
    memcpy(bits, &w.re, sizeof *bits);
  else
    *bits = codeKind(keyCode) == 'u' ? (int64_t)w.u : (int64_t)w.i;
  return 0;
}

/* `d` with the items of the Python set `obj` added; NULL after an error. */
static KernDict *setCopy(KernDict *d, PyObject *obj, uint32_t keyCode) {
  PyObject *it = d ? PyObject_GetIter(obj) : NULL, *k;
  while (it && (k = PyIter_Next(it))) {
    int64_t bits;
    int bad = keyBits(k, keyCode, &bits) < 0 || !kernDictSetSlot(d, bits);
    Py_DECREF(k);
    if (bad)
      Py_CLEAR(it);
  }
  if (!it || PyErr_Occurred())
    d = NULL;
  Py_XDECREF(it);
  return d;
}

static PyObject *keyFromBits(uint32_t keyCode, int64_t bits);

static int keyWord(PyObject *k, uint32_t keyCode, int64_t *word) {
  return codeKind(keyCode) == 'U' ? kernStrToCell(k, word)
                                  : keyBits(k, keyCode, word);
}

static const KernKeyBoxers kKeyBoxers = {keyFromBits, keyWord};

/* The runtime copy of a Python list, dict or set of `code`. */
static void *containerCopy(PyObject *obj, uint32_t code) {
  if (kernIsDictOf(code))
    return kernDictOfCopyIn(obj, code, &kBoxers, &kKeyBoxers);
  if (isListOf(code))
    return kernListCopyIn(obj, code, &kBoxers);
  if (isList(code)) {
    uint32_t item = code & 0xffffu;
    Py_ssize_t n = PyList_GET_SIZE(obj);
    KernList *l = kernListNew(codeItemsize(item), n);
    for (Py_ssize_t i = 0; l && i < n; ++i)
      if ((item == KERN_STR_CODE
               ? kernStrToCell(PyList_GET_ITEM(obj, i),
                               l->items + i * l->itemSize)
               : numberToCell(PyList_GET_ITEM(obj, i), item,
                              l->items + i * l->itemSize)) < 0)
        return NULL;
    return l;
  }
  if (kernHasTupleKeys(code))
    return kernTupleKeysCopyIn(obj, code, unpackCode(code & 63),
                               valueToCell);
  uint32_t keyCode = unpackCode((code >> 6) & 63), valueCode = unpackCode(code & 63);
  char keyKind = codeKind(keyCode);
  KernDict *d = kernDictNew(keyKind == 'f' || keyKind == 'U' ? keyKind : 'i',
                            isSet(code) ? 0 : codeItemsize(valueCode));
  if (isSet(code))
    return setCopy(d, obj, keyCode);
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  while (d && PyDict_Next(obj, &pos, &k, &v)) {
    int64_t bits;
    void *slot;
    if ((keyKind == 'U' ? kernStrToCell(k, &bits) : keyBits(k, keyCode, &bits)) < 0 || !(slot = kernDictSetSlot(d, bits)) ||
        valueToCell(v, valueCode, slot) < 0)
      return NULL;
  }
  return d;
}

/* The bytes whose change means the container changed. */
static void containerBytes(void *copy, uint32_t code, char **data,
                           int64_t *length, int64_t *bytes) {
  if (isList(code) || isListOf(code)) {
    KernList *l = copy;
    *data = l->items, *length = l->length, *bytes = l->length * l->itemSize;
  } else {
    KernDict *d = copy;
    *data = d->entries, *length = d->length, *bytes = d->used * d->entrySize;
  }
}

/* A Python list or dict as its runtime copy, remembered in the frame to be
 * reflected. */
static int containerToCell(PyObject *obj, uint32_t code, void *cell,
                           Frame *frame) {
  if (frame->numReflected == frame->capReflected) {
    Py_ssize_t cap = frame->capReflected ? 2 * frame->capReflected : 4;
    Reflected *r = PyMem_Realloc(frame->reflected, cap * sizeof(Reflected));
    if (!r) {
      PyErr_NoMemory();
      return -1;
    }
    frame->reflected = r;
    frame->capReflected = cap;
  }
  void *copy = containerCopy(obj, code);
  if (!copy) {
    if (!PyErr_Occurred())
      PyErr_NoMemory();
    return -1;
  }
  char *data;
  int64_t length, bytes;
  containerBytes(copy, code, &data, &length, &bytes);
  char *before = PyMem_Malloc((size_t)bytes + 1);
  if (!before) {
    PyErr_NoMemory();
    return -1;
  }
  memcpy(before, data, (size_t)bytes);
  memcpy(cell, &copy, sizeof copy);
  frame->reflected[frame->numReflected++] =
      (Reflected){Py_NewRef(obj), copy, before, length, bytes, code};
  return 0;
}

static PyObject *listFromCell(uint32_t itemCode, const void *cell);
static PyObject *dictFromCell(uint32_t code, const void *cell);

/* The Python set `obj` made to hold the items of the set `items`. */
static int setAssign(PyObject *obj, PyObject *items) {
  PyObject *it = PySet_Clear(obj) < 0 ? NULL : PyObject_GetIter(items), *k;
  int status = it ? 0 : -1;
  while (it && status == 0 && (k = PyIter_Next(it))) {
    status = PySet_Add(obj, k);
    Py_DECREF(k);
  }
  Py_XDECREF(it);
  return PyErr_Occurred() ? -1 : status;
}

/* Writes back the containers the call changed; frees the frame's records.
 * Returns -1 with an exception when a write failed. `*owners`: the
 * buffers the results already own (arrays in lists, _listitems.c). */
static int reflectContainers(Frame *frame, int write, PyObject **owners) {
  int status = 0;
  for (Py_ssize_t i = 0; i < frame->numReflected; ++i) {
    Reflected *r = &frame->reflected[i];
    char *data;
    int64_t length, bytes;
    containerBytes(r->copy, r->code, &data, &length, &bytes);
    int changed = length != r->length || bytes != r->bytes ||
                  memcmp(data, r->before, (size_t)bytes) != 0;
    if (write && changed && status == 0) {
      int structured = isListOf(r->code) || kernIsDictOf(r->code);
      if (structured && !*owners)
        *owners = PyDict_New();
      PyObject *items =
          structured && !*owners ? NULL
          : kernIsDictOf(r->code)
              ? kernDictOfFromCell(r->code, &r->copy, *owners, &kBoxers,
                                   &kKeyBoxers)
          : isListOf(r->code)
              ? kernStructuredList(r->code, &r->copy, *owners, &kBoxers)
          : isList(r->code) ? listFromCell(r->code & 0xffffu, &r->copy)
                            : dictFromCell(r->code, &r->copy);
      if (!items)
        status = -1;
      else if (isList(r->code) || isListOf(r->code))
        status = PyList_SetSlice(r->obj, 0, PY_SSIZE_T_MAX, items);
      else if (isSet(r->code))
        status = setAssign(r->obj, items);
      else {
        PyDict_Clear(r->obj);
        status = PyDict_Update(r->obj, items);
      }
      Py_XDECREF(items);
    }
    Py_DECREF(r->obj);
    PyMem_Free(r->before);
  }
  PyMem_Free(frame->reflected);
  frame->reflected = NULL;
  frame->numReflected = frame->capReflected = 0;
  return status;
}

/* The bitgen_t * of an np.random.Generator (its BitGenerator's capsule),
 * or NULL with an exception set. The Generator, held by the call, keeps it
 * alive. */
static void *bitGenerator(PyObject *generator) {
  PyObject *bits = PyObject_GetAttrString(generator, "bit_generator");
  PyObject *capsule = bits ? PyObject_GetAttrString(bits, "capsule") : NULL;
  void *bitgen = capsule ? PyCapsule_GetPointer(capsule, "BitGenerator")
                         : NULL;
  Py_XDECREF(capsule);
  Py_XDECREF(bits);
  return bitgen;
}

/* Stores one argument (whose codes matched the key `from`, when given, or
 * `code`) into the frame as the compiled parameter of `code` expects. */
static int argumentToSlots(PyObject *obj, const uint32_t **code,
                           const uint32_t **from, Frame *frame) {
  uint32_t c = *(*code)++;
  uint32_t f = from ? *(*from)++ : c;
  if (hasClassCode(c)) { /* the class code, then the cells or items */
    ++*code;
    if (from)
      ++*from;
    if (isInstance(c))
      obj = ((InstanceObject *)obj)->cells;
  }
  if (isTuple(c) || hasClassCode(c)) {
    for (Py_ssize_t i = 0; i < tupleLength(c); ++i)
      if (argumentToSlots(PyTuple_GET_ITEM(obj, i), code, from, frame) < 0)
        return -1;
    return 0;
  }
  if (!hasSlot(c))
    return 0;
  void *cell = frameTake(frame, c);
  if (isFunctionPointer(c)) {
    int64_t address = (int64_t)((FunctionPointerObject *)obj)->address;
    memcpy(cell, &address, sizeof address);
    return 0;
  }
  if (isGenerator(c)) {
    void *bitgen = bitGenerator(obj);
    if (!bitgen)
      return -1;
    memcpy(cell, &bitgen, sizeof bitgen);
    return 0;
  }
  if (isArray(c) && codeKind(c) == 'V') { /* its dtype's code follows */
    ++*code;
    if (from)
      ++*from;
    if (isRecordScalar(obj)) { /* a view of the scalar's bytes */
      void *data = ((PyVoidScalarObject *)obj)->obval;
      int64_t *descriptor = cell;
      memcpy(&descriptor[0], &data, sizeof(void *));
      memcpy(&descriptor[1], &data, sizeof(void *));
      descriptor[2] = 0;
      return 0;
    }
  }
  if (isArray(c)) {
    arrayToMemref((PyArrayObject *)obj, cell);
    return 0;
  }
  if (isList(c) || isDict(c) || isListOf(c) || kernIsDictOf(c))
    return containerToCell(obj, c, cell, frame);
  if (f == c)
    return scalarToCell(obj, c, cell);
  int64_t given[2];
  Wide w;
  if (scalarToCell(obj, f, given) < 0 || readCell(f, given, &w) < 0)
    return -1;
  return writeCell(&w, c, cell);
}

/* The codes of a list item passed in (as inside a tuple: no layout). */
static int itemCodes(PyObject *obj, uint32_t *out, Py_ssize_t cap,
                     Py_ssize_t *n) {
  Key key;
  keyInit(&key);
  int unknown = 0;
  int status = keyAppend(&key, obj, &unknown, 1);
  int ok = status == 0 && !unknown && key.length <= cap;
  if (ok) {
    memcpy(out, key.codes, sizeof *out * (size_t)key.length);
    *n = key.length;
  }
  keyRelease(&key);
  return status < 0 ? -1 : ok;
}

static void objectToMemref(PyObject *array, int64_t *descriptor) {
  arrayToMemref((PyArrayObject *)array, descriptor);
}

/*===----------------------------------------------------------------------===*
 * Results to Python objects
 *===----------------------------------------------------------------------===*/

static void freeBuffer(PyObject *capsule) {
  kernRuntimeFree(PyCapsule_GetPointer(capsule, "kern.buffer"));
}

static PyObject *scalarFromCell(uint32_t code, const void *cell) {
  if (code == KERN_STR_CODE)
    return kernStrFromCell(cell);
  switch (codeKind(code)) {
  case 'b':
    return PyBool_FromLong(*(const uint8_t *)cell & 1);
  case 'i':
    switch (codeItemsize(code)) {
    case 1: return PyLong_FromLong(*(const int8_t *)cell);
    case 2: return PyLong_FromLong(*(const int16_t *)cell);
    case 4: return PyLong_FromLong(*(const int32_t *)cell);
    default: return PyLong_FromLongLong(*(const int64_t *)cell);
    }
  case 'u':
    switch (codeItemsize(code)) {
    case 1: return PyLong_FromUnsignedLong(*(const uint8_t *)cell);
    case 2: return PyLong_FromUnsignedLong(*(const uint16_t *)cell);
    case 4: return PyLong_FromUnsignedLong(*(const uint32_t *)cell);
    default: return PyLong_FromUnsignedLongLong(*(const uint64_t *)cell);
    }
  case 'f':
    if (codeItemsize(code) == 4)
      return PyFloat_FromDouble(*(const float *)cell);
    return PyFloat_FromDouble(*(const double *)cell);
  case 'c':
    if (codeItemsize(code) == 8) {
      const float *parts = cell;
      return PyComplex_FromDoubles(parts[0], parts[1]);
    } else {
      const double *parts = cell;
      return PyComplex_FromDoubles(parts[0], parts[1]);
    }
  case 'M':
  case 'm': { /* an np.datetime64 or np.timedelta64 of the code's unit */
    PyArray_Descr *descr = datetimeDescr(code);
    if (!descr)
      return NULL;
    PyObject *value = PyArray_Scalar((void *)cell, descr, NULL);
    Py_DECREF(descr);
    return value;
  }
  }
  PyErr_Format(PyExc_SystemError, "kern: no Python value for result code %x",
               code);
  return NULL;
}

/* A Python list of the items of a KernList result (numbers as Numba
 * boxes them). */
static PyObject *listFromCell(uint32_t itemCode, const void *cell) {
  const KernList *l;
  memcpy(&l, cell, sizeof l);
  PyObject *list = PyList_New(l ? (Py_ssize_t)l->length : 0);
  for (Py_ssize_t i = 0; list && l && i < (Py_ssize_t)l->length; ++i) {
    PyObject *item = scalarFromCell(itemCode, l->items + i * l->itemSize);
    if (!item) {
      Py_CLEAR(list);
      break;
    }
    PyList_SET_ITEM(list, i, item);
  }
  return list;
}

/* A Python number of a dict key's 64 bits. */
static PyObject *keyFromBits(uint32_t keyCode, int64_t bits) {
  switch (codeKind(keyCode)) {
  case 'U': return kernStrFromCell(&bits);
  case 'b': return PyBool_FromLong(bits != 0);
  case 'u': return PyLong_FromUnsignedLongLong((unsigned long long)bits);
  case 'f': {
    double x;
    memcpy(&x, &bits, sizeof x);
    return PyFloat_FromDouble(x);
  }
  default: return PyLong_FromLongLong(bits);
  }
}

/* A Python dict of the entries of a KernDict, in order (a set of its keys
 * for a set's code). */
static PyObject *dictFromCell(uint32_t code, const void *cell) {
  if (kernHasTupleKeys(code))
    return kernTupleKeysDict(code, unpackCode(code & 63), cell, &kBoxers);
  KernDict *d;
  memcpy(&d, cell, sizeof d);
  uint32_t keyCode = unpackCode((code >> 6) & 63), valueCode = unpackCode(code & 63);
  PyObject *dict = isSet(code) ? PySet_New(NULL) : PyDict_New();
  int64_t n = d ? kernDictEntries(d) : 0;
  for (int64_t e = 0; dict && isSet(code) && e < n; ++e) {
    PyObject *k = keyFromBits(keyCode, kernDictKeyAt(d, e));
    if (!k || PySet_Add(dict, k) < 0)
      Py_CLEAR(dict);
    Py_XDECREF(k);
  }
  for (int64_t e = 0; dict && !isSet(code) && e < n; ++e) {
    PyObject *k = keyFromBits(keyCode, kernDictKeyAt(d, e));
    PyObject *v = k ? scalarFromCell(valueCode, kernDictValueAt(d, e)) : NULL;
    if (!v || PyDict_SetItem(dict, k, v) < 0)
      Py_CLEAR(dict);
    Py_XDECREF(k);
    Py_XDECREF(v);
  }
  return dict;
}

/* Wraps a memref result in an array owning its buffer. `owners`, a dict
 * {address: capsule}, holds the buffers of the arrays already made from
 * this call's results: a buffer returned twice becomes two views of one
 * owner, never two free()s. */
static PyObject *arrayFromMemref(uint32_t code, const int64_t *descriptor,
                                 PyObject *owners) {
  return arrayOfDtype(code, descriptor, owners, NULL);
}

/* The NumPy array of a memref result, of `dtype` (a structured dtype: the
 * memref is bytes) or, when NULL, of the code's scalar dtype. */
static PyObject *arrayOfDtype(uint32_t code, const int64_t *descriptor,
                              PyObject *owners, PyObject *dtype) {
  int ndim = arrayRank(code);
  void *allocated, *aligned;
  memcpy(&allocated, &descriptor[0], sizeof(void *));
  memcpy(&aligned, &descriptor[1], sizeof(void *));
  npy_intp itemsize = codeItemsize(code);
  npy_intp shape[NPY_MAXDIMS], strides[NPY_MAXDIMS];
  for (int i = 0; i < ndim; ++i) {
    shape[i] = descriptor[3 + i];
    strides[i] = descriptor[3 + ndim + i] * itemsize;
  }

  PyObject *key = PyLong_FromVoidPtr(allocated);
  PyObject *base = key ? PyDict_GetItemWithError(owners, key) : NULL;
  if (base) {
    Py_INCREF(base);
  } else if (key && !PyErr_Occurred()) {
    base = PyCapsule_New(allocated, "kern.buffer", freeBuffer);
    if (!base)
      kernRuntimeFree(allocated);
    else if (PyDict_SetItem(owners, key, base) < 0)
      Py_CLEAR(base);
  }
  Py_XDECREF(key);
  if (!base)
    return NULL;

  PyArray_Descr *descr = dtype ? (PyArray_Descr *)Py_NewRef(dtype)
                        : isDatetimeKind(codeKind(code)) ? datetimeDescr(code)
                        : PyArray_DescrFromType(typenumOfCode(code));
  if (!descr) {
    Py_DECREF(base);
    return NULL;
  }
  char *data = (char *)aligned + descriptor[2] * itemsize;
  PyObject *array = PyArray_NewFromDescr(&PyArray_Type, descr, ndim, shape,
                                         strides, data, NPY_ARRAY_WRITEABLE,
                                         NULL);
  if (!array || PyArray_SetBaseObject((PyArrayObject *)array, base) < 0) {
    Py_XDECREF(array);
    if (array == NULL)
      Py_DECREF(base);
    return NULL;
  }
  return array;
}

typedef struct {
  void **slots;
  PyObject *owners; /* dict {address: capsule}, made on demand */
} Results;

static PyObject *instanceFromCells(uint32_t classCode, PyObject *cells);
static PyObject *namedTupleFromItems(uint32_t classCode, PyObject *items);

static PyObject *resultFromSlots(const uint32_t **code, Results *results);

/* A tuple of the next `n` results. */
static PyObject *tupleFromSlots(Py_ssize_t n, const uint32_t **code,
                                Results *results) {
  PyObject *tuple = PyTuple_New(n);
  if (!tuple)
    return NULL;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject *item = resultFromSlots(code, results);
    if (!item) {
      Py_DECREF(tuple);
      return NULL;
    }
    PyTuple_SET_ITEM(tuple, i, item);
  }
  return tuple;
}

static PyObject *emptyTuple(void) {
  static PyObject *empty;
  if (!empty)
    empty = PyTuple_New(0);
  return empty;
}

static PyObject *resultFromSlots(const uint32_t **code, Results *results) {
  uint32_t c = *(*code)++;
  if (isInstance(c)) {
    uint32_t classCode = *(*code)++;
    PyObject *cells = tupleFromSlots(tupleLength(c), code, results);
    if (!cells)
      return NULL;
    PyObject *inst = instanceFromCells(classCode, cells);
    Py_DECREF(cells);
    return inst;
  }
  if (isTuple(c))
    return tupleFromSlots(tupleLength(c), code, results);
  if (isNamedTuple(c)) {
    uint32_t classCode = *(*code)++;
    PyObject *items = tupleFromSlots(tupleLength(c), code, results);
    return items ? namedTupleFromItems(classCode, items) : NULL;
  }
  if (isOptional(c)) { /* the value, then the flag */
    PyObject *value = resultFromSlots(code, results);
    PyObject *flag = value ? resultFromSlots(code, results) : NULL;
    if (!flag) {
      Py_XDECREF(value);
      return NULL;
    }
    int present = flag == Py_True;
    Py_DECREF(flag);
    if (present)
      return value;
    Py_DECREF(value);
    return Py_NewRef(Py_None);
  }
  if (!hasSlot(c))
    return Py_NewRef(Py_None);
  void *cell = *results->slots++;
  if (isFunctionPointer(c)) {
    PyErr_SetString(PyExc_TypeError,
                    "kern: compiled code cannot return a C function pointer");
    return NULL;
  }
  if (isList(c))
    return listFromCell(c & 0xffffu, cell);
  if (isDict(c))
    return dictFromCell(c, cell);
  if (isListOf(c)) {
    if (!results->owners && !(results->owners = PyDict_New()))
      return NULL;
    return kernStructuredList(c, cell, results->owners, &kBoxers);
  }
  if (kernIsDictOf(c)) {
    if (!results->owners && !(results->owners = PyDict_New()))
      return NULL;
    return kernDictOfFromCell(c, cell, results->owners, &kBoxers,
                              &kKeyBoxers);
  }
  if (!isArray(c))
    return scalarFromCell(c, cell);
  if (!results->owners && !(results->owners = PyDict_New()))
    return NULL;
  if (codeKind(c) == 'V') { /* an array of records: its dtype's code */
    PyObject *dtype = kernRecordDtype(*(*code)++);
    if (!dtype) {
      if (!PyErr_Occurred())
        PyErr_SetString(PyExc_SystemError, "kern: unknown record code");
      return NULL;
    }
    PyObject *array = arrayOfDtype(c, cell, results->owners, dtype);
    if (!array || arrayRank(c) > 0)
      return array;
    /* a record: np.record, as Numba returns (fields as attributes) */
    static PyObject *recarray;
    if (!recarray) {
      PyObject *numpy = PyImport_ImportModule("numpy");
      recarray = numpy ? PyObject_GetAttrString(numpy, "recarray") : NULL;
      Py_XDECREF(numpy);
    }
    PyObject *view = recarray ? PyObject_CallMethod(array, "view", "O",
                                                    recarray)
                              : NULL;
    Py_DECREF(array);
    PyObject *record = view ? PyObject_GetItem(view, emptyTuple()) : NULL;
    Py_XDECREF(view);
    return record;
  }
  if (codeKind(c) == 'y') { /* bytes (kern/bytestype.py): uint8 items */
    uint32_t items = (c & ~0xff00u) | ((uint32_t)'u' << 8);
    PyObject *array = arrayFromMemref(items, cell, results->owners);
    PyObject *bytes =
        array ? PyObject_CallMethod(array, "tobytes", NULL) : NULL;
    Py_XDECREF(array);
    return bytes;
  }
  return arrayFromMemref(c, cell, results->owners);
}

/* After a failure while converting results, frees the buffers of the memref
 * results that no array owns yet. */
static void freeUnownedResults(const uint32_t *codes, Py_ssize_t n, void **slots,
                               PyObject *owners) {
  PyObject *type, *value, *trace; /* the failure's, kept across lookups */
  PyErr_Fetch(&type, &value, &trace);
  for (Py_ssize_t i = 0; i < n; ++i) {
    if (!hasSlot(codes[i]))
      continue;
    void *cell = *slots++;
    if (!isArray(codes[i]))
      continue;
    void *allocated;
    memcpy(&allocated, cell, sizeof(void *));
    PyObject *key = owners ? PyLong_FromVoidPtr(allocated) : NULL;
    int owned = owners && (!key || PyDict_Contains(owners, key) != 0);
    Py_XDECREF(key); /* (unknown: kept, a leak rather than a double free) */
    PyErr_Clear();
    if (!owned)
      kernRuntimeFree(allocated);
  }
  PyErr_Restore(type, value, trace);
}

/*===----------------------------------------------------------------------===*
 * Running an entry
 *===----------------------------------------------------------------------===*/

/* The exception of an error the code raised. A KeyError's message is its
 * key (dicts.py formats it): the exception holds the key as a number, as
 * Python's does (KeyError(3), not KeyError('3')). */
static PyObject *exceptionOfKind(int kind);

/* A `raise` statement's exception: kern.errors.exception_from_repr turns
 * the message, repr(args) (after the class of a user-defined exception),
 * back into the exception. */
static void raiseFromRepr(int kind, const char *message) {
  PyObject *exc = NULL;
  PyObject *errors = PyImport_ImportModule("kern.errors");
  if (errors) {
    exc = PyObject_CallMethod(errors, "exception_from_repr", "Os",
                              exceptionOfKind(kind), message);
    Py_DECREF(errors);
  }
  if (!exc)
    return; /* the decoder's own error is set */
  PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
  Py_DECREF(exc);
}

static void raiseError(int kind, const char *message) {
  if (kernObjmodeRestore(kind, message))
    return; /* a with objmode(...) block's own exception */
  if (kind == KernErrorInterrupt) {
    /* Ctrl-C stopped the code (lib/Runtime/Interrupt.c): Python's own
     * handling of the pending SIGINT (KeyboardInterrupt, or the user's
     * handler), else KeyboardInterrupt. */
    if (PyErr_CheckSignals() == 0)
      PyErr_SetNone(PyExc_KeyboardInterrupt);
    return;
  }
  if (kind & KernErrorArgsRepr) {
    raiseFromRepr(kind & ~KernErrorArgsRepr, message);
    return;
  }
  PyObject *key = NULL;
  if (kind == KernErrorKey) {
    char *end;
    key = PyLong_FromString(message, &end, 10);
    if (!key || *end) {
      Py_CLEAR(key);
      PyErr_Clear();
      PyObject *text = PyUnicode_FromString(message);
      key = text ? PyFloat_FromString(text) : NULL;
      Py_XDECREF(text);
      if (!key)
        PyErr_Clear();
    }
  }
  if (key) {
    PyErr_SetObject(PyExc_KeyError, key);
    Py_DECREF(key);
  } else {
    PyErr_SetString(exceptionOfKind(kind), message);
  }
}

/* numpy.linalg.LinAlgError (borrowed; RuntimeError if NumPy lacks it). */
static PyObject *linAlgError(void) {
  static PyObject *cls;
  if (!cls) {
    PyObject *mod = PyImport_ImportModule("numpy.linalg");
    if (mod) {
      cls = PyObject_GetAttrString(mod, "LinAlgError");
      Py_DECREF(mod);
    }
    if (!cls) {
      PyErr_Clear();
      return PyExc_RuntimeError;
    }
  }
  return cls;
}

static PyObject *exceptionOfKind(int kind) {
  switch (kind) {
  case KernErrorValue: return PyExc_ValueError;
  case KernErrorIndex: return PyExc_IndexError;
  case KernErrorZeroDivision: return PyExc_ZeroDivisionError;
  case KernErrorType: return PyExc_TypeError;
  case KernErrorAssertion: return PyExc_AssertionError;
  case KernErrorOverflow: return PyExc_OverflowError;
  case KernErrorMemory: return PyExc_MemoryError;
  case KernErrorNotImplemented: return PyExc_NotImplementedError;
  case KernErrorLinAlg: return linAlgError();
  case KernErrorKey: return PyExc_KeyError;
  case KernErrorException: return PyExc_Exception;
  default: return PyExc_RuntimeError;
  }
}

static PyObject *runEntry(Entry *entry, PyObject *const *args,
                          Py_ssize_t nargs) {
  /* Slots and storage on the stack unless the signature is large. */
  void *inlineSlots[16];
  int64_t inlineStorage[128];
  void **slots = inlineSlots;
  char *storage = (char *)inlineStorage;
  void *heap = NULL;
  if (entry->numSlots > 16 || entry->storageBytes > sizeof inlineStorage) {
    heap = PyMem_Malloc(entry->numSlots * sizeof(void *) + entry->storageBytes);
    if (!heap)
      return PyErr_NoMemory();
    slots = heap;
    storage = (char *)heap + entry->numSlots * sizeof(void *);
  }

  PyObject *result = NULL, *owners = NULL;
  Frame frame = {slots, storage, NULL, 0, 0};
  const uint32_t *code = entry->slotCodes ? entry->slotCodes : entry->argCodes;
  const uint32_t *from = entry->argCodes;
  if (entry->holdsLists)
    kernRuntimeHoldLists(); /* until the results are Python objects */
  int kind;
  void **resultSlots;
  for (Py_ssize_t i = 0; i < nargs; ++i)
    if (argumentToSlots(args[i], &code, entry->slotCodes ? &from : NULL,
                        &frame) < 0)
      goto released;
  resultSlots = frame.slots;
  for (Py_ssize_t i = 0; i < entry->numResultCodes; ++i)
    if (hasSlot(entry->resultCodes[i]))
      frameTake(&frame, entry->resultCodes[i]);

  /* A Ctrl-C that arrived while the arguments were converted (no bytecode
   * ran since, so Python has not run its handler) is handled here, as the
   * interpreter would at its next bytecode: the call would clear kern's
   * flag and run to its end. Outside the main thread this does nothing. */
  if (kern_rt_interrupt_flag && PyErr_CheckSignals() < 0)
    goto released;
  if (entry->nogil) {
    Py_BEGIN_ALLOW_THREADS
    kind = kernRuntimeCall(entry->fn, slots);
    Py_END_ALLOW_THREADS
  } else {
    kind = kernRuntimeCall(entry->fn, slots);
  }
  if (kind != KernErrorNone) {
    raiseError(kind, kernRuntimeErrorMessage());
    goto released;
  }

  if (entry->numResultCodes == 0) {
    result = Py_NewRef(Py_None);
  } else {
    Results results = {resultSlots, NULL};
    const uint32_t *rcode = entry->resultCodes;
    result = resultFromSlots(&rcode, &results);
    if (!result)
      freeUnownedResults(entry->resultCodes, entry->numResultCodes,
                         resultSlots, results.owners);
    owners = results.owners; /* shared with the lists written back */
  }
released:
  if (frame.reflected && reflectContainers(&frame, result != NULL,
                                           &owners) < 0)
    Py_CLEAR(result);
  Py_XDECREF(owners);
  if (entry->holdsLists)
    kernRuntimeReleaseLists();
  if (result && entry->convert) {
    PyObject *converted = PyObject_CallOneArg(entry->convert, result);
    Py_DECREF(result);
    result = converted;
  }
  PyMem_Free(heap);
  return result;
}

/*===----------------------------------------------------------------------===*
 * The Dispatcher type
 *===----------------------------------------------------------------------===*/

typedef struct {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  Entry **entries;
  Py_ssize_t numEntries, capacity;
  KernParams params; /* set by _set_params: calls bind in C */
  uint32_t functionId; /* as an argument: 0 until first passed */
  PyObject *weakrefs;
} DispatcherObject;

static PyObject *str_on_miss;
static PyTypeObject *dispatcherType;

/* 1 with the code of a compiled function passed as an argument (its id,
 * given at its first use, never reused), 0 for anything else, -1 on error. */
/* A fresh id of the KERN_FUNCTION codes (functions, classes), or 0 with
 * an exception set. */
static uint32_t newFunctionId(void) {
  static uint32_t lastId;
  if (lastId == KERN_FUNCTION_MAX) {
    PyErr_SetString(PyExc_OverflowError,
                    "kern: too many distinct functions and classes passed "
                    "as arguments");
    return 0;
  }
  return ++lastId;
}

static int functionCode(PyObject *obj, uint32_t *code) {
  if (!dispatcherType || !PyObject_TypeCheck(obj, dispatcherType))
    return 0;
  DispatcherObject *fn = (DispatcherObject *)obj;
  if (!fn->functionId && !(fn->functionId = newFunctionId()))
    return -1;
  *code = KERN_FUNCTION | fn->functionId;
  return 1;
}

/* Drops the contiguity of the key's array arguments; whether it had any. */
static int clearLayouts(Key *key) {
  int any = 0;
  for (Py_ssize_t i = 0; i < key->length; ++i)
    if (isArray(key->codes[i]) && (key->codes[i] & KERN_LAYOUT_MASK)) {
      key->codes[i] &= ~KERN_LAYOUT_MASK;
      any = 1;
    }
  return any;
}

static Entry *findEntry(DispatcherObject *self, const Key *key) {
  for (Py_ssize_t i = 0; i < self->numEntries; ++i) {
    Entry *entry = self->entries[i];
    if (entry->numArgCodes == key->length &&
        memcmp(entry->argCodes, key->codes, key->length * sizeof(uint32_t)) == 0) {
      if (i > 0) { /* most recently used first */
        memmove(&self->entries[1], &self->entries[0], i * sizeof(Entry *));
        self->entries[0] = entry;
      }
      return entry;
    }
  }
  return NULL;
}

/* Runs the entry of the arguments' key. Returns NULL with no exception set
 * when there is none (a miss). */
static PyObject *dispatchExact(DispatcherObject *self, PyObject *const *args,
                               Py_ssize_t nargs) {
  if (!numpyReady && importNumpy() < 0)
    return NULL;
  Key key;
  keyInit(&key);
  int known = keyOfArgs(&key, args, nargs);
  Entry *entry = known > 0 ? findEntry(self, &key) : NULL;
  if (!entry && known > 0 && clearLayouts(&key))
    entry = findEntry(self, &key); /* code for any layout serves them too */
  keyRelease(&key);
  if (!entry)
    return NULL;
  return runEntry(entry, args, nargs);
}

static PyObject *onMiss(DispatcherObject *self, PyObject *const *args,
                        size_t nargsf, PyObject *kwnames) {
  PyObject *method = PyObject_GetAttr((PyObject *)self, str_on_miss);
  if (!method)
    return NULL;
  PyObject *result = PyObject_Vectorcall(method, args, nargsf, kwnames);
  Py_DECREF(method);
  return result;
}

/* Binds keyword and default arguments in C and runs the entry of the bound
 * key: NULL with no exception set when the call does not bind or misses. */
static PyObject *dispatchBound(DispatcherObject *self, PyObject *const *args,
                               Py_ssize_t nargs, PyObject *kwnames,
                               PyObject *kwargs) {
  KernBound bound;
  int ok = kwargs ? kernBindDict(&self->params, &bound, args, nargs, kwargs)
                  : kernBindVector(&self->params, &bound, args, nargs, kwnames);
  PyObject *result = ok > 0 ? dispatchExact(self, bound.items, bound.length) : NULL;
  kernBoundRelease(&bound);
  return result;
}

/* Positional calls of every parameter take the short path. */
static int isPlainCall(DispatcherObject *self, Py_ssize_t nargs, Py_ssize_t nkw) {
  const KernParams *p = &self->params;
  return nkw == 0 && (!p->names || (nargs == p->numPositional &&
                                    nargs == PyTuple_GET_SIZE(p->names)));
}

/* The entry of a vectorcall's arguments: NULL with no exception on a miss. */
static PyObject *dispatchVector(DispatcherObject *self, PyObject *const *args,
                                Py_ssize_t nargs, PyObject *kwnames) {
  return isPlainCall(self, nargs, kwnames ? PyTuple_GET_SIZE(kwnames) : 0)
             ? dispatchExact(self, args, nargs)
             : dispatchBound(self, args, nargs, kwnames, NULL);
}

static PyObject *dispatcherVectorcall(PyObject *op, PyObject *const *args,
                                      size_t nargsf, PyObject *kwnames) {
  DispatcherObject *self = (DispatcherObject *)op;
  PyObject *result = dispatchVector(self, args, PyVectorcall_NARGS(nargsf), kwnames);
  if (result || PyErr_Occurred())
    return result;
  return onMiss(self, args, nargsf, kwnames);
}

static PyObject *dispatcherCall(PyObject *op, PyObject *args, PyObject *kwargs) {
  DispatcherObject *self = (DispatcherObject *)op;
  PyObject *const *items = &PyTuple_GET_ITEM(args, 0);
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  Py_ssize_t nkw = kwargs ? PyDict_GET_SIZE(kwargs) : 0;
  PyObject *result = isPlainCall(self, nargs, nkw)
                         ? dispatchExact(self, items, nargs)
                         : dispatchBound(self, items, nargs, NULL,
                                         nkw ? kwargs : NULL);
  if (result || PyErr_Occurred())
    return result;
  PyObject *method = PyObject_GetAttr(op, str_on_miss);
  if (!method)
    return NULL;
  result = PyObject_Call(method, args, kwargs);
  Py_DECREF(method);
  return result;
}

static int codesFromSequence(PyObject *seq, uint32_t *codes, Py_ssize_t n) {
  for (Py_ssize_t i = 0; i < n; ++i) {
    unsigned long value = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seq, i));
    if (value == (unsigned long)-1 && PyErr_Occurred())
      return -1;
    codes[i] = (uint32_t)value;
  }
  return 0;
}

PyDoc_STRVAR(add_entry_doc,
"_add_entry(arg_codes, address, result_codes, owner, convert=None,\n"
"           flags=0, slot_codes=None)\n\n"
"Registers compiled code: `address` is the packed entry point\n"
"`void f(void **slots)` taking arguments of `arg_codes` and producing\n"
"results of `result_codes` (() for none); `owner` keeps the code alive;\n"
"`convert`, if given, is applied to the result; `flags` 1 releases the\n"
"GIL while the code runs, 2 holds the lists it makes until its results\n"
"are converted. With `slot_codes` (as long as `arg_codes`) the\n"
"code takes parameters of those codes: scalar arguments keyed by\n"
"`arg_codes` are converted (safe casts only: a sealed signature).");

static PyObject *dispatcherAddEntry(PyObject *op, PyObject *args) {
  DispatcherObject *self = (DispatcherObject *)op;
  PyObject *argCodes, *resultCodes, *address, *owner, *convert = Py_None;
  PyObject *slotCodes = Py_None;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "OOOO|OiO:_add_entry", &argCodes, &address,
                        &resultCodes, &owner, &convert, &flags, &slotCodes))
    return NULL;
  void *fn = PyLong_AsVoidPtr(address);
  if (!fn) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_ValueError, "kern: null entry point");
    return NULL;
  }
  PyObject *argSeq = PySequence_Fast(argCodes, "arg_codes must be a sequence");
  PyObject *resSeq = argSeq ? PySequence_Fast(resultCodes,
                                              "result_codes must be a sequence")
                            : NULL;
  PyObject *slotSeq = resSeq && slotCodes != Py_None
                          ? PySequence_Fast(slotCodes, "slot_codes must be a sequence")
                          : NULL;
  Entry *entry = PyMem_Calloc(1, sizeof(Entry));
  if (!argSeq || !resSeq || (slotCodes != Py_None && !slotSeq) || !entry ||
      (slotSeq && PySequence_Fast_GET_SIZE(slotSeq) != PySequence_Fast_GET_SIZE(argSeq))) {
    if (slotSeq && entry && !PyErr_Occurred())
      PyErr_SetString(PyExc_ValueError, "slot_codes must be as long as arg_codes");
    Py_XDECREF(argSeq);
    Py_XDECREF(resSeq);
    Py_XDECREF(slotSeq);
    PyMem_Free(entry);
    return entry || PyErr_Occurred() ? NULL : PyErr_NoMemory();
  }
  entry->numArgCodes = PySequence_Fast_GET_SIZE(argSeq);
  entry->numResultCodes = PySequence_Fast_GET_SIZE(resSeq);
  Py_ssize_t numSlotCodes = slotSeq ? entry->numArgCodes : 0;
  entry->argCodes = PyMem_Malloc(
      (entry->numArgCodes + entry->numResultCodes + numSlotCodes + 1) *
      sizeof(uint32_t));
  entry->resultCodes = entry->argCodes ? entry->argCodes + entry->numArgCodes : NULL;
  entry->slotCodes = entry->argCodes && slotSeq
                         ? entry->resultCodes + entry->numResultCodes : NULL;
  entry->fn = (void (*)(void **))fn;
  entry->owner = Py_NewRef(owner);
  entry->convert = convert == Py_None ? NULL : Py_NewRef(convert);
  entry->nogil = flags & 1;
  entry->holdsLists = (flags & 2) != 0;
  int failed = !entry->argCodes ||
               codesFromSequence(argSeq, entry->argCodes, entry->numArgCodes) < 0 ||
               codesFromSequence(resSeq, entry->resultCodes, entry->numResultCodes) < 0 ||
               (slotSeq && codesFromSequence(slotSeq, entry->slotCodes, numSlotCodes) < 0);
  Py_DECREF(argSeq);
  Py_DECREF(resSeq);
  Py_XDECREF(slotSeq);
  if (failed) {
    if (!PyErr_Occurred())
      PyErr_NoMemory();
    entryFree(entry);
    return NULL;
  }
  for (Py_ssize_t i = 0; i < entry->numArgCodes; ++i)
    entry->holdsLists |= isList(entry->argCodes[i]) || /* copies made */
                         isDict(entry->argCodes[i]) ||
                         isListOf(entry->argCodes[i]) ||
                         kernIsDictOf(entry->argCodes[i]) ||
                         entry->argCodes[i] == KERN_STR_CODE;
  measureCodes(entry->slotCodes ? entry->slotCodes : entry->argCodes,
               entry->numArgCodes, &entry->numSlots, &entry->storageBytes);
  measureCodes(entry->resultCodes, entry->numResultCodes, &entry->numSlots,
               &entry->storageBytes);

  if (self->numEntries == self->capacity) {
    Py_ssize_t capacity = self->capacity ? 2 * self->capacity : 4;
    Entry **entries = PyMem_Realloc(self->entries, capacity * sizeof(Entry *));
    if (!entries) {
      entryFree(entry);
      return PyErr_NoMemory();
    }
    self->entries = entries;
    self->capacity = capacity;
  }
  self->entries[self->numEntries++] = entry;
  Py_RETURN_NONE;
}

PyDoc_STRVAR(call_exact_doc,
"_call_exact(*args, **kwargs)\n\n"
"Runs the compiled entry of the arguments' types (keyword and default\n"
"arguments bound as a call binds them), or raises TypeError: never\n"
"compiles.");

static PyObject *dispatcherCallExact(PyObject *op, PyObject *const *args,
                                     size_t nargsf, PyObject *kwnames) {
  PyObject *result = dispatchVector((DispatcherObject *)op, args,
                                    PyVectorcall_NARGS(nargsf), kwnames);
  if (!result && !PyErr_Occurred())
    PyErr_SetString(PyExc_TypeError,
                    "kern: no compiled entry for these argument types");
  return result;
}

PyDoc_STRVAR(set_params_doc,
"_set_params(names, required, positional, positional_only, varargs)\n\n"
"Lets calls bind keyword and default arguments in C: `names` are the\n"
"function's parameters in signature order (*args included), `required`\n"
"one bool per name (no default), the first `positional` may be given by\n"
"position, the first `positional_only` only so, and `varargs` is the index\n"
"of *args (its tuple) or -1. A parameter a call leaves out gets the type\n"
"code OMITTED.");

static PyObject *dispatcherSetParams(PyObject *op, PyObject *args) {
  PyObject *names, *required;
  Py_ssize_t positional, positionalOnly, varargs;
  if (!PyArg_ParseTuple(args, "OOnnn:_set_params", &names, &required,
                        &positional, &positionalOnly, &varargs) ||
      kernParamsSet(&((DispatcherObject *)op)->params, names, required,
                    positional, positionalOnly, varargs) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *dispatcherFunctionCode(PyObject *op, void *closure) {
  uint32_t code;
  if (functionCode(op, &code) < 0)
    return NULL;
  return PyLong_FromUnsignedLong(code);
}

static PyObject *dispatcherNumEntries(PyObject *op, void *closure) {
  return PyLong_FromSsize_t(((DispatcherObject *)op)->numEntries);
}

static PyObject *dispatcherNew(PyTypeObject *type, PyObject *args,
                               PyObject *kwargs) {
  DispatcherObject *self = (DispatcherObject *)type->tp_alloc(type, 0);
  if (self)
    self->vectorcall = dispatcherVectorcall;
  return (PyObject *)self;
}

static int dispatcherTraverse(PyObject *op, visitproc visit, void *arg) {
  DispatcherObject *self = (DispatcherObject *)op;
  for (Py_ssize_t i = 0; i < self->numEntries; ++i) {
    Py_VISIT(self->entries[i]->owner);
    Py_VISIT(self->entries[i]->convert);
  }
  Py_VISIT(self->params.names);
  Py_VISIT(Py_TYPE(op));
  return 0;
}

static int dispatcherClear(PyObject *op) {
  DispatcherObject *self = (DispatcherObject *)op;
  Entry **entries = self->entries;
  Py_ssize_t n = self->numEntries;
  self->entries = NULL;
  self->numEntries = self->capacity = 0;
  for (Py_ssize_t i = 0; i < n; ++i)
    entryFree(entries[i]);
  PyMem_Free(entries);
  kernParamsClear(&self->params);
  return 0;
}

static void dispatcherDealloc(PyObject *op) {
  PyTypeObject *type = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  if (((DispatcherObject *)op)->weakrefs)
    PyObject_ClearWeakRefs(op);
  dispatcherClear(op);
  type->tp_free(op);
  Py_DECREF(type);
}

static PyMethodDef dispatcherMethods[] = {
    {"_add_entry", dispatcherAddEntry, METH_VARARGS, add_entry_doc},
    {"_call_exact", (PyCFunction)(void (*)(void))dispatcherCallExact,
     METH_FASTCALL | METH_KEYWORDS, call_exact_doc},
    {"_set_params", dispatcherSetParams, METH_VARARGS, set_params_doc},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef dispatcherGetSet[] = {
    {"_num_entries", dispatcherNumEntries, NULL,
     "Number of compiled entries.", NULL},
    {"_function_code", dispatcherFunctionCode, NULL,
     "The type code of this function passed as an argument.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef dispatcherMembers[] = {
    {"__vectorcalloffset__", T_PYSSIZET,
     offsetof(DispatcherObject, vectorcall), READONLY, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(DispatcherObject, weakrefs),
     READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* A compiled function stored in a class binds as a method (Numba's
 * Dispatcher.__get__). */
static PyObject *dispatcherDescrGet(PyObject *self, PyObject *obj,
                                    PyObject *type) {
  if (!obj || obj == Py_None)
    return Py_NewRef(self);
  return PyMethod_New(self, obj);
}

static PyType_Slot dispatcherSlots[] = {
    {Py_tp_descr_get, dispatcherDescrGet},
    {Py_tp_doc, "Base of kern's compiled functions: the C call path."},
    {Py_tp_new, dispatcherNew},
    {Py_tp_call, dispatcherCall},
    {Py_tp_traverse, dispatcherTraverse},
    {Py_tp_clear, dispatcherClear},
    {Py_tp_dealloc, dispatcherDealloc},
    {Py_tp_methods, dispatcherMethods},
    {Py_tp_getset, dispatcherGetSet},
    {Py_tp_members, dispatcherMembers},
    {0, NULL},
};

static PyType_Spec dispatcherSpec = {
    .name = "kern._kernrt.Dispatcher",
    .basicsize = sizeof(DispatcherObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_HAVE_VECTORCALL,
    .slots = dispatcherSlots,
};

/*===----------------------------------------------------------------------===*
 * The Instance type
 *===----------------------------------------------------------------------===*/

/* A new instance of the class registered for `classCode` holding `cells`. */
static PyObject *instanceFromCells(uint32_t classCode, PyObject *cells) {
  PyObject *key = PyLong_FromUnsignedLong(classCode);
  if (!key)
    return NULL;
  PyObject *cls = instanceClasses ? PyDict_GetItemWithError(instanceClasses, key)
                                  : NULL;
  Py_DECREF(key);
  if (!cls) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_RuntimeError, "kern: no jitclass has the code %#x",
                   classCode);
    return NULL;
  }
  PyTypeObject *type = (PyTypeObject *)cls;
  InstanceObject *inst = (InstanceObject *)type->tp_alloc(type, 0);
  if (!inst)
    return NULL;
  inst->cells = Py_NewRef(cells);
  inst->classCode = classCode;
  return (PyObject *)inst;
}

/* The namedtuple of class code `classCode` holding `items` (stolen). */
static PyObject *namedTupleFromItems(uint32_t classCode, PyObject *items) {
  PyObject *key = PyLong_FromUnsignedLong(classCode);
  PyObject *cls = key ? PyDict_GetItemWithError(tupleClasses, key) : NULL;
  Py_XDECREF(key);
  PyObject *result = NULL;
  if (cls)
    result = PyObject_Call(cls, items, NULL);
  else if (!PyErr_Occurred())
    PyErr_Format(PyExc_RuntimeError, "kern: no tuple class has the code %#x",
                 classCode);
  Py_DECREF(items);
  return result;
}

static PyObject *instanceNew(PyTypeObject *type, PyObject *args,
                             PyObject *kwargs) {
  unsigned int classCode;
  PyObject *cells;
  if (kwargs && PyDict_GET_SIZE(kwargs)) {
    PyErr_SetString(PyExc_TypeError, "Instance(code, cells) takes no keywords");
    return NULL;
  }
  if (!PyArg_ParseTuple(args, "IO!", &classCode, &PyTuple_Type, &cells))
    return NULL;
  InstanceObject *inst = (InstanceObject *)type->tp_alloc(type, 0);
  if (!inst)
    return NULL;
  inst->cells = Py_NewRef(cells);
  inst->classCode = classCode;
  return (PyObject *)inst;
}

static int instanceTraverse(PyObject *op, visitproc visit, void *arg) {
  Py_VISIT(((InstanceObject *)op)->cells);
  Py_VISIT(Py_TYPE(op));
  return 0;
}

static int instanceClear(PyObject *op) {
  Py_CLEAR(((InstanceObject *)op)->cells);
  return 0;
}

static void instanceDealloc(PyObject *op) {
  PyTypeObject *type = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  instanceClear(op);
  type->tp_free(op);
  Py_DECREF(type);
}

static PyMemberDef instanceMembers[] = {
    {"_cells", T_OBJECT_EX, offsetof(InstanceObject, cells), 0,
     "The field cells: a 1-element array per scalar field, the arrays of "
     "array fields."},
    {"_class_code", T_UINT, offsetof(InstanceObject, classCode), READONLY,
     "The type code of the class."},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot instanceSlots[] = {
    {Py_tp_doc, "Base of the instances of kern's jitclasses."},
    {Py_tp_new, instanceNew},
    {Py_tp_traverse, instanceTraverse},
    {Py_tp_clear, instanceClear},
    {Py_tp_dealloc, instanceDealloc},
    {Py_tp_members, instanceMembers},
    {0, NULL},
};

static PyMemberDef functionPointerMembers[] = {
    {"_address", T_ULONGLONG, offsetof(FunctionPointerObject, address), 0,
     "The C function's address."},
    {"_code", T_UINT, offsetof(FunctionPointerObject, code), 0,
     "The type code of its signature (KERN_FNPTR | id)."},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot functionPointerSlots[] = {
    {Py_tp_doc, "Base of kern's C callbacks: an address and a type code."},
    {Py_tp_members, functionPointerMembers},
    {0, NULL},
};

static PyType_Spec functionPointerSpec = {
    .name = "kern._kernrt.FunctionPointer",
    .basicsize = sizeof(FunctionPointerObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .slots = functionPointerSlots,
};

/* A field of a jitclass, read in C: the value of a scalar field's cell (a
 * Python number, as `cell.item()`) or the array or instance an array or
 * instance field holds. Assignments go to `setter(instance, value)` (the
 * Python function that checks the value's type, kern/jitclass.py). */
typedef struct {
  PyObject_HEAD
  Py_ssize_t index;
  int scalar;
  PyObject *setter;
} FieldObject;

static PyObject *fieldNew(PyTypeObject *type, PyObject *args,
                          PyObject *kwargs) {
  Py_ssize_t index;
  int scalar;
  PyObject *setter;
  if (kwargs && PyDict_GET_SIZE(kwargs)) {
    PyErr_SetString(PyExc_TypeError, "Field(index, scalar, setter)");
    return NULL;
  }
  if (!PyArg_ParseTuple(args, "npO", &index, &scalar, &setter))
    return NULL;
  FieldObject *f = (FieldObject *)type->tp_alloc(type, 0);
  if (!f)
    return NULL;
  f->index = index;
  f->scalar = scalar;
  f->setter = Py_NewRef(setter);
  return (PyObject *)f;
}

static PyObject *fieldGet(PyObject *self, PyObject *obj, PyObject *type) {
  FieldObject *f = (FieldObject *)self;
  if (!obj || obj == Py_None)
    return Py_NewRef(self);
  if (!isInstanceObject(obj)) {
    PyErr_SetString(PyExc_TypeError, "a jitclass field of another object");
    return NULL;
  }
  PyObject *cells = ((InstanceObject *)obj)->cells;
  if (!cells || !PyTuple_Check(cells) || f->index >= PyTuple_GET_SIZE(cells)) {
    PyErr_SetString(PyExc_AttributeError, "the instance has no such field");
    return NULL;
  }
  PyObject *cell = PyTuple_GET_ITEM(cells, f->index);
  if (!f->scalar)
    return Py_NewRef(cell);
  if (importNumpy() < 0)
    return NULL;
  if (!PyArray_Check(cell) || PyArray_SIZE((PyArrayObject *)cell) != 1) {
    PyErr_SetString(PyExc_TypeError, "a scalar field's cell is not a "
                                     "1-element array");
    return NULL;
  }
  return PyArray_GETITEM((PyArrayObject *)cell,
                         PyArray_DATA((PyArrayObject *)cell));
}

static int fieldSet(PyObject *self, PyObject *obj, PyObject *value) {
  if (!value) {
    PyErr_SetString(PyExc_AttributeError, "jitclass fields cannot be deleted");
    return -1;
  }
  PyObject *r = PyObject_CallFunctionObjArgs(((FieldObject *)self)->setter,
                                             obj, value, NULL);
  if (!r)
    return -1;
  Py_DECREF(r);
  return 0;
}

static int fieldTraverse(PyObject *op, visitproc visit, void *arg) {
  Py_VISIT(((FieldObject *)op)->setter);
  Py_VISIT(Py_TYPE(op));
  return 0;
}

static int fieldClear(PyObject *op) {
  Py_CLEAR(((FieldObject *)op)->setter);
  return 0;
}

static void fieldDealloc(PyObject *op) {
  PyTypeObject *type = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  fieldClear(op);
  type->tp_free(op);
  Py_DECREF(type);
}

static PyType_Slot fieldSlots[] = {
    {Py_tp_doc, "A jitclass field: Field(index, scalar, setter)."},
    {Py_tp_new, fieldNew},
    {Py_tp_descr_get, fieldGet},
    {Py_tp_descr_set, fieldSet},
    {Py_tp_traverse, fieldTraverse},
    {Py_tp_clear, fieldClear},
    {Py_tp_dealloc, fieldDealloc},
    {0, NULL},
};

static PyType_Spec fieldSpec = {
    .name = "kern._kernrt.Field",
    .basicsize = sizeof(FieldObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .slots = fieldSlots,
};

static PyType_Spec instanceSpec = {
    .name = "kern._kernrt.Instance",
    .basicsize = sizeof(InstanceObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = instanceSlots,
};

/*===----------------------------------------------------------------------===*
 * Module functions
 *===----------------------------------------------------------------------===*/

/*===----------------------------------------------------------------------===*
 * print() in compiled code
 *===----------------------------------------------------------------------===*/

/* The Python object of one item that compiled code prints or hands to an
 * objmode block: numbers as Numba boxes them (a float32 becomes a Python
 * float), an array as an ndarray viewing its memory (read-only unless
 * `writeable`), lists, dicts and sets as Python's. */
PyObject *kernItemObject(const KernPrintItem *item, int writeable) {
  switch (item->kind) {
  case KernPrintText:
    return PyUnicode_DecodeUTF8(item->text, item->length, "replace");
  case KernPrintInt:
    return PyLong_FromLongLong(item->i);
  case KernPrintUInt:
    return PyLong_FromUnsignedLongLong((unsigned long long)item->i);
  case KernPrintBool:
    return Py_NewRef(item->i ? Py_True : Py_False);
  case KernPrintFloat:
    return PyFloat_FromDouble(item->re);
  case KernPrintComplex:
    return PyComplex_FromDoubles(item->re, item->im);
  case KernPrintArray: {
    if (importNumpy() < 0)
      return NULL;
    npy_intp dims[NPY_MAXDIMS], strides[NPY_MAXDIMS];
    if (item->ndim > NPY_MAXDIMS) {
      PyErr_SetString(PyExc_ValueError, "print(): too many dimensions");
      return NULL;
    }
    for (int i = 0; i < item->ndim; ++i) {
      dims[i] = (npy_intp)item->shape[i];
      strides[i] = (npy_intp)(item->strides[i] * item->itemSize);
    }
    uint32_t code = ((uint32_t)item->kindLetter << 8) | (uint32_t)item->itemSize;
    PyObject *a = PyArray_New(&PyArray_Type, item->ndim, dims,
                              typenumOfCode(code), strides, item->data,
                              item->itemSize,
                              writeable ? NPY_ARRAY_WRITEABLE : 0, NULL);
    if (a && writeable)
      PyArray_UpdateFlags((PyArrayObject *)a, NPY_ARRAY_UPDATE_ALL);
    return a;
  }
  case KernPrintList: {
    KernList *l = (KernList *)item->data;
    return listFromCell((uint32_t)item->i, &l);
  }
  case KernPrintDict: {
    KernDict *d = (KernDict *)item->data;
    if (d->keyKind == 'T') /* tuple keys (_dictkeys.c) */
      return kernTupleKeysOf(d, (uint32_t)item->length, &kBoxers);
    uint32_t code = KERN_DICT | packCode((uint32_t)item->i) << 6 |
                    (item->length ? packCode((uint32_t)item->length)
                                  : KERN_SET); /* no values: a set */
    return dictFromCell(code, &d);
  }
  }
  PyErr_SetString(PyExc_SystemError, "print(): unknown item");
  return NULL;
}

/* The runtime's print handler: the line, as str() of each item, written to
 * sys.stdout in one write (and flushed on flush=True). Takes the GIL: a
 * function that prints releases it while it runs (kern/dispatcher.py), so
 * that the threads of its parallel loops can print too. */
static void printLine(const KernPrintItem *items, int64_t count, int flush) {
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyObject *parts = PyList_New(0), *text = NULL, *out;
  for (int64_t i = 0; parts && i < count; ++i) {
    PyObject *obj = kernItemObject(&items[i], 0);
    PyObject *str = obj ? PyObject_Str(obj) : NULL;
    Py_XDECREF(obj);
    if (!str || PyList_Append(parts, str) < 0) {
      Py_XDECREF(str);
      goto done;
    }
    Py_DECREF(str);
  }
  PyObject *empty = PyUnicode_FromString("");
  text = parts && empty ? PyUnicode_Join(empty, parts) : NULL;
  Py_XDECREF(empty);
  out = PySys_GetObject("stdout"); /* borrowed */
  if (text && out && out != Py_None) {
    PyObject *r = PyObject_CallMethod(out, "write", "O", text);
    Py_XDECREF(r);
    if (r && flush) {
      r = PyObject_CallMethod(out, "flush", NULL);
      Py_XDECREF(r);
    }
  }
done:
  if (PyErr_Occurred()) {
    PyObject *what = PyUnicode_FromString("print() in compiled code");
    PyErr_WriteUnraisable(what);
    Py_XDECREF(what);
  }
  Py_XDECREF(text);
  Py_XDECREF(parts);
  PyErr_Restore(type, value, traceback);
  PyGILState_Release(gil);
}

/*===----------------------------------------------------------------------===*
 * C callbacks (@kern.cfunc)
 *===----------------------------------------------------------------------===*/

static PyObject *callbackNames; /* {packed entry address: the cfunc's repr} */

/* An exception raised in a C callback, which cannot propagate to its C
 * caller: printed as Python prints exceptions it cannot raise
 * ("Exception ignored in: ..."), as Numba's cfunc does. */
static void callbackError(void (*packed)(void **), int kind,
                          const char *message) {
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback); /* the caller's, kept */
  PyObject *key = PyLong_FromVoidPtr((void *)packed);
  PyObject *name = key && callbackNames
                       ? PyDict_GetItemWithError(callbackNames, key) : NULL;
  Py_XDECREF(key);
  raiseError(kind, message);
  PyErr_WriteUnraisable(name ? name : Py_None);
  PyErr_Restore(type, value, traceback);
  PyGILState_Release(gil);
}

PyDoc_STRVAR(register_callback_doc,
"register_callback(packed_address, name)\n\n"
"An exception raised in the C callback running the packed entry at\n"
"`packed_address` is printed as raised in `name`.");

static PyObject *moduleRegisterCallback(PyObject *module, PyObject *args) {
  PyObject *address, *name;
  if (!PyArg_ParseTuple(args, "O!U", &PyLong_Type, &address, &name))
    return NULL;
  if (PyDict_SetItem(callbackNames, address, name) < 0)
    return NULL;
  Py_RETURN_NONE;
}

PyDoc_STRVAR(register_class_doc,
"register_class(code, cls)\n\n"
"Results of compiled code holding an instance of the class of type code\n"
"`code` are made as instances of `cls` (a subclass of Instance).");

static PyObject *moduleRegisterClass(PyObject *module, PyObject *args) {
  PyObject *code, *cls;
  if (!PyArg_ParseTuple(args, "O!O!", &PyLong_Type, &code, &PyType_Type, &cls))
    return NULL;
  if (!PyType_IsSubtype((PyTypeObject *)cls, instanceType)) {
    PyErr_SetString(PyExc_TypeError, "register_class: not an Instance class");
    return NULL;
  }
  if (PyDict_SetItem(instanceClasses, code, cls) < 0)
    return NULL;
  Py_RETURN_NONE;
}

PyDoc_STRVAR(register_tuple_class_doc,
"register_tuple_class(cls) -> int\n\n"
"The class code (KERN_FUNCTION | id) of the tuple subclass `cls` (a\n"
"collections.namedtuple), made at the first call: calls key its tuples\n"
"with it, and results of that code are made by calling `cls`.");

static PyObject *moduleRegisterTupleClass(PyObject *module, PyObject *cls) {
  if (!PyType_Check(cls) ||
      !PyType_IsSubtype((PyTypeObject *)cls, &PyTuple_Type)) {
    PyErr_SetString(PyExc_TypeError, "register_tuple_class: not a tuple class");
    return NULL;
  }
  PyObject *code = PyDict_GetItemWithError(tupleClassCodes, cls);
  if (code)
    return Py_NewRef(code);
  if (PyErr_Occurred())
    return NULL;
  uint32_t id = newFunctionId();
  if (!id)
    return NULL;
  code = PyLong_FromUnsignedLong(KERN_FUNCTION | id);
  if (!code || PyDict_SetItem(tupleClassCodes, cls, code) < 0 ||
      PyDict_SetItem(tupleClasses, code, cls) < 0) {
    Py_XDECREF(code);
    return NULL;
  }
  return code;
}

PyDoc_STRVAR(register_generator_type_doc,
"register_generator_type(cls)\n\n"
"Calls key instances of `cls` (np.random.Generator) as KERN_GENERATOR and\n"
"pass their BitGenerator's bitgen_t *.");

static PyObject *moduleRegisterGeneratorType(PyObject *module, PyObject *cls) {
  if (!PyType_Check(cls)) {
    PyErr_SetString(PyExc_TypeError, "register_generator_type: not a class");
    return NULL;
  }
  Py_XSETREF(generatorType, (PyTypeObject *)Py_NewRef(cls));
  Py_RETURN_NONE;
}

PyDoc_STRVAR(arg_codes_doc,
"arg_codes(args) -> tuple[int, ...]\n\n"
"The type key the call path computes for an argument tuple, e.g.\n"
"arg_codes((np.zeros(3), 2.0)) == (0x26608, 0x6608). TypeError for a value\n"
"with no code.");

static PyObject *moduleArgCodes(PyObject *module, PyObject *args) {
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_TypeError, "arg_codes expects a tuple");
    return NULL;
  }
  if (importNumpy() < 0)
    return NULL;
  Key key;
  keyInit(&key);
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  PyObject *result = NULL;
  for (Py_ssize_t i = 0; i < n; ++i) {
    int unknown = 0;
    PyObject *item = PyTuple_GET_ITEM(args, i);
    if (keyAppend(&key, item, &unknown, 0) < 0 || unknown) {
      if (unknown)
        PyErr_Format(PyExc_TypeError,
                     "kern: cannot pass a value of type '%.100s' to compiled "
                     "code (argument %zd)", Py_TYPE(item)->tp_name, i + 1);
      goto done;
    }
  }
  result = PyTuple_New(key.length);
  for (Py_ssize_t i = 0; result && i < key.length; ++i)
    PyTuple_SET_ITEM(result, i, PyLong_FromUnsignedLong(key.codes[i]));
done:
  keyRelease(&key);
  return result;
}

PyDoc_STRVAR(use_vectorcall_doc,
"use_vectorcall(cls) -> cls\n\n"
"Lets calls of a Python subclass of Dispatcher take the vectorcall path\n"
"(keyword arguments without a dict). Python 3.12 inherits it by itself;\n"
"3.11 does not for classes defined in Python. A class that defines\n"
"__call__ keeps it.");

static PyObject *moduleUseVectorcall(PyObject *module, PyObject *arg) {
  PyObject *base = PyObject_GetAttrString(module, "Dispatcher");
  if (!base)
    return NULL;
  int ok = PyType_Check(arg) && PyType_IsSubtype((PyTypeObject *)arg,
                                                 (PyTypeObject *)base);
  Py_DECREF(base);
  if (!ok) {
    PyErr_SetString(PyExc_TypeError,
                    "use_vectorcall: not a subclass of Dispatcher");
    return NULL;
  }
  PyTypeObject *type = (PyTypeObject *)arg;
  if (type->tp_call == dispatcherCall)
    type->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  return Py_NewRef(arg);
}

static PyObject *moduleSetNumThreads(PyObject *module, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  if (n < 1 || n > INT32_MAX) {
    PyErr_Format(PyExc_ValueError,
                 "kern.set_num_threads: need a positive count, got %ld", n);
    return NULL;
  }
  kernRuntimeSetNumThreads((int)n);
  Py_RETURN_NONE;
}

static PyObject *moduleLibrariesChanged(PyObject *module, PyObject *unused) {
  kernRuntimeLibrariesChanged();
  Py_RETURN_NONE;
}

static PyObject *moduleGetNumThreads(PyObject *module, PyObject *unused) {
  return PyLong_FromLong(kernRuntimeGetNumThreads());
}

static PyObject *moduleInstallInterruptHandler(PyObject *module,
                                               PyObject *unused) {
  return PyBool_FromLong(kernRuntimeInstallInterruptHandler());
}

static PyMethodDef moduleMethods[] = {
    {"arg_codes", moduleArgCodes, METH_O, arg_codes_doc},
    {"install_interrupt_handler", moduleInstallInterruptHandler, METH_NOARGS,
     "install_interrupt_handler() -> bool: puts kern's SIGINT handler in "
     "front of Python's, so that Ctrl-C stops compiled loops "
     "(lib/Runtime/Interrupt.c); False when SIGINT is ignored or default."},
    {"register_class", moduleRegisterClass, METH_VARARGS, register_class_doc},
    {"register_tuple_class", moduleRegisterTupleClass, METH_O,
     register_tuple_class_doc},
    {"objmode_site", kernObjmodeSite, METH_O,
     "objmode_site(runner) -> int\n\nThe site number of a with "
     "objmode(...) block whose runner(args) runs its body (kern/_objmode.c)."},
    {"register_record_dtype", kernRegisterRecordDtype, METH_O,
     "register_record_dtype(dtype) -> int\n\nThe code KERN_RECORD | id "
     "of a structured dtype (_records.h), made at the first call."},
    {"register_generator_type", moduleRegisterGeneratorType, METH_O,
     register_generator_type_doc},
    {"register_callback", moduleRegisterCallback, METH_VARARGS,
     register_callback_doc},
    {"use_vectorcall", moduleUseVectorcall, METH_O, use_vectorcall_doc},
    {"libraries_changed", moduleLibrariesChanged, METH_NOARGS,
     "libraries_changed(): code was loaded (kern/cache.py): the runtime "
     "looks for libomp again."},
    {"set_num_threads", moduleSetNumThreads, METH_O,
     "set_num_threads(n): threads used by parallel=True code."},
    {"get_num_threads", moduleGetNumThreads, METH_NOARGS,
     "get_num_threads() -> int: threads used by parallel=True code."},
    {"tuple_keys", kernTupleKeysRegister, METH_O,
     "tuple_keys(kinds) -> the code bits of tuple keys (_dictkeys.c)."},
    {"dict_value_type", kernDictValueTypeRegister, METH_VARARGS,
     "dict_value_type(key_code, item_id) -> the code of a dict of tuple, "
     "array or list values (_dictvalues.c)."},
    {"list_item_type", kernListItemType, METH_O,
     "list_item_type(codes) -> id: of a list result's items (_listitems.c)."},
    KERN_UFUNC_METHODS
    {NULL, NULL, 0, NULL},
};

static int moduleExec(PyObject *module) {
  kernRuntimeInstallInterruptHandler(); /* Ctrl-C stops compiled loops */
  str_on_miss = PyUnicode_InternFromString("_on_miss");
  if (!str_on_miss)
    return -1;
  PyObject *type = PyType_FromModuleAndSpec(module, &dispatcherSpec, NULL);
  if (!type || PyModule_AddObjectRef(module, "Dispatcher", type) < 0) {
    Py_XDECREF(type);
    return -1;
  }
  dispatcherType = (PyTypeObject *)type; /* the module keeps it alive */
  Py_DECREF(type);
  type = PyType_FromModuleAndSpec(module, &instanceSpec, NULL);
  if (!type || PyModule_AddObjectRef(module, "Instance", type) < 0) {
    Py_XDECREF(type);
    return -1;
  }
  instanceType = (PyTypeObject *)type;
  Py_DECREF(type);
  type = PyType_FromModuleAndSpec(module, &functionPointerSpec, NULL);
  if (!type || PyModule_AddObjectRef(module, "FunctionPointer", type) < 0) {
    Py_XDECREF(type);
    return -1;
  }
  functionPointerType = (PyTypeObject *)type;
  Py_DECREF(type);
  type = PyType_FromModuleAndSpec(module, &fieldSpec, NULL);
  if (!type || PyModule_AddObjectRef(module, "Field", type) < 0) {
    Py_XDECREF(type);
    return -1;
  }
  Py_DECREF(type);
  callbackNames = PyDict_New();
  if (!callbackNames ||
      PyModule_AddObjectRef(module, "_callback_names", callbackNames) < 0)
    return -1;
  kernRuntimeSetCallbackErrorHandler(callbackError);
  kernRuntimeSetPrintHandler(printLine);
  tupleClassCodes = PyDict_New();
  tupleClasses = PyDict_New();
  if (!tupleClassCodes || !tupleClasses || kernRecordsInit() < 0 ||
      kernObjmodeInit() < 0)
    return -1;
  kernStrSetDatabase();
  instanceClasses = PyDict_New();
  if (!instanceClasses ||
      PyModule_AddObjectRef(module, "_instance_classes", instanceClasses) < 0)
    return -1;
  if (PyModule_AddIntConstant(module, "TUPLE", KERN_TUPLE) < 0 ||
      PyModule_AddIntConstant(module, "NDIM_SHIFT", KERN_NDIM_SHIFT) < 0 ||
      PyModule_AddIntConstant(module, "NONE", kCodeNone) < 0 ||
      PyModule_AddIntConstant(module, "STR", KERN_STR_CODE) < 0 ||
      PyModule_AddIntConstant(module, "OMITTED", kCodeOmitted) < 0 ||
      PyModule_AddIntConstant(module, "OPTIONAL", KERN_OPTIONAL) < 0 ||
      PyModule_AddIntConstant(module, "SET", KERN_SET) < 0 ||
      PyModule_AddIntConstant(module, "TUPLE_KEYS", KERN_TUPLE_KEYS) < 0 ||
      PyModule_AddIntConstant(module, "INSTANCE", KERN_INSTANCE) < 0 ||
      PyModule_AddIntConstant(module, "NAMEDTUPLE", KERN_NAMEDTUPLE) < 0 ||
      PyModule_AddIntConstant(module, "RECORD_ELEMENT", KERN_RECORD_ELEMENT) < 0 ||
      PyModule_AddIntConstant(module, "GENERATOR", KERN_GENERATOR) < 0 ||
      PyModule_AddIntConstant(module, "FNPTR", KERN_FNPTR) < 0 ||
      PyModule_AddIntConstant(module, "LIST", KERN_LIST) < 0 ||
      PyModule_AddIntConstant(module, "LIST_OF", KERN_LIST_OF) < 0 ||
      PyModule_AddIntConstant(module, "DICT_OF", KERN_DICT_OF) < 0 ||
      PyModule_AddIntConstant(module, "DICT", KERN_DICT) < 0 ||
      PyModule_AddIntConstant(module, "READONLY", KERN_READONLY) < 0 ||
      PyModule_AddIntConstant(module, "LAYOUT_C", KERN_LAYOUT_C) < 0 ||
      PyModule_AddIntConstant(module, "LAYOUT_F", KERN_LAYOUT_F) < 0)
    return -1;
  return 0;
}

static PyModuleDef_Slot moduleSlots[] = {
    {Py_mod_exec, moduleExec},
    {0, NULL},
};

static struct PyModuleDef kernrtModule = {
    PyModuleDef_HEAD_INIT,
    .m_name = "kern._kernrt",
    .m_doc = "kern's call path: Python arguments to compiled code and back.",
    .m_methods = moduleMethods,
    .m_slots = moduleSlots,
};

PyMODINIT_FUNC PyInit__kernrt(void) { return PyModuleDef_Init(&kernrtModule); }
