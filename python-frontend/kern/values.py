"""The kern type of a Python or NumPy value (what a call's arguments are
typed as), and of a NumPy dtype. Re-exported by kern.types.

    >>> from kern.types import typeof
    >>> typeof(1.5), typeof((1, 2.0))
    (float64, Tuple(int64, float64))
"""

from __future__ import annotations

from typing import Any

from .strtype import unicode_type
from .types import (MAX_NDIM, SCALARS, Array, Buffer, Dispatcher, NamedTuple, Scalar,
                    Tuple, Type, bool_, complex128, float64, int64,
                    is_namedtuple_class, none, npy_rng)

__all__ = ["from_dtype", "typeof", "is_buffer", "buffer_array"]


def is_buffer(value: Any) -> bool:
    """Whether `value` is a bytes, bytearray, memoryview or array.array,
    which compiled code sees as the 1-D (a memoryview: n-D) array over its
    memory (bytes: readonly uint8, as Numba's Bytes)."""
    return isinstance(value, (bytes, bytearray, memoryview)) or (
        type(value).__name__ == "array" and
        type(value).__module__ == "array")


def buffer_array(value: Any) -> Any:
    """The NumPy array over a buffer's memory (no copy).

    >>> buffer_array(b"ab"), buffer_array(bytearray(b"a")).flags.writeable
    (array([97, 98], dtype=uint8), True)
    """
    import numpy
    if isinstance(value, (bytes, bytearray)):
        return numpy.frombuffer(value, numpy.uint8)
    return numpy.asarray(value)

def from_dtype(dtype: Any) -> Scalar:
    """The kern scalar type of a NumPy dtype (or dtype-like).

    >>> import numpy as np; from_dtype(np.float32)
    float32
    """
    import numpy
    dtype = numpy.dtype(dtype)
    if dtype.kind in "Mm":  # kern/datetimetype.py
        from .datetimetype import from_np_dtype
        return from_np_dtype(dtype)
    name = dtype.name
    if name not in SCALARS:
        raise TypeError(f"kern does not support the dtype {name}")
    return SCALARS[name]


def typeof(value: Any) -> Type:
    """The kern type of a Python or NumPy value.

    >>> typeof(1.5), typeof(3), typeof(True), typeof(None)
    (float64, int64, bool, none)
    """
    if value is None:
        return none
    if getattr(type(value), "_kern_dispatcher", False) is True:
        return Dispatcher(value)
    if getattr(type(value), "_kern_cfunc", False) is True:
        return value.function_type  # a functiontype.FunctionType
    instance = getattr(type(value), "_kern_instance_type", None)
    if instance is not None:  # a @kern.jitclass instance
        return instance
    if isinstance(value, bool):
        return bool_
    if isinstance(value, str):
        return unicode_type
    if isinstance(value, int):
        return int64
    if isinstance(value, float):
        return float64
    if isinstance(value, complex):
        return complex128
    if isinstance(value, tuple):
        items = [typeof(v) for v in value]
        if is_namedtuple_class(type(value)):
            return NamedTuple(items, type(value))
        return Tuple(items)
    import numpy
    if isinstance(value, (numpy.ndarray, numpy.void)) and \
            value.dtype.fields is not None:  # structured: kern/recordtype.py
        from .recordtype import record_typeof
        return record_typeof(value)
    if isinstance(value, numpy.ndarray):
        if value.ndim > MAX_NDIM:
            raise TypeError(f"kern arrays have 0 to {MAX_NDIM} dimensions, "
                            f"not {value.ndim}")
        f = value.flags
        layout = "C" if f.c_contiguous else ("F" if f.f_contiguous else "A")
        return Array(from_dtype(value.dtype), value.ndim, layout,
                     not f.writeable)
    if isinstance(value, numpy.generic):
        return from_dtype(value.dtype)
    if type(value) is set:  # reflected
        from .settype import set_type
        return set_type(value)
    if type(value).__module__ == "numpy.random._generator" and \
            isinstance(value, numpy.random.Generator):
        return npy_rng
    if isinstance(value, (list, dict)):  # reflected (kern/typed.py too)
        given = getattr(value, "_kern_type", None)
        if given is not None:
            return given
        from .dicttype import dict_type
        from .listtype import list_type
        return list_type(value) if isinstance(value, list) else \
            dict_type(value)
    if is_buffer(value):
        a = typeof(buffer_array(value))
        kind = type(value).__name__
        return Buffer(a.dtype, a.ndim, a.layout, a.readonly,
                      "array.array" if kind == "array" else kind)
    raise TypeError(f"kern cannot pass a value of type {type(value).__name__}")


