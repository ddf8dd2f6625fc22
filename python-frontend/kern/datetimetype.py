"""Numba's `NPDatetime` and `NPTimedelta`: NumPy's datetime64 and
timedelta64 of one unit.

A value is an int64 count of its unit since 1970-01-01 (a datetime) or a
count of units (a timedelta); NaT is the smallest int64. The unit is part
of the type, as in Numba and NumPy, so that `datetime64[D]` and
`datetime64[s]` are different types; the generic unit ('', as
`np.timedelta64(5)`) converts to any other::

    >>> import numpy as np
    >>> t = datetime_type("M", "D")
    >>> t, t.mlir, t.np, t is from_np_dtype(np.dtype("M8[D]"))
    (datetime64[D], 'i64', dtype('<M8[D]'), True)
    >>> best_unit("s", "ms"), best_unit("", "D")
    ('ms', 'D')
    >>> conversion_factor("h", "s"), conversion_factor("M", "D")
    (3600, None)

Arithmetic, comparisons and np.isnat are emitted by
kern/frontend/datetimes.py; the C call path passes the values as int64
with the unit in the type code (NumPy's NPY_DATETIMEUNIT, kern/_kernrt.c).
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from .types import Scalar

__all__ = ["NPDatetime", "NPTimedelta", "UNITS", "datetime_type",
           "from_np_dtype", "is_datetime", "best_unit", "conversion_factor",
           "can_cast_units", "NAT"]

# NumPy's NPY_DATETIMEUNIT numbers (3 was the removed business day); ''
# is the generic unit.
UNITS: Dict[str, int] = {"Y": 0, "M": 1, "W": 2, "D": 4, "h": 5, "m": 6,
                         "s": 7, "ms": 8, "us": 9, "ns": 10, "ps": 11,
                         "fs": 12, "as": 13, "": 14}
_UNIT_NAMES = {code: name for name, code in UNITS.items()}
GENERIC = 14

# The int64 of NaT.
NAT = -2 ** 63

# Each unit to the next finer one it divides exactly: (finer, factor).
_FINER = {0: (1, 12), 2: (4, 7), 4: (5, 24), 5: (6, 60), 6: (7, 60),
          7: (8, 1000), 8: (9, 1000), 9: (10, 1000), 10: (11, 1000),
          11: (12, 1000), 12: (13, 1000)}


class _DatetimeBase(Scalar):
    """A datetime64 or timedelta64 of `unit`; kind 'M' or 'm'."""

    def __init__(self, kind: str, unit: str) -> None:
        word = "datetime64" if kind == "M" else "timedelta64"
        name = f"{word}[{unit}]" if unit else word
        Scalar.__init__(self, name, kind, 64, "i64")
        self.unit = unit

    @property
    def np(self) -> Any:
        import numpy
        return numpy.dtype(self.name)

    @property
    def unit_code(self) -> int:
        """NumPy's number of the unit (the type code's low byte)."""
        return UNITS[self.unit]

    def __reduce_ex__(self, protocol: Any) -> Any:
        return datetime_type, (self.kind, self.unit)


class NPDatetime(_DatetimeBase):
    """Numba's `types.NPDatetime(unit)`: a numpy.datetime64 (one object
    per unit).

    >>> NPDatetime("ns") is datetime_type("M", "ns")
    True
    """

    def __new__(cls, unit: str = "") -> "NPDatetime":
        return datetime_type("M", unit)

    def __init__(self, unit: str = "") -> None:
        super().__init__("M", unit)


class NPTimedelta(_DatetimeBase):
    """Numba's `types.NPTimedelta(unit)`: a numpy.timedelta64."""

    def __new__(cls, unit: str = "") -> "NPTimedelta":
        return datetime_type("m", unit)

    def __init__(self, unit: str = "") -> None:
        super().__init__("m", unit)


_TYPES: Dict[Tuple[str, str], _DatetimeBase] = {}


def datetime_type(kind: str, unit: str) -> _DatetimeBase:
    """The type of kind 'M' (datetime64) or 'm' (timedelta64) and `unit`
    (one object each: kern compares types by identity).

    >>> datetime_type("m", ""), datetime_type("m", "ns")
    (timedelta64, timedelta64[ns])
    """
    if unit not in UNITS:
        raise TypeError(f"kern: unknown datetime unit '{unit}'")
    t = _TYPES.get((kind, unit))
    if t is None:
        t = object.__new__(NPDatetime if kind == "M" else NPTimedelta)
        t.__init__(unit)
        _TYPES[(kind, unit)] = t
    return t


def from_np_dtype(dtype: Any) -> _DatetimeBase:
    """The type of a datetime64 or timedelta64 dtype; multiples of a unit
    ('M8[10ms]') are a TypeError, as in Numba."""
    import numpy
    unit, count = numpy.datetime_data(dtype)
    if count != 1:
        raise TypeError(f"kern does not support the dtype {dtype} (a "
                        f"multiple of a unit)")
    return datetime_type(dtype.kind, "" if unit == "generic" else unit)


def is_datetime(t: Any) -> bool:
    """Whether `t` is a datetime64 or timedelta64 type."""
    return isinstance(t, _DatetimeBase)


def best_unit(a: str, b: str) -> str:
    """The finer of two units (the generic unit gives way to any)."""
    ca, cb = UNITS[a], UNITS[b]
    if ca == GENERIC:
        return b
    if cb == GENERIC:
        return a
    return b if cb > ca else a


def conversion_factor(src: str, dest: str) -> Optional[int]:
    """The integer that converts a count of `src` into one of `dest`, or
    None when no integer does (years and months against days and finer,
    or a coarser `dest`)."""
    c, end = UNITS[src], UNITS[dest]
    if c == GENERIC:
        return 1
    factor = 1
    while c < end:
        if c not in _FINER:
            return None
        c, f = _FINER[c]
        factor *= f
    return factor if c == end else None


def can_cast_units(src: str, dest: str) -> bool:
    """NumPy's safe cast of a timedelta unit: to the same or a finer unit
    of the same kind (years and months apart from the others).

    >>> can_cast_units("D", "s"), can_cast_units("s", "D"), can_cast_units("Y", "D")
    (True, False, False)
    """
    return conversion_factor(src, dest) is not None and (
        UNITS[dest] != GENERIC or UNITS[src] == GENERIC)
