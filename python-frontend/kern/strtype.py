"""Numba's `types.unicode_type`: a Python str in compiled code. At run time
it is a pointer to the runtime's KernStr (lib/Runtime/Str.c: the length,
then the code points as UCS4); compiled code returns it to Python as str.

    >>> unicode_type, unicode_type.mlir, unicode_type == UnicodeType()
    (unicode_type, '!llvm.ptr', True)
    >>> from kern.types import typeof
    >>> typeof("héllo")
    unicode_type

Like a scalar, it has a `kind` ('U', as NumPy's str dtype) and a size in
`bits` (a pointer's), so a list keeps str items as 8-byte pointers.
"""

from __future__ import annotations

from .types import Type

__all__ = ["UnicodeType", "unicode_type", "is_str_type"]


class UnicodeType(Type):
    """The type of str values."""

    mlir = "!llvm.ptr"
    kind = "U"
    bits = 64
    name = "unicode_type"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnicodeType)

    def __hash__(self) -> int:
        return hash("unicode_type")

    def __repr__(self) -> str:
        return "unicode_type"

    __str__ = __repr__


unicode_type = UnicodeType()


def is_str_type(t: object) -> bool:
    """Whether `t` is the str type."""
    return isinstance(t, UnicodeType)
