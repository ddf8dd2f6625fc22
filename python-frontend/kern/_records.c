/*===- _records.c - the registry of structured dtypes ----------------------===*
 *
 * Structured dtypes get codes KERN_RECORD | id in the order they are first
 * compiled for (see _records.h); equal dtypes (same fields, offsets and
 * item size) share a code, as NumPy's dtype equality says.
 *
 *===----------------------------------------------------------------------===*/

#include "_records.h"

static PyObject *codeOfDtype; /* {dtype: code} */
static PyObject *dtypeOfCode; /* {code: dtype} */

int kernRecordsInit(void) {
  codeOfDtype = PyDict_New();
  dtypeOfCode = PyDict_New();
  return codeOfDtype && dtypeOfCode ? 0 : -1;
}

int64_t kernRecordCode(PyObject *dtype) {
  PyObject *code = PyDict_GetItemWithError(codeOfDtype, dtype);
  if (!code)
    return PyErr_Occurred() ? -1 : 0;
  return (int64_t)PyLong_AsUnsignedLong(code);
}

PyObject *kernRecordDtype(uint32_t code) {
  PyObject *key = PyLong_FromUnsignedLong(code);
  if (!key)
    return NULL;
  PyObject *dtype = PyDict_GetItemWithError(dtypeOfCode, key);
  Py_DECREF(key);
  return dtype;
}

PyObject *kernRegisterRecordDtype(PyObject *module, PyObject *dtype) {
  (void)module;
  int64_t known = kernRecordCode(dtype);
  if (known < 0)
    return NULL;
  if (known)
    return PyLong_FromUnsignedLong((uint32_t)known);
  Py_ssize_t n = PyDict_GET_SIZE(codeOfDtype) + 1;
  if (n > 0xffffff) {
    PyErr_SetString(PyExc_OverflowError,
                    "kern: more than 2**24 structured dtypes compiled for");
    return NULL;
  }
  PyObject *code = PyLong_FromUnsignedLong(KERN_RECORD | (uint32_t)n);
  if (!code || PyDict_SetItem(codeOfDtype, dtype, code) < 0 ||
      PyDict_SetItem(dtypeOfCode, code, dtype) < 0) {
    Py_XDECREF(code);
    return NULL;
  }
  return code;
}
