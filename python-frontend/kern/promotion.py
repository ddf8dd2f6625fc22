"""NumPy's type promotion on kern's scalar types: `promote` (np.result_type
of two dtypes), `sum_type` (the dtype of a sum), `promote_with_scalar`
(NEP 50's weak Python scalars). Re-exported by kern.types.

    >>> from kern.types import promote, int32, float32
    >>> promote(int32, float32)
    float64
"""

from __future__ import annotations

from .types import (Scalar, complex64, complex128, float32, float64, int16,
                    int32, int64, uint64)

__all__ = ["promote", "sum_type", "promote_with_scalar"]

_KIND_ORDER = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}


def promote(a: Scalar, b: Scalar) -> Scalar:
    """NumPy's `np.result_type` of two dtypes.

    >>> from kern.types import int8, uint8, uint32
    >>> promote(int64, uint64), promote(float32, complex64)
    (float64, complex64)
    >>> promote(int8, uint8), promote(uint32, int32), promote(int16, float32)
    (int16, int64, float32)
    """
    if a is b:
        return a
    if a.kind in "Mm" or b.kind in "Mm":
        return _promote_datetimes(a, b)
    if a.kind == "b":
        return b
    if b.kind == "b":
        return a
    if a.kind == b.kind:
        return a if a.bits >= b.bits else b
    if {a.kind, b.kind} == {"i", "u"}:
        s, u = (a, b) if a.kind == "i" else (b, a)
        if s.bits > u.bits:
            return s
        return _SIGNED.get(2 * u.bits, float64)  # uint64 with any: float64
    if _KIND_ORDER[a.kind] > _KIND_ORDER[b.kind]:
        a, b = b, a
    # now a is of the lower kind; `need` is the float that holds a exactly
    need = 64 if a.kind == "f" and a.bits == 64 or a.kind in "iu" and \
        a.bits >= 32 else 32
    if b.kind == "f":
        return float64 if max(need, b.bits) == 64 else float32
    return complex128 if max(2 * need, b.bits) == 128 else complex64


_SIGNED = {16: int16, 32: int32, 64: int64}


def _promote_datetimes(a: Scalar, b: Scalar) -> Scalar:
    """Two datetimes (or two timedeltas): the finer unit; anything else
    has no common type (kern/datetimetype.py).

    >>> from kern.datetimetype import datetime_type
    >>> promote(datetime_type("M", "D"), datetime_type("M", "h"))
    datetime64[h]
    """
    from .datetimetype import best_unit, conversion_factor, datetime_type
    from .errors import TypingError
    if a.kind == b.kind:
        u = best_unit(a.unit, b.unit)
        if a.kind == "M" or (conversion_factor(a.unit, u) is not None and
                             conversion_factor(b.unit, u) is not None):
            return datetime_type(a.kind, u)
    raise TypingError(f"no common type of {a} and {b} (NumPy's datetime "
                      f"rules)")


def sum_type(t: Scalar) -> Scalar:
    """The dtype of NumPy's sum, prod, cumsum and cumprod of a `t` array:
    booleans and integers narrower than 64 bits widen to int64 (uint64 if
    unsigned).

    >>> from kern.types import bool_, int8, uint16
    >>> sum_type(bool_), sum_type(int8), sum_type(uint16), sum_type(float32)
    (int64, int64, uint64, float32)
    """
    if t.kind == "b" or t.kind == "i" and t.bits < 64:
        return int64
    if t.kind == "u":
        return uint64
    return t


def promote_with_scalar(arr: Scalar, scalar: Scalar) -> Scalar:
    """The dtype of `array op scalar` (a Python scalar is a 'weak' type).

    A scalar of the same or a lower kind than the array's dtype does not
    change it (`float32 array * 2.0` stays float32); a higher kind uses the
    default type of its kind.

    >>> promote_with_scalar(float32, float64), promote_with_scalar(int32, float64)
    (float32, float64)
    """
    ka, ks = _KIND_ORDER[arr.kind], _KIND_ORDER[scalar.kind]
    if ks <= ka:
        return arr
    if scalar.kind == "c" and arr.kind == "f":
        return complex64 if arr.bits == 32 else complex128
    default = {"i": int64, "u": int64, "f": float64, "c": complex128}
    return promote(arr, default[scalar.kind])


