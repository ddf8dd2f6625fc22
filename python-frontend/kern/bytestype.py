"""kern's bytes results: Numba's `Bytes` type, a read-only C-contiguous
array of uint8 that compiled code indexes, iterates and measures like
one (`len(b)`, `b[i]` an int, `np.frombuffer(b)`) and that returns to
Python as a `bytes` object (type code 'y', kern/_kernrt.c). `a.tobytes()`
makes one. Views of it (slices) are uint8 arrays.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     b = a.tobytes()
    ...     return b, len(b), b[8]
    >>> f(np.array([0, 1], np.int64))
    (b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00', 16, 1)
"""

from __future__ import annotations

from typing import Any

from .types import Array, uint8

__all__ = ["Bytes", "bytes_", "is_bytes"]


class Bytes(Array):
    """The type of a bytes value made by compiled code."""

    def __init__(self) -> None:
        super().__init__(uint8, 1, "C", True)

    def __repr__(self) -> str:
        return "bytes"

    __str__ = __repr__

    kind_of_array = "bytes"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Bytes)

    def __hash__(self) -> int:
        return hash("kern.bytes")

    def copy(self, *args: Any, **kwargs: Any) -> Array:
        """A plain uint8 array type (a view of the bytes)."""
        return Array(uint8, 1, "C", True).copy(*args, **kwargs)


bytes_ = Bytes()


def is_bytes(t: Any) -> bool:
    return isinstance(t, Bytes)
