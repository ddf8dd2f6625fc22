/*===- _records.h - structured dtypes in the call path ---------------------===*
 *
 * An array of a structured dtype (NumPy's records, kern/recordtype.py)
 * reaches compiled code as a memref of bytes with byte strides; a record
 * scalar (np.void) as a rank-0 view of its bytes. Both are keyed by the
 * array code of ('V' << 8 | 1) with the rank, followed by the dtype's
 * code KERN_RECORD | id (no slot), registered from Python
 * (`register_record_dtype`) the first time a dtype is compiled for:
 *
 *   a = np.zeros(3, [('x', 'f8'), ('y', 'i4')])
 *   f(a)     codes 0x25601 (byte array, rank 1), 0x0C000001 (the dtype)
 *   f(a[0])  codes 0x15601 (rank 0: one record), 0x0C000001
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_PYTHON_RECORDS_H
#define KERN_PYTHON_RECORDS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define KERN_RECORD 0x0C000000u
#define KERN_RECORD_ELEMENT (('V' << 8) | 1)

/* The code KERN_RECORD | id of a registered dtype, 0 when it has none
 * (-1 with an exception set on a failed lookup). */
int64_t kernRecordCode(PyObject *dtype);
/* The dtype of a record code (borrowed), NULL when unknown. */
PyObject *kernRecordDtype(uint32_t code);
/* register_record_dtype(dtype) -> int: the dtype's code, made once. */
PyObject *kernRegisterRecordDtype(PyObject *module, PyObject *dtype);
/* Makes the registry (at import): 0, or -1 with an exception set. */
int kernRecordsInit(void);

#endif /* KERN_PYTHON_RECORDS_H */
