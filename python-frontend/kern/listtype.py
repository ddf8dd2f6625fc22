"""Numba's `types.List`: a Python list made in compiled code, of items of
one scalar type. At run time it is a pointer to the runtime's KernList
(lib/Runtime/List.c); compiled code returns it to Python as a list.

    >>> from kern.types import float64
    >>> t = List(float64)
    >>> t, t.mlir, t == List(float64), List(None)
    (list(float64), '!llvm.ptr', True, list(undefined))

The item type of an empty list (`out = []`) is learned from what is
appended to it later, as Numba does: `List(None)` stands for it until
then, with the AST node that made the list as its `origin`.
"""

from __future__ import annotations

from typing import Any, Optional

from .types import (Scalar, Type, complex128, float64, int64,
                    typeof)

__all__ = ["List", "list_type", "widened"]


class List(Type):
    """The type of a list of `dtype` items (None: not known yet)."""

    mlir = "!llvm.ptr"

    def __init__(self, dtype: Optional[Type], origin: Any = None) -> None:
        self.dtype = dtype
        self.origin = origin  # where an empty list was made (not compared)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, List) and other.dtype == self.dtype

    def __hash__(self) -> int:
        return hash(("List", self.dtype))

    def __repr__(self) -> str:
        return f"list({self.dtype if self.dtype is not None else 'undefined'})"

    __str__ = __repr__

    @property
    def typed(self) -> bool:
        """Whether the item type is known."""
        return self.dtype is not None

    @property
    def item_size(self) -> int:
        """Bytes per item in the runtime's list (a bool is one byte)."""
        return max(1, self.dtype.bits // 8) if self.dtype is not None else 8


def widened(values: Any, what: str) -> Scalar:
    """The type of numbers: their one type, or Python's widening (bool <
    int < float < complex), as _kernrt.c's `widened`."""
    types = [typeof(v) for v in values]
    if not all(isinstance(t, Scalar) for t in types):
        raise TypeError(f"kern passes {what} of numbers, not of "
                        f"{next(t for t in types if not isinstance(t, Scalar))}")
    if all(t == types[0] for t in types):
        return types[0]
    widest = max(types, key=lambda t: "biufc".index(t.kind)).kind
    return {"c": complex128, "f": float64}.get(widest, int64)


def list_type(value: list) -> Type:
    """The type of a Python list passed to compiled code."""
    if not value:
        raise TypeError("kern cannot type an empty list (its items' type is "
                        "unknown); pass a list with items, or a "
                        "kern.typed.List.empty_list(type)")
    if all(isinstance(v, str) for v in value):  # a list of str
        from .strtype import unicode_type
        return List(unicode_type)
    return List(widened(value, "lists"))
