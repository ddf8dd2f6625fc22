"""Numba's `Record`: the type of an element of a NumPy structured array.

A structured dtype (`np.dtype([('x', 'f8'), ('y', 'i4')])`, packed or
aligned) is a `Record`: its fields (name, kern type, byte offset) and item
size. An array of records is a kern `Array` whose dtype is the Record; in
compiled code it is a memref of bytes (`i8`) with byte strides, so any
field layout -- packed fields at odd offsets included -- is addressed
exactly; a record value (`a[i]`, an `np.void` argument) is a rank-0 view
of its bytes::

    >>> import numpy as np
    >>> r = record_of(np.dtype([('x', 'f8'), ('y', 'i4')]))
    >>> r
    Record(x[type=float64;offset=0],y[type=int32;offset=8];12;False)
    >>> r.mlir, r.field('y')
    ('memref<i8, strided<[], offset: ?>>', (int32, 8))
    >>> from kern.types import typeof
    >>> typeof(np.zeros(3, r.np))
    Record(x[type=float64;offset=0],y[type=int32;offset=8];12;False)[:]

Field reads and writes are LLVM-dialect loads and stores at the field's
byte offset (kern/frontend/records.py). The same dtype always gives the
same Record object (`Array` compares dtypes by identity).
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional, Tuple as PyTuple

from .types import Array, Type

__all__ = ["Record", "record_of", "is_record", "is_record_array", "from_dtype",
           "record_typeof"]


class Record(Type):
    """A structured dtype: `fields` maps a name to (kern type, byte
    offset): a scalar, a nested Record, an Array for a sub-array field
    (its shape in `shapes`), None for a field kern cannot read (strings);
    `size` is the item size."""

    kind = "V"
    mlir = "memref<i8, strided<[], offset: ?>>"  # a record value
    element_mlir = "i8"  # in an array: its bytes

    def __init__(self, dtype: Any) -> None:
        self.np = dtype
        self.size = dtype.itemsize
        self.bits = 8 * dtype.itemsize
        self.aligned = bool(dtype.isalignedstruct)
        self.fields: Dict[str, PyTuple[Optional[Type], int]] = {}
        self.shapes: Dict[str, PyTuple[int, ...]] = {}  # array fields
        parts: List[str] = []
        for name in dtype.names:
            fdt, offset = dtype.fields[name][:2]
            if not fdt.isnative and fdt.byteorder != "|":
                raise TypeError(f"kern cannot pass a structured dtype whose "
                                f"field '{name}' has non-native byte order "
                                f"({fdt.str})")
            ft = _field_type(fdt)
            if fdt.shape and ft is not None:
                self.shapes[name] = fdt.shape
            self.fields[name] = (ft, offset)
            shown = ft if ft is None or not fdt.shape else \
                f"nestedarray({ft.dtype}, {fdt.shape})"
            parts.append(f"{name}[type={shown or fdt.str};"
                         f"offset={offset}]")
        self.name = (f"Record({','.join(parts)};{self.size};"
                     f"{self.aligned})")

    readonly = False  # a record of a readonly array: no field writes

    def as_readonly(self) -> "Record":
        """The readonly twin of this type (one object per Record)."""
        twin = getattr(self, "_readonly", None)
        if twin is None:
            twin = copy.copy(self)
            twin.readonly, twin.name = True, "readonly " + self.name
            self._readonly = twin
        return twin

    def __getitem__(self, dims: Any) -> Array:
        """`rec[:]`, `rec[:, :]`: the type of an array of these records
        (layout 'A', whatever the slices say), as Numba writes
        `from_dtype(dt)[:]` in signatures."""
        n = len(dims) if isinstance(dims, tuple) else 1
        return Array(self, n, "A")

    def __call__(self, *args: Any) -> Any:
        from .types import Signature
        return Signature(self, tuple(args))

    def field(self, name: str) -> PyTuple[Optional[Type], int]:
        """(type, offset) of a field; KeyError when there is none."""
        return self.fields[name]

    def __repr__(self) -> str:
        return self.name

    __str__ = __repr__


def _field_type(fdt: Any) -> Optional[Type]:
    """A field's kern type: a scalar, a Record (a nested structured
    dtype), an Array of scalars with `Record.shapes` (a sub-array field);
    None for what kern cannot read (strings, sub-arrays of records)."""
    from .types import from_dtype
    if fdt.shape:
        base = fdt.base
        if base.fields is not None or base.kind not in "biufc":
            return None
        return Array(from_dtype(base), len(fdt.shape), "C")
    if fdt.fields is not None:
        return record_of(fdt)
    try:
        return from_dtype(fdt)
    except TypeError:
        return None


_RECORDS: Dict[Any, Record] = {}


def record_of(dtype: Any) -> Record:
    """The Record of a structured NumPy dtype (one object per dtype)."""
    import numpy
    dtype = numpy.dtype(dtype)
    if dtype.fields is None:
        raise TypeError(f"kern: {dtype} is not a structured dtype")
    r = _RECORDS.get(dtype)
    if r is None:
        r = _RECORDS[dtype] = Record(dtype)
    return r


def from_dtype(dtype: Any) -> Type:
    """`kern.from_dtype`, as Numba's: the scalar type of a dtype, or the
    Record of a structured one (`kern.from_dtype(dt)[:]` in signatures).

    >>> import numpy as np
    >>> from_dtype(np.float32), from_dtype([('x', 'f8')])[:]
    (float32, Record(x[type=float64;offset=0];8;False)[:])
    """
    import numpy
    from .types import from_dtype as scalar_from_dtype
    if numpy.dtype(dtype).fields is not None:
        return record_of(dtype)
    return scalar_from_dtype(dtype)


def record_typeof(value: Any) -> Type:
    """The kern type of a structured NumPy array (layout 'A' always: its
    strides are bytes, not items; readonly as its flags say) or of a
    record scalar (np.void)."""
    import numpy
    if isinstance(value, numpy.void):
        return record_of(value.dtype)
    if value.ndim < 1:
        raise TypeError("kern cannot pass a 0-d structured array; pass "
                        "its record a[()]")
    return Array(record_of(value.dtype), value.ndim, "A",
                 not value.flags.writeable)


def is_record(t: Any) -> bool:
    return isinstance(t, Record)


def is_record_array(t: Any) -> bool:
    return isinstance(t, Array) and isinstance(t.dtype, Record)
